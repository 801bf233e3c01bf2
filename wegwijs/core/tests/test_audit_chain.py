"""The audit log is a hash chain: verify_audit_log finds every kind of tampering."""

import threading
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from wegwijs.accounts.constants import Role
from wegwijs.core.audit import audit_log
from wegwijs.core.chain import audit_entries_redact, verify_chain
from wegwijs.core.context import source_address
from wegwijs.core.models import AuditChainHead, AuditEntry

pytestmark = pytest.mark.django_db


def verify() -> str:
    out = StringIO()
    call_command("verify_audit_log", stdout=out)
    return out.getvalue()


def broken_message() -> str:
    with pytest.raises(CommandError) as failure:
        verify()
    return str(failure.value)


def sql(statement: str, *params: str | int) -> None:
    # Tampering goes around the application, as an intruder in the database would.
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.fixture
def five_entries(make_user) -> list[AuditEntry]:
    user = make_user(Role.SUPPORTER)
    return [
        audit_log(event="client.viewed", actor=user, obj=user, client_id=n, detail={"n": n})
        for n in range(1, 6)
    ]


def test_a_whole_chain_verifies(five_entries):
    sequences = list(AuditEntry.objects.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(sequences[0], sequences[0] + len(sequences)))
    output = verify()
    assert output.startswith(f"Audit log OK: {len(sequences)} entries")
    assert AuditChainHead.objects.get().entry_hash in output


def test_empty_log_verifies(db):
    assert verify().startswith("Audit log OK: 0 entries")


def test_a_changed_field_is_found(five_entries):
    target = five_entries[2]
    sql("UPDATE core_auditentry SET client_id = %s WHERE id = %s", "999", target.pk)
    message = broken_message()
    assert f"entry {target.sequence} (id {target.pk}," in message
    assert "content was changed" in message


def test_a_changed_detail_or_time_is_found(five_entries):
    target = five_entries[1]
    sql("UPDATE core_auditentry SET detail = %s WHERE id = %s", '{"n": 7}', target.pk)
    assert f"entry {target.sequence} " in broken_message()


def test_a_rehashed_entry_breaks_the_next_link(five_entries):
    # An intruder who recomputes the content hash still cannot fix the link.
    from wegwijs.core.chain import content_hash

    target = five_entries[1]
    sql("UPDATE core_auditentry SET event = %s WHERE id = %s", "nothing.seen", target.pk)
    entry = AuditEntry.objects.get(pk=target.pk)
    sql(
        "UPDATE core_auditentry SET content_hash = %s WHERE id = %s",
        content_hash(entry),
        target.pk,
    )
    message = broken_message()
    assert f"entry {target.sequence} " in message
    assert "hash does not match" in message


def test_a_deleted_entry_is_found(five_entries):
    target = five_entries[2]
    sql("DELETE FROM core_auditentry WHERE id = %s", target.pk)
    message = broken_message()
    assert f"entry {target.sequence} is missing" in message


def test_a_deleted_newest_entry_is_found(five_entries):
    last = five_entries[-1]
    sql("DELETE FROM core_auditentry WHERE id = %s", last.pk)
    message = broken_message()
    assert f"the chain ends at entry {last.sequence - 1}" in message


def test_reordered_entries_are_found(five_entries):
    first, second = five_entries[1], five_entries[2]
    sql("UPDATE core_auditentry SET sequence = %s WHERE id = %s", 10_000, first.pk)
    sql("UPDATE core_auditentry SET sequence = %s WHERE id = %s", first.sequence, second.pk)
    sql("UPDATE core_auditentry SET sequence = %s WHERE id = %s", second.sequence, first.pk)
    message = broken_message()
    assert f"entry {first.sequence} (id {second.pk}," in message
    assert "previous hash" in message


def test_swapped_contents_are_found(five_entries):
    first, second = five_entries[0], five_entries[1]
    sql("UPDATE core_auditentry SET client_id = %s WHERE id = %s", second.client_id, first.pk)
    sql("UPDATE core_auditentry SET client_id = %s WHERE id = %s", first.client_id, second.pk)
    assert f"entry {first.sequence} " in broken_message()


def test_the_command_exits_1_with_one_line_on_stderr(five_entries, capsys):
    from django.core.management import ManagementUtility

    # As from the shell (run_from_argv): what a cron job or monitoring sees.
    sql("DELETE FROM core_auditentry WHERE id = %s", five_entries[0].pk)
    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(["manage.py", "verify_audit_log"]).execute()
    assert exit_.value.code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"CommandError: Audit log broken at entry {five_entries[0].sequence}")


def test_retention_clears_content_and_the_chain_still_verifies(five_entries):
    old = AuditEntry.objects.filter(pk__in=[e.pk for e in five_entries[:2]])
    assert audit_entries_redact(old) == 2
    assert audit_entries_redact(old) == 0  # idempotent
    cleared = AuditEntry.objects.get(pk=five_entries[0].pk)
    assert cleared.client_id == ""
    assert cleared.detail == {}
    assert cleared.actor_label == ""
    assert cleared.event == "client.viewed"
    assert "(2 cleared by retention)" in verify()


def test_removing_an_account_keeps_the_chain_whole(make_user):
    user = make_user(Role.SUPPORTER)
    entry = audit_log(event="test.seen", actor=user)
    user.delete()
    entry.refresh_from_db()
    assert entry.actor_id is None
    assert entry.actor_label == user.email
    assert verify_chain().ok


def test_ipv6_source_addresses_verify(make_user):
    token = source_address.set("2001:0db8:0000:0000:0000:0000:0000:0001")
    try:
        audit_log(event="test.seen", actor=make_user(Role.SUPPORTER))
    finally:
        source_address.reset(token)
    assert AuditEntry.objects.get(event="test.seen").source_address == "2001:db8::1"
    assert verify_chain().ok


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain(make_user):
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        ("file:memorydb", ":memory:")
    ):
        pytest.skip("an in-memory SQLite database has one connection; PostgreSQL runs this")
    user = make_user(Role.SUPPORTER)
    writers, per_writer = 6, 15
    errors: list[BaseException] = []
    start = threading.Barrier(writers)

    def write() -> None:
        try:
            start.wait()
            for n in range(per_writer):
                audit_log(event="test.concurrent", actor=user, detail={"n": n})
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert AuditEntry.objects.filter(event="test.concurrent").count() == writers * per_writer
    result = verify_chain()
    assert result.ok, result.reason
    assert result.head_sequence == AuditEntry.objects.count()


@pytest.mark.django_db(transaction=True)
def test_entries_written_before_the_chain_are_sealed_by_the_migration():
    from django.db.migrations.executor import MigrationExecutor

    before, after = (
        [("core", "0002_alter_auditentry_options")],
        [("core", "0004_auditentry_sequence_unique")],
    )
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old_entry_model = executor.loader.project_state(before).apps.get_model("core", "AuditEntry")
        for n in range(3):
            old_entry_model.objects.create(
                event="client.viewed",
                actor_label="oud@example.org",
                client_id=str(n),
                source_address="2001:db8::7",
                detail={"n": n, "naam": "Ærø"},
            )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(after)
        # Back to the latest state of every app: later core migrations
        # (the outbox) were unapplied by the step back to 0002.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    sealed = list(AuditEntry.objects.order_by("sequence"))
    assert [e.sequence for e in sealed] == [1, 2, 3]
    assert [e.client_id for e in sealed] == ["0", "1", "2"]
    assert verify_chain().ok
    # New entries continue the chain where the migration ended.
    audit_log(event="test.after", actor=None)
    result = verify_chain()
    assert result.ok
    assert result.head_sequence == 4
