"""Routing of "geen voorkeur" requests: one rule kind per test, always exactly one inbox."""

import pytest
from django.test import Client

from wegwijs.intake.models import HelpRequest, MunicipalityDefault
from wegwijs.intake.tests.factories import rule
from wegwijs.intake.tests.helpers import form
from wegwijs.reference.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture
def submit(client, django_capture_on_commit_callbacks):
    def post(**changes):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/hulp-vragen/", form(**changes))
        assert response.status_code == 302, response.content.decode()[-2000:]
        return HelpRequest.objects.order_by("-pk").first()

    return post


@pytest.fixture
def default_to_wijkteams(city):
    return MunicipalityDefault.objects.create(
        municipality=city.municipality, organisation=city.wijkteams
    )


def test_topic_rule(city, submit, default_to_wijkteams):
    financien = rule(city.mee, municipality=city.municipality, topic="financien")
    routed = submit(topic="financien")
    assert routed.organisation == city.mee
    assert routed.routing_rule == financien
    assert routed.routing_reason == (
        f"onderwerp Financiën en schulden → Mee De Wering (regel {financien.pk})"
    )
    assert submit(topic="vervoer").organisation == city.wijkteams


def test_target_group_rule(city, submit, default_to_wijkteams):
    rule(city.mee, municipality=city.municipality, target_group="verstandelijke-beperking")
    assert submit(target_group="verstandelijke-beperking").organisation == city.mee
    assert submit().organisation == city.wijkteams


def test_area_rule_covers_the_wijken_of_a_stadsdeel(city, submit, default_to_wijkteams):
    schalkwijk = rule(city.clientenbelang, municipality=city.municipality, area="schalkwijk")
    boerhaavewijk = Area.objects.get(code="boerhaavewijk")
    routed = submit(area=str(boerhaavewijk.pk))
    assert routed.organisation == city.clientenbelang
    assert "gebied Schalkwijk" in routed.routing_reason
    assert routed.routing_rule == schalkwijk
    centrum = Area.objects.get(code="centrum", parent__isnull=True)
    assert submit(area=str(centrum.pk)).organisation == city.wijkteams


def test_language_rule(city, submit, default_to_wijkteams):
    rule(city.mee, municipality=city.municipality, language="tr")
    routed = submit(language="tr")
    assert routed.organisation == city.mee
    assert "taal Turks" in routed.routing_reason
    assert submit(language="ar").organisation == city.wijkteams


def test_rules_with_several_criteria_must_all_hold(city, submit, default_to_wijkteams):
    rule(city.mee, municipality=city.municipality, topic="financien", language="tr")
    assert submit(topic="financien", language="nl").organisation == city.wijkteams
    assert submit(topic="financien", language="tr").organisation == city.mee


def test_priority_decides_and_inactive_rules_do_nothing(city, submit, default_to_wijkteams):
    rule(
        city.clientenbelang,
        municipality=city.municipality,
        priority=1,
        topic="financien",
        is_active=False,
    )
    second = rule(city.mee, municipality=city.municipality, priority=5, topic="financien")
    rule(city.wijkteams, municipality=city.municipality, priority=10, topic="financien")
    routed = submit(topic="financien")
    assert routed.organisation == city.mee
    assert routed.routing_rule == second


def test_a_rule_to_an_organisation_without_client_support_is_skipped(
    city, submit, default_to_wijkteams
):
    rule(city.library, municipality=city.municipality, topic="financien")
    assert submit(topic="financien").organisation == city.wijkteams


def test_municipality_default_when_no_rule_matches(city, submit, default_to_wijkteams):
    routed = submit()
    assert routed.organisation == city.wijkteams
    assert routed.routed_by == "standaard"
    assert routed.routing_reason == "geen regel past → standaard voor Haarlem: Sociale Wijkteams"


def test_without_a_default_the_independent_organisation_answers(city, submit):
    routed = submit()
    assert routed.organisation == city.clientenbelang
    assert routed.routed_by == "onafhankelijk"


def test_no_preference_reaches_exactly_one_inbox(city, submit, default_to_wijkteams):
    # Two rules match; the first wins and nobody else sees the request.
    rule(city.mee, municipality=city.municipality, priority=1, topic="financien")
    rule(city.clientenbelang, municipality=city.municipality, priority=2, language="tr")
    routed = submit(topic="financien", language="tr")
    seen_by = []
    for coordinator in (
        city.coordinator_wijkteams,
        city.coordinator_mee,
        city.coordinator_clientenbelang,
    ):
        browser = Client()
        browser.force_login(coordinator, backend="django.contrib.auth.backends.ModelBackend")
        if routed.reference in browser.get("/aanvragen/").content.decode():
            seen_by.append(coordinator.organisation.slug)
    assert seen_by == ["mee-de-wering"]


def test_the_reason_is_shown_in_the_inbox(city, submit):
    financien = rule(city.mee, municipality=city.municipality, topic="financien")
    submit(topic="financien")
    browser = Client()
    browser.force_login(city.coordinator_mee, backend="django.contrib.auth.backends.ModelBackend")
    html = browser.get("/aanvragen/").content.decode()
    assert f"onderwerp Financiën en schulden → Mee De Wering (regel {financien.pk})" in html


def test_routing_rules_are_managed_in_the_admin(city, administrator):
    financien = rule(city.mee, municipality=city.municipality, topic="financien")
    browser = Client()
    browser.force_login(administrator, backend="django.contrib.auth.backends.ModelBackend")
    html = browser.get("/beheer/intake/routingrule/").content.decode()
    assert "onderwerp Financiën en schulden" in html
    assert "Mee De Wering" in html
    page = browser.get(f"/beheer/intake/routingrule/{financien.pk}/change/")
    assert page.status_code == 200
