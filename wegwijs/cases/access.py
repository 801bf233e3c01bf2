"""The one door to client data.

Every view, API endpoint, export and command gets clients, cases, contact
moments and appointments through these functions. They are always scoped to
the user's own organisation; supporters of an organisation that keeps cases
per supporter see only the cases assigned to them. Anything outside the
scope does not exist for the caller (``NotFound``, so 404). Roles without
client work (municipality, administrator) are refused outright.
"""

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from wegwijs.accounts.models import User
from wegwijs.accounts.permissions import Capability, has_capability
from wegwijs.cases.constants import AuditEvent
from wegwijs.cases.models import Appointment, Case, Client, ContactMoment
from wegwijs.core.audit import audit_log
from wegwijs.core.errors import NotFound, PermissionDenied


def _require_client_work(user: Any) -> Any:
    if not has_capability(user, Capability.WORK_WITH_CLIENTS):
        raise PermissionDenied(_("Uw rol geeft geen toegang tot cliëntgegevens."))
    assert user.organisation is not None  # organisation roles only
    return user


def sees_all_cases(user: User) -> bool:
    """Coordinators see every case; supporters when their organisation allows it."""
    organisation = user.organisation
    return has_capability(user, Capability.SEE_ALL_ORGANISATION_CASES) or bool(
        organisation and organisation.supporters_see_all_cases
    )


def cases_for(user: Any) -> QuerySet[Case]:
    """The cases ``user`` may see."""
    user = _require_client_work(user)
    cases = Case.objects.filter(organisation_id=user.organisation.pk)
    if not sees_all_cases(user):
        cases = cases.filter(supporters=user)
    return cases


def clients_for(user: Any) -> QuerySet[Client]:
    """The clients ``user`` may see: all of the organisation's, or those of visible cases."""
    user = _require_client_work(user)
    clients = Client.objects.filter(organisation_id=user.organisation.pk)
    if not sees_all_cases(user):
        # A client is visible with a case of one's own, or while nobody has a case yet.
        visible = cases_for(user).filter(client_id=OuterRef("pk"))
        any_case = Case.objects.filter(client_id=OuterRef("pk"))
        clients = clients.filter(Exists(visible) | ~Exists(any_case))
    return clients


def contact_moments_for(user: Any) -> QuerySet[ContactMoment]:
    user = _require_client_work(user)
    moments = ContactMoment.objects.filter(organisation_id=user.organisation.pk)
    if not sees_all_cases(user):
        moments = moments.filter(case__in=cases_for(user))
    return moments


def appointments_for(user: Any) -> QuerySet[Appointment]:
    user = _require_client_work(user)
    appointments = Appointment.objects.filter(organisation_id=user.organisation.pk)
    if not sees_all_cases(user):
        appointments = appointments.filter(case__in=cases_for(user))
    return appointments


def aggregate_sources(
    organisation_ids: list[int],
) -> tuple[QuerySet[Case], QuerySet[ContactMoment]]:
    """Cases and contact moments of these organisations, for aggregate figures only.

    Only the aggregate selectors of ``cases.selectors`` (``monitoring_*``) use
    this: they return counts, never rows, so no client leaves the organisation.
    """
    return (
        Case.objects.filter(organisation_id__in=organisation_ids),
        ContactMoment.objects.filter(organisation_id__in=organisation_ids),
    )


def client_get(user: Any, pk: Any, *, audit: bool = True) -> Client:
    """The client with ``pk`` if ``user`` may see it; viewing is logged."""
    try:
        client = clients_for(user).exclude(destroyed_at__isnull=False).get(pk=pk)
    except (Client.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Deze cliënt bestaat niet of u heeft er geen toegang toe.")) from None
    if audit:
        audit_log(event=AuditEvent.CLIENT_VIEWED, actor=user, obj=client, client_id=client.pk)
    return client


def case_get(user: Any, pk: Any, *, audit: bool = True) -> Case:
    """The case with ``pk`` if ``user`` may see it; viewing is logged."""
    try:
        case = cases_for(user).select_related("client", "topic", "outcome").get(pk=pk)
    except (Case.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Deze kwestie bestaat niet of u heeft er geen toegang toe.")) from None
    if audit:
        audit_log(event=AuditEvent.CASE_VIEWED, actor=user, obj=case, client_id=case.client_id)
    return case


def contact_moment_get(user: Any, pk: Any) -> ContactMoment:
    try:
        return contact_moments_for(user).select_related("case", "channel", "activity").get(pk=pk)
    except (ContactMoment.DoesNotExist, ValueError, TypeError):
        raise NotFound(
            _("Dit contactmoment bestaat niet of u heeft er geen toegang toe.")
        ) from None


def appointment_get(user: Any, pk: Any) -> Appointment:
    try:
        return appointments_for(user).select_related("case", "channel").get(pk=pk)
    except (Appointment.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Deze afspraak bestaat niet of u heeft er geen toegang toe.")) from None
