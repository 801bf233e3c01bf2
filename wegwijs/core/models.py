from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The previous hash of the first entry of the chain.
GENESIS_HASH = "0" * 64


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit entry."""


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit entries cannot be removed.")

    def _redact(self, **fields: Any) -> int:
        """Clear content for retention; only ``wegwijs.core.chain.audit_entries_redact``."""
        return super().update(**fields)


class AuditEntry(models.Model):
    """One line of the audit log: who did or saw what, on which client.

    Append-only in the style of NEN 7513. The actor's e-mail and organisation
    are copied, so an entry stays readable after the account is gone.

    Tamper-evident: the entries form a hash chain (``wegwijs.core.chain``).
    ``content_hash`` seals the entry's content, ``entry_hash`` seals its
    position, its content hash and the previous entry's hash. Retention may
    clear an entry's content (``redacted_at``); its hashes stay, so the chain
    still verifies.
    """

    event = models.CharField(_("gebeurtenis"), max_length=64, db_index=True)
    occurred_at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("gebruiker (vastgelegd)"), max_length=254, blank=True)
    organisation_slug = models.SlugField(_("organisatie van de gebruiker"), blank=True)
    object_type = models.CharField(_("soort object"), max_length=100, blank=True)
    object_id = models.CharField(_("object"), max_length=64, blank=True)
    client_id = models.CharField(_("cliënt"), max_length=64, blank=True, db_index=True)
    source_address = models.GenericIPAddressField(_("bronadres"), null=True, blank=True)
    detail = models.JSONField(_("details"), default=dict, blank=True)
    sequence = models.PositiveBigIntegerField(_("volgnummer"), unique=True)
    content_hash = models.CharField(_("hash van de inhoud"), max_length=64)
    previous_hash = models.CharField(_("hash van de vorige regel"), max_length=64)
    entry_hash = models.CharField(_("hash van de regel"), max_length=64)
    redacted_at = models.DateTimeField(_("inhoud gewist op"), null=True, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditregels")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["organisation_slug", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.event} {self.actor_label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit entries cannot be changed.")
        if self.sequence is None:
            # Every new entry becomes the next link of the chain.
            from wegwijs.core.chain import append

            append(self)
            return
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit entries cannot be removed.")


class AuditChainHead(models.Model):
    """The last link of the audit chain: one row, locked by every append.

    Locking it serialises appends, so concurrent writers never fork the chain;
    it also records where the chain ends, so removing the newest entries shows.
    """

    sequence = models.PositiveBigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("einde van de auditketen")
        verbose_name_plural = _("einde van de auditketen")

    def __str__(self) -> str:
        return f"{self.sequence} {self.entry_hash}"


# The transactional outbox lives with its logic; imported here so Django sees the model.
from wegwijs.core.outbox import OutboxTask as OutboxTask  # noqa: E402
