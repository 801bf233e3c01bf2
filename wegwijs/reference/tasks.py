"""Nightly retention (``CELERY_BEAT_SCHEDULE["apply-retention"]``)."""

from celery import shared_task

from wegwijs.reference.retention import apply_retention as apply


@shared_task(name="wegwijs.reference.apply_retention")
def apply_retention() -> dict[str, int]:
    """Clear what is past its retention period (idempotent)."""
    return apply()
