"""Forms of monitoring: they parse input, services and selectors decide what is valid."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wegwijs.cases.constants import HeardVia
from wegwijs.monitoring import periods
from wegwijs.monitoring.constants import SurveyAnswer
from wegwijs.reference.models import Area, TargetGroup

RADIOS = forms.RadioSelect(attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"})
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}


class PeriodField(forms.CharField):
    def to_python(self, value: Any) -> periods.Period | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        period = periods.parse(text)
        if period is None:
            raise forms.ValidationError(
                _("Schrijf een jaar (2019), een kwartaal (2019-Q3) of een maand (2019-07).")
            )
        return period


class DashboardFilterForm(forms.Form):
    period = PeriodField(
        label=_("Periode"),
        required=False,
        help_text=_("Een jaar (2019), een kwartaal (2019-Q3) of een maand (2019-07)."),
        widget=forms.TextInput(attrs=TEXT),
    )
    organisation = forms.ChoiceField(
        label=_("Organisatie"), required=False, widget=forms.Select(attrs=SELECT)
    )
    area = forms.ChoiceField(label=_("Wijk"), required=False, widget=forms.Select(attrs=SELECT))
    target_group = forms.ChoiceField(
        label=_("Doelgroep"), required=False, widget=forms.Select(attrs=SELECT)
    )

    def __init__(self, *args: Any, viewer: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if viewer.exact:
            del self.fields["organisation"]
        else:
            self._choice("organisation").choices = [("", _("Hele gemeente"))] + [
                (org.slug, org.name) for org in viewer.organisations()
            ]
        areas = Area.objects.order_by("name")
        if viewer.municipality is not None:
            areas = areas.filter(municipality=viewer.municipality)
        self._choice("area").choices = [("", _("Alle wijken"))] + [(a.code, a.name) for a in areas]
        self._choice("target_group").choices = [("", _("Alle doelgroepen"))] + [
            (group.code, group.label) for group in TargetGroup.objects.order_by("position")
        ]

    def _choice(self, name: str) -> forms.ChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        return field

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("area") and data.get("target_group"):
            raise forms.ValidationError(_("Kies een wijk of een doelgroep, niet allebei."))
        return data


class SettingsForm(forms.Form):
    threshold = forms.IntegerField(
        label=_("Drempel"),
        min_value=1,
        max_value=100,
        help_text=_("Aantallen van 1 tot deze drempel worden buiten de organisatie verborgen."),
        widget=forms.NumberInput(attrs=TEXT),
    )
    rounding = forms.IntegerField(
        label=_("Afronden op"),
        min_value=1,
        max_value=100,
        help_text=_("Getoonde aantallen worden afgerond op een veelvoud hiervan."),
        widget=forms.NumberInput(attrs=TEXT),
    )


class SurveyInviteForm(forms.Form):
    client_consents = forms.BooleanField(
        label=_("De cliënt wil de vragenlijst krijgen"),
        required=True,
        error_messages={"required": _("Maak alleen een link als de cliënt dat goed vindt.")},
        widget=forms.CheckboxInput(
            attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}
        ),
    )


class SurveyForm(forms.Form):
    mark = forms.TypedChoiceField(
        label=_("Welk cijfer geeft u de ondersteuning? (1 is heel slecht, 10 is heel goed)"),
        choices=[(str(n), str(n)) for n in range(1, 11)],
        coerce=int,
        widget=RADIOS,
    )
    felt_heard = forms.ChoiceField(
        label=_("Voelde u zich gehoord?"), choices=SurveyAnswer.choices, widget=RADIOS
    )
    independent = forms.ChoiceField(
        label=_("Vond u de ondersteuner onafhankelijk?"),
        help_text=_(
            "Onafhankelijk: de ondersteuner werkt niet voor een zorgaanbieder en beslist niet over uw aanvraag."
        ),
        choices=SurveyAnswer.choices,
        widget=RADIOS,
    )
    found_via = forms.ChoiceField(
        label=_("Hoe heeft u de cliëntondersteuning gevonden?"),
        choices=[c for c in HeardVia.choices if c[0] != HeardVia.UNKNOWN],
        widget=RADIOS,
    )
