from django.db import models
from django.utils.translation import gettext_lazy as _

# Limits of the request form; the services check them again.
MAX_QUESTION_LENGTH = 2000
MAX_NAME_LENGTH = 150
MAX_REASON_LENGTH = 500
DEFAULT_SERVICE_NORM_DAYS = 3
# Versions the consent text; a changed text gets a new version.
CONSENT_VERSION = "2026-1"


class RequestStatus(models.TextChoices):
    NEW = "nieuw", _("Nieuw")
    ACCEPTED = "aangenomen", _("Aangenomen")
    CLOSED = "gesloten", _("Gesloten")


class ForWhom(models.TextChoices):
    SELF = "zelf", _("Voor mijzelf")
    OTHER = "naaste", _("Voor iemand voor wie ik zorg (bijvoorbeeld mijn moeder of mijn kind)")


class ContactChannel(models.TextChoices):
    PHONE = "telefoon", _("Bellen")
    EMAIL = "email", _("E-mail")
    WHATSAPP = "whatsapp", _("WhatsApp")
    LETTER = "brief", _("Brief per post")


# The code of each contact channel in the reference list of channels.
CHANNEL_CODES = {
    ContactChannel.PHONE: "telefoon",
    ContactChannel.EMAIL: "email",
    ContactChannel.WHATSAPP: "whatsapp",
    ContactChannel.LETTER: "brief",
}


class ContactTime(models.TextChoices):
    MORNING = "ochtend", _("'s Ochtends (9 tot 12 uur)")
    AFTERNOON = "middag", _("'s Middags (12 tot 17 uur)")
    EVENING = "avond", _("'s Avonds (17 tot 20 uur)")


class RoutedBy(models.TextChoices):
    PREFERENCE = "voorkeur", _("Voorkeur van de inwoner")
    RULE = "regel", _("Verdeelregel")
    DEFAULT = "standaard", _("Standaardorganisatie van de gemeente")
    FALLBACK = "onafhankelijk", _("Onafhankelijke organisatie (geen regel of standaard)")
    FORWARD = "doorgestuurd", _("Doorgestuurd")


class CloseReason(models.TextChoices):
    UNREACHABLE = "niet-bereikbaar", _("Niet bereikbaar")
    WITHDRAWN = "ingetrokken", _("De inwoner ziet af van hulp")
    HELPED_ELSEWHERE = "elders-geholpen", _("Al elders geholpen")
    DUPLICATE = "dubbel", _("Dubbele aanvraag")
    NO_QUESTION = "geen-hulpvraag", _("Geen hulpvraag (bijvoorbeeld reclame of een test)")
    OTHER = "anders", _("Anders")


class AuditEvent(models.TextChoices):
    REQUEST_SUBMITTED = "request.submitted", _("Hulpvraag ontvangen")
    REQUEST_ROUTED = "request.routed", _("Hulpvraag verdeeld")
    REQUEST_ROUTING_FAILED = "request.routing_failed", _("Hulpvraag niet verdeeld")
    REQUEST_VIEWED = "request.viewed", _("Hulpvraag bekeken")
    REQUEST_ACCEPTED = "request.accepted", _("Hulpvraag aangenomen")
    REQUEST_FORWARDED = "request.forwarded", _("Hulpvraag doorgestuurd")
    REQUEST_CLOSED = "request.closed", _("Hulpvraag gesloten")
    REQUEST_ERASED = "request.erased", _("Persoonsgegevens van een hulpvraag gewist")
