from typing import Any

from wegwijs.core.commands import ServiceCommand
from wegwijs.reference.services import reference_data_load


class Command(ServiceCommand):
    help = "Create missing reference data (code lists, Atw holidays, areas); safe to repeat."

    def handle(self, *args: Any, **options: Any) -> None:
        report = reference_data_load()
        for name, count in report.created.items():
            self.stdout.write(f"{name}: {count} created")
        self.stdout.write(f"Reference data up to date ({report.total} created).")
