"""Forms of the request for help and of triage: they parse, services decide what is valid."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wegwijs.accounts.models import Municipality, Organisation
from wegwijs.core.errors import ValidationFailed
from wegwijs.intake.constants import (
    MAX_NAME_LENGTH,
    MAX_QUESTION_LENGTH,
    MAX_REASON_LENGTH,
    CloseReason,
    ContactChannel,
    ContactTime,
    ForWhom,
)
from wegwijs.intake.selectors import client_support_organisations
from wegwijs.intake.validators import phone_clean, postcode_clean
from wegwijs.reference.languages import LANGUAGES
from wegwijs.reference.models import Area, TargetGroup, Topic

NO_PREFERENCE = "geen-voorkeur"
RADIOS = forms.RadioSelect(attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"})
CHECKBOXES = forms.CheckboxSelectMultiple(
    attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"}
)


TOO_LONG = _("Dit is te lang: gebruik hoogstens %(limit_value)d tekens (nu %(show_value)d).")


def _text_errors(required: Any = None) -> dict[str, Any]:
    errors = {"max_length": TOO_LONG}
    if required:
        errors["required"] = required
    return errors


def _textarea(rows: int = 6) -> forms.Textarea:
    return forms.Textarea(
        attrs={"rows": rows, "class": "utrecht-textarea utrecht-textarea--html-textarea"}
    )


def _input(**attrs: Any) -> forms.TextInput:
    return forms.TextInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input", **attrs})


class RequestForm(forms.Form):
    """The resident's request for help. Contact details the chosen channel needs are required."""

    question = forms.CharField(
        label=_("Wat is uw vraag?"),
        help_text=_(
            "Schrijf het in uw eigen woorden. Een paar zinnen is genoeg. "
            "Bijvoorbeeld: 'Ik krijg een brief over schulden en ik snap hem niet.'"
        ),
        max_length=MAX_QUESTION_LENGTH,
        widget=_textarea(),
        error_messages=_text_errors(_("Schrijf uw vraag op. Een paar woorden is genoeg.")),
    )
    topic = forms.ChoiceField(
        label=_("Waar gaat uw vraag over? (niet verplicht)"),
        required=False,
        error_messages={"invalid_choice": _("Kies een onderwerp uit de lijst.")},
    )
    for_whom = forms.ChoiceField(
        label=_("Voor wie vraagt u hulp?"),
        choices=ForWhom.choices,
        widget=RADIOS,
        initial=ForWhom.SELF,
        error_messages={
            "required": _("Kies voor wie u hulp vraagt."),
            "invalid_choice": _("Kies voor wie u hulp vraagt."),
        },
    )
    cared_for_name = forms.CharField(
        label=_("Naam van de persoon voor wie u zorgt (niet verplicht)"),
        help_text=_("Alleen als u hulp vraagt voor iemand anders. Een voornaam is genoeg."),
        required=False,
        max_length=MAX_NAME_LENGTH,
        widget=_input(autocomplete="off"),
        error_messages=_text_errors(),
    )
    municipality = forms.ChoiceField(
        label=_("In welke gemeente woont u?"),
        required=False,
        error_messages={"invalid_choice": _("Kies uw gemeente uit de lijst.")},
    )
    area = forms.ChoiceField(
        label=_("In welke wijk woont u? (niet verplicht)"),
        required=False,
        help_text=_("Dan zoeken wij iemand die uw buurt kent."),
        error_messages={"invalid_choice": _("Kies uw wijk uit de lijst.")},
    )
    target_group = forms.ChoiceField(
        label=_("Past een van deze situaties bij u? (niet verplicht)"),
        required=False,
        error_messages={"invalid_choice": _("Kies een situatie uit de lijst.")},
    )
    preferred_organisation = forms.ChoiceField(
        label=_("Wilt u hulp van een bepaalde organisatie?"),
        widget=RADIOS,
        initial=NO_PREFERENCE,
        error_messages={
            "required": _("Kies een organisatie, of 'geen voorkeur'."),
            "invalid_choice": _("Kies een organisatie uit de lijst, of 'geen voorkeur'."),
        },
    )
    language = forms.ChoiceField(
        label=_("In welke taal wilt u geholpen worden?"),
        choices=LANGUAGES,
        initial="nl",
        help_text=_(
            "Wij zoeken iemand die uw taal spreekt. Lukt dat niet, dan regelen wij een tolk."
        ),
        error_messages={
            "required": _("Kies een taal."),
            "invalid_choice": _("Kies een taal uit de lijst."),
        },
    )
    contact_channel = forms.ChoiceField(
        label=_("Hoe wilt u dat wij contact met u opnemen?"),
        choices=ContactChannel.choices,
        widget=RADIOS,
        error_messages={
            "required": _("Kies hoe wij contact met u opnemen."),
            "invalid_choice": _("Kies hoe wij contact met u opnemen."),
        },
    )
    contact_times = forms.MultipleChoiceField(
        label=_("Wanneer bent u het best bereikbaar? (niet verplicht)"),
        choices=ContactTime.choices,
        widget=CHECKBOXES,
        required=False,
        error_messages={"invalid_choice": _("Kies een tijd uit de lijst.")},
    )
    name = forms.CharField(
        label=_("Uw naam (niet verplicht, wel nodig voor een brief)"),
        required=False,
        max_length=MAX_NAME_LENGTH,
        widget=_input(autocomplete="name"),
        error_messages=_text_errors(),
    )
    phone = forms.CharField(
        label=_("Telefoonnummer (nodig bij bellen en WhatsApp)"),
        help_text=_("Bijvoorbeeld 06 12345678 of +32 470 12 34 56."),
        required=False,
        max_length=30,
        widget=_input(type="tel", autocomplete="tel", inputmode="tel"),
        error_messages=_text_errors(),
    )
    email = forms.CharField(
        label=_("E-mailadres (nodig bij e-mail)"),
        help_text=_("Als u dit invult, krijgt u ook een bevestiging per e-mail."),
        required=False,
        max_length=254,
        widget=_input(type="email", autocomplete="email", inputmode="email"),
        error_messages=_text_errors(),
    )
    street_address = forms.CharField(
        label=_("Straat en huisnummer (nodig bij een brief)"),
        required=False,
        max_length=200,
        widget=_input(autocomplete="street-address"),
        error_messages=_text_errors(),
    )
    postcode = forms.CharField(
        label=_("Postcode (nodig bij een brief)"),
        required=False,
        max_length=10,
        widget=_input(autocomplete="postal-code"),
        error_messages=_text_errors(),
    )
    city = forms.CharField(
        label=_("Woonplaats (nodig bij een brief)"),
        required=False,
        max_length=100,
        widget=_input(autocomplete="address-level2"),
        error_messages=_text_errors(),
    )
    consent = forms.BooleanField(
        label=_("Ik heb gelezen wat er met mijn gegevens gebeurt, en ik ga daarmee akkoord."),
        error_messages={
            "required": _(
                "Geef toestemming om uw gegevens te gebruiken. Anders kunnen wij u niet helpen."
            )
        },
        widget=forms.CheckboxInput(
            attrs={
                "class": "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
            }
        ),
    )
    # The honeypot: hidden from people, filled in by bots that fill in everything.
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = list(client_support_organisations())
        self.fields["topic"].choices = [("", _("Weet ik niet")), *_codes(Topic)]  # type: ignore[attr-defined]
        self.fields["target_group"].choices = [  # type: ignore[attr-defined]
            ("", _("Nee, of dat zeg ik liever niet")),
            *_codes(TargetGroup),
        ]
        self.fields["preferred_organisation"].choices = [  # type: ignore[attr-defined]
            (NO_PREFERENCE, _("Geen voorkeur: zoek voor mij de beste organisatie")),
            *[
                (
                    organisation.slug,
                    _("%(name)s (volledig onafhankelijk)") % {"name": organisation.name}
                    if organisation.is_independent
                    else organisation.name,
                )
                for organisation in self.organisations
            ],
        ]
        municipalities = list(Municipality.objects.order_by("name"))
        self.several_municipalities = len(municipalities) > 1
        self.fields["municipality"].choices = [  # type: ignore[attr-defined]
            ("", _("Kies uw gemeente")),
            *[(municipality.slug, municipality.name) for municipality in municipalities],
        ]
        if not self.several_municipalities:
            del self.fields["municipality"]
        self.fields["area"].choices = _area_choices()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        channel = data.get("contact_channel")
        checks: list[tuple[str, Any]] = [
            ("phone", lambda value: phone_clean(value)),
            ("postcode", lambda value: postcode_clean(value)),
        ]
        for field, check in checks:
            value = data.get(field)
            if value:
                try:
                    data[field] = check(value)
                except ValidationFailed as exc:
                    self.add_error(field, str(exc.message))
        needs_phone = channel in (ContactChannel.PHONE, ContactChannel.WHATSAPP)
        if needs_phone and not data.get("phone") and "phone" not in self.errors:
            self.add_error(
                "phone", _("Vul uw telefoonnummer in, of kies een andere manier van contact.")
            )
        if channel == ContactChannel.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error(
                "email", _("Vul uw e-mailadres in, of kies een andere manier van contact.")
            )
        if channel == ContactChannel.LETTER:
            needed = {
                "name": _("Vul uw naam in: die zetten wij op de envelop."),
                "street_address": _("Vul uw straat en huisnummer in voor de brief."),
                "postcode": _("Vul uw postcode in voor de brief."),
                "city": _("Vul uw woonplaats in voor de brief."),
            }
            for field, message in needed.items():
                if not data.get(field) and field not in self.errors:
                    self.add_error(field, message)
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        preferred = data["preferred_organisation"]
        return {
            "question": data["question"],
            "for_whom": data["for_whom"],
            "contact_channel": data["contact_channel"],
            "consent": data["consent"],
            "language": data["language"],
            "topic_code": data["topic"] or None,
            "target_group_code": data["target_group"] or None,
            "municipality_slug": data.get("municipality") or None,
            "area_id": int(data["area"]) if data["area"] else None,
            "preferred_organisation_slug": None if preferred == NO_PREFERENCE else preferred,
            "name": data["name"],
            "cared_for_name": data["cared_for_name"],
            "contact_times": data["contact_times"],
            "phone": data["phone"],
            "email": data["email"],
            "street_address": data["street_address"],
            "postcode": data["postcode"],
            "city": data["city"],
        }


def _codes(model: Any) -> list[tuple[str, str]]:
    return [(item.code, item.label) for item in model.objects.filter(is_active=True)]


def _area_choices() -> list[Any]:
    """Wijken grouped by stadsdeel, after an empty choice."""
    areas = Area.objects.select_related("municipality", "parent").order_by(
        "municipality__name", "name"
    )
    several = len({area.municipality_id for area in areas}) > 1
    groups: dict[int, tuple[str, list[tuple[str, str]]]] = {}
    for area in areas:
        district = area.parent or area
        label = f"{district.name} ({area.municipality.name})" if several else district.name
        entry = groups.setdefault(district.pk, (label, []))
        name = (
            _("%(name)s (hele stadsdeel)") % {"name": area.name}
            if area.parent is None
            else area.name
        )
        entry[1].append((str(area.pk), str(name)))
    choices: list[Any] = [("", _("Weet ik niet, of zeg ik liever niet"))]
    for label, options in sorted(groups.values()):
        # The stadsdeel itself first, then its wijken.
        options.sort(key=lambda option: (not option[1].endswith(")"), option[1]))
        choices.append((label, options))
    return choices


# --- Triage ---------------------------------------------------------------------------


class AcceptForm(forms.Form):
    topic = forms.ChoiceField(
        label=_("Onderwerp van de kwestie"),
        error_messages={
            "required": _("Kies het onderwerp van de kwestie."),
            "invalid_choice": _("Kies een onderwerp uit de lijst."),
        },
    )
    supporters = forms.MultipleChoiceField(
        label=_("Cliëntondersteuners"),
        help_text=_("Niemand gekozen: u wordt zelf de cliëntondersteuner."),
        required=False,
        widget=CHECKBOXES,
        error_messages={"invalid_choice": _("Kies ondersteuners van uw eigen organisatie.")},
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("Kies een onderwerp")), *_codes(Topic)]  # type: ignore[attr-defined]
        members = organisation.memberships.select_related("user").filter(user__is_active=True)
        self.fields["supporters"].choices = [  # type: ignore[attr-defined]
            (str(member.user.pk), member.user.full_name or member.user.email)
            for member in members.order_by("user__full_name", "user__email")
        ]


class ForwardForm(forms.Form):
    organisation = forms.ChoiceField(
        label=_("Naar welke organisatie?"),
        error_messages={
            "required": _("Kies een organisatie."),
            "invalid_choice": _("Kies een organisatie voor cliëntondersteuning uit de lijst."),
        },
    )
    reason = forms.CharField(
        label=_("Waarom stuurt u de hulpvraag door?"),
        help_text=_("De andere organisatie leest dit. Schrijf geen onnodige persoonsgegevens."),
        max_length=MAX_REASON_LENGTH,
        widget=_textarea(3),
        error_messages=_text_errors(_("Schrijf op waarom u de hulpvraag doorstuurt.")),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [  # type: ignore[attr-defined]
            ("", _("Kies een organisatie")),
            *[
                (other.slug, other.name)
                for other in client_support_organisations().exclude(pk=organisation.pk)
            ],
        ]


class CloseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Waarom sluit u de hulpvraag?"),
        choices=CloseReason.choices,
        widget=RADIOS,
        error_messages={
            "required": _("Kies een reden."),
            "invalid_choice": _("Kies een reden uit de lijst."),
        },
    )
    note = forms.CharField(
        label=_("Toelichting (verplicht bij 'anders')"),
        required=False,
        max_length=MAX_REASON_LENGTH,
        widget=_textarea(3),
        error_messages=_text_errors(),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("reason") == CloseReason.OTHER and not data.get("note", "").strip():
            self.add_error("note", _("Licht toe waarom u de hulpvraag sluit."))
        return data
