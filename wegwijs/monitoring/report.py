"""The annual report "Resultaten cliëntondersteuning <gemeente> <jaar>" and the open-data file.

Written in sentences the way the seed report is ("In 2019 is er aan 18
cliënten ondersteuning geboden met 20 kwesties."). For the municipality every
figure is the suppressed one; for one organisation's coordinator the exact one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from django.utils.text import slugify
from django.utils.translation import gettext as _

from wegwijs.accounts.models import Organisation
from wegwijs.monitoring import dashboard as dash
from wegwijs.monitoring import periods as periods_mod
from wegwijs.monitoring import publication, selectors
from wegwijs.monitoring.constants import COUNT_MEASURES, Dimension


@dataclass
class Section:
    title: str
    sentences: list[str]
    tables: list[dash.Table] = field(default_factory=list)


@dataclass
class Report:
    title: str
    year: int
    suppressed: bool
    threshold: int
    sections: list[Section]
    filename: str


def _number(value: Any) -> str:
    if value is None:
        return _("een klein aantal (niet getoond)")
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def _hours(minutes: Any) -> Any:
    return None if minutes is None else minutes / 60


def _section(
    viewer: selectors.Viewer, subject: Organisation | None, year: int, title: str
) -> Section:
    period = periods_mod.Period(periods_mod.YEAR, date(year, 1, 1))
    cells = viewer.cells(subject, period)
    before = viewer.cells(subject, period.previous())
    total = cells.get((Dimension.TOTAL, ""), selectors.empty_cell())
    previous = before.get((Dimension.TOTAL, ""), selectors.empty_cell())
    people = _("cliënten") if subject is not None else _("inwoners")
    sentences = [
        _(
            "In %(year)s is er aan %(clients)s %(people)s ondersteuning geboden met %(cases)s kwesties."
        )
        % {
            "year": year,
            "clients": _number(total["clients"]),
            "people": people,
            "cases": _number(total["cases"]),
        },
        _(
            "Daarvan waren %(ia)s kwesties informatie en advies en %(trajectories)s ondersteuningstrajecten."
        )
        % {
            "ia": _number(total["information_advice"]),
            "trajectories": _number(total["trajectories"]),
        },
        _("Er waren %(contacts)s contactmomenten, samen %(hours)s uur.")
        % {
            "contacts": _number(total["contact_moments"]),
            "hours": _number(_hours(total["minutes"])),
        },
    ]
    if total["mean_minutes"] is not None:
        sentences.append(
            _(
                "Gemiddeld is er %(mean)s uur per cliënt besteed; de helft van de cliënten kreeg %(median)s uur of minder."
            )
            % {
                "mean": _number(_hours(total["mean_minutes"])),
                "median": _number(_hours(total["median_minutes"])),
            }
        )
    sentences.append(
        _("In %(previous)s waren dat %(clients)s %(people)s met %(cases)s kwesties.")
        % {
            "previous": year - 1,
            "clients": _number(previous["clients"]),
            "people": people,
            "cases": _number(previous["cases"]),
        }
    )
    if total["satisfaction"] is not None:
        sentences.append(
            _("Cliënten gaven bij het sluiten van een kwestie gemiddeld een %(mark)s.")
            % {"mark": _number(total["satisfaction"])}
        )
    survey = selectors.survey_figures(viewer=viewer, subject=subject, period=period)
    if survey["enough"]:
        sentences.append(
            _(
                "In de anonieme vragenlijst gaven %(n)s cliënten gemiddeld een %(mark)s; %(heard)s%% voelde zich gehoord."
            )
            % {
                "n": survey["responses"],
                "mark": _number(survey["mark"]),
                "heard": round(100 * survey["felt_heard"]),
            }
        )
    filters = dash.Filters(period=period, organisation=subject)
    topics = dash.Table(
        f"onderwerpen-{subject.slug if subject else 'gemeente'}",
        _("Kwesties en cliënten per onderwerp"),
        [_("Onderwerp"), _("Kwesties"), _("Cliënten")],
    )
    for code, label in selectors.labels(Dimension.TOPIC).items():
        cell = cells.get((Dimension.TOPIC, code), selectors.empty_cell())
        topics.rows.append([label, cell["cases"], cell["clients"]])
    trend = dash.Table(
        "trend",
        _("Vergelijking met het jaar ervoor"),
        [_("Cijfer"), str(year - 1), str(year)],
        chart_column=None,
    )
    for label, measure in (
        (_("Cliënten"), "clients"),
        (_("Kwesties"), "cases"),
        (_("Contactmomenten"), "contact_moments"),
    ):
        trend.rows.append([label, previous[measure], total[measure]])
    tables = [topics, trend]
    if subject is not None:
        reach = dash.reachability(viewer, filters)
        tables.append(reach)
    tables.append(dash.referral_flows(viewer, filters))
    return Section(title, sentences, tables)


def annual_report(*, viewer: selectors.Viewer, subject: Organisation | None, year: int) -> Report:
    if viewer.exact:
        assert viewer.organisation is not None
        place = viewer.organisation.name
        sections = [_section(viewer, viewer.organisation, year, viewer.organisation.name)]
    else:
        assert viewer.municipality is not None
        place = viewer.municipality.name
        organisations = [subject] if subject is not None else viewer.organisations()
        sections = []
        if subject is None:
            sections.append(_section(viewer, None, year, _("Alle organisaties samen")))
        sections += [_section(viewer, org, year, org.name) for org in organisations]
    title = _("Resultaten cliëntondersteuning %(place)s %(year)s") % {"place": place, "year": year}
    return Report(
        title=title,
        year=year,
        suppressed=not viewer.exact,
        threshold=viewer.policy.threshold,
        sections=sections,
        filename=slugify(title),
    )


def report_pdf(report: Report) -> bytes:
    """The report as a PDF with the same sentences and tables as the web page."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from wegwijs.cases.dossier import _pdf_fonts

    regular, bold = _pdf_fonts()
    sheet = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=sheet["BodyText"], fontName=regular, fontSize=10)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10)
    h1 = ParagraphStyle("h1", parent=sheet["Heading1"], fontName=bold)
    h2 = ParagraphStyle("h2", parent=sheet["Heading2"], fontName=bold)
    h3 = ParagraphStyle("h3", parent=sheet["Heading3"], fontName=bold)

    def text(value: Any, style: ParagraphStyle = small) -> Paragraph:
        return Paragraph(escape("\u2013" if value is None else str(value)), style)

    story: list[Any] = [Paragraph(escape(report.title), h1)]
    if report.suppressed:
        story.append(
            Paragraph(
                escape(
                    _("Aantallen onder %(threshold)d zijn niet getoond (-), andere zijn afgerond.")
                    % {"threshold": report.threshold}
                ),
                body,
            )
        )
    for section in report.sections:
        story.append(Paragraph(escape(section.title), h2))
        for sentence in section.sentences:
            story.append(Paragraph(escape(sentence), body))
        for table in section.tables:
            story.append(Paragraph(escape(table.title), h3))
            if table.note:
                story.append(Paragraph(escape(table.note), body))
            if not table.rows:
                continue
            data = [[text(c) for c in table.columns]]
            data += [[text(c) for c in row] for row in table.rows]
            width = 170 / len(table.columns)
            pdf_table = Table(data, colWidths=[width * mm] * len(table.columns), repeatRows=1)
            pdf_table.setStyle(
                TableStyle(
                    [
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
                        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ]
                )
            )
            story += [pdf_table, Spacer(1, 4 * mm)]
    buffer = BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=report.title, author="Wegwijs", lang="nl").build(
        story
    )
    return buffer.getvalue()


def open_data_rows(viewer: selectors.Viewer, year: int) -> list[list[Any]]:
    """Every suppressed cell of the municipality's year, as rows of a CSV for publication."""
    assert viewer.municipality is not None
    assert not viewer.exact
    published = publication.published(
        municipality_id=viewer.municipality.pk, year=year, policy=viewer.policy
    )
    header = ["organisatie", "periode", "indeling", "code", *COUNT_MEASURES, "minutes"]
    rows: list[list[Any]] = [header]
    for (subject, period, dimension, code), cell in sorted(published.cells.items()):
        rows.append(
            [
                subject or viewer.municipality.slug,
                period,
                dimension,
                code,
                *["" if cell[m] is None else cell[m] for m in COUNT_MEASURES],
                "" if cell["minutes"] is None else cell["minutes"],
            ]
        )
    return rows
