"""Which one organisation a request without a preference goes to, and why.

Never more than one: the first active rule that matches (lowest priority
number first), else the municipality's default organisation, else the fully
independent client-support organisation working there. A request that still
finds nobody stays without an organisation and is shown to the administrator.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from wegwijs.accounts.constants import OrganisationKind
from wegwijs.accounts.models import Organisation
from wegwijs.intake.constants import RoutedBy
from wegwijs.intake.models import HelpRequest, MunicipalityDefault, RoutingRule
from wegwijs.reference.languages import language_label


@dataclass(frozen=True)
class Decision:
    organisation: Organisation
    routed_by: RoutedBy
    reason: str
    rule: RoutingRule | None = None


def rule_matches(rule: RoutingRule, help_request: HelpRequest) -> bool:
    """Tell whether every criterion the rule sets holds for the request."""
    if rule.topic_id is not None and rule.topic_id != help_request.topic_id:
        return False
    if rule.target_group_id is not None and rule.target_group_id != help_request.target_group_id:
        return False
    if rule.language and rule.language != help_request.language:
        return False
    if rule.area_id is not None:
        area = help_request.area
        if area is None or rule.area_id not in (area.pk, area.parent_id):
            return False
    return True


def rule_criteria(rule: RoutingRule) -> str:
    """The criteria of a rule in words: "onderwerp Financiën en schulden, taal Turks"."""
    parts = []
    if rule.topic is not None:
        parts.append(_("onderwerp %(topic)s") % {"topic": rule.topic.label})
    if rule.target_group is not None:
        parts.append(_("doelgroep %(group)s") % {"group": rule.target_group.label})
    if rule.area is not None:
        parts.append(_("gebied %(area)s") % {"area": rule.area.name})
    if rule.language:
        parts.append(_("taal %(language)s") % {"language": language_label(rule.language)})
    return ", ".join(parts) or _("elke hulpvraag")


def _gives_support(organisation: Organisation) -> bool:
    return organisation.kind == OrganisationKind.CLIENT_SUPPORT


def decide(help_request: HelpRequest) -> Decision | None:
    """Choose the one organisation for a request without a preference, or None."""
    municipality_id = help_request.municipality_id
    if municipality_id is None:
        return None
    rules = (
        RoutingRule.objects.filter(municipality_id=municipality_id, is_active=True)
        .select_related("organisation", "topic", "target_group", "area")
        .order_by("priority", "id")
    )
    for rule in rules:
        if rule_matches(rule, help_request) and _gives_support(rule.organisation):
            reason = _("%(criteria)s → %(organisation)s (regel %(number)s)") % {
                "criteria": rule_criteria(rule),
                "organisation": rule.organisation.name,
                "number": rule.pk,
            }
            return Decision(rule.organisation, RoutedBy.RULE, reason, rule)
    default = (
        MunicipalityDefault.objects.filter(municipality_id=municipality_id)
        .select_related("organisation", "municipality")
        .first()
    )
    if default is not None and _gives_support(default.organisation):
        reason = _("geen regel past → standaard voor %(municipality)s: %(organisation)s") % {
            "municipality": default.municipality.name,
            "organisation": default.organisation.name,
        }
        return Decision(default.organisation, RoutedBy.DEFAULT, reason)
    independent = (
        Organisation.objects.filter(
            municipalities__id=municipality_id,
            kind=OrganisationKind.CLIENT_SUPPORT,
            is_independent=True,
        )
        .order_by("id")
        .first()
    )
    if independent is not None:
        reason = _(
            "geen regel en geen standaardorganisatie → onafhankelijke organisatie %(organisation)s"
        ) % {"organisation": independent.name}
        return Decision(independent, RoutedBy.FALLBACK, reason)
    return None
