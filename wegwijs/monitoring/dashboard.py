"""The tables behind the dashboard, the downloads and the annual report.

Every figure shown is a cell a ``Viewer`` may see: exact for the own
organisation, suppressed for the municipality. Each table carries the data
for its chart (server-rendered SVG bars), so chart and table never differ.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from wegwijs.accounts.models import Organisation
from wegwijs.cases import selectors as case_selectors
from wegwijs.monitoring import periods as periods_mod
from wegwijs.monitoring import selectors, suppression
from wegwijs.monitoring.constants import Dimension

CHART_WIDTH = 300  # px of the longest bar


@dataclass
class Table:
    id: str
    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    chart_column: int | None = 1  # the column drawn as bars
    note: str = ""

    def bars(self) -> list[dict[str, Any]]:
        if self.chart_column is None:
            return []
        values = [row[self.chart_column] for row in self.rows]
        numbers = [v for v in values if isinstance(v, int | float)]
        top = max(numbers, default=0) or 1
        return [
            {
                "label": row[0],
                "value": row[self.chart_column],
                "width": (
                    round(CHART_WIDTH * row[self.chart_column] / top)
                    if isinstance(row[self.chart_column], int | float)
                    else 0
                ),
                "y": index * 24,
            }
            for index, row in enumerate(self.rows)
        ]

    @property
    def chart_height(self) -> int:
        return max(len(self.rows) * 24, 24)


@dataclass(frozen=True)
class Filters:
    period: periods_mod.Period
    organisation: Organisation | None
    area: str = ""
    target_group: str = ""


def default_period(today: date | None = None) -> periods_mod.Period:
    """The last complete quarter."""
    today = today or timezone.localdate()
    return periods_mod.containing(today)[1].previous()


def _hours(minutes: Any) -> Any:
    return None if minutes is None else round(minutes / 60, 1)


def _change(now: Any, before: Any) -> str:
    if not isinstance(now, int | float) or not isinstance(before, int | float):
        return ""
    if before == 0:
        return ""
    percent = round(100 * (now - before) / before)
    return f"{percent:+d}%"


def _filtered_cell(cells: dict[tuple[str, str], Any], filters: Filters) -> dict[str, Any]:
    if filters.area:
        return cells.get((Dimension.AREA, filters.area), selectors.empty_cell())
    if filters.target_group:
        return cells.get((Dimension.TARGET_GROUP, filters.target_group), selectors.empty_cell())
    return cells.get((Dimension.TOTAL, ""), selectors.empty_cell())


def key_figures(viewer: selectors.Viewer, filters: Filters) -> Table:
    now_cells = viewer.cells(filters.organisation, filters.period)
    before_cells = viewer.cells(filters.organisation, filters.period.previous())
    now, before = _filtered_cell(now_cells, filters), _filtered_cell(before_cells, filters)
    clients_label = (
        _("Inwoners (uniek, over organisaties heen)")
        if filters.organisation is None
        else _("Cliënten")
    )
    rows: list[list[Any]] = []
    for label, measure, convert in (
        (clients_label, "clients", None),
        (_("Nieuwe cliënten"), "new_clients", None),
        (_("Kwesties"), "cases", None),
        (_("Informatie en advies"), "information_advice", None),
        (_("Ondersteuningstrajecten"), "trajectories", None),
        (_("Contactmomenten"), "contact_moments", None),
        (_("Uren"), "minutes", _hours),
        (_("Uren per cliënt (gemiddeld)"), "mean_minutes", _hours),
        (_("Uren per cliënt (mediaan)"), "median_minutes", _hours),
        (_("Tevredenheid (gemiddeld cijfer)"), "satisfaction", lambda v: round(v, 1)),
        (
            _("Ondersteuner ervaren als onafhankelijk (%)"),
            "independent",
            lambda v: round(100 * v),
        ),
    ):
        value_now, value_before = now.get(measure), before.get(measure)
        if convert is not None:
            value_now = None if value_now is None else convert(value_now)
            value_before = None if value_before is None else convert(value_before)
        rows.append([label, value_now, value_before, _change(value_now, value_before)])
    if not (filters.area or filters.target_group):
        deadlines_now = selectors.deadline_figures(
            viewer=viewer,
            subject=filters.organisation,
            period=filters.period,
            today=timezone.localdate(),
        )
        deadlines_before = selectors.deadline_figures(
            viewer=viewer,
            subject=filters.organisation,
            period=filters.period.previous(),
            today=timezone.localdate(),
        )
        for label, key in ((_("Termijnen gehaald"), "met"), (_("Termijnen verlopen"), "missed")):
            rows.append(
                [
                    label,
                    deadlines_now[key],
                    deadlines_before[key],
                    _change(deadlines_now[key], deadlines_before[key]),
                ]
            )
    return Table(
        "kerncijfers",
        _("Kerncijfers %(period)s") % {"period": filters.period},
        [
            _("Cijfer"),
            str(filters.period),
            str(filters.period.previous()),
            _("Verandering"),
        ],
        rows,
        chart_column=None,
    )


def quarter_trend(viewer: selectors.Viewer, filters: Filters, count: int = 8) -> Table:
    quarter = periods_mod.containing(filters.period.start)[1]
    quarters = [quarter]
    for _i in range(count - 1):
        quarters.insert(0, quarters[0].previous())
    rows = []
    for period in quarters:
        cell = _filtered_cell(viewer.cells(filters.organisation, period), filters)
        rows.append(
            [
                str(period),
                cell["clients"],
                cell["cases"],
                cell["contact_moments"],
                _hours(cell["minutes"]),
            ]
        )
    return Table(
        "trend",
        _("Trend per kwartaal"),
        [_("Kwartaal"), _("Cliënten"), _("Kwesties"), _("Contactmomenten"), _("Uren")],
        rows,
    )


def topics_per_organisation(viewer: selectors.Viewer, filters: Filters) -> list[Table]:
    """The seed report's Figure 1: clients and cases per topic, per organisation."""
    organisations = (
        [filters.organisation] if filters.organisation is not None else viewer.organisations()
    )
    labels = selectors.labels(Dimension.TOPIC)
    tables = []
    for organisation in organisations:
        cells = viewer.cells(organisation, filters.period)
        rows = []
        for code, label in labels.items():
            cell = cells.get((Dimension.TOPIC, code), selectors.empty_cell())
            rows.append([label, cell["cases"], cell["clients"]])
        tables.append(
            Table(
                f"onderwerpen-{organisation.slug}",
                _("Kwesties en cliënten per onderwerp: %(name)s") % {"name": organisation.name},
                [_("Onderwerp"), _("Kwesties"), _("Cliënten")],
                rows,
            )
        )
    return tables


def dimension_table(
    viewer: selectors.Viewer,
    filters: Filters,
    dimension: str,
    table_id: str,
    title: str,
    label: str,
) -> Table:
    cells = viewer.cells(filters.organisation, filters.period)
    labels = selectors.labels(dimension)
    codes = list(labels) + sorted(
        code for (dim, code) in cells if dim == dimension and code not in labels
    )
    rows = []
    for code in codes:
        cell = cells.get((dimension, code), selectors.empty_cell())
        name = labels.get(code) or (code or _("Onbekend"))
        if dimension in (Dimension.CHANNEL, Dimension.ACTIVITY):
            rows.append([name, cell["contact_moments"], _hours(cell["minutes"])])
        else:
            rows.append([name, cell["cases"], cell["clients"]])
    columns = (
        [label, _("Contactmomenten"), _("Uren")]
        if dimension in (Dimension.CHANNEL, Dimension.ACTIVITY)
        else [label, _("Kwesties"), _("Cliënten")]
    )
    return Table(table_id, title, columns, rows)


def reachability(viewer: selectors.Viewer, filters: Filters) -> Table:
    """Time from a resident's request to the first contact moment (DOMAIN.md §3)."""
    table = Table(
        "bereikbaarheid",
        _("Bereikbaarheid: van hulpvraag tot eerste contact"),
        [
            _("Organisatie"),
            _("Aanvragen met een kwestie"),
            _("Mediaan (dagen)"),
            _("Binnen 5 dagen (%)"),
        ],
        chart_column=2,
    )
    try:
        from wegwijs.intake import selectors as intake_selectors
    except ImportError:  # pragma: no cover - intake not installed
        table.note = _("Nog niet beschikbaar.")
        return table
    organisations = (
        [filters.organisation] if filters.organisation is not None else viewer.organisations()
    )
    policy = viewer.suppression
    for organisation in organisations:
        received = intake_selectors.accepted_request_times(
            organisation_id=organisation.pk,
            received_from=filters.period.start,
            received_until=filters.period.end,
        )
        firsts = case_selectors.monitoring_first_contacts(
            organisation_ids=[organisation.pk], case_ids=list(received)
        )
        days = [
            max((firsts[case_id] - received_at).total_seconds() / 86400, 0)
            for case_id, received_at in received.items()
            if case_id in firsts
        ]
        count = len(days)
        shown_count: Any = count
        median: Any = round(statistics.median(days), 1) if days else None
        within: Any = round(100 * sum(1 for d in days if d <= 5) / count) if count else None
        if policy is not None:
            shown_count = suppression.suppress({"n": count}, [], policy)["n"]
            if count < policy.threshold:
                median = within = None
        table.rows.append([organisation.name, shown_count, median, within])
    return table


def referral_flows(viewer: selectors.Viewer, filters: Filters) -> Table:
    """Referrals from which organisation to which (all statuses), suppressed as one table."""
    table = Table(
        "doorverwijzingen",
        _("Doorverwijzingen: van organisatie naar organisatie"),
        [_("Van"), _("Naar"), _("Aantal")],
        chart_column=None,
    )
    try:
        from wegwijs.referrals.selectors import referral_flows as flows_selector
    except ImportError:
        table.note = _("Nog niet beschikbaar.")
        return table
    organisations = (
        [filters.organisation] if filters.organisation is not None else viewer.organisations()
    )
    ids = [organisation.pk for organisation in organisations]
    counts: dict[tuple[int, Any], int] = {}
    for row in flows_selector(
        start=filters.period.start, end=filters.period.end, organisation_ids=ids
    ):
        key = (row.from_organisation_id, row.to_organisation_id or row.to_kind)
        counts[key] = counts.get(key, 0) + row.count
    names = dict(
        Organisation.objects.filter(
            pk__in={k[0] for k in counts} | {k[1] for k in counts if isinstance(k[1], int)}
        ).values_list("pk", "name")
    )
    shown: dict[Any, Any] = dict(counts)
    if viewer.suppression is not None:
        values: dict[Any, int] = dict(counts)
        lines = []
        for origin in {k[0] for k in counts}:
            members = tuple(k for k in counts if k[0] == origin)
            values[("from", origin)] = sum(counts[k] for k in members)
            lines.append(suppression.Line(("from", origin), members))
        for target in {k[1] for k in counts}:
            members = tuple(k for k in counts if k[1] == target)
            values[("to", target)] = sum(counts[k] for k in members)
            lines.append(suppression.Line(("to", target), members))
        shown = suppression.suppress(values, lines, viewer.suppression)
    for (origin, target), _count in sorted(
        counts.items(), key=lambda item: (names.get(item[0][0], ""), str(item[0][1]))
    ):
        target_name = names.get(target, "") if isinstance(target, int) else str(target)
        table.rows.append([names.get(origin, ""), target_name, shown[(origin, target)]])
    return table


def dashboard_tables(
    viewer: selectors.Viewer, filters: Filters, *, details: bool = False
) -> dict[str, Any]:
    """The dashboard's tables; ``details`` adds activities, areas, target groups and outcomes."""
    tables: dict[str, Any] = {
        "key": key_figures(viewer, filters),
        "trend": quarter_trend(viewer, filters),
        "topics": topics_per_organisation(viewer, filters),
        "channels": dimension_table(
            viewer, filters, Dimension.CHANNEL, "kanalen", _("Kanalen"), _("Kanaal")
        ),
        "reachability": reachability(viewer, filters),
        "referrals": referral_flows(viewer, filters),
    }
    if details:
        tables["activities"] = dimension_table(
            viewer, filters, Dimension.ACTIVITY, "activiteiten", _("Activiteiten"), _("Activiteit")
        )
        tables["areas"] = dimension_table(
            viewer, filters, Dimension.AREA, "wijken", _("Wijken"), _("Wijk")
        )
        tables["target_groups"] = dimension_table(
            viewer, filters, Dimension.TARGET_GROUP, "doelgroepen", _("Doelgroepen"), _("Doelgroep")
        )
        tables["outcomes"] = dimension_table(
            viewer,
            filters,
            Dimension.OUTCOME,
            "resultaten",
            _("Resultaat van gesloten kwesties"),
            _("Resultaat"),
        )
    return tables


def all_tables(tables: dict[str, Any]) -> dict[str, Table]:
    flat: dict[str, Table] = {}
    for value in tables.values():
        for table in value if isinstance(value, list) else [value]:
            flat[table.id] = table
    return flat
