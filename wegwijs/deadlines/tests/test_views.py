"""The deadline pages and the calendar feed, through HTTP."""

from datetime import date, timedelta

import icalendar
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in_client
from wegwijs.accounts.constants import Role
from wegwijs.accounts.tests import factories as account_factories
from wegwijs.cases.tests import factories
from wegwijs.deadlines import selectors, services
from wegwijs.deadlines.models import CalendarFeedToken, Deadline

pytestmark = pytest.mark.django_db

MY_DEADLINES = "/mijn-termijnen/"


def add_deadlines(user, count):
    today = timezone.localdate()
    for number in range(count):
        case = factories.case(user)
        services.deadline_add(
            actor=user, case=case, kind="bezwaar", start_date=today - timedelta(days=number)
        )


def test_urls_are_the_agreed_ones():
    assert reverse("deadlines:my-deadlines") == MY_DEADLINES
    assert reverse("deadlines:deadline-add", args=[7]) == "/kwesties/7/termijnen/nieuw/"
    assert reverse("deadlines:feed", args=["abc"]) == "/agenda/abc.ics"


def test_my_deadlines_needs_login_and_client_work(municipality_user):
    assert logged_in_client(municipality_user).get(MY_DEADLINES).status_code == 403
    assert Client().get(MY_DEADLINES).status_code == 302


def test_my_deadlines_sorted_by_due_date_with_a_constant_query_count(supporter):
    add_deadlines(supporter, 2)
    http = logged_in_client(supporter)
    with CaptureQueriesContext(connection) as few:
        response = http.get(MY_DEADLINES)
    assert response.status_code == 200
    add_deadlines(supporter, 6)
    with CaptureQueriesContext(connection) as many:
        response = http.get(MY_DEADLINES)
    assert response.status_code == 200
    assert len(many) == len(few)
    due_dates = [deadline.due_date for deadline in response.context["deadlines"].page]
    assert due_dates == sorted(due_dates)
    assert len(due_dates) == 8
    assert "Mijn termijnen" in response.content.decode()


def test_a_colleagues_deadlines_are_not_mine(supporter):
    colleague = account_factories.user(
        Role.SUPPORTER, organisation_slug=supporter.organisation.slug
    )
    add_deadlines(colleague, 1)
    response = logged_in_client(supporter).get(MY_DEADLINES)
    assert list(response.context["deadlines"].page) == []


def test_add_form_shows_the_computed_due_date_then_saves(supporter):
    case = factories.case(supporter)
    url = f"/kwesties/{case.pk}/termijnen/nieuw/"
    http = logged_in_client(supporter)
    assert http.get(url).status_code == 200
    preview = http.post(url, {"kind": "bezwaar", "start_date": "2026-03-24", "berekenen": "1"})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "6 mei 2026" in page
    assert "Bevrijdingsdag (feestdag, Atw art. 3)" in page
    assert not Deadline.objects.exists()
    saved = http.post(url, {"kind": "bezwaar", "start_date": "2026-03-24", "opslaan": "1"})
    assert saved.status_code == 302
    deadline = Deadline.objects.get()
    assert deadline.due_date == date(2026, 5, 6)
    assert deadline.created_by == supporter


def test_add_form_reports_errors_in_place(supporter):
    case = factories.case(supporter)
    url = f"/kwesties/{case.pk}/termijnen/nieuw/"
    response = logged_in_client(supporter).post(
        url, {"kind": "bezwaar", "start_date": "2026-03-24", "committee": "on", "opslaan": "1"}
    )
    assert response.status_code == 200
    assert "hoort niet bij deze soort termijn" in response.content.decode()
    response = logged_in_client(supporter).post(url, {"kind": "", "start_date": "", "opslaan": "1"})
    assert "Kies een soort termijn." in response.content.decode()


def test_add_form_for_another_organisations_case_is_404(supporter):
    case = factories.case(supporter)
    stranger = account_factories.user(Role.SUPPORTER)
    url = f"/kwesties/{case.pk}/termijnen/nieuw/"
    assert logged_in_client(stranger).get(url).status_code == 404
    assert logged_in_client(stranger).post(url, {"kind": "bezwaar"}).status_code == 404


def test_mark_met_and_cancel_through_the_page(supporter):
    case = factories.case(supporter)
    today = timezone.localdate()
    first = services.deadline_add(actor=supporter, case=case, kind="bezwaar", start_date=today)
    second = services.deadline_add(actor=supporter, case=case, kind="klacht", start_date=today)
    http = logged_in_client(supporter)
    response = http.post(f"/termijnen/{first.pk}/gehaald/", {"met_on": today.isoformat()})
    assert response.status_code == 302
    response = http.post(f"/termijnen/{second.pk}/annuleren/", {"next": "case"})
    assert response["Location"] == f"/kwesties/{case.pk}/termijnen/nieuw/"
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("gehaald", "geannuleerd")
    stranger = account_factories.user(Role.SUPPORTER)
    assert logged_in_client(stranger).post(f"/termijnen/{first.pk}/annuleren/").status_code == 404


def test_feed_is_valid_icalendar_and_renewal_invalidates_the_old_url(supporter):
    case = factories.case(supporter)
    deadline = services.deadline_add(
        actor=supporter, case=case, kind="bezwaar", start_date=timezone.localdate()
    )
    http = logged_in_client(supporter)
    assert http.post("/mijn-termijnen/agenda-link/").status_code == 302
    token = CalendarFeedToken.objects.get(user=supporter).token
    assert len(token) >= 32
    page = http.get(MY_DEADLINES).content.decode()
    assert f"/agenda/{token}.ics" in page

    anonymous = Client()
    response = anonymous.get(f"/agenda/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert event.decoded("dtstart") == deadline.due_date
    assert case.client.reference in str(event.get("summary"))
    assert case.client.family_name not in response.content.decode()

    http.post("/mijn-termijnen/agenda-link/")
    new_token = CalendarFeedToken.objects.get(user=supporter).token
    assert new_token != token
    assert anonymous.get(f"/agenda/{token}.ics").status_code == 404
    assert anonymous.get(f"/agenda/{new_token}.ics").status_code == 200
    assert anonymous.get("/agenda/niet-geldig.ics").status_code == 404


def test_feed_of_a_deactivated_user_is_gone(supporter):
    services.calendar_feed_renew(user=supporter)
    token = CalendarFeedToken.objects.get(user=supporter).token
    supporter.is_active = False
    supporter.save(update_fields=["is_active"])
    assert Client().get(f"/agenda/{token}.ics").status_code == 404


# --- The section "Termijnen" on the case page ------------------------------------------


def test_case_page_shows_its_deadlines_with_a_constant_query_count(supporter):
    case = factories.case(supporter)
    other = factories.case(supporter)
    deadline = services.deadline_add(
        actor=supporter, case=case, kind="bezwaar", start_date=timezone.localdate()
    )
    services.deadline_add(
        actor=supporter, case=other, kind="klacht", start_date=timezone.localdate()
    )
    http = logged_in_client(supporter)
    with CaptureQueriesContext(connection) as few:
        response = http.get(f"/kwesties/{case.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="termijnen"' in page
    assert "Bezwaar maken" in page
    assert "Afhandeling van een klacht" not in page  # the other case's deadline
    assert f'datetime="{deadline.due_date:%Y-%m-%d}"' in page
    assert deadline.basis in page
    assert f'href="/kwesties/{case.pk}/termijnen/nieuw/"' in page
    for days in range(1, 6):
        services.deadline_add(
            actor=supporter,
            case=case,
            kind="klacht",
            start_date=timezone.localdate() - timedelta(days=days),
        )
    with CaptureQueriesContext(connection) as many:
        response = http.get(f"/kwesties/{case.pk}/")
    assert len(many) == len(few)
    assert response.content.decode().count("Afhandeling van een klacht") == 5


def test_case_page_without_deadlines_links_to_adding_one(supporter):
    case = factories.case(supporter)
    page = logged_in_client(supporter).get(f"/kwesties/{case.pk}/").content.decode()
    assert "Nog geen termijnen." in page
    assert "Termijn toevoegen" in page


def test_case_deadlines_selector_shows_nothing_of_a_case_out_of_reach(supporter):
    case = factories.case(supporter)
    services.deadline_add(
        actor=supporter, case=case, kind="bezwaar", start_date=timezone.localdate()
    )
    stranger = account_factories.user(Role.SUPPORTER)
    assert list(selectors.case_deadlines(user=stranger, case=case)) == []
    assert len(selectors.case_deadlines(user=supporter, case=case)) == 1


def test_nav_links_to_my_deadlines(supporter, municipality_user):
    page = logged_in_client(supporter).get("/mijn-werk/").content.decode()
    assert f'href="{MY_DEADLINES}"' in page
    assert "Mijn termijnen" in page
    response = logged_in_client(municipality_user).get("/monitoring/")
    assert response.status_code == 200
    assert f'href="{MY_DEADLINES}"' not in response.content.decode()
