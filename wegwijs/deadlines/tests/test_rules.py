"""The term rules of DOMAIN.md §4: worked examples, feestdagen, Atw art. 2, the AVG month.

Pure: no database, no Django settings needed.
"""

import ast
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wegwijs.deadlines import rules
from wegwijs.deadlines.rules import (
    REASON_ATW_ART2,
    CalendarTooShort,
    Cause,
    Kind,
    Move,
    Regime,
    RuleError,
    add_months,
    adjust,
    compute,
)
from wegwijs.deadlines.tests.calendars import nl_calendar

CAL = nl_calendar()
DAY = timedelta(days=1)


def moved(term: rules.Term) -> list[tuple[date, str]]:
    return [(move.date, move.reason) for move in term.moved]


# --- No Django ----------------------------------------------------------------


def test_rules_imports_no_django():
    source = Path(rules.__file__).read_text()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        assert not any(name.split(".")[0] in {"django", "wegwijs"} for name in names), names


def test_rules_load_without_django_in_a_fresh_interpreter():
    code = (
        "import sys; import wegwijs.deadlines.rules; "
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')]; "
        "assert not bad, bad"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[3],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# --- DOMAIN.md §4 worked examples ---------------------------------------------


def test_bezwaar_made_known_thursday_12_march_2026_ends_thursday_23_april():
    term = compute("bezwaar", date(2026, 3, 12), CAL)
    assert term.kind == Kind.BEZWAAR
    assert term.start == date(2026, 3, 13)
    assert term.raw_end == term.end == date(2026, 4, 23)
    assert term.end.weekday() == 3
    assert term.moved == ()
    assert "Awb" in term.basis
    assert "6:7" in term.basis
    assert term.regime == Regime.ATW


def test_bezwaar_ending_on_5_may_moves_to_6_may_2026():
    term = compute("bezwaar", date(2026, 3, 24), CAL)
    assert term.raw_end == date(2026, 5, 5)
    assert term.end == date(2026, 5, 6)
    assert moved(term) == [(date(2026, 5, 5), "Bevrijdingsdag (feestdag, Atw art. 3)")]


def test_beroep_counts_like_bezwaar():
    term = compute(Kind.BEROEP, date(2026, 3, 24), CAL)
    assert (term.raw_end, term.end) == (date(2026, 5, 5), date(2026, 5, 6))


# --- Feestdagen and bridge days -----------------------------------------------


def test_koningsdag_on_a_sunday_is_celebrated_on_saturday_and_monday_is_a_working_day():
    # 27 April 2025 is a Sunday: Koningsdag is Saturday 26 April; Monday 28 April
    # is an ordinary working day, so a term ending on the 26th ends on the 28th.
    assert date(2025, 4, 26) in CAL.days_off
    assert date(2025, 4, 27) not in CAL.days_off
    term = compute("bezwaar", date(2025, 4, 26) - timedelta(days=42), CAL)
    assert term.raw_end == date(2025, 4, 26)
    assert term.end == date(2025, 4, 28)
    assert moved(term) == [(date(2025, 4, 26), "zaterdag"), (date(2025, 4, 27), "zondag")]


def test_koningsdag_on_a_weekday():
    term = compute("bezwaar", date(2026, 4, 27) - timedelta(days=42), CAL)
    assert term.end == date(2026, 4, 28)
    assert moved(term) == [(date(2026, 4, 27), "Koningsdag (feestdag, Atw art. 3)")]


def test_ascension_with_its_bridge_day_2026():
    term = compute("bezwaar", date(2026, 4, 2), CAL)
    assert term.raw_end == date(2026, 5, 14)
    assert term.end == date(2026, 5, 18)
    assert moved(term) == [
        (date(2026, 5, 14), "Hemelvaartsdag (feestdag, Atw art. 3)"),
        (
            date(2026, 5, 15),
            "Vrijdag na Hemelvaartsdag (gelijkgesteld aan feestdag, Atw art. 3 lid 3)",
        ),
        (date(2026, 5, 16), "zaterdag"),
        (date(2026, 5, 17), "zondag"),
    ]


def test_new_year_2026_with_the_2_january_bridge_day_crosses_the_year():
    term = compute("bezwaar", date(2025, 11, 20), CAL)
    assert term.raw_end == date(2026, 1, 1)
    assert term.end == date(2026, 1, 5)
    assert [day for day, _reason in moved(term)] == [
        date(2026, 1, 1),
        date(2026, 1, 2),
        date(2026, 1, 3),
        date(2026, 1, 4),
    ]
    assert moved(term)[1][1].startswith("Vrijdag na Nieuwjaarsdag")


def test_easter_2026():
    term = compute("bezwaar", date(2026, 4, 3) - timedelta(days=42), CAL)
    assert term.end == date(2026, 4, 7)
    assert [reason for _day, reason in moved(term)] == [
        "Goede Vrijdag (feestdag, Atw art. 3)",
        "zaterdag",
        "zondag",
        "Tweede Paasdag (feestdag, Atw art. 3)",
    ]


def test_whit_monday_2026():
    term = compute("wmo-onderzoek", date(2026, 5, 23) - timedelta(days=42), CAL)
    assert term.end == date(2026, 5, 26)
    assert moved(term)[-1] == (date(2026, 5, 25), "Tweede Pinksterdag (feestdag, Atw art. 3)")


def test_christmas_on_a_weekend_2027_moves_to_monday():
    term = compute("wmo-beschikking", date(2027, 12, 25) - timedelta(days=14), CAL)
    assert term.end == date(2027, 12, 27)


def test_a_calendar_that_is_too_short_is_refused():
    short = rules.Calendar(first=date(2026, 1, 1), last=date(2026, 2, 1))
    with pytest.raises(CalendarTooShort):
        compute("bezwaar", date(2026, 1, 20), short)


# --- Atw art. 2 ----------------------------------------------------------------


def test_atw_art_2_three_day_term_over_easter_needs_two_working_days():
    # Event Thursday 2 April 2026: 3 (Good Friday), 4, 5 April; the end moves
    # past Sunday and Easter Monday to Tuesday 7 April, the only working day in
    # the term; art. 2 adds Wednesday 8 April.
    end, moves = adjust(
        start=date(2026, 4, 3), raw_end=date(2026, 4, 5), calendar=CAL, regime=Regime.ATW
    )
    assert end == date(2026, 4, 8)
    assert moves == (
        Move(date(2026, 4, 5), "zondag", Cause.SUNDAY),
        Move(
            date(2026, 4, 6),
            "Tweede Paasdag (feestdag, Atw art. 3)",
            Cause.FEESTDAG,
            "Tweede Paasdag",
            "Easter Monday",
        ),
        Move(date(2026, 4, 7), REASON_ATW_ART2, Cause.ATW_ART2),
    )


def test_atw_art_2_applies_even_when_the_end_is_a_working_day():
    # Event Friday 6 March 2026: Saturday, Sunday, Monday; one working day.
    end, moves = adjust(
        start=date(2026, 3, 7), raw_end=date(2026, 3, 9), calendar=CAL, regime=Regime.ATW
    )
    assert end == date(2026, 3, 10)
    assert moves == (Move(date(2026, 3, 9), REASON_ATW_ART2, Cause.ATW_ART2),)


def test_atw_art_2_over_ascension_and_its_bridge_day():
    end, moves = adjust(
        start=date(2026, 5, 14), raw_end=date(2026, 5, 16), calendar=CAL, regime=Regime.ATW
    )
    assert end == date(2026, 5, 19)
    assert moves[-1] == Move(date(2026, 5, 18), REASON_ATW_ART2, Cause.ATW_ART2)


def test_atw_art_2_not_for_a_term_under_three_days():
    end, moves = adjust(
        start=date(2026, 3, 7), raw_end=date(2026, 3, 9) - DAY, calendar=CAL, regime=Regime.ATW
    )
    assert end == date(2026, 3, 9)
    assert [move.reason for move in moves] == ["zondag"]


def test_atw_art_2_normal_week_is_unchanged():
    end, moves = adjust(
        start=date(2026, 3, 12), raw_end=date(2026, 3, 14), calendar=CAL, regime=Regime.ATW
    )
    assert end == date(2026, 3, 16)
    assert [move.reason for move in moves] == ["zaterdag", "zondag"]


# --- Decision terms, complaints and the Wmo -------------------------------------


def test_beslistermijn_bezwaar_six_twelve_and_postponed():
    end_of_bezwaar_term = date(2026, 4, 23)
    plain = compute("beslistermijn-bezwaar", end_of_bezwaar_term, CAL)
    assert plain.start == date(2026, 4, 24)
    assert plain.end == date(2026, 6, 4)
    committee = compute("beslistermijn-bezwaar", end_of_bezwaar_term, CAL, committee=True)
    assert committee.end == date(2026, 7, 16)
    assert committee.regime == Regime.ATW  # 12 weeks is not longer than 12 weeks
    postponed = compute("beslistermijn-bezwaar", end_of_bezwaar_term, CAL, postponed=True)
    assert postponed.end == date(2026, 7, 16)
    assert postponed.regime == Regime.ATW
    both = compute(
        "beslistermijn-bezwaar", end_of_bezwaar_term, CAL, committee=True, postponed=True
    )
    assert both.raw_end == both.end == date(2026, 8, 27)
    assert both.regime == Regime.NONE
    assert "niet van toepassing" in both.basis


def test_eighteen_weeks_ending_on_a_saturday_is_not_moved():
    term = compute("beslistermijn-bezwaar", date(2026, 4, 4), CAL, committee=True, postponed=True)
    assert term.raw_end == term.end == date(2026, 8, 8)
    assert term.end.weekday() == 5
    assert term.moved == ()


def test_klacht_terms():
    received = date(2026, 3, 2)  # a Monday
    assert compute("klacht", received, CAL).end == date(2026, 4, 13)
    assert compute("klacht", received, CAL, committee=True).end == date(2026, 5, 11)
    assert compute("klacht", received, CAL, postponed=True).end == date(2026, 5, 11)
    long = compute("klacht", received, CAL, committee=True, postponed=True)
    assert long.raw_end == date(2026, 6, 8)
    assert long.regime == Regime.NONE


def test_wmo_terms():
    melding = date(2026, 3, 24)
    assert compute("wmo-onderzoek", melding, CAL).end == date(2026, 5, 6)
    plan = compute("wmo-persoonlijk-plan", melding, CAL)
    assert plan.raw_end == plan.end == date(2026, 3, 31)
    assert "2.3.2" in plan.basis
    assert compute("wmo-beschikking", melding, CAL).end == date(2026, 4, 7)


def test_options_the_kind_does_not_have_are_refused():
    with pytest.raises(RuleError):
        compute("bezwaar", date(2026, 3, 12), CAL, committee=True)
    with pytest.raises(RuleError):
        compute("wmo-onderzoek", date(2026, 3, 12), CAL, postponed=True)
    with pytest.raises(RuleError):
        compute("onbekend", date(2026, 3, 12), CAL)


# --- AVG (EU Regulation 1182/71) ------------------------------------------------


@pytest.mark.parametrize(
    ("received", "raw_end"),
    [
        (date(2026, 1, 31), date(2026, 2, 28)),
        (date(2028, 1, 31), date(2028, 2, 29)),  # leap year
        (date(2026, 3, 31), date(2026, 4, 30)),
        (date(2026, 2, 28), date(2026, 3, 28)),  # same date, not the month's end
        (date(2026, 12, 15), date(2027, 1, 15)),
    ],
)
def test_avg_one_month_is_the_same_date_or_the_last_day_of_the_month(received, raw_end):
    assert compute("avg-inzage", received, CAL).raw_end == raw_end


def test_avg_month_end_on_a_saturday_moves_to_monday():
    term = compute("avg-inzage", date(2026, 1, 31), CAL)
    assert term.end == date(2026, 3, 2)
    assert moved(term) == [(date(2026, 2, 28), "zaterdag"), (date(2026, 3, 1), "zondag")]
    assert term.regime == Regime.EU
    assert "1182/71" in term.basis


def test_avg_leap_year_end_on_a_tuesday_stays():
    term = compute("avg-inzage", date(2028, 1, 31), CAL)
    assert term.end == date(2028, 2, 29)


def test_avg_extension_gives_three_months_from_receipt():
    term = compute("avg-inzage", date(2025, 11, 30), CAL, postponed=True)
    assert term.raw_end == date(2026, 2, 28)
    assert term.end == date(2026, 3, 2)


def test_avg_moves_past_a_public_holiday_but_not_a_royal_decree_bridge_day():
    liberation = compute("avg-inzage", date(2026, 4, 5), CAL)
    assert liberation.end == date(2026, 5, 6)
    assert "Bevrijdingsdag" in liberation.moved[0].reason
    bridge = compute("avg-inzage", date(2026, 4, 15), CAL)
    assert bridge.raw_end == bridge.end == date(2026, 5, 15)


def test_add_months_across_years():
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


# --- Working days for reminders ---------------------------------------------------


def test_working_days_before_skips_weekends_and_feestdagen():
    # Five working days before Monday 18 May 2026: 13, 12, 11, 8, 7 May
    # (14 Ascension and 15 the bridge day do not count).
    assert CAL.working_days_before(date(2026, 5, 18), 1) == date(2026, 5, 13)
    assert CAL.working_days_before(date(2026, 5, 18), 5) == date(2026, 5, 7)


# --- Properties -------------------------------------------------------------------

events = st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 6, 30))
kinds_and_options = st.sampled_from(
    [
        (kind, committee, postponed)
        for kind, info in rules.RULES.items()
        for committee in ([False, True] if info.has_committee else [False])
        for postponed in ([False, True] if info.has_postponement else [False])
    ]
)


@settings(max_examples=400)
@given(event=events, options=kinds_and_options)
def test_end_is_never_before_the_raw_end_nor_a_day_off(event, options):
    kind, committee, postponed = options
    term = compute(kind, event, CAL, committee=committee, postponed=postponed)
    assert term.end >= term.raw_end > term.date
    assert term.start == term.date + DAY
    if term.regime != Regime.NONE:
        assert CAL.is_working_day(term.end, regime=term.regime)
        assert term.end.weekday() < 5
    else:
        assert term.end == term.raw_end
    # Every move is recorded, day by day.
    assert [move.date for move in term.moved] == [
        term.raw_end + DAY * offset for offset in range((term.end - term.raw_end).days)
    ]


@settings(max_examples=300)
@given(event=events, options=kinds_and_options)
def test_a_later_event_never_gives_an_earlier_end(event, options):
    kind, committee, postponed = options
    first = compute(kind, event, CAL, committee=committee, postponed=postponed)
    second = compute(kind, event + DAY, CAL, committee=committee, postponed=postponed)
    assert second.end >= first.end


@settings(max_examples=400)
@given(event=events, length=st.integers(min_value=3, max_value=20))
def test_atw_art_2_short_terms_hold_two_working_days(event, length):
    start = event + DAY
    end, _moves = adjust(
        start=start, raw_end=event + timedelta(days=length), calendar=CAL, regime=Regime.ATW
    )
    working = [
        start + DAY * offset
        for offset in range((end - start).days + 1)
        if CAL.is_working_day(start + DAY * offset)
    ]
    assert len(working) >= 2
    assert CAL.is_working_day(end)
