"""Factories for the case register: they go through the services, like users do."""

import itertools
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from wegwijs.accounts.models import User
from wegwijs.cases import services
from wegwijs.cases.models import Case, Client, ContactMoment

_counter = itertools.count(1)


def client(actor: User, **fields: Any) -> Client:
    number = next(_counter)
    defaults: dict[str, Any] = {
        "given_name": "Test",
        "family_name": f"Cliënt{number}",
        "date_of_birth": date(1960, 1, 1) + timedelta(days=number),
    }
    if fields.get("is_anonymous"):
        defaults = {}
    return services.client_create(actor=actor, **{**defaults, **fields})


def case(
    actor: User, *, client_obj: Client | None = None, topic_code: str = "financien", **fields: Any
) -> Case:
    fields.setdefault("opened_on", timezone.localdate() - timedelta(days=10))
    return services.case_open(
        actor=actor, client=client_obj or client(actor), topic_code=topic_code, **fields
    )


def contact_moment(actor: User, *, case_obj: Case, **fields: Any) -> ContactMoment:
    values: dict[str, Any] = {
        "occurred_at": timezone.now() - timedelta(hours=1),
        "channel_code": "telefoon",
        "activity_code": "vraagverheldering",
        "minutes": 15,
    }
    values.update(fields)
    return services.contact_moment_register(actor=actor, case=case_obj, **values)


def at(days_ago: int, hour: int = 10) -> datetime:
    moment = timezone.localtime() - timedelta(days=days_ago)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)
