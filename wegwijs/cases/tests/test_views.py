"""The supporters' web interface of the case register, through HTTP."""

import uuid
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import logged_in_client
from wegwijs.accounts.constants import Role
from wegwijs.accounts.models import Organisation
from wegwijs.accounts.tests import factories as account_factories
from wegwijs.cases import forms, selectors, services
from wegwijs.cases.constants import AppointmentStatus, CaseStatus
from wegwijs.cases.models import Appointment, Case, Client, Consent, ContactMoment
from wegwijs.cases.tests import factories
from wegwijs.core.models import AuditEntry
from wegwijs.reference.services import areas_load

pytestmark = pytest.mark.django_db


def local_input(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def text(response) -> str:
    return response.content.decode()


def colleague_of(user, role=Role.SUPPORTER):
    return account_factories.user(role, organisation_slug=user.organisation.slug)


@pytest.fixture
def web(supporter):
    return logged_in_client(supporter)


@pytest.fixture
def case(supporter):
    return factories.case(supporter)


def contact_data(**overrides):
    data = {
        "contact-occurred_at": local_input(timezone.now() - timedelta(hours=1)),
        "contact-channel": "telefoon",
        "contact-activity": "vraagverheldering",
        "contact-minutes": "20",
        "contact-with_whom": "client",
        "contact-with_organisation": "",
        "contact-note": "Gebeld over de aanvraag.",
        "contact-submission_key": str(uuid.uuid4()),
    }
    data.update({f"contact-{key}": value for key, value in overrides.items()})
    return data


# --- My work -------------------------------------------------------------------


def test_my_work_shows_my_cases_appointments_and_contacts(web, supporter):
    fresh = factories.case(supporter, topic_code="wonen-opvang")
    old = factories.case(
        supporter, topic_code="vervoer", opened_on=timezone.localdate() - timedelta(days=60)
    )
    Case.objects.filter(pk=old.pk).update(last_activity_at=timezone.now() - timedelta(days=40))
    factories.contact_moment(supporter, case_obj=fresh, note="Bel terug")
    services.appointment_plan(
        actor=supporter,
        case=fresh,
        starts_at=timezone.now() + timedelta(days=2),
        channel_code="huisbezoek",
        description="Keukentafelgesprek",
    )
    response = web.get("/mijn-werk/")
    assert response.status_code == 200
    page = text(response)
    assert "Wonen en maatschappelijke opvang" in page
    assert "Keukentafelgesprek" in page
    assert "Gehouden: maak er een contactmoment van" in page
    assert 'href="/registreren/"' in page
    untouched = response.context["untouched"].page.object_list
    assert [c.pk for c in untouched] == [old.pk]


def test_appointment_becomes_a_contact_moment_in_one_click(web, supporter, case):
    appointment = services.appointment_plan(
        actor=supporter,
        case=case,
        starts_at=timezone.now() - timedelta(hours=2),
        channel_code="huisbezoek",
        description="Mee naar het keukentafelgesprek",
    )
    response = web.post(
        f"/afspraken/{appointment.pk}/gehouden/", {"minutes": "90", "next": "/mijn-werk/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/mijn-werk/"
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.DONE
    assert appointment.contact_moment is not None
    assert appointment.contact_moment.minutes == 90
    # A second click changes nothing and says why.
    response = web.post(f"/afspraken/{appointment.pk}/gehouden/", {"minutes": "90"}, follow=True)
    assert "al afgehandeld" in text(response)
    assert ContactMoment.objects.filter(case=case).count() == 1


def test_appointment_with_bad_minutes_is_not_completed(web, supporter, case):
    appointment = services.appointment_plan(
        actor=supporter, case=case, starts_at=timezone.now(), channel_code="huisbezoek"
    )
    response = web.post(f"/afspraken/{appointment.pk}/gehouden/", {"minutes": "0"}, follow=True)
    assert "tussen 1 en 600" in text(response)
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.PLANNED


def test_redirect_after_appointment_stays_on_this_site(web, supporter, case):
    appointment = services.appointment_plan(
        actor=supporter, case=case, starts_at=timezone.now(), channel_code="huisbezoek"
    )
    response = web.post(
        f"/afspraken/{appointment.pk}/annuleren/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == f"/kwesties/{case.pk}/"
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED


# --- Quick information and advice -------------------------------------------------


def test_quick_registration_form_has_defaults_and_a_fresh_key(web):
    response = web.get("/registreren/")
    assert response.status_code == 200
    form = response.context["form"]
    assert form["channel"].value() == "telefoon"
    assert form["minutes"].value() == 5
    assert "autofocus" in text(response)
    key = form["submission_key"].value()
    assert key != web.get("/registreren/").context["form"]["submission_key"].value()


def test_quick_registration_creates_a_closed_case_with_one_contact(web, supporter):
    key = str(uuid.uuid4())
    data = {
        "topic": "financien",
        "channel": "email",
        "minutes": "7",
        "note": "",
        "submission_key": key,
    }
    response = web.post("/registreren/", data)
    assert response.status_code == 302
    assert response["Location"] == "/registreren/"
    follow = web.get("/registreren/")
    assert "Geregistreerd: Financiën en schulden, 7 minuten" in text(follow)
    case = Case.objects.get()
    assert case.status == CaseStatus.CLOSED
    assert case.client.is_anonymous
    moment = case.contact_moments.get()
    assert (moment.minutes, moment.channel.code, moment.activity.code) == (
        7,
        "email",
        "informatie-advies",
    )
    # Pressing the button twice (or the browser resending) makes no second row.
    assert web.post("/registreren/", data).status_code == 302
    assert ContactMoment.objects.count() == 1
    assert Case.objects.count() == 1


def test_quick_registration_for_a_known_client(web, supporter):
    client = factories.client(supporter)
    page = web.get("/registreren/", {"client": client.reference})
    assert page.context["form"]["client_reference"].value() == client.reference
    data = {
        "topic": "vervoer",
        "channel": "telefoon",
        "minutes": "5",
        "client_reference": client.reference.lower(),
        "submission_key": str(uuid.uuid4()),
    }
    assert web.post("/registreren/", data).status_code == 302
    assert Case.objects.get().client == client
    # A reference of another organisation's client is unknown here.
    stranger = factories.client(account_factories.user(Role.SUPPORTER))
    response = web.post(
        "/registreren/",
        {**data, "client_reference": stranger.reference, "submission_key": str(uuid.uuid4())},
    )
    assert response.status_code == 400
    assert "Er is geen cliënt met kenmerk" in text(response)
    assert Case.objects.count() == 1


def test_usual_channel_is_the_default(web, supporter, case):
    for _ in range(2):
        factories.contact_moment(supporter, case_obj=case, channel_code="whatsapp")
    assert web.get("/registreren/").context["form"]["channel"].value() == "whatsapp"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("minutes", "-1", "tussen 1 en 600"),
        ("minutes", "601", "tussen 1 en 600"),
        ("minutes", "abc", "heel getal"),
        ("minutes", "", "Vul het aantal minuten in"),
        ("topic", "bestaat-niet", "Selecteer een geldige keuze"),
        ("topic", "", "Kies een onderwerp"),
        ("channel", "postduif", "Selecteer een geldige keuze"),
    ],
)
def test_quick_registration_refuses_bad_input(web, field, value, message):
    data = {
        "topic": "financien",
        "channel": "telefoon",
        "minutes": "5",
        "submission_key": str(uuid.uuid4()),
    }
    data[field] = value
    response = web.post("/registreren/", data)
    assert response.status_code == 400
    assert message in text(response)
    assert response.context["form"][field].errors
    assert not Case.objects.exists()
    assert not ContactMoment.objects.exists()


# --- Clients -------------------------------------------------------------------------


def test_client_search_by_name_and_date_of_birth(web, supporter):
    jan = factories.client(supporter, given_name="Jan", family_name="de Vries")
    factories.client(supporter, given_name="Anna", family_name="Bakker")
    factories.client(supporter, is_anonymous=True)
    response = web.get("/clienten/", {"q": "jan vries"})
    assert [c.pk for c in response.context["clients"].page] == [jan.pk]
    assert jan.date_of_birth is not None
    response = web.get("/clienten/", {"geboortedatum": jan.date_of_birth.isoformat()})
    assert [c.pk for c in response.context["clients"].page] == [jan.pk]
    # Without a search, anonymous clients stay out of the way; their reference finds them.
    everyone = web.get("/clienten/").context["clients"].page.paginator.count
    assert everyone == 2
    response = web.get("/clienten/", {"q": "Nobody"})
    assert "Geen cliënt gevonden" in text(response)


def test_new_client_with_all_fields(web, supporter):
    municipality = supporter.organisation.municipalities.get()
    areas_load(municipality=municipality)
    page = web.get("/clienten/nieuw/")
    area_codes = [code for code, _label in page.context["form"].fields["area"].choices if code]
    assert "schalkwijk" in area_codes or area_codes
    data = {
        "given_name": "Petra",
        "family_name": "Jansen",
        "date_of_birth": "1950-03-04",
        "postcode": "2034 ab",
        "house_number": "12",
        "phone": "06 12345678",
        "email": "petra@example.org",
        "preferred_language": "Nederlands",
        "preferred_channel": "telefoon",
        "area": area_codes[0],
        "target_groups": ["ouderen", "mantelzorger"],
        "representative_name": "Kees Jansen",
        "representative_kind": "familie",
        "representative_phone": "023 1234567",
    }
    response = web.post("/clienten/nieuw/", data)
    assert response.status_code == 302
    client = Client.objects.get()
    assert response["Location"] == f"/clienten/{client.pk}/kwestie/"
    assert client.postcode == "2034AB"
    assert client.area is not None
    assert client.area.code == area_codes[0]
    assert sorted(g.code for g in client.target_groups.all()) == ["mantelzorger", "ouderen"]


def test_new_client_warns_about_likely_duplicates_first(web, supporter):
    existing = factories.client(
        supporter,
        given_name="Jan",
        family_name="Smit",
        date_of_birth=timezone.localdate().replace(year=1970),
    )
    data = {
        "given_name": "J.",
        "family_name": "smit",
        "date_of_birth": str(existing.date_of_birth),
    }
    response = web.post("/clienten/nieuw/", data)
    assert response.status_code == 200
    page = text(response)
    assert "Deze cliënt bestaat misschien al" in page
    assert f"/clienten/{existing.pk}/" in page
    assert "Toch aanmaken" in page
    assert Client.objects.count() == 1
    # The form comes back with the confirmation; sending it creates the client.
    assert response.context["form"]["confirm_duplicate"].value() in (True, "True")
    response = web.post("/clienten/nieuw/", {**data, "confirm_duplicate": "True"})
    assert response.status_code == 302
    assert Client.objects.count() == 2


def test_new_anonymous_client_and_its_rules(web):
    response = web.post("/clienten/nieuw/", {"is_anonymous": "on", "family_name": "Jansen"})
    assert response.status_code == 400
    assert "Een anonieme cliënt heeft geen naam" in text(response)
    assert not Client.objects.exists()
    assert web.post("/clienten/nieuw/", {"is_anonymous": "on"}).status_code == 302
    assert Client.objects.get().is_anonymous


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Vul een naam, telefoonnummer of e-mailadres in"),
        (
            {"family_name": "X", "date_of_birth": "2999-01-01"},
            "De geboortedatum ligt in de toekomst",
        ),
        ({"family_name": "X", "email": "geen-adres"}, "geldig e-mailadres"),
        ({"family_name": "X", "target_groups": ["bestaat-niet"]}, "Selecteer een geldige keuze"),
    ],
)
def test_new_client_refuses_bad_input(web, data, message):
    response = web.post("/clienten/nieuw/", data)
    assert response.status_code == 400
    assert message in text(response)
    assert not Client.objects.exists()


def test_client_page_is_audited_and_shows_who_looked(web, supporter, case):
    client = case.client
    response = web.get(f"/clienten/{client.pk}/")
    assert response.status_code == 200
    page = text(response)
    assert "Wie heeft dit dossier bekeken" in page
    assert "Cliënt bekeken" in page
    assert supporter.email in page
    assert "Financiën en schulden" in page
    assert AuditEntry.objects.filter(event="client.viewed", client_id=str(client.pk)).count() == 1


def test_edit_client(web, supporter):
    client = factories.client(supporter, given_name="Jan", family_name="Smit")
    page = web.get(f"/clienten/{client.pk}/wijzigen/")
    assert page.context["form"]["family_name"].value() == "Smit"
    response = web.post(
        f"/clienten/{client.pk}/wijzigen/",
        {
            "given_name": "Jan",
            "family_name": "Smit-de Boer",
            "phone": "0612345678",
            "is_anonymous": "on",
        },
    )
    assert response.status_code == 302
    client.refresh_from_db()
    assert client.family_name == "Smit-de Boer"
    assert not client.is_anonymous  # cannot be switched after the fact
    response = web.post(
        f"/clienten/{client.pk}/wijzigen/", {"family_name": "X", "date_of_birth": "2999-01-01"}
    )
    assert response.status_code == 400
    client.refresh_from_db()
    assert client.family_name == "Smit-de Boer"


def test_record_and_withdraw_consent(web, supporter):
    client = factories.client(supporter)
    today = timezone.localdate()
    response = web.post(
        f"/clienten/{client.pk}/toestemming/",
        {
            "subject": "delen-doorverwijzing",
            "purpose": "Doorverwijzing naar schuldhulp",
            "given_on": today.isoformat(),
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert "Doorverwijzing naar schuldhulp" in text(web.get(f"/clienten/{client.pk}/"))
    response = web.post(
        f"/clienten/{client.pk}/toestemming/{consent.pk}/intrekken/",
        {"withdrawn_on": (today - timedelta(days=5)).isoformat()},
        follow=True,
    )
    assert "Intrekken kan niet vóór de datum" in text(response)
    consent.refresh_from_db()
    assert consent.withdrawn_on is None
    web.post(
        f"/clienten/{client.pk}/toestemming/{consent.pk}/intrekken/",
        {"withdrawn_on": today.isoformat()},
    )
    consent.refresh_from_db()
    assert consent.withdrawn_on == today


def test_consent_in_the_future_is_refused(web, supporter):
    client = factories.client(supporter)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = web.post(
        f"/clienten/{client.pk}/toestemming/",
        {"subject": "vastleggen", "given_on": tomorrow.isoformat()},
    )
    assert response.status_code == 400
    assert "Deze datum ligt in de toekomst" in text(response)
    assert not Consent.objects.exists()


def test_open_a_case_for_a_client(web, supporter):
    client = factories.client(supporter)
    response = web.post(
        f"/clienten/{client.pk}/kwestie/",
        {
            "topic": "bezwaar",
            "question": "Ik ben het niet eens met de beschikking.",
            "opened_on": timezone.localdate().isoformat(),
            "heard_via": "gemeente",
        },
    )
    case = Case.objects.get()
    assert response["Location"] == f"/kwesties/{case.pk}/"
    assert list(case.supporters.all()) == [supporter]
    response = web.post(
        f"/clienten/{client.pk}/kwestie/",
        {
            "topic": "bezwaar",
            "opened_on": (timezone.localdate() + timedelta(days=3)).isoformat(),
            "heard_via": "gemeente",
        },
    )
    assert response.status_code == 400
    assert "Deze datum ligt in de toekomst" in text(response)
    assert Case.objects.count() == 1


# --- Cases ---------------------------------------------------------------------------


def test_case_list_filters_and_sorts(web, supporter):
    colleague = colleague_of(supporter)
    mine = factories.case(supporter, topic_code="vervoer")
    theirs = factories.case(
        colleague, topic_code="mantelzorg", opened_on=timezone.localdate() - timedelta(days=100)
    )
    closed = factories.case(supporter, topic_code="vervoer")
    services.case_close(
        actor=supporter, case=closed, version=closed.version, outcome_code="opgelost"
    )

    def listed(**params):
        response = web.get("/kwesties/", params)
        assert response.status_code == 200
        return {case.pk for case in response.context["cases"].page}

    assert listed() == {mine.pk, theirs.pk, closed.pk}
    assert listed(status="open") == {mine.pk, theirs.pk}
    assert listed(onderwerp="vervoer", status="gesloten") == {closed.pk}
    assert listed(ondersteuner=colleague.pk) == {theirs.pk}
    assert listed(geopend_tot=(timezone.localdate() - timedelta(days=50)).isoformat()) == {
        theirs.pk
    }
    assert listed(geopend_vanaf=(timezone.localdate() - timedelta(days=50)).isoformat()) == {
        mine.pk,
        closed.pk,
    }
    mine.client.target_groups.set([])
    services.client_update(actor=supporter, client=mine.client, target_group_codes=["ouderen"])
    assert listed(doelgroep="ouderen") == {mine.pk}
    response = web.get("/kwesties/", {"sorteer": "geopend"})
    assert [c.pk for c in response.context["cases"].page][-1] == theirs.pk
    # Nonsense in the filter is ignored, not an error.
    assert listed(status="kapot", ondersteuner="abc") == {mine.pk, theirs.pk, closed.pk}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_case_rows_write_dates_and_links_as_the_template_filters_would(web, supporter, language):
    from django.template.defaultfilters import date as date_filter
    from django.urls import reverse
    from django.utils import translation

    opened = date(2025, 3, 4)
    case = factories.case(supporter, opened_on=opened)
    web.cookies["django_language"] = language
    html = web.get("/kwesties/").content.decode()
    with translation.override(language):
        expected_day = date_filter(opened, "j M Y")
        expected_activity = date_filter(timezone.localtime(case.last_activity_at), "j M Y")
    assert f'href="{reverse("cases:case-detail", args=[case.pk])}"' in html
    assert f'<td class="utrecht-table__cell">{expected_day}</td>' in html
    assert f'<td class="utrecht-table__cell">{expected_activity}</td>' in html
    assert ("Mrt" if language == "nl" else "Mar") in expected_day


def test_every_sort_of_the_selector_can_be_chosen():
    assert {code for code, _label in forms.SORT_CHOICES} == set(selectors.CASE_SORTS)


def test_case_page_shows_contacts_and_is_audited(web, supporter, case):
    factories.contact_moment(supporter, case_obj=case, note="Formulier samen ingevuld")
    response = web.get(f"/kwesties/{case.pk}/")
    assert response.status_code == 200
    page = text(response)
    assert "Formulier samen ingevuld" in page
    assert "Contactmoment registreren" in page
    assert AuditEntry.objects.filter(event="case.viewed", object_id=str(case.pk)).exists()


def test_register_contact_moment(web, supporter, case):
    data = contact_data()
    response = web.post(f"/kwesties/{case.pk}/contactmoment/", data)
    assert response.status_code == 302
    moment = ContactMoment.objects.get()
    assert (moment.minutes, moment.registered_by) == (20, supporter)
    # A double submit gives one row.
    assert web.post(f"/kwesties/{case.pk}/contactmoment/", data).status_code == 302
    assert ContactMoment.objects.count() == 1


def test_register_contact_with_an_organisation(web, supporter, case):
    other = account_factories.organisation()
    response = web.post(
        f"/kwesties/{case.pk}/contactmoment/",
        contact_data(with_whom="organisatie", with_organisation=other.slug, activity="bemiddeling"),
    )
    assert response.status_code == 302
    assert ContactMoment.objects.get().with_organisation == other
    response = web.post(
        f"/kwesties/{case.pk}/contactmoment/", contact_data(with_whom="organisatie")
    )
    assert response.status_code == 400
    assert "Kies met welke organisatie" in text(response)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"minutes": "-1"}, "tussen 1 en 600"),
        ({"minutes": "601"}, "tussen 1 en 600"),
        ({"minutes": "abc"}, "heel getal"),
        ({"occurred_at": "future"}, "Deze datum ligt in de toekomst"),
        ({"occurred_at": "before-opened"}, "vóór de dag dat de kwestie geopend is"),
        ({"channel": "postduif"}, "Selecteer een geldige keuze"),
        ({"activity": "toveren"}, "Selecteer een geldige keuze"),
    ],
)
def test_register_contact_moment_refuses_bad_input(web, case, overrides, message):
    if overrides.get("occurred_at") == "future":
        overrides["occurred_at"] = local_input(timezone.now() + timedelta(days=1))
    elif overrides.get("occurred_at") == "before-opened":
        overrides["occurred_at"] = local_input(timezone.now() - timedelta(days=30))
    response = web.post(f"/kwesties/{case.pk}/contactmoment/", contact_data(**overrides))
    assert response.status_code == 400
    assert message in text(response)
    assert not ContactMoment.objects.exists()


def test_edit_contact_moment_keeps_history_and_detects_conflicts(web, supporter, case):
    moment = factories.contact_moment(supporter, case_obj=case, minutes=15)
    page = web.get(f"/contactmomenten/{moment.pk}/wijzigen/")
    assert page.status_code == 200
    data = {
        "occurred_at": local_input(moment.occurred_at),
        "channel": "telefoon",
        "activity": "vraagverheldering",
        "minutes": "45",
        "with_whom": "client",
        "note": "Langer dan gedacht",
        "version": str(moment.version),
    }
    response = web.post(f"/contactmomenten/{moment.pk}/wijzigen/", data)
    assert response.status_code == 302
    moment.refresh_from_db()
    assert moment.minutes == 45
    page = text(web.get(f"/contactmomenten/{moment.pk}/wijzigen/"))
    assert "Eerdere versies" in page
    assert ">15<" in page
    # Sending the old version again is a conflict: nothing changes, the input stays.
    response = web.post(f"/contactmomenten/{moment.pk}/wijzigen/", {**data, "minutes": "50"})
    assert response.status_code == 400
    assert "Iemand anders heeft dit contactmoment" in text(response)
    assert response.context["form"]["minutes"].value() == "50"
    moment.refresh_from_db()
    assert moment.minutes == 45
    response = web.post(
        f"/contactmomenten/{moment.pk}/wijzigen/",
        {**data, "version": str(moment.version), "minutes": "700"},
    )
    assert response.status_code == 400
    assert "tussen 1 en 600" in text(response)


def test_edit_case_and_concurrent_edit_conflict(web, supporter, case):
    colleague = colleague_of(supporter)
    form = web.get(f"/kwesties/{case.pk}/wijzigen/").context["form"]
    version = form["version"].value()
    # A colleague saves first.
    services.case_update(
        actor=colleague, case=case, version=case.version, question="Versie van de collega"
    )
    data = {
        "version": version,
        "topic": "financien",
        "question": "Mijn eigen versie",
        "heard_via": "familie",
        "supporters": [supporter.pk, colleague.pk],
    }
    response = web.post(f"/kwesties/{case.pk}/wijzigen/", data)
    assert response.status_code == 409
    page = text(response)
    assert "Iemand anders heeft deze kwestie intussen gewijzigd" in page
    assert "Mijn eigen versie" in page  # the user's input is kept
    assert "Versie van de collega" in page  # and the current state is shown
    case.refresh_from_db()
    assert case.question == "Versie van de collega"
    # Saving again, knowingly, stores the user's version.
    again = {**data, "version": response.context["form"]["version"].value()}
    assert web.post(f"/kwesties/{case.pk}/wijzigen/", again).status_code == 302
    case.refresh_from_db()
    assert case.question == "Mijn eigen versie"
    assert set(case.supporters.all()) == {supporter, colleague}


def test_close_and_reopen_case(web, supporter, case):
    factories.contact_moment(supporter, case_obj=case)
    url = f"/kwesties/{case.pk}/sluiten/"
    assert web.get(url).status_code == 200
    base = {
        "version": str(case.version),
        "closed_on": timezone.localdate().isoformat(),
        "experienced_independent": "ja",
    }
    response = web.post(url, base)
    assert response.status_code == 400
    assert "Kies het resultaat" in text(response)
    for bad, message in [
        ({"satisfaction": "11"}, "cijfer van 1 tot en met 10"),
        ({"closed_on": (timezone.localdate() + timedelta(days=1)).isoformat()}, "toekomst"),
        (
            {"closed_on": (case.opened_on - timedelta(days=1)).isoformat()},
            "vóór de dag dat zij geopend is",
        ),
        ({"outcome": "gewonnen"}, "Selecteer een geldige keuze"),
    ]:
        response = web.post(url, {**base, "outcome": "opgelost", **bad})
        assert response.status_code == 400, bad
        assert message in text(response), bad
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    response = web.post(url, {**base, "outcome": "doorverwezen", "satisfaction": "8"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.outcome.code, case.satisfaction, case.experienced_independent) == (
        CaseStatus.CLOSED,
        "doorverwezen",
        8,
        "ja",
    )
    page = text(web.get(f"/kwesties/{case.pk}/"))
    assert "Kwestie heropenen" in page
    # The supporter can offer the client the anonymous questionnaire.
    assert 'href="/enquete/uitnodigen/"' in page
    # A contact on a closed case is refused.
    response = web.post(f"/kwesties/{case.pk}/contactmoment/", contact_data())
    assert response.status_code == 400
    assert "Deze kwestie is gesloten" in text(response)
    response = web.post(f"/kwesties/{case.pk}/heropenen/", {"version": str(case.version)})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    # Reopening with an old version is a conflict, shown as a message.
    response = web.post(f"/kwesties/{case.pk}/heropenen/", {"version": "1"}, follow=True)
    assert "Iemand anders heeft deze kwestie" in text(response)


def test_plan_and_cancel_appointment(web, supporter, case):
    starts = timezone.now() + timedelta(days=3)
    response = web.post(
        f"/kwesties/{case.pk}/afspraak/",
        {
            "afspraak-starts_at": local_input(starts),
            "afspraak-channel": "huisbezoek",
            "afspraak-place": "Bij de cliënt thuis",
            "afspraak-description": "Keukentafelgesprek",
        },
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.supporter == supporter
    assert "Keukentafelgesprek" in text(web.get("/mijn-werk/"))
    response = web.post(
        f"/kwesties/{case.pk}/afspraak/",
        {"afspraak-starts_at": "morgen", "afspraak-channel": "huisbezoek"},
    )
    assert response.status_code == 400
    assert Appointment.objects.count() == 1
    web.post(f"/afspraken/{appointment.pk}/annuleren/")
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED


# --- Who may reach what --------------------------------------------------------------


def all_urls(objects):
    """Every URL of the interface, with its method, for the objects of one organisation."""
    client, case, moment, appointment, consent = objects
    return [
        ("get", "/mijn-werk/"),
        ("get", "/registreren/"),
        ("get", "/clienten/"),
        ("get", "/clienten/nieuw/"),
        ("get", "/kwesties/"),
        ("get", f"/clienten/{client.pk}/"),
        ("get", f"/clienten/{client.pk}/wijzigen/"),
        ("post", f"/clienten/{client.pk}/wijzigen/"),
        ("get", f"/clienten/{client.pk}/kwestie/"),
        ("post", f"/clienten/{client.pk}/kwestie/"),
        ("post", f"/clienten/{client.pk}/toestemming/"),
        ("post", f"/clienten/{client.pk}/toestemming/{consent.pk}/intrekken/"),
        ("get", f"/kwesties/{case.pk}/"),
        ("get", f"/kwesties/{case.pk}/wijzigen/"),
        ("post", f"/kwesties/{case.pk}/wijzigen/"),
        ("get", f"/kwesties/{case.pk}/sluiten/"),
        ("post", f"/kwesties/{case.pk}/sluiten/"),
        ("post", f"/kwesties/{case.pk}/heropenen/"),
        ("post", f"/kwesties/{case.pk}/contactmoment/"),
        ("post", f"/kwesties/{case.pk}/afspraak/"),
        ("get", f"/contactmomenten/{moment.pk}/wijzigen/"),
        ("post", f"/contactmomenten/{moment.pk}/wijzigen/"),
        ("post", f"/afspraken/{appointment.pk}/gehouden/"),
        ("post", f"/afspraken/{appointment.pk}/annuleren/"),
    ]


OBJECT_URL_MARKERS = ("/clienten/", "/kwesties/", "/contactmomenten/", "/afspraken/")


def make_objects(actor):
    case = factories.case(actor)
    moment = factories.contact_moment(actor, case_obj=case)
    appointment = services.appointment_plan(
        actor=actor, case=case, starts_at=timezone.now(), channel_code="huisbezoek"
    )
    consent = services.consent_record(
        actor=actor, client=case.client, subject="vastleggen", given_on=timezone.localdate()
    )
    return case.client, case, moment, appointment, consent


def is_object_url(url: str) -> bool:
    return any(url.startswith(marker) for marker in OBJECT_URL_MARKERS) and any(
        char.isdigit() for char in url
    )


def test_another_organisations_objects_are_not_found(supporter):
    stranger = account_factories.user(Role.COORDINATOR)
    objects = make_objects(stranger)
    before = (Case.objects.get(pk=objects[1].pk).version, ContactMoment.objects.count())
    web = logged_in_client(supporter)
    checked = 0
    for method, url in all_urls(objects):
        if not is_object_url(url):
            continue
        response = getattr(web, method)(url, {"version": "1", "minutes": "5"})
        assert response.status_code == 404, (method, url, response.status_code)
        checked += 1
    assert checked == 19
    assert (Case.objects.get(pk=objects[1].pk).version, ContactMoment.objects.count()) == before
    assert not AuditEntry.objects.filter(actor=supporter).exclude(client_id="").exists()


@pytest.mark.parametrize("role", [Role.MUNICIPALITY, Role.ADMINISTRATOR])
def test_roles_without_client_work_are_refused_everywhere(supporter, role):
    objects = make_objects(supporter)
    web = logged_in_client(account_factories.user(role))
    for method, url in all_urls(objects):
        response = getattr(web, method)(url)
        assert response.status_code == 403, (method, url)


def test_anonymous_visitors_are_sent_to_log_in(client, supporter):
    for method, url in all_urls(make_objects(supporter)):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/account/login/")


def test_supporters_see_only_their_own_cases_when_the_organisation_says_so(supporter):
    Organisation.objects.filter(pk=supporter.organisation.pk).update(supporters_see_all_cases=False)
    colleague = colleague_of(supporter)
    colleague.refresh_from_db()
    supporter.refresh_from_db()
    objects = make_objects(colleague)
    mine = factories.case(supporter)
    web = logged_in_client(supporter)
    for method, url in all_urls(objects):
        if is_object_url(url):
            assert getattr(web, method)(url).status_code == 404, url
    listed = {case.pk for case in web.get("/kwesties/").context["cases"].page}
    assert listed == {mine.pk}
    # A coordinator of the same organisation sees every case.
    coordinator = colleague_of(supporter, Role.COORDINATOR)
    assert logged_in_client(coordinator).get(f"/kwesties/{objects[1].pk}/").status_code == 200


# --- Query counts: constant in the number of rows ---------------------------------------


def queries(web, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = web.get(url)
    assert response.status_code == 200, url
    return len(context)


def fill(supporter, rows: int):
    """``rows`` clients, each with a case with a contact, an appointment and a consent."""
    cases = []
    for _ in range(rows):
        case = factories.case(supporter)
        services.client_update(
            actor=supporter,
            client=case.client,
            target_group_codes=["ouderen", "schulden"],
            preferred_channel_code="email",
        )
        factories.contact_moment(supporter, case_obj=case)
        services.appointment_plan(
            actor=supporter, case=case, starts_at=timezone.now(), channel_code="huisbezoek"
        )
        cases.append(case)
    return cases


@pytest.mark.parametrize(
    "url",
    [
        "/mijn-werk/",
        "/clienten/",
        "/clienten/?q=Test",
        "/kwesties/",
        "/kwesties/?status=open&sorteer=client",
    ],
)
def test_list_query_counts_are_constant(supporter, url):
    web = logged_in_client(supporter)
    fill(supporter, 2)
    few = queries(web, url)
    fill(supporter, 28)
    assert queries(web, url) == few


def test_client_and_case_page_query_counts_are_constant(supporter):
    web = logged_in_client(supporter)
    colleague = colleague_of(supporter)
    case = factories.case(supporter)
    client = case.client

    def grow(n):
        for _ in range(n):
            other = factories.case(supporter, client_obj=client)
            services.case_update(
                actor=supporter,
                case=other,
                version=other.version,
                supporter_ids=[supporter.pk, colleague.pk],
            )
            factories.contact_moment(supporter, case_obj=case)
            services.appointment_plan(
                actor=supporter, case=case, starts_at=timezone.now(), channel_code="huisbezoek"
            )

    grow(2)
    moment = ContactMoment.objects.filter(case=case).earliest("id")
    edit = {
        "occurred_at": local_input(moment.occurred_at),
        "channel": "email",
        "activity": "meedenken",
        "minutes": "5",
        "with_whom": "client",
    }
    web.post(f"/contactmomenten/{moment.pk}/wijzigen/", {**edit, "version": "1"})
    counts = [
        queries(web, f"/clienten/{client.pk}/"),
        queries(web, f"/kwesties/{case.pk}/"),
        queries(web, f"/contactmomenten/{moment.pk}/wijzigen/"),
    ]
    grow(28)
    for version in range(2, 30):
        web.post(
            f"/contactmomenten/{moment.pk}/wijzigen/",
            {**edit, "minutes": str(version), "version": str(version)},
        )
    assert moment.revisions.count() == 29
    assert [
        queries(web, f"/clienten/{client.pk}/"),
        queries(web, f"/kwesties/{case.pk}/"),
        queries(web, f"/contactmomenten/{moment.pk}/wijzigen/"),
    ] == counts


def test_consents_are_paged_with_constant_queries(web, supporter, django_assert_max_num_queries):
    client = factories.client(supporter)
    today = timezone.localdate()

    def add(count: int) -> None:
        for number in range(count):
            services.consent_record(
                actor=supporter,
                client=client,
                subject="delen-doorverwijzing",
                purpose=f"Doel {number:02d}",
                given_on=today - timedelta(days=number),
            )

    add(3)
    web.get(f"/clienten/{client.pk}/")  # warm up the per-process caches
    with CaptureQueriesContext(connection) as few:
        web.get(f"/clienten/{client.pk}/")
    Consent.objects.all().delete()
    add(25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        first = text(web.get(f"/clienten/{client.pk}/"))
    assert "Doel 00" in first
    assert "Doel 09" in first
    assert "Doel 10" not in first
    third = text(web.get(f"/clienten/{client.pk}/", {"toestemmingen": 3}))
    assert "Doel 24" in third
    assert "Doel 19" not in third
