"""The case register's services: what they write, what they refuse, what they log."""

import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from wegwijs.accounts.constants import Role
from wegwijs.cases import access, services
from wegwijs.cases.models import Case, Client, ContactMoment, ContactMomentRevision
from wegwijs.cases.tests import factories
from wegwijs.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from wegwijs.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int, int]:
    return Client.objects.count(), Case.objects.count(), ContactMoment.objects.count()


def test_client_gets_a_reference_and_a_hidden_pseudonym(supporter):
    client = factories.client(
        supporter,
        given_name="Fatma",
        family_name="van der Berg",
        date_of_birth=date(1950, 3, 4),
        postcode="2031 ab",
        house_number="12a",
    )
    assert client.reference.startswith("K-")
    assert client.postcode == "2031AB"
    assert len(client.pseudonym) == 64
    same_person = factories.client(
        supporter,
        given_name="F.",
        family_name="Berg",
        date_of_birth=date(1950, 3, 4),
        postcode="2031AB",
        house_number="12A",
    )
    assert same_person.pseudonym == client.pseudonym
    assert AuditEntry.objects.filter(event="client.created", client_id=str(client.pk)).exists()


def test_client_without_enough_facts_has_no_pseudonym(supporter):
    assert factories.client(supporter, family_name="Jansen", date_of_birth=None).pseudonym == ""


def test_anonymous_client_refuses_personal_data(supporter):
    client = services.client_create(actor=supporter, is_anonymous=True)
    assert client.display_name.startswith("Anonieme cliënt")
    with pytest.raises(ValidationFailed) as error:
        services.client_create(actor=supporter, is_anonymous=True, phone="0612345678")
    assert error.value.field == "is_anonymous"
    assert Client.objects.count() == 1


def test_client_needs_something_to_recognise(supporter):
    with pytest.raises(ValidationFailed, match="anoniem"):
        services.client_create(actor=supporter)


def test_roles_without_client_work_are_refused(municipality_user, administrator):
    for user in (municipality_user, administrator):
        with pytest.raises(PermissionDenied):
            services.client_create(actor=user, is_anonymous=True)
        with pytest.raises(PermissionDenied):
            access.cases_for(user)


def test_information_advice_is_a_closed_case_with_one_contact(supporter):
    key = uuid.uuid4()
    case = services.information_advice_register(
        actor=supporter,
        topic_code="financien",
        channel_code="telefoon",
        minutes=5,
        submission_key=key,
    )
    assert case.status == "gesloten"
    assert case.outcome is not None
    assert case.outcome.code == "opgelost"
    assert case.client.is_anonymous
    assert case.contact_moments.count() == 1
    assert case.contact_moments.get().activity.code == "informatie-advies"
    # The same form submitted twice makes nothing new.
    again = services.information_advice_register(
        actor=supporter,
        topic_code="financien",
        channel_code="telefoon",
        minutes=5,
        submission_key=key,
    )
    assert again.pk == case.pk
    assert counts() == (1, 1, 1)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"minutes": -1}, "minutes"),
        ({"minutes": 0}, "minutes"),
        ({"minutes": 601}, "minutes"),
        ({"minutes": "tien"}, "minutes"),
        ({"topic_code": "bestaat-niet"}, "topic"),
        ({"channel_code": "postduif"}, "channel"),
        ({"occurred_at": timezone.now() + timedelta(days=1)}, "occurred_at"),
    ],
)
def test_bad_information_advice_writes_nothing(supporter, changes, field):
    values = {"topic_code": "financien", "channel_code": "telefoon", "minutes": 5, **changes}
    with pytest.raises(ValidationFailed) as error:
        services.information_advice_register(actor=supporter, **values)
    assert error.value.field == field
    assert counts() == (0, 0, 0)
    assert not AuditEntry.objects.filter(event__startswith="case.").exists()


def test_contact_moment_rules(supporter):
    case = factories.case(supporter, opened_on=timezone.localdate() - timedelta(days=3))
    with pytest.raises(ValidationFailed, match="vóór de dag"):
        factories.contact_moment(supporter, case_obj=case, occurred_at=factories.at(5))
    with pytest.raises(ValidationFailed, match="toekomst"):
        factories.contact_moment(
            supporter, case_obj=case, occurred_at=timezone.now() + timedelta(hours=2)
        )
    with pytest.raises(ValidationFailed) as error:
        factories.contact_moment(supporter, case_obj=case, with_whom="organisatie")
    assert error.value.field == "with_organisation"
    Case.objects.filter(pk=case.pk).update(last_activity_at=factories.at(2))
    moment = factories.contact_moment(
        supporter, case_obj=case, occurred_at=factories.at(1), minutes=45
    )
    case.refresh_from_db()
    assert case.last_activity_at == moment.occurred_at
    factories.contact_moment(
        supporter, case_obj=case, occurred_at=factories.at(2, hour=9), minutes=5
    )
    case.refresh_from_db()
    assert case.last_activity_at == moment.occurred_at
    assert ContactMoment.objects.count() == 2


def test_contact_moment_edit_keeps_history_and_detects_conflicts(supporter):
    case = factories.case(supporter)
    moment = factories.contact_moment(supporter, case_obj=case, minutes=10, note="Eerste versie")
    values: dict[str, Any] = {
        "occurred_at": moment.occurred_at,
        "channel_code": "huisbezoek",
        "activity_code": "meedenken",
        "minutes": 60,
        "note": "Aangepast",
    }
    updated = services.contact_moment_update(
        actor=supporter, contact_moment=moment, version=1, **values
    )
    assert (updated.minutes, updated.channel.code, updated.version) == (60, "huisbezoek", 2)
    revision = ContactMomentRevision.objects.get()
    assert revision.previous["minutes"] == 10
    assert revision.previous["note"] == "Eerste versie"
    with pytest.raises(Conflict):
        services.contact_moment_update(actor=supporter, contact_moment=moment, version=1, **values)
    assert ContactMomentRevision.objects.count() == 1


def test_close_and_reopen(supporter):
    case = factories.case(supporter)
    with pytest.raises(ValidationFailed) as error:
        services.case_close(actor=supporter, case=case, version=case.version, outcome_code=None)
    assert error.value.field == "outcome"
    with pytest.raises(ValidationFailed) as error:
        services.case_close(
            actor=supporter,
            case=case,
            version=case.version,
            outcome_code="opgelost",
            satisfaction=11,
        )
    assert error.value.field == "satisfaction"
    case.refresh_from_db()
    assert case.is_open
    closed = services.case_close(
        actor=supporter,
        case=case,
        version=case.version,
        outcome_code="deels-opgelost",
        satisfaction=8,
        experienced_independent="ja",
    )
    assert (closed.status, closed.satisfaction, closed.closed_on) == (
        "gesloten",
        8,
        timezone.localdate(),
    )
    with pytest.raises(ValidationFailed, match="gesloten"):
        factories.contact_moment(supporter, case_obj=closed)
    reopened = services.case_reopen(actor=supporter, case=closed, version=closed.version)
    assert reopened.is_open
    assert reopened.outcome is None
    events = list(AuditEntry.objects.filter(object_id=str(case.pk)).values_list("event", flat=True))
    assert {"case.opened", "case.closed", "case.reopened"} <= set(events)


def test_two_supporters_editing_the_same_case(make_user):
    first = make_user(Role.SUPPORTER)
    second = make_user(Role.COORDINATOR, organisation_slug=first.organisation_slug)
    case = factories.case(first)
    stale_version = case.version
    services.case_update(actor=first, case=case, version=stale_version, question="Vraag A")
    with pytest.raises(Conflict, match="intussen gewijzigd"):
        services.case_update(actor=second, case=case, version=stale_version, question="Vraag B")
    case.refresh_from_db()
    assert case.question == "Vraag A"


def test_appointment_becomes_a_contact_moment(supporter):
    case = factories.case(supporter)
    appointment = services.appointment_plan(
        actor=supporter,
        case=case,
        starts_at=factories.at(1, hour=14),
        channel_code="huisbezoek",
        description="Keukentafelgesprek",
    )
    moment = services.appointment_complete(actor=supporter, appointment=appointment, minutes=90)
    assert (moment.minutes, moment.channel.code, moment.activity.code) == (
        90,
        "huisbezoek",
        "begeleiding-gesprek",
    )
    appointment.refresh_from_db()
    assert appointment.status == "gehouden"
    assert appointment.contact_moment == moment
    with pytest.raises(Conflict):
        services.appointment_complete(actor=supporter, appointment=appointment, minutes=90)


def test_supporters_only_from_own_organisation(make_user):
    supporter = make_user(Role.SUPPORTER)
    stranger = make_user(Role.SUPPORTER)
    client = factories.client(supporter)
    with pytest.raises(ValidationFailed) as error:
        services.case_open(
            actor=supporter, client=client, topic_code="vervoer", supporter_ids=[stranger.pk]
        )
    assert error.value.field == "supporters"
    assert Case.objects.count() == 0


def test_another_organisations_objects_do_not_exist(make_user):
    owner = make_user(Role.SUPPORTER)
    other = make_user(Role.COORDINATOR)
    case = factories.case(owner)
    moment = factories.contact_moment(owner, case_obj=case)
    with pytest.raises(NotFound):
        access.client_get(other, case.client_id)
    with pytest.raises(NotFound):
        access.case_get(other, case.pk)
    with pytest.raises(NotFound):
        access.contact_moment_get(other, moment.pk)
    with pytest.raises(NotFound):
        services.case_close(actor=other, case=case, version=case.version, outcome_code="opgelost")
    with pytest.raises(NotFound):
        factories.contact_moment(other, case_obj=case)
    assert ContactMoment.objects.count() == 1


def test_supporters_see_only_their_own_cases_when_the_organisation_says_so(make_user):
    coordinator = make_user(Role.COORDINATOR)
    organisation = coordinator.organisation
    organisation.supporters_see_all_cases = False
    organisation.save(update_fields=["supporters_see_all_cases"])
    alice = make_user(Role.SUPPORTER, organisation_slug=organisation.slug)
    bob = make_user(Role.SUPPORTER, organisation_slug=organisation.slug)
    alice_case = factories.case(alice)
    assert list(access.cases_for(alice)) == [alice_case]
    assert list(access.cases_for(bob)) == []
    assert list(access.cases_for(coordinator)) == [alice_case]
    with pytest.raises(NotFound):
        access.client_get(bob, alice_case.client_id)
    organisation.supporters_see_all_cases = True
    organisation.save(update_fields=["supporters_see_all_cases"])
    bob.refresh_from_db()
    assert list(access.cases_for(bob)) == [alice_case]


def test_viewing_is_logged_for_the_client(supporter, coordinator):
    case = factories.case(supporter)
    access.client_get(supporter, case.client_id)
    access.case_get(supporter, case.pk)
    entries = AuditEntry.objects.filter(client_id=str(case.client_id))
    assert {"client.viewed", "case.viewed"} <= set(entries.values_list("event", flat=True))
    assert entries.filter(event="client.viewed").get().actor == supporter


def test_consent_recorded_and_withdrawn(supporter):
    client = factories.client(supporter)
    consent = services.consent_record(
        actor=supporter,
        client=client,
        subject="delen-doorverwijzing",
        given_on=timezone.localdate(),
    )
    assert consent.is_active
    services.consent_withdraw(actor=supporter, consent=consent, withdrawn_on=timezone.localdate())
    consent.refresh_from_db()
    assert not consent.is_active
    with pytest.raises(ValidationFailed):
        services.consent_record(
            actor=supporter, client=client, subject="alles", given_on=timezone.localdate()
        )
