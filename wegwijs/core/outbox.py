"""The transactional outbox: work for the task queue is kept in the database.

``wegwijs.core.tasks.enqueue_on_commit`` writes an ``OutboxTask`` row in the
same transaction as the change the work depends on. After the commit the
task is published to Celery at once; when the broker (Redis) is down the row
stays pending and ``outbox_relay`` publishes it later: every minute from the
beat schedule (``wegwijs.core.relay_outbox``) and on demand with
``python manage.py relay_outbox``. So a change is never stored without its
work, and work is never lost while the broker is away.

A task may be published more than once (the relay can stop between
publishing and marking the row sent), so tasks that go through the outbox
are idempotent. Tasks built on ``OutboxTaskBase`` are run at most once to
completion per row, and their arguments are cleared once done.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from celery import Task, current_app
from django.db import connection, models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# A pending row younger than this is left to the publication right after its
# commit, so the relay and the committing process rarely publish it twice.
RELAY_GRACE = timedelta(seconds=5)
RELAY_BATCH = 500
MAX_ERROR_LENGTH = 300


class OutboxTask(models.Model):
    """A task to publish to the queue, written in the transaction of its change."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    task_name = models.CharField(_("taak"), max_length=200)
    kwargs = models.JSONField(_("argumenten"), default=dict, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    sent_at = models.DateTimeField(_("naar de wachtrij op"), null=True, blank=True)
    completed_at = models.DateTimeField(_("uitgevoerd op"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    last_error = models.CharField(_("laatste fout"), max_length=MAX_ERROR_LENGTH, blank=True)

    objects = models.Manager()

    class Meta:
        app_label = "core"
        verbose_name = _("taak in de uitgaande wachtrij")
        verbose_name_plural = _("taken in de uitgaande wachtrij")
        ordering = ["created_at"]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(sent_at__isnull=True),
                name="core_outbox_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.task_name} {self.id}"


def outbox_add(*, task_name: str, kwargs: dict[str, Any]) -> OutboxTask:
    """Store a task for the queue in the current transaction and publish it after the commit."""
    row = OutboxTask.objects.create(task_name=task_name, kwargs=kwargs)
    transaction.on_commit(lambda: _publish_after_commit(row.pk))
    return row


def _publish_after_commit(row_id: uuid.UUID) -> None:
    row = OutboxTask.objects.filter(pk=row_id, sent_at__isnull=True).first()
    if row is not None:
        # Never raise into the request that committed: the relay tries again.
        _publish(row)


def _publish(row: OutboxTask) -> bool:
    """Hand one row to Celery; True when it was accepted (the row is then marked sent).

    Without a broker (tasks in-process) the task runs here; when it fails the
    row stays pending for the next relay, which is how it is retried.
    """
    task = current_app.tasks[row.task_name]
    try:
        # A savepoint: a task that runs in-process and fails leaves nothing
        # half-written.
        with transaction.atomic():
            # No publish retries here: when the broker is down the row waits
            # for the relay instead of holding up the request.
            task.apply_async(kwargs=row.kwargs, task_id=str(row.pk), retry=False)
    except Exception as exc:
        cause = exc.__cause__ or exc
        error = f"{type(cause).__name__}: {cause}"[:MAX_ERROR_LENGTH]
        OutboxTask.objects.filter(pk=row.pk).update(attempts=F("attempts") + 1, last_error=error)
        logger.warning(
            "outbox task not done" if _in_process() else "outbox task not published",
            extra={"task": row.task_name, "error": type(cause).__name__},
        )
        return False
    OutboxTask.objects.filter(pk=row.pk, sent_at__isnull=True).update(
        sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
    )
    return True


def _in_process() -> bool:
    return bool(current_app.conf.task_always_eager)


@dataclass(frozen=True)
class RelayResult:
    published: int
    failed: int
    pending: int
    queue_down: bool


def outbox_relay(*, grace: timedelta = RELAY_GRACE, limit: int = RELAY_BATCH) -> RelayResult:
    """Publish pending outbox rows, oldest first.

    With a broker the relay stops at the first failure: the broker is down
    and the rest would fail too. Safe to run at any time and in several
    processes at once: on PostgreSQL rows being published elsewhere are
    skipped (``SKIP LOCKED``).
    """
    published = failed = 0
    queue_down = False
    cutoff = timezone.now() - grace
    with transaction.atomic():
        pending = OutboxTask.objects.filter(sent_at__isnull=True, created_at__lte=cutoff)
        if connection.features.has_select_for_update_skip_locked:
            pending = pending.select_for_update(skip_locked=True)
        for row in pending.order_by("created_at")[:limit]:
            if _publish(row):
                published += 1
                continue
            failed += 1
            if not _in_process():
                queue_down = True
                break
    remaining = OutboxTask.objects.filter(sent_at__isnull=True).count()
    if published or failed:
        logger.info(
            "outbox relay",
            extra={"published": published, "failed": failed, "pending": remaining},
        )
    return RelayResult(published=published, failed=failed, pending=remaining, queue_down=queue_down)


def outbox_purge(*, older_than: timedelta) -> int:
    """Remove rows that were sent and completed longer ago than ``older_than``."""
    cutoff = timezone.now() - older_than
    deleted, _per_model = OutboxTask.objects.filter(
        sent_at__lt=cutoff, completed_at__lt=cutoff
    ).delete()
    return deleted


class OutboxTaskBase(Task):
    """A task that runs at most once to completion per outbox row.

    The outbox row's id is the Celery task id. A second delivery of a row
    that already completed (a relay that published twice) does nothing.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        task_id = getattr(self.request, "id", None)
        row = _outbox_row(task_id)
        if row is not None and row.completed_at is not None:
            logger.info("outbox task already done", extra={"task": self.name})
            return None
        result = super().__call__(*args, **kwargs)
        if row is not None:
            # Done: the arguments (for mail: addresses, text, reset links) go.
            OutboxTask.objects.filter(pk=row.pk).update(completed_at=timezone.now(), kwargs={})
        return result


def _outbox_row(task_id: str | None) -> OutboxTask | None:
    if not task_id:
        return None
    try:
        key = uuid.UUID(task_id)
    except ValueError:
        return None
    return OutboxTask.objects.filter(pk=key).first()
