"""Forms of the referral pages: they parse input; the services decide what is valid."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wegwijs.accounts.models import Organisation, User
from wegwijs.referrals.constants import MAX_QUESTION_LENGTH, MAX_REASON_LENGTH, GotHelp, Sharing


class ReferForm(forms.Form):
    to_organisation = forms.ModelChoiceField(
        label=_("Naar"),
        queryset=Organisation.objects.none(),
        to_field_name="slug",
        empty_label=_("Kies een organisatie"),
        error_messages={
            "required": _("Kies een organisatie of voorziening."),
            "invalid_choice": _("Kies een organisatie of voorziening."),
        },
    )
    consent = forms.ChoiceField(
        label=_("Wat vindt de cliënt goed om te delen?"),
        choices=Sharing.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat de cliënt goedvindt om te delen.")},
    )
    question = forms.CharField(
        label=_("De vraag zoals u die deelt"),
        help_text=_(
            "Alleen deze tekst gaat mee, geen notities of contactmomenten. Laat weg wat de "
            "ontvanger niet hoeft te weten."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_QUESTION_LENGTH,
        required=False,
    )
    shared = forms.ChoiceField(
        label=_("Wat stuurt u mee?"),
        choices=[
            ("", _("Wat de cliënt goedvindt")),
            (Sharing.QUESTION, Sharing.QUESTION.label),
            (Sharing.QUESTION_CONTACT, Sharing.QUESTION_CONTACT.label),
        ],
        widget=forms.RadioSelect,
        required=False,
        initial="",
    )
    override_reason = forms.CharField(
        label=_("Reden om meer te delen dan de cliënt goedvindt"),
        help_text=_(
            "Alleen bij hoge uitzondering, bijvoorbeeld bij acuut gevaar. De reden wordt "
            "vastgelegd in het logboek."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=MAX_REASON_LENGTH,
        required=False,
    )

    def __init__(self, *args: Any, receivers: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = receivers


class AcceptForm(forms.Form):
    supporter = forms.ModelChoiceField(
        label=_("Ondersteuner"),
        help_text=_("Wie gaat de cliënt helpen? Zonder keuze wordt u de ondersteuner."),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Ikzelf"),
        error_messages={"invalid_choice": _("Kies een ondersteuner van uw organisatie.")},
    )

    def __init__(self, *args: Any, supporters: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["supporter"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = supporters


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reden van afwijzing"),
        choices=[],
        error_messages={"required": _("Kies een reden van afwijzing.")},
    )
    note = forms.CharField(
        label=_("Toelichting voor de verwijzer"),
        help_text=_("Verplicht bij 'overig'. Schrijf geen gegevens over de cliënt."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=MAX_REASON_LENGTH,
        required=False,
    )

    def __init__(self, *args: Any, reasons: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Kies een reden")), *reasons]


class FollowUpForm(forms.Form):
    got_help = forms.ChoiceField(
        label=_("Is de cliënt geholpen?"),
        choices=GotHelp.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja, nee of weet niet.")},
    )
