"""Rate limits on login and the API, with clear Dutch messages (English when chosen).

Login: allauth counts failed logins per e-mail address (the lockout) and all
login attempts per client address; the API counts anonymous calls per
client address and authenticated calls per token. All counts live in the
cache (Redis in production, shared by every app server).
"""

import pytest
from django.core.cache import cache
from django.test import Client
from rest_framework.test import APIClient

from wegwijs.accounts.constants import Role
from wegwijs.accounts.services import api_token_create
from wegwijs.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

COMPUTE = "/api/v1/deadlines/compute"


@pytest.fixture(autouse=True)
def _clean_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def low_api_rates(settings):
    settings.WEGWIJS_API_RATES = {"anonymous": "3/minute", "token": "4/minute"}


def login(client: Client, email: str, password: str, **extra):
    return client.post("/account/login/", {"login": email, "password": password}, **extra)


class TestApi:
    def test_anonymous_calls_are_limited_per_address(self, low_api_rates):
        client = APIClient()
        for _ in range(3):
            assert client.get(COMPUTE, REMOTE_ADDR="192.0.2.1").status_code != 429
        response = client.get(COMPUTE, REMOTE_ADDR="192.0.2.1")
        assert response.status_code == 429
        assert response["Content-Type"] == "application/problem+json"
        retry_after = int(response["Retry-After"])
        assert 0 < retry_after <= 60
        body = response.json()
        assert body["status"] == 429
        assert body["code"] == "throttled"
        assert body["title"] == "Too Many Requests"
        assert body["instance"] == COMPUTE
        assert body["detail"] == (
            f"U doet te veel verzoeken. Probeer het over {retry_after} seconden opnieuw."
        )
        # Another address has its own count.
        assert client.get(COMPUTE, REMOTE_ADDR="192.0.2.2").status_code != 429

    def test_the_message_is_english_when_asked(self, low_api_rates):
        client = APIClient()
        for _ in range(3):
            client.get(COMPUTE)
        response = client.get(COMPUTE, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 429
        assert response.json()["detail"].startswith("You are making too many requests. Try again")

    def test_each_token_has_its_own_count(self, low_api_rates, make_user):
        first = api_token_create(email=make_user(Role.COORDINATOR).email)
        second = api_token_create(email=make_user(Role.COORDINATOR).email)
        client = APIClient()
        for _ in range(4):
            response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Token {first}")
            assert response.status_code == 200
        response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Token {first}")
        assert response.status_code == 429
        assert "Retry-After" in response
        # Same address, another token: not limited; the anonymous count is apart too.
        response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Token {second}")
        assert response.status_code == 200
        assert client.get(COMPUTE).status_code != 429
        # The raw token never becomes a cache key.
        keys = list(cache._cache.keys())  # type: ignore[attr-defined]
        assert keys
        assert not any(first in key for key in keys)


class TestLogin:
    def test_failed_logins_lock_the_account_with_a_dutch_message(self, client, make_user, settings):
        user = make_user(Role.SUPPORTER)
        for _ in range(settings.WEGWIJS_LOCKOUT_FAILURES):
            page = login(client, user.email, "fout-wachtwoord-123").content.decode()
            assert "Het e-mailadres of het wachtwoord is niet juist." in page
        page = login(client, user.email, PASSWORD).content.decode()
        assert "Te vaak een verkeerd wachtwoord. Uw account is tijdelijk geblokkeerd." in page
        assert "_auth_user_id" not in client.session

    def test_the_lockout_message_is_english_when_chosen(self, client, make_user, settings):
        user = make_user(Role.SUPPORTER)
        client.cookies["django_language"] = "en"
        for _ in range(settings.WEGWIJS_LOCKOUT_FAILURES):
            login(client, user.email, "fout-wachtwoord-123")
        page = login(client, user.email, PASSWORD).content.decode()
        assert "Te vaak" not in page
        assert "Too many wrong passwords. Your account is blocked for a while." in page

    def test_many_logins_from_one_address_get_a_429_page(self, make_user, settings):
        settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "5/m/ip"}
        client = Client()
        for n in range(5):
            response = login(client, f"iemand-{n}@example.org", "fout-wachtwoord-123")
            assert response.status_code == 200
        response = login(client, "nog-iemand@example.org", "fout-wachtwoord-123")
        assert response.status_code == 429
        page = response.content.decode()
        assert '<h1 class="utrecht-heading-1">Te veel pogingen</h1>' in page
        assert "Wacht een paar minuten" in page
        # The login page itself still opens, and another address may log in.
        assert client.get("/account/login/").status_code == 200
        user = make_user(Role.SUPPORTER)
        response = login(Client(), user.email, PASSWORD, REMOTE_ADDR="198.51.100.9")
        assert response.status_code == 302

    def test_the_429_page_is_english_when_chosen(self, settings):
        settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "1/m/ip"}
        client = Client()
        client.cookies["django_language"] = "en"
        login(client, "iemand@example.org", "fout-wachtwoord-123")
        response = login(client, "iemand@example.org", "fout-wachtwoord-123")
        assert response.status_code == 429
        assert "Too many attempts" in response.content.decode()

    def test_default_login_limits_are_set(self, settings):
        from allauth.account import app_settings

        limits = app_settings.RATE_LIMITS
        assert limits["login"] == "30/m/ip"
        assert limits["login_failed"].endswith(
            f"{settings.WEGWIJS_LOCKOUT_FAILURES}/{settings.WEGWIJS_LOCKOUT_MINUTES * 60}s/key"
        )
