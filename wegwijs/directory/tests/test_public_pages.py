"""The public sociale kaart through HTTP: finder, search, organisation and service pages."""

import pytest
from django.urls import reverse

from wegwijs.accounts.constants import OrganisationKind
from wegwijs.accounts.models import Organisation
from wegwijs.directory import services
from wegwijs.directory.models import PostcodeRange
from wegwijs.directory.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def kaart():
    schalkwijk = factories.area("schalkwijk", "Schalkwijk")
    factories.area("boerhaavewijk", "Boerhaavewijk", parent=schalkwijk)
    PostcodeRange.objects.create(area=schalkwijk, first=2033, last=2037)
    wijkteam = factories.organisation(slug="wijkteam")
    Organisation.objects.filter(pk=wijkteam.pk).update(
        phone="023 543 0990", whatsapp="06 1234 5678", email="info@wijkteam.example"
    )
    wijkteam.refresh_from_db()
    schuld = factories.service(
        wijkteam,
        name="Hulp bij geldzaken",
        description="Wij helpen bij schulden, rekeningen en betalingsachterstanden.",
        topic_codes=["financien"],
        area_codes=["schalkwijk"],
        language_codes=["nl", "tr"],
    )
    spreekuur = factories.location(
        wijkteam, name="Wijkplek Schalkwijk", street_address="Fie Carelsenplein 2"
    )
    factories.schedule(spreekuur, weekday=2)
    factories.service_at_location(schuld, spreekuur)
    factories.organisation(slug="clientenbelang", is_independent=True)
    opvang = factories.organisation(slug="vrouwenopvang", kind=OrganisationKind.FACILITY)
    Organisation.objects.filter(pk=opvang.pk).update(
        address_is_confidential=True, street_address="Geheimestraat 13", phone="088 123 4567"
    )
    opvang.refresh_from_db()
    veilig = factories.service(
        opvang, name="Opvang bij huiselijk geweld", topic_codes=["veiligheid", "wonen-opvang"]
    )
    geheim = factories.location(
        opvang, name="Opvanghuis", street_address="Verstopteweg 7", postcode="2035AA"
    )
    factories.schedule(geheim, weekday=1)
    factories.service_at_location(veilig, geheim)
    hulpmiddel = factories.organisation(slug="hulpmiddelen", kind=OrganisationKind.FACILITY)
    factories.service(
        hulpmiddel,
        name="Uitleen van hulpmiddelen",
        description="Tijdelijk een rollator of krukken lenen.",
        topic_codes=["hulpmiddelen"],
    )
    factories.synonym("rolstoel", "hulpmiddelen", both_ways=False)
    factories.synonym("schulden", "geldzorgen")
    return {"wijkteam": wijkteam, "schuld": schuld, "opvang": opvang, "veilig": veilig}


def test_finder_questions_are_prefilled_from_the_address(client):
    response = client.get(reverse("directory:finder"), {"onderwerp": "financien"})
    assert response.status_code == 200
    assert '<option value="financien" selected>' in response.content.decode()


def test_finder_answer_ranks_and_explains(client, kaart, django_assert_max_num_queries):
    params = {"onderwerp": "financien", "postcode": "2034 AB", "taal": "tr"}
    with django_assert_max_num_queries(32):
        response = client.get(reverse("directory:finder-answer"), params)
    # The same question again is answered from the cache.
    with django_assert_max_num_queries(5):
        again = client.get(reverse("directory:finder-answer"), params)
    assert again.content.decode().count("werkt in Schalkwijk") == 1
    html = response.content.decode()
    assert response.status_code == 200
    assert "werkt in Schalkwijk" in html
    assert "spreekt Turks" in html
    assert 'href="tel:0235430990"' in html
    assert 'href="https://wa.me/31612345678"' in html
    assert "mailto:info@wijkteam.example" in html
    assert "inloop, zonder afspraak" in html
    assert html.index("Wijkteam") < html.index("Clientenbelang")
    assert "/hulp-vragen/" in html


@pytest.mark.parametrize("asked", [1, 2], ids=["first", "again-from-cache"])
def test_finder_answer_unknown_postcode_and_values(client, kaart, asked):
    for _ in range(asked):
        response = client.get(
            reverse("directory:finder-answer"),
            {"onderwerp": "astrologie", "postcode": "9999", "taal": "xx"},
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Postcode 9999 kennen we niet") == 1
    assert html.count("De keuze &#x27;astrologie&#x27; kennen we niet") == 1
    # The general answer: every client-support organisation.
    assert "Wijkteam" in html
    assert "Clientenbelang" in html


def test_confidential_address_is_never_rendered(client, kaart):
    pages = [
        reverse("directory:organisation", args=["vrouwenopvang"]),
        reverse("directory:service", args=[kaart["veilig"].pk]),
        reverse("directory:finder-answer") + "?onderwerp=veiligheid",
        reverse("directory:search") + "?q=opvang",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "Vrouwenopvang" in html, url
        assert "Geheimestraat" not in html, url
        assert "Verstopteweg" not in html, url
        assert "2035AA" not in html, url
    html = client.get(pages[0]).content.decode()
    assert "Het adres van deze organisatie is geheim" in html
    assert "088 123 4567" in html


def test_service_page_shows_the_details(client, kaart):
    html = client.get(reverse("directory:service", args=[kaart["schuld"].pk])).content.decode()
    assert "Hulp bij geldzaken" in html
    assert "Turks" in html
    assert "Gratis" in html
    assert "Fie Carelsenplein 2" in html
    assert "Laatst gecontroleerd" in html
    assert "dinsdag 09.30 tot 11.30 uur" in html


def test_search_stems_and_synonyms(client, kaart):
    def names(**params):
        html = client.get(reverse("directory:search"), params).content.decode()
        return html

    assert "Hulp bij geldzaken" in names(q="schuld")
    assert "Hulp bij geldzaken" in names(q="geldzorgen")
    assert "Uitleen van hulpmiddelen" in names(q="rolstoel")
    assert "Hulp bij geldzaken" not in names(q="rolstoel")


@pytest.mark.parametrize("asked", [1, 2], ids=["first", "again-from-cache"])
def test_search_unknown_filter_is_ignored_with_a_message(client, kaart, asked):
    for _ in range(asked):
        response = client.get(reverse("directory:search"), {"onderwerp": "onzin", "taal": "tr"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "onzin" in html
    assert html.count("kennen we niet") == 1
    assert "Hulp bij geldzaken" in html
    assert "Uitleen van hulpmiddelen" not in html


def test_unknown_pages_are_404(client, kaart):
    assert client.get(reverse("directory:organisation", args=["bestaat-niet"])).status_code == 404
    url = reverse("directory:service", args=["00000000-0000-0000-0000-000000000000"])
    assert client.get(url).status_code == 404


def test_a_change_shows_at_once_despite_the_cache(client, kaart):
    url = reverse("directory:search")
    assert "Hulp bij geldzaken" in client.get(url, {"q": "schuld"}).content.decode()
    services.service_update(actor=None, service=kaart["schuld"], name="Geldzaken op orde")
    html = client.get(url, {"q": "schuld"}).content.decode()
    assert "Geldzaken op orde" in html
    answer = reverse("directory:finder-answer") + "?onderwerp=financien"
    assert "Geldzaken op orde" in client.get(answer).content.decode()
    services.service_delete(actor=None, service=kaart["schuld"])
    assert "Geldzaken op orde" not in client.get(answer).content.decode()
    assert "Geldzaken op orde" not in client.get(url, {"q": "schuld"}).content.decode()


def test_pages_in_english(client, kaart):
    client.cookies["django_language"] = "en"
    html = client.get(
        reverse("directory:finder-answer"), {"onderwerp": "financien"}
    ).content.decode()
    assert "These organisations can help you" in html
    assert "helps with Money and debts" in html
    html = client.get(reverse("directory:search"), {"q": "schulden"}).content.decode()
    assert "Search the social map" in html
    assert "Hulp bij geldzaken" in html
