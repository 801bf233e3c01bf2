"""Forms of the interface shell."""

from django import forms
from django.utils.translation import gettext_lazy as _

ALL_CASES, OWN_CASES = "alle", "eigen"


class CaseVisibilityForm(forms.Form):
    """Whether supporters see every case of the organisation or only theirs."""

    zichtbaarheid = forms.ChoiceField(
        label=_("Welke kwesties zien ondersteuners?"),
        choices=[
            (ALL_CASES, _("Alle kwesties van de organisatie")),
            (OWN_CASES, _("Alleen de kwesties waarvoor zij zijn ingedeeld")),
        ],
        widget=forms.RadioSelect,
        help_text=_("Coördinatoren zien altijd alle kwesties van de organisatie."),
        error_messages={"required": _("Kies wat ondersteuners zien.")},
    )

    @classmethod
    def for_organisation(cls, supporters_see_all_cases: bool) -> "CaseVisibilityForm":
        return cls(initial={"zichtbaarheid": ALL_CASES if supporters_see_all_cases else OWN_CASES})

    @property
    def supporters_see_all_cases(self) -> bool:
        return bool(self.cleaned_data["zichtbaarheid"] == ALL_CASES)
