"""The case-register API: clients, cases and contact moments under /api/v1/.

Every endpoint reaches client data through ``access`` (the one door) and
changes it through ``services``, so it is scoped and audited exactly like the
web interface. Only roles that work with clients get in; anything of another
organisation answers 404.
"""

from datetime import date, datetime, time, timedelta
from typing import Any, cast

from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wegwijs.accounts.models import User
from wegwijs.accounts.permissions import Capability, has_capability
from wegwijs.cases import access, dossier, selectors, services
from wegwijs.cases.models import Case, Client
from wegwijs.cases.serializers import (
    CaseCloseInputSerializer,
    CaseFilterSerializer,
    CaseOpenInputSerializer,
    CaseReopenInputSerializer,
    CaseSerializer,
    CaseUpdateInputSerializer,
    ClientCreateInputSerializer,
    ClientFilterSerializer,
    ClientSerializer,
    ClientUpdateInputSerializer,
    ContactMomentFilterSerializer,
    ContactMomentRegisterInputSerializer,
    ContactMomentSerializer,
    ContactMomentUpdateInputSerializer,
)
from wegwijs.core.errors import Conflict, NotFound, ValidationFailed
from wegwijs.core.serializers import ProblemDetailsSerializer

TAGS = ["cases"]


def _problems(*statuses: int) -> dict[Any, Any]:
    """Document error responses as the problem details the handler sends."""
    return {(code, "application/problem+json"): ProblemDetailsSerializer for code in statuses}


READ_ERRORS = _problems(401, 403, 404)
LIST_ERRORS = _problems(400, 401, 403)
WRITE_ERRORS = _problems(400, 401, 403, 404, 409)


class WorksWithClients(BasePermission):
    """Refuse roles without client work (municipality, administrator) on every endpoint."""

    message = _("Uw rol geeft geen toegang tot cliëntgegevens.")
    code = "permission-denied"

    def has_permission(self, request: Request, view: APIView) -> bool:
        return has_capability(request.user, Capability.WORK_WITH_CLIENTS)


class CaseRegisterApi(APIView):
    """An endpoint of the case register: only for roles that work with clients."""

    permission_classes = [IsAuthenticated, WorksWithClients]

    @property
    def user(self) -> User:
        return cast(User, self.request.user)


class CaseRegisterListApi(GenericAPIView[Model], CaseRegisterApi):
    """A list endpoint, paginated as ``{"count", "next", "previous", "results"}``."""

    def paginated(
        self, queryset: QuerySet[Any], serializer_class: type[serializers.BaseSerializer[Any]]
    ) -> Response:
        page = self.paginate_queryset(queryset)
        assert page is not None  # DEFAULT_PAGINATION_CLASS is set
        return self.get_paginated_response(serializer_class(page, many=True).data)


def _valid(serializer_class: type[serializers.Serializer[Any]], data: Any) -> dict[str, Any]:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _referenced_client(user: User, pk: int) -> Client:
    """The client a request body names; one the caller cannot see is bad input."""
    try:
        return access.client_get(user, pk, audit=False)
    except NotFound as exc:
        raise ValidationFailed(exc.message, field="client") from None


def _referenced_case(user: User, pk: int) -> Case:
    try:
        return access.case_get(user, pk, audit=False)
    except NotFound as exc:
        raise ValidationFailed(exc.message, field="case") from None


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


# --- Clients ------------------------------------------------------------------


class ClientListApi(CaseRegisterListApi):
    @extend_schema(
        operation_id="clients_list",
        tags=TAGS,
        parameters=[ClientFilterSerializer],
        responses={200: ClientSerializer(many=True), **LIST_ERRORS},
    )
    def get(self, request: Request) -> Response:
        """List the clients the caller may see, by name, reference or date of birth."""
        filters = _valid(ClientFilterSerializer, request.query_params)
        clients = selectors.client_search(
            user=self.user,
            query=filters.get("q", ""),
            date_of_birth=filters.get("date_of_birth"),
            include_anonymous=True,
        )
        if filters["is_anonymous"] is not None:
            clients = clients.filter(is_anonymous=filters["is_anonymous"])
        clients = clients.select_related("preferred_channel", "area").prefetch_related(
            "target_groups"
        )
        return self.paginated(clients, ClientSerializer)

    @extend_schema(
        operation_id="clients_create",
        tags=TAGS,
        request=ClientCreateInputSerializer,
        responses={201: ClientSerializer, **LIST_ERRORS},
    )
    def post(self, request: Request) -> Response:
        """Register a client of the caller's organisation."""
        data = _valid(ClientCreateInputSerializer, request.data)
        client = services.client_create(
            actor=self.user,
            is_anonymous=data.pop("is_anonymous"),
            preferred_channel_code=data.pop("preferred_channel", None) or None,
            area_code=data.pop("area", None) or None,
            target_group_codes=data.pop("target_groups", None),
            **data,
        )
        return Response(ClientSerializer(client).data, status=status.HTTP_201_CREATED)


class ClientDetailApi(CaseRegisterApi):
    @extend_schema(
        operation_id="clients_retrieve",
        tags=TAGS,
        responses={200: ClientSerializer, **READ_ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        """Show one client; the view is logged in the client's access log."""
        return Response(ClientSerializer(access.client_get(self.user, pk)).data)

    @extend_schema(
        operation_id="clients_partial_update",
        tags=TAGS,
        request=ClientUpdateInputSerializer,
        responses={200: ClientSerializer, **WRITE_ERRORS},
    )
    def patch(self, request: Request, pk: int) -> Response:
        """Change some of a client's details; fields left out keep their value."""
        client = access.client_get(self.user, pk, audit=False)
        data = _valid(ClientUpdateInputSerializer, request.data)
        # The service sets every reference field it gets, so pass the current
        # value of each one the request leaves out.
        channel = (
            data.pop("preferred_channel")
            if "preferred_channel" in data
            else getattr(client.preferred_channel, "code", None)
        )
        area = data.pop("area") if "area" in data else getattr(client.area, "code", None)
        groups = (
            data.pop("target_groups")
            if "target_groups" in data
            else [group.code for group in client.target_groups.all()]
        )
        client = services.client_update(
            actor=self.user,
            client=client,
            preferred_channel_code=channel or None,
            area_code=area or None,
            target_group_codes=groups,
            **data,
        )
        return Response(ClientSerializer(client).data)


class ClientDossierApi(CaseRegisterApi):
    @extend_schema(
        operation_id="clients_dossier",
        tags=TAGS,
        responses={
            200: OpenApiResponse(
                response=OpenApiTypes.OBJECT,
                description=(
                    "The client's complete file (AVG art. 15, Wmo 5.3.2): personal data, "
                    "consents, cases with contact moments and appointments, referrals, "
                    "deadlines and the access log. Coordinators only; making it is logged."
                ),
            ),
            **READ_ERRORS,
        },
    )
    def get(self, request: Request, pk: int) -> Response:
        """Give the client's complete file as JSON."""
        return Response(dossier.client_dossier(user=self.user, client_id=pk))


# --- Cases --------------------------------------------------------------------


class CaseListApi(CaseRegisterListApi):
    @extend_schema(
        operation_id="cases_list",
        tags=TAGS,
        parameters=[CaseFilterSerializer],
        responses={200: CaseSerializer(many=True), **LIST_ERRORS},
    )
    def get(self, request: Request) -> Response:
        """List the cases the caller may see, filtered and sorted."""
        filters = _valid(CaseFilterSerializer, request.query_params)
        cases = selectors.case_list(user=self.user, filters=selectors.CaseFilter(**filters))
        return self.paginated(cases, CaseSerializer)

    @extend_schema(
        operation_id="cases_create",
        tags=TAGS,
        request=CaseOpenInputSerializer,
        responses={201: CaseSerializer, **LIST_ERRORS},
    )
    def post(self, request: Request) -> Response:
        """Open a case for a client; the caller is its supporter unless others are named."""
        data = _valid(CaseOpenInputSerializer, request.data)
        case = services.case_open(
            actor=self.user,
            client=_referenced_client(self.user, data["client"]),
            topic_code=data["topic"],
            question=data.get("question", ""),
            opened_on=data.get("opened_on"),
            supporter_ids=data.get("supporters"),
            heard_via=data["heard_via"],
        )
        return Response(CaseSerializer(case).data, status=status.HTTP_201_CREATED)


class CaseDetailApi(CaseRegisterApi):
    @extend_schema(
        operation_id="cases_retrieve",
        tags=TAGS,
        responses={200: CaseSerializer, **READ_ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        """Show one case; the view is logged in the client's access log."""
        return Response(CaseSerializer(access.case_get(self.user, pk)).data)

    @extend_schema(
        operation_id="cases_partial_update",
        tags=TAGS,
        request=CaseUpdateInputSerializer,
        responses={200: CaseSerializer, **WRITE_ERRORS},
    )
    def patch(self, request: Request, pk: int) -> Response:
        """Change a case; send the ``version`` you read, a stale one is refused with 409."""
        case = access.case_get(self.user, pk, audit=False)
        data = _valid(CaseUpdateInputSerializer, request.data)
        case = services.case_update(
            actor=self.user,
            case=case,
            version=data["version"],
            topic_code=data.get("topic"),
            question=data.get("question"),
            supporter_ids=data.get("supporters"),
            heard_via=data.get("heard_via"),
        )
        return Response(CaseSerializer(case).data)


class CaseCloseApi(CaseRegisterApi):
    @extend_schema(
        operation_id="cases_close",
        tags=TAGS,
        request=CaseCloseInputSerializer,
        responses={200: CaseSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        """Close a case with its outcome and, when asked, the client's satisfaction."""
        case = access.case_get(self.user, pk, audit=False)
        data = _valid(CaseCloseInputSerializer, request.data)
        case = services.case_close(
            actor=self.user,
            case=case,
            version=data["version"],
            outcome_code=data["outcome"],
            closed_on=data.get("closed_on"),
            satisfaction=data.get("satisfaction"),
            experienced_independent=data["experienced_independent"],
        )
        return Response(CaseSerializer(case).data)


class CaseReopenApi(CaseRegisterApi):
    @extend_schema(
        operation_id="cases_reopen",
        tags=TAGS,
        request=CaseReopenInputSerializer,
        responses={200: CaseSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        """Reopen a closed case."""
        case = access.case_get(self.user, pk, audit=False)
        data = _valid(CaseReopenInputSerializer, request.data)
        case = services.case_reopen(actor=self.user, case=case, version=data["version"])
        return Response(CaseSerializer(case).data)


# --- Contact moments ----------------------------------------------------------


class ContactMomentListApi(CaseRegisterListApi):
    @extend_schema(
        operation_id="contact_moments_list",
        tags=TAGS,
        parameters=[ContactMomentFilterSerializer],
        responses={200: ContactMomentSerializer(many=True), **LIST_ERRORS},
    )
    def get(self, request: Request) -> Response:
        """List the contact moments the caller may see, newest first."""
        filters = _valid(ContactMomentFilterSerializer, request.query_params)
        moments = access.contact_moments_for(self.user)
        if "case" in filters:
            moments = moments.filter(case_id=filters["case"])
        if "occurred_from" in filters:
            moments = moments.filter(occurred_at__gte=_start_of(filters["occurred_from"]))
        if "occurred_to" in filters:
            next_day = filters["occurred_to"] + timedelta(days=1)
            moments = moments.filter(occurred_at__lt=_start_of(next_day))
        if "channel" in filters:
            moments = moments.filter(channel__code=filters["channel"])
        moments = moments.select_related("channel", "activity", "with_organisation").order_by(
            "-occurred_at", "-id"
        )
        return self.paginated(moments, ContactMomentSerializer)

    @extend_schema(
        operation_id="contact_moments_create",
        tags=TAGS,
        request=ContactMomentRegisterInputSerializer,
        responses={201: ContactMomentSerializer, **_problems(400, 401, 403, 409)},
    )
    def post(self, request: Request) -> Response:
        """Register time spent on an open case.

        Send a ``submission_key`` to make retries safe: a second request with
        the same key returns the contact moment of the first.
        """
        data = _valid(ContactMomentRegisterInputSerializer, request.data)
        case = _referenced_case(self.user, data["case"])
        moment = services.contact_moment_register(
            actor=self.user,
            case=case,
            occurred_at=data.get("occurred_at"),
            channel_code=data["channel"],
            activity_code=data["activity"],
            minutes=data["minutes"],
            with_whom=data["with_whom"],
            with_organisation_slug=data.get("with_organisation") or None,
            note=data.get("note", ""),
            submission_key=data.get("submission_key"),
        )
        if moment.case_id != case.pk:
            # The service hands back whatever row holds a key that is already
            # taken, even one of another case or organisation: never show it.
            raise Conflict(_("Deze submission_key is al gebruikt voor een ander contactmoment."))
        return Response(ContactMomentSerializer(moment).data, status=status.HTTP_201_CREATED)


class ContactMomentDetailApi(CaseRegisterApi):
    @extend_schema(
        operation_id="contact_moments_retrieve",
        tags=TAGS,
        responses={200: ContactMomentSerializer, **READ_ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        """Show one contact moment."""
        return Response(ContactMomentSerializer(access.contact_moment_get(self.user, pk)).data)

    @extend_schema(
        operation_id="contact_moments_partial_update",
        tags=TAGS,
        request=ContactMomentUpdateInputSerializer,
        responses={200: ContactMomentSerializer, **WRITE_ERRORS},
    )
    def patch(self, request: Request, pk: int) -> Response:
        """Change a contact moment; the old values are kept as a revision.

        Send the ``version`` you read; a stale one is refused with 409.
        """
        moment = access.contact_moment_get(self.user, pk)
        data = _valid(ContactMomentUpdateInputSerializer, request.data)
        organisation = data.get(
            "with_organisation", getattr(moment.with_organisation, "slug", None)
        )
        moment = services.contact_moment_update(
            actor=self.user,
            contact_moment=moment,
            version=data["version"],
            occurred_at=data.get("occurred_at", moment.occurred_at),
            channel_code=data.get("channel", moment.channel.code),
            activity_code=data.get("activity", moment.activity.code),
            minutes=data.get("minutes", moment.minutes),
            with_whom=data.get("with_whom", moment.with_whom),
            with_organisation_slug=organisation or None,
            note=data.get("note", moment.note),
        )
        return Response(ContactMomentSerializer(moment).data)
