from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "gesloten", _("Gesloten")


class Answer(models.TextChoices):
    YES = "ja", _("Ja")
    NO = "nee", _("Nee")
    UNKNOWN = "onbekend", _("Weet niet / niet gevraagd")


class HeardVia(models.TextChoices):
    MUNICIPALITY = "gemeente", _("Via de gemeente (bijvoorbeeld bij de melding)")
    NEIGHBOURHOOD_TEAM = "wijkteam", _("Via het wijkteam")
    CARE_PROVIDER = "zorgverlener", _("Via een huisarts of zorgverlener")
    FAMILY = "familie", _("Via familie, vrienden of buren")
    WEBSITE = "website", _("Via internet of Wegwijs")
    FLYER = "folder", _("Via een folder of krant")
    OTHER = "anders", _("Anders")
    UNKNOWN = "onbekend", _("Onbekend")


class WithWhom(models.TextChoices):
    CLIENT = "client", _("Met de cliënt")
    CARER = "mantelzorger", _("Met de mantelzorger of vertegenwoordiger")
    ORGANISATION = "organisatie", _("Met een organisatie")
    NOBODY = "niemand", _("Zonder cliënt (voorbereiding, administratie)")


class RepresentativeKind(models.TextChoices):
    CARER = "mantelzorger", _("Mantelzorger")
    LEGAL = "wettelijk-vertegenwoordiger", _("Wettelijk vertegenwoordiger")
    FAMILY = "familie", _("Familielid")
    OTHER = "anders", _("Anders")


class ConsentSubject(models.TextChoices):
    REGISTRATION = "vastleggen", _("Gegevens vastleggen voor de ondersteuning")
    SHARE_REFERRAL = "delen-doorverwijzing", _("Gegevens delen bij een doorverwijzing")
    CONTACT_EMAIL = "contact-email", _("Contact per e-mail")
    CONTACT_CARER = "contact-mantelzorger", _("Contact met de mantelzorger")


class AppointmentStatus(models.TextChoices):
    PLANNED = "gepland", _("Gepland")
    DONE = "gehouden", _("Gehouden")
    CANCELLED = "geannuleerd", _("Geannuleerd")


class AuditEvent(models.TextChoices):
    CLIENT_CREATED = "client.created", _("Cliënt aangemaakt")
    CLIENT_UPDATED = "client.updated", _("Cliëntgegevens gewijzigd")
    CLIENT_VIEWED = "client.viewed", _("Cliënt bekeken")
    CLIENT_EXPORTED = "client.exported", _("Volledig dossier gemaakt")
    CLIENT_DESTROYED = "client.destroyed", _("Dossier vernietigd op verzoek")
    CLIENT_EXPIRED = "client.expired", _("Dossier geanonimiseerd na de bewaartermijn")
    DESTRUCTION_REQUESTED = "client.destruction-requested", _("Verzoek tot vernietiging ontvangen")
    CONSENT_RECORDED = "consent.recorded", _("Toestemming vastgelegd")
    CONSENT_WITHDRAWN = "consent.withdrawn", _("Toestemming ingetrokken")
    CASE_OPENED = "case.opened", _("Kwestie geopend")
    CASE_UPDATED = "case.updated", _("Kwestie gewijzigd")
    CASE_VIEWED = "case.viewed", _("Kwestie bekeken")
    CASE_CLOSED = "case.closed", _("Kwestie gesloten")
    CASE_REOPENED = "case.reopened", _("Kwestie heropend")
    CONTACT_REGISTERED = "contact.registered", _("Contactmoment geregistreerd")
    CONTACT_UPDATED = "contact.updated", _("Contactmoment gewijzigd")
    APPOINTMENT_PLANNED = "appointment.planned", _("Afspraak gepland")
    APPOINTMENT_DONE = "appointment.done", _("Afspraak gehouden")
    APPOINTMENT_CANCELLED = "appointment.cancelled", _("Afspraak geannuleerd")
    REGISTRATIONS_IMPORTED = "registrations.imported", _("Registraties geïmporteerd")
    REGISTRATIONS_EXPORTED = "registrations.exported", _("Registraties geëxporteerd")


MAX_MINUTES = 600
UNTOUCHED_DAYS = 30
