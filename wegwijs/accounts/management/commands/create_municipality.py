from argparse import ArgumentParser
from typing import Any

from wegwijs.accounts.services import municipality_create
from wegwijs.core.commands import ServiceCommand


class Command(ServiceCommand):
    help = "Create a municipality: create_municipality SLUG --name NAME"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--name", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = municipality_create(slug=options["slug"], name=options["name"])
        self.stdout.write(f"Created municipality {municipality.slug}: {municipality.name}")
