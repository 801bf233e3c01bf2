"""Background tasks of the referrals app; the production scheduler runs them twice a day."""

from dataclasses import asdict
from typing import Any

from celery import shared_task

from wegwijs.referrals.services import referral_followups_send


@shared_task(name="wegwijs.referrals.send_followups")
def send_referral_followups() -> dict[str, Any]:
    """Ask about referrals outside the closed loop whose follow-up is due (idempotent)."""
    return asdict(referral_followups_send())
