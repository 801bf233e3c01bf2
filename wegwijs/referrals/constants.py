from django.db import models
from django.utils.translation import gettext_lazy as _

# Days after sending a referral outside the closed loop (a facility, a warm
# tip) when the supporter is asked whether the client got help; the setting
# WEGWIJS_REFERRAL_FOLLOWUP_DAYS overrides it.
DEFAULT_FOLLOWUP_DAYS = 14
# Unanswered in-app follow-ups stay on "Mijn werk" this many days.
FOLLOWUP_NOTICE_DAYS = 60
MAX_QUESTION_LENGTH = 2000
MAX_REASON_LENGTH = 500


class ReferralStatus(models.TextChoices):
    """The closed loop (DOMAIN.md §2); the codes equal reference.ReferralStatus (a test checks)."""

    SENT = "verstuurd", _("Verstuurd")
    ACCEPTED = "geaccepteerd", _("Geaccepteerd")
    DECLINED = "afgewezen", _("Afgewezen")
    COMPLETED = "afgerond", _("Afgerond")
    WITHDRAWN = "ingetrokken", _("Ingetrokken")


class ReferralMode(models.TextChoices):
    SENT = "verwijzing", _("Verwijzing")
    WARM_TIP = "warme-tip", _("Warme tip")


class Sharing(models.TextChoices):
    """What the client agreed to share, or what is sent: ordered from least to most."""

    NOTHING = "niets", _("Niets")
    QUESTION = "vraag", _("Alleen de vraag")
    QUESTION_CONTACT = "vraag-en-contact", _("De vraag en de contactgegevens")


SHARING_ORDER = [Sharing.NOTHING, Sharing.QUESTION, Sharing.QUESTION_CONTACT]


class GotHelp(models.TextChoices):
    YES = "ja", _("Ja, de cliënt is geholpen")
    NO = "nee", _("Nee, de cliënt is niet geholpen")
    UNKNOWN = "onbekend", _("Weet niet")


class FollowUpChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    IN_APP = "in-app", _("In Wegwijs")


class Direction(models.TextChoices):
    INCOMING = "incoming", _("Binnengekomen")
    OUTGOING = "outgoing", _("Verstuurd")


class AuditEvent(models.TextChoices):
    REFERRAL_SENT = "referral.sent", _("Doorverwijzing verstuurd")
    REFERRAL_OVERRIDE = "referral.override", _("Doorverwijzing verstuurd zonder toestemming")
    REFERRAL_WARM_TIP = "referral.warm-tip", _("Warme tip gegeven")
    REFERRAL_VIEWED = "referral.viewed", _("Doorverwijzing bekeken")
    REFERRAL_ACCEPTED = "referral.accepted", _("Doorverwijzing geaccepteerd")
    REFERRAL_DECLINED = "referral.declined", _("Doorverwijzing afgewezen")
    REFERRAL_WITHDRAWN = "referral.withdrawn", _("Doorverwijzing ingetrokken")
    REFERRAL_COMPLETED = "referral.completed", _("Doorverwijzing afgerond")
    REFERRAL_FOLLOWUP_SENT = "referral.followup-sent", _("Vraag om terugkoppeling verstuurd")
    REFERRAL_FOLLOWUP_ANSWERED = "referral.followup-answered", _("Terugkoppeling vastgelegd")
