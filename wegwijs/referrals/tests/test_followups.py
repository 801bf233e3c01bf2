"""The follow-up of referrals outside Wegwijs: the command run twice asks once."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from conftest import logged_in_client
from wegwijs.accounts.constants import Role
from wegwijs.accounts.tests import factories as account_factories
from wegwijs.core.models import AuditEntry
from wegwijs.referrals.constants import AuditEvent, ReferralMode, ReferralStatus, Sharing
from wegwijs.referrals.models import ReferralFollowUp
from wegwijs.referrals.tests import factories

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("send_referral_followups", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def facility_referral(sender, case):
    facility = factories.facility("voedselbank")
    return factories.referral(sender.supporter, case=case, to=facility, consent=Sharing.QUESTION)


def test_followup_is_sent_once_when_due(sender, facility_referral, receiver):
    due = facility_referral.followup_due_on
    assert due == timezone.localdate() + timedelta(days=14)
    # A closed-loop referral is followed up by the receiver, not by this command.
    factories.referral(
        sender.supporter, case=factories.sender_case(sender.supporter), to=receiver.organisation
    )
    mail.outbox.clear()
    assert "e-mails: 0, notices: 0" in run("--date", (due - timedelta(days=1)).isoformat())
    assert not mail.outbox

    assert "e-mails: 1, notices: 1" in run("--date", due.isoformat())
    assert "e-mails: 0, notices: 0" in run("--date", due.isoformat())
    assert "e-mails: 0, notices: 0" in run("--date", (due + timedelta(days=3)).isoformat())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [sender.supporter.email]
    assert "Voedselbank Haarlem" in message.subject
    assert case_reference(facility_referral) in message.body
    assert ReferralFollowUp.objects.count() == 2
    assert AuditEntry.objects.filter(event=AuditEvent.REFERRAL_FOLLOWUP_SENT).count() == 2

    # In Wegwijs: on "Mijn werk" until the supporter answers.
    web = logged_in_client(sender.supporter)
    page = web.get("/mijn-werk/").content.decode()
    assert "Is de cliënt geholpen?" in page
    assert f"/doorverwijzingen/{facility_referral.pk}/#terugkoppeling" in page
    response = web.post(
        f"/doorverwijzingen/{facility_referral.pk}/terugkoppeling/", {"got_help": "ja"}
    )
    assert response.status_code == 302
    facility_referral.refresh_from_db()
    assert facility_referral.status == ReferralStatus.COMPLETED
    assert facility_referral.got_help == "ja"
    assert f"/doorverwijzingen/{facility_referral.pk}/#terugkoppeling" not in (
        web.get("/mijn-werk/").content.decode()
    )
    # Answered: later runs ask nothing.
    assert "e-mails: 0, notices: 0" in run("--date", (due + timedelta(days=30)).isoformat())


def case_reference(referral) -> str:
    return referral.from_case.client.reference


def test_warm_tip_is_followed_up_too(sender, case, receiver):
    tip = factories.referral(
        sender.supporter,
        case=case,
        to=receiver.organisation,
        consent=Sharing.NOTHING,
        mode=ReferralMode.WARM_TIP,
    )
    assert tip.followup_due_on is not None
    assert "e-mails: 1, notices: 1" in run("--date", tip.followup_due_on.isoformat())


def test_answer_needs_a_choice(sender, facility_referral):
    web = logged_in_client(sender.supporter)
    response = web.post(f"/doorverwijzingen/{facility_referral.pk}/terugkoppeling/", {})
    assert response.status_code == 400
    assert "Kies ja, nee of weet niet." in response.content.decode()
    facility_referral.refresh_from_db()
    assert facility_referral.status == ReferralStatus.SENT


def test_followup_goes_to_a_case_supporter_when_the_sender_left(sender, case, facility_referral):
    colleague = account_factories.user(Role.SUPPORTER, organisation_slug=sender.organisation.slug)
    case.supporters.add(colleague)
    sender.supporter.is_active = False
    sender.supporter.save()
    mail.outbox.clear()
    run("--date", facility_referral.followup_due_on.isoformat())
    assert [message.to for message in mail.outbox] == [[colleague.email]]


def test_bad_date_is_one_line_and_writes_nothing(facility_referral):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--date", "morgen")
    assert not ReferralFollowUp.objects.exists()


def test_the_celery_task_runs_the_same(facility_referral, settings):
    from wegwijs.referrals.tasks import send_referral_followups

    assert "referral-followups" in settings.CELERY_BEAT_SCHEDULE
    assert (
        settings.CELERY_BEAT_SCHEDULE["referral-followups"]["task"] == send_referral_followups.name
    )
    # Not due today: nothing to send.
    assert send_referral_followups.delay().get() == {"emails": 0, "notices": 0, "skipped": []}
