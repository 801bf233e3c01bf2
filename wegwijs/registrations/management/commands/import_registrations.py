"""Import a file in the uniform registration format into an organisation's register.

    python manage.py import_registrations FILE --organisation SLUG [--dry-run]

The whole file is checked first. When anything is wrong every error is
listed on stderr (row and column), nothing is written and the exit code is 1.
Importing the same file again changes nothing.
"""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from tqdm import tqdm  # type: ignore[import-untyped]

from wegwijs.accounts.models import Organisation
from wegwijs.core.commands import ServiceCommand
from wegwijs.registrations import services


class Command(ServiceCommand):
    help = "Import a CSV in the uniform registration format (see README)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--organisation", required=True, help="The organisation's slug.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file only; write nothing."
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(
                _("Onbekende organisatie '%(slug)s'.") % {"slug": options["organisation"]}
            )
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("Bestand niet gevonden: %(path)s") % {"path": path})
        quiet = options["no_progress"]
        bars: dict[str, Any] = {}

        def checking(done: int, total: int) -> None:
            bar = bars.get("check")
            if bar is None:
                bar = bars["check"] = tqdm(
                    total=total,
                    unit="B",
                    unit_scale=True,
                    desc=_("Controleren"),
                    file=sys.stderr,
                    disable=quiet,
                )
            bar.update(done - bar.n)

        def writing(done: int, total: int) -> None:
            bar = bars.get("write")
            if bar is None:
                bar = bars["write"] = tqdm(
                    total=total, unit=_("deel"), desc=_("Opslaan"), file=sys.stderr, disable=quiet
                )
            bar.update(done - bar.n)

        try:
            with path.open("rb") as stream:
                outcome = services.registrations_import(
                    actor=None,
                    organisation=organisation,
                    stream=stream,
                    file_name=path.name,
                    dry_run=options["dry_run"],
                    checking=checking,
                    writing=writing,
                )
        except services.FileRejected as exc:
            for bar in bars.values():
                bar.close()
            for error in exc.errors:
                self.stderr.write(_describe(error.row, error.column, error.message))
            if exc.error_count > len(exc.errors):
                self.stderr.write(
                    _("… en nog %(count)d fouten.") % {"count": exc.error_count - len(exc.errors)}
                )
            raise CommandError(str(exc.message)) from exc
        for bar in bars.values():
            bar.close()
        summary = outcome.summary
        if outcome.dry_run:
            self.stdout.write(
                _(
                    "Het bestand is goed: %(rows)d regels, %(clients)d cliënten, %(cases)d "
                    "kwesties, %(contact_moments)d contactmomenten. Er is niets opgeslagen "
                    "(--dry-run)."
                )
                % summary
            )
            return
        assert outcome.counts is not None
        self.stdout.write(
            _(
                "Geïmporteerd: %(rows)d regels. Cliënten: %(clients_created)d nieuw, "
                "%(clients_updated)d gewijzigd. Kwesties: %(cases_created)d nieuw, "
                "%(cases_updated)d gewijzigd. Contactmomenten: %(contact_moments_created)d "
                "nieuw, %(contact_moments_deleted)d verwijderd."
            )
            % outcome.as_dict()
        )


def _describe(row: int | None, column: str | None, message: str) -> str:
    if row is not None and column:
        return _("Regel %(row)d, kolom %(column)s: %(message)s") % {
            "row": row,
            "column": column,
            "message": message,
        }
    if row is not None:
        return _("Regel %(row)d: %(message)s") % {"row": row, "message": message}
    return message
