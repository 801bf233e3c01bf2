from rest_framework import serializers


class PeriodSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()


class ScopeSerializer(serializers.Serializer):
    municipality = serializers.CharField(allow_null=True, help_text="Code of the municipality.")
    organisation = serializers.CharField(
        allow_null=True, help_text="Code of the organisation; null for the whole municipality."
    )


class SuppressionSerializer(serializers.Serializer):
    threshold = serializers.IntegerField(help_text="Counts from 1 below this are hidden.")
    rounding = serializers.IntegerField(help_text="Shown counts are rounded to a multiple of this.")


class TotalsSerializer(serializers.Serializer):
    clients = serializers.IntegerField(allow_null=True)
    cases = serializers.IntegerField(allow_null=True)
    contact_moments = serializers.IntegerField(allow_null=True)
    minutes = serializers.IntegerField(allow_null=True)
    information_advice = serializers.IntegerField(allow_null=True)
    trajectories = serializers.IntegerField(allow_null=True)


class TopicFiguresSerializer(serializers.Serializer):
    topic = serializers.CharField(help_text="Topic code (DOMAIN.md §2).")
    clients = serializers.IntegerField(allow_null=True)
    cases = serializers.IntegerField(allow_null=True)


class SummarySerializer(serializers.Serializer):
    period = PeriodSerializer()
    scope = ScopeSerializer()
    suppression = SuppressionSerializer(
        allow_null=True, help_text="null: exact figures of the own organisation."
    )
    totals = TotalsSerializer()
    by_topic = TopicFiguresSerializer(many=True)
