"""The resident's request form through HTTP: stored first, validated, rate-limited."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from wegwijs.core.models import AuditEntry
from wegwijs.intake import routing
from wegwijs.intake.models import HelpRequest
from wegwijs.intake.tests.helpers import form

pytestmark = pytest.mark.django_db


@pytest.fixture
def submit(client, django_capture_on_commit_callbacks):
    """POST the form and run what is queued after the commit, as the task queue would."""

    def post(data, http_client=None, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return (http_client or client).post("/hulp-vragen/", data, **extra)

    return post


def test_form_shows_every_question_and_the_consent_text(client, city):
    response = client.get("/hulp-vragen/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Wat is uw vraag?",
        "Voor wie vraagt u hulp?",
        "Geen voorkeur",
        "Mee De Wering",
        "Clientenbelang (volledig onafhankelijk)",
        "Hoe wilt u dat wij contact met u opnemen?",
        "Wanneer bent u het best bereikbaar?",
        "In welke taal wilt u geholpen worden?",
        "Alleen de coördinatoren en cliëntondersteuners van die organisatie",
        "wissen wij uw gegevens uit deze aanvraag na 90 dagen",
        "De gemeente ziet uw vraag en uw gegevens niet",
    ):
        assert text in html, text
    # Facilities cannot be chosen: only client support.
    assert "Bibliotheek" not in html


def test_prefill_from_a_directory_link(client, city):
    response = client.get("/hulp-vragen/?organisatie=mee-de-wering&onderwerp=financien")
    html = response.content.decode()
    option = html.split('value="mee-de-wering"')[1].split(">")[0]
    assert "checked" in option
    assert '<option value="financien" selected>' in html


def test_unknown_prefill_values_are_ignored_with_a_message(client, city):
    response = client.get("/hulp-vragen/?organisatie=bestaat-niet&onderwerp=onzin")
    assert response.status_code == 200
    html = response.content.decode()
    assert "De organisatie uit de link kennen wij niet" in html
    assert "Het onderwerp uit de link kennen wij niet" in html
    assert '<option value="" selected>Weet ik niet</option>' in html


def test_a_request_is_stored_routed_and_confirmed(submit, client, city):
    response = submit(form(contact_channel="email", email="Inwoner@Example.org", phone=""))
    assert response.status_code == 302
    help_request = HelpRequest.objects.get()
    assert response["Location"] == f"/hulp-vragen/ontvangen/{help_request.receipt_token}/"
    # The URL carries a long secret, never the database id; the reference is short and random.
    assert len(help_request.receipt_token) >= 40
    assert re.fullmatch(r"H-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}", help_request.reference)
    assert help_request.organisation == city.clientenbelang  # the independent fallback
    assert help_request.email == "inwoner@example.org"

    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    assert receipt.status_code == 200
    assert help_request.reference in html
    assert "binnen 3 werkdagen" in html
    assert "Clientenbelang" in html
    assert receipt["Cache-Control"] == "no-store"

    confirmation = [message for message in mail.outbox if message.to == ["inwoner@example.org"]]
    assert len(confirmation) == 1
    assert help_request.reference in confirmation[0].subject
    assert "brieven over een schuld" not in confirmation[0].body
    assert "binnen 3 werkdagen" in confirmation[0].body

    # The coordinator gets a link, nothing personal.
    notices = [
        message for message in mail.outbox if message.to == [city.coordinator_clientenbelang.email]
    ]
    assert len(notices) == 1
    for private in ("brieven", "inwoner@example.org", help_request.reference):
        assert private not in notices[0].body
        assert private not in notices[0].subject
    assert AuditEntry.objects.filter(
        event="request.submitted", object_id=str(help_request.pk)
    ).exists()
    assert AuditEntry.objects.filter(
        event="request.routed", object_id=str(help_request.pk)
    ).exists()


def test_unknown_receipt_is_404(client, city):
    assert client.get("/hulp-vragen/ontvangen/raden-lukt-niet/").status_code == 404


def test_a_preferred_organisation_gets_the_request_directly(submit, city):
    submit(form(preferred_organisation="mee-de-wering"))
    help_request = HelpRequest.objects.get()
    assert help_request.organisation == city.mee
    assert help_request.routed_by == "voorkeur"
    assert help_request.routing_reason == "voorkeur van de inwoner → Mee De Wering"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"question": ""}, "Schrijf uw vraag op."),
        ({"question": "   "}, "Schrijf uw vraag op."),
        ({"question": "x" * 2001}, "gebruik hoogstens 2000 tekens (nu 2001)"),
        ({"name": "n" * 151}, "gebruik hoogstens 150 tekens"),
        ({"phone": "12345"}, "Dit telefoonnummer klopt niet"),
        ({"phone": "06-1234567"}, "Dit telefoonnummer klopt niet"),
        ({"phone": "+31 06 12345678"}, "Dit telefoonnummer klopt niet"),
        ({"phone": "bel me maar"}, "Dit telefoonnummer klopt niet"),
        ({"phone": ""}, "Vul uw telefoonnummer in"),
        ({"contact_channel": "whatsapp", "phone": ""}, "Vul uw telefoonnummer in"),
        ({"contact_channel": "email", "email": ""}, "Vul uw e-mailadres in"),
        ({"email": "geen-adres"}, "Dit e-mailadres klopt niet"),
        ({"email": "a@b"}, "Dit e-mailadres klopt niet"),
        ({"contact_channel": "brief"}, "Vul uw naam in: die zetten wij op de envelop."),
        (
            {
                "contact_channel": "brief",
                "name": "A. Jansen",
                "street_address": "Zijlweg 1",
                "postcode": "12AB",
                "city": "Haarlem",
            },
            "Deze postcode klopt niet",
        ),
        ({"consent": None}, "Geef toestemming om uw gegevens te gebruiken"),
        ({"for_whom": None}, "Kies voor wie u hulp vraagt."),
        ({"contact_channel": "duif"}, "Kies hoe wij contact met u opnemen."),
        ({"preferred_organisation": "bibliotheek"}, "Kies een organisatie uit de lijst"),
        ({"topic": "onzin"}, "Kies een onderwerp uit de lijst."),
        ({"language": "xx"}, "Kies een taal uit de lijst."),
        ({"contact_times": ["nacht"]}, "Kies een tijd uit de lijst."),
        ({"question": "nul\x00byte"}, "Null"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_written(
    submit, city, changes, message
):
    response = submit(form(**changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Er ging iets mis. Verbeter dit:" in html
    assert HelpRequest.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    "phone",
    [
        "06 12345678",
        "06-12345678",
        "0612345678",
        "023 531 89 73",
        "(023) 5318973",
        "+31 6 12345678",
        "0031 6 1234 5678",
        "+32 470 12 34 56",
        "+44 20 7946 0958",
    ],
)
def test_dutch_and_international_phone_numbers_are_accepted(submit, city, phone):
    assert submit(form(phone=phone)).status_code == 302
    assert HelpRequest.objects.get().phone == phone


def test_errors_in_english_when_the_english_interface_is_chosen(submit, client, city):
    client.cookies["django_language"] = "en"
    response = submit(form(question="", phone="12"))
    html = response.content.decode()
    assert "Write down your question" in html
    assert "This phone number is not right" in html
    assert HelpRequest.objects.count() == 0


def test_html_in_the_question_is_stored_as_text(submit, city):
    submit(form(question='<script>alert("x")</script><b>hulp</b>'))
    assert HelpRequest.objects.get().question == '<script>alert("x")</script><b>hulp</b>'


def test_honeypot_stops_bots_and_writes_nothing(submit, city):
    response = submit(form(website="https://spam.example"))
    assert response.status_code == 200
    assert "Dit formulier lijkt automatisch ingevuld" in response.content.decode()
    assert HelpRequest.objects.count() == 0
    assert mail.outbox == []


def test_a_flood_from_one_address_gets_a_polite_429(submit, city, settings):
    settings.WEGWIJS_INTAKE_RATE = "3/h"
    for _ in range(3):
        assert submit(form()).status_code == 302
    response = submit(form())
    assert response.status_code == 429
    html = response.content.decode()
    assert "Even wachten" in html
    assert "Probeer het over een uur opnieuw" in html
    assert response["Retry-After"] == "3600"
    assert HelpRequest.objects.count() == 3
    # Another address is not affected.
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert submit(form(), http_client=other).status_code == 302


def test_behind_a_trusted_proxy_each_resident_is_counted_apart(submit, city, settings):
    settings.WEGWIJS_INTAKE_RATE = "1/h"
    settings.WEGWIJS_TRUSTED_PROXIES = 1
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    first = {"HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    assert submit(form(), http_client=proxy, **first).status_code == 302
    assert submit(form(), http_client=proxy, **first).status_code == 429
    second = {"HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    assert submit(form(), http_client=proxy, **second).status_code == 302
    # A client cannot escape the limit by adding addresses of its own in front.
    spoofed = {"HTTP_X_FORWARDED_FOR": "203.0.113.9, 198.51.100.1"}
    assert submit(form(), http_client=proxy, **spoofed).status_code == 429


class BrokenMailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server down")


def test_the_request_survives_a_mail_server_that_fails(submit, client, city, settings):
    settings.EMAIL_BACKEND = "wegwijs.intake.tests.test_request_form.BrokenMailBackend"
    response = submit(form(contact_channel="email", email="inwoner@example.org"))
    assert response.status_code == 302
    help_request = HelpRequest.objects.get()
    assert help_request.organisation == city.clientenbelang
    assert help_request.coordinators_notified_at is None
    assert help_request.confirmation_sent_at is None
    assert client.get(response["Location"]).status_code == 200

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("intake_retry")
    help_request.refresh_from_db()
    assert help_request.coordinators_notified_at is not None
    assert help_request.confirmation_sent_at is not None
    assert sorted(message.to[0] for message in mail.outbox) == [
        city.coordinator_clientenbelang.email,
        "inwoner@example.org",
    ]
    # Nothing is sent twice.
    call_command("intake_retry")
    assert len(mail.outbox) == 2


def test_the_request_survives_a_router_that_fails(submit, client, city, administrator, monkeypatch):
    def broken(help_request):
        raise RuntimeError("routing table corrupt")

    monkeypatch.setattr(routing, "decide", broken)
    response = submit(form())
    assert response.status_code == 302
    help_request = HelpRequest.objects.get()
    assert help_request.organisation is None
    assert help_request.routing_attempts == 1
    assert (
        "Wij sturen uw vraag naar de organisatie"
        in client.get(response["Location"]).content.decode()
    )

    # The administrator sees it, without the question.
    admin = Client()
    admin.force_login(administrator, backend="django.contrib.auth.backends.ModelBackend")
    listing = admin.get("/beheer/intake/unroutedrequest/").content.decode()
    assert help_request.reference in listing
    assert "brieven over een schuld" not in listing

    monkeypatch.undo()
    call_command("intake_retry")
    help_request.refresh_from_db()
    assert help_request.organisation == city.clientenbelang
    assert help_request.routing_attempts == 2
    unrouted = admin.get("/beheer/intake/unroutedrequest/").content.decode()
    assert help_request.reference not in unrouted
