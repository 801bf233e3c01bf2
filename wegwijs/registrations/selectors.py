"""Reads of the registrations app: the import jobs of the user's organisation."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from wegwijs.core.errors import NotFound
from wegwijs.registrations.models import ImportJob


def jobs_for(*, user: Any) -> QuerySet[ImportJob]:
    """The import jobs of the user's organisation, newest first."""
    return ImportJob.objects.filter(organisation_id=user.organisation.pk).select_related(
        "created_by"
    )


def job_get(*, user: Any, pk: Any) -> ImportJob:
    try:
        return jobs_for(user=user).get(pk=pk)
    except (ImportJob.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Deze import bestaat niet of u heeft er geen toegang toe.")) from None
