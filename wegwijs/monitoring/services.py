"""Writes of monitoring: rollups, the suppression settings and the anonymous survey."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wegwijs.accounts.models import Organisation, User
from wegwijs.accounts.permissions import Capability, has_capability
from wegwijs.cases import selectors as case_selectors
from wegwijs.cases.constants import HeardVia
from wegwijs.core.audit import audit_log
from wegwijs.core.errors import NotFound, PermissionDenied, ValidationFailed
from wegwijs.monitoring import periods as periods_mod
from wegwijs.monitoring.constants import FIGURE_MEASURES, AuditEvent, SurveyAnswer
from wegwijs.monitoring.models import (
    DirtyMonth,
    Figure,
    MonitoringSettings,
    Publication,
    SurveyInvitation,
    SurveyOffer,
    SurveyResponse,
)
from wegwijs.monitoring.suppression import Policy

SURVEY_DAYS = 30
MAX_THRESHOLD = 100
MAX_ROUNDING = 100


# --- Settings -------------------------------------------------------------------


def monitoring_settings() -> MonitoringSettings:
    settings, _created = MonitoringSettings.objects.get_or_create(pk=1)
    return settings


def current_policy() -> Policy:
    settings = monitoring_settings()
    return Policy(threshold=settings.threshold, rounding=settings.rounding)


@transaction.atomic
def monitoring_settings_update(*, actor: User, threshold: Any, rounding: Any) -> MonitoringSettings:
    """Change the small-number settings; only an administrator may, and it is logged."""
    if not has_capability(actor, Capability.MANAGE_CONFIGURATION):
        raise PermissionDenied(_("Alleen een functioneel beheerder kan dit wijzigen."))
    for name, value, maximum in (
        ("threshold", threshold, MAX_THRESHOLD),
        ("rounding", rounding, MAX_ROUNDING),
    ):
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= maximum:
            raise ValidationFailed(
                _("Vul een heel getal van 1 tot en met %(max)d in.") % {"max": maximum},
                field=name,
            )
    settings = MonitoringSettings.objects.select_for_update().get(pk=monitoring_settings().pk)
    previous = {"threshold": settings.threshold, "rounding": settings.rounding}
    settings.threshold = threshold
    settings.rounding = rounding
    settings.save(update_fields=["threshold", "rounding", "updated_at"])
    audit_log(
        event=AuditEvent.SETTINGS_CHANGED,
        actor=actor,
        obj=settings,
        detail={"previous": previous, "threshold": threshold, "rounding": rounding},
    )
    return settings


# --- Rollups ----------------------------------------------------------------------


def mark_dirty(*, organisation_id: int, first_day: date, last_day: date | None = None) -> int:
    """Mark every month from ``first_day`` through ``last_day`` (today) to be computed again."""
    last_day = max(last_day or timezone.localdate(), first_day)
    months = periods_mod.months_between(first_day, last_day)
    existing = set(
        DirtyMonth.objects.filter(organisation_id=organisation_id, month__in=months).values_list(
            "month", flat=True
        )
    )
    DirtyMonth.objects.bulk_create(
        [DirtyMonth(organisation_id=organisation_id, month=m) for m in months if m not in existing],
        ignore_conflicts=True,
    )
    if existing:
        DirtyMonth.objects.filter(organisation_id=organisation_id, month__in=existing).update(
            marked_at=timezone.now()
        )
    return len(months)


def _replace_figures(
    *,
    period: periods_mod.Period,
    figures: dict[str, dict[str, dict[str, float]]],
    organisation_id: int | None = None,
    municipality_id: int | None = None,
) -> None:
    scope: dict[str, int | None] = (
        {"organisation_id": organisation_id}
        if organisation_id is not None
        else {"municipality_id": municipality_id}
    )
    Figure.objects.filter(period_kind=period.kind, period_start=period.start, **scope).delete()
    rows = []
    for dimension, codes in figures.items():
        for code, measures in codes.items():
            if not any(measures.get(name) for name in FIGURE_MEASURES):
                continue
            rows.append(
                Figure(
                    period_kind=period.kind,
                    period_start=period.start,
                    dimension=dimension,
                    code=code,
                    median_minutes=measures.get("median_minutes", 0),
                    **{name: int(measures.get(name, 0)) for name in FIGURE_MEASURES},
                    **scope,
                )
            )
    Figure.objects.bulk_create(rows, batch_size=500)


def _organisation_ids_of(municipality_id: int) -> list[int]:
    from wegwijs.monitoring.publication import organisations_of

    return [organisation.pk for organisation in organisations_of(municipality_id)]


def refresh_periods(
    *, organisation_periods: dict[int, set[periods_mod.Period]], today: date | None = None
) -> int:
    """Compute the figures of these organisations' periods and of their municipalities."""
    municipality_periods: dict[int, set[periods_mod.Period]] = defaultdict(set)
    computed = 0
    for organisation_id, wanted in organisation_periods.items():
        for period in sorted(wanted):
            figures = case_selectors.monitoring_figures(
                organisation_ids=[organisation_id], start=period.start, end=period.end
            )
            with transaction.atomic():
                _replace_figures(period=period, figures=figures, organisation_id=organisation_id)
            computed += 1
        for municipality_id in Organisation.municipalities.through.objects.filter(
            organisation_id=organisation_id
        ).values_list("municipality_id", flat=True):
            municipality_periods[municipality_id] |= wanted
    for municipality_id, wanted in municipality_periods.items():
        organisation_ids = _organisation_ids_of(municipality_id)
        for period in sorted(wanted):
            figures = case_selectors.monitoring_figures(
                organisation_ids=organisation_ids,
                start=period.start,
                end=period.end,
                by_resident=True,
            )
            with transaction.atomic():
                _replace_figures(period=period, figures=figures, municipality_id=municipality_id)
            computed += 1
        for year in {period.year for period in wanted}:
            publication, created = Publication.objects.get_or_create(
                municipality_id=municipality_id, year=year
            )
            if not created:
                Publication.objects.filter(pk=publication.pk).update(generation=F("generation") + 1)
    return computed


def refresh_dirty() -> int:
    """Compute every dirty month (with its quarter and year) again; answer how many periods."""
    started = timezone.now()
    dirty = list(
        DirtyMonth.objects.filter(marked_at__lte=started).values_list(
            "pk", "organisation_id", "month"
        )
    )
    if not dirty:
        return 0
    wanted: dict[int, set[periods_mod.Period]] = defaultdict(set)
    for _pk, organisation_id, month in dirty:
        wanted[organisation_id].update(periods_mod.containing(month))
    computed = refresh_periods(organisation_periods=wanted)
    # A month marked again while this ran keeps its newer mark and is done next time.
    DirtyMonth.objects.filter(pk__in=[pk for pk, *_rest in dirty], marked_at__lte=started).delete()
    return computed


def rebuild(
    *, organisation: Organisation | None = None, organisations: list[Organisation] | None = None
) -> int:
    """Compute all figures again from the register, of everything or of some organisations."""
    if organisation is not None:
        organisations = [organisation]
    today = timezone.localdate()
    if organisations is None:
        organisations = list(Organisation.objects.order_by("pk"))
        Figure.objects.all().delete()
    else:
        Figure.objects.filter(organisation__in=organisations).delete()
    for org in organisations:
        first_day = case_selectors.monitoring_first_day(organisation_ids=[org.pk])
        if first_day is not None:
            mark_dirty(organisation_id=org.pk, first_day=first_day, last_day=today)
    computed = refresh_dirty()
    _warm_publications(organisations)
    return computed


def _warm_publications(organisations: list[Organisation]) -> None:
    """Suppress the municipalities' years now, so no page waits for it after a rebuild."""
    from wegwijs.monitoring import publication

    policy = current_policy()
    municipality_ids = set(
        Organisation.municipalities.through.objects.filter(
            organisation_id__in=[org.pk for org in organisations]
        ).values_list("municipality_id", flat=True)
    )
    for municipality_id in municipality_ids:
        years = list(
            Publication.objects.filter(municipality_id=municipality_id).values_list(
                "year", flat=True
            )
        )
        publication.warm(municipality_id=municipality_id, years=years, policy=policy)


def rebuild_missing() -> int:
    """Compute the figures of every organisation that has a register but no figures yet.

    For loaders that write rows in bulk without signals (the demo, scale data):
    running it again changes nothing.
    """
    with_figures = set(
        Figure.objects.filter(organisation__isnull=False)
        .values_list("organisation_id", flat=True)
        .distinct()
    )
    missing = [
        organisation
        for organisation in Organisation.objects.exclude(pk__in=with_figures).order_by("pk")
        if case_selectors.monitoring_first_day(organisation_ids=[organisation.pk]) is not None
    ]
    computed = rebuild(organisations=missing) if missing else 0
    # Figures that changed after their last suppression are suppressed now, not on a first page.
    _warm_publications(list(Organisation.objects.all()))
    return computed


# --- Survey -------------------------------------------------------------------------


def survey_offer_create(
    *, supporter: Any, organisation_id: int, closed_on: date
) -> SurveyOffer | None:
    """Let the supporter who closed a case make one survey link; nothing points to the case."""
    if not has_capability(supporter, Capability.WORK_WITH_CLIENTS):
        return None
    return SurveyOffer.objects.create(
        supporter=supporter,
        organisation_id=organisation_id,
        month=closed_on.replace(day=1),
        expires_on=timezone.localdate() + timedelta(days=SURVEY_DAYS),
    )


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def survey_invite(*, actor: User, offer_id: Any, client_consents: bool) -> str:
    """Turn an offer into a single-use survey link; answer the token (shown once)."""
    if not has_capability(actor, Capability.WORK_WITH_CLIENTS):
        raise PermissionDenied()
    if not client_consents:
        raise ValidationFailed(
            _("Maak alleen een link als de cliënt dat goed vindt."), field="client_consents"
        )
    try:
        offer_uuid = uuid.UUID(str(offer_id))
    except ValueError:
        raise NotFound(_("Deze uitnodiging bestaat niet (meer).")) from None
    offer = (
        SurveyOffer.objects.select_for_update()
        .filter(pk=offer_uuid, supporter=actor, expires_on__gte=timezone.localdate())
        .first()
    )
    if offer is None:
        raise NotFound(_("Deze uitnodiging bestaat niet (meer)."))
    token = secrets.token_urlsafe(24)
    SurveyInvitation.objects.create(
        token_hash=_hash(token),
        organisation_id=offer.organisation_id,
        month=offer.month,
        expires_on=timezone.localdate() + timedelta(days=SURVEY_DAYS),
    )
    offer.delete()
    audit_log(event=AuditEvent.SURVEY_INVITED, actor=actor)
    return token


def survey_invitation(*, token: str) -> SurveyInvitation | None:
    return SurveyInvitation.objects.filter(
        token_hash=_hash(token or ""), expires_on__gte=timezone.localdate()
    ).first()


@transaction.atomic
def survey_answer(
    *, token: str, mark: Any, felt_heard: str, independent: str, found_via: str
) -> SurveyResponse:
    """Store one client's answers apart from everything else; the link works once."""
    invitation = (
        SurveyInvitation.objects.select_for_update()
        .filter(token_hash=_hash(token or ""), expires_on__gte=timezone.localdate())
        .first()
    )
    if invitation is None:
        raise NotFound(_("Deze link is al gebruikt of niet meer geldig."))
    if not isinstance(mark, int) or isinstance(mark, bool) or not 1 <= mark <= 10:
        raise ValidationFailed(_("Geef een cijfer van 1 tot en met 10."), field="mark")
    if felt_heard not in SurveyAnswer.values:
        raise ValidationFailed(_("Kies een antwoord."), field="felt_heard")
    if independent not in SurveyAnswer.values:
        raise ValidationFailed(_("Kies een antwoord."), field="independent")
    if found_via not in HeardVia.values:
        raise ValidationFailed(_("Kies een antwoord."), field="found_via")
    response = SurveyResponse.objects.create(
        organisation_id=invitation.organisation_id,
        month=invitation.month,
        mark=mark,
        felt_heard=felt_heard,
        independent=independent,
        found_via=found_via,
    )
    invitation.delete()
    return response
