"""Each role reaches its own start page and is refused everywhere else."""

import pytest

from conftest import logged_in_client
from wegwijs.accounts.constants import Role

pytestmark = pytest.mark.django_db

ROLE_PAGES = {
    Role.SUPPORTER: "/mijn-werk/",
    Role.COORDINATOR: "/mijn-organisatie/",
    Role.MUNICIPALITY: "/monitoring/",
    Role.ADMINISTRATOR: "/configuratie/",
}
# A coordinator also works with clients, so "my work" is theirs too, and sees
# the own organisation's exact figures on the monitoring dashboard.
ALSO_ALLOWED = {Role.COORDINATOR: {"/mijn-werk/", "/monitoring/"}}


@pytest.mark.parametrize("role", list(Role))
def test_start_page_sends_each_role_home(make_user, role):
    client = logged_in_client(make_user(role))
    response = client.get("/start/")
    assert response.status_code == 302
    assert response["Location"] == ROLE_PAGES[role]
    assert client.get(ROLE_PAGES[role]).status_code == 200


@pytest.mark.parametrize("role", list(Role))
def test_other_roles_pages_are_forbidden(make_user, role):
    client = logged_in_client(make_user(role))
    for other, page in ROLE_PAGES.items():
        if other == role or page in ALSO_ALLOWED.get(role, set()):
            continue
        response = client.get(page)
        assert response.status_code == 403, (role, page)
        assert "Geen toegang" in response.content.decode()


@pytest.mark.parametrize("page", [*ROLE_PAGES.values(), "/start/"])
def test_anonymous_visitor_is_sent_to_login(client, page):
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=")


def test_public_pages_need_no_login(client, db):
    for page in ("/", "/toegankelijkheid"):
        assert client.get(page).status_code == 200


def test_admin_is_for_the_administrator_only(make_user, client):
    assert logged_in_client(make_user(Role.ADMINISTRATOR)).get("/beheer/").status_code == 200
    for role in (Role.SUPPORTER, Role.COORDINATOR, Role.MUNICIPALITY):
        response = logged_in_client(make_user(role)).get("/beheer/", follow=True)
        assert response.status_code == 403
    # Anonymous visitors log in through the one login page, with 2FA and lockout.
    response = client.get("/beheer/")
    assert response.status_code == 302
    login = client.get(response["Location"])
    assert login.status_code == 302
    assert login["Location"].startswith("/account/login/")


def test_administrator_manages_reference_lists_in_admin(make_user):
    client = logged_in_client(make_user(Role.ADMINISTRATOR))
    response = client.get("/beheer/reference/topic/")
    assert response.status_code == 200
    assert "Financiën en schulden" in response.content.decode()
    response = client.get("/beheer/reference/holiday/")
    assert response.status_code == 200


def test_coordinator_sees_own_organisation_members(make_user):
    coordinator = make_user(Role.COORDINATOR)
    colleague = make_user(
        Role.SUPPORTER, organisation_slug=coordinator.organisation_slug, email="collega@example.org"
    )
    stranger = make_user(Role.SUPPORTER, email="ander@example.org")
    page = logged_in_client(coordinator).get("/mijn-organisatie/").content.decode()
    assert colleague.email in page
    assert stranger.email not in page


def test_error_pages_are_dutch(client, db, settings):
    settings.DEBUG = False
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_member_list_is_paginated_with_constant_queries(make_user, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    coordinator = make_user(Role.COORDINATOR)
    client = logged_in_client(coordinator)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get("/mijn-organisatie/").status_code == 200
        return len(context.captured_queries)

    few = queries()
    for number in range(60):
        make_user(
            Role.SUPPORTER,
            organisation_slug=coordinator.organisation_slug,
            email=f"lid{number:02}@example.org",
        )
    assert queries() == few
    page = client.get("/mijn-organisatie/").content.decode()
    assert "Pagina 1 van 2 (61 in totaal)" in page
    assert 'rel="next" href="?page=2"' in page
    second = client.get("/mijn-organisatie/?page=2").content.decode()
    assert second.count("@example.org</td>") == 11


def test_monitoring_lists_organisations_of_the_own_municipality(make_user):
    from wegwijs.accounts.tests import factories

    factories.organisation("wijkteam-haarlem")
    factories.organisation("elders", municipality_slug="bloemendaal")
    page = logged_in_client(make_user(Role.MUNICIPALITY)).get("/monitoring/").content.decode()
    assert "Wijkteam Haarlem" in page
    assert "Elders" not in page
