"""Deadlines and the destruction of a file in a real browser: WCAG 2.1 AA with axe-core.

Uses the chromium, axe-core and account fixtures of the portal's browser tests.
"""

import pytest
from django.utils import timezone

from wegwijs.accounts.constants import Role
from wegwijs.accounts.models import User
from wegwijs.cases.models import Client
from wegwijs.cases.tests import factories
from wegwijs.deadlines import services
from wegwijs.deadlines.models import Deadline
from wegwijs.portal.tests import conftest as browser_fixtures
from wegwijs.portal.tests.conftest import assert_accessible, log_in

# The portal's browser fixtures: chromium, pages on the live server, one account per role.
browser = browser_fixtures.browser
new_page = browser_fixtures.new_page
page = browser_fixtures.page
accounts = browser_fixtures.accounts
fresh_rate_limits = browser_fixtures._fresh_rate_limits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def objects(accounts):
    """A supporter's client with an open case that has one deadline."""
    user = User.objects.get(email=accounts[Role.SUPPORTER])
    client = factories.client(user, given_name="Petra", family_name="Jansen")
    case = factories.case(user, client_obj=client, question="Bezwaar tegen de beschikking.")
    deadline = services.deadline_add(
        actor=user, case=case, kind="bezwaar", start_date=timezone.localdate()
    )
    return {"user": user, "client": client, "case": case, "deadline": deadline}


def heading(page) -> str:
    return page.locator("h1").inner_text().strip()


def test_case_page_with_a_deadline_is_accessible(page, accounts, objects):
    case, deadline = objects["case"], objects["deadline"]
    log_in(page, accounts[Role.SUPPORTER])
    response = page.goto(f"/kwesties/{case.pk}/")
    assert response.status == 200
    section = page.locator("section", has=page.get_by_role("heading", name="Termijnen"))
    assert section.get_by_role("table").is_visible()
    assert "Bezwaar maken" in section.inner_text()
    assert deadline.due_date.isoformat() in section.locator("time").get_attribute("datetime")
    assert_accessible(page)
    section.get_by_role("link", name="Termijn toevoegen").click()
    page.wait_for_load_state()
    assert heading(page) == "Termijn toevoegen"


def test_my_deadlines_is_accessible_and_in_the_nav(page, accounts, objects):
    log_in(page, accounts[Role.SUPPORTER])
    page.goto("/mijn-werk/")
    page.get_by_role("navigation").get_by_role("link", name="Mijn termijnen").click()
    page.wait_for_load_state()
    assert heading(page) == "Mijn termijnen"
    link = page.get_by_role("navigation").get_by_role("link", name="Mijn termijnen")
    assert link.get_attribute("aria-current") == "page"
    assert "Bezwaar maken" in page.locator("main").inner_text()
    assert_accessible(page)


def test_add_deadline_page_with_a_computed_result_is_accessible(page, accounts, objects):
    case = objects["case"]
    log_in(page, accounts[Role.SUPPORTER])
    page.goto(f"/kwesties/{case.pk}/termijnen/nieuw/")
    assert heading(page) == "Termijn toevoegen"
    page.get_by_label("Soort termijn").select_option("klacht")
    page.get_by_label("Datum waarna de termijn begint").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Uiterste datum berekenen").click()
    page.wait_for_load_state()
    result = page.get_by_role("status")
    assert "Uiterste datum:" in result.inner_text()
    assert_accessible(page)
    # Computing saves nothing.
    assert Deadline.objects.filter(case=case).count() == 1


def test_destroy_confirmation_is_accessible_and_destroys(page, accounts, objects):
    client = objects["client"]
    log_in(page, accounts[Role.COORDINATOR])
    page.goto(f"/clienten/{client.pk}/")
    page.get_by_role("link", name="Dossier vernietigen").click()
    page.wait_for_load_state()
    assert heading(page) == "Dossier vernietigen"
    assert_accessible(page)
    # Without the confirmation: the error is shown at the checkbox, nothing is written.
    page.get_by_label("Reden").fill("Schriftelijk verzoek van de cliënt")
    page.get_by_role("button", name="Dossier vernietigen").click()
    page.wait_for_load_state()
    checkbox = page.get_by_label("Ik begrijp dat dit niet ongedaan kan worden")
    assert checkbox.get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    assert Client.objects.get(pk=client.pk).destroyed_at is None
    checkbox.check()
    page.get_by_role("button", name="Dossier vernietigen").click()
    page.wait_for_load_state()
    assert heading(page) == "Cliënten"
    assert "is vernietigd" in page.locator(".wegwijs-messages").inner_text()
    assert_accessible(page)
    assert Client.objects.get(pk=client.pk).destroyed_at is not None
