import pytest

from wegwijs.accounts.constants import Role
from wegwijs.core.audit import audit_log
from wegwijs.core.context import source_address
from wegwijs.core.models import AppendOnlyError, AuditEntry

pytestmark = pytest.mark.django_db


def test_audit_entry_records_actor_organisation_and_source(make_user):
    user = make_user(Role.SUPPORTER)
    token = source_address.set("192.0.2.7")
    try:
        entry = audit_log(event="test.seen", actor=user, obj=user, client_id=42, detail={"a": 1})
    finally:
        source_address.reset(token)
    entry.refresh_from_db()
    assert entry.actor == user
    assert entry.actor_label == user.email
    assert entry.organisation_slug == user.organisation.slug
    assert entry.object_type == "accounts.user"
    assert entry.object_id == str(user.pk)
    assert entry.client_id == "42"
    assert entry.source_address == "192.0.2.7"
    assert entry.detail == {"a": 1}


def test_audit_log_is_append_only(make_user):
    entry = audit_log(event="test.seen", actor=make_user(Role.SUPPORTER))
    entry.event = "test.changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(event="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).event == "test.seen"


def test_request_source_address_reaches_the_audit_log(client, make_user):
    user = make_user(Role.SUPPORTER)
    from wegwijs.accounts.tests.factories import PASSWORD

    client.post(
        "/account/login/", {"login": user.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.4"
    )
    entry = AuditEntry.objects.get(event="login.succeeded")
    assert entry.source_address == "198.51.100.4"


def test_admin_shows_no_client_entries(make_user):
    from conftest import logged_in_client

    admin = make_user(Role.ADMINISTRATOR)
    audit_log(event="client.viewed", actor=admin, client_id=7)
    audit_log(event="config.changed", actor=admin)
    page = logged_in_client(admin).get("/beheer/core/auditentry/").content.decode()
    assert "config.changed" in page
    assert "client.viewed" not in page
