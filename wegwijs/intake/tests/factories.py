"""Factories for the intake: requests go through the submitting service, like the form does."""

from typing import Any

from wegwijs.intake import services
from wegwijs.intake.models import HelpRequest, RoutingRule
from wegwijs.reference.models import Area, TargetGroup, Topic


def help_request(**fields: Any) -> HelpRequest:
    values: dict[str, Any] = {
        "question": "Ik krijg steeds brieven over een schuld en ik snap ze niet.",
        "for_whom": "zelf",
        "contact_channel": "telefoon",
        "phone": "06 12345678",
        "consent": True,
    }
    values.update(fields)
    return services.request_submit(**values)


def rule(
    organisation: Any, *, municipality: Any, priority: int = 100, **criteria: Any
) -> RoutingRule:
    """A routing rule as the administrator makes it in the admin."""
    values: dict[str, Any] = {}
    if "topic" in criteria:
        values["topic"] = Topic.objects.get(code=criteria.pop("topic"))
    if "target_group" in criteria:
        values["target_group"] = TargetGroup.objects.get(code=criteria.pop("target_group"))
    if "area" in criteria:
        values["area"] = Area.objects.get(municipality=municipality, code=criteria.pop("area"))
    values.update(criteria)
    return RoutingRule.objects.create(
        municipality=municipality, organisation=organisation, priority=priority, **values
    )
