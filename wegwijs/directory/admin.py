"""The sociale kaart in the Django admin: for the administrator, who moderates every entry."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from wegwijs.directory.models import (
    Location,
    PostcodeRange,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    Synonym,
)
from wegwijs.directory.services import service_refresh_search


class ServiceLanguageInline(admin.TabularInline[ServiceLanguage, Service]):
    model = ServiceLanguage
    extra = 0


class ServiceAtLocationInline(admin.TabularInline[ServiceAtLocation, Service]):
    model = ServiceAtLocation
    extra = 0
    autocomplete_fields = ["location"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin[Service]):
    list_display = ["name", "organisation", "status", "checked_on", "stale_since"]
    list_filter = ["status", "organisation__kind", "topics", "stale_since"]
    search_fields = ["name", "organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["topics", "target_groups", "areas", "channels"]
    readonly_fields = ["id", "search_document", "created_at", "updated_at"]
    inlines = [ServiceLanguageInline, ServiceAtLocationInline]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # Topics, languages and areas are in the search document.
        service_refresh_search([form.instance])


class ScheduleInline(admin.TabularInline[Schedule, Location]):
    model = Schedule
    fk_name = "location"
    extra = 0


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin[Location]):
    list_display = ["name", "organisation", "city", "is_confidential", "checked_on"]
    list_filter = ["is_confidential", "organisation__kind"]
    search_fields = ["name", "organisation__name", "street_address"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["id", "created_at", "updated_at"]
    inlines = [ScheduleInline]


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin[Synonym]):
    list_display = ["term", "alternatives", "both_ways"]
    search_fields = ["term", "alternatives"]


@admin.register(PostcodeRange)
class PostcodeRangeAdmin(admin.ModelAdmin[PostcodeRange]):
    list_display = ["first", "last", "area"]
    list_select_related = ["area"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[PostcodeRange]:
        return super().get_queryset(request).select_related("area")
