"""Forms of the sociale kaart: the finder, the search and the staff pages.

Public forms are lenient: an unknown value in the address (an old link, a
typo) is dropped with a notice instead of failing the page.
"""

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.http import QueryDict
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wegwijs.accounts.constants import INDEPENDENT_MEANING, OrganisationKind
from wegwijs.directory.constants import ServiceStatus, Weekday
from wegwijs.directory.models import Location
from wegwijs.directory.selectors import choice_lists
from wegwijs.reference.constants import AreaKind
from wegwijs.reference.languages import LANGUAGES
from wegwijs.reference.models import Area, Channel, TargetGroup, Topic

# "For whom" in the finder, and the target group each answer stands for.
FOR_WHOM = [
    ("zelf", _("Voor mijzelf")),
    ("naaste", _("Voor iemand voor wie ik zorg (mantelzorg)")),
    ("kind", _("Voor mijn kind of gezin")),
]
FOR_WHOM_TARGET_GROUP = {"naaste": "mantelzorger", "kind": "jeugd-gezin"}

KIND_CHOICES = [
    ("", _("Alle soorten")),
    (OrganisationKind.CLIENT_SUPPORT.value, _("Cliëntondersteuning")),
    (OrganisationKind.FACILITY.value, _("Voorzieningen")),
    (OrganisationKind.MUNICIPAL_SERVICE.value, _("Diensten van de gemeente")),
]


def _field(form: forms.Form, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


def _label(label_nl: str, label_en: str) -> str:
    return label_en if (get_language() or "nl").startswith("en") else label_nl


def _code_choices(rows: list[tuple[str, str, str]], empty: Any) -> list[tuple[str, Any]]:
    return [("", empty), *((code, _label(nl, en)) for code, nl, en in rows)]


def area_choices(empty: Any) -> list[Any]:
    """Stadsdelen with their wijken as option groups."""
    areas = choice_lists().areas
    choices: list[Any] = [("", empty)]
    for code, name, kind, _parent, pk in areas:
        if kind != AreaKind.DISTRICT:
            continue
        wijken = [(c, n) for c, n, _k, parent, _pk in areas if parent == pk]
        label = _("heel %(district)s") % {"district": name}
        choices.append((name, [(code, label), *wijken]))
    return choices


class FastSelect(forms.Select):
    """A select rendered in Python: the template per option is slow on busy public pages."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        chosen = {str(v) for v in (value if isinstance(value, list | tuple) else [value])}
        parts: list[str] = [format_html("<select{}>", flatatt(final))]

        def option(key: Any, label: Any) -> str:
            key = "" if key is None else str(key)
            if key in chosen:
                return format_html('<option value="{}" selected>{}</option>', key, label)
            return format_html('<option value="{}">{}</option>', key, label)

        for key, label in self.choices:
            if isinstance(label, list | tuple):
                parts.append(format_html('<optgroup label="{}">', key))
                parts += [option(k, v) for k, v in label]
                parts.append("</optgroup>")
            else:
                parts.append(option(key, label))
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value is escaped by format_html


class LenientForm(forms.Form):
    """A GET form that drops unknown choice values instead of failing on them."""

    def drop_unknown_values(self) -> list[str]:
        """Remove values the choices do not know from the bound data; return them."""
        data = self.data.copy() if isinstance(self.data, QueryDict) else QueryDict(mutable=True)
        dropped: list[str] = []
        for name, field in self.fields.items():
            if not isinstance(field, forms.ChoiceField) or name not in data:
                continue
            valid = {str(key) for key, _label in _flat(field.choices)}
            values = data.getlist(name)
            dropped += [value for value in values if value not in valid]
            data.setlist(name, [value for value in values if value in valid])
        self.data = data
        return dropped


def _flat(choices: Any) -> list[tuple[Any, Any]]:
    flat: list[tuple[Any, Any]] = []
    for key, label in choices:
        if isinstance(label, list | tuple):
            flat += list(label)
        else:
            flat.append((key, label))
    return flat


class FinderForm(LenientForm):
    onderwerp = forms.ChoiceField(label=_("Waar gaat uw vraag over?"), required=False)
    voor = forms.ChoiceField(
        label=_("Voor wie is de hulp?"),
        choices=FOR_WHOM,
        required=False,
        widget=forms.RadioSelect,
    )
    doelgroep = forms.MultipleChoiceField(
        label=_("Past iets hiervan bij u? (niet verplicht)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    wijk = forms.ChoiceField(label=_("In welke wijk woont u?"), required=False)
    postcode = forms.CharField(
        label=_("Of: wat is uw postcode?"),
        required=False,
        max_length=7,
        help_text=_("Bijvoorbeeld 2034 AB. Alleen de cijfers zijn nodig."),
    )
    taal = forms.ChoiceField(
        label=_("In welke taal wilt u geholpen worden?"),
        required=False,
        choices=[("", _("Nederlands is goed")), *LANGUAGES[1:]],
    )
    onafhankelijk = forms.BooleanField(
        label=_("Ik wil iemand die volledig onafhankelijk is"),
        required=False,
        help_text=INDEPENDENT_MEANING,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lists = choice_lists()
        _field(self, "onderwerp").choices = _code_choices(
            lists.topics, _("Weet ik niet, of iets anders")
        )
        _field(self, "doelgroep").choices = [
            (code, _label(nl, en)) for code, nl, en in lists.target_groups
        ]
        _field(self, "wijk").choices = area_choices(_("Kies uw wijk (niet verplicht)"))

    def clean_postcode(self) -> str:
        postcode: str = self.cleaned_data["postcode"].replace(" ", "").upper()
        return postcode


class SearchForm(LenientForm):
    q = forms.CharField(
        label=_("Zoekwoorden"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld: schulden, rolstoel, mantelzorg, bezwaar."),
    )
    onderwerp = forms.ChoiceField(label=_("Onderwerp"), required=False, widget=FastSelect)
    doelgroep = forms.ChoiceField(label=_("Doelgroep"), required=False, widget=FastSelect)
    wijk = forms.ChoiceField(label=_("Wijk"), required=False, widget=FastSelect)
    taal = forms.ChoiceField(
        label=_("Taal"),
        required=False,
        choices=[("", _("Alle talen")), *LANGUAGES],
        widget=FastSelect,
    )
    kanaal = forms.ChoiceField(label=_("Contact via"), required=False, widget=FastSelect)
    soort = forms.ChoiceField(
        label=_("Soort"), required=False, choices=KIND_CHOICES, widget=FastSelect
    )
    onafhankelijk = forms.BooleanField(label=_("Alleen volledig onafhankelijk"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lists = choice_lists()
        _field(self, "onderwerp").choices = _code_choices(lists.topics, _("Alle onderwerpen"))
        _field(self, "doelgroep").choices = _code_choices(
            lists.target_groups, _("Alle doelgroepen")
        )
        _field(self, "kanaal").choices = _code_choices(lists.channels, _("Alle manieren"))
        _field(self, "wijk").choices = area_choices(_("Alle wijken"))


# --- Staff pages ------------------------------------------------------------------


class ServiceForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    description = forms.CharField(label=_("Beschrijving"), required=False, widget=forms.Textarea)
    eligibility = forms.CharField(
        label=_("Voor wie"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Wie kan hier terecht, en onder welke voorwaarden."),
    )
    phone = forms.CharField(label=_("Telefoon"), required=False, max_length=30)
    email = forms.EmailField(label=_("E-mail"), required=False)
    url = forms.URLField(label=_("Webpagina"), required=False, assume_scheme="https")
    is_free = forms.BooleanField(label=_("Gratis"), required=False, initial=True)
    cost = forms.CharField(
        label=_("Kosten"),
        required=False,
        max_length=300,
        help_text=_("Alleen invullen als het niet gratis is."),
    )
    topics = forms.MultipleChoiceField(
        label=_("Onderwerpen"), required=False, widget=forms.CheckboxSelectMultiple
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Doelgroepen"), required=False, widget=forms.CheckboxSelectMultiple
    )
    areas = forms.MultipleChoiceField(
        label=_("Gebieden"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Niets gekozen: de hele gemeente."),
    )
    channels = forms.MultipleChoiceField(
        label=_("Kanalen"), required=False, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(
        label=_("Talen waarin de hulp echt gegeven wordt"),
        choices=LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één taal.")},
    )
    status = forms.ChoiceField(label=_("Status"), choices=ServiceStatus.choices)
    locations = forms.MultipleChoiceField(
        label=_("Locaties"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "topics").choices = [(t.code, t.label) for t in Topic.objects.all()]
        _field(self, "target_groups").choices = [
            (t.code, t.label) for t in TargetGroup.objects.all()
        ]
        _field(self, "channels").choices = [(c.code, c.label) for c in Channel.objects.all()]
        _field(self, "areas").choices = [
            (area.code, area.name)
            for area in Area.objects.filter(
                municipality__in=organisation.municipalities.all()
            ).order_by("kind", "name")
        ]
        _field(self, "locations").choices = [
            (str(location.pk), location.name)
            for location in Location.objects.filter(organisation=organisation)
        ]


class LocationForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    description = forms.CharField(label=_("Beschrijving"), required=False, widget=forms.Textarea)
    street_address = forms.CharField(
        label=_("Straat en huisnummer"), required=False, max_length=200
    )
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=7)
    city = forms.CharField(label=_("Plaats"), required=False, max_length=100)
    area = forms.ChoiceField(label=_("Wijk of stadsdeel"), required=False)
    accessibility = forms.CharField(
        label=_("Toegankelijkheid"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Bijvoorbeeld: drempelvrij, lift, invalidentoilet, ringleiding."),
    )
    is_confidential = forms.BooleanField(
        label=_("Het adres is geheim (bijvoorbeeld een opvang)"), required=False
    )

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "area").choices = [
            ("", _("Geen")),
            *(
                (str(area.pk), area.name)
                for area in Area.objects.filter(
                    municipality__in=organisation.municipalities.all()
                ).order_by("kind", "name")
            ),
        ]


class ScheduleForm(forms.Form):
    weekday = forms.TypedChoiceField(label=_("Dag"), choices=Weekday.choices, coerce=int)
    opens_at = forms.TimeField(
        label=_("Van"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Vul een tijd in, bijvoorbeeld 09:30.")},
    )
    closes_at = forms.TimeField(
        label=_("Tot"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Vul een tijd in, bijvoorbeeld 12:00.")},
    )
    is_walk_in = forms.BooleanField(label=_("Inloop (zonder afspraak)"), required=False)
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=200)
