"""The requests API for coordinators: their organisation's inbox, one request, a new request.

Only roles that triage requests get in; a request of another organisation
answers 404. Reading one request is logged, like on the web page.
"""

from typing import Any, cast

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wegwijs.accounts.models import User
from wegwijs.accounts.permissions import Capability, has_capability
from wegwijs.core.serializers import ProblemDetailsSerializer
from wegwijs.intake import selectors, services
from wegwijs.intake.models import HelpRequest
from wegwijs.intake.serializers import (
    HelpRequestListSerializer,
    HelpRequestSerializer,
    HelpRequestSubmitInputSerializer,
)

TAGS = ["requests"]


def _problems(*statuses: int) -> dict[Any, Any]:
    return {(code, "application/problem+json"): ProblemDetailsSerializer for code in statuses}


class TriagesRequests(BasePermission):
    message = _("Alleen coördinatoren verdelen hulpvragen.")
    code = "permission-denied"

    def has_permission(self, request: Request, view: APIView) -> bool:
        return has_capability(request.user, Capability.TRIAGE_REQUESTS)


def _overdue_from(user: User) -> Any:
    return selectors.overdue_before(
        today=timezone.localdate(), days=selectors.service_norm_days(user.organisation)
    )


class HelpRequestListApi(GenericAPIView[HelpRequest]):
    permission_classes = [IsAuthenticated, TriagesRequests]

    @extend_schema(
        operation_id="requests_list",
        tags=TAGS,
        responses={200: HelpRequestListSerializer(many=True), **_problems(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        """List the new requests of the caller's organisation, oldest first."""
        user = cast(User, request.user)
        page = self.paginate_queryset(selectors.inbox_for(user))
        assert page is not None  # DEFAULT_PAGINATION_CLASS is set
        data = HelpRequestListSerializer(
            page, many=True, context={"overdue_from": _overdue_from(user)}
        ).data
        return self.get_paginated_response(data)

    @extend_schema(
        operation_id="requests_create",
        tags=TAGS,
        request=HelpRequestSubmitInputSerializer,
        responses={201: HelpRequestSerializer, **_problems(400, 401, 403)},
    )
    def post(self, request: Request) -> Response:
        """Register a request that reached the organisation another way.

        It is stored, routed and confirmed exactly like one from the public form.
        """
        serializer = HelpRequestSubmitInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        help_request = services.request_submit(
            question=data["question"],
            for_whom=data["for_whom"],
            contact_channel=data["contact_channel"],
            consent=data["consent"],
            language=data["language"],
            topic_code=data.get("topic") or None,
            target_group_code=data.get("target_group") or None,
            area_id=data.get("area"),
            preferred_organisation_slug=data.get("preferred_organisation") or None,
            name=data.get("name", ""),
            cared_for_name=data.get("cared_for_name", ""),
            contact_times=data.get("contact_times", []),
            phone=data.get("phone", ""),
            email=data.get("email", ""),
            street_address=data.get("street_address", ""),
            postcode=data.get("postcode", ""),
            city=data.get("city", ""),
        )
        help_request.refresh_from_db()
        return Response(HelpRequestSerializer(help_request).data, status=status.HTTP_201_CREATED)


class HelpRequestDetailApi(APIView):
    permission_classes = [IsAuthenticated, TriagesRequests]

    @extend_schema(
        operation_id="requests_retrieve",
        tags=TAGS,
        responses={200: HelpRequestSerializer, **_problems(401, 403, 404)},
    )
    def get(self, request: Request, reference: str) -> Response:
        """Show one request of the caller's organisation; the view is logged."""
        user = cast(User, request.user)
        help_request = selectors.request_get(user, reference=reference)
        return Response(
            HelpRequestSerializer(help_request, context={"overdue_from": _overdue_from(user)}).data
        )
