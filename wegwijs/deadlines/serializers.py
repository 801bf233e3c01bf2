"""Serializers of the public deadline API."""

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wegwijs.deadlines import rules
from wegwijs.deadlines.constants import EARLIEST_EVENT_DATE, LATEST_EVENT_DATE

KIND_VALUES = [kind.value for kind in rules.Kind]
DATE_FORMAT = "%Y-%m-%d"


class DeadlineComputeInputSerializer(serializers.Serializer[Any]):
    """The query of ``GET /api/v1/deadlines/compute``; messages name what is valid."""

    kind = serializers.CharField()
    date = serializers.DateField(input_formats=[DATE_FORMAT])
    committee = serializers.BooleanField(required=False, default=False)
    postponed = serializers.BooleanField(required=False, default=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = ", ".join(KIND_VALUES)
        self.fields["kind"].error_messages.update(
            {
                "required": _("Geef een soort termijn (kind) op: een van %(kinds)s.")
                % {"kinds": kinds},
                "blank": _("Geef een soort termijn (kind) op: een van %(kinds)s.")
                % {"kinds": kinds},
            }
        )
        self.fields["date"].error_messages.update(
            {
                "required": _("Geef een datum (date) op in de vorm YYYY-MM-DD."),
                "invalid": _(
                    "Dit is geen geldige datum. Geef de datum in de vorm YYYY-MM-DD, "
                    "bijvoorbeeld 2026-03-12."
                ),
            }
        )

    def validate_kind(self, value: str) -> str:
        if value not in KIND_VALUES:
            raise serializers.ValidationError(
                _("Onbekende soort termijn %(kind)s. Kies een van: %(kinds)s.")
                % {"kind": f"'{value[:40]}'", "kinds": ", ".join(KIND_VALUES)},
                code="invalid_choice",
            )
        return value

    def validate_date(self, value: dt.date) -> dt.date:
        if not EARLIEST_EVENT_DATE <= value <= LATEST_EVENT_DATE:
            raise serializers.ValidationError(
                _("Geef een datum tussen %(first)s en %(last)s, in de vorm YYYY-MM-DD.")
                % {
                    "first": EARLIEST_EVENT_DATE.isoformat(),
                    "last": LATEST_EVENT_DATE.isoformat(),
                },
                code="out_of_range",
            )
        return value


@extend_schema_field({"type": "string", "enum": KIND_VALUES})
class KindField(serializers.CharField):
    """A kind of term; documented inline, so it claims no shared component name."""


class DeadlineMoveSerializer(serializers.Serializer[Any]):
    date = serializers.DateField(help_text="A day the end moved past.")
    reason = serializers.CharField(
        help_text=(
            "Why that day does not count, in the language asked for with Accept-Language "
            "(Dutch by default)."
        )
    )


class DeadlineTermSerializer(serializers.Serializer[Any]):
    """A computed legal term: its start, raw end, end, legal basis and every move."""

    kind = KindField(help_text="The kind of term, as asked.")
    date = serializers.DateField(help_text="The event the term follows, as given.")
    start = serializers.DateField(help_text="The first day of the term: the day after `date`.")
    raw_end = serializers.DateField(help_text="The last day by the rule alone.")
    end = serializers.DateField(
        help_text="The last day after weekends and feestdagen (Atw or Regulation 1182/71)."
    )
    basis = serializers.CharField(
        help_text="The legal basis, in the language asked for (Dutch by default)."
    )
    moved = DeadlineMoveSerializer(
        many=True, help_text="Every day the end moved past, with the reason."
    )
