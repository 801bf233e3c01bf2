"""Languages in which help can be given or asked for.

Codes are ISO 639 (639-1 where it exists, else 639-3), the codes Open Referral
HSDS 3.0 uses in its ``language`` table. The list covers the languages most
spoken in Dutch cities; the order is the order of the choice lists.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LANGUAGES: list[tuple[str, str | Promise]] = [
    ("nl", _("Nederlands")),
    ("en", _("Engels")),
    ("dse", _("Nederlandse Gebarentaal")),
    ("tr", _("Turks")),
    ("ar", _("Arabisch")),
    ("zgh", _("Berbers (Tamazight)")),
    ("pl", _("Pools")),
    ("uk", _("Oekraïens")),
    ("ru", _("Russisch")),
    ("bg", _("Bulgaars")),
    ("ro", _("Roemeens")),
    ("pap", _("Papiaments")),
    ("srn", _("Sranantongo")),
    ("so", _("Somalisch")),
    ("ti", _("Tigrinya")),
    ("fa", _("Perzisch (Farsi, Dari)")),
    ("ps", _("Pasjtoe")),
    ("ku", _("Koerdisch")),
    ("de", _("Duits")),
    ("fr", _("Frans")),
    ("es", _("Spaans")),
    ("pt", _("Portugees")),
    ("zh", _("Chinees")),
    ("hi", _("Hindi")),
]
LANGUAGE_CODES = frozenset(code for code, _label in LANGUAGES)


def language_label(code: str) -> str:
    """The name of a language in the active interface language; the code when unknown."""
    return str(dict(LANGUAGES).get(code, code))
