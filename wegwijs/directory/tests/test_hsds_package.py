"""The HSDS 3.0 tabular datapackage through the commands: export, import, round trip, refusals."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator

from wegwijs.accounts.constants import OrganisationKind
from wegwijs.accounts.models import Organisation
from wegwijs.directory.hsds import datapackage
from wegwijs.directory.models import (
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
)
from wegwijs.directory.tests import factories, hsds_data, hsds_schemas

hsds_schemas.require_schemas()

pytestmark = pytest.mark.django_db


@pytest.fixture
def kaart(settings) -> hsds_data.Kaart:
    settings.WEGWIJS_PROVINCE = "Noord-Holland"
    return hsds_data.build()


def export(directory: Path) -> str:
    out = io.StringIO()
    call_command("export_hsds", str(directory), stdout=out)
    return out.getvalue()


def import_package(directory: Path) -> str:
    out = io.StringIO()
    call_command("import_hsds", str(directory), stdout=out)
    return out.getvalue()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, rows: list[dict[str, str]], header: list[str] | None = None) -> None:
    header = header or list(rows[0])
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)


def files(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


def snapshot() -> list[object]:
    return [
        sorted(Organisation.objects.values_list("uuid", "name", "description", "phone")),
        sorted(Service.objects.values_list("pk", "name", "status", "is_free", "cost")),
        sorted(Location.objects.values_list("pk", "name", "street_address")),
        sorted(ServiceAtLocation.objects.values_list("pk", "service_id", "location_id")),
        sorted(Schedule.objects.values_list("pk", "weekday", "opens_at", "is_walk_in")),
        sorted(ServiceLanguage.objects.values_list("pk", "code", "note")),
    ]


# --- Export ---------------------------------------------------------------------


def test_export_is_a_valid_hsds_tabular_package(kaart, tmp_path):
    output = export(tmp_path)
    assert "service 5" in output
    official = hsds_schemas.load("datapackage.json")
    described = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert described["profile"] == "tabular-data-package"
    official_resources = {resource["name"]: resource for resource in official["resources"]}
    tabular = hsds_schemas.load("tabular.json")
    document: dict[str, list[dict[str, object]]] = {}
    for resource in described["resources"]:
        # Every resource is the official one, unchanged, and its file has its columns.
        assert resource == official_resources[resource["name"]]
        path = tmp_path / resource["path"]
        with path.open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert header == [item["name"] for item in resource["schema"]["fields"]]
        properties = tabular["properties"][resource["name"]]["items"]["properties"]
        document[resource["name"]] = [
            {
                column: float(value) if properties[column]["type"] == "number" else value
                for column, value in row.items()
                if value
            }
            for row in read_csv(path)
        ]
    # The rows, typed, against the official tabular JSON schema.
    validator = Draft202012Validator(tabular, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert [error.message for error in validator.iter_errors(document)] == []
    assert {row["name"] for row in document["service"]} == {
        "Hulp bij geldzaken",
        "Budgetcursus",
        "Oude formulierenhulp",
        "Opvang bij huiselijk geweld",
        "Uitleen van hulpmiddelen",
    }
    assert {row["status"] for row in document["service"]} == {"active", "inactive"}
    # The package is also what the import accepts.
    call_command("import_hsds", str(tmp_path), "--dry-run", stdout=io.StringIO())


def test_the_shipped_specification_is_the_official_one():
    spec = Path(datapackage.SPEC_FILE).parent
    for name in ("datapackage.json", "openapi.json"):
        assert (spec / name).read_bytes() == (hsds_schemas.SCHEMA_DIR / name).read_bytes()


def test_export_leaves_confidential_addresses_out(kaart, tmp_path):
    export(tmp_path)
    text = b"".join(files(tmp_path).values()).decode()
    for street in hsds_data.SECRET_STREETS:
        assert street not in text
    assert "2035AA" not in text
    assert "Fie Carelsenplein 2" in text
    addresses = read_csv(tmp_path / "addresses.csv")
    assert sorted((row["address_1"], row["state_province"]) for row in addresses) == [
        ("Fie Carelsenplein 2", "Noord-Holland"),
        ("Zijlweg 245", "Noord-Holland"),
    ]


def test_export_twice_gives_the_same_bytes(kaart, tmp_path):
    export(tmp_path / "a")
    export(tmp_path / "b")
    assert files(tmp_path / "a") == files(tmp_path / "b")


def test_export_queries_do_not_grow_with_the_directory(kaart, tmp_path):
    def queries(directory: Path) -> int:
        with CaptureQueriesContext(connection) as captured:
            export(directory)
        return len(captured.captured_queries)

    small = queries(tmp_path / "small")
    for number in range(8):
        service = factories.service(
            kaart.wijkteam,
            name=f"Extra hulp {number}",
            topic_codes=["financien"],
            area_codes=["schalkwijk"],
        )
        location = factories.location(kaart.wijkteam, name=f"Extra plek {number}")
        factories.schedule(location, weekday=1 + number % 5)
        factories.service_at_location(service, location)
    assert queries(tmp_path / "large") == small
    assert small <= 20


# --- Round trip and upsert -------------------------------------------------------


def test_round_trip_into_an_empty_database_is_byte_identical(kaart, tmp_path):
    export(tmp_path / "first")
    Organisation.objects.all().delete()
    assert not Service.objects.exists()
    assert not Location.objects.exists()
    output = import_package(tmp_path / "first")
    assert "organisation 3" in output
    export(tmp_path / "second")
    assert files(tmp_path / "first") == files(tmp_path / "second")
    # Unknown organisations come in as facilities; the services are searchable again.
    assert set(Organisation.objects.values_list("kind", flat=True)) == {OrganisationKind.FACILITY}
    wijkteam = Organisation.objects.get(uuid=kaart.wijkteam.uuid)
    assert wijkteam.whatsapp == "06 1234 5678"
    assert (wijkteam.street_address, wijkteam.postcode) == ("Zijlweg 245", "2015CP")
    assert wijkteam.opening_hours == kaart.wijkteam.opening_hours
    assert not Location.objects.filter(name="Wijkteam Haarlem").exists()
    assert wijkteam.municipalities.filter(slug="haarlem").exists()
    schuld = Service.objects.get(pk=kaart.schuld.pk)
    assert schuld.search_document
    assert schuld.checked_on.isoformat() == "2026-09-01"
    assert sorted(schuld.areas.values_list("code", flat=True)) == ["boerhaavewijk", "schalkwijk"]
    assert Schedule.objects.filter(is_walk_in=True).count() == 2


def test_importing_twice_changes_nothing(kaart, tmp_path):
    export(tmp_path)
    before = snapshot()
    stamps = dict(Service.objects.values_list("pk", "updated_at"))
    assert "niets veranderd" in import_package(tmp_path)
    assert "niets veranderd" in import_package(tmp_path)
    assert snapshot() == before
    assert dict(Service.objects.values_list("pk", "updated_at")) == stamps


def test_import_updates_by_uuid_and_keeps_hidden_addresses(kaart, tmp_path):
    export(tmp_path)
    services = read_csv(tmp_path / "services.csv")
    for row in services:
        if row["id"] == str(kaart.cursus.pk):
            row["name"] = "Budgetcursus (voorjaar)"
    write_csv(tmp_path / "services.csv", services)
    output = import_package(tmp_path)
    assert "service 1" in output
    kaart.cursus.refresh_from_db()
    assert kaart.cursus.name == "Budgetcursus (voorjaar)"
    assert "voorjar" in kaart.cursus.search_document.split()
    # The confidential addresses were not in the package and stay as they are.
    kaart.opvang.refresh_from_db()
    assert kaart.opvang.street_address == hsds_data.SECRET_STREETS[1]
    kaart.opvanghuis.refresh_from_db()
    kaart.depot.refresh_from_db()
    assert kaart.opvanghuis.street_address == hsds_data.SECRET_STREETS[0]
    assert kaart.depot.street_address == hsds_data.SECRET_STREETS[2]
    assert kaart.depot.is_confidential


# --- Refusals ----------------------------------------------------------------------


def refused(directory: Path, capsys) -> list[str]:
    """The command refuses: exit code 1 (from the shell), every error on stderr."""
    err = io.StringIO()
    with pytest.raises(CommandError) as refusal:
        call_command("import_hsds", str(directory), stderr=err)
    assert refusal.value.returncode == 1
    return [*err.getvalue().strip().splitlines(), str(refusal.value)]


def test_a_package_with_many_errors_is_refused_whole_with_every_error(kaart, tmp_path, capsys):
    export(tmp_path)
    before = snapshot()
    (tmp_path / "locations.csv").unlink()
    organisations = read_csv(tmp_path / "organizations.csv")
    header = ["naam" if column == "name" else column for column in organisations[0]]
    write_csv(
        tmp_path / "organizations.csv",
        [{("naam" if k == "name" else k): v for k, v in row.items()} for row in organisations],
        header,
    )
    services = read_csv(tmp_path / "services.csv")
    services[0]["id"] = "geen-uuid"
    services[1]["assured_date"] = "2026-13-45"
    services[2]["status"] = "misschien"
    services[3]["email"] = "geen e-mail"
    write_csv(tmp_path / "services.csv", services)
    phones = read_csv(tmp_path / "phones.csv")
    service_phone = next(i for i, row in enumerate(phones) if row["service_id"])
    phones[service_phone]["service_id"] = "0b3f8f0e-1111-4222-8333-444455556666"
    write_csv(tmp_path / "phones.csv", phones)
    lines = refused(tmp_path, capsys)
    text = "\n".join(lines)
    assert "locations.csv: bestand ontbreekt" in text
    assert "organizations.csv, kolom naam: onbekende kolom voor deze tabel" in text
    assert "organizations.csv, kolom name: verplichte kolom ontbreekt" in text
    assert "services.csv regel 2, kolom id: geen geldige UUID" in text
    assert "services.csv regel 3, kolom assured_date: geen geldige datum" in text
    assert "services.csv regel 4, kolom status: onbekende waarde" in text
    assert "services.csv regel 5, kolom email: geen geldig e-mailadres" in text
    assert (
        f"phones.csv regel {service_phone + 2}, kolom service_id: verwijst naar een "
        "onbekende service" in text
    )
    assert "Er is niets opgeslagen" in lines[-1]
    assert snapshot() == before


@pytest.mark.parametrize(
    ("file", "change", "expected"),
    [
        (
            "services.csv",
            {"organization_id": "0b3f8f0e-1111-4222-8333-444455556666"},
            "kolom organization_id: verwijst naar een onbekende organization",
        ),
        ("services.csv", {"id": "123"}, "kolom id: geen geldige UUID"),
        ("services.csv", {"assured_date": "1-9-2026"}, "kolom assured_date: geen geldige datum"),
        ("services.csv", {"name": ""}, "kolom name: verplicht, maar leeg"),
        ("services.csv", {"name": "x" * 201}, "kolom name: "),
        ("schedules.csv", {"byday": "MO,TU"}, "kolom byday: Wegwijs kent alleen wekelijkse"),
        ("schedules.csv", {"closes_at": "08:00:00"}, "kolom closes_at: de sluitingstijd"),
        ("languages.csv", {"code": "xx"}, "kolom code: onbekende taal in Wegwijs"),
        (
            "service_areas.csv",
            {"uri": "urn:wegwijs:gebied:haarlem:nergens"},
            "kolom uri: onbekend gebied in Wegwijs",
        ),
        (
            "taxonomy_terms.csv",
            {"code": "topic/bestaat-niet"},
            "kolom code: onbekende code in de referentielijst",
        ),
    ],
)
def test_each_kind_of_error_refuses_the_package(kaart, tmp_path, capsys, file, change, expected):
    export(tmp_path)
    rows = read_csv(tmp_path / file)
    # The first row that has every changed column filled (an organisation's
    # opening hours, for one, have no weekday).
    index = next(i for i, row in enumerate(rows) if all(row[column] for column in change))
    rows[index].update(change)
    write_csv(tmp_path / file, rows)
    before = snapshot()
    lines = refused(tmp_path, capsys)
    assert any(f"{file} regel {index + 2}, {expected}" in line for line in lines), lines
    assert snapshot() == before


def test_a_missing_descriptor_or_folder_is_refused(tmp_path, capsys, db):
    lines = refused(tmp_path, capsys)
    assert "datapackage.json: bestand ontbreekt" in lines[0]
    with pytest.raises(CommandError, match="Map niet gevonden"):
        call_command("import_hsds", str(tmp_path / "nergens"))


def test_a_package_from_elsewhere_keeps_what_wegwijs_stores(kaart, tmp_path):
    """Foreign taxonomies and tables Wegwijs does not keep are read and left aside."""
    export(tmp_path)
    terms = read_csv(tmp_path / "taxonomy_terms.csv")
    foreign = dict.fromkeys(terms[0], "")
    foreign.update(
        id="5f0e7a52-9d1c-4e2b-8f3a-6b7c8d9e0f10",
        code="BD-1800",
        name="Food",
        description="Open Eligibility food",
    )
    write_csv(tmp_path / "taxonomy_terms.csv", [*terms, foreign])
    attributes = read_csv(tmp_path / "attributes.csv")
    extra = dict.fromkeys(attributes[0], "")
    extra.update(
        id="6a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d",
        link_id=str(kaart.schuld.pk),
        taxonomy_term_id=foreign["id"],
        link_entity="service",
    )
    write_csv(tmp_path / "attributes.csv", [*attributes, extra])
    before = snapshot()
    assert "niets veranderd" in import_package(tmp_path)
    assert snapshot() == before
