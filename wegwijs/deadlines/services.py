"""Writes of deadlines: add, mark met, cancel, the reminder run, the calendar feed.

The case is reached only through ``wegwijs.cases.access`` (the one door), and
every change writes its audit entry in its own transaction.
"""

import logging
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wegwijs.accounts.models import User
from wegwijs.accounts.permissions import Capability, has_capability
from wegwijs.cases import access
from wegwijs.cases.models import Case
from wegwijs.core.audit import audit_log
from wegwijs.core.errors import ValidationFailed
from wegwijs.deadlines import explain, rules, selectors
from wegwijs.deadlines.constants import (
    DEFAULT_REMINDER_DAYS,
    AuditEvent,
    DeadlineKind,
    DeadlineStatus,
    ReminderChannel,
)
from wegwijs.deadlines.models import CalendarFeedToken, Deadline, DeadlineReminder

logger = logging.getLogger(__name__)

# Event dates this far from today are almost certainly typing errors.
MAX_YEARS_AWAY = 5
FEED_TOKEN_BYTES = 32  # 43 URL-safe characters


def _case_pk(case: Case | int) -> Any:
    return case.pk if isinstance(case, Case) else case


def _explanation(term: rules.Term) -> list[dict[str, str]]:
    return [explain.stored(move) for move in term.moved]


def _locked(deadline: Deadline) -> Deadline:
    return Deadline.objects.select_for_update().get(pk=deadline.pk)


# --- Deadlines ------------------------------------------------------------------


@transaction.atomic
def deadline_add(
    *,
    actor: User,
    case: Case | int,
    kind: str,
    start_date: date,
    committee: bool = False,
    postponed: bool = False,
) -> Deadline:
    """Track a term of ``kind`` on ``case`` that starts the day after ``start_date``.

    ``start_date`` is the event the term runs from (the bekendmaking of a
    decision, the receipt of a complaint, a melding); the due date and the
    explanation of every day it moved are computed and stored.
    """
    case_obj = access.case_get(actor, _case_pk(case), audit=False)
    if kind not in DeadlineKind.values:
        raise ValidationFailed(_("Kies een soort termijn."), field="kind")
    today = timezone.localdate()
    if abs(start_date.year - today.year) > MAX_YEARS_AWAY:
        raise ValidationFailed(_("Controleer de datum: die ligt te ver weg."), field="start_date")
    try:
        term = selectors.term_compute(
            kind=kind, event_date=start_date, committee=committee, postponed=postponed
        )
    except rules.RuleError:
        raise ValidationFailed(
            _("Deze keuze hoort niet bij deze soort termijn."), field="committee"
        ) from None
    deadline = Deadline(
        organisation_id=case_obj.organisation_id,
        case=case_obj,
        kind=kind,
        event_date=term.date,
        start_date=term.start,
        committee=committee,
        postponed=postponed,
        basis=term.basis,
        raw_end=term.raw_end,
        due_date=term.end,
        explanation=_explanation(term),
        # A term that ended before it was recorded is missed from the start.
        status=DeadlineStatus.MISSED if term.end < today else DeadlineStatus.OPEN,
        created_by=actor,
    )
    deadline.full_clean(exclude=["case", "organisation", "created_by"])
    deadline.save()
    audit_log(
        event=AuditEvent.DEADLINE_ADDED,
        actor=actor,
        obj=deadline,
        client_id=case_obj.client_id,
        detail={"kind": kind, "due_date": term.end.isoformat()},
    )
    return deadline


@transaction.atomic
def deadline_mark_met(*, actor: User, deadline: Deadline, met_on: date) -> Deadline:
    """Record that the term was met on ``met_on`` (for example: the bezwaar was filed)."""
    case = access.case_get(actor, deadline.case_id, audit=False)
    deadline = _locked(deadline)
    if deadline.status not in (DeadlineStatus.OPEN, DeadlineStatus.MISSED):
        raise ValidationFailed(_("Deze termijn is al afgesloten."), field="status")
    if met_on > timezone.localdate():
        raise ValidationFailed(_("Deze datum ligt in de toekomst."), field="met_on")
    if met_on < deadline.event_date:
        raise ValidationFailed(_("Deze datum ligt vóór het begin van de termijn."), field="met_on")
    if met_on > deadline.due_date:
        raise ValidationFailed(
            _("Deze datum ligt na de uiterste datum: dan is de termijn niet gehaald."),
            field="met_on",
        )
    deadline.status = DeadlineStatus.MET
    deadline.met_on = met_on
    deadline.save(update_fields=["status", "met_on", "updated_at"])
    audit_log(
        event=AuditEvent.DEADLINE_MET,
        actor=actor,
        obj=deadline,
        client_id=case.client_id,
        detail={"met_on": met_on.isoformat()},
    )
    return deadline


@transaction.atomic
def deadline_cancel(*, actor: User, deadline: Deadline) -> Deadline:
    """Stop tracking a term that no longer applies (no bezwaar after all, a withdrawn request)."""
    case = access.case_get(actor, deadline.case_id, audit=False)
    deadline = _locked(deadline)
    if deadline.status not in (DeadlineStatus.OPEN, DeadlineStatus.MISSED):
        raise ValidationFailed(_("Deze termijn is al afgesloten."), field="status")
    deadline.status = DeadlineStatus.CANCELLED
    deadline.save(update_fields=["status", "updated_at"])
    audit_log(
        event=AuditEvent.DEADLINE_CANCELLED, actor=actor, obj=deadline, client_id=case.client_id
    )
    return deadline


# --- Reminders ----------------------------------------------------------------------


@dataclass
class ReminderReport:
    missed: int = 0
    emails: int = 0
    notices: int = 0
    skipped: list[str] = field(default_factory=list)


def reminder_days() -> list[int]:
    """The working days before a due date on which reminders go out, largest first."""
    days = getattr(settings, "WEGWIJS_DEADLINE_REMINDER_DAYS", DEFAULT_REMINDER_DAYS)
    return sorted({int(day) for day in days if int(day) >= 0}, reverse=True)


def deadlines_mark_missed(*, today: date) -> int:
    """Mark open deadlines whose due date has passed as missed; log each."""
    count = 0
    overdue = Deadline.objects.filter(status=DeadlineStatus.OPEN, due_date__lt=today)
    for deadline in overdue.select_related("case").iterator():
        with transaction.atomic():
            updated = Deadline.objects.filter(pk=deadline.pk, status=DeadlineStatus.OPEN).update(
                status=DeadlineStatus.MISSED, updated_at=timezone.now()
            )
            if updated:
                audit_log(
                    event=AuditEvent.DEADLINE_MISSED,
                    actor=None,
                    obj=deadline,
                    client_id=deadline.case.client_id,
                )
                count += 1
    return count


def _due_slot(due: date, today: date, days: list[int], calendar: rules.Calendar) -> int | None:
    """The reminder slot (working days before ``due``) that is due today, if any.

    The most urgent slot whose day has come: a deadline added three working
    days before its end gets the 5-day reminder once, then the 1-day one.
    """
    reached = [n for n in days if calendar.working_days_before(due, n) <= today]
    return min(reached) if reached else None


def _may_receive(user: User, case: Case) -> bool:
    """Only active supporters who still work with clients of the case's organisation."""
    membership = user._membership
    return (
        has_capability(user, Capability.WORK_WITH_CLIENTS)
        and membership is not None
        and membership.organisation_id == case.organisation_id
    )


def _case_link(case: Case) -> str:
    # Mail has no request to build an absolute URL from; without the
    # installation's address a bare path would only confuse.
    base = getattr(settings, "WEGWIJS_BASE_URL", "").rstrip("/")
    if not base:
        return ""
    try:
        return base + reverse("cases:case-detail", args=[case.pk])
    except NoReverseMatch:  # pragma: no cover - the case pages are always wired
        return ""


def _send_email(reminder: DeadlineReminder, *, working_days_left: int) -> None:
    deadline = reminder.deadline
    recipient = reminder.recipient
    context = {
        "deadline": deadline,
        "case": deadline.case,
        "recipient": recipient,
        "working_days_left": working_days_left,
        "case_link": _case_link(deadline.case),
    }
    with translation.override(getattr(recipient, "language", None) or settings.LANGUAGE_CODE):
        subject = _("Termijn verloopt op %(date)s: %(kind)s") % {
            "date": f"{deadline.due_date:%d-%m-%Y}",
            "kind": deadline.get_kind_display(),
        }
        body = render_to_string("deadlines/email/reminder.txt", context)
    send_mail(subject, body, None, [recipient.email])


def _working_days_left(today: date, due: date, calendar: rules.Calendar) -> int:
    return sum(
        calendar.is_working_day(today + timedelta(days=offset))
        for offset in range(1, (due - today).days + 1)
    )


def deadline_reminders_send(*, today: date | None = None) -> ReminderReport:
    """Mark overdue deadlines missed and send the reminders that are due today.

    Safe to run any number of times a day: each reminder (deadline, supporter,
    slot, channel) is a row under a unique constraint, created in the same
    transaction that sends the e-mail; a failed send rolls the row back, so the
    next run tries again.
    """
    today = today or timezone.localdate()
    report = ReminderReport(missed=deadlines_mark_missed(today=today))
    days = reminder_days()
    if not days:
        return report
    # Enough calendar for the largest slot, with room for a run of feestdagen.
    horizon = today + timedelta(days=max(days) * 2 + 21)
    calendar = selectors.calendar_between(
        first=today - timedelta(days=7), last=horizon + timedelta(days=1)
    )
    candidates = (
        Deadline.objects.filter(
            status=DeadlineStatus.OPEN, due_date__gte=today, due_date__lte=horizon
        )
        .select_related("case__client", "case__topic")
        .prefetch_related("case__supporters__membership")
        .order_by("due_date", "id")
    )
    for deadline in candidates:
        slot = _due_slot(deadline.due_date, today, days, calendar)
        if slot is None:
            continue
        left = _working_days_left(today, deadline.due_date, calendar)
        for supporter in deadline.case.supporters.all():
            if not _may_receive(supporter, deadline.case):
                continue
            for channel in (ReminderChannel.IN_APP, ReminderChannel.EMAIL):
                if channel == ReminderChannel.EMAIL and not supporter.email:
                    continue
                with transaction.atomic():
                    reminder, created = DeadlineReminder.objects.get_or_create(
                        deadline=deadline, recipient=supporter, days_before=slot, channel=channel
                    )
                    if not created:
                        continue
                    if channel == ReminderChannel.EMAIL:
                        _send_email(reminder, working_days_left=left)
                        report.emails += 1
                    else:
                        report.notices += 1
                    audit_log(
                        event=AuditEvent.DEADLINE_REMINDED,
                        actor=None,
                        obj=deadline,
                        client_id=deadline.case.client_id,
                        detail={"to": supporter.pk, "slot": slot, "channel": channel},
                    )
    return report


# --- The calendar feed ----------------------------------------------------------------


@transaction.atomic
def calendar_feed_renew(*, user: User) -> CalendarFeedToken:
    """Give ``user`` a new secret feed URL; the old one stops working at once."""
    access.cases_for(user)  # refuses roles without client work
    token = secrets.token_urlsafe(FEED_TOKEN_BYTES)
    feed, _created = CalendarFeedToken.objects.update_or_create(
        user=user, defaults={"token": token, "created_at": timezone.now()}
    )
    audit_log(event=AuditEvent.FEED_RENEWED, actor=user, obj=feed)
    return feed
