"""Cached answers of the public sociale kaart, made obsolete by any change.

Search results (the ranked ids) and finder answers are kept in Django's
cache under a key that holds the ``DirectoryVersion`` number. Every change
to the sociale kaart, its organisations or the reference lists raises that
number (signal receivers below, and ``version_bump`` after bulk writes), so
an answer is never older than the last change to the sociale kaart;
``TIMEOUT`` bounds how long a changed organisation or reference list can
show its old text, and the memory the answers take.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django.db import connections, router
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from wegwijs.core import fragments
from wegwijs.directory.models import DirectoryVersion

# Organisations and reference lists are not watched (their saves are not the
# sociale kaart's to slow down): a change there shows within this many seconds.
TIMEOUT = 120
T = TypeVar("T")


def version() -> int:
    # Read on every public page: plain SQL, as the query builder costs more than the query.
    connection = connections[router.db_for_read(DirectoryVersion)]
    meta = DirectoryVersion._meta
    table, pk = connection.ops.quote_name(meta.db_table), connection.ops.quote_name(meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number FROM {table} WHERE {pk} = 1")  # noqa: S608 - no user input
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def version_bump() -> None:
    """Make every cached answer obsolete; call after writes that send no signals."""
    updated = DirectoryVersion.objects.filter(pk=1).update(
        number=F("number") + 1, changed_at=timezone.now()
    )
    if not updated:
        DirectoryVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def cached(kind: str, parameters: dict[str, Any], compute: Callable[[], T]) -> T:
    """The answer for ``parameters`` at the current version; computed once per version."""
    return fragments.cached(f"directory:{kind}:{version()}", parameters, compute, TIMEOUT)


def _changed(sender: Any, **kwargs: Any) -> None:
    if sender is DirectoryVersion:
        return
    version_bump()


WATCHED = (
    "directory.Service",
    "directory.ServiceLanguage",
    "directory.Location",
    "directory.ServiceAtLocation",
    "directory.Schedule",
    "directory.Synonym",
    "directory.PostcodeRange",
)


def connect() -> None:
    """Listen for changes to everything a cached answer shows (called from AppConfig.ready)."""
    from django.apps import apps

    for label in WATCHED:
        model = apps.get_model(label)
        post_save.connect(_changed, sender=model, dispatch_uid=f"directory-cache-save-{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"directory-cache-delete-{label}")
    from wegwijs.directory.models import Service

    for through in (
        Service.topics.through,
        Service.target_groups.through,
        Service.areas.through,
        Service.channels.through,
    ):
        m2m_changed.connect(_changed, sender=through, dispatch_uid=f"directory-cache-m2m-{through}")
