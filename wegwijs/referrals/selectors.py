"""Reads of referrals, scoped like the pages: the sender's side through the cases the
user may see, the receiver's side through the user's organisation."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wegwijs.accounts.constants import OrganisationKind
from wegwijs.accounts.models import Organisation, User
from wegwijs.accounts.permissions import Capability, has_capability
from wegwijs.cases import access
from wegwijs.cases.models import Case
from wegwijs.core.audit import audit_log
from wegwijs.core.errors import NotFound, PermissionDenied
from wegwijs.directory.selectors import Match, organisation_matches
from wegwijs.reference.models import ReferralDeclineReason
from wegwijs.referrals.constants import (
    FOLLOWUP_NOTICE_DAYS,
    AuditEvent,
    Direction,
    FollowUpChannel,
    ReferralMode,
    ReferralStatus,
)
from wegwijs.referrals.models import Referral, ReferralFollowUp

FACILITY_KINDS = (OrganisationKind.FACILITY, OrganisationKind.MUNICIPAL_SERVICE)
CLIENT_SUPPORT_KINDS = (OrganisationKind.CLIENT_SUPPORT,)


def referral_not_found() -> NotFound:
    return NotFound(_("Deze doorverwijzing bestaat niet of u heeft er geen toegang toe."))


def _require_refer(user: User) -> None:
    if not has_capability(user, Capability.REFER):
        raise PermissionDenied(_("Uw rol geeft geen toegang tot doorverwijzingen."))


def outgoing_referrals(*, user: User) -> QuerySet[Referral]:
    """The referrals sent from the cases ``user`` may see, newest first."""
    _require_refer(user)
    return (
        Referral.objects.filter(
            from_organisation_id=user.organisation.pk,  # type: ignore[union-attr]
            from_case__in=access.cases_for(user),
        )
        .select_related(
            "from_organisation",
            "to_organisation",
            "from_case__client",
            "from_case__topic",
            "sent_by",
            "decline_reason",
            "shared_topic",
        )
        .order_by("-sent_at", "-id")
    )


def incoming_referrals(*, user: User) -> QuerySet[Referral]:
    """The referrals sent to ``user``'s organisation in Wegwijs, newest first.

    Coordinators see them all; a supporter sees those accepted into a case of theirs.
    Only what was shared is on the rows: the sender's case is not joined.
    """
    _require_refer(user)
    organisation = user.organisation
    assert organisation is not None
    referrals = Referral.objects.filter(
        to_organisation_id=organisation.pk, closed_loop=True, mode=ReferralMode.SENT
    )
    if not has_capability(user, Capability.HANDLE_INCOMING_REFERRALS):
        referrals = referrals.filter(to_case__in=access.cases_for(user))
    return referrals.select_related(
        "from_organisation", "to_organisation", "shared_topic", "sent_by", "decline_reason"
    ).order_by("-sent_at", "-id")


def referrals_for(*, user: User, direction: str) -> QuerySet[Referral]:
    if direction == Direction.INCOMING:
        return incoming_referrals(user=user)
    return outgoing_referrals(user=user)


def referral_get(*, user: User, pk: int, audit: bool = True) -> tuple[Referral, str]:
    """The referral ``pk`` and the side ``user`` is on (``Direction``); ``NotFound`` otherwise.

    A look is logged on the sender's client: by the receiver at what was shared,
    by the sender at the referral of their own client.
    """
    _require_refer(user)
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise referral_not_found() from None
    direction = Direction.OUTGOING
    found = outgoing_referrals(user=user).filter(pk=pk).first()
    if found is None:
        direction = Direction.INCOMING
        found = incoming_referrals(user=user).filter(pk=pk).first()
    if found is None:
        raise referral_not_found()
    if audit:
        audit_log(
            event=AuditEvent.REFERRAL_VIEWED,
            actor=user,
            obj=found,
            client_id=(
                found.from_case.client_id
                if direction == Direction.OUTGOING
                else _sender_client_id(found)
            ),
            detail={"side": direction},
        )
    return found, direction


def _sender_client_id(referral: Referral) -> int:
    """The sender's client, for the audit log only: the receiver never reads the case."""
    return Referral.objects.filter(pk=referral.pk).values_list("from_case__client_id", flat=True)[0]


@dataclass(frozen=True)
class CaseReferrals:
    outgoing: list[Referral]
    incoming: Referral | None


def case_referrals(*, user: User, case: Case) -> CaseReferrals:
    """The referrals made from ``case`` and the one that opened it, if ``user`` may see it."""
    cases = access.cases_for(user).filter(pk=case.pk)
    outgoing = list(
        Referral.objects.filter(from_case__in=cases)
        .select_related("to_organisation", "decline_reason")
        .order_by("-sent_at", "-id")
    )
    incoming = (
        Referral.objects.filter(to_case__in=cases)
        .select_related("from_organisation", "shared_topic")
        .first()
    )
    return CaseReferrals(outgoing=outgoing, incoming=incoming)


def my_followups(*, user: User) -> QuerySet[Referral]:
    """Referrals whose follow-up question reached ``user`` in Wegwijs and wait for an answer."""
    since = timezone.now() - timedelta(days=FOLLOWUP_NOTICE_DAYS)
    asked = ReferralFollowUp.objects.filter(
        recipient=user, channel=FollowUpChannel.IN_APP, sent_at__gte=since
    ).values("referral_id")
    return (
        Referral.objects.filter(
            pk__in=asked,
            status=ReferralStatus.SENT,
            followup_answered_at__isnull=True,
            from_case__in=access.cases_for(user),
        )
        .select_related("to_organisation", "from_case__client", "from_case__topic")
        .order_by("followup_due_on", "id")
    )


def decline_reasons() -> QuerySet[ReferralDeclineReason]:
    return ReferralDeclineReason.objects.filter(is_active=True).order_by("position", "code")


# --- Suggestions ------------------------------------------------------------------------


def receivers(*, user: User, kinds: Iterable[str]) -> QuerySet[Organisation]:
    """Every organisation of ``kinds`` the user may refer to: all but their own."""
    organisation = user.organisation
    assert organisation is not None
    return (
        Organisation.objects.filter(kind__in=list(kinds))
        .exclude(pk=organisation.pk)
        .order_by("name")
    )


def suggestions(*, user: User, case: Case, kinds: Sequence[str], limit: int = 10) -> list[Match]:
    """Receivers ranked by the directory for the case's topic and the client's target
    groups, area and language, each with the reasons of its rank."""
    client = case.client
    return organisation_matches(
        topic=case.topic.code,
        target_groups=[group.code for group in client.target_groups.all()],
        area=client.area.code if client.area_id else None,  # type: ignore[union-attr]
        language=client.preferred_language or None,
        kinds=tuple(kinds),
        exclude_organisation_id=getattr(user.organisation, "pk", None),
        limit=limit,
    )


# --- Monitoring ---------------------------------------------------------------------------


class FlowRow(NamedTuple):
    from_organisation_id: int
    to_organisation_id: int
    to_kind: str
    status: str
    count: int  # type: ignore[assignment]  # the contract's name; shadows tuple.count


def referral_flows(
    *, start: date, end: date, organisation_ids: Iterable[int] | None = None
) -> list[FlowRow]:
    """How many referrals went from which organisation to which, per status: aggregates only.

    Counts referrals (warm tips included) sent from ``start`` to ``end``
    inclusive, by their status today. With ``organisation_ids``, only flows
    that start or end at one of them.
    """
    tz = timezone.get_current_timezone()
    first = timezone.make_aware(datetime.combine(start, time.min), tz)
    after = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz)
    referrals = Referral.objects.filter(sent_at__gte=first, sent_at__lt=after)
    if organisation_ids is not None:
        ids = list(organisation_ids)
        referrals = referrals.filter(
            Q(from_organisation_id__in=ids) | Q(to_organisation_id__in=ids)
        )
    rows = (
        referrals.values("from_organisation_id", "to_organisation_id", "to_kind", "status")
        .annotate(count=Count("id"))
        .order_by("from_organisation_id", "to_organisation_id", "to_kind", "status")
    )
    return [
        FlowRow(
            row["from_organisation_id"],
            row["to_organisation_id"],
            row["to_kind"],
            row["status"],
            row["count"],
        )
        for row in rows
    ]
