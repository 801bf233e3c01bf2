"""A calendar for rule tests, built from the pure reference data (no database)."""

from datetime import date

from wegwijs.deadlines.rules import Calendar
from wegwijs.reference.atw import statutory_feestdagen
from wegwijs.reference.data import ROYAL_DECREE_DAYS

FIRST_YEAR, LAST_YEAR = 2019, 2042


def nl_calendar(first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR) -> Calendar:
    days = [
        (day.date, day.name_nl, False, day.name_en)
        for year in range(first_year, last_year + 1)
        for day in statutory_feestdagen(year)
    ]
    days += [(day, name, True, name_en) for day, name, name_en in ROYAL_DECREE_DAYS]
    return Calendar.from_days(days, first=date(first_year, 1, 1), last=date(last_year, 12, 31))
