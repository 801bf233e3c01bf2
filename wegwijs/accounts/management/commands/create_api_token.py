from argparse import ArgumentParser
from typing import Any

from wegwijs.accounts.services import api_token_create
from wegwijs.core.commands import ServiceCommand


class Command(ServiceCommand):
    help = "Print a new API token for the account (replaces the previous one)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(api_token_create(email=options["email"]))
