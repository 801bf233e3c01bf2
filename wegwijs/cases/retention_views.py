"""The coordinator's list of destruction requests and their three-month term (Wmo 5.3.5)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from wegwijs.accounts.permissions import Capability, require_capability
from wegwijs.accounts.types import AuthenticatedRequest
from wegwijs.cases import access, forms, retention
from wegwijs.core import errors
from wegwijs.core.pagination import list_page


@require_capability(Capability.MANAGE_ORGANISATION)
def destruction_requests(request: AuthenticatedRequest) -> HttpResponse:
    form = forms.DestructionRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        client = (
            access.clients_for(request.user)
            .filter(reference=data["client_reference"].strip().upper(), destroyed_at__isnull=True)
            .first()
        )
        if client is None:
            form.add_service_error(
                "client_reference", _("Er is geen cliënt met dit kenmerk in uw organisatie.")
            )
        else:
            try:
                registered = retention.destruction_request_register(
                    actor=request.user, client=client, received_on=data["received_on"]
                )
            except errors.ApplicationError as exc:
                form.add_service_error(getattr(exc, "field", None), exc.message)
            else:
                messages.success(
                    request,
                    _("Verzoek geregistreerd. Vernietig het dossier uiterlijk op %(date)s.")
                    % {"date": f"{registered.due_on:%d-%m-%Y}"},
                )
                return redirect("cases:destruction-requests")
    page = list_page(request, retention.destruction_requests_for(request.user))
    return render(
        request,
        "cases/destruction_requests.html",
        {"form": form, "page": page, "today": timezone.localdate()},
        status=400 if form.errors else 200,
    )
