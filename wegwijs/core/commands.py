"""Base class for administration commands that call services.

A service's ``ApplicationError`` becomes one clear line on stderr and exit
code 1; the service's transaction guarantees nothing was written.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from wegwijs.core.errors import ApplicationError


class ServiceCommand(BaseCommand):
    def execute(self, *args: Any, **options: Any) -> str | None:
        try:
            return super().execute(*args, **options)
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
