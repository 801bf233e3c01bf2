"""Background work of the registrations app."""

from celery import shared_task

from wegwijs.registrations import services


@shared_task(name="wegwijs.registrations.run_import_job")
def run_import_job(job_id: int) -> None:
    """Check and write an uploaded registration file."""
    services.import_job_run(job_id=job_id)
