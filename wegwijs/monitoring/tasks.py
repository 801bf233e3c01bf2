"""Background work of monitoring: keep the rollups current."""

from celery import shared_task

from wegwijs.monitoring import services


@shared_task(name="wegwijs.monitoring.refresh")
def refresh_monitoring() -> int:
    """Compute the figures of every dirty month again (idempotent)."""
    return services.refresh_dirty()
