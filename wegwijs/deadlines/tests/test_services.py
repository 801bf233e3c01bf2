"""Deadline services: what they store, what they refuse, what they log; the reminder run."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from wegwijs.accounts.constants import Role
from wegwijs.accounts.tests import factories as account_factories
from wegwijs.cases import services as case_services
from wegwijs.cases.tests import factories
from wegwijs.core.errors import NotFound, PermissionDenied, ValidationFailed
from wegwijs.core.models import AuditEntry
from wegwijs.deadlines import rules, services
from wegwijs.deadlines.constants import AuditEvent, DeadlineKind, DeadlineStatus, ReminderChannel
from wegwijs.deadlines.models import Deadline, DeadlineReminder
from wegwijs.deadlines.selectors import calendar_between, my_deadlines
from wegwijs.reference.models import Holiday

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_spring_2026(monkeypatch):
    """Today is Monday 30 March 2026, so the April and May 2026 examples are ahead."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: date(2026, 3, 30))


def test_kinds_match_the_rules():
    assert set(DeadlineKind.values) == {kind.value for kind in rules.Kind}


def test_calendar_from_the_holiday_table_has_the_bridge_days():
    calendar = calendar_between(first=date(2026, 1, 1), last=date(2026, 12, 31))
    assert calendar.days_off[date(2026, 5, 15)].royal_decree
    assert not calendar.days_off[date(2026, 5, 5)].royal_decree


def test_a_bridge_day_the_administrator_adds_counts():
    Holiday.objects.create(
        date=date(2029, 5, 11),
        name_nl="Vrijdag na Hemelvaartsdag",
        name_en="x",
        kind="koninklijk-besluit",
    )
    calendar = calendar_between(first=date(2029, 1, 1), last=date(2029, 12, 31))
    assert not calendar.is_working_day(date(2029, 5, 11))


def test_calendar_outside_the_table_falls_back_to_the_statutory_days():
    calendar = calendar_between(first=date(2050, 1, 1), last=date(2050, 12, 31))
    assert not calendar.is_working_day(date(2050, 12, 26))


def test_deadline_add_stores_the_computed_term_and_logs(supporter, in_spring_2026):
    case = factories.case(supporter)
    deadline = services.deadline_add(
        actor=supporter, case=case, kind="bezwaar", start_date=date(2026, 3, 24)
    )
    assert deadline.organisation_id == case.organisation_id
    assert deadline.raw_end == date(2026, 5, 5)
    assert deadline.due_date == date(2026, 5, 6)
    assert deadline.explanation == [
        {
            "date": "2026-05-05",
            "reason": "Bevrijdingsdag (feestdag, Atw art. 3)",
            "cause": "feestdag",
            "holiday": "Bevrijdingsdag",
            "holiday_en": "Liberation Day",
        }
    ]
    assert "6:7" in deadline.basis
    assert deadline.status == DeadlineStatus.OPEN
    entry = AuditEntry.objects.get(event=AuditEvent.DEADLINE_ADDED)
    assert entry.client_id == str(case.client_id)


def test_deadline_add_with_options(supporter):
    case = factories.case(supporter)
    deadline = services.deadline_add(
        actor=supporter,
        case=case.pk,
        kind="beslistermijn-bezwaar",
        start_date=date(2026, 4, 23),
        committee=True,
        postponed=True,
    )
    assert deadline.due_date == date(2026, 8, 27)
    assert deadline.committee
    assert deadline.postponed
    with pytest.raises(ValidationFailed):
        services.deadline_add(
            actor=supporter, case=case, kind="bezwaar", start_date=date(2026, 3, 1), committee=True
        )
    with pytest.raises(ValidationFailed):
        services.deadline_add(actor=supporter, case=case, kind="nee", start_date=date(2026, 3, 1))


def test_another_organisations_case_does_not_exist(supporter):
    case = factories.case(supporter)
    stranger = account_factories.user(Role.SUPPORTER)
    with pytest.raises(NotFound):
        services.deadline_add(
            actor=stranger, case=case, kind="bezwaar", start_date=date(2026, 3, 12)
        )
    assert not Deadline.objects.exists()


def test_a_municipality_may_not_add_deadlines(supporter, municipality_user):
    case = factories.case(supporter)
    with pytest.raises(PermissionDenied):
        services.deadline_add(
            actor=municipality_user, case=case, kind="bezwaar", start_date=date(2026, 3, 12)
        )


def test_mark_met_and_cancel(supporter):
    case = factories.case(supporter)
    today = timezone.localdate()
    deadline = services.deadline_add(
        actor=supporter, case=case, kind="bezwaar", start_date=today - timedelta(days=3)
    )
    with pytest.raises(ValidationFailed):
        services.deadline_mark_met(
            actor=supporter, deadline=deadline, met_on=today + timedelta(days=1)
        )
    met = services.deadline_mark_met(actor=supporter, deadline=deadline, met_on=today)
    assert (met.status, met.met_on) == (DeadlineStatus.MET, today)
    with pytest.raises(ValidationFailed):
        services.deadline_cancel(actor=supporter, deadline=met)
    other = services.deadline_add(
        actor=supporter, case=case, kind="wmo-onderzoek", start_date=today
    )
    stranger = account_factories.user(Role.SUPPORTER)
    with pytest.raises(NotFound):
        services.deadline_cancel(actor=stranger, deadline=other)
    assert services.deadline_cancel(actor=supporter, deadline=other).status == "geannuleerd"
    events = set(AuditEntry.objects.values_list("event", flat=True))
    assert {AuditEvent.DEADLINE_MET, AuditEvent.DEADLINE_CANCELLED} <= events


def test_met_after_the_due_date_is_refused(supporter, in_spring_2026):
    case = factories.case(supporter)
    deadline = services.deadline_add(
        actor=supporter, case=case, kind="bezwaar", start_date=date(2026, 3, 12)
    )
    with pytest.raises(ValidationFailed):
        services.deadline_mark_met(actor=supporter, deadline=deadline, met_on=date(2026, 4, 24))


# --- Reminders -------------------------------------------------------------------------


def _case_with_two_supporters(supporter):
    colleague = account_factories.user(
        Role.SUPPORTER, organisation_slug=supporter.organisation.slug
    )
    case = factories.case(supporter, supporter_ids=[supporter.pk, colleague.pk])
    return case, colleague


def test_reminder_run_twice_sends_each_reminder_once(supporter, in_spring_2026):
    case, colleague = _case_with_two_supporters(supporter)
    # Due Wednesday 6 May 2026; 5 working days before: 28 April (27 is Koningsdag).
    deadline = services.deadline_add(
        actor=supporter, case=case, kind="bezwaar", start_date=date(2026, 3, 24)
    )
    mail.outbox.clear()
    call_command("send_deadline_reminders", "--date", "2026-04-27")
    assert len(mail.outbox) == 0
    for _run in range(2):
        call_command("send_deadline_reminders", "--date", "2026-04-28")
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [supporter.email, colleague.email]
    )
    assert "06-05-2026" in mail.outbox[0].subject
    assert case.client.family_name not in mail.outbox[0].body
    assert case.client.reference in mail.outbox[0].body
    # The 1-day reminder on Tuesday 5 May? No: 5 May is a feestdag, so Monday 4 May.
    call_command("send_deadline_reminders", "--date", "2026-05-04")
    call_command("send_deadline_reminders", "--date", "2026-05-04")
    assert len(mail.outbox) == 4
    assert DeadlineReminder.objects.filter(deadline=deadline).count() == 8
    assert (
        DeadlineReminder.objects.filter(recipient=colleague, channel=ReminderChannel.IN_APP).count()
        == 2
    )


@override_settings(WEGWIJS_DEADLINE_REMINDER_DAYS=[3])
def test_reminder_days_come_from_the_setting(supporter, in_spring_2026):
    case = factories.case(supporter)
    services.deadline_add(actor=supporter, case=case, kind="bezwaar", start_date=date(2026, 3, 12))
    mail.outbox.clear()
    services.deadline_reminders_send(today=date(2026, 4, 17))  # 4 working days before
    assert len(mail.outbox) == 0
    services.deadline_reminders_send(today=date(2026, 4, 20))  # 3 working days before
    assert len(mail.outbox) == 1


def test_a_late_added_deadline_gets_one_reminder_per_slot(supporter, in_spring_2026):
    case = factories.case(supporter)
    services.deadline_add(actor=supporter, case=case, kind="bezwaar", start_date=date(2026, 3, 12))
    mail.outbox.clear()
    # Due Thursday 23 April; on Monday 20 April the 5-day slot has passed.
    services.deadline_reminders_send(today=date(2026, 4, 20))
    services.deadline_reminders_send(today=date(2026, 4, 21))
    assert len(mail.outbox) == 1
    services.deadline_reminders_send(today=date(2026, 4, 22))
    assert len(mail.outbox) == 2


def test_the_run_marks_overdue_deadlines_missed(supporter, in_spring_2026):
    case = factories.case(supporter)
    deadline = services.deadline_add(
        actor=supporter, case=case, kind="bezwaar", start_date=date(2026, 3, 12)
    )
    services.deadline_reminders_send(today=date(2026, 4, 23))
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.OPEN
    services.deadline_reminders_send(today=date(2026, 4, 24))
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.MISSED
    assert AuditEntry.objects.filter(event=AuditEvent.DEADLINE_MISSED).count() == 1
    assert list(my_deadlines(user=supporter)) == [deadline]


def test_the_celery_task_calls_the_same_service(supporter):
    from wegwijs.deadlines.tasks import send_deadline_reminders

    result = send_deadline_reminders.delay().get()
    assert result == {"missed": 0, "emails": 0, "notices": 0, "skipped": []}


def test_a_supporter_taken_off_the_case_gets_no_reminder(supporter, in_spring_2026):
    case, _colleague = _case_with_two_supporters(supporter)
    services.deadline_add(actor=supporter, case=case, kind="bezwaar", start_date=date(2026, 3, 12))
    case_services.case_update(
        actor=supporter, case=case, version=case.version, supporter_ids=[supporter.pk]
    )
    mail.outbox.clear()
    services.deadline_reminders_send(today=date(2026, 4, 22))
    assert [message.to[0] for message in mail.outbox] == [supporter.email]


def test_a_term_that_ended_before_it_was_added_is_missed_at_once(supporter):
    case = factories.case(supporter)
    deadline = services.deadline_add(
        actor=supporter,
        case=case,
        kind="bezwaar",
        start_date=timezone.localdate() - timedelta(days=60),
    )
    assert deadline.status == DeadlineStatus.MISSED


def test_a_supporter_who_moved_to_another_organisation_gets_no_reminder(supporter, in_spring_2026):
    from wegwijs.accounts.models import Membership

    case, colleague = _case_with_two_supporters(supporter)
    services.deadline_add(actor=supporter, case=case, kind="bezwaar", start_date=date(2026, 3, 12))
    elsewhere = account_factories.organisation()
    Membership.objects.filter(user=colleague).update(organisation=elsewhere)
    mail.outbox.clear()
    services.deadline_reminders_send(today=date(2026, 4, 22))
    assert [message.to[0] for message in mail.outbox] == [supporter.email]


def test_the_holiday_table_gives_the_same_calendar_as_the_pure_data():
    from wegwijs.deadlines.tests.calendars import nl_calendar

    first, last = date(2020, 1, 1), date(2040, 12, 31)
    from_table = calendar_between(first=first, last=last)
    pure = nl_calendar()
    assert {day: off for day, off in pure.days_off.items() if first <= day <= last} == dict(
        from_table.days_off
    )


def test_reminders_are_scheduled_daily():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["deadline-reminders"]
    assert entry["task"] == "wegwijs.deadlines.send_reminders"
    from config.celery import app

    app.loader.import_default_modules()
    assert "wegwijs.deadlines.send_reminders" in app.tasks
