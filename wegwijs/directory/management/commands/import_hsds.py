"""Read an Open Referral HSDS 3.0 tabular datapackage into the sociale kaart.

    python manage.py import_hsds DIR [--dry-run]

The whole package is checked first; when anything is wrong every error is
listed on stderr (file, row, column), nothing is written and the exit code is 1.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from wegwijs.core.commands import ServiceCommand
from wegwijs.directory.hsds.datapackage import (
    PackageRejected,
    describe_counts,
    package_check,
    package_import,
)


class Command(ServiceCommand):
    help = (
        "Import an Open Referral HSDS 3.0 tabular datapackage (datapackage.json and CSV "
        "files in DIR) into the sociale kaart. Rows are matched by their UUID: new ones are "
        "created, changed ones updated, and importing the same package twice changes nothing. "
        "An organisation that Wegwijs does not know yet is created as a facility (voorziening) "
        "without accounts: the administrator checks its kind, municipalities and details "
        "afterwards. Topics, target groups and channels must exist in the reference lists "
        "(load_reference_data); terms of other taxonomies are not kept. A package with any "
        "error is refused whole, with every error listed, and nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="Folder with datapackage.json.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the package only; write nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["directory"]
        if not directory.is_dir():
            raise CommandError(_("Map niet gevonden: %(path)s") % {"path": directory})
        try:
            if options["dry_run"]:
                package_check(directory)
                self.stdout.write(_("Het pakket is goed. Er is niets opgeslagen (--dry-run)."))
                return
            counts = package_import(directory)
        except PackageRejected as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(str(exc.message)) from exc
        lines = list(describe_counts(counts))
        if not lines:
            self.stdout.write(_("Geïmporteerd: er was niets veranderd."))
            return
        self.stdout.write(_("Geïmporteerd. %(changes)s.") % {"changes": "; ".join(lines)})
