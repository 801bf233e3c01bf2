"""A destroyed or expired client file takes the data shared in its referrals with it."""

from datetime import timedelta

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from wegwijs.cases import retention
from wegwijs.cases import services as case_services
from wegwijs.core.models import AuditEntry
from wegwijs.referrals import services
from wegwijs.referrals.constants import AuditEvent, ReferralStatus
from wegwijs.referrals.models import Referral
from wegwijs.referrals.tests import factories

pytestmark = pytest.mark.django_db

SHARED = ("shared_question", "shared_given_name", "shared_family_name", "shared_phone")


def logged_in(user) -> HttpClient:
    http = HttpClient()
    http.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return http


def test_destroying_the_senders_file_withdraws_an_unanswered_referral(sender, receiver, case):
    referral = factories.referral(sender.supporter, case=case, to=receiver.organisation)
    incoming = reverse("referrals:referral-detail", args=[referral.pk])
    assert "Jansen" in logged_in(receiver.coordinator).get(incoming).content.decode()

    response = logged_in(sender.coordinator).post(
        reverse("cases:client-destroy", args=[case.client_id]),
        {
            "requested_on": timezone.localdate().isoformat(),
            "reason": "Schriftelijk verzoek",
            "understood": "on",
        },
    )
    assert response.status_code == 302

    referral.refresh_from_db()
    assert referral.status == ReferralStatus.WITHDRAWN
    assert all(getattr(referral, name) == "" for name in SHARED)
    assert referral.shared_topic_id is not None  # kept for counting
    html = logged_in(receiver.coordinator).get(incoming).content.decode()
    assert "Jansen" not in html
    assert "06 11112222" not in html
    assert AuditEntry.objects.filter(
        event=AuditEvent.REFERRAL_WITHDRAWN, object_id=str(referral.pk)
    ).exists()


def test_destroying_the_receivers_file_clears_the_accepted_referrals_copy(sender, receiver, case):
    referral = factories.referral(sender.supporter, case=case, to=receiver.organisation)
    referral = services.referral_accept(actor=receiver.coordinator, referral=referral)
    assert referral.shared_family_name == "Jansen"

    assert referral.to_case is not None
    retention.client_destroy(
        actor=receiver.coordinator,
        client=referral.to_case.client,
        requested_on=timezone.localdate(),
        reason="Schriftelijk verzoek",
    )

    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED  # what happened stays
    assert all(getattr(referral, name) == "" for name in SHARED)
    # The sender's own file is the sender's: untouched.
    case.client.refresh_from_db()
    assert case.client.family_name == "Jansen"


def test_an_expired_file_clears_its_referrals_too(sender, receiver, case):
    referral = factories.referral(sender.supporter, case=case, to=receiver.organisation)
    services.referral_withdraw(actor=sender.supporter, referral=referral)
    Referral.objects.filter(pk=referral.pk).update(shared_question="nog een kopie")
    case.client.__class__.objects.filter(pk=case.client_id).update(
        updated_at=timezone.now() - timedelta(days=400)
    )
    case.refresh_from_db()
    case_services.case_close(
        actor=sender.supporter,
        case=case,
        version=case.version,
        outcome_code="opgelost",
        closed_on=timezone.localdate(),
    )
    case.__class__.objects.filter(pk=case.pk).update(
        updated_at=timezone.now() - timedelta(days=400)
    )
    case.contact_moments.update(updated_at=timezone.now() - timedelta(days=400))

    assert retention.clients_expire(cutoff=timezone.now() - timedelta(days=365)) == 1

    referral.refresh_from_db()
    assert referral.shared_question == ""
    assert referral.status == ReferralStatus.WITHDRAWN
