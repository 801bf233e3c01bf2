from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wegwijs.accounts.models import Membership, Municipality, Organisation, User


class MembershipInline(admin.StackedInline[Membership, User]):
    model = Membership
    can_delete = False
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "role_display", "organisation_display", "is_active"]
    list_filter = ["is_active", "membership__role"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["last_login", "date_joined"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "full_name", "password")}),
        (_("Status"), {"fields": ("is_active", "is_staff", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "usable_password", "password1", "password2"),
            },
        ),
    )
    filter_horizontal = ()

    @admin.display(description=_("rol"))
    def role_display(self, obj: User) -> str:
        return obj.membership.get_role_display() if hasattr(obj, "membership") else "—"

    @admin.display(description=_("organisatie of gemeente"))
    def organisation_display(self, obj: User) -> str:
        scope = obj.organisation or obj.municipality
        return str(scope) if scope else "—"


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin[Municipality]):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["slug"] if obj else []


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "slug", "kind", "is_independent"]
    list_filter = ["kind", "is_independent", "municipalities"]
    search_fields = ["name", "slug"]
    filter_horizontal = ["municipalities"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["slug"] if obj else []
