"""The finder's contract: organisation_matches ranks, explains and never comes back empty."""

import pytest

from wegwijs.accounts.constants import OrganisationKind
from wegwijs.directory.selectors import FACILITY_KINDS, organisation_matches
from wegwijs.directory.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    schalkwijk = factories.area("schalkwijk", "Schalkwijk")
    boerhaavewijk = factories.area("boerhaavewijk", "Boerhaavewijk", parent=schalkwijk)
    noord = factories.area("noord", "Noord")
    wijkteam = factories.organisation(slug="wijkteam")
    factories.service(
        wijkteam,
        name="Wijkteam Schalkwijk",
        topic_codes=["financien", "huishouden"],
        area_codes=["schalkwijk"],
        language_codes=["nl", "tr"],
    )
    factories.service(
        wijkteam, name="Wijkteam Noord", topic_codes=["financien"], area_codes=["noord"]
    )
    belang = factories.organisation(slug="clientenbelang", is_independent=True)
    factories.service(
        belang,
        name="Onafhankelijke cliëntondersteuning",
        topic_codes=["bezwaar", "zorg-gezondheid"],
        target_group_codes=["mantelzorger"],
    )
    factories.organisation(slug="cjg")  # client support without any entry yet
    voedselbank = factories.organisation(slug="voedselbank", kind=OrganisationKind.FACILITY)
    factories.service(voedselbank, name="Voedselpakket", topic_codes=["financien"])
    opvang = factories.organisation(slug="opvang", kind=OrganisationKind.FACILITY)
    factories.service(opvang, name="Nachtopvang", topic_codes=["wonen-opvang"])
    return {"schalkwijk": schalkwijk, "boerhaavewijk": boerhaavewijk, "noord": noord}


def test_best_fit_first_with_its_reasons(city, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        matches = organisation_matches(topic="financien", area="boerhaavewijk", language="tr")
    assert matches[0].organisation.slug == "wijkteam"
    assert matches[0].reasons == [
        "helpt bij Financiën en schulden",
        "werkt in Boerhaavewijk",
        "spreekt Turks",
    ]
    assert [s.name for s in matches[0].services] == ["Wijkteam Schalkwijk", "Wijkteam Noord"]


def test_independent_organisation_wins_when_asked(city):
    matches = organisation_matches(
        topic="bezwaar", independent=True, target_groups=["mantelzorger"]
    )
    assert matches[0].organisation.slug == "clientenbelang"
    assert "volledig onafhankelijk" in matches[0].reasons
    assert "voor mantelzorger" in matches[0].reasons
    assert "helpt bij Bezwaar, beroep en klachten" in matches[0].reasons


def test_client_support_is_never_empty(city):
    matches = organisation_matches(topic="vervoer", area="noord")
    assert {m.organisation.slug for m in matches} == {"wijkteam", "clientenbelang", "cjg"}
    cjg = next(m for m in matches if m.organisation.slug == "cjg")
    assert cjg.services == []
    assert cjg.reasons


def test_facilities_only_when_they_fit(city):
    matches = organisation_matches(topic="financien", kinds=FACILITY_KINDS)
    assert [m.organisation.slug for m in matches] == ["voedselbank"]
    assert organisation_matches(topic="vervoer", kinds=FACILITY_KINDS) == []


def test_exclude_and_limit(city):
    matches = organisation_matches(exclude_organisation_id=city["noord"].pk and None, limit=2)
    assert len(matches) == 2
    wijkteam = matches[0].organisation
    rest = organisation_matches(exclude_organisation_id=wijkteam.pk)
    assert wijkteam.pk not in {m.organisation.pk for m in rest}
