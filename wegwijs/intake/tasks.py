"""Background work of the intake: route a stored request and send its mail."""

import logging

from celery import shared_task

from wegwijs.intake import services

logger = logging.getLogger(__name__)


@shared_task(name="wegwijs.intake.process_request")
def request_process(request_id: int) -> None:
    """Route the request, tell the coordinators, confirm to the resident.

    Each step fails on its own: the request is stored already, and
    ``retry_pending`` picks up whatever did not happen.
    """
    steps = (
        services.request_route,
        services.request_notify_coordinators,
        services.request_send_confirmation,
    )
    for step in steps:
        try:
            step(request_id=request_id)
        except Exception:
            logger.exception("%s failed for help request %s", step.__name__, request_id)


@shared_task(name="wegwijs.intake.retry_pending")
def retry_pending() -> dict[str, int]:
    """Route what is unrouted, send what was not sent, erase what is kept long enough."""
    report = services.requests_retry_pending()
    erased = services.requests_erase_personal_data()
    return {**report.__dict__, "erased": erased}
