"""The destruction-request list in a real browser: WCAG 2.1 AA with axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone

from wegwijs.accounts.constants import Role
from wegwijs.accounts.models import User
from wegwijs.cases.tests import factories
from wegwijs.portal.tests import conftest as browser_fixtures
from wegwijs.portal.tests.conftest import assert_accessible, log_in

browser = browser_fixtures.browser
new_page = browser_fixtures.new_page
page = browser_fixtures.page
accounts = browser_fixtures.accounts
fresh_rate_limits = browser_fixtures._fresh_rate_limits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_destruction_requests_page(page, accounts):
    coordinator = User.objects.get(email=accounts[Role.COORDINATOR])
    client = factories.client(coordinator, given_name="Petra", family_name="Jansen")
    log_in(page, accounts[Role.COORDINATOR])
    page.goto("/vernietigingsverzoeken/")
    assert page.get_by_role("heading", level=1).inner_text() == "Verzoeken tot vernietiging"
    assert_accessible(page)

    # Registering with an empty form shows the errors accessibly.
    page.get_by_role("button", name="Verzoek registreren").click()
    assert "Vul het kenmerk van de cliënt in." in page.content()
    assert_accessible(page)

    page.get_by_label("Kenmerk van de cliënt").fill(client.reference)
    received = timezone.localdate() - timedelta(days=100)
    page.get_by_label("Ontvangen op").fill(received.isoformat())
    page.get_by_role("button", name="Verzoek registreren").click()
    row = page.get_by_role("row").filter(has_text=client.reference)
    assert "Te laat" in row.inner_text()
    assert_accessible(page)
