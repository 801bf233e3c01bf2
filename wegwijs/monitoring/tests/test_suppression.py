"""Small-number suppression: examples and an intruder that tries to recover hidden cells."""

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wegwijs.monitoring.suppression import Line, Policy, hidden_cells, ratio, round_to, suppress
from wegwijs.monitoring.tests.attack import recovered

POLICY = Policy(threshold=10, rounding=5)


def table(grid: list[list[int]]) -> tuple[dict, list[Line]]:
    """Cells of a grid with row totals, column totals and the grand total, and their lines."""
    values: dict = {}
    lines: list[Line] = []
    rows, cols = len(grid), len(grid[0])
    for r in range(rows):
        for c in range(cols):
            values[(r, c)] = grid[r][c]
        values[(r, "T")] = sum(grid[r])
        lines.append(Line((r, "T"), tuple((r, c) for c in range(cols))))
    for c in range(cols):
        values[("T", c)] = sum(grid[r][c] for r in range(rows))
        lines.append(Line(("T", c), tuple((r, c) for r in range(rows))))
    values[("T", "T")] = sum(values[(r, "T")] for r in range(rows))
    lines.append(Line(("T", "T"), tuple((r, "T") for r in range(rows))))
    lines.append(Line(("T", "T"), tuple(("T", c) for c in range(cols))))
    return values, lines


def test_small_counts_are_hidden_zero_is_shown_the_rest_rounded():
    shown = suppress({"a": 0, "b": 3, "c": 12, "d": 10, "e": 13}, [], POLICY)
    assert shown == {"a": 0, "b": None, "c": 10, "d": 10, "e": 15}


def test_one_hidden_cell_in_a_row_with_a_shown_total_gets_a_second():
    values, lines = table([[3, 20, 40], [25, 30, 50]])
    hidden = hidden_cells(values, lines, POLICY)
    assert (0, 0) in hidden
    # The row and the column of the hidden cell each need a second hidden cell.
    assert len([c for c in range(3) if (0, c) in hidden]) >= 2
    assert len([r for r in range(2) if (r, 0) in hidden]) >= 2


def test_hidden_cells_of_a_line_together_reach_the_threshold():
    values, lines = table([[1, 1, 40, 50], [30, 30, 30, 30]])
    hidden = hidden_cells(values, lines, POLICY)
    assert {(0, 0), (0, 1)} <= hidden
    in_row = [cell for cell in hidden if isinstance(cell, tuple) and cell[0] == 0]
    assert sum(values[cell] for cell in in_row if cell[1] != "T") >= 10


def test_ratio_needs_a_large_enough_denominator():
    assert ratio(50, 9, POLICY) is None
    assert ratio(50, 10, POLICY) == 5
    assert ratio(50, 9, None) == pytest.approx(50 / 9)


def test_rounding():
    assert [round_to(v, 5) for v in (10, 12, 13, 17, 18)] == [10, 10, 15, 15, 20]
    assert round_to(13, 1) == 13


small = st.integers(min_value=0, max_value=14)
grids = st.integers(2, 3).flatmap(
    lambda rows: st.integers(2, 4).flatmap(
        lambda cols: st.lists(
            st.lists(small, min_size=cols, max_size=cols), min_size=rows, max_size=rows
        )
    )
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grid=grids, rounding=st.sampled_from([1, 5]))
def test_no_hidden_cell_of_a_table_can_be_recovered(grid, rounding):
    policy = Policy(threshold=10, rounding=rounding)
    values, lines = table(grid)
    shown = suppress(values, lines, policy)
    assert recovered(values, shown, lines, policy) == []


periods = st.lists(st.lists(small, min_size=3, max_size=3), min_size=2, max_size=2)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(months=periods, rounding=st.sampled_from([1, 5]))
def test_no_hidden_cell_can_be_recovered_from_other_periods_and_organisations(months, rounding):
    """Two organisations x three months, with quarter totals and the municipality's totals."""
    policy = Policy(threshold=10, rounding=rounding)
    values: dict[Any, int] = {}
    lines: list[Line] = []
    for org, counts in enumerate(months):
        for month, count in enumerate(counts):
            values[(org, month)] = count
        values[(org, "Q")] = sum(counts)
        lines.append(Line((org, "Q"), tuple((org, m) for m in range(3))))
    columns: list[Any] = [0, 1, 2, "Q"]
    for column in columns:
        values[("M", column)] = sum(values[(org, column)] for org in range(len(months)))
        lines.append(Line(("M", column), tuple((org, column) for org in range(len(months)))))
    lines.append(Line(("M", "Q"), tuple(("M", m) for m in range(3))))
    shown = suppress(values, lines, policy)
    assert recovered(values, shown, lines, policy) == []
