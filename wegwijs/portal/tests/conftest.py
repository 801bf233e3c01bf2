"""Browser fixtures: Debian's chromium driven by Playwright, axe-core for WCAG checks.

No test tool may download a browser: Playwright launches /usr/bin/chromium.
When chromium, axe-core or the built front-end assets are missing, the
browser tests fail with one message that says what to install.
"""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache

from wegwijs.accounts.constants import Role
from wegwijs.accounts.services import municipality_create, organisation_create, user_create

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
BUILT_CSS = (
    Path(settings.BASE_DIR) / "build" / "static" / "vendor" / "utrecht" / "component-library.css"
)
# WCAG 2.1 level A and AA: the legal bar for Dutch government sites (EN 301 549).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

PASSWORD = "Een-lang-wachtwoord-2026"
DESKTOP = {"width": 1280, "height": 900}


def _missing_prerequisites() -> list[str]:
    missing = []
    if not CHROMIUM.exists():
        missing.append("chromium at /usr/bin/chromium (apt-get install -y chromium)")
    if not AXE.exists():
        missing.append("node_modules/axe-core (npm ci)")
    if not BUILT_CSS.exists():
        missing.append("the front-end assets in build/static/ (node scripts/build_assets.mjs)")
    return missing


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless chromium for the tests of a module."""
    missing = _missing_prerequisites()
    if missing:
        pytest.fail(
            "Browser tests need " + "; ".join(missing) + ". `make test` installs all of them.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, so Django would
    # refuse the tests' own ORM calls (creating users) as "async unsafe". The
    # variable is set only while the browser runs: set for the whole session
    # it would leak into subprocesses that other tests start (check --deploy).
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open pages in fresh browser contexts (no cookies) on the live server, in Dutch."""
    contexts = []

    def open_page(*, viewport: dict[str, int] | None = None, javascript: bool = True):
        context = browser.new_context(
            base_url=live_server.url,
            locale="nl-NL",
            viewport=viewport or DESKTOP,
            java_script_enabled=javascript,
            # axe-core is injected as a script; a Content-Security-Policy must not block it.
            bypass_csp=True,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Failed logins from other tests count against 127.0.0.1; start clean.
    cache.clear()


@pytest.fixture
def accounts(transactional_db) -> dict[Role, str]:
    """One municipality, two client-support organisations and one account per role.

    Returns the e-mail address per role; every password is ``PASSWORD``.
    """
    municipality_create(slug="haarlem", name="Haarlem")
    organisation_create(
        slug="clientenbelang",
        name="Cliëntenbelang Haarlem",
        municipality_slugs=["haarlem"],
        is_independent=True,
        description="Onafhankelijke cliëntondersteuning voor alle inwoners.",
        phone="023 - 531 89 73",
        whatsapp="06 12345678",
        email="info@clientenbelang.example",
        website="https://clientenbelang.example/",
        street_address="Zijlsingel 1",
        postcode="2013 DN",
        city="Haarlem",
        opening_hours="Maandag tot en met donderdag 9.00 tot 17.00 uur",
    )
    organisation_create(
        slug="opvang",
        name="Opvang Kennemerland",
        municipality_slugs=["haarlem"],
        description="Opvang voor wie niet veilig thuis kan wonen.",
        phone="0800-2000",
        street_address="Geheime Straat 9",
        postcode="2000 AA",
        city="Haarlem",
        address_is_confidential=True,
    )
    people = [
        # role, e-mail, name, organisation, municipality
        (Role.SUPPORTER, "ondersteuner@example.org", "Fatima El Amrani", "clientenbelang", None),
        (Role.COORDINATOR, "coordinator@example.org", "Jan de Vries", "clientenbelang", None),
        (Role.MUNICIPALITY, "gemeente@example.org", "Sanne Bakker", None, "haarlem"),
        (Role.ADMINISTRATOR, "beheer@example.org", "Piet Jansen", None, None),
    ]
    emails = {}
    for role, email, name, organisation_slug, municipality_slug in people:
        user_create(
            email=email,
            role=role,
            organisation_slug=organisation_slug,
            municipality_slug=municipality_slug,
            password=PASSWORD,
            full_name=name,
        )
        emails[role] = email
    return emails


def log_in(page, email: str, password: str = PASSWORD) -> None:
    """Log in through the real login form, as a person would."""
    page.goto("/account/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.locator("main").get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def axe_violations(page) -> list[dict[str, Any]]:
    """Run axe-core on the page for WCAG 2.1 A and AA and return the violations."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations'],
        })""",
        AXE_TAGS,
    )
    return result["violations"]


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {json.dumps(node['target'])}: {node['failureSummary']}")
    return "\n".join(lines)


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe-core found WCAG 2.1 AA problems on {page.url}:\n" + (
        format_violations(violations)
    )
