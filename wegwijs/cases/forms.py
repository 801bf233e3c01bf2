"""Forms of the supporters' interface: they parse input, services decide what is valid.

Choices come from the reference lists by code, the contract the services
take. Limits a browser can check (minutes, satisfaction) are repeated here so
the user gets the message before a round trip to a service; the services
check everything again.
"""

import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.forms.renderers import BaseRenderer, get_default_renderer
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wegwijs.accounts.models import Organisation, User
from wegwijs.accounts.selectors import organisation_list
from wegwijs.cases.constants import (
    MAX_MINUTES,
    Answer,
    CaseStatus,
    ConsentSubject,
    HeardVia,
    RepresentativeKind,
    WithWhom,
)
from wegwijs.cases.retention import MAX_REASON_LENGTH
from wegwijs.reference.selectors import area_list, code_list

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CHECKBOXES = forms.CheckboxSelectMultiple(
    attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"}
)
RADIOS = forms.RadioSelect(attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"})
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
# Translated when shown, not when this module is imported.
MINUTES_RANGE = format_lazy(_("Het aantal minuten moet tussen 1 en {max} liggen."), max=MAX_MINUTES)
MINUTES_ERRORS: dict[str, Any] = {
    "required": _("Vul het aantal minuten in."),
    "invalid": _("Vul het aantal minuten in als heel getal."),
    "min_value": MINUTES_RANGE,
    "max_value": MINUTES_RANGE,
}


def _datetime_widget() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


def now_local() -> Any:
    return timezone.localtime().replace(second=0, microsecond=0)


def code_choices(name: str, *, blank: Any = None) -> list[tuple[Any, Any]]:
    """(code, label) pairs of an active reference list, optionally after an empty choice."""
    choices: list[tuple[Any, Any]] = [
        (item.code, item.label) for item in code_list(name=name).filter(is_active=True)
    ]
    return [("", blank), *choices] if blank is not None else choices


def set_choices(form: forms.Form, name: str, choices: list[tuple[Any, Any]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def minutes_field(initial: int | None = None) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Minuten"),
        min_value=1,
        max_value=MAX_MINUTES,
        initial=initial,
        error_messages=MINUTES_ERRORS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


# --- Rendering widgets without a template per option --------------------------------
#
# Django renders every widget, and every <option> of a select, through its own
# small template: on the case pages that was most of the time spent. The
# renderer below writes the same HTML as Django's templates in
# django/forms/templates/django/forms/widgets/ for the common widgets (inputs,
# textareas, selects, radio buttons and checkboxes) and leaves everything else to
# the default renderer. wegwijs/cases/tests/test_widget_rendering.py compares the two.

_WIDGETS = "django/forms/widgets/"


class _Fallback(Exception):
    """A value the fast path does not render exactly like the template would."""


def _text(value: Any) -> str:
    """``{{ value }}`` for the strings a widget holds (others go to the template)."""
    if isinstance(value, str):
        return conditional_escape(value)
    if isinstance(value, Promise):
        return conditional_escape(str(value))
    raise _Fallback


def _formatted(value: Any) -> str:
    """``{{ value|stringformat:'s' }}``."""
    try:
        text = "%s" % value  # noqa: UP031 - the filter's own formatting
    except (ValueError, TypeError):
        return ""
    return text if isinstance(value, SafeData) else conditional_escape(text)


def _attrs(attrs: dict[str, Any]) -> str:
    """``{% include "django/forms/widgets/attrs.html" %}``."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {_text(name)}")
        else:
            parts.append(f' {_text(name)}="{_formatted(value)}"')
    return "".join(parts)


# Each function returns what its template renders, including the newline at the
# end of the template file: it matters where one template includes another.


def _input(widget: dict[str, Any]) -> str:
    value = widget["value"]
    shown = f' value="{_formatted(value)}"' if value != None else ""  # noqa: E711 - as the template
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>\n"
    )


def _input_option(widget: dict[str, Any]) -> str:
    if not widget.get("wrap_label"):
        return f"{_input(widget)}\n"
    element_id = widget["attrs"].get("id")
    opening = f'<label for="{_text(element_id)}">' if element_id else "<label>"
    return f"{opening}{_input(widget)} {_text(widget['label'])}</label>\n"


def _select_option(widget: dict[str, Any]) -> str:
    return (
        f'<option value="{_formatted(widget["value"])}"{_attrs(widget["attrs"])}>'
        f"{_text(widget['label'])}</option>\n"
    )


def _include(widget: dict[str, Any]) -> str:
    """``{% include widget.template_name %}`` for the templates below."""
    template = _TEMPLATES.get(widget["template_name"])
    if template is None:
        raise _Fallback
    return template(widget)


def _select(widget: dict[str, Any]) -> str:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        parts.extend(f"\n  {_include(option)}" for option in group_choices)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _multiple_input(widget: dict[str, Any]) -> str:
    element_id = widget["attrs"].get("id")
    css_class = widget["attrs"].get("class")
    parts = ["<div"]
    if element_id:
        parts.append(f' id="{_text(element_id)}"')
    if css_class:
        parts.append(f' class="{_text(css_class)}"')
    parts.append(">")
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{_text(group)}</label>")
        parts.extend(f"<div>\n    {_include(option)}</div>" for option in options)
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>\n")
    return "".join(parts)


def _textarea(widget: dict[str, Any]) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{_text(value) if value else ''}</textarea>\n"
    )


def _then_newline(template: Callable[[dict[str, Any]], str]) -> Callable[[dict[str, Any]], str]:
    """A template that is only ``{% include "<template>" %}`` and a newline."""
    return lambda widget: f"{template(widget)}\n"


_TEMPLATES: dict[str, Callable[[dict[str, Any]], str]] = {
    f"{_WIDGETS}input.html": _input,
    **{
        f"{_WIDGETS}{name}.html": _then_newline(_input)
        for name in (
            "text",
            "number",
            "email",
            "url",
            "password",
            "hidden",
            "date",
            "datetime",
            "time",
            "search",
            "tel",
            "color",
            "checkbox",
        )
    },
    f"{_WIDGETS}input_option.html": _input_option,
    f"{_WIDGETS}radio_option.html": _then_newline(_input_option),
    f"{_WIDGETS}checkbox_option.html": _then_newline(_input_option),
    f"{_WIDGETS}select_option.html": _select_option,
    f"{_WIDGETS}select.html": _select,
    f"{_WIDGETS}textarea.html": _textarea,
    f"{_WIDGETS}multiple_input.html": _multiple_input,
    f"{_WIDGETS}radio.html": _then_newline(_multiple_input),
    f"{_WIDGETS}checkbox_select.html": _then_newline(_multiple_input),
}


class FastWidgetRenderer(BaseRenderer):
    """The default form renderer, with Django's common widget templates written in Python."""

    @property
    def _default(self) -> BaseRenderer:
        renderer: BaseRenderer = get_default_renderer()
        return renderer

    def get_template(self, template_name: str) -> Any:
        return self._default.get_template(template_name)

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        template = _TEMPLATES.get(template_name)
        if template is not None and context.keys() == {"widget"}:
            try:
                # Every value is escaped on the way in, as the template does.
                return mark_safe(template(context["widget"]).strip())  # noqa: S308
            except (_Fallback, KeyError):
                pass
        return self._default.render(template_name, context, request=request)


FAST_WIDGET_RENDERER = FastWidgetRenderer()


class Form(forms.Form):
    """A form of this interface: its widgets are rendered by ``FAST_WIDGET_RENDERER``."""

    default_renderer = FAST_WIDGET_RENDERER


class ServiceForm(Form):
    """A form that can show an error a service raised next to the field it is about."""

    def add_service_error(self, field: str | None, message: Any) -> None:
        self.add_error(field if field in self.fields else None, str(message))


class QuickRegistrationForm(ServiceForm):
    topic = forms.ChoiceField(
        label=_("Onderwerp"), error_messages={"required": _("Kies een onderwerp.")}
    )
    channel = forms.ChoiceField(label=_("Kanaal"))
    minutes = minutes_field(initial=5)
    note = forms.CharField(
        label=_("Korte notitie (mag leeg blijven)"),
        required=False,
        max_length=500,
        help_text=_("Geen gezondheidsgegevens of namen: alleen wat nodig is."),
    )
    client_reference = forms.CharField(
        label=_("Kenmerk van de cliënt (mag leeg blijven)"),
        required=False,
        max_length=12,
        help_text=_("Leeg: Wegwijs registreert het contact voor een anonieme cliënt."),
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, channel_code: str = "telefoon", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "topic", code_choices("topics", blank=_("Kies een onderwerp")))
        self.fields["topic"].widget.attrs["autofocus"] = True
        set_choices(self, "channel", code_choices("channels"))
        self.fields["channel"].initial = channel_code
        self.fields["submission_key"].initial = uuid.uuid4()


class ClientSearchForm(Form):
    q = forms.CharField(label=_("Naam of kenmerk"), required=False, max_length=100)
    geboortedatum = forms.DateField(label=_("Geboortedatum"), required=False, widget=DATE_WIDGET)


class ClientForm(ServiceForm):
    is_anonymous = forms.BooleanField(
        label=_("Anoniem: geen naam, adres of contactgegevens vastleggen"), required=False
    )
    given_name = forms.CharField(label=_("Voornaam"), required=False, max_length=100)
    family_name = forms.CharField(label=_("Achternaam"), required=False, max_length=150)
    date_of_birth = forms.DateField(label=_("Geboortedatum"), required=False, widget=DATE_WIDGET)
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=7)
    house_number = forms.CharField(label=_("Huisnummer"), required=False, max_length=10)
    phone = forms.CharField(label=_("Telefoon"), required=False, max_length=30)
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    preferred_language = forms.CharField(label=_("Voorkeurstaal"), required=False, max_length=40)
    preferred_channel = forms.ChoiceField(label=_("Voorkeurskanaal"), required=False)
    area = forms.ChoiceField(label=_("Wijk of stadsdeel"), required=False)
    target_groups = forms.MultipleChoiceField(
        label=_("Doelgroepen"), required=False, widget=CHECKBOXES
    )
    representative_name = forms.CharField(
        label=_("Naam mantelzorger of vertegenwoordiger"), required=False, max_length=150
    )
    representative_kind = forms.ChoiceField(
        label=_("Soort vertegenwoordiger"),
        required=False,
        choices=[("", _("Geen of onbekend")), *RepresentativeKind.choices],
    )
    representative_phone = forms.CharField(
        label=_("Telefoon mantelzorger of vertegenwoordiger"), required=False, max_length=30
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "preferred_channel", code_choices("channels", blank=_("Geen voorkeur")))
        set_choices(self, "target_groups", code_choices("target-groups"))
        areas: list[tuple[Any, Any]] = [("", _("Onbekend"))]
        for municipality in organisation.municipalities.all():
            areas += [
                (area.code, f"{area.name} ({area.parent.name})" if area.parent else area.name)
                for area in area_list(municipality_slug=municipality.slug)
            ]
        set_choices(self, "area", areas)

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        return {
            "preferred_channel_code": data.pop("preferred_channel") or None,
            "area_code": data.pop("area") or None,
            "target_group_codes": data.pop("target_groups"),
            **data,
        }


class ClientCreateForm(ClientForm):
    confirm_duplicate = forms.BooleanField(required=False, widget=forms.HiddenInput)


def client_initial(client: Any) -> dict[str, Any]:
    initial = {
        name: getattr(client, name) for name in ClientForm.base_fields if hasattr(client, name)
    }
    initial["preferred_channel"] = client.preferred_channel.code if client.preferred_channel else ""
    initial["area"] = client.area.code if client.area else ""
    initial["target_groups"] = [group.code for group in client.target_groups.all()]
    return initial


class ConsentForm(ServiceForm):
    subject = forms.ChoiceField(label=_("Toestemming voor"), choices=ConsentSubject.choices)
    purpose = forms.CharField(label=_("Doel (mag leeg blijven)"), required=False, max_length=300)
    given_on = forms.DateField(label=_("Gegeven op"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_on"].initial = timezone.localdate()


class ConsentWithdrawForm(ServiceForm):
    withdrawn_on = forms.DateField(label=_("Ingetrokken op"), widget=DATE_WIDGET)


class ClientDestroyForm(ServiceForm):
    """Confirm destroying a client's file; the service checks the date and the reason."""

    requested_on = forms.DateField(
        label=_("Datum van het verzoek"),
        widget=DATE_WIDGET,
        error_messages={"required": _("Vul de datum in.")},
    )
    # Not required here: the service gives the message for an empty reason.
    reason = forms.CharField(
        label=_("Reden"),
        required=False,
        max_length=MAX_REASON_LENGTH,
        help_text=_("Noem geen persoonsgegevens: de reden komt in het auditlog."),
    )
    understood = forms.BooleanField(
        label=_("Ik begrijp dat dit niet ongedaan kan worden"),
        error_messages={"required": _("Bevestig dat u begrijpt dat dit niet ongedaan kan worden.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["requested_on"].initial = timezone.localdate()


class CaseOpenForm(ServiceForm):
    topic = forms.ChoiceField(
        label=_("Onderwerp"), error_messages={"required": _("Kies een onderwerp.")}
    )
    question = forms.CharField(
        label=_("Vraag in de woorden van de cliënt"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    opened_on = forms.DateField(label=_("Geopend op"), widget=DATE_WIDGET)
    heard_via = forms.ChoiceField(
        label=_("Hoe kent de cliënt cliëntondersteuning?"),
        choices=HeardVia.choices,
        initial=HeardVia.UNKNOWN,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "topic", code_choices("topics", blank=_("Kies een onderwerp")))
        self.fields["opened_on"].initial = timezone.localdate()


class VersionForm(ServiceForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CaseUpdateForm(VersionForm):
    topic = forms.ChoiceField(
        label=_("Onderwerp"), error_messages={"required": _("Kies een onderwerp.")}
    )
    question = forms.CharField(
        label=_("Vraag in de woorden van de cliënt"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    heard_via = forms.ChoiceField(
        label=_("Hoe kent de cliënt cliëntondersteuning?"), choices=HeardVia.choices
    )
    supporters = forms.TypedMultipleChoiceField(
        label=_("Ondersteuners"), coerce=int, widget=CHECKBOXES
    )

    def __init__(self, *args: Any, supporters: Iterable[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "topic", code_choices("topics"))
        set_choices(
            self, "supporters", [(user.pk, user.full_name or user.email) for user in supporters]
        )


class CaseCloseForm(VersionForm):
    outcome = forms.ChoiceField(
        label=_("Resultaat"), error_messages={"required": _("Kies het resultaat.")}
    )
    closed_on = forms.DateField(label=_("Gesloten op"), widget=DATE_WIDGET)
    satisfaction = forms.IntegerField(
        label=_("Tevredenheid van de cliënt (cijfer 1 tot en met 10, mag leeg blijven)"),
        required=False,
        min_value=1,
        max_value=10,
        error_messages={
            "min_value": _("Geef een cijfer van 1 tot en met 10."),
            "max_value": _("Geef een cijfer van 1 tot en met 10."),
            "invalid": _("Geef een cijfer van 1 tot en met 10."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    experienced_independent = forms.ChoiceField(
        label=_("Heeft de cliënt u ervaren als onafhankelijk?"),
        choices=Answer.choices,
        initial=Answer.UNKNOWN,
        widget=RADIOS,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "outcome", code_choices("outcomes", blank=_("Kies het resultaat")))
        self.fields["closed_on"].initial = timezone.localdate()


class ContactMomentForm(ServiceForm):
    occurred_at = forms.DateTimeField(
        label=_("Datum en tijd"), widget=_datetime_widget(), input_formats=[DATETIME_FORMAT]
    )
    channel = forms.ChoiceField(label=_("Kanaal"))
    activity = forms.ChoiceField(label=_("Activiteit"))
    minutes = minutes_field(initial=15)
    with_whom = forms.ChoiceField(
        label=_("Met wie"), choices=WithWhom.choices, initial=WithWhom.CLIENT
    )
    with_organisation = forms.ChoiceField(
        label=_("Met welke organisatie (als het contact met een organisatie was)"),
        required=False,
    )
    note = forms.CharField(
        label=_("Korte notitie (mag leeg blijven)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, channel_code: str = "telefoon", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["occurred_at"].initial = now_local
        set_choices(self, "channel", code_choices("channels"))
        self.fields["channel"].initial = channel_code
        set_choices(self, "activity", code_choices("activities"))
        set_choices(
            self,
            "with_organisation",
            [
                ("", _("Geen")),
                # Only the names: not the member counts and municipalities the list also has.
                *organisation_list().prefetch_related(None).values_list("slug", "name"),
            ],
        )

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "occurred_at": data["occurred_at"],
            "channel_code": data["channel"],
            "activity_code": data["activity"],
            "minutes": data["minutes"],
            "with_whom": data["with_whom"],
            "with_organisation_slug": data["with_organisation"] or None,
            "note": data["note"],
        }


class ContactMomentRegisterForm(ContactMomentForm):
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["submission_key"].initial = uuid.uuid4()


class ContactMomentUpdateForm(ContactMomentForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def contact_moment_initial(moment: Any) -> dict[str, Any]:
    return {
        "occurred_at": timezone.localtime(moment.occurred_at),
        "channel": moment.channel.code,
        "activity": moment.activity.code,
        "minutes": moment.minutes,
        "with_whom": moment.with_whom,
        "with_organisation": moment.with_organisation.slug if moment.with_organisation else "",
        "note": moment.note,
        "version": moment.version,
    }


class AppointmentForm(ServiceForm):
    starts_at = forms.DateTimeField(
        label=_("Datum en tijd"), widget=_datetime_widget(), input_formats=[DATETIME_FORMAT]
    )
    channel = forms.ChoiceField(label=_("Kanaal of soort afspraak"))
    place = forms.CharField(label=_("Plaats (mag leeg blijven)"), required=False, max_length=200)
    description = forms.CharField(
        label=_("Omschrijving (mag leeg blijven)"), required=False, max_length=300
    )

    def __init__(self, *args: Any, channel_code: str = "huisbezoek", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "channel", code_choices("channels"))
        self.fields["channel"].initial = channel_code


class AppointmentCompleteForm(ServiceForm):
    minutes = minutes_field(initial=60)


# The keys of selectors.CASE_SORTS, with their labels.
SORT_CHOICES = [
    ("activiteit", _("Laatste activiteit")),
    ("geopend", _("Datum geopend (nieuwste eerst)")),
    ("onderwerp", _("Onderwerp")),
    ("client", _("Achternaam cliënt")),
]


class CaseFilterForm(Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle")), *CaseStatus.choices]
    )
    onderwerp = forms.ChoiceField(label=_("Onderwerp"), required=False)
    ondersteuner = forms.TypedChoiceField(
        label=_("Ondersteuner"), required=False, coerce=int, empty_value=None
    )
    doelgroep = forms.ChoiceField(label=_("Doelgroep"), required=False)
    geopend_vanaf = forms.DateField(label=_("Geopend vanaf"), required=False, widget=DATE_WIDGET)
    geopend_tot = forms.DateField(label=_("Geopend tot en met"), required=False, widget=DATE_WIDGET)
    sorteer = forms.ChoiceField(
        label=_("Sorteren op"),
        required=False,
        choices=SORT_CHOICES,
    )

    def __init__(self, *args: Any, supporters: Iterable[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "onderwerp", code_choices("topics", blank=_("Alle")))
        set_choices(self, "doelgroep", code_choices("target-groups", blank=_("Alle")))
        set_choices(
            self,
            "ondersteuner",
            [
                ("", _("Iedereen")),
                *[(user.pk, user.full_name or user.email) for user in supporters],
            ],
        )


class DestructionRequestForm(ServiceForm):
    """Register a client's written request to destroy their file."""

    client_reference = forms.CharField(
        label=_("Kenmerk van de cliënt"),
        max_length=12,
        error_messages={"required": _("Vul het kenmerk van de cliënt in.")},
    )
    received_on = forms.DateField(
        label=_("Ontvangen op"),
        widget=DATE_WIDGET,
        help_text=_("De datum waarop het schriftelijke verzoek binnenkwam."),
        error_messages={"required": _("Vul de datum in.")},
    )
