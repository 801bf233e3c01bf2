"""Uploaded registration files and the progress of their import."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wegwijs.accounts.models import Organisation
from wegwijs.registrations.constants import FINISHED, JobStatus


class ImportJob(models.Model):
    """One uploaded file, checked and written by a background task.

    The file is removed from storage when the job finishes; the errors and
    counts stay so the coordinator can read them.
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geüpload door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("geüpload op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    file = models.FileField(_("bestand"), upload_to="registrations/imports/", blank=True)
    file_name = models.CharField(_("bestandsnaam"), max_length=200)
    size = models.PositiveBigIntegerField(_("grootte in bytes"), default=0)
    dry_run = models.BooleanField(_("alleen controleren"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress_done = models.PositiveBigIntegerField(default=0)
    progress_total = models.PositiveBigIntegerField(default=0)
    rows = models.PositiveIntegerField(_("regels"), default=0)
    error_count = models.PositiveIntegerField(_("aantal fouten"), default=0)
    # The first errors as {"row", "column", "code", "params"}: shown in the reader's language.
    errors = models.JSONField(default=list, blank=True)
    result = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("import van registraties")
        verbose_name_plural = _("imports van registraties")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%d-%m-%Y %H:%M})"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    @property
    def percent(self) -> int:
        if self.is_finished:
            return 100
        if not self.progress_total:
            return 0
        return min(100, int(100 * self.progress_done / self.progress_total))
