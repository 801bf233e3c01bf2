import pytest

from wegwijs.referrals.tests import factories


@pytest.fixture
def sender(db) -> factories.Side:
    return factories.side("verwijzer")


@pytest.fixture
def receiver(db) -> factories.Side:
    return factories.side("ontvanger")


@pytest.fixture
def outsider(db) -> factories.Side:
    return factories.side("buitenstaander")


@pytest.fixture
def case(sender):
    return factories.sender_case(sender.supporter)
