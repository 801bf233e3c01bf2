"""Writes of referrals: send (or give a warm tip), accept, decline, withdraw, complete,
and the follow-up of referrals outside the closed loop.

Client data is reached only through ``wegwijs.cases`` (access and services).
Every step writes an audit entry on the sending organisation's client and,
once it exists, on the receiving organisation's client, in the transaction of
the change.
"""

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wegwijs.accounts.constants import OrganisationKind
from wegwijs.accounts.models import Organisation, User
from wegwijs.accounts.permissions import Capability, has_capability
from wegwijs.cases import access
from wegwijs.cases import services as case_services
from wegwijs.cases.constants import ConsentSubject
from wegwijs.cases.models import Case
from wegwijs.core.audit import audit_log
from wegwijs.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from wegwijs.reference.models import ReferralDeclineReason
from wegwijs.referrals.constants import (
    DEFAULT_FOLLOWUP_DAYS,
    MAX_QUESTION_LENGTH,
    MAX_REASON_LENGTH,
    SHARING_ORDER,
    AuditEvent,
    FollowUpChannel,
    GotHelp,
    ReferralMode,
    ReferralStatus,
    Sharing,
)
from wegwijs.referrals.models import Referral, ReferralFollowUp

logger = logging.getLogger(__name__)

# The kinds of organisation a referral may go to.
REFERRAL_KINDS = (
    OrganisationKind.CLIENT_SUPPORT,
    OrganisationKind.FACILITY,
    OrganisationKind.MUNICIPAL_SERVICE,
)
DECLINE_REASON_NEEDS_NOTE = "overig"


def followup_days() -> int:
    return int(getattr(settings, "WEGWIJS_REFERRAL_FOLLOWUP_DAYS", DEFAULT_FOLLOWUP_DAYS))


def _require(actor: User, capability: Capability) -> None:
    if not has_capability(actor, capability):
        raise PermissionDenied(_("Uw rol mag dit niet doen met doorverwijzingen."))


def _locked(referral: Referral) -> Referral:
    return (
        Referral.objects.select_for_update(of=("self",))
        .select_related("from_case")
        .get(pk=referral.pk)
    )


def _log_both_sides(
    *,
    event: str,
    actor: User | None,
    referral: Referral,
    detail: dict[str, Any] | None = None,
) -> None:
    """One entry on the sender's client and one on the receiver's client, once there is one."""
    detail = {
        "from": referral.from_organisation_id,
        "to": referral.to_organisation_id,
        **(detail or {}),
    }
    audit_log(
        event=event,
        actor=actor,
        obj=referral,
        client_id=referral.from_case.client_id,
        detail=detail,
    )
    if referral.to_case_id is not None:
        audit_log(
            event=event,
            actor=actor,
            obj=referral,
            client_id=referral.to_case.client_id,  # type: ignore[union-attr]
            detail=detail,
        )


def _receiver(organisation: Organisation | str | int, sender: Organisation) -> Organisation:
    query = Organisation.objects.filter(kind__in=REFERRAL_KINDS)
    if isinstance(organisation, Organisation):
        query = query.filter(pk=organisation.pk)
    elif isinstance(organisation, int):
        query = query.filter(pk=organisation)
    else:
        query = query.filter(slug=organisation)
    found = query.first()
    if found is None:
        raise ValidationFailed(_("Kies een organisatie of voorziening."), field="to_organisation")
    if found.pk == sender.pk:
        raise ValidationFailed(
            _("Verwijs naar een andere organisatie dan uw eigen."), field="to_organisation"
        )
    return found


def _rank(sharing: str) -> int:
    return SHARING_ORDER.index(Sharing(sharing))


# --- Sending ------------------------------------------------------------------


@transaction.atomic
def referral_create(
    *,
    actor: User,
    case: Case | int,
    to_organisation: Organisation | str | int,
    mode: str,
    consent: str,
    shared: str | None = None,
    question: str = "",
    override_reason: str = "",
) -> Referral:
    """Refer the client of ``case`` to ``to_organisation``, or give a warm tip.

    ``consent`` is what the client agreed to share. A warm tip sends nothing:
    the client gets the receiver's contact details. A referral sends ``shared``
    (by default what the consent covers); sharing more than the consent needs
    an ``override_reason``, which is logged. What is shared is copied now.
    """
    _require(actor, Capability.REFER)
    case_obj = access.case_get(actor, case.pk if isinstance(case, Case) else case, audit=False)
    if not case_obj.is_open:
        raise Conflict(_("Deze kwestie is gesloten. Heropen de kwestie om te verwijzen."))
    sender = actor.organisation
    assert sender is not None
    receiver = _receiver(to_organisation, sender)
    if mode not in ReferralMode.values:
        raise ValidationFailed(_("Kies verwijzen of een warme tip."), field="mode")
    if consent not in Sharing.values:
        raise ValidationFailed(_("Kies wat de cliënt goedvindt om te delen."), field="consent")
    question = (question or "").strip()
    override_reason = (override_reason or "").strip()
    if mode == ReferralMode.WARM_TIP:
        shared, override_reason = Sharing.NOTHING, ""
    else:
        shared = shared or consent
        if shared not in Sharing.values:
            raise ValidationFailed(_("Kies wat u deelt."), field="shared")
        if shared == Sharing.NOTHING:
            raise ValidationFailed(
                _(
                    "Zonder toestemming kunt u alleen een warme tip geven. Of deel toch, "
                    "met de reden waarom."
                ),
                field="shared",
            )
        if _rank(shared) > _rank(consent):
            if not override_reason:
                raise ValidationFailed(
                    _("U deelt meer dan de cliënt goedvindt. Geef de reden, of deel minder."),
                    field="override_reason",
                )
            if len(override_reason) > MAX_REASON_LENGTH:
                raise ValidationFailed(
                    _("Houd de reden kort: hoogstens %(max)d tekens.") % {"max": MAX_REASON_LENGTH},
                    field="override_reason",
                )
        else:
            override_reason = ""
    if len(question) > MAX_QUESTION_LENGTH:
        raise ValidationFailed(
            _("Houd de vraag kort: hoogstens %(max)d tekens.") % {"max": MAX_QUESTION_LENGTH},
            field="question",
        )
    client = case_obj.client
    if shared == Sharing.QUESTION_CONTACT and not (
        client.given_name or client.family_name or client.phone or client.email
    ):
        raise ValidationFailed(
            _("Van deze cliënt zijn geen contactgegevens bekend. Deel alleen de vraag."),
            field="shared",
        )
    now = timezone.now()
    closed_loop = mode == ReferralMode.SENT and receiver.kind == OrganisationKind.CLIENT_SUPPORT
    referral = Referral(
        from_organisation=sender,
        from_case=case_obj,
        sent_by=actor,
        to_organisation=receiver,
        to_kind=receiver.kind,
        mode=mode,
        closed_loop=closed_loop,
        status=ReferralStatus.SENT,
        consent=consent,
        shared=shared,
        override_reason=override_reason,
        sent_at=now,
        followup_due_on=None if closed_loop else timezone.localdate() + timedelta(followup_days()),
    )
    if shared != Sharing.NOTHING:
        referral.shared_topic = case_obj.topic
        referral.shared_question = question or case_obj.question
    if shared == Sharing.QUESTION_CONTACT:
        referral.shared_given_name = client.given_name
        referral.shared_family_name = client.family_name
        referral.shared_phone = client.phone
        referral.shared_email = client.email
        referral.shared_language = client.preferred_language
    referral.full_clean(exclude=["from_organisation", "from_case", "to_organisation", "sent_by"])
    referral.save()
    if consent != Sharing.NOTHING:
        case_services.consent_record(
            actor=actor,
            client=client,
            subject=ConsentSubject.SHARE_REFERRAL,
            given_on=timezone.localdate(),
            purpose=(
                _("Doorverwijzing naar %(organisation)s: %(what)s")
                % {"organisation": receiver.name, "what": Sharing(consent).label}
            )[:300],
        )
    event = (
        AuditEvent.REFERRAL_WARM_TIP if mode == ReferralMode.WARM_TIP else AuditEvent.REFERRAL_SENT
    )
    _log_both_sides(
        event=event,
        actor=actor,
        referral=referral,
        detail={"consent": consent, "shared": shared, "closed_loop": closed_loop},
    )
    if override_reason:
        _log_both_sides(
            event=AuditEvent.REFERRAL_OVERRIDE,
            actor=actor,
            referral=referral,
            detail={"consent": consent, "shared": shared, "reason": override_reason},
        )
    return referral


# --- The receiver ---------------------------------------------------------------


def _incoming_for_update(actor: User, referral: Referral) -> Referral:
    _require(actor, Capability.HANDLE_INCOMING_REFERRALS)
    locked = _locked(referral)
    if (
        locked.to_organisation_id != getattr(actor.organisation, "pk", None)
        or not locked.closed_loop
    ):
        raise NotFound(_("Deze doorverwijzing bestaat niet of u heeft er geen toegang toe."))
    if locked.status != ReferralStatus.SENT:
        raise Conflict(
            _("Deze doorverwijzing is al beantwoord of ingetrokken (status: %(status)s).")
            % {"status": locked.get_status_display()}
        )
    return locked


@transaction.atomic
def referral_accept(
    *, actor: User, referral: Referral, supporter_id: int | None = None
) -> Referral:
    """Accept an incoming referral: a client and a case with the shared question are created."""
    referral = _incoming_for_update(actor, referral)
    if any(
        (
            referral.shared_given_name,
            referral.shared_family_name,
            referral.shared_phone,
            referral.shared_email,
        )
    ):
        client = case_services.client_create(
            actor=actor,
            given_name=referral.shared_given_name,
            family_name=referral.shared_family_name,
            phone=referral.shared_phone,
            email=referral.shared_email,
            preferred_language=referral.shared_language,
        )
    else:
        client = case_services.client_create(actor=actor, is_anonymous=True)
    if referral.shared_topic is None:  # pragma: no cover - a sent referral always has a topic
        raise ValidationFailed(_("Deze doorverwijzing heeft geen onderwerp."), field="topic")
    case = case_services.case_open(
        actor=actor,
        client=client,
        topic_code=referral.shared_topic.code,
        question=referral.shared_question,
        supporter_ids=[supporter_id] if supporter_id else None,
    )
    referral.status = ReferralStatus.ACCEPTED
    referral.to_case = case
    referral.responded_at = timezone.now()
    referral.responded_by = actor
    referral.save(update_fields=["status", "to_case", "responded_at", "responded_by", "updated_at"])
    _log_both_sides(event=AuditEvent.REFERRAL_ACCEPTED, actor=actor, referral=referral)
    return referral


@transaction.atomic
def referral_decline(
    *, actor: User, referral: Referral, reason_code: str, note: str = ""
) -> Referral:
    """Decline an incoming referral with a reason; what was shared is cleared."""
    referral = _incoming_for_update(actor, referral)
    reason = ReferralDeclineReason.objects.filter(code=reason_code or "", is_active=True).first()
    if reason is None:
        raise ValidationFailed(_("Kies een reden van afwijzing."), field="reason")
    note = (note or "").strip()
    if reason.code == DECLINE_REASON_NEEDS_NOTE and not note:
        raise ValidationFailed(_("Licht de reden 'overig' kort toe."), field="note")
    if len(note) > MAX_REASON_LENGTH:
        raise ValidationFailed(
            _("Houd de toelichting kort: hoogstens %(max)d tekens.") % {"max": MAX_REASON_LENGTH},
            field="note",
        )
    referral.status = ReferralStatus.DECLINED
    referral.decline_reason = reason
    referral.decline_note = note
    referral.responded_at = timezone.now()
    referral.responded_by = actor
    fields = _clear_shared(referral)
    referral.save(
        update_fields=[
            "status",
            "decline_reason",
            "decline_note",
            "responded_at",
            "responded_by",
            *fields,
            "updated_at",
        ]
    )
    _log_both_sides(
        event=AuditEvent.REFERRAL_DECLINED,
        actor=actor,
        referral=referral,
        detail={"reason": reason.code},
    )
    return referral


def _clear_shared(referral: Referral) -> list[str]:
    """Clear the copy the receiver could read; the topic stays for counting."""
    fields = [
        "shared_question",
        "shared_given_name",
        "shared_family_name",
        "shared_phone",
        "shared_email",
        "shared_language",
    ]
    for name in fields:
        setattr(referral, name, "")
    return fields


@transaction.atomic
def referrals_clear_for_erased_cases(*, case_ids: list[int], actor: User | None) -> int:
    """Clear what was shared in the referrals of erased cases, on both sides; answer how many.

    A referral from an erased case that was not answered yet is withdrawn: the
    receiver has nothing left to act on. The topic, organisations, status and
    dates stay for counting, as they do after a decline or a withdrawal.
    """
    if not case_ids:
        return 0
    referrals = (
        # Lock only the referrals: to_case is nullable, an outer join PostgreSQL will not lock.
        Referral.objects.select_for_update(of=("self",))
        .filter(Q(from_case__in=case_ids) | Q(to_case__in=case_ids))
        .select_related("from_case", "to_case")
        .order_by("pk")
    )
    count = 0
    for referral in referrals:
        fields = _clear_shared(referral)
        if referral.status == ReferralStatus.SENT and referral.from_case_id in case_ids:
            referral.status = ReferralStatus.WITHDRAWN
            referral.withdrawn_at = timezone.now()
            fields += ["status", "withdrawn_at"]
            _log_both_sides(
                event=AuditEvent.REFERRAL_WITHDRAWN,
                actor=actor,
                referral=referral,
                detail={"because": "client-file-erased"},
            )
        referral.save(update_fields=[*fields, "updated_at"])
        count += 1
    return count


# --- The sender ---------------------------------------------------------------------


def _outgoing_for_update(actor: User, referral: Referral) -> Referral:
    _require(actor, Capability.REFER)
    locked = _locked(referral)
    # The sender's side: the actor must see the case it was sent from.
    access.case_get(actor, locked.from_case_id, audit=False)
    return locked


@transaction.atomic
def referral_withdraw(*, actor: User, referral: Referral) -> Referral:
    """Withdraw a referral that has not been accepted yet; what was shared is cleared."""
    referral = _outgoing_for_update(actor, referral)
    if referral.status != ReferralStatus.SENT:
        raise Conflict(
            _(
                "Intrekken kan alleen zolang de doorverwijzing niet is beantwoord (status: %(status)s)."
            )
            % {"status": referral.get_status_display()}
        )
    referral.status = ReferralStatus.WITHDRAWN
    referral.withdrawn_at = timezone.now()
    fields = _clear_shared(referral)
    referral.save(update_fields=["status", "withdrawn_at", *fields, "updated_at"])
    _log_both_sides(event=AuditEvent.REFERRAL_WITHDRAWN, actor=actor, referral=referral)
    return referral


@transaction.atomic
def referral_followup_answer(*, actor: User, referral: Referral, got_help: str) -> Referral:
    """Record whether the client got help after a referral outside the closed loop."""
    referral = _outgoing_for_update(actor, referral)
    if referral.closed_loop:
        raise Conflict(_("Deze doorverwijzing volgt de ontvanger zelf op in Wegwijs."))
    if referral.status != ReferralStatus.SENT:
        raise Conflict(_("Voor deze doorverwijzing is de terugkoppeling al vastgelegd."))
    if got_help not in GotHelp.values:
        raise ValidationFailed(_("Kies ja, nee of weet niet."), field="got_help")
    now = timezone.now()
    referral.got_help = got_help
    referral.followup_answered_at = now
    referral.status = ReferralStatus.COMPLETED
    referral.completed_at = now
    referral.save(
        update_fields=["got_help", "followup_answered_at", "status", "completed_at", "updated_at"]
    )
    _log_both_sides(
        event=AuditEvent.REFERRAL_FOLLOWUP_ANSWERED,
        actor=actor,
        referral=referral,
        detail={"got_help": got_help},
    )
    return referral


# --- Completion when the receiving case closes -----------------------------------------


def referral_complete_for_case(*, case: Case, actor: User | None) -> Referral | None:
    """Complete the accepted referral that opened ``case``; called when ``case`` closes.

    Runs inside the closing transaction (``cases.signals.case_closed``).
    """
    referral = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("from_case", "to_case")
        .filter(to_case_id=case.pk, status=ReferralStatus.ACCEPTED)
        .first()
    )
    if referral is None:
        return None
    referral.status = ReferralStatus.COMPLETED
    referral.completed_at = timezone.now()
    referral.save(update_fields=["status", "completed_at", "updated_at"])
    _log_both_sides(event=AuditEvent.REFERRAL_COMPLETED, actor=actor, referral=referral)
    return referral


# --- Follow-ups -------------------------------------------------------------------------


@dataclass
class FollowUpReport:
    emails: int = 0
    notices: int = 0
    skipped: list[int] = field(default_factory=list)


def _may_receive(user: User | None, referral: Referral) -> bool:
    if user is None or not user.is_active or not has_capability(user, Capability.REFER):
        return False
    membership = user._membership
    return membership is not None and membership.organisation_id == referral.from_organisation_id


def _recipient(referral: Referral) -> User | None:
    """The supporter who sent it; when they left, a supporter of the case."""
    if _may_receive(referral.sent_by, referral):
        return referral.sent_by
    for supporter in referral.from_case.supporters.all():
        if _may_receive(supporter, referral):
            return supporter
    return None


def _referral_link(referral: Referral) -> str:
    base = getattr(settings, "WEGWIJS_BASE_URL", "").rstrip("/")
    return base + reverse("referrals:referral-detail", args=[referral.pk]) if base else ""


def _send_followup_email(referral: Referral, recipient: User) -> None:
    with translation.override(getattr(recipient, "language", None) or settings.LANGUAGE_CODE):
        subject = _("Is de cliënt geholpen door %(organisation)s?") % {
            "organisation": referral.to_organisation.name
        }
        body = render_to_string(
            "referrals/email/followup.txt",
            {
                "referral": referral,
                "recipient": recipient,
                "case": referral.from_case,
                "link": _referral_link(referral),
            },
        )
    send_mail(subject, body, None, [recipient.email])


def referral_followups_send(*, today: date | None = None) -> FollowUpReport:
    """Ask the sending supporter whether the client got help, once per referral and channel.

    Safe to run any number of times: each follow-up is a row under a unique
    constraint, made in the transaction that sends it; a failed e-mail rolls
    the row back, so the next run tries again.
    """
    today = today or timezone.localdate()
    report = FollowUpReport()
    due = (
        Referral.objects.filter(
            closed_loop=False,
            status=ReferralStatus.SENT,
            followup_due_on__lte=today,
            followup_answered_at__isnull=True,
        )
        .select_related("to_organisation", "from_case__client", "from_case__topic", "sent_by")
        .prefetch_related("from_case__supporters__membership")
        .order_by("followup_due_on", "id")
    )
    for referral in due:
        recipient = _recipient(referral)
        if recipient is None:
            report.skipped.append(referral.pk)
            continue
        for channel in (FollowUpChannel.IN_APP, FollowUpChannel.EMAIL):
            if channel == FollowUpChannel.EMAIL and not recipient.email:
                continue
            with transaction.atomic():
                _followup, created = ReferralFollowUp.objects.get_or_create(
                    referral=referral, channel=channel, defaults={"recipient": recipient}
                )
                if not created:
                    continue
                if channel == FollowUpChannel.EMAIL:
                    _send_followup_email(referral, recipient)
                    report.emails += 1
                else:
                    report.notices += 1
                audit_log(
                    event=AuditEvent.REFERRAL_FOLLOWUP_SENT,
                    actor=None,
                    obj=referral,
                    client_id=referral.from_case.client_id,
                    detail={"to": recipient.pk, "channel": channel},
                )
    return report
