"""The task interface runs in-process by default and on Redis with a real worker."""

import os
import subprocess
import sys
import time
import uuid

import pytest
from celery import Celery
from django.conf import settings

from wegwijs.core.tasks import enqueue_on_commit, ping


def test_in_process_by_default():
    assert settings.CELERY_TASK_ALWAYS_EAGER
    assert ping.delay("hallo").get(timeout=1) == "hallo"


@pytest.mark.django_db(transaction=True)
def test_enqueue_on_commit_waits_for_the_commit(monkeypatch):
    from django.db import transaction

    from wegwijs.core.models import OutboxTask

    sent: list[dict] = []
    monkeypatch.setattr(ping, "apply_async", lambda kwargs, **options: sent.append(kwargs))
    with transaction.atomic():
        enqueue_on_commit(ping, value="na-commit")
        assert sent == []
        # Stored with the change, in the same transaction.
        assert OutboxTask.objects.filter(task_name="wegwijs.core.ping").count() == 1
    assert sent == [{"value": "na-commit"}]
    assert OutboxTask.objects.get().sent_at is not None


def test_redis_url_switches_to_the_queue():
    """With REDIS_URL set, tasks leave the process for the Redis-backed queue."""
    code = (
        "from django.conf import settings as s; "
        "print(s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL, s.CACHES['default']['BACKEND'])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "REDIS_URL": "redis://127.0.0.1:6379/3",
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert result.stdout.split() == [
        "False",
        "redis://127.0.0.1:6379/3",
        "wegwijs.core.cache.ResilientRedisCache",
    ]


def _redis_reachable(url: str) -> bool:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False
    return True


@pytest.mark.redis
def test_redis_queue_with_a_real_worker():
    url = settings.REDIS_URL
    if not _redis_reachable(url):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is not reachable at {url}, and CI requires it")
        pytest.skip(f"Redis is not reachable at {url} (outside CI only)")
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "REDIS_URL": url,
        "DATABASE_URL": "sqlite:////tmp/wegwijs-worker-unused.sqlite3",
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-Q",
            queue,
            "--pool",
            "solo",
            "--concurrency",
            "1",
            "--loglevel",
            "WARNING",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    # A separate client, as a web process with REDIS_URL set would be.
    client = Celery("wegwijs-test-client", broker=url, backend=url)
    try:
        result = client.send_task("wegwijs.core.ping", kwargs={"value": "via-redis"}, queue=queue)
        deadline = time.monotonic() + 30
        while not result.ready() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert result.ready(), "the worker did not take the task from the Redis queue"
        assert result.get(timeout=1) == "via-redis"
    finally:
        client.close()
        worker.terminate()
        worker.wait(timeout=10)
