"""The audit log as a hash chain: append, verify, redact.

Every entry stores ``content_hash`` (SHA-256 of its canonical content) and
``entry_hash`` = SHA-256 of its sequence number, the previous entry's
``entry_hash`` and its own ``content_hash``. Changing a field, removing an
entry or reordering entries breaks a link that ``verify_chain`` finds.

Appends are serialised by locking the one ``AuditChainHead`` row
(``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite serialises writers itself),
and ``sequence`` is unique, so two writers can never fork the chain.

The actor's foreign key is not sealed: it is cleared when an account is
removed. The copied e-mail address (``actor_label``) is.
"""

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from wegwijs.core.models import GENESIS_HASH, AuditChainHead, AuditEntry, AuditEntryQuerySet

HEAD_PK = 1

# The content fields, in the order they are sealed. Never change this list or
# the encoding below: entries sealed before would no longer verify.
SEALED_FIELDS = (
    "event",
    "occurred_at",
    "actor_label",
    "organisation_slug",
    "object_type",
    "object_id",
    "client_id",
    "source_address",
    "detail",
)
# What retention clears; the event, time and hashes remain.
REDACTED_VALUES: dict[str, Any] = {
    "actor_label": "",
    "organisation_slug": "",
    "object_type": "",
    "object_id": "",
    "client_id": "",
    "source_address": None,
    "detail": {},
}


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_hash(entry: AuditEntry) -> str:
    """SHA-256 of the entry's sealed fields, encoded as canonical JSON."""
    source = entry.source_address
    if source:
        # Store and compare the address as the database returns it.
        source = AuditEntry._meta.get_field("source_address").get_prep_value(source)
    occurred_at = entry.occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    content = {
        "event": entry.event,
        "occurred_at": occurred_at,
        "actor_label": entry.actor_label,
        "organisation_slug": entry.organisation_slug,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "client_id": entry.client_id,
        "source_address": source or None,
        # A round trip through JSON gives what the database will give back.
        "detail": json.loads(json.dumps(entry.detail)),
    }
    assert tuple(content) == SEALED_FIELDS
    return _sha256(json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False))


def link_hash(sequence: int, previous_hash: str, content: str) -> str:
    return _sha256(f"{sequence}\n{previous_hash}\n{content}")


def _locked_head() -> AuditChainHead:
    try:
        return AuditChainHead.objects.select_for_update().get(pk=HEAD_PK)
    except AuditChainHead.DoesNotExist:
        pass
    # A fresh database (or a test database after a flush): start where the
    # entries end, or at the beginning.
    last = AuditEntry.objects.order_by("-sequence").only("sequence", "entry_hash").first()
    try:
        with transaction.atomic():
            AuditChainHead.objects.create(
                pk=HEAD_PK,
                sequence=last.sequence if last else 0,
                entry_hash=last.entry_hash if last else GENESIS_HASH,
            )
    except IntegrityError:
        pass  # Another writer created it first.
    return AuditChainHead.objects.select_for_update().get(pk=HEAD_PK)


def append(entry: AuditEntry) -> AuditEntry:
    """Seal ``entry`` as the next link of the chain and save it."""
    with transaction.atomic():
        head = _locked_head()
        # The time is taken under the lock, so the chain's order is also time order.
        entry.occurred_at = timezone.now()
        entry.sequence = head.sequence + 1
        entry.previous_hash = head.entry_hash
        entry.content_hash = content_hash(entry)
        entry.entry_hash = link_hash(entry.sequence, entry.previous_hash, entry.content_hash)
        entry.save(force_insert=True)
        head.sequence = entry.sequence
        head.entry_hash = entry.entry_hash
        head.save(update_fields=["sequence", "entry_hash"])
    return entry


@dataclass(frozen=True)
class Verification:
    """The outcome of ``verify_chain``: ``broken`` is None when the chain is whole."""

    checked: int
    redacted: int
    head_sequence: int
    head_hash: str
    broken: AuditEntry | None = None
    broken_sequence: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return not self.reason


def verify_chain(*, chunk_size: int = 2000) -> Verification:
    """Walk the chain from the first entry and report the first broken link."""
    previous_hash = GENESIS_HASH
    expected_sequence = 1
    checked = redacted = 0
    entries: Iterable[AuditEntry] = AuditEntry.objects.order_by("sequence").iterator(
        chunk_size=chunk_size
    )

    def broken(entry: AuditEntry | None, sequence: int, reason: str) -> Verification:
        return Verification(
            checked=checked,
            redacted=redacted,
            head_sequence=expected_sequence - 1,
            head_hash=previous_hash,
            broken=entry,
            broken_sequence=sequence,
            reason=reason,
        )

    for entry in entries:
        if entry.sequence != expected_sequence:
            return broken(
                entry,
                expected_sequence,
                f"entry {expected_sequence} is missing (the next one is {entry.sequence})",
            )
        if entry.previous_hash != previous_hash:
            return broken(
                entry, entry.sequence, "its previous hash does not match the entry before it"
            )
        if entry.redacted_at is None and entry.content_hash != content_hash(entry):
            return broken(entry, entry.sequence, "its content was changed after it was written")
        if entry.entry_hash != link_hash(entry.sequence, entry.previous_hash, entry.content_hash):
            return broken(entry, entry.sequence, "its hash does not match its content and place")
        checked += 1
        redacted += entry.redacted_at is not None
        previous_hash = entry.entry_hash
        expected_sequence += 1

    head = AuditChainHead.objects.filter(pk=HEAD_PK).first()
    last_sequence = expected_sequence - 1
    if head is None:
        if last_sequence:
            return broken(None, last_sequence, "the end of the chain is missing")
    elif head.sequence != last_sequence or head.entry_hash != previous_hash:
        return broken(
            None,
            last_sequence + 1,
            f"the chain ends at entry {last_sequence}, but entries up to "
            f"{head.sequence} were written",
        )
    return Verification(
        checked=checked, redacted=redacted, head_sequence=last_sequence, head_hash=previous_hash
    )


def audit_entries_redact(entries: AuditEntryQuerySet) -> int:
    """Clear the content of audit entries whose retention period is over.

    The event, time and hashes stay, so the chain still verifies; what the
    entry said about whom is gone.
    Returns the number of entries cleared now.
    """
    return int(
        entries.filter(redacted_at__isnull=True)._redact(
            **REDACTED_VALUES, redacted_at=timezone.now()
        )
    )
