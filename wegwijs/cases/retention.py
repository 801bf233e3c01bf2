"""Destroying a client's file on request (Wmo 2015 art. 5.3.5, BWBR0035362).

Personal data and free text go; the anonymous facts that monitoring counts
stay, so totals of past periods do not change. See
docs/decisions/0002-destruction-keeps-anonymous-facts.md for what is kept and why.
"""

from datetime import date

from django.db import transaction
from django.db.models import F, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from wegwijs.accounts.models import User
from wegwijs.accounts.permissions import Capability, has_capability
from wegwijs.cases import access, signals
from wegwijs.cases.constants import AppointmentStatus, AuditEvent
from wegwijs.cases.models import Client, ContactMomentRevision
from wegwijs.core.audit import audit_log
from wegwijs.core.errors import PermissionDenied, ValidationFailed

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
    for name, value in CLEARED_FIELDS.items():
        setattr(client, name, value)
    # Set only after the fields are empty: the database refuses an anonymous
    # client with personal data (client_anonymous_has_no_personal_data).
    client.is_anonymous = True
    client.destroyed_at = timezone.now()
    client.save(update_fields=[*CLEARED_FIELDS, "is_anonymous", "destroyed_at", "updated_at"])

    client.consents.all().delete()
    cases = access.cases_for(actor).filter(client=client)
    # A version bump makes an edit that was open on another screen fail with a
    # conflict instead of writing a question back.
    case_count = cases.update(question="", version=F("version") + 1)
    moments = access.contact_moments_for(actor).filter(case__client=client)
    ContactMomentRevision.objects.filter(contact_moment__in=moments).delete()
    contact_count = moments.update(note="", version=F("version") + 1)
    appointments = access.appointments_for(actor).filter(case__client=client)
    appointments.filter(status=AppointmentStatus.PLANNED).update(status=AppointmentStatus.CANCELLED)
    appointments.update(place="", description="")

    first_day = cases.aggregate(first=Min("opened_on"))["first"]
    if first_day is not None:
        signals.register_changed.send(
            sender=Client, organisation_id=client.organisation_id, first_day=first_day
        )
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
