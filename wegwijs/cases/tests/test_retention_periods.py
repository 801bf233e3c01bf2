"""Retention periods (Wmo 5.3.4) through apply_retention, and destruction requests (Wmo 5.3.5)."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from conftest import logged_in_client
from wegwijs.cases import services
from wegwijs.cases.models import Case, Client, ContactMoment
from wegwijs.cases.tests import factories
from wegwijs.core.models import AuditEntry
from wegwijs.reference.models import DestructionRequest, RetentionPeriod


def _closed_file(actor, *, years_ago: float) -> Client:
    """A client with a closed case and a contact moment, last changed ``years_ago``."""
    client = factories.client(actor, postcode="2011AB", phone="0612345678")
    case = factories.case(actor, client_obj=client)
    factories.contact_moment(actor, case_obj=case, minutes=45, note="Gesprek over schulden")
    case.refresh_from_db()
    services.case_close(actor=actor, case=case, version=case.version, outcome_code="opgelost")
    then = timezone.now() - timedelta(days=int(365.25 * years_ago))
    Client.objects.filter(pk=client.pk).update(updated_at=then)
    Case.objects.filter(client=client).update(updated_at=then)
    ContactMoment.objects.filter(case__client=client).update(updated_at=then)
    return client


def _apply() -> list[str]:
    out = StringIO()
    call_command("apply_retention", stdout=out)
    return out.getvalue().splitlines()


@pytest.mark.django_db
def test_files_past_fifteen_years_are_anonymised_once_and_counted_facts_stay(coordinator):
    old = _closed_file(coordinator, years_ago=15.1)
    recent = _closed_file(coordinator, years_ago=14.9)

    assert "client-file: 15 years 0 days, cleared 1" in _apply()
    old.refresh_from_db()
    assert old.is_anonymous
    assert old.destroyed_at is not None
    assert (old.family_name, old.postcode, old.phone) == ("", "", "")
    # What monitoring counts stays: the case, its outcome and the minutes.
    case = Case.objects.get(client=old)
    assert case.outcome is not None
    moment = ContactMoment.objects.get(case__client=old)
    assert (moment.minutes, moment.note) == (45, "")
    assert AuditEntry.objects.filter(event="client.expired", client_id=str(old.pk)).count() == 1

    recent.refresh_from_db()
    assert not recent.is_anonymous
    assert recent.family_name

    # Idempotent: a second run clears nothing and writes nothing.
    entries = AuditEntry.objects.count()
    assert "client-file: 15 years 0 days, cleared 0" in _apply()
    assert AuditEntry.objects.count() == entries


@pytest.mark.django_db
def test_the_administrator_sets_the_period(coordinator):
    RetentionPeriod.objects.filter(record_type="client-file").update(years=2, days=0)
    two_and_a_half = _closed_file(coordinator, years_ago=2.5)
    one = _closed_file(coordinator, years_ago=1)
    assert "client-file: 2 years 0 days, cleared 1" in _apply()
    assert Client.objects.get(pk=two_and_a_half.pk).is_anonymous
    assert not Client.objects.get(pk=one.pk).is_anonymous


@pytest.mark.django_db
def test_a_file_with_an_open_case_is_kept(coordinator):
    client = factories.client(coordinator)
    factories.case(coordinator, client_obj=client)
    long_ago = timezone.now() - timedelta(days=365 * 16)
    Client.objects.filter(pk=client.pk).update(updated_at=long_ago)
    Case.objects.filter(client=client).update(updated_at=long_ago)
    _apply()
    assert not Client.objects.get(pk=client.pk).is_anonymous


@pytest.mark.django_db
def test_audit_entries_are_cleared_five_years_after_the_file_and_the_chain_holds(coordinator):
    old = _closed_file(coordinator, years_ago=1)
    kept = _closed_file(coordinator, years_ago=1)
    web = logged_in_client(coordinator)
    for client, years in ((old, 6), (kept, 4)):
        assert web.get(f"/clienten/{client.pk}/").status_code == 200
        Client.objects.filter(pk=client.pk).update(
            destroyed_at=timezone.now() - timedelta(days=365 * years)
        )
    assert AuditEntry.objects.filter(client_id=str(old.pk)).exists()
    lines = _apply()
    assert any(line.startswith("audit-entry: 5 years 0 days, cleared ") for line in lines)
    assert not AuditEntry.objects.filter(client_id=str(old.pk), redacted_at__isnull=True).exists()
    assert AuditEntry.objects.filter(client_id=str(kept.pk)).exists()
    assert not AuditEntry.objects.filter(redacted_at__isnull=False, client_id=str(kept.pk)).exists()
    # Idempotent, and the hash chain still verifies.
    assert "audit-entry: 5 years 0 days, cleared 0" in _apply()
    out = StringIO()
    call_command("verify_audit_log", stdout=out)
    assert "ok" in out.getvalue().lower()


def test_apply_retention_is_scheduled_every_night():
    entry = settings.CELERY_BEAT_SCHEDULE["apply-retention"]
    assert entry["task"] == "wegwijs.reference.apply_retention"
    from config.celery import app

    app.loader.import_default_modules()
    assert "wegwijs.reference.apply_retention" in app.tasks


# --- Destruction requests ------------------------------------------------------------

URL = "/vernietigingsverzoeken/"


@pytest.mark.django_db
def test_coordinator_registers_a_request_and_sees_the_term(coordinator):
    client = factories.client(coordinator)
    web = logged_in_client(coordinator)
    received = timezone.localdate() - timedelta(days=10)
    response = web.post(
        URL, {"client_reference": client.reference.lower(), "received_on": received.isoformat()}
    )
    assert response.status_code == 302
    request = DestructionRequest.objects.get()
    assert request.client_reference == client.reference
    assert request.due_on == date(received.year, received.month, received.day) + (
        request.due_on - received
    )
    assert 89 <= (request.due_on - received).days <= 92
    page = web.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert client.reference in html
    assert f"{request.due_on:%d-%m-%Y}" in html
    assert "Open" in html
    assert AuditEntry.objects.filter(event="client.destruction-requested").count() == 1


@pytest.mark.django_db
def test_an_overdue_request_is_flagged_and_destroying_completes_it(coordinator):
    client = factories.client(coordinator)
    web = logged_in_client(coordinator)
    received = timezone.localdate() - timedelta(days=100)
    web.post(URL, {"client_reference": client.reference, "received_on": received.isoformat()})
    assert "Te laat" in web.get(URL).content.decode()

    response = web.post(
        f"/clienten/{client.pk}/vernietigen/",
        {
            "requested_on": received.isoformat(),
            "reason": "Schriftelijk verzoek van de cliënt",
            "understood": "on",
        },
    )
    assert response.status_code == 302
    request = DestructionRequest.objects.get()
    assert request.completed_on == timezone.localdate()
    html = web.get(URL).content.decode()
    assert "Te laat" not in html
    assert f"Uitgevoerd op {timezone.localdate():%d-%m-%Y}" in html


@pytest.mark.django_db
def test_a_request_form_with_an_unknown_reference_says_so(coordinator):
    web = logged_in_client(coordinator)
    response = web.post(
        URL, {"client_reference": "ONBEKEND", "received_on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 400
    assert "Er is geen cliënt met dit kenmerk in uw organisatie." in response.content.decode()
    assert not DestructionRequest.objects.exists()


@pytest.mark.django_db
def test_the_organisation_page_links_to_the_requests(coordinator):
    html = logged_in_client(coordinator).get("/mijn-organisatie/").content.decode()
    assert 'href="/vernietigingsverzoeken/"' in html


@pytest.mark.django_db
def test_only_coordinators_see_the_requests(supporter):
    assert logged_in_client(supporter).get(URL).status_code == 403


@pytest.mark.django_db
def test_the_list_needs_few_queries(coordinator, django_assert_max_num_queries):
    web = logged_in_client(coordinator)
    for _n in range(3):
        client = factories.client(coordinator)
        web.post(
            URL,
            {"client_reference": client.reference, "received_on": timezone.localdate().isoformat()},
        )
    web.get(URL)
    with django_assert_max_num_queries(12):
        assert web.get(URL).status_code == 200
