"""Reads of the case register, always through ``access`` (the one door)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from wegwijs.accounts.models import User
from wegwijs.cases import access
from wegwijs.cases.constants import UNTOUCHED_DAYS, AppointmentStatus, CaseStatus
from wegwijs.cases.models import Appointment, Case, Client, ContactMoment
from wegwijs.core.models import AuditEntry
from wegwijs.core.pseudonym import resident_pseudonym

CASE_SORTS = {
    "activiteit": "-last_activity_at",
    "geopend": "-opened_on",
    "onderwerp": "topic__position",
    "client": "client__family_name",
}


def _case_list_base(cases: QuerySet[Case]) -> QuerySet[Case]:
    # The lists show a supporter's name or e-mail address only.
    supporters = User.objects.select_related(None).only("id", "full_name", "email")
    return cases.select_related("client", "topic", "outcome").prefetch_related(
        Prefetch("supporters", queryset=supporters)
    )


def my_open_cases(*, user: User) -> QuerySet[Case]:
    """Open cases assigned to ``user``, most recently active first."""
    return _case_list_base(
        access.cases_for(user).filter(status=CaseStatus.OPEN, supporters=user)
    ).order_by("-last_activity_at", "-id")


def my_untouched_cases(*, user: User) -> QuerySet[Case]:
    """Open cases of ``user`` without any activity for ``UNTOUCHED_DAYS`` days."""
    limit = timezone.now() - timedelta(days=UNTOUCHED_DAYS)
    return my_open_cases(user=user).filter(last_activity_at__lt=limit).order_by("last_activity_at")


def my_recent_contacts(*, user: User, limit: int = 10) -> QuerySet[ContactMoment]:
    return (
        access.contact_moments_for(user)
        .filter(registered_by=user)
        .select_related("case__client", "case__topic", "channel", "activity")
        .order_by("-occurred_at", "-id")[:limit]
    )


def my_appointments(*, user: User) -> QuerySet[Appointment]:
    """Planned appointments of ``user`` from today on, and past ones still to handle."""
    return (
        access.appointments_for(user)
        .filter(supporter=user, status=AppointmentStatus.PLANNED)
        .select_related("case__client", "case__topic", "channel")
        .order_by("starts_at")
    )


def usual_channel_code(*, user: User) -> str | None:
    """The channel ``user`` registered most often lately: the form's default."""
    recent = (
        access.contact_moments_for(user)
        .filter(registered_by=user, occurred_at__gte=timezone.now() - timedelta(days=90))
        .values("channel__code")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    return recent["channel__code"] if recent else None


@dataclass(frozen=True)
class CaseFilter:
    status: str | None = None
    topic: str | None = None
    supporter: int | None = None
    target_group: str | None = None
    opened_from: date | None = None
    opened_to: date | None = None
    sort: str = "activiteit"


def case_list(*, user: User, filters: CaseFilter) -> QuerySet[Case]:
    cases = access.cases_for(user)
    if filters.status in CaseStatus.values:
        cases = cases.filter(status=filters.status)
    if filters.topic:
        cases = cases.filter(topic__code=filters.topic)
    if filters.supporter:
        cases = cases.filter(supporters=filters.supporter)
    distinct = False
    if filters.target_group:
        cases = cases.filter(client__target_groups__code=filters.target_group)
        distinct = True  # the join with the client's groups could repeat a case
    if filters.opened_from:
        cases = cases.filter(opened_on__gte=filters.opened_from)
    if filters.opened_to:
        cases = cases.filter(opened_on__lte=filters.opened_to)
    order = CASE_SORTS.get(filters.sort, CASE_SORTS["activiteit"])
    cases = _case_list_base(cases).order_by(order, "-id")
    # Only when needed: DISTINCT over every column makes the database sort the whole list.
    return cases.distinct() if distinct else cases


def client_search(
    *,
    user: User,
    query: str = "",
    date_of_birth: date | None = None,
    include_anonymous: bool = False,
) -> QuerySet[Client]:
    """Clients by (part of) name or reference, and/or date of birth."""
    clients = access.clients_for(user).filter(destroyed_at__isnull=True)
    query = query.strip()
    if not include_anonymous:
        # Anonymous clients (mostly quick registrations) are found by their exact reference only.
        clients = clients.filter(Q(is_anonymous=False) | Q(reference__iexact=query))
    if query:
        # Every word must match a given or family name: "jan de vries" finds Jan de Vries.
        every_word = Q(
            *[
                Q(given_name__icontains=word) | Q(family_name__icontains=word)
                for word in query.split()
            ]
        )
        clients = clients.filter(Q(reference__iexact=query) | every_word)
    if date_of_birth:
        clients = clients.filter(date_of_birth=date_of_birth)
    return clients.annotate(
        case_count=Count("cases", distinct=True),
        open_case_count=Count("cases", filter=Q(cases__status=CaseStatus.OPEN), distinct=True),
    ).order_by("family_name", "given_name", "reference")


def client_by_reference(*, user: User, reference: str) -> Client | None:
    """The visible client with exactly this reference, anonymous ones included."""
    return (
        access.clients_for(user)
        .filter(destroyed_at__isnull=True, reference__iexact=reference.strip())
        .first()
    )


def client_possible_duplicates(
    *,
    user: User,
    family_name: str = "",
    date_of_birth: date | None = None,
    postcode: str = "",
    house_number: str = "",
) -> QuerySet[Client]:
    """Existing clients that are probably the same person as the one being registered."""
    clients = access.clients_for(user).filter(destroyed_at__isnull=True, is_anonymous=False)
    condition = Q(pk__in=[])
    pseudonym = resident_pseudonym(
        date_of_birth=date_of_birth,
        postcode=postcode,
        house_number=house_number,
        family_name=family_name,
    )
    if pseudonym:
        condition |= Q(pseudonym=pseudonym)
    if family_name.strip() and date_of_birth:
        condition |= Q(family_name__iexact=family_name.strip(), date_of_birth=date_of_birth)
    if postcode.strip() and house_number.strip():
        condition |= Q(
            postcode=postcode.replace(" ", "").upper(), house_number__iexact=house_number.strip()
        )
    return clients.filter(condition).order_by("family_name", "given_name")[:10]


def client_cases(*, user: User, client: Client) -> QuerySet[Case]:
    return (
        access.cases_for(user)
        .filter(client=client)
        .select_related("topic", "outcome")
        .prefetch_related("supporters")
        .annotate(
            contact_count=Count("contact_moments", distinct=True),
            total_minutes=Sum("contact_moments__minutes"),
        )
        .order_by("-opened_on", "-id")
    )


def case_contact_moments(*, user: User, case: Case) -> QuerySet[ContactMoment]:
    return (
        access.contact_moments_for(user)
        .filter(case=case)
        .select_related("channel", "activity", "with_organisation", "registered_by")
        .order_by("-occurred_at", "-id")
    )


def case_appointments(*, user: User, case: Case) -> QuerySet[Appointment]:
    return (
        access.appointments_for(user)
        .filter(case=case)
        .select_related("channel", "supporter")
        .order_by("starts_at")
    )


def client_access_log(*, user: User, client: Client) -> QuerySet[AuditEntry]:
    """Who looked at or changed this client's file, and when (shown to the client)."""
    access.client_get(user, client.pk, audit=False)
    return AuditEntry.objects.filter(client_id=str(client.pk)).order_by("-occurred_at", "-id")


def organisation_supporters(*, user: User) -> QuerySet[User]:
    access.cases_for(user)
    return User.objects.filter(membership__organisation=user.organisation, is_active=True).order_by(
        "full_name", "email"
    )
