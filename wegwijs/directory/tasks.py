"""Background tasks of the sociale kaart; the scheduler runs them daily."""

from dataclasses import asdict
from typing import Any

from celery import shared_task

from wegwijs.directory.services import stale_entries_flag


@shared_task(name="wegwijs.directory.flag_stale_entries")
def flag_stale_directory_entries() -> dict[str, Any]:
    """Mark entries not checked for a year and remind their coordinators (idempotent)."""
    return asdict(stale_entries_flag())
