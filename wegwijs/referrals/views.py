"""Pages of referrals: refer from a case, the outgoing and incoming lists, one referral
with its actions (accept, decline, withdraw, record the follow-up)."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wegwijs.accounts.permissions import Capability, has_capability, require_capability
from wegwijs.accounts.types import AuthenticatedRequest
from wegwijs.cases import access
from wegwijs.cases import selectors as case_selectors
from wegwijs.core import errors
from wegwijs.core.pagination import list_page
from wegwijs.referrals import selectors, services
from wegwijs.referrals.constants import Direction, ReferralMode, ReferralStatus
from wegwijs.referrals.forms import AcceptForm, DeclineForm, FollowUpForm, ReferForm
from wegwijs.referrals.models import Referral

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])

# ?soort= on the refer page: to client support, or to a facility.
KIND_CLIENT_SUPPORT = "organisatie"
KIND_FACILITY = "voorziening"


def referral_work(view: ViewFunc) -> ViewFunc:
    """Allow users who may refer; turn the services' refusals into 404 and 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except errors.NotFound as exc:
            raise Http404(str(exc.message)) from exc
        except errors.PermissionDenied as exc:
            raise PermissionDenied(str(exc.message)) from exc

    return require_capability(Capability.REFER)(wrapped)  # type: ignore[return-value]


def _show_error(form: Any, exc: errors.ApplicationError) -> None:
    field = getattr(exc, "field", None)
    form.add_error(field if field in form.fields else None, str(exc.message))


# --- Referring from a case ------------------------------------------------------------


@referral_work
def refer(request: AuthenticatedRequest, case_pk: int) -> HttpResponse:
    user = request.user
    case = access.case_get(user, case_pk, audit=request.method == "GET")
    kind = KIND_FACILITY if request.GET.get("soort") == KIND_FACILITY else KIND_CLIENT_SUPPORT
    kinds = selectors.FACILITY_KINDS if kind == KIND_FACILITY else selectors.CLIENT_SUPPORT_KINDS
    # A posted form may name any receiver; the page lists those of the chosen kind.
    receivers = selectors.receivers(
        user=user, kinds=services.REFERRAL_KINDS if request.method == "POST" else kinds
    )
    initial = {"question": case.question, "to_organisation": request.GET.get("naar") or None}
    form = ReferForm(
        request.POST if request.method == "POST" else None, receivers=receivers, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        mode = ReferralMode.WARM_TIP if "warme_tip" in request.POST else ReferralMode.SENT
        try:
            referral = services.referral_create(
                actor=user,
                case=case,
                to_organisation=data["to_organisation"],
                mode=mode,
                consent=data["consent"],
                shared=data["shared"] or None,
                question=data["question"],
                override_reason=data["override_reason"],
            )
        except (errors.ValidationFailed, errors.Conflict) as exc:
            _show_error(form, exc)
        else:
            if mode == ReferralMode.WARM_TIP:
                messages.success(
                    request,
                    _(
                        "De warme tip is vastgelegd. Er is niets verstuurd. Geef de cliënt de "
                        "contactgegevens hieronder."
                    ),
                )
            else:
                messages.success(request, _("De doorverwijzing is verstuurd."))
            return redirect("referrals:referral-detail", pk=referral.pk)
    return render(
        request,
        "referrals/refer.html",
        {
            "case": case,
            "kind": kind,
            "kind_facility": KIND_FACILITY,
            "kind_client_support": KIND_CLIENT_SUPPORT,
            "suggestions": selectors.suggestions(user=user, case=case, kinds=kinds),
            "form": form,
        },
    )


# --- Lists ------------------------------------------------------------------------------


def _status_filter(request: HttpRequest) -> str:
    status = request.GET.get("status", "")
    return status if status in ReferralStatus.values else ""


@referral_work
@require_GET
def outgoing_list(request: AuthenticatedRequest) -> HttpResponse:
    referrals = selectors.outgoing_referrals(user=request.user)
    status = _status_filter(request)
    if status:
        referrals = referrals.filter(status=status)
    return render(
        request,
        "referrals/outgoing_list.html",
        {
            "referrals": list_page(request, referrals),
            "status": status,
            "statuses": ReferralStatus.choices,
        },
    )


@referral_work
@require_GET
def incoming_list(request: AuthenticatedRequest) -> HttpResponse:
    if not has_capability(request.user, Capability.HANDLE_INCOMING_REFERRALS):
        raise PermissionDenied
    referrals = selectors.incoming_referrals(user=request.user)
    status = _status_filter(request)
    if status:
        referrals = referrals.filter(status=status)
    return render(
        request,
        "referrals/incoming_list.html",
        {
            "referrals": list_page(request, referrals),
            "status": status,
            "statuses": ReferralStatus.choices,
        },
    )


# --- One referral ------------------------------------------------------------------------


def _reasons() -> list[tuple[str, str]]:
    return [(reason.code, reason.label) for reason in selectors.decline_reasons()]


def _detail(
    request: AuthenticatedRequest,
    referral: Referral,
    direction: str,
    *,
    accept_form: AcceptForm | None = None,
    decline_form: DeclineForm | None = None,
    followup_form: FollowUpForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    incoming = direction == Direction.INCOMING
    can_answer = (
        incoming
        and referral.status == ReferralStatus.SENT
        and has_capability(user, Capability.HANDLE_INCOMING_REFERRALS)
    )
    context: dict[str, Any] = {
        "referral": referral,
        "incoming": incoming,
        "can_answer": can_answer,
        "can_withdraw": not incoming and referral.status == ReferralStatus.SENT,
        "can_follow_up": not incoming
        and not referral.closed_loop
        and referral.status == ReferralStatus.SENT,
    }
    if can_answer:
        context["accept_form"] = accept_form or AcceptForm(
            supporters=case_selectors.organisation_supporters(user=user)
        )
        context["decline_form"] = decline_form or DeclineForm(reasons=_reasons())
    if context["can_follow_up"]:
        context["followup_form"] = followup_form or FollowUpForm()
    return render(request, "referrals/referral_detail.html", context, status=status)


@referral_work
@require_GET
def referral_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    referral, direction = selectors.referral_get(user=request.user, pk=pk)
    return _detail(request, referral, direction)


@referral_work
@require_POST
def referral_accept(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    referral, direction = selectors.referral_get(user=user, pk=pk, audit=False)
    if direction != Direction.INCOMING:
        raise Http404
    form = AcceptForm(request.POST, supporters=case_selectors.organisation_supporters(user=user))
    if form.is_valid():
        supporter = form.cleaned_data["supporter"]
        try:
            referral = services.referral_accept(
                actor=user, referral=referral, supporter_id=supporter.pk if supporter else None
            )
        except errors.Conflict as exc:
            messages.error(request, str(exc.message))
            return redirect("referrals:referral-detail", pk=referral.pk)
        except errors.ValidationFailed as exc:
            _show_error(form, exc)
        else:
            messages.success(
                request, _("De doorverwijzing is geaccepteerd. De kwestie staat klaar.")
            )
            assert referral.to_case_id is not None
            return redirect("cases:case-detail", pk=referral.to_case_id)
    return _detail(request, referral, direction, accept_form=form, status=400)


@referral_work
@require_POST
def referral_decline(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    referral, direction = selectors.referral_get(user=user, pk=pk, audit=False)
    if direction != Direction.INCOMING:
        raise Http404
    form = DeclineForm(request.POST, reasons=_reasons())
    if form.is_valid():
        try:
            services.referral_decline(
                actor=user,
                referral=referral,
                reason_code=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except errors.Conflict as exc:
            messages.error(request, str(exc.message))
        except errors.ValidationFailed as exc:
            _show_error(form, exc)
            return _detail(request, referral, direction, decline_form=form, status=400)
        else:
            messages.success(request, _("De doorverwijzing is afgewezen. De verwijzer ziet dit."))
        return redirect("referrals:incoming-list")
    return _detail(request, referral, direction, decline_form=form, status=400)


@referral_work
@require_POST
def referral_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    referral, direction = selectors.referral_get(user=user, pk=pk, audit=False)
    if direction != Direction.OUTGOING:
        raise Http404
    try:
        services.referral_withdraw(actor=user, referral=referral)
    except errors.Conflict as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("De doorverwijzing is ingetrokken."))
    return redirect("referrals:referral-detail", pk=referral.pk)


@referral_work
@require_POST
def referral_followup(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    referral, direction = selectors.referral_get(user=user, pk=pk, audit=False)
    if direction != Direction.OUTGOING:
        raise Http404
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.referral_followup_answer(
                actor=user, referral=referral, got_help=form.cleaned_data["got_help"]
            )
        except errors.Conflict as exc:
            messages.error(request, str(exc.message))
        except errors.ValidationFailed as exc:
            _show_error(form, exc)
            return _detail(request, referral, direction, followup_form=form, status=400)
        else:
            messages.success(request, _("De terugkoppeling is vastgelegd."))
        return redirect("referrals:referral-detail", pk=referral.pk)
    return _detail(request, referral, direction, followup_form=form, status=400)
