from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit entry."""


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit entries cannot be removed.")


class AuditEntry(models.Model):
    """One line of the audit log: who did or saw what, on which client.

    Append-only in the style of NEN 7513. The actor's e-mail and organisation
    are copied, so an entry stays readable after the account is gone.
    """

    event = models.CharField(_("gebeurtenis"), max_length=64, db_index=True)
    occurred_at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
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
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit entries cannot be removed.")
