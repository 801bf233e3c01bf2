from datetime import date
from typing import Any

from django.core.management.base import CommandError, CommandParser

from wegwijs.core.commands import ServiceCommand
from wegwijs.directory.services import stale_entries_flag


class Command(ServiceCommand):
    help = (
        "Mark sociale-kaart entries not checked for a year as stale and e-mail the "
        "coordinators of their organisations. Safe to run any number of times: an entry "
        "is flagged, and its coordinators reminded, once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", help="Run as if today were this date (YYYY-MM-DD); for testing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("Use --date YYYY-MM-DD.") from None
        report = stale_entries_flag(today=today)
        self.stdout.write(
            f"services: {report.services}, locations: {report.locations}, e-mails: {report.emails}"
        )
