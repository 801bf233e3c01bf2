from django.db import models
from django.utils.translation import gettext_lazy as _


class AreaKind(models.TextChoices):
    DISTRICT = "stadsdeel", _("Stadsdeel")
    NEIGHBOURHOOD = "wijk", _("Wijk")


class HolidayKind(models.TextChoices):
    STATUTORY = "wettelijk", _("Algemeen erkende feestdag (Atw art. 3)")
    ROYAL_DECREE = (
        "koninklijk-besluit",
        _("Bij Koninklijk Besluit gelijkgesteld (Atw art. 3 lid 3)"),
    )
