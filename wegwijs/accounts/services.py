"""Writes of the accounts app: municipalities, organisations, users, API tokens."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_slug
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from wegwijs.accounts.constants import ORGANISATION_ROLES, AuditEvent, OrganisationKind, Role
from wegwijs.accounts.models import Membership, Municipality, Organisation, User
from wegwijs.accounts.permissions import Capability, has_capability
from wegwijs.core.audit import audit_log
from wegwijs.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


def _check_slug(slug: str) -> None:
    try:
        validate_slug(slug)
    except ValidationError as exc:
        raise ValidationFailed(
            _("Ongeldige code '%(slug)s': gebruik alleen letters, cijfers, - en _.")
            % {"slug": slug}
        ) from exc
    if slug != slug.lower():
        raise ValidationFailed(
            _("Ongeldige code '%(slug)s': gebruik kleine letters.") % {"slug": slug}
        )


def municipality_get(*, slug: str) -> Municipality:
    try:
        return Municipality.objects.get(slug=slug)
    except Municipality.DoesNotExist:
        raise NotFound(_("Onbekende gemeente '%(slug)s'.") % {"slug": slug}) from None


def organisation_get(*, slug: str) -> Organisation:
    try:
        return Organisation.objects.get(slug=slug)
    except Organisation.DoesNotExist:
        raise NotFound(_("Onbekende organisatie '%(slug)s'.") % {"slug": slug}) from None


@transaction.atomic
def organisation_case_visibility_set(
    *, actor: User, organisation: Organisation, supporters_see_all_cases: bool
) -> Organisation:
    """Decide whether supporters see all of the organisation's cases or only their own.

    Only a coordinator of the organisation itself may change it; coordinators
    always see every case of their organisation.
    """
    if not has_capability(actor, Capability.MANAGE_ORGANISATION) or (
        actor.organisation is None or actor.organisation.pk != organisation.pk
    ):
        raise PermissionDenied(_("Alleen een coördinator van de organisatie kan dit wijzigen."))
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.supporters_see_all_cases == supporters_see_all_cases:
        return organisation
    organisation.supporters_see_all_cases = supporters_see_all_cases
    organisation.save(update_fields=["supporters_see_all_cases"])
    audit_log(
        event=AuditEvent.CASE_VISIBILITY_CHANGED,
        actor=actor,
        obj=organisation,
        detail={"supporters_see_all_cases": supporters_see_all_cases},
    )
    return organisation


@transaction.atomic
def municipality_create(*, slug: str, name: str, actor: User | None = None) -> Municipality:
    _check_slug(slug)
    if not name.strip():
        raise ValidationFailed(_("Geef de naam van de gemeente."))
    if Municipality.objects.filter(slug=slug).exists():
        raise Conflict(_("Gemeente '%(slug)s' bestaat al.") % {"slug": slug})
    municipality = Municipality(slug=slug, name=name.strip())
    municipality.full_clean()
    municipality.save()
    audit_log(event=AuditEvent.MUNICIPALITY_CREATED, actor=actor, obj=municipality)
    return municipality


@transaction.atomic
def organisation_create(
    *,
    slug: str,
    name: str,
    municipality_slugs: list[str],
    kind: str = OrganisationKind.CLIENT_SUPPORT,
    is_independent: bool = False,
    actor: User | None = None,
    **details: object,
) -> Organisation:
    """Create an organisation serving the given municipalities."""
    _check_slug(slug)
    if not name.strip():
        raise ValidationFailed(_("Geef de naam van de organisatie."))
    if kind not in OrganisationKind.values:
        raise ValidationFailed(_("Onbekende soort organisatie '%(kind)s'.") % {"kind": kind})
    if not municipality_slugs:
        raise ValidationFailed(_("Geef minstens één gemeente waar de organisatie werkt."))
    municipalities = [municipality_get(slug=m) for m in municipality_slugs]
    if Organisation.objects.filter(slug=slug).exists():
        raise Conflict(_("Organisatie '%(slug)s' bestaat al.") % {"slug": slug})
    organisation = Organisation(
        slug=slug, name=name.strip(), kind=kind, is_independent=is_independent, **details
    )
    try:
        organisation.full_clean()
    except ValidationError as exc:
        raise ValidationFailed("; ".join(exc.messages)) from exc
    organisation.save()
    organisation.municipalities.set(municipalities)
    audit_log(
        event=AuditEvent.ORGANISATION_CREATED,
        actor=actor,
        obj=organisation,
        detail={"slug": slug, "independent": is_independent},
    )
    return organisation


@transaction.atomic
def user_create(
    *,
    email: str,
    role: str,
    organisation_slug: str | None = None,
    municipality_slug: str | None = None,
    password: str | None = None,
    full_name: str = "",
    actor: User | None = None,
) -> User:
    """Create an account with its one role; check everything before writing."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationFailed(_("Ongeldig e-mailadres '%(email)s'.") % {"email": email}) from None
    if role not in Role.values:
        raise ValidationFailed(
            _("Onbekende rol '%(role)s'; kies uit %(roles)s.")
            % {"role": role, "roles": ", ".join(Role.values)}
        )
    organisation = None
    municipality = None
    if role in ORGANISATION_ROLES:
        if not organisation_slug:
            raise ValidationFailed(
                _("De rol '%(role)s' hoort bij een organisatie: geef --organisation.")
                % {"role": role}
            )
        if municipality_slug:
            raise ValidationFailed(
                _("De rol '%(role)s' hoort bij een organisatie, niet bij een gemeente.")
                % {"role": role}
            )
        organisation = organisation_get(slug=organisation_slug)
    elif role == Role.MUNICIPALITY:
        if not municipality_slug:
            raise ValidationFailed(
                _("De rol 'municipality' hoort bij een gemeente: geef --municipality.")
            )
        if organisation_slug:
            raise ValidationFailed(_("De rol 'municipality' hoort niet bij een organisatie."))
        municipality = municipality_get(slug=municipality_slug)
    elif organisation_slug or municipality_slug:
        raise ValidationFailed(
            _("De rol 'administrator' hoort niet bij een organisatie of gemeente.")
        )
    if User.objects.filter(email__iexact=email).exists():
        raise Conflict(_("Er bestaat al een account met e-mailadres %(email)s.") % {"email": email})
    candidate = User(email=email, full_name=full_name)
    if password:
        try:
            validate_password(password, user=candidate)
        except ValidationError as exc:
            raise ValidationFailed(" ".join(exc.messages)) from exc

    is_admin = role == Role.ADMINISTRATOR
    user = User.objects.create_user(
        email, password, full_name=full_name, is_staff=is_admin, is_superuser=is_admin
    )
    membership = Membership(
        user=user, role=role, organisation=organisation, municipality=municipality
    )
    membership.full_clean()
    membership.save()
    audit_log(
        event=AuditEvent.USER_CREATED,
        actor=actor,
        obj=user,
        detail={
            "role": role,
            "organisation": organisation_slug or "",
            "municipality": municipality_slug or "",
        },
    )
    return user


@transaction.atomic
def api_token_create(*, email: str, actor: User | None = None) -> str:
    """Issue a new API token for the account, replacing any earlier one."""
    try:
        user = User.objects.get(email__iexact=email.strip())
    except User.DoesNotExist:
        raise NotFound(_("Onbekend account '%(email)s'.") % {"email": email}) from None
    if not user.is_active:
        raise ValidationFailed(_("Account %(email)s is niet actief.") % {"email": email})
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    audit_log(event=AuditEvent.API_TOKEN_CREATED, actor=actor, obj=user)
    return token.key
