"""The referral API through HTTP: every status change, consent, scoping, problem details."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from wegwijs.accounts.constants import Role
from wegwijs.accounts.models import User
from wegwijs.accounts.services import api_token_create
from wegwijs.accounts.tests import factories as account_factories
from wegwijs.cases.models import Case
from wegwijs.cases.tests import factories as case_factories
from wegwijs.core.models import AuditEntry
from wegwijs.referrals.constants import AuditEvent, ReferralStatus, Sharing
from wegwijs.referrals.models import Referral
from wegwijs.referrals.tests import factories

pytestmark = pytest.mark.django_db

NOTE = "Geheime notitie over de buren."


def api_for(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(email=user.email)}")
    return client


def problem(response: Any, status: int, field: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    if field is not None:
        assert field in [param["name"] for param in body["invalid_params"]], body
    return body


@pytest.fixture
def api(sender) -> APIClient:
    return api_for(sender.supporter)


@pytest.fixture
def receiving(receiver) -> APIClient:
    return api_for(receiver.coordinator)


def create(api, case, to, **fields) -> Any:
    body = {"case": case.pk, "to_organisation": to.slug, "consent": Sharing.QUESTION_CONTACT}
    body.update(fields)
    return api.post("/api/v1/referrals", body, format="json")


def test_create_list_and_retrieve_outgoing(api, case, receiver):
    response = create(api, case, receiver.organisation, question="Schulden.")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["direction"] == "outgoing"
    assert body["status"] == "verstuurd"
    assert body["case"] == case.pk
    assert body["to_organisation"] == receiver.organisation.slug
    assert body["shared"]["question"] == "Schulden."
    assert body["shared"]["contact"]["phone"] == "06 11112222"
    listed = api.get("/api/v1/referrals").json()
    assert [row["id"] for row in listed["results"]] == [body["id"]]
    assert api.get("/api/v1/referrals?direction=incoming").json()["results"] == []
    assert api.get(f"/api/v1/referrals/{body['id']}").json()["id"] == body["id"]


def test_bad_input_is_a_problem_and_writes_nothing(api, case, receiver, outsider):
    problem(api.get("/api/v1/referrals?direction=sideways"), 400, "direction")
    problem(create(api, case, receiver.organisation, consent="alles"), 400, "consent")
    problem(create(api, case, receiver.organisation, to_organisation="bestaat-niet"), 400)
    other_case = case_factories.case(outsider.supporter)
    problem(create(api, other_case, receiver.organisation), 400, "case")
    # No consent: only a warm tip.
    body = problem(create(api, case, receiver.organisation, consent=Sharing.NOTHING), 400, "shared")
    assert "warme tip" in body["detail"]
    # Override without a reason.
    problem(
        create(
            api, case, receiver.organisation, consent=Sharing.QUESTION, shared="vraag-en-contact"
        ),
        400,
        "override_reason",
    )
    assert not Referral.objects.exists()


def test_warm_tip_sends_nothing(api, case, receiver, receiving):
    response = create(api, case, receiver.organisation, consent=Sharing.NOTHING, mode="warme-tip")
    assert response.status_code == 201
    body = response.json()
    assert (body["mode"], body["shared_level"], body["shared"]) == ("warme-tip", "niets", None)
    assert receiving.get("/api/v1/referrals?direction=incoming").json()["results"] == []
    problem(receiving.get(f"/api/v1/referrals/{body['id']}"), 404)


def test_override_with_reason_is_logged(api, case, receiver):
    response = create(
        api,
        case,
        receiver.organisation,
        consent=Sharing.NOTHING,
        shared=Sharing.QUESTION,
        override_reason="Acuut gevaar.",
    )
    assert response.status_code == 201
    assert response.json()["override_reason"] == "Acuut gevaar."
    entry = AuditEntry.objects.get(event=AuditEvent.REFERRAL_OVERRIDE)
    assert entry.detail["reason"] == "Acuut gevaar."


def test_receiver_sees_only_what_was_shared(sender, api, case, receiver, receiving):
    case_factories.contact_moment(sender.supporter, case_obj=case, note=NOTE)
    referral_id = create(api, case, receiver.organisation, consent=Sharing.QUESTION).json()["id"]
    for response in (
        receiving.get("/api/v1/referrals?direction=incoming"),
        receiving.get(f"/api/v1/referrals/{referral_id}"),
    ):
        assert response.status_code == 200
        raw = response.content.decode()
        for secret in (NOTE, "Petra", "Jansen", "06 11112222", "petra@example.org"):
            assert secret not in raw
    body = receiving.get(f"/api/v1/referrals/{referral_id}").json()
    assert body["direction"] == "incoming"
    assert body["case"] is None  # not the sender's case
    assert body["override_reason"] is None
    assert body["followup_due_on"] is None
    assert body["shared"]["contact"] is None
    assert body["shared"]["question"] == case.question


def test_accept_then_complete(api, case, receiver, receiving):
    referral_id = create(api, case, receiver.organisation).json()["id"]
    response = receiving.post(
        f"/api/v1/referrals/{referral_id}/accept",
        {"supporter": receiver.supporter.pk},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "geaccepteerd"
    new_case = Case.objects.get(pk=body["case"])
    assert new_case.organisation == receiver.organisation
    assert new_case.question == case.question
    problem(receiving.post(f"/api/v1/referrals/{referral_id}/accept", {}, format="json"), 409)
    problem(api.post(f"/api/v1/referrals/{referral_id}/withdraw"), 409)
    # Closing the receiving case through the API completes the referral.
    response = receiving.post(
        f"/api/v1/cases/{new_case.pk}/close",
        {"version": new_case.version, "outcome": "opgelost", "experienced_independent": "ja"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert api.get(f"/api/v1/referrals/{referral_id}").json()["status"] == "afgerond"


def test_decline_with_reason(api, case, receiver, receiving):
    referral_id = create(api, case, receiver.organisation).json()["id"]
    url = f"/api/v1/referrals/{referral_id}/decline"
    problem(receiving.post(url, {"reason": "zomaar"}, format="json"), 400, "reason")
    problem(receiving.post(url, {"reason": "overig"}, format="json"), 400, "note")
    problem(receiving.post(url, {}, format="json"), 400, "reason")
    response = receiving.post(url, {"reason": "niet-passend"}, format="json")
    assert response.status_code == 200
    assert response.json()["shared"] is None
    body = api.get(f"/api/v1/referrals/{referral_id}").json()
    assert (body["status"], body["decline_reason"]) == ("afgewezen", "niet-passend")


def test_withdraw_before_acceptance(api, case, receiver, receiving):
    referral_id = create(api, case, receiver.organisation).json()["id"]
    response = api.post(f"/api/v1/referrals/{referral_id}/withdraw")
    assert response.status_code == 200
    assert response.json()["status"] == "ingetrokken"
    problem(receiving.post(f"/api/v1/referrals/{referral_id}/accept", {}, format="json"), 409)
    assert receiving.get(f"/api/v1/referrals/{referral_id}").json()["shared"] is None


def test_scoped_like_the_pages(api, case, receiver, outsider):
    referral_id = create(api, case, receiver.organisation).json()["id"]
    for user in (outsider.coordinator, outsider.supporter):
        other = api_for(user)
        problem(other.get(f"/api/v1/referrals/{referral_id}"), 404)
        problem(other.post(f"/api/v1/referrals/{referral_id}/withdraw"), 404)
        assert other.get("/api/v1/referrals?direction=incoming").json()["results"] == []
    problem(api_for(outsider.coordinator).post(f"/api/v1/referrals/{referral_id}/accept"), 404)
    # Sides: the receiver cannot withdraw, the sender cannot accept or decline.
    problem(api_for(receiver.coordinator).post(f"/api/v1/referrals/{referral_id}/withdraw"), 404)
    problem(api.post(f"/api/v1/referrals/{referral_id}/accept"), 404)
    # A supporter of the receiver (no coordinator) cannot answer.
    problem(api_for(receiver.supporter).post(f"/api/v1/referrals/{referral_id}/accept"), 404)
    for role in (Role.MUNICIPALITY, Role.ADMINISTRATOR):
        problem(api_for(account_factories.user(role)).get("/api/v1/referrals"), 403)
    problem(APIClient().get("/api/v1/referrals"), 401)
    assert Referral.objects.get().status == ReferralStatus.SENT


def test_follow_up_answer_through_the_api(api, case):
    facility = factories.facility("thuiszorg")
    body = create(api, case, facility, consent=Sharing.QUESTION).json()
    assert body["closed_loop"] is False
    assert body["followup_due_on"] is not None
    url = f"/api/v1/referrals/{body['id']}/follow-up"
    problem(api.post(url, {"got_help": "misschien"}, format="json"), 400, "got_help")
    response = api.post(url, {"got_help": "ja"}, format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["got_help"]) == ("afgerond", "ja")
    problem(api.post(url, {"got_help": "nee"}, format="json"), 409)


@pytest.mark.parametrize("count", [2, 12])
def test_list_query_counts(count, sender, receiver, django_assert_max_num_queries):
    for _ in range(count):
        factories.referral(
            sender.supporter, case=factories.sender_case(sender.supporter), to=receiver.organisation
        )
    for user, direction in ((sender.supporter, "outgoing"), (receiver.coordinator, "incoming")):
        client = api_for(user)
        with django_assert_max_num_queries(8):
            response = client.get(f"/api/v1/referrals?direction={direction}")
        assert response.json()["count"] == count
