"""Template tags that show deadlines on pages of other apps.

The case page loads these at render time, so ``wegwijs.cases`` never imports
``wegwijs.deadlines`` (the layers contract puts deadlines above cases).
"""

from typing import Any

from django import template

from wegwijs.cases.models import Case
from wegwijs.deadlines import explain, rules, selectors

register = template.Library()


@register.inclusion_tag("deadlines/_case_deadlines.html", takes_context=True)
def case_deadlines(context: template.Context, case: Case) -> dict[str, Any]:
    """The section "Termijnen" of ``case``, for the user of the request."""
    user = context["request"].user
    return {"case": case, "deadlines": list(selectors.case_deadlines(user=user, case=case))}


@register.filter
def move_reason(move: rules.Move) -> str:
    """Why a computed term's end moved past a day, in the active language."""
    return str(explain.move_of(move)["reason"])


@register.filter
def term_basis(term: rules.Term) -> str:
    """A computed term's legal basis, in the active language."""
    return explain.term_basis(term)
