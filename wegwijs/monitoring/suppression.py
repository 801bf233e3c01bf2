"""Small-number suppression for figures shown outside an organisation (DOMAIN.md §5).

Pure Python, no Django: property tests attack it directly.

A publication is a set of cells (any hashable key -> a count) and the
additive relations between them (``Line``: a total and the cells that add up
to it: topics to the organisation's total, organisations to the
municipality's, months to the quarter, quarters to the year). ``suppress``
works on all cells and lines of a publication at once:

1. primary: a count of 1 up to the threshold (exclusive) is hidden; zero is shown;
2. secondary, over every line of the whole publication in one run (a worklist
   until nothing changes): a line with exactly one hidden cell gets a second
   one, and when a line's total is shown the hidden cells of the line must
   together reach the threshold, so their sum (which anyone can compute from
   the total and the shown cells) is not itself a small number;
3. every shown count is rounded to the rounding base.

Complements are the smallest shown non-zero members of the line (the total
only when no member is left), so the least information is lost.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

Key = Hashable


@dataclass(frozen=True)
class Policy:
    threshold: int = 10
    rounding: int = 5

    def __post_init__(self) -> None:
        if self.threshold < 1:
            raise ValueError("threshold must be at least 1")
        if self.rounding < 1:
            raise ValueError("rounding must be at least 1")


@dataclass(frozen=True)
class Line:
    """``total`` equals the sum of ``members``."""

    total: Key
    members: tuple[Key, ...]

    @property
    def cells(self) -> tuple[Key, ...]:
        return (self.total, *self.members)


def round_to(value: int, base: int) -> int:
    """Round half up to a multiple of ``base``."""
    if base <= 1:
        return value
    return base * ((value + base // 2) // base)


def primary_hidden(value: int, policy: Policy) -> bool:
    return 0 < value < policy.threshold


def _sort_key(key: Key) -> str:
    return repr(key)


def hidden_cells(values: Mapping[Key, int], lines: Iterable[Line], policy: Policy) -> set[Key]:
    """The cells to hide: primary and secondary suppression over all ``lines`` at once."""
    # A cell missing from ``values`` is a zero: shown, and never a complement.
    lines = list(lines)
    lines_of: dict[Key, list[int]] = {}
    for index, line in enumerate(lines):
        for cell in line.cells:
            lines_of.setdefault(cell, []).append(index)
    hidden = {key for key, value in values.items() if primary_hidden(value, policy)}
    _close_lines(hidden, range(len(lines)), lines, lines_of, values, policy)
    # A combination of lines can still pin a hidden cell (a row total and the
    # grand total together give a third cell): hide more until none is.
    changed: set[Key] | None = None  # the first round looks at every group
    while True:
        pinned = determined(hidden, lines, values, only=changed)
        if not pinned:
            return hidden
        before = set(hidden)
        added = []
        for cell in sorted(pinned, key=_sort_key):
            extra = _complement_for(cell, lines, lines_of, values, hidden)
            if extra is not None:
                hidden.add(extra)
                added.append(extra)
        if not added:
            return hidden
        touched = {index for cell in added for index in lines_of.get(cell, [])}
        _close_lines(hidden, touched, lines, lines_of, values, policy)
        # Only groups with a newly hidden cell can change; the others were clean.
        changed = hidden - before


def _complement_for(
    cell: Key,
    lines: list[Line],
    lines_of: dict[Key, list[int]],
    values: Mapping[Key, int],
    hidden: set[Key],
) -> Key | None:
    """The smallest shown non-zero cell on a line through ``cell``, or, when there is none,
    on a line through a hidden cell next to it (and so on outward)."""
    seen_cells = {cell}
    seen_lines: set[int] = set()
    frontier = [cell]
    while frontier:
        candidates = []
        next_frontier = []
        for current in frontier:
            for index in lines_of.get(current, []):
                if index in seen_lines:
                    continue
                seen_lines.add(index)
                for other in lines[index].cells:
                    if other in seen_cells:
                        continue
                    seen_cells.add(other)
                    if other in hidden:
                        next_frontier.append(other)
                    elif values.get(other, 0) > 0:
                        candidates.append(other)
        if candidates:
            return min(candidates, key=lambda other: (values.get(other, 0), _sort_key(other)))
        frontier = next_frontier
    return None


def _close_lines(
    hidden: set[Key],
    indexes: Iterable[int],
    lines: list[Line],
    lines_of: dict[Key, list[int]],
    values: Mapping[Key, int],
    policy: Policy,
) -> None:
    pending = sorted(set(indexes))
    queued = set(pending)
    while pending:
        index = pending.pop()
        queued.discard(index)
        line = lines[index]
        complement = _complement_needed(line, values, hidden, policy)
        if complement is None:
            continue
        hidden.add(complement)
        for other in lines_of.get(complement, []):
            if other not in queued:
                queued.add(other)
                pending.append(other)
        if index not in queued:  # the line itself may need yet another cell
            queued.add(index)
            pending.append(index)


_PRIME = 2_147_483_647


def determined(
    hidden: set[Key],
    lines: Iterable[Line],
    values: Mapping[Key, int] | None = None,
    *,
    only: set[Key] | None = None,
) -> set[Key]:
    """Hidden cells whose value follows from the shown cells and the lines.

    Over the reals a cell is determined when its unit vector lies in the row
    space of the lines restricted to the hidden cells: in reduced row echelon
    form, a row with a single entry (computed per connected group of hidden
    cells, modulo a large prime). Knowing that a hidden cell is at least 1
    can pin more (two hidden cells that must add up to 2); for groups of up
    to ``EXACT_GROUP`` cells, and with ``values``, a cell also counts as
    determined unless some integer change along the lines moves it while
    every hidden cell stays at least 1.
    """
    rows: list[dict[Key, int]] = []
    for line in lines:
        row: dict[Key, int] = {}
        if line.total in hidden:
            row[line.total] = 1
        for member in line.members:
            if member in hidden:
                row[member] = (row.get(member, 0) - 1) % _PRIME
        row = {key: coef for key, coef in row.items() if coef}
        if row:
            rows.append(row)
    # Group rows that share hidden cells.
    parent: dict[Key, Key] = {}

    def find(key: Key) -> Key:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for row in rows:
        keys = list(row)
        for other in keys[1:]:
            parent[find(other)] = find(keys[0])
    groups: dict[Key, list[dict[Key, int]]] = {}
    for row in rows:
        groups.setdefault(find(next(iter(row))), []).append(row)
    found: set[Key] = set()
    for group in groups.values():
        if only is not None and not any(key in only for row in group for key in row):
            continue
        if len(group) > LINEAR_GROUP:
            # A large web of hidden cells: elimination would cost too much here,
            # and such a web leaves many free directions (see docs/monitoring.md).
            continue
        pinned = _determined_in(group)
        found |= pinned
        if values is not None:
            cells = {key for row in group for key in row}
            if len(cells) <= EXACT_GROUP:
                found |= _integer_pinned(group, cells - pinned, values)
    return found


EXACT_GROUP = 60
LINEAR_GROUP = 400


def _integer_pinned(
    rows: list[dict[Key, int]], cells: set[Key], values: Mapping[Key, int]
) -> set[Key]:
    """Cells no integer kernel vector of basis can move while all hidden cells stay >= 1."""
    from fractions import Fraction
    from math import gcd, lcm

    order = sorted(cells | {key for row in rows for key in row}, key=_sort_key)
    matrix = [
        [Fraction(1 if row.get(key, 0) == 1 else (-1 if row.get(key, 0) else 0)) for key in order]
        for row in rows
    ]
    # Reduced row echelon form over the rationals.
    pivot_cols: list[int] = []
    rank = 0
    for col in range(len(order)):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][col] != 0), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        lead = matrix[rank][col]
        matrix[rank] = [value / lead for value in matrix[rank]]
        for r in range(len(matrix)):
            if r != rank and matrix[r][col] != 0:
                factor = matrix[r][col]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[rank], strict=True)]
        pivot_cols.append(col)
        rank += 1
    free = [col for col in range(len(order)) if col not in pivot_cols]
    basis: list[list[int]] = []
    for f in free:
        vector: list[Fraction] = [Fraction(0)] * len(order)
        vector[f] = Fraction(1)
        for r, col in enumerate(pivot_cols):
            vector[col] = -matrix[r][f]
        scale = lcm(*(value.denominator for value in vector))
        integers = [int(value * scale) for value in vector]
        divisor = gcd(*integers) or 1
        basis.append([value // divisor for value in integers])
    current = [values.get(key, 0) for key in order]
    movable: set[int] = set()
    for direction in basis:
        for sign in (1, -1):
            if all(x + sign * d >= 1 for x, d in zip(current, direction, strict=True)):
                movable |= {i for i, d in enumerate(direction) if d}
    return {order[i] for i in range(len(order)) if i not in movable and order[i] in cells}


def _determined_in(rows: list[dict[Key, int]]) -> set[Key]:
    pivots: dict[Key, dict[Key, int]] = {}
    order: list[Key] = []
    for original in rows:
        row = dict(original)
        for col in list(row):
            if col in pivots and col in row:
                _eliminate(row, pivots[col], col)
        # Reduce by pivots until no pivot column remains.
        changed = True
        while changed:
            changed = False
            for col in list(row):
                if col in pivots:
                    _eliminate(row, pivots[col], col)
                    changed = True
                    break
        if not row:
            continue
        col = min(row, key=_sort_key)
        inverse = pow(row[col], _PRIME - 2, _PRIME)
        row = {key: coef * inverse % _PRIME for key, coef in row.items()}
        for other in pivots.values():
            if col in other:
                _eliminate(other, row, col)
        pivots[col] = row
        order.append(col)
    return {col for col, row in pivots.items() if len(row) == 1}


def _eliminate(row: dict[Key, int], pivot_row: dict[Key, int], col: Key) -> None:
    factor = row.get(col, 0)
    if not factor:
        return
    for key, coef in pivot_row.items():
        value = (row.get(key, 0) - factor * coef) % _PRIME
        if value:
            row[key] = value
        else:
            row.pop(key, None)


def _complement_needed(
    line: Line, values: Mapping[Key, int], hidden: set[Key], policy: Policy
) -> Key | None:
    in_line = [cell for cell in line.cells if cell in hidden]
    if not in_line:
        return None
    need = len(in_line) == 1
    if not need and line.total not in hidden:
        need = sum(values.get(cell, 0) for cell in in_line) < policy.threshold
    if not need:
        return None
    candidates = sorted(
        (cell for cell in line.members if cell not in hidden and values.get(cell, 0) > 0),
        key=lambda cell: (values.get(cell, 0), _sort_key(cell)),
    )
    if candidates:
        return candidates[0]
    if line.total not in hidden and values.get(line.total, 0) > 0:
        return line.total
    return None


def suppress(
    values: Mapping[Key, int], lines: Iterable[Line], policy: Policy
) -> dict[Key, int | None]:
    """Every cell as shown outside the organisation: ``None`` when hidden, else rounded."""
    hidden = hidden_cells(values, lines, policy)
    return {
        key: None if key in hidden else round_to(value, policy.rounding)
        for key, value in values.items()
    }


def ratio(numerator: float, denominator: int, policy: Policy | None) -> float | None:
    """``numerator / denominator``, or ``None`` when the denominator is too small to show."""
    if denominator <= 0:
        return None
    if policy is not None and denominator < policy.threshold:
        return None
    return numerator / denominator
