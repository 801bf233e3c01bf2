from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wegwijs.accounts.models import Municipality, Organisation
from wegwijs.reference.constants import AreaKind, HolidayKind, RetentionRecordType


class CodeListItem(models.Model):
    """An entry of a reference list: a stable code with Dutch and English labels."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    label_nl = models.CharField(_("naam (Nederlands)"), max_length=120)
    label_en = models.CharField(_("naam (Engels)"), max_length=120)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(
        _("in gebruik"), default=True, help_text=_("Niet meer te kiezen, wel te tellen.")
    )

    objects = models.Manager()

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.label_en if (get_language() or "nl").startswith("en") else self.label_nl


class Topic(CodeListItem):
    class Meta(CodeListItem.Meta):
        verbose_name = _("onderwerp")
        verbose_name_plural = _("onderwerpen")


class Channel(CodeListItem):
    class Meta(CodeListItem.Meta):
        verbose_name = _("kanaal")
        verbose_name_plural = _("kanalen")


class Activity(CodeListItem):
    class Meta(CodeListItem.Meta):
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")


class TargetGroup(CodeListItem):
    class Meta(CodeListItem.Meta):
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")


class Outcome(CodeListItem):
    class Meta(CodeListItem.Meta):
        verbose_name = _("resultaat")
        verbose_name_plural = _("resultaten")


class ReferralStatus(CodeListItem):
    class Meta(CodeListItem.Meta):
        verbose_name = _("status van een doorverwijzing")
        verbose_name_plural = _("statussen van doorverwijzingen")


class ReferralDeclineReason(CodeListItem):
    class Meta(CodeListItem.Meta):
        verbose_name = _("reden van afwijzing")
        verbose_name_plural = _("redenen van afwijzing")


class Area(models.Model):
    """A stadsdeel or a wijk of a municipality."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.CASCADE, related_name="areas"
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("naam"), max_length=100)
    kind = models.CharField(_("soort"), max_length=10, choices=AreaKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("ligt in"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        verbose_name = _("gebied")
        verbose_name_plural = _("gebieden")
        ordering = ["municipality", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="area_code_unique"),
            models.CheckConstraint(
                name="area_wijk_has_parent",
                condition=models.Q(kind=AreaKind.DISTRICT, parent__isnull=True)
                | models.Q(kind=AreaKind.NEIGHBOURHOOD, parent__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Holiday(models.Model):
    """A day that does not count as an end day under the Algemene termijnenwet."""

    date = models.DateField(_("datum"), unique=True)
    name_nl = models.CharField(_("naam (Nederlands)"), max_length=100)
    name_en = models.CharField(_("naam (Engels)"), max_length=100)
    kind = models.CharField(_("soort"), max_length=20, choices=HolidayKind.choices)
    source = models.CharField(
        _("bron"), max_length=200, blank=True, help_text=_("Bijvoorbeeld: Stcrt. 2025, 24713")
    )

    class Meta:
        verbose_name = _("feestdag (Atw)")
        verbose_name_plural = _("feestdagen (Atw)")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.name}"

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "nl").startswith("en") else self.name_nl


class RetentionPeriod(models.Model):
    """How long a kind of record is kept; set by the administrator (DOMAIN.md §5)."""

    record_type = models.CharField(
        _("soort gegevens"), max_length=30, choices=RetentionRecordType.choices, unique=True
    )
    years = models.PositiveSmallIntegerField(_("jaren"), default=0)
    days = models.PositiveSmallIntegerField(_("dagen"), default=0)
    basis = models.CharField(
        _("grondslag"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: Wmo 2015 art. 5.3.4, of het beleid van de organisatie."),
    )

    objects = models.Manager()

    class Meta:
        verbose_name = _("bewaartermijn")
        verbose_name_plural = _("bewaartermijnen")
        ordering = ["record_type"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(years__gt=0) | models.Q(days__gt=0),
                name="retention_period_not_zero",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_record_type_display()}: {self.years} j, {self.days} d"


class DestructionRequest(models.Model):
    """A client's written request to destroy their file, due within three months (Wmo 5.3.5).

    Kept by the client's reference (kenmerk), which stays after destruction;
    no personal data.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="destruction_requests",
    )
    client_id = models.PositiveBigIntegerField(_("cliënt"), db_index=True)
    client_reference = models.CharField(_("kenmerk van de cliënt"), max_length=12)
    received_on = models.DateField(_("ontvangen op"))
    due_on = models.DateField(_("uiterlijk uitvoeren op"))
    completed_on = models.DateField(_("uitgevoerd op"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)

    objects = models.Manager()

    class Meta:
        verbose_name = _("verzoek tot vernietiging")
        verbose_name_plural = _("verzoeken tot vernietiging")
        ordering = ["completed_on", "due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("received_on")),
                name="destruction_request_due_after_receipt",
            )
        ]
        indexes = [models.Index(fields=["organisation", "completed_on", "due_on"])]

    def __str__(self) -> str:
        return f"{self.client_reference} {self.received_on:%Y-%m-%d}"
