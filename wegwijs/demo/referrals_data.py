"""A few referrals between the Haarlem demo organisations, one in every status.

Cliëntenbelang's supporter refers to the neighbourhood teams, whose demo
coordinator has answered some (accepted, declined, accepted and completed)
and has one waiting. The neighbourhood teams' supporter refers to the
Voedselbank (a facility outside Wegwijs) with its follow-up due, gives a
warm tip for the Juridisch Loket and withdrew one. Every person is invented
(phone numbers in the 06-5550 range, e-mail under ``DEMO_DOMAIN``). Each
referral comes from its own case, found again by its question: loading again
creates nothing.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from wegwijs.accounts.models import Organisation, User
from wegwijs.cases import access
from wegwijs.cases import services as case_services
from wegwijs.demo.data import DEMO_DOMAIN
from wegwijs.referrals import services
from wegwijs.referrals.constants import FollowUpChannel, ReferralMode, Sharing
from wegwijs.referrals.models import Referral, ReferralFollowUp

CLIENTENBELANG_SUPPORTER = f"ondersteuner-clientenbelang@{DEMO_DOMAIN}"
WIJKTEAM_SUPPORTER = f"ondersteuner@{DEMO_DOMAIN}"
WIJKTEAM_COORDINATOR = f"coordinator@{DEMO_DOMAIN}"


@dataclass(frozen=True)
class DemoReferral:
    sender: str
    to: str
    given_name: str
    family_name: str
    phone: str
    topic: str
    question: str
    consent: str
    days_ago: int
    mode: str = ReferralMode.SENT
    # What happened next: "", "accept", "decline", "complete", "withdraw", "followup-due".
    then: str = ""


REFERRALS = [
    DemoReferral(
        CLIENTENBELANG_SUPPORTER,
        "sociale-wijkteams",
        "Mirjam",
        "Vogelenzang",
        "06-55501201",
        "huishouden",
        "Mevrouw kan het huishouden niet meer alleen en wil hulp in de buurt.",
        Sharing.QUESTION_CONTACT,
        2,
    ),
    DemoReferral(
        CLIENTENBELANG_SUPPORTER,
        "sociale-wijkteams",
        "Karim",
        "El Idrissi",
        "06-55501202",
        "sociaal-netwerk",
        "Meneer zit veel alleen thuis en zoekt contact met anderen.",
        Sharing.QUESTION,
        12,
        then="accept",
    ),
    DemoReferral(
        CLIENTENBELANG_SUPPORTER,
        "sociale-wijkteams",
        "Ellen",
        "Bloemendaal",
        "06-55501203",
        "dagbesteding",
        "Zoekt dagbesteding voor haar zoon van 24.",
        Sharing.QUESTION_CONTACT,
        20,
        then="decline",
    ),
    DemoReferral(
        CLIENTENBELANG_SUPPORTER,
        "sociale-wijkteams",
        "Johan",
        "Kleverpark",
        "06-55501204",
        "vervoer",
        "Heeft vervoer nodig naar het ziekenhuis.",
        Sharing.QUESTION_CONTACT,
        45,
        then="complete",
    ),
    DemoReferral(
        WIJKTEAM_SUPPORTER,
        "voedselbank",
        "Sevgi",
        "Yildiz",
        "06-55501205",
        "financien",
        "Het gezin komt deze maand niet rond met boodschappen.",
        Sharing.QUESTION,
        16,
        then="followup-due",
    ),
    DemoReferral(
        WIJKTEAM_SUPPORTER,
        "juridisch-loket",
        "Peter",
        "Heemstede",
        "06-55501206",
        "regelgeving",
        "Vraag over een conflict met de verhuurder.",
        Sharing.NOTHING,
        5,
        mode=ReferralMode.WARM_TIP,
    ),
    DemoReferral(
        WIJKTEAM_SUPPORTER,
        "clientenbelang",
        "Anouk",
        "Spaarnwoude",
        "06-55501207",
        "bezwaar",
        "Wil bezwaar maken tegen de Wmo-beschikking.",
        Sharing.QUESTION,
        8,
        then="withdraw",
    ),
]


def _exists(item: DemoReferral) -> bool:
    return Referral.objects.filter(
        from_organisation__slug=_organisation_of(item.sender),
        to_organisation__slug=item.to,
        from_case__question=item.question,
    ).exists()


def _organisation_of(email: str) -> str:
    return "clientenbelang" if email == CLIENTENBELANG_SUPPORTER else "sociale-wijkteams"


def _backdate(referral: Referral, days_ago: int) -> None:
    sent_at = timezone.now() - timedelta(days=days_ago)
    updates: dict[str, object] = {"sent_at": sent_at}
    if referral.followup_due_on is not None:
        updates["followup_due_on"] = sent_at.date() + (
            referral.followup_due_on - timezone.localdate()
        )
    Referral.objects.filter(pk=referral.pk).update(**updates)


@transaction.atomic
def demo_referrals_load() -> int:
    """Create the demo referrals that are missing; return how many were created."""
    users = {user.email: user for user in User.objects.filter(email__endswith=DEMO_DOMAIN)}
    wanted = [WIJKTEAM_COORDINATOR, WIJKTEAM_SUPPORTER, CLIENTENBELANG_SUPPORTER]
    slugs = {item.to for item in REFERRALS} | {"clientenbelang", "sociale-wijkteams"}
    if any(email not in users for email in wanted) or Organisation.objects.filter(
        slug__in=slugs
    ).count() != len(slugs):
        return 0  # the accounts or organisations are not loaded (or were changed)
    coordinator = users[WIJKTEAM_COORDINATOR]
    created = 0
    for item in REFERRALS:
        if _exists(item):
            continue
        sender = users[item.sender]
        client = case_services.client_create(
            actor=sender,
            given_name=item.given_name,
            family_name=item.family_name,
            phone=item.phone,
        )
        case = case_services.case_open(
            actor=sender,
            client=client,
            topic_code=item.topic,
            question=item.question,
            opened_on=timezone.localdate() - timedelta(days=item.days_ago + 3),
        )
        referral = services.referral_create(
            actor=sender,
            case=case,
            to_organisation=item.to,
            mode=item.mode,
            consent=item.consent,
        )
        if item.then in ("accept", "complete"):
            referral = services.referral_accept(actor=coordinator, referral=referral)
            if item.then == "complete":
                assert referral.to_case_id is not None
                received = access.case_get(coordinator, referral.to_case_id, audit=False)
                case_services.case_close(
                    actor=coordinator,
                    case=received,
                    version=received.version,
                    outcome_code="opgelost",
                )
        elif item.then == "decline":
            services.referral_decline(
                actor=coordinator,
                referral=referral,
                reason_code="geen-capaciteit",
                note="Onze wachtlijst is nu te lang; probeer MEE & De Wering.",
            )
        elif item.then == "withdraw":
            services.referral_withdraw(actor=sender, referral=referral)
        _backdate(referral, item.days_ago)
        if item.then == "followup-due":
            # Due since yesterday and already shown on the supporter's "Mijn werk";
            # the e-mail goes with the next run of send_referral_followups.
            Referral.objects.filter(pk=referral.pk).update(
                followup_due_on=timezone.localdate() - timedelta(days=1)
            )
            ReferralFollowUp.objects.get_or_create(
                referral=referral, channel=FollowUpChannel.IN_APP, defaults={"recipient": sender}
            )
        created += 1
    return created
