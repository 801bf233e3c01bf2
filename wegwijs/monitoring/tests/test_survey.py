"""The anonymous client survey: offered on closing, made with consent, single use, untraceable."""

import re
from datetime import date

import pytest
from django.test import Client

from wegwijs.accounts.constants import Role
from wegwijs.accounts.tests import factories as account_factories
from wegwijs.core.models import AuditEntry
from wegwijs.monitoring import periods, selectors
from wegwijs.monitoring.models import SurveyInvitation, SurveyOffer, SurveyResponse
from wegwijs.monitoring.tests.helpers import case

pytestmark = pytest.mark.django_db

ANSWERS = {"mark": "8", "felt_heard": "ja", "independent": "deels", "found_via": "wijkteam"}


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def make_link(page: Client) -> str:
    refused = page.post("/enquete/uitnodigen/", {})
    assert "Maak alleen een link als de cliënt dat goed vindt." in refused.content.decode()
    html = page.post("/enquete/uitnodigen/", {"client_consents": "on"}).content.decode()
    match = re.search(r"http://testserver(/enquete/[^/\s<]+/)", html)
    assert match, html
    return match.group(1)


def test_a_closed_case_gives_a_single_use_link_whose_answers_cannot_be_traced():
    organisation = account_factories.organisation("wijkteam-enquete")
    supporter = account_factories.user(Role.SUPPORTER, organisation_slug=organisation.slug)
    case(
        supporter,
        opened_on=date(2025, 6, 2),
        contacts=[date(2025, 6, 3)],
        closed_on=date(2025, 6, 20),
    )
    assert SurveyOffer.objects.count() == 1
    page = logged_in(supporter)
    assert "1 gesloten kwestie" in page.get("/enquete/uitnodigen/").content.decode()
    path = make_link(page)
    assert SurveyOffer.objects.count() == 0  # the offer is used up

    resident = Client()
    assert resident.get(path).status_code == 200
    response = resident.post(path, ANSWERS)
    assert response.status_code == 302
    assert resident.get(path).status_code == 404  # single use
    assert resident.post(path, ANSWERS).status_code == 404
    assert SurveyResponse.objects.count() == 1

    stored = SurveyResponse.objects.get()
    assert {field.name for field in SurveyResponse._meta.fields} == {
        "id",
        "organisation",
        "month",
        "mark",
        "felt_heard",
        "independent",
        "found_via",
    }
    assert stored.month == date(2025, 6, 1)  # the month, not the day or the time
    assert not SurveyInvitation.objects.exists()  # nothing left that joins a link to an answer
    # Nothing that was logged or kept points from the answer to the case or the client.
    survey_entries = AuditEntry.objects.filter(event="monitoring.survey_invited")
    assert survey_entries.count() == 1
    assert survey_entries.get().client_id == ""
    assert survey_entries.get().object_id == ""


def test_answers_feed_the_figures_only_when_there_are_enough():
    organisation = account_factories.organisation("wijkteam-veel")
    supporter = account_factories.user(Role.SUPPORTER, organisation_slug=organisation.slug)
    coordinator = account_factories.user(Role.COORDINATOR, organisation_slug=organisation.slug)
    page = logged_in(supporter)
    for number in range(10):
        case(
            supporter,
            opened_on=date(2025, 3, 1),
            contacts=[date(2025, 3, 2)],
            closed_on=date(2025, 3, 3 + number),
        )
        path = make_link(page)
        Client().post(path, {**ANSWERS, "mark": str(5 + number % 2)})
        viewer = selectors.viewer_for(coordinator)
        figures = selectors.survey_figures(
            viewer=viewer, subject=organisation, period=periods.Period("M", date(2025, 3, 1))
        )
        if number < 9:
            assert figures["mark"] is None
    assert figures["enough"] is True
    assert figures["mark"] == pytest.approx(5.5)
    assert figures["felt_heard"] == 1.0


def test_the_survey_checks_its_answers():
    organisation = account_factories.organisation("wijkteam-fout")
    supporter = account_factories.user(Role.SUPPORTER, organisation_slug=organisation.slug)
    case(supporter, opened_on=date(2025, 6, 2), closed_on=date(2025, 6, 3))
    path = make_link(logged_in(supporter))
    response = Client().post(path, {**ANSWERS, "mark": "11"})
    assert response.status_code == 200
    assert not SurveyResponse.objects.exists()
    assert Client().get("/enquete/onzin-token/").status_code == 404
