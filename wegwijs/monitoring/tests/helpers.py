"""Helpers for monitoring tests: register through the case services, read through the API."""

from datetime import date, datetime, time
from typing import Any

from django.utils import timezone
from rest_framework.test import APIClient

from wegwijs.accounts.models import User
from wegwijs.accounts.services import api_token_create
from wegwijs.cases import services
from wegwijs.cases.models import Case
from wegwijs.cases.tests import factories as case_factories


def api_for(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(email=user.email)}")
    return client


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def case(
    actor: User,
    *,
    opened_on: date,
    contacts: list[date] = (),  # type: ignore[assignment]
    closed_on: date | None = None,
    topic_code: str = "financien",
    client: Any = None,
    minutes: int = 30,
    channel_code: str = "telefoon",
    satisfaction: int | None = None,
) -> Case:
    """A case with contact moments on ``contacts``, closed on ``closed_on`` when given."""
    obj = case_factories.case(actor, client_obj=client, topic_code=topic_code, opened_on=opened_on)
    for day in contacts:
        case_factories.contact_moment(
            actor, case_obj=obj, occurred_at=at(day), minutes=minutes, channel_code=channel_code
        )
    if closed_on is not None:
        obj.refresh_from_db()
        obj = services.case_close(
            actor=actor,
            case=obj,
            version=obj.version,
            outcome_code="opgelost",
            closed_on=closed_on,
            satisfaction=satisfaction,
        )
    return obj


def summary(user: User, period: str, **params: str) -> dict[str, Any]:
    response = api_for(user).get("/api/v1/monitoring/summary", {"period": period, **params})
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    return body
