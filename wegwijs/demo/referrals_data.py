"""A few referrals between the Haarlem demo organisations, in every status but one.

Cliëntenbelang's supporter refers to the neighbourhood teams, whose demo
coordinator has two waiting (accept one to see a client and a case made at
the receiver) and declined one. The neighbourhood teams' supporter refers to
the Voedselbank (a facility outside Wegwijs) with its follow-up due, to the
gemeentelijke schuldhulpverlening with the follow-up answered (completed),
gives a warm tip for the Juridisch Loket and withdrew one to Cliëntenbelang.

The referrals come from the demo supporters' own open cases, so the case
history stays as the seed report has it; without that history (``load_demo
--without-cases``) each gets a case of its own, for an invented person from
the same name lists. Loading again creates nothing.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from wegwijs.accounts.models import Organisation, User
from wegwijs.cases import access
from wegwijs.cases import services as case_services
from wegwijs.cases.constants import CaseStatus
from wegwijs.cases.models import Case
from wegwijs.demo.data import DEMO_DOMAIN
from wegwijs.referrals import services
from wegwijs.referrals.constants import FollowUpChannel, GotHelp, ReferralMode, Sharing
from wegwijs.referrals.models import Referral, ReferralFollowUp

CLIENTENBELANG_SUPPORTER = f"ondersteuner-clientenbelang@{DEMO_DOMAIN}"
WIJKTEAM_SUPPORTER = f"ondersteuner@{DEMO_DOMAIN}"
WIJKTEAM_COORDINATOR = f"coordinator@{DEMO_DOMAIN}"


@dataclass(frozen=True)
class DemoReferral:
    sender: str
    to: str
    consent: str
    days_ago: int
    mode: str = ReferralMode.SENT
    # What happened next: "", "decline", "withdraw", "followup-due", "followup-answered".
    then: str = ""
    # For a case of its own (without the case history): an invented person and topic.
    given_name: str = "Anna"
    family_name: str = "de Vries"
    topic: str = "overig"


REFERRALS = [
    DemoReferral(
        CLIENTENBELANG_SUPPORTER,
        "sociale-wijkteams",
        Sharing.QUESTION_CONTACT,
        2,
        given_name="Marieke",
        family_name="Visser",
        topic="huishouden",
    ),
    DemoReferral(
        CLIENTENBELANG_SUPPORTER,
        "sociale-wijkteams",
        Sharing.QUESTION,
        4,
        given_name="Emre",
        family_name="Kaya",
        topic="sociaal-netwerk",
    ),
    DemoReferral(
        CLIENTENBELANG_SUPPORTER,
        "sociale-wijkteams",
        Sharing.QUESTION_CONTACT,
        20,
        then="decline",
        given_name="Femke",
        family_name="Bakker",
        topic="dagbesteding",
    ),
    DemoReferral(
        WIJKTEAM_SUPPORTER,
        "voedselbank",
        Sharing.QUESTION,
        16,
        then="followup-due",
        given_name="Fatma",
        family_name="Yilmaz",
        topic="financien",
    ),
    DemoReferral(
        WIJKTEAM_SUPPORTER,
        "schuldhulpverlening",
        Sharing.QUESTION_CONTACT,
        30,
        then="followup-answered",
        given_name="Henk",
        family_name="Smit",
        topic="financien",
    ),
    DemoReferral(
        WIJKTEAM_SUPPORTER,
        "juridisch-loket",
        Sharing.NOTHING,
        5,
        mode=ReferralMode.WARM_TIP,
        given_name="Niels",
        family_name="Meijer",
        topic="regelgeving",
    ),
    DemoReferral(
        WIJKTEAM_SUPPORTER,
        "clientenbelang",
        Sharing.QUESTION,
        8,
        then="withdraw",
        given_name="Ineke",
        family_name="de Boer",
        topic="bezwaar",
    ),
]


def _backdate(referral: Referral, days_ago: int) -> None:
    sent_at = timezone.now() - timedelta(days=days_ago)
    updates: dict[str, object] = {"sent_at": sent_at}
    if referral.followup_due_on is not None:
        updates["followup_due_on"] = sent_at.date() + (
            referral.followup_due_on - timezone.localdate()
        )
    Referral.objects.filter(pk=referral.pk).update(**updates)


def _case_for(item: DemoReferral, sender: User, used: set[int]) -> Case:
    """The sender's oldest open case not referred yet; a case of its own without history."""
    case = (
        access.cases_for(sender)
        .filter(status=CaseStatus.OPEN, supporters=sender)
        .exclude(pk__in=used)
        .select_related("client", "topic")
        .order_by("opened_on", "pk")
        .first()
    )
    if case is not None:
        return case
    client = case_services.client_create(
        actor=sender,
        given_name=item.given_name,
        family_name=item.family_name,
        phone=f"023-555 {9100 + len(used):04d}",
    )
    return case_services.case_open(
        actor=sender,
        client=client,
        topic_code=item.topic,
        question="Ik weet niet waar ik met mijn vraag terecht kan.",
        opened_on=timezone.localdate() - timedelta(days=item.days_ago + 3),
    )


@transaction.atomic
def demo_referrals_load() -> int:
    """Create the demo referrals unless the demo supporters already referred; return how many."""
    users = {user.email: user for user in User.objects.filter(email__endswith=DEMO_DOMAIN)}
    wanted = [WIJKTEAM_COORDINATOR, WIJKTEAM_SUPPORTER, CLIENTENBELANG_SUPPORTER]
    slugs = {item.to for item in REFERRALS} | {"clientenbelang", "sociale-wijkteams"}
    if any(email not in users for email in wanted) or Organisation.objects.filter(
        slug__in=slugs
    ).count() != len(slugs):
        return 0  # the accounts or organisations are not loaded (or were changed)
    senders = [users[CLIENTENBELANG_SUPPORTER], users[WIJKTEAM_SUPPORTER]]
    if Referral.objects.filter(sent_by__in=senders).exists():
        return 0
    coordinator = users[WIJKTEAM_COORDINATOR]
    used: set[int] = set()
    for item in REFERRALS:
        sender = users[item.sender]
        case = _case_for(item, sender, used)
        used.add(case.pk)
        referral = services.referral_create(
            actor=sender,
            case=case,
            to_organisation=item.to,
            mode=item.mode,
            consent=item.consent,
        )
        if item.then == "decline":
            services.referral_decline(
                actor=coordinator,
                referral=referral,
                reason_code="geen-capaciteit",
                note="Onze wachtlijst is nu te lang; probeer MEE & De Wering.",
            )
        elif item.then == "withdraw":
            services.referral_withdraw(actor=sender, referral=referral)
        elif item.then == "followup-answered":
            services.referral_followup_answer(actor=sender, referral=referral, got_help=GotHelp.YES)
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
    return len(REFERRALS)
