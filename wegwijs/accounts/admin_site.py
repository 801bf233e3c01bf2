"""The Django admin, for the administrator role only and behind the normal login.

The admin shows configuration: municipalities, organisations, accounts,
reference lists. Client data is never registered here.
"""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from wegwijs.accounts.permissions import Capability, has_capability


class WegwijsAdminSite(admin.AdminSite):
    site_header = _("Wegwijs beheer")
    site_title = _("Wegwijs beheer")
    index_title = _("Configuratie")

    def has_permission(self, request: HttpRequest) -> bool:
        return has_capability(request.user, Capability.MANAGE_CONFIGURATION)

    def login(self, request: HttpRequest, extra_context: object = None) -> HttpResponse:
        # One login for everyone, with two-factor authentication and lockout.
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next") or request.path)
