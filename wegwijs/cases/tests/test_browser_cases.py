"""The case register in a real browser: WCAG 2.1 AA with axe-core, keyboard only, small screens.

Uses the chromium, axe-core and account fixtures of the portal's browser tests.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from wegwijs.accounts.constants import Role
from wegwijs.accounts.models import User
from wegwijs.cases import services
from wegwijs.cases.models import Case, ContactMoment
from wegwijs.cases.tests import factories
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
def supporter_objects(accounts):
    """A supporter with a client, an open case with a contact, an appointment and a consent."""
    user = User.objects.get(email=accounts[Role.SUPPORTER])
    client = factories.client(
        user, given_name="Petra", family_name="Jansen", postcode="2034AB", house_number="12"
    )
    case = factories.case(user, client_obj=client, question="Ik krijg mijn huur niet betaald.")
    moment = factories.contact_moment(user, case_obj=case, note="Samen de post doorgenomen")
    services.appointment_plan(
        actor=user,
        case=case,
        starts_at=timezone.now() + timedelta(days=1),
        channel_code="huisbezoek",
        place="Bij de cliënt thuis",
        description="Keukentafelgesprek",
    )
    services.consent_record(
        actor=user, client=client, subject="vastleggen", given_on=timezone.localdate()
    )
    services.contact_moment_update(
        actor=user,
        contact_moment=moment,
        version=moment.version,
        occurred_at=moment.occurred_at,
        channel_code="email",
        activity_code="meedenken",
        minutes=30,
        note="Samen de post doorgenomen",
    )
    return {"user": user, "client": client, "case": case, "moment": moment}


def heading(page) -> str:
    return page.locator("h1").inner_text().strip()


def page_paths(objects) -> list[tuple[str, str]]:
    client, case, moment = objects["client"], objects["case"], objects["moment"]
    return [
        ("/mijn-werk/", "Mijn werk"),
        ("/registreren/", "Informatie en advies registreren"),
        ("/clienten/", "Cliënten"),
        ("/clienten/?q=Jansen", "Cliënten"),
        ("/clienten/nieuw/", "Nieuwe cliënt"),
        (f"/clienten/{client.pk}/", "Petra Jansen"),
        (f"/clienten/{client.pk}/wijzigen/", "Cliëntgegevens wijzigen"),
        (f"/clienten/{client.pk}/kwestie/", "Kwestie openen"),
        ("/kwesties/", "Kwesties"),
        (f"/kwesties/{case.pk}/", "Kwestie: Financiën en schulden"),
        (f"/kwesties/{case.pk}/wijzigen/", "Kwestie wijzigen"),
        (f"/kwesties/{case.pk}/sluiten/", "Kwestie sluiten"),
        (f"/contactmomenten/{moment.pk}/wijzigen/", "Contactmoment wijzigen"),
    ]


def test_every_page_type_is_accessible(page, accounts, supporter_objects):
    log_in(page, accounts[Role.SUPPORTER])
    for path, title in page_paths(supporter_objects):
        response = page.goto(path)
        assert response.status == 200, path
        assert heading(page) == title, path
        assert_accessible(page)


def test_pages_with_errors_and_warnings_are_accessible(page, accounts, supporter_objects):
    log_in(page, accounts[Role.SUPPORTER])
    # The quick form without a topic.
    page.goto("/registreren/")
    page.get_by_role("button", name="Registreren").click()
    page.wait_for_load_state()
    topic = page.get_by_label("Onderwerp")
    assert topic.get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    # A likely duplicate.
    page.goto("/clienten/nieuw/")
    page.get_by_label("Achternaam").fill("Jansen")
    page.get_by_label("Postcode").fill("2034 ab")
    page.get_by_label("Huisnummer").fill("12")
    page.get_by_role("button", name="Cliënt aanmaken").click()
    page.wait_for_load_state()
    assert page.get_by_text("Deze cliënt bestaat misschien al").is_visible()
    assert page.get_by_role("button", name="Toch aanmaken").is_visible()
    assert_accessible(page)
    # Closing without an outcome.
    case = supporter_objects["case"]
    page.goto(f"/kwesties/{case.pk}/sluiten/")
    page.get_by_role("button", name="Kwestie sluiten").click()
    page.wait_for_load_state()
    assert page.get_by_label("Resultaat").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    # A contact moment with too many minutes, on the case page.
    page.goto(f"/kwesties/{case.pk}/")
    page.locator("#contact-nieuw ~ form").get_by_label("Minuten").fill("700")
    page.get_by_role("button", name="Contactmoment opslaan").click()
    page.wait_for_load_state()
    assert "tussen 1 en 600" in page.locator("main").inner_text()
    assert_accessible(page)


def test_close_and_reopen_in_the_browser(page, accounts, supporter_objects):
    case = supporter_objects["case"]
    log_in(page, accounts[Role.SUPPORTER])
    page.goto(f"/kwesties/{case.pk}/")
    page.get_by_role("link", name="Kwestie sluiten").click()
    page.get_by_label("Resultaat").select_option("opgelost")
    page.get_by_label("Tevredenheid van de cliënt").fill("9")
    page.get_by_label("Ja", exact=True).check()
    page.get_by_role("button", name="Kwestie sluiten").click()
    page.wait_for_load_state()
    assert "De kwestie is gesloten" in page.locator(".wegwijs-messages").inner_text()
    assert_accessible(page)
    page.get_by_role("button", name="Kwestie heropenen").click()
    page.wait_for_load_state()
    assert "De kwestie is weer open" in page.locator(".wegwijs-messages").inner_text()
    case.refresh_from_db()
    assert case.is_open


def test_quick_registration_with_the_keyboard_only(page, accounts):
    log_in(page, accounts[Role.SUPPORTER])
    page.goto("/registreren/")
    # The topic has the focus at once; typing picks the option, Tab moves on.
    assert page.evaluate("document.activeElement.name") == "topic"
    page.keyboard.type("Fin")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "channel"
    page.keyboard.press("ArrowDown")  # telefoon -> email
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "minutes"
    page.keyboard.press("Control+A")
    page.keyboard.type("12")
    page.keyboard.press("Tab")
    page.keyboard.type("Uitleg over de huurtoeslag")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert (
        "Geregistreerd: Financiën en schulden, 12 minuten"
        in page.locator(".wegwijs-messages").inner_text()
    )
    # The empty form is ready for the next contact, with the focus on the topic.
    assert page.evaluate("document.activeElement.name") == "topic"
    moment = ContactMoment.objects.select_related("case__topic", "channel").get()
    assert (moment.case.topic.code, moment.channel.code, moment.minutes, moment.note) == (
        "financien",
        "email",
        12,
        "Uitleg over de huurtoeslag",
    )
    assert not Case.objects.get().is_open


def test_pages_fit_320_pixels(new_page, accounts, supporter_objects):
    page = new_page(viewport={"width": 320, "height": 640})
    log_in(page, accounts[Role.SUPPORTER])
    for path, _title in page_paths(supporter_objects):
        page.goto(path)
        widths = page.evaluate(
            "() => ({page: document.documentElement.scrollWidth, window: window.innerWidth})"
        )
        assert widths["page"] <= widths["window"], (path, widths)


def test_register_contact_without_javascript(new_page, accounts, supporter_objects):
    page = new_page(javascript=False)
    log_in(page, accounts[Role.SUPPORTER])
    case = supporter_objects["case"]
    page.goto(f"/kwesties/{case.pk}/")
    form = page.locator("#contact-nieuw ~ form")
    form.get_by_label("Minuten").fill("25")
    form.get_by_label("Korte notitie").fill("Gebeld met de woningcorporatie")
    page.get_by_role("button", name="Contactmoment opslaan").click()
    page.wait_for_load_state()
    assert "Het contactmoment is geregistreerd" in page.locator(".wegwijs-messages").inner_text()
    assert ContactMoment.objects.filter(case=case, minutes=25).exists()
