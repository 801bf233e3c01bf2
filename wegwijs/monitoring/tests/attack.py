"""An intruder who knows every shown cell and every additive relation, and nothing else.

For each hidden cell the intruder asks: is any other integer value possible?
A search with bound propagation answers exactly (for the small tables the
property tests build). It knows that zero is always shown, so a hidden cell
is at least 1, and that a shown count ``r`` lies within half the rounding
base of ``r`` and is not below the threshold.
"""

from collections.abc import Hashable, Mapping, Sequence

from wegwijs.monitoring.suppression import Line, Policy

Bounds = dict[Hashable, tuple[int, int]]


def prior(shown: Mapping[Hashable, int | None], policy: Policy, ceiling: int) -> Bounds:
    bounds: Bounds = {}
    half = policy.rounding // 2
    for key, value in shown.items():
        if value is None:
            bounds[key] = (1, ceiling)
        elif value == 0:
            bounds[key] = (0, 0)
        else:
            bounds[key] = (max(policy.threshold, value - half, 0), value + half)
    return bounds


def _propagate(bounds: Bounds, lines: Sequence[Line]) -> Bounds | None:
    bounds = dict(bounds)
    changed = True
    while changed:
        changed = False
        for line in lines:
            lo_sum = sum(bounds[m][0] for m in line.members)
            hi_sum = sum(bounds[m][1] for m in line.members)
            t_lo, t_hi = bounds[line.total]
            new_total = (max(t_lo, lo_sum), min(t_hi, hi_sum))
            if new_total != (t_lo, t_hi):
                bounds[line.total] = new_total
                changed = True
            t_lo, t_hi = new_total
            if t_lo > t_hi:
                return None
            for member in line.members:
                m_lo, m_hi = bounds[member]
                others_lo = lo_sum - m_lo
                others_hi = hi_sum - m_hi
                new = (max(m_lo, t_lo - others_hi), min(m_hi, t_hi - others_lo))
                if new[0] > new[1]:
                    return None
                if new != (m_lo, m_hi):
                    bounds[member] = new
                    lo_sum += new[0] - m_lo
                    hi_sum += new[1] - m_hi
                    changed = True
    return bounds


def _feasible(bounds: Bounds, lines: Sequence[Line]) -> bool:
    propagated = _propagate(bounds, lines)
    if propagated is None:
        return False
    open_keys = [key for key, (lo, hi) in propagated.items() if lo < hi]
    if not open_keys:
        return True
    key = min(open_keys, key=lambda k: propagated[k][1] - propagated[k][0])
    lo, hi = propagated[key]
    middle = (lo + hi) // 2
    return _feasible({**propagated, key: (lo, middle)}, lines) or _feasible(
        {**propagated, key: (middle + 1, hi)}, lines
    )


def recovered(
    true_values: Mapping[Hashable, int],
    shown: Mapping[Hashable, int | None],
    lines: Sequence[Line],
    policy: Policy,
) -> list[Hashable]:
    """The hidden cells whose true value is the only one the intruder finds possible."""
    ceiling = sum(true_values.values()) * 2 + 100
    bounds = prior(shown, policy, ceiling)
    found = []
    for key, value in shown.items():
        if value is not None:
            continue
        true = true_values[key]
        lower = bounds[key][0]
        below = true > lower and _feasible({**bounds, key: (lower, true - 1)}, lines)
        above = _feasible({**bounds, key: (true + 1, ceiling)}, lines)
        if not below and not above:
            found.append(key)
    return found
