from datetime import date
from typing import Any

from django.core.management.base import CommandError, CommandParser

from wegwijs.core.commands import ServiceCommand
from wegwijs.referrals.services import referral_followups_send


class Command(ServiceCommand):
    help = (
        "Ask supporters whether clients they referred outside Wegwijs (a facility, a warm "
        "tip) got help, by e-mail and in Wegwijs, once the follow-up is due. Safe to run any "
        "number of times: each follow-up is sent once."
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
        report = referral_followups_send(today=today)
        self.stdout.write(
            f"e-mails: {report.emails}, notices: {report.notices}, "
            f"without recipient: {len(report.skipped)}"
        )
