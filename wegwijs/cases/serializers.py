"""Serializers of the case-register API.

Input serializers only check the shape of a request; the services decide
whether the values make sense. Output serializers show reference-list values
by their stable code and never show the client's pseudonym.
"""

from typing import Any

from rest_framework import serializers

from wegwijs.cases.constants import (
    MAX_MINUTES,
    Answer,
    CaseStatus,
    HeardVia,
    RepresentativeKind,
    WithWhom,
)
from wegwijs.cases.models import Case, Client, ContactMoment
from wegwijs.cases.selectors import CASE_SORTS

CODE_HELP = "Code from the matching reference list (/api/v1/reference/...)."
AnyField = serializers.Field[Any, Any, Any, Any]


def code_field(*, slug_field: str = "code", **kwargs: Any) -> AnyField:
    """A related reference-list value (or organisation), shown by its stable code."""
    return serializers.SlugRelatedField(slug_field=slug_field, read_only=True, **kwargs)


# --- Clients ------------------------------------------------------------------


class ClientSerializer(serializers.ModelSerializer[Client]):
    preferred_channel = code_field(allow_null=True, help_text="Channel code.")
    area = code_field(allow_null=True, help_text="Area code.")
    target_groups = code_field(many=True, help_text="Target group codes.")
    # Declared so the schema allows the empty value of a client without one.
    representative_kind = serializers.ChoiceField(
        choices=RepresentativeKind.choices, allow_blank=True, read_only=True
    )
    email = serializers.EmailField(allow_blank=True, read_only=True)

    class Meta:
        model = Client
        fields = (
            "id",
            "reference",
            "is_anonymous",
            "display_name",
            "given_name",
            "family_name",
            "date_of_birth",
            "postcode",
            "house_number",
            "phone",
            "email",
            "preferred_language",
            "preferred_channel",
            "area",
            "target_groups",
            "representative_name",
            "representative_kind",
            "representative_phone",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class ClientFilterSerializer(serializers.Serializer[object]):
    q = serializers.CharField(
        required=False, help_text="Part of the given or family name, or the exact reference."
    )
    date_of_birth = serializers.DateField(required=False)
    is_anonymous = serializers.BooleanField(required=False, allow_null=True, default=None)


class ClientUpdateInputSerializer(serializers.Serializer[object]):
    given_name = serializers.CharField(required=False, allow_blank=True, max_length=100)
    family_name = serializers.CharField(required=False, allow_blank=True, max_length=150)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    postcode = serializers.CharField(required=False, allow_blank=True, max_length=7)
    house_number = serializers.CharField(required=False, allow_blank=True, max_length=10)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=30)
    email = serializers.EmailField(required=False, allow_blank=True)
    preferred_language = serializers.CharField(required=False, allow_blank=True, max_length=40)
    preferred_channel = serializers.CharField(
        required=False, allow_null=True, allow_blank=True, help_text=CODE_HELP
    )
    area = serializers.CharField(
        required=False, allow_null=True, allow_blank=True, help_text="Area code."
    )
    target_groups = serializers.ListField(
        child=serializers.CharField(), required=False, help_text=CODE_HELP
    )
    representative_name = serializers.CharField(required=False, allow_blank=True, max_length=150)
    representative_kind = serializers.ChoiceField(
        choices=RepresentativeKind.choices, required=False, allow_blank=True
    )
    representative_phone = serializers.CharField(required=False, allow_blank=True, max_length=30)


class ClientCreateInputSerializer(ClientUpdateInputSerializer):
    is_anonymous = serializers.BooleanField(
        default=False, help_text="An anonymous client has no name, address or contact details."
    )


# --- Cases --------------------------------------------------------------------


class CaseSerializer(serializers.ModelSerializer[Case]):
    topic = code_field(help_text="Topic code.")
    outcome = code_field(allow_null=True, help_text="Outcome code; set when the case is closed.")
    supporters: AnyField = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text="Ids of the assigned supporters."
    )

    class Meta:
        model = Case
        fields = (
            "id",
            "client",
            "topic",
            "question",
            "status",
            "opened_on",
            "closed_on",
            "supporters",
            "outcome",
            "satisfaction",
            "experienced_independent",
            "heard_via",
            "last_activity_at",
            "version",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class CaseFilterSerializer(serializers.Serializer[object]):
    status = serializers.ChoiceField(choices=CaseStatus.choices, required=False)
    topic = serializers.CharField(required=False, help_text="Topic code.")
    supporter = serializers.IntegerField(required=False, help_text="Id of an assigned supporter.")
    target_group = serializers.CharField(
        required=False, help_text="Target group code of the client."
    )
    opened_from = serializers.DateField(required=False)
    opened_to = serializers.DateField(required=False)
    sort = serializers.ChoiceField(
        choices=list(CASE_SORTS),
        default="activiteit",
        help_text="activiteit: most recently active first; geopend: newest first; "
        "onderwerp: by topic; client: by the client's family name.",
    )


class CaseOpenInputSerializer(serializers.Serializer[object]):
    client = serializers.IntegerField(help_text="Id of the client.")
    topic = serializers.CharField(help_text="Topic code.")
    question = serializers.CharField(
        required=False, allow_blank=True, help_text="The question in the client's words."
    )
    opened_on = serializers.DateField(required=False, help_text="Defaults to today.")
    supporters = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        help_text="Ids of supporters of the organisation; defaults to the caller.",
    )
    heard_via = serializers.ChoiceField(choices=HeardVia.choices, default=HeardVia.UNKNOWN)


class WholePatchSerializer(serializers.Serializer[object]):
    # A PATCH body that is never validated partially: fields left out keep
    # their value, but the required ones (``version``) must be sent. The schema
    # generator reads ``partial``, so it documents them as required too.

    @property
    def partial(self) -> bool:
        return False

    @partial.setter
    def partial(self, value: bool) -> None:
        pass


class CaseUpdateInputSerializer(WholePatchSerializer):
    """Changes to a case; fields left out keep their value."""

    version = serializers.IntegerField(
        help_text="The version read; a stale version is refused with 409."
    )
    topic = serializers.CharField(required=False, help_text="Topic code.")
    question = serializers.CharField(required=False, allow_blank=True)
    supporters = serializers.ListField(child=serializers.IntegerField(), required=False)
    heard_via = serializers.ChoiceField(choices=HeardVia.choices, required=False)


class CaseCloseInputSerializer(serializers.Serializer[object]):
    version = serializers.IntegerField()
    outcome = serializers.CharField(help_text="Outcome code.")
    closed_on = serializers.DateField(required=False, help_text="Defaults to today.")
    satisfaction = serializers.IntegerField(
        required=False, allow_null=True, help_text="The client's mark, 1 to 10."
    )
    experienced_independent = serializers.ChoiceField(
        choices=Answer.choices, default=Answer.UNKNOWN
    )


class CaseReopenInputSerializer(serializers.Serializer[object]):
    version = serializers.IntegerField()


# --- Contact moments ----------------------------------------------------------


class ContactMomentSerializer(serializers.ModelSerializer[ContactMoment]):
    channel = code_field(help_text="Channel code.")
    activity = code_field(help_text="Activity code.")
    with_organisation = code_field(
        slug_field="slug", allow_null=True, help_text="Slug of the organisation."
    )

    class Meta:
        model = ContactMoment
        fields = (
            "id",
            "case",
            "occurred_at",
            "channel",
            "activity",
            "minutes",
            "with_whom",
            "with_organisation",
            "note",
            "registered_by",
            "version",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class ContactMomentFilterSerializer(serializers.Serializer[object]):
    case = serializers.IntegerField(required=False, help_text="Id of the case.")
    occurred_from = serializers.DateField(required=False)
    occurred_to = serializers.DateField(required=False)
    channel = serializers.CharField(required=False, help_text="Channel code.")


class ContactMomentUpdateInputSerializer(WholePatchSerializer):
    """Changes to a contact moment; fields left out keep their value."""

    version = serializers.IntegerField(
        help_text="The version read; a stale version is refused with 409."
    )
    occurred_at = serializers.DateTimeField(required=False)
    channel = serializers.CharField(required=False, help_text="Channel code.")
    activity = serializers.CharField(required=False, help_text="Activity code.")
    minutes = serializers.IntegerField(required=False, min_value=1, max_value=MAX_MINUTES)
    with_whom = serializers.ChoiceField(choices=WithWhom.choices, required=False)
    with_organisation = serializers.CharField(
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="Slug of the organisation, when with_whom is 'organisatie'.",
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


class ContactMomentRegisterInputSerializer(serializers.Serializer[object]):
    case = serializers.IntegerField(help_text="Id of an open case.")
    occurred_at = serializers.DateTimeField(required=False, help_text="Defaults to now.")
    channel = serializers.CharField(help_text="Channel code.")
    activity = serializers.CharField(help_text="Activity code.")
    minutes = serializers.IntegerField(min_value=1, max_value=MAX_MINUTES)
    with_whom = serializers.ChoiceField(choices=WithWhom.choices, default=WithWhom.CLIENT)
    with_organisation = serializers.CharField(
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="Slug of the organisation, when with_whom is 'organisatie'.",
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)
    submission_key = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="A key chosen by the caller; retrying with the same key never makes two rows.",
    )
