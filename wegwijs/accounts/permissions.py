"""The one place that decides what a role may do.

Views, API endpoints, services and the admin ask ``has_capability``; none of
them compares roles themselves.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from wegwijs.accounts.constants import Role


class Capability(models.TextChoices):
    WORK_WITH_CLIENTS = "work-with-clients", _("Werken met cliënten en kwesties")
    SEE_ALL_ORGANISATION_CASES = (
        "see-all-organisation-cases",
        _("Alle kwesties van de organisatie zien"),
    )
    TRIAGE_REQUESTS = "triage-requests", _("Hulpvragen verdelen")
    MANAGE_ORGANISATION = "manage-organisation", _("De eigen organisatie beheren")
    VIEW_OWN_FIGURES = "view-own-figures", _("Exacte cijfers van de eigen organisatie zien")
    VIEW_MONITORING = "view-monitoring", _("Monitoring (alleen totalen) zien")
    MANAGE_CONFIGURATION = "manage-configuration", _("Configuratie beheren")
    REFER = "refer", _("Cliënten doorverwijzen")
    HANDLE_INCOMING_REFERRALS = (
        "handle-incoming-referrals",
        _("Binnengekomen doorverwijzingen accepteren of afwijzen"),
    )
    IMPORT_REGISTRATIONS = (
        "import-registrations",
        _("Registraties importeren en exporteren (uniform formaat)"),
    )


ROLE_CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.SUPPORTER: frozenset({Capability.WORK_WITH_CLIENTS, Capability.REFER}),
    Role.COORDINATOR: frozenset(
        {
            Capability.WORK_WITH_CLIENTS,
            Capability.SEE_ALL_ORGANISATION_CASES,
            Capability.TRIAGE_REQUESTS,
            Capability.MANAGE_ORGANISATION,
            Capability.VIEW_OWN_FIGURES,
            Capability.REFER,
            Capability.HANDLE_INCOMING_REFERRALS,
            Capability.IMPORT_REGISTRATIONS,
        }
    ),
    Role.MUNICIPALITY: frozenset({Capability.VIEW_MONITORING}),
    Role.ADMINISTRATOR: frozenset({Capability.MANAGE_CONFIGURATION}),
}


def has_capability(user: Any, capability: Capability) -> bool:
    """Tell whether ``user`` may do ``capability``; anonymous users may do nothing."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    role = user.role
    return role is not None and capability in ROLE_CAPABILITIES[role]


def capabilities_of(user: Any) -> frozenset[Capability]:
    if user is None or not getattr(user, "is_authenticated", False) or user.role is None:
        return frozenset()
    return ROLE_CAPABILITIES[user.role]


ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])


def require_capability(capability: Capability) -> Callable[[ViewFunc], ViewFunc]:
    """Send anonymous users to the login page; refuse (403) users without ``capability``."""

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_capability(request.user, capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator
