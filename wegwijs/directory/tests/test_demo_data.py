"""The Haarlem demo's sociale kaart: complete, findable and loaded once."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from wegwijs.accounts.models import Organisation
from wegwijs.directory.models import Location, Service, Synonym
from wegwijs.directory.selectors import area_for_postcode, organisation_matches

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    out = StringIO()
    call_command("load_demo", "--without-cases", stdout=out)
    return out.getvalue()


def test_every_demo_organisation_has_an_entry(demo):
    assert "Sociale kaart:" in demo
    without = Organisation.objects.exclude(services__isnull=False).values_list("slug", flat=True)
    assert list(without) == []
    assert Synonym.objects.filter(term="schulden").exists()
    schalkwijk = area_for_postcode("2034 AB")
    centrum = area_for_postcode("2011")
    assert schalkwijk is not None
    assert schalkwijk.name == "Schalkwijk"
    assert centrum is not None
    assert centrum.name == "Centrum"
    assert area_for_postcode("1011") is None


def test_loading_twice_creates_nothing(demo):
    counts = (Service.objects.count(), Location.objects.count(), Synonym.objects.count())
    out = StringIO()
    call_command("load_demo", "--without-cases", stdout=out)
    assert "Sociale kaart: 0 entries created" in out.getvalue()
    assert (Service.objects.count(), Location.objects.count(), Synonym.objects.count()) == counts


def test_demo_finder_answers(demo, client):
    matches = organisation_matches(topic="bezwaar", independent=True)
    assert matches[0].organisation.slug == "clientenbelang"
    matches = organisation_matches(topic="financien", area="boerhaavewijk", language="tr")
    assert matches[0].organisation.slug == "sociale-wijkteams"
    assert "werkt in Boerhaavewijk" in matches[0].reasons
    html = client.get(reverse("directory:search"), {"q": "rolstoel"}).content.decode()
    assert "Hulpmiddelen lenen" in html
    html = client.get(reverse("directory:organisation", args=["vrouwenopvang"])).content.decode()
    assert "Het adres van deze organisatie is geheim" in html
