import time
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from wegwijs.accounts.models import Organisation
from wegwijs.core.commands import ServiceCommand
from wegwijs.core.errors import NotFound
from wegwijs.monitoring import services


class Command(ServiceCommand):
    help = (
        "Compute the monitoring figures again from the case register: everything, or one "
        "organisation (--organisation SLUG), or only the months marked dirty (--dirty)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", help="Only this organisation (its code).")
        parser.add_argument(
            "--dirty", action="store_true", help="Only the months marked as changed."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        if options["dirty"]:
            computed = services.refresh_dirty()
        else:
            organisation = None
            if options["organisation"]:
                organisation = Organisation.objects.filter(slug=options["organisation"]).first()
                if organisation is None:
                    raise NotFound(
                        _("Onbekende organisatie '%(slug)s'.") % {"slug": options["organisation"]}
                    )
            computed = services.rebuild(organisation=organisation)
        self.stdout.write(
            f"Monitoring figures computed for {computed} periods "
            f"in {time.monotonic() - started:.1f} s."
        )
