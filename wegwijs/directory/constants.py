from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", _("Actief")
    INACTIVE = "inactive", _("Niet actief")


class Weekday(models.IntegerChoices):
    """ISO weekday numbers; HSDS ``byday`` codes are in ``HSDS_BYDAY``."""

    MONDAY = 1, _("maandag")
    TUESDAY = 2, _("dinsdag")
    WEDNESDAY = 3, _("woensdag")
    THURSDAY = 4, _("donderdag")
    FRIDAY = 5, _("vrijdag")
    SATURDAY = 6, _("zaterdag")
    SUNDAY = 7, _("zondag")


HSDS_BYDAY = {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}

# An entry not checked for this many days is stale and its coordinators are reminded.
STALE_AFTER_DAYS = 365

# Search terms: weight of a term found in the name of the service or organisation,
# and of a term found elsewhere (description, eligibility, topics, ...).
TITLE_WEIGHT = 2
BODY_WEIGHT = 1
