from typing import cast

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wegwijs.accounts.models import User
from wegwijs.accounts.permissions import capabilities_of
from wegwijs.api.serializers import (
    CodeListItemSerializer,
    MeSerializer,
    ProblemDetailsSerializer,
)
from wegwijs.reference.models import CodeListItem
from wegwijs.reference.selectors import code_list

# Errors every authenticated endpoint can answer, documented once, with the
# content type the handler sends.
PROBLEM = "application/problem+json"
AUTH_ERRORS = {(401, PROBLEM): ProblemDetailsSerializer, (403, PROBLEM): ProblemDetailsSerializer}


class MeApi(APIView):
    """The caller's account: e-mail, role, and organisation and municipality by slug."""

    @extend_schema(
        operation_id="me_retrieve", responses={200: MeSerializer, **AUTH_ERRORS}, tags=["accounts"]
    )
    def get(self, request: Request) -> Response:
        user = cast(User, request.user)
        organisation = user.organisation
        municipality = user.municipality
        data = {
            "email": user.email,
            "full_name": user.full_name,
            "role": user.role.value if user.role else None,
            "organisation": organisation.slug if organisation else None,
            "municipality": municipality.slug if municipality else None,
            "capabilities": sorted(capabilities_of(user)),
        }
        return Response(MeSerializer(data).data)


class CodeListApi(ListAPIView[CodeListItem]):
    """Entries of one reference list with their stable codes and Dutch and English labels."""

    serializer_class = CodeListItemSerializer  # type: ignore[assignment]
    list_name: str = ""

    def get_queryset(self) -> QuerySet[CodeListItem]:
        return code_list(name=self.list_name)


def code_list_api(name: str) -> type[CodeListApi]:
    """Build the list endpoint of reference list ``name``."""
    operation_id = f"reference_{name.replace('-', '_')}_list"
    view = type(
        f"CodeListApi_{name.replace('-', '_')}",
        (CodeListApi,),
        {"list_name": name},
    )
    schema = extend_schema(
        operation_id=operation_id,
        tags=["reference"],
        # 400: a page number that is not a page of the list.
        responses={
            200: CodeListItemSerializer(many=True),
            (400, PROBLEM): ProblemDetailsSerializer,
            **AUTH_ERRORS,
        },
    )
    return extend_schema_view(get=schema)(view)
