"""Keeping the map right: coordinators edit their own entries, stale entries are flagged."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in_client
from wegwijs.accounts.constants import Role
from wegwijs.accounts.tests import factories as account_factories
from wegwijs.core.models import AuditEntry
from wegwijs.directory.models import Location, Schedule, Service
from wegwijs.directory.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(coordinator):
    organisation = coordinator.organisation
    return {
        "organisation": organisation,
        "service": factories.service(organisation, name="Eigen dienst", topic_codes=["financien"]),
        "location": factories.location(organisation, name="Eigen locatie"),
    }


@pytest.fixture
def other():
    organisation = factories.organisation(slug="andere-organisatie")
    return {
        "organisation": organisation,
        "service": factories.service(organisation, name="Andermans dienst"),
        "location": factories.location(organisation, name="Andermans locatie"),
    }


def test_coordinator_lands_on_own_organisation(coordinator, own):
    client = logged_in_client(coordinator)
    response = client.get(reverse("directory:manage"))
    assert response["Location"] == reverse(
        "directory:manage-organisation", args=[own["organisation"].slug]
    )
    html = client.get(response["Location"]).content.decode()
    assert "Eigen dienst" in html
    assert "Eigen locatie" in html


def test_coordinator_edits_own_service_and_search_follows(coordinator, own, client):
    staff = logged_in_client(coordinator)
    url = reverse("directory:service-edit", args=[own["organisation"].slug, own["service"].pk])
    assert staff.get(url).status_code == 200
    response = staff.post(
        url,
        {
            "name": "Formulierenhulp",
            "description": "Hulp bij het invullen van formulieren.",
            "is_free": "on",
            "topics": ["regelgeving"],
            "languages": ["nl", "ar"],
            "status": "active",
            "locations": [str(own["location"].pk)],
        },
    )
    assert response.status_code == 302
    service = Service.objects.get(pk=own["service"].pk)
    assert service.name == "Formulierenhulp"
    assert sorted(service.languages.values_list("code", flat=True)) == ["ar", "nl"]
    assert service.at_locations.get().location == own["location"]
    assert AuditEntry.objects.filter(event="directory.service.updated").exists()
    html = client.get(reverse("directory:search"), {"q": "formulier"}).content.decode()
    assert "Formulierenhulp" in html


def test_invalid_service_input_is_shown_on_the_form(coordinator, own):
    staff = logged_in_client(coordinator)
    url = reverse("directory:service-new", args=[own["organisation"].slug])
    response = staff.post(url, {"name": "", "email": "geen-adres", "status": "active"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kies minstens één taal." in html
    assert Service.objects.count() == 1


def test_coordinator_adds_location_and_opening_hours(coordinator, own):
    staff = logged_in_client(coordinator)
    slug = own["organisation"].slug
    response = staff.post(
        reverse("directory:location-new", args=[slug]),
        {
            "name": "Buurthuis",
            "street_address": "Plein 1",
            "postcode": "2034 ab",
            "city": "Haarlem",
        },
    )
    location = Location.objects.get(name="Buurthuis")
    assert location.postcode == "2034AB"
    assert response["Location"] == reverse("directory:location-edit", args=[slug, location.pk])
    add = reverse("directory:schedule-add", args=[slug, location.pk])
    bad = staff.post(
        add, {"schedule-weekday": "3", "schedule-opens_at": "12:00", "schedule-closes_at": "09:00"}
    )
    assert bad.status_code == 400
    assert "De sluitingstijd moet na de openingstijd liggen." in bad.content.decode()
    staff.post(
        add,
        {
            "schedule-weekday": "3",
            "schedule-opens_at": "09:00",
            "schedule-closes_at": "12:00",
            "schedule-is_walk_in": "on",
        },
    )
    schedule = Schedule.objects.get(location=location)
    assert schedule.is_walk_in
    staff.post(reverse("directory:schedule-delete", args=[slug, schedule.pk]))
    assert not Schedule.objects.filter(location=location).exists()


def test_coordinator_cannot_touch_another_organisation(coordinator, own, other):
    staff = logged_in_client(coordinator)
    slug = other["organisation"].slug
    urls_get = [
        reverse("directory:manage-organisation", args=[slug]),
        reverse("directory:service-edit", args=[slug, other["service"].pk]),
        reverse("directory:location-edit", args=[slug, other["location"].pk]),
        # Another organisation's service through the own organisation's address.
        reverse("directory:service-edit", args=[own["organisation"].slug, other["service"].pk]),
    ]
    for url in urls_get:
        assert staff.get(url).status_code == 404, url
    response = staff.post(
        reverse("directory:service-edit", args=[slug, other["service"].pk]),
        {"name": "Gekaapt", "languages": ["nl"], "status": "active"},
    )
    assert response.status_code == 404
    assert (
        staff.post(
            reverse("directory:service-delete", args=[slug, other["service"].pk])
        ).status_code
        == 404
    )
    assert staff.post(reverse("directory:mark-checked", args=[slug])).status_code == 404
    assert Service.objects.get(pk=other["service"].pk).name == "Andermans dienst"


def test_supporters_and_anonymous_users_are_kept_out(supporter, own, client):
    slug = own["organisation"].slug
    assert logged_in_client(supporter).get(reverse("directory:manage")).status_code == 403
    response = client.get(reverse("directory:manage-organisation", args=[slug]))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_administrator_moderates_every_organisation(administrator, own, other):
    staff = logged_in_client(administrator)
    html = staff.get(reverse("directory:manage")).content.decode()
    assert "Andere Organisatie" in html
    url = reverse("directory:service-edit", args=[other["organisation"].slug, other["service"].pk])
    response = staff.post(
        url, {"name": "Gecontroleerd", "languages": ["nl"], "status": "inactive", "is_free": "on"}
    )
    assert response.status_code == 302
    assert Service.objects.get(pk=other["service"].pk).status == "inactive"


def test_stale_entries_are_flagged_once_and_coordinators_reminded(coordinator, own, other):
    long_ago = timezone.localdate() - timedelta(days=400)
    Service.objects.update(checked_on=long_ago)
    Location.objects.filter(pk=own["location"].pk).update(checked_on=long_ago)
    out = io.StringIO()
    call_command("flag_stale_directory_entries", stdout=out)
    assert out.getvalue().strip() == "services: 2, locations: 1, e-mails: 1"
    assert [message.to for message in mail.outbox] == [[coordinator.email]]
    assert "Eigen dienst" not in mail.outbox[0].body  # a count and a link, no details needed
    assert Service.objects.filter(stale_since__isnull=False).count() == 2

    out = io.StringIO()
    call_command("flag_stale_directory_entries", stdout=out)
    assert out.getvalue().strip() == "services: 0, locations: 0, e-mails: 0"
    assert len(mail.outbox) == 1

    staff = logged_in_client(coordinator)
    page = reverse("directory:manage-organisation", args=[own["organisation"].slug])
    assert "verouderd" in staff.get(page).content.decode()
    staff.post(reverse("directory:mark-checked", args=[own["organisation"].slug]))
    assert "verouderd</strong>" not in staff.get(page).content.decode()
    assert Service.objects.get(pk=own["service"].pk).stale_since is None


def test_stale_command_refuses_a_bad_date():
    with pytest.raises(Exception, match="YYYY-MM-DD"):
        call_command("flag_stale_directory_entries", "--date", "gisteren")


def test_second_coordinator_of_another_organisation_gets_nothing(own, other):
    account_factories.user(Role.COORDINATOR, organisation_slug=other["organisation"].slug)
    Service.objects.filter(pk=own["service"].pk).update(
        checked_on=timezone.localdate() - timedelta(days=366)
    )
    call_command("flag_stale_directory_entries", stdout=io.StringIO())
    assert len(mail.outbox) == 1
