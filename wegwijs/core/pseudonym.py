"""The keyed pseudonym that counts unique residents across organisations.

DOMAIN.md §5: an HMAC, with a secret held by the installation, of the
normalised date of birth, postcode, house number and first letter of the
surname. It is stored, never shown, never exported and cannot be reversed.
"""

import hashlib
import hmac
import re
import unicodedata
from datetime import date

from django.conf import settings


def _normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[^0-9A-Z]", "", letters.upper())


def _surname_initial(family_name: str) -> str:
    # Dutch surnames sort and compare without their prefix ("de Vries" -> V).
    words = family_name.strip().split()
    prefixes = {
        "van",
        "de",
        "der",
        "den",
        "het",
        "ter",
        "ten",
        "te",
        "in",
        "t",
        "'t",
        "op",
        "la",
        "le",
        "el",
        "al",
    }
    significant = [word for word in words if word.lower() not in prefixes] or words
    return _normalise(significant[0])[:1] if significant else ""


def resident_pseudonym(
    *, date_of_birth: date | None, postcode: str, house_number: str, family_name: str
) -> str:
    """Return the pseudonym, or "" when one of the needed facts is missing."""
    initial = _surname_initial(family_name)
    postcode_norm = _normalise(postcode)
    house = _normalise(house_number)
    if date_of_birth is None or not postcode_norm or not house or not initial:
        return ""
    message = f"{date_of_birth.isoformat()}|{postcode_norm}|{house}|{initial}".encode()
    key = settings.WEGWIJS_PSEUDONYM_KEY.encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()
