"""Clients, cases (kwesties), contact moments and appointments.

Reach these only through ``wegwijs.cases.access``: it scopes every query to
the user's organisation. There is no BSN field, on purpose (DOMAIN.md §5).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from wegwijs.accounts.models import Organisation
from wegwijs.cases.constants import (
    MAX_MINUTES,
    Answer,
    AppointmentStatus,
    CaseStatus,
    ConsentSubject,
    HeardVia,
    RepresentativeKind,
    WithWhom,
)
from wegwijs.reference.models import Activity, Area, Channel, Outcome, TargetGroup, Topic


class Client(models.Model):
    """A resident supported by one organisation; anonymous clients carry no personal data."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    reference = models.CharField(_("kenmerk"), max_length=12)
    # The organisation's own reference of an imported client (registration format).
    client_ref = models.CharField(_("eigen kenmerk"), max_length=100, blank=True)
    is_anonymous = models.BooleanField(_("anoniem"), default=False)
    given_name = models.CharField(_("voornaam"), max_length=100, blank=True)
    family_name = models.CharField(_("achternaam"), max_length=150, blank=True)
    date_of_birth = models.DateField(_("geboortedatum"), null=True, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=10, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    preferred_language = models.CharField(_("voorkeurstaal"), max_length=40, blank=True)
    preferred_channel = models.ForeignKey(
        Channel,
        verbose_name=_("voorkeurskanaal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("wijk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("doelgroepen"), blank=True, related_name="+"
    )
    representative_name = models.CharField(
        _("naam mantelzorger of vertegenwoordiger"), max_length=150, blank=True
    )
    representative_kind = models.CharField(
        _("soort"), max_length=30, choices=RepresentativeKind.choices, blank=True
    )
    representative_phone = models.CharField(
        _("telefoon mantelzorger of vertegenwoordiger"), max_length=30, blank=True
    )
    # Keyed hash for counting unique residents; never shown or exported.
    pseudonym = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    destroyed_at = models.DateTimeField(_("vernietigd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("cliënt")
        verbose_name_plural = _("cliënten")
        ordering = ["family_name", "given_name", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"], name="client_reference_unique"
            ),
            models.UniqueConstraint(
                fields=["organisation", "client_ref"],
                condition=~Q(client_ref=""),
                name="client_ref_unique",
            ),
            models.CheckConstraint(
                name="client_anonymous_has_no_personal_data",
                condition=Q(is_anonymous=False)
                | Q(
                    given_name="",
                    family_name="",
                    date_of_birth__isnull=True,
                    postcode="",
                    house_number="",
                    phone="",
                    email="",
                    representative_name="",
                    representative_phone="",
                ),
            ),
        ]
        indexes = [models.Index(fields=["organisation", "family_name"])]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.is_anonymous:
            return str(_("Anonieme cliënt %(reference)s") % {"reference": self.reference})
        name = f"{self.given_name} {self.family_name}".strip()
        return name or str(_("Cliënt %(reference)s") % {"reference": self.reference})


class Consent(models.Model):
    """What the client agreed to, when, for which purpose, and when it was withdrawn."""

    client = models.ForeignKey(
        Client, verbose_name=_("cliënt"), on_delete=models.CASCADE, related_name="consents"
    )
    subject = models.CharField(_("waarvoor"), max_length=30, choices=ConsentSubject.choices)
    purpose = models.CharField(_("doel"), max_length=300, blank=True)
    given_on = models.DateField(_("gegeven op"))
    withdrawn_on = models.DateField(_("ingetrokken op"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return self.get_subject_display()

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class Case(models.Model):
    """A kwestie: one question of one client about one topic."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    client = models.ForeignKey(
        Client, verbose_name=_("cliënt"), on_delete=models.PROTECT, related_name="cases"
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("onderwerp"), on_delete=models.PROTECT, related_name="+"
    )
    # The organisation's own reference of an imported case (registration format).
    case_ref = models.CharField(_("eigen kenmerk"), max_length=100, blank=True)
    question = models.TextField(_("vraag in de woorden van de cliënt"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    opened_on = models.DateField(_("geopend op"))
    closed_on = models.DateField(_("gesloten op"), null=True, blank=True)
    supporters = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ondersteuners"),
        blank=True,
        related_name="assigned_cases",
    )
    outcome = models.ForeignKey(
        Outcome,
        verbose_name=_("resultaat"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    satisfaction = models.PositiveSmallIntegerField(_("tevredenheid (1-10)"), null=True, blank=True)
    experienced_independent = models.CharField(
        _("ondersteuner ervaren als onafhankelijk"),
        max_length=10,
        choices=Answer.choices,
        default=Answer.UNKNOWN,
    )
    heard_via = models.CharField(
        _("hoe kent de cliënt cliëntondersteuning"),
        max_length=20,
        choices=HeardVia.choices,
        default=HeardVia.UNKNOWN,
    )
    last_activity_at = models.DateTimeField(_("laatste activiteit"), db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("kwestie")
        verbose_name_plural = _("kwesties")
        ordering = ["-last_activity_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="case_closed_has_date_and_outcome",
                condition=Q(status=CaseStatus.OPEN, closed_on__isnull=True)
                | Q(status=CaseStatus.CLOSED, closed_on__isnull=False, outcome__isnull=False),
            ),
            models.CheckConstraint(
                name="case_closed_after_opened",
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
            ),
            models.UniqueConstraint(
                fields=["organisation", "case_ref"],
                condition=~Q(case_ref=""),
                name="case_ref_unique",
            ),
            models.CheckConstraint(
                name="case_satisfaction_1_to_10",
                condition=Q(satisfaction__isnull=True)
                | Q(satisfaction__gte=1, satisfaction__lte=10),
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "last_activity_at"]),
            # The case list's default order, without a status filter.
            models.Index(fields=["organisation", "-last_activity_at"]),
            models.Index(fields=["organisation", "opened_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.topic} ({self.opened_on:%d-%m-%Y})"

    @property
    def is_open(self) -> bool:
        return self.status == CaseStatus.OPEN


class ContactMoment(models.Model):
    """Time spent on a case: with the client, a carer, an organisation, or without anyone."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        Case, verbose_name=_("kwestie"), on_delete=models.PROTECT, related_name="contact_moments"
    )
    occurred_at = models.DateTimeField(_("datum en tijd"))
    channel = models.ForeignKey(
        Channel, verbose_name=_("kanaal"), on_delete=models.PROTECT, related_name="+"
    )
    activity = models.ForeignKey(
        Activity, verbose_name=_("activiteit"), on_delete=models.PROTECT, related_name="+"
    )
    minutes = models.PositiveSmallIntegerField(_("minuten"))
    with_whom = models.CharField(
        _("met wie"), max_length=20, choices=WithWhom.choices, default=WithWhom.CLIENT
    )
    with_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("met organisatie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("korte notitie"), max_length=500, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Identifies one submitted form, so a double submit never makes two rows.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # Imported contact moments: a hash of date, channel, activity and minutes, so a
    # re-import recognises the moments it made. Empty for moments registered here.
    import_key = models.CharField(max_length=16, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        ordering = ["-occurred_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="contact_minutes_in_range",
                condition=Q(minutes__gte=1, minutes__lte=MAX_MINUTES),
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "occurred_at"]),
            models.Index(fields=["case", "occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%d-%m-%Y %H:%M} {self.channel} ({self.minutes} min)"


class ContactMomentRevision(models.Model):
    """The values a contact moment had before an edit."""

    contact_moment = models.ForeignKey(
        ContactMoment, on_delete=models.CASCADE, related_name="revisions"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    previous = models.JSONField()

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.contact_moment_id} {self.changed_at:%Y-%m-%d %H:%M}"


class Appointment(models.Model):
    """A planned meeting on a case: a home visit, going along to a keukentafelgesprek."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        Case, verbose_name=_("kwestie"), on_delete=models.PROTECT, related_name="appointments"
    )
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ondersteuner"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="appointments",
    )
    starts_at = models.DateTimeField(_("datum en tijd"))
    channel = models.ForeignKey(
        Channel, verbose_name=_("kanaal"), on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField(_("plaats"), max_length=200, blank=True)
    description = models.CharField(_("omschrijving"), max_length=300, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.PLANNED,
    )
    contact_moment = models.OneToOneField(
        ContactMoment,
        verbose_name=_("contactmoment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appointment",
    )

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["supporter", "status", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.starts_at:%d-%m-%Y %H:%M} {self.description}"
