"""Deadlines tracked on a case, their reminders, and the supporters' calendar feeds.

The due date is computed by ``rules`` when the deadline is added and stored
with the explanation, so it stays what the supporter saw even when an
administrator later adds a bridge day.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from wegwijs.accounts.models import Organisation
from wegwijs.cases.models import Case
from wegwijs.deadlines import explain, rules
from wegwijs.deadlines.constants import DeadlineKind, DeadlineStatus, ReminderChannel


class Deadline(models.Model):
    """A legal term on a case: when it started, when it ends, and why then."""

    # Denormalised from the case, so every query can be scoped by organisation.
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        Case, verbose_name=_("kwestie"), on_delete=models.CASCADE, related_name="deadlines"
    )
    kind = models.CharField(_("soort termijn"), max_length=30, choices=DeadlineKind.choices)
    event_date = models.DateField(
        _("datum"), help_text=_("De datum waarna de termijn begint, zoals de bekendmaking.")
    )
    start_date = models.DateField(_("eerste dag van de termijn"))
    committee = models.BooleanField(_("met (advies- of klachten)commissie"), default=False)
    postponed = models.BooleanField(_("verdaagd of verlengd"), default=False)
    basis = models.CharField(_("wettelijke grondslag"), max_length=500)
    raw_end = models.DateField(_("einde volgens de regel"))
    due_date = models.DateField(_("uiterste datum"))
    # Every day the end moved past, with the reason: [{"date": ..., "reason": ...}].
    explanation = models.JSONField(_("uitleg"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN
    )
    met_on = models.DateField(_("gehaald op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toegevoegd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        ordering = ["due_date", "id"]
        constraints = [
            models.CheckConstraint(
                name="deadline_met_has_date",
                condition=Q(status=DeadlineStatus.MET, met_on__isnull=False)
                | (~Q(status=DeadlineStatus.MET) & Q(met_on__isnull=True)),
            ),
            models.CheckConstraint(
                name="deadline_due_not_before_raw_end", condition=Q(due_date__gte=F("raw_end"))
            ),
            models.CheckConstraint(
                name="deadline_raw_end_after_start", condition=Q(raw_end__gte=F("start_date"))
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "due_date"]),
            models.Index(fields=["status", "due_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.due_date:%d-%m-%Y})"

    @property
    def moves(self) -> list[dict[str, Any]]:
        """The explanation with real dates, worded in the active language."""
        return [explain.stored_move(move) for move in self.explanation]

    @property
    def basis_display(self) -> str:
        """The legal basis in the active language (``basis`` keeps the Dutch record)."""
        regime = rules.regime_of(self.kind, committee=self.committee, postponed=self.postponed)
        return explain.basis(self.kind, regime)


class DeadlineReminder(models.Model):
    """One reminder sent to one supporter: the unique constraint keeps it to one."""

    deadline = models.ForeignKey(
        Deadline, verbose_name=_("termijn"), on_delete=models.CASCADE, related_name="reminders"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        on_delete=models.CASCADE,
        related_name="deadline_reminders",
    )
    days_before = models.PositiveSmallIntegerField(_("werkdagen vooraf"))
    channel = models.CharField(_("kanaal"), max_length=10, choices=ReminderChannel.choices)
    sent_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "recipient", "days_before", "channel"],
                name="deadline_reminder_once",
            ),
        ]
        indexes = [models.Index(fields=["recipient", "channel", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.deadline_id} -{self.days_before} {self.channel}"


class CalendarFeedToken(models.Model):
    """The secret in a supporter's private iCalendar URL; renewing replaces it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="calendar_feed_token",
    )
    token = models.CharField(_("sleutel"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("aangemaakt op"))

    class Meta:
        verbose_name = _("agenda-link")
        verbose_name_plural = _("agenda-links")

    def __str__(self) -> str:
        return str(self.user)
