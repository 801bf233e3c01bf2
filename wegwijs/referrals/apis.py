"""The referral API under /api/v1/referrals: create, list, retrieve, accept, decline,
withdraw and record the follow-up. Scoped exactly like the pages: the same selectors
and services, so what the receiver sees is only what was shared."""

from typing import Any, cast

from django.db.models import Model, QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wegwijs.accounts.models import User
from wegwijs.accounts.permissions import Capability, has_capability
from wegwijs.cases import access
from wegwijs.core.errors import NotFound, ValidationFailed
from wegwijs.core.serializers import ProblemDetailsSerializer
from wegwijs.referrals import selectors, services
from wegwijs.referrals.constants import Direction
from wegwijs.referrals.models import Referral
from wegwijs.referrals.serializers import (
    ReferralAcceptInputSerializer,
    ReferralCreateInputSerializer,
    ReferralDeclineInputSerializer,
    ReferralFilterSerializer,
    ReferralFollowUpInputSerializer,
    ReferralSerializer,
)

TAGS = ["referrals"]


def _problems(*statuses: int) -> dict[Any, Any]:
    return {(code, "application/problem+json"): ProblemDetailsSerializer for code in statuses}


READ_ERRORS = _problems(401, 403, 404)
LIST_ERRORS = _problems(400, 401, 403)
WRITE_ERRORS = _problems(400, 401, 403, 404, 409)


class MayRefer(BasePermission):
    message = "Uw rol geeft geen toegang tot doorverwijzingen."
    code = "permission-denied"

    def has_permission(self, request: Request, view: APIView) -> bool:
        return has_capability(request.user, Capability.REFER)


def _valid(serializer_class: type[serializers.Serializer[Any]], data: Any) -> dict[str, Any]:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class ReferralApi(APIView):
    permission_classes = [IsAuthenticated, MayRefer]

    @property
    def user(self) -> User:
        return cast(User, self.request.user)

    def respond(self, referral: Referral, direction: str, code: int = 200) -> Response:
        data = ReferralSerializer(referral, context={"direction": direction}).data
        return Response(data, status=code)

    def get_referral(self, pk: int, direction: str, *, audit: bool = False) -> Referral:
        """The referral ``pk`` on the caller's ``direction`` side; 404 otherwise."""
        referral, side = selectors.referral_get(user=self.user, pk=pk, audit=audit)
        if side != direction:
            raise selectors.referral_not_found()
        return referral


class ReferralListApi(GenericAPIView[Model], ReferralApi):
    @extend_schema(
        operation_id="referrals_list",
        tags=TAGS,
        parameters=[ReferralFilterSerializer],
        responses={200: ReferralSerializer(many=True), **LIST_ERRORS},
    )
    def get(self, request: Request) -> Response:
        """List outgoing (default) or incoming referrals, newest first."""
        filters = _valid(ReferralFilterSerializer, request.query_params)
        direction = filters["direction"]
        referrals: QuerySet[Referral] = selectors.referrals_for(user=self.user, direction=direction)
        if "status" in filters:
            referrals = referrals.filter(status=filters["status"])
        page = self.paginate_queryset(referrals)
        assert page is not None  # DEFAULT_PAGINATION_CLASS is set
        data = ReferralSerializer(page, many=True, context={"direction": direction}).data
        return self.get_paginated_response(data)

    @extend_schema(
        operation_id="referrals_create",
        tags=TAGS,
        request=ReferralCreateInputSerializer,
        responses={201: ReferralSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request) -> Response:
        """Refer the client of a case, or give a warm tip (nothing is sent).

        Without consent only a warm tip is possible, unless `override_reason`
        says why more is shared (logged).
        """
        data = _valid(ReferralCreateInputSerializer, request.data)
        try:
            case = access.case_get(self.user, data["case"], audit=False)
        except NotFound as exc:
            raise ValidationFailed(exc.message, field="case") from None
        referral = services.referral_create(
            actor=self.user,
            case=case,
            to_organisation=data["to_organisation"],
            mode=data["mode"],
            consent=data["consent"],
            shared=data.get("shared"),
            question=data.get("question", ""),
            override_reason=data.get("override_reason", ""),
        )
        referral, direction = selectors.referral_get(user=self.user, pk=referral.pk, audit=False)
        return self.respond(referral, direction, status.HTTP_201_CREATED)


class ReferralDetailApi(ReferralApi):
    @extend_schema(
        operation_id="referrals_retrieve",
        tags=TAGS,
        responses={200: ReferralSerializer, **READ_ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        """Show one referral as your side sees it; a look by the receiver is logged."""
        referral, direction = selectors.referral_get(user=self.user, pk=pk)
        return self.respond(referral, direction)


class ReferralAcceptApi(ReferralApi):
    @extend_schema(
        operation_id="referrals_accept",
        tags=TAGS,
        request=ReferralAcceptInputSerializer,
        responses={200: ReferralSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        """Accept an incoming referral (coordinators): a client and a case are created."""
        referral = self.get_referral(pk, Direction.INCOMING)
        data = _valid(ReferralAcceptInputSerializer, request.data)
        referral = services.referral_accept(
            actor=self.user, referral=referral, supporter_id=data.get("supporter")
        )
        return self.respond(self.get_referral(pk, Direction.INCOMING), Direction.INCOMING)


class ReferralDeclineApi(ReferralApi):
    @extend_schema(
        operation_id="referrals_decline",
        tags=TAGS,
        request=ReferralDeclineInputSerializer,
        responses={200: ReferralSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        """Decline an incoming referral with a reason (coordinators); the shared copy is cleared."""
        referral = self.get_referral(pk, Direction.INCOMING)
        data = _valid(ReferralDeclineInputSerializer, request.data)
        services.referral_decline(
            actor=self.user,
            referral=referral,
            reason_code=data["reason"],
            note=data.get("note", ""),
        )
        return self.respond(self.get_referral(pk, Direction.INCOMING), Direction.INCOMING)


class ReferralWithdrawApi(ReferralApi):
    @extend_schema(
        operation_id="referrals_withdraw",
        tags=TAGS,
        request=None,
        responses={200: ReferralSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        """Withdraw a referral you sent, until it is accepted; the shared copy is cleared."""
        referral = self.get_referral(pk, Direction.OUTGOING)
        services.referral_withdraw(actor=self.user, referral=referral)
        return self.respond(self.get_referral(pk, Direction.OUTGOING), Direction.OUTGOING)


class ReferralFollowUpApi(ReferralApi):
    @extend_schema(
        operation_id="referrals_follow_up",
        tags=TAGS,
        request=ReferralFollowUpInputSerializer,
        responses={
            200: OpenApiResponse(
                ReferralSerializer, description="The referral, now completed with the answer."
            ),
            **WRITE_ERRORS,
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        """Record whether the client got help after a referral outside Wegwijs."""
        referral = self.get_referral(pk, Direction.OUTGOING)
        data = _valid(ReferralFollowUpInputSerializer, request.data)
        services.referral_followup_answer(
            actor=self.user, referral=referral, got_help=data["got_help"]
        )
        return self.respond(self.get_referral(pk, Direction.OUTGOING), Direction.OUTGOING)
