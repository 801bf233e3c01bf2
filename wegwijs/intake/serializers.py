"""Serializers of the requests API: input checks the shape, the services decide the rest."""

from typing import Any

from rest_framework import serializers

from wegwijs.intake.constants import (
    MAX_NAME_LENGTH,
    MAX_QUESTION_LENGTH,
    CloseReason,
    ContactChannel,
    ContactTime,
    ForWhom,
    RequestStatus,
    RoutedBy,
)
from wegwijs.intake.models import HelpRequest
from wegwijs.reference.languages import LANGUAGES

AnyField = serializers.Field[Any, Any, Any, Any]


def _code(*, slug_field: str = "code", help_text: str = "") -> AnyField:
    return serializers.SlugRelatedField(
        slug_field=slug_field, read_only=True, allow_null=True, help_text=help_text
    )


class HelpRequestListSerializer(serializers.ModelSerializer[HelpRequest]):
    """A request in the inbox: no question, no name, no contact details."""

    topic = _code(help_text="Topic code, or null when the resident chose none.")
    status = serializers.ChoiceField(choices=RequestStatus.choices, read_only=True)
    for_whom = serializers.ChoiceField(choices=ForWhom.choices, read_only=True)
    contact_channel = serializers.ChoiceField(choices=ContactChannel.choices, read_only=True)
    language = serializers.ChoiceField(choices=LANGUAGES, read_only=True)
    routed_by = serializers.ChoiceField(choices=RoutedBy.choices, allow_blank=True, read_only=True)
    overdue = serializers.SerializerMethodField(
        help_text="Waiting longer than the organisation's service norm in working days."
    )

    class Meta:
        model = HelpRequest
        fields: tuple[str, ...] = (
            "reference",
            "received_at",
            "status",
            "topic",
            "for_whom",
            "contact_channel",
            "language",
            "routed_by",
            "routing_reason",
            "overdue",
        )
        read_only_fields: tuple[str, ...] = fields

    def get_overdue(self, help_request: HelpRequest) -> bool:
        overdue_from = self.context.get("overdue_from")
        return bool(
            overdue_from
            and help_request.status == RequestStatus.NEW
            and help_request.received_at < overdue_from
        )


class HelpRequestSerializer(HelpRequestListSerializer):
    """One request with everything the resident told; reading it is logged."""

    target_group = _code(help_text="Target group code.")
    area = _code(help_text="Area code.")
    preferred_organisation = _code(slug_field="slug", help_text="Organisation code.")
    organisation = _code(slug_field="slug", help_text="Organisation code.")
    forwarded_from = _code(slug_field="slug", help_text="Organisation code.")
    contact_times = serializers.ListField(
        child=serializers.ChoiceField(choices=ContactTime.choices), read_only=True
    )
    email = serializers.EmailField(allow_blank=True, read_only=True)
    close_reason = serializers.ChoiceField(
        choices=CloseReason.choices, allow_blank=True, read_only=True
    )
    case: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="The case an accepted request became."
    )

    class Meta(HelpRequestListSerializer.Meta):
        fields = (
            *HelpRequestListSerializer.Meta.fields,
            "question",
            "target_group",
            "area",
            "preferred_organisation",
            "organisation",
            "forwarded_from",
            "forward_reason",
            "name",
            "cared_for_name",
            "contact_times",
            "phone",
            "email",
            "street_address",
            "postcode",
            "city",
            "handled_at",
            "case",
            "close_reason",
            "close_note",
        )
        read_only_fields = fields


class HelpRequestSubmitInputSerializer(serializers.Serializer[Any]):
    """A request that reached the organisation another way (its own website, the phone)."""

    question = serializers.CharField(max_length=MAX_QUESTION_LENGTH, trim_whitespace=True)
    for_whom = serializers.ChoiceField(choices=ForWhom.choices)
    contact_channel = serializers.ChoiceField(choices=ContactChannel.choices)
    consent = serializers.BooleanField(
        help_text="The resident agreed to the consent text of the request form."
    )
    language = serializers.ChoiceField(choices=LANGUAGES, default="nl")
    topic = serializers.CharField(required=False, allow_blank=True, help_text="Topic code.")
    target_group = serializers.CharField(
        required=False, allow_blank=True, help_text="Target group code."
    )
    area = serializers.IntegerField(required=False, allow_null=True, help_text="Area id.")
    preferred_organisation = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Organisation code; empty for no preference (routed by the rules).",
    )
    name = serializers.CharField(required=False, allow_blank=True, max_length=MAX_NAME_LENGTH)
    cared_for_name = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_NAME_LENGTH
    )
    contact_times = serializers.ListField(
        child=serializers.ChoiceField(choices=ContactTime.choices), required=False
    )
    phone = serializers.CharField(required=False, allow_blank=True, max_length=30)
    email = serializers.CharField(required=False, allow_blank=True, max_length=254)
    street_address = serializers.CharField(required=False, allow_blank=True, max_length=200)
    postcode = serializers.CharField(required=False, allow_blank=True, max_length=10)
    city = serializers.CharField(required=False, allow_blank=True, max_length=100)
