"""The sociale kaart in a real browser: WCAG 2.1 AA, 320 px, keyboard only, no JavaScript."""

import pytest

from wegwijs.accounts.constants import OrganisationKind, Role
from wegwijs.accounts.models import Organisation
from wegwijs.directory.models import PostcodeRange, Service
from wegwijs.directory.tests import factories
from wegwijs.portal.tests.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def kaart(accounts):
    schalkwijk = factories.area("schalkwijk", "Schalkwijk")
    factories.area("boerhaavewijk", "Boerhaavewijk", parent=schalkwijk)
    PostcodeRange.objects.create(area=schalkwijk, first=2033, last=2037)
    belang = Organisation.objects.get(slug="clientenbelang")
    service = factories.service(
        belang,
        name="Hulp bij bezwaar en klachten",
        description="Wij helpen u bij een bezwaar, een klacht of een beroep.",
        eligibility="Voor alle inwoners van Haarlem.",
        topic_codes=["bezwaar", "financien"],
        language_codes=["nl", "tr"],
        channel_codes=["telefoon", "whatsapp"],
    )
    location = factories.location(belang, name="Kantoor Zijlsingel", street_address="Zijlsingel 1")
    factories.schedule(location)
    factories.service_at_location(service, location)
    opvang = Organisation.objects.get(slug="opvang")
    Organisation.objects.filter(pk=opvang.pk).update(kind=OrganisationKind.FACILITY)
    factories.service(opvang, name="Opvang", topic_codes=["veiligheid", "financien"])
    factories.synonym("schulden", "geldzorgen")
    return {"service": service, "accounts": accounts}


def fits(page) -> None:
    widths = page.evaluate(
        "() => ({page: document.documentElement.scrollWidth, window: window.innerWidth})"
    )
    assert widths["page"] <= widths["window"], (page.url, widths)


def test_public_pages_are_accessible(page, kaart):
    service = kaart["service"]
    for path in (
        "/",
        "/wegwijzer/",
        "/wegwijzer/antwoord/?onderwerp=financien&postcode=2034AB&taal=tr&onafhankelijk=on",
        "/zoeken/?q=schulden",
        "/zoeken/?onderwerp=onbekend",
        "/organisaties/clientenbelang/",
        "/organisaties/opvang/",
        f"/diensten/{service.pk}/",
    ):
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
    assert "Geheime Straat" not in page.content()


def test_public_pages_fit_320_pixels(new_page, kaart):
    page = new_page(viewport={"width": 320, "height": 640})
    for path in (
        "/",
        "/wegwijzer/",
        "/wegwijzer/antwoord/?onderwerp=bezwaar&taal=tr",
        "/zoeken/?q=bezwaar",
        "/organisaties/clientenbelang/",
        f"/diensten/{kaart['service'].pk}/",
    ):
        page.goto(path)
        fits(page)


def test_staff_edit_pages_are_accessible(new_page, kaart):
    page = new_page()
    log_in(page, kaart["accounts"][Role.COORDINATOR])
    page.goto("/sociale-kaart/beheer/")
    assert "Hulp bij bezwaar en klachten" in page.content()
    assert_accessible(page)
    page.get_by_role("link", name="Hulp bij bezwaar en klachten").click()
    assert_accessible(page)
    page.get_by_label("Naam", exact=True).fill("Hulp bij bezwaar, beroep en klachten")
    page.get_by_role("button", name="Opslaan").click()
    assert (
        Service.objects.get(pk=kaart["service"].pk).name == "Hulp bij bezwaar, beroep en klachten"
    )
    page.get_by_role("link", name="Kantoor Zijlsingel").click()
    assert_accessible(page)
    small = new_page(viewport={"width": 320, "height": 640})
    log_in(small, kaart["accounts"][Role.COORDINATOR])
    small.goto(f"/sociale-kaart/beheer/clientenbelang/diensten/{kaart['service'].pk}/")
    fits(small)


def focus_by_tab(page, text: str, limit: int = 80) -> None:
    """Press Tab until the focused element shows ``text``; fail when it never comes."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        label = page.evaluate(
            "() => (document.activeElement.id + ' ' + (document.activeElement.innerText || ''))"
        )
        if text in label:
            return
    raise AssertionError(f"Tab never reached {text!r}")


def test_keyboard_only_from_home_through_the_finder_to_an_answer(page, kaart):
    page.goto("/")
    focus_by_tab(page, "Bekijk wie u kan helpen")
    page.keyboard.press("Enter")
    page.wait_for_url("**/wegwijzer/")
    focus_by_tab(page, "id_onderwerp")
    page.keyboard.type("Bez")  # a native select picks "Bezwaar, beroep en klachten"
    focus_by_tab(page, "id_taal")
    page.keyboard.type("Tu")
    focus_by_tab(page, "Laat zien wie mij kan helpen")
    page.keyboard.press("Enter")
    page.wait_for_url("**/wegwijzer/antwoord/**")
    assert "onderwerp=bezwaar" in page.url
    results = page.locator("main").inner_text()
    assert "Cliëntenbelang Haarlem" in results
    assert "helpt bij Bezwaar, beroep en klachten" in results
    assert "spreekt Turks" in results
    assert page.locator('a[href="tel:0235318973"]').count() >= 1


def test_finder_works_without_javascript(new_page, kaart):
    page = new_page(javascript=False)
    page.goto("/wegwijzer/?onderwerp=financien")
    page.get_by_label("Of: wat is uw postcode?").fill("2034 AB")
    page.get_by_role("button", name="Laat zien wie mij kan helpen").click()
    assert "Cliëntenbelang Haarlem" in page.locator("main").inner_text()
