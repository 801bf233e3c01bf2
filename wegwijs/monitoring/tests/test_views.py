"""Dashboard, downloads, annual report (HTML and PDF), open data and settings through HTTP."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client
from pypdf import PdfReader

from wegwijs.accounts.constants import Role
from wegwijs.accounts.tests import factories as account_factories
from wegwijs.core.models import AuditEntry
from wegwijs.monitoring.models import MonitoringSettings
from wegwijs.monitoring.tests.helpers import case

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def figures():
    team = account_factories.organisation("clientenbelang")
    supporter = account_factories.user(Role.SUPPORTER, organisation_slug=team.slug)
    for number in range(18):
        case(
            supporter,
            opened_on=date(2025, 1 + number % 12, 2),
            contacts=[date(2025, 1 + number % 12, 3)],
            closed_on=date(2025, 1 + number % 12, 3) if number % 2 else None,
            topic_code="bezwaar" if number < 12 else "zorg-gezondheid",
            minutes=20,
        )
    case(
        supporter,
        opened_on=date(2024, 5, 1),
        contacts=[date(2024, 5, 2)],
        closed_on=date(2024, 5, 2),
    )
    call_command("refresh_monitoring")
    return team


def test_dashboard_for_the_municipality_is_suppressed_with_downloads(figures):
    page = logged_in(account_factories.user(Role.MUNICIPALITY, municipality_slug="haarlem"))
    response = page.get("/monitoring/", {"period": "2025"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Clientenbelang" in html
    assert "Kerncijfers 2025" in html
    assert "<svg" in html
    assert "<table" in html
    assert 'style="' not in html
    csv = page.get("/monitoring/download/kerncijfers.csv", {"period": "2025"})
    assert csv.status_code == 200
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "Cijfer;2025;2024;Verandering"
    xlsx = page.get("/monitoring/download/onderwerpen-clientenbelang.xlsx", {"period": "2025"})
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"
    opendata = page.get("/monitoring/open-data.csv", {"jaar": "2025"}).content.decode("utf-8-sig")
    assert "clientenbelang;2025;total;;" in opendata
    assert AuditEntry.objects.filter(event="monitoring.exported").count() == 3


def test_dashboard_for_a_coordinator_is_exact(figures):
    coordinator = account_factories.user(Role.COORDINATOR, organisation_slug="clientenbelang")
    html = logged_in(coordinator).get("/monitoring/", {"period": "2025"}).content.decode()
    assert "exacte cijfers" in html
    assert ">18<" in html  # 18 clients, exact
    assert logged_in(coordinator).get("/monitoring/open-data.csv").status_code == 403


def test_supporter_and_administrator_get_no_figures(figures):
    for role in (Role.SUPPORTER, Role.ADMINISTRATOR):
        user = account_factories.user(
            role, organisation_slug="clientenbelang" if role == Role.SUPPORTER else None
        )
        assert logged_in(user).get("/monitoring/").status_code == 403


def test_annual_report_html_and_pdf_for_the_organisation(figures):
    coordinator = account_factories.user(Role.COORDINATOR, organisation_slug="clientenbelang")
    page = logged_in(coordinator)
    html = page.get("/monitoring/jaarverslag/", {"jaar": "2025"}).content.decode()
    assert "Resultaten cliëntondersteuning Clientenbelang 2025" in html
    assert "In 2025 is er aan 18 cliënten ondersteuning geboden met 18 kwesties." in html
    pdf = page.get("/monitoring/jaarverslag.pdf", {"jaar": "2025"})
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    text = " ".join(text.split())
    assert "Resultaten cliëntondersteuning Clientenbelang 2025" in text
    assert "In 2025 is er aan 18 cliënten ondersteuning geboden met 18 kwesties." in text
    assert "In 2024 waren dat 1 cliënten met 1 kwesties." in text


def test_annual_report_for_the_municipality_is_suppressed(figures):
    page = logged_in(account_factories.user(Role.MUNICIPALITY, municipality_slug="haarlem"))
    html = page.get("/monitoring/jaarverslag/", {"jaar": "2025"}).content.decode()
    assert "Resultaten cliëntondersteuning Haarlem 2025" in html
    assert "In 2025 is er aan 20 inwoners ondersteuning geboden met 20 kwesties." in html
    pdf = page.get("/monitoring/jaarverslag.pdf", {"jaar": "2025", "organisatie": "clientenbelang"})
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "20 cliënten" in " ".join(text.split())


def test_settings_change_is_logged_and_used(figures):
    admin = account_factories.user(Role.ADMINISTRATOR)
    page = logged_in(admin)
    response = page.post("/configuratie/monitoring/", {"threshold": "5", "rounding": "1"})
    assert response.status_code == 302
    assert MonitoringSettings.objects.get().threshold == 5
    entry = AuditEntry.objects.get(event="monitoring.settings_changed")
    assert entry.detail["previous"] == {"threshold": 10, "rounding": 5}
    bad = page.post("/configuratie/monitoring/", {"threshold": "0", "rounding": "1"})
    assert bad.status_code == 200
    assert MonitoringSettings.objects.get().threshold == 5
    municipality = account_factories.user(Role.MUNICIPALITY, municipality_slug="haarlem")
    from wegwijs.monitoring.tests.helpers import summary

    assert summary(municipality, "2025", organisation="clientenbelang")["totals"]["clients"] == 18
    coordinator = account_factories.user(Role.COORDINATOR, organisation_slug="clientenbelang")
    assert logged_in(coordinator).get("/configuratie/monitoring/").status_code == 403


def test_dashboard_is_reused_until_the_figures_are_computed_again(
    figures, django_assert_max_num_queries
):
    coordinator = account_factories.user(Role.COORDINATOR, organisation_slug="clientenbelang")
    page = logged_in(coordinator)
    assert ">18<" in page.get("/monitoring/", {"period": "2025"}).content.decode()
    # The same question again: the page comes from the cache, without the figures' queries.
    with django_assert_max_num_queries(8):
        again = page.get("/monitoring/", {"period": "2025"}).content.decode()
    assert ">18<" in again
    supporter = account_factories.user(Role.SUPPORTER, organisation_slug="clientenbelang")
    case(supporter, opened_on=date(2025, 6, 2), contacts=[date(2025, 6, 3)])
    call_command("refresh_monitoring")
    html = page.get("/monitoring/", {"period": "2025"}).content.decode()
    assert ">19<" in html  # recomputed figures show at once
    assert ">18<" not in html
