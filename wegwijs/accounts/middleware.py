"""Enforce two-factor authentication for every account.

When ``WEGWIJS_REQUIRE_MFA`` is on (always under production settings) a
signed-in user without a TOTP authenticator can only reach the page that sets
one up, and logout. allauth itself asks the code at every login once the
authenticator exists.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

# Token clients of the API carry no session, so they never meet this check; a
# browser session without two-factor authentication must not reach the API either.
LAST_SEEN_KEY = "wegwijs_last_seen"

EXEMPT_PREFIXES = ("/static/", "/health/", "/i18n/", "/toegankelijkheid")


class RequireTwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.WEGWIJS_REQUIRE_MFA and self._must_set_up(request):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _must_set_up(self, request: HttpRequest) -> bool:
        path = request.path_info
        if path.startswith(EXEMPT_PREFIXES):
            return False
        if not request.user.is_authenticated:
            return False
        allowed = {
            reverse("mfa_activate_totp"),
            reverse("account_reauthenticate"),
            reverse("account_logout"),
        }
        if path in allowed:
            return False
        from allauth.mfa.models import Authenticator

        return not Authenticator.objects.filter(
            user=request.user, type=Authenticator.Type.TOTP
        ).exists()


class SessionIdleMiddleware:
    """End sessions after ``SESSION_COOKIE_AGE`` seconds without activity, cheaply.

    Saving the session on every request would cost a database write per page.
    Instead the session is touched at most once per ``SESSION_TOUCH_SECONDS``,
    which renews its expiry; the idle limit is exact to within that interval.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.session_key and request.user.is_authenticated:
            now = int(time.time())
            if now - int(session.get(LAST_SEEN_KEY, 0)) >= settings.SESSION_TOUCH_SECONDS:
                session[LAST_SEEN_KEY] = now
        return self.get_response(request)
