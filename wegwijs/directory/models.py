"""The sociale kaart, in the shape of Open Referral HSDS 3.0.

Organisations live in ``accounts``; this app adds what they offer
(``Service``), where (``Location``, ``ServiceAtLocation``), when
(``Schedule``) and in which languages (``ServiceLanguage``). Primary keys are
UUIDs because HSDS identifiers are UUIDs.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wegwijs.accounts.models import Organisation
from wegwijs.directory.constants import ServiceStatus, Weekday
from wegwijs.reference.languages import LANGUAGES
from wegwijs.reference.models import Area, Channel, TargetGroup, Topic


class Service(models.Model):
    """What an organisation offers residents (HSDS ``service``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="services",
    )
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    eligibility = models.TextField(
        _("voor wie"), blank=True, help_text=_("Wie kan hier terecht, en onder welke voorwaarden.")
    )
    url = models.URLField(_("webpagina"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    is_free = models.BooleanField(_("gratis"), default=True)
    cost = models.CharField(
        _("kosten"),
        max_length=300,
        blank=True,
        help_text=_("Alleen invullen als het niet gratis is."),
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("onderwerpen"), blank=True, related_name="+"
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("doelgroepen"), blank=True, related_name="+"
    )
    areas = models.ManyToManyField(
        Area,
        verbose_name=_("gebieden"),
        blank=True,
        related_name="+",
        help_text=_("Leeg: de hele gemeente."),
    )
    channels = models.ManyToManyField(
        Channel, verbose_name=_("kanalen"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    checked_on = models.DateField(_("laatst gecontroleerd op"))
    stale_since = models.DateField(
        _("verouderd sinds"),
        null=True,
        blank=True,
        help_text=_("Gezet als de gegevens langer dan een jaar niet zijn gecontroleerd."),
    )
    # Stemmed Dutch words of the name, description, organisation and labels
    # (see ``wegwijs.directory.search``); ``ServiceSearchTerm`` indexes them.
    search_document = models.TextField(_("zoektekst"), blank=True, editable=False)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("dienst")
        verbose_name_plural = _("diensten")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["organisation", "status"], name="service_org_status"),
            models.Index(fields=["status", "name"], name="service_status_name"),
            models.Index(fields=["checked_on"], name="service_checked_on"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == ServiceStatus.ACTIVE


class ServiceLanguage(models.Model):
    """A language in which the service is really given (HSDS ``language``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, verbose_name=_("dienst"), on_delete=models.CASCADE, related_name="languages"
    )
    code = models.CharField(_("taal"), max_length=3, choices=LANGUAGES)
    note = models.CharField(
        _("toelichting"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: alleen op dinsdag."),
    )

    class Meta:
        verbose_name = _("taal")
        verbose_name_plural = _("talen")
        ordering = ["service", "code"]
        constraints = [
            models.UniqueConstraint(fields=["service", "code"], name="service_language_unique")
        ]
        indexes = [models.Index(fields=["code", "service"], name="service_language_code")]

    def __str__(self) -> str:
        return self.get_code_display()


class ServiceSearchTerm(models.Model):
    """One stemmed word of a service's search document, for indexed search on any database."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="search_terms")
    term = models.CharField(max_length=60)
    weight = models.PositiveSmallIntegerField(default=1)

    class Meta:
        verbose_name = _("zoekterm")
        verbose_name_plural = _("zoektermen")
        constraints = [
            models.UniqueConstraint(fields=["term", "service"], name="search_term_unique")
        ]
        # PostgreSQL answers prefix searches (LIKE 'stem%') from this index whatever
        # the collation; other databases ignore the operator class.
        indexes = [
            models.Index(
                fields=["term"], name="search_term_prefix", opclasses=["varchar_pattern_ops"]
            )
        ]

    def __str__(self) -> str:
        return self.term


class Location(models.Model):
    """A place where an organisation receives residents (HSDS ``location`` + ``address``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="locations",
    )
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    street_address = models.CharField(_("adres"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    area = models.ForeignKey(
        Area,
        verbose_name=_("wijk of stadsdeel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility = models.TextField(
        _("toegankelijkheid"),
        blank=True,
        help_text=_("Bijvoorbeeld: drempelvrij, lift, invalidentoilet, ringleiding."),
    )
    is_confidential = models.BooleanField(
        _("adres is geheim"),
        default=False,
        help_text=_(
            "Het adres wordt nooit getoond. Geldt ook als de organisatie een geheim adres heeft."
        ),
    )
    checked_on = models.DateField(_("laatst gecontroleerd op"))
    stale_since = models.DateField(_("verouderd sinds"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["name"]
        indexes = [models.Index(fields=["checked_on"], name="location_checked_on")]

    def __str__(self) -> str:
        return self.name

    @property
    def address_is_hidden(self) -> bool:
        """True when the address may not be shown (own setting or the organisation's)."""
        return self.is_confidential or self.organisation.address_is_confidential


class ServiceAtLocation(models.Model):
    """A service given at a location (HSDS ``service_at_location``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, verbose_name=_("dienst"), on_delete=models.CASCADE, related_name="at_locations"
    )
    location = models.ForeignKey(
        Location, verbose_name=_("locatie"), on_delete=models.CASCADE, related_name="services_here"
    )
    description = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("dienst op locatie")
        verbose_name_plural = _("diensten op locatie")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "location"], name="service_at_location_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service} · {self.location}"


class Schedule(models.Model):
    """Opening hours on one weekday (HSDS ``schedule``, weekly), of a location or a service there."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location = models.ForeignKey(
        Location,
        verbose_name=_("locatie"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="schedules",
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation,
        verbose_name=_("dienst op locatie"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="schedules",
    )
    weekday = models.PositiveSmallIntegerField(_("dag"), choices=Weekday.choices)
    opens_at = models.TimeField(_("van"))
    closes_at = models.TimeField(_("tot"))
    is_walk_in = models.BooleanField(
        _("inloop"), default=False, help_text=_("Zonder afspraak binnenlopen.")
    )
    note = models.CharField(_("toelichting"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("openingstijd")
        verbose_name_plural = _("openingstijden")
        ordering = ["weekday", "opens_at"]
        constraints = [
            models.CheckConstraint(
                name="schedule_one_owner",
                condition=Q(location__isnull=False, service_at_location__isnull=True)
                | Q(location__isnull=True, service_at_location__isnull=False),
            ),
            models.CheckConstraint(
                name="schedule_closes_after_opens", condition=Q(closes_at__gt=models.F("opens_at"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H.%M}-{self.closes_at:%H.%M}"


class Synonym(models.Model):
    """Words that should find each other in the search (administrator-managed).

    ``schulden`` with alternatives ``geldzorgen, betalingsachterstand`` makes a
    search for "schulden" also find those words; when ``both_ways`` is on a
    search for "geldzorgen" also finds "schulden".
    """

    term = models.CharField(_("zoekwoord"), max_length=60, unique=True)
    alternatives = models.CharField(
        _("vindt ook"), max_length=500, help_text=_("Woorden gescheiden door komma's.")
    )
    both_ways = models.BooleanField(
        _("beide kanten op"),
        default=True,
        help_text=_("Vinden de andere woorden ook het zoekwoord?"),
    )

    class Meta:
        verbose_name = _("synoniem")
        verbose_name_plural = _("synoniemen")
        ordering = ["term"]

    def __str__(self) -> str:
        return f"{self.term} → {self.alternatives}"

    @property
    def alternative_list(self) -> list[str]:
        return [word.strip() for word in self.alternatives.split(",") if word.strip()]


class PostcodeRange(models.Model):
    """Four-digit postcodes that lie in an area, so residents can answer with their postcode."""

    area = models.ForeignKey(
        Area, verbose_name=_("gebied"), on_delete=models.CASCADE, related_name="+"
    )
    first = models.PositiveSmallIntegerField(_("van postcode"))
    last = models.PositiveSmallIntegerField(_("tot en met postcode"))

    class Meta:
        verbose_name = _("postcodegebied")
        verbose_name_plural = _("postcodegebieden")
        ordering = ["first"]
        constraints = [
            models.CheckConstraint(
                name="postcode_range_order", condition=Q(last__gte=models.F("first"))
            ),
            models.CheckConstraint(
                name="postcode_range_four_digits",
                condition=Q(first__gte=1000, last__lte=9999),
            ),
        ]
        indexes = [models.Index(fields=["first", "last"], name="postcode_range_bounds")]

    def __str__(self) -> str:
        return f"{self.first}-{self.last} {self.area}"


class DirectoryVersion(models.Model):
    """One row whose number changes with every change to the sociale kaart.

    Cached search results and finder answers carry the number they were
    computed at, so a change anywhere makes every cached answer obsolete at
    once, in every process (``wegwijs.directory.cache``).
    """

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("versie van de sociale kaart")
        verbose_name_plural = _("versies van de sociale kaart")

    def __str__(self) -> str:
        return str(self.number)
