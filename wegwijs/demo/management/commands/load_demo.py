from typing import Any

from django.core.management.base import CommandParser

from wegwijs.core.commands import ServiceCommand
from wegwijs.demo import data
from wegwijs.demo.directory_data import directory_demo_load
from wegwijs.demo.intake_data import demo_intake_load
from wegwijs.demo.referrals_data import demo_referrals_load
from wegwijs.demo.registrations_data import demo_registrations_load
from wegwijs.demo.services import DemoReport, demo_load
from wegwijs.monitoring.services import rebuild_missing as monitoring_rebuild_missing


class Command(ServiceCommand):
    help = (
        "Load the Haarlem demo: municipality, areas, sociale kaart, one account per "
        "role and two years of invented clients and cases; safe to repeat. Never run it "
        "on a production database: the demo password is public."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--without-cases",
            action="store_true",
            help="Leave out the invented clients, cases and contact moments.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = demo_load(with_cases=not options["without_cases"])
        self.stdout.write(f"Sociale kaart: {directory_demo_load()} entries created")
        self._write_report(report)
        intake = demo_intake_load()
        self.stdout.write(
            f"Intake: {intake.rules} routing rules and settings, {intake.requests} requests created"
        )
        self.stdout.write(f"Referrals: {demo_referrals_load()} created")
        if not options["without_cases"]:
            imported = demo_registrations_load()
            self.stdout.write(f"Imported registrations (uniform format): {imported} created")
        monitoring_rebuild_missing()  # the demo's cases are written in bulk, without signals
        self.stdout.write("")
        self._write_accounts(report)

    def _write_report(self, report: DemoReport) -> None:
        for slug in report.municipalities:
            self.stdout.write(f"Municipality {slug}: created")
        self.stdout.write(f"Areas: {report.areas} created")
        self.stdout.write(
            f"Organisations: {len(report.organisations)} created, "
            f"{report.existing_organisations} already present"
        )
        self.stdout.write(
            f"Accounts: {len(report.accounts)} created, {report.existing_accounts} already present"
        )
        for slug, caseload in report.caseloads.items():
            self.stdout.write(
                f"Cases of {slug}: {caseload.clients} clients, {caseload.cases} cases, "
                f"{caseload.contact_moments} contact moments, {caseload.appointments} appointments"
            )
        if report.total:
            self.stdout.write(self.style.SUCCESS(f"Haarlem demo loaded ({report.total} created)."))
        else:
            self.stdout.write(self.style.SUCCESS("Haarlem demo already loaded: nothing new."))

    def _write_accounts(self, report: DemoReport) -> None:
        header = ("E-mail", "Role", "Works for", "Password")
        rows = [
            (account.email, account.role.value, data.account_works_for(account), data.DEMO_PASSWORD)
            for account in data.DEMO_ACCOUNTS
        ]
        widths = [max(len(row[column]) for row in [header, *rows]) for column in range(4)]
        self.stdout.write("Demo accounts:")
        for row in [header, tuple("-" * width for width in widths), *rows]:
            line = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write(line.rstrip())
        if report.existing_accounts:
            # A password someone changed is never reset: the table may be stale for it.
            self.stdout.write("Accounts that already existed keep the password they have now.")
