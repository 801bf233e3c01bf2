"""Health checks: liveness (the benchmark floor) and readiness."""

from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse


def live(request: HttpRequest) -> HttpResponse:
    """Answer at once: the cheapest possible view, used as the benchmark floor."""
    return HttpResponse(b"ok", content_type="text/plain")


def _check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return False, type(exc).__name__
    return True, connection.vendor


def _check_queue() -> tuple[bool, str]:
    if not settings.REDIS_URL or settings.CELERY_TASK_ALWAYS_EAGER:
        return True, "in-process"
    import redis

    try:
        client = redis.Redis.from_url(
            settings.CELERY_BROKER_URL, socket_connect_timeout=1, socket_timeout=1
        )
        client.ping()
    except Exception as exc:
        return False, type(exc).__name__
    return True, "redis"


def ready(request: HttpRequest) -> JsonResponse:
    """Check the database and the task queue; 503 when one is not reachable."""
    checks: dict[str, Any] = {}
    healthy = True
    for name, check in (("database", _check_database), ("queue", _check_queue)):
        ok, detail = check()
        checks[name] = {"ok": ok, "detail": detail}
        healthy = healthy and ok
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )
