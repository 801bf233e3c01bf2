"""In a real browser, no page type breaks the Content-Security-Policy.

Chromium enforces the policy (the portal fixtures bypass it for axe-core;
these contexts do not) and every violation is recorded twice: from the
console and from ``securitypolicyviolation`` events. htmx is loaded on every
page and must neither inject its indicator <style> nor need eval.
"""

from typing import Any

import pytest

from wegwijs.accounts.constants import Role
from wegwijs.cases.tests import factories as case_factories
from wegwijs.portal.tests import conftest as browser_fixtures
from wegwijs.portal.tests.conftest import DESKTOP, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The portal's browser fixtures: chromium and one account per role.
browser = browser_fixtures.browser
accounts = browser_fixtures.accounts
fresh_rate_limits = browser_fixtures._fresh_rate_limits

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', event => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} ` +
    `(${event.sourceFile || ''}:${event.lineNumber || ''})`
  );
});
"""

PUBLIC_PAGES = [
    "/",
    "/toegankelijkheid",
    "/bezwaar-termijn/",
    "/account/login/",
    "/account/password/reset/",
    "/bestaat-niet/",
    "/wegwijzer/",
    "/zoeken/?q=schulden",
    "/hulp-vragen/",
    "/organisaties/clientenbelang/",
    "/enquete/bedankt/",
    "/api/v1/docs/",
]
EXPECTED_ERRORS = {"/bestaat-niet/"}
STAFF_PAGES = {
    Role.SUPPORTER: [
        "/mijn-werk/",
        "/registreren/",
        "/clienten/",
        "/clienten/nieuw/",
        "/clienten/{client}/",
        "/kwesties/",
        "/kwesties/{case}/",
        "/mijn-termijnen/",
        "/doorverwijzingen/",
        "/account/2fa/",
    ],
    Role.COORDINATOR: [
        "/mijn-organisatie/",
        "/aanvragen/",
        "/registraties/",
        "/kwesties/{case}/",
        "/doorverwijzingen/binnengekomen/",
        "/sociale-kaart/beheer/",
        "/vernietigingsverzoeken/",
        "/monitoring/",
    ],
    Role.MUNICIPALITY: ["/monitoring/", "/monitoring/jaarverslag/", "/start/"],
    Role.ADMINISTRATOR: [
        "/configuratie/",
        "/configuratie/monitoring/",
        "/sociale-kaart/beheer/",
        "/beheer/",
        "/beheer/accounts/user/",
        "/beheer/accounts/user/add/",
        "/beheer/core/auditentry/",
    ],
}


class Recorder:
    def __init__(self, chromium: Any, base_url: str) -> None:
        # bypass_csp stays off: the browser enforces the policy as it would for anyone.
        self.context = chromium.new_context(base_url=base_url, locale="nl-NL", viewport=DESKTOP)
        self.context.set_default_timeout(10_000)
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.page = self.context.new_page()
        self.console: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.console.append(f"page error: {error}"))

    def _console(self, message: Any) -> None:
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.console.append(text)

    def visit(self, path: str) -> list[str]:
        self.console.clear()
        response = self.page.goto(path)
        self.page.wait_for_load_state("networkidle")
        found = self.page.evaluate("window.__cspViolations")
        problems = [f"{path}: {v}" for v in [*found, *self.console]]
        # The page itself must open: an error page would hide the page type.
        if response is not None and response.status >= 400 and path not in EXPECTED_ERRORS:
            problems.append(f"{path}: status {response.status}")
        return problems

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def recorder(browser, live_server):
    recorders: list[Recorder] = []

    def make() -> Recorder:
        recorder = Recorder(browser, live_server.url)
        recorders.append(recorder)
        return recorder

    yield make
    for recorder in recorders:
        recorder.close()


def test_public_pages_keep_the_policy(recorder, accounts):
    visitor = recorder()
    violations: list[str] = []
    for path in PUBLIC_PAGES:
        violations += visitor.visit(path)
    assert not violations, "\n".join(violations)


def test_htmx_is_loaded_without_inline_style_or_eval(recorder, accounts):
    visitor = recorder()
    assert not visitor.visit("/")
    config = visitor.page.evaluate(
        "({loaded: typeof htmx !== 'undefined',"
        " styles: htmx.config.includeIndicatorStyles, eval: htmx.config.allowEval})"
    )
    assert config == {"loaded": True, "styles": False, "eval": False}
    assert visitor.page.locator("style").count() == 0


def test_staff_pages_keep_the_policy(recorder, accounts):
    from wegwijs.accounts.models import User

    supporter = User.objects.get(email=accounts[Role.SUPPORTER])
    client = case_factories.client(supporter)
    case = case_factories.case(supporter, client_obj=client)
    case_factories.contact_moment(supporter, case_obj=case)
    ids = {"client": client.pk, "case": case.pk}

    violations: list[str] = []
    for role, paths in STAFF_PAGES.items():
        person = recorder()
        log_in(person.page, accounts[role])
        for path in paths:
            violations += person.visit(path.format(**ids))
    assert not violations, "\n".join(violations)


def test_a_violation_would_be_seen(recorder, accounts):
    """The recorder is not blind: an inline script on a page of this site is reported."""
    visitor = recorder()
    visitor.visit("/toegankelijkheid")
    visitor.page.evaluate(
        """() => { const s = document.createElement('script');
        s.textContent = 'window.__ran = true'; document.body.appendChild(s); }"""
    )
    visitor.page.wait_for_timeout(200)
    assert visitor.page.evaluate("window.__ran === undefined")
    assert visitor.page.evaluate("window.__cspViolations.length") >= 1
