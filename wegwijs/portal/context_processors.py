from typing import Any

from django.conf import settings
from django.http import HttpRequest

from wegwijs.accounts.permissions import Capability, capabilities_of


def wegwijs(request: HttpRequest) -> dict[str, Any]:
    """Values every page needs: demo banner and what the user may reach."""
    user = getattr(request, "user", None)
    capabilities = capabilities_of(user)
    return {
        "WEGWIJS_DEMO": settings.WEGWIJS_DEMO,
        "user_capabilities": {capability.name: True for capability in capabilities},
        "Capability": Capability,
    }
