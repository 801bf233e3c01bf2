from typing import Any

from wegwijs.core.commands import ServiceCommand
from wegwijs.intake.services import requests_erase_personal_data, requests_retry_pending


class Command(ServiceCommand):
    help = (
        "Route help requests that have no organisation yet, send notification and "
        "confirmation mail that did not go out, and erase personal data of requests "
        "handled longer ago than the retention period."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = requests_retry_pending()
        erased = requests_erase_personal_data()
        self.stdout.write(
            f"Routed {report.routed}, still without organisation {report.unrouted}, "
            f"notified {report.notified}, confirmed {report.confirmed}, "
            f"failures {report.failures}, erased {erased}."
        )
        if report.unrouted:
            self.stderr.write(
                f"{report.unrouted} request(s) found no organisation: add a routing rule or "
                "a default organisation for the municipality in the admin."
            )
