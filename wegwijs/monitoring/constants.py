from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    MONTH = "M", _("Maand")
    QUARTER = "Q", _("Kwartaal")
    YEAR = "Y", _("Jaar")


class Dimension(models.TextChoices):
    TOTAL = "total", _("Totaal")
    TOPIC = "topic", _("Onderwerp")
    CHANNEL = "channel", _("Kanaal")
    ACTIVITY = "activity", _("Activiteit")
    TARGET_GROUP = "target_group", _("Doelgroep")
    AREA = "area", _("Wijk")
    OUTCOME = "outcome", _("Resultaat")


class SurveyAnswer(models.TextChoices):
    YES = "ja", _("Ja")
    PARTLY = "deels", _("Een beetje")
    NO = "nee", _("Nee")


class AuditEvent(models.TextChoices):
    SETTINGS_CHANGED = (
        "monitoring.settings_changed",
        _("Instellingen voor kleine aantallen gewijzigd"),
    )
    FIGURES_EXPORTED = "monitoring.exported", _("Cijfers gedownload")
    SURVEY_INVITED = "monitoring.survey_invited", _("Enquêtelink gemaakt")


# Counts (people, cases, contacts) that small-number suppression applies to.
COUNT_MEASURES = (
    "clients",
    "new_clients",
    "cases",
    "contact_moments",
    "information_advice",
    "trajectories",
)
# Measures that add up over organisations, over a dimension's codes and over periods.
ADDITIVE_OVER_PERIODS = ("contact_moments", "minutes")
ADDITIVE_OVER_ORGANISATIONS = (
    "cases",
    "contact_moments",
    "minutes",
    "information_advice",
    "trajectories",
)
# Dimensions whose codes partition the total, per measure.
PARTITIONS = {
    Dimension.TOPIC: ("cases", "contact_moments", "minutes", "information_advice", "trajectories"),
    Dimension.CHANNEL: ("contact_moments", "minutes"),
    Dimension.ACTIVITY: ("contact_moments", "minutes"),
    Dimension.AREA: ("cases", "contact_moments", "minutes", "information_advice", "trajectories"),
}
FIGURE_MEASURES = (
    "clients",
    "new_clients",
    "cases",
    "contact_moments",
    "minutes",
    "information_advice",
    "trajectories",
    "satisfaction_sum",
    "satisfaction_count",
    "independent_yes",
    "independent_answered",
)
