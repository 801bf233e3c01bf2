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


class InvalidParamSerializer(serializers.Serializer[object]):
    name = serializers.CharField()
    code = serializers.CharField()
    reason = serializers.CharField()


class ProblemDetailsSerializer(serializers.Serializer[object]):
    """An error as RFC 9457 problem details (``application/problem+json``)."""

    type = serializers.URLField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    code = serializers.CharField(help_text="Stable machine-readable error code.")
    instance = serializers.CharField()
    invalid_params = InvalidParamSerializer(many=True, required=False)
