"""The legal term rules of DOMAIN.md §4, as pure Python.

No Django here (a test enforces it): the API, the public "Tot wanneer kan ik
bezwaar maken?" page, the tracked deadlines and the reminder run all compute
through ``compute``. The calendar of feestdagen is passed in as data
(``Calendar``), built by the caller from the ``Holiday`` table; weekends are
known here.

Sources, with their identifiers on wetten.overheid.nl and EUR-Lex:

- Algemene wet bestuursrecht (Awb), BWBR0005537: art. 6:7 and 6:8 (bezwaar and
  beroep), 7:10 (decision on a bezwaar), 9:11 (complaints).
- Wet maatschappelijke ondersteuning 2015 (Wmo 2015), BWBR0035362: art. 2.3.2
  (investigation after a melding, personal plan) and 2.3.5 (decision on an
  aanvraag).
- Algemene termijnenwet (Atw), BWBR0002448: art. 1 (an end on a Saturday,
  Sunday or feestdag moves to the next day that is none of these), art. 2 (a
  term of three days or more contains at least two such other days), art. 3
  (the feestdagen; lid 3: days set equal by Royal Decree).
- AVG / GDPR, Regulation (EU) 2016/679 (CELEX 32016R0679), art. 12(3); periods
  counted under Regulation (EEC, Euratom) No 1182/71 (CELEX 31971R1182), art. 3.

The Atw governs terms set by a Dutch law in the formal sense or an AMvB. It
does not govern the AVG term (an EU regulation: Regulation 1182/71 governs
that one) and it does not govern terms longer than 12 weeks, 3 months or 90
days (DOMAIN.md §4).
"""

import calendar as _calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

# The date type under another name: a dataclass field called ``date`` would
# shadow it in the annotations after it.
Day = date
DAY = timedelta(days=1)
SATURDAY, SUNDAY = 5, 6

# The Atw does not apply to terms longer than these (DOMAIN.md §4).
ATW_MAX_DAYS = 12 * 7  # 12 weeks; also below 90 days and 3 months
ATW_ART2_MIN_TERM_DAYS = 3
MIN_WORKING_DAYS = 2

BASIS_ATW = "Algemene termijnenwet (BWBR0002448) art. 1 en 2"
BASIS_NO_ATW_LONG = "Algemene termijnenwet niet van toepassing: de termijn is langer dan 12 weken"
BASIS_EU = "Verordening (EEG, Euratom) nr. 1182/71 art. 3"

REASON_SATURDAY = "zaterdag"
REASON_SUNDAY = "zondag"
REASON_ATW_ART2 = "Atw art. 2: minstens twee werkdagen"
REASON_EU_ART3_5 = "Verordening 1182/71 art. 3 lid 5: minstens twee werkdagen"


class Kind(StrEnum):
    BEZWAAR = "bezwaar"
    BEROEP = "beroep"
    BESLISTERMIJN_BEZWAAR = "beslistermijn-bezwaar"
    KLACHT = "klacht"
    WMO_ONDERZOEK = "wmo-onderzoek"
    WMO_PERSOONLIJK_PLAN = "wmo-persoonlijk-plan"
    WMO_BESCHIKKING = "wmo-beschikking"
    AVG_INZAGE = "avg-inzage"


class Regime(StrEnum):
    """Which law moves an end that falls on a day off."""

    ATW = "atw"
    EU = "eu-1182-71"
    NONE = "none"


class Cause(StrEnum):
    """Why a day does not count as the end day: the presentation layer words it."""

    SATURDAY = "zaterdag"
    SUNDAY = "zondag"
    FEESTDAG = "feestdag"  # Atw art. 3
    ROYAL_DECREE = "gelijkgesteld"  # Atw art. 3 lid 3
    EU_HOLIDAY = "feestdag-eu"  # Regulation 1182/71 art. 3(4)
    ATW_ART2 = "atw-art-2"  # at least two working days
    EU_ART3_5 = "eu-art-3-lid-5"  # at least two working days under 1182/71


class RuleError(ValueError):
    """The input does not fit the rule (an option the kind does not have)."""


class CalendarTooShort(ValueError):
    """The computation needs a day outside the calendar it was given."""


# --- The calendar -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DayOff:
    """A feestdag of Atw art. 3; ``royal_decree`` for days set equal by art. 3 lid 3."""

    name: str
    royal_decree: bool = False
    name_en: str = ""


@dataclass(frozen=True)
class Calendar:
    """The feestdagen between ``first`` and ``last``, inclusive; weekends are implied."""

    first: date
    last: date
    days_off: Mapping[date, DayOff] = field(default_factory=dict, hash=False)

    @classmethod
    def from_days(
        cls,
        days: Iterable[tuple[date, str, bool] | tuple[date, str, bool, str]],
        *,
        first: date,
        last: date,
    ) -> "Calendar":
        """Build from ``(date, name, is_royal_decree[, english_name])`` rows (the Holiday table)."""
        days_off = {}
        for row in days:
            day, name, royal_decree = row[0], row[1], row[2]
            if first <= day <= last:
                name_en = row[3] if len(row) > 3 else ""
                days_off[day] = DayOff(name=name, royal_decree=royal_decree, name_en=name_en)
        return cls(first=first, last=last, days_off=days_off)

    def _check(self, day: date) -> None:
        if not self.first <= day <= self.last:
            raise CalendarTooShort(f"{day.isoformat()} is outside the calendar")

    def cause_off(self, day: date, *, regime: Regime = Regime.ATW) -> "Move | None":
        """Why ``day`` is not a working day under ``regime`` (as a Move), or None."""
        if day.weekday() == SATURDAY:
            return Move(day, REASON_SATURDAY, Cause.SATURDAY)
        if day.weekday() == SUNDAY:
            return Move(day, REASON_SUNDAY, Cause.SUNDAY)
        self._check(day)
        off = self.days_off.get(day)
        if off is None:
            return None
        if regime == Regime.EU:
            # Days set equal to feestdagen by Royal Decree count "for the
            # application of the Atw" only; they are no public holidays in the
            # sense of Regulation 1182/71 art. 3(4).
            if off.royal_decree:
                return None
            reason = f"{off.name} (feestdag, Verordening 1182/71 art. 3 lid 4)"
            return Move(day, reason, Cause.EU_HOLIDAY, off.name, off.name_en)
        if off.royal_decree:
            reason = f"{off.name} (gelijkgesteld aan feestdag, Atw art. 3 lid 3)"
            return Move(day, reason, Cause.ROYAL_DECREE, off.name, off.name_en)
        return Move(
            day, f"{off.name} (feestdag, Atw art. 3)", Cause.FEESTDAG, off.name, off.name_en
        )

    def reason_off(self, day: date, *, regime: Regime = Regime.ATW) -> str | None:
        """Why ``day`` is not a working day under ``regime``, in Dutch, or None when it is one."""
        move = self.cause_off(day, regime=regime)
        return move.reason if move is not None else None

    def is_working_day(self, day: date, *, regime: Regime = Regime.ATW) -> bool:
        return self.reason_off(day, regime=regime) is None

    def working_days_before(self, day: date, count: int) -> date:
        """The working day ``count`` working days before ``day`` (Atw days off)."""
        current = day
        remaining = count
        while remaining > 0:
            current -= DAY
            if self.is_working_day(current):
                remaining -= 1
        return current


# --- Results ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Move:
    """A day the end moved past, and why: ``reason`` in Dutch, ``cause`` to word it anew."""

    date: Day
    reason: str
    cause: Cause
    holiday: str = ""  # the feestdag's Dutch name, for FEESTDAG, ROYAL_DECREE, EU_HOLIDAY
    holiday_en: str = ""


@dataclass(frozen=True, slots=True)
class Term:
    """A computed term: the raw end from the rule, the end after the calendar."""

    kind: Kind
    date: Day  # the event: bekendmaking, receipt, melding, end of the bezwaar term
    start: Day  # the first day of the term, the day after the event
    basis: str
    raw_end: Day
    end: Day
    moved: tuple[Move, ...]
    regime: Regime
    committee: bool = False
    postponed: bool = False


@dataclass(frozen=True, slots=True)
class RuleInfo:
    kind: Kind
    label: str
    event: str  # what the input date is
    basis: str
    has_committee: bool = False
    has_postponement: bool = False


RULES: dict[Kind, RuleInfo] = {
    Kind.BEZWAAR: RuleInfo(
        Kind.BEZWAAR,
        "Bezwaar maken",
        "datum van bekendmaking van het besluit",
        "Awb (BWBR0005537) art. 6:7 en 6:8: zes weken vanaf de dag na bekendmaking",
    ),
    Kind.BEROEP: RuleInfo(
        Kind.BEROEP,
        "Beroep instellen",
        "datum van bekendmaking van de beslissing op bezwaar",
        "Awb (BWBR0005537) art. 6:7 en 6:8: zes weken vanaf de dag na bekendmaking",
    ),
    Kind.BESLISTERMIJN_BEZWAAR: RuleInfo(
        Kind.BESLISTERMIJN_BEZWAAR,
        "Beslissing op bezwaar",
        "laatste dag van de bezwaartermijn",
        "Awb (BWBR0005537) art. 7:10: zes weken, twaalf weken met een adviescommissie, "
        "vanaf de dag na het einde van de bezwaartermijn; eenmaal te verdagen met ten "
        "hoogste zes weken",
        has_committee=True,
        has_postponement=True,
    ),
    Kind.KLACHT: RuleInfo(
        Kind.KLACHT,
        "Afhandeling van een klacht",
        "datum van ontvangst van de klacht",
        "Awb (BWBR0005537) art. 9:11: zes weken na ontvangst, tien weken met een "
        "klachtencommissie; te verdagen met ten hoogste vier weken",
        has_committee=True,
        has_postponement=True,
    ),
    Kind.WMO_ONDERZOEK: RuleInfo(
        Kind.WMO_ONDERZOEK,
        "Wmo-onderzoek na een melding",
        "datum van de melding",
        "Wmo 2015 (BWBR0035362) art. 2.3.2 lid 1: onderzoek binnen zes weken na de melding",
    ),
    Kind.WMO_PERSOONLIJK_PLAN: RuleInfo(
        Kind.WMO_PERSOONLIJK_PLAN,
        "Persoonlijk plan (Wmo)",
        "datum van de melding",
        "Wmo 2015 (BWBR0035362) art. 2.3.2 lid 2: persoonlijk plan binnen zeven dagen "
        "na de melding",
    ),
    Kind.WMO_BESCHIKKING: RuleInfo(
        Kind.WMO_BESCHIKKING,
        "Wmo-beschikking na een aanvraag",
        "datum van ontvangst van de aanvraag",
        "Wmo 2015 (BWBR0035362) art. 2.3.5 lid 2: beschikking binnen twee weken na "
        "ontvangst van de aanvraag",
    ),
    Kind.AVG_INZAGE: RuleInfo(
        Kind.AVG_INZAGE,
        "Antwoord op een inzageverzoek (AVG)",
        "datum van ontvangst van het verzoek",
        "AVG (Verordening (EU) 2016/679) art. 12 lid 3: binnen een maand na ontvangst, "
        "te verlengen met twee maanden",
        has_postponement=True,
    ),
}


# --- Computation ------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The same date ``months`` later, or the last day of that month (1182/71 art. 3(2)(c))."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def adjust(
    *, start: date, raw_end: date, calendar: Calendar, regime: Regime
) -> tuple[date, tuple[Move, ...]]:
    """Move ``raw_end`` as ``regime`` requires; return the end and every day it moved past.

    Atw art. 1 (and 1182/71 art. 3(4)): an end on a day off moves to the next
    working day. Atw art. 2 (and 1182/71 art. 3(5)): a term of three days or
    more (two or more under 1182/71) is extended until it holds two working
    days; the event day itself is not part of the term.
    """
    if regime == Regime.NONE:
        return raw_end, ()
    moves: list[Move] = []
    end = raw_end
    while (move := calendar.cause_off(end, regime=regime)) is not None:
        moves.append(move)
        end += DAY

    length = (raw_end - start).days + 1
    min_length = ATW_ART2_MIN_TERM_DAYS if regime == Regime.ATW else MIN_WORKING_DAYS
    if length >= min_length:
        art2 = (
            (REASON_ATW_ART2, Cause.ATW_ART2)
            if regime == Regime.ATW
            else (REASON_EU_ART3_5, Cause.EU_ART3_5)
        )
        working = sum(
            calendar.is_working_day(start + DAY * offset, regime=regime)
            for offset in range((end - start).days + 1)
        )
        while working < MIN_WORKING_DAYS:
            # The end is a working day here; the term needs one more.
            moves.append(Move(end, *art2))
            end += DAY
            while (move := calendar.cause_off(end, regime=regime)) is not None:
                moves.append(move)
                end += DAY
            working += 1
    return end, tuple(moves)


def _days_term(
    info: RuleInfo,
    event: date,
    days: int,
    calendar: Calendar,
    *,
    committee: bool = False,
    postponed: bool = False,
) -> Term:
    start = event + DAY
    raw_end = event + timedelta(days=days)
    regime = Regime.ATW if days <= ATW_MAX_DAYS else Regime.NONE
    end, moves = adjust(start=start, raw_end=raw_end, calendar=calendar, regime=regime)
    basis = f"{info.basis}; {BASIS_ATW if regime == Regime.ATW else BASIS_NO_ATW_LONG}"
    return Term(
        kind=info.kind,
        date=event,
        start=start,
        basis=basis,
        raw_end=raw_end,
        end=end,
        moved=moves,
        regime=regime,
        committee=committee,
        postponed=postponed,
    )


def _weeks(
    info: RuleInfo,
    event: date,
    calendar: Calendar,
    *,
    base: int,
    with_committee: int = 0,
    postponement: int = 0,
    committee: bool,
    postponed: bool,
) -> Term:
    weeks = (with_committee if committee else base) + (postponement if postponed else 0)
    # A postponement lengthens the one term (Awb 7:10 lid 3, 9:11 lid 2); the
    # Atw is applied to the whole, and not at all once it exceeds 12 weeks.
    return _days_term(info, event, weeks * 7, calendar, committee=committee, postponed=postponed)


def compute(
    kind: Kind | str,
    event: date,
    calendar: Calendar,
    *,
    committee: bool = False,
    postponed: bool = False,
) -> Term:
    """Compute the term of ``kind`` that starts the day after ``event``.

    ``committee``: an advisory committee (bezwaar) or complaints committee
    (klacht) handles it. ``postponed``: the body postponed (or, for the AVG,
    extended) the term by the maximum the law allows. Raise ``RuleError`` for
    an unknown kind or an option the kind does not have, and
    ``CalendarTooShort`` when ``calendar`` does not reach the end.
    """
    try:
        kind = Kind(kind)
    except ValueError:
        raise RuleError(f"unknown kind {kind!r}") from None
    info = RULES[kind]
    if committee and not info.has_committee:
        raise RuleError(f"{kind} has no committee option")
    if postponed and not info.has_postponement:
        raise RuleError(f"{kind} cannot be postponed")

    match kind:
        case Kind.BEZWAAR | Kind.BEROEP:
            # Six weeks from the day after bekendmaking: the last day is the
            # same weekday six weeks on, event + 42 days (Awb 6:7, 6:8).
            return _days_term(info, event, 42, calendar)
        case Kind.BESLISTERMIJN_BEZWAAR:
            # 6 or 12 weeks from the day after the bezwaar term ended; 12 weeks
            # is not longer than 12 weeks, so the Atw still applies to it, but
            # not to 12 + 6 = 18 weeks (Awb 7:10 lid 1 and 3).
            return _weeks(
                info,
                event,
                calendar,
                base=6,
                with_committee=12,
                postponement=6,
                committee=committee,
                postponed=postponed,
            )
        case Kind.KLACHT:
            # 6 or 10 weeks after receipt, plus at most 4 (Awb 9:11); the Atw
            # applies up to 12 weeks, so to 6, 10 and 6 + 4, not to 10 + 4.
            return _weeks(
                info,
                event,
                calendar,
                base=6,
                with_committee=10,
                postponement=4,
                committee=committee,
                postponed=postponed,
            )
        case Kind.WMO_ONDERZOEK:
            # A Wmo 2015 term is set by a formal law: the Atw applies.
            return _days_term(info, event, 42, calendar)
        case Kind.WMO_PERSOONLIJK_PLAN:
            # Seven days: Atw art. 2 can matter here (a week full of feestdagen).
            return _days_term(info, event, 7, calendar)
        case Kind.WMO_BESCHIKKING:
            return _days_term(info, event, 14, calendar)
        case Kind.AVG_INZAGE:
            # An EU regulation: not the Atw but Regulation 1182/71 art. 3. The
            # extension by two months gives three months from the receipt.
            months = 3 if postponed else 1
            raw_end = add_months(event, months)
            end, moves = adjust(
                start=event + DAY, raw_end=raw_end, calendar=calendar, regime=Regime.EU
            )
            return Term(
                kind=kind,
                date=event,
                start=event + DAY,
                basis=f"{info.basis}; {BASIS_EU}",
                raw_end=raw_end,
                end=end,
                moved=moves,
                regime=Regime.EU,
                postponed=postponed,
            )
    raise AssertionError(kind)  # pragma: no cover


def regime_of(kind: Kind | str, *, committee: bool = False, postponed: bool = False) -> Regime:
    """Which law moves the end of a term of ``kind`` with these options (as ``compute`` does)."""
    kind = Kind(kind)
    if kind == Kind.AVG_INZAGE:
        return Regime.EU
    days = {
        Kind.BEZWAAR: 42,
        Kind.BEROEP: 42,
        Kind.WMO_ONDERZOEK: 42,
        Kind.WMO_PERSOONLIJK_PLAN: 7,
        Kind.WMO_BESCHIKKING: 14,
        Kind.BESLISTERMIJN_BEZWAAR: ((12 if committee else 6) + (6 if postponed else 0)) * 7,
        Kind.KLACHT: ((10 if committee else 6) + (4 if postponed else 0)) * 7,
    }[kind]
    return Regime.ATW if days <= ATW_MAX_DAYS else Regime.NONE


def calendar_span(event: date) -> tuple[date, date]:
    """The days a calendar must cover for any term that starts after ``event``."""
    # The longest term is 18 weeks (or 3 months); feestdagen and Atw art. 2
    # add at most a couple of weeks. A year is ample.
    return event - timedelta(days=31), event + timedelta(days=366)
