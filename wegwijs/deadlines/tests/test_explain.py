"""Terms are explained in the language of the page or the API request.

The rules keep the Dutch legal record; ``explain`` words it anew. In Dutch the
wording is exactly the record, in English nothing Dutch is left.
"""

from datetime import date, timedelta
from itertools import product

import pytest
from django.test import Client
from django.utils import timezone, translation

from wegwijs.cases.tests import factories
from wegwijs.deadlines import explain, rules, services
from wegwijs.deadlines.selectors import calendar_between
from wegwijs.deadlines.tests.calendars import nl_calendar

CAL = nl_calendar()
API = "/api/v1/deadlines/compute"
PAGE = "/bezwaar-termijn/"
DUTCH_WORDS = ("feestdag", "zaterdag", "zondag", "werkdagen", "zes weken", "Tweede Paasdag")


def _options(kind: rules.Kind) -> list[tuple[bool, bool]]:
    info = rules.RULES[kind]
    return [
        (committee, postponed)
        for committee, postponed in product([False, True], repeat=2)
        if (info.has_committee or not committee) and (info.has_postponement or not postponed)
    ]


def _every_term() -> list[rules.Term]:
    """Every kind and option over every day of 2026: all causes occur."""
    return [
        rules.compute(
            kind, date(2026, 1, 1) + timedelta(days=offset), CAL, committee=c, postponed=p
        )
        for kind in rules.Kind
        for c, p in _options(kind)
        for offset in range(365)
    ]


TERMS = _every_term()
# No term of the law is short enough for the "two working days" rules; the
# adjustment itself shows them (Atw art. 2, Regulation 1182/71 art. 3(5)).
SHORT_TERMS = [
    rules.adjust(start=date(2026, 4, 3), raw_end=date(2026, 4, 5), calendar=CAL, regime=regime)
    for regime in (rules.Regime.ATW, rules.Regime.EU)
]
MOVES = [move for term in TERMS for move in term.moved] + [
    move for _end, moves in SHORT_TERMS for move in moves
]


def test_every_cause_occurs_in_the_sample():
    assert {move.cause for move in MOVES} == set(rules.Cause)


def test_dutch_wording_is_the_stored_record():
    with translation.override("nl"):
        for term in TERMS:
            assert explain.term_basis(term) == term.basis
        for move in MOVES:
            assert explain.move_of(move)["reason"] == move.reason


def test_english_wording_has_no_dutch_left():
    with translation.override("en"):
        words = [explain.term_basis(term) for term in TERMS[::7]]
        words += [explain.move_of(move)["reason"] for move in MOVES]
        for text in words:
            assert not any(dutch in text for dutch in DUTCH_WORDS), text


def test_regime_of_agrees_with_compute():
    for kind in rules.Kind:
        for committee, postponed in _options(kind):
            term = rules.compute(
                kind, date(2026, 3, 12), CAL, committee=committee, postponed=postponed
            )
            assert rules.regime_of(kind, committee=committee, postponed=postponed) == term.regime


@pytest.mark.django_db
def test_api_explains_in_english_when_asked():
    answer = (
        Client()
        .get(API, {"kind": "bezwaar", "date": "2026-03-24"}, HTTP_ACCEPT_LANGUAGE="en")
        .json()
    )
    assert answer["end"] == "2026-05-06"
    assert answer["moved"] == [
        {"date": "2026-05-05", "reason": "Liberation Day (public holiday, Atw art. 3)"}
    ]
    assert "six weeks" in answer["basis"]
    dutch = Client().get(API, {"kind": "bezwaar", "date": "2026-03-24"}).json()
    assert dutch["moved"][0]["reason"] == "Bevrijdingsdag (feestdag, Atw art. 3)"


@pytest.mark.django_db
def test_public_page_explains_in_english():
    client = Client()
    client.cookies["django_language"] = "en"
    text = client.get(PAGE, {"soort": "bezwaar", "datum": "14-03-2026"}).content.decode()
    assert "Saturday 25 April 2026: Saturday" in " ".join(text.split())
    assert "King's Day (public holiday, Atw art. 3)" in text.replace("&#x27;", "'")
    assert "feestdag" not in text


@pytest.mark.django_db
def test_a_stored_deadline_is_explained_in_the_reader_language(supporter, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: date(2026, 4, 1))
    case = factories.case(supporter)
    deadline = services.deadline_add(
        actor=supporter, case=case, kind="bezwaar", start_date=date(2026, 3, 24)
    )
    with translation.override("en"):
        assert deadline.moves == [
            {"date": date(2026, 5, 5), "reason": "Liberation Day (public holiday, Atw art. 3)"}
        ]
        assert deadline.basis_display.startswith("Awb (BWBR0005537) art. 6:7 and 6:8: six weeks")
    with translation.override("nl"):
        assert deadline.basis_display == deadline.basis


@pytest.mark.django_db
def test_holiday_names_come_from_the_table_in_both_languages():
    calendar = calendar_between(first=date(2026, 1, 1), last=date(2026, 12, 31))
    move = calendar.cause_off(date(2026, 4, 27))
    assert move is not None
    assert (move.holiday, move.holiday_en) == ("Koningsdag", "King's Day")
