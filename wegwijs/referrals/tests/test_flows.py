"""The from-to matrix for monitoring, and the status codes agree with the reference list."""

from datetime import timedelta

import pytest
from django.utils import timezone

from wegwijs.reference.models import ReferralStatus as ReferenceStatus
from wegwijs.referrals import selectors, services
from wegwijs.referrals.constants import ReferralMode, ReferralStatus, Sharing
from wegwijs.referrals.tests import factories

pytestmark = pytest.mark.django_db


def test_status_codes_equal_the_reference_list():
    assert set(ReferralStatus.values) == set(ReferenceStatus.objects.values_list("code", flat=True))


def test_referral_flows_are_aggregates(sender, receiver, outsider):
    facility = factories.facility("voedselbank")
    user = sender.supporter
    for _ in range(2):
        factories.referral(user, case=factories.sender_case(user), to=receiver.organisation)
    withdrawn = factories.referral(user, case=factories.sender_case(user), to=receiver.organisation)
    services.referral_withdraw(actor=user, referral=withdrawn)
    factories.referral(
        user, case=factories.sender_case(user), to=facility, consent=Sharing.QUESTION
    )
    factories.referral(
        user,
        case=factories.sender_case(user),
        to=outsider.organisation,
        consent=Sharing.NOTHING,
        mode=ReferralMode.WARM_TIP,
    )
    today = timezone.localdate()
    rows = selectors.referral_flows(start=today, end=today)
    s, r, o = sender.organisation.pk, receiver.organisation.pk, outsider.organisation.pk
    assert sorted(rows) == sorted(
        [
            (s, r, "clientondersteuning", "verstuurd", 2),
            (s, r, "clientondersteuning", "ingetrokken", 1),
            (s, facility.pk, "voorziening", "verstuurd", 1),
            (s, o, "clientondersteuning", "verstuurd", 1),
        ]
    )
    assert rows[0].count >= 1  # named fields
    only_facility = selectors.referral_flows(start=today, end=today, organisation_ids=[facility.pk])
    assert [(row.to_organisation_id, row.count) for row in only_facility] == [(facility.pk, 1)]
    assert (
        selectors.referral_flows(start=today - timedelta(days=9), end=today - timedelta(days=1))
        == []
    )
