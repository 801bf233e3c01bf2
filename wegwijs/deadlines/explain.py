"""The rules' results in words of the active language.

``rules`` is pure Python and speaks Dutch (the legal record); this module
words a term's legal basis and every day its end moved in the language of the
page or of the API request. The Dutch source strings equal the rules'
constants (a test keeps them so), so a Dutch page shows exactly what is
stored.
"""

from datetime import date
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from wegwijs.deadlines.rules import Cause, Kind, Move, Regime, Term

RULE_BASIS: dict[Kind, Promise] = {
    Kind.BEZWAAR: gettext_lazy(
        "Awb (BWBR0005537) art. 6:7 en 6:8: zes weken vanaf de dag na bekendmaking"
    ),
    Kind.BEROEP: gettext_lazy(
        "Awb (BWBR0005537) art. 6:7 en 6:8: zes weken vanaf de dag na bekendmaking"
    ),
    Kind.BESLISTERMIJN_BEZWAAR: gettext_lazy(
        "Awb (BWBR0005537) art. 7:10: zes weken, twaalf weken met een adviescommissie, "
        "vanaf de dag na het einde van de bezwaartermijn; eenmaal te verdagen met ten "
        "hoogste zes weken"
    ),
    Kind.KLACHT: gettext_lazy(
        "Awb (BWBR0005537) art. 9:11: zes weken na ontvangst, tien weken met een "
        "klachtencommissie; te verdagen met ten hoogste vier weken"
    ),
    Kind.WMO_ONDERZOEK: gettext_lazy(
        "Wmo 2015 (BWBR0035362) art. 2.3.2 lid 1: onderzoek binnen zes weken na de melding"
    ),
    Kind.WMO_PERSOONLIJK_PLAN: gettext_lazy(
        "Wmo 2015 (BWBR0035362) art. 2.3.2 lid 2: persoonlijk plan binnen zeven dagen na de melding"
    ),
    Kind.WMO_BESCHIKKING: gettext_lazy(
        "Wmo 2015 (BWBR0035362) art. 2.3.5 lid 2: beschikking binnen twee weken na "
        "ontvangst van de aanvraag"
    ),
    Kind.AVG_INZAGE: gettext_lazy(
        "AVG (Verordening (EU) 2016/679) art. 12 lid 3: binnen een maand na ontvangst, "
        "te verlengen met twee maanden"
    ),
}

REGIME_BASIS: dict[Regime, Promise] = {
    Regime.ATW: gettext_lazy("Algemene termijnenwet (BWBR0002448) art. 1 en 2"),
    Regime.NONE: gettext_lazy(
        "Algemene termijnenwet niet van toepassing: de termijn is langer dan 12 weken"
    ),
    Regime.EU: gettext_lazy("Verordening (EEG, Euratom) nr. 1182/71 art. 3"),
}


def basis(kind: str, regime: str) -> str:
    """The legal basis of a term of ``kind`` under ``regime``."""
    return f"{RULE_BASIS[Kind(kind)]}; {REGIME_BASIS[Regime(regime)]}"


def term_basis(term: Term) -> str:
    return basis(term.kind, term.regime)


def _holiday_name(holiday: str, holiday_en: str) -> str:
    english = (get_language() or "nl").startswith("en")
    return holiday_en if english and holiday_en else holiday


def move_reason(cause: str, *, holiday: str = "", holiday_en: str = "") -> str:
    """Why the end moved past a day, in the active language."""
    name = _holiday_name(holiday, holiday_en)
    match Cause(cause):
        case Cause.SATURDAY:
            return _("zaterdag")
        case Cause.SUNDAY:
            return _("zondag")
        case Cause.FEESTDAG:
            return _("%(name)s (feestdag, Atw art. 3)") % {"name": name}
        case Cause.ROYAL_DECREE:
            return _("%(name)s (gelijkgesteld aan feestdag, Atw art. 3 lid 3)") % {"name": name}
        case Cause.EU_HOLIDAY:
            return _("%(name)s (feestdag, Verordening 1182/71 art. 3 lid 4)") % {"name": name}
        case Cause.ATW_ART2:
            return _("Atw art. 2: minstens twee werkdagen")
        case Cause.EU_ART3_5:
            return _("Verordening 1182/71 art. 3 lid 5: minstens twee werkdagen")
    raise AssertionError(cause)  # pragma: no cover


def move_of(move: Move) -> dict[str, Any]:
    """A computed move as ``{"date", "reason"}`` in the active language."""
    return {
        "date": move.date,
        "reason": move_reason(move.cause, holiday=move.holiday, holiday_en=move.holiday_en),
    }


def stored_move(move: dict[str, Any]) -> dict[str, Any]:
    """A move as stored on a Deadline, worded in the active language.

    Deadlines stored before causes were kept have their Dutch reason only.
    """
    reason = (
        move_reason(
            move["cause"], holiday=move.get("holiday", ""), holiday_en=move.get("holiday_en", "")
        )
        if move.get("cause")
        else move["reason"]
    )
    return {"date": date.fromisoformat(move["date"]), "reason": reason}


def stored(move: Move) -> dict[str, str]:
    """How a move is stored on a Deadline: the Dutch reason, and what is needed to reword it."""
    return {
        "date": move.date.isoformat(),
        "reason": move.reason,
        "cause": move.cause.value,
        "holiday": move.holiday,
        "holiday_en": move.holiday_en,
    }
