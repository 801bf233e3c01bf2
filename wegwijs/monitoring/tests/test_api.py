"""GET /api/v1/monitoring/summary: roles, suppression and the period forms."""

from datetime import date

import pytest
from django.core.management import call_command

from wegwijs.accounts.constants import Role
from wegwijs.accounts.tests import factories as account_factories
from wegwijs.monitoring.tests.helpers import api_for, case, summary

pytestmark = pytest.mark.django_db


@pytest.fixture
def haarlem():
    big = account_factories.organisation("groot-team")
    small = account_factories.organisation("klein-team")
    elsewhere = account_factories.organisation("elders", municipality_slug="bloemendaal")
    big_supporter = account_factories.user(Role.SUPPORTER, organisation_slug=big.slug)
    small_supporter = account_factories.user(Role.SUPPORTER, organisation_slug=small.slug)
    for number in range(23):
        case(
            big_supporter,
            opened_on=date(2025, 2, 1 + number),
            contacts=[date(2025, 2, 1 + number)],
            topic_code="financien" if number < 20 else "vervoer",
        )
    for number in range(4):
        case(small_supporter, opened_on=date(2025, 3, 1 + number), topic_code="financien")
    call_command("refresh_monitoring")
    return {"big": big, "small": small, "elsewhere": elsewhere}


def test_coordinator_sees_own_organisation_exactly(haarlem):
    coordinator = account_factories.user(Role.COORDINATOR, organisation_slug="klein-team")
    body = summary(coordinator, "2025-Q1")
    assert body["suppression"] is None
    assert body["scope"] == {"municipality": None, "organisation": "klein-team"}
    assert body["totals"]["clients"] == 4
    assert body["totals"]["cases"] == 4
    response = api_for(coordinator).get(
        "/api/v1/monitoring/summary", {"period": "2025", "organisation": "groot-team"}
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


def test_municipality_sees_suppressed_figures(haarlem):
    municipality = account_factories.user(Role.MUNICIPALITY, municipality_slug="haarlem")
    small = summary(municipality, "2025-Q1", organisation="klein-team")
    assert small["suppression"] == {"threshold": 10, "rounding": 5}
    assert small["totals"]["clients"] is None  # 4 is below the threshold
    assert small["totals"]["cases"] is None
    big = summary(municipality, "2025-Q1", organisation="groot-team")
    assert big["totals"]["clients"] == 25  # 23 rounded to 5
    topics = {row["topic"]: row for row in big["by_topic"]}
    assert topics["vervoer"]["cases"] is None  # 3
    # 20 + 3 = 23 cases: a shown 'financien' would give away 'vervoer', so it is hidden too.
    assert topics["financien"]["cases"] is None
    assert topics["wonen-opvang"]["cases"] == 0  # zero is shown
    whole = summary(municipality, "2025-Q1", municipality="haarlem")
    assert whole["scope"] == {"municipality": "haarlem", "organisation": None}
    assert whole["totals"]["cases"] is not None


def test_municipality_cannot_see_another_municipality(haarlem):
    municipality = account_factories.user(Role.MUNICIPALITY, municipality_slug="haarlem")
    api = api_for(municipality)
    assert (
        api.get(
            "/api/v1/monitoring/summary", {"period": "2025", "organisation": "elders"}
        ).status_code
        == 404
    )
    assert (
        api.get(
            "/api/v1/monitoring/summary", {"period": "2025", "municipality": "bloemendaal"}
        ).status_code
        == 403
    )


def test_supporter_gets_403(haarlem):
    supporter = account_factories.user(Role.SUPPORTER, organisation_slug="klein-team")
    response = api_for(supporter).get("/api/v1/monitoring/summary", {"period": "2025"})
    assert response.status_code == 403
    assert response.json()["status"] == 403


@pytest.mark.parametrize("period", ["", "2019-Q5", "2019-13", "Q3-2019", "2019-7", "juli"])
def test_unknown_period_form_is_a_400_listing_the_accepted_forms(haarlem, period):
    coordinator = account_factories.user(Role.COORDINATOR, organisation_slug="klein-team")
    response = api_for(coordinator).get("/api/v1/monitoring/summary", {"period": period})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["accepted_forms"] == ["YYYY", "YYYY-Qn", "YYYY-MM"]
    assert "2019-Q3" in body["detail"]
    assert body["invalid_params"][0]["name"] == "period"


def test_anonymous_gets_401():
    response = api_for.__globals__["APIClient"]().get(
        "/api/v1/monitoring/summary", {"period": "2025"}
    )
    assert response.status_code in (401, 403)
