"""import_registrations and export_registrations through call_command."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line
from django.utils import timezone

from wegwijs.accounts.constants import Role
from wegwijs.accounts.tests import factories as account_factories
from wegwijs.cases import services as case_services
from wegwijs.cases.models import Case, Client, ContactMoment
from wegwijs.cases.tests import factories as case_factories
from wegwijs.core.models import AuditEntry
from wegwijs.registrations.tests.conftest import csv_text, register_counts

pytestmark = pytest.mark.django_db

GOOD = csv_text(
    "C-001,K-1,financien,2024-01-10,2024-03-01,2024-01-10,telefoon,vraagverheldering,30,"
    "ouderen|mantelzorger,schalkwijk,opgelost",
    "C-001,K-1,financien,2024-01-10,2024-03-01,2024-02-01,huisbezoek,begeleiding-gesprek,90,"
    "mantelzorger|ouderen,schalkwijk,opgelost",
    "C-001,K-3,vervoer,2024-02-01,,2024-02-01,telefoon,,10,ouderen|mantelzorger,schalkwijk,",
    "C-002,K-2,wonen-opvang,2024-02-05,,,,,,,,",
)


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, "--no-progress", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def export(organisation, first: str = "2020-01-01", last: str | None = None) -> str:
    out = StringIO()
    last = last or timezone.localdate().isoformat()
    call_command(
        "export_registrations",
        "--organisation",
        organisation.slug,
        "--from",
        first,
        "--to",
        last,
        stdout=out,
    )
    return out.getvalue()


def test_import_writes_the_register_and_a_second_import_changes_nothing(organisation, write_file):
    path = str(write_file(GOOD))
    out, _ = run("import_registrations", path, "--organisation", organisation.slug)
    assert "Geïmporteerd: 4 regels" in out
    assert Client.objects.filter(organisation=organisation).count() == 2
    case = Case.objects.get(case_ref="K-1")
    assert case.closed_on == date(2024, 3, 1)
    assert case.outcome is not None
    assert case.outcome.code == "opgelost"
    assert case.organisation == organisation
    assert sorted(m.minutes for m in case.contact_moments.all()) == [30, 90]
    client = case.client
    assert client.client_ref == "C-001"
    assert client.is_anonymous
    assert sorted(client.target_groups.values_list("code", flat=True)) == [
        "mantelzorger",
        "ouderen",
    ]
    assert client.area is not None
    assert client.area.code == "schalkwijk"
    # An empty activity is recorded as "overig".
    assert Case.objects.get(case_ref="K-3").contact_moments.get().activity.code == "overig"
    open_case = Case.objects.get(case_ref="K-2")
    assert open_case.is_open
    assert not open_case.contact_moments.exists()
    assert AuditEntry.objects.filter(event="registrations.imported").count() == 1

    moments = list(ContactMoment.objects.order_by("pk").values_list("pk", "updated_at"))
    cases = list(Case.objects.order_by("pk").values_list("pk", "version", "updated_at"))
    before = register_counts()
    out, _ = run("import_registrations", path, "--organisation", organisation.slug)
    assert "Cliënten: 0 nieuw, 0 gewijzigd. Kwesties: 0 nieuw, 0 gewijzigd." in out
    assert "Contactmomenten: 0 nieuw, 0 verwijderd." in out
    after = register_counts()
    assert after[:4] == before[:4]
    assert after[4] == before[4] + 1  # one audit entry per import, not per row
    assert list(ContactMoment.objects.order_by("pk").values_list("pk", "updated_at")) == moments
    assert list(Case.objects.order_by("pk").values_list("pk", "version", "updated_at")) == cases


def test_a_corrected_file_updates_cases_and_replaces_imported_contact_moments(
    organisation, write_file
):
    run("import_registrations", str(write_file(GOOD)), "--organisation", organisation.slug)
    corrected = GOOD.replace(
        "2024-02-01,huisbezoek,begeleiding-gesprek,90",
        "2024-02-01,huisbezoek,begeleiding-gesprek,60",
    ).replace(
        "C-002,K-2,wonen-opvang,2024-02-05,,", "C-002,K-2,wonen-opvang,2024-02-05,2024-02-06,"
    )
    corrected = corrected.replace("2024-02-06,,,,,,,", "2024-02-06,,,,,,,gestopt-door-client")
    out, _ = run(
        "import_registrations",
        str(write_file(corrected, "v2.csv")),
        "--organisation",
        organisation.slug,
    )
    assert "Kwesties: 0 nieuw, 1 gewijzigd" in out
    assert "Contactmomenten: 1 nieuw, 1 verwijderd" in out
    case = Case.objects.get(case_ref="K-1")
    assert sorted(m.minutes for m in case.contact_moments.all()) == [30, 60]
    closed = Case.objects.get(case_ref="K-2")
    assert not closed.is_open
    assert closed.outcome is not None
    assert closed.outcome.code == "gestopt-door-client"
    assert closed.version == 2


def test_dry_run_writes_nothing(organisation, write_file):
    before = register_counts()
    out, _ = run(
        "import_registrations",
        str(write_file(GOOD)),
        "--organisation",
        organisation.slug,
        "--dry-run",
    )
    assert "Het bestand is goed: 4 regels, 2 cliënten, 3 kwesties, 3 contactmomenten" in out
    assert register_counts() == before


def test_semicolons_windows_1252_and_dutch_dates(organisation, write_file):
    text = (
        "client_ref;case_ref;topic;opened_on;closed_on;contact_on;channel;activity;minutes;"
        "target_groups;area;outcome\r\n"
        "Renée-01;Kwestie één;financien;05-03-2024;;7-3-2024;telefoon;meedenken;45;;;\r\n"
    )
    path = write_file(text.encode("cp1252"))
    run("import_registrations", str(path), "--organisation", organisation.slug)
    case = Case.objects.get(case_ref="Kwestie één")
    assert case.client.client_ref == "Renée-01"
    assert case.opened_on == date(2024, 3, 5)
    assert timezone.localdate(case.contact_moments.get().occurred_at) == date(2024, 3, 7)


def test_utf8_with_byte_order_mark(organisation, write_file):
    path = write_file(b"\xef\xbb\xbf" + GOOD.replace(",", ";").encode())
    out, _ = run("import_registrations", str(path), "--organisation", organisation.slug)
    assert "Geïmporteerd: 4 regels" in out
    assert Case.objects.filter(organisation=organisation).count() == 3


def test_a_wrong_file_exits_non_zero_with_every_error(organisation, write_file):
    text = csv_text(
        "C-1,K-1,geen-onderwerp,2024-01-10,,2024-01-10,telefoon,,30,,,",
        "C-1,K-1,financien,31-02-2024,,2024-01-10,telefoon,,veel,,,",
    )
    before = register_counts()
    with pytest.raises(CommandError) as raised:
        run("import_registrations", str(write_file(text)), "--organisation", organisation.slug)
    assert "Het bestand bevat 3 fouten. Er is niets opgeslagen." in str(raised.value)
    assert register_counts() == before


def test_the_command_lists_every_error_on_stderr_and_exits_1(
    organisation, write_file, capsys, monkeypatch
):
    # run_from_argv closes the database connections when it ends; the test's own must stay.
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)
    path = write_file(
        csv_text(
            "C-1,K-1,geen-onderwerp,2024-01-10,,,,,,,,",
            "C-1,K-1,financien,2024-01-10,,2024-01-09,telefoon,,20,,,",
        )
    )
    before = register_counts()
    argv = ["manage.py", "import_registrations", str(path), "--organisation", organisation.slug]
    with pytest.raises(SystemExit) as exited:
        execute_from_command_line([*argv, "--no-progress"])
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "Regel 2, kolom topic: Onbekende code 'geen-onderwerp'." in err
    assert "Regel 3, kolom contact_on: Het contactmoment ligt vóór de dag" in err
    assert "Het bestand bevat 2 fouten. Er is niets opgeslagen." in err
    assert register_counts() == before

    # A right file exits 0, with the progress bar on stderr.
    execute_from_command_line([*argv[:2], str(write_file(GOOD, "goed.csv")), *argv[3:]])
    captured = capsys.readouterr()
    assert "Controleren" in captured.err
    assert "Geïmporteerd: 4 regels" in captured.out


def test_unknown_organisation_and_missing_file(organisation, write_file):
    with pytest.raises(CommandError, match="Onbekende organisatie"):
        run("import_registrations", str(write_file(GOOD)), "--organisation", "nergens")
    with pytest.raises(CommandError, match="Bestand niet gevonden"):
        run("import_registrations", "/nonexistent.csv", "--organisation", organisation.slug)


def test_export_import_export_is_lossless(organisation, write_file):
    run("import_registrations", str(write_file(GOOD)), "--organisation", organisation.slug)
    first = export(organisation)
    assert first.startswith("\ufeffclient_ref;case_ref;topic;opened_on;closed_on;contact_on;")
    assert (
        "C-001;K-1;financien;2024-01-10;2024-03-01;2024-01-10;telefoon;vraagverheldering;30;mantelzorger|ouderen;schalkwijk;opgelost\r\n"
        in first
    )
    assert "C-002;K-2;wonen-opvang;2024-02-05;;;;;;;;\r\n" in first

    empty = account_factories.organisation("leeg")
    run("import_registrations", str(write_file(first, "export.csv")), "--organisation", empty.slug)
    assert export(empty) == first


def test_native_registrations_export_with_references_and_round_trip(organisation, write_file):
    coordinator = account_factories.user(Role.COORDINATOR, organisation_slug=organisation.slug)
    client = case_factories.client(
        coordinator, area_code="schalkwijk", target_group_codes=["ouderen"]
    )
    case = case_factories.case(
        coordinator, client_obj=client, opened_on=timezone.localdate() - timedelta(days=20)
    )
    case_factories.contact_moment(coordinator, case_obj=case, minutes=25)
    other = case_factories.case(coordinator, client_obj=client, topic_code="vervoer")
    case_services.case_close(
        actor=coordinator, case=other, version=other.version, outcome_code="doorverwezen"
    )
    text = export(organisation)
    assert f"{client.reference};W-{case.pk};financien;" in text
    assert f"{client.reference};W-{other.pk};vervoer;" in text
    assert ";25;ouderen;schalkwijk;" in text

    # Importing the organisation's own export again changes nothing.
    before = register_counts()
    out, _ = run("import_registrations", str(write_file(text)), "--organisation", organisation.slug)
    assert "Cliënten: 0 nieuw, 0 gewijzigd. Kwesties: 0 nieuw, 0 gewijzigd." in out
    assert "Contactmomenten: 0 nieuw, 0 verwijderd." in out
    assert register_counts()[:4] == before[:4]

    # And into an empty organisation it gives the same file back.
    empty = account_factories.organisation("leeg")
    run("import_registrations", str(write_file(text, "native.csv")), "--organisation", empty.slug)
    assert export(empty) == text


def test_export_only_takes_cases_open_in_the_period(organisation, write_file):
    run("import_registrations", str(write_file(GOOD)), "--organisation", organisation.slug)
    text = export(organisation, "2024-03-02", "2024-12-31")
    assert "K-1" not in text  # closed on 1 March
    assert ";K-2;" in text
    assert ";K-3;" in text


def test_export_to_a_file(organisation, write_file, tmp_path):
    run("import_registrations", str(write_file(GOOD)), "--organisation", organisation.slug)
    target = tmp_path / "uit.csv"
    call_command(
        "export_registrations",
        str(target),
        "--organisation",
        organisation.slug,
        "--from",
        "01-01-2024",
        "--to",
        "31-12-2024",
    )
    content = target.read_bytes()
    assert content.startswith(b"\xef\xbb\xbfclient_ref;")
    assert content.count(b"\r\n") == 5
    with pytest.raises(CommandError, match="geen geldige datum"):
        call_command(
            "export_registrations",
            "--organisation",
            organisation.slug,
            "--from",
            "gisteren",
            "--to",
            "2024-01-01",
        )
