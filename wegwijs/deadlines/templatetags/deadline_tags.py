"""Template tags that show deadlines on pages of other apps.

The case page loads these at render time, so ``wegwijs.cases`` never imports
``wegwijs.deadlines`` (the layers contract puts deadlines above cases).
"""

from typing import Any

from django import template

from wegwijs.cases.models import Case
from wegwijs.deadlines import selectors

register = template.Library()


@register.inclusion_tag("deadlines/_case_deadlines.html", takes_context=True)
def case_deadlines(context: template.Context, case: Case) -> dict[str, Any]:
    """The section "Termijnen" of ``case``, for the user of the request."""
    user = context["request"].user
    return {"case": case, "deadlines": list(selectors.case_deadlines(user=user, case=case))}
