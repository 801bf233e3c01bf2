"""Referrals through the pages: consent, warm tip, override, the closed loop on both
sides, what the receiver may see, and who may see what."""

import html
from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import logged_in_client
from wegwijs.accounts.constants import Role
from wegwijs.accounts.tests import factories as account_factories
from wegwijs.cases.models import Case, Client
from wegwijs.cases.tests import factories as case_factories
from wegwijs.core.models import AuditEntry
from wegwijs.directory.tests import factories as directory_factories
from wegwijs.referrals.constants import AuditEvent, ReferralMode, ReferralStatus, Sharing
from wegwijs.referrals.models import Referral
from wegwijs.referrals.tests import factories

pytestmark = pytest.mark.django_db

NOTE = "Geheime notitie: conflict met de huisbaas."


def text(response) -> str:
    return html.unescape(response.content.decode())


def refer_url(case) -> str:
    return f"/kwesties/{case.pk}/verwijzen/"


def post_referral(web, case, to, **fields):
    data = {"to_organisation": to.slug, "consent": Sharing.QUESTION_CONTACT, "versturen": "1"}
    data.update(fields)
    return web.post(refer_url(case), data)


@pytest.fixture
def web(sender):
    return logged_in_client(sender.supporter)


@pytest.fixture
def receiving(receiver):
    return logged_in_client(receiver.coordinator)


@pytest.fixture
def with_note(sender, case):
    case_factories.contact_moment(sender.supporter, case_obj=case, note=NOTE)
    return case


# --- Sending, consent and its absence ---------------------------------------------------


def test_refer_page_shows_suggestions_with_reasons_and_both_kinds(web, case, receiver, outsider):
    facility = factories.facility("voedselbank")
    directory_factories.service(
        receiver.organisation, name="Schuldhulp op maat", topic_codes=["financien"]
    )
    directory_factories.service(
        outsider.organisation, name="Hulp bij wonen", topic_codes=["wonen-opvang"]
    )
    directory_factories.service(facility, name="Voedselpakket", topic_codes=["financien"])
    page = text(web.get(refer_url(case)))
    suggestions = page[page.index('id="suggesties"') : page.index('id="verwijzing"')]
    # Ranked by the directory: the fitting topic first, with its reason and service.
    assert suggestions.index(receiver.organisation.name) < suggestions.index(
        outsider.organisation.name
    )
    assert "helpt bij Financiën en schulden" in suggestions
    assert "Schuldhulp op maat" in suggestions
    assert facility.name not in page
    page = text(web.get(refer_url(case) + "?soort=voorziening"))
    assert "Voedselpakket" in page
    assert receiver.organisation.name not in page
    # A suggestion's "Kiezen" fills in the receiver.
    chosen = text(web.get(refer_url(case) + f"?soort=voorziening&naar={facility.slug}"))
    assert f'<option value="{facility.slug}" selected>' in chosen


def test_send_with_consent_copies_what_is_shared(web, sender, receiver, with_note):
    case = with_note
    response = post_referral(web, case, receiver.organisation, question="Hulp bij schulden.")
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/doorverwijzingen/{referral.pk}/"
    assert referral.status == ReferralStatus.SENT
    assert referral.closed_loop
    assert referral.shared == Sharing.QUESTION_CONTACT
    assert referral.shared_question == "Hulp bij schulden."
    assert (referral.shared_given_name, referral.shared_phone) == ("Petra", "06 11112222")
    assert referral.shared_topic == case.topic
    # The consent is recorded in the client's file too.
    assert case.client.consents.get().subject == "delen-doorverwijzing"
    sent = AuditEntry.objects.get(event=AuditEvent.REFERRAL_SENT)
    assert sent.client_id == str(case.client_id)
    assert sent.organisation_slug == sender.organisation.slug
    # The sender's case page shows the referral and its status.
    page = text(web.get(f"/kwesties/{case.pk}/"))
    assert receiver.organisation.name in page
    assert "Verstuurd" in page
    assert "laatst gewijzigd" not in page


def test_question_only_consent_shares_no_contact_details(web, receiver, receiving, with_note):
    case = with_note
    post_referral(web, case, receiver.organisation, consent=Sharing.QUESTION)
    referral = Referral.objects.get()
    assert referral.shared == Sharing.QUESTION
    assert referral.shared_phone == referral.shared_given_name == referral.shared_email == ""
    page = text(receiving.get(f"/doorverwijzingen/{referral.pk}/"))
    assert case.question in page
    assert "Petra" not in page
    assert "06 11112222" not in page
    assert "Contactgegevens zijn niet gedeeld" in page


def test_without_consent_only_a_warm_tip_is_possible(web, case, receiver, receiving):
    response = post_referral(web, case, receiver.organisation, consent=Sharing.NOTHING)
    assert response.status_code == 200
    assert "Zonder toestemming kunt u alleen een warme tip geven" in text(response)
    assert not Referral.objects.exists()

    receiver.organisation.phone = "023 - 999 88 77"
    receiver.organisation.save()
    response = web.post(
        refer_url(case),
        {
            "to_organisation": receiver.organisation.slug,
            "consent": Sharing.NOTHING,
            "question": "Dit mag niet mee.",
            "warme_tip": "1",
        },
    )
    tip = Referral.objects.get()
    assert response.status_code == 302
    assert (tip.mode, tip.shared, tip.closed_loop) == (
        ReferralMode.WARM_TIP,
        Sharing.NOTHING,
        False,
    )
    assert tip.shared_question == tip.shared_phone == ""
    assert tip.shared_topic is None
    page = text(web.get(response["Location"]))
    assert "Warme tip gegeven" in page
    assert "Er is niets verstuurd" in page
    assert "023 - 999 88 77" in page  # the receiver's contact details, to print or read aloud
    # Nothing reaches the receiver.
    assert "Dit mag niet mee" not in text(receiving.get("/doorverwijzingen/binnengekomen/"))
    assert receiving.get(f"/doorverwijzingen/{tip.pk}/").status_code == 404
    assert AuditEntry.objects.filter(event=AuditEvent.REFERRAL_WARM_TIP).count() == 1
    assert not Client.objects.filter(organisation=receiver.organisation).exists()


def test_override_needs_a_reason_and_is_logged(web, case, receiver):
    response = post_referral(
        web, case, receiver.organisation, consent=Sharing.NOTHING, shared=Sharing.QUESTION
    )
    assert response.status_code == 200
    assert "U deelt meer dan de cliënt goedvindt" in text(response)
    assert not Referral.objects.exists()
    assert not AuditEntry.objects.filter(event__startswith="referral.").exists()

    response = post_referral(
        web,
        case,
        receiver.organisation,
        consent=Sharing.QUESTION,
        shared=Sharing.QUESTION_CONTACT,
        override_reason="Acuut gevaar: de cliënt kan zelf niet bellen.",
    )
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert referral.shared == Sharing.QUESTION_CONTACT
    assert referral.is_override
    override = AuditEntry.objects.get(event=AuditEvent.REFERRAL_OVERRIDE)
    assert override.detail["reason"] == "Acuut gevaar: de cliënt kan zelf niet bellen."
    assert override.client_id == str(case.client_id)
    assert "Acuut gevaar" in text(web.get(f"/doorverwijzingen/{referral.pk}/"))


def test_reason_without_override_is_not_kept(web, case, receiver):
    post_referral(web, case, receiver.organisation, override_reason="Niet nodig.")
    assert Referral.objects.get().override_reason == ""
    assert not AuditEntry.objects.filter(event=AuditEvent.REFERRAL_OVERRIDE).exists()


def test_cannot_refer_to_own_organisation_or_from_a_closed_case(web, sender, case, receiver):
    response = post_referral(web, case, sender.organisation)
    assert response.status_code == 200
    assert not Referral.objects.exists()
    closed = case_factories.case(sender.supporter)
    from wegwijs.cases import services as case_services

    case_services.case_close(
        actor=sender.supporter, case=closed, version=closed.version, outcome_code="opgelost"
    )
    response = post_referral(web, closed, receiver.organisation)
    assert "Heropen de kwestie" in text(response)
    assert not Referral.objects.exists()


# --- The receiver sees only what was shared ---------------------------------------------------


def test_receiver_sees_nothing_beyond_consent(web, sender, receiver, receiving, with_note):
    case = with_note
    client = case.client
    client.postcode, client.house_number = "2031AB", "12"
    client.save()
    post_referral(web, case, receiver.organisation, consent=Sharing.QUESTION, question="Schulden.")
    referral = Referral.objects.get()
    pages = [
        text(receiving.get("/doorverwijzingen/binnengekomen/")),
        text(receiving.get(f"/doorverwijzingen/{referral.pk}/")),
    ]
    for page in pages:
        assert NOTE not in page
        for secret in ("Petra", "Jansen", "06 11112222", "petra@example.org", "2031AB"):
            assert secret not in page, secret
        assert case.question not in page  # the sender shared an edited question
        assert f"/kwesties/{case.pk}/" not in page
    assert "Schulden." in pages[1]
    # The receiver's look is logged on the sender's client.
    viewed = AuditEntry.objects.get(
        event=AuditEvent.REFERRAL_VIEWED, organisation_slug=receiver.organisation.slug
    )
    assert viewed.client_id == str(case.client_id)
    assert viewed.detail == {"side": "incoming"}
    # The sender's look at their own client's referral is logged too.
    web.get(f"/doorverwijzingen/{referral.pk}/")
    mine = AuditEntry.objects.get(
        event=AuditEvent.REFERRAL_VIEWED, organisation_slug=sender.organisation.slug
    )
    assert (mine.client_id, mine.detail) == (str(case.client_id), {"side": "outgoing"})
    # The receiver cannot open the sender's case.
    assert receiving.get(f"/kwesties/{case.pk}/").status_code == 404


# --- Accept, decline, withdraw, complete ---------------------------------------------------------


def test_accept_creates_a_linked_client_and_case(web, sender, receiver, receiving, case):
    post_referral(web, case, receiver.organisation)
    referral = Referral.objects.get()
    assert "Schulden" not in text(receiving.get("/doorverwijzingen/binnengekomen/"))
    response = receiving.post(f"/doorverwijzingen/{referral.pk}/accepteren/", {})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    new_case = Case.objects.get(organisation=receiver.organisation)
    assert response.status_code == 302
    assert response["Location"] == f"/kwesties/{new_case.pk}/"
    assert referral.to_case == new_case
    assert new_case.question == case.question
    assert new_case.topic == case.topic
    assert new_case.client.family_name == "Jansen"
    assert new_case.client.organisation == receiver.organisation
    assert list(new_case.supporters.all()) == [receiver.coordinator]
    # Both organisations' logs have the step, each on its own client.
    accepted = AuditEntry.objects.filter(event=AuditEvent.REFERRAL_ACCEPTED)
    assert {entry.client_id for entry in accepted} == {
        str(case.client_id),
        str(new_case.client_id),
    }
    # The receiving case page says where it came from; the sender sees the status.
    assert sender.organisation.name in text(receiving.get(f"/kwesties/{new_case.pk}/"))
    page = text(web.get(f"/kwesties/{case.pk}/"))
    assert "Geaccepteerd" in page
    # The sender does not get the receiver's case.
    assert web.get(f"/kwesties/{new_case.pk}/").status_code == 404


def test_accept_with_a_chosen_supporter(web, receiver, receiving, case):
    post_referral(web, case, receiver.organisation, consent=Sharing.QUESTION)
    referral = Referral.objects.get()
    response = receiving.post(
        f"/doorverwijzingen/{referral.pk}/accepteren/", {"supporter": receiver.supporter.pk}
    )
    assert response.status_code == 302
    new_case = Case.objects.get(organisation=receiver.organisation)
    assert list(new_case.supporters.all()) == [receiver.supporter]
    # Without contact details the new client is anonymous.
    assert new_case.client.is_anonymous
    # The supporter of the new case sees the referral; a colleague's case is another matter.
    supporter_web = logged_in_client(receiver.supporter)
    assert supporter_web.get(f"/doorverwijzingen/{referral.pk}/").status_code == 200
    assert supporter_web.get("/doorverwijzingen/binnengekomen/").status_code == 403


def test_decline_with_a_reason(web, receiver, receiving, case):
    post_referral(web, case, receiver.organisation)
    referral = Referral.objects.get()
    url = f"/doorverwijzingen/{referral.pk}/afwijzen/"
    response = receiving.post(url, {"reason": "overig"})
    assert response.status_code == 400
    assert "Licht de reden" in text(response)
    response = receiving.post(url, {"reason": ""})
    assert response.status_code == 400
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT

    response = receiving.post(url, {"reason": "geen-capaciteit", "note": "Wachtlijst tot maart."})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED
    assert referral.decline_reason is not None
    assert referral.decline_reason.code == "geen-capaciteit"
    # What was shared is cleared once it is declined.
    assert referral.shared_question == referral.shared_phone == ""
    assert "06 11112222" not in text(receiving.get(f"/doorverwijzingen/{referral.pk}/"))
    page = text(web.get(f"/kwesties/{case.pk}/"))
    assert "Afgewezen (Geen capaciteit)" in page
    assert "laatst gewijzigd" in page
    detail = text(web.get(f"/doorverwijzingen/{referral.pk}/"))
    assert "Wachtlijst tot maart." in detail
    # Answered once: a second answer is refused.
    response = receiving.post(f"/doorverwijzingen/{referral.pk}/accepteren/", {})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED
    assert not Case.objects.filter(organisation=receiver.organisation).exists()
    entry = AuditEntry.objects.get(event=AuditEvent.REFERRAL_DECLINED)
    assert entry.client_id == str(case.client_id)


def test_withdraw_before_acceptance(web, receiver, receiving, case):
    post_referral(web, case, receiver.organisation)
    referral = Referral.objects.get()
    response = web.post(f"/doorverwijzingen/{referral.pk}/intrekken/")
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.WITHDRAWN
    assert referral.shared_given_name == ""
    # The receiver can no longer accept it, and sees nothing of it.
    receiving.post(f"/doorverwijzingen/{referral.pk}/accepteren/", {})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.WITHDRAWN
    assert "Petra" not in text(receiving.get(f"/doorverwijzingen/{referral.pk}/"))
    assert AuditEntry.objects.filter(event=AuditEvent.REFERRAL_WITHDRAWN).count() == 1


def test_withdraw_after_acceptance_is_refused(web, receiver, receiving, case):
    post_referral(web, case, receiver.organisation)
    referral = Referral.objects.get()
    receiving.post(f"/doorverwijzingen/{referral.pk}/accepteren/", {})
    response = web.post(f"/doorverwijzingen/{referral.pk}/intrekken/", follow=True)
    assert "Intrekken kan alleen zolang" in text(response)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    assert not AuditEntry.objects.filter(event=AuditEvent.REFERRAL_WITHDRAWN).exists()


def test_completed_when_the_receiving_case_closes(web, receiver, receiving, case):
    post_referral(web, case, receiver.organisation)
    referral = Referral.objects.get()
    receiving.post(f"/doorverwijzingen/{referral.pk}/accepteren/", {})
    new_case = Case.objects.get(organisation=receiver.organisation)
    response = receiving.post(
        f"/kwesties/{new_case.pk}/sluiten/",
        {
            "version": str(new_case.version),
            "outcome": "opgelost",
            "closed_on": timezone.localdate().isoformat(),
            "experienced_independent": "ja",
        },
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED
    assert referral.completed_at is not None
    completed = AuditEntry.objects.filter(event=AuditEvent.REFERRAL_COMPLETED)
    assert {entry.client_id for entry in completed} == {
        str(case.client_id),
        str(new_case.client_id),
    }
    assert "Afgerond" in text(web.get(f"/kwesties/{case.pk}/"))
    # Closing the sender's own case completes nothing.
    assert Referral.objects.filter(status=ReferralStatus.COMPLETED).count() == 1


# --- Who may see what --------------------------------------------------------------------------


def test_other_organisations_get_404(web, case, receiver, outsider):
    post_referral(web, case, receiver.organisation)
    referral = Referral.objects.get()
    for user in (outsider.coordinator, outsider.supporter):
        other = logged_in_client(user)
        assert other.get(f"/doorverwijzingen/{referral.pk}/").status_code == 404
        assert other.get(refer_url(case)).status_code == 404
        assert other.post(f"/doorverwijzingen/{referral.pk}/intrekken/").status_code == 404
    other = logged_in_client(outsider.coordinator)
    assert other.post(f"/doorverwijzingen/{referral.pk}/accepteren/", {}).status_code == 404
    assert (
        other.post(
            f"/doorverwijzingen/{referral.pk}/afwijzen/", {"reason": "niet-passend"}
        ).status_code
        == 404
    )
    assert receiver.organisation.name not in text(other.get("/doorverwijzingen/binnengekomen/"))
    # The receiver cannot withdraw; the sender cannot accept.
    receiving = logged_in_client(receiver.coordinator)
    assert receiving.post(f"/doorverwijzingen/{referral.pk}/intrekken/").status_code == 404
    assert web.post(f"/doorverwijzingen/{referral.pk}/accepteren/", {}).status_code == 404
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


def test_roles_without_client_work_are_refused(case, receiver):
    for role in (Role.MUNICIPALITY, Role.ADMINISTRATOR):
        web = logged_in_client(account_factories.user(role))
        assert web.get("/doorverwijzingen/").status_code == 403
        assert web.get(refer_url(case)).status_code == 403


def test_supporter_of_an_organisation_that_keeps_cases_per_supporter(sender, receiver):
    sender.organisation.supporters_see_all_cases = False
    sender.organisation.save()
    case = factories.sender_case(sender.supporter)
    factories.referral(sender.supporter, case=case, to=receiver.organisation)
    colleague = account_factories.user(Role.SUPPORTER, organisation_slug=sender.organisation.slug)
    page = text(logged_in_client(colleague).get("/doorverwijzingen/"))
    assert "Geen doorverwijzingen gevonden" in page
    assert receiver.organisation.name in text(
        logged_in_client(sender.supporter).get("/doorverwijzingen/")
    )


# --- Lists ------------------------------------------------------------------------------------------


def _many(sender, receiver, count):
    for _ in range(count):
        case = factories.sender_case(sender.supporter)
        factories.referral(sender.supporter, case=case, to=receiver.organisation)


@pytest.mark.parametrize("count", [2, 12])
def test_list_query_counts_do_not_grow(count, sender, receiver, django_assert_max_num_queries):
    _many(sender, receiver, count)
    web = logged_in_client(sender.supporter)
    receiving = logged_in_client(receiver.coordinator)
    with django_assert_max_num_queries(12):
        response = web.get("/doorverwijzingen/")
    assert text(response).count("/doorverwijzingen/") >= count
    with django_assert_max_num_queries(12):
        response = receiving.get("/doorverwijzingen/binnengekomen/")
    assert response.status_code == 200
    with django_assert_max_num_queries(12):
        response = receiving.get("/doorverwijzingen/binnengekomen/?status=verstuurd")
    assert response.status_code == 200


def test_status_filter(sender, receiver):
    _many(sender, receiver, 2)
    first = Referral.objects.order_by("id")[0]
    logged_in_client(sender.supporter).post(f"/doorverwijzingen/{first.pk}/intrekken/")
    web = logged_in_client(sender.supporter)
    page = text(web.get("/doorverwijzingen/?status=ingetrokken"))
    assert f"/doorverwijzingen/{first.pk}/" in page
    assert page.count('class="utrecht-table__row"') == 2  # header and one row


# --- Facilities outside Wegwijs -------------------------------------------------------------------


def test_facility_referral_is_recorded_with_a_follow_up(web, case, settings):
    settings.WEGWIJS_REFERRAL_FOLLOWUP_DAYS = 10
    facility = factories.facility("voedselbank", address_is_confidential=True)
    response = post_referral(web, case, facility, consent=Sharing.QUESTION)
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert not referral.closed_loop
    assert referral.status == ReferralStatus.SENT
    assert referral.followup_due_on == timezone.localdate() + timedelta(days=10)
    page = text(web.get(f"/doorverwijzingen/{referral.pk}/"))
    assert "Verstuurd, wacht op terugkoppeling" in page
    assert "023 - 100 20 30" in page
    assert "Oudeweg 1" not in page  # a confidential address is never shown


def test_pages_in_english(settings, web, case, receiver, receiving):
    post_referral(web, case, receiver.organisation, consent=Sharing.QUESTION)
    referral = Referral.objects.get()
    # Pages follow the language switch (its cookie), not the browser.
    for client in (web, receiving):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = text(web.get(refer_url(case)))
    assert "First ask what the client agrees to share." in page
    assert "Only give a warm tip" in page
    page = text(receiving.get(f"/doorverwijzingen/{referral.pk}/"))
    assert "Referral from Verwijzer" in page
    assert "Contact details were not shared" in page
    response = web.post(
        refer_url(case),
        {"to_organisation": receiver.organisation.slug, "consent": "niets", "versturen": "1"},
    )
    assert "Without consent you can only give a warm tip." in text(response)
