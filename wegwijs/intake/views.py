"""Pages of the intake: the resident's request and receipt, the coordinators' inbox."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited  # type: ignore[import-untyped]

from wegwijs.accounts.permissions import Capability, require_capability
from wegwijs.accounts.types import AuthenticatedRequest
from wegwijs.core import errors
from wegwijs.core.pagination import list_page
from wegwijs.intake import forms, selectors, services
from wegwijs.intake.constants import ContactTime
from wegwijs.intake.models import HelpRequest
from wegwijs.reference.constants import RetentionRecordType
from wegwijs.reference.retention import retention_period

# Submissions per address: enough for a family on one connection, not for a flood.
DEFAULT_RATE = "5/h"

triage = require_capability(Capability.TRIAGE_REQUESTS)


def _prefill(request: HttpRequest, form: forms.RequestForm) -> list[str]:
    """Initial choices from ?organisatie= and ?onderwerp=; unknown values are ignored with a notice."""
    notices = []
    slug = request.GET.get("organisatie", "").strip()
    if slug:
        if any(organisation.slug == slug for organisation in form.organisations):
            form.initial["preferred_organisation"] = slug
        else:
            notices.append(
                _("De organisatie uit de link kennen wij niet. Kies zelf, of kies 'geen voorkeur'.")
            )
    topic = request.GET.get("onderwerp", "").strip()
    if topic:
        codes = {code for code, _label in form.fields["topic"].choices}  # type: ignore[attr-defined]
        if topic and topic in codes:
            form.initial["topic"] = topic
        else:
            notices.append(_("Het onderwerp uit de link kennen wij niet. Kies zelf een onderwerp."))
    return notices


def _client_address(group: str, request: HttpRequest) -> str:
    """The resident's address: behind trusted reverse proxies, the one they forwarded."""
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


_RATE_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _rate_window_seconds() -> int:
    """The length of the rate's window ("5/h" is an hour, "5/10m" ten minutes)."""
    rate = getattr(settings, "WEGWIJS_INTAKE_RATE", DEFAULT_RATE)
    period = rate.partition("/")[2] or "h"
    return int(period[:-1] or 1) * _RATE_UNITS.get(period[-1], 3600)


def _rate_limited(request: HttpRequest) -> bool:
    rate = getattr(settings, "WEGWIJS_INTAKE_RATE", DEFAULT_RATE)
    return bool(
        is_ratelimited(
            request,
            group="intake:request",
            key=_client_address,
            rate=rate,
            method="POST",
            increment=True,
        )
    )


def _retention_days() -> int:
    """How long a handled request keeps its personal data, for the consent text."""
    period = retention_period(RetentionRecordType.REQUEST)
    return period.years * 365 + period.days


def request_form(request: HttpRequest) -> HttpResponse:
    """The resident's request for help; on success, the receipt."""
    if request.method == "POST":
        if _rate_limited(request):
            response = render(request, "intake/rate_limited.html", status=429)
            # At the latest when the window ends; browsers and proxies may use it.
            response["Retry-After"] = str(_rate_window_seconds())
            return response
        form = forms.RequestForm(request.POST)
        if form.is_valid():
            if form.cleaned_data.get("website"):
                form.add_error(
                    None,
                    _(
                        "Dit formulier lijkt automatisch ingevuld. Er is niets verstuurd. "
                        "Vult u het zelf in? Laat dan het veld 'Laat dit veld leeg' leeg."
                    ),
                )
            else:
                try:
                    help_request = services.request_submit(
                        **form.service_arguments(),
                        interface_language=translation.get_language() or "nl",
                    )
                except errors.ValidationFailed as exc:
                    field = exc.field if exc.field in form.fields else None
                    form.add_error(field, str(exc.message))
                else:
                    return redirect("intake:receipt", token=help_request.receipt_token)
        notices: list[str] = []
    else:
        form = forms.RequestForm()
        notices = _prefill(request, form)
    return render(
        request,
        "intake/request_form.html",
        {"form": form, "notices": notices, "retention_days": _retention_days()},
    )


def request_receipt(request: HttpRequest, token: str) -> HttpResponse:
    try:
        help_request = selectors.request_by_receipt(token=token)
    except errors.NotFound as exc:
        raise Http404(str(exc.message)) from exc
    response = render(
        request,
        "intake/receipt.html",
        {"help_request": help_request, "next_steps": selectors.next_steps(help_request)},
    )
    # The receipt's address is its key: keep it out of caches and referrers.
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


# --- Triage -----------------------------------------------------------------------------


@triage
def inbox(request: AuthenticatedRequest) -> HttpResponse:
    organisation = request.user.organisation
    assert organisation is not None
    today = timezone.localdate()
    counts = selectors.inbox_counts(organisation=organisation, today=today)
    new = list_page(request, selectors.inbox_for(request.user))
    overdue_from = selectors.overdue_before(today=today, days=counts.working_days)
    rows = [(help_request, help_request.received_at < overdue_from) for help_request in new.page]
    return render(
        request,
        "intake/inbox.html",
        {
            "organisation": organisation,
            "counts": counts,
            "new": new,
            "rows": rows,
            "handled": list_page(
                request, selectors.recently_handled(request.user), param="afgehandeld", per_page=10
            ),
        },
    )


def _request_of(request: AuthenticatedRequest, reference: str) -> HelpRequest:
    try:
        return selectors.request_get(request.user, reference=reference)
    except errors.NotFound as exc:
        raise Http404(str(exc.message)) from exc


def _detail(
    request: AuthenticatedRequest,
    help_request: HelpRequest,
    *,
    accept_form: forms.AcceptForm | None = None,
    forward_form: forms.ForwardForm | None = None,
    close_form: forms.CloseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    organisation = request.user.organisation
    assert organisation is not None
    overdue_from = selectors.overdue_before(
        today=timezone.localdate(), days=selectors.service_norm_days(organisation)
    )
    return render(
        request,
        "intake/request_detail.html",
        {
            "help_request": help_request,
            "overdue": help_request.received_at < overdue_from,
            "next_steps": selectors.next_steps(help_request),
            "contact_times": [
                ContactTime(time).label
                for time in help_request.contact_times
                if time in ContactTime.values
            ],
            "accept_form": accept_form
            or forms.AcceptForm(
                organisation=organisation,
                prefix="accept",
                initial={"topic": help_request.topic.code if help_request.topic else ""},
            ),
            "forward_form": forward_form
            or forms.ForwardForm(organisation=organisation, prefix="forward"),
            "close_form": close_form or forms.CloseForm(prefix="close"),
        },
        status=status,
    )


@triage
def request_detail(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    return _detail(request, _request_of(request, reference))


def _handle(
    request: AuthenticatedRequest,
    help_request: HelpRequest,
    form: Any,
    form_name: str,
    action: Any,
    success: str,
) -> HttpResponse:
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except errors.Conflict as exc:
            messages.error(request, str(exc.message))
            return redirect("intake:request-detail", reference=help_request.reference)
        except errors.ValidationFailed as exc:
            field = exc.field if exc.field in form.fields else None
            form.add_error(field, str(exc.message))
        except errors.NotFound as exc:
            raise Http404(str(exc.message)) from exc
        else:
            messages.success(request, success)
            return redirect("intake:inbox")
    return _detail(request, help_request, **{form_name: form})


@triage
@require_POST
def request_accept(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    help_request = _request_of(request, reference)
    organisation = request.user.organisation
    assert organisation is not None
    form = forms.AcceptForm(request.POST, organisation=organisation, prefix="accept")
    if form.is_valid():
        try:
            accepted = services.request_accept(
                actor=request.user,
                help_request=help_request,
                topic_code=form.cleaned_data["topic"],
                supporter_ids=[int(pk) for pk in form.cleaned_data["supporters"]] or None,
            )
        except errors.Conflict as exc:
            messages.error(request, str(exc.message))
            return redirect("intake:request-detail", reference=help_request.reference)
        except errors.ValidationFailed as exc:
            field = exc.field if exc.field in form.fields else None
            form.add_error(field, str(exc.message))
        else:
            messages.success(
                request,
                _("Hulpvraag %(reference)s is aangenomen. De cliënt en de kwestie zijn aangemaakt.")
                % {"reference": accepted.reference},
            )
            assert accepted.case_id is not None
            return redirect(reverse("cases:case-detail", args=[accepted.case_id]))
    return _detail(request, help_request, accept_form=form)


@triage
@require_POST
def request_forward(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    help_request = _request_of(request, reference)
    organisation = request.user.organisation
    assert organisation is not None
    form = forms.ForwardForm(request.POST, organisation=organisation, prefix="forward")
    return _handle(
        request,
        help_request,
        form,
        "forward_form",
        lambda data: services.request_forward(
            actor=request.user,
            help_request=help_request,
            organisation_slug=data["organisation"],
            reason=data["reason"],
        ),
        _("Hulpvraag %(reference)s is doorgestuurd.") % {"reference": help_request.reference},
    )


@triage
@require_POST
def request_close(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    help_request = _request_of(request, reference)
    form = forms.CloseForm(request.POST, prefix="close")
    return _handle(
        request,
        help_request,
        form,
        "close_form",
        lambda data: services.request_close(
            actor=request.user,
            help_request=help_request,
            reason=data["reason"],
            note=data["note"],
        ),
        _("Hulpvraag %(reference)s is gesloten.") % {"reference": help_request.reference},
    )
