"""Celery application: the Redis-backed task queue used in production.

Without ``REDIS_URL`` tasks run in-process (``task_always_eager``), so the
embedded default needs no broker. See ``wegwijs.core.tasks``.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

app = Celery("wegwijs")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
