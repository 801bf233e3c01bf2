from rest_framework import serializers


class MeSerializer(serializers.Serializer[object]):
    email = serializers.EmailField()
    name = serializers.CharField(source="full_name")
    role = serializers.CharField(allow_null=True)
    organisation = serializers.CharField(allow_null=True, help_text="Slug of the organisation.")
    municipality = serializers.CharField(allow_null=True, help_text="Slug of the municipality.")
    capabilities = serializers.ListField(child=serializers.CharField())


class CodeListItemSerializer(serializers.Serializer[object]):
    code = serializers.SlugField(help_text="Stable code: the contract for imports and exports.")
    label_nl = serializers.CharField()
    label_en = serializers.CharField()
    is_active = serializers.BooleanField()


# Problem details live in core so every app's API can document its errors.
from wegwijs.core.serializers import InvalidParamSerializer, ProblemDetailsSerializer  # noqa: E402

__all__ = [
    "CodeListItemSerializer",
    "InvalidParamSerializer",
    "MeSerializer",
    "ProblemDetailsSerializer",
]
