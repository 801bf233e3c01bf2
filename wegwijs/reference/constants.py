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


class RetentionRecordType(models.TextChoices):
    """Kinds of records with a retention period (DOMAIN.md §5, Wmo 2015 art. 5.3.4)."""

    CLIENT_FILE = "client-file", _("Dossier van een cliënt (na de laatste wijziging)")
    REQUEST = "request", _("Hulpvraag die nooit is aangenomen")
    AUDIT_ENTRY = "audit-entry", _("Auditregel (na het vernietigen van het dossier)")


# Defaults as (years, days): 15 years after the last change (Wmo 5.3.4);
# requests never accepted 90 days; audit entries 5 years past the file.
RETENTION_DEFAULTS = {
    RetentionRecordType.CLIENT_FILE: (15, 0),
    RetentionRecordType.REQUEST: (0, 90),
    RetentionRecordType.AUDIT_ENTRY: (5, 0),
}
# A written request to destroy a file is carried out within three months (Wmo 5.3.5).
DESTRUCTION_TERM_MONTHS = 3
