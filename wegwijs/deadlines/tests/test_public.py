"""The public "Tot wanneer kan ik bezwaar maken?" page and the public compute API."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from wegwijs.deadlines import rules, selectors
from wegwijs.portal.tests import conftest as browser_fixtures
from wegwijs.portal.tests.conftest import assert_accessible

PAGE = "/bezwaar-termijn/"
API = "/api/v1/deadlines/compute"

# The portal's browser fixtures: chromium, pages on the live server.
browser = browser_fixtures.browser
new_page = browser_fixtures.new_page
page = browser_fixtures.page
fresh_rate_limits = browser_fixtures._fresh_rate_limits


def text_of(response) -> str:
    return " ".join(response.content.decode().split())


# --- The page ----------------------------------------------------------------------------


def test_url_is_the_agreed_one():
    assert reverse("deadlines:public-bezwaar") == PAGE


@pytest.mark.django_db
def test_empty_page_without_login():
    response = Client().get(PAGE)
    assert response.status_code == 200
    text = text_of(response)
    assert "Tot wanneer kan ik bezwaar maken?" in text
    assert "meestal de datum van de brief" in text
    assert 'type="date"' in text
    assert 'method="get"' in text
    assert "De laatste dag" not in text
    # The way to free client support is always there.
    assert f'href="{reverse("portal:public-home")}#organisaties"' in text
    assert "wegwijs-error" not in text


@pytest.mark.django_db
def test_worked_example_plain():
    response = Client().get(PAGE, {"datum": "2026-03-12"})
    assert response.status_code == 200
    text = text_of(response)
    assert "U kunt bezwaar maken tot en met donderdag 23 april 2026." in text
    assert "de termijn begint op vrijdag 13 maart 2026" in text
    assert "schuift de laatste dag op" not in text
    # When a bezwaar is on time, also by post (Awb 6:9).
    assert "uiterlijk op donderdag 23 april 2026 binnen zijn" in text
    assert "op de post doet" in text
    assert "binnen een week" in text
    assert "6:9" in text
    assert f'href="{reverse("portal:public-home")}#organisaties"' in text
    # The entered date stays in the form.
    assert 'value="2026-03-12"' in text
    assert 'value="bezwaar" class="utrecht-radio-button utrecht-radio-button--html-input"' in text


@pytest.mark.django_db
def test_worked_example_moved_past_bevrijdingsdag():
    response = Client().get(PAGE, {"soort": "bezwaar", "datum": "2026-03-24"})
    text = text_of(response)
    assert "U kunt bezwaar maken tot en met woensdag 6 mei 2026." in text
    assert "Na 6 weken is de laatste dag dinsdag 5 mei 2026." in text
    assert "schuift de laatste dag op" in text
    assert "dinsdag 5 mei 2026: Bevrijdingsdag" in text


@pytest.mark.django_db
def test_weekend_reason_is_shown():
    # 14 March 2026 (typed the Dutch way) is a Saturday: six weeks on is Saturday
    # 25 April, then Sunday, then Koningsdag on Monday 27 April.
    text = text_of(Client().get(PAGE, {"datum": "14-03-2026"}))
    assert "zaterdag 25 april 2026: zaterdag" in text
    assert "zondag 26 april 2026: zondag" in text
    assert "maandag 27 april 2026: Koningsdag" in text
    assert "U kunt bezwaar maken tot en met dinsdag 28 april 2026." in text


@pytest.mark.django_db
def test_beroep():
    text = text_of(Client().get(PAGE, {"soort": "beroep", "datum": "2026-03-12"}))
    assert "U kunt in beroep gaan tot en met donderdag 23 april 2026." in text
    assert "rechtbank" in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("32-13-2026", "Vul een geldige datum in, bijvoorbeeld 12-03-2026."),
        ("morgen", "Vul een geldige datum in, bijvoorbeeld 12-03-2026."),
        ("", "Vul de datum van de brief in."),
        ("1066-10-14", "Vul een datum in tussen 01-01-1990 en 31-12-2099."),
    ],
)
def test_bad_or_missing_date_is_an_error_on_the_field(value, message):
    response = Client().get(PAGE, {"datum": value})
    assert response.status_code == 200
    text = text_of(response)
    assert message in text
    assert 'id="id_datum_error"' in text
    assert 'aria-invalid="true"' in text
    assert "<title>Fout:" in text
    assert "De laatste dag" not in text


@pytest.mark.django_db
def test_unknown_kind_is_an_error():
    text = text_of(Client().get(PAGE, {"soort": "klacht", "datum": "2026-03-12"}))
    assert "Kies bezwaar of beroep." in text
    assert "De laatste dag" not in text


@pytest.mark.django_db
def test_only_get():
    assert Client().post(PAGE, {"datum": "2026-03-12"}).status_code == 405


@pytest.mark.django_db
def test_english_version_renders():
    http = Client()
    http.cookies["django_language"] = "en"
    response = http.get(PAGE, {"datum": "2026-03-24"})
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()
    # Dates in words follow the language.
    assert "Wednesday 6 May 2026" in text_of(response)


# --- The API ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_api_bezwaar_worked_example_without_a_token():
    response = Client().get(API, {"kind": "bezwaar", "date": "2026-03-24"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"kind", "date", "start", "raw_end", "end", "basis", "moved"}
    assert body["kind"] == "bezwaar"
    assert body["date"] == "2026-03-24"
    assert body["start"] == "2026-03-25"
    assert body["raw_end"] == "2026-05-05"
    assert body["end"] == "2026-05-06"
    assert "6:7" in body["basis"]
    assert len(body["moved"]) == 1
    assert body["moved"][0]["date"] == "2026-05-05"
    assert "Bevrijdingsdag" in body["moved"][0]["reason"]


@pytest.mark.django_db
def test_api_ignores_a_bad_token():
    response = Client().get(
        API, {"kind": "bezwaar", "date": "2026-03-12"}, HTTP_AUTHORIZATION="Token nonsense"
    )
    assert response.status_code == 200
    assert response.json()["end"] == "2026-04-23"
    assert response.json()["moved"] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "raw_end", "end"),
    [
        ({"kind": "beroep", "date": "2026-03-12"}, "2026-04-23", "2026-04-23"),
        ({"kind": "wmo-onderzoek", "date": "2026-03-12"}, "2026-04-23", "2026-04-23"),
        # 7 days after Wednesday 8 April: Wednesday 15 April.
        ({"kind": "wmo-persoonlijk-plan", "date": "2026-04-08"}, "2026-04-15", "2026-04-15"),
        # 14 days after 20 December 2025: Saturday 3 January 2026 moves to Monday.
        ({"kind": "wmo-beschikking", "date": "2025-12-20"}, "2026-01-03", "2026-01-05"),
        ({"kind": "avg-inzage", "date": "2026-01-31"}, "2026-02-28", "2026-03-02"),
        (
            {"kind": "avg-inzage", "date": "2026-01-31", "postponed": "true"},
            "2026-04-30",
            "2026-04-30",
        ),
        ({"kind": "klacht", "date": "2026-03-12"}, "2026-04-23", "2026-04-23"),
        ({"kind": "klacht", "date": "2026-03-12", "committee": "true"}, "2026-05-21", "2026-05-21"),
        # 14 weeks: the Atw no longer applies, a Thursday all the same.
        (
            {"kind": "klacht", "date": "2026-03-12", "committee": "true", "postponed": "true"},
            "2026-06-18",
            "2026-06-18",
        ),
        ({"kind": "beslistermijn-bezwaar", "date": "2026-03-12"}, "2026-04-23", "2026-04-23"),
        (
            {"kind": "beslistermijn-bezwaar", "date": "2026-03-12", "committee": "true"},
            "2026-06-04",
            "2026-06-04",
        ),
        (
            {"kind": "beslistermijn-bezwaar", "date": "2026-03-12", "postponed": "true"},
            "2026-06-04",
            "2026-06-04",
        ),
    ],
)
def test_api_kinds_and_options(query, raw_end, end):
    response = Client().get(API, query)
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["kind"], body["raw_end"], body["end"]) == (query["kind"], raw_end, end)
    expected = rules.compute(
        query["kind"],
        date.fromisoformat(query["date"]),
        _calendar(query["date"]),
        committee=query.get("committee") == "true",
        postponed=query.get("postponed") == "true",
    )
    assert body["end"] == expected.end.isoformat()
    assert body["basis"] == expected.basis


def _calendar(day: str) -> rules.Calendar:
    return selectors.calendar_for(date.fromisoformat(day))


def _problem(response) -> dict:
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    return response.json()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["bezwaren", "", None])
def test_api_unknown_or_missing_kind_lists_the_kinds(kind):
    query = {"date": "2026-03-12"}
    if kind is not None:
        query["kind"] = kind
    problem = _problem(Client().get(API, query))
    assert problem["code"] == "invalid"
    for valid in (k.value for k in rules.Kind):
        assert valid in problem["detail"]
    assert [param["name"] for param in problem["invalid_params"]] == ["kind"]
    assert "avg-inzage" in problem["invalid_params"][0]["reason"]


@pytest.mark.django_db
@pytest.mark.parametrize("day", ["12-03-2026", "2026-02-30", "vandaag", "", None, "1066-10-14"])
def test_api_bad_or_missing_date_names_the_format(day):
    query = {"kind": "bezwaar"}
    if day is not None:
        query["date"] = day
    problem = _problem(Client().get(API, query))
    assert "YYYY-MM-DD" in problem["detail"]
    assert [param["name"] for param in problem["invalid_params"]] == ["date"]


@pytest.mark.django_db
def test_api_both_bad_lists_both():
    problem = _problem(Client().get(API, {"kind": "x", "date": "y"}))
    assert {param["name"] for param in problem["invalid_params"]} == {"kind", "date"}
    assert "YYYY-MM-DD" in problem["detail"]
    assert "bezwaar" in problem["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"kind": "bezwaar", "committee": "true"}, "committee"),
        ({"kind": "wmo-onderzoek", "postponed": "true"}, "postponed"),
        ({"kind": "avg-inzage", "committee": "true"}, "committee"),
    ],
)
def test_api_option_the_kind_does_not_have(query, field):
    problem = _problem(Client().get(API, {**query, "date": "2026-03-12"}))
    assert problem["invalid_params"][0]["name"] == field
    assert "klacht" in problem["detail"]


@pytest.mark.django_db
def test_api_bad_boolean():
    problem = _problem(
        Client().get(API, {"kind": "klacht", "date": "2026-03-12", "committee": "x"})
    )
    assert problem["invalid_params"][0]["name"] == "committee"


@pytest.mark.django_db
def test_api_follows_accept_language():
    response = Client().get(
        API, {"kind": "bezwaar", "date": "2026-03-12"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    problem = Client().get(API, {"kind": "nope", "date": "2026-03-12"}, HTTP_ACCEPT_LANGUAGE="en")
    assert problem.status_code == 400
    assert problem["Content-Language"] == "en"
    assert "wmo-onderzoek" in problem.json()["detail"]


@pytest.mark.django_db
def test_api_only_get():
    assert Client().post(API, {}, content_type="application/json").status_code == 405


@pytest.mark.django_db
def test_api_is_in_the_schema():
    schema = Client().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "deadlines_compute" in schema.content.decode()


# --- In a real browser -------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_page_in_a_browser_is_accessible(page):
    page.goto(PAGE)
    assert page.locator("h1").inner_text().strip() == "Tot wanneer kan ik bezwaar maken?"
    assert page.locator("html").get_attribute("lang") == "nl"
    assert_accessible(page)

    page.get_by_label("Datum van het besluit").fill("2026-03-24")
    page.get_by_role("button", name="Bereken de laatste dag").click()
    page.wait_for_load_state()
    assert "datum=2026-03-24" in page.url
    result = page.locator("#uitkomst")
    assert "woensdag 6 mei 2026" in result.inner_text()
    assert "Bevrijdingsdag" in result.inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Bekijk wie u gratis kan helpen").click()
    page.wait_for_load_state()
    assert page.url.endswith("/#organisaties")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_page_error_in_a_browser_is_accessible(page):
    page.goto(PAGE + "?soort=beroep&datum=niet-goed")
    field = page.get_by_label("Datum van het besluit")
    assert field.get_attribute("aria-invalid") == "true"
    assert "id_datum_error" in (field.get_attribute("aria-describedby") or "")
    assert page.get_by_label("In beroep gaan tegen de beslissing op uw bezwaar").is_checked()
    assert page.title().startswith("Fout:")
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_page_works_without_javascript(new_page):
    page = new_page(javascript=False)
    page.goto(PAGE)
    page.get_by_label("In beroep gaan tegen de beslissing op uw bezwaar").check()
    page.get_by_label("Datum van het besluit").fill("2026-03-12")
    page.get_by_role("button", name="Bereken de laatste dag").click()
    page.wait_for_load_state()
    assert "U kunt in beroep gaan tot en met donderdag 23 april 2026." in (
        " ".join(page.locator("#uitkomst").inner_text().split())
    )
