"""The intake part of the Haarlem demo: rules, a default, requests in the coordinator's inbox."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from wegwijs.accounts.models import User
from wegwijs.demo.data import DEMO_DOMAIN
from wegwijs.intake.models import HelpRequest, MunicipalityDefault, RoutingRule

pytestmark = pytest.mark.django_db


def load() -> str:
    out = StringIO()
    call_command("load_demo", "--without-cases", stdout=out)
    return out.getvalue()


def test_demo_requests_wait_in_the_coordinators_inbox_and_loading_twice_adds_nothing():
    first = load()
    assert "Intake:" in first
    assert RoutingRule.objects.filter(municipality__slug="haarlem").count() == 6
    assert MunicipalityDefault.objects.get().organisation.slug == "sociale-wijkteams"
    counts = (RoutingRule.objects.count(), HelpRequest.objects.count())
    assert "0 routing rules and settings, 0 requests created" in load()
    assert (RoutingRule.objects.count(), HelpRequest.objects.count()) == counts

    # The debt question went to MEE & De Wering by rule; the others wait for the wijkteams.
    debt = HelpRequest.objects.get(reference="H-DEMA-AAA5")
    assert debt.organisation is not None
    assert debt.organisation.slug == "mee-de-wering"
    assert debt.routing_reason.startswith("onderwerp Financiën en schulden → ")

    coordinator = User.objects.get(email=f"coordinator@{DEMO_DOMAIN}")
    browser = Client()
    browser.force_login(coordinator, backend="django.contrib.auth.backends.ModelBackend")
    html = browser.get("/aanvragen/").content.decode()
    assert "Er wachten 3 nieuwe hulpvragen." in html
    assert "1 wacht langer dan 3 werkdagen." in html
    assert "H-DEMA-AAA5" not in html
