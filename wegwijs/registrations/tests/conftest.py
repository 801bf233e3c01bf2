"""Fixtures for the registrations tests: a coordinator's organisation with Haarlem's areas."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from wegwijs.accounts.constants import Role
from wegwijs.accounts.models import Municipality, Organisation, User
from wegwijs.accounts.tests import factories as account_factories
from wegwijs.cases.models import Case, Client, ContactMoment
from wegwijs.core.models import AuditEntry
from wegwijs.reference.services import areas_load

HEADER = (
    "client_ref,case_ref,topic,opened_on,closed_on,contact_on,channel,activity,minutes,"
    "target_groups,area,outcome"
)


@pytest.fixture
def organisation(db) -> Organisation:
    organisation = account_factories.organisation("clientenbelang")
    areas_load(municipality=Municipality.objects.get(slug="haarlem"))
    return organisation


@pytest.fixture
def coordinator(organisation) -> User:
    return account_factories.user(Role.COORDINATOR, organisation_slug=organisation.slug)


def register_counts() -> tuple[int, ...]:
    """Every table an import may write to."""
    return (
        Client.objects.count(),
        Case.objects.count(),
        ContactMoment.objects.count(),
        Client.target_groups.through.objects.count(),
        AuditEntry.objects.count(),
    )


def csv_text(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


@pytest.fixture
def write_file(tmp_path) -> Callable[..., Path]:
    def write(content: str | bytes, name: str = "registraties.csv", **kwargs: Any) -> Path:
        path = tmp_path / name
        if isinstance(content, str):
            content = content.encode(kwargs.get("encoding", "utf-8"))
        path.write_bytes(content)
        return path

    return write
