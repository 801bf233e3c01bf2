"""Schemathesis against the committed OpenAPI schema: no 500s, no answer outside the contract.

Every operation in ``schema/openapi.yaml`` is called with generated input,
in-process against the WSGI application, with a coordinator's token (the
role that may do the most through the API) on an organisation with a
client, a case and a contact moment. Bounded: a handful of examples per
operation, no shrinking, so ``make test`` stays within a minute or two.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from wegwijs.accounts.constants import Role
from wegwijs.accounts.services import api_token_create
from wegwijs.accounts.tests import factories as account_factories
from wegwijs.cases.tests import factories as case_factories

SCHEMA_PATH = Path(settings.BASE_DIR) / "schema" / "openapi.yaml"
EXAMPLES_PER_OPERATION = 8

schema = schemathesis.openapi.from_path(SCHEMA_PATH)
schema.app = get_wsgi_application()

CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]


@pytest.fixture
def in_test_transaction() -> Iterator[None]:
    """Keep the test's database connection across the calls.

    Schemathesis calls the WSGI application itself, whose request signals
    close connections that are inside a transaction (the test's); Django's
    test client disconnects them the same way.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def coordinator_token(db) -> str:
    coordinator = account_factories.user(Role.COORDINATOR)
    organisation = coordinator.organisation
    assert organisation is not None
    supporter = account_factories.user(Role.SUPPORTER, organisation_slug=organisation.slug)
    client = case_factories.client(supporter)
    case = case_factories.case(supporter, client_obj=client)
    case_factories.contact_moment(supporter, case_obj=case)
    return api_token_create(email=coordinator.email)


@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_keeps_its_contract(case, coordinator_token, in_test_transaction):
    case.call_and_validate(
        headers={"Authorization": f"Token {coordinator_token}"},
        checks=CHECKS,
    )
