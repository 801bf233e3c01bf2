import uuid
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wegwijs.accounts.constants import INDEPENDENT_MEANING, OrganisationKind, Role


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_queryset(self) -> models.QuerySet["User"]:
        # The role and organisation are needed on nearly every request: one query.
        return (
            super()
            .get_queryset()
            .select_related("membership__organisation", "membership__municipality")
        )

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """An account, identified by e-mail address. Residents have no account."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    full_name = models.CharField(_("naam"), max_length=150, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)
    is_staff = models.BooleanField(_("toegang tot beheer"), default=False)
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def _membership(self) -> "Membership | None":
        try:
            return self.membership
        except Membership.DoesNotExist:
            return None

    @property
    def role(self) -> Role | None:
        membership = self._membership
        return Role(membership.role) if membership else None

    @property
    def organisation(self) -> "Organisation | None":
        membership = self._membership
        return membership.organisation if membership else None

    @property
    def municipality(self) -> "Municipality | None":
        membership = self._membership
        return membership.municipality if membership else None

    @property
    def organisation_slug(self) -> str:
        organisation = self.organisation
        return organisation.slug if organisation else ""


class Municipality(models.Model):
    name = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(_("code"), unique=True)

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    """An organisation that gives client support or offers a facility."""

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("code"), unique=True)
    # The identifier in Open Referral HSDS exports and the HSDS API.
    uuid = models.UUIDField(_("HSDS-id"), default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(
        _("soort"),
        max_length=32,
        choices=OrganisationKind.choices,
        default=OrganisationKind.CLIENT_SUPPORT,
    )
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("werkt in"), related_name="organisations"
    )
    description = models.TextField(_("beschrijving"), blank=True)
    is_independent = models.BooleanField(
        _("volledig onafhankelijk"), default=False, help_text=INDEPENDENT_MEANING
    )
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    whatsapp = models.CharField(_("WhatsApp"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    street_address = models.CharField(_("adres"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    address_is_confidential = models.BooleanField(
        _("adres is geheim"),
        default=False,
        help_text=_("Bijvoorbeeld een opvang: het adres wordt nooit getoond."),
    )
    opening_hours = models.TextField(_("openingstijden en inloop"), blank=True)
    supporters_see_all_cases = models.BooleanField(
        _("ondersteuners zien alle kwesties van de organisatie"), default=True
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def gives_client_support(self) -> bool:
        return self.kind == OrganisationKind.CLIENT_SUPPORT


class Membership(models.Model):
    """The one role of an account, and the organisation or municipality it works for."""

    user = models.OneToOneField(
        User, verbose_name=_("gebruiker"), on_delete=models.CASCADE, related_name="membership"
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.CheckConstraint(
                name="membership_role_scope",
                condition=(
                    Q(
                        role__in=[Role.SUPPORTER, Role.COORDINATOR],
                        organisation__isnull=False,
                        municipality__isnull=True,
                    )
                    | Q(
                        role=Role.MUNICIPALITY,
                        organisation__isnull=True,
                        municipality__isnull=False,
                    )
                    | Q(
                        role=Role.ADMINISTRATOR,
                        organisation__isnull=True,
                        municipality__isnull=True,
                    )
                ),
            )
        ]

    def __str__(self) -> str:
        scope = self.organisation or self.municipality or ""
        return f"{self.user} · {self.get_role_display()} {scope}".strip()
