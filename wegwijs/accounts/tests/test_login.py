"""Login with e-mail, two-factor authentication, lockout, password reset, sessions."""

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core import mail
from django.core.cache import cache
from django.test import Client

from wegwijs.accounts.constants import Role
from wegwijs.accounts.tests.factories import PASSWORD
from wegwijs.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def login(client: Client, email: str, password: str):
    return client.post("/account/login/", {"login": email, "password": password})


def current_code(secret: str) -> str:
    counter = list(yield_hotp_counters_from_time())[len(list(yield_hotp_counters_from_time())) // 2]
    return format_hotp_value(hotp_value(secret, counter))


def test_login_with_email_and_password(client, make_user):
    user = make_user(Role.SUPPORTER)
    response = login(client, user.email.upper(), PASSWORD)
    assert response.status_code == 302
    assert client.get("/mijn-werk/").status_code == 200
    assert AuditEntry.objects.filter(event="login.succeeded", actor=user).exists()


def test_wrong_password_is_refused_in_dutch(client, make_user):
    user = make_user(Role.SUPPORTER)
    response = login(client, user.email, "fout-wachtwoord-123")
    assert response.status_code == 200
    assert "niet juist" in response.content.decode()
    assert AuditEntry.objects.filter(event="login.failed").exists()


def test_lockout_after_repeated_failures(client, make_user, settings):
    user = make_user(Role.SUPPORTER)
    for _ in range(settings.WEGWIJS_LOCKOUT_FAILURES):
        assert login(client, user.email, "fout-wachtwoord-123").status_code == 200
    # Even the right password is refused while the account is locked.
    response = login(client, user.email, PASSWORD)
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert client.get("/mijn-werk/").status_code == 302
    # Another account is not affected.
    other = make_user(Role.SUPPORTER)
    assert login(Client(), other.email, PASSWORD).status_code == 302


def test_signup_is_closed(client):
    response = client.post(
        "/account/signup/",
        {"email": "nieuw@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code in (200, 403)
    from wegwijs.accounts.models import User

    assert not User.objects.filter(email="nieuw@example.org").exists()


def test_password_reset_by_email(client, make_user):
    user = make_user(Role.COORDINATOR)
    response = client.post("/account/password/reset/", {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/account/password/reset/key/\S+)", str(mail.outbox[0].body))
    assert link, mail.outbox[0].body
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200
    response = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link.group(1),
        {"password1": "Nieuw-lang-wachtwoord-2026", "password2": "Nieuw-lang-wachtwoord-2026"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Nieuw-lang-wachtwoord-2026")


class TestTwoFactorRequired:
    @pytest.fixture(autouse=True)
    def _require(self, settings):
        settings.WEGWIJS_REQUIRE_MFA = True

    def test_account_without_totp_must_set_it_up(self, client, make_user):
        user = make_user(Role.SUPPORTER)
        assert login(client, user.email, PASSWORD).status_code == 302
        for page in ("/mijn-werk/", "/start/", "/api/v1/me", "/api/v1/clients"):
            response = client.get(page)
            assert response.status_code == 302
            assert response["Location"] == "/account/2fa/totp/activate/"
        # Setting up two-factor asks for the password once more, then shows the QR code.
        response = client.get("/account/2fa/totp/activate/")
        assert response["Location"].startswith("/account/reauthenticate/")
        response = client.post(response["Location"], {"password": PASSWORD})
        assert response.status_code == 302
        page = client.get("/account/2fa/totp/activate/")
        assert page.status_code == 200
        secret = page.context["form"].secret
        response = client.post("/account/2fa/totp/activate/", {"code": current_code(secret)})
        assert response.status_code == 302
        assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        assert client.get("/mijn-werk/").status_code == 200

    def test_api_tokens_are_not_affected(self, client, make_user):
        from wegwijs.accounts.services import api_token_create

        user = make_user(Role.SUPPORTER)
        key = api_token_create(email=user.email)
        response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Token {key}")
        assert response.status_code == 200

    def test_login_asks_for_the_code_and_accepts_it(self, client, make_user):
        user = make_user(Role.SUPPORTER)
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        response = login(client, user.email, PASSWORD)
        assert response.status_code == 302
        assert response["Location"] == "/account/2fa/authenticate/"
        # Not logged in yet: the code is still needed.
        assert client.get("/mijn-werk/").status_code == 302
        wrong = client.post("/account/2fa/authenticate/", {"code": "000000"})
        assert wrong.status_code == 200
        response = client.post("/account/2fa/authenticate/", {"code": current_code(secret)})
        assert response.status_code == 302
        assert client.get("/mijn-werk/").status_code == 200

    def test_production_settings_require_two_factor(self):
        import subprocess
        import sys

        code = (
            "from django.conf import settings; "
            "print(settings.WEGWIJS_REQUIRE_MFA, settings.WEGWIJS_DEMO)"
        )
        env = {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "k" * 10 + "Xy7!pQ2#rT9@wL4$zN8%vB1^mC6&hJ3*fD5(gS0)",
            "WEGWIJS_PSEUDONYM_KEY": "p" * 8 + "A1b2C3d4E5f6G7h8I9j0K1l2",
            "ALLOWED_HOSTS": "wegwijs.example.org",
            "WEGWIJS_REQUIRE_MFA": "false",
            "PATH": "/usr/bin:/bin",
        }
        result = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "True False"


def test_totp_authenticator_exists_after_activation(make_user):
    user = make_user(Role.SUPPORTER)
    TOTP.activate(user, generate_totp_secret())
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def test_sessions_expire(settings):
    assert settings.SESSION_COOKIE_AGE <= 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_activity_renews_the_session_at_most_once_a_minute(client, make_user, monkeypatch):
    from django.contrib.sessions.models import Session

    import wegwijs.accounts.middleware as middleware

    user = make_user(Role.SUPPORTER)
    assert login(client, user.email, PASSWORD).status_code == 302
    import time

    clock = [time.time()]
    monkeypatch.setattr(middleware.time, "time", lambda: clock[0])
    client.get("/mijn-werk/")
    key = client.session.session_key
    first_expiry = Session.objects.get(session_key=key).expire_date
    clock[0] += 30
    client.get("/mijn-werk/")
    assert Session.objects.get(session_key=key).expire_date == first_expiry
    clock[0] += 31
    client.get("/mijn-werk/")
    assert Session.objects.get(session_key=key).expire_date > first_expiry


def test_idle_session_is_logged_out(client, make_user):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    user = make_user(Role.SUPPORTER)
    assert login(client, user.email, PASSWORD).status_code == 302
    assert client.get("/mijn-werk/").status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get("/mijn-werk/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
