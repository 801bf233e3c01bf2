"""Rollups of the case register, the suppression settings and the anonymous client survey."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wegwijs.accounts.models import Municipality, Organisation
from wegwijs.monitoring.constants import Dimension, PeriodKind, SurveyAnswer


class MonitoringSettings(models.Model):
    """The administrator's small-number settings: one row (pk 1)."""

    threshold = models.PositiveSmallIntegerField(
        _("drempel"),
        default=10,
        help_text=_("Aantallen onder deze drempel worden buiten de organisatie niet getoond."),
    )
    rounding = models.PositiveSmallIntegerField(
        _("afronden op"), default=5, help_text=_("Getoonde aantallen worden hierop afgerond.")
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("instellingen monitoring")
        verbose_name_plural = _("instellingen monitoring")
        constraints = [
            models.CheckConstraint(name="monitoring_settings_singleton", condition=Q(pk=1)),
            models.CheckConstraint(
                name="monitoring_threshold_positive", condition=Q(threshold__gte=1)
            ),
            models.CheckConstraint(
                name="monitoring_rounding_positive", condition=Q(rounding__gte=1)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.threshold} / {self.rounding}"


class Figure(models.Model):
    """Exact counts of one organisation, or of a whole municipality, for one period and code.

    Rows of a municipality (``organisation`` empty) count people across
    organisations by the keyed pseudonym. Distinct counts do not add up, so
    every period grain served (month, quarter, year) has its own rows.
    """

    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    period_kind = models.CharField(max_length=1, choices=PeriodKind.choices)
    period_start = models.DateField()
    dimension = models.CharField(max_length=20, choices=Dimension.choices)
    code = models.CharField(max_length=60, blank=True)
    clients = models.PositiveIntegerField(default=0)
    new_clients = models.PositiveIntegerField(default=0)
    cases = models.PositiveIntegerField(default=0)
    contact_moments = models.PositiveIntegerField(default=0)
    minutes = models.PositiveBigIntegerField(default=0)
    information_advice = models.PositiveIntegerField(default=0)
    trajectories = models.PositiveIntegerField(default=0)
    median_minutes = models.FloatField(default=0)
    satisfaction_sum = models.PositiveIntegerField(default=0)
    satisfaction_count = models.PositiveIntegerField(default=0)
    independent_yes = models.PositiveIntegerField(default=0)
    independent_answered = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="figure_one_scope",
                condition=Q(organisation__isnull=False, municipality__isnull=True)
                | Q(organisation__isnull=True, municipality__isnull=False),
            ),
        ]
        indexes = [
            models.Index(
                fields=["organisation", "period_kind", "period_start", "dimension"],
                name="figure_organisation_period",
            ),
            models.Index(
                fields=["municipality", "period_kind", "period_start", "dimension"],
                name="figure_municipality_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_kind}{self.period_start} {self.dimension}:{self.code}"


class DirtyMonth(models.Model):
    """A month of an organisation whose figures must be computed again."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "month"], name="dirty_month_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.month:%Y-%m}"


class Publication(models.Model):
    """Bumped whenever a municipality's figures of a year change: the suppressed view is redone."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    generation = models.PositiveIntegerField(default=1)
    # The suppressed cells as last computed, with what they were computed from.
    computed_stamp = models.CharField(max_length=40, blank=True)
    cells = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="publication_unique")
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.year} #{self.generation}"


class SurveyOffer(models.Model):
    """A closed case's chance to invite the client, for the supporter who closed it.

    It holds no case and no client: only who may make the link, for which
    organisation and month.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    supporter = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="survey_offers"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    expires_on = models.DateField()

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.month:%Y-%m}"


class SurveyInvitation(models.Model):
    """A single-use link: only a hash of its token, the organisation and the month."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    token_hash = models.CharField(max_length=64, unique=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    expires_on = models.DateField()

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.month:%Y-%m}"


class SurveyResponse(models.Model):
    """One client's anonymous answers: no client, no case, no invitation, no time of day."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    mark = models.PositiveSmallIntegerField(_("cijfer"))
    felt_heard = models.CharField(_("gehoord gevoeld"), max_length=8, choices=SurveyAnswer.choices)
    independent = models.CharField(
        _("ondersteuner onafhankelijk"), max_length=8, choices=SurveyAnswer.choices
    )
    found_via = models.CharField(_("hoe gevonden"), max_length=20)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="survey_mark_1_to_10", condition=Q(mark__gte=1, mark__lte=10)
            ),
        ]
        indexes = [models.Index(fields=["organisation", "month"])]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.month:%Y-%m}"
