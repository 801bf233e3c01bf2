"""Clear what is past its retention period; safe to run any number of times."""

from typing import Any

from django.core.management.base import BaseCommand

from wegwijs.reference.constants import RetentionRecordType
from wegwijs.reference.retention import apply_retention, registered, retention_period


class Command(BaseCommand):
    help = (
        "Apply the retention periods per kind of record (set in /beheer/): anonymise "
        "client files, clear requests and audit entries past their period."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        handlers = registered()
        result = apply_retention()
        for record_type in RetentionRecordType:
            period = retention_period(record_type)
            if str(record_type) not in handlers:
                state = "no handler registered"
            else:
                state = f"cleared {result.get(str(record_type), 0)}"
            self.stdout.write(
                f"{record_type.value}: {period.years} years {period.days} days, {state}"
            )
