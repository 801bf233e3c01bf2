from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from wegwijs.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    """Read-only view of configuration events; client-related entries are hidden."""

    list_display = ["occurred_at", "event", "actor_label", "organisation_slug", "object_type"]
    list_filter = ["event"]
    search_fields = ["actor_label", "event"]

    def get_queryset(self, request: HttpRequest) -> Any:
        # The administrator never sees which clients were touched.
        return super().get_queryset(request).filter(client_id="")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
