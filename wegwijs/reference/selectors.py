"""Reads of the reference lists."""

from datetime import date

from django.db.models import QuerySet

from wegwijs.reference.models import (
    Activity,
    Area,
    Channel,
    CodeListItem,
    Holiday,
    Outcome,
    ReferralDeclineReason,
    ReferralStatus,
    TargetGroup,
    Topic,
)

# The reference lists by their public name in the API and in exports.
CODE_LIST_MODELS: dict[str, type[CodeListItem]] = {
    "topics": Topic,
    "channels": Channel,
    "activities": Activity,
    "target-groups": TargetGroup,
    "outcomes": Outcome,
    "referral-statuses": ReferralStatus,
    "referral-decline-reasons": ReferralDeclineReason,
}


def topic_list(*, active_only: bool = True) -> QuerySet[Topic]:
    topics = Topic.objects.all()
    return topics.filter(is_active=True) if active_only else topics


def area_list(*, municipality_slug: str) -> QuerySet[Area]:
    return Area.objects.filter(municipality__slug=municipality_slug).select_related("parent")


def holiday_dates(*, start: date, end: date) -> set[date]:
    """Dates that are feestdagen under the Atw between ``start`` and ``end``."""
    return set(Holiday.objects.filter(date__range=(start, end)).values_list("date", flat=True))


def code_list(*, name: str) -> QuerySet[CodeListItem]:
    """Entries of the reference list ``name`` (see ``CODE_LIST_MODELS``), in display order."""
    return CODE_LIST_MODELS[name].objects.order_by("position", "code")
