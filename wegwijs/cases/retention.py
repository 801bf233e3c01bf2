"""Destroying a client's file on request (Wmo 2015 art. 5.3.5, BWBR0035362) and
after the retention period (Wmo 2015 art. 5.3.4).

Personal data and free text go; the anonymous facts that monitoring counts
stay, so totals of past periods do not change. See
docs/decisions/0002-destruction-keeps-anonymous-facts.md for what is kept and why.
Written requests to destroy a file are tracked against their three-month
term (``DestructionRequest``).
"""

from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Exists, F, Min, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wegwijs.accounts.models import User
from wegwijs.accounts.permissions import Capability, has_capability
from wegwijs.cases import access, signals
from wegwijs.cases.constants import AppointmentStatus, AuditEvent
from wegwijs.cases.models import Appointment, Case, Client, ContactMoment, ContactMomentRevision
from wegwijs.core.audit import audit_log
from wegwijs.core.errors import PermissionDenied, ValidationFailed
from wegwijs.reference.constants import DESTRUCTION_TERM_MONTHS
from wegwijs.reference.models import DestructionRequest

# Every field that says who the client is or how to reach them.
CLEARED_FIELDS = {
    "given_name": "",
    "family_name": "",
    "date_of_birth": None,
    "postcode": "",
    "house_number": "",
    "phone": "",
    "email": "",
    "preferred_language": "",
    "representative_name": "",
    "representative_kind": "",
    "representative_phone": "",
}
MAX_REASON_LENGTH = 500


@transaction.atomic
def client_destroy(*, actor: User, client: Client, requested_on: date, reason: str) -> Client:
    """Destroy the client's personal data and notes; keep the anonymous facts monitoring counts.

    Cases, contact moments and appointments keep their dates, topic, channel,
    activity, minutes, outcome and satisfaction; the pseudonym stays, so the
    number of unique residents of past periods stays the same.
    """
    if not has_capability(actor, Capability.MANAGE_ORGANISATION):
        raise PermissionDenied(_("Alleen een coördinator kan een dossier vernietigen."))
    found = access.client_get(actor, client.pk, audit=False)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(
            _("Geef de reden, bijvoorbeeld 'schriftelijk verzoek van de cliënt'."), field="reason"
        )
    if len(reason) > MAX_REASON_LENGTH:
        raise ValidationFailed(
            _("Houd de reden kort: hoogstens %(max)d tekens.") % {"max": MAX_REASON_LENGTH},
            field="reason",
        )
    if requested_on > timezone.localdate():
        raise ValidationFailed(_("Deze datum ligt in de toekomst."), field="requested_on")

    # Lock the row: a concurrent edit of the client waits and then finds it gone.
    client = access.clients_for(actor).select_for_update().get(pk=found.pk)
    case_count, contact_count = _erase(
        client,
        actor=actor,
        cases=access.cases_for(actor).filter(client=client),
        moments=access.contact_moments_for(actor).filter(case__client=client),
        appointments=access.appointments_for(actor).filter(case__client=client),
    )
    _complete_destruction_requests(actor=actor, client=client, requested_on=requested_on)
    audit_log(
        event=AuditEvent.CLIENT_DESTROYED,
        actor=actor,
        obj=client,
        client_id=client.pk,
        detail={
            "requested_on": requested_on.isoformat(),
            "reason": reason,
            "cases": case_count,
            "contact_moments": contact_count,
        },
    )
    return client


def _erase(
    client: Client,
    *,
    actor: User | None,
    cases: QuerySet[Case],
    moments: QuerySet[ContactMoment],
    appointments: QuerySet[Appointment],
) -> tuple[int, int]:
    """Clear the client's personal data and notes; return the cases and contact moments touched."""
    for name, value in CLEARED_FIELDS.items():
        setattr(client, name, value)
    # Set only after the fields are empty: the database refuses an anonymous
    # client with personal data (client_anonymous_has_no_personal_data).
    client.is_anonymous = True
    client.destroyed_at = timezone.now()
    client.save(update_fields=[*CLEARED_FIELDS, "is_anonymous", "destroyed_at", "updated_at"])

    client.consents.all().delete()
    # A version bump makes an edit that was open on another screen fail with a
    # conflict instead of writing a question back.
    case_count = cases.update(question="", version=F("version") + 1)
    ContactMomentRevision.objects.filter(contact_moment__in=moments).delete()
    contact_count = moments.update(note="", version=F("version") + 1)
    appointments.filter(status=AppointmentStatus.PLANNED).update(status=AppointmentStatus.CANCELLED)
    appointments.update(place="", description="")

    first_day = cases.aggregate(first=Min("opened_on"))["first"]
    if first_day is not None:
        signals.register_changed.send(
            sender=Client, organisation_id=client.organisation_id, first_day=first_day
        )
    signals.client_erased.send(
        sender=Client,
        client=client,
        case_ids=list(cases.values_list("pk", flat=True)),
        actor=actor,
    )
    return case_count, contact_count


# --- Destruction requests (Wmo 5.3.5) --------------------------------------------


@transaction.atomic
def destruction_request_register(
    *, actor: User, client: Client, received_on: date
) -> DestructionRequest:
    """Record a client's written request to destroy their file; due three months after receipt."""
    if not has_capability(actor, Capability.MANAGE_ORGANISATION):
        raise PermissionDenied(_("Alleen een coördinator kan een dossier vernietigen."))
    found = access.client_get(actor, client.pk, audit=False)
    if received_on > timezone.localdate():
        raise ValidationFailed(_("Deze datum ligt in de toekomst."), field="received_on")
    if DestructionRequest.objects.filter(
        client_id=found.pk, organisation_id=found.organisation_id, completed_on__isnull=True
    ).exists():
        raise ValidationFailed(
            _("Voor deze cliënt staat al een verzoek tot vernietiging open."), field="received_on"
        )
    request = DestructionRequest(
        organisation_id=found.organisation_id,
        client_id=found.pk,
        client_reference=found.reference,
        received_on=received_on,
        due_on=received_on + relativedelta(months=DESTRUCTION_TERM_MONTHS),
        registered_by=actor,
    )
    request.full_clean()
    request.save()
    audit_log(
        event=AuditEvent.DESTRUCTION_REQUESTED,
        actor=actor,
        obj=found,
        client_id=found.pk,
        detail={"received_on": received_on.isoformat(), "due_on": request.due_on.isoformat()},
    )
    return request


def _complete_destruction_requests(*, actor: User, client: Client, requested_on: date) -> None:
    today = timezone.localdate()
    done = DestructionRequest.objects.filter(
        organisation_id=client.organisation_id, client_id=client.pk, completed_on__isnull=True
    ).update(completed_on=today)
    if not done:
        # Destroyed without a registered request: recorded now, so the list is complete.
        DestructionRequest.objects.create(
            organisation_id=client.organisation_id,
            client_id=client.pk,
            client_reference=client.reference,
            received_on=requested_on,
            due_on=requested_on + relativedelta(months=DESTRUCTION_TERM_MONTHS),
            completed_on=today,
            registered_by=actor,
        )


def destruction_requests_for(actor: User) -> QuerySet[DestructionRequest]:
    """The destruction requests of the actor's organisation: open ones first, soonest due first."""
    if not has_capability(actor, Capability.MANAGE_ORGANISATION):
        raise PermissionDenied(_("Alleen een coördinator kan een dossier vernietigen."))
    organisation = actor.organisation
    if organisation is None:
        raise PermissionDenied(_("Alleen een coördinator kan een dossier vernietigen."))
    return (
        DestructionRequest.objects.filter(organisation_id=organisation.pk)
        .select_related("registered_by")
        .order_by(F("completed_on").desc(nulls_first=True), "due_on", "id")
    )


# --- Retention periods (Wmo 5.3.4), run by apply_retention ------------------------


def clients_expire(*, cutoff: datetime) -> int:
    """Anonymise client files not changed since ``cutoff``: the client, a case or a contact moment.

    Registered for ``RetentionRecordType.CLIENT_FILE``; a second run finds nothing.
    """
    recent_case = Case.objects.filter(client=OuterRef("pk"), updated_at__gte=cutoff)
    recent_moment = ContactMoment.objects.filter(
        case__client=OuterRef("pk"), updated_at__gte=cutoff
    )
    open_case = Case.objects.filter(client=OuterRef("pk"), closed_on__isnull=True)
    expired = (
        Client.objects.filter(destroyed_at__isnull=True, updated_at__lt=cutoff)
        .exclude(Exists(recent_case) | Exists(recent_moment) | Exists(open_case))
        .values_list("pk", flat=True)
    )
    count = 0
    for pk in list(expired):
        with transaction.atomic():
            client = Client.objects.select_for_update().get(pk=pk)
            if client.destroyed_at is not None or client.updated_at >= cutoff:
                continue
            case_count, contact_count = _erase(
                client,
                actor=None,
                cases=Case.objects.filter(client=client),
                moments=ContactMoment.objects.filter(case__client=client),
                appointments=Appointment.objects.filter(case__client=client),
            )
            audit_log(
                event=AuditEvent.CLIENT_EXPIRED,
                actor=None,
                obj=client,
                client_id=client.pk,
                detail={
                    "cutoff": cutoff.isoformat(),
                    "cases": case_count,
                    "contact_moments": contact_count,
                },
            )
            count += 1
    return count


def audit_entries_expire(*, cutoff: datetime) -> int:
    """Clear the content of audit entries about files destroyed before ``cutoff``.

    Registered for ``RetentionRecordType.AUDIT_ENTRY`` ("as long as the file
    plus five years"); the hash chain still verifies (``core.chain``).
    """
    from wegwijs.core.chain import audit_entries_redact
    from wegwijs.core.models import AuditEntry

    gone = Client.objects.filter(destroyed_at__lt=cutoff).values_list("pk", flat=True)
    client_ids = [str(pk) for pk in gone]
    if not client_ids:
        return 0
    return audit_entries_redact(
        AuditEntry.objects.filter(Q(client_id__in=client_ids), redacted_at__isnull=True)
    )
