"""Serializers of the referral API.

Input serializers check the shape of a request; the services decide whether
the values make sense. The output shows the receiving side only what was
shared; the sending side sees its own case, the consent and any override.
"""

from typing import Any

from rest_framework import serializers

from wegwijs.accounts.constants import OrganisationKind
from wegwijs.referrals.constants import (
    MAX_QUESTION_LENGTH,
    MAX_REASON_LENGTH,
    Direction,
    GotHelp,
    ReferralMode,
    ReferralStatus,
    Sharing,
)
from wegwijs.referrals.models import Referral


class SharingField(serializers.ChoiceField):
    """A level of sharing (``SharingEnum`` in the schema: ENUM_NAME_OVERRIDES)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Sharing.choices, **kwargs)


class ReferralFilterSerializer(serializers.Serializer[object]):
    direction = serializers.ChoiceField(
        choices=Direction.choices,
        default=Direction.OUTGOING,
        help_text=(
            "`outgoing`: referrals sent from the cases you may see (default). `incoming`: "
            "referrals sent to your organisation (coordinators; supporters see those "
            "accepted into their cases)."
        ),
    )
    status = serializers.ChoiceField(
        choices=ReferralStatus.choices, required=False, help_text="Only referrals with this status."
    )


class ReferralCreateInputSerializer(serializers.Serializer[object]):
    case = serializers.IntegerField(help_text="The case (of your organisation) to refer from.")
    to_organisation = serializers.SlugField(
        help_text="The code (slug) of the receiving organisation or facility."
    )
    mode = serializers.ChoiceField(
        choices=ReferralMode.choices,
        default=ReferralMode.SENT,
        help_text="`verwijzing` sends what is shared; `warme-tip` sends nothing.",
    )
    consent = SharingField(help_text="What the client agreed to share.")
    shared = serializers.ChoiceField(
        choices=[Sharing.QUESTION, Sharing.QUESTION_CONTACT],
        required=False,
        help_text=(
            "What is sent; defaults to what the consent covers. More than the consent needs "
            "`override_reason`."
        ),
    )
    question = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=MAX_QUESTION_LENGTH,
        help_text="The question as shared; defaults to the case's question.",
    )
    override_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=MAX_REASON_LENGTH,
        help_text="Why more is shared than the client consented to; logged.",
    )


class ReferralAcceptInputSerializer(serializers.Serializer[object]):
    supporter = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="A supporter of your organisation for the new case; default: you.",
    )


class ReferralDeclineInputSerializer(serializers.Serializer[object]):
    reason = serializers.SlugField(
        help_text="A code of /api/v1/reference/referral-decline-reasons."
    )
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=MAX_REASON_LENGTH,
        help_text="Explanation for the sender; required with `overig`.",
    )


class ReferralFollowUpInputSerializer(serializers.Serializer[object]):
    got_help = serializers.ChoiceField(choices=GotHelp.choices)


class SharedContactSerializer(serializers.Serializer[object]):
    given_name = serializers.CharField()
    family_name = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    preferred_language = serializers.CharField()


class SharedSerializer(serializers.Serializer[object]):
    """What was sent: the topic and question, and contact details when consented."""

    topic = serializers.CharField(allow_null=True, help_text="Topic code.")
    question = serializers.CharField()
    contact = SharedContactSerializer(allow_null=True)


class ReferralSerializer(serializers.Serializer[Any]):
    """A referral as the caller's side sees it; the direction is in the context."""

    id = serializers.IntegerField()
    direction = serializers.ChoiceField(choices=Direction.choices)
    mode = serializers.ChoiceField(choices=ReferralMode.choices)
    closed_loop = serializers.BooleanField(
        help_text="The receiver works in Wegwijs and accepts or declines."
    )
    status = serializers.ChoiceField(choices=ReferralStatus.choices)
    from_organisation = serializers.CharField(help_text="Code (slug) of the sender.")
    to_organisation = serializers.CharField(help_text="Code (slug) of the receiver.")
    to_kind = serializers.ChoiceField(choices=OrganisationKind.choices)
    case = serializers.IntegerField(
        allow_null=True,
        help_text=(
            "Your own case: the one referred from (outgoing) or the one the acceptance "
            "opened (incoming; null until accepted)."
        ),
    )
    consent = SharingField(help_text="What the client agreed to share.")
    shared_level = SharingField(help_text="What was sent (`niets` for a warm tip).")
    override_reason = serializers.CharField(
        allow_null=True, help_text="Outgoing only: why more was shared than consented."
    )
    shared = SharedSerializer(
        allow_null=True,
        help_text="The copy made when sending; null when nothing was sent or it was cleared.",
    )
    sent_at = serializers.DateTimeField()
    responded_at = serializers.DateTimeField(allow_null=True)
    decline_reason = serializers.CharField(allow_null=True)
    decline_note = serializers.CharField()
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)
    followup_due_on = serializers.DateField(
        allow_null=True, help_text="Outgoing only: when the sender is asked whether it helped."
    )
    got_help = serializers.CharField(help_text="`ja`, `nee`, `onbekend` or empty.")

    def to_representation(self, instance: Referral) -> dict[str, Any]:
        direction = self.context["direction"]
        outgoing = direction == Direction.OUTGOING
        return {
            "id": instance.pk,
            "direction": direction,
            "mode": instance.mode,
            "closed_loop": instance.closed_loop,
            "status": instance.status,
            "from_organisation": instance.from_organisation.slug,
            "to_organisation": instance.to_organisation.slug,
            "to_kind": instance.to_kind,
            "case": instance.from_case_id if outgoing else instance.to_case_id,
            "consent": instance.consent,
            "shared_level": instance.shared,
            "override_reason": instance.override_reason if outgoing else None,
            "shared": _shared(instance),
            "sent_at": serializers.DateTimeField().to_representation(instance.sent_at),
            "responded_at": _datetime(instance.responded_at),
            "decline_reason": instance.decline_reason.code if instance.decline_reason else None,
            "decline_note": instance.decline_note,
            "withdrawn_at": _datetime(instance.withdrawn_at),
            "completed_at": _datetime(instance.completed_at),
            "followup_due_on": (
                instance.followup_due_on.isoformat()
                if outgoing and instance.followup_due_on
                else None
            ),
            "got_help": instance.got_help,
        }


def _datetime(value: Any) -> str | None:
    return serializers.DateTimeField().to_representation(value) if value else None


def _shared(referral: Referral) -> dict[str, Any] | None:
    if referral.shared == Sharing.NOTHING or referral.status in (
        ReferralStatus.WITHDRAWN,
        ReferralStatus.DECLINED,
    ):
        return None
    contact = None
    if referral.shares_contact:
        contact = {
            "given_name": referral.shared_given_name,
            "family_name": referral.shared_family_name,
            "phone": referral.shared_phone,
            "email": referral.shared_email,
            "preferred_language": referral.shared_language,
        }
    return {
        "topic": referral.shared_topic.code if referral.shared_topic else None,
        "question": referral.shared_question,
        "contact": contact,
    }
