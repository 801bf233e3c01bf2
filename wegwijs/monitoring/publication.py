"""What the municipality may see: a year of figures, suppressed in one run.

A publication covers one municipality and one year: the organisations that
work there and the municipality as a whole, the year, its quarters and
months, and every dimension. All of it is suppressed together, with every
additive relation between the cells (codes to totals, organisations to the
municipality, months to quarters to the year, information and advice plus
trajectories to cases), so no hidden cell can be recovered from anything
else the municipality sees. The result is kept per process until the
figures or the settings change (``Publication.generation``).
"""

from __future__ import annotations

import secrets
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from wegwijs.accounts.constants import OrganisationKind
from wegwijs.accounts.models import Organisation
from wegwijs.monitoring import periods as periods_mod
from wegwijs.monitoring import suppression
from wegwijs.monitoring.constants import (
    ADDITIVE_OVER_ORGANISATIONS,
    ADDITIVE_OVER_PERIODS,
    COUNT_MEASURES,
    PARTITIONS,
    Dimension,
)
from wegwijs.monitoring.models import Figure, Publication

MUNICIPALITY = ""  # the subject of the municipality's own rows

# (subject, period, dimension, code) -> {measure: value or None}
Cells = dict[tuple[str, str, str, str], dict[str, Any]]


@dataclass(frozen=True)
class Published:
    municipality_id: int
    year: int
    policy: suppression.Policy
    cells: Cells
    organisations: dict[str, str]  # slug -> name
    # (subject, period) -> {(dimension, code): cell}: what a page asks for.
    by_scope: dict[tuple[str, str], dict[tuple[str, str], dict[str, Any]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        for (subject, period, dimension, code), cell in self.cells.items():
            self.by_scope.setdefault((subject, period), {})[(dimension, code)] = cell


_cache: dict[tuple[int, int], tuple[str, Published]] = {}
_lock = threading.Lock()


def organisations_of(municipality_id: int) -> list[Organisation]:
    """The client-support organisations working in the municipality: the ones counted."""
    return list(
        Organisation.objects.filter(
            municipalities=municipality_id, kind=OrganisationKind.CLIENT_SUPPORT
        ).order_by("name", "pk")
    )


def published(*, municipality_id: int, year: int, policy: suppression.Policy) -> Published:
    """The suppressed figures of ``year`` for ``municipality_id``, computed once per change.

    Kept in the database (one process computes, the others read) and per
    process. The stored stamp carries a random part, so a row made anew (a
    database restored, a test rolled back) never matches an old copy.
    """
    row = (
        Publication.objects.filter(municipality_id=municipality_id, year=year)
        .values_list("generation", "computed_stamp")
        .first()
    )
    if row is None:  # nothing counted yet for this year
        return compute(municipality_id=municipality_id, year=year, policy=policy)
    generation, computed_stamp = row
    wanted = f"{generation}:{policy.threshold}:{policy.rounding}:"
    if computed_stamp.startswith(wanted):
        with _lock:
            hit = _cache.get((municipality_id, year))
        if hit is not None and hit[0] == computed_stamp:
            return hit[1]
        stored = (
            Publication.objects.filter(
                municipality_id=municipality_id, year=year, computed_stamp=computed_stamp
            )
            .values_list("cells", flat=True)
            .first()
        )
        if stored is not None:
            result = Published(
                municipality_id=municipality_id,
                year=year,
                policy=policy,
                cells={(s, p, d, c): cell for s, p, d, c, cell in stored},
                organisations={org.slug: org.name for org in organisations_of(municipality_id)},
            )
            with _lock:
                _cache[(municipality_id, year)] = (computed_stamp, result)
            return result
    result = compute(municipality_id=municipality_id, year=year, policy=policy)
    stamp = wanted + secrets.token_hex(8)
    if store(result, generation=generation, stamp=stamp):
        with _lock:
            _cache[(municipality_id, year)] = (stamp, result)
    return result


def store(result: Published, *, generation: int, stamp: str) -> bool:
    """Keep computed cells, unless the figures changed again meanwhile."""
    return bool(
        Publication.objects.filter(
            municipality_id=result.municipality_id, year=result.year, generation=generation
        ).update(
            computed_stamp=stamp,
            cells=[[*key, cell] for key, cell in sorted(result.cells.items())],
        )
    )


def warm(*, municipality_id: int, years: list[int], policy: suppression.Policy) -> None:
    """Compute and keep the publications of these years now (after a rebuild)."""
    for year in years:
        published(municipality_id=municipality_id, year=year, policy=policy)


def _rows(municipality_id: int, year: int, organisations: list[Organisation]) -> list[Figure]:
    starts = {period.start for period in periods_mod.year_periods(year)}
    by_org = {org.pk: org.slug for org in organisations}
    rows = list(
        Figure.objects.filter(
            organisation_id__in=list(by_org), period_start__in=starts
        ).select_related(None)
    ) + list(Figure.objects.filter(municipality_id=municipality_id, period_start__in=starts))
    for row in rows:
        subject = by_org.get(row.organisation_id, MUNICIPALITY) if row.organisation_id else ""
        row.subject = subject  # type: ignore[attr-defined]
    return rows


def _period_label(row: Figure) -> str:
    return str(periods_mod.Period(row.period_kind, row.period_start))


def compute(*, municipality_id: int, year: int, policy: suppression.Policy) -> Published:
    organisations = organisations_of(municipality_id)
    rows = _rows(municipality_id, year, organisations)
    exact: dict[tuple[str, str, str, str], Figure] = {}
    for row in rows:
        exact[(row.subject, _period_label(row), row.dimension, row.code)] = row  # type: ignore[attr-defined]

    values: dict[Any, int] = {}
    for key, row in exact.items():
        for measure in COUNT_MEASURES:
            values[(*key, measure)] = int(getattr(row, measure))
    lines = build_lines(exact.keys(), [org.slug for org in organisations], year)
    shown = suppression.suppress(values, lines, policy)

    cells: Cells = {}
    for key, row in exact.items():
        cell: dict[str, Any] = {measure: shown[(*key, measure)] for measure in COUNT_MEASURES}
        contacts_hidden = cell["contact_moments"] is None
        cell["minutes"] = (
            None if contacts_hidden else suppression.round_to(row.minutes, policy.rounding)
        )
        cell["median_minutes"] = row.median_minutes if row.clients >= policy.threshold else None
        cell["mean_minutes"] = (
            None if contacts_hidden else suppression.ratio(row.minutes, row.clients, policy)
        )
        cell["satisfaction"] = suppression.ratio(
            row.satisfaction_sum, row.satisfaction_count, policy
        )
        cell["independent"] = suppression.ratio(
            row.independent_yes, row.independent_answered, policy
        )
        cells[key] = cell
    return Published(
        municipality_id=municipality_id,
        year=year,
        policy=policy,
        cells=cells,
        organisations={org.slug: org.name for org in organisations},
    )


def build_lines(keys: Any, organisation_slugs: list[str], year: int) -> list[suppression.Line]:
    """Every additive relation between the cells of one publication."""
    keys = set(keys)
    codes: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for subject, period, dimension, code in sorted(keys):
        codes[(subject, period, dimension)].append(code)
    lines: list[suppression.Line] = []
    # Codes of a dimension add up to the total.
    for (subject, period, dimension), members in codes.items():
        measures = PARTITIONS.get(Dimension(dimension), ())
        if not measures or (subject, period, "total", "") not in keys:
            continue
        for measure in measures:
            if measure not in COUNT_MEASURES:
                continue
            lines.append(
                suppression.Line(
                    (subject, period, "total", "", measure),
                    tuple((subject, period, dimension, code, measure) for code in members),
                )
            )
    # Information and advice plus trajectories make the cases.
    for subject, period, dimension, code in keys:
        lines.append(
            suppression.Line(
                (subject, period, dimension, code, "cases"),
                (
                    (subject, period, dimension, code, "information_advice"),
                    (subject, period, dimension, code, "trajectories"),
                ),
            )
        )
    # Organisations add up to the municipality.
    for subject, period, dimension, code in keys:
        if subject != MUNICIPALITY:
            continue
        members = [slug for slug in organisation_slugs if (slug, period, dimension, code) in keys]
        for measure in ADDITIVE_OVER_ORGANISATIONS:
            if measure not in COUNT_MEASURES:
                continue
            lines.append(
                suppression.Line(
                    (MUNICIPALITY, period, dimension, code, measure),
                    tuple((slug, period, dimension, code, measure) for slug in members),
                )
            )
    # Months add up to quarters, quarters to the year.
    for period in periods_mod.year_periods(year):
        children = period.children()
        if not children:
            continue
        for subject, label, dimension, code in keys:
            if label != str(period):
                continue
            for measure in ADDITIVE_OVER_PERIODS:
                if measure not in COUNT_MEASURES:
                    continue
                lines.append(
                    suppression.Line(
                        (subject, label, dimension, code, measure),
                        tuple(
                            (subject, str(child), dimension, code, measure) for child in children
                        ),
                    )
                )
    return lines
