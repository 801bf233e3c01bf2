"""Export an organisation's registrations of a period in the uniform format.

    python manage.py export_registrations --organisation SLUG --from DATE --to DATE [FILE]

Writes every case open on at least one day of the period, with all its
contact moments, to FILE or to stdout. Dates as YYYY-MM-DD or DD-MM-YYYY.
"""

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from wegwijs.accounts.models import Organisation
from wegwijs.core.commands import ServiceCommand
from wegwijs.registrations import services
from wegwijs.registrations.formats import parse_date


def _date(value: str) -> date:
    day = parse_date(value.strip())
    if day is None:
        raise CommandError(
            _("'%(value)s' is geen geldige datum. Schrijf JJJJ-MM-DD of DD-MM-JJJJ.")
            % {"value": value}
        )
    return day


class Command(ServiceCommand):
    help = "Export registrations in the uniform registration format (see README)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", type=Path, help="Default: stdout.")
        parser.add_argument("--organisation", required=True, help="The organisation's slug.")
        parser.add_argument("--from", dest="first_day", required=True, help="First day.")
        parser.add_argument("--to", dest="last_day", required=True, help="Last day.")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(
                _("Onbekende organisatie '%(slug)s'.") % {"slug": options["organisation"]}
            )
        lines = services.registrations_export(
            actor=None,
            organisation=organisation,
            first_day=_date(options["first_day"]),
            last_day=_date(options["last_day"]),
        )
        path: Path | None = options["file"]
        if path is None:
            for line in lines:
                self.stdout.write(line, ending="")
            return
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.writelines(lines)
