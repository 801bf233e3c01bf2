"""The Open Referral HSDS 3.0 read API of the sociale kaart, under ``/api/hsds/``.

Public: no key, every origin (CORS), only active services, never a
confidential address. Plain Django views, outside the Wegwijs API (``/api/v1``)
and its OpenAPI schema: this API follows the official HSDS OpenAPI file, which
it serves at ``/api/hsds/openapi.json``. Lists are paginated as that file
says (``page``, ``per_page``; ``total_items``, ``total_pages``, ``page_number``,
``size``, ``first_page``, ``last_page``, ``empty``, ``contents``).
"""

import json
import math
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime, time
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.http import require_GET
from django_ratelimit.core import is_ratelimited  # type: ignore[import-untyped]

from wegwijs.accounts.models import Organisation
from wegwijs.directory import selectors as directory_selectors
from wegwijs.directory.hsds import mapping
from wegwijs.directory.hsds import selectors as hsds_selectors
from wegwijs.directory.models import Schedule, Service, ServiceAtLocation

# Calls per client address; open data, so generous (WEGWIJS_HSDS_RATE overrides it).
DEFAULT_RATE = "600/m"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
PROFILE_URL = "https://docs.openreferral.org/en/latest/hsds/"
SPEC_DIR = Path(__file__).resolve().parent / "spec"

Row = dict[str, Any]


class BadParameter(Exception):
    def __init__(self, name: str, detail: str) -> None:
        super().__init__(detail)
        self.name = name
        self.detail = detail


def _json(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def _problem(status: int, title: str, detail: str = "") -> JsonResponse:
    body = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    response = _json(body, status=status)
    response["Content-Type"] = "application/problem+json"
    return response


def _not_found() -> JsonResponse:
    return _problem(404, "Not Found", "No such record in this directory.")


def _client_address(group: str, request: HttpRequest) -> str:
    """The caller's address: behind trusted reverse proxies, the one they forwarded."""
    proxies = getattr(settings, "WEGWIJS_TRUSTED_PROXIES", 0)
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))


def _rate_limited(request: HttpRequest) -> bool:
    return bool(
        is_ratelimited(
            request,
            group="hsds",
            key=_client_address,
            rate=getattr(settings, "WEGWIJS_HSDS_RATE", DEFAULT_RATE),
            method="GET",
            increment=True,
        )
    )


def hsds_view(view: Callable[..., JsonResponse]) -> Callable[..., JsonResponse]:
    """GET only, limited per address; a bad query parameter answers 400 problem details."""

    @require_GET
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        if _rate_limited(request):
            response = _problem(429, "Too Many Requests", "Try again in a minute.")
            response["Retry-After"] = "60"
            return response
        try:
            return view(request, *args, **kwargs)
        except BadParameter as exc:
            return _problem(400, "Bad Request", f"{exc.name}: {exc.detail}")

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


# --- Query parameters ---------------------------------------------------------


def _int(request: HttpRequest, name: str, default: int, *, lowest: int, highest: int) -> int:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameter(name, "not a whole number") from None
    if not lowest <= value <= highest:
        raise BadParameter(name, f"must be from {lowest} to {highest}")
    return value


def _bool(request: HttpRequest, name: str) -> bool:
    raw = request.GET.get(name, "").strip().lower()
    if raw in ("", "false", "0", "no"):
        return False
    if raw in ("true", "1", "yes"):
        return True
    raise BadParameter(name, "must be true or false")


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value.strip())
    except ValueError:
        return None


def _modified_after(request: HttpRequest) -> datetime | None:
    raw = request.GET.get("modified_after", "").strip()
    if not raw:
        return None
    moment = parse_datetime(raw.replace(" ", "+"))
    if moment is None:
        day = parse_date(raw)
        if day is None:
            raise BadParameter("modified_after", "not a date or date-time (ISO 8601)")
        moment = datetime.combine(day, time.min)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _check_format(request: HttpRequest) -> None:
    if request.GET.get("format", "json").strip().lower() not in ("", "json"):
        raise BadParameter("format", "only json is offered")


# --- Pages --------------------------------------------------------------------


def _page(
    request: HttpRequest,
    items: QuerySet[Any] | Sequence[Any],
    render: Callable[[Any], Row],
) -> JsonResponse:
    page = _int(request, "page", 1, lowest=1, highest=10**6)
    per_page = _int(request, "per_page", DEFAULT_PER_PAGE, lowest=1, highest=MAX_PER_PAGE)
    total = items.count() if isinstance(items, QuerySet) else len(items)
    total_pages = max(1, math.ceil(total / per_page))
    start = (page - 1) * per_page
    contents = [render(item) for item in items[start : start + per_page]] if start < total else []
    return _json(
        {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": page,
            "size": len(contents),
            "first_page": page == 1,
            "last_page": page >= total_pages,
            "empty": total == 0,
            "contents": contents,
        }
    )


# --- Filters shared by services and services at locations -----------------------


def _walk_in_services() -> QuerySet[Service]:
    walk_in = Schedule.objects.filter(is_walk_in=True)
    return Service.objects.filter(
        Exists(walk_in.filter(service_at_location__service_id=OuterRef("pk")))
        | Exists(walk_in.filter(location__services_here__service_id=OuterRef("pk")))
    )


def _with_term(services: QuerySet[Service], term_id: str) -> QuerySet[Service]:
    if term_id == mapping.WALK_IN_TERM_ID:
        return services.filter(pk__in=_walk_in_services().values("pk"))
    for taxonomy in mapping.CODE_TAXONOMIES:
        for code in taxonomy.model.objects.values_list("code", flat=True):
            if taxonomy.term_id(code) == term_id:
                return services.filter(**{f"{taxonomy.relation}__code": code})
    return services.none()


def _in_taxonomy(services: QuerySet[Service], taxonomy_id: str) -> QuerySet[Service]:
    if taxonomy_id == mapping.SCHEDULE_TAXONOMY_ID:
        return services.filter(pk__in=_walk_in_services().values("pk"))
    for taxonomy in mapping.CODE_TAXONOMIES:
        if taxonomy.id == taxonomy_id:
            through = getattr(Service, taxonomy.relation).through
            return services.filter(Exists(through.objects.filter(service_id=OuterRef("pk"))))
    return services.none()


def _filtered_services(request: HttpRequest) -> QuerySet[Service]:
    """Active services matching ``search``, ``taxonomy_term_id``, ``taxonomy_id``,
    ``organization_id`` and ``modified_after``."""
    _check_format(request)
    query = request.GET.get("search", "").strip()
    services = hsds_selectors.active_services().order_by("name", "pk")
    if query:
        # The finder's search (stemmed Dutch, synonyms); HSDS pages are by name.
        found = directory_selectors.service_search(query=query)
        if isinstance(found, QuerySet):
            services = services.filter(pk__in=found.values("pk"))
        else:  # a ranked list of ids
            ranked = getattr(found, "ids", [])
            services = services.filter(pk__in=[uuid.UUID(str(pk)) for pk in ranked])
    term_id = request.GET.get("taxonomy_term_id", "").strip()
    if term_id:
        services = _with_term(services, str(_uuid(term_id) or ""))
    taxonomy_id = request.GET.get("taxonomy_id", "").strip()
    if taxonomy_id:
        services = _in_taxonomy(services, str(_uuid(taxonomy_id) or ""))
    organization_id = request.GET.get("organization_id", "").strip()
    if organization_id:
        organisation_uuid = _uuid(organization_id)
        services = (
            services.filter(organisation__uuid=organisation_uuid)
            if organisation_uuid
            else services.none()
        )
    moment = _modified_after(request)
    if moment is not None:
        services = services.filter(updated_at__gte=moment)
    return services


# --- Views --------------------------------------------------------------------


@hsds_view
def api_root(request: HttpRequest) -> JsonResponse:
    """What this API is: HSDS version, profile and the OpenAPI file."""
    return _json(
        {
            "version": mapping.HSDS_VERSION,
            "profile": PROFILE_URL,
            "openapi_url": request.build_absolute_uri(reverse("hsds:openapi")),
        }
    )


@cache
def _openapi_document() -> Row:
    document: Row = json.loads((SPEC_DIR / "openapi.json").read_text(encoding="utf-8"))
    document["info"] = {
        "title": "Wegwijs: sociale kaart (Open Referral HSDS 3.0)",
        "version": mapping.HSDS_VERSION,
        "summary": "The services, organisations and locations of the sociale kaart.",
        "description": (
            "Public read API after the HSDS 3.0 reference API. Only active services; "
            "confidential addresses are never given."
        ),
        "license": {
            "name": "CC BY-SA 4.0 (HSDS specification)",
            "url": "https://creativecommons.org/licenses/by-sa/4.0/",
        },
    }
    return document


@hsds_view
def openapi(request: HttpRequest) -> JsonResponse:
    """The official HSDS 3.0 OpenAPI file, with this installation's title and address."""
    document = dict(_openapi_document())
    document["servers"] = [{"url": request.build_absolute_uri(reverse("hsds:root"))}]
    return _json(document)


@hsds_view
def service_list(request: HttpRequest) -> JsonResponse:
    services = _filtered_services(request)
    if _bool(request, "minimal"):
        return _page(request, services, mapping.service_minimal_json)
    if _bool(request, "full"):
        return _page(request, hsds_selectors.with_service_details(services), mapping.service_json)
    return _page(request, services, mapping.service_list_json)


@hsds_view
def service_detail(request: HttpRequest, pk: str) -> JsonResponse:
    service_id = _uuid(pk)
    service = (
        hsds_selectors.with_service_details(hsds_selectors.active_services())
        .filter(pk=service_id)
        .first()
        if service_id
        else None
    )
    if service is None:
        return _not_found()
    return _json(mapping.service_json(service))


@hsds_view
def organization_list(request: HttpRequest) -> JsonResponse:
    _check_format(request)
    full = _bool(request, "full")
    full_service = _bool(request, "full_service")
    organisations = hsds_selectors.organisations(full=full, full_service=full_service)
    query = request.GET.get("search", "").strip()
    if query:
        organisations = organisations.filter(
            Q(name__icontains=query) | Q(description__icontains=query)
        )
    if full:
        return _page(
            request,
            organisations,
            lambda item: mapping.organization_json(item, full_service=full_service),
        )
    return _page(request, organisations, mapping.organization_list_json)


@hsds_view
def organization_detail(request: HttpRequest, pk: str) -> JsonResponse:
    organisation_uuid = _uuid(pk)
    full_service = _bool(request, "full_service")
    organisation: Organisation | None = (
        hsds_selectors.organisations(full=True, full_service=full_service)
        .filter(uuid=organisation_uuid)
        .first()
        if organisation_uuid
        else None
    )
    if organisation is None:
        return _not_found()
    return _json(mapping.organization_json(organisation, full_service=full_service))


def _search_rows(request: HttpRequest, rows: list[Row]) -> list[Row]:
    _check_format(request)
    query = request.GET.get("search", "").strip().lower()
    if not query:
        return rows
    return [
        row
        for row in rows
        if query in row["name"].lower()
        or query in row.get("code", "").lower()
        or query in row["description"].lower()
    ]


@hsds_view
def taxonomy_list(request: HttpRequest) -> JsonResponse:
    return _page(request, _search_rows(request, mapping.taxonomy_rows()), dict)


@hsds_view
def taxonomy_detail(request: HttpRequest, pk: str) -> JsonResponse:
    for row in mapping.taxonomy_rows():
        if row["id"] == str(_uuid(pk)):
            return _json(row)
    return _not_found()


@hsds_view
def taxonomy_term_list(request: HttpRequest) -> JsonResponse:
    rows = _search_rows(request, mapping.all_term_rows())
    taxonomy_id = request.GET.get("taxonomy_id", "").strip()
    if taxonomy_id:
        rows = [row for row in rows if row["taxonomy_id"] == str(_uuid(taxonomy_id))]
    if request.GET.get("parent_id", "").strip():
        rows = []  # Wegwijs terms have no parents.
    _bool(request, "top_only")  # every Wegwijs term is a top term
    return _page(request, rows, dict)


@hsds_view
def taxonomy_term_detail(request: HttpRequest, pk: str) -> JsonResponse:
    for row in mapping.all_term_rows():
        if row["id"] == str(_uuid(pk)):
            return _json(row)
    return _not_found()


@hsds_view
def service_at_location_list(request: HttpRequest) -> JsonResponse:
    services = _filtered_services(request)
    found = (
        hsds_selectors.active_services_at_locations()
        .filter(service__in=services.values("pk"))
        .order_by("service__name", "location__name", "pk")
    )
    if _bool(request, "full"):
        detailed = found.select_related("location__organisation").prefetch_related(
            *_sal_prefetches()
        )
        return _page(
            request,
            detailed,
            lambda item: mapping.service_at_location_json(item, with_service=True),
        )
    return _page(
        request,
        found.select_related("service__organisation", "location__organisation"),
        mapping.service_at_location_list_json,
    )


def _sal_prefetches() -> list[Prefetch]:
    return [
        Prefetch("schedules", queryset=Schedule.objects.order_by("weekday", "opens_at", "pk")),
        Prefetch(
            "location__schedules",
            queryset=Schedule.objects.order_by("weekday", "opens_at", "pk"),
        ),
        Prefetch(
            "service",
            queryset=hsds_selectors.with_service_details(Service.objects.all()),
        ),
    ]


@hsds_view
def service_at_location_detail(request: HttpRequest, pk: str) -> JsonResponse:
    sal_id = _uuid(pk)
    found: ServiceAtLocation | None = (
        hsds_selectors.active_services_at_locations()
        .filter(pk=sal_id)
        .select_related("location__organisation")
        .prefetch_related(*_sal_prefetches())
        .first()
        if sal_id
        else None
    )
    if found is None:
        return _not_found()
    return _json(mapping.service_at_location_json(found, with_service=True))
