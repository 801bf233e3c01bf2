"""Template helpers for pages of other apps that point at the intake."""

from django import template

from wegwijs.accounts.models import Organisation
from wegwijs.intake.selectors import InboxCounts, inbox_counts

register = template.Library()


@register.simple_tag
def intake_inbox_counts(organisation: Organisation) -> InboxCounts:
    """New and overdue requests of ``organisation``, for its coordinators' start page."""
    return inbox_counts(organisation=organisation)
