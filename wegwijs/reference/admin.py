from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from wegwijs.reference.models import (
    Activity,
    Area,
    Channel,
    CodeListItem,
    Holiday,
    Outcome,
    ReferralDeclineReason,
    ReferralStatus,
    RetentionPeriod,
    TargetGroup,
    Topic,
)


class CodeListAdmin(admin.ModelAdmin[CodeListItem]):
    list_display = ["code", "label_nl", "label_en", "position", "is_active"]
    list_editable = ["label_nl", "label_en", "position", "is_active"]
    search_fields = ["code", "label_nl", "label_en"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # Codes are the contract for imports, exports and the API.
        return ["code"] if obj else []

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


for model in (
    Topic,
    Channel,
    Activity,
    TargetGroup,
    Outcome,
    ReferralStatus,
    ReferralDeclineReason,
):
    admin.site.register(model, CodeListAdmin)


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin[Area]):
    list_display = ["name", "kind", "parent", "municipality", "code"]
    list_filter = ["municipality", "kind"]
    search_fields = ["name", "code"]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin[Holiday]):
    list_display = ["date", "name_nl", "kind", "source"]
    list_filter = ["kind"]
    date_hierarchy = "date"


@admin.register(RetentionPeriod)
class RetentionPeriodAdmin(admin.ModelAdmin[RetentionPeriod]):
    """Retention periods per kind of record; applied every night by apply_retention."""

    list_display = ["record_type", "years", "days", "basis"]
    fields = ["record_type", "years", "days", "basis"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["record_type"] if obj is not None else []
