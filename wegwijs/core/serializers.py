"""Serializers every API shares: RFC 9457 problem details."""

from rest_framework import serializers


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
