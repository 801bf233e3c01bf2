"""Reads of the intake: the coordinators' inbox, receipts, service norms, monitoring facts."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wegwijs.accounts.constants import OrganisationKind
from wegwijs.accounts.models import Organisation, User
from wegwijs.accounts.permissions import Capability, has_capability
from wegwijs.core.audit import audit_log
from wegwijs.core.errors import NotFound, PermissionDenied
from wegwijs.deadlines.selectors import calendar_between
from wegwijs.intake.constants import DEFAULT_SERVICE_NORM_DAYS, AuditEvent, RequestStatus
from wegwijs.intake.models import HelpRequest, ServiceNorm

# --- Service norm -------------------------------------------------------------------


def service_norm_days(organisation: Organisation | None) -> int:
    """The working days within which ``organisation`` promises first contact."""
    if organisation is None:
        return DEFAULT_SERVICE_NORM_DAYS
    norm = ServiceNorm.objects.filter(organisation=organisation).first()
    return norm.working_days if norm else DEFAULT_SERVICE_NORM_DAYS


def add_working_days(start: date, days: int) -> date:
    """The ``days``-th working day after ``start`` (weekends and Atw feestdagen skipped)."""
    calendar = calendar_between(first=start, last=start + timedelta(days=days * 2 + 30))
    current, remaining = start, days
    while remaining > 0:
        current += timedelta(days=1)
        if calendar.is_working_day(current):
            remaining -= 1
    return current


def overdue_before(*, today: date, days: int) -> datetime:
    """Requests received before this moment have waited more than ``days`` working days.

    A request received on day R is due on the ``days``-th working day after R
    and overdue from the day after that: exactly when R lies before the
    ``days``-th working day before today.
    """
    calendar = calendar_between(first=today - timedelta(days=days * 2 + 30), last=today)
    cutoff = calendar.working_days_before(today, days)
    return timezone.make_aware(datetime.combine(cutoff, time.min))


@dataclass(frozen=True)
class NextSteps:
    organisation: Organisation | None
    working_days: int
    contact_by: date


def next_steps(help_request: HelpRequest) -> NextSteps:
    """Who will contact the resident, and by which day at the latest."""
    days = service_norm_days(help_request.organisation)
    received_on = timezone.localdate(help_request.received_at)
    return NextSteps(
        organisation=help_request.organisation,
        working_days=days,
        contact_by=add_working_days(received_on, days),
    )


# --- Residents ----------------------------------------------------------------------


def client_support_organisations() -> QuerySet[Organisation]:
    """The organisations a resident may choose, by name."""
    return Organisation.objects.filter(kind=OrganisationKind.CLIENT_SUPPORT).order_by("name")


def request_by_receipt(*, token: str) -> HelpRequest:
    """The request whose receipt URL holds ``token``; the token is the only key."""
    found = (
        HelpRequest.objects.select_related("organisation").filter(receipt_token=token).first()
        if token
        else None
    )
    if found is None:
        raise NotFound(_("Deze ontvangstbevestiging bestaat niet."))
    return found


# --- Coordinators --------------------------------------------------------------------


def _triage_organisation(user: Any) -> Organisation:
    if not has_capability(user, Capability.TRIAGE_REQUESTS):
        raise PermissionDenied(_("Alleen coördinatoren verdelen hulpvragen."))
    organisation = user.organisation
    assert organisation is not None  # the capability belongs to organisation roles
    return organisation


def inbox_for(user: Any) -> QuerySet[HelpRequest]:
    """The new requests of the user's organisation, oldest first."""
    organisation = _triage_organisation(user)
    return (
        HelpRequest.objects.filter(organisation=organisation, status=RequestStatus.NEW)
        .select_related("topic", "area", "forwarded_from")
        .order_by("received_at", "id")
    )


@dataclass(frozen=True)
class InboxCounts:
    new: int
    overdue: int
    working_days: int


def inbox_counts(*, organisation: Organisation, today: date | None = None) -> InboxCounts:
    """How many new requests wait, and how many of them longer than the service norm."""
    today = today or timezone.localdate()
    days = service_norm_days(organisation)
    new = HelpRequest.objects.filter(organisation=organisation, status=RequestStatus.NEW)
    return InboxCounts(
        new=new.count(),
        overdue=new.filter(received_at__lt=overdue_before(today=today, days=days)).count(),
        working_days=days,
    )


def request_get(user: User, *, reference: str) -> HelpRequest:
    """A request of the user's organisation; reading it is logged. Others do not exist."""
    organisation = _triage_organisation(user)
    found = (
        HelpRequest.objects.select_related(
            "topic",
            "target_group",
            "area",
            "municipality",
            "preferred_organisation",
            "organisation",
            "forwarded_from",
            "handled_by",
        )
        .filter(organisation=organisation, reference=reference)
        .first()
    )
    if found is None:
        raise NotFound(_("Deze hulpvraag bestaat niet of is niet voor uw organisatie."))
    audit_log(event=AuditEvent.REQUEST_VIEWED, actor=user, obj=found)
    return found


def recently_handled(user: Any) -> QuerySet[HelpRequest]:
    """Requests the organisation accepted or closed, newest first."""
    organisation = _triage_organisation(user)
    return (
        HelpRequest.objects.filter(organisation=organisation)
        .exclude(status=RequestStatus.NEW)
        .select_related("topic", "handled_by")
        .order_by("-handled_at", "-id")
    )


def unrouted_requests() -> QuerySet[HelpRequest]:
    """New requests that no organisation has: the administrator must act on them."""
    return HelpRequest.objects.filter(status=RequestStatus.NEW, organisation__isnull=True)


# --- Monitoring -------------------------------------------------------------------------


def request_intake_facts(
    *, received_from: date, received_until: date, organisation_id: int | None = None
) -> Any:
    """One row per request received in the period, without personal data.

    Columns: ``organisation_id``, ``received_at``, ``status``, ``routed_by``,
    ``handled_at`` and ``case_id`` (the case an accepted request became). With
    the first contact moment of that case, monitoring computes the time from
    request to first contact.
    """
    start = timezone.make_aware(datetime.combine(received_from, time.min))
    end = timezone.make_aware(datetime.combine(received_until + timedelta(days=1), time.min))
    rows = HelpRequest.objects.filter(received_at__gte=start, received_at__lt=end)
    if organisation_id is not None:
        rows = rows.filter(organisation_id=organisation_id)
    return rows.order_by("received_at", "id").values(
        "organisation_id", "received_at", "status", "routed_by", "handled_at", "case_id"
    )


def accepted_request_times(
    *, organisation_id: int, received_from: date, received_until: date
) -> dict[int, datetime]:
    """For each case made from a request in the period: when that request was received."""
    facts = request_intake_facts(
        received_from=received_from,
        received_until=received_until,
        organisation_id=organisation_id,
    ).filter(status=RequestStatus.ACCEPTED, case__isnull=False)
    return {row["case_id"]: row["received_at"] for row in facts}
