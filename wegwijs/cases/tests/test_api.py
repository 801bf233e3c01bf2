"""The case-register API through HTTP: clients, cases, contact moments, the dossier."""

import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from wegwijs.accounts.constants import Role
from wegwijs.accounts.models import Organisation, User
from wegwijs.accounts.services import api_token_create
from wegwijs.accounts.tests import factories as account_factories
from wegwijs.cases import services
from wegwijs.cases.constants import CaseStatus, WithWhom
from wegwijs.cases.models import Case, Client, ContactMoment, ContactMomentRevision
from wegwijs.cases.tests import factories
from wegwijs.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def api_for(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(email=user.email)}")
    return client


def problem(response: Any, status: int, field: str | None = None) -> dict[str, Any]:
    """Assert ``response`` is a problem document with ``status``, about ``field`` if given."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    if field is not None:
        assert field in [param["name"] for param in body["invalid_params"]], body
    return body


def counts() -> tuple[int, int, int, int]:
    return (
        Client.objects.count(),
        Case.objects.count(),
        ContactMoment.objects.count(),
        ContactMomentRevision.objects.count(),
    )


def colleague(user: User, role: str = Role.SUPPORTER) -> User:
    assert user.organisation is not None
    return account_factories.user(role, organisation_slug=user.organisation.slug)


@pytest.fixture
def api(supporter) -> APIClient:
    return api_for(supporter)


@pytest.fixture
def case(supporter) -> Case:
    return factories.case(supporter)


# --- Clients ------------------------------------------------------------------


def test_client_create_and_retrieve(api):
    response = api.post(
        "/api/v1/clients",
        {
            "given_name": "Fatma",
            "family_name": "Yilmaz",
            "date_of_birth": "1950-03-04",
            "postcode": "2031 ab",
            "house_number": "12",
            "preferred_channel": "telefoon",
            "target_groups": ["ouderen", "mantelzorger"],
            "representative_name": "Ayşe Yilmaz",
            "representative_kind": "mantelzorger",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["reference"].startswith("K-")
    assert body["postcode"] == "2031AB"
    assert body["preferred_channel"] == "telefoon"
    assert sorted(body["target_groups"]) == ["mantelzorger", "ouderen"]
    assert body["is_anonymous"] is False
    assert "pseudonym" not in body
    assert len(Client.objects.get(pk=body["id"]).pseudonym) == 64

    detail = api.get(f"/api/v1/clients/{body['id']}")
    assert detail.status_code == 200
    assert detail.json() == body
    assert AuditEntry.objects.filter(event="client.viewed", client_id=str(body["id"])).exists()


def test_anonymous_client(api):
    response = api.post("/api/v1/clients", {"is_anonymous": True}, format="json")
    assert response.status_code == 201
    assert response.json()["is_anonymous"] is True
    assert response.json()["display_name"].startswith("Anonieme cliënt")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"family_name": "Jansen", "preferred_channel": "postduif"}, "preferred_channel"),
        ({"family_name": "Jansen", "target_groups": ["bestaat-niet"]}, "target_groups"),
        ({"family_name": "Jansen", "date_of_birth": "gisteren"}, "date_of_birth"),
        ({"is_anonymous": True, "phone": "0612345678"}, "is_anonymous"),
        ({}, "family_name"),
    ],
)
def test_client_bad_input_writes_nothing(api, payload, field):
    problem(api.post("/api/v1/clients", payload, format="json"), 400, field)
    assert Client.objects.count() == 0


def test_client_list_filters(api, supporter):
    jan = factories.client(supporter, given_name="Jan", family_name="de Vries")
    piet = factories.client(
        supporter, given_name="Piet", family_name="Bakker", date_of_birth=date(1970, 5, 6)
    )
    anonymous = factories.client(supporter, is_anonymous=True)

    def ids(**params: Any) -> set[int]:
        response = api.get("/api/v1/clients", params)
        assert response.status_code == 200, response.content
        assert set(response.json()) == {"count", "next", "previous", "results"}
        return {row["id"] for row in response.json()["results"]}

    assert ids() == {jan.pk, piet.pk, anonymous.pk}
    assert ids(q="jan de vries") == {jan.pk}
    assert ids(q=piet.reference) == {piet.pk}
    assert ids(date_of_birth="1970-05-06") == {piet.pk}
    assert ids(is_anonymous="true") == {anonymous.pk}
    assert ids(is_anonymous="false") == {jan.pk, piet.pk}
    problem(api.get("/api/v1/clients", {"date_of_birth": "5 mei"}), 400, "date_of_birth")


def test_client_list_never_shows_the_pseudonym(api, supporter):
    factories.client(supporter, postcode="2031AB", house_number="1")
    row = api.get("/api/v1/clients").json()["results"][0]
    assert "pseudonym" not in row


def test_client_patch_keeps_what_is_left_out(api, supporter):
    client = services.client_create(
        actor=supporter,
        family_name="Jansen",
        preferred_channel_code="email",
        target_group_codes=["ouderen"],
    )
    response = api.patch(f"/api/v1/clients/{client.pk}", {"phone": "0231234567"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["phone"] == "0231234567"
    assert body["family_name"] == "Jansen"
    assert body["preferred_channel"] == "email"
    assert body["target_groups"] == ["ouderen"]

    response = api.patch(
        f"/api/v1/clients/{client.pk}",
        {"preferred_channel": None, "target_groups": []},
        format="json",
    )
    assert response.json()["preferred_channel"] is None
    assert response.json()["target_groups"] == []
    assert AuditEntry.objects.filter(event="client.updated", client_id=str(client.pk)).count() == 2


def test_client_patch_unknown_code_changes_nothing(api, supporter):
    client = factories.client(supporter, phone="0201111111")
    problem(
        api.patch(
            f"/api/v1/clients/{client.pk}",
            {"phone": "0202222222", "preferred_channel": "postduif"},
            format="json",
        ),
        400,
        "preferred_channel",
    )
    client.refresh_from_db()
    assert client.phone == "0201111111"


# --- Cases --------------------------------------------------------------------


def test_case_open_and_retrieve(api, supporter):
    client = factories.client(supporter)
    other = colleague(supporter)
    response = api.post(
        "/api/v1/cases",
        {
            "client": client.pk,
            "topic": "financien",
            "question": "  Ik kan mijn rekeningen niet meer betalen.  ",
            "opened_on": str(timezone.localdate() - timedelta(days=3)),
            "supporters": [supporter.pk, other.pk],
            "heard_via": "wijkteam",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["client"] == client.pk
    assert body["topic"] == "financien"
    assert body["question"] == "Ik kan mijn rekeningen niet meer betalen."
    assert body["status"] == CaseStatus.OPEN
    assert sorted(body["supporters"]) == sorted([supporter.pk, other.pk])
    assert body["heard_via"] == "wijkteam"
    assert body["outcome"] is None
    assert body["version"] == 1

    detail = api.get(f"/api/v1/cases/{body['id']}")
    assert detail.status_code == 200
    assert detail.json() == body
    assert AuditEntry.objects.filter(event="case.viewed", object_id=str(body["id"])).exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"topic": "bestaat-niet"}, "topic"),
        ({"topic": None}, "topic"),
        ({"opened_on": "2999-01-01"}, "opened_on"),
        ({"heard_via": "postduif"}, "heard_via"),
        ({"supporters": [999999]}, "supporters"),
    ],
)
def test_case_open_bad_input_writes_nothing(api, supporter, payload, field):
    client = factories.client(supporter)
    before = counts()
    response = api.post(
        "/api/v1/cases", {"client": client.pk, "topic": "financien", **payload}, format="json"
    )
    problem(response, 400, field)
    assert counts() == before


def test_case_open_for_a_client_of_another_organisation_is_bad_input(api, coordinator):
    stranger = factories.client(coordinator)
    before = counts()
    response = api.post(
        "/api/v1/cases", {"client": stranger.pk, "topic": "financien"}, format="json"
    )
    problem(response, 400, "client")
    assert counts() == before


def test_case_list_filters(api, supporter):
    other = colleague(supporter)
    groups = factories.client(supporter)
    services.client_update(actor=supporter, client=groups, target_group_codes=["schulden"])
    money = factories.case(
        supporter,
        client_obj=groups,
        opened_on=timezone.localdate() - timedelta(days=40),
    )
    housing = factories.case(
        supporter,
        topic_code="wonen-opvang",
        supporter_ids=[supporter.pk, other.pk],
        opened_on=timezone.localdate() - timedelta(days=5),
    )
    closed = factories.case(
        supporter, topic_code="vervoer", opened_on=timezone.localdate() - timedelta(days=2)
    )
    services.case_close(actor=supporter, case=closed, version=1, outcome_code="opgelost")

    def ids(**params: Any) -> set[int]:
        response = api.get("/api/v1/cases", params)
        assert response.status_code == 200, response.content
        assert set(response.json()) == {"count", "next", "previous", "results"}
        return {row["id"] for row in response.json()["results"]}

    assert ids() == {money.pk, housing.pk, closed.pk}
    assert ids(status="open") == {money.pk, housing.pk}
    assert ids(status="gesloten") == {closed.pk}
    assert ids(topic="wonen-opvang") == {housing.pk}
    assert ids(supporter=other.pk) == {housing.pk}
    assert ids(target_group="schulden") == {money.pk}
    assert ids(opened_from=str(timezone.localdate() - timedelta(days=7))) == {housing.pk, closed.pk}
    assert ids(opened_to=str(timezone.localdate() - timedelta(days=30))) == {money.pk}
    rows = api.get("/api/v1/cases", {"sort": "geopend"}).json()["results"]
    assert rows[-1]["id"] == money.pk
    problem(api.get("/api/v1/cases", {"status": "half"}), 400, "status")
    problem(api.get("/api/v1/cases", {"opened_from": "gisteren"}), 400, "opened_from")


def test_case_patch_with_version(api, case):
    response = api.patch(
        f"/api/v1/cases/{case.pk}",
        {"version": 1, "topic": "vervoer", "question": "Hoe kom ik bij het ziekenhuis?"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["topic"] == "vervoer"
    assert response.json()["question"] == "Hoe kom ik bij het ziekenhuis?"
    assert response.json()["version"] == 2


def test_case_patch_with_a_stale_version_is_a_conflict(api, supporter, case):
    services.case_update(actor=supporter, case=case, version=1, question="Eerste versie")
    response = api.patch(
        f"/api/v1/cases/{case.pk}", {"version": 1, "question": "Tweede versie"}, format="json"
    )
    body = problem(response, 409)
    assert body["code"] == "conflict"
    case.refresh_from_db()
    assert case.question == "Eerste versie"
    assert case.version == 2


def test_case_patch_needs_a_version(api, case):
    problem(
        api.patch(f"/api/v1/cases/{case.pk}", {"topic": "vervoer"}, format="json"), 400, "version"
    )


def test_case_patch_unknown_topic_changes_nothing(api, case):
    problem(
        api.patch(f"/api/v1/cases/{case.pk}", {"version": 1, "topic": "x"}, format="json"),
        400,
        "topic",
    )
    case.refresh_from_db()
    assert (case.topic.code, case.version) == ("financien", 1)


def test_case_close_and_reopen(api, case):
    response = api.post(
        f"/api/v1/cases/{case.pk}/close",
        {
            "version": 1,
            "outcome": "opgelost",
            "satisfaction": 8,
            "experienced_independent": "ja",
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == CaseStatus.CLOSED
    assert body["outcome"] == "opgelost"
    assert body["closed_on"] == str(timezone.localdate())
    assert (body["satisfaction"], body["experienced_independent"]) == (8, "ja")

    problem(
        api.post(
            f"/api/v1/cases/{case.pk}/close",
            {"version": body["version"], "outcome": "opgelost"},
            format="json",
        ),
        409,
    )

    response = api.post(
        f"/api/v1/cases/{case.pk}/reopen", {"version": body["version"]}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == CaseStatus.OPEN
    assert response.json()["outcome"] is None
    assert response.json()["closed_on"] is None


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"version": 1}, "outcome"),
        ({"version": 1, "outcome": ""}, "outcome"),
        ({"version": 1, "outcome": "bestaat-niet"}, "outcome"),
        ({"version": 1, "outcome": "opgelost", "satisfaction": 11}, "satisfaction"),
        ({"version": 1, "outcome": "opgelost", "closed_on": "2999-01-01"}, "closed_on"),
        ({"outcome": "opgelost"}, "version"),
    ],
)
def test_case_close_bad_input_changes_nothing(api, case, payload, field):
    problem(api.post(f"/api/v1/cases/{case.pk}/close", payload, format="json"), 400, field)
    case.refresh_from_db()
    assert (case.status, case.version, case.outcome_id) == (CaseStatus.OPEN, 1, None)


def test_case_close_with_a_stale_version_is_a_conflict(api, supporter, case):
    services.case_update(actor=supporter, case=case, version=1, question="Intussen gewijzigd")
    response = api.post(
        f"/api/v1/cases/{case.pk}/close", {"version": 1, "outcome": "opgelost"}, format="json"
    )
    problem(response, 409)
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN


# --- Contact moments ----------------------------------------------------------


def test_contact_moment_register_retrieve_and_update(api, supporter, case):
    partner = account_factories.organisation("schuldhulp-haarlem")
    occurred_at = factories.at(days_ago=2)
    response = api.post(
        "/api/v1/contact-moments",
        {
            "case": case.pk,
            "occurred_at": occurred_at.isoformat(),
            "channel": "zonder-client",
            "activity": "bemiddeling",
            "minutes": 25,
            "with_whom": WithWhom.ORGANISATION,
            "with_organisation": partner.slug,
            "note": " Gebeld met de schuldhulp. ",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["case"] == case.pk
    assert body["channel"] == "zonder-client"
    assert body["activity"] == "bemiddeling"
    assert body["with_organisation"] == "schuldhulp-haarlem"
    assert body["note"] == "Gebeld met de schuldhulp."
    assert body["registered_by"] == supporter.pk
    assert body["version"] == 1

    detail = api.get(f"/api/v1/contact-moments/{body['id']}")
    assert detail.status_code == 200
    assert detail.json() == body

    response = api.patch(
        f"/api/v1/contact-moments/{body['id']}", {"version": 1, "minutes": 40}, format="json"
    )
    assert response.status_code == 200, response.content
    updated = response.json()
    assert updated["minutes"] == 40
    assert updated["version"] == 2
    # What the request left out keeps its value.
    assert updated["with_organisation"] == "schuldhulp-haarlem"
    assert updated["note"] == "Gebeld met de schuldhulp."
    assert updated["occurred_at"] == body["occurred_at"]
    revision = ContactMomentRevision.objects.get(contact_moment_id=body["id"])
    assert revision.previous["minutes"] == 25


def test_contact_moment_defaults_to_now_and_the_client(api, case):
    response = api.post(
        "/api/v1/contact-moments",
        {"case": case.pk, "channel": "telefoon", "activity": "vraagverheldering", "minutes": 10},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["with_whom"] == WithWhom.CLIENT
    moment = ContactMoment.objects.get()
    assert timezone.now() - moment.occurred_at < timedelta(minutes=1)


def _bad_contact_inputs() -> list[Any]:
    future = lambda: (timezone.now() + timedelta(hours=2)).isoformat()  # noqa: E731
    before_opened = lambda: factories.at(days_ago=30).isoformat()  # noqa: E731
    return [
        pytest.param({"minutes": -1}, "minutes", id="minutes-negative"),
        pytest.param({"minutes": 0}, "minutes", id="minutes-zero"),
        pytest.param({"minutes": 601}, "minutes", id="minutes-over-600"),
        pytest.param({"minutes": "veel"}, "minutes", id="minutes-not-a-number"),
        pytest.param({"occurred_at": future}, "occurred_at", id="future"),
        pytest.param({"occurred_at": before_opened}, "occurred_at", id="before-case-opened"),
        pytest.param({"channel": "postduif"}, "channel", id="unknown-channel"),
        pytest.param({"activity": "bestaat-niet"}, "activity", id="unknown-activity"),
        pytest.param({"with_whom": "buurman"}, "with_whom", id="unknown-with-whom"),
        pytest.param({"with_whom": "organisatie"}, "with_organisation", id="organisation-missing"),
        pytest.param(
            {"with_whom": "organisatie", "with_organisation": "bestaat-niet"},
            "with_organisation",
            id="organisation-unknown",
        ),
        pytest.param({"note": "x" * 501}, "note", id="note-too-long"),
        pytest.param({"submission_key": "geen-uuid"}, "submission_key", id="bad-key"),
    ]


@pytest.mark.parametrize(("change", "field"), _bad_contact_inputs())
def test_contact_moment_bad_input_writes_nothing(api, case, change, field):
    payload = {
        "case": case.pk,
        "occurred_at": factories.at(days_ago=1).isoformat(),
        "channel": "telefoon",
        "activity": "vraagverheldering",
        "minutes": 15,
    }
    payload.update({key: value() if callable(value) else value for key, value in change.items()})
    before = counts()
    problem(api.post("/api/v1/contact-moments", payload, format="json"), 400, field)
    assert counts() == before


def test_contact_moment_on_a_closed_case_is_refused(api, supporter, case):
    services.case_close(actor=supporter, case=case, version=1, outcome_code="opgelost")
    response = api.post(
        "/api/v1/contact-moments",
        {"case": case.pk, "channel": "telefoon", "activity": "overig", "minutes": 5},
        format="json",
    )
    problem(response, 400, "case")
    assert ContactMoment.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"minutes": 601}, "minutes"),
        ({"channel": "postduif"}, "channel"),
        ({"occurred_at": "2000-01-01T10:00:00+01:00"}, "occurred_at"),
        ({}, "version"),
    ],
)
def test_contact_moment_update_bad_input_changes_nothing(api, supporter, case, change, field):
    moment = factories.contact_moment(supporter, case_obj=case)
    payload = {"version": 1, **change} if field != "version" else {"minutes": 20}
    before = counts()
    problem(api.patch(f"/api/v1/contact-moments/{moment.pk}", payload, format="json"), 400, field)
    assert counts() == before
    moment.refresh_from_db()
    assert (moment.minutes, moment.channel.code, moment.version) == (15, "telefoon", 1)


def test_contact_moment_with_the_same_submission_key_is_one_row(api, case):
    payload = {
        "case": case.pk,
        "channel": "telefoon",
        "activity": "vraagverheldering",
        "minutes": 15,
        "submission_key": str(uuid.uuid4()),
    }
    first = api.post("/api/v1/contact-moments", payload, format="json")
    second = api.post("/api/v1/contact-moments", payload, format="json")
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert ContactMoment.objects.count() == 1


def test_a_submission_key_of_another_case_shows_nothing_of_it(api, supporter, coordinator):
    key = uuid.uuid4()
    theirs = factories.contact_moment(
        coordinator, case_obj=factories.case(coordinator), submission_key=key, note="Geheim"
    )
    for case in (factories.case(supporter), factories.case(colleague(coordinator))):
        response = api_for(case.supporters.get()).post(
            "/api/v1/contact-moments",
            {
                "case": case.pk,
                "channel": "telefoon",
                "activity": "overig",
                "minutes": 5,
                "submission_key": str(key),
            },
            format="json",
        )
        problem(response, 409)
        assert b"Geheim" not in response.content
    assert list(ContactMoment.objects.all()) == [theirs]


def test_contact_moment_update_with_a_stale_version_is_a_conflict(api, supporter, case):
    moment = factories.contact_moment(supporter, case_obj=case)
    services.contact_moment_update(
        actor=supporter,
        contact_moment=moment,
        version=1,
        occurred_at=moment.occurred_at,
        channel_code="telefoon",
        activity_code="vraagverheldering",
        minutes=20,
    )
    response = api.patch(
        f"/api/v1/contact-moments/{moment.pk}", {"version": 1, "minutes": 30}, format="json"
    )
    assert problem(response, 409)["code"] == "conflict"
    moment.refresh_from_db()
    assert (moment.minutes, moment.version) == (20, 2)


def test_contact_moment_list_filters(api, supporter, case):
    other_case = factories.case(supporter)
    old = factories.contact_moment(supporter, case_obj=case, occurred_at=factories.at(days_ago=8))
    phone = factories.contact_moment(supporter, case_obj=case, occurred_at=factories.at(days_ago=1))
    mail = factories.contact_moment(
        supporter, case_obj=other_case, channel_code="email", occurred_at=factories.at(days_ago=1)
    )

    def ids(**params: Any) -> list[int]:
        response = api.get("/api/v1/contact-moments", params)
        assert response.status_code == 200, response.content
        assert set(response.json()) == {"count", "next", "previous", "results"}
        return [row["id"] for row in response.json()["results"]]

    assert set(ids()) == {old.pk, phone.pk, mail.pk}
    assert ids()[-1] == old.pk  # newest first
    assert set(ids(case=case.pk)) == {old.pk, phone.pk}
    assert set(ids(channel="email")) == {mail.pk}
    two_days_ago = str(timezone.localdate() - timedelta(days=2))
    assert set(ids(occurred_from=two_days_ago)) == {phone.pk, mail.pk}
    assert set(ids(occurred_to=two_days_ago)) == {old.pk}
    eight_days_ago = str(timezone.localdate() - timedelta(days=8))
    assert set(ids(occurred_from=eight_days_ago, occurred_to=eight_days_ago)) == {old.pk}
    problem(api.get("/api/v1/contact-moments", {"case": "een"}), 400, "case")


# --- Dossier ------------------------------------------------------------------


def test_coordinator_gets_the_complete_file(coordinator, supporter):
    case = factories.case(coordinator)
    factories.contact_moment(coordinator, case_obj=case)
    response = api_for(coordinator).get(f"/api/v1/clients/{case.client_id}/dossier")
    assert response.status_code == 200, response.content
    body = response.json()
    assert {"client", "cases", "consents", "access_log"} <= set(body)
    assert "pseudonym" not in body["client"]
    assert len(body["cases"]) == 1
    assert AuditEntry.objects.filter(
        event="client.exported", client_id=str(case.client_id)
    ).exists()


def test_supporter_may_not_make_the_complete_file(api, case):
    problem(api.get(f"/api/v1/clients/{case.client_id}/dossier"), 403)


# --- Who gets in --------------------------------------------------------------


@pytest.fixture
def objects(coordinator) -> dict[str, int]:
    """A client, a case and a contact moment of the coordinator's organisation."""
    case = factories.case(coordinator)
    moment = factories.contact_moment(coordinator, case_obj=case)
    return {"client": case.client_id, "case": case.pk, "moment": moment.pk}


def endpoints(ids: dict[str, int]) -> list[tuple[str, str, dict[str, Any]]]:
    client, case = ids["client"], ids["case"]
    return [
        ("get", "/api/v1/clients", {}),
        ("post", "/api/v1/clients", {"family_name": "Jansen"}),
        *detail_endpoints(ids),
        ("get", "/api/v1/cases", {}),
        ("post", "/api/v1/cases", {"client": client, "topic": "financien"}),
        ("get", "/api/v1/contact-moments", {}),
        (
            "post",
            "/api/v1/contact-moments",
            {"case": case, "channel": "telefoon", "activity": "overig", "minutes": 5},
        ),
    ]


def detail_endpoints(ids: dict[str, int]) -> list[tuple[str, str, dict[str, Any]]]:
    client, case, moment = ids["client"], ids["case"], ids["moment"]
    return [
        ("get", f"/api/v1/clients/{client}", {}),
        ("patch", f"/api/v1/clients/{client}", {"phone": "0201234567"}),
        ("get", f"/api/v1/clients/{client}/dossier", {}),
        ("get", f"/api/v1/cases/{case}", {}),
        ("patch", f"/api/v1/cases/{case}", {"version": 1, "question": "Gewijzigd"}),
        ("post", f"/api/v1/cases/{case}/close", {"version": 1, "outcome": "opgelost"}),
        ("post", f"/api/v1/cases/{case}/reopen", {"version": 1}),
        ("get", f"/api/v1/contact-moments/{moment}", {}),
        ("patch", f"/api/v1/contact-moments/{moment}", {"version": 1, "minutes": 20}),
    ]


@pytest.mark.parametrize("role", [Role.MUNICIPALITY, Role.ADMINISTRATOR])
def test_roles_without_client_work_are_refused_everywhere(role, objects):
    api = api_for(account_factories.user(role))
    before = counts()
    for method, url, payload in endpoints(objects):
        response = getattr(api, method)(url, payload, format="json")
        body = problem(response, 403)
        assert body["code"] == "permission-denied", (method, url)
    assert counts() == before


@pytest.mark.parametrize("role", [Role.SUPPORTER, Role.COORDINATOR])
def test_another_organisations_objects_do_not_exist(role, objects):
    api = api_for(account_factories.user(role))
    before = counts()
    for method, url, payload in detail_endpoints(objects):
        response = getattr(api, method)(url, payload, format="json")
        if role == Role.SUPPORTER and url.endswith("/dossier"):
            problem(response, 403)  # only coordinators make the file at all
            continue
        assert problem(response, 404)["code"] == "not-found", (method, url)
    for url in ("/api/v1/clients", "/api/v1/cases", "/api/v1/contact-moments"):
        assert api.get(url).json()["count"] == 0
    assert counts() == before


def test_without_a_token_nothing_is_shown(objects):
    for method, url, payload in endpoints(objects):
        response = getattr(APIClient(), method)(url, payload, format="json")
        problem(response, 401)


def test_supporter_sees_only_assigned_cases_when_the_organisation_says_so(coordinator):
    assert coordinator.organisation is not None
    Organisation.objects.filter(pk=coordinator.organisation.pk).update(
        supporters_see_all_cases=False
    )
    mine, theirs = colleague(coordinator), colleague(coordinator)
    my_case = factories.case(coordinator, supporter_ids=[mine.pk])
    their_case = factories.case(coordinator, supporter_ids=[theirs.pk])
    my_moment = factories.contact_moment(coordinator, case_obj=my_case)
    their_moment = factories.contact_moment(coordinator, case_obj=their_case)

    api = api_for(mine)

    def ids(url: str) -> set[int]:
        return {row["id"] for row in api.get(url).json()["results"]}

    assert ids("/api/v1/cases") == {my_case.pk}
    assert ids("/api/v1/clients") == {my_case.client_id}
    assert ids("/api/v1/contact-moments") == {my_moment.pk}
    problem(api.get(f"/api/v1/cases/{their_case.pk}"), 404)
    problem(api.get(f"/api/v1/clients/{their_case.client_id}"), 404)
    problem(api.get(f"/api/v1/contact-moments/{their_moment.pk}"), 404)
    # The coordinator still sees everything.
    all_cases = api_for(coordinator).get("/api/v1/cases").json()["results"]
    assert {row["id"] for row in all_cases} == {my_case.pk, their_case.pk}


# --- Language -----------------------------------------------------------------


def test_messages_in_english_when_asked(api, case):
    response = api.post(
        f"/api/v1/cases/{case.pk}/close", {"version": 1}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    reasons = {p["name"]: p["reason"] for p in problem(response, 400)["invalid_params"]}
    assert reasons["outcome"] == "This field is required."

    response = api.post(
        "/api/v1/contact-moments",
        {"case": case.pk, "channel": "telefoon", "activity": "overig", "minutes": 601},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    reasons = {p["name"]: p["reason"] for p in problem(response, 400)["invalid_params"]}
    assert reasons["minutes"] == "Ensure this value is less than or equal to 600."

    dutch = api.post(f"/api/v1/cases/{case.pk}/close", {"version": 1}, format="json")
    assert dutch.json()["invalid_params"][0]["reason"] != "This field is required."


# --- Query counts -------------------------------------------------------------


def _queries(api: APIClient, url: str, rows: int) -> int:
    with CaptureQueriesContext(connection) as context:
        response = api.get(url, {"page_size": rows})
    assert response.status_code == 200
    assert len(response.json()["results"]) == rows
    return len(context.captured_queries)


def test_list_query_counts_do_not_grow_with_rows(coordinator):
    partner = account_factories.organisation("partner-organisatie")
    for number in range(25):
        client = services.client_create(
            actor=coordinator,
            family_name=f"Jansen{number}",
            preferred_channel_code="telefoon",
            target_group_codes=["ouderen", "schulden"],
        )
        case = factories.case(coordinator, client_obj=client)
        factories.contact_moment(
            coordinator,
            case_obj=case,
            with_whom=WithWhom.ORGANISATION,
            with_organisation_slug=partner.slug,
        )
    api = api_for(coordinator)
    for url in ("/api/v1/clients", "/api/v1/cases", "/api/v1/contact-moments"):
        _queries(api, url, 1)  # warm caches shared by every request
        assert _queries(api, url, 2) == _queries(api, url, 25), url
