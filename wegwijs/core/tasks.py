"""The background-task interface.

Tasks are Celery tasks. Without ``REDIS_URL`` they run in-process
(``CELERY_TASK_ALWAYS_EAGER``); with it they go to the Redis-backed queue and
run on workers (``celery -A config worker``). Enqueue work that depends on a
database change with ``enqueue_on_commit`` so a worker never sees a row that
was rolled back.
"""

from typing import Any

from celery import Task, shared_task
from django.db import transaction


def enqueue_on_commit(task: Task, /, **kwargs: Any) -> None:
    """Queue ``task`` with keyword arguments once the current transaction commits."""
    transaction.on_commit(lambda: task.apply_async(kwargs=kwargs))


@shared_task(name="wegwijs.core.ping")
def ping(value: str = "pong") -> str:
    """Answer ``value``: proves a worker takes work from the queue."""
    return value
