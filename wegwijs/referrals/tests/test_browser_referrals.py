"""Referral pages in a real browser: WCAG 2.1 AA with axe-core, and the flow without JavaScript.

Uses the chromium, axe-core and account fixtures of the portal's browser tests.
"""

import pytest

from wegwijs.accounts.constants import Role
from wegwijs.accounts.models import User
from wegwijs.accounts.tests import factories as account_factories
from wegwijs.portal.tests import conftest as browser_fixtures
from wegwijs.portal.tests.conftest import assert_accessible, log_in
from wegwijs.referrals.constants import ReferralStatus, Sharing
from wegwijs.referrals.models import Referral
from wegwijs.referrals.tests import factories

browser = browser_fixtures.browser
new_page = browser_fixtures.new_page
page = browser_fixtures.page
accounts = browser_fixtures.accounts
fresh_rate_limits = browser_fixtures._fresh_rate_limits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SENDER_EMAIL = "verwijzer@example.org"


@pytest.fixture
def objects(accounts):
    """A supporter elsewhere with a case, referred to Cliëntenbelang (the accounts' organisation)."""
    other = account_factories.organisation("wijkteam-noord")
    sender = account_factories.user(
        Role.SUPPORTER,
        email=SENDER_EMAIL,
        organisation_slug=other.slug,
        password=browser_fixtures.PASSWORD,
    )
    case = factories.sender_case(sender)
    receiver = User.objects.get(email=accounts[Role.COORDINATOR]).organisation
    assert receiver is not None
    referral = factories.referral(sender, case=case, to=receiver, consent=Sharing.QUESTION)
    return {"sender": sender, "case": case, "referral": referral}


def heading(page) -> str:
    return page.locator("h1").inner_text().strip()


def test_refer_form_and_warm_tip_are_accessible(page, objects):
    case = objects["case"]
    log_in(page, SENDER_EMAIL)
    response = page.goto(f"/kwesties/{case.pk}/")
    assert response.status == 200
    section = page.locator("section", has=page.get_by_role("heading", name="Doorverwijzingen"))
    assert "Verstuurd" in section.inner_text()
    assert_accessible(page)
    section.get_by_role("link", name="Verwijzen").click()
    page.wait_for_load_state()
    assert heading(page) == "Verwijzen"
    assert_accessible(page)
    # Without consent: only a warm tip; the error is announced on the form.
    page.get_by_label("Naar").select_option(label="Opvang Kennemerland")
    page.get_by_label("Niets").check()
    page.get_by_role("button", name="Verwijzing versturen").click()
    page.wait_for_load_state()
    assert "alleen een warme tip" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_label("Niets").check()
    page.get_by_role("button", name="Alleen een warme tip geven").click()
    page.wait_for_load_state()
    assert heading(page) == "Warme tip: Opvang Kennemerland"
    assert "0800-2000" in page.locator("main").inner_text()
    assert "Geheime Straat" not in page.locator("main").inner_text()
    assert_accessible(page)


def test_incoming_list_and_detail_are_accessible_and_accept_works(page, accounts, objects):
    referral = objects["referral"]
    log_in(page, accounts[Role.COORDINATOR])
    response = page.goto("/doorverwijzingen/binnengekomen/")
    assert response.status == 200
    assert heading(page) == "Binnengekomen doorverwijzingen"
    assert "Wijkteam Noord" in page.locator("main").inner_text()
    assert_accessible(page)
    page.locator("main table").get_by_role("link").first.click()
    page.wait_for_load_state()
    assert heading(page) == "Doorverwijzing van Wijkteam Noord"
    main = page.locator("main").inner_text()
    assert objects["case"].question in main
    assert "Petra" not in main
    assert_accessible(page)
    page.get_by_role("button", name="Accepteren").click()
    page.wait_for_load_state()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    assert heading(page).startswith("Kwestie:")
    assert_accessible(page)


def test_outgoing_list_and_my_work_without_javascript(new_page, objects):
    page = new_page(javascript=False)
    log_in(page, SENDER_EMAIL)
    page.goto("/doorverwijzingen/")
    assert heading(page) == "Verstuurde doorverwijzingen"
    assert "Cliëntenbelang Haarlem" in page.locator("main").inner_text()
    page.goto(f"/doorverwijzingen/{objects['referral'].pk}/")
    page.get_by_role("button", name="Doorverwijzing intrekken").click()
    page.wait_for_load_state()
    assert Referral.objects.get().status == ReferralStatus.WITHDRAWN
    assert "De doorverwijzing is ingetrokken." in page.locator("main").inner_text()


def test_outgoing_list_and_my_work_are_accessible(page, objects):
    log_in(page, SENDER_EMAIL)
    page.goto("/doorverwijzingen/")
    assert_accessible(page)
    page.goto("/mijn-werk/")
    assert page.get_by_role("heading", name="Doorverwijzingen").is_visible()
    assert_accessible(page)
