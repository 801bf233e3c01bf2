"""Real pages carry the security headers of production: HSTS, CSP, frame and referrer policy, cookies.

The production values are read from ``config.settings.production`` itself
(loaded with strong secrets in the environment), so these tests fail when
someone weakens them there.
"""

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from django.conf import settings as django_settings
from django.test import Client

from conftest import logged_in_client
from wegwijs.accounts.constants import Role
from wegwijs.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

PRODUCTION_SECURITY = (
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
    "CONTENT_SECURITY_POLICY",
    "X_FRAME_OPTIONS",
    "SECURE_REFERRER_POLICY",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SAMESITE",
)


def load_production_settings(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    from wegwijs.core.tests.test_settings import STRONG

    for name, value in STRONG.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("WEGWIJS_DEMO", raising=False)
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD"):
        monkeypatch.delenv(name, raising=False)
    path = Path(django_settings.BASE_DIR) / "config" / "settings" / "production.py"
    spec = importlib.util.spec_from_file_location("wegwijs_production_settings", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def production(settings, monkeypatch):
    """Apply production's security settings to the running test settings."""
    module = load_production_settings(monkeypatch)
    for name in PRODUCTION_SECURITY:
        setattr(settings, name, getattr(module, name))
    settings.ALLOWED_HOSTS = ["testserver", "wegwijs.example.org"]
    return module


def https(client: Client, path: str, **extra):
    return client.get(path, secure=True, **extra)


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_strict_headers(response) -> None:
    csp = csp_directives(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_public_page_over_https_has_hsts_and_a_strict_policy(production, client):
    response = https(client, "/")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    assert_strict_headers(response)


def test_plain_http_is_sent_to_https(production, client):
    response = client.get("/toegankelijkheid")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/toegankelijkheid"
    # Behind the TLS proxy the forwarded scheme counts.
    response = client.get("/toegankelijkheid", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response


@pytest.mark.parametrize("role", list(Role))
def test_staff_start_pages_carry_the_headers(production, make_user, role):
    client = logged_in_client(make_user(role))
    response = https(client, "/start/", follow=True)
    assert response.status_code == 200
    assert_strict_headers(response)
    assert "Strict-Transport-Security" in response


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/account/login/", 200),
        ("/bezwaar-termijn/", 200),
        ("/bestaat-niet/", 404),
        ("/api/v1/me", 401),
        ("/api/v1/schema/", 200),
        ("/health/live", 200),
    ],
)
def test_other_page_types_carry_the_headers(production, client, path, status):
    response = https(client, path)
    assert response.status_code == status
    assert_strict_headers(response)


def test_forbidden_page_carries_the_headers(production, make_user):
    client = logged_in_client(make_user(Role.SUPPORTER))
    response = https(client, "/monitoring/")
    assert response.status_code == 403
    assert_strict_headers(response)


def test_login_sets_secure_httponly_samesite_cookies(production, make_user):
    user = make_user(Role.SUPPORTER)
    client = Client(enforce_csrf_checks=True)
    page = https(client, "/account/login/")
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"]
    assert csrf["httponly"]
    assert csrf["samesite"] == "Lax"
    response = client.post(
        "/account/login/",
        {"login": user.email, "password": PASSWORD, "csrfmiddlewaretoken": csrf.value},
        secure=True,
        HTTP_REFERER="https://testserver/account/login/",
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"
    # The session ends when the browser closes: no persistent expiry.
    assert not session["expires"]
    assert not session["max-age"]

    response = client.post(
        "/i18n/setlang/",
        {"language": "en", "next": "/", "csrfmiddlewaretoken": client.cookies["csrftoken"].value},
        secure=True,
        HTTP_REFERER="https://testserver/",
    )
    assert response.cookies["django_language"]["secure"]
    assert response.cookies["django_language"]["samesite"] == "Lax"


def test_check_deploy_covers_what_production_sets(production):
    assert production.SECURE_HSTS_SECONDS >= 31536000
    assert production.SESSION_COOKIE_SECURE
    assert production.CSRF_COOKIE_SECURE
    assert production.SECURE_SSL_REDIRECT


TEMPLATE_ROOT = Path(django_settings.BASE_DIR) / "wegwijs"
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE), "an inline <script>"),
    (re.compile(r"<style\b", re.IGNORECASE), "a <style> element"),
    (re.compile(r"\sstyle\s*=", re.IGNORECASE), 'a style="" attribute'),
    (re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE), "an inline event handler"),
    (
        re.compile(r"(href|src|action)\s*=\s*[\"']\s*javascript:", re.IGNORECASE),
        "a javascript: URL",
    ),
]


def test_no_template_has_inline_script_or_style():
    """The Content-Security-Policy would block them; use a static file and a class."""
    problems = []
    for template in sorted(TEMPLATE_ROOT.rglob("templates/**/*.html")):
        text = template.read_text(encoding="utf-8")
        # Template comments may mention the words.
        text = re.sub(r"\{#.*?#\}", "", text)
        text = re.sub(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", "", text, flags=re.DOTALL)
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                line = text[: match.start()].count("\n") + 1
                problems.append(f"{template.relative_to(TEMPLATE_ROOT.parent)}:{line}: {what}")
    assert not problems, "Inline code breaks the Content-Security-Policy:\n" + "\n".join(problems)
