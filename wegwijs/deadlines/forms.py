"""Forms of the deadline pages: they parse input; the services decide what is valid."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wegwijs.deadlines.constants import DeadlineKind

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DeadlineForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort termijn"),
        choices=[("", _("Kies een soort termijn")), *DeadlineKind.choices],
        error_messages={"required": _("Kies een soort termijn.")},
    )
    start_date = forms.DateField(
        label=_("Datum waarna de termijn begint"),
        help_text=_(
            "Bezwaar en beroep: de datum van bekendmaking van het besluit. Klacht, "
            "Wmo-beschikking en AVG: de datum van ontvangst. Wmo-onderzoek en persoonlijk "
            "plan: de datum van de melding. Beslissing op bezwaar: de laatste dag van de "
            "bezwaartermijn."
        ),
        widget=DATE_WIDGET,
        error_messages={
            "required": _("Vul de datum in."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 12-03-2026."),
        },
    )
    committee = forms.BooleanField(
        label=_("Er is een adviescommissie (bezwaar) of klachtencommissie (klacht)"),
        required=False,
    )
    postponed = forms.BooleanField(
        label=_("De termijn is verdaagd of verlengd (met het wettelijke maximum)"),
        required=False,
    )


class MetForm(forms.Form):
    met_on = forms.DateField(
        label=_("Gehaald op"),
        widget=DATE_WIDGET,
        error_messages={
            "required": _("Vul de datum in."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 12-03-2026."),
        },
    )
