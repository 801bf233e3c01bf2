"""The feestdagen of the Algemene termijnenwet (Atw, BWBR0002448), art. 3.

Pure Python, no Django: the deadline rules use it as well. Extra days set by
Royal Decree (art. 3 lid 3, bridge days) follow no formula and are data,
kept in the ``Holiday`` table and extended by the administrator.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.easter import easter


@dataclass(frozen=True, slots=True)
class Feestdag:
    date: date
    code: str
    name_nl: str
    name_en: str


def koningsdag(year: int) -> date:
    """27 April, or 26 April when the 27th is a Sunday (Atw art. 3 lid 1)."""
    day = date(year, 4, 27)
    return day - timedelta(days=1) if day.weekday() == 6 else day


def statutory_feestdagen(year: int) -> list[Feestdag]:
    """The algemeen erkende feestdagen of Atw art. 3 lid 1 and 2 in ``year``."""
    easter_sunday = easter(year)
    days = [
        Feestdag(date(year, 1, 1), "nieuwjaarsdag", "Nieuwjaarsdag", "New Year's Day"),
        Feestdag(
            easter_sunday - timedelta(days=2), "goede-vrijdag", "Goede Vrijdag", "Good Friday"
        ),
        Feestdag(
            easter_sunday + timedelta(days=1), "tweede-paasdag", "Tweede Paasdag", "Easter Monday"
        ),
        Feestdag(koningsdag(year), "koningsdag", "Koningsdag", "King's Day"),
        # Atw art. 3 lid 2 names 5 May every year, not only every fifth year.
        Feestdag(date(year, 5, 5), "bevrijdingsdag", "Bevrijdingsdag", "Liberation Day"),
        Feestdag(
            easter_sunday + timedelta(days=39), "hemelvaartsdag", "Hemelvaartsdag", "Ascension Day"
        ),
        Feestdag(
            easter_sunday + timedelta(days=50),
            "tweede-pinksterdag",
            "Tweede Pinksterdag",
            "Whit Monday",
        ),
        Feestdag(date(year, 12, 25), "eerste-kerstdag", "Eerste Kerstdag", "Christmas Day"),
        Feestdag(date(year, 12, 26), "tweede-kerstdag", "Tweede Kerstdag", "Boxing Day"),
    ]
    return sorted(days, key=lambda day: day.date)
