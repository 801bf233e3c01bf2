"""Monitoring reads may go to a read replica (``DATABASE_REPLICA_URL``).

``ReplicaRouter`` sends reads of the monitoring app's models, and every read
made inside ``reads_from_replica()``, to the ``replica`` database alias when
it is configured. Writes, migrations and every other read stay on
``default``. A replica lags a little behind the primary, so only reads that
can bear that (aggregates, reports) go there; a read that must see the
request's own write never does.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db.models import Model

REPLICA = "replica"
REPLICA_APPS = frozenset({"monitoring"})

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
        if _replica_reads.get() or model._meta.app_label in REPLICA_APPS:
            return REPLICA
        return "default"

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        # Both aliases hold the same data.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db != REPLICA
