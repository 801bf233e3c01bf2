"""Write the sociale kaart as an Open Referral HSDS 3.0 tabular datapackage.

    python manage.py export_hsds DIR

Writes DIR/datapackage.json and one CSV per table (organizations.csv,
services.csv, locations.csv, ...). Confidential addresses are never written.
The same data gives the same files, byte for byte.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from wegwijs.core.commands import ServiceCommand
from wegwijs.directory.hsds.datapackage import package_export


class Command(ServiceCommand):
    help = (
        "Write the sociale kaart as an Open Referral HSDS 3.0 tabular datapackage "
        "(datapackage.json and one CSV per table) into DIR. Confidential addresses are "
        "left out. Set WEGWIJS_PROVINCE for the province HSDS asks in addresses."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="Folder to write; created when missing.")

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["directory"]
        counts = package_export(directory)
        rows = ", ".join(f"{name} {number}" for name, number in counts.items())
        self.stdout.write(
            _("HSDS-pakket geschreven in %(directory)s: %(rows)s.")
            % {"directory": directory, "rows": rows}
        )
