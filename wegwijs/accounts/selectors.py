"""Reads of the accounts app."""

from django.db.models import Count, QuerySet

from wegwijs.accounts.models import Membership, Organisation


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


def organisation_list() -> QuerySet[Organisation]:
    return (
        Organisation.objects.prefetch_related("municipalities")
        .annotate(member_count=Count("memberships"))
        .order_by("name")
    )
