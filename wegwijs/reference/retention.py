"""Retention: periods per kind of record, and the hooks that apply them.

The administrator sets the periods (``RetentionPeriod`` in /beheer/); the
apps that hold the records register a handler per kind in their
``AppConfig.ready``::

    retention.register(RetentionRecordType.CLIENT_FILE, clients_expire)

A handler gets the moment before which records are past their period
(``cutoff``) and returns how many it cleared. It anonymises what monitoring
counts rather than deleting it, and does nothing the second time (the task
is idempotent). ``apply_retention`` (the management command and the nightly
task ``wegwijs.reference.apply_retention``) runs every handler.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from wegwijs.reference.constants import RETENTION_DEFAULTS, RetentionRecordType
from wegwijs.reference.models import RetentionPeriod

logger = logging.getLogger(__name__)

Handler = Callable[..., int]
_handlers: dict[str, list[Handler]] = {}


@dataclass(frozen=True)
class Period:
    years: int
    days: int

    def before(self, moment: datetime) -> datetime:
        """The moment ``self`` before ``moment``."""
        return moment - relativedelta(years=self.years, days=self.days)


def register(record_type: RetentionRecordType, handler: Handler) -> None:
    """Let ``handler(cutoff=…)`` clear records of ``record_type`` past their period."""
    handlers = _handlers.setdefault(str(record_type), [])
    if handler not in handlers:
        handlers.append(handler)


def registered() -> dict[str, list[Handler]]:
    return {key: list(value) for key, value in _handlers.items()}


def retention_period(record_type: RetentionRecordType) -> Period:
    """The administrator's period for ``record_type``, or the default."""
    row = RetentionPeriod.objects.filter(record_type=record_type).first()
    if row is not None:
        return Period(years=row.years, days=row.days)
    years, days = RETENTION_DEFAULTS[record_type]
    return Period(years=years, days=days)


def apply_retention(*, now: datetime | None = None) -> dict[str, int]:
    """Run every registered handler with its cutoff; the count cleared per kind of record."""
    now = now or timezone.now()
    result: dict[str, int] = {}
    for record_type in RetentionRecordType:
        handlers = _handlers.get(str(record_type), [])
        if not handlers:
            continue
        cutoff = retention_period(record_type).before(now)
        result[str(record_type)] = sum(handler(cutoff=cutoff) for handler in handlers)
    logger.info("retention applied", extra={"cleared": result})
    return result
