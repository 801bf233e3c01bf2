"""Listeners to the case register's events (``wegwijs.cases.signals``)."""

from typing import Any

from wegwijs.accounts.models import User
from wegwijs.cases.models import Case
from wegwijs.referrals.services import referral_complete_for_case, referrals_clear_for_erased_cases


def complete_referral_on_case_closed(
    sender: Any, *, case: Case, actor: User | None = None, **kwargs: Any
) -> None:
    """A referral is completed when the case it opened at the receiver closes."""
    referral_complete_for_case(case=case, actor=actor)


def clear_referrals_of_erased_client(
    sender: Any, *, case_ids: list[int], actor: User | None = None, **kwargs: Any
) -> None:
    """A destroyed or expired file takes the data shared in its referrals with it."""
    referrals_clear_for_erased_cases(case_ids=case_ids, actor=actor)
