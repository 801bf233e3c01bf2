"""The sociale kaart as an Open Referral HSDS 3.0 tabular datapackage (CSV files).

``package_export`` writes ``datapackage.json`` and one CSV per table. The
descriptor carries the official table schemas (``spec/datapackage.json``)
unchanged, the CSV columns are the official fields in their official order,
rows are sorted by id: exporting the same data twice gives the same bytes.

``package_import`` reads such a package. It checks everything first (files,
columns, types, formats, required values, unique ids, references between the
tables, and what Wegwijs needs to store a row) and refuses the package whole
with every error listed (file, row, column) when anything is wrong; then it
upserts by UUID in one transaction. Rows that did not change are not saved,
so importing the same package twice changes nothing.
"""

import csv
import io
import json
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wegwijs.accounts.constants import OrganisationKind
from wegwijs.accounts.models import Municipality, Organisation
from wegwijs.core.audit import audit_log
from wegwijs.core.errors import ApplicationError
from wegwijs.directory.constants import HSDS_BYDAY, ServiceStatus
from wegwijs.directory.hsds import mapping, selectors
from wegwijs.directory.models import (
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
)
from wegwijs.directory.services import service_refresh_search
from wegwijs.reference.languages import LANGUAGE_CODES
from wegwijs.reference.models import Area

SPEC_FILE = Path(__file__).resolve().parent / "spec" / "datapackage.json"
DESCRIPTOR = "datapackage.json"
# The tables Wegwijs fills, in the order of the descriptor.
TABLES = (
    "organization",
    "service",
    "location",
    "address",
    "accessibility",
    "phone",
    "schedule",
    "service_at_location",
    "language",
    "service_area",
    "cost_option",
    "taxonomy",
    "taxonomy_term",
    "attribute",
)
REQUIRED_TABLES = ("organization", "service")
# HSDS requires a province; Wegwijs addresses are known by postcode and may lack one.
MAY_BE_EMPTY = {("address", "state_province")}
BYDAY_WEEKDAY = {code: day for day, code in HSDS_BYDAY.items()}
MAX_LISTED_ERRORS = 500

Row = dict[str, Any]


@cache
def specification() -> dict[str, Any]:
    spec: dict[str, Any] = json.loads(SPEC_FILE.read_text(encoding="utf-8"))
    return spec


def resource_spec(name: str) -> dict[str, Any]:
    for resource in specification()["resources"]:
        if resource["name"] == name:
            return dict(resource)
    raise KeyError(name)


def field_names(name: str) -> list[str]:
    return [item["name"] for item in resource_spec(name)["schema"]["fields"]]


# --- Export ---------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return str(value)


def export_tables() -> dict[str, list[Row]]:
    """Every table of the package as rows (a bounded number of queries)."""
    tables: dict[str, list[Row]] = {name: [] for name in TABLES}
    for organisation in Organisation.objects.order_by("pk"):
        tables["organization"].append(mapping.organization_row(organisation))
        tables["phone"] += mapping.organization_phone_rows(organisation)
        tables["location"] += mapping.organisation_location_rows(organisation)
        tables["address"] += mapping.organisation_address_rows(organisation)
        tables["schedule"] += mapping.organisation_schedule_rows(organisation)
    services = selectors.with_service_details(Service.objects.all()).order_by("pk")
    for service in services:
        tables["service"].append(mapping.service_row(service))
        tables["phone"] += mapping.service_phone_rows(service)
        tables["cost_option"] += mapping.cost_option_rows(service)
        tables["language"] += mapping.language_rows(service)
        tables["service_area"] += mapping.service_area_rows(service)
        tables["attribute"] += [row for row, _term in mapping.service_attribute_rows(service)]
    for location in Location.objects.select_related("organisation").order_by("pk"):
        tables["location"].append(mapping.location_row(location))
        tables["address"] += mapping.address_rows(location)
        tables["accessibility"] += mapping.accessibility_rows(location)
    for service_at_location in ServiceAtLocation.objects.order_by("pk"):
        tables["service_at_location"].append(mapping.service_at_location_row(service_at_location))
    for schedule in Schedule.objects.order_by("pk"):
        tables["schedule"].append(mapping.schedule_row(schedule))
        tables["attribute"] += [row for row, _term in mapping.schedule_attribute_rows(schedule)]
    tables["taxonomy"] = mapping.taxonomy_rows()
    tables["taxonomy_term"] = mapping.all_term_rows()
    for rows in tables.values():
        rows.sort(key=lambda row: row["id"])
    return tables


def _csv_text(name: str, rows: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns = field_names(name)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return buffer.getvalue()


def descriptor() -> dict[str, Any]:
    spec = specification()
    return {
        "name": "wegwijs-sociale-kaart",
        "title": "Sociale kaart (Wegwijs)",
        "description": (
            "Organisaties, diensten, locaties en openingstijden van de sociale kaart, "
            "in Open Referral HSDS 3.0."
        ),
        "profile": spec["profile"],
        "version": spec["version"],
        "homepage": spec["homepage"],
        "license": spec["license"],
        "resources": [resource_spec(name) for name in TABLES],
    }


def package_export(directory: Path) -> dict[str, int]:
    """Write the package into ``directory`` (created when missing); rows per table."""
    tables = export_tables()
    directory.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        path = directory / resource_spec(name)["path"]
        path.write_text(_csv_text(name, tables[name]), encoding="utf-8", newline="")
    (directory / DESCRIPTOR).write_text(
        json.dumps(descriptor(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return {name: len(tables[name]) for name in TABLES}


# --- Reading and checking -------------------------------------------------------


@dataclass(frozen=True)
class PackageError:
    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is not None and self.column:
            return _("%(file)s regel %(row)d, kolom %(column)s: %(message)s") % {
                "file": self.file,
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        if self.column:
            return _("%(file)s, kolom %(column)s: %(message)s") % {
                "file": self.file,
                "column": self.column,
                "message": self.message,
            }
        if self.row is not None:
            return _("%(file)s regel %(row)d: %(message)s") % {
                "file": self.file,
                "row": self.row,
                "message": self.message,
            }
        return f"{self.file}: {self.message}"


class PackageRejected(ApplicationError):
    code = "package-rejected"

    def __init__(self, errors: list[PackageError]) -> None:
        self.errors = errors
        super().__init__(
            _("Het pakket is geweigerd: %(count)d fouten. Er is niets opgeslagen.")
            % {"count": len(errors)}
        )


@dataclass
class Record:
    """One CSV row: its values by column and its row number (the header is row 1)."""

    table: str
    file: str
    number: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "")


@dataclass
class Package:
    tables: dict[str, list[Record]] = field(default_factory=dict)
    errors: list[PackageError] = field(default_factory=list)
    # Tables named in the descriptor that could not be read (missing file, bad header).
    broken: set[str] = field(default_factory=set)

    def error(
        self, record: Record | None, column: str | None, message: str, *, file: str = ""
    ) -> None:
        self.errors.append(
            PackageError(
                file=record.file if record else file,
                row=record.number if record else None,
                column=column,
                message=message,
            )
        )

    def rows(self, table: str) -> list[Record]:
        return self.tables.get(table, [])

    def by_id(self, table: str) -> dict[str, Record]:
        return {record.get("id"): record for record in self.rows(table)}


_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


def _check_value(kind: str, form: str, value: str) -> str | None:
    """The problem with ``value`` for an HSDS field of this type and format, or None."""
    try:
        if form == "uuid":
            if str(uuid.UUID(value)) != value.lower():
                return _("geen geldige UUID")
        elif kind == "date":
            date.fromisoformat(value)
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                return _("geen geldige datum (JJJJ-MM-DD)")
        elif kind == "datetime":
            datetime.fromisoformat(value)
        elif kind == "time":
            if not re.fullmatch(r"\d{2}:\d{2}(:\d{2})?", value):
                return _("geen geldige tijd (UU:MM:SS)")
            time.fromisoformat(value)
        elif kind == "number":
            float(value)
        elif form == "email":
            validate_email(value)
        elif form == "uri" and not _URI.match(value):
            return _("geen geldige URI")
    except (ValueError, ValidationError):
        return {
            "uuid": _("geen geldige UUID"),
            "date": _("geen geldige datum (JJJJ-MM-DD)"),
            "datetime": _("geen geldig tijdstip (ISO 8601)"),
            "time": _("geen geldige tijd (UU:MM:SS)"),
            "number": _("geen getal"),
            "email": _("geen geldig e-mailadres"),
        }.get(form if form in ("uuid", "email") else kind, _("ongeldige waarde"))
    return None


def _read_table(package: Package, name: str, path: Path, file: str) -> None:
    spec_fields = {item["name"]: item for item in resource_spec(name)["schema"]["fields"]}
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        package.error(None, None, _("het bestand is geen UTF-8"), file=file)
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        package.error(None, None, _("het bestand is leeg"), file=file)
        return
    header = [column.strip() for column in header]
    usable = True
    seen: set[str] = set()
    for column in header:
        if column in seen:
            package.error(None, column, _("kolom staat er twee keer in"), file=file)
            usable = False
        seen.add(column)
        if column not in spec_fields:
            package.error(None, column, _("onbekende kolom voor deze tabel"), file=file)
            usable = False
    for column, spec in spec_fields.items():
        if spec.get("constraints", {}).get("required") and column not in seen:
            package.error(None, column, _("verplichte kolom ontbreekt"), file=file)
            usable = False
    if not usable:
        return
    records: list[Record] = []
    unique_seen: dict[str, dict[str, int]] = defaultdict(dict)
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            package.error(
                Record(name, file, number, {}),
                None,
                _("%(found)d waarden, de kop heeft er %(expected)d")
                % {"found": len(cells), "expected": len(header)},
            )
            continue
        record = Record(name, file, number, dict(zip(header, cells, strict=True)))
        for column, value in record.values.items():
            spec = spec_fields[column]
            constraints = spec.get("constraints", {})
            if not value:
                if constraints.get("required") and (name, column) not in MAY_BE_EMPTY:
                    package.error(record, column, _("verplicht, maar leeg"))
                continue
            problem = _check_value(spec["type"], spec.get("format", ""), value)
            if problem is None and "enum" in constraints and value not in constraints["enum"]:
                problem = _("onbekende waarde (kies uit %(values)s)") % {
                    "values": ", ".join(constraints["enum"])
                }
            if problem is None and constraints.get("unique"):
                first = unique_seen[column].setdefault(value.lower(), number)
                if first != number:
                    problem = _("staat ook op regel %(row)d") % {"row": first}
            if problem:
                package.error(record, column, problem)
        records.append(record)
    package.tables[name] = records


def _read(directory: Path) -> Package:
    package = Package()
    descriptor_path = directory / DESCRIPTOR
    if not descriptor_path.is_file():
        package.error(None, None, _("bestand ontbreekt"), file=DESCRIPTOR)
        return package
    try:
        described = json.loads(descriptor_path.read_text(encoding="utf-8"))
        resources = described["resources"]
        assert isinstance(resources, list)
    except (ValueError, KeyError, TypeError, AssertionError):
        package.error(None, None, _("geen geldige datapackage-beschrijving"), file=DESCRIPTOR)
        return package
    official = {resource["name"] for resource in specification()["resources"]}
    named: set[str] = set()
    for resource in resources:
        name = resource.get("name") if isinstance(resource, dict) else None
        if not isinstance(name, str) or name not in official:
            package.error(
                None, None, _("onbekende tabel '%(name)s'") % {"name": name}, file=DESCRIPTOR
            )
            continue
        named.add(name)
        relative = str(resource.get("path") or resource_spec(name)["path"])
        path = (directory / relative).resolve()
        if directory.resolve() not in path.parents:
            package.error(None, None, _("pad buiten het pakket"), file=relative)
            continue
        if not path.is_file():
            package.error(None, None, _("bestand ontbreekt"), file=relative)
            package.broken.add(name)
            continue
        _read_table(package, name, path, relative)
        if name not in package.tables:
            package.broken.add(name)
    for name in REQUIRED_TABLES:
        if name not in named:
            package.error(
                None, None, _("de tabel '%(name)s' ontbreekt") % {"name": name}, file=DESCRIPTOR
            )
    return package


def _check_references(package: Package) -> None:
    """Every foreign key of the official schemas points at a row of the package."""
    ids = {name: set(package.by_id(name)) for name in package.tables}
    for name, records in package.tables.items():
        for key in resource_spec(name)["schema"].get("foreignKeys", []):
            column = key["fields"]
            target = key["reference"]["resource"]
            if target in package.broken:
                continue  # its file is refused already
            for record in records:
                value = record.get(column)
                if value and value not in ids.get(target, set()):
                    package.error(
                        record,
                        column,
                        _("verwijst naar een onbekende %(table)s") % {"table": target},
                    )


# --- From HSDS rows to Wegwijs rows ---------------------------------------------


@dataclass
class Plan:
    """What the import will write, built from a checked package."""

    organisations: dict[str, Row] = field(default_factory=dict)
    services: dict[str, Row] = field(default_factory=dict)
    locations: dict[str, Row] = field(default_factory=dict)
    at_locations: dict[str, Row] = field(default_factory=dict)
    schedules: dict[str, Row] = field(default_factory=dict)
    languages: dict[str, Row] = field(default_factory=dict)


def _organisation_fields(record: Record) -> Row:
    name = record.get("name")
    description = record.get("description")
    row: Row = {
        "name": name,
        "description": "" if description == name else description,
        "email": record.get("email"),
        "website": record.get("website"),
        "phone": "",
        "whatsapp": "",
    }
    return row


def _plan(package: Package) -> Plan:
    plan = Plan()
    target: Row | None
    for record in package.rows("organization"):
        plan.organisations[record.get("id")] = _organisation_fields(record)

    services = package.by_id("service")
    for record in services.values():
        status = record.get("status")
        assured = record.get("assured_date")
        plan.services[record.get("id")] = {
            "organisation": record.get("organization_id"),
            "name": record.get("name"),
            "description": record.get("description"),
            "eligibility": record.get("eligibility_description"),
            "url": record.get("url"),
            "email": record.get("email"),
            "phone": "",
            "is_free": True,
            "cost": "",
            "status": ServiceStatus.ACTIVE if status == "active" else ServiceStatus.INACTIVE,
            "checked_on": date.fromisoformat(assured) if _is_date(assured) else None,
            "topics": [],
            "target_groups": [],
            "channels": [],
            "areas": [],
        }

    for record in package.rows("phone"):
        if record.get("organization_id") in plan.organisations:
            target = plan.organisations[record.get("organization_id")]
            is_whatsapp = (
                record.get("type") == "text" and record.get("description") == mapping.WHATSAPP
            )
            key = "whatsapp" if is_whatsapp else "phone"
            if not target[key]:
                target[key] = record.get("number")
        elif record.get("service_id") in plan.services:
            target = plan.services[record.get("service_id")]
            if not target["phone"]:
                target["phone"] = record.get("number")

    for record in package.rows("organization"):
        _validate_model(package, record, Organisation, plan.organisations[record.get("id")])

    for record in package.rows("cost_option"):
        target = plan.services.get(record.get("service_id"))
        if target is None:
            continue
        amount = record.get("amount")
        free = bool(amount) and _is_number(amount) and float(amount) == 0
        target["is_free"] = free
        target["cost"] = "" if free else record.get("amount_description")

    areas = {
        mapping.area_uri(area): area.pk for area in Area.objects.select_related("municipality")
    }
    for record in package.rows("service_area"):
        target = plan.services.get(record.get("service_id"))
        uri = record.get("uri")
        if target is None or not uri.startswith(mapping.AREA_URI_PREFIX):
            continue
        if uri not in areas:
            package.error(record, "uri", _("onbekend gebied in Wegwijs"))
            continue
        target["areas"].append(areas[uri])

    terms = _terms(package)
    schedules_walk_in: set[str] = set()
    schedule_ids = set(package.by_id("schedule"))
    for record in package.rows("attribute"):
        term = terms.get(record.get("taxonomy_term_id"))
        if term is None:
            continue  # a term of another taxonomy: Wegwijs does not keep it
        relation, pk = term
        link = record.get("link_id")
        if relation == "walk_in":
            if record.get("link_entity") != "schedule" or link not in schedule_ids:
                package.error(record, "link_id", _("verwijst naar een onbekende schedule"))
            else:
                schedules_walk_in.add(link)
        elif record.get("link_entity") != "service" or link not in plan.services:
            package.error(record, "link_id", _("verwijst naar een onbekende service"))
        else:
            plan.services[link][relation].append(pk)

    for record in services.values():
        _validate_model(package, record, Service, plan.services[record.get("id")])

    for record in package.rows("language"):
        service_id = record.get("service_id")
        if not service_id:
            continue  # a language of a location or phone: Wegwijs does not keep it
        code = record.get("code")
        if code not in LANGUAGE_CODES:
            package.error(record, "code", _("onbekende taal in Wegwijs"))
            continue
        plan.languages[record.get("id")] = {
            "service": service_id,
            "code": code,
            "note": record.get("note"),
        }
        _validate_model(package, record, ServiceLanguage, plan.languages[record.get("id")])
    pairs: dict[tuple[str, str], int] = {}
    for record in package.rows("language"):
        planned = plan.languages.get(record.get("id"))
        if planned:
            first = pairs.setdefault((planned["service"], planned["code"]), record.number)
            if first != record.number:
                package.error(record, "code", _("staat ook op regel %(row)d") % {"row": first})

    own_places = {
        mapping.organisation_location_id(org_uuid): org_uuid for org_uuid in plan.organisations
    }
    for record in package.rows("location"):
        if record.get("id") in own_places:
            continue  # the organisation's own address and opening hours, below
        if not record.get("organization_id"):
            package.error(record, "organization_id", _("Wegwijs heeft de organisatie nodig"))
            continue
        if not record.get("name"):
            package.error(record, "name", _("Wegwijs heeft een naam nodig"))
            continue
        plan.locations[record.get("id")] = {
            "organisation": record.get("organization_id"),
            "name": record.get("name"),
            "description": record.get("description"),
            "accessibility": "",
            "address": None,
        }
    for record in package.rows("address"):
        own = own_places.get(record.get("location_id"))
        if own is not None:
            address = {
                "street_address": record.get("address_1"),
                "postcode": record.get("postal_code").upper().replace(" ", ""),
                "city": record.get("city"),
            }
            plan.organisations[own].update(address)
            _validate_model(
                package,
                record,
                Organisation,
                address,
                columns={"street_address": "address_1", "postcode": "postal_code"},
            )
            continue
        target = plan.locations.get(record.get("location_id"))
        if target is None or target["address"] is not None:
            continue
        address = {
            "street_address": record.get("address_1"),
            "postcode": record.get("postal_code").upper().replace(" ", ""),
            "city": record.get("city"),
        }
        target["address"] = address
        _validate_model(
            package,
            record,
            Location,
            address,
            columns={"street_address": "address_1", "postcode": "postal_code"},
        )
    for record in package.rows("accessibility"):
        target = plan.locations.get(record.get("location_id"))
        if target is not None and not target["accessibility"]:
            target["accessibility"] = record.get("description")
    for record in package.rows("location"):
        if record.get("id") in plan.locations:
            _validate_model(package, record, Location, plan.locations[record.get("id")])

    for record in package.rows("service_at_location"):
        service = plan.services.get(record.get("service_id"))
        location = plan.locations.get(record.get("location_id"))
        if service is None or location is None:
            continue
        if service["organisation"] != location["organisation"]:
            package.error(
                record,
                "location_id",
                _("de locatie hoort bij een andere organisatie dan de dienst"),
            )
            continue
        plan.at_locations[record.get("id")] = {
            "service": record.get("service_id"),
            "location": record.get("location_id"),
            "description": record.get("description"),
        }

    for record in package.rows("schedule"):
        own = own_places.get(record.get("location_id"))
        if own is not None:
            plan.organisations[own]["opening_hours"] = record.get("description")
            continue
        _plan_schedule(package, plan, record, record.get("id") in schedules_walk_in)
    return plan


def _plan_schedule(package: Package, plan: Plan, record: Record, walk_in: bool) -> None:
    location = record.get("location_id")
    at_location = record.get("service_at_location_id")
    if bool(location) == bool(at_location):
        package.error(
            record,
            "location_id",
            _("Wegwijs kent openingstijden van een locatie of van een dienst op een locatie"),
        )
        return
    if record.get("freq") not in ("", "WEEKLY") or record.get("byday") not in BYDAY_WEEKDAY:
        package.error(
            record, "byday", _("Wegwijs kent alleen wekelijkse tijden op één dag (MO … SU)")
        )
        return
    opens, closes = record.get("opens_at"), record.get("closes_at")
    if not (_is_time(opens) and _is_time(closes)):
        package.error(record, "opens_at", _("Wegwijs heeft een openings- en sluitingstijd nodig"))
        return
    if time.fromisoformat(closes) <= time.fromisoformat(opens):
        package.error(record, "closes_at", _("de sluitingstijd moet na de openingstijd liggen"))
        return
    if (location and location not in plan.locations) or (
        at_location and at_location not in plan.at_locations
    ):
        return  # its owner is refused already
    plan.schedules[record.get("id")] = {
        "location": location or None,
        "service_at_location": at_location or None,
        "weekday": BYDAY_WEEKDAY[record.get("byday")],
        "opens_at": time.fromisoformat(opens),
        "closes_at": time.fromisoformat(closes),
        "is_walk_in": walk_in,
        "note": record.get("notes"),
    }
    _validate_model(
        package, record, Schedule, plan.schedules[record.get("id")], columns={"note": "notes"}
    )


def _terms(package: Package) -> dict[str, tuple[str, int | str]]:
    """Term id -> (service relation or "walk_in", reference item pk) for Wegwijs's taxonomies."""
    found: dict[str, tuple[str, int | str]] = {}
    taxonomies = {taxonomy.id: taxonomy for taxonomy in mapping.CODE_TAXONOMIES}
    known = {
        taxonomy.key: dict(taxonomy.model.objects.values_list("code", "pk"))
        for taxonomy in mapping.CODE_TAXONOMIES
    }
    for record in package.rows("taxonomy_term"):
        taxonomy_id = record.get("taxonomy_id")
        code = record.get("code")
        if taxonomy_id == mapping.SCHEDULE_TAXONOMY_ID and code == mapping.WALK_IN_TERM_CODE:
            found[record.get("id")] = ("walk_in", mapping.WALK_IN_CODE)
            continue
        taxonomy = taxonomies.get(taxonomy_id)
        if taxonomy is None:
            continue
        prefix = taxonomy.term_code("")
        code = code[len(prefix) :] if code.startswith(prefix) else ""
        if code not in known[taxonomy.key]:
            package.error(
                record,
                "code",
                _("onbekende code in de referentielijst; laad eerst de referentiegegevens"),
            )
            continue
        found[record.get("id")] = (taxonomy.relation, known[taxonomy.key][code])
    return found


# Model fields whose checks (length, e-mail, URL) an import row must pass.
_MODEL_COLUMNS: dict[type[Model], dict[str, str]] = {
    Organisation: {
        "name": "name",
        "description": "description",
        "email": "email",
        "website": "website",
        "phone": "number",
        "whatsapp": "number",
        "city": "city",
        "opening_hours": "description",
    },
    Service: {
        "name": "name",
        "description": "description",
        "eligibility": "eligibility_description",
        "url": "url",
        "email": "email",
        "phone": "phone",
        "cost": "cost_option",
    },
    Location: {
        "name": "name",
        "description": "description",
        "accessibility": "accessibility",
        "street_address": "address_1",
        "postcode": "postal_code",
        "city": "city",
    },
    ServiceLanguage: {"note": "note"},
    Schedule: {"note": "notes"},
}


def _validate_model(
    package: Package,
    record: Record,
    model: type[Model],
    values: Row,
    *,
    columns: dict[str, str] | None = None,
) -> None:
    names = {
        name: column
        for name, column in {**_MODEL_COLUMNS[model], **(columns or {})}.items()
        if name in values
    }
    instance = model(**{name: values[name] for name in names})
    exclude = [item.name for item in model._meta.fields if item.name not in names]
    try:
        instance.clean_fields(exclude=exclude)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            package.error(record, names.get(name, name), " ".join(messages))


def _is_date(value: str) -> bool:
    return _check_value("date", "", value) is None if value else False


def _is_time(value: str) -> bool:
    return _check_value("time", "", value) is None if value else False


def _is_number(value: str) -> bool:
    return _check_value("number", "", value) is None


def package_check(directory: Path) -> tuple[Package, Plan]:
    """Read and check the package; raise ``PackageRejected`` with every error found."""
    package = _read(directory)
    plan = Plan()
    # Files, columns, values and references are all checked and all reported;
    # what Wegwijs needs of the rows is checked once those are right.
    _check_references(package)
    if not package.errors:
        plan = _plan(package)
    if package.errors:
        raise PackageRejected(package.errors[:MAX_LISTED_ERRORS])
    return package, plan


# --- Writing --------------------------------------------------------------------


@dataclass
class ImportCounts:
    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    updated: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    deleted: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def changed(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values()) + sum(self.deleted.values())


def _upsert(
    model: type[Model], pk: Any, values: Row, existing: dict[Any, Any], counts: ImportCounts
) -> Any:
    label = model._meta.model_name or ""
    instance = existing.get(str(pk))
    if instance is None:
        instance = model(pk=pk, **values)
        instance.save(force_insert=True)
        counts.created[label] += 1
        return instance
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save()
        counts.updated[label] += 1
    return instance


def _unique_slug(name: str, taken: set[str]) -> str:
    base = slugify(name)[:40] or "organisatie"
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    taken.add(slug)
    return slug


@transaction.atomic
def _write(plan: Plan) -> ImportCounts:
    counts = ImportCounts()
    today = timezone.localdate()

    organisations = {
        str(item.uuid): item
        for item in Organisation.objects.filter(uuid__in=list(plan.organisations))
    }
    taken = set(Organisation.objects.values_list("slug", flat=True))
    only_municipality = list(Municipality.objects.all()[:2])
    area_municipalities = dict(Area.objects.values_list("pk", "municipality_id"))
    for org_uuid, values in sorted(plan.organisations.items()):
        existing = organisations.get(org_uuid)
        if existing is None:
            organisation = Organisation(
                uuid=uuid.UUID(org_uuid),
                slug=_unique_slug(values["name"], taken),
                kind=OrganisationKind.FACILITY,
                **values,
            )
            organisation.save(force_insert=True)
            counts.created["organisation"] += 1
            municipalities = {
                area_municipalities[pk]
                for service in plan.services.values()
                if service["organisation"] == org_uuid
                for pk in service["areas"]
            }
            if not municipalities and len(only_municipality) == 1:
                municipalities = {only_municipality[0].pk}
            organisation.municipalities.set(sorted(municipalities))
            organisations[org_uuid] = organisation
        else:
            changed = [name for name, value in values.items() if getattr(existing, name) != value]
            if changed:
                for name in changed:
                    setattr(existing, name, values[name])
                existing.save(update_fields=changed)
                counts.updated["organisation"] += 1

    services = {str(item.pk): item for item in Service.objects.filter(pk__in=list(plan.services))}
    relations = ("topics", "target_groups", "channels", "areas")
    touched: list[Service] = []
    for pk, planned in sorted(plan.services.items()):
        values = {
            key: value
            for key, value in planned.items()
            if key not in relations and key != "organisation"
        }
        values["organisation"] = organisations[planned["organisation"]]
        if values["checked_on"] is None:
            values["checked_on"] = services[pk].checked_on if pk in services else today
        before = counts.changed
        service = _upsert(Service, uuid.UUID(pk), values, services, counts)
        for relation in relations:
            manager = getattr(service, relation)
            have = set(manager.values_list("pk", flat=True)) if pk in services else set()
            if have != set(planned[relation]):
                manager.set(sorted(set(planned[relation])))
                if pk in services and before == counts.changed:
                    counts.updated["service"] += 1
        if counts.changed != before:
            touched.append(service)

    service_ids = [uuid.UUID(pk) for pk in plan.services]
    wanted_languages = [uuid.UUID(pk) for pk in plan.languages]
    counts.deleted["servicelanguage"] += (
        ServiceLanguage.objects.filter(service_id__in=service_ids)
        .exclude(pk__in=wanted_languages)
        .delete()[0]
    )
    languages = {
        str(item.pk): item for item in ServiceLanguage.objects.filter(pk__in=wanted_languages)
    }
    for pk, planned in sorted(plan.languages.items()):
        values = {**planned, "service_id": uuid.UUID(planned["service"])}
        del values["service"]
        before = counts.changed
        _upsert(ServiceLanguage, uuid.UUID(pk), values, languages, counts)
        if counts.changed != before:
            touched.append(services.get(planned["service"]) or Service(pk=planned["service"]))

    locations = {
        str(item.pk): item
        for item in Location.objects.select_related("organisation").filter(
            pk__in=list(plan.locations)
        )
    }
    for pk, planned in sorted(plan.locations.items()):
        values = {
            "organisation": organisations[planned["organisation"]],
            "name": planned["name"],
            "description": planned["description"],
            "accessibility": planned["accessibility"],
        }
        # No address in the package (confidential, incomplete or unknown): keep Wegwijs's.
        if planned["address"] is not None:
            values.update(planned["address"])
        if pk not in locations:
            values["checked_on"] = today
        _upsert(Location, uuid.UUID(pk), values, locations, counts)

    counts.deleted["serviceatlocation"] += (
        ServiceAtLocation.objects.filter(service_id__in=service_ids)
        .exclude(pk__in=[uuid.UUID(pk) for pk in plan.at_locations])
        .delete()[0]
    )
    at_locations = {
        str(item.pk): item
        for item in ServiceAtLocation.objects.filter(pk__in=list(plan.at_locations))
    }
    for pk, planned in sorted(plan.at_locations.items()):
        values = {
            "service_id": uuid.UUID(planned["service"]),
            "location_id": uuid.UUID(planned["location"]),
            "description": planned["description"],
        }
        _upsert(ServiceAtLocation, uuid.UUID(pk), values, at_locations, counts)

    schedule_ids = [uuid.UUID(pk) for pk in plan.schedules]
    counts.deleted["schedule"] += (
        Schedule.objects.filter(location_id__in=[uuid.UUID(pk) for pk in plan.locations])
        .exclude(pk__in=schedule_ids)
        .delete()[0]
        + Schedule.objects.filter(
            service_at_location_id__in=[uuid.UUID(pk) for pk in plan.at_locations]
        )
        .exclude(pk__in=schedule_ids)
        .delete()[0]
    )
    schedules = {str(item.pk): item for item in Schedule.objects.filter(pk__in=schedule_ids)}
    for pk, planned in sorted(plan.schedules.items()):
        values = {
            **{
                key: value
                for key, value in planned.items()
                if key not in ("location", "service_at_location")
            },
            "location_id": uuid.UUID(planned["location"]) if planned["location"] else None,
            "service_at_location_id": (
                uuid.UUID(planned["service_at_location"])
                if planned["service_at_location"]
                else None
            ),
        }
        _upsert(Schedule, uuid.UUID(pk), values, schedules, counts)

    if touched:
        service_refresh_search(list({service.pk: service for service in touched}.values()))
    if counts.changed:
        audit_log(
            event="directory.hsds_imported",
            actor=None,
            detail={
                "created": dict(counts.created),
                "updated": dict(counts.updated),
                "deleted": dict(counts.deleted),
            },
        )
    return counts


def package_import(directory: Path) -> ImportCounts:
    """Check the package in ``directory`` and, when it is right, upsert it by UUID."""
    _package, plan = package_check(directory)
    return _write(plan)


def describe_counts(counts: ImportCounts) -> Iterable[str]:
    for label, numbers in (
        (_("nieuw"), counts.created),
        (_("gewijzigd"), counts.updated),
        (_("verwijderd"), counts.deleted),
    ):
        parts = ", ".join(f"{name} {number}" for name, number in sorted(numbers.items()) if number)
        if parts:
            yield f"{label}: {parts}"
