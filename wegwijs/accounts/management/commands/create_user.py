import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError

from wegwijs.accounts.constants import Role
from wegwijs.accounts.services import user_create
from wegwijs.core.commands import ServiceCommand


class Command(ServiceCommand):
    help = (
        "Create an account: create_user EMAIL --role ROLE [--organisation SLUG] "
        "[--municipality SLUG] [--password-stdin]. Without a password the user sets one "
        "through 'Wachtwoord vergeten'."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--organisation")
        parser.add_argument("--municipality")
        parser.add_argument("--name", default="", help="full name shown in the interface")
        parser.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = None
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\r\n")
            if not password:
                raise CommandError("No password on standard input.")
        user = user_create(
            email=options["email"],
            role=options["role"],
            organisation_slug=options["organisation"],
            municipality_slug=options["municipality"],
            password=password,
            full_name=options["name"],
        )
        self.stdout.write(f"Created {user.role} account {user.email}")
        if not password:
            self.stdout.write(
                "No password set: the user chooses one with 'Wachtwoord vergeten' "
                "('Forgotten your password?') on the login page."
            )
