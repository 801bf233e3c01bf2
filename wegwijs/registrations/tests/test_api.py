"""POST /api/v1/registrations/import and GET /api/v1/registrations/export through HTTP."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from wegwijs.accounts.constants import Role
from wegwijs.accounts.models import User
from wegwijs.accounts.services import api_token_create
from wegwijs.accounts.tests import factories as account_factories
from wegwijs.cases.models import Case
from wegwijs.registrations.formats import MAX_ERRORS
from wegwijs.registrations.tests.conftest import HEADER, csv_text, register_counts

pytestmark = pytest.mark.django_db

URL = "/api/v1/registrations/import"
ROW = "C-1,K-1,financien,2024-01-10,,2024-01-11,telefoon,meedenken,30,ouderen,schalkwijk,"


def api_for(user: User, language: str | None = None) -> APIClient:
    client = APIClient()
    headers: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Token {api_token_create(email=user.email)}"}
    if language:
        headers["HTTP_ACCEPT_LANGUAGE"] = language
    client.credentials(**headers)
    return client


@pytest.fixture
def api(coordinator) -> APIClient:
    return api_for(coordinator)


def post_csv(api: APIClient, content: str | bytes, query: str = "") -> Any:
    body = content.encode() if isinstance(content, str) else content
    return api.post(URL + query, data=body, content_type="text/csv")


def rejected(response: Any) -> list[tuple[Any, Any, str]]:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "invalid-file"
    assert body["error_count"] >= len(body["errors"])
    return [(error["row"], error["column"], error["code"]) for error in body["errors"]]


# Every kind of error: the answer names it by row and column, and nothing is written.
ERRORS = [
    pytest.param(
        csv_text(ROW.replace("financien", "geldzaken")),
        (2, "topic", "unknown-code"),
        id="unknown-topic",
    ),
    pytest.param(
        csv_text(ROW.replace("telefoon", "postduif")),
        (2, "channel", "unknown-code"),
        id="unknown-channel",
    ),
    pytest.param(
        csv_text(ROW.replace("ouderen", "ouderen|kinderen")),
        (2, "target_groups", "unknown-code"),
        id="unknown-target-group",
    ),
    pytest.param(
        csv_text(ROW.replace("schalkwijk", "amsterdam-zuid")),
        (2, "area", "unknown-area"),
        id="unknown-area",
    ),
    pytest.param(
        csv_text(ROW.replace("2024-01-10", "2024-13-10")),
        (2, "opened_on", "bad-date"),
        id="bad-date",
    ),
    pytest.param(
        csv_text(ROW.replace("2024-01-11", "11/01/2024")),
        (2, "contact_on", "bad-date"),
        id="bad-date-format",
    ),
    pytest.param(
        csv_text(ROW.replace("2024-01-10", "2999-01-10").replace("2024-01-11", "2999-01-11")),
        (2, "opened_on", "future-date"),
        id="future-date",
    ),
    pytest.param(
        csv_text(ROW.replace(",30,", ",30.5,")),
        (2, "minutes", "bad-minutes"),
        id="minutes-not-whole",
    ),
    pytest.param(
        csv_text(ROW.replace(",30,", ",0,")), (2, "minutes", "bad-minutes"), id="minutes-zero"
    ),
    pytest.param(
        csv_text(ROW.replace(",30,", ",601,")), (2, "minutes", "bad-minutes"), id="minutes-too-many"
    ),
    pytest.param(
        csv_text(ROW.replace(",30,", ",,")),
        (2, "minutes", "contact-required"),
        id="minutes-missing",
    ),
    pytest.param(
        csv_text(ROW, header=HEADER.replace(",topic", "")),
        (1, "topic", "missing-column"),
        id="missing-column",
    ),
    pytest.param(
        csv_text(ROW + ",1", header=HEADER + ",topic"),
        (1, "topic", "duplicate-column"),
        id="duplicate-header",
    ),
    pytest.param(
        csv_text(ROW + ",", header=HEADER + ",opmerking"),
        (1, "opmerking", "unknown-column"),
        id="unknown-column",
    ),
    pytest.param(
        csv_text(ROW + ",111222333", header=HEADER + ",BSN"),
        (1, "BSN", "bsn-column"),
        id="bsn-column",
    ),
    pytest.param(
        csv_text(ROW.replace("C-1", "111222333")),
        (2, "client_ref", "looks-like-bsn"),
        id="bsn-like-ref",
    ),
    pytest.param(csv_text(ROW.replace("C-1,", "")), (2, None, "field-count"), id="too-few-fields"),
    pytest.param(
        csv_text(ROW.replace("C-1", "")), (2, "client_ref", "required"), id="missing-client-ref"
    ),
    pytest.param(
        csv_text(ROW, ROW.replace("financien", "vervoer")),
        (3, "topic", "case-disagrees"),
        id="topic-disagrees",
    ),
    pytest.param(
        csv_text(ROW, ROW.replace("C-1", "C-2")),
        (3, "client_ref", "case-disagrees"),
        id="client-disagrees-on-case",
    ),
    pytest.param(
        csv_text(ROW, ROW.replace("K-1", "K-2").replace("schalkwijk", "centrum")),
        (3, "area", "client-disagrees"),
        id="area-disagrees",
    ),
    pytest.param(
        csv_text(
            ROW.replace("2024-01-10,,", "2024-01-10,2024-01-09,").replace(
                ",schalkwijk,", ",schalkwijk,opgelost"
            )
        ),
        (2, "closed_on", "closed-before-opened"),
        id="closed-before-opened",
    ),
    pytest.param(
        csv_text(ROW.replace("2024-01-11", "2024-01-09")),
        (2, "contact_on", "contact-before-opened"),
        id="contact-before-opened",
    ),
    pytest.param(
        csv_text(ROW.replace("2024-01-10,,", "2024-01-10,2024-02-01,")),
        (2, "outcome", "closed-needs-outcome"),
        id="closed-without-outcome",
    ),
    pytest.param(
        csv_text(ROW.replace(",schalkwijk,", ",schalkwijk,opgelost")),
        (2, "outcome", "outcome-needs-closed"),
        id="outcome-while-open",
    ),
    pytest.param(b"", (None, None, "empty-file"), id="empty-file"),
    pytest.param(b"\xef\xbb\xbf\r\n", (None, None, "empty-file"), id="only-a-bom"),
    pytest.param(HEADER.encode() + b"\n", (None, None, "no-rows"), id="header-only"),
    pytest.param(
        (HEADER + "\n" + ROW.replace("C-1", "C-\x81"))
        .encode("utf-8")
        .replace(b"\xc2\x81", b"\x81"),
        (None, None, "encoding"),
        id="bad-encoding",
    ),
    pytest.param(
        "\ufeff".encode("utf-16-le") + csv_text(ROW).encode("utf-16-le"),
        (None, None, "encoding"),
        id="utf-16",
    ),
    pytest.param(b"PK\x03\x04\x14\x00\x06\x00", (None, None, "not-csv"), id="xlsx"),
]


@pytest.mark.parametrize(("content", "expected"), ERRORS)
def test_every_error_is_reported_and_nothing_is_written(api, content, expected):
    before = register_counts()
    errors = rejected(post_csv(api, content))
    assert expected in errors
    assert register_counts() == before


def test_every_error_of_a_file_is_listed_by_row_and_column(api):
    content = csv_text(
        ROW.replace("financien", "geldzaken").replace(",30,", ",veel,"),
        ROW,
        ROW.replace("2024-01-11", "31-02-2024"),
    )
    errors = rejected(post_csv(api, content))
    assert errors == [
        (2, "topic", "unknown-code"),
        (2, "minutes", "bad-minutes"),
        (4, "contact_on", "bad-date"),
    ]


def test_messages_are_dutch_or_english_on_request(coordinator):
    content = csv_text(ROW.replace("financien", "geldzaken"))
    dutch = post_csv(api_for(coordinator), content).json()
    assert dutch["detail"] == "Het bestand bevat 1 fout. Er is niets opgeslagen."
    assert dutch["errors"][0]["message"].startswith("Onbekende code 'geldzaken'.")
    english = post_csv(api_for(coordinator, "en"), content).json()
    assert english["detail"] == "The file has 1 error. Nothing was saved."
    assert english["errors"][0]["message"].startswith("Unknown code 'geldzaken'.")
    assert english["invalid_params"][0]["name"] == "row 2, topic"


def test_the_number_of_listed_errors_is_capped(api):
    rows = [ROW.replace("K-1", f"K-{n}").replace("financien", "x") for n in range(MAX_ERRORS + 50)]
    body = post_csv(api, csv_text(*rows)).json()
    assert body["error_count"] == MAX_ERRORS + 50
    assert len(body["errors"]) == MAX_ERRORS


def test_import_as_multipart_and_as_text_and_dry_run(api, organisation):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("mijn.csv", csv_text(ROW).encode(), content_type="text/csv")
    before = register_counts()
    response = api.post(URL + "?dry_run=true", {"file": upload}, format="multipart")
    assert response.status_code == 200, response.content
    assert response.json() == {
        "dry_run": True,
        "rows": 1,
        "clients": 1,
        "cases": 1,
        "contact_moments": 1,
    }
    assert register_counts() == before

    upload = SimpleUploadedFile("mijn.csv", csv_text(ROW).encode(), content_type="text/csv")
    response = api.post(URL, {"file": upload}, format="multipart")
    assert response.status_code == 200, response.content
    assert response.json()["cases_created"] == 1
    assert Case.objects.get(case_ref="K-1").organisation == organisation

    response = post_csv(api, csv_text(ROW))
    assert response.status_code == 200
    assert response.json()["cases_created"] == 0
    assert response.json()["contact_moments_created"] == 0


def test_a_request_without_a_file_is_a_problem(api):
    response = api.post(URL, {}, format="multipart")
    assert response.status_code == 400
    assert response.json()["invalid_params"][0]["name"] == "file"


@pytest.mark.parametrize("role", [Role.SUPPORTER, Role.MUNICIPALITY, Role.ADMINISTRATOR])
def test_only_coordinators_may_import_or_export(organisation, role):
    user = account_factories.user(
        role, organisation_slug=organisation.slug if role == Role.SUPPORTER else None
    )
    api = api_for(user)
    before = register_counts()
    response = post_csv(api, csv_text(ROW))
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert api.get("/api/v1/registrations/export?from=2024-01-01&to=2024-12-31").status_code == 403
    assert register_counts() == before


def test_another_organisation_cannot_be_reached(api, coordinator, organisation):
    other = account_factories.organisation("ander")
    before = register_counts()
    response = post_csv(api, csv_text(ROW), query=f"?organisation={other.slug}")
    assert response.status_code == 403
    assert register_counts() == before
    # Naming the own organisation is fine; the rows land there.
    response = post_csv(api, csv_text(ROW), query=f"?organisation={organisation.slug}")
    assert response.status_code == 200
    assert not Case.objects.filter(organisation=other).exists()
    # The other organisation's coordinator exports nothing of this one.
    other_coordinator = account_factories.user(Role.COORDINATOR, organisation_slug=other.slug)
    exported: Any = api_for(other_coordinator).get(
        "/api/v1/registrations/export?from=2024-01-01&to=2024-12-31"
    )
    assert b"".join(exported.streaming_content).decode("utf-8-sig").strip() == HEADER.replace(
        ",", ";"
    )


def test_export_streams_the_format(api):
    post_csv(api, csv_text(ROW))
    response = api.get("/api/v1/registrations/export?from=2024-01-01&to=2024-12-31")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert text.splitlines() == [
        HEADER.replace(",", ";"),
        "C-1;K-1;financien;2024-01-10;;2024-01-11;telefoon;meedenken;30;ouderen;schalkwijk;",
    ]
    problem = api.get("/api/v1/registrations/export?from=gisteren&to=2024-12-31")
    assert problem.status_code == 400
    assert problem.json()["invalid_params"][0]["name"] == "from"
    backwards = api.get("/api/v1/registrations/export?from=2024-12-31&to=2024-01-01")
    assert backwards.status_code == 400
