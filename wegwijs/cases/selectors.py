"""Reads of the case register, always through ``access`` (the one door)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import models
from django.db.models import Count, F, Min, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from wegwijs.accounts.models import User
from wegwijs.cases import access
from wegwijs.cases.constants import UNTOUCHED_DAYS, Answer, AppointmentStatus, CaseStatus
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


# --- Aggregates for monitoring ---------------------------------------------------
# Counts only: no row, name or pseudonym leaves these functions (DOMAIN.md §3, §5).

MONITORING_MEASURES = (
    "clients",
    "new_clients",
    "cases",
    "contact_moments",
    "minutes",
    "information_advice",
    "trajectories",
    "satisfaction_sum",
    "satisfaction_count",
    "independent_yes",
    "independent_answered",
)


def _resident_key(prefix: str, by_resident: bool) -> Any:
    """The expression that identifies one person: the client, or the resident across organisations.

    Across organisations a resident is the keyed pseudonym; a client without
    one (anonymous) is a resident of their own.
    """
    client_id = f"{prefix}client_id"
    if not by_resident:
        return F(client_id)
    return models.Case(
        models.When(
            **{f"{prefix}client__pseudonym": ""},
            then=Concat(Value("c"), Cast(client_id, models.CharField())),
        ),
        default=F(f"{prefix}client__pseudonym"),
        output_field=models.CharField(),
    )


def _day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    first = datetime.combine(start, time.min, tzinfo=zone)
    after = datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone)
    return first, after


def monitoring_figures(
    *, organisation_ids: list[int], start: date, end: date, by_resident: bool = False
) -> dict[str, dict[str, dict[str, float]]]:
    """Counts for one period under the counting rules of DOMAIN.md §3.

    Returns ``{dimension: {code: {measure: value}}}`` for the dimensions
    ``total`` (code ""), ``topic``, ``channel``, ``activity``, ``target_group``,
    ``area`` (code "" when unknown) and ``outcome``. A case counts when it was
    open on a day of the period; a person when one of their cases counts;
    minutes and contact moments are those dated in the period; information and
    advice is a case closed with exactly one contact moment. ``by_resident``
    counts people across organisations by the keyed pseudonym. The total also
    holds ``median_minutes``: the median of the minutes per counted person.
    """
    all_cases, all_moments = access.aggregate_sources(organisation_ids)
    cases = all_cases.filter(opened_on__lte=end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=start)
    )
    single_contact = (
        all_moments.filter(case__in=cases.filter(status=CaseStatus.CLOSED).values("pk"))
        .order_by()
        .values("case_id")
        .annotate(n=Count("id"))
        .filter(n=1)
        .values("case_id")
    )
    is_ia = Q(status=CaseStatus.CLOSED, pk__in=single_contact)
    person = _resident_key("", by_resident)
    result: dict[str, dict[str, dict[str, float]]] = defaultdict(
        lambda: defaultdict(lambda: dict.fromkeys(MONITORING_MEASURES, 0))
    )

    case_dimensions = {
        "total": None,
        "topic": "topic__code",
        "area": "client__area__code",
        "target_group": "client__target_groups__code",
    }
    for dimension, field in case_dimensions.items():
        distinct = dimension == "target_group"  # the join may repeat a case
        grouped: Any = cases.order_by()
        grouped = grouped.values(field) if field else grouped.values(dummy=Value(""))
        row: Any
        for row in grouped.annotate(
            n_cases=Count("id", distinct=distinct),
            n_clients=Count(person, distinct=True),
            n_ia=Count("id", filter=is_ia, distinct=distinct),
        ):
            if distinct and row[field] is None:
                continue  # clients without a target group
            cell = result[dimension][(row[field] if field else "") or ""]
            cell["cases"] = row["n_cases"]
            cell["clients"] = row["n_clients"]
            cell["information_advice"] = row["n_ia"]
            cell["trajectories"] = row["n_cases"] - row["n_ia"]

    closed = all_cases.filter(closed_on__gte=start, closed_on__lte=end).order_by()
    for row in closed.values("outcome__code").annotate(n=Count("id")):
        result["outcome"][row["outcome__code"] or ""]["cases"] = row["n"]
    satisfaction = closed.aggregate(
        total=Sum("satisfaction"),
        count=Count("satisfaction"),
        yes=Count("id", filter=Q(experienced_independent=Answer.YES)),
        answered=Count("id", filter=Q(experienced_independent__in=[Answer.YES, Answer.NO])),
    )
    total = result["total"][""]
    total["satisfaction_sum"] = satisfaction["total"] or 0
    total["satisfaction_count"] = satisfaction["count"]
    total["independent_yes"] = satisfaction["yes"]
    total["independent_answered"] = satisfaction["answered"]

    first, after = _day_bounds(start, end)
    moments = all_moments.filter(occurred_at__gte=first, occurred_at__lt=after).order_by()
    moment_person = _resident_key("case__", by_resident)
    moment_dimensions = {
        "total": None,
        "topic": "case__topic__code",
        "channel": "channel__code",
        "activity": "activity__code",
        "area": "case__client__area__code",
    }
    for dimension, field in moment_dimensions.items():
        grouped = moments.values(field) if field else moments.values(dummy=Value(""))
        annotations: dict[str, Any] = {"n": Count("id"), "minutes": Sum("minutes")}
        if dimension in ("channel", "activity"):
            annotations["n_clients"] = Count(moment_person, distinct=True)
            annotations["n_cases"] = Count("case_id", distinct=True)
        for row in grouped.annotate(**annotations):
            cell = result[dimension][(row[field] if field else "") or ""]
            cell["contact_moments"] = row["n"]
            cell["minutes"] = row["minutes"] or 0
            if "n_clients" in row:
                cell["clients"] = row["n_clients"]
                cell["cases"] = row["n_cases"]

    first_cases = (
        all_cases.order_by()
        .values(person_key=person)
        .annotate(first=Min("opened_on"))
        .filter(first__gte=start, first__lte=end)
    )
    total["new_clients"] = first_cases.count()

    per_person = sorted(
        row["m"]
        for row in moments.values(person_key=moment_person).annotate(m=Sum("minutes")).order_by()
    )
    zeros = max(int(total["clients"]) - len(per_person), 0)
    total["median_minutes"] = _median([0] * zeros + per_person)
    return {dimension: dict(cells) for dimension, cells in result.items()}


def _median(values: list[int]) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    middle = len(values) // 2
    if len(values) % 2:
        return float(values[middle])
    return (values[middle - 1] + values[middle]) / 2


def monitoring_first_day(*, organisation_ids: list[int]) -> date | None:
    """The earliest day with a case or contact moment: where a full rebuild starts."""
    all_cases, _moments = access.aggregate_sources(organisation_ids)
    return all_cases.aggregate(first=Min("opened_on"))["first"]


def monitoring_first_contacts(
    *, organisation_ids: list[int], case_ids: list[int]
) -> dict[int, datetime]:
    """The time of the first contact moment per case: for reachability (request to contact)."""
    if not case_ids:
        return {}
    _cases, moments = access.aggregate_sources(organisation_ids)
    rows = (
        moments.filter(case_id__in=case_ids)
        .order_by()
        .values("case_id")
        .annotate(first=Min("occurred_at"))
    )
    return {row["case_id"]: row["first"] for row in rows}
