"""Writes of the case register.

Every function checks permission and input before it writes anything, runs in
one transaction, and writes its audit entry in that transaction, so the web
interface, the API and commands behave the same.
"""

import secrets
import uuid
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wegwijs.accounts.models import Organisation, User
from wegwijs.cases import access, signals
from wegwijs.cases.constants import (
    MAX_MINUTES,
    Answer,
    AppointmentStatus,
    AuditEvent,
    CaseStatus,
    ConsentSubject,
    HeardVia,
    RepresentativeKind,
    WithWhom,
)
from wegwijs.cases.models import (
    Appointment,
    Case,
    Client,
    Consent,
    ContactMoment,
    ContactMomentRevision,
)
from wegwijs.core.audit import audit_log
from wegwijs.core.errors import Conflict, ValidationFailed
from wegwijs.core.pseudonym import resident_pseudonym
from wegwijs.reference.models import (
    Activity,
    Area,
    Channel,
    CodeListItem,
    Outcome,
    TargetGroup,
    Topic,
)

CodeModel = TypeVar("CodeModel", bound=CodeListItem)

# Allow for clocks that differ a little between a phone and the server.
FUTURE_TOLERANCE = timedelta(minutes=5)
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

CLIENT_FIELDS = (
    "given_name",
    "family_name",
    "date_of_birth",
    "postcode",
    "house_number",
    "phone",
    "email",
    "preferred_language",
    "representative_name",
    "representative_kind",
    "representative_phone",
)
PERSONAL_FIELDS = (
    "given_name",
    "family_name",
    "date_of_birth",
    "postcode",
    "house_number",
    "phone",
    "email",
    "representative_name",
    "representative_phone",
)


# --- Helpers ------------------------------------------------------------------


def _code(model: type[CodeModel], code: str | None, *, field: str, label: str) -> CodeModel:
    try:
        return model.objects.get(code=code, is_active=True)
    except model.DoesNotExist:
        raise ValidationFailed(
            _("Onbekende code '%(code)s' voor %(label)s.") % {"code": code or "", "label": label},
            field=field,
        ) from None


def _organisation_of(actor: User) -> Organisation:
    organisation = actor.organisation
    assert organisation is not None
    return organisation


def _clean(instance: Any, *, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise ValidationFailed(
            " ".join(messages), field=None if field == "__all__" else field
        ) from exc


def _new_reference(organisation: Organisation) -> str:
    while True:
        reference = "K-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
        if not Client.objects.filter(organisation=organisation, reference=reference).exists():
            return reference


def _check_not_future(moment: datetime, *, field: str) -> None:
    if moment > timezone.now() + FUTURE_TOLERANCE:
        raise ValidationFailed(_("Deze datum ligt in de toekomst."), field=field)


def _check_minutes(minutes: Any) -> int:
    if not isinstance(minutes, int) or isinstance(minutes, bool):
        raise ValidationFailed(_("Vul het aantal minuten in als heel getal."), field="minutes")
    if minutes < 1 or minutes > MAX_MINUTES:
        raise ValidationFailed(
            _("Het aantal minuten moet tussen 1 en %(max)d liggen.") % {"max": MAX_MINUTES},
            field="minutes",
        )
    return minutes


def _locked_case(case: Case, version: int) -> Case:
    """Lock the case row and check nobody changed it since ``version`` was read."""
    current = Case.objects.select_for_update().get(pk=case.pk)
    if current.version != version:
        raise Conflict(
            _(
                "Iemand anders heeft deze kwestie intussen gewijzigd. Uw wijziging is niet "
                "opgeslagen. Bekijk de kwestie opnieuw en probeer het nog eens."
            )
        )
    return current


def _register_changed(organisation_id: int, first_day: date) -> None:
    """Tell monitoring which figures may have changed (inside the writing transaction)."""
    signals.register_changed.send(sender=Case, organisation_id=organisation_id, first_day=first_day)


def _client_first_day(client: Client) -> date | None:
    return (
        Case.objects.filter(client=client)
        .order_by("opened_on")
        .values_list("opened_on", flat=True)
        .first()
    )


def _save_case(case: Case, fields: list[str]) -> None:
    case.version += 1
    case.save(update_fields=[*fields, "version", "updated_at"])


# --- Clients ------------------------------------------------------------------


def _apply_client_fields(
    client: Client,
    *,
    fields: dict[str, Any],
    preferred_channel_code: str | None,
    area_code: str | None,
) -> None:
    for name in CLIENT_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(client, name, value if value is not None or name == "date_of_birth" else "")
    if client.postcode:
        client.postcode = client.postcode.replace(" ", "").upper()
    if client.representative_kind and client.representative_kind not in RepresentativeKind.values:
        raise ValidationFailed(_("Onbekende soort vertegenwoordiger."), field="representative_kind")
    if client.date_of_birth and client.date_of_birth > timezone.localdate():
        raise ValidationFailed(_("De geboortedatum ligt in de toekomst."), field="date_of_birth")
    client.preferred_channel = (
        _code(Channel, preferred_channel_code, field="preferred_channel", label=_("kanaal"))
        if preferred_channel_code
        else None
    )
    if area_code:
        try:
            client.area = Area.objects.get(
                code=area_code, municipality__in=client.organisation.municipalities.all()
            )
        except Area.DoesNotExist:
            raise ValidationFailed(
                _("Onbekende wijk '%(code)s'.") % {"code": area_code}, field="area"
            ) from None
    else:
        client.area = None
    if client.is_anonymous:
        if any(getattr(client, name) for name in PERSONAL_FIELDS):
            raise ValidationFailed(
                _("Een anonieme cliënt heeft geen naam, adres of contactgegevens."),
                field="is_anonymous",
            )
        client.pseudonym = ""
    else:
        client.pseudonym = resident_pseudonym(
            date_of_birth=client.date_of_birth,
            postcode=client.postcode,
            house_number=client.house_number,
            family_name=client.family_name,
        )


def _target_groups(codes: list[str] | None) -> list[TargetGroup]:
    groups = []
    for code in codes or []:
        groups.append(_code(TargetGroup, code, field="target_groups", label=_("doelgroep")))
    return groups


@transaction.atomic
def client_create(
    *,
    actor: User,
    is_anonymous: bool = False,
    preferred_channel_code: str | None = None,
    area_code: str | None = None,
    target_group_codes: list[str] | None = None,
    **fields: Any,
) -> Client:
    """Register a client of the actor's organisation."""
    access.cases_for(actor)  # refuses roles without client work
    unknown = set(fields) - set(CLIENT_FIELDS)
    if unknown:
        raise ValidationFailed(
            _("Onbekende velden: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    organisation = _organisation_of(actor)
    client = Client(organisation=organisation, is_anonymous=is_anonymous)
    _apply_client_fields(
        client, fields=fields, preferred_channel_code=preferred_channel_code, area_code=area_code
    )
    if not is_anonymous and not (
        client.given_name or client.family_name or client.phone or client.email
    ):
        raise ValidationFailed(
            _("Vul een naam, telefoonnummer of e-mailadres in, of kies 'anoniem'."),
            field="family_name",
        )
    groups = _target_groups(target_group_codes)
    client.reference = _new_reference(organisation)
    _clean(client, exclude=["pseudonym"])
    client.save()
    client.target_groups.set(groups)
    audit_log(event=AuditEvent.CLIENT_CREATED, actor=actor, obj=client, client_id=client.pk)
    return client


@transaction.atomic
def client_update(
    *,
    actor: User,
    client: Client,
    preferred_channel_code: str | None = None,
    area_code: str | None = None,
    target_group_codes: list[str] | None = None,
    **fields: Any,
) -> Client:
    """Change a client's details; the actor must be able to see the client."""
    client = access.client_get(actor, client.pk, audit=False)
    unknown = set(fields) - set(CLIENT_FIELDS)
    if unknown:
        raise ValidationFailed(
            _("Onbekende velden: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    _apply_client_fields(
        client, fields=fields, preferred_channel_code=preferred_channel_code, area_code=area_code
    )
    groups = _target_groups(target_group_codes)
    _clean(client, exclude=["pseudonym"])
    client.save()
    client.target_groups.set(groups)
    first_day = _client_first_day(client)
    if first_day is not None:  # area, target groups and pseudonym are counted
        _register_changed(client.organisation_id, first_day)
    audit_log(
        event=AuditEvent.CLIENT_UPDATED,
        actor=actor,
        obj=client,
        client_id=client.pk,
        detail={"fields": sorted(fields)},
    )
    return client


@transaction.atomic
def consent_record(
    *, actor: User, client: Client, subject: str, given_on: date, purpose: str = ""
) -> Consent:
    client = access.client_get(actor, client.pk, audit=False)
    if subject not in ConsentSubject.values:
        raise ValidationFailed(_("Onbekende soort toestemming."), field="subject")
    if given_on > timezone.localdate():
        raise ValidationFailed(_("Deze datum ligt in de toekomst."), field="given_on")
    consent = Consent(
        client=client, subject=subject, purpose=purpose, given_on=given_on, recorded_by=actor
    )
    _clean(consent)
    consent.save()
    audit_log(
        event=AuditEvent.CONSENT_RECORDED,
        actor=actor,
        obj=consent,
        client_id=client.pk,
        detail={"subject": subject},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor: User, consent: Consent, withdrawn_on: date) -> Consent:
    access.client_get(actor, consent.client_id, audit=False)
    if withdrawn_on < consent.given_on:
        raise ValidationFailed(
            _("Intrekken kan niet vóór de datum van de toestemming."), field="withdrawn_on"
        )
    consent.withdrawn_on = withdrawn_on
    consent.save(update_fields=["withdrawn_on"])
    audit_log(
        event=AuditEvent.CONSENT_WITHDRAWN, actor=actor, obj=consent, client_id=consent.client_id
    )
    return consent


# --- Cases --------------------------------------------------------------------


def _supporters(actor: User, supporter_ids: list[int] | None) -> list[User]:
    if not supporter_ids:
        return [actor]
    members = list(
        User.objects.filter(pk__in=supporter_ids, membership__organisation=actor.organisation)
    )
    if len(members) != len(set(supporter_ids)):
        raise ValidationFailed(
            _("Kies ondersteuners van uw eigen organisatie."), field="supporters"
        )
    return members


@transaction.atomic
def case_open(
    *,
    actor: User,
    client: Client,
    topic_code: str,
    question: str = "",
    opened_on: date | None = None,
    supporter_ids: list[int] | None = None,
    heard_via: str = HeardVia.UNKNOWN,
) -> Case:
    """Open a case for a client of the actor's organisation."""
    client = access.client_get(actor, client.pk, audit=False)
    topic = _code(Topic, topic_code, field="topic", label=_("onderwerp"))
    today = timezone.localdate()
    opened_on = opened_on or today
    if opened_on > today:
        raise ValidationFailed(_("Deze datum ligt in de toekomst."), field="opened_on")
    if heard_via not in HeardVia.values:
        raise ValidationFailed(_("Kies hoe de cliënt ons kent."), field="heard_via")
    supporters = _supporters(actor, supporter_ids)
    case = Case(
        organisation=client.organisation,
        client=client,
        topic=topic,
        question=question.strip(),
        opened_on=opened_on,
        heard_via=heard_via,
        last_activity_at=timezone.now(),
    )
    _clean(case)
    case.save()
    case.supporters.set(supporters)
    _register_changed(case.organisation_id, case.opened_on)
    audit_log(
        event=AuditEvent.CASE_OPENED,
        actor=actor,
        obj=case,
        client_id=client.pk,
        detail={"topic": topic.code},
    )
    return case


@transaction.atomic
def case_update(
    *,
    actor: User,
    case: Case,
    version: int,
    topic_code: str | None = None,
    question: str | None = None,
    supporter_ids: list[int] | None = None,
    heard_via: str | None = None,
) -> Case:
    """Change a case; refuse when someone else changed it since ``version``."""
    access.case_get(actor, case.pk, audit=False)
    case = _locked_case(case, version)
    fields = []
    if topic_code is not None:
        case.topic = _code(Topic, topic_code, field="topic", label=_("onderwerp"))
        fields.append("topic")
    if question is not None:
        case.question = question.strip()
        fields.append("question")
    if heard_via is not None:
        if heard_via not in HeardVia.values:
            raise ValidationFailed(_("Kies hoe de cliënt ons kent."), field="heard_via")
        case.heard_via = heard_via
        fields.append("heard_via")
    _clean(case)
    _save_case(case, fields)
    if supporter_ids is not None:
        case.supporters.set(_supporters(actor, supporter_ids))
    if "topic" in fields:
        _register_changed(case.organisation_id, case.opened_on)
    audit_log(
        event=AuditEvent.CASE_UPDATED,
        actor=actor,
        obj=case,
        client_id=case.client_id,
        detail={"fields": fields + (["supporters"] if supporter_ids is not None else [])},
    )
    return case


@transaction.atomic
def case_close(
    *,
    actor: User,
    case: Case,
    version: int,
    outcome_code: str | None,
    closed_on: date | None = None,
    satisfaction: int | None = None,
    experienced_independent: str = Answer.UNKNOWN,
) -> Case:
    """Close a case with its outcome and, when asked, the client's satisfaction."""
    access.case_get(actor, case.pk, audit=False)
    case = _locked_case(case, version)
    if not case.is_open:
        raise Conflict(_("Deze kwestie is al gesloten."))
    if not outcome_code:
        raise ValidationFailed(_("Kies het resultaat om de kwestie te sluiten."), field="outcome")
    outcome = _code(Outcome, outcome_code, field="outcome", label=_("resultaat"))
    closed_on = closed_on or timezone.localdate()
    if closed_on > timezone.localdate():
        raise ValidationFailed(_("Deze datum ligt in de toekomst."), field="closed_on")
    if closed_on < case.opened_on:
        raise ValidationFailed(
            _("Een kwestie kan niet sluiten vóór de dag dat zij geopend is."), field="closed_on"
        )
    if satisfaction is not None and not 1 <= satisfaction <= 10:
        raise ValidationFailed(_("Geef een cijfer van 1 tot en met 10."), field="satisfaction")
    if experienced_independent not in Answer.values:
        raise ValidationFailed(_("Kies ja, nee of weet niet."), field="experienced_independent")
    case.status = CaseStatus.CLOSED
    case.closed_on = closed_on
    case.outcome = outcome
    case.satisfaction = satisfaction
    case.experienced_independent = experienced_independent
    case.last_activity_at = timezone.now()
    _clean(case)
    _save_case(
        case,
        [
            "status",
            "closed_on",
            "outcome",
            "satisfaction",
            "experienced_independent",
            "last_activity_at",
        ],
    )
    audit_log(
        event=AuditEvent.CASE_CLOSED,
        actor=actor,
        obj=case,
        client_id=case.client_id,
        detail={"outcome": outcome.code},
    )
    # Closing can turn the case into information and advice in every period it counted in.
    _register_changed(case.organisation_id, case.opened_on)
    signals.case_closed.send(sender=Case, case=case, actor=actor)
    return case


@transaction.atomic
def case_reopen(*, actor: User, case: Case, version: int) -> Case:
    access.case_get(actor, case.pk, audit=False)
    case = _locked_case(case, version)
    if case.is_open:
        raise Conflict(_("Deze kwestie is al open."))
    case.status = CaseStatus.OPEN
    case.closed_on = None
    case.outcome = None
    case.last_activity_at = timezone.now()
    _save_case(case, ["status", "closed_on", "outcome", "last_activity_at"])
    audit_log(event=AuditEvent.CASE_REOPENED, actor=actor, obj=case, client_id=case.client_id)
    _register_changed(case.organisation_id, case.opened_on)
    signals.case_reopened.send(sender=Case, case=case, actor=actor)
    return case


# --- Contact moments ----------------------------------------------------------


def _contact_values(
    *,
    actor: User,
    case: Case,
    occurred_at: datetime,
    channel_code: str,
    activity_code: str,
    minutes: Any,
    with_whom: str,
    with_organisation_slug: str | None,
    note: str,
) -> dict[str, Any]:
    _check_not_future(occurred_at, field="occurred_at")
    if timezone.localdate(occurred_at) < case.opened_on:
        raise ValidationFailed(
            _("Het contactmoment ligt vóór de dag dat de kwestie geopend is (%(date)s).")
            % {"date": case.opened_on.strftime("%d-%m-%Y")},
            field="occurred_at",
        )
    if with_whom not in WithWhom.values:
        raise ValidationFailed(_("Kies met wie het contact was."), field="with_whom")
    with_organisation = None
    if with_whom == WithWhom.ORGANISATION:
        if not with_organisation_slug:
            raise ValidationFailed(_("Kies met welke organisatie."), field="with_organisation")
        try:
            with_organisation = Organisation.objects.get(slug=with_organisation_slug)
        except Organisation.DoesNotExist:
            raise ValidationFailed(
                _("Onbekende organisatie '%(slug)s'.") % {"slug": with_organisation_slug},
                field="with_organisation",
            ) from None
    note = (note or "").strip()
    if len(note) > 500:
        raise ValidationFailed(_("Houd de notitie kort: hoogstens 500 tekens."), field="note")
    return {
        "occurred_at": occurred_at,
        "channel": _code(Channel, channel_code, field="channel", label=_("kanaal")),
        "activity": _code(Activity, activity_code, field="activity", label=_("activiteit")),
        "minutes": _check_minutes(minutes),
        "with_whom": with_whom,
        "with_organisation": with_organisation,
        "note": note,
    }


def _submitted_before(case: Case, submission_key: uuid.UUID) -> ContactMoment | None:
    """The contact moment an earlier submit of the same form made on ``case``, if any.

    A key used elsewhere is a conflict, and never reveals the other row.
    """
    existing = ContactMoment.objects.filter(submission_key=submission_key).first()
    if existing is None:
        return None
    if existing.case_id != case.pk:
        raise Conflict(_("Deze submission_key is al gebruikt voor een ander contactmoment."))
    return existing


def _touch(case: Case, moment: datetime) -> None:
    if moment > case.last_activity_at:
        Case.objects.filter(pk=case.pk, last_activity_at__lt=moment).update(last_activity_at=moment)


@transaction.atomic
def contact_moment_register(
    *,
    actor: User,
    case: Case,
    occurred_at: datetime | None = None,
    channel_code: str,
    activity_code: str,
    minutes: Any,
    with_whom: str = WithWhom.CLIENT,
    with_organisation_slug: str | None = None,
    note: str = "",
    submission_key: uuid.UUID | None = None,
) -> ContactMoment:
    """Register time spent on an open case. The same ``submission_key`` never makes two rows."""
    case = access.case_get(actor, case.pk, audit=False)
    if submission_key is not None:
        existing = _submitted_before(case, submission_key)
        if existing is not None:
            return existing
    if not case.is_open:
        raise ValidationFailed(
            _("Deze kwestie is gesloten. Heropen de kwestie om een contact te registreren."),
            field="case",
        )
    values = _contact_values(
        actor=actor,
        case=case,
        occurred_at=occurred_at or timezone.now(),
        channel_code=channel_code,
        activity_code=activity_code,
        minutes=minutes,
        with_whom=with_whom,
        with_organisation_slug=with_organisation_slug,
        note=note,
    )
    moment = ContactMoment(
        organisation=case.organisation,
        case=case,
        registered_by=actor,
        submission_key=submission_key,
        **values,
    )
    _clean(moment, exclude=["submission_key"])
    try:
        with transaction.atomic():
            moment.save()
    except IntegrityError:
        # A second request with the same key won the race: return its row.
        existing = _submitted_before(case, submission_key) if submission_key else None
        if existing is None:
            raise
        return existing
    _touch(case, moment.occurred_at)
    _register_changed(case.organisation_id, timezone.localdate(moment.occurred_at))
    audit_log(
        event=AuditEvent.CONTACT_REGISTERED,
        actor=actor,
        obj=moment,
        client_id=case.client_id,
        detail={"minutes": moment.minutes},
    )
    return moment


CONTACT_SNAPSHOT_FIELDS = ("occurred_at", "channel", "activity", "minutes", "with_whom", "note")


@transaction.atomic
def contact_moment_update(
    *,
    actor: User,
    contact_moment: ContactMoment,
    version: int,
    occurred_at: datetime,
    channel_code: str,
    activity_code: str,
    minutes: Any,
    with_whom: str = WithWhom.CLIENT,
    with_organisation_slug: str | None = None,
    note: str = "",
) -> ContactMoment:
    """Change a contact moment; the old values are kept as a revision."""
    access.contact_moment_get(actor, contact_moment.pk)
    current = (
        ContactMoment.objects.select_for_update().select_related("case").get(pk=contact_moment.pk)
    )
    if current.version != version:
        raise Conflict(
            _(
                "Iemand anders heeft dit contactmoment intussen gewijzigd. Uw wijziging is niet "
                "opgeslagen. Bekijk het opnieuw en probeer het nog eens."
            )
        )
    values = _contact_values(
        actor=actor,
        case=current.case,
        occurred_at=occurred_at,
        channel_code=channel_code,
        activity_code=activity_code,
        minutes=minutes,
        with_whom=with_whom,
        with_organisation_slug=with_organisation_slug,
        note=note,
    )
    previous_day = timezone.localdate(current.occurred_at)
    previous = {
        "occurred_at": current.occurred_at.isoformat(),
        "channel": current.channel.code,
        "activity": current.activity.code,
        "minutes": current.minutes,
        "with_whom": current.with_whom,
        "with_organisation": current.with_organisation.slug if current.with_organisation else None,
        "note": current.note,
    }
    for name, value in values.items():
        setattr(current, name, value)
    current.version += 1
    _clean(current, exclude=["submission_key"])
    current.save()
    ContactMomentRevision.objects.create(
        contact_moment=current, changed_by=actor, previous=previous
    )
    _touch(current.case, current.occurred_at)
    _register_changed(
        current.organisation_id, min(previous_day, timezone.localdate(current.occurred_at))
    )
    audit_log(
        event=AuditEvent.CONTACT_UPDATED, actor=actor, obj=current, client_id=current.case.client_id
    )
    return current


@transaction.atomic
def information_advice_register(
    *,
    actor: User,
    topic_code: str,
    channel_code: str,
    minutes: Any,
    note: str = "",
    client: Client | None = None,
    occurred_at: datetime | None = None,
    outcome_code: str = "opgelost",
    submission_key: uuid.UUID | None = None,
) -> Case:
    """Register a short information-and-advice contact: a closed case with one contact.

    Without ``client`` an anonymous client is made, so the contact still counts.
    """
    access.cases_for(actor)
    if submission_key is not None:
        existing = (
            ContactMoment.objects.filter(
                submission_key=submission_key, organisation=actor.organisation
            )
            .select_related("case")
            .first()
        )
        if existing is not None:
            return existing.case
    occurred_at = occurred_at or timezone.now()
    _check_not_future(occurred_at, field="occurred_at")
    _check_minutes(minutes)
    _code(Topic, topic_code, field="topic", label=_("onderwerp"))
    _code(Channel, channel_code, field="channel", label=_("kanaal"))
    if client is None:
        client = client_create(actor=actor, is_anonymous=True)
    case = case_open(
        actor=actor, client=client, topic_code=topic_code, opened_on=timezone.localdate(occurred_at)
    )
    contact_moment_register(
        actor=actor,
        case=case,
        occurred_at=occurred_at,
        channel_code=channel_code,
        activity_code="informatie-advies",
        minutes=minutes,
        note=note,
        submission_key=submission_key,
    )
    case.refresh_from_db()
    return case_close(
        actor=actor,
        case=case,
        version=case.version,
        outcome_code=outcome_code,
        closed_on=timezone.localdate(occurred_at),
    )


# --- Appointments -------------------------------------------------------------


@transaction.atomic
def appointment_plan(
    *,
    actor: User,
    case: Case,
    starts_at: datetime,
    channel_code: str,
    place: str = "",
    description: str = "",
) -> Appointment:
    case = access.case_get(actor, case.pk, audit=False)
    if not case.is_open:
        raise ValidationFailed(_("Deze kwestie is gesloten."), field="case")
    appointment = Appointment(
        organisation=case.organisation,
        case=case,
        supporter=actor,
        starts_at=starts_at,
        channel=_code(Channel, channel_code, field="channel", label=_("kanaal")),
        place=place.strip(),
        description=description.strip(),
    )
    _clean(appointment)
    appointment.save()
    audit_log(
        event=AuditEvent.APPOINTMENT_PLANNED, actor=actor, obj=appointment, client_id=case.client_id
    )
    return appointment


@transaction.atomic
def appointment_complete(
    *,
    actor: User,
    appointment: Appointment,
    minutes: Any,
    activity_code: str = "begeleiding-gesprek",
    note: str = "",
) -> ContactMoment:
    """Turn an appointment that took place into a contact moment, in one step."""
    appointment = access.appointment_get(actor, appointment.pk)
    if appointment.status != AppointmentStatus.PLANNED:
        raise Conflict(_("Deze afspraak is al afgehandeld."))
    moment = contact_moment_register(
        actor=actor,
        case=appointment.case,
        occurred_at=appointment.starts_at,
        channel_code=appointment.channel.code,
        activity_code=activity_code,
        minutes=minutes,
        note=note or appointment.description,
    )
    appointment.status = AppointmentStatus.DONE
    appointment.contact_moment = moment
    appointment.save(update_fields=["status", "contact_moment"])
    audit_log(
        event=AuditEvent.APPOINTMENT_DONE,
        actor=actor,
        obj=appointment,
        client_id=appointment.case.client_id,
    )
    return moment


@transaction.atomic
def appointment_cancel(*, actor: User, appointment: Appointment) -> Appointment:
    appointment = access.appointment_get(actor, appointment.pk)
    if appointment.status != AppointmentStatus.PLANNED:
        raise Conflict(_("Deze afspraak is al afgehandeld."))
    appointment.status = AppointmentStatus.CANCELLED
    appointment.save(update_fields=["status"])
    audit_log(
        event=AuditEvent.APPOINTMENT_CANCELLED,
        actor=actor,
        obj=appointment,
        client_id=appointment.case.client_id,
    )
    return appointment
