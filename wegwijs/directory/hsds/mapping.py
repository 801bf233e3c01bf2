"""Wegwijs rows as Open Referral HSDS 3.0 rows: one mapping for the API and the export.

Every ``*_row`` function returns one row of an HSDS table as a dict holding
only the fields Wegwijs fills (a missing key is an empty cell in the CSV and
an absent property in the JSON). The API nests these rows; the export writes
them as they are. ``datapackage`` reads them back with the inverse rules that
are stated here:

- identifiers: a Wegwijs row with a UUID keeps it (service, location,
  service at location, schedule, language; an organisation's ``uuid``).
  HSDS rows that Wegwijs keeps as fields of another row (a service's phone,
  a location's address, a service's topics) get a UUID derived from their
  owner's (uuid5), so they are the same in every export and installation;
- organisation ``description`` is required by HSDS: an organisation without
  one is described by its name, and a description equal to the name is read
  back as empty;
- cost: one ``cost_option`` per service, ``amount`` 0 when it is free, else
  the ``amount_description`` holds what it costs;
- topics, target groups and channels are taxonomy terms (one taxonomy per
  reference list, the term's ``code`` is ``<list>/<code>``) linked by
  ``attribute`` rows; a walk-in opening time carries the term ``inloop``;
- areas are ``service_area`` rows whose ``uri`` names the area
  (``urn:wegwijs:gebied:<gemeente>:<code>``);
- an address is given only when it may be shown and is complete (street,
  postcode, place); a confidential address never leaves Wegwijs;
- the organisation's own address and its opening hours (free text) are a
  location of its own (id derived from the organisation's) with an address
  and one schedule whose ``description`` is the text.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time
from typing import Any

from django.conf import settings
from django.utils import translation

from wegwijs.accounts.models import Organisation
from wegwijs.directory.constants import HSDS_BYDAY
from wegwijs.directory.models import Location, Schedule, Service, ServiceAtLocation
from wegwijs.reference.languages import language_label
from wegwijs.reference.models import Area, Channel, CodeListItem, TargetGroup, Topic

HSDS_VERSION = "3.0"
NAMESPACE = uuid.UUID("d50e33c7-2493-40b4-9f67-fb26bd67f3e5")
COUNTRY = "NL"
AREA_URI_PREFIX = "urn:wegwijs:gebied:"
WHATSAPP = "WhatsApp"

Row = dict[str, Any]


def derived_id(*parts: object) -> str:
    """A stable UUID for an HSDS row that Wegwijs keeps inside another row."""
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


@dataclass(frozen=True)
class CodeTaxonomy:
    """A Wegwijs reference list published as an HSDS taxonomy."""

    key: str
    model: type[CodeListItem]
    relation: str
    name: str
    description: str

    @property
    def id(self) -> str:
        return derived_id("taxonomy", self.key)

    def term_id(self, code: str) -> str:
        return derived_id("taxonomy", self.key, code)

    def term_code(self, code: str) -> str:
        """HSDS term codes are unique over all taxonomies: the list's key is their prefix."""
        return f"{self.key}/{code}"

    def row(self) -> Row:
        return {"id": self.id, "name": self.name, "description": self.description}


CODE_TAXONOMIES: tuple[CodeTaxonomy, ...] = (
    CodeTaxonomy(
        "topic",
        Topic,
        "topics",
        "Wegwijs: onderwerpen",
        "Onderwerpen waarbij een dienst helpt (referentielijst van Wegwijs).",
    ),
    CodeTaxonomy(
        "target_group",
        TargetGroup,
        "target_groups",
        "Wegwijs: doelgroepen",
        "Voor wie een dienst bedoeld is (referentielijst van Wegwijs).",
    ),
    CodeTaxonomy(
        "channel",
        Channel,
        "channels",
        "Wegwijs: kanalen",
        "Hoe inwoners een dienst bereiken (referentielijst van Wegwijs).",
    ),
)

# Opening times: one taxonomy with the single term "inloop" (walk in, no appointment).
SCHEDULE_TAXONOMY_ID = derived_id("taxonomy", "schedule")
WALK_IN_CODE = "inloop"
WALK_IN_TERM_CODE = f"schedule/{WALK_IN_CODE}"
WALK_IN_TERM_ID = derived_id("taxonomy", "schedule", WALK_IN_CODE)
WALK_IN_NAME = "Inloop zonder afspraak"


def schedule_taxonomy_row() -> Row:
    return {
        "id": SCHEDULE_TAXONOMY_ID,
        "name": "Wegwijs: openingstijden",
        "description": "Kenmerken van openingstijden in Wegwijs.",
    }


def walk_in_term_row() -> Row:
    return {
        "id": WALK_IN_TERM_ID,
        "code": WALK_IN_TERM_CODE,
        "name": WALK_IN_NAME,
        "description": WALK_IN_NAME,
        "taxonomy": schedule_taxonomy_row()["name"],
        "language": "nl",
        "taxonomy_id": SCHEDULE_TAXONOMY_ID,
    }


def taxonomy_rows() -> list[Row]:
    return [*(taxonomy.row() for taxonomy in CODE_TAXONOMIES), schedule_taxonomy_row()]


def term_row(taxonomy: CodeTaxonomy, item: CodeListItem) -> Row:
    return {
        "id": taxonomy.term_id(item.code),
        "code": taxonomy.term_code(item.code),
        "name": item.label_nl,
        "description": item.label_nl,
        "taxonomy": taxonomy.name,
        "language": "nl",
        "taxonomy_id": taxonomy.id,
    }


def all_term_rows() -> list[Row]:
    """Every term of every Wegwijs taxonomy (one query per reference list)."""
    rows = [
        term_row(taxonomy, item)
        for taxonomy in CODE_TAXONOMIES
        for item in taxonomy.model.objects.order_by("position", "code")
    ]
    return [*rows, walk_in_term_row()]


def _fill(row: Row) -> Row:
    """Leave out what Wegwijs does not know (HSDS strings are never null)."""
    return {key: value for key, value in row.items() if value not in ("", None)}


def province() -> str:
    """HSDS requires a province in an address; Wegwijs knows it from its settings."""
    return str(getattr(settings, "WEGWIJS_PROVINCE", "") or "")


# --- Organisations --------------------------------------------------------------


def organization_row(organisation: Organisation) -> Row:
    row = _fill(
        {
            "id": str(organisation.uuid),
            "name": organisation.name,
            "email": organisation.email,
            "website": organisation.website,
        }
    )
    row["description"] = organisation.description or organisation.name
    return row


def organization_phone_rows(organisation: Organisation) -> list[Row]:
    rows = []
    if organisation.phone:
        rows.append(
            {
                "id": derived_id("phone", organisation.uuid),
                "organization_id": str(organisation.uuid),
                "number": organisation.phone,
                "type": "voice",
            }
        )
    if organisation.whatsapp:
        rows.append(
            {
                "id": derived_id("whatsapp", organisation.uuid),
                "organization_id": str(organisation.uuid),
                "number": organisation.whatsapp,
                "type": "text",
                "description": WHATSAPP,
            }
        )
    return rows


def organisation_location_id(organisation_uuid: object) -> str:
    """The id of the HSDS location that stands for the organisation's own address."""
    return derived_id("location", organisation_uuid)


def _organisation_address_shown(organisation: Organisation) -> bool:
    return not organisation.address_is_confidential and bool(
        organisation.street_address and organisation.postcode and organisation.city
    )


def organisation_location_rows(organisation: Organisation) -> list[Row]:
    if not (_organisation_address_shown(organisation) or organisation.opening_hours):
        return []
    return [
        {
            "id": organisation_location_id(organisation.uuid),
            "location_type": "physical",
            "organization_id": str(organisation.uuid),
            "name": organisation.name,
        }
    ]


def organisation_address_rows(organisation: Organisation) -> list[Row]:
    if not _organisation_address_shown(organisation):
        return []
    return [
        {
            "id": derived_id("address", organisation.uuid),
            "location_id": organisation_location_id(organisation.uuid),
            "address_1": organisation.street_address,
            "city": organisation.city,
            "state_province": province(),
            "postal_code": organisation.postcode,
            "country": COUNTRY,
            "address_type": "physical",
        }
    ]


def organisation_schedule_rows(organisation: Organisation) -> list[Row]:
    if not organisation.opening_hours:
        return []
    return [
        {
            "id": derived_id("schedule", organisation.uuid),
            "location_id": organisation_location_id(organisation.uuid),
            "description": organisation.opening_hours,
        }
    ]


def organisation_location_json(organisation: Organisation) -> list[Row]:
    return [
        _nonempty(
            {
                **row,
                "addresses": organisation_address_rows(organisation),
                "schedules": organisation_schedule_rows(organisation),
            }
        )
        for row in organisation_location_rows(organisation)
    ]


# --- Services -------------------------------------------------------------------


def service_row(service: Service) -> Row:
    return _fill(
        {
            "id": str(service.pk),
            "organization_id": str(service.organisation.uuid),
            "name": service.name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "eligibility_description": service.eligibility,
            "assured_date": service.checked_on.isoformat(),
        }
    )


def service_phone_rows(service: Service) -> list[Row]:
    if not service.phone:
        return []
    return [
        {
            "id": derived_id("phone", service.pk),
            "service_id": str(service.pk),
            "number": service.phone,
            "type": "voice",
        }
    ]


def cost_option_rows(service: Service) -> list[Row]:
    row: Row = {"id": derived_id("cost", service.pk), "service_id": str(service.pk)}
    if service.is_free:
        row.update(amount=0, currency="EUR")
    elif service.cost:
        row["amount_description"] = service.cost
    return [row]


def language_rows(service: Service) -> list[Row]:
    with translation.override("nl"):
        return [
            _fill(
                {
                    "id": str(language.pk),
                    "service_id": str(service.pk),
                    "name": language_label(language.code),
                    "code": language.code,
                    "note": language.note,
                }
            )
            for language in service.languages.all()
        ]


def area_uri(area: Area) -> str:
    return f"{AREA_URI_PREFIX}{area.municipality.slug}:{area.code}"


def service_area_rows(service: Service) -> list[Row]:
    return [
        {
            "id": derived_id("service_area", service.pk, area.municipality.slug, area.code),
            "service_id": str(service.pk),
            "name": area.name,
            "uri": area_uri(area),
        }
        for area in service.areas.all()
    ]


def service_attribute_rows(service: Service) -> list[tuple[Row, Row]]:
    """(attribute, its taxonomy term) for every topic, target group and channel."""
    pairs = []
    for taxonomy in CODE_TAXONOMIES:
        for item in getattr(service, taxonomy.relation).all():
            attribute = {
                "id": derived_id("attribute", service.pk, taxonomy.key, item.code),
                "link_id": str(service.pk),
                "taxonomy_term_id": taxonomy.term_id(item.code),
                "link_type": taxonomy.key,
                "link_entity": "service",
            }
            pairs.append((attribute, term_row(taxonomy, item)))
    return pairs


# --- Locations and opening times ------------------------------------------------


def location_row(location: Location) -> Row:
    return _fill(
        {
            "id": str(location.pk),
            "location_type": "physical",
            "organization_id": str(location.organisation.uuid),
            "name": location.name,
            "description": location.description,
        }
    )


def address_rows(location: Location) -> list[Row]:
    if location.address_is_hidden:
        return []
    if not (location.street_address and location.postcode and location.city):
        return []
    return [
        {
            "id": derived_id("address", location.pk),
            "location_id": str(location.pk),
            "address_1": location.street_address,
            "city": location.city,
            "state_province": province(),
            "postal_code": location.postcode,
            "country": COUNTRY,
            "address_type": "physical",
        }
    ]


def accessibility_rows(location: Location) -> list[Row]:
    if not location.accessibility:
        return []
    return [
        {
            "id": derived_id("accessibility", location.pk),
            "location_id": str(location.pk),
            "description": location.accessibility,
        }
    ]


def service_at_location_row(service_at_location: ServiceAtLocation) -> Row:
    return _fill(
        {
            "id": str(service_at_location.pk),
            "service_id": str(service_at_location.service_id),
            "location_id": str(service_at_location.location_id),
            "description": service_at_location.description,
        }
    )


def hsds_time(value: time) -> str:
    return value.strftime("%H:%M:%S")


def schedule_row(schedule: Schedule) -> Row:
    return _fill(
        {
            "id": str(schedule.pk),
            "location_id": str(schedule.location_id or ""),
            "service_at_location_id": str(schedule.service_at_location_id or ""),
            "freq": "WEEKLY",
            "byday": HSDS_BYDAY[schedule.weekday],
            "opens_at": hsds_time(schedule.opens_at),
            "closes_at": hsds_time(schedule.closes_at),
            "notes": schedule.note,
        }
    )


def schedule_attribute_rows(schedule: Schedule) -> list[tuple[Row, Row]]:
    if not schedule.is_walk_in:
        return []
    attribute = {
        "id": derived_id("attribute", schedule.pk, WALK_IN_CODE),
        "link_id": str(schedule.pk),
        "taxonomy_term_id": WALK_IN_TERM_ID,
        "link_type": WALK_IN_CODE,
        "link_entity": "schedule",
    }
    return [(attribute, walk_in_term_row())]


# --- Nested JSON for the API ----------------------------------------------------


def _attributes(pairs: Iterable[tuple[Row, Row]]) -> list[Row]:
    return [{**attribute, "taxonomy_term": term} for attribute, term in pairs]


def _nonempty(row: Row) -> Row:
    """Leave out arrays that would be empty, to keep the answers short."""
    return {key: value for key, value in row.items() if value != []}


def schedule_json(schedule: Schedule) -> Row:
    return _nonempty(
        {**schedule_row(schedule), "attributes": _attributes(schedule_attribute_rows(schedule))}
    )


def location_json(location: Location) -> Row:
    return _nonempty(
        {
            **location_row(location),
            "addresses": address_rows(location),
            "accessibility": accessibility_rows(location),
            "schedules": [schedule_json(schedule) for schedule in location.schedules.all()],
        }
    )


def service_list_json(service: Service) -> Row:
    """The one-to-one fields of a service (HSDS ``service_list``)."""
    return {
        **service_row(service),
        "last_modified": service.updated_at.isoformat(),
        "organization": organization_row(service.organisation),
    }


def service_minimal_json(service: Service) -> Row:
    return {
        "id": str(service.pk),
        "name": service.name,
        "status": service.status,
        "last_modified": service.updated_at.isoformat(),
    }


def service_at_location_json(
    service_at_location: ServiceAtLocation, *, with_service: bool = False
) -> Row:
    row = {
        **service_at_location_row(service_at_location),
        "schedules": [schedule_json(item) for item in service_at_location.schedules.all()],
        "location": location_json(service_at_location.location),
    }
    if with_service:
        # The service without its places: this row is one of them.
        service = service_json(service_at_location.service)
        service.pop("service_at_locations", None)
        row["service"] = service
    return _nonempty(row)


def service_at_location_list_json(service_at_location: ServiceAtLocation) -> Row:
    location = service_at_location.location
    return {
        **service_at_location_row(service_at_location),
        "location": location_row(location),
        "service": service_list_json(service_at_location.service),
    }


def service_json(service: Service) -> Row:
    """A fully nested service (HSDS ``service``)."""
    return _nonempty(
        {
            **service_list_json(service),
            "phones": service_phone_rows(service),
            "service_areas": service_area_rows(service),
            "service_at_locations": [
                service_at_location_json(item) for item in service.at_locations.all()
            ],
            "languages": language_rows(service),
            "cost_options": cost_option_rows(service),
            "attributes": _attributes(service_attribute_rows(service)),
        }
    )


def organization_list_json(organisation: Organisation) -> Row:
    return organization_row(organisation)


def organization_json(organisation: Organisation, *, full_service: bool = False) -> Row:
    """A fully nested organisation; its active services brief, or full with ``full_service``."""
    services = organisation.hsds_services  # type: ignore[attr-defined]
    return _nonempty(
        {
            **organization_row(organisation),
            "phones": organization_phone_rows(organisation),
            "locations": [
                *organisation_location_json(organisation),
                *(location_json(location) for location in organisation.locations.all()),
            ],
            "services": [
                service_json(service) if full_service else service_list_json(service)
                for service in services
            ],
        }
    )
