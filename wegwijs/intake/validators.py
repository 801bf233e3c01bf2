"""Checks of the contact details a resident gives; pure functions, messages in plain Dutch."""

import re

from django.utils.translation import gettext as _

from wegwijs.core.errors import ValidationFailed

_PHONE_SEPARATORS = re.compile(r"[\s\-.()/]")
_POSTCODE = re.compile(r"^[1-9][0-9]{3}\s?[A-Za-z]{2}$")


def phone_clean(value: str, *, field: str = "phone") -> str:
    """A Dutch or international phone number, spaces and dashes as the resident typed them.

    Dutch numbers have ten digits and start with 0 (06-12345678, 023 531 89 73);
    international ones start with + or 00 and have 8 to 15 digits (E.164).
    """
    value = value.strip()
    digits = _PHONE_SEPARATORS.sub("", value)
    if digits.startswith("+"):
        national = digits[1:]
    elif digits.startswith("00"):
        national = digits[2:]
    else:
        national = None
    if national is not None:
        valid = national.isdigit() and 8 <= len(national) <= 15 and not national.startswith("0")
        if valid and national.startswith("31"):
            # A Dutch number written internationally: +31 and nine digits.
            valid = len(national) == 11 and national[2] != "0"
    else:
        valid = digits.isdigit() and len(digits) == 10 and digits[0] == "0" and digits[1] != "0"
    if not valid:
        raise ValidationFailed(
            _(
                "Dit telefoonnummer klopt niet. Schrijf het zo: 06 12345678, 023 123 45 67 "
                "of met landcode, bijvoorbeeld +32 470 12 34 56."
            ),
            field=field,
        )
    return value


def postcode_clean(value: str, *, field: str = "postcode") -> str:
    """A Dutch postcode, written as 1234AB."""
    value = value.strip()
    if not _POSTCODE.match(value):
        raise ValidationFailed(
            _("Deze postcode klopt niet. Schrijf 4 cijfers en 2 letters, bijvoorbeeld 2011 AB."),
            field=field,
        )
    return value.replace(" ", "").upper()
