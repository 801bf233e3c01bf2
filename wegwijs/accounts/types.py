from django.http import HttpRequest

from wegwijs.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """A request whose user is signed in (behind ``login_required`` or a capability check)."""

    user: User
