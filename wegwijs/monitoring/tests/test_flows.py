"""Referral flows on the dashboard: exact for the organisation, suppressed for the municipality."""

import pytest
from django.utils import timezone

from wegwijs.accounts.constants import Role
from wegwijs.accounts.tests import factories as account_factories
from wegwijs.monitoring import dashboard as dash
from wegwijs.monitoring import periods, selectors
from wegwijs.referrals.tests import factories as referral_factories

pytestmark = pytest.mark.django_db


def test_referral_flows_from_the_referrals_app():
    sender = account_factories.organisation("wijkteam-van")
    receiver = account_factories.organisation("mee-naar")
    supporter = account_factories.user(Role.SUPPORTER, organisation_slug=sender.slug)
    for _number in range(3):
        case = referral_factories.sender_case(supporter)
        referral_factories.referral(supporter, case=case, to=receiver)
    year = periods.Period(periods.YEAR, timezone.localdate().replace(month=1, day=1))

    coordinator = account_factories.user(Role.COORDINATOR, organisation_slug=sender.slug)
    exact = dash.referral_flows(
        selectors.viewer_for(coordinator), dash.Filters(period=year, organisation=sender)
    )
    assert exact.rows == [["Wijkteam Van", "Mee Naar", 3]]

    municipality = account_factories.user(Role.MUNICIPALITY, municipality_slug="haarlem")
    suppressed = dash.referral_flows(
        selectors.viewer_for(municipality), dash.Filters(period=year, organisation=None)
    )
    assert suppressed.rows == [["Wijkteam Van", "Mee Naar", None]]  # 3 is below 10
