"""The Open Referral HSDS 3.0 read API through HTTP, validated against the official schemas."""

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wegwijs.directory.hsds import mapping
from wegwijs.directory.models import Service
from wegwijs.directory.tests import factories, hsds_data, hsds_schemas

hsds_schemas.require_schemas()

pytestmark = pytest.mark.django_db

BASE = "/api/hsds"


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    """The limit has its own test; the others call as often as they need."""
    settings.WEGWIJS_HSDS_RATE = "100000/m"


@pytest.fixture
def kaart(settings) -> hsds_data.Kaart:
    settings.WEGWIJS_PROVINCE = "Noord-Holland"
    return hsds_data.build()


@pytest.fixture
def api() -> Client:
    return Client()


def get(api: Client, path: str, **params: str) -> dict:
    response = api.get(f"{BASE}{path}", params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def assert_valid(body: object, openapi_path: str) -> None:
    problems = hsds_schemas.errors(body, hsds_schemas.response_schema(openapi_path))
    assert problems == []


FULL_ITEM = {
    "/services": "service",
    "/organizations": "organization",
    "/service_at_locations": "service_at_location",
}


def assert_valid_page(body: dict, openapi_path: str, *, full: bool = False) -> None:
    """The page as the official file says; with ``full`` the items as the fully nested schema."""
    if full:
        assert_valid({**body, "contents": []}, openapi_path)
        item_schema = {"$ref": f"{hsds_schemas.SPEC_BASE}compiled/{FULL_ITEM[openapi_path]}.json"}
        for item in body["contents"]:
            assert hsds_schemas.errors(item, item_schema) == []
    else:
        assert_valid(body, openapi_path)
    assert set(body) == {
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    }


def ids(body: dict) -> list[str]:
    return [item["id"] for item in body["contents"]]


# --- Every endpoint against the official schema -----------------------------------


def test_root_names_the_version_and_the_openapi_file(api, kaart):
    body = get(api, "/")
    assert_valid(body, "/")
    assert body["version"] == "3.0"
    assert body["openapi_url"] == "http://testserver/api/hsds/openapi.json"
    document = get(api, "/openapi.json")
    official = hsds_schemas.load("openapi.json")
    assert document["paths"] == official["paths"]
    assert document["components"] == official["components"]
    assert document["servers"] == [{"url": "http://testserver/api/hsds/"}]


@pytest.mark.parametrize("params", [{}, {"full": "true"}, {"minimal": "true"}])
def test_service_list_validates(api, kaart, params):
    body = get(api, "/services", **params)
    assert_valid_page(body, "/services", full="full" in params)
    assert sorted(ids(body)) == sorted(
        str(s.pk) for s in (kaart.schuld, kaart.cursus, kaart.veilig, kaart.uitleen)
    )
    if params.get("minimal"):
        assert all(
            set(item) == {"id", "name", "status", "last_modified"} for item in body["contents"]
        )
    if params.get("full"):
        schuld = next(item for item in body["contents"] if item["id"] == str(kaart.schuld.pk))
        assert schuld["service_at_locations"][0]["location"]["name"] == "Wijkplek Schalkwijk"


def test_service_detail_validates_and_carries_what_wegwijs_knows(api, kaart):
    body = get(api, f"/services/{kaart.schuld.pk}")
    assert_valid(body, "/services/{id}")
    assert body["organization_id"] == str(kaart.wijkteam.uuid)
    assert body["organization"]["name"] == "Wijkteam Haarlem"
    assert body["assured_date"] == "2026-09-01"
    assert body["eligibility_description"] == "Inwoners van Haarlem."
    assert body["cost_options"] == [
        {
            "id": mapping.derived_id("cost", kaart.schuld.pk),
            "service_id": str(kaart.schuld.pk),
            "amount": 0,
            "currency": "EUR",
        }
    ]
    assert {(item["code"], item.get("note")) for item in body["languages"]} == {
        ("nl", None),
        ("tr", "alleen op dinsdag"),
    }
    terms = {item["taxonomy_term"]["code"] for item in body["attributes"]}
    assert terms == {
        "topic/financien",
        "topic/regelgeving",
        "target_group/lichamelijke-beperking",
        "channel/telefoon",
        "channel/locatie",
    }
    assert {area["uri"] for area in body["service_areas"]} == {
        "urn:wegwijs:gebied:haarlem:schalkwijk",
        "urn:wegwijs:gebied:haarlem:boerhaavewijk",
    }
    [at] = body["service_at_locations"]
    assert [(s["byday"], s["opens_at"], s["notes"]) for s in at["schedules"]] == [
        ("WE", "10:00:00", "spreekuur geldzaken")
    ]
    location = at["location"]
    assert location["addresses"] == [
        {
            "id": mapping.derived_id("address", kaart.wijkplek.pk),
            "location_id": str(kaart.wijkplek.pk),
            "address_1": "Fie Carelsenplein 2",
            "city": "Haarlem",
            "state_province": "Noord-Holland",
            "postal_code": "2034PK",
            "country": "NL",
            "address_type": "physical",
        }
    ]
    walk_in = [s for s in location["schedules"] if s.get("attributes")]
    assert [(s["byday"], s["attributes"][0]["taxonomy_term"]["code"]) for s in walk_in] == [
        ("TU", "schedule/inloop")
    ]
    cursus = get(api, f"/services/{kaart.cursus.pk}")
    assert_valid(cursus, "/services/{id}")
    assert cursus["cost_options"][0]["amount_description"] == "€ 25 voor de hele cursus"
    assert "amount" not in cursus["cost_options"][0]


@pytest.mark.parametrize("params", [{}, {"full": "true"}, {"full": "true", "full_service": "true"}])
def test_organization_list_validates(api, kaart, params):
    body = get(api, "/organizations", **params)
    assert_valid_page(body, "/organizations", full="full" in params)
    assert str(kaart.wijkteam.uuid) in ids(body)
    if params.get("full"):
        wijkteam = next(i for i in body["contents"] if i["id"] == str(kaart.wijkteam.uuid))
        # Only active services, never the inactive one.
        assert {s["name"] for s in wijkteam["services"]} == {"Hulp bij geldzaken", "Budgetcursus"}
        assert {p["type"] for p in wijkteam["phones"]} == {"voice", "text"}


@pytest.mark.parametrize("params", [{}, {"full_service": "true"}])
def test_organization_detail_validates(api, kaart, params):
    body = get(api, f"/organizations/{kaart.wijkteam.uuid}", **params)
    assert_valid(body, "/organizations/{id}")
    assert body["description"].startswith("Het wijkteam")
    own, wijkplek = body["locations"]
    assert wijkplek["name"] == "Wijkplek Schalkwijk"
    # The organisation's own address and opening hours are a location of their own.
    assert own["addresses"][0]["address_1"] == "Zijlweg 245"
    assert own["schedules"][0]["description"].startswith("Maandag tot en met vrijdag")
    opvang = get(api, f"/organizations/{kaart.opvang.uuid}")
    assert [loc["name"] for loc in opvang["locations"]] == ["Opvanghuis"]
    # An organisation without a description is described by its name (HSDS requires one).
    bare = get(api, f"/organizations/{kaart.hulpmiddelen.uuid}", **params)
    assert_valid(bare, "/organizations/{id}")
    assert bare["description"] == bare["name"]


def test_taxonomies_and_terms_validate(api, kaart):
    taxonomies = get(api, "/taxonomies")
    assert_valid_page(taxonomies, "/taxonomies")
    assert taxonomies["total_items"] == 4
    for taxonomy in taxonomies["contents"]:
        assert_valid(get(api, f"/taxonomies/{taxonomy['id']}"), "/taxonomies/{id}")
    terms = get(api, "/taxonomy_terms", per_page="200")
    assert_valid_page(terms, "/taxonomy_terms")
    codes = {term["code"] for term in terms["contents"]}
    assert {"topic/financien", "channel/telefoon", "schedule/inloop"} <= codes
    topic = mapping.CODE_TAXONOMIES[0]
    term = get(api, f"/taxonomy_terms/{topic.term_id('financien')}")
    assert_valid(term, "/taxonomy_terms/{id}")
    assert term["name"] == "Financiën en schulden"
    only_topics = get(api, "/taxonomy_terms", taxonomy_id=topic.id, per_page="200")
    assert {t["taxonomy_id"] for t in only_topics["contents"]} == {topic.id}
    found = get(api, "/taxonomy_terms", search="schulden")["contents"]
    assert {term["code"] for term in found} == {"topic/financien", "target_group/schulden"}
    assert get(api, "/taxonomy_terms", parent_id=topic.id)["empty"] is True


@pytest.mark.parametrize("params", [{}, {"full": "true"}])
def test_service_at_locations_validate(api, kaart, params):
    body = get(api, "/service_at_locations", **params)
    assert_valid_page(body, "/service_at_locations", full="full" in params)
    # The inactive service's place at the wijkplek is not listed.
    assert body["total_items"] == 3
    for item in body["contents"]:
        detail = get(api, f"/service_at_locations/{item['id']}")
        # The official OpenAPI file names service.json here; the answer is a
        # service_at_location, validated against that compiled schema.
        problems = hsds_schemas.errors(
            detail, {"$ref": f"{hsds_schemas.SPEC_BASE}compiled/service_at_location.json"}
        )
        assert problems == []
        assert detail["service"]["id"] == item["service_id"]


# --- Pagination and filters -------------------------------------------------------


def test_pagination(api, kaart):
    first = get(api, "/services", per_page="3")
    assert (first["total_items"], first["total_pages"], first["size"]) == (4, 2, 3)
    assert (first["page_number"], first["first_page"], first["last_page"]) == (1, True, False)
    second = get(api, "/services", per_page="3", page="2")
    assert (second["size"], second["first_page"], second["last_page"]) == (1, False, True)
    assert set(ids(first)).isdisjoint(ids(second))
    beyond = get(api, "/services", per_page="3", page="5")
    assert beyond["contents"] == []
    assert beyond["empty"] is False
    for bad in ({"page": "0"}, {"page": "twee"}, {"per_page": "1000"}, {"full": "misschien"}):
        response = api.get(f"{BASE}/services", bad)
        assert response.status_code == 400
        assert response["Content-Type"] == "application/problem+json"
    none = get(api, "/services", search="xylofoon")
    assert (none["total_items"], none["empty"], none["contents"]) == (0, True, [])


def test_filters(api, kaart):
    topic, target_group, channel = mapping.CODE_TAXONOMIES

    def found(**params: str) -> set[str]:
        body = get(api, "/services", per_page="200", **params)
        return {item["name"] for item in body["contents"]}

    assert found(search="geldzaken") == {"Hulp bij geldzaken"}
    assert found(search="schulden") == {"Hulp bij geldzaken", "Budgetcursus"}
    assert found(search="rollator") == {"Uitleen van hulpmiddelen"}
    assert found(taxonomy_term_id=topic.term_id("financien")) == {
        "Hulp bij geldzaken",
        "Budgetcursus",
    }
    assert found(taxonomy_term_id=mapping.WALK_IN_TERM_ID) == {
        "Hulp bij geldzaken",
        "Opvang bij huiselijk geweld",
    }
    assert found(taxonomy_term_id=topic.term_id("bestaat-niet")) == set()
    assert found(taxonomy_term_id="geen-uuid") == set()
    assert found(taxonomy_id=channel.id) == {"Hulp bij geldzaken"}
    assert found(taxonomy_id=target_group.id) == {"Hulp bij geldzaken"}
    assert found(organization_id=str(kaart.opvang.uuid)) == {"Opvang bij huiselijk geweld"}
    assert found(organization_id="geen-uuid") == set()
    assert found(search="geldzaken", organization_id=str(kaart.wijkteam.uuid)) == {
        "Hulp bij geldzaken"
    }
    future = (timezone.now() + timedelta(hours=1)).isoformat()
    assert found(modified_after=future) == set()
    Service.objects.filter(pk=kaart.cursus.pk).update(
        updated_at=timezone.now() - timedelta(days=30)
    )
    week_ago = (timezone.now() - timedelta(days=7)).date().isoformat()
    assert "Budgetcursus" not in found(modified_after=week_ago)
    assert "Hulp bij geldzaken" in found(modified_after=week_ago)
    assert api.get(f"{BASE}/services", {"modified_after": "gisteren"}).status_code == 400
    at_locations = get(api, "/service_at_locations", organization_id=str(kaart.opvang.uuid))
    assert [item["service_id"] for item in at_locations["contents"]] == [str(kaart.veilig.pk)]
    organisations = get(api, "/organizations", search="wijkteam")
    assert ids(organisations) == [str(kaart.wijkteam.uuid)]


# --- Public, but not everything -------------------------------------------------


def test_cors_for_every_origin_only_on_the_hsds_api(api, kaart):
    response = api.get(f"{BASE}/services", HTTP_ORIGIN="https://kaart.example.net")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = api.options(
        f"{BASE}/services",
        HTTP_ORIGIN="https://andere.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"
    elsewhere = api.get("/api/v1/", HTTP_ORIGIN="https://kaart.example.net")
    assert "Access-Control-Allow-Origin" not in elsewhere


def test_no_key_needed_and_no_writes(api, kaart):
    assert api.get(f"{BASE}/services").status_code == 200
    assert api.post(f"{BASE}/services", {}).status_code == 405


def test_calls_are_limited_per_address(api, kaart, settings):
    settings.WEGWIJS_HSDS_RATE = "2/m"
    cache.clear()
    assert api.get(f"{BASE}/taxonomies", REMOTE_ADDR="192.0.2.7").status_code == 200
    assert api.get(f"{BASE}/taxonomies", REMOTE_ADDR="192.0.2.7").status_code == 200
    limited = api.get(f"{BASE}/taxonomies", REMOTE_ADDR="192.0.2.7")
    assert limited.status_code == 429
    assert limited["Retry-After"] == "60"
    assert api.get(f"{BASE}/taxonomies", REMOTE_ADDR="192.0.2.8").status_code == 200
    cache.clear()


def test_confidential_addresses_never_appear(api, kaart):
    answers = [
        api.get(f"{BASE}{path}", params).content.decode()
        for path, params in [
            ("/services", {"full": "true"}),
            (f"/services/{kaart.veilig.pk}", {}),
            (f"/services/{kaart.uitleen.pk}", {}),
            ("/organizations", {"full": "true", "full_service": "true"}),
            (f"/organizations/{kaart.opvang.uuid}", {}),
            (f"/organizations/{kaart.hulpmiddelen.uuid}", {}),
            ("/service_at_locations", {"full": "true"}),
        ]
    ]
    for text in answers:
        for street in hsds_data.SECRET_STREETS:
            assert street not in text
        assert "2035AA" not in text
        assert "2031BB" not in text
    opvanghuis = json.loads(answers[1])["service_at_locations"][0]["location"]
    assert opvanghuis["name"] == "Opvanghuis"
    assert "addresses" not in opvanghuis


def test_unknown_and_inactive_records_are_404(api, kaart):
    sal_of_inactive = kaart.oud.at_locations.get().pk
    for path in [
        f"/services/{kaart.oud.pk}",
        "/services/8f7d1c0e-0000-4000-8000-000000000000",
        "/services/niet-een-uuid",
        "/organizations/8f7d1c0e-0000-4000-8000-000000000000",
        "/taxonomies/8f7d1c0e-0000-4000-8000-000000000000",
        "/taxonomy_terms/niets",
        f"/service_at_locations/{sal_of_inactive}",
    ]:
        response = api.get(f"{BASE}{path}")
        assert response.status_code == 404, path
        assert response.json()["status"] == 404


def _queries(api: Client, path: str, **params: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert api.get(f"{BASE}{path}", params).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    ("path", "params", "limit"),
    [
        ("/services", {}, 3),
        ("/services", {"full": "true"}, 14),
        ("/services", {"search": "hulp", "full": "true"}, 16),
        ("/organizations", {"full": "true", "full_service": "true"}, 18),
        ("/service_at_locations", {"full": "true"}, 18),
        ("/service_at_locations", {}, 3),
    ],
)
def test_query_counts_do_not_grow_with_the_directory(api, kaart, path, params, limit):
    small = _queries(api, path, **params)
    for number in range(8):
        service = factories.service(
            kaart.wijkteam, name=f"Extra hulp {number}", topic_codes=["financien"]
        )
        location = factories.location(kaart.wijkteam, name=f"Extra plek {number}")
        factories.schedule(location, weekday=1 + number % 5)
        factories.service_at_location(service, location)
    large = _queries(api, path, **params)
    assert large == small
    assert large <= limit


def test_not_in_the_wegwijs_api_schema():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert not [path for path in schema["paths"] if "hsds" in path]
