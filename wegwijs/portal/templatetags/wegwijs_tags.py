"""Template helpers of the interface shell: form controls, contact links, the QR code, case rows."""

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django import forms, template
from django.template.base import render_value_in_context
from django.urls import reverse
from django.utils.dates import MONTHS_3
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]  # not in the stubs

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


# What an empty cell shows (an en dash).
NO_VALUE = "\N{EN DASH}"


@register.simple_tag(takes_context=True)
def case_rows(context: template.Context, cases: Iterable[Any]) -> SafeString:
    """The rows of cases/_case_table.html, written in Python: one template pass per row was slow.

    The HTML is what the loop in the template wrote, whitespace included.
    """

    def out(value: Any) -> str:
        return render_value_in_context(value, context)

    # "j M Y" as Django's date filter writes it, with the month names looked up
    # once per table instead of once per cell.
    months = ["", *(str(MONTHS_3[number]).title() for number in range(1, 13))]

    def day(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, datetime):
            value = template_localtime(value, context.use_tz)
        return conditional_escape(f"{value.day} {months[value.month]} {value.year}")

    # One reverse() for the table; the marker stands for each case's number.
    marker = "2147483647"
    detail_url = reverse("cases:case-detail", args=[int(marker)])

    rows = []
    for case in cases:
        outcome = f" ({out(case.outcome.label)})" if case.outcome else ""
        supporters = ", ".join(
            out(supporter.full_name or supporter.email) for supporter in case.supporters.all()
        )
        rows.append(
            "\n        "
            '<tr class="utrecht-table__row">\n          '
            '<th class="utrecht-table__header-cell wegwijs-row-header" scope="row">'
            '<a class="utrecht-link utrecht-link--html-a" '
            f'href="{out(detail_url.replace(marker, str(case.pk)))}">'
            f"{out(case.client.display_name)}: {out(case.topic.label)}</a></th>\n          "
            f'<td class="utrecht-table__cell">{out(case.get_status_display())}{outcome}</td>\n'
            f'          <td class="utrecht-table__cell">{day(case.opened_on)}</td>\n'
            f'          <td class="utrecht-table__cell">{day(case.last_activity_at)}</td>\n'
            f'          <td class="utrecht-table__cell">{supporters or NO_VALUE}</td>\n'
            "        </tr>\n      "
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value is escaped by out()
