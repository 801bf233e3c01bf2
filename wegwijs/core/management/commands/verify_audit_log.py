"""Verify the audit log's hash chain: ``python manage.py verify_audit_log``.

Prints one line: OK with the number of entries and the hash of the last one
(record it elsewhere to detect a rewrite of the whole chain later), or the
first broken entry on stderr with exit code 1.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wegwijs.core.chain import verify_chain


class Command(BaseCommand):
    help = "Verify that the audit log is complete and unchanged (its hash chain)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify_chain()
        if not result.ok:
            where = f"entry {result.broken_sequence}"
            if result.broken is not None:
                written = timezone.localtime(result.broken.occurred_at)
                where += f" (id {result.broken.pk}, written {written:%Y-%m-%d %H:%M:%S %Z})"
            raise CommandError(f"Audit log broken at {where}: {result.reason}.")
        self.stdout.write(
            f"Audit log OK: {result.checked} entries ({result.redacted} cleared by retention), "
            f"last hash {result.head_hash}."
        )
