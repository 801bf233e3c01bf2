"""Reads of the sociale kaart: the finder's matches, search, pages, stale entries.

``organisation_matches`` is the contract other apps build on (the finder,
intake routing, referrals): ranked organisations with the reasons they fit,
computed in a bounded number of queries whatever the size of the directory.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from wegwijs.accounts.constants import OrganisationKind
from wegwijs.accounts.models import Organisation
from wegwijs.directory import search
from wegwijs.directory.constants import STALE_AFTER_DAYS, ServiceStatus
from wegwijs.directory.models import (
    Location,
    PostcodeRange,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    ServiceSearchTerm,
    Synonym,
)
from wegwijs.reference.languages import language_label
from wegwijs.reference.models import Area, TargetGroup, Topic

# Points in the finder's ranking.
TOPIC_POINTS = 10
AREA_POINTS = 6
WHOLE_MUNICIPALITY_POINTS = 2
LANGUAGE_POINTS = 5
TARGET_GROUP_POINTS = 3
INDEPENDENT_POINTS = 8
ELSEWHERE_PENALTY = -20
MAX_TARGET_GROUPS = 6

TopicThrough = Service.topics.through
TargetGroupThrough = Service.target_groups.through
AreaThrough = Service.areas.through
ChannelThrough = Service.channels.through

FACILITY_KINDS = (OrganisationKind.FACILITY, OrganisationKind.MUNICIPAL_SERVICE)


@dataclass(frozen=True)
class Match:
    organisation: Organisation
    services: list[Service]  # the services that fit
    score: int
    reasons: list[str] = field(default_factory=list)  # short and translated


def _area_with_surroundings(code: str | None) -> tuple[Area | None, list[int]]:
    """The area with this code, and the ids of it, its stadsdeel and its wijken."""
    if not code:
        return None, []
    area = Area.objects.select_related("municipality", "parent").filter(code=code).first()
    if area is None:
        return None, []
    ids = [area.pk, *([area.parent_id] if area.parent_id else [])]
    if area.parent_id is None:
        ids += list(Area.objects.filter(parent=area).values_list("pk", flat=True))
    return area, ids


def organisation_matches(
    *,
    topic: str | None = None,
    target_groups: Sequence[str] = (),
    area: str | None = None,
    language: str | None = None,
    independent: bool = False,
    kinds: Sequence[str] = (OrganisationKind.CLIENT_SUPPORT,),
    exclude_organisation_id: int | None = None,
    limit: int = 10,
) -> list[Match]:
    """Organisations of ``kinds`` ranked by how well their active services fit.

    Client-support organisations are always answered, the ones that fit
    least last (client support covers every question: the general answer).
    Other kinds appear only when a service fits the topic and works in the
    area. The query count does not depend on the size of the directory.
    """
    client_support = OrganisationKind.CLIENT_SUPPORT in kinds
    area_obj, area_ids = _area_with_surroundings(area)
    topic_obj = Topic.objects.filter(code=topic).first() if topic else None
    groups = (
        list(TargetGroup.objects.filter(code__in=list(target_groups)[:MAX_TARGET_GROUPS]))
        if target_groups
        else []
    )
    wants_language = bool(language) and language != "nl"

    services = Service.objects.filter(status=ServiceStatus.ACTIVE, organisation__kind__in=kinds)
    if exclude_organisation_id is not None:
        services = services.exclude(organisation_id=exclude_organisation_id)
    zero = Value(0, output_field=IntegerField())
    score: Combinable = Value(1, output_field=IntegerField())
    if topic_obj is not None:
        services = services.annotate(
            topic_hit=Exists(
                TopicThrough.objects.filter(service_id=OuterRef("pk"), topic_id=topic_obj.pk)
            )
        )
        score += Case(When(topic_hit=True, then=TOPIC_POINTS), default=zero)
        if not client_support:
            services = services.filter(topic_hit=True)
    if area_obj is not None:
        services = services.annotate(
            area_hit=Exists(
                AreaThrough.objects.filter(service_id=OuterRef("pk"), area_id__in=area_ids)
            ),
            area_limited=Exists(AreaThrough.objects.filter(service_id=OuterRef("pk"))),
        )
        score += Case(
            When(area_hit=True, then=AREA_POINTS),
            When(area_limited=False, then=WHOLE_MUNICIPALITY_POINTS),
            default=ELSEWHERE_PENALTY,
        )
        if not client_support:
            services = services.filter(Q(area_hit=True) | Q(area_limited=False))
    if wants_language:
        services = services.annotate(
            language_hit=Exists(
                ServiceLanguage.objects.filter(service_id=OuterRef("pk"), code=language)
            )
        )
        score += Case(When(language_hit=True, then=LANGUAGE_POINTS), default=zero)
    for group in groups:
        services = services.annotate(
            **{
                f"group_hit_{group.pk}": Exists(
                    TargetGroupThrough.objects.filter(
                        service_id=OuterRef("pk"), targetgroup_id=group.pk
                    )
                )
            }
        )
        score += Case(
            When(**{f"group_hit_{group.pk}": True}, then=TARGET_GROUP_POINTS), default=zero
        )
    if independent:
        score += Case(
            When(organisation__is_independent=True, then=INDEPENDENT_POINTS), default=zero
        )
    ranked = list(
        services.annotate(score=score)
        .select_related("organisation")
        .order_by("-score", "organisation__name", "name")[: limit * 5]
    )

    by_organisation: dict[int, list[Service]] = {}
    for service in ranked:
        by_organisation.setdefault(service.organisation_id, []).append(service)

    matches: list[Match] = []
    for fitting in by_organisation.values():
        organisation = fitting[0].organisation
        best = fitting[0].score  # type: ignore[attr-defined]
        if topic_obj is not None and any(s.topic_hit for s in fitting):  # type: ignore[attr-defined]
            fitting = [s for s in fitting if s.topic_hit]  # type: ignore[attr-defined]
        reasons = _reasons(
            organisation,
            fitting,
            topic=topic_obj,
            area=area_obj,
            language=language if wants_language else None,
            groups=groups,
        )
        matches.append(Match(organisation, fitting, best, reasons))
        if len(matches) == limit:
            break

    if client_support and len(matches) < limit:
        # The general answer: client support helps with every question.
        seen = [match.organisation.pk for match in matches]
        others = Organisation.objects.filter(kind=OrganisationKind.CLIENT_SUPPORT).exclude(
            pk__in=seen
        )
        if exclude_organisation_id is not None:
            others = others.exclude(pk=exclude_organisation_id)
        for organisation in others.order_by("-is_independent", "name")[: limit - len(matches)]:
            reasons = [_("helpt bij alle vragen over zorg, welzijn, werk en inkomen")]
            points = 0
            if organisation.is_independent:
                reasons.append(_("volledig onafhankelijk"))
                points = INDEPENDENT_POINTS if independent else 0
            matches.append(Match(organisation, [], points, reasons))
        matches.sort(key=lambda match: -match.score)
    return matches


def _reasons(
    organisation: Organisation,
    services: list[Service],
    *,
    topic: Topic | None,
    area: Area | None,
    language: str | None,
    groups: list[TargetGroup],
) -> list[str]:
    reasons: list[str] = []
    if topic is not None and any(getattr(s, "topic_hit", False) for s in services):
        reasons.append(_("helpt bij %(topic)s") % {"topic": topic.label})
    if area is not None:
        if any(getattr(s, "area_hit", False) for s in services):
            reasons.append(_("werkt in %(area)s") % {"area": area.name})
        elif any(not getattr(s, "area_limited", True) for s in services):
            reasons.append(_("werkt in heel %(city)s") % {"city": area.municipality.name})
    if language is not None and any(getattr(s, "language_hit", False) for s in services):
        reasons.append(_("spreekt %(language)s") % {"language": language_label(language)})
    for group in groups:
        if any(getattr(s, f"group_hit_{group.pk}", False) for s in services):
            reasons.append(_("voor %(group)s") % {"group": group.label.lower()})
    if organisation.is_independent:
        reasons.append(_("volledig onafhankelijk"))
    return reasons


def match_contacts(matches: Sequence[Match]) -> dict[int, list[Location]]:
    """Locations with their opening hours for the organisations of ``matches``: two queries."""
    ids = [match.organisation.pk for match in matches]
    locations = (
        Location.objects.filter(organisation_id__in=ids)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("schedules", queryset=Schedule.objects.order_by("weekday", "opens_at"))
        )
        .order_by("name")
    )
    found: dict[int, list[Location]] = {pk: [] for pk in ids}
    for location in locations:
        found[location.organisation_id].append(location)
    return found


# --- Postcodes ----------------------------------------------------------------


def area_for_postcode(postcode: str) -> Area | None:
    """The area of a Dutch postcode ("2034 AB", "2034ab", "2034"); None when unknown."""
    digits = postcode.strip()[:4]
    if len(digits) != 4 or not digits.isdigit():
        return None
    number = int(digits)
    found = (
        PostcodeRange.objects.filter(first__lte=number, last__gte=number)
        .select_related("area")
        .order_by(F("last") - F("first"))
        .first()
    )
    return found.area if found else None


# --- Search ---------------------------------------------------------------------


def synonym_map() -> dict[str, set[str]]:
    """Stem -> stems it also finds, from the administrator's synonym table (one query)."""
    found: dict[str, set[str]] = {}
    for synonym in Synonym.objects.all():
        term = search.stems(synonym.term)
        alternatives = [stem for word in synonym.alternative_list for stem in search.stems(word)]
        for stem in term:
            found.setdefault(stem, set()).update(alternatives)
        if synonym.both_ways:
            for stem in alternatives:
                found.setdefault(stem, set()).update(term)
    return found


def _term_q(stem: str) -> Q:
    if len(stem) < search.MIN_PREFIX_LENGTH:
        return Q(term=stem)
    if connection.vendor == "postgresql":
        # LIKE 'stem%' uses the varchar_pattern_ops index whatever the collation.
        return Q(term__startswith=stem)
    # SQLite compares terms bytewise; "{" sorts right after "z" (terms are [a-z0-9]).
    return Q(term__gte=stem, term__lt=stem + "{")


def service_search(
    *,
    query: str = "",
    topic: str | None = None,
    target_group: str | None = None,
    area: str | None = None,
    language: str | None = None,
    channel: str | None = None,
    independent: bool = False,
    kind: str | None = None,
) -> QuerySet[Service]:
    """Active services that match every word of ``query`` (stemmed, with synonyms) and the filters.

    Ordered by relevance (words in the name weigh more) and then by name.
    """
    services = Service.objects.filter(status=ServiceStatus.ACTIVE).select_related("organisation")
    groups = search.query_groups(query, synonym_map()) if query.strip() else []
    all_terms = Q()
    for group in groups:
        matches = Q()
        for stem in group:
            matches |= _term_q(stem)
        all_terms |= matches
        services = services.filter(
            pk__in=ServiceSearchTerm.objects.filter(matches).values("service_id")
        )
    if topic:
        services = services.filter(
            pk__in=TopicThrough.objects.filter(topic__code=topic).values("service_id")
        )
    if target_group:
        services = services.filter(
            pk__in=TargetGroupThrough.objects.filter(targetgroup__code=target_group).values(
                "service_id"
            )
        )
    if channel:
        services = services.filter(
            pk__in=ChannelThrough.objects.filter(channel__code=channel).values("service_id")
        )
    if language:
        services = services.filter(
            pk__in=ServiceLanguage.objects.filter(code=language).values("service_id")
        )
    if area:
        _area, area_ids = _area_with_surroundings(area)
        services = services.filter(
            Q(pk__in=AreaThrough.objects.filter(area_id__in=area_ids).values("service_id"))
            | ~Q(pk__in=AreaThrough.objects.values("service_id"))
        )
    if independent:
        services = services.filter(organisation__is_independent=True)
    if kind:
        services = services.filter(organisation__kind=kind)
    if groups:
        relevance = (
            ServiceSearchTerm.objects.filter(all_terms, service_id=OuterRef("pk"))
            .values("service_id")
            .annotate(total=Sum("weight"))
            .values("total")
        )
        return services.annotate(
            relevance=Coalesce(Subquery(relevance, output_field=IntegerField()), 0)
        ).order_by("-relevance", "name", "pk")
    return services.order_by("name", "pk")


# --- Pages ----------------------------------------------------------------------


def organisation_for_page(*, slug: str) -> Organisation | None:
    return Organisation.objects.filter(slug=slug).first()


def organisation_services(organisation: Organisation) -> QuerySet[Service]:
    return (
        organisation.services.filter(status=ServiceStatus.ACTIVE)
        .prefetch_related("topics", "languages")
        .order_by("name")
    )


def organisation_locations(organisation: Organisation) -> QuerySet[Location]:
    return (
        Location.objects.filter(organisation=organisation)
        .select_related("organisation", "area")
        .prefetch_related(
            Prefetch("schedules", queryset=Schedule.objects.order_by("weekday", "opens_at"))
        )
        .order_by("name")
    )


def service_for_page(*, service_id: str) -> Service | None:
    return (
        Service.objects.filter(pk=service_id, status=ServiceStatus.ACTIVE)
        .select_related("organisation")
        .prefetch_related("topics", "target_groups", "areas", "channels", "languages")
        .first()
    )


def service_locations(service: Service) -> QuerySet[ServiceAtLocation]:
    return (
        ServiceAtLocation.objects.filter(service=service)
        .select_related("location__organisation", "location__area")
        .prefetch_related(
            Prefetch("schedules", queryset=Schedule.objects.order_by("weekday", "opens_at")),
            Prefetch(
                "location__schedules", queryset=Schedule.objects.order_by("weekday", "opens_at")
            ),
        )
        .order_by("location__name")
    )


# --- Keeping the map right ------------------------------------------------------


def stale_cutoff() -> date:
    return timezone.localdate() - timedelta(days=STALE_AFTER_DAYS)


def organisation_entries(
    organisation: Organisation,
) -> tuple[QuerySet[Service], QuerySet[Location]]:
    """All services (active or not) and locations of ``organisation``, for its staff pages."""
    services = (
        Service.objects.filter(organisation=organisation)
        .prefetch_related("topics", "languages")
        .order_by("name")
    )
    return services, organisation_locations(organisation)


def organisations_with_stale_counts() -> QuerySet[Organisation]:
    """Every organisation with its number of services and of stale entries (one query)."""
    stale = Service.objects.filter(organisation=OuterRef("pk"), stale_since__isnull=False)
    count = (
        Service.objects.filter(organisation=OuterRef("pk"))
        .values("organisation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    stale_count = stale.values("organisation").annotate(n=Count("pk")).values("n")
    return Organisation.objects.annotate(
        service_count=Coalesce(Subquery(count, output_field=IntegerField()), 0),
        stale_count=Coalesce(Subquery(stale_count, output_field=IntegerField()), 0),
    ).order_by("kind", "name")


def stale_services() -> QuerySet[Service]:
    return Service.objects.filter(checked_on__lt=stale_cutoff())


def stale_locations() -> QuerySet[Location]:
    return Location.objects.filter(checked_on__lt=stale_cutoff())
