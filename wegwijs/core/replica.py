"""Monitoring reads may go to a read replica (``DATABASE_REPLICA_URL``).

``ReplicaRouter`` sends the reads made inside ``reads_from_replica()`` to the
``replica`` database alias when it is configured. ``ReplicaReadsMiddleware``
opens that block for the views of GET requests under
``WEGWIJS_REPLICA_READ_PATHS`` (the monitoring pages and API), after the
session and the user were read from the primary. Writes, migrations,
accounts and sessions always use ``default``. A replica lags a little behind
the primary, so only reads that can bear that (aggregates, reports) go there.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
# Who is logged in is never read from a copy that may lag.
PRIMARY_ONLY_APPS = frozenset({"sessions", "authtoken", "accounts", "account", "mfa", "auth"})

_replica_reads: ContextVar[bool] = ContextVar("wegwijs_replica_reads", default=False)


@contextmanager
def reads_from_replica() -> Iterator[None]:
    """Send the reads made inside the block to the replica, when there is one."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    """Reads of monitoring to the replica; everything else to the primary."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        if not replica_configured():
            return None
        if _replica_reads.get() and model._meta.app_label not in PRIMARY_ONLY_APPS:
            return REPLICA
        return "default"

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        # Both aliases hold the same data.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db != REPLICA


class ReplicaReadsMiddleware:
    """Let the views of monitoring's GET requests read from the replica."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        finally:
            token = getattr(request, "_wegwijs_replica_token", None)
            if token is not None:
                _replica_reads.reset(token)

    def process_view(self, request: HttpRequest, *args: Any) -> None:
        if (
            request.method in ("GET", "HEAD")
            and replica_configured()
            and request.path_info.startswith(tuple(settings.WEGWIJS_REPLICA_READ_PATHS))
        ):
            request._wegwijs_replica_token = _replica_reads.set(True)  # type: ignore[attr-defined]
