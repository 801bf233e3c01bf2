from rest_framework import serializers


class MeSerializer(serializers.Serializer[object]):
    email = serializers.EmailField()
    name = serializers.CharField(source="full_name")
    role = serializers.CharField(allow_null=True)
    organisation = serializers.CharField(allow_null=True, help_text="Slug of the organisation.")
    municipality = serializers.CharField(allow_null=True, help_text="Slug of the municipality.")
    capabilities = serializers.ListField(child=serializers.CharField())
