"""Forms of the deadline pages: they parse input; the services decide what is valid."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from wegwijs.deadlines.constants import (
    EARLIEST_EVENT_DATE,
    LATEST_EVENT_DATE,
    DeadlineKind,
)

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


# Typed dates are accepted the Dutch way too, for browsers without a date picker.
PUBLIC_DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"]


class PublicTermForm(forms.Form):
    """The public "Tot wanneer kan ik bezwaar maken?" question, sent with GET."""

    soort = forms.ChoiceField(
        label=_("Wat wilt u doen?"),
        choices=[
            ("bezwaar", _("Bezwaar maken tegen een besluit")),
            ("beroep", _("In beroep gaan tegen de beslissing op uw bezwaar")),
        ],
        widget=forms.RadioSelect(
            attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"}
        ),
        initial="bezwaar",
        required=False,
        error_messages={"invalid_choice": _("Kies bezwaar of beroep.")},
    )
    datum = forms.DateField(
        label=_("Datum van het besluit"),
        help_text=_(
            "De datum waarop het besluit bekend is gemaakt, meestal de datum van de brief. "
            "Bijvoorbeeld 12-03-2026."
        ),
        widget=DATE_WIDGET,
        input_formats=PUBLIC_DATE_FORMATS,
        error_messages={
            "required": _("Vul de datum van de brief in."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 12-03-2026."),
        },
    )

    def clean_soort(self) -> str:
        return self.cleaned_data.get("soort") or "bezwaar"

    def clean_datum(self) -> date:
        day: date = self.cleaned_data["datum"]
        if not EARLIEST_EVENT_DATE <= day <= LATEST_EVENT_DATE:
            raise forms.ValidationError(
                _("Vul een datum in tussen %(first)s en %(last)s."),
                code="out_of_range",
                params={
                    "first": f"{EARLIEST_EVENT_DATE:%d-%m-%Y}",
                    "last": f"{LATEST_EVENT_DATE:%d-%m-%Y}",
                },
            )
        return day
