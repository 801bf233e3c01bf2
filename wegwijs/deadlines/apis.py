"""The public deadline API: compute a legal term, no token needed."""

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wegwijs.core.errors import ValidationFailed
from wegwijs.core.serializers import ProblemDetailsSerializer
from wegwijs.deadlines import explain, rules, selectors
from wegwijs.deadlines.serializers import (
    KIND_VALUES,
    DeadlineComputeInputSerializer,
    DeadlineTermSerializer,
)

TAGS = ["deadlines"]


def _invalid(errors: dict[str, Any]) -> ValidationFailed:
    """One problem detail for every bad parameter: the detail joins their messages."""
    params = [
        {"name": name, "code": getattr(error, "code", "invalid"), "reason": str(error)}
        for name, field_errors in errors.items()
        for error in field_errors
    ]
    failure = ValidationFailed(" ".join(param["reason"] for param in params))
    failure.extra = {"invalid_params": params}
    return failure


def _option_error(kind: str, *, committee: bool, postponed: bool) -> ValidationFailed:
    info = rules.RULES[rules.Kind(kind)]
    if committee and not info.has_committee:
        with_option = ", ".join(k.value for k, i in rules.RULES.items() if i.has_committee)
        return ValidationFailed(
            _("%(kind)s heeft geen commissie (committee). Dat kan alleen bij: %(kinds)s.")
            % {"kind": kind, "kinds": with_option},
            field="committee",
        )
    with_option = ", ".join(k.value for k, i in rules.RULES.items() if i.has_postponement)
    return ValidationFailed(
        _("%(kind)s kan niet worden verdaagd (postponed). Dat kan alleen bij: %(kinds)s.")
        % {"kind": kind, "kinds": with_option},
        field="postponed",
    )


class DeadlineComputeApi(APIView):
    """Compute the last day of a legal term (DOMAIN.md §4). Public: no token."""

    permission_classes = [AllowAny]
    authentication_classes: list[type] = []

    @extend_schema(
        operation_id="deadlines_compute",
        tags=TAGS,
        auth=[],
        summary="Compute a legal term",
        description=(
            "The last day of a legal term that starts the day after `date`: the raw end by "
            "the rule, the end after weekends and feestdagen (Algemene termijnenwet, or "
            "Regulation 1182/71 for the AVG), the legal basis and every day the end moved "
            "with the reason. Public: no token needed. An unknown `kind`, a bad `date` or an "
            "option the kind does not have is a 400 problem detail."
        ),
        parameters=[
            OpenApiParameter(
                "kind",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                required=True,
                enum=KIND_VALUES,
                description="The kind of term.",
            ),
            OpenApiParameter(
                "date",
                OpenApiTypes.DATE,
                OpenApiParameter.QUERY,
                required=True,
                description=(
                    "The event the term follows, as YYYY-MM-DD: the bekendmaking of the "
                    "decision (bezwaar, beroep), the receipt (klacht, wmo-beschikking, "
                    "avg-inzage), the melding (wmo-onderzoek, wmo-persoonlijk-plan), or "
                    "the last day of the bezwaar term (beslistermijn-bezwaar)."
                ),
                examples=[OpenApiExample("12 March 2026", value="2026-03-12")],
            ),
            OpenApiParameter(
                "committee",
                OpenApiTypes.BOOL,
                OpenApiParameter.QUERY,
                description=(
                    "An advisory committee (beslistermijn-bezwaar) or complaints committee "
                    "(klacht) handles it."
                ),
            ),
            OpenApiParameter(
                "postponed",
                OpenApiTypes.BOOL,
                OpenApiParameter.QUERY,
                description=(
                    "The term was postponed, or extended, by the maximum the law allows "
                    "(beslistermijn-bezwaar, klacht, avg-inzage)."
                ),
            ),
        ],
        responses={
            200: DeadlineTermSerializer,
            (400, "application/problem+json"): ProblemDetailsSerializer,
        },
    )
    def get(self, request: Request) -> Response:
        query = DeadlineComputeInputSerializer(data=request.query_params)
        if not query.is_valid():
            raise _invalid(query.errors)
        data = query.validated_data
        try:
            term = selectors.term_compute(
                kind=data["kind"],
                event_date=data["date"],
                committee=data["committee"],
                postponed=data["postponed"],
            )
        except rules.RuleError:
            raise _option_error(
                data["kind"], committee=data["committee"], postponed=data["postponed"]
            ) from None
        except rules.CalendarTooShort:  # pragma: no cover - the date range prevents it
            raise ValidationFailed(
                _("Met deze datum kan niet worden gerekend."), field="date"
            ) from None
        answer = {
            "kind": term.kind,
            "date": term.date,
            "start": term.start,
            "raw_end": term.raw_end,
            "end": term.end,
            "basis": explain.term_basis(term),
            "moved": [explain.move_of(move) for move in term.moved],
        }
        return Response(DeadlineTermSerializer(answer).data)
