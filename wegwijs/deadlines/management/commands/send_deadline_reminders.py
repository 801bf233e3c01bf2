from datetime import date
from typing import Any

from django.core.management.base import CommandError, CommandParser

from wegwijs.core.commands import ServiceCommand
from wegwijs.deadlines.services import deadline_reminders_send


class Command(ServiceCommand):
    help = (
        "Mark overdue deadlines missed and send the reminders due today, by e-mail and in "
        "Wegwijs. Safe to run any number of times a day: no reminder is sent twice."
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
        report = deadline_reminders_send(today=today)
        self.stdout.write(
            f"missed: {report.missed}, e-mails: {report.emails}, notices: {report.notices}"
        )
