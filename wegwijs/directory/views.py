"""Pages of the sociale kaart.

Public (no login): the finder (wegwijzer), search, organisation and service
pages. Staff: coordinators keep their own organisation's entries right, the
administrator every organisation's.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wegwijs.accounts.constants import INDEPENDENT_MEANING
from wegwijs.accounts.models import Organisation
from wegwijs.accounts.permissions import Capability, has_capability
from wegwijs.core import errors
from wegwijs.core.pagination import list_page
from wegwijs.directory import cache, selectors, services
from wegwijs.directory.forms import (
    FOR_WHOM_TARGET_GROUP,
    FinderForm,
    LocationForm,
    ScheduleForm,
    SearchForm,
    ServiceForm,
)
from wegwijs.directory.models import Location, Schedule, Service
from wegwijs.reference.languages import language_label
from wegwijs.reference.models import Area

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])

SEARCH_PER_PAGE = 20


def _unknown_value_notices(dropped: list[str]) -> list[tuple[int, str]]:
    return [
        (
            messages.WARNING,
            _("De keuze '%(value)s' kennen we niet. Die is overgeslagen.") % {"value": value[:40]},
        )
        for value in dropped
    ]


def _notify(request: HttpRequest, notices: list[tuple[int, str]]) -> None:
    for level, text in notices:
        messages.add_message(request, level, text)


# --- Finder (wegwijzer) -------------------------------------------------------------


@require_GET
def finder(request: HttpRequest) -> HttpResponse:
    """The questions; answers given in the address (from the home page) are filled in."""
    form = FinderForm(request.GET or None)
    if request.GET:
        _notify(request, _unknown_value_notices(form.drop_unknown_values()))
        form.is_valid()  # shows what is wrong, e.g. a too long postcode
    return render(request, "directory/finder.html", {"form": form})


@require_GET
def finder_answer(request: HttpRequest) -> HttpResponse:
    def page() -> dict[str, Any]:
        return _finder_answer_page(request)

    # The answer to one address is made once until the sociale kaart changes
    # (the same questions are asked often); its notices are shown on every request.
    answer = cache.cached("finder-page", {"address": sorted(request.GET.lists())}, page)
    _notify(request, answer["notices"])
    return render(
        request,
        "directory/finder_answer.html",
        {"body": mark_safe(answer["body"])},  # noqa: S308
    )


def _finder_answer_page(request: HttpRequest) -> dict[str, Any]:
    """The rendered answer and the notices about the question (level, text)."""
    form = FinderForm(request.GET)
    notices = _unknown_value_notices(form.drop_unknown_values())
    form.is_valid()
    answers: dict[str, Any] = {
        key: form.cleaned_data.get(key) for key in form.fields if key not in form.errors
    }
    area: Area | None = None
    if answers.get("wijk"):
        area = Area.objects.filter(code=answers["wijk"]).select_related("municipality").first()
    elif answers.get("postcode"):
        area = selectors.area_for_postcode(answers["postcode"])
        if area is None:
            notices.append(
                (
                    messages.INFO,
                    _(
                        "Postcode %(postcode)s kennen we niet. U ziet hieronder de hulp in de "
                        "hele gemeente."
                    )
                    % {"postcode": answers["postcode"][:7]},
                )
            )
    elif "postcode" in form.errors:
        notices.append(
            (
                messages.INFO,
                _("Die postcode kennen we niet. U ziet hieronder de hulp in de hele gemeente."),
            )
        )
    target_groups = list(answers.get("doelgroep") or [])
    if answers.get("voor") in FOR_WHOM_TARGET_GROUP:
        target_groups.append(FOR_WHOM_TARGET_GROUP[answers["voor"]])
    criteria: dict[str, Any] = {
        "topic": answers.get("onderwerp") or None,
        "target_groups": target_groups,
        "area": area.code if area else None,
        "language": answers.get("taal") or None,
        "independent": bool(answers.get("onafhankelijk")),
    }
    answer = selectors.finder_answer(**criteria)
    locations = answer.locations
    topic_choices = dict(form.fields["onderwerp"].choices)  # type: ignore[attr-defined]
    topic_label = topic_choices.get(criteria["topic"] or "", "")
    body = render_to_string(
        "directory/_finder_answer_body.html",
        {
            "support": [(match, locations[match.organisation.pk]) for match in answer.support],
            "facilities": [
                (match, locations[match.organisation.pk]) for match in answer.facilities
            ],
            "area": area,
            "topic_label": topic_label if criteria["topic"] else "",
            "language_label": language_label(criteria["language"]) if criteria["language"] else "",
            "independent": criteria["independent"],
            "change_url": reverse("directory:finder") + "?" + request.GET.urlencode(),
        },
    )
    return {"body": body, "notices": notices}


# --- Search ----------------------------------------------------------------------


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    def page() -> dict[str, Any]:
        return _search_page(request)

    # The form and one page of results are made once per address until the
    # sociale kaart changes; notices about unknown values are shown on every request.
    found = cache.cached("search-page", {"address": sorted(request.GET.lists())}, page)
    _notify(request, found["notices"])
    return render(
        request,
        "directory/search.html",
        {"body": mark_safe(found["body"]), "query": found["query"]},  # noqa: S308
    )


def _search_page(request: HttpRequest) -> dict[str, Any]:
    """The rendered form and results, the query, and notices about unknown values."""
    form = SearchForm(request.GET)
    notices = _unknown_value_notices(form.drop_unknown_values())
    form.is_valid()
    data = {key: form.cleaned_data.get(key) for key in form.fields if key not in form.errors}
    criteria = {
        "query": data.get("q") or "",
        "topic": data.get("onderwerp") or None,
        "target_group": data.get("doelgroep") or None,
        "area": data.get("wijk") or None,
        "language": data.get("taal") or None,
        "channel": data.get("kanaal") or None,
        "independent": bool(data.get("onafhankelijk")),
        "kind": data.get("soort") or None,
    }
    results = selectors.service_search_cached(**criteria)
    # list_page pages any sequence with a length: the ranked ids or the plain queryset.
    paged = list_page(request, results, per_page=SEARCH_PER_PAGE)  # type: ignore[arg-type]
    body = render_to_string("directory/_search_body.html", {"form": form, "results": paged})
    return {"body": body, "query": criteria["query"], "notices": notices}


# --- Organisation and service pages ----------------------------------------------


@require_GET
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.organisation_for_page(slug=slug)
    if organisation is None:
        raise Http404
    return render(
        request,
        "directory/organisation_detail.html",
        {
            "organisation": organisation,
            "services": selectors.organisation_services(organisation),
            "locations": selectors.organisation_locations(organisation),
            "independent_meaning": INDEPENDENT_MEANING,
        },
    )


@require_GET
def service_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    service = selectors.service_for_page(service_id=str(pk))
    if service is None:
        raise Http404
    return render(
        request,
        "directory/service_detail.html",
        {
            "service": service,
            "organisation": service.organisation,
            "at_locations": selectors.service_locations(service),
            "independent_meaning": INDEPENDENT_MEANING,
        },
    )


# --- Staff: keeping the map right -------------------------------------------------


def directory_staff(view: ViewFunc) -> ViewFunc:
    """Coordinators and the administrator; another organisation's entries answer 404."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (
            has_capability(user, Capability.MANAGE_ORGANISATION)
            or has_capability(user, Capability.MANAGE_CONFIGURATION)
        ):
            raise PermissionDenied
        try:
            return view(request, *args, **kwargs)
        except errors.NotFound as exc:
            raise Http404(str(exc.message)) from exc
        except errors.PermissionDenied as exc:
            raise PermissionDenied(str(exc.message)) from exc

    return wrapped  # type: ignore[return-value]


def _organisation(request: HttpRequest, slug: str) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None or not services.directory_editable_by(request.user, organisation):
        raise Http404
    return organisation


def _manage_url(organisation: Organisation) -> str:
    return reverse("directory:manage-organisation", args=[organisation.slug])


@directory_staff
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    """Coordinators go to their own organisation; the administrator picks one."""
    user: Any = request.user
    if not has_capability(user, Capability.MANAGE_CONFIGURATION):
        return redirect(_manage_url(user.organisation))
    organisations = list_page(request, selectors.organisations_with_stale_counts(), per_page=50)
    return render(request, "directory/manage.html", {"organisations": organisations})


@directory_staff
@require_GET
def manage_organisation(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(request, slug)
    service_list, location_list = selectors.organisation_entries(organisation)
    return render(
        request,
        "directory/manage_organisation.html",
        {
            "organisation": organisation,
            "services": list_page(request, service_list, param="diensten", per_page=50),
            "locations": list_page(request, location_list, param="locaties", per_page=50),
            "stale_cutoff": selectors.stale_cutoff(),
        },
    )


@directory_staff
@require_POST
def mark_checked(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(request, slug)
    count = services.entries_mark_checked(actor=request.user, organisation=organisation)  # type: ignore[arg-type]
    messages.success(
        request, _("%(count)s vermeldingen staan als gecontroleerd op vandaag.") % {"count": count}
    )
    return redirect(_manage_url(organisation))


def _service_initial(service: Service) -> dict[str, Any]:
    return {
        "name": service.name,
        "description": service.description,
        "eligibility": service.eligibility,
        "phone": service.phone,
        "email": service.email,
        "url": service.url,
        "is_free": service.is_free,
        "cost": service.cost,
        "status": service.status,
        "topics": [item.code for item in service.topics.all()],
        "target_groups": [item.code for item in service.target_groups.all()],
        "areas": [item.code for item in service.areas.all()],
        "channels": [item.code for item in service.channels.all()],
        "languages": [item.code for item in service.languages.all()],
        "locations": [str(sal.location_id) for sal in service.at_locations.all()],
    }


@directory_staff
@require_http_methods(["GET", "POST"])
def service_edit(request: HttpRequest, slug: str, pk: UUID | None = None) -> HttpResponse:
    organisation = _organisation(request, slug)
    service = None
    if pk is not None:
        service = Service.objects.filter(pk=pk, organisation=organisation).first()
        if service is None:
            raise Http404
    if request.method == "POST":
        form = ServiceForm(request.POST, organisation=organisation)
        if form.is_valid():
            data = form.cleaned_data
            relations = {
                "topic_codes": data["topics"],
                "target_group_codes": data["target_groups"],
                "area_codes": data["areas"],
                "channel_codes": data["channels"],
                "language_codes": data["languages"],
            }
            fields = {
                key: data[key]
                for key in ("name", "description", "eligibility", "phone", "email", "url")
            }
            fields.update(is_free=data["is_free"], cost=data["cost"], status=data["status"])
            try:
                if service is None:
                    service = services.service_create(
                        actor=request.user,  # type: ignore[arg-type]
                        organisation=organisation,
                        **fields,
                        **relations,
                    )
                else:
                    service = services.service_update(
                        actor=request.user,  # type: ignore[arg-type]
                        service=service,
                        **fields,
                        **relations,
                    )
                services.service_at_location_set(
                    actor=request.user,  # type: ignore[arg-type]
                    service=service,
                    locations=list(
                        Location.objects.filter(organisation=organisation, pk__in=data["locations"])
                    ),
                )
            except errors.ValidationFailed as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                messages.success(request, _("De dienst is opgeslagen."))
                return redirect(_manage_url(organisation))
    else:
        initial = (
            _service_initial(service)
            if service
            else {"is_free": True, "languages": ["nl"], "status": "active"}
        )
        form = ServiceForm(initial=initial, organisation=organisation)
    return render(
        request,
        "directory/service_form.html",
        {"form": form, "organisation": organisation, "service": service},
    )


@directory_staff
@require_POST
def service_delete(request: HttpRequest, slug: str, pk: UUID) -> HttpResponse:
    organisation = _organisation(request, slug)
    service = Service.objects.filter(pk=pk, organisation=organisation).first()
    if service is None:
        raise Http404
    services.service_delete(actor=request.user, service=service)  # type: ignore[arg-type]
    messages.success(request, _("De dienst is verwijderd."))
    return redirect(_manage_url(organisation))


@directory_staff
@require_http_methods(["GET", "POST"])
def location_edit(request: HttpRequest, slug: str, pk: UUID | None = None) -> HttpResponse:
    organisation = _organisation(request, slug)
    location = None
    if pk is not None:
        location = (
            Location.objects.filter(pk=pk, organisation=organisation)
            .select_related("organisation")
            .first()
        )
        if location is None:
            raise Http404
    if request.method == "POST":
        form = LocationForm(request.POST, organisation=organisation)
        if form.is_valid():
            data = dict(form.cleaned_data)
            area_id = data.pop("area")
            area = Area.objects.filter(pk=area_id).first() if area_id else None
            try:
                if location is None:
                    location = services.location_create(
                        actor=request.user,  # type: ignore[arg-type]
                        organisation=organisation,
                        area=area,
                        **data,
                    )
                    messages.success(request, _("De locatie is opgeslagen."))
                    return redirect(
                        "directory:location-edit", slug=organisation.slug, pk=location.pk
                    )
                services.location_update(
                    actor=request.user,  # type: ignore[arg-type]
                    location=location,
                    area=area,
                    **data,
                )
            except errors.ValidationFailed as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                messages.success(request, _("De locatie is opgeslagen."))
                return redirect(_manage_url(organisation))
    else:
        initial: dict[str, Any] = {"city": "Haarlem"}
        if location is not None:
            initial = {
                field: getattr(location, field)
                for field in (
                    "name",
                    "description",
                    "street_address",
                    "postcode",
                    "city",
                    "accessibility",
                    "is_confidential",
                )
            }
            initial["area"] = str(location.area_id or "")
        form = LocationForm(initial=initial, organisation=organisation)
    return render(
        request,
        "directory/location_form.html",
        {
            "form": form,
            "organisation": organisation,
            "location": location,
            "schedules": location.schedules.all() if location else [],
            "schedule_form": ScheduleForm(prefix="schedule") if location else None,
        },
    )


@directory_staff
@require_POST
def location_delete(request: HttpRequest, slug: str, pk: UUID) -> HttpResponse:
    organisation = _organisation(request, slug)
    location = Location.objects.filter(pk=pk, organisation=organisation).first()
    if location is None:
        raise Http404
    services.location_delete(actor=request.user, location=location)  # type: ignore[arg-type]
    messages.success(request, _("De locatie is verwijderd."))
    return redirect(_manage_url(organisation))


@directory_staff
@require_POST
def schedule_add(request: HttpRequest, slug: str, pk: UUID) -> HttpResponse:
    organisation = _organisation(request, slug)
    location = (
        Location.objects.filter(pk=pk, organisation=organisation)
        .select_related("organisation")
        .first()
    )
    if location is None:
        raise Http404
    form = ScheduleForm(request.POST, prefix="schedule")
    if form.is_valid():
        try:
            services.schedule_add(actor=request.user, location=location, **form.cleaned_data)  # type: ignore[arg-type]
        except errors.ValidationFailed as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        else:
            messages.success(request, _("De openingstijd is toegevoegd."))
            return redirect("directory:location-edit", slug=organisation.slug, pk=location.pk)
    location_form = LocationForm(
        initial={"name": location.name, "city": location.city}, organisation=organisation
    )
    return render(
        request,
        "directory/location_form.html",
        {
            "form": location_form,
            "organisation": organisation,
            "location": location,
            "schedules": location.schedules.all(),
            "schedule_form": form,
        },
        status=400,
    )


@directory_staff
@require_POST
def schedule_delete(request: HttpRequest, slug: str, pk: UUID) -> HttpResponse:
    organisation = _organisation(request, slug)
    schedule = (
        Schedule.objects.filter(pk=pk, location__organisation=organisation)
        .select_related("location__organisation")
        .first()
    )
    if schedule is None:
        raise Http404
    location = schedule.location
    assert location is not None
    services.schedule_delete(actor=request.user, schedule=schedule)  # type: ignore[arg-type]
    messages.success(request, _("De openingstijd is verwijderd."))
    return redirect("directory:location-edit", slug=organisation.slug, pk=location.pk)
