"""Haarlem with its areas, three client-support organisations and their coordinators."""

from dataclasses import dataclass

import pytest
from django.core.cache import cache

from wegwijs.accounts.constants import OrganisationKind, Role
from wegwijs.accounts.models import Municipality, Organisation, User
from wegwijs.accounts.tests import factories
from wegwijs.reference.services import areas_load


@dataclass
class City:
    municipality: Municipality
    wijkteams: Organisation
    mee: Organisation
    clientenbelang: Organisation
    library: Organisation
    coordinator_wijkteams: User
    coordinator_mee: User
    coordinator_clientenbelang: User
    supporter_wijkteams: User


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Submissions of other tests count against 127.0.0.1; start clean.
    cache.clear()


@pytest.fixture
def city(db) -> City:
    municipality = factories.municipality("haarlem", "Haarlem")
    areas_load(municipality=municipality)
    wijkteams = factories.organisation("sociale-wijkteams")
    mee = factories.organisation("mee-de-wering")
    clientenbelang = factories.organisation("clientenbelang", is_independent=True)
    library = factories.organisation("bibliotheek", kind=OrganisationKind.FACILITY)
    return City(
        municipality=municipality,
        wijkteams=wijkteams,
        mee=mee,
        clientenbelang=clientenbelang,
        library=library,
        coordinator_wijkteams=factories.user(
            Role.COORDINATOR, email="coord-wijkteams@example.org", organisation_slug=wijkteams.slug
        ),
        coordinator_mee=factories.user(
            Role.COORDINATOR, email="coord-mee@example.org", organisation_slug=mee.slug
        ),
        coordinator_clientenbelang=factories.user(
            Role.COORDINATOR,
            email="coord-clientenbelang@example.org",
            organisation_slug=clientenbelang.slug,
        ),
        supporter_wijkteams=factories.user(
            Role.SUPPORTER, email="ondersteuner@example.org", organisation_slug=wijkteams.slug
        ),
    )
