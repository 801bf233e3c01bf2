"""Shared pytest fixtures: one user per role, logged-in clients."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from wegwijs.accounts.constants import Role
from wegwijs.accounts.models import User
from wegwijs.accounts.tests import factories


@pytest.fixture(autouse=True)
def _dutch_after_each_test():
    """A request in English leaves English active in the thread; the next test starts Dutch."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def make_user(db):
    return factories.user


@pytest.fixture(params=list(Role))
def any_role(request) -> Role:
    return request.param


@pytest.fixture
def supporter(db) -> User:
    return factories.user(Role.SUPPORTER)


@pytest.fixture
def coordinator(db) -> User:
    return factories.user(Role.COORDINATOR)


@pytest.fixture
def municipality_user(db) -> User:
    return factories.user(Role.MUNICIPALITY)


@pytest.fixture
def administrator(db) -> User:
    return factories.user(Role.ADMINISTRATOR)


def logged_in_client(user: User) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client
