"""The demo referrals: one in every status, a follow-up due, and loading twice changes nothing."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from wegwijs.core.models import AuditEntry
from wegwijs.demo.referrals_data import demo_referrals_load
from wegwijs.referrals.models import Referral, ReferralFollowUp

pytestmark = pytest.mark.django_db


def test_demo_referrals_in_every_status_and_idempotent():
    out = StringIO()
    call_command("load_demo", "--without-cases", stdout=out)
    assert "Referrals: 7 created" in out.getvalue()
    statuses = Counter(Referral.objects.values_list("status", flat=True))
    assert statuses == {
        "verstuurd": 4,  # two waiting for the coordinator, the facility and the warm tip
        "afgewezen": 1,
        "afgerond": 1,
        "ingetrokken": 1,
    }
    assert Referral.objects.get(status="afgerond").got_help == "ja"
    due = Referral.objects.get(to_organisation__slug="voedselbank")
    assert due.followup_due_on is not None
    assert ReferralFollowUp.objects.filter(referral=due).count() == 1
    counts = (Referral.objects.count(), AuditEntry.objects.count())
    assert demo_referrals_load() == 0
    assert (Referral.objects.count(), AuditEntry.objects.count()) == counts
    # The follow-up that is due goes out once by e-mail too.
    out = StringIO()
    call_command("send_referral_followups", stdout=out)
    assert "e-mails: 1, notices: 0" in out.getvalue()
