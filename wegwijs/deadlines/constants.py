from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

# The reminder days (working days before the due date) when the setting
# WEGWIJS_DEADLINE_REMINDER_DAYS is absent.
DEFAULT_REMINDER_DAYS = (5, 1)
# In-app reminders stay on "Mijn termijnen" this many days.
NOTICE_DAYS = 14


class DeadlineKind(models.TextChoices):
    """The kinds of ``rules.Kind``, with their labels (a test keeps them equal)."""

    BEZWAAR = "bezwaar", _("Bezwaar maken")
    BEROEP = "beroep", _("Beroep instellen")
    BESLISTERMIJN_BEZWAAR = "beslistermijn-bezwaar", _("Beslissing op bezwaar")
    KLACHT = "klacht", _("Afhandeling van een klacht")
    WMO_ONDERZOEK = "wmo-onderzoek", _("Wmo-onderzoek na een melding")
    WMO_PERSOONLIJK_PLAN = "wmo-persoonlijk-plan", _("Persoonlijk plan (Wmo)")
    WMO_BESCHIKKING = "wmo-beschikking", _("Wmo-beschikking na een aanvraag")
    AVG_INZAGE = "avg-inzage", _("Antwoord op een inzageverzoek (AVG)")


class DeadlineStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MET = "gehaald", _("Gehaald")
    MISSED = "verlopen", _("Verlopen")
    CANCELLED = "geannuleerd", _("Geannuleerd")


class ReminderChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    IN_APP = "in-app", _("In Wegwijs")


class AuditEvent(models.TextChoices):
    DEADLINE_ADDED = "deadline.added", _("Termijn toegevoegd")
    DEADLINE_MET = "deadline.met", _("Termijn gehaald")
    DEADLINE_MISSED = "deadline.missed", _("Termijn verlopen")
    DEADLINE_CANCELLED = "deadline.cancelled", _("Termijn geannuleerd")
    DEADLINE_REMINDED = "deadline.reminded", _("Herinnering aan een termijn verstuurd")
    FEED_RENEWED = "calendar-feed.renewed", _("Agenda-link vernieuwd")


# The dates the public page and the API compute for: wide enough for any real
# letter, narrow enough that the calendar around it always exists.
EARLIEST_EVENT_DATE = date(1990, 1, 1)
LATEST_EVENT_DATE = date(2099, 12, 31)
# The kinds a resident can choose on the public page.
PUBLIC_KINDS = ("bezwaar", "beroep")
