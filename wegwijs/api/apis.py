from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wegwijs.accounts.permissions import capabilities_of
from wegwijs.api.serializers import MeSerializer


class MeApi(APIView):
    """The caller's account: e-mail, role, and organisation and municipality by slug."""

    @extend_schema(operation_id="me_retrieve", responses=MeSerializer, tags=["accounts"])
    def get(self, request: Request) -> Response:
        user = request.user
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
