"""Template tags that show referrals on pages of other apps.

The case page and "Mijn werk" load these at render time, so ``wegwijs.cases``
never imports ``wegwijs.referrals`` (the layers contract puts referrals above cases).
"""

from typing import Any

from django import template

from wegwijs.accounts.permissions import Capability, has_capability
from wegwijs.cases.models import Case
from wegwijs.referrals import selectors
from wegwijs.referrals.constants import ReferralStatus

register = template.Library()


@register.inclusion_tag("referrals/_case_referrals.html", takes_context=True)
def case_referrals(context: template.Context, case: Case) -> dict[str, Any]:
    """The section "Doorverwijzingen" of ``case``, for the user of the request."""
    user = context["request"].user
    return {
        "case": case,
        "referrals": selectors.case_referrals(user=user, case=case),
        "may_refer": has_capability(user, Capability.REFER),
    }


@register.inclusion_tag("referrals/_my_followups.html", takes_context=True)
def my_referral_followups(context: template.Context) -> dict[str, Any]:
    """The follow-ups of referrals that wait for the user's answer, for "Mijn werk"."""
    user = context["request"].user
    if not has_capability(user, Capability.REFER):
        return {"show": False}
    handles_incoming = has_capability(user, Capability.HANDLE_INCOMING_REFERRALS)
    return {
        "show": True,
        "followups": list(selectors.my_followups(user=user)[:20]),
        "handles_incoming": handles_incoming,
        "incoming_waiting": (
            selectors.incoming_referrals(user=user).filter(status=ReferralStatus.SENT).count()
            if handles_incoming
            else 0
        ),
    }
