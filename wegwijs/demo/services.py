"""Load the Haarlem demo, idempotently.

What already exists is left as it is: loading again creates only what is
missing and never fails on what an earlier run (or a person) created.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from wegwijs.accounts.models import Municipality, Organisation, User
from wegwijs.accounts.services import municipality_create, organisation_create, user_create
from wegwijs.core.errors import PermissionDenied
from wegwijs.demo import data
from wegwijs.demo.cases_data import CaseloadReport, demo_cases_load
from wegwijs.reference.services import areas_load


@dataclass
class DemoReport:
    municipalities: list[str] = field(default_factory=list)
    areas: int = 0
    organisations: list[str] = field(default_factory=list)
    accounts: list[str] = field(default_factory=list)
    existing_organisations: int = 0
    existing_accounts: int = 0
    caseloads: dict[str, CaseloadReport] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return (
            len(self.municipalities)
            + self.areas
            + len(self.organisations)
            + len(self.accounts)
            + sum(caseload.total for caseload in self.caseloads.values())
        )


@transaction.atomic
def demo_load(*, with_cases: bool = True) -> DemoReport:
    """Create whatever is missing of the Haarlem demo and report what was created.

    ``with_cases`` adds two years of invented clients, cases and contact
    moments to every client-support organisation that has no clients yet.
    """
    if not settings.WEGWIJS_ALLOW_DEMO_DATA:
        # The demo password is public: its accounts must never reach real client data.
        raise PermissionDenied(
            _(
                "De demo kan niet worden geladen met productie-instellingen: het wachtwoord is openbaar."
            )
        )
    report = DemoReport()

    municipality = Municipality.objects.filter(slug=data.MUNICIPALITY.slug).first()
    if municipality is None:
        municipality = municipality_create(slug=data.MUNICIPALITY.slug, name=data.MUNICIPALITY.name)
        report.municipalities.append(municipality.slug)
    report.areas = areas_load(municipality=municipality)

    existing_slugs = set(
        Organisation.objects.filter(
            slug__in=[organisation.slug for organisation in data.DEMO_ORGANISATIONS]
        ).values_list("slug", flat=True)
    )
    for organisation in data.DEMO_ORGANISATIONS:
        if organisation.slug in existing_slugs:
            report.existing_organisations += 1
            continue
        organisation_create(
            slug=organisation.slug,
            name=organisation.name,
            municipality_slugs=[municipality.slug],
            kind=organisation.kind,
            is_independent=organisation.is_independent,
            **organisation.details(),
        )
        report.organisations.append(organisation.slug)

    # E-mail addresses are stored in lower case (UserManager.create_user).
    existing_emails = set(
        User.objects.filter(
            email__in=[account.email.lower() for account in data.DEMO_ACCOUNTS]
        ).values_list("email", flat=True)
    )
    for account in data.DEMO_ACCOUNTS:
        if account.email.lower() in existing_emails:
            report.existing_accounts += 1
            continue
        user_create(
            email=account.email,
            role=account.role,
            organisation_slug=account.organisation_slug,
            municipality_slug=account.municipality_slug,
            password=data.DEMO_PASSWORD,
            full_name=account.full_name,
        )
        report.accounts.append(account.email)

    # After the accounts: cases are assigned to the demo supporters.
    if with_cases:
        report.caseloads = demo_cases_load()
    return report
