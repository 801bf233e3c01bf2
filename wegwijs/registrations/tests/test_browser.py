"""The upload and job pages in a real browser: WCAG 2.1 AA with axe-core, with and without JavaScript.

Uses the chromium, axe-core and account fixtures of the portal's browser tests.
"""

import pytest

from wegwijs.accounts.constants import Role
from wegwijs.cases.models import Case
from wegwijs.portal.tests import conftest as browser_fixtures
from wegwijs.portal.tests.conftest import assert_accessible, log_in
from wegwijs.registrations.tests.conftest import csv_text

# The portal's browser fixtures: chromium, pages on the live server, one account per role.
browser = browser_fixtures.browser
new_page = browser_fixtures.new_page
page = browser_fixtures.page
accounts = browser_fixtures.accounts
fresh_rate_limits = browser_fixtures._fresh_rate_limits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOOD = csv_text(
    "C-1;K-1;financien;2024-01-10;;2024-01-11;telefoon;meedenken;30;ouderen;;".replace(";", ",")
)
WRONG = csv_text(
    "C-1,K-1,geldzaken,2024-01-10,,2024-01-11,telefoon,meedenken,30,ouderen,,",
    "C-1,K-1,financien,2024-01-10,,2024-01-09,telefoon,meedenken,veel,ouderen,,",
)


def upload(page, content: str, *, dry_run: bool = False) -> None:
    page.goto("/registraties/")
    page.get_by_label("Bestand (CSV)").set_input_files(
        files=[{"name": "registraties.csv", "mimeType": "text/csv", "buffer": content.encode()}]
    )
    if dry_run:
        page.get_by_label("Alleen controleren, niets opslaan").check()
    page.get_by_role("button", name="Importeren").click()
    page.wait_for_load_state()


def test_upload_page_and_job_pages_are_accessible(page, accounts):
    log_in(page, accounts[Role.COORDINATOR])
    page.get_by_role("link", name="Registraties uitwisselen").click()
    assert page.locator("h1").inner_text() == "Registraties uitwisselen"
    assert_accessible(page)

    upload(page, WRONG)
    assert "/registraties/imports/" in page.url
    assert "Afgekeurd: er is niets opgeslagen" in page.locator("main").inner_text()
    errors = page.get_by_role("table", name="3 fouten in het bestand")
    assert errors.is_visible()
    assert "Onbekende code 'geldzaken'" in errors.inner_text()
    assert not Case.objects.exists()
    assert_accessible(page)

    upload(page, GOOD)
    assert "Klaar" in page.locator("main").inner_text()
    assert Case.objects.filter(case_ref="K-1").exists()
    assert_accessible(page)

    # The list of earlier imports on the upload page.
    page.get_by_role("link", name="Registraties uitwisselen").first.click()
    assert page.get_by_role("table", name="Imports van uw organisatie, nieuwste eerst").is_visible()
    assert_accessible(page)


def test_upload_works_without_javascript(new_page, accounts):
    page = new_page(javascript=False)
    log_in(page, accounts[Role.COORDINATOR])
    upload(page, GOOD, dry_run=True)
    text = page.locator("main").inner_text()
    assert "Het bestand is goed. Er is niets opgeslagen" in text
    assert not Case.objects.exists()
