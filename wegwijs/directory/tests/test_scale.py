"""generate_scale_data --services grows the sociale kaart; search and the finder stay bounded."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wegwijs.accounts.constants import OrganisationKind
from wegwijs.directory.models import Service, ServiceSearchTerm
from wegwijs.directory.selectors import FACILITY_KINDS, organisation_matches

pytestmark = pytest.mark.django_db


@pytest.fixture
def grown():
    out = StringIO()
    call_command(
        "generate_scale_data",
        *("--organisations", "3", "--clients", "3", "--contacts", "3"),
        *("--services", "90", "--batch-size", "25", "--password", "Een-lang-wachtwoord-2026"),
        stdout=out,
        stderr=StringIO(),
    )
    return out.getvalue()


def test_services_are_created_and_searchable(grown, client, django_assert_max_num_queries):
    assert "Created 90 services" in grown
    assert Service.objects.count() == 90
    assert Service.objects.filter(organisation__kind=OrganisationKind.CLIENT_SUPPORT).count() == 1
    assert ServiceSearchTerm.objects.filter(weight=2).values("service").distinct().count() == 90
    # Every service has its terms, like one saved through the staff pages.
    assert not Service.objects.filter(search_terms__isnull=True).exists()
    with django_assert_max_num_queries(12):
        response = client.get(reverse("directory:search"), {"q": "hulp", "page": "2"})
    assert response.status_code == 200
    with django_assert_max_num_queries(25):
        response = client.get(reverse("directory:finder-answer"), {"onderwerp": "financien"})
    assert response.status_code == 200
    assert organisation_matches(kinds=FACILITY_KINDS)


def test_search_query_count_does_not_grow_with_the_page(grown, client):
    counts = []
    client.get(reverse("directory:search"), {"q": "advies"})  # ranks once, then cached
    for per in ("2", "3"):
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("directory:search"), {"q": "advies", "page": per})
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
