"""Dashboard, downloads, annual report, survey and settings pages."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wegwijs.accounts.permissions import Capability, require_capability
from wegwijs.core import fragments
from wegwijs.core.audit import audit_log
from wegwijs.core.errors import ApplicationError, NotFound, PermissionDenied, ValidationFailed
from wegwijs.monitoring import dashboard as dash
from wegwijs.monitoring import periods as periods_mod
from wegwijs.monitoring import report as report_mod
from wegwijs.monitoring import selectors, services
from wegwijs.monitoring.constants import AuditEvent
from wegwijs.monitoring.forms import DashboardFilterForm, SettingsForm, SurveyForm, SurveyInviteForm
from wegwijs.monitoring.models import SurveyOffer


def _viewer(request: HttpRequest) -> selectors.Viewer:
    if not request.user.is_authenticated:
        raise DjangoPermissionDenied
    try:
        return selectors.viewer_for(request.user)
    except PermissionDenied as exc:
        raise DjangoPermissionDenied from exc


def _filters(
    request: HttpRequest, viewer: selectors.Viewer
) -> tuple[DashboardFilterForm, dash.Filters]:
    form = DashboardFilterForm(request.GET or None, viewer=viewer)
    period = dash.default_period()
    organisation = viewer.organisation
    area = target_group = ""
    if form.is_bound and form.is_valid():
        period = form.cleaned_data["period"] or period
        slug = form.cleaned_data.get("organisation") or ""
        if slug and not viewer.exact:
            try:
                organisation = viewer.organisation_by_slug(slug)
            except NotFound as exc:
                raise Http404 from exc
        area = form.cleaned_data.get("area") or ""
        target_group = form.cleaned_data.get("target_group") or ""
    return form, dash.Filters(
        period=period, organisation=organisation, area=area, target_group=target_group
    )


def dashboard(request: HttpRequest) -> HttpResponse:
    """Figures for the municipality (suppressed) or the coordinator's organisation (exact)."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    viewer = _viewer(request)

    def body() -> str:
        return _dashboard_body(request, viewer)

    # Figures change when the rollups are recomputed (the stamp) or the settings
    # change (the policy); what is counted live (deadlines, reachability,
    # referrals, survey) may be this many seconds old.
    scope = {
        "organisation": viewer.organisation.pk if viewer.organisation else None,
        "municipality": viewer.municipality.pk if viewer.municipality else None,
        "policy": [viewer.policy.threshold, viewer.policy.rounding],
        "stamp": selectors.figures_stamp(viewer),
        "address": sorted(request.GET.lists()),
    }
    html = fragments.cached(
        "monitoring:dashboard", scope, body, settings.WEGWIJS_DASHBOARD_CACHE_SECONDS
    )
    return render(request, "monitoring/dashboard.html", {"body": mark_safe(html)})  # noqa: S308


def _dashboard_body(request: HttpRequest, viewer: selectors.Viewer) -> str:
    form, filters = _filters(request, viewer)
    details = request.GET.get("meer") == "1"
    tables = dash.dashboard_tables(viewer, filters, details=details)
    more = request.GET.copy()
    more["meer"] = "1"
    return render_to_string(
        "monitoring/_dashboard_body.html",
        {
            "viewer": viewer,
            "form": form,
            "filters": filters,
            "tables": tables,
            "query": request.GET.urlencode(),
            "details": details,
            "more_query": more.urlencode(),
            "survey": selectors.survey_figures(
                viewer=viewer, subject=filters.organisation, period=filters.period
            ),
        },
    )


def download(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    """One dashboard table as CSV or XLSX, with the same filters."""
    viewer = _viewer(request)
    _form, filters = _filters(request, viewer)
    found = dash.all_tables(dash.dashboard_tables(viewer, filters, details=True)).get(table)
    if found is None or fmt not in ("csv", "xlsx"):
        raise Http404
    audit_log(
        event=AuditEvent.FIGURES_EXPORTED,
        actor=request.user,  # type: ignore[arg-type]
        detail={"table": table, "format": fmt, "period": str(filters.period)},
    )
    name = f"wegwijs-{found.id}-{filters.period}"
    rows = [found.columns, *[[_cell(v) for v in row] for row in found.rows]]
    if fmt == "csv":
        return _csv_response(rows, f"{name}.csv")
    return _xlsx_response(found.title, rows, f"{name}.xlsx")


def _cell(value: Any) -> Any:
    return "" if value is None else value


def _csv_response(rows: list[list[Any]], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerows(rows)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _xlsx_response(title: str, rows: list[list[Any]], filename: str) -> HttpResponse:
    import xlsxwriter  # type: ignore[import-untyped]

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet(title[:31].replace(":", " ").replace("/", " "))
    bold = workbook.add_format({"bold": True})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value, bold if r == 0 else None)
    workbook.close()
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_capability(Capability.VIEW_MONITORING)
def open_data(request: HttpRequest) -> HttpResponse:
    """The municipality's suppressed figures of a year, one row per cell, for publication."""
    viewer = _viewer(request)
    period = periods_mod.parse(request.GET.get("jaar", "")) or periods_mod.Period(
        periods_mod.YEAR, dash.default_period().start.replace(month=1)
    )
    year = period.year
    rows = report_mod.open_data_rows(viewer, year)
    audit_log(
        event=AuditEvent.FIGURES_EXPORTED,
        actor=request.user,  # type: ignore[arg-type]
        detail={"table": "open-data", "format": "csv", "period": str(year)},
    )
    return _csv_response(rows, f"wegwijs-open-data-{viewer.municipality.slug}-{year}.csv")  # type: ignore[union-attr]


def _report_scope(request: HttpRequest) -> tuple[selectors.Viewer, Any, int]:
    viewer = _viewer(request)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("jaar") or today.year - 1)
    except ValueError:
        year = today.year - 1
    if not 1900 <= year <= today.year:
        year = today.year - 1
    try:
        subject = selectors.subject_for(
            viewer, organisation_slug=request.GET.get("organisatie", "")
        )
    except NotFound as exc:
        raise Http404 from exc
    except PermissionDenied as exc:
        raise DjangoPermissionDenied from exc
    return viewer, subject, year


def annual_report(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    viewer, subject, year = _report_scope(request)
    report = report_mod.annual_report(viewer=viewer, subject=subject, year=year)
    return render(
        request,
        "monitoring/report.html",
        {"report": report, "viewer": viewer, "query": request.GET.urlencode()},
    )


def annual_report_pdf(request: HttpRequest) -> HttpResponse:
    viewer, subject, year = _report_scope(request)
    report = report_mod.annual_report(viewer=viewer, subject=subject, year=year)
    response = HttpResponse(report_mod.report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report.filename}.pdf"'
    return response


# --- Survey ------------------------------------------------------------------------------


@require_capability(Capability.WORK_WITH_CLIENTS)
@require_http_methods(["GET", "POST"])
def survey_invite(request: HttpRequest) -> HttpResponse:
    """The supporter's offers after closing cases: make a link to give to the client."""
    offers = SurveyOffer.objects.filter(
        supporter_id=request.user.pk, expires_on__gte=timezone.localdate()
    ).order_by("expires_on")
    form = SurveyInviteForm(request.POST if request.method == "POST" else None)
    link = ""
    if request.method == "POST" and form.is_valid():
        offer = offers.first()
        try:
            if offer is None:
                raise NotFound(_("Er is geen gesloten kwestie om een link voor te maken."))
            token = services.survey_invite(
                actor=request.user,  # type: ignore[arg-type]
                offer_id=offer.pk,
                client_consents=form.cleaned_data["client_consents"],
            )
            link = request.build_absolute_uri(f"/enquete/{token}/")
        except ApplicationError as exc:
            form.add_error(
                getattr(exc, "field", None) if getattr(exc, "field", None) in form.fields else None,
                str(exc.message),
            )
    return render(
        request,
        "monitoring/survey_invite.html",
        {"offers": offers.count(), "form": form, "link": link},
    )


@require_http_methods(["GET", "POST"])
def survey_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The client's anonymous survey; works once."""
    if services.survey_invitation(token=token) is None:
        return render(request, "monitoring/survey_gone.html", status=404)
    form = SurveyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_answer(token=token, **form.cleaned_data)
        except ValidationFailed as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        except NotFound:
            return render(request, "monitoring/survey_gone.html", status=404)
        else:
            return redirect("monitoring:survey-thanks")
    return render(request, "monitoring/survey.html", {"form": form})


def survey_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "monitoring/survey_thanks.html")


# --- Settings ------------------------------------------------------------------------------


@require_capability(Capability.MANAGE_CONFIGURATION)
@require_http_methods(["GET", "POST"])
def settings_edit(request: HttpRequest) -> HttpResponse:
    current = services.monitoring_settings()
    form = SettingsForm(
        request.POST or None,
        initial={"threshold": current.threshold, "rounding": current.rounding},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.monitoring_settings_update(actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationFailed as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        else:
            messages.success(request, _("De instellingen zijn opgeslagen."))
            return redirect("monitoring:settings")
    return render(request, "monitoring/settings.html", {"form": form})
