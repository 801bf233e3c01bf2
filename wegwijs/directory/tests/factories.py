"""Factories for the sociale kaart: they go through the services, like the staff pages do."""

import itertools
from datetime import time
from typing import Any

from wegwijs.accounts.models import Organisation
from wegwijs.accounts.tests import factories as account_factories
from wegwijs.directory import services
from wegwijs.directory.models import Location, Schedule, Service, ServiceAtLocation, Synonym
from wegwijs.reference.constants import AreaKind
from wegwijs.reference.models import Area

_counter = itertools.count(1)


def organisation(**fields: Any) -> Organisation:
    return account_factories.organisation(**fields)


def area(code: str = "schalkwijk", name: str | None = None, *, parent: Area | None = None) -> Area:
    municipality = account_factories.municipality()
    found = Area.objects.filter(municipality=municipality, code=code).first()
    if found:
        return found
    return Area.objects.create(
        municipality=municipality,
        code=code,
        name=name or code.replace("-", " ").title(),
        kind=AreaKind.NEIGHBOURHOOD if parent else AreaKind.DISTRICT,
        parent=parent,
    )


def service(organisation_obj: Organisation | None = None, **fields: Any) -> Service:
    values: dict[str, Any] = {
        "name": f"Dienst {next(_counter)}",
        "description": "Hulp en advies voor inwoners.",
        "phone": "023 511 5000",
    }
    values.update(fields)
    return services.service_create(
        actor=None, organisation=organisation_obj or organisation(), **values
    )


def location(organisation_obj: Organisation | None = None, **fields: Any) -> Location:
    values: dict[str, Any] = {
        "name": f"Locatie {next(_counter)}",
        "street_address": "Zijlweg 12",
        "postcode": "2013DK",
        "city": "Haarlem",
        "accessibility": "Drempelvrij, met lift.",
    }
    values.update(fields)
    return services.location_create(
        actor=None, organisation=organisation_obj or organisation(), **values
    )


def service_at_location(service_obj: Service, location_obj: Location) -> ServiceAtLocation:
    services.service_at_location_set(
        actor=None,
        service=service_obj,
        locations=[*(sal.location for sal in service_obj.at_locations.all()), location_obj],
    )
    return ServiceAtLocation.objects.get(service=service_obj, location=location_obj)


def schedule(location_obj: Location, **fields: Any) -> Schedule:
    values: dict[str, Any] = {
        "weekday": 2,
        "opens_at": time(9, 30),
        "closes_at": time(11, 30),
        "is_walk_in": True,
    }
    values.update(fields)
    return services.schedule_add(actor=None, location=location_obj, **values)


def synonym(term: str, *alternatives: str, both_ways: bool = True) -> Synonym:
    return services.synonym_save(
        actor=None, term=term, alternatives=list(alternatives), both_ways=both_ways
    )
