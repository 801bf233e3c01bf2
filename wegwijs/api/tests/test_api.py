"""The API frame: token authentication, pagination, problem details, schema, docs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from wegwijs.accounts.constants import Role
from wegwijs.accounts.services import api_token_create
from wegwijs.reference.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(make_user) -> APIClient:
    user = make_user(Role.SUPPORTER)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(email=user.email)}")
    return client


def test_me_without_token_is_a_problem_document(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == "Token"
    body = response.json()
    assert body["status"] == 401
    assert body["code"] == "not_authenticated"
    assert body["type"].endswith("/not_authenticated")
    assert body["instance"] == "/api/v1/me"
    assert body["title"] == "Unauthorized"


def test_bad_token_is_refused(client):
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION="Token niet-geldig")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_problem_detail_in_english_when_asked(client):
    response = client.get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="en")
    assert "credentials were not provided" in response.json()["detail"]
    dutch = client.get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="nl").json()["detail"]
    assert "credentials were not provided" not in dutch


def test_unknown_api_path_is_a_problem_document(api, settings):
    settings.DEBUG = False
    response = api.get("/api/v1/bestaat-niet", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "Not found."


def test_reference_list_is_paginated(api):
    response = api.get("/api/v1/reference/topics", {"page_size": 5})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == Topic.objects.count() == 16
    assert len(body["results"]) == 5
    assert body["previous"] is None
    assert "page=2" in body["next"]
    assert body["results"][0] == {
        "code": "bezwaar",
        "label_nl": "Bezwaar, beroep en klachten",
        "label_en": "Objections, appeals and complaints",
        "is_active": True,
    }


def test_reference_list_query_count_does_not_grow(api):
    def queries(size: int) -> int:
        with CaptureQueriesContext(connection) as context:
            assert api.get("/api/v1/reference/topics", {"page_size": size}).status_code == 200
        return len(context.captured_queries)

    assert queries(2) == queries(16)


def test_page_out_of_range_is_a_problem(api):
    # Bad input, as every list documents (400), naming the parameter.
    for page in (99, 0, "x"):
        response = api.get("/api/v1/reference/topics", {"page": page})
        assert response.status_code == 400
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["invalid_params"][0]["name"] == "page"


def test_schema_and_docs_are_served_locally(client):
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/me" in schema.content
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    # The Swagger UI assets come from this server, not from a CDN.
    assert "cdn.jsdelivr.net" not in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html


def test_validation_errors_become_invalid_params():
    from rest_framework import serializers
    from rest_framework.test import APIRequestFactory

    from wegwijs.api.exception_handlers import problem_details_handler

    request = APIRequestFactory().post("/api/v1/x")
    exc = serializers.ValidationError({"email": ["Ongeldig."], "nested": {"code": ["Verplicht."]}})
    response = problem_details_handler(exc, {"request": request})
    assert response is not None
    assert response.status_code == 400
    assert response.data["invalid_params"] == [
        {"name": "email", "code": "invalid", "reason": "Ongeldig."},
        {"name": "nested.code", "code": "invalid", "reason": "Verplicht."},
    ]


def test_application_errors_keep_their_code():
    from rest_framework.test import APIRequestFactory

    from wegwijs.api.exception_handlers import problem_details_handler
    from wegwijs.core.errors import Conflict

    request = APIRequestFactory().post("/api/v1/x")
    response = problem_details_handler(Conflict("Bestaat al."), {"request": request})
    assert response is not None
    assert response.status_code == 409
    assert response.data["code"] == "conflict"
    assert response.data["detail"] == "Bestaat al."
