"""The coordinator decides whether supporters see all of the organisation's cases."""

import pytest
from django.test import Client

from wegwijs.accounts.constants import Role
from wegwijs.accounts.tests import factories as account_factories
from wegwijs.cases.tests import factories
from wegwijs.core.models import AuditEntry

URL = "/mijn-organisatie/zichtbaarheid/"


@pytest.fixture
def team(db):
    organisation = account_factories.organisation("wijkteam")
    coordinator = account_factories.user(Role.COORDINATOR, organisation_slug=organisation.slug)
    supporter = account_factories.user(Role.SUPPORTER, organisation_slug=organisation.slug)
    others_case = factories.case(coordinator, supporter_ids=[coordinator.pk])
    own_case = factories.case(supporter)
    return coordinator, supporter, others_case, own_case


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_coordinator_sees_the_setting_on_the_organisation_page(team):
    coordinator, *_ = team
    page = _logged_in(coordinator).get("/mijn-organisatie/").content.decode()
    assert "Wie ziet welke kwesties" in page
    assert "checked" in page.split('value="alle"')[1].split(">")[0]
    assert "checked" not in page.split('value="eigen"')[1].split(">")[0]


def test_only_own_cases_then_all_again(team):
    coordinator, supporter, others_case, own_case = team
    as_supporter = _logged_in(supporter)
    assert as_supporter.get(f"/kwesties/{others_case.pk}/").status_code == 200

    response = _logged_in(coordinator).post(URL, {"zichtbaarheid": "eigen"})
    assert response.status_code == 302
    assert as_supporter.get(f"/kwesties/{others_case.pk}/").status_code == 404
    assert as_supporter.get(f"/kwesties/{own_case.pk}/").status_code == 200
    listed = as_supporter.get("/kwesties/").content.decode()
    assert f"/kwesties/{own_case.pk}/" in listed
    assert f"/kwesties/{others_case.pk}/" not in listed
    # Coordinators always see everything.
    assert _logged_in(coordinator).get(f"/kwesties/{others_case.pk}/").status_code == 200

    _logged_in(coordinator).post(URL, {"zichtbaarheid": "alle"})
    assert as_supporter.get(f"/kwesties/{others_case.pk}/").status_code == 200
    changes = AuditEntry.objects.filter(event="organisation.case_visibility_changed")
    assert [entry.detail for entry in changes.order_by("id")] == [
        {"supporters_see_all_cases": False},
        {"supporters_see_all_cases": True},
    ]


def test_saving_the_same_value_changes_and_logs_nothing(team):
    coordinator, *_ = team
    _logged_in(coordinator).post(URL, {"zichtbaarheid": "alle"})
    assert not AuditEntry.objects.filter(event="organisation.case_visibility_changed").exists()


def test_bad_value_is_a_message_and_changes_nothing(team):
    coordinator, *_ = team
    response = _logged_in(coordinator).post(URL, {"zichtbaarheid": "iedereen"})
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode() or (
        "iedereen" in response.content.decode()
    )
    coordinator.organisation.refresh_from_db()
    assert coordinator.organisation.supporters_see_all_cases is True


@pytest.mark.parametrize("role", [Role.SUPPORTER, Role.MUNICIPALITY, Role.ADMINISTRATOR])
def test_other_roles_may_not_change_it(team, role):
    coordinator, *_ = team
    kwargs = {"organisation_slug": "wijkteam"} if role == Role.SUPPORTER else {}
    user = account_factories.user(role, **kwargs)
    assert _logged_in(user).post(URL, {"zichtbaarheid": "eigen"}).status_code == 403
    coordinator.organisation.refresh_from_db()
    assert coordinator.organisation.supporters_see_all_cases is True


def test_only_post(team):
    coordinator, *_ = team
    assert _logged_in(coordinator).get(URL).status_code == 405
