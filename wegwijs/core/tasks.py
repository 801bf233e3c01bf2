"""The background-task interface.

Tasks are Celery tasks. Without ``REDIS_URL`` they run in-process
(``CELERY_TASK_ALWAYS_EAGER``); with it they go to the Redis-backed queue and
run on workers (``celery -A config worker``). Enqueue work that depends on a
database change with ``enqueue_on_commit``: the task is stored in the
transactional outbox (``wegwijs.core.outbox``) together with the change, so a
worker never sees a row that was rolled back and no work is lost while the
broker is down. Tasks that go through the outbox must be idempotent.
"""

from smtplib import SMTPException
from typing import Any

from celery import Task, shared_task
from django.conf import settings

from wegwijs.core.outbox import OutboxTaskBase, outbox_add, outbox_purge, outbox_relay

# Sent rows stay this long for inspection, then the relay removes them.
OUTBOX_KEEP_DAYS = 7


def enqueue_on_commit(task: Task, /, **kwargs: Any) -> None:
    """Store ``task`` with keyword arguments in the outbox; publish it once the transaction commits.

    The arguments must be JSON-serialisable (ids and codes, not model instances).
    """
    outbox_add(task_name=task.name, kwargs=kwargs)


@shared_task(name="wegwijs.core.ping")
def ping(value: str = "pong") -> str:
    """Answer ``value``: proves a worker takes work from the queue."""
    return value


@shared_task(name="wegwijs.core.relay_outbox")
def relay_outbox() -> dict[str, int]:
    """Publish outbox tasks that could not be published when they were stored."""
    from datetime import timedelta

    result = outbox_relay()
    purged = outbox_purge(older_than=timedelta(days=OUTBOX_KEEP_DAYS))
    return {"published": result.published, "pending": result.pending, "purged": purged}


@shared_task(name="wegwijs.core.deliver_email", base=OutboxTaskBase, bind=True, max_retries=30)
def deliver_email(self: Task, *, message: dict[str, Any]) -> int:
    """Send one stored e-mail through the configured SMTP server; retried while it fails.

    Waits ``WEGWIJS_EMAIL_RETRY_SECONDS`` (30 s) before the first retry and
    twice as long before each next one, at most an hour: about a day in all.
    Without a worker (tasks in-process) a failure leaves the task in the
    outbox for the next ``relay_outbox``.
    """
    from wegwijs.core.mail import deliver

    try:
        return deliver(message)
    except (SMTPException, OSError) as exc:
        delay = min(settings.WEGWIJS_EMAIL_RETRY_SECONDS * 2**self.request.retries, 60 * 60)
        raise self.retry(exc=exc, countdown=delay) from exc
