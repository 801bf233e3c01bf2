"""Reporting periods: a year (2019), a quarter (2019-Q3) or a month (2019-07). Pure Python."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

ACCEPTED_FORMS = ("YYYY", "YYYY-Qn", "YYYY-MM")
YEAR, QUARTER, MONTH = "Y", "Q", "M"
_FORM = re.compile(r"^(?P<year>\d{4})(?:-Q(?P<quarter>[1-4])|-(?P<month>0[1-9]|1[0-2]))?$")


@dataclass(frozen=True, order=True)
class Period:
    kind: str
    start: date

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    @property
    def year(self) -> int:
        return self.start.year

    def next(self) -> Period:
        months = {YEAR: 12, QUARTER: 3, MONTH: 1}[self.kind]
        return Period(self.kind, add_months(self.start, months))

    def previous(self) -> Period:
        months = {YEAR: 12, QUARTER: 3, MONTH: 1}[self.kind]
        return Period(self.kind, add_months(self.start, -months))

    def __str__(self) -> str:
        if self.kind == YEAR:
            return f"{self.start.year}"
        if self.kind == QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}-{self.start.month:02d}"

    def children(self) -> list[Period]:
        """The periods one level finer that add up to this one (none for a month)."""
        if self.kind == YEAR:
            return [Period(QUARTER, add_months(self.start, 3 * i)) for i in range(4)]
        if self.kind == QUARTER:
            return [Period(MONTH, add_months(self.start, i)) for i in range(3)]
        return []


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def parse(text: str) -> Period | None:
    """The period written as ``2019``, ``2019-Q3`` or ``2019-07``; ``None`` for anything else."""
    match = _FORM.match((text or "").strip())
    if not match:
        return None
    year = int(match["year"])
    if year < 1900:
        return None
    if match["quarter"]:
        return Period(QUARTER, date(year, 3 * int(match["quarter"]) - 2, 1))
    if match["month"]:
        return Period(MONTH, date(year, int(match["month"]), 1))
    return Period(YEAR, date(year, 1, 1))


def containing(day: date) -> list[Period]:
    """The month, quarter and year that contain ``day``."""
    return [
        Period(MONTH, day.replace(day=1)),
        Period(QUARTER, date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)),
        Period(YEAR, date(day.year, 1, 1)),
    ]


def year_periods(year: int) -> list[Period]:
    """The year, its quarters and its months: everything one publication covers."""
    top = Period(YEAR, date(year, 1, 1))
    quarters = top.children()
    return [top, *quarters, *[month for quarter in quarters for month in quarter.children()]]


def months_between(first: date, last: date) -> list[date]:
    """First days of the months from ``first`` through ``last``."""
    months = []
    current = first.replace(day=1)
    while current <= last:
        months.append(current)
        current = add_months(current, 1)
    return months
