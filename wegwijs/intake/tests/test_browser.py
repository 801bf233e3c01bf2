"""The request form, the receipt and the inbox in a real browser.

WCAG 2.1 AA with axe-core, a keyboard-only walk from the empty form to the
receipt, 320 px wide without horizontal scrolling, and without JavaScript.
Uses the chromium and axe-core fixtures of the portal's browser tests.
"""

from datetime import timedelta

import pytest

from wegwijs.accounts.tests.factories import PASSWORD
from wegwijs.intake.models import HelpRequest
from wegwijs.intake.tests import factories
from wegwijs.portal.tests import conftest as browser_fixtures
from wegwijs.portal.tests.conftest import assert_accessible, log_in

browser = browser_fixtures.browser
new_page = browser_fixtures.new_page
page = browser_fixtures.page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMALL = {"width": 320, "height": 640}


def focused(page) -> str:
    return page.evaluate("document.activeElement.id || document.activeElement.tagName")


def tab_to(page, element_id: str, *, limit: int = 80) -> None:
    """Press Tab until ``element_id`` has the focus: it is reachable by keyboard."""
    for _ in range(limit):
        if focused(page) == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"#{element_id} cannot be reached with Tab (stuck at {focused(page)})")


def fits(page) -> bool:
    widths = page.evaluate(
        "() => ({page: document.documentElement.scrollWidth, window: window.innerWidth})"
    )
    return widths["page"] <= widths["window"]


def test_request_form_and_its_errors_are_accessible(page, city):
    page.goto("/hulp-vragen/")
    assert page.locator("h1").inner_text() == "Hulp vragen"
    # The honeypot is invisible and out of the keyboard's way.
    assert not page.locator("#id_website").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Verstuur mijn hulpvraag").click()
    page.wait_for_load_state()
    assert page.title().startswith("Fout:")
    summary = page.get_by_role("alert")
    assert "Schrijf uw vraag op" in summary.inner_text()
    assert "Geef toestemming" in summary.inner_text()
    summary.get_by_role(
        "link", name="Wat is uw vraag?: Schrijf uw vraag op. Een paar woorden is genoeg."
    ).click()
    assert focused(page) == "id_question"
    assert_accessible(page)
    assert HelpRequest.objects.count() == 0


def test_keyboard_only_from_the_form_to_the_receipt(page, city):
    page.goto("/hulp-vragen/")
    tab_to(page, "id_question")
    page.keyboard.type("Ik heb schulden en de deurwaarder belt steeds.")
    tab_to(page, "id_topic")
    page.keyboard.type("Fin")  # a select picks the option as you type
    tab_to(page, "id_contact_channel_0")
    page.keyboard.press("ArrowDown")  # Bellen -> E-mail
    tab_to(page, "id_contact_times_0")
    page.keyboard.press("Space")
    tab_to(page, "id_email")
    page.keyboard.type("inwoner@example.org")
    tab_to(page, "id_consent")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Verstuur mijn hulpvraag"
    page.keyboard.press("Enter")
    page.wait_for_url("**/hulp-vragen/ontvangen/**")
    help_request = HelpRequest.objects.get()
    assert help_request.topic is not None
    assert (help_request.topic.code, help_request.contact_channel, help_request.contact_times) == (
        "financien",
        "email",
        ["ochtend"],
    )
    assert page.locator("h1").inner_text() == "Uw hulpvraag is ontvangen"
    assert help_request.reference in page.locator("main").inner_text()
    assert_accessible(page)


def test_form_and_receipt_fit_320_pixels_without_javascript(new_page, city):
    page = new_page(viewport=SMALL, javascript=False)
    page.goto("/hulp-vragen/?organisatie=mee-de-wering")
    assert fits(page)
    page.get_by_role("button", name="Verstuur mijn hulpvraag").click()
    page.wait_for_load_state()
    assert fits(page)  # the error state as well
    page.get_by_label("Wat is uw vraag?").fill("Ik zoek hulp bij een aanvraag voor een rolstoel.")
    page.get_by_role("radio", name="WhatsApp").check()
    page.get_by_label("Telefoonnummer (nodig bij bellen en WhatsApp)").fill("+31 6 12345678")
    page.get_by_label("Ik heb gelezen wat er met mijn gegevens gebeurt").check()
    page.get_by_role("button", name="Verstuur mijn hulpvraag").click()
    page.wait_for_url("**/hulp-vragen/ontvangen/**")
    assert fits(page)
    assert HelpRequest.objects.get().organisation == city.mee


def test_inbox_and_request_page_are_accessible(new_page, city):
    overdue = factories.help_request(
        preferred_organisation_slug="sociale-wijkteams",
        question="<b>Vet?</b> Ik snap de brief van het UWV niet.",
        topic_code="werk-inkomen",
    )
    HelpRequest.objects.filter(pk=overdue.pk).update(
        received_at=overdue.received_at - timedelta(days=21)
    )
    factories.help_request(preferred_organisation_slug="sociale-wijkteams", name="Ali Rahimi")
    for viewport in (None, SMALL):
        page = new_page(viewport=viewport)
        log_in(page, city.coordinator_wijkteams.email, PASSWORD)
        page.goto("/mijn-organisatie/")
        page.get_by_role("link", name="Naar de hulpvragen").click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == "Hulpvragen"
        assert "Te laat" in page.locator("main").inner_text()
        assert_accessible(page)
        page.get_by_role("link", name=overdue.reference).click()
        page.wait_for_load_state()
        assert "<b>Vet?</b>" in page.locator(".intake-question").inner_text()
        assert page.locator(".intake-question b").count() == 0
        assert_accessible(page)
        if viewport:
            assert fits(page)
    page.get_by_role("button", name="Aannemen en kwestie openen").click()
    page.wait_for_load_state()
    assert (
        "Hulpvraag " + overdue.reference + " is aangenomen"
        in page.locator(".wegwijs-messages").inner_text()
    )
    assert HelpRequest.objects.get(pk=overdue.pk).status == "aangenomen"
