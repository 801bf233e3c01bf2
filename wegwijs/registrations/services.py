"""Import and export of the uniform registration format.

The command, the upload page (through a background job) and the API all call
``registrations_import``: one checker, one writer. Nothing is written unless
the whole file is right.
"""

import logging
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wegwijs.accounts.models import Organisation, User
from wegwijs.accounts.permissions import Capability, has_capability
from wegwijs.cases import bulk
from wegwijs.core.errors import ApplicationError, PermissionDenied, ValidationFailed
from wegwijs.core.tasks import enqueue_on_commit
from wegwijs.registrations.constants import JobStatus
from wegwijs.registrations.formats import CheckedFile, RowError, check_file, csv_lines
from wegwijs.registrations.models import ImportJob

logger = logging.getLogger(__name__)
COPY_CHUNK = 1024 * 1024


class FileRejected(ApplicationError):
    """The file has errors; every error (up to the cap) is listed, nothing is written."""

    code = "invalid-file"
    status = 400

    def __init__(self, checked: CheckedFile) -> None:
        self.errors: list[RowError] = list(checked.errors)
        self.error_count = checked.error_count
        message = ngettext(
            "Het bestand bevat %(count)d fout. Er is niets opgeslagen.",
            "Het bestand bevat %(count)d fouten. Er is niets opgeslagen.",
            checked.error_count,
        ) % {"count": checked.error_count}
        listed = [
            {
                "row": error.row,
                "column": error.column,
                "code": error.code,
                "message": error.message,
            }
            for error in self.errors
        ]
        super().__init__(
            message,
            extra={
                "error_count": checked.error_count,
                "errors": listed,
                "invalid_params": [
                    {
                        "name": _place(error.row, error.column),
                        "code": error.code,
                        "reason": error.message,
                    }
                    for error in self.errors
                ],
            },
        )


def _place(row: int | None, column: str | None) -> str:
    parts = []
    if row is not None:
        parts.append(f"row {row}")
    if column:
        parts.append(column)
    return ", ".join(parts) or "file"


@dataclass
class ImportOutcome:
    dry_run: bool
    summary: dict[str, int]
    counts: bulk.ImportCounts | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            **self.summary,
            **(self.counts.as_dict() if self.counts else {}),
        }


def check_actor(actor: User | None, organisation: Organisation) -> None:
    """Only a coordinator of the organisation itself; ``None`` is a command on the server."""
    if actor is None:
        return
    own = actor.organisation
    if (
        not has_capability(actor, Capability.IMPORT_REGISTRATIONS)
        or own is None
        or own.pk != organisation.pk
    ):
        raise PermissionDenied(
            _("Alleen een coördinator van de organisatie zelf kan registraties uitwisselen.")
        )


def registrations_import(
    *,
    actor: User | None,
    organisation: Organisation,
    stream: IO[bytes],
    file_name: str = "",
    dry_run: bool = False,
    checking: Callable[[int, int], None] | None = None,
    writing: Callable[[int, int], None] | None = None,
) -> ImportOutcome:
    """Check the whole file; write it when it is right and ``dry_run`` is off.

    Raises ``FileRejected`` with every error when anything is wrong.
    """
    check_actor(actor, organisation)
    checked = check_file(stream, organisation=organisation, spill=not dry_run, progress=checking)
    try:
        if not checked.is_valid:
            raise FileRejected(checked)
        summary = checked.summary()
        if dry_run:
            return ImportOutcome(dry_run=True, summary=summary, counts=None)
        partitions = checked.partitions
        assert partitions is not None
        total = len(partitions)
        if writing is not None:
            writing(0, total)
        counts = bulk.registrations_import(
            organisation=organisation,
            actor=actor,
            groups=partitions.groups(),
            file_name=file_name,
            progress=(lambda done: writing(done, total)) if writing else None,
        )
        return ImportOutcome(dry_run=False, summary=summary, counts=counts)
    finally:
        checked.close()


def registrations_export(
    *, actor: User | None, organisation: Organisation, first_day: date, last_day: date
) -> Iterator[str]:
    """The CSV lines of the organisation's registrations in the period, as a stream."""
    check_actor(actor, organisation)
    if last_day < first_day:
        raise ValidationFailed(_("De einddatum ligt vóór de begindatum."), field="to")
    return csv_lines(
        bulk.registrations_export(
            organisation=organisation, actor=actor, first_day=first_day, last_day=last_day
        )
    )


# --- Background jobs for the upload page ----------------------------------------


@transaction.atomic
def import_job_create(*, actor: User, upload: UploadedFile, dry_run: bool = False) -> ImportJob:
    """Store the upload and queue its import."""
    organisation = actor.organisation
    if organisation is None:
        raise PermissionDenied()
    check_actor(actor, organisation)
    name = (upload.name or "registraties.csv")[:200]
    job = ImportJob(
        organisation=organisation,
        created_by=actor,
        file_name=name,
        size=upload.size or 0,
        dry_run=dry_run,
        progress_total=upload.size or 0,
    )
    job.file.save("upload.csv", upload, save=False)
    job.save()
    from wegwijs.registrations import tasks  # the task module imports this one

    enqueue_on_commit(tasks.run_import_job, job_id=job.pk)
    return job


def import_job_run(*, job_id: int) -> None:
    """Check and write the stored file of a job; record progress, errors or counts."""
    job = ImportJob.objects.select_related("organisation", "created_by").get(pk=job_id)
    if job.is_finished:
        return
    if job.created_by is None:
        # The uploader's account is gone: nobody's authority to write with.
        job.file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, file="", finished_at=timezone.now()
        )
        return
    jobs = ImportJob.objects.filter(pk=job.pk)
    jobs.update(status=JobStatus.CHECKING)

    def checking(done: int, total: int) -> None:
        jobs.update(progress_done=done, progress_total=total)

    def writing(done: int, total: int) -> None:
        # Later calls come from inside the writing transaction: only its start shows.
        if done == 0:
            jobs.update(status=JobStatus.WRITING)

    try:
        with tempfile.TemporaryFile() as local:
            # A local copy, whatever the storage: the checker reads it more than once.
            with job.file.open("rb") as stored:
                shutil.copyfileobj(stored, local, COPY_CHUNK)
            local.seek(0)
            outcome = registrations_import(
                actor=job.created_by,
                organisation=job.organisation,
                stream=local,
                file_name=job.file_name,
                dry_run=job.dry_run,
                checking=checking,
                writing=writing,
            )
    except FileRejected as exc:
        jobs.update(
            status=JobStatus.REJECTED,
            error_count=exc.error_count,
            errors=[error.as_dict() for error in exc.errors],
            finished_at=timezone.now(),
        )
    except Exception:
        logger.exception("Import job %s failed", job.pk)
        jobs.update(status=JobStatus.FAILED, finished_at=timezone.now())
    else:
        jobs.update(
            status=JobStatus.DONE,
            rows=outcome.summary["rows"],
            result=outcome.as_dict(),
            finished_at=timezone.now(),
        )
    finally:
        # The upload holds client data: keep it no longer than needed.
        job.file.delete(save=False)
        jobs.update(file="")
