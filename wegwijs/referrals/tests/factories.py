"""Factories for referrals: two organisations with people, and referrals made through the services."""

import itertools
from dataclasses import dataclass
from typing import Any

from wegwijs.accounts.constants import OrganisationKind, Role
from wegwijs.accounts.models import Organisation, User
from wegwijs.accounts.services import organisation_create
from wegwijs.accounts.tests import factories as account_factories
from wegwijs.cases.models import Case
from wegwijs.cases.tests import factories as case_factories
from wegwijs.referrals import services
from wegwijs.referrals.constants import ReferralMode, Sharing
from wegwijs.referrals.models import Referral

_counter = itertools.count(1)


@dataclass
class Side:
    organisation: Organisation
    supporter: User
    coordinator: User


def side(slug: str | None = None, *, kind: str = OrganisationKind.CLIENT_SUPPORT) -> Side:
    organisation = account_factories.organisation(slug or f"org-{next(_counter)}", kind=kind)
    return Side(
        organisation=organisation,
        supporter=account_factories.user(Role.SUPPORTER, organisation_slug=organisation.slug),
        coordinator=account_factories.user(Role.COORDINATOR, organisation_slug=organisation.slug),
    )


def facility(slug: str | None = None, **fields: Any) -> Organisation:
    account_factories.municipality()
    values: dict[str, Any] = {
        "name": "Voedselbank Haarlem",
        "phone": "023 - 100 20 30",
        "email": "info@voedselbank.example",
        "street_address": "Oudeweg 1",
        "postcode": "2031 CC",
        "city": "Haarlem",
    }
    values.update(fields)
    return organisation_create(
        slug=slug or f"voorziening-{next(_counter)}",
        municipality_slugs=["haarlem"],
        kind=OrganisationKind.FACILITY,
        **values,
    )


def sender_case(user: User, **fields: Any) -> Case:
    client = case_factories.client(
        user,
        given_name="Petra",
        family_name="Jansen",
        phone="06 11112222",
        email="petra@example.org",
    )
    fields.setdefault("question", "Hulp bij schulden en een brief van de Belastingdienst.")
    return case_factories.case(user, client_obj=client, **fields)


def referral(
    actor: User,
    *,
    case: Case,
    to: Organisation,
    consent: str = Sharing.QUESTION_CONTACT,
    mode: str = ReferralMode.SENT,
    **fields: Any,
) -> Referral:
    return services.referral_create(
        actor=actor, case=case, to_organisation=to, mode=mode, consent=consent, **fields
    )
