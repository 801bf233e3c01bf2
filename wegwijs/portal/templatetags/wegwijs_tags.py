"""Template helpers of the interface shell: form controls, contact links, the QR code."""

import re
from typing import Any

from django import forms, template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# NL Design System (Utrecht) classes per kind of form control.
_CONTROL_CLASSES = {
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "select": "utrecht-select utrecht-select--html-select",
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom",
    "radio": "utrecht-radio-button utrecht-radio-button--html-input",
}
_TEXTBOX_CLASSES = "utrecht-textbox utrecht-textbox--html-input"
_INVALID_CLASSES = {
    "textarea": "utrecht-textarea--invalid",
    "select": "utrecht-select--invalid",
    "checkbox": "utrecht-checkbox--invalid",
    "radio": "utrecht-radio-button--invalid",
}


def control_kind(widget: forms.Widget) -> str:
    """Name the kind of control a widget renders: textbox, textarea, select, checkbox or radio."""
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "radio"
    if isinstance(widget, forms.Select):
        return "select"
    return "textbox"


@register.filter
def field_kind(field: forms.BoundField) -> str:
    return control_kind(field.field.widget)


@register.simple_tag
def form_control(field: forms.BoundField, *, has_help: Any = False, **extra: Any) -> SafeString:
    """Render the widget of ``field`` with NL Design System classes.

    Django adds ``aria-describedby`` (help text ``<id>_helptext``, errors
    ``<id>_error``) and ``aria-invalid``; ``has_help`` says the template shows
    a description of its own, so it is linked too. The label is always
    visible, so the placeholder that allauth sets as a stand-in label is left
    out. Extra attributes with an empty value are ignored.
    """
    kind = field_kind(field)
    classes = [_CONTROL_CLASSES.get(kind, _TEXTBOX_CLASSES)]
    if field.errors:
        classes.append(_INVALID_CLASSES.get(kind, "utrecht-textbox--invalid"))
    attrs: dict[str, Any] = {"class": " ".join(classes), "placeholder": False}
    if has_help and not field.help_text and field.auto_id:
        described = [f"{field.auto_id}_helptext"]
        if field.errors:
            described.append(f"{field.auto_id}_error")
        attrs["aria-describedby"] = " ".join(described)
    attrs.update({key.replace("_", "-"): value for key, value in extra.items() if value})
    return field.as_widget(attrs=attrs)


@register.filter
def tel_href(number: str) -> str:
    """Turn a phone number as written ("023 - 123 45 67") into a tel: URI."""
    number = (number or "").strip()
    digits = re.sub(r"\D", "", number)
    if number.startswith("+"):
        return f"tel:+{digits}"
    return f"tel:{digits}"


@register.filter
def whatsapp_href(number: str) -> str:
    """Turn a phone number into a https://wa.me/ link: international format, digits only.

    A Dutch number written nationally (06 12345678) gets country code 31.
    """
    number = (number or "").strip()
    digits = re.sub(r"\D", "", number)
    if number.startswith("+"):
        pass
    elif digits.startswith("00"):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = "31" + digits[1:]
    return f"https://wa.me/{digits}"


@register.filter
def inline_svg(svg: str, label: str) -> SafeString:
    """Inline an SVG image generated on the server (the TOTP QR code) with a text alternative.

    Inline rather than a data: URI, so a Content-Security-Policy needs no
    ``img-src data:``. Only for SVG the server made itself, never user input.
    """
    svg = re.sub(r"^\s*<\?xml[^>]*\?>\s*", "", svg or "")
    opening = format_html('<svg role="img" aria-label="{}" class="wegwijs-qr-code" ', label)
    return mark_safe(svg.replace("<svg ", opening, 1))  # noqa: S308
