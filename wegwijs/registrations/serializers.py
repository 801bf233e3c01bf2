"""Serializers of the registrations API (documentation of the request and the answers)."""

from typing import Any

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from wegwijs.core.serializers import ProblemDetailsSerializer


class ImportUploadSerializer(serializers.Serializer[object]):
    file = serializers.FileField(help_text="The CSV in the uniform registration format.")


class ImportQuerySerializer(serializers.Serializer[object]):
    dry_run = serializers.BooleanField(
        required=False, default=False, help_text="Check the file only; write nothing."
    )
    organisation = serializers.SlugField(
        required=False,
        help_text="Optional; when given it must be the caller's own organisation (else 403).",
    )


class ImportResultSerializer(serializers.Serializer[object]):
    dry_run = serializers.BooleanField()
    rows = serializers.IntegerField(help_text="Rows with data in the file.")
    clients = serializers.IntegerField(help_text="Distinct client_ref values in the file.")
    cases = serializers.IntegerField(help_text="Distinct case_ref values in the file.")
    contact_moments = serializers.IntegerField(help_text="Rows with a contact moment.")
    clients_created = serializers.IntegerField(required=False)
    clients_updated = serializers.IntegerField(required=False)
    cases_created = serializers.IntegerField(required=False)
    cases_updated = serializers.IntegerField(required=False)
    contact_moments_created = serializers.IntegerField(required=False)
    contact_moments_deleted = serializers.IntegerField(required=False)


class FileErrorSerializer(serializers.Serializer[object]):
    row = serializers.IntegerField(
        allow_null=True, help_text="Row in the file; 1 is the header. Null: the whole file."
    )
    column = serializers.CharField(allow_null=True)
    code = serializers.CharField(help_text="Stable error code, e.g. unknown-code, bad-date.")
    message = serializers.CharField(help_text="In Dutch, or English with Accept-Language: en.")


def file_rejected_serializer() -> Any:
    """Problem details of a rejected file: every error, up to 1,000, and their count."""
    return inline_serializer(
        name="FileRejected",
        fields={
            **dict(ProblemDetailsSerializer().get_fields()),
            "error_count": serializers.IntegerField(
                required=False, help_text="Present when the file itself was wrong."
            ),
            "errors": FileErrorSerializer(
                many=True, required=False, help_text="The first 1,000 errors, in file order."
            ),
        },
    )
