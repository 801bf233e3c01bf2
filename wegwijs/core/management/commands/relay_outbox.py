"""Publish the tasks the outbox kept while the queue was unreachable."""

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from wegwijs.core.outbox import RELAY_GRACE, outbox_relay


class Command(BaseCommand):
    help = "Publish pending outbox tasks to the queue (safe to run at any time)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--min-age",
            type=float,
            default=RELAY_GRACE.total_seconds(),
            help="Leave tasks younger than this many seconds to their own publication.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = outbox_relay(grace=timedelta(seconds=options["min_age"]))
        self.stdout.write(
            f"published {result.published}, not published {result.failed}, pending {result.pending}"
        )
        if result.queue_down:
            self.stderr.write("De wachtrij is niet bereikbaar; de taken blijven bewaard.")
            raise SystemExit(1)
