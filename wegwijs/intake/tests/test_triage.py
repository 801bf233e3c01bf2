"""The coordinators' inbox through HTTP: only their own requests, accept, forward, close."""

from datetime import datetime, time, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wegwijs.accounts.models import User
from wegwijs.cases import access
from wegwijs.core.models import AuditEntry
from wegwijs.deadlines.selectors import calendar_between
from wegwijs.intake import selectors
from wegwijs.intake.models import HelpRequest, ServiceNorm
from wegwijs.intake.tests import factories
from wegwijs.reference.constants import HolidayKind
from wegwijs.reference.models import Holiday

pytestmark = pytest.mark.django_db


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def request_for_wijkteams(city, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return factories.help_request(
            preferred_organisation_slug="sociale-wijkteams",
            name="Fatima Yilmaz",
            email="fatima@example.org",
            topic_code="financien",
            contact_times=["ochtend"],
        )


def test_inbox_lists_only_the_organisations_new_requests(city, request_for_wijkteams):
    other = factories.help_request(preferred_organisation_slug="mee-de-wering")
    html = logged_in(city.coordinator_wijkteams).get("/aanvragen/").content.decode()
    assert request_for_wijkteams.reference in html
    assert other.reference not in html
    assert "voorkeur van de inwoner → Sociale Wijkteams" in html
    assert "Er wacht 1 nieuwe hulpvraag." in html


def test_another_organisations_request_does_not_exist(city, request_for_wijkteams):
    client = logged_in(city.coordinator_mee)
    reference = request_for_wijkteams.reference
    assert client.get(f"/aanvragen/{reference}/").status_code == 404
    assert (
        client.post(f"/aanvragen/{reference}/sluiten", {"close-reason": "dubbel"}).status_code
        == 404
    )
    assert HelpRequest.objects.get(pk=request_for_wijkteams.pk).status == "nieuw"


@pytest.mark.parametrize("role", ["supporter", "anonymous"])
def test_only_coordinators_triage(city, request_for_wijkteams, role):
    client = logged_in(city.supporter_wijkteams) if role == "supporter" else Client()
    response = client.get("/aanvragen/")
    assert response.status_code == (403 if role == "supporter" else 302)


def test_reading_a_request_is_audited_and_html_is_escaped(city, django_capture_on_commit_callbacks):
    help_request = factories.help_request(
        preferred_organisation_slug="sociale-wijkteams",
        question='<script>alert("x")</script><img src=x onerror=alert(1)>',
    )
    client = logged_in(city.coordinator_wijkteams)
    html = client.get(f"/aanvragen/{help_request.reference}/").content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
        in html
    )
    assert AuditEntry.objects.filter(
        event="request.viewed", object_id=str(help_request.pk), actor=city.coordinator_wijkteams
    ).exists()


def test_accept_makes_a_client_and_a_case_with_the_question(city, request_for_wijkteams):
    client = logged_in(city.coordinator_wijkteams)
    reference = request_for_wijkteams.reference
    response = client.post(
        f"/aanvragen/{reference}/aannemen",
        {"accept-topic": "financien", "accept-supporters": [str(city.supporter_wijkteams.pk)]},
    )
    help_request = HelpRequest.objects.get(pk=request_for_wijkteams.pk)
    assert help_request.status == "aangenomen"
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:case-detail", args=[help_request.case_id])
    case = access.case_get(city.coordinator_wijkteams, help_request.case_id)
    assert "Ik krijg steeds brieven over een schuld" in case.question
    assert reference in case.question
    assert case.topic.code == "financien"
    assert list(case.supporters.all()) == [city.supporter_wijkteams]
    assert case.client.family_name == "Fatima Yilmaz"
    assert case.client.email == "fatima@example.org"
    assert case.client.preferred_channel is not None
    assert case.client.preferred_channel.code == "telefoon"
    assert help_request.handled_by == city.coordinator_wijkteams
    assert AuditEntry.objects.filter(
        event="request.accepted", object_id=str(help_request.pk)
    ).exists()
    # The time of the request is kept for "time from request to first contact".
    today = timezone.localdate()
    times = selectors.accepted_request_times(
        organisation_id=city.wijkteams.pk,
        received_from=today - timedelta(days=1),
        received_until=today,
    )
    assert times == {help_request.case_id: help_request.received_at}
    # Gone from the inbox, listed as handled.
    html = client.get("/aanvragen/").content.decode()
    assert "Er wachten 0 nieuwe hulpvragen." in html
    assert "naar de kwestie" in html
    # Accepting twice is refused.
    again = client.post(
        f"/aanvragen/{reference}/aannemen", {"accept-topic": "financien"}, follow=True
    )
    assert "Deze hulpvraag is al afgehandeld." in again.content.decode()
    assert HelpRequest.objects.get(pk=help_request.pk).case_id == help_request.case_id


def test_accept_needs_a_topic(city, django_capture_on_commit_callbacks):
    help_request = factories.help_request(preferred_organisation_slug="sociale-wijkteams")
    response = logged_in(city.coordinator_wijkteams).post(
        f"/aanvragen/{help_request.reference}/aannemen", {"accept-topic": ""}
    )
    assert "Kies het onderwerp van de kwestie." in response.content.decode()
    assert HelpRequest.objects.get(pk=help_request.pk).status == "nieuw"


def test_forward_sends_it_to_the_other_coordinator(
    city, request_for_wijkteams, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    client = logged_in(city.coordinator_wijkteams)
    reference = request_for_wijkteams.reference
    empty = client.post(
        f"/aanvragen/{reference}/doorsturen",
        {"forward-organisation": "mee-de-wering", "forward-reason": " "},
    )
    assert "Schrijf op waarom u de hulpvraag doorstuurt." in empty.content.decode()
    own = client.post(
        f"/aanvragen/{reference}/doorsturen",
        {"forward-organisation": "bibliotheek", "forward-reason": "x"},
    )
    assert "Kies een organisatie voor cliëntondersteuning uit de lijst." in own.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/aanvragen/{reference}/doorsturen",
            {"forward-organisation": "mee-de-wering", "forward-reason": "Vraag over een beperking"},
        )
    assert response.status_code == 302
    assert client.get(f"/aanvragen/{reference}/").status_code == 404
    other = logged_in(city.coordinator_mee)
    html = other.get("/aanvragen/").content.decode()
    assert reference in html
    assert "doorgestuurd door Sociale Wijkteams: Vraag over een beperking" in html
    assert [message.to for message in mail.outbox] == [[city.coordinator_mee.email]]
    forwarded = AuditEntry.objects.get(event="request.forwarded")
    assert forwarded.detail == {"from": "sociale-wijkteams", "to": "mee-de-wering"}
    assert forwarded.organisation_slug == "sociale-wijkteams"
    other.get(f"/aanvragen/{reference}/")
    assert AuditEntry.objects.filter(
        event="request.viewed", organisation_slug="mee-de-wering"
    ).exists()


def test_close_with_a_reason(city, request_for_wijkteams):
    client = logged_in(city.coordinator_wijkteams)
    reference = request_for_wijkteams.reference
    missing = client.post(
        f"/aanvragen/{reference}/sluiten", {"close-reason": "anders", "close-note": ""}
    )
    assert "Licht toe waarom u de hulpvraag sluit." in missing.content.decode()
    response = client.post(f"/aanvragen/{reference}/sluiten", {"close-reason": "niet-bereikbaar"})
    assert response.status_code == 302
    help_request = HelpRequest.objects.get(pk=request_for_wijkteams.pk)
    assert (help_request.status, help_request.close_reason) == ("gesloten", "niet-bereikbaar")
    assert AuditEntry.objects.get(event="request.closed").detail == {"reason": "niet-bereikbaar"}


def test_inbox_query_count_does_not_grow_with_requests(city, django_assert_max_num_queries):
    client = logged_in(city.coordinator_wijkteams)
    factories.help_request(preferred_organisation_slug="sociale-wijkteams", topic_code="financien")
    with django_assert_max_num_queries(20) as few:
        client.get("/aanvragen/")
    for _ in range(30):
        factories.help_request(
            preferred_organisation_slug="sociale-wijkteams", topic_code="wonen-opvang"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/aanvragen/").content.decode()
    assert "Pagina 1 van 2" in html


def _received(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def test_overdue_requests_stand_out_counting_working_days_only(city):
    """Norm 3 working days: a request 4 working days old stands out, unless a feestdag lies between."""
    today = timezone.localdate()
    calendar = calendar_between(first=today - timedelta(days=40), last=today)
    received_on = calendar.working_days_before(today, 4)
    old = factories.help_request(preferred_organisation_slug="sociale-wijkteams")
    HelpRequest.objects.filter(pk=old.pk).update(received_at=_received(received_on))
    fresh = factories.help_request(preferred_organisation_slug="sociale-wijkteams")
    client = logged_in(city.coordinator_wijkteams)

    html = client.get("/aanvragen/").content.decode()
    assert "1 wacht langer dan 3 werkdagen." in html
    assert html.count("Te laat") == 1
    assert html.index(old.reference) < html.index("Te laat") < html.index(fresh.reference)
    assert (
        "1 wacht langer dan 3 werkdagen."
        in logged_in(city.coordinator_wijkteams).get("/mijn-organisatie/").content.decode()
    )

    # A feestdag (set by Royal Decree) between then and now: only 3 working days have passed.
    between = calendar.working_days_before(today, 2)
    Holiday.objects.update_or_create(
        date=between,
        defaults={"name_nl": "Brugdag", "name_en": "Bridge day", "kind": HolidayKind.ROYAL_DECREE},
    )
    html = client.get("/aanvragen/").content.decode()
    assert "Te laat" not in html

    # A stricter norm of the organisation flags it again.
    ServiceNorm.objects.create(organisation=city.wijkteams, working_days=2)
    html = client.get("/aanvragen/").content.decode()
    assert "1 wacht langer dan 2 werkdagen." in html


def test_service_norm_due_date_skips_weekends_and_feestdagen():
    # Thursday 25 March 2027; Good Friday and Easter Monday are Atw feestdagen.
    from datetime import date

    assert selectors.add_working_days(date(2027, 3, 25), 3) == date(2027, 4, 1)
    assert selectors.add_working_days(date(2026, 11, 27), 3) == date(2026, 12, 2)


def test_start_page_links_the_inbox_with_the_count(city, request_for_wijkteams):
    html = logged_in(city.coordinator_wijkteams).get("/mijn-organisatie/").content.decode()
    assert 'href="/aanvragen/"' in html
    assert "Er wacht 1 nieuwe hulpvraag." in html


def test_personal_data_of_handled_requests_is_erased_after_the_retention_period(city):
    from django.core.management import call_command

    old = factories.help_request(
        preferred_organisation_slug="sociale-wijkteams",
        name="Fatima Yilmaz",
        topic_code="financien",
    )
    recent = factories.help_request(preferred_organisation_slug="sociale-wijkteams", name="Ali")
    waiting = factories.help_request(preferred_organisation_slug="sociale-wijkteams", name="Bo")
    client = logged_in(city.coordinator_wijkteams)
    for help_request in (old, recent):
        client.post(
            f"/aanvragen/{help_request.reference}/sluiten", {"close-reason": "niet-bereikbaar"}
        )
    HelpRequest.objects.filter(pk=old.pk).update(handled_at=timezone.now() - timedelta(days=91))
    call_command("intake_retry")
    old.refresh_from_db()
    assert (old.question, old.name, old.phone) == ("", "", "")
    assert old.personal_data_erased_at is not None
    # What monitoring counts stays.
    assert old.topic is not None
    assert (old.topic.code, old.organisation_id, old.status) == (
        "financien",
        city.wijkteams.pk,
        "gesloten",
    )
    assert AuditEntry.objects.filter(event="request.erased", object_id=str(old.pk)).exists()
    for kept in (recent, waiting):
        kept.refresh_from_db()
        assert kept.name
        assert kept.personal_data_erased_at is None


def test_the_administrator_sets_how_long_requests_keep_personal_data(city):
    from django.core.management import call_command

    from wegwijs.reference.models import RetentionPeriod

    RetentionPeriod.objects.update_or_create(
        record_type="request", defaults={"years": 0, "days": 30}
    )
    help_request = factories.help_request(
        preferred_organisation_slug="sociale-wijkteams", name="Ali"
    )
    logged_in(city.coordinator_wijkteams).post(
        f"/aanvragen/{help_request.reference}/sluiten", {"close-reason": "niet-bereikbaar"}
    )
    HelpRequest.objects.filter(pk=help_request.pk).update(
        handled_at=timezone.now() - timedelta(days=40)
    )
    # The consent text tells residents the period the administrator set.
    assert "30 dagen" in Client().get("/hulp-vragen/").content.decode()
    call_command("apply_retention", stdout=StringIO())
    help_request.refresh_from_db()
    assert (help_request.name, help_request.personal_data_erased_at is not None) == ("", True)
    # A second run finds nothing more to do.
    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert HelpRequest.objects.filter(personal_data_erased_at__isnull=False).count() == 1
