"""GET/POST /api/v1/requests and GET /api/v1/requests/{reference} for coordinators' tokens."""

import pytest
from rest_framework.test import APIClient

from wegwijs.accounts.models import User
from wegwijs.accounts.services import api_token_create
from wegwijs.core.models import AuditEntry
from wegwijs.intake.models import HelpRequest
from wegwijs.intake.tests import factories

pytestmark = pytest.mark.django_db


def api(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(email=user.email)}")
    return client


def test_list_shows_the_organisations_new_requests_without_personal_data(city):
    mine = factories.help_request(preferred_organisation_slug="sociale-wijkteams", name="Ali")
    factories.help_request(preferred_organisation_slug="mee-de-wering")
    response = api(city.coordinator_wijkteams).get("/api/v1/requests")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["reference"] == mine.reference
    assert row["routing_reason"] == "voorkeur van de inwoner → Sociale Wijkteams"
    assert row["overdue"] is False
    for private in ("question", "name", "phone", "email"):
        assert private not in row


def test_detail_is_logged_and_other_organisations_get_404(city):
    mine = factories.help_request(preferred_organisation_slug="sociale-wijkteams")
    response = api(city.coordinator_wijkteams).get(f"/api/v1/requests/{mine.reference}")
    assert response.status_code == 200
    assert response.json()["question"] == mine.question
    assert AuditEntry.objects.filter(event="request.viewed", object_id=str(mine.pk)).exists()
    other = api(city.coordinator_mee).get(f"/api/v1/requests/{mine.reference}")
    assert other.status_code == 404
    assert other["Content-Type"] == "application/problem+json"


def test_supporters_are_refused(city):
    assert api(city.supporter_wijkteams).get("/api/v1/requests").status_code == 403
    assert APIClient().get("/api/v1/requests").status_code == 401


def test_post_registers_a_request_that_is_routed_like_the_form(
    city, django_capture_on_commit_callbacks
):
    payload = {
        "question": "Telefonisch binnengekomen: hulp bij de aanvraag van huishoudelijke hulp.",
        "for_whom": "zelf",
        "contact_channel": "telefoon",
        "phone": "023 531 89 73",
        "consent": True,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = api(city.coordinator_wijkteams).post("/api/v1/requests", payload, format="json")
    assert response.status_code == 201, response.json()
    help_request = HelpRequest.objects.get(reference=response.json()["reference"])
    assert help_request.organisation == city.clientenbelang  # no rule, no default: independent
    detail = api(city.coordinator_clientenbelang).get(f"/api/v1/requests/{help_request.reference}")
    assert detail.json()["organisation"] == "clientenbelang"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"phone": "123"}, "phone"),
        ({"consent": False}, "consent"),
        ({"question": ""}, "question"),
        ({"question": "x" * 2001}, "question"),
        ({"preferred_organisation": "bibliotheek"}, "preferred_organisation"),
    ],
)
def test_post_refuses_bad_input_with_problem_details(city, changes, field):
    payload = {
        "question": "Vraag",
        "for_whom": "zelf",
        "contact_channel": "telefoon",
        "phone": "0612345678",
        "consent": True,
        **changes,
    }
    response = api(city.coordinator_wijkteams).post("/api/v1/requests", payload, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert field in [param["name"] for param in response.json()["invalid_params"]]
    assert HelpRequest.objects.count() == 0
