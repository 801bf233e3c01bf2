"""The monitoring API: figures per period, exact for the own organisation, suppressed otherwise."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wegwijs.core.errors import ValidationFailed
from wegwijs.core.serializers import ProblemDetailsSerializer
from wegwijs.monitoring import periods, selectors
from wegwijs.monitoring.serializers import SummarySerializer

TAGS = ["monitoring"]


def parse_period(text: str) -> periods.Period:
    period = periods.parse(text)
    if period is None:
        failure = ValidationFailed(
            _(
                "Onbekende periode '%(period)s'. Gebruik een jaar (2019), een kwartaal "
                "(2019-Q3) of een maand (2019-07)."
            )
            % {"period": text},
            field="period",
        )
        failure.extra["accepted_forms"] = list(periods.ACCEPTED_FORMS)
        raise failure
    return period


class MonitoringSummaryApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="monitoring_summary",
        tags=TAGS,
        summary="Figures of one period",
        description=(
            "Clients, cases, contact moments, minutes, information-and-advice cases and "
            "trajectories, and clients and cases per topic, counted as in the counting rules "
            "(a case counts when it was open on a day of the period). A coordinator's token "
            "gets the own organisation's exact figures (`suppression` is null). A "
            "municipality's token gets figures of one organisation working in the "
            "municipality, or of the whole municipality, with small numbers suppressed: a "
            "count below `threshold` (zero excepted) is `null`, other counts are rounded to "
            "`rounding`, and further cells are hidden so that no hidden one can be computed "
            "from the others. Municipality-wide clients are unique residents across "
            "organisations. Supporter tokens get 403; an unknown period form is a 400 that "
            "lists the accepted forms in `accepted_forms`."
        ),
        parameters=[
            OpenApiParameter(
                "period",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                required=True,
                description="A year (`2019`), a quarter (`2019-Q3`) or a month (`2019-07`).",
            ),
            OpenApiParameter(
                "organisation",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                description="Code of an organisation (default: the own organisation, or the "
                "whole municipality).",
            ),
            OpenApiParameter(
                "municipality",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                description="Code of the municipality (only the own).",
            ),
        ],
        responses={
            200: SummarySerializer,
            **{
                (code, "application/problem+json"): ProblemDetailsSerializer
                for code in (400, 401, 403, 404)
            },
        },
    )
    def get(self, request: Request) -> Response:
        viewer = selectors.viewer_for(request.user)
        period = parse_period(request.query_params.get("period", ""))
        subject = selectors.subject_for(
            viewer,
            organisation_slug=request.query_params.get("organisation", ""),
            municipality_slug=request.query_params.get("municipality", ""),
        )
        body = selectors.summary(viewer=viewer, subject=subject, period=period)
        return Response(SummarySerializer(body).data)
