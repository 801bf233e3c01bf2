"""Pages of the deadlines app: my deadlines, adding one to a case, the calendar feed,
and the public "Tot wanneer kan ik bezwaar maken?" page."""

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any, TypeVar

import icalendar
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wegwijs.accounts.permissions import Capability, require_capability
from wegwijs.accounts.types import AuthenticatedRequest
from wegwijs.cases import access
from wegwijs.core import errors
from wegwijs.core.pagination import list_page
from wegwijs.deadlines import rules, selectors, services
from wegwijs.deadlines.constants import DeadlineStatus
from wegwijs.deadlines.forms import DeadlineForm, MetForm, PublicTermForm
from wegwijs.deadlines.models import Deadline

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])
FEED_LIMIT = 500


def client_work(view: ViewFunc) -> ViewFunc:
    """Allow users who work with clients; turn the one door's refusals into 404 and 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except errors.NotFound as exc:
            raise Http404(str(exc.message)) from exc
        except errors.PermissionDenied as exc:
            raise PermissionDenied(str(exc.message)) from exc

    return require_capability(Capability.WORK_WITH_CLIENTS)(wrapped)  # type: ignore[return-value]


def _my_deadlines_url() -> str:
    return reverse("deadlines:my-deadlines")


# --- My deadlines -----------------------------------------------------------------


@client_work
@require_GET
def my_deadlines(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    deadlines = list_page(request, selectors.my_deadlines(user=user), per_page=50)
    feed = selectors.feed_token_of(user=user)
    feed_url = (
        request.build_absolute_uri(reverse("deadlines:feed", args=[feed.token])) if feed else None
    )
    return render(
        request,
        "deadlines/my_deadlines.html",
        {
            "deadlines": deadlines,
            "notices": list(selectors.my_notices(user=user)[:10]),
            "feed_url": feed_url,
            "met_form": MetForm(),
        },
    )


@client_work
@require_POST
def feed_renew(request: AuthenticatedRequest) -> HttpResponse:
    services.calendar_feed_renew(user=request.user)
    messages.success(
        request,
        _("Uw agenda-link is klaar. Een eerdere link werkt niet meer."),
    )
    return redirect(_my_deadlines_url() + "#agenda")


# --- Adding, meeting and cancelling ---------------------------------------------------


@client_work
def deadline_add(request: AuthenticatedRequest, case_pk: int) -> HttpResponse:
    user = request.user
    case = access.case_get(user, case_pk, audit=request.method == "GET")
    form = DeadlineForm(request.POST if request.method == "POST" else None)
    term: rules.Term | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if "opslaan" in request.POST:
                deadline = services.deadline_add(
                    actor=user,
                    case=case,
                    kind=data["kind"],
                    start_date=data["start_date"],
                    committee=data["committee"],
                    postponed=data["postponed"],
                )
                messages.success(
                    request,
                    _("De termijn is toegevoegd. Uiterste datum: %(date)s.")
                    % {"date": f"{deadline.due_date:%d-%m-%Y}"},
                )
                return redirect(request.path)
            term = selectors.term_compute(
                kind=data["kind"],
                event_date=data["start_date"],
                committee=data["committee"],
                postponed=data["postponed"],
            )
        except rules.RuleError:
            form.add_error("committee", _("Deze keuze hoort niet bij deze soort termijn."))
        except rules.CalendarTooShort:
            form.add_error("start_date", _("Controleer de datum: die ligt te ver weg."))
        except errors.ValidationFailed as exc:
            field = exc.field if exc.field in form.fields else None
            form.add_error(field, str(exc.message))
    return render(
        request,
        "deadlines/deadline_form.html",
        {
            "case": case,
            "form": form,
            "term": term,
            "deadlines": selectors.case_deadlines(user=user, case=case),
            "met_form": MetForm(),
        },
    )


def _back(request: HttpRequest, deadline: Deadline) -> HttpResponse:
    if request.POST.get("next") == "case":
        return redirect("deadlines:deadline-add", case_pk=deadline.case_id)
    return redirect("deadlines:my-deadlines")


@client_work
@require_POST
def deadline_met(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    deadline = selectors.deadline_get(user=request.user, pk=pk)
    form = MetForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors.get("met_on", [])))
        return _back(request, deadline)
    try:
        services.deadline_mark_met(
            actor=request.user, deadline=deadline, met_on=form.cleaned_data["met_on"]
        )
    except errors.ValidationFailed as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("De termijn is gehaald."))
    return _back(request, deadline)


@client_work
@require_POST
def deadline_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    deadline = selectors.deadline_get(user=request.user, pk=pk)
    try:
        services.deadline_cancel(actor=request.user, deadline=deadline)
    except errors.ValidationFailed as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("De termijn is geannuleerd."))
    return _back(request, deadline)


# --- The private calendar feed -----------------------------------------------------------


def _event(request: HttpRequest, deadline: Deadline) -> icalendar.Event:
    case = deadline.case
    event = icalendar.Event()
    event.add("uid", f"termijn-{deadline.pk}@{request.get_host()}")
    event.add("dtstamp", deadline.updated_at)
    event.add("last-modified", deadline.updated_at)
    # An all-day event on the last day of the term.
    event.add("dtstart", deadline.due_date)
    event.add("dtend", deadline.due_date + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    # No client name in a calendar that syncs elsewhere: the reference only.
    summary = _("Termijn: %(kind)s (%(reference)s)") % {
        "kind": deadline.get_kind_display(),
        "reference": case.client.reference,
    }
    if deadline.status == DeadlineStatus.OPEN:
        event.add("summary", summary)
    else:
        event.add(
            "summary",
            _("%(summary)s (%(status)s)")
            % {"summary": summary, "status": deadline.get_status_display()},
        )
    lines = [
        _("Uiterste datum: %(date)s") % {"date": f"{deadline.due_date:%d-%m-%Y}"},
        _("Grondslag: %(basis)s") % {"basis": deadline.basis_display},
    ]
    lines += [
        _("Verschoven voorbij %(date)s: %(reason)s")
        % {"date": f"{move['date']:%d-%m-%Y}", "reason": move["reason"]}
        for move in deadline.moves
    ]
    event.add("description", "\n".join(lines))
    event.add("url", request.build_absolute_uri(reverse("cases:case-detail", args=[case.pk])))
    return event


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The supporter's deadlines as iCalendar; the secret token in the URL is the key."""
    deadlines = selectors.feed_deadlines(token=token)
    if deadlines is None:
        raise Http404
    with translation.override("nl"):
        feed = icalendar.Calendar()
        feed.add("prodid", "-//Wegwijs//Termijnen//NL")
        feed.add("version", "2.0")
        feed.add("calscale", "GREGORIAN")
        feed.add("x-wr-calname", _("Wegwijs: mijn termijnen"))
        for deadline in deadlines[:FEED_LIMIT]:
            feed.add_component(_event(request, deadline))
    response = HttpResponse(feed.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


# --- The public page for residents ----------------------------------------------------


@require_GET
def public_bezwaar(request: HttpRequest) -> HttpResponse:
    """ "Tot wanneer kan ik bezwaar maken?": the last day of a bezwaar or beroep term.

    Public and without login; a GET form, so it works without JavaScript and
    the result page can be bookmarked or shared.
    """
    form = PublicTermForm(_public_data(request) if "datum" in request.GET else None)
    term: rules.Term | None = None
    if form.is_bound and form.is_valid():
        try:
            term = selectors.term_compute(
                kind=form.cleaned_data["soort"], event_date=form.cleaned_data["datum"]
            )
        except (rules.RuleError, rules.CalendarTooShort):
            form.add_error(
                "datum", _("Met deze datum kunnen we niet rekenen. Controleer de datum.")
            )
    return render(
        request,
        "deadlines/public_bezwaar.html",
        {"form": form, "term": term, "kind": form.cleaned_data.get("soort") if term else None},
    )


def _public_data(request: HttpRequest) -> QueryDict:
    data = request.GET.copy()
    if not data.get("soort"):
        data["soort"] = "bezwaar"
    return data
