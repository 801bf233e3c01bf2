"""Listen to the case register: mark changed months dirty, offer a survey link."""

from datetime import date
from typing import Any

from wegwijs.cases import signals
from wegwijs.core.tasks import enqueue_on_commit
from wegwijs.monitoring import services, tasks


def on_register_changed(
    sender: Any, *, organisation_id: int, first_day: date, **kwargs: Any
) -> None:
    services.mark_dirty(organisation_id=organisation_id, first_day=first_day)
    # Idempotent: a second refresh queued by the same transaction finds nothing dirty.
    enqueue_on_commit(tasks.refresh_monitoring)


def on_case_closed(sender: Any, *, case: Any, actor: Any = None, **kwargs: Any) -> None:
    if actor is not None and case.closed_on is not None:
        services.survey_offer_create(
            supporter=actor, organisation_id=case.organisation_id, closed_on=case.closed_on
        )


def connect() -> None:
    signals.register_changed.connect(on_register_changed, dispatch_uid="monitoring-register")
    signals.case_closed.connect(on_case_closed, dispatch_uid="monitoring-survey-offer")
