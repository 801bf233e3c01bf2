"""The supporters' web interface of the case register.

Every view is thin: it parses a form, calls one service or selector and
renders. Client data comes only through ``access``, ``selectors`` and
``services`` (the one door). A service's ``ApplicationError`` is shown to the
user next to the field it is about; nothing is written then.
"""

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wegwijs.accounts.permissions import Capability, require_capability
from wegwijs.accounts.types import AuthenticatedRequest
from wegwijs.cases import access, dossier, forms, retention, selectors, services
from wegwijs.cases.constants import AuditEvent
from wegwijs.cases.models import Case, Client
from wegwijs.core import errors
from wegwijs.core.pagination import list_page

# The case page holds two forms with a "channel" field: prefixes keep their ids apart.
CONTACT_PREFIX = "contact"
APPOINTMENT_PREFIX = "afspraak"
ViewFunc = Callable[..., HttpResponse]


# --- Plumbing ---------------------------------------------------------------


def client_work(view: ViewFunc) -> ViewFunc:
    """Allow only users who work with clients; turn the one door's refusals into 404 and 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except errors.NotFound as exc:
            raise Http404(str(exc.message)) from exc
        except errors.PermissionDenied as exc:
            raise PermissionDenied(str(exc.message)) from exc

    return require_capability(Capability.WORK_WITH_CLIENTS)(wrapped)


def _next_or(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _posted(request: HttpRequest) -> Any:
    """The submitted data on POST (even when empty), else ``None`` for an unbound form."""
    return request.POST if request.method == "POST" else None


def _show_error(form: forms.ServiceForm, exc: errors.ApplicationError) -> None:
    form.add_service_error(getattr(exc, "field", None), exc.message)


def _case_url(case: Case) -> str:
    return reverse("cases:case-detail", args=[case.pk])


def _client_url(client: Client) -> str:
    return reverse("cases:client-detail", args=[client.pk])


def _usual_channel(user: Any) -> str:
    return selectors.usual_channel_code(user=user) or "telefoon"


# --- My work and the quick registration ----------------------------------------


@client_work
def my_work(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "cases/my_work.html",
        {
            "open_cases": list_page(request, selectors.my_open_cases(user=user), param="open"),
            "untouched": list_page(request, selectors.my_untouched_cases(user=user), param="stil"),
            "appointments": list_page(
                request, selectors.my_appointments(user=user), param="afspraken"
            ),
            "recent_contacts": selectors.my_recent_contacts(user=user),
            "complete_form": forms.AppointmentCompleteForm(),
        },
    )


def _client_by_reference(user: Any, reference: str) -> Client | None:
    """The visible client with exactly this reference; ``None`` for an empty reference."""
    reference = reference.strip().upper()
    if not reference:
        return None
    client = selectors.client_by_reference(user=user, reference=reference)
    if client is not None:
        return client
    raise errors.ValidationFailed(
        _("Er is geen cliënt met kenmerk %(reference)s.") % {"reference": reference},
        field="client_reference",
    )


@client_work
def quick_register(request: AuthenticatedRequest) -> HttpResponse:
    channel = _usual_channel(request.user)
    form = forms.QuickRegistrationForm(
        _posted(request),
        channel_code=channel,
        initial={"client_reference": request.GET.get("client", "")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.information_advice_register(
                actor=request.user,
                topic_code=data["topic"],
                channel_code=data["channel"],
                minutes=data["minutes"],
                note=data["note"],
                client=_client_by_reference(request.user, data["client_reference"]),
                submission_key=data["submission_key"],
            )
        except errors.ApplicationError as exc:
            _show_error(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Geregistreerd: %(topic)s, %(minutes)d minuten. U kunt meteen de volgende invullen."
                )
                % {"topic": case.topic.label, "minutes": data["minutes"]},
            )
            return redirect("cases:quick-register")
    return render(
        request,
        "cases/quick_register.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


# --- Clients --------------------------------------------------------------------


@client_work
def client_list(request: AuthenticatedRequest) -> HttpResponse:
    form = forms.ClientSearchForm(request.GET or None)
    query, date_of_birth = "", None
    if form.is_bound and form.is_valid():
        query, date_of_birth = form.cleaned_data["q"], form.cleaned_data["geboortedatum"]
    clients = selectors.client_search(user=request.user, query=query, date_of_birth=date_of_birth)
    return render(
        request,
        "cases/client_list.html",
        {"form": form, "clients": list_page(request, clients), "searched": form.is_bound},
    )


@client_work
def client_create(request: AuthenticatedRequest) -> HttpResponse:
    organisation = request.user.organisation
    assert organisation is not None  # client work belongs to organisation roles
    form = forms.ClientCreateForm(_posted(request), organisation=organisation)
    duplicates: list[Client] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not data["is_anonymous"] and not data["confirm_duplicate"]:
            duplicates = list(
                selectors.client_possible_duplicates(
                    user=request.user,
                    family_name=data["family_name"],
                    date_of_birth=data["date_of_birth"],
                    postcode=data["postcode"],
                    house_number=data["house_number"],
                )
            )
        if duplicates:
            # Ask once; the second submit of the same form creates the client anyway.
            post = request.POST.copy()
            post["confirm_duplicate"] = "True"
            form = forms.ClientCreateForm(post, organisation=organisation)
        else:
            arguments = form.service_arguments()
            arguments.pop("confirm_duplicate")
            try:
                client = services.client_create(actor=request.user, **arguments)
            except errors.ApplicationError as exc:
                _show_error(form, exc)
            else:
                messages.success(
                    request,
                    _("Cliënt %(name)s is aangemaakt. Open nu een kwestie.")
                    % {"name": client.display_name},
                )
                return redirect("cases:case-open", pk=client.pk)
    return render(
        request,
        "cases/client_form.html",
        {"form": form, "duplicates": duplicates, "client": None},
        status=400 if form.errors else 200,
    )


def _client_page(
    request: AuthenticatedRequest,
    client: Client,
    *,
    consent_form: forms.ConsentForm | None = None,
) -> HttpResponse:
    user = request.user
    access_log = list_page(
        request, selectors.client_access_log(user=user, client=client), param="logboek"
    )
    labels = dict(AuditEvent.choices)
    return render(
        request,
        "cases/client_detail.html",
        {
            "client": client,
            "target_groups": client.target_groups.all(),
            "consents": list_page(
                request,
                client.consents.select_related("recorded_by").order_by("-given_on", "-id"),
                param="toestemmingen",
                per_page=10,
            ),
            "consent_form": consent_form or forms.ConsentForm(),
            "withdraw_form": forms.ConsentWithdrawForm(),
            "cases": list_page(
                request, selectors.client_cases(user=user, client=client), param="kwesties"
            ),
            "access_log": access_log,
            "log_rows": [
                (entry, labels.get(entry.event, entry.event)) for entry in access_log.page
            ],
        },
        status=400 if consent_form is not None else 200,
    )


@client_work
def client_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _client_page(request, access.client_get(request.user, pk))


@client_work
def client_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    client = access.client_get(request.user, pk, audit=request.method != "POST")
    assert request.user.organisation is not None
    form = forms.ClientForm(
        _posted(request),
        organisation=request.user.organisation,
        initial=forms.client_initial(client),
    )
    # Whether a client is anonymous is decided once, when the client is made.
    form.fields["is_anonymous"].disabled = True
    if request.method == "POST" and form.is_valid():
        arguments = form.service_arguments()
        arguments.pop("is_anonymous")
        try:
            services.client_update(actor=request.user, client=client, **arguments)
        except errors.ApplicationError as exc:
            _show_error(form, exc)
        else:
            messages.success(request, _("De gegevens zijn opgeslagen."))
            return redirect(_client_url(client))
    return render(
        request,
        "cases/client_form.html",
        {"form": form, "client": client},
        status=400 if form.errors else 200,
    )


def _download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    """A file to save, never kept in a shared cache: it holds personal data."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    response["Cache-Control"] = "private, no-store"
    return response


@client_work
@require_GET
def client_dossier_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    content = dossier.client_dossier_pdf(user=request.user, client_id=pk)
    client = access.client_get(request.user, pk, audit=False)
    return _download(
        content, content_type="application/pdf", filename=f"dossier-{client.reference}.pdf"
    )


@client_work
@require_GET
def client_dossier_json(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    data = dossier.client_dossier(user=request.user, client_id=pk)
    content = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return _download(
        content.encode(),
        content_type="application/json; charset=utf-8",
        filename=f"dossier-{data['client']['reference']}.json",
    )


@client_work
@require_capability(Capability.MANAGE_ORGANISATION)
def client_destroy(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    # The service checks the role again; the check here keeps the form itself from others.
    client = access.client_get(request.user, pk, audit=request.method != "POST")
    form = forms.ClientDestroyForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            retention.client_destroy(
                actor=request.user,
                client=client,
                requested_on=data["requested_on"],
                reason=data["reason"],
            )
        except errors.ApplicationError as exc:
            _show_error(form, exc)
        else:
            messages.success(
                request,
                _("Het dossier van cliënt %(reference)s is vernietigd.")
                % {"reference": client.reference},
            )
            return redirect("cases:client-list")
    return render(
        request,
        "cases/client_destroy.html",
        {"form": form, "client": client},
        status=400 if form.errors else 200,
    )


@client_work
@require_POST
def consent_record(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    client = access.client_get(request.user, pk, audit=False)
    form = forms.ConsentForm(request.POST)
    if form.is_valid():
        try:
            services.consent_record(actor=request.user, client=client, **form.cleaned_data)
        except errors.ApplicationError as exc:
            _show_error(form, exc)
        else:
            messages.success(request, _("De toestemming is vastgelegd."))
            return redirect(_client_url(client) + "#toestemmingen")
    return _client_page(request, client, consent_form=form)


@client_work
@require_POST
def consent_withdraw(request: AuthenticatedRequest, pk: int, consent_pk: int) -> HttpResponse:
    client = access.client_get(request.user, pk, audit=False)
    consent = client.consents.filter(pk=consent_pk).first()
    if consent is None:
        raise Http404
    form = forms.ConsentWithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vul de datum van intrekken in."))
    else:
        try:
            services.consent_withdraw(
                actor=request.user, consent=consent, withdrawn_on=form.cleaned_data["withdrawn_on"]
            )
        except errors.ApplicationError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("De toestemming is ingetrokken."))
    return redirect(_client_url(client) + "#toestemmingen")


@client_work
def case_open(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    # Showing the form is a view of the client; the service logs the opening itself.
    client = access.client_get(request.user, pk, audit=request.method != "POST")
    form = forms.CaseOpenForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_open(
                actor=request.user,
                client=client,
                topic_code=data["topic"],
                question=data["question"],
                opened_on=data["opened_on"],
                heard_via=data["heard_via"],
            )
        except errors.ApplicationError as exc:
            _show_error(form, exc)
        else:
            messages.success(request, _("De kwestie is geopend."))
            return redirect(_case_url(case))
    return render(
        request,
        "cases/case_open.html",
        {"form": form, "client": client},
        status=400 if form.errors else 200,
    )


# --- Cases ------------------------------------------------------------------------


@client_work
def case_list(request: AuthenticatedRequest) -> HttpResponse:
    supporters = list(selectors.organisation_supporters(user=request.user))
    form = forms.CaseFilterForm(request.GET or None, supporters=supporters)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    filters = selectors.CaseFilter(
        status=data.get("status") or None,
        topic=data.get("onderwerp") or None,
        supporter=data.get("ondersteuner"),
        target_group=data.get("doelgroep") or None,
        opened_from=data.get("geopend_vanaf"),
        opened_to=data.get("geopend_tot"),
        sort=data.get("sorteer") or "activiteit",
    )
    cases = selectors.case_list(user=request.user, filters=filters)
    return render(
        request, "cases/case_list.html", {"form": form, "cases": list_page(request, cases)}
    )


def _case_page(
    request: AuthenticatedRequest,
    case: Case,
    *,
    contact_form: forms.ContactMomentRegisterForm | None = None,
    appointment_form: forms.AppointmentForm | None = None,
) -> HttpResponse:
    user = request.user
    failed = contact_form is not None or appointment_form is not None
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "supporters": case.supporters.all(),
            "contacts": list_page(
                request, selectors.case_contact_moments(user=user, case=case), param="contacten"
            ),
            "appointments": list_page(
                request, selectors.case_appointments(user=user, case=case), param="afspraken"
            ),
            "contact_form": contact_form
            or forms.ContactMomentRegisterForm(
                channel_code=_usual_channel(user), prefix=CONTACT_PREFIX
            ),
            "appointment_form": appointment_form
            or forms.AppointmentForm(prefix=APPOINTMENT_PREFIX),
            "complete_form": forms.AppointmentCompleteForm(),
        },
        status=400 if failed else 200,
    )


@client_work
def case_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _case_page(request, access.case_get(request.user, pk))


@client_work
@require_POST
def contact_moment_register(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    case = access.case_get(request.user, pk, audit=False)
    form = forms.ContactMomentRegisterForm(request.POST, prefix=CONTACT_PREFIX)
    if form.is_valid():
        try:
            services.contact_moment_register(
                actor=request.user,
                case=case,
                submission_key=form.cleaned_data["submission_key"],
                **form.service_arguments(),
            )
        except errors.ApplicationError as exc:
            _show_error(form, exc)
        else:
            messages.success(request, _("Het contactmoment is geregistreerd."))
            return redirect(_case_url(case) + "#contactmomenten")
    return _case_page(request, case, contact_form=form)


@client_work
def contact_moment_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    moment = access.contact_moment_get(request.user, pk)
    form = forms.ContactMomentUpdateForm(
        _posted(request), initial=forms.contact_moment_initial(moment)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_moment_update(
                actor=request.user,
                contact_moment=moment,
                version=form.cleaned_data["version"],
                **form.service_arguments(),
            )
        except errors.ApplicationError as exc:
            _show_error(form, exc)
        else:
            messages.success(request, _("Het contactmoment is gewijzigd."))
            return redirect(_case_url(moment.case) + "#contactmomenten")
    revisions = list_page(request, moment.revisions.select_related("changed_by"), param="versies")
    labels = {**dict(forms.code_choices("channels")), **dict(forms.code_choices("activities"))}
    return render(
        request,
        "cases/contact_moment_form.html",
        {
            "form": form,
            "moment": moment,
            "revisions": revisions,
            "revision_rows": [
                {
                    "revision": revision,
                    "occurred_at": parse_datetime(revision.previous.get("occurred_at") or ""),
                    "channel": labels.get(revision.previous.get("channel"), ""),
                    "activity": labels.get(revision.previous.get("activity"), ""),
                    "minutes": revision.previous.get("minutes"),
                    "note": revision.previous.get("note"),
                }
                for revision in revisions.page
            ],
        },
        status=400 if form.errors else 200,
    )


@client_work
def case_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    case = access.case_get(request.user, pk, audit=request.method != "POST")
    supporters = list(selectors.organisation_supporters(user=request.user))
    initial = {
        "version": case.version,
        "topic": case.topic.code,
        "question": case.question,
        "heard_via": case.heard_via,
        "supporters": [user.pk for user in case.supporters.all()],
    }
    form = forms.CaseUpdateForm(_posted(request), supporters=supporters, initial=initial)
    current = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.case_update(
                actor=request.user,
                case=case,
                version=data["version"],
                topic_code=data["topic"],
                question=data["question"],
                heard_via=data["heard_via"],
                supporter_ids=data["supporters"],
            )
        except errors.Conflict as exc:
            # Keep what the user typed; saving again knowingly overwrites the other change.
            current = access.case_get(request.user, pk, audit=False)
            post = request.POST.copy()
            post["version"] = str(current.version)
            form = forms.CaseUpdateForm(post, supporters=supporters, initial=initial)
            form.is_valid()
            form.add_service_error(None, exc.message)
        except errors.ApplicationError as exc:
            _show_error(form, exc)
        else:
            messages.success(request, _("De kwestie is opgeslagen."))
            return redirect(_case_url(case))
    return render(
        request,
        "cases/case_form.html",
        {"form": form, "case": case, "current": current},
        status=409 if current else 400 if form.errors else 200,
    )


@client_work
def case_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    case = access.case_get(request.user, pk, audit=request.method != "POST")
    form = forms.CaseCloseForm(_posted(request), initial={"version": case.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.case_close(
                actor=request.user,
                case=case,
                version=data["version"],
                outcome_code=data["outcome"],
                closed_on=data["closed_on"],
                satisfaction=data["satisfaction"],
                experienced_independent=data["experienced_independent"],
            )
        except errors.ApplicationError as exc:
            _show_error(form, exc)
        else:
            messages.success(request, _("De kwestie is gesloten."))
            return redirect(_case_url(case))
    return render(
        request,
        "cases/case_close.html",
        {"form": form, "case": case},
        status=400 if form.errors else 200,
    )


@client_work
@require_POST
def case_reopen(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    case = access.case_get(request.user, pk, audit=False)
    form = forms.VersionForm(request.POST)
    try:
        if not form.is_valid():
            raise errors.ValidationFailed(_("Het formulier is niet compleet. Probeer het opnieuw."))
        services.case_reopen(actor=request.user, case=case, version=form.cleaned_data["version"])
    except errors.ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("De kwestie is weer open."))
    return redirect(_case_url(case))


# --- Appointments -------------------------------------------------------------------


@client_work
@require_POST
def appointment_plan(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    case = access.case_get(request.user, pk, audit=False)
    form = forms.AppointmentForm(request.POST, prefix=APPOINTMENT_PREFIX)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.appointment_plan(
                actor=request.user,
                case=case,
                starts_at=data["starts_at"],
                channel_code=data["channel"],
                place=data["place"],
                description=data["description"],
            )
        except errors.ApplicationError as exc:
            _show_error(form, exc)
        else:
            messages.success(request, _("De afspraak is gepland."))
            return redirect(_case_url(case) + "#afspraken")
    return _case_page(request, case, appointment_form=form)


@client_work
@require_POST
def appointment_complete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    appointment = access.appointment_get(request.user, pk)
    form = forms.AppointmentCompleteForm(request.POST)
    target = _next_or(request, _case_url(appointment.case))
    try:
        if not form.is_valid():
            raise errors.ValidationFailed(" ".join(str(e) for e in form.errors.get("minutes", [])))
        services.appointment_complete(
            actor=request.user, appointment=appointment, minutes=form.cleaned_data["minutes"]
        )
    except errors.ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("De afspraak is nu een contactmoment."))
    return redirect(target)


@client_work
@require_POST
def appointment_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    appointment = access.appointment_get(request.user, pk)
    try:
        services.appointment_cancel(actor=request.user, appointment=appointment)
    except errors.ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("De afspraak is geannuleerd."))
    return redirect(_next_or(request, _case_url(appointment.case)))
