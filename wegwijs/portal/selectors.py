"""Reads for the interface shell."""

from django.db.models import Count, QuerySet

from wegwijs.accounts.constants import OrganisationKind
from wegwijs.accounts.models import Municipality, Organisation, User
from wegwijs.reference.models import Area, Holiday, Topic


def client_support_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.CLIENT_SUPPORT).order_by(
        "-is_independent", "name"
    )


def organisations_serving(*, municipality: Municipality) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(municipalities=municipality)
        .annotate(member_count=Count("memberships"))
        .order_by("kind", "name")
    )


def configuration_counts() -> dict[str, int]:
    return {
        "municipalities": Municipality.objects.count(),
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "topics": Topic.objects.count(),
        "areas": Area.objects.count(),
        "holidays": Holiday.objects.count(),
    }
