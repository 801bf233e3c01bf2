"""Reads of the sociale kaart: the finder's matches, search, pages, stale entries.

``organisation_matches`` is the contract other apps build on (the finder,
intake routing, referrals): ranked organisations with the reasons they fit,
computed in a bounded number of queries whatever the size of the directory.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from django.db import connection
from django.db.models import (
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from wegwijs.accounts.constants import OrganisationKind
from wegwijs.accounts.models import Organisation
from wegwijs.directory import cache, search
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
from wegwijs.reference.models import Area, Channel, TargetGroup, Topic

# Points in the finder's ranking.
TOPIC_POINTS = 10
AREA_POINTS = 6
WHOLE_MUNICIPALITY_POINTS = 2
LANGUAGE_POINTS = 5
TARGET_GROUP_POINTS = 3
INDEPENDENT_POINTS = 8
ELSEWHERE_PENALTY = -20
MAX_TARGET_GROUPS = 6
FINDER_LIMIT = 5

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


@dataclass
class _Fit:
    """What one candidate service has of what was asked (computed from narrow queries)."""

    service_id: str
    organisation_id: int
    topic: bool = False
    area: bool = False
    whole_municipality: bool = False
    language: bool = False
    groups: set[int] = field(default_factory=set)
    score: int = 0


def _candidates(
    *, kinds: Sequence[str], topic_id: int | None, exclude_organisation_id: int | None
) -> dict[str, _Fit]:
    """Active services of organisations of ``kinds``; only those on the topic for other kinds."""
    organisations = Organisation.objects.filter(kind__in=list(kinds))
    if exclude_organisation_id is not None:
        organisations = organisations.exclude(pk=exclude_organisation_id)
    organisation_ids = set(organisations.order_by().values_list("pk", flat=True))
    rows: list[tuple[str, int]] = []
    active = Service.objects.filter(status=ServiceStatus.ACTIVE).order_by()
    if OrganisationKind.CLIENT_SUPPORT in kinds or topic_id is None:
        rows = list(
            active.filter(organisation_id__in=organisation_ids).values_list(
                _as_text("pk"), "organisation_id"
            )
        )
    else:
        rows = [
            (pk, organisation_id)
            for pk, organisation_id, status in Service.objects.filter(
                pk__in=TopicThrough.objects.filter(topic_id=topic_id)
                .order_by()
                .values("service_id")
            )
            .order_by()
            .values_list(_as_text("pk"), "organisation_id", "status")
            if status == ServiceStatus.ACTIVE and organisation_id in organisation_ids
        ]
    return {pk: _Fit(pk, organisation_id) for pk, organisation_id in rows}


def _restricted(queryset: QuerySet[Any], ids: Sequence[str]) -> QuerySet[Any]:
    # A short list of candidates narrows the lookup; a long one costs more to send
    # than reading the narrow, indexed rows of the whole table.
    if len(ids) <= MAX_RESTRICT:
        return queryset.filter(service_id__in=[UUID(pk) for pk in ids])
    return queryset


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
    area. Every query is narrow and indexed and their number does not depend
    on the size of the directory; the scoring is done in Python.
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
    topic_ids = (
        _ids(TopicThrough.objects.filter(topic_id=topic_obj.pk)) if topic_obj is not None else None
    )
    fits = _candidates(
        kinds=kinds,
        topic_id=topic_obj.pk if topic_obj is not None else None,
        exclude_organisation_id=exclude_organisation_id,
    )
    ids = list(fits)
    if ids and area_obj is not None:
        limited = _ids(_restricted(AreaThrough.objects.all(), ids))
        inside = _ids(_restricted(AreaThrough.objects.filter(area_id__in=area_ids), ids))
    if ids and wants_language:
        speaks = _ids(_restricted(ServiceLanguage.objects.filter(code=language), ids))
    group_rows: list[tuple[str, int]] = []
    if ids and groups:
        group_rows = list(
            _restricted(
                TargetGroupThrough.objects.filter(targetgroup_id__in=[g.pk for g in groups]), ids
            )
            .order_by()
            .values_list(_as_text("service_id"), "targetgroup_id")
        )
    for service_id, group_id in group_rows:
        if service_id in fits:
            fits[service_id].groups.add(group_id)
    independent_ids = (
        set(
            Organisation.objects.filter(
                pk__in={fit.organisation_id for fit in fits.values()}, is_independent=True
            ).values_list("pk", flat=True)
        )
        if independent and fits
        else set()
    )

    for fit in fits.values():
        score = 1
        if topic_ids is not None:
            fit.topic = fit.service_id in topic_ids
            score += TOPIC_POINTS if fit.topic else 0
        if area_obj is not None:
            fit.area = fit.service_id in inside
            fit.whole_municipality = fit.service_id not in limited
            score += (
                AREA_POINTS
                if fit.area
                else WHOLE_MUNICIPALITY_POINTS
                if fit.whole_municipality
                else ELSEWHERE_PENALTY
            )
        if wants_language:
            fit.language = fit.service_id in speaks
            score += LANGUAGE_POINTS if fit.language else 0
        score += TARGET_GROUP_POINTS * len(fit.groups)
        if fit.organisation_id in independent_ids:
            score += INDEPENDENT_POINTS
        fit.score = score
    if not client_support and area_obj is not None:
        fits = {pk: fit for pk, fit in fits.items() if fit.area or fit.whole_municipality}

    by_organisation: dict[int, list[_Fit]] = {}
    for fit in fits.values():
        by_organisation.setdefault(fit.organisation_id, []).append(fit)
    for organisation_fits in by_organisation.values():
        organisation_fits.sort(key=lambda fit: -fit.score)
        if topic_ids is not None and any(fit.topic for fit in organisation_fits):
            organisation_fits[:] = [fit for fit in organisation_fits if fit.topic]
    best = sorted(by_organisation.items(), key=lambda item: (-item[1][0].score, item[0]))[:limit]
    chosen = {pk for pk, _fits in best}
    organisations = Organisation.objects.in_bulk(list(chosen))
    wanted = [UUID(fit.service_id) for _pk, organisation_fits in best for fit in organisation_fits]
    services = Service.objects.in_bulk(wanted) if wanted else {}
    matches: list[Match] = []
    for organisation_id, organisation_fits in best:
        organisation = organisations[organisation_id]
        fitting = []
        for fit in organisation_fits:
            service = services[UUID(fit.service_id)]
            service.organisation = organisation
            fitting.append(service)
        reasons = _reasons(
            organisation,
            organisation_fits,
            topic=topic_obj,
            area=area_obj,
            language=language if wants_language else None,
            groups=groups,
        )
        matches.append(Match(organisation, fitting, organisation_fits[0].score, reasons))

    if client_support and len(matches) < limit:
        # The general answer: client support helps with every question.
        others = Organisation.objects.filter(kind=OrganisationKind.CLIENT_SUPPORT).exclude(
            pk__in=[match.organisation.pk for match in matches]
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
    fits: list[_Fit],
    *,
    topic: Topic | None,
    area: Area | None,
    language: str | None,
    groups: list[TargetGroup],
) -> list[str]:
    reasons: list[str] = []
    if topic is not None and any(fit.topic for fit in fits):
        reasons.append(_("helpt bij %(topic)s") % {"topic": topic.label})
    if area is not None:
        if any(fit.area for fit in fits):
            reasons.append(_("werkt in %(area)s") % {"area": area.name})
        elif any(fit.whole_municipality for fit in fits):
            reasons.append(_("werkt in heel %(city)s") % {"city": area.municipality.name})
    if language is not None and any(fit.language for fit in fits):
        reasons.append(_("spreekt %(language)s") % {"language": language_label(language)})
    for group in groups:
        if any(group.pk in fit.groups for fit in fits):
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


class RankedServices:
    """Services in a ranked order of ids, fetched a page at a time (for ``list_page``).

    The ranking is computed from narrow, indexed queries; only the services
    of the page that is shown are loaded, with their organisation.
    """

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index: slice) -> list[Service]:
        wanted = [UUID(pk) for pk in self.ids[index]]
        found = Service.objects.select_related("organisation").in_bulk(wanted)
        return [found[pk] for pk in wanted if pk in found]


def _as_text(field: str) -> Cast:
    # Ids as the database's text, not uuid.UUID objects: converting thousands of
    # UUIDs costs more than the query itself. Used only as keys and in lookups.
    return Cast(field, output_field=CharField())


def _ids(queryset: QuerySet[Any]) -> set[str]:
    return set(queryset.order_by().values_list(_as_text("service_id"), flat=True))


# Above this many candidates one query for every filtered service is cheaper than
# a long IN list.
MAX_ID_LIST = 2000
MAX_RESTRICT = 200


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
) -> RankedServices | QuerySet[Service]:
    """Active services that match every word of ``query`` (stemmed, with synonyms) and the filters.

    Ordered by relevance (words in the name weigh more), then by name. Each
    word and each filter is one indexed query on a narrow table; the
    intersection is made in Python, so the cost follows the number of
    matches, not the size of the directory.
    """
    groups = search.query_groups(query, synonym_map()) if query.strip() else []
    # Every condition is "id IN (narrow indexed subquery)" and nothing else, so the
    # database looks the services up by primary key instead of scanning them.
    matching = Service.objects.order_by()
    narrowed = False
    relevance: dict[str, int] = {}
    for group in groups:
        matches = Q()
        for stem in group:
            matches |= _term_q(stem)
        terms = ServiceSearchTerm.objects.filter(matches).order_by()
        matching = matching.filter(pk__in=terms.values("service_id"))
        narrowed = True
        for service_id, weight in terms.values_list(_as_text("service_id"), "weight"):
            relevance[service_id] = relevance.get(service_id, 0) + weight
    for through, condition in (
        (TopicThrough, {"topic__code": topic}),
        (TargetGroupThrough, {"targetgroup__code": target_group}),
        (ChannelThrough, {"channel__code": channel}),
        (ServiceLanguage, {"code": language}),
    ):
        if next(iter(condition.values())):
            matching = matching.filter(
                pk__in=through.objects.filter(**condition).order_by().values("service_id")
            )
            narrowed = True

    elsewhere: set[str] = set()
    if area:
        # Services limited to other areas are out; no areas means the whole municipality.
        _area, area_ids = _area_with_surroundings(area)
        elsewhere = _ids(AreaThrough.objects.all()) - _ids(
            AreaThrough.objects.filter(area_id__in=area_ids)
        )
    organisations: set[int] | None = None
    if independent or kind:
        chosen = Organisation.objects.all()
        if independent:
            chosen = chosen.filter(is_independent=True)
        if kind:
            chosen = chosen.filter(kind=kind)
        organisations = set(chosen.order_by().values_list("pk", flat=True))

    if not narrowed:
        # No words and no list filters: the plain, indexed list by name.
        services = Service.objects.filter(status=ServiceStatus.ACTIVE)
        if elsewhere:
            services = services.exclude(pk__in=[UUID(pk) for pk in elsewhere])
        if organisations is not None:
            services = services.filter(organisation_id__in=organisations)
        return services.select_related("organisation").order_by("name", "pk")
    rows = [
        (pk, name)
        for pk, name, status, organisation_id in matching.values_list(
            _as_text("pk"), "name", "status", "organisation_id"
        )
        if status == ServiceStatus.ACTIVE
        and pk not in elsewhere
        and (organisations is None or organisation_id in organisations)
    ]
    ranked = sorted(rows, key=lambda row: (-relevance.get(row[0], 0), row[1], row[0]))
    return RankedServices([pk for pk, _name in ranked])


def service_search_cached(**criteria: Any) -> "RankedServices | QuerySet[Service]":
    """``service_search`` with the ranking kept in the cache until the sociale kaart changes."""

    def compute() -> list[str] | str:
        result = service_search(**criteria)
        return result.ids if isinstance(result, RankedServices) else "plain"

    found = cache.cached("search", criteria, compute)
    if isinstance(found, str):
        # The plain list by name is one indexed query: no ranking to keep.
        return service_search(**criteria)
    return RankedServices(found)


@dataclass(frozen=True)
class FinderAnswer:
    support: list[Match]
    facilities: list[Match]
    locations: dict[int, list[Location]]


def finder_answer(*, topic: str | None, **criteria: Any) -> FinderAnswer:
    """The finder's answer: client support always, facilities when a topic is asked; cached."""

    def compute() -> FinderAnswer:
        support = organisation_matches(topic=topic, **criteria, limit=FINDER_LIMIT)
        facilities = (
            organisation_matches(topic=topic, **criteria, kinds=FACILITY_KINDS, limit=FINDER_LIMIT)
            if topic
            else []
        )
        return FinderAnswer(support, facilities, match_contacts([*support, *facilities]))

    return cache.cached("finder", {"topic": topic, **criteria}, compute)


@dataclass(frozen=True)
class ChoiceLists:
    """The reference lists the public forms offer, as plain tuples."""

    topics: list[tuple[str, str, str]]
    target_groups: list[tuple[str, str, str]]
    channels: list[tuple[str, str, str]]
    # (code, name, kind, parent id, id)
    areas: list[tuple[str, str, str, int | None, int]]


def choice_lists() -> ChoiceLists:
    def rows(model: Any) -> list[tuple[str, str, str]]:
        return list(
            model.objects.filter(is_active=True)
            .order_by("position", "code")
            .values_list("code", "label_nl", "label_en")
        )

    def compute() -> ChoiceLists:
        return ChoiceLists(
            topics=rows(Topic),
            target_groups=rows(TargetGroup),
            channels=rows(Channel),
            areas=list(
                Area.objects.order_by("name").values_list("code", "name", "kind", "parent_id", "pk")
            ),
        )

    return cache.cached("choices", {}, compute)


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
