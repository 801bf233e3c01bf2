"""Factories for accounts: build municipalities, organisations and users via services."""

import itertools

from wegwijs.accounts.constants import OrganisationKind, Role
from wegwijs.accounts.models import Municipality, Organisation, User
from wegwijs.accounts.services import municipality_create, organisation_create, user_create

PASSWORD = "Een-lang-wachtwoord-2026"
_counter = itertools.count(1)


def municipality(slug: str = "haarlem", name: str = "Haarlem") -> Municipality:
    found = Municipality.objects.filter(slug=slug).first()
    return found or municipality_create(slug=slug, name=name)


def organisation(
    slug: str | None = None,
    *,
    municipality_slug: str = "haarlem",
    kind: str = OrganisationKind.CLIENT_SUPPORT,
    is_independent: bool = False,
) -> Organisation:
    municipality(municipality_slug, municipality_slug.capitalize())
    slug = slug or f"organisatie-{next(_counter)}"
    return organisation_create(
        slug=slug,
        name=slug.replace("-", " ").title(),
        municipality_slugs=[municipality_slug],
        kind=kind,
        is_independent=is_independent,
    )


def user(
    role: str = Role.SUPPORTER,
    *,
    email: str | None = None,
    organisation_slug: str | None = None,
    municipality_slug: str | None = None,
    password: str = PASSWORD,
) -> User:
    if role in (Role.SUPPORTER, Role.COORDINATOR) and organisation_slug is None:
        organisation_slug = organisation().slug
    if role == Role.MUNICIPALITY and municipality_slug is None:
        municipality_slug = municipality().slug
    return user_create(
        email=email or f"{role}-{next(_counter)}@example.org",
        role=role,
        organisation_slug=organisation_slug,
        municipality_slug=municipality_slug,
        password=password,
        full_name=f"Test {role.title()}",
    )
