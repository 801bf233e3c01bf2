"""API rate limits: per client address without a token, per token with one.

Counts live in the cache (Redis in production, so every app server shares
them). Rates come from ``settings.WEGWIJS_API_RATES`` and are read on every
request, so an installation can change them in its environment. A throttled
call gets 429 as a problem detail with ``Retry-After``
(``wegwijs.api.exception_handlers``).
"""

import hashlib
from typing import TYPE_CHECKING, Any

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

if TYPE_CHECKING:
    from rest_framework.request import Request


class _SettingsRateThrottle(SimpleRateThrottle):
    def get_rate(self) -> str | None:
        return str(settings.WEGWIJS_API_RATES[str(self.scope)])


class AnonymousRateThrottle(_SettingsRateThrottle):
    """Calls without credentials, counted per client address."""

    scope = "anonymous"

    def get_cache_key(self, request: "Request", view: Any) -> str | None:
        if request.user is not None and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenRateThrottle(_SettingsRateThrottle):
    """Authenticated calls, counted per API token (per user for a browser session)."""

    scope = "token"

    def get_cache_key(self, request: "Request", view: Any) -> str | None:
        if request.user is None or not request.user.is_authenticated:
            return None
        key = getattr(request.auth, "key", None)
        # The token itself never goes into the cache, only a digest of it.
        ident = (
            "t" + hashlib.sha256(key.encode()).hexdigest()[:32] if key else f"u{request.user.pk}"
        )
        return self.cache_format % {"scope": self.scope, "ident": ident}
