"""Every page type in a real browser: WCAG 2.1 AA with axe-core, keyboard, small screens.

Runs Debian's chromium through Playwright against the live server. See
conftest.py for the fixtures and for what to install when they are missing.
"""

import re
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.conf import settings as django_settings
from django.core import mail
from django.template import loader
from django.utils import translation

from wegwijs.accounts.constants import Role
from wegwijs.accounts.models import User
from wegwijs.portal.tests.conftest import PASSWORD, assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLE_HOME = {
    Role.SUPPORTER: ("/mijn-werk/", "Mijn werk"),
    Role.COORDINATOR: ("/mijn-organisatie/", "Cliëntenbelang Haarlem"),
    Role.MUNICIPALITY: ("/monitoring/", "Monitoring"),
    Role.ADMINISTRATOR: ("/configuratie/", "Configuratie"),
}


def current_totp_code(secret: str) -> str:
    """The code an authenticator app shows now; never one about to expire."""
    period = mfa_settings.TOTP_PERIOD
    if period - time.time() % period < 2:
        time.sleep(2)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def heading(page) -> str:
    return page.locator("h1").inner_text().strip()


def test_public_home(page, accounts):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").count() == 1
    assert "cliëntondersteuner" in heading(page)
    organisations = page.locator("#organisaties")
    assert organisations.get_by_role("heading", name="Cliëntenbelang Haarlem").is_visible()
    assert organisations.get_by_text("Volledig onafhankelijk").is_visible()
    assert organisations.locator('a[href="tel:0235318973"]').count() == 1
    assert organisations.locator('a[href="https://wa.me/31612345678"]').count() == 1
    assert organisations.locator('a[href="mailto:info@clientenbelang.example"]').count() == 1
    assert "Zijlsingel 1" in organisations.inner_text()
    # A shelter's address is never shown.
    assert "Geheime Straat" not in page.content()
    assert_accessible(page)
    # Entry points by situation open the finder with the answers filled in.
    page.get_by_role("link", name="Ik heb schulden of geldzorgen").click()
    assert "/wegwijzer/?onderwerp=financien" in page.url


def test_public_home_without_organisations(page, transactional_db):
    page.goto("/")
    assert "Er staan nog geen organisaties" in page.locator("#organisaties").inner_text()
    assert_accessible(page)


def test_accessibility_statement(page, transactional_db):
    page.goto("/")
    page.get_by_role("contentinfo").get_by_role("link", name="Toegankelijkheid").click()
    assert page.url.endswith("/toegankelijkheid")
    assert heading(page) == "Toegankelijkheidsverklaring"
    text = page.locator("main").inner_text()
    for fact in ("WCAG", "EN 301 549", "axe-core", "toetsenbord", "Wat nog niet goed werkt"):
        assert fact in text
    assert_accessible(page)


def test_not_found_page(page, transactional_db):
    response = page.goto("/bestaat-niet/")
    assert response.status == 404
    assert heading(page) == "Pagina niet gevonden"
    assert_accessible(page)


def test_forbidden_page(page, accounts):
    log_in(page, accounts[Role.SUPPORTER])
    response = page.goto("/monitoring/")
    assert response.status == 403
    assert heading(page) == "Geen toegang"
    assert_accessible(page)


def test_server_error_page_stands_alone(page, transactional_db):
    # 500.html is rendered without a request or context processors; pin the
    # language, since an earlier test may have left another one active.
    with translation.override("nl"):
        html = loader.get_template("500.html").render()
    page.goto("/toegankelijkheid")
    page.set_content(html)
    assert heading(page) == "Er ging iets mis"
    assert page.locator("html").get_attribute("lang") == "nl"
    assert_accessible(page)


def test_login_page_and_wrong_password(page, accounts):
    page.goto("/account/login/")
    assert heading(page) == "Inloggen"
    email = page.get_by_label("E-mailadres")
    password = page.get_by_label("Wachtwoord")
    assert email.get_attribute("autocomplete") == "email"
    assert password.get_attribute("autocomplete") == "current-password"
    # Sign-up is closed: no link to it anywhere.
    assert page.locator('a[href*="signup"]').count() == 0
    assert_accessible(page)

    email.fill(accounts[Role.SUPPORTER])
    password.fill("fout-wachtwoord-123")
    page.locator("main").get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    assert page.url.endswith("/account/login/")
    assert "niet juist" in page.locator(".utrecht-alert--error").inner_text()
    assert_accessible(page)


def test_field_errors_are_linked_to_their_field(page, transactional_db):
    page.goto("/account/password/reset/")
    page.get_by_role("button", name="Stuur mij een link").click()
    page.wait_for_load_state()
    field = page.get_by_label("E-mailadres")
    assert field.get_attribute("aria-invalid") == "true"
    error_id = field.get_attribute("aria-describedby")
    assert error_id
    assert page.locator(f"#{error_id}").inner_text().strip()
    assert_accessible(page)


def test_password_reset_pages(page, accounts):
    page.goto("/account/login/")
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    assert heading(page) == "Wachtwoord vergeten"
    assert page.get_by_label("E-mailadres").get_attribute("autocomplete") == "email"
    assert_accessible(page)

    page.get_by_label("E-mailadres").fill(accounts[Role.COORDINATOR])
    page.get_by_role("button", name="Stuur mij een link").click()
    page.wait_for_load_state()
    assert heading(page) == "Kijk in uw e-mail"
    assert_accessible(page)

    # The live server runs in this process: its e-mail lands in mail.outbox.
    body = str(mail.outbox[-1].body)
    link = re.search(r"https?://[^/\s]+(/account/password/reset/key/\S+)", body)
    assert link, body
    page.goto(link.group(1))
    assert heading(page) == "Nieuw wachtwoord maken"
    for label in ("Nieuw wachtwoord", "Nieuw wachtwoord nog een keer"):
        assert page.get_by_label(label, exact=True).get_attribute("autocomplete") == "new-password"
    assert_accessible(page)

    page.get_by_label("Nieuw wachtwoord", exact=True).fill("Nieuw-lang-wachtwoord-2026")
    page.get_by_label("Nieuw wachtwoord nog een keer").fill("Iets-anders-2026-lang")
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    page.wait_for_load_state()
    assert (
        page.get_by_label("Nieuw wachtwoord nog een keer").get_attribute("aria-invalid") == "true"
    )
    assert_accessible(page)

    page.get_by_label("Nieuw wachtwoord", exact=True).fill("Nieuw-lang-wachtwoord-2026")
    page.get_by_label("Nieuw wachtwoord nog een keer").fill("Nieuw-lang-wachtwoord-2026")
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    page.wait_for_load_state()
    assert heading(page) == "Wachtwoord opgeslagen"
    assert_accessible(page)


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/account/signup/", "Zelf een account maken kan niet"),
        ("/account/password/reset/key/1-verlopen/", "Link werkt niet meer"),
    ],
)
def test_closed_sign_up_and_expired_link(page, transactional_db, path, title):
    page.goto(path)
    assert heading(page) == title
    assert_accessible(page)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_logs_in_to_its_own_home(page, accounts, role):
    log_in(page, accounts[role])
    path, title = ROLE_HOME[role]
    assert page.url.endswith(path)
    assert heading(page) == title
    current = page.get_by_role("navigation").locator('[aria-current="page"]')
    assert current.get_attribute("href") == path
    assert_accessible(page)


def test_totp_activation_page(page, accounts):
    log_in(page, accounts[Role.SUPPORTER])
    page.goto("/account/2fa/totp/activate/")
    if "/reauthenticate/" in page.url:
        # allauth asks for the password again before changing two-factor settings.
        assert_accessible(page)
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.get_by_role("button", name="Bevestigen").click()
        page.wait_for_load_state()
    assert page.url.endswith("/account/2fa/totp/activate/")
    assert heading(page) == "Tweestapsverificatie instellen"
    assert page.get_by_role("img", name="QR-code").is_visible()
    assert page.locator("#authenticator_secret").inner_text().strip()
    code = page.get_by_label("Code van 6 cijfers")
    assert code.get_attribute("autocomplete") == "one-time-code"
    assert_accessible(page)

    code.fill("000000")
    page.get_by_role("button", name="Tweestapsverificatie aanzetten").click()
    page.wait_for_load_state()
    assert page.get_by_label("Code van 6 cijfers").get_attribute("aria-invalid") == "true"
    assert_accessible(page)

    # Type the code an authenticator app would show for the secret on the page.
    secret = page.locator("#authenticator_secret").inner_text().strip()
    page.get_by_label("Code van 6 cijfers").fill(current_totp_code(secret))
    page.get_by_role("button", name="Tweestapsverificatie aanzetten").click()
    page.wait_for_load_state()
    assert heading(page) == "Herstelcodes"
    codes = page.locator(".wegwijs-recovery-codes li")
    assert codes.count() == django_settings.MFA_RECOVERY_CODE_COUNT
    assert_accessible(page)


def test_two_factor_code_page(page, accounts):
    TOTP.activate(User.objects.get(email=accounts[Role.COORDINATOR]), generate_totp_secret())
    log_in(page, accounts[Role.COORDINATOR])
    assert page.url.endswith("/account/2fa/authenticate/")
    assert heading(page) == "Code invullen"
    assert page.get_by_label("Code uit uw app").get_attribute("autocomplete") == "one-time-code"
    assert_accessible(page)


def test_security_page(page, accounts):
    log_in(page, accounts[Role.MUNICIPALITY])
    page.get_by_role("navigation").get_by_role("link", name="Beveiliging").click()
    assert heading(page) == "Beveiliging"
    assert_accessible(page)


def test_skip_link_is_the_first_thing_to_focus(page, transactional_db):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => ({text: document.activeElement.textContent.trim(),"
        " href: document.activeElement.getAttribute('href')})"
    )
    assert focused == {"text": "Naar de inhoud", "href": "#main"}
    assert page.locator(".utrecht-skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("path", ["/", "/account/login/", "/toegankelijkheid"])
def test_no_horizontal_scrolling_at_320_pixels(new_page, accounts, path):
    # 320 CSS pixels is also what a 1280 pixel wide screen shows at 400% zoom.
    page = new_page(viewport={"width": 320, "height": 640})
    page.goto(path)
    widths = page.evaluate(
        "() => ({page: document.documentElement.scrollWidth, window: window.innerWidth})"
    )
    assert widths["page"] <= widths["window"], widths


def test_staff_pages_fit_320_pixels(new_page, accounts):
    page = new_page(viewport={"width": 320, "height": 640})
    log_in(page, accounts[Role.COORDINATOR])
    for path in ("/mijn-organisatie/", "/account/2fa/"):
        page.goto(path)
        widths = page.evaluate(
            "() => ({page: document.documentElement.scrollWidth, window: window.innerWidth})"
        )
        assert widths["page"] <= widths["window"], (path, widths)


def test_demo_banner(page, settings, transactional_db):
    settings.WEGWIJS_DEMO = True
    page.goto("/")
    banner = page.get_by_text("Demo-omgeving: alle personen zijn verzonnen")
    assert banner.is_visible()
    assert "inloggen zonder tweestapsverificatie" in banner.inner_text()
    assert_accessible(page)


def test_language_switch_works_without_javascript(new_page, transactional_db):
    page = new_page(javascript=False)
    page.goto("/toegankelijkheid")
    assert page.locator("html").get_attribute("lang") == "nl"
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.url.endswith("/toegankelijkheid")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("button", name="Nederlands").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "nl"


def test_log_in_and_out_without_javascript(new_page, accounts):
    page = new_page(javascript=False)
    log_in(page, accounts[Role.COORDINATOR])
    assert page.url.endswith("/mijn-organisatie/")
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Inloggen voor medewerkers").is_visible()
