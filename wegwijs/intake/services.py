"""Writes of the intake: submitting, routing, mail and triage of residents' requests.

A request is stored in its own transaction before anything else happens.
Routing and mail run afterwards through the task queue; when they fail the
request stays, and ``requests_retry_pending`` (a periodic task and the
``intake_retry`` command) tries again.
"""

import logging
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wegwijs.accounts.constants import OrganisationKind, Role
from wegwijs.accounts.models import Municipality, Organisation, User
from wegwijs.accounts.permissions import Capability, has_capability
from wegwijs.cases import services as case_services
from wegwijs.cases.constants import HeardVia, RepresentativeKind
from wegwijs.core.audit import audit_log
from wegwijs.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from wegwijs.core.tasks import enqueue_on_commit
from wegwijs.intake import routing, selectors
from wegwijs.intake.constants import (
    CHANNEL_CODES,
    CONSENT_VERSION,
    MAX_NAME_LENGTH,
    MAX_QUESTION_LENGTH,
    MAX_REASON_LENGTH,
    AuditEvent,
    CloseReason,
    ContactChannel,
    ContactTime,
    ForWhom,
    RequestStatus,
    RoutedBy,
)
from wegwijs.intake.models import HelpRequest
from wegwijs.intake.validators import phone_clean, postcode_clean
from wegwijs.reference.constants import RetentionRecordType
from wegwijs.reference.languages import LANGUAGE_CODES
from wegwijs.reference.models import Area, TargetGroup, Topic
from wegwijs.reference.retention import retention_period

logger = logging.getLogger(__name__)

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
MAX_ADDRESS_LENGTH = 200
MAX_CITY_LENGTH = 100


# --- Submitting -----------------------------------------------------------------------


def _new_reference() -> str:
    """H-XXXX-XXXX: 40 random bits, easy to read out over the phone."""
    while True:
        chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
        reference = f"H-{chars[:4]}-{chars[4:]}"
        if not HelpRequest.objects.filter(reference=reference).exists():
            return reference


def _text(value: str | None, *, field: str, max_length: int, required_message: str = "") -> str:
    value = (value or "").strip()
    if "\x00" in value:
        raise ValidationFailed(_("Deze tekst bevat een teken dat niet is toegestaan."), field=field)
    if required_message and not value:
        raise ValidationFailed(required_message, field=field)
    if len(value) > max_length:
        raise ValidationFailed(
            _("Dit is te lang: gebruik hoogstens %(max)d tekens (nu %(count)d).")
            % {"max": max_length, "count": len(value)},
            field=field,
        )
    return value


def _active_code(model: Any, code: str | None, *, field: str, message: str) -> Any:
    if not code:
        return None
    found = model.objects.filter(code=code, is_active=True).first()
    if found is None:
        raise ValidationFailed(message, field=field)
    return found


def _email_clean(value: str, *, required: bool) -> str:
    value = _text(value, field="email", max_length=254).lower()
    if not value:
        if required:
            raise ValidationFailed(
                _("Vul uw e-mailadres in, of kies een andere manier van contact."), field="email"
            )
        return ""
    try:
        validate_email(value)
    except ValidationError:
        raise ValidationFailed(
            _("Dit e-mailadres klopt niet. Schrijf het zo: naam@voorbeeld.nl."), field="email"
        ) from None
    return value


def _municipality_for(
    *,
    municipality_slug: str | None,
    area: Area | None,
    organisation: Organisation | None,
) -> Municipality | None:
    if municipality_slug:
        found = Municipality.objects.filter(slug=municipality_slug).first()
        if found is None:
            raise ValidationFailed(_("Kies uw gemeente uit de lijst."), field="municipality")
        return found
    if area is not None:
        return area.municipality
    municipalities = list(Municipality.objects.all()[:2])
    if len(municipalities) == 1:
        return municipalities[0]
    if organisation is not None:
        return organisation.municipalities.order_by("name").first()
    return None


@transaction.atomic
def _request_store(
    *,
    question: str,
    for_whom: str,
    contact_channel: str,
    language: str,
    consent: bool,
    topic_code: str | None,
    target_group_code: str | None,
    municipality_slug: str | None,
    area_id: int | None,
    preferred_organisation_slug: str | None,
    name: str,
    cared_for_name: str,
    contact_times: Iterable[str],
    phone: str,
    email: str,
    street_address: str,
    postcode: str,
    city: str,
    interface_language: str,
) -> HelpRequest:
    question = _text(
        question,
        field="question",
        max_length=MAX_QUESTION_LENGTH,
        required_message=_("Schrijf uw vraag op. Een paar woorden is genoeg."),
    )
    if for_whom not in ForWhom.values:
        raise ValidationFailed(_("Kies voor wie u hulp vraagt."), field="for_whom")
    if contact_channel not in ContactChannel.values:
        raise ValidationFailed(_("Kies hoe wij contact met u opnemen."), field="contact_channel")
    if language not in LANGUAGE_CODES:
        raise ValidationFailed(_("Kies een taal uit de lijst."), field="language")
    times = (
        sorted(set(contact_times), key=list(ContactTime.values).index)
        if all(time in ContactTime.values for time in contact_times)
        else None
    )
    if times is None:
        raise ValidationFailed(_("Kies een tijd uit de lijst."), field="contact_times")
    name = _text(name, field="name", max_length=MAX_NAME_LENGTH)
    cared_for_name = _text(cared_for_name, field="cared_for_name", max_length=MAX_NAME_LENGTH)
    if for_whom == ForWhom.SELF:
        cared_for_name = ""

    # The contact detail the chosen channel needs is required; others are checked when given.
    phone = _text(phone, field="phone", max_length=30)
    if contact_channel in (ContactChannel.PHONE, ContactChannel.WHATSAPP) and not phone:
        raise ValidationFailed(
            _("Vul uw telefoonnummer in, of kies een andere manier van contact."), field="phone"
        )
    if phone:
        phone = phone_clean(phone)
    email = _email_clean(email, required=contact_channel == ContactChannel.EMAIL)
    street_address = _text(street_address, field="street_address", max_length=MAX_ADDRESS_LENGTH)
    postcode = _text(postcode, field="postcode", max_length=10)
    city = _text(city, field="city", max_length=MAX_CITY_LENGTH)
    if contact_channel == ContactChannel.LETTER:
        if not name:
            raise ValidationFailed(_("Vul uw naam in: die zetten wij op de envelop."), field="name")
        if not street_address:
            raise ValidationFailed(
                _("Vul uw straat en huisnummer in voor de brief."), field="street_address"
            )
        if not postcode:
            raise ValidationFailed(_("Vul uw postcode in voor de brief."), field="postcode")
        if not city:
            raise ValidationFailed(_("Vul uw woonplaats in voor de brief."), field="city")
    if postcode:
        postcode = postcode_clean(postcode)
    else:
        street_address = street_address if contact_channel == ContactChannel.LETTER else ""

    topic = _active_code(
        Topic, topic_code, field="topic", message=_("Kies een onderwerp uit de lijst.")
    )
    target_group = _active_code(
        TargetGroup,
        target_group_code,
        field="target_group",
        message=_("Kies een situatie uit de lijst."),
    )
    organisation = None
    if preferred_organisation_slug:
        organisation = Organisation.objects.filter(
            slug=preferred_organisation_slug, kind=OrganisationKind.CLIENT_SUPPORT
        ).first()
        if organisation is None:
            raise ValidationFailed(
                _("Kies een organisatie uit de lijst, of 'geen voorkeur'."),
                field="preferred_organisation",
            )
    area = None
    if area_id:
        area = Area.objects.select_related("municipality").filter(pk=area_id).first()
        if area is None:
            raise ValidationFailed(_("Kies uw wijk uit de lijst."), field="area")
    municipality = _municipality_for(
        municipality_slug=municipality_slug, area=area, organisation=organisation
    )
    if area is not None and municipality is not None and area.municipality_id != municipality.pk:
        raise ValidationFailed(_("Deze wijk ligt niet in de gekozen gemeente."), field="area")
    if not consent:
        raise ValidationFailed(
            _("Geef toestemming om uw gegevens te gebruiken. Anders kunnen wij u niet helpen."),
            field="consent",
        )

    help_request = HelpRequest(
        reference=_new_reference(),
        receipt_token=secrets.token_urlsafe(32),
        question=question,
        topic=topic,
        for_whom=for_whom,
        target_group=target_group,
        municipality=municipality,
        area=area,
        language=language,
        preferred_organisation=organisation,
        name=name,
        cared_for_name=cared_for_name,
        contact_channel=contact_channel,
        contact_times=times,
        phone=phone,
        email=email,
        street_address=street_address,
        postcode=postcode,
        city=city,
        consent_version=CONSENT_VERSION,
        interface_language=interface_language if interface_language in ("nl", "en") else "nl",
    )
    if organisation is not None:
        # The resident's own choice is not routing: it is part of what they asked.
        help_request.organisation = organisation
        help_request.routed_by = RoutedBy.PREFERENCE
        help_request.routing_reason = _("voorkeur van de inwoner → %(organisation)s") % {
            "organisation": organisation.name
        }
        help_request.routed_at = timezone.now()
    help_request.full_clean(exclude=["receipt_token"], validate_unique=False)
    help_request.save()
    audit_log(
        event=AuditEvent.REQUEST_SUBMITTED,
        actor=None,
        obj=help_request,
        detail={
            "organisation": organisation.slug if organisation else "",
            "channel": contact_channel,
        },
    )
    return help_request


def request_submit(
    *,
    question: str,
    for_whom: str,
    contact_channel: str,
    consent: bool,
    language: str = "nl",
    topic_code: str | None = None,
    target_group_code: str | None = None,
    municipality_slug: str | None = None,
    area_id: int | None = None,
    preferred_organisation_slug: str | None = None,
    name: str = "",
    cared_for_name: str = "",
    contact_times: Iterable[str] = (),
    phone: str = "",
    email: str = "",
    street_address: str = "",
    postcode: str = "",
    city: str = "",
    interface_language: str = "nl",
) -> HelpRequest:
    """Store a resident's request, then queue its routing and mail.

    The request is committed before the task is queued: a failing queue,
    router or mail server never loses it.
    """
    help_request = _request_store(
        question=question,
        for_whom=for_whom,
        contact_channel=contact_channel,
        language=language,
        consent=consent,
        topic_code=topic_code,
        target_group_code=target_group_code,
        municipality_slug=municipality_slug,
        area_id=area_id,
        preferred_organisation_slug=preferred_organisation_slug,
        name=name,
        cared_for_name=cared_for_name,
        contact_times=list(contact_times),
        phone=phone,
        email=email,
        street_address=street_address,
        postcode=postcode,
        city=city,
        interface_language=interface_language,
    )
    _enqueue_processing(help_request)
    return help_request


def _enqueue_processing(help_request: HelpRequest) -> None:
    from wegwijs.intake.tasks import request_process

    try:
        enqueue_on_commit(request_process, request_id=help_request.pk)
    except Exception:
        # The request is stored; the periodic retry routes and mails it later.
        logger.exception("Could not queue the processing of help request %s", help_request.pk)


# --- Routing ------------------------------------------------------------------------------


def request_route(*, request_id: int) -> HelpRequest:
    """Give a request without an organisation to exactly one organisation.

    Counts the attempt even when the router fails, so the administrator sees
    requests that keep failing.
    """
    HelpRequest.objects.filter(pk=request_id, organisation__isnull=True).update(
        routing_attempts=F("routing_attempts") + 1
    )
    with transaction.atomic():
        help_request = (
            # No joins: PostgreSQL cannot lock the nullable side of an outer join.
            HelpRequest.objects.select_for_update().get(pk=request_id)
        )
        if help_request.organisation_id is not None or help_request.status != RequestStatus.NEW:
            return help_request
        with translation.override(settings.LANGUAGE_CODE):
            decision = routing.decide(help_request)
        if decision is None:
            audit_log(
                event=AuditEvent.REQUEST_ROUTING_FAILED,
                actor=None,
                obj=help_request,
                detail={"attempts": help_request.routing_attempts},
            )
            return help_request
        help_request.organisation = decision.organisation
        help_request.routed_by = decision.routed_by
        help_request.routing_rule = decision.rule
        help_request.routing_reason = decision.reason[:600]
        help_request.routed_at = timezone.now()
        help_request.save(
            update_fields=[
                "organisation",
                "routed_by",
                "routing_rule",
                "routing_reason",
                "routed_at",
            ]
        )
        audit_log(
            event=AuditEvent.REQUEST_ROUTED,
            actor=None,
            obj=help_request,
            detail={
                "organisation": decision.organisation.slug,
                "routed_by": decision.routed_by,
                "rule": decision.rule.pk if decision.rule else None,
            },
        )
        return help_request


# --- Mail -----------------------------------------------------------------------------------


def _absolute(path: str) -> str:
    base = getattr(settings, "WEGWIJS_BASE_URL", "").rstrip("/")
    return base + path if base else ""


def request_notify_coordinators(*, request_id: int) -> int:
    """Tell the coordinators of the request's organisation that a request arrived.

    The mail holds a link only: no name, no question, no contact details.
    Returns the number of mails sent; a failing mail server raises and the
    request stays marked as not notified, so the retry sends it again.
    """
    help_request = HelpRequest.objects.select_related("organisation").get(pk=request_id)
    organisation = help_request.organisation
    if (
        organisation is None
        or help_request.status != RequestStatus.NEW
        or help_request.coordinators_notified_at is not None
    ):
        return 0
    coordinators = list(
        User.objects.filter(
            is_active=True,
            membership__organisation=organisation,
            membership__role=Role.COORDINATOR,
        ).order_by("pk")
    )
    link = _absolute(reverse("intake:inbox"))
    for coordinator in coordinators:
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Nieuwe hulpvraag voor %(organisation)s") % {
                "organisation": organisation.name
            }
            body = render_to_string(
                "intake/email/new_request.txt", {"link": link, "organisation": organisation}
            )
        send_mail(subject, body, None, [coordinator.email])
    HelpRequest.objects.filter(pk=request_id).update(coordinators_notified_at=timezone.now())
    return len(coordinators)


def request_send_confirmation(*, request_id: int) -> bool:
    """Send the resident a confirmation when they gave an e-mail address.

    Reference, organisation and expected contact only; never the question.
    """
    help_request = HelpRequest.objects.select_related("organisation").get(pk=request_id)
    if not help_request.email or help_request.confirmation_sent_at is not None:
        return False
    with translation.override(help_request.interface_language):
        subject = _("Wij hebben uw hulpvraag ontvangen (%(reference)s)") % {
            "reference": help_request.reference
        }
        body = render_to_string(
            "intake/email/confirmation.txt",
            {"help_request": help_request, "next_steps": selectors.next_steps(help_request)},
        )
    send_mail(subject, body, None, [help_request.email])
    HelpRequest.objects.filter(pk=request_id).update(confirmation_sent_at=timezone.now())
    return True


# --- Triage -----------------------------------------------------------------------------


def _locked_new(actor: User, help_request: HelpRequest) -> HelpRequest:
    if not has_capability(actor, Capability.TRIAGE_REQUESTS):
        raise PermissionDenied(_("Alleen coördinatoren verdelen hulpvragen."))
    organisation = actor.organisation
    assert organisation is not None  # the capability belongs to organisation roles
    locked = (
        HelpRequest.objects.select_for_update()
        .filter(pk=help_request.pk, organisation=organisation)
        .first()
    )
    if locked is None:
        raise NotFound(_("Deze hulpvraag bestaat niet of is niet voor uw organisatie."))
    if locked.status != RequestStatus.NEW:
        raise Conflict(_("Deze hulpvraag is al afgehandeld."))
    return locked


def _house_number(street_address: str) -> str:
    match = re.search(r"(\d+\s?[A-Za-z]?(?:[-\s]?\d+)?)\s*$", street_address)
    return match.group(1).replace(" ", "")[:10] if match else ""


def _case_question(help_request: HelpRequest) -> str:
    lines = [help_request.question]
    facts = [
        _("Hulpvraag %(reference)s, ontvangen op %(date)s.")
        % {
            "reference": help_request.reference,
            "date": timezone.localtime(help_request.received_at).strftime("%d-%m-%Y %H:%M"),
        },
        _("Contact via: %(channel)s.") % {"channel": help_request.get_contact_channel_display()},
    ]
    if help_request.contact_times:
        times = ", ".join(str(ContactTime(time).label) for time in help_request.contact_times)
        facts.append(_("Bereikbaar: %(times)s.") % {"times": times})
    if help_request.street_address:
        facts.append(
            _("Adres: %(address)s, %(postcode)s %(city)s.")
            % {
                "address": help_request.street_address,
                "postcode": help_request.postcode,
                "city": help_request.city,
            }
        )
    lines.append("\n".join(facts))
    return "\n\n".join(lines)


@transaction.atomic
def request_accept(
    *,
    actor: User,
    help_request: HelpRequest,
    topic_code: str,
    supporter_ids: list[int] | None = None,
) -> HelpRequest:
    """Make the request a client and a case of the actor's organisation.

    The question is copied to the case; the request keeps its time of arrival
    and points at the case, so monitoring can measure the time to first contact.
    """
    locked = _locked_new(actor, help_request)
    client_fields: dict[str, Any] = {
        "email": locked.email,
        "preferred_language": locked.language,
    }
    if locked.postcode:
        client_fields["postcode"] = locked.postcode
        client_fields["house_number"] = _house_number(locked.street_address)
    if locked.for_whom == ForWhom.OTHER:
        client_fields["family_name"] = locked.cared_for_name
        client_fields["representative_name"] = locked.name
        client_fields["representative_phone"] = locked.phone
        client_fields["representative_kind"] = (
            RepresentativeKind.CARER if locked.name or locked.phone else ""
        )
        if not (locked.cared_for_name or locked.email):
            # Nothing names the client yet; the supporter fills it in at first contact.
            client_fields["family_name"] = _("naaste van %(name)s") % {
                "name": locked.name or locked.reference
            }
    else:
        client_fields["family_name"] = locked.name
        client_fields["phone"] = locked.phone
    client = case_services.client_create(
        actor=actor,
        preferred_channel_code=CHANNEL_CODES[ContactChannel(locked.contact_channel)],
        area_code=locked.area.code if locked.area else None,
        target_group_codes=[locked.target_group.code] if locked.target_group else None,
        **client_fields,
    )
    case = case_services.case_open(
        actor=actor,
        client=client,
        topic_code=topic_code,
        question=_case_question(locked),
        supporter_ids=supporter_ids,
        heard_via=HeardVia.WEBSITE,
    )
    locked.status = RequestStatus.ACCEPTED
    locked.case = case
    locked.handled_at = timezone.now()
    locked.handled_by = actor
    locked.save(update_fields=["status", "case", "handled_at", "handled_by"])
    audit_log(
        event=AuditEvent.REQUEST_ACCEPTED,
        actor=actor,
        obj=locked,
        client_id=client.pk,
        detail={"case": case.pk},
    )
    return locked


@transaction.atomic
def request_forward(
    *, actor: User, help_request: HelpRequest, organisation_slug: str, reason: str
) -> HelpRequest:
    """Send the request to another client-support organisation, with the reason."""
    locked = _locked_new(actor, help_request)
    target = Organisation.objects.filter(
        slug=organisation_slug, kind=OrganisationKind.CLIENT_SUPPORT
    ).first()
    if target is None:
        raise ValidationFailed(
            _("Kies een organisatie voor cliëntondersteuning uit de lijst."), field="organisation"
        )
    if target.pk == locked.organisation_id:
        raise ValidationFailed(
            _("Kies een andere organisatie dan uw eigen organisatie."), field="organisation"
        )
    reason = _text(
        reason,
        field="reason",
        max_length=MAX_REASON_LENGTH,
        required_message=_("Schrijf op waarom u de hulpvraag doorstuurt."),
    )
    source = actor.organisation
    assert source is not None
    locked.organisation = target
    locked.forwarded_from = source
    locked.forward_reason = reason
    locked.routed_by = RoutedBy.FORWARD
    locked.routing_rule = None
    locked.routing_reason = (
        _("doorgestuurd door %(organisation)s: %(reason)s")
        % {"organisation": source.name, "reason": reason}
    )[:600]
    locked.routed_at = timezone.now()
    locked.coordinators_notified_at = None
    locked.save(
        update_fields=[
            "organisation",
            "forwarded_from",
            "forward_reason",
            "routed_by",
            "routing_rule",
            "routing_reason",
            "routed_at",
            "coordinators_notified_at",
        ]
    )
    audit_log(
        event=AuditEvent.REQUEST_FORWARDED,
        actor=actor,
        obj=locked,
        detail={"from": source.slug, "to": target.slug},
    )
    _enqueue_processing(locked)
    return locked


@transaction.atomic
def request_close(
    *, actor: User, help_request: HelpRequest, reason: str, note: str = ""
) -> HelpRequest:
    """Close a request without a case, for example when the resident is not reachable."""
    locked = _locked_new(actor, help_request)
    if reason not in CloseReason.values:
        raise ValidationFailed(_("Kies een reden uit de lijst."), field="reason")
    note = _text(
        note,
        field="note",
        max_length=MAX_REASON_LENGTH,
        required_message=_("Licht toe waarom u de hulpvraag sluit.")
        if reason == CloseReason.OTHER
        else "",
    )
    locked.status = RequestStatus.CLOSED
    locked.close_reason = reason
    locked.close_note = note
    locked.handled_at = timezone.now()
    locked.handled_by = actor
    locked.save(update_fields=["status", "close_reason", "close_note", "handled_at", "handled_by"])
    audit_log(event=AuditEvent.REQUEST_CLOSED, actor=actor, obj=locked, detail={"reason": reason})
    return locked


# --- Retry and retention ---------------------------------------------------------------


@dataclass
class RetryReport:
    routed: int = 0
    unrouted: int = 0
    notified: int = 0
    confirmed: int = 0
    failures: int = 0


def requests_retry_pending(*, now: datetime | None = None) -> RetryReport:
    """Route requests without an organisation and send mail that did not go out."""
    now = now or timezone.now()
    report = RetryReport()
    pending = HelpRequest.objects.filter(status=RequestStatus.NEW, organisation__isnull=True)
    for request_id in pending.values_list("pk", flat=True):
        try:
            routed = request_route(request_id=request_id)
        except Exception:
            logger.exception("Routing help request %s failed", request_id)
            report.failures += 1
            continue
        if routed.organisation_id is None:
            report.unrouted += 1
        else:
            report.routed += 1
    unnotified = HelpRequest.objects.filter(
        status=RequestStatus.NEW,
        organisation__isnull=False,
        coordinators_notified_at__isnull=True,
    )
    for request_id in unnotified.values_list("pk", flat=True):
        try:
            request_notify_coordinators(request_id=request_id)
            report.notified += 1
        except Exception:
            logger.exception("Notifying coordinators of help request %s failed", request_id)
            report.failures += 1
    # A confirmation weeks late would confuse more than it helps.
    unconfirmed = HelpRequest.objects.filter(
        confirmation_sent_at__isnull=True,
        received_at__gte=now - timedelta(days=2),
        personal_data_erased_at__isnull=True,
    ).exclude(email="")
    for request_id in unconfirmed.values_list("pk", flat=True):
        try:
            if request_send_confirmation(request_id=request_id):
                report.confirmed += 1
        except Exception:
            logger.exception("Confirming help request %s failed", request_id)
            report.failures += 1
    return report


PERSONAL_FIELDS = {
    "question": "",
    "name": "",
    "cared_for_name": "",
    "phone": "",
    "email": "",
    "street_address": "",
    "postcode": "",
    "city": "",
    "forward_reason": "",
    "close_note": "",
    "routing_reason": "",
}


def requests_erase_personal_data(
    *, now: datetime | None = None, cutoff: datetime | None = None
) -> int:
    """Erase what a resident told us from requests handled before ``cutoff``.

    The cutoff follows from the retention period the administrator sets for
    requests (default 90 days; ``reference.retention``). What remains (dates,
    topic, organisation, case link) is what monitoring counts. Registered as the
    retention handler for requests, so ``apply_retention`` runs it too.
    """
    now = now or timezone.now()
    if cutoff is None:
        cutoff = retention_period(RetentionRecordType.REQUEST).before(now)
    done = HelpRequest.objects.filter(
        status__in=[RequestStatus.ACCEPTED, RequestStatus.CLOSED],
        handled_at__lt=cutoff,
        personal_data_erased_at__isnull=True,
    )
    count = 0
    for help_request in done.iterator():
        with transaction.atomic():
            for field, empty in PERSONAL_FIELDS.items():
                setattr(help_request, field, empty)
            help_request.contact_times = []
            help_request.personal_data_erased_at = now
            help_request.save(
                update_fields=[*PERSONAL_FIELDS, "contact_times", "personal_data_erased_at"]
            )
            audit_log(event=AuditEvent.REQUEST_ERASED, actor=None, obj=help_request)
            count += 1
    return count
