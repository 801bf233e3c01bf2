"""Reads of deadlines, and the Atw calendar the rules take as data."""

from datetime import date, timedelta

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wegwijs.accounts.models import User
from wegwijs.cases import access
from wegwijs.cases.models import Case
from wegwijs.core.errors import NotFound, PermissionDenied
from wegwijs.deadlines import rules
from wegwijs.deadlines.constants import NOTICE_DAYS, DeadlineStatus, ReminderChannel
from wegwijs.deadlines.models import CalendarFeedToken, Deadline, DeadlineReminder
from wegwijs.reference.atw import statutory_feestdagen
from wegwijs.reference.constants import HolidayKind
from wegwijs.reference.models import Holiday

ACTIVE_STATUSES = (DeadlineStatus.OPEN, DeadlineStatus.MISSED)


def calendar_between(*, first: date, last: date) -> rules.Calendar:
    """The feestdagen from the Holiday table between ``first`` and ``last``.

    Years the table holds no statutory feestdag for (the administrator loads
    a window of years) get them from the Atw formula, so a computation far
    in the past or future never silently treats Easter as a working day.
    Royal Decree days have no formula: they exist only as data.
    """
    rows = list(
        Holiday.objects.filter(date__range=(first, last)).values_list(
            "date", "name_nl", "kind", "name_en"
        )
    )
    days: list[tuple[date, str, bool, str]] = [
        (day, name, kind == HolidayKind.ROYAL_DECREE, name_en) for day, name, kind, name_en in rows
    ]
    years_in_table = {row[0].year for row in rows if row[2] == HolidayKind.STATUTORY}
    known = {row[0] for row in rows}
    for year in range(first.year, last.year + 1):
        if year not in years_in_table:
            days += [
                (day.date, day.name_nl, False, day.name_en)
                for day in statutory_feestdagen(year)
                if day.date not in known
            ]
    return rules.Calendar.from_days(days, first=first, last=last)


def calendar_for(event: date) -> rules.Calendar:
    """A calendar long enough for any term that starts after ``event``."""
    first, last = rules.calendar_span(event)
    return calendar_between(first=first, last=last)


def term_compute(
    *, kind: str, event_date: date, committee: bool = False, postponed: bool = False
) -> rules.Term:
    """The term of ``kind`` after ``event_date``; raises ``rules.RuleError`` on bad options."""
    return rules.compute(
        kind, event_date, calendar_for(event_date), committee=committee, postponed=postponed
    )


def _with_case(deadlines: QuerySet[Deadline]) -> QuerySet[Deadline]:
    return deadlines.select_related("case__client", "case__topic")


def my_deadlines(*, user: User, active_only: bool = True) -> QuerySet[Deadline]:
    """Deadlines on the cases assigned to ``user``, the first due first."""
    cases = access.cases_for(user).filter(supporters=user)
    deadlines = Deadline.objects.filter(organisation=user.organisation, case__in=cases)
    if active_only:
        deadlines = deadlines.filter(status__in=ACTIVE_STATUSES)
    return _with_case(deadlines).order_by("due_date", "id")


def case_deadlines(*, user: User, case: Case) -> QuerySet[Deadline]:
    """The deadlines of ``case`` if ``user`` may see it (none otherwise), the first due first."""
    cases = access.cases_for(user).filter(pk=case.pk)
    return _with_case(
        Deadline.objects.filter(organisation=user.organisation, case__in=cases)
    ).order_by("due_date", "id")


def deadline_get(*, user: User, pk: int) -> Deadline:
    """The deadline ``pk`` on a case ``user`` may see (``NotFound`` otherwise)."""
    cases = access.cases_for(user)
    deadline = (
        Deadline.objects.filter(pk=pk, organisation=user.organisation, case__in=cases)
        .select_related("case__client", "case__topic")
        .first()
    )
    if deadline is None:
        raise NotFound(_("Deze termijn bestaat niet of u heeft er geen toegang toe."))
    return deadline


def my_notices(*, user: User) -> QuerySet[DeadlineReminder]:
    """The in-app reminders of the last ``NOTICE_DAYS`` days for ``user``."""
    since = timezone.now() - timedelta(days=NOTICE_DAYS)
    return (
        DeadlineReminder.objects.filter(
            recipient=user,
            channel=ReminderChannel.IN_APP,
            sent_at__gte=since,
            deadline__case__in=access.cases_for(user),
        )
        .select_related("deadline__case__client", "deadline__case__topic")
        .order_by("-sent_at", "-id")
    )


def feed_token_of(*, user: User) -> CalendarFeedToken | None:
    return CalendarFeedToken.objects.filter(user=user).first()


def feed_deadlines(*, token: str) -> QuerySet[Deadline] | None:
    """The active deadlines of the supporter of feed ``token``, or None for no such feed."""
    if not token:
        return None
    found = CalendarFeedToken.objects.filter(token=token).select_related("user").first()
    if found is None or not found.user.is_active:
        return None
    try:
        return my_deadlines(user=found.user)
    except PermissionDenied:  # the user's role no longer works with clients
        return None
