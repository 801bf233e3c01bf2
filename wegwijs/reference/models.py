from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wegwijs.accounts.models import Municipality
from wegwijs.reference.constants import AreaKind, HolidayKind


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
