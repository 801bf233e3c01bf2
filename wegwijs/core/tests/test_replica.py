"""Monitoring reads go to the read replica; writes never do.

Two database aliases: ``replica`` mirrors ``default`` in the test settings
(the same database, a separate connection), as a streaming replica would.
"""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from wegwijs.accounts.constants import Role
from wegwijs.accounts.tests import factories
from wegwijs.core.audit import audit_log
from wegwijs.core.models import AuditEntry
from wegwijs.core.replica import reads_from_replica

ROUTER = ["wegwijs.core.replica.ReplicaRouter"]
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture(autouse=True)
def _sqlite_shared_cache_reads():
    # On SQLite both aliases open one in-memory database in shared-cache
    # mode, where a reader waits on the other connection's table locks; a
    # real replica is a separate server. Let the mirror read past them.
    replica = connections["replica"]
    if replica.vendor == "sqlite":
        replica.ensure_connection()
        replica.connection.execute("PRAGMA read_uncommitted = 1")


def _statements(context: CaptureQueriesContext) -> list[str]:
    return [q["sql"].lstrip().upper() for q in context.captured_queries]


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_the_monitoring_page_reads_from_the_replica(settings):
    from conftest import logged_in_client

    settings.DATABASE_ROUTERS = ROUTER
    user = factories.user(Role.MUNICIPALITY)
    browser = logged_in_client(user)
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = browser.get("/monitoring/")
    assert response.status_code == 200
    replica_sql = _statements(replica)
    assert any(sql.startswith("SELECT") for sql in replica_sql)
    assert not any(sql.startswith(WRITES) for sql in replica_sql)
    # Who is logged in comes from the primary, never from a copy that may lag.
    assert not any("DJANGO_SESSION" in sql or '"ACCOUNTS_USER"' in sql for sql in replica_sql)
    assert any("DJANGO_SESSION" in sql for sql in _statements(primary))


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_writes_never_go_to_the_replica(settings):
    from wegwijs.core.models import OutboxTask

    settings.DATABASE_ROUTERS = ROUTER
    audit_log(event="test.replica", actor=None, detail={"n": 1})
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
        reads_from_replica(),
    ):
        found = list(AuditEntry.objects.filter(event="test.replica"))
        OutboxTask.objects.create(task_name="wegwijs.core.ping", kwargs={})
    assert len(found) == 1
    assert found[0]._state.db == "replica"
    assert [sql.split()[0] for sql in _statements(primary)] == ["INSERT"]
    replica_sql = _statements(replica)
    assert len(replica_sql) == 1
    assert replica_sql[0].startswith("SELECT")


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_other_pages_read_from_the_primary(settings):
    from conftest import logged_in_client

    settings.DATABASE_ROUTERS = ROUTER
    user = factories.user(Role.COORDINATOR)
    with CaptureQueriesContext(connections["replica"]) as replica:
        assert logged_in_client(user).get("/mijn-organisatie/").status_code == 200
    assert replica.captured_queries == []
