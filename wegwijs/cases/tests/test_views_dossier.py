"""The complete file and destruction on request, through HTTP (coordinators only)."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in_client
from wegwijs.accounts.constants import Role
from wegwijs.accounts.tests import factories as account_factories
from wegwijs.cases.constants import AuditEvent
from wegwijs.cases.models import Client
from wegwijs.cases.tests import factories
from wegwijs.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(db):
    return account_factories.organisation("wijkteam-dossier")


@pytest.fixture
def coordinator(organisation):
    return account_factories.user(Role.COORDINATOR, organisation_slug=organisation.slug)


@pytest.fixture
def supporter(organisation):
    return account_factories.user(Role.SUPPORTER, organisation_slug=organisation.slug)


@pytest.fixture
def client_obj(supporter):
    case = factories.case(supporter, question="Hulp bij de aanvraag van bijzondere bijstand.")
    factories.contact_moment(supporter, case_obj=case, note="Samen het formulier ingevuld")
    return case.client


@pytest.fixture
def web(coordinator):
    return logged_in_client(coordinator)


def pdf_url(client):
    return f"/clienten/{client.pk}/dossier.pdf"


def json_url(client):
    return f"/clienten/{client.pk}/dossier.json"


def destroy_url(client):
    return f"/clienten/{client.pk}/vernietigen/"


def destroy_data(**overrides):
    data = {
        "requested_on": timezone.localdate().isoformat(),
        "reason": "Schriftelijk verzoek van de cliënt",
        "understood": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_urls_are_the_agreed_ones():
    assert reverse("cases:client-dossier-pdf", args=[7]) == "/clienten/7/dossier.pdf"
    assert reverse("cases:client-dossier-json", args=[7]) == "/clienten/7/dossier.json"
    assert reverse("cases:client-destroy", args=[7]) == "/clienten/7/vernietigen/"


def test_client_page_shows_the_dossier_links_to_coordinators_only(web, supporter, client_obj):
    links = [pdf_url(client_obj), json_url(client_obj), destroy_url(client_obj)]
    page = web.get(f"/clienten/{client_obj.pk}/").content.decode()
    for label in ["Volledig dossier (PDF)", "Volledig dossier (JSON)", "Dossier vernietigen"]:
        assert label in page
    assert all(link in page for link in links)
    page = logged_in_client(supporter).get(f"/clienten/{client_obj.pk}/").content.decode()
    assert "Volledig dossier" not in page
    assert not any(link in page for link in links)


def test_coordinator_downloads_the_pdf(web, client_obj):
    response = web.get(pdf_url(client_obj))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="dossier-{client_obj.reference}.pdf"'
    )
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(
        event=AuditEvent.CLIENT_EXPORTED, client_id=client_obj.pk, detail__format="pdf"
    ).exists()


def test_coordinator_downloads_the_json(web, client_obj):
    response = web.get(json_url(client_obj))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="dossier-{client_obj.reference}.json"'
    )
    content = response.content.decode()
    # ensure_ascii=False: the ë is written as itself.
    assert "Cliënt" in content
    data = json.loads(content)
    assert {"client", "cases", "consents", "access_log"} <= data.keys()
    assert data["client"]["reference"] == client_obj.reference
    assert data["cases"][0]["question"] == "Hulp bij de aanvraag van bijzondere bijstand."


@pytest.mark.parametrize("url", [pdf_url, json_url, destroy_url])
def test_supporters_are_refused(supporter, client_obj, url):
    web = logged_in_client(supporter)
    assert web.get(url(client_obj)).status_code == 403
    assert web.post(destroy_url(client_obj), destroy_data()).status_code == 403
    assert not AuditEntry.objects.filter(
        event__in=[AuditEvent.CLIENT_EXPORTED, AuditEvent.CLIENT_DESTROYED]
    ).exists()
    assert Client.objects.get(pk=client_obj.pk).destroyed_at is None


@pytest.mark.parametrize("url", [pdf_url, json_url, destroy_url])
def test_another_organisations_client_is_not_found(client_obj, url):
    stranger = logged_in_client(account_factories.user(Role.COORDINATOR))
    assert stranger.get(url(client_obj)).status_code == 404
    assert stranger.post(destroy_url(client_obj), destroy_data()).status_code == 404
    assert Client.objects.get(pk=client_obj.pk).destroyed_at is None


def test_destroy_form_shows_the_warning_and_fields(web, client_obj):
    response = web.get(destroy_url(client_obj))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Noem geen persoonsgegevens: de reden komt in het auditlog." in page
    assert "Ik begrijp dat dit niet ongedaan kan worden" in page
    assert f'value="{timezone.localdate().isoformat()}"' in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"understood": None}, "understood", "Bevestig dat u begrijpt"),
        (
            {"requested_on": (timezone.localdate() + timedelta(days=1)).isoformat()},
            "requested_on",
            "Deze datum ligt in de toekomst.",
        ),
        ({"reason": "  "}, "reason", "Geef de reden"),
        ({"requested_on": ""}, "requested_on", "Vul de datum in."),
    ],
)
def test_destroy_form_errors_write_nothing(web, client_obj, overrides, field, message):
    response = web.post(destroy_url(client_obj), destroy_data(**overrides))
    assert response.status_code == 400
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    client_obj.refresh_from_db()
    assert client_obj.destroyed_at is None
    assert client_obj.family_name
    assert not AuditEntry.objects.filter(event=AuditEvent.CLIENT_DESTROYED).exists()


def test_destroy_clears_the_file_and_the_client_page_is_gone(web, client_obj):
    response = web.post(destroy_url(client_obj), destroy_data(), follow=True)
    assert response.redirect_chain[-1][0] == "/clienten/"
    assert f"Het dossier van cliënt {client_obj.reference} is vernietigd." in (
        response.content.decode()
    )
    client_obj.refresh_from_db()
    assert client_obj.destroyed_at is not None
    assert client_obj.family_name == ""
    entry = AuditEntry.objects.get(event=AuditEvent.CLIENT_DESTROYED)
    assert entry.detail["reason"] == "Schriftelijk verzoek van de cliënt"
    assert web.get(f"/clienten/{client_obj.pk}/").status_code == 404
    assert web.get(destroy_url(client_obj)).status_code == 404
