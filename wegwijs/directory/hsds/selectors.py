"""Reads for the HSDS API and export: the querysets with everything the mapping needs prefetched."""

from django.db.models import Prefetch, QuerySet

from wegwijs.accounts.models import Organisation
from wegwijs.directory.constants import ServiceStatus
from wegwijs.directory.models import Location, Schedule, Service, ServiceAtLocation
from wegwijs.reference.models import Area


def _schedules() -> Prefetch:
    return Prefetch("schedules", queryset=Schedule.objects.order_by("weekday", "opens_at", "pk"))


def locations() -> QuerySet[Location]:
    return (
        Location.objects.select_related("organisation")
        .prefetch_related(_schedules())
        .order_by("name", "pk")
    )


def services_at_locations() -> QuerySet[ServiceAtLocation]:
    return (
        ServiceAtLocation.objects.select_related("location__organisation")
        .prefetch_related(
            _schedules(),
            Prefetch(
                "location__schedules",
                queryset=Schedule.objects.order_by("weekday", "opens_at", "pk"),
            ),
        )
        .order_by("location__name", "pk")
    )


def with_service_details(services: QuerySet[Service]) -> QuerySet[Service]:
    """Services with all they nest in HSDS: a fixed number of queries for any page."""
    return services.select_related("organisation").prefetch_related(
        "topics",
        "target_groups",
        "channels",
        "languages",
        Prefetch("areas", queryset=Area.objects.select_related("municipality").order_by("pk")),
        Prefetch("at_locations", queryset=services_at_locations()),
    )


def active_services() -> QuerySet[Service]:
    return Service.objects.filter(status=ServiceStatus.ACTIVE).select_related("organisation")


def organisations(*, full: bool, full_service: bool) -> QuerySet[Organisation]:
    found = Organisation.objects.order_by("name", "pk")
    if not full:
        return found
    services = active_services().order_by("name", "pk")
    if full_service:
        services = with_service_details(services)
    return found.prefetch_related(
        Prefetch("locations", queryset=locations()),
        Prefetch("services", queryset=services, to_attr="hsds_services"),
    )


def active_services_at_locations() -> QuerySet[ServiceAtLocation]:
    return ServiceAtLocation.objects.filter(service__status=ServiceStatus.ACTIVE)
