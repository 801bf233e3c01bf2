"""The dashboard, the annual report and the survey in a real browser: WCAG 2.1 AA with axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone

from wegwijs.accounts.constants import Role
from wegwijs.accounts.models import User
from wegwijs.monitoring import services as monitoring_services
from wegwijs.monitoring.tests.helpers import case
from wegwijs.portal.tests import conftest as browser_fixtures
from wegwijs.portal.tests.conftest import assert_accessible, log_in

browser = browser_fixtures.browser
new_page = browser_fixtures.new_page
page = browser_fixtures.page
accounts = browser_fixtures.accounts
fresh_rate_limits = browser_fixtures._fresh_rate_limits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def figures(accounts):
    supporter = User.objects.get(email=accounts[Role.SUPPORTER])
    today = timezone.localdate()
    for number in range(12):
        day = today - timedelta(days=40 + number)
        case(supporter, opened_on=day, contacts=[day], closed_on=day if number % 2 else None)
    monitoring_services.rebuild()
    return today.year


def test_municipality_dashboard_and_report_are_accessible(page, accounts, figures):
    log_in(page, accounts[Role.MUNICIPALITY])
    page.goto(f"/monitoring/?period={figures}")
    assert page.get_by_role("heading", level=1, name="Monitoring").is_visible()
    assert page.get_by_role("table", name=f"Kerncijfers {figures}").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Jaarverslag (web en PDF)").click()
    page.goto(f"/monitoring/jaarverslag/?jaar={figures}")
    assert (
        page.get_by_role("heading", level=1)
        .inner_text()
        .startswith("Resultaten cliëntondersteuning Haarlem")
    )
    assert_accessible(page)


def test_coordinator_dashboard_works_without_javascript(new_page, accounts, figures):
    page = new_page(javascript=False)
    log_in(page, accounts[Role.COORDINATOR])
    page.goto("/monitoring/")
    page.get_by_label("Periode").fill(str(figures))
    page.get_by_role("button", name="Toon cijfers").click()
    assert "exacte cijfers" in page.content()
    assert page.get_by_role("table", name="Kerncijfers " + str(figures)).is_visible()


def test_survey_pages_are_accessible(page, accounts, figures):
    log_in(page, accounts[Role.SUPPORTER])
    page.goto("/enquete/uitnodigen/")
    assert_accessible(page)
    page.get_by_label("De cliënt wil de vragenlijst krijgen").check()
    page.get_by_role("button", name="Maak een link").click()
    link = page.locator("main strong").inner_text()
    assert "/enquete/" in link
    assert_accessible(page)
    page.goto(link.replace("http://testserver", ""))
    assert_accessible(page)
    page.get_by_label("8", exact=True).check()
    page.get_by_role("group", name="Voelde u zich gehoord?").get_by_label("Ja").check()
    page.get_by_role("group", name="Vond u de ondersteuner onafhankelijk?").get_by_label(
        "Ja"
    ).check()
    page.get_by_label("Via het wijkteam").check()
    page.get_by_role("button", name="Versturen").click()
    assert page.get_by_role("heading", level=1, name="Bedankt").is_visible()
