from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SUPPORTER = "supporter", _("Cliëntondersteuner")
    COORDINATOR = "coordinator", _("Coördinator")
    MUNICIPALITY = "municipality", _("Gemeente (beleidsmedewerker)")
    ADMINISTRATOR = "administrator", _("Functioneel beheerder")


ORGANISATION_ROLES = frozenset({Role.SUPPORTER, Role.COORDINATOR})


class OrganisationKind(models.TextChoices):
    CLIENT_SUPPORT = "clientondersteuning", _("Cliëntondersteuning")
    FACILITY = "voorziening", _("Voorziening")
    MUNICIPAL_SERVICE = "gemeentelijke-dienst", _("Dienst van de gemeente")


class AuditEvent(models.TextChoices):
    MUNICIPALITY_CREATED = "municipality.created", _("Gemeente aangemaakt")
    ORGANISATION_CREATED = "organisation.created", _("Organisatie aangemaakt")
    USER_CREATED = "user.created", _("Account aangemaakt")
    API_TOKEN_CREATED = "api_token.created", _("API-sleutel aangemaakt")
    LOGIN_SUCCEEDED = "login.succeeded", _("Ingelogd")
    LOGIN_FAILED = "login.failed", _("Inloggen mislukt")
    LOGGED_OUT = "login.logged_out", _("Uitgelogd")
    CASE_VISIBILITY_CHANGED = (
        "organisation.case_visibility_changed",
        _("Instelling 'ondersteuners zien alle kwesties' gewijzigd"),
    )


INDEPENDENT_MEANING = _(
    "Volledig onafhankelijk: deze organisatie geeft zelf geen zorg of hulp en beslist "
    "niet over uw aanvraag. Zij staat alleen aan uw kant."
)
