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


@shared_task(
    name="wegwijs.core.deliver_email",
    base=OutboxTaskBase,
    autoretry_for=(SMTPException, OSError),
    # 30 s, 1 min, 2 min, … up to an hour between tries, about a day in all.
    retry_backoff=30,
    retry_backoff_max=60 * 60,
    retry_jitter=True,
    max_retries=30,
)
def deliver_email(*, message: dict[str, Any]) -> int:
    """Send one stored e-mail through the configured SMTP server; retried while it fails."""
    from wegwijs.core.mail import deliver

    return deliver(message)
