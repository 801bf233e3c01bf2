"""Rollups kept current incrementally equal a full rebuild."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from wegwijs.accounts.constants import Role
from wegwijs.accounts.tests import factories as account_factories
from wegwijs.cases import services
from wegwijs.cases.tests import factories as case_factories
from wegwijs.monitoring.models import DirtyMonth, Figure
from wegwijs.monitoring.tests.helpers import at, case, summary

pytestmark = pytest.mark.django_db


def snapshot() -> set[tuple]:
    fields = [f.name for f in Figure._meta.fields if f.name != "id"]
    return {
        tuple(
            getattr(row, name)
            if not name.endswith("organisation") and not name.endswith("municipality")
            else getattr(row, f"{name}_id")
            for name in fields
        )
        for row in Figure.objects.all()
    }


def test_incremental_refresh_equals_a_full_rebuild(django_capture_on_commit_callbacks):
    organisation = account_factories.organisation("wijkteam-a")
    other = account_factories.organisation("wijkteam-b")
    supporter = account_factories.user(Role.SUPPORTER, organisation_slug=organisation.slug)
    other_supporter = account_factories.user(Role.SUPPORTER, organisation_slug=other.slug)
    today = timezone.localdate()
    start = today - timedelta(days=70)
    with django_capture_on_commit_callbacks(execute=True):
        shared = case_factories.client(
            supporter,
            date_of_birth=date(1950, 1, 1),
            family_name="Jansen",
            postcode="2011AB",
            house_number="1",
        )
    with django_capture_on_commit_callbacks(execute=True):
        first = case(
            supporter, client=shared, opened_on=start, contacts=[start, start + timedelta(days=40)]
        )
    with django_capture_on_commit_callbacks(execute=True):
        same_person = case_factories.client(
            other_supporter,
            date_of_birth=date(1950, 1, 1),
            family_name="Jansen",
            postcode="2011 AB",
            house_number="1",
        )
        case(
            other_supporter,
            client=same_person,
            opened_on=start + timedelta(days=5),
            contacts=[start + timedelta(days=6)],
            closed_on=start + timedelta(days=6),
        )
    with django_capture_on_commit_callbacks(execute=True):
        first.refresh_from_db()
        services.case_close(
            actor=supporter,
            case=first,
            version=first.version,
            outcome_code="doorverwezen",
            closed_on=today,
        )
    with django_capture_on_commit_callbacks(execute=True):
        moment = case_factories.contact_moment(
            supporter,
            case_obj=case(supporter, opened_on=start, topic_code="vervoer"),
            occurred_at=at(start + timedelta(days=1)),
        )
    with django_capture_on_commit_callbacks(execute=True):
        moment.refresh_from_db()
        services.contact_moment_update(
            actor=supporter,
            contact_moment=moment,
            version=moment.version,
            occurred_at=at(today - timedelta(days=1), hour=0),  # never later than now
            channel_code="email",
            activity_code="meedenken",
            minutes=45,
        )
    assert not DirtyMonth.objects.exists()
    incremental = snapshot()
    assert incremental
    call_command("refresh_monitoring")
    assert snapshot() == incremental
    # Unique residents across organisations: the same person at two organisations counts once.
    municipality = account_factories.user(Role.MUNICIPALITY, municipality_slug="haarlem")
    year = str(start.year) if start.year == today.year else None
    if year:
        from wegwijs.monitoring import periods
        from wegwijs.monitoring.selectors import viewer_for

        viewer = viewer_for(municipality)
        cells = viewer.cells(None, periods.Period("Y", date(today.year, 1, 1)))
        assert cells[("total", "")]["clients"] is None  # 2 residents: below the threshold
        rows = Figure.objects.get(
            municipality__slug="haarlem",
            period_kind="Y",
            period_start=date(today.year, 1, 1),
            dimension="total",
        )
        assert rows.clients == 2  # 'Jansen' counts once, the anonymous-free second client once


def test_refresh_command_for_one_organisation_and_unknown(capsys):
    organisation = account_factories.organisation("wijkteam-c")
    supporter = account_factories.user(Role.SUPPORTER, organisation_slug=organisation.slug)
    case(supporter, opened_on=date(2025, 1, 5), contacts=[date(2025, 1, 5)])
    call_command("refresh_monitoring", "--organisation", "wijkteam-c")
    coordinator = account_factories.user(Role.COORDINATOR, organisation_slug=organisation.slug)
    assert summary(coordinator, "2025-01")["totals"]["contact_moments"] == 1
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Onbekende organisatie"):
        call_command("refresh_monitoring", "--organisation", "bestaat-niet")
