"""Background tasks of the deadlines app; the production scheduler runs them daily."""

from dataclasses import asdict
from typing import Any

from celery import shared_task

from wegwijs.deadlines.services import deadline_reminders_send


@shared_task(name="wegwijs.deadlines.send_reminders")
def send_deadline_reminders() -> dict[str, Any]:
    """Mark overdue deadlines missed and send today's reminders (idempotent)."""
    return asdict(deadline_reminders_send())
