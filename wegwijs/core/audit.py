"""The audit writer: the one function that adds lines to the audit log."""

from typing import Any, Protocol

from django.db import models

from wegwijs.core.context import source_address
from wegwijs.core.models import AuditEntry


class Actor(Protocol):
    pk: Any
    email: str

    @property
    def organisation_slug(self) -> str: ...


def audit_log(
    *,
    event: str,
    actor: Actor | None,
    obj: models.Model | None = None,
    client_id: Any = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append an entry; call it inside the transaction of the change it records."""
    entry = AuditEntry(
        event=event,
        actor_id=actor.pk if actor is not None else None,
        actor_label=actor.email if actor is not None else "",
        organisation_slug=actor.organisation_slug if actor is not None else "",
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        client_id=str(client_id) if client_id is not None else "",
        source_address=source_address.get(),
        detail=detail or {},
    )
    # Sealed as the next link of the hash chain (wegwijs.core.chain).
    entry.save()
    return entry
