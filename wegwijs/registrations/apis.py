"""The registrations API: import and export in the uniform registration format.

Only coordinators, for their own organisation: the organisation is the
caller's, there is no way to name another one.
"""

import io
import shutil
import tempfile
from typing import IO, Any

from django.http import StreamingHttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.parsers import BaseParser, MultiPartParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wegwijs.accounts.models import Organisation
from wegwijs.accounts.permissions import Capability, has_capability
from wegwijs.core.errors import PermissionDenied, ValidationFailed
from wegwijs.core.serializers import ProblemDetailsSerializer
from wegwijs.registrations import services
from wegwijs.registrations.formats import parse_date
from wegwijs.registrations.serializers import (
    ImportQuerySerializer,
    ImportResultSerializer,
    ImportUploadSerializer,
    file_rejected_serializer,
)

TAGS = ["registrations"]
COPY_CHUNK = 1024 * 1024
PROBLEM = "application/problem+json"


class ExchangesRegistrations(BasePermission):
    message = _("Alleen een coördinator kan registraties uitwisselen.")
    code = "permission-denied"

    def has_permission(self, request: Request, view: APIView) -> bool:
        return has_capability(request.user, Capability.IMPORT_REGISTRATIONS)


class CSVBodyParser(BaseParser):
    """A ``text/csv`` body, spooled to a temporary file instead of memory."""

    media_type = "text/csv"

    def parse(
        self, stream: Any, media_type: str | None = None, parser_context: Any = None
    ) -> dict[str, IO[bytes]]:
        spool = tempfile.SpooledTemporaryFile(max_size=COPY_CHUNK)  # noqa: SIM115 - the view closes it
        if stream is not None:
            shutil.copyfileobj(stream, spool, COPY_CHUNK)
        spool.seek(0)
        return {"file": spool}


def _own_organisation(request: Request, slug: str | None) -> Organisation:
    organisation: Organisation | None = request.user.organisation  # type: ignore[union-attr]
    if organisation is None or (slug and slug != organisation.slug):
        raise PermissionDenied(
            _("U kunt alleen registraties van uw eigen organisatie uitwisselen.")
        )
    return organisation


class RegistrationImportApi(APIView):
    permission_classes = [IsAuthenticated, ExchangesRegistrations]
    parser_classes = [MultiPartParser, CSVBodyParser]

    @extend_schema(
        operation_id="registrations_import",
        tags=TAGS,
        parameters=[ImportQuerySerializer],
        request={"multipart/form-data": ImportUploadSerializer, "text/csv": OpenApiTypes.STR},
        responses={
            200: ImportResultSerializer,
            (400, PROBLEM): OpenApiResponse(
                file_rejected_serializer(),
                description="The file has errors (nothing was written; `errors` lists them) "
                "or the request is wrong.",
            ),
            (401, PROBLEM): ProblemDetailsSerializer,
            (403, PROBLEM): ProblemDetailsSerializer,
        },
    )
    def post(self, request: Request) -> Response:
        """Import a CSV in the uniform registration format into the caller's organisation.

        The whole file is checked first; when anything is wrong nothing is
        written and the answer lists every error (up to 1,000) by row and
        column. Importing the same file again changes nothing. Send the file
        as multipart field `file` or as a `text/csv` body.
        """
        query = ImportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        organisation = _own_organisation(request, query.validated_data.get("organisation"))
        source = request.data.get("file")
        if source is None and (request.content_type or "").startswith("text/csv"):
            # DRF does not parse an empty body: that is an empty file.
            source = io.BytesIO()
        if source is None or isinstance(source, str):
            raise ValidationFailed(
                _("Stuur een CSV-bestand mee: als veld 'file' of als text/csv."), field="file"
            )
        try:
            outcome = services.registrations_import(
                actor=request.user,  # type: ignore[arg-type]
                organisation=organisation,
                stream=source,
                file_name=getattr(source, "name", "") or "api.csv",
                dry_run=query.validated_data["dry_run"],
            )
        finally:
            source.close()
        return Response(ImportResultSerializer(outcome.as_dict()).data)


class RegistrationExportApi(APIView):
    permission_classes = [IsAuthenticated, ExchangesRegistrations]

    @extend_schema(
        operation_id="registrations_export",
        tags=TAGS,
        parameters=[
            OpenApiParameter("from", OpenApiTypes.DATE, required=True, description="First day."),
            OpenApiParameter(
                "to", OpenApiTypes.DATE, required=True, description="Last day (included)."
            ),
        ],
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR,
                description="Every case open on a day of the period, with all its contact "
                "moments, in the uniform registration format (semicolons, UTF-8 with BOM).",
            ),
            (400, PROBLEM): ProblemDetailsSerializer,
            (401, PROBLEM): ProblemDetailsSerializer,
            (403, PROBLEM): ProblemDetailsSerializer,
        },
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        """Export the caller's organisation's registrations of a period, as a stream."""
        days = {}
        for name in ("from", "to"):
            value = request.query_params.get(name, "")
            day = parse_date(value.strip())
            if day is None:
                raise ValidationFailed(
                    _("Geef '%(name)s' als datum (JJJJ-MM-DD).") % {"name": name}, field=name
                )
            days[name] = day
        organisation = _own_organisation(request, None)
        lines = services.registrations_export(
            actor=request.user,  # type: ignore[arg-type]
            organisation=organisation,
            first_day=days["from"],
            last_day=days["to"],
        )
        name = f"registraties-{organisation.slug}-{days['from']:%Y%m%d}-{days['to']:%Y%m%d}.csv"
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
