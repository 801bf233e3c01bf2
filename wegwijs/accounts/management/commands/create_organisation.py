from argparse import ArgumentParser
from typing import Any

from wegwijs.accounts.constants import OrganisationKind
from wegwijs.accounts.services import organisation_create
from wegwijs.core.commands import ServiceCommand


class Command(ServiceCommand):
    help = (
        "Create an organisation: create_organisation SLUG --name NAME --municipality SLUG "
        "[--municipality SLUG ...] [--independent] [--kind KIND]"
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--name", required=True)
        parser.add_argument(
            "--municipality",
            action="append",
            required=True,
            help="slug of a municipality the organisation serves (repeatable)",
        )
        parser.add_argument(
            "--independent",
            action="store_true",
            help="fully independent: gives no care itself and takes no access decisions",
        )
        parser.add_argument(
            "--kind", choices=OrganisationKind.values, default=OrganisationKind.CLIENT_SUPPORT
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = organisation_create(
            slug=options["slug"],
            name=options["name"],
            municipality_slugs=options["municipality"],
            kind=options["kind"],
            is_independent=options["independent"],
        )
        self.stdout.write(f"Created organisation {organisation.slug}: {organisation.name}")
