"""The interface shell: public home, the home page per role, the accessibility statement."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from wegwijs.accounts.constants import INDEPENDENT_MEANING, Role
from wegwijs.accounts.permissions import Capability, require_capability
from wegwijs.accounts.selectors import organisation_members
from wegwijs.accounts.services import organisation_case_visibility_set
from wegwijs.accounts.types import AuthenticatedRequest
from wegwijs.cases.views import my_work as my_work  # "Mijn werk" is the case register's
from wegwijs.core.pagination import list_page
from wegwijs.monitoring import views as monitoring_views
from wegwijs.portal import selectors
from wegwijs.portal.forms import CaseVisibilityForm

ROLE_HOME = {
    Role.SUPPORTER: "portal:my-work",
    Role.COORDINATOR: "portal:my-organisation",
    Role.MUNICIPALITY: "portal:monitoring",
    Role.ADMINISTRATOR: "portal:configuration",
}


# Entry points by situation on the public home: the finder opens with these answers.
SITUATIONS = [
    (_("Ik heb schulden of geldzorgen"), "onderwerp=financien&doelgroep=schulden"),
    (_("Ik ben het niet eens met een besluit"), "onderwerp=bezwaar"),
    (_("Ik zorg voor mijn moeder"), "onderwerp=mantelzorg&voor=naaste"),
    (_("Ik heb hulp nodig in huis"), "onderwerp=huishouden"),
    (_("Ik heb een brief die ik niet begrijp"), "onderwerp=regelgeving"),
    (_("Ik zoek dagbesteding of werk"), "onderwerp=dagbesteding"),
    (_("Ik wil een klacht indienen"), "onderwerp=bezwaar"),
    (_("Ik voel me vaak alleen"), "onderwerp=sociaal-netwerk"),
]


def public_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/public_home.html",
        {
            "client_support_organisations": selectors.client_support_organisations(),
            "independent_meaning": INDEPENDENT_MEANING,
            "situations": [{"label": label, "query": query} for label, query in SITUATIONS],
        },
    )


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    """Send each role to its own start page."""
    role = request.user.role
    if role is None:
        raise PermissionDenied
    return redirect(ROLE_HOME[role])


def _my_organisation_page(
    request: AuthenticatedRequest, visibility_form: CaseVisibilityForm | None = None
) -> HttpResponse:
    organisation = request.user.organisation
    assert organisation is not None  # the capability belongs to organisation roles
    return render(
        request,
        "portal/my_organisation.html",
        {
            "organisation": organisation,
            "members": list_page(
                request, organisation_members(organisation=organisation), per_page=50
            ),
            "visibility_form": visibility_form
            or CaseVisibilityForm.for_organisation(organisation.supporters_see_all_cases),
        },
        status=400 if visibility_form is not None else 200,
    )


@require_capability(Capability.MANAGE_ORGANISATION)
def my_organisation(request: AuthenticatedRequest) -> HttpResponse:
    return _my_organisation_page(request)


@require_POST
@require_capability(Capability.MANAGE_ORGANISATION)
def case_visibility(request: AuthenticatedRequest) -> HttpResponse:
    """The coordinator decides which cases the organisation's supporters see."""
    form = CaseVisibilityForm(request.POST)
    if not form.is_valid():
        return _my_organisation_page(request, visibility_form=form)
    organisation = request.user.organisation
    assert organisation is not None
    organisation_case_visibility_set(
        actor=request.user,
        organisation=organisation,
        supporters_see_all_cases=form.supporters_see_all_cases,
    )
    messages.success(request, _("De instelling is opgeslagen."))
    return redirect("portal:my-organisation")


def monitoring(request: HttpRequest) -> HttpResponse:
    """The monitoring dashboard: the municipality's start page, a coordinator's own figures."""
    return monitoring_views.dashboard(request)


@require_capability(Capability.MANAGE_CONFIGURATION)
def configuration(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request, "portal/configuration.html", {"counts": selectors.configuration_counts()}
    )


def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")
