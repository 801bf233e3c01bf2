"""Writes of the sociale kaart: services, locations, opening hours, synonyms, checks.

Coordinators change the entries of their own organisation; the administrator
changes every organisation's entries. ``directory_editable_by`` is the one
place that decides this.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wegwijs.accounts.constants import Role
from wegwijs.accounts.models import Organisation, User
from wegwijs.accounts.permissions import Capability, has_capability
from wegwijs.core.audit import audit_log
from wegwijs.core.errors import NotFound, PermissionDenied, ValidationFailed
from wegwijs.directory import search
from wegwijs.directory.constants import STALE_AFTER_DAYS, ServiceStatus
from wegwijs.directory.models import (
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    ServiceSearchTerm,
    Synonym,
)
from wegwijs.reference.languages import LANGUAGE_CODES, language_label
from wegwijs.reference.models import Area, Channel, CodeListItem, TargetGroup, Topic

SERVICE_FIELDS = ("name", "description", "eligibility", "url", "email", "phone", "is_free", "cost")
LOCATION_FIELDS = (
    "name",
    "description",
    "street_address",
    "postcode",
    "city",
    "accessibility",
    "is_confidential",
)


# --- Who may change what ------------------------------------------------------


def directory_editable_by(user: Any, organisation: Organisation) -> bool:
    """Coordinators edit their own organisation's entries; the administrator every one."""
    if has_capability(user, Capability.MANAGE_CONFIGURATION):
        return True
    return (
        has_capability(user, Capability.MANAGE_ORGANISATION)
        and user.organisation is not None
        and user.organisation.pk == organisation.pk
    )


def _check_may_edit(actor: User | None, organisation: Organisation) -> None:
    # ``actor=None`` is the system itself: the demo loader, imports, commands.
    if actor is not None and not directory_editable_by(actor, organisation):
        # Another organisation's entries do not exist for this user.
        raise NotFound(_("Deze vermelding bestaat niet."))


# --- Helpers ------------------------------------------------------------------


def _clean(instance: Any, *, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise ValidationFailed(
            " ".join(messages), field=None if field == "__all__" else field
        ) from exc


def _codes(model: type[CodeListItem], codes: Iterable[str], *, field: str) -> list[Any]:
    wanted = sorted(set(codes))
    found = list(model.objects.filter(code__in=wanted))
    missing = set(wanted) - {item.code for item in found}
    if missing:
        raise ValidationFailed(
            _("Onbekende code: %(codes)s.") % {"codes": ", ".join(sorted(missing))}, field=field
        )
    return found


def _areas(organisation: Organisation, codes: Iterable[str]) -> list[Area]:
    wanted = sorted(set(codes))
    found = list(
        Area.objects.filter(code__in=wanted, municipality__in=organisation.municipalities.all())
    )
    missing = set(wanted) - {area.code for area in found}
    if missing:
        raise ValidationFailed(
            _("Onbekend gebied: %(codes)s.") % {"codes": ", ".join(sorted(missing))},
            field="areas",
        )
    return found


def _languages(codes: Iterable[str]) -> list[str]:
    wanted = sorted(set(codes))
    unknown = [code for code in wanted if code not in LANGUAGE_CODES]
    if unknown:
        raise ValidationFailed(
            _("Onbekende taal: %(codes)s.") % {"codes": ", ".join(unknown)}, field="languages"
        )
    return wanted


def _event(name: str) -> str:
    return f"directory.{name}"


# --- Search document ----------------------------------------------------------


def service_search_terms(service: Service) -> dict[str, int]:
    """The weighted stems of a service; labels in Dutch and English both find it."""
    organisation = service.organisation
    labels: list[str] = []
    for item in [*service.topics.all(), *service.target_groups.all(), *service.channels.all()]:
        labels += [item.label_nl, item.label_en]
    labels += [area.name for area in service.areas.all()]
    labels += [organisation.get_kind_display()]
    labels += [language_label(language.code) for language in service.languages.all()]
    return search.document_terms(
        title=[service.name, organisation.name],
        body=[service.description, service.eligibility, organisation.description, *labels],
    )


def service_refresh_search(services: Sequence[Service]) -> None:
    """Rebuild the search document and terms of ``services`` (after any change to them)."""
    if not services:
        return
    ids = [service.pk for service in services]
    fresh = list(
        Service.objects.filter(pk__in=ids)
        .select_related("organisation")
        .prefetch_related("topics", "target_groups", "channels", "areas", "languages")
    )
    rows: list[ServiceSearchTerm] = []
    for service in fresh:
        terms = service_search_terms(service)
        service.search_document = " ".join(sorted(terms))
        rows += [
            ServiceSearchTerm(service=service, term=term, weight=weight)
            for term, weight in terms.items()
        ]
    with transaction.atomic():
        ServiceSearchTerm.objects.filter(service_id__in=ids).delete()
        ServiceSearchTerm.objects.bulk_create(rows, batch_size=2000)
        Service.objects.bulk_update(fresh, ["search_document"], batch_size=500)


def organisation_refresh_search(organisation: Organisation) -> None:
    """The organisation's name and description are in its services' documents."""
    service_refresh_search(list(organisation.services.all()))


# --- Services -----------------------------------------------------------------


def _set_relations(
    service: Service,
    *,
    topic_codes: Iterable[str] | None,
    target_group_codes: Iterable[str] | None,
    area_codes: Iterable[str] | None,
    channel_codes: Iterable[str] | None,
    language_codes: Iterable[str] | None,
) -> None:
    if topic_codes is not None:
        service.topics.set(_codes(Topic, topic_codes, field="topics"))
    if target_group_codes is not None:
        service.target_groups.set(_codes(TargetGroup, target_group_codes, field="target_groups"))
    if channel_codes is not None:
        service.channels.set(_codes(Channel, channel_codes, field="channels"))
    if area_codes is not None:
        service.areas.set(_areas(service.organisation, area_codes))
    if language_codes is not None:
        codes = _languages(language_codes)
        service.languages.exclude(code__in=codes).delete()
        have = set(service.languages.values_list("code", flat=True))
        ServiceLanguage.objects.bulk_create(
            [ServiceLanguage(service=service, code=code) for code in codes if code not in have]
        )


@transaction.atomic
def service_create(
    *,
    actor: User | None,
    organisation: Organisation,
    name: str,
    description: str = "",
    eligibility: str = "",
    url: str = "",
    email: str = "",
    phone: str = "",
    is_free: bool = True,
    cost: str = "",
    topic_codes: Iterable[str] = (),
    target_group_codes: Iterable[str] = (),
    area_codes: Iterable[str] = (),
    channel_codes: Iterable[str] = (),
    language_codes: Iterable[str] = ("nl",),
    status: str = ServiceStatus.ACTIVE,
    checked_on: date | None = None,
) -> Service:
    _check_may_edit(actor, organisation)
    if not name.strip():
        raise ValidationFailed(_("Geef de naam van de dienst."), field="name")
    service = Service(
        organisation=organisation,
        name=name.strip(),
        description=description.strip(),
        eligibility=eligibility.strip(),
        url=url,
        email=email,
        phone=phone.strip(),
        is_free=is_free,
        cost="" if is_free else cost.strip(),
        status=status,
        checked_on=checked_on or timezone.localdate(),
    )
    _clean(service, exclude=["search_document"])
    service.save()
    _set_relations(
        service,
        topic_codes=topic_codes,
        target_group_codes=target_group_codes,
        area_codes=area_codes,
        channel_codes=channel_codes,
        language_codes=language_codes,
    )
    service_refresh_search([service])
    audit_log(event=_event("service.created"), actor=actor, obj=service)
    return service


@transaction.atomic
def service_update(
    *,
    actor: User | None,
    service: Service,
    topic_codes: Iterable[str] | None = None,
    target_group_codes: Iterable[str] | None = None,
    area_codes: Iterable[str] | None = None,
    channel_codes: Iterable[str] | None = None,
    language_codes: Iterable[str] | None = None,
    **fields: Any,
) -> Service:
    """Change the given fields; saving counts as checking the entry."""
    _check_may_edit(actor, service.organisation)
    unknown = set(fields) - {*SERVICE_FIELDS, "status"}
    if unknown:
        raise ValidationFailed(_("Onbekend veld: %(fields)s.") % {"fields": ", ".join(unknown)})
    for field, value in fields.items():
        setattr(service, field, value.strip() if isinstance(value, str) else value)
    if not service.name:
        raise ValidationFailed(_("Geef de naam van de dienst."), field="name")
    if service.is_free:
        service.cost = ""
    service.checked_on = timezone.localdate()
    service.stale_since = None
    _clean(service, exclude=["search_document"])
    service.save()
    _set_relations(
        service,
        topic_codes=topic_codes,
        target_group_codes=target_group_codes,
        area_codes=area_codes,
        channel_codes=channel_codes,
        language_codes=language_codes,
    )
    service_refresh_search([service])
    audit_log(event=_event("service.updated"), actor=actor, obj=service)
    return service


@transaction.atomic
def service_delete(*, actor: User | None, service: Service) -> None:
    _check_may_edit(actor, service.organisation)
    audit_log(event=_event("service.deleted"), actor=actor, obj=service)
    service.delete()


# --- Locations and opening hours ----------------------------------------------


@transaction.atomic
def location_create(
    *,
    actor: User | None,
    organisation: Organisation,
    name: str,
    area: Area | None = None,
    checked_on: date | None = None,
    **fields: Any,
) -> Location:
    _check_may_edit(actor, organisation)
    unknown = set(fields) - set(LOCATION_FIELDS)
    if unknown:
        raise ValidationFailed(_("Onbekend veld: %(fields)s.") % {"fields": ", ".join(unknown)})
    if not name.strip():
        raise ValidationFailed(_("Geef de naam van de locatie."), field="name")
    location = Location(
        organisation=organisation,
        name=name.strip(),
        area=area,
        checked_on=checked_on or timezone.localdate(),
        **{
            key: value.strip() if isinstance(value, str) else value for key, value in fields.items()
        },
    )
    location.postcode = location.postcode.upper().replace(" ", "")
    _clean(location)
    location.save()
    audit_log(event=_event("location.created"), actor=actor, obj=location)
    return location


@transaction.atomic
def location_update(
    *, actor: User | None, location: Location, area: Area | None = None, **fields: Any
) -> Location:
    _check_may_edit(actor, location.organisation)
    unknown = set(fields) - set(LOCATION_FIELDS)
    if unknown:
        raise ValidationFailed(_("Onbekend veld: %(fields)s.") % {"fields": ", ".join(unknown)})
    for field, value in fields.items():
        setattr(location, field, value.strip() if isinstance(value, str) else value)
    if not location.name:
        raise ValidationFailed(_("Geef de naam van de locatie."), field="name")
    location.area = area
    location.postcode = location.postcode.upper().replace(" ", "")
    location.checked_on = timezone.localdate()
    location.stale_since = None
    _clean(location)
    location.save()
    audit_log(event=_event("location.updated"), actor=actor, obj=location)
    return location


@transaction.atomic
def location_delete(*, actor: User | None, location: Location) -> None:
    _check_may_edit(actor, location.organisation)
    audit_log(event=_event("location.deleted"), actor=actor, obj=location)
    location.delete()


@transaction.atomic
def service_at_location_set(
    *, actor: User | None, service: Service, locations: Sequence[Location]
) -> None:
    """Give ``service`` at exactly ``locations`` (all of the same organisation)."""
    _check_may_edit(actor, service.organisation)
    if any(location.organisation_id != service.organisation_id for location in locations):
        raise ValidationFailed(
            _("Kies alleen locaties van de eigen organisatie."), field="locations"
        )
    wanted = {location.pk for location in locations}
    service.at_locations.exclude(location_id__in=wanted).delete()
    have = set(service.at_locations.values_list("location_id", flat=True))
    ServiceAtLocation.objects.bulk_create(
        [ServiceAtLocation(service=service, location_id=pk) for pk in wanted - have]
    )
    audit_log(event=_event("service.locations_set"), actor=actor, obj=service)


@transaction.atomic
def schedule_add(
    *,
    actor: User | None,
    location: Location | None = None,
    service_at_location: ServiceAtLocation | None = None,
    weekday: int,
    opens_at: time,
    closes_at: time,
    is_walk_in: bool = False,
    note: str = "",
) -> Schedule:
    owner = location or (service_at_location.location if service_at_location else None)
    if owner is None:
        raise ValidationFailed(_("Kies een locatie."), field="location")
    _check_may_edit(actor, owner.organisation)
    if closes_at <= opens_at:
        raise ValidationFailed(
            _("De sluitingstijd moet na de openingstijd liggen."), field="closes_at"
        )
    schedule = Schedule(
        location=location if service_at_location is None else None,
        service_at_location=service_at_location,
        weekday=weekday,
        opens_at=opens_at,
        closes_at=closes_at,
        is_walk_in=is_walk_in,
        note=note.strip(),
    )
    _clean(schedule)
    schedule.save()
    audit_log(event=_event("schedule.added"), actor=actor, obj=owner)
    return schedule


@transaction.atomic
def schedule_delete(*, actor: User | None, schedule: Schedule) -> None:
    owner = schedule.location or schedule.service_at_location.location  # type: ignore[union-attr]
    _check_may_edit(actor, owner.organisation)
    audit_log(event=_event("schedule.deleted"), actor=actor, obj=owner)
    schedule.delete()


# --- Checking entries ---------------------------------------------------------


@transaction.atomic
def entries_mark_checked(*, actor: User | None, organisation: Organisation) -> int:
    """Confirm that every entry of ``organisation`` is still right; returns how many."""
    _check_may_edit(actor, organisation)
    today = timezone.localdate()
    count = Service.objects.filter(organisation=organisation).update(
        checked_on=today, stale_since=None
    )
    count += Location.objects.filter(organisation=organisation).update(
        checked_on=today, stale_since=None
    )
    audit_log(event=_event("entries.checked"), actor=actor, obj=organisation)
    return count


@dataclass(frozen=True)
class StaleReport:
    services: int
    locations: int
    emails: int


def stale_entries_flag(*, today: date | None = None) -> StaleReport:
    """Mark entries not checked for a year as stale and remind the coordinators once.

    Idempotent: an entry already marked is not counted again, so a second run
    on the same day marks nothing and sends nothing. Checking an entry clears
    the mark; a year later it is flagged (and reminded) again.
    """
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=STALE_AFTER_DAYS)
    with transaction.atomic():
        services = list(
            Service.objects.select_for_update()
            .filter(checked_on__lt=cutoff, stale_since__isnull=True)
            .values_list("pk", "organisation_id")
        )
        locations = list(
            Location.objects.select_for_update()
            .filter(checked_on__lt=cutoff, stale_since__isnull=True)
            .values_list("pk", "organisation_id")
        )
        Service.objects.filter(pk__in=[pk for pk, _org in services]).update(stale_since=today)
        Location.objects.filter(pk__in=[pk for pk, _org in locations]).update(stale_since=today)
        counts: dict[int, int] = {}
        for _pk, organisation_id in [*services, *locations]:
            counts[organisation_id] = counts.get(organisation_id, 0) + 1
        audit_log(
            event=_event("entries.flagged_stale"),
            actor=None,
            detail={"services": len(services), "locations": len(locations)},
        )
    emails = _remind_coordinators(counts)
    return StaleReport(services=len(services), locations=len(locations), emails=emails)


def _remind_coordinators(counts: dict[int, int]) -> int:
    if not counts:
        return 0
    base = getattr(settings, "WEGWIJS_BASE_URL", "").rstrip("/")
    organisations = {o.pk: o for o in Organisation.objects.filter(pk__in=list(counts))}
    coordinators = User.objects.filter(
        is_active=True,
        membership__role=Role.COORDINATOR,
        membership__organisation_id__in=list(counts),
    )
    sent = 0
    for user in coordinators:
        organisation = organisations[user.membership.organisation_id]  # type: ignore[index]
        link = (
            base + reverse("directory:manage-organisation", args=[organisation.slug])
            if base
            else ""
        )
        context = {
            "recipient": user,
            "organisation": organisation,
            "count": counts[organisation.pk],
            "link": link,
        }
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Kloppen uw gegevens op de sociale kaart nog? (%(name)s)") % {
                "name": organisation.name
            }
            body = render_to_string("directory/email/stale_reminder.txt", context)
        send_mail(subject, body, None, [user.email])
        sent += 1
    return sent


# --- Synonyms -------------------------------------------------------------------


@transaction.atomic
def synonym_save(
    *, actor: User | None, term: str, alternatives: Sequence[str], both_ways: bool = True
) -> Synonym:
    """Add or replace the synonyms of ``term``."""
    if actor is not None and not has_capability(actor, Capability.MANAGE_CONFIGURATION):
        raise PermissionDenied
    term = term.strip().lower()
    words = [word.strip().lower() for word in alternatives if word.strip()]
    if not term or not words:
        raise ValidationFailed(_("Geef een zoekwoord en minstens één ander woord."), field="term")
    synonym, _created = Synonym.objects.update_or_create(
        term=term, defaults={"alternatives": ", ".join(words), "both_ways": both_ways}
    )
    _clean(synonym)
    audit_log(event=_event("synonym.saved"), actor=actor, obj=synonym)
    return synonym
