"""The client's complete file (AVG art. 15) and destruction on request (Wmo 5.3.5)."""

import json
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.db.models import Count, Sum
from django.utils import timezone
from pypdf import PdfReader

from wegwijs.accounts.constants import Role
from wegwijs.accounts.tests import factories as account_factories
from wegwijs.cases import access, services
from wegwijs.cases.constants import AuditEvent
from wegwijs.cases.dossier import client_dossier, client_dossier_pdf
from wegwijs.cases.models import Case, Client, Consent, ContactMoment, ContactMomentRevision
from wegwijs.cases.retention import client_destroy
from wegwijs.cases.tests import factories
from wegwijs.core.errors import NotFound, PermissionDenied, ValidationFailed
from wegwijs.core.models import AuditEntry

# Turkish dotless i: the PDF must show letters outside Latin-1.
FAMILY_NAME = "Y\u0131ld\u0131z"


@pytest.fixture
def organisation(db):
    return account_factories.organisation("wijkteam-test")


@pytest.fixture
def coordinator(organisation):
    return account_factories.user(Role.COORDINATOR, organisation_slug=organisation.slug)


@pytest.fixture
def supporter(organisation):
    return account_factories.user(Role.SUPPORTER, organisation_slug=organisation.slug)


@pytest.fixture
def file(supporter):
    """A client with two cases, contacts (one edited), a consent and an appointment."""
    client = factories.client(
        supporter,
        given_name="Aysel",
        family_name=FAMILY_NAME,
        date_of_birth=date(1971, 4, 2),
        postcode="2033 AB",
        house_number="12",
        phone="023-5550000",
        email="aysel@example.org",
        preferred_language="Turks",
        representative_name="Mehmet " + FAMILY_NAME,
        representative_kind="mantelzorger",
        target_group_codes=["ouderen", "mantelzorger"],
    )
    services.consent_record(
        actor=supporter, client=client, subject="vastleggen", given_on=date(2026, 1, 5)
    )
    debts = factories.case(
        supporter,
        client_obj=client,
        question="Ik kan de huur niet betalen.",
        topic_code="financien",
    )
    moment = factories.contact_moment(
        supporter, case_obj=debts, note="Schuldhulp besproken met de cliënt.", minutes=45
    )
    services.contact_moment_update(
        actor=supporter,
        contact_moment=moment,
        version=moment.version,
        occurred_at=moment.occurred_at,
        channel_code="telefoon",
        activity_code="vraagverheldering",
        minutes=50,
        note="Schuldhulp besproken; aanvraag volgt.",
    )
    factories.contact_moment(supporter, case_obj=debts, minutes=20, note="Formulier ingevuld.")
    care = factories.case(supporter, client_obj=client, topic_code="zorg-gezondheid")
    factories.contact_moment(supporter, case_obj=care, minutes=30, channel_code="huisbezoek")
    services.appointment_plan(
        actor=supporter,
        case=care,
        starts_at=timezone.now() + timedelta(days=3),
        channel_code="huisbezoek",
        place="Bij de cliënt thuis",
        description="Keukentafelgesprek voorbereiden",
    )
    return client


# --- The complete file ----------------------------------------------------------


def test_dossier_holds_the_complete_file(coordinator, file):
    access.client_get(coordinator, file.pk)  # a view, to be shown in the access log

    dossier = client_dossier(user=coordinator, client_id=file.pk)

    assert dossier["client"]["given_name"] == "Aysel"
    assert dossier["client"]["date_of_birth"] == "1971-04-02"
    assert dossier["client"]["representative"]["name"] == "Mehmet " + FAMILY_NAME
    assert {group["code"] for group in dossier["target_groups"]} == {"ouderen", "mantelzorger"}
    assert [c["subject"]["code"] for c in dossier["consents"]] == ["vastleggen"]
    assert len(dossier["cases"]) == 2
    debts = next(c for c in dossier["cases"] if c["topic"]["code"] == "financien")
    assert debts["question"] == "Ik kan de huur niet betalen."
    notes = [m["note"] for m in debts["contact_moments"]]
    assert "Schuldhulp besproken; aanvraag volgt." in notes
    edited = next(m for m in debts["contact_moments"] if m["revisions"])
    assert edited["revisions"][0]["previous"]["note"] == "Schuldhulp besproken met de cliënt."
    assert edited["revisions"][0]["previous"]["minutes"] == 45
    care = next(c for c in dossier["cases"] if c["topic"]["code"] == "zorg-gezondheid")
    assert care["appointments"][0]["place"] == "Bij de cliënt thuis"
    assert dossier["referrals"] == []
    assert dossier["deadlines"] == []
    # The access log shows who looked at or changed the file.
    events = {entry["event"] for entry in dossier["access_log"]}
    assert {
        AuditEvent.CLIENT_CREATED,
        AuditEvent.CLIENT_VIEWED,
        AuditEvent.CLIENT_EXPORTED,
    } <= events
    viewed = next(e for e in dossier["access_log"] if e["event"] == AuditEvent.CLIENT_VIEWED)
    assert viewed["user"] == coordinator.email
    assert viewed["organisation"] == "Wijkteam Test"
    assert viewed["event_label"] == "Cliënt bekeken"
    assert viewed["occurred_at"]
    json.dumps(dossier)  # ready for the API as it is


def test_dossier_never_contains_the_pseudonym(coordinator, file):
    assert file.pseudonym

    dossier = client_dossier(user=coordinator, client_id=file.pk)

    assert file.pseudonym not in json.dumps(dossier)
    assert "pseudonym" not in dossier["client"]


def test_making_the_dossier_is_logged(coordinator, file):
    client_dossier(user=coordinator, client_id=file.pk)

    entry = AuditEntry.objects.get(event=AuditEvent.CLIENT_EXPORTED)
    assert entry.client_id == str(file.pk)
    assert entry.actor_id == coordinator.pk
    assert entry.detail == {"format": "json"}


def test_a_supporter_may_not_make_the_dossier(supporter, file):
    with pytest.raises(PermissionDenied):
        client_dossier(user=supporter, client_id=file.pk)
    with pytest.raises(PermissionDenied):
        client_dossier_pdf(user=supporter, client_id=file.pk)
    assert not AuditEntry.objects.filter(event=AuditEvent.CLIENT_EXPORTED).exists()


@pytest.mark.parametrize("role", [Role.MUNICIPALITY, Role.ADMINISTRATOR])
def test_roles_without_client_work_may_not_make_the_dossier(role, file):
    with pytest.raises(PermissionDenied):
        client_dossier(user=account_factories.user(role), client_id=file.pk)


def test_another_organisations_client_is_not_found(file):
    other = account_factories.user(Role.COORDINATOR)

    with pytest.raises(NotFound):
        client_dossier(user=other, client_id=file.pk)
    assert not AuditEntry.objects.filter(event=AuditEvent.CLIENT_EXPORTED).exists()


def test_dossier_query_count_does_not_grow_with_the_file(
    coordinator, supporter, file, django_assert_max_num_queries
):
    # Two cases with three contact moments now; many more must cost no extra queries.
    with django_assert_max_num_queries(30) as context:
        client_dossier(user=coordinator, client_id=file.pk)
    small = len(context.captured_queries)
    case = factories.case(supporter, client_obj=file)
    for _ in range(5):
        factories.contact_moment(supporter, case_obj=case)

    with django_assert_max_num_queries(small) as context:
        client_dossier(user=coordinator, client_id=file.pk)


def test_pdf_is_readable_and_holds_the_file(coordinator, file):
    pdf = client_dossier_pdf(user=coordinator, client_id=file.pk)

    assert pdf.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert "Dossier van Aysel " + FAMILY_NAME in text
    assert "Schuldhulp besproken; aanvraag volgt." in text
    assert "Wie heeft het dossier bekeken of gewijzigd" in text
    assert AuditEntry.objects.get(event=AuditEvent.CLIENT_EXPORTED).detail == {"format": "pdf"}


# --- Destruction on request ---------------------------------------------------------


def monitoring_totals():
    per_topic = (
        ContactMoment.objects.values("case__topic__code")
        .annotate(contacts=Count("id"), minutes=Sum("minutes"))
        .order_by("case__topic__code")
    )
    cases = Case.objects.values("topic__code").annotate(n=Count("id")).order_by("topic__code")
    return {
        "contacts": list(per_topic),
        "cases": list(cases),
        "residents": Client.objects.exclude(pseudonym="").values("pseudonym").distinct().count(),
    }


def test_destroy_keeps_monitoring_totals(coordinator, supporter, file):
    other_client = factories.client(supporter)
    factories.contact_moment(supporter, case_obj=factories.case(supporter, client_obj=other_client))
    before = monitoring_totals()

    client_destroy(
        actor=coordinator,
        client=file,
        requested_on=timezone.localdate(),
        reason="Schriftelijk verzoek",
    )

    assert monitoring_totals() == before


def test_destroy_removes_personal_data_and_notes(coordinator, file):
    pseudonym = file.pseudonym

    client_destroy(
        actor=coordinator, client=file, requested_on=date(2026, 11, 1), reason="Brief van cliënt"
    )

    row = Client.objects.get(pk=file.pk)
    assert row.is_anonymous
    assert row.destroyed_at is not None
    for name in (
        "given_name",
        "family_name",
        "postcode",
        "house_number",
        "phone",
        "email",
        "preferred_language",
        "representative_name",
        "representative_kind",
        "representative_phone",
    ):
        assert getattr(row, name) == "", name
    assert row.date_of_birth is None
    assert row.pseudonym == pseudonym  # kept for unique-resident counts (ADR 0002)
    assert not Consent.objects.filter(client=row).exists()
    assert set(Case.objects.filter(client=row).values_list("question", flat=True)) == {""}
    moments = ContactMoment.objects.filter(case__client=row)
    assert moments.count() == 3
    assert set(moments.values_list("note", flat=True)) == {""}
    assert not ContactMomentRevision.objects.filter(contact_moment__case__client=row).exists()
    appointment = row.cases.get(topic__code="zorg-gezondheid").appointments.get()
    assert (appointment.place, appointment.description, appointment.status) == (
        "",
        "",
        "geannuleerd",
    )
    with pytest.raises(NotFound):
        access.client_get(coordinator, file.pk)


def test_destroy_is_logged_without_personal_data(coordinator, file):
    client_destroy(
        actor=coordinator, client=file, requested_on=date(2026, 11, 1), reason="Brief van cliënt"
    )

    entry = AuditEntry.objects.get(event=AuditEvent.CLIENT_DESTROYED)
    assert entry.client_id == str(file.pk)
    assert entry.detail["requested_on"] == "2026-11-01"
    assert entry.detail["reason"] == "Brief van cliënt"
    logged = json.dumps(entry.detail)
    for personal in ("Aysel", FAMILY_NAME, "2033", "aysel@example.org", "1971"):
        assert personal not in logged


def test_a_supporter_may_not_destroy(supporter, file):
    with pytest.raises(PermissionDenied):
        client_destroy(
            actor=supporter, client=file, requested_on=date(2026, 11, 1), reason="Verzoek"
        )
    assert Client.objects.get(pk=file.pk).given_name == "Aysel"


def test_another_organisations_client_cannot_be_destroyed(file):
    other = account_factories.user(Role.COORDINATOR)

    with pytest.raises(NotFound):
        client_destroy(actor=other, client=file, requested_on=date(2026, 11, 1), reason="Verzoek")
    assert Client.objects.get(pk=file.pk).given_name == "Aysel"
    assert not AuditEntry.objects.filter(event=AuditEvent.CLIENT_DESTROYED).exists()


@pytest.mark.parametrize(
    ("requested_on", "reason", "field"),
    [
        (date(2026, 11, 1), "  ", "reason"),
        (date(2026, 11, 1), "x" * 501, "reason"),
        (date.today() + timedelta(days=2), "Verzoek", "requested_on"),
    ],
)
def test_bad_input_destroys_nothing(coordinator, file, requested_on, reason, field):
    with pytest.raises(ValidationFailed) as error:
        client_destroy(actor=coordinator, client=file, requested_on=requested_on, reason=reason)

    assert error.value.field == field
    assert Client.objects.get(pk=file.pk).given_name == "Aysel"


def test_a_destroyed_client_cannot_be_destroyed_again_or_exported(coordinator, file):
    client_destroy(actor=coordinator, client=file, requested_on=date(2026, 11, 1), reason="Verzoek")

    with pytest.raises(NotFound):
        client_destroy(
            actor=coordinator, client=file, requested_on=date(2026, 11, 1), reason="Verzoek"
        )
    with pytest.raises(NotFound):
        client_dossier(user=coordinator, client_id=file.pk)
