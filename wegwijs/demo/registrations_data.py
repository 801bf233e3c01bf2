"""Demo: the Wijkcontactvrouwen deliver their 2025 registrations in the uniform format.

Their file is made from a fixed seed and fixed dates, so it is the same file
every time; importing it again changes nothing (the import is an upsert on
the organisation's own references). All people are invented.
"""

import io
import random
from datetime import date, timedelta

from wegwijs.accounts.models import Organisation
from wegwijs.cases.bulk import has_imported_cases
from wegwijs.registrations.formats import COLUMNS
from wegwijs.registrations.services import registrations_import

ORGANISATION_SLUG = "wijkcontactvrouwen"
SEED = 2025
CLIENTS = 60
TOPICS = ["sociaal-netwerk", "taal-meedoen", "financien", "regelgeving", "zorg-gezondheid"]
CHANNELS = ["huisbezoek", "telefoon", "locatie", "whatsapp"]
ACTIVITIES = ["vraagverheldering", "meedenken", "informatie-advies", "begeleiding-gesprek"]
GROUPS = ["migratieachtergrond", "migratieachtergrond|laaggeletterd", "ouderen", ""]
AREAS = ["schalkwijk", "oost", "noord", "centrum"]
OUTCOMES = ["opgelost", "deels-opgelost", "doorverwezen"]


def demo_registrations_csv() -> str:
    """The organisation's export from its own system: one row per contact moment."""
    rng = random.Random(SEED)  # noqa: S311 - invented data, not secrets
    lines = [",".join(COLUMNS)]
    for number in range(1, CLIENTS + 1):
        client_ref = f"WCV-{number:04d}"
        groups = rng.choice(GROUPS)
        area = rng.choice(AREAS)
        for case_number in range(1, rng.choice([1, 1, 2]) + 1):
            opened = date(2025, 1, 6) + timedelta(days=rng.randrange(300))
            closed = opened + timedelta(days=rng.randrange(7, 60)) if rng.random() < 0.7 else None
            case = [
                client_ref,
                f"{client_ref}-{case_number}",
                rng.choice(TOPICS),
                opened.isoformat(),
                closed.isoformat() if closed else "",
            ]
            outcome = rng.choice(OUTCOMES) if closed else ""
            span = (closed - opened).days if closed else 30
            for _ in range(rng.randrange(1, 5)):
                contact = opened + timedelta(days=rng.randrange(span + 1))
                lines.append(
                    ",".join(
                        [
                            *case,
                            contact.isoformat(),
                            rng.choice(CHANNELS),
                            rng.choice(ACTIVITIES),
                            str(rng.choice([15, 30, 45, 60, 90])),
                            groups,
                            area,
                            outcome,
                        ]
                    )
                )
    return "\r\n".join(lines) + "\r\n"


def _imported_before(organisation: Organisation) -> bool:
    # Importing again would change nothing but would add an audit entry; when the
    # imported cases are gone (their file destroyed, the demo cleared), import anew.
    return has_imported_cases(organisation)


def demo_registrations_load() -> int:
    """Import the demo file; the number of cases and contact moments it created."""
    organisation = Organisation.objects.filter(slug=ORGANISATION_SLUG).first()
    if organisation is None or _imported_before(organisation):
        return 0
    outcome = registrations_import(
        actor=None,
        organisation=organisation,
        stream=io.BytesIO(demo_registrations_csv().encode()),
        file_name="wijkcontactvrouwen-2025.csv",
    )
    assert outcome.counts is not None
    return outcome.counts.cases_created + outcome.counts.contact_moments_created
