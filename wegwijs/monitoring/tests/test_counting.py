"""The counting rules of DOMAIN.md §3 on hand-made cases at period boundaries."""

from datetime import date

import pytest
from django.core.management import call_command

from wegwijs.accounts.constants import Role
from wegwijs.accounts.tests import factories as account_factories
from wegwijs.cases.tests import factories as case_factories
from wegwijs.monitoring.tests.helpers import case, summary

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    organisation = account_factories.organisation("wijkteam-test")
    supporter = account_factories.user(Role.SUPPORTER, organisation_slug=organisation.slug)
    coordinator = account_factories.user(Role.COORDINATOR, organisation_slug=organisation.slug)
    return supporter, coordinator


def test_case_open_on_the_last_day_and_closed_on_the_first_counts_in_both_periods(team):
    supporter, coordinator = team
    # Opened on the last day of Q1, closed on the first day of Q2, two contacts: a trajectory.
    case(
        supporter,
        opened_on=date(2025, 3, 31),
        contacts=[date(2025, 3, 31), date(2025, 4, 1)],
        closed_on=date(2025, 4, 1),
    )
    # Closed the day before Q2 starts: not in Q2.
    case(
        supporter,
        opened_on=date(2025, 2, 1),
        contacts=[date(2025, 2, 3)],
        closed_on=date(2025, 3, 31),
    )
    # Opened the day after Q1 ends: not in Q1.
    case(supporter, opened_on=date(2025, 4, 1), topic_code="wonen-opvang")
    call_command("refresh_monitoring")

    q1 = summary(coordinator, "2025-Q1")
    assert q1["suppression"] is None
    assert q1["totals"] == {
        "clients": 2,
        "cases": 2,
        "contact_moments": 2,
        "minutes": 60,
        "information_advice": 1,  # closed with exactly one contact moment
        "trajectories": 1,
    }
    q2 = summary(coordinator, "2025-Q2")
    assert q2["totals"]["cases"] == 2
    assert q2["totals"]["contact_moments"] == 1
    assert q2["totals"]["information_advice"] == 0
    assert q2["totals"]["trajectories"] == 2  # an open case is a trajectory, whatever its contacts
    by_topic = {row["topic"]: row for row in q2["by_topic"]}
    assert by_topic["wonen-opvang"] == {"topic": "wonen-opvang", "clients": 1, "cases": 1}
    assert by_topic["financien"]["cases"] == 1
    march = summary(coordinator, "2025-03")
    assert march["totals"]["cases"] == 2
    april = summary(coordinator, "2025-04")
    assert april["totals"]["cases"] == 2
    assert april["period"] == {"start": "2025-04-01", "end": "2025-04-30"}
    year = summary(coordinator, "2025")
    assert year["totals"]["cases"] == 3
    assert year["totals"]["contact_moments"] == 3


def test_a_client_counts_once_with_two_cases(team):
    supporter, coordinator = team
    client = case_factories.client(supporter)
    case(supporter, client=client, opened_on=date(2025, 5, 1), contacts=[date(2025, 5, 2)])
    case(supporter, client=client, opened_on=date(2025, 5, 10), topic_code="vervoer")
    call_command("refresh_monitoring")
    body = summary(coordinator, "2025-05")
    assert body["totals"]["clients"] == 1
    assert body["totals"]["cases"] == 2
