"""Routing rules, default organisations and service norms for the administrator.

Requests themselves hold personal data: the admin shows only those that no
organisation has (so the administrator can fix the routing), without the
question or contact details.
"""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wegwijs.intake import routing, selectors, services
from wegwijs.intake.models import MunicipalityDefault, RoutingRule, ServiceNorm, UnroutedRequest


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin[RoutingRule]):
    list_display = [
        "__str__",
        "municipality",
        "priority",
        "criteria",
        "organisation",
        "is_active",
    ]
    list_display_links = ["__str__"]
    list_editable = ["priority", "is_active"]
    list_filter = ["municipality", "is_active", "organisation"]
    ordering = ["municipality", "priority", "id"]
    fields = [
        "municipality",
        "priority",
        "topic",
        "target_group",
        "area",
        "language",
        "organisation",
        "is_active",
        "note",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[RoutingRule]:
        return (
            super()
            .get_queryset(request)
            .select_related("municipality", "topic", "target_group", "area", "organisation")
        )

    @admin.display(description=_("als"))
    def criteria(self, rule: RoutingRule) -> str:
        return routing.rule_criteria(rule)


@admin.register(MunicipalityDefault)
class MunicipalityDefaultAdmin(admin.ModelAdmin[MunicipalityDefault]):
    list_display = ["municipality", "organisation"]
    list_select_related = ["municipality", "organisation"]


@admin.register(ServiceNorm)
class ServiceNormAdmin(admin.ModelAdmin[ServiceNorm]):
    list_display = ["organisation", "working_days"]
    list_editable = ["working_days"]
    list_select_related = ["organisation"]


@admin.register(UnroutedRequest)
class UnroutedRequestAdmin(admin.ModelAdmin[UnroutedRequest]):
    """Requests no rule or default could place; the question itself stays hidden."""

    list_display = ["reference", "received_at", "municipality", "topic", "routing_attempts"]
    list_select_related = ["municipality", "topic"]
    fields = ["reference", "received_at", "municipality", "topic", "routing_attempts"]
    readonly_fields = ["reference", "received_at", "municipality", "topic", "routing_attempts"]
    actions = ["route_again"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return selectors.unrouted_requests().select_related("municipality", "topic")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Opnieuw verdelen"))
    def route_again(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        routed = 0
        for help_request in queryset:
            if services.request_route(request_id=help_request.pk).organisation_id is not None:
                routed += 1
        self.message_user(
            request,
            _("%(routed)d van %(total)d hulpvragen verdeeld.")
            % {"routed": routed, "total": queryset.count()},
            messages.SUCCESS if routed else messages.WARNING,
        )
