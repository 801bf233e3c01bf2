"""A resident's request for help (hulpvraag), the rules that route it, and service norms."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wegwijs.accounts.models import Municipality, Organisation, User
from wegwijs.cases.models import Case
from wegwijs.intake.constants import (
    DEFAULT_SERVICE_NORM_DAYS,
    MAX_NAME_LENGTH,
    MAX_QUESTION_LENGTH,
    MAX_REASON_LENGTH,
    CloseReason,
    ContactChannel,
    ForWhom,
    RequestStatus,
    RoutedBy,
)
from wegwijs.reference.languages import LANGUAGES
from wegwijs.reference.models import Area, TargetGroup, Topic


class HelpRequest(models.Model):
    """What a resident asked, how to reach them, and where the request stands.

    ``reference`` is shown to the resident; ``receipt_token`` is the secret in
    the receipt's URL. Neither says how many requests there are.
    """

    reference = models.CharField(_("kenmerk"), max_length=12, unique=True)
    receipt_token = models.CharField(max_length=43, unique=True, editable=False)
    received_at = models.DateTimeField(_("ontvangen op"), default=timezone.now, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.NEW
    )

    # What the resident asked.
    question = models.TextField(_("vraag"), max_length=MAX_QUESTION_LENGTH)
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("onderwerp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    for_whom = models.CharField(_("voor wie"), max_length=10, choices=ForWhom.choices)
    target_group = models.ForeignKey(
        TargetGroup,
        verbose_name=_("doelgroep"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
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
    language = models.CharField(_("taal"), max_length=3, choices=LANGUAGES, default="nl")
    preferred_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("voorkeur voor organisatie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    # How to reach the resident; erased when the request is done with.
    name = models.CharField(_("naam"), max_length=MAX_NAME_LENGTH, blank=True)
    cared_for_name = models.CharField(
        _("naam van de naaste"), max_length=MAX_NAME_LENGTH, blank=True
    )
    contact_channel = models.CharField(
        _("contact via"), max_length=10, choices=ContactChannel.choices
    )
    contact_times = models.JSONField(_("bereikbaar"), default=list, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    street_address = models.CharField(_("straat en huisnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    interface_language = models.CharField(_("taal van de website"), max_length=8, default="nl")
    consent_version = models.CharField(_("versie toestemmingstekst"), max_length=20)
    personal_data_erased_at = models.DateTimeField(
        _("persoonsgegevens gewist op"), null=True, blank=True
    )

    # Where it is and why.
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="help_requests",
    )
    routed_by = models.CharField(
        _("verdeeld door"), max_length=20, choices=RoutedBy.choices, blank=True
    )
    routing_rule = models.ForeignKey(
        "RoutingRule",
        verbose_name=_("verdeelregel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    routing_reason = models.CharField(_("reden van verdeling"), max_length=600, blank=True)
    routed_at = models.DateTimeField(_("verdeeld op"), null=True, blank=True)
    routing_attempts = models.PositiveSmallIntegerField(_("verdeelpogingen"), default=0)
    forwarded_from = models.ForeignKey(
        Organisation,
        verbose_name=_("doorgestuurd door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    forward_reason = models.CharField(
        _("reden van doorsturen"), max_length=MAX_REASON_LENGTH, blank=True
    )

    # Mail: set once sent, so a failed send is tried again.
    coordinators_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    # The end of triage.
    handled_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    handled_by = models.ForeignKey(
        User,
        verbose_name=_("afgehandeld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("kwestie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    close_reason = models.CharField(
        _("reden van sluiten"), max_length=20, choices=CloseReason.choices, blank=True
    )
    close_note = models.CharField(_("toelichting"), max_length=MAX_REASON_LENGTH, blank=True)

    class Meta:
        verbose_name = _("hulpvraag")
        verbose_name_plural = _("hulpvragen")
        ordering = ["received_at", "id"]
        indexes = [
            # The inbox: new requests of one organisation, oldest first.
            models.Index(fields=["organisation", "status", "received_at"], name="intake_inbox_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                name="help_request_handled_has_time",
                condition=Q(status=RequestStatus.NEW) | Q(handled_at__isnull=False),
            ),
            models.CheckConstraint(
                name="help_request_closed_has_reason",
                condition=~Q(status=RequestStatus.CLOSED) | ~Q(close_reason=""),
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class UnroutedRequest(HelpRequest):
    """The administrator's view of requests no organisation has (see admin.py)."""

    class Meta:
        proxy = True
        verbose_name = _("hulpvraag zonder organisatie")
        verbose_name_plural = _("hulpvragen zonder organisatie")


class RoutingRule(models.Model):
    """Send a request without a preferred organisation to ``organisation`` when it matches.

    Empty criteria match everything; rules are tried by ascending priority and
    the first match wins.
    """

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.CASCADE, related_name="+"
    )
    priority = models.PositiveSmallIntegerField(
        _("volgorde"), default=100, help_text=_("Lager getal gaat voor.")
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("onderwerp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_group = models.ForeignKey(
        TargetGroup,
        verbose_name=_("doelgroep"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("gebied"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Een stadsdeel geldt ook voor de wijken erin."),
    )
    language = models.CharField(_("taal"), max_length=3, choices=LANGUAGES, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("naar organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    is_active = models.BooleanField(_("in gebruik"), default=True)
    note = models.CharField(_("toelichting"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("verdeelregel")
        verbose_name_plural = _("verdeelregels")
        ordering = ["municipality", "priority", "id"]

    def __str__(self) -> str:
        return str(_("Regel %(number)s") % {"number": self.pk})


class MunicipalityDefault(models.Model):
    """The organisation that gets a request when no rule matches: there is always an answer."""

    municipality = models.OneToOneField(
        Municipality, verbose_name=_("gemeente"), on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("standaardorganisatie voor hulpvragen")
        verbose_name_plural = _("standaardorganisaties voor hulpvragen")

    def __str__(self) -> str:
        return f"{self.municipality} → {self.organisation}"


class ServiceNorm(models.Model):
    """Within how many working days an organisation promises first contact."""

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("organisatie"), on_delete=models.CASCADE, related_name="+"
    )
    working_days = models.PositiveSmallIntegerField(
        _("werkdagen"),
        default=DEFAULT_SERVICE_NORM_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )

    class Meta:
        verbose_name = _("servicenorm")
        verbose_name_plural = _("servicenormen")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.working_days}"
