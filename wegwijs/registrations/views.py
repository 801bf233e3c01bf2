"""The coordinators' page for the uniform registration format: upload, progress, download.

Thin views: the form parses, a service decides. The import runs as a
background job; its page refreshes while it runs (htmx when available, a
refresh link and a meta-free page without JavaScript).
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from wegwijs.accounts.permissions import Capability, require_capability
from wegwijs.accounts.types import AuthenticatedRequest
from wegwijs.core import errors
from wegwijs.core.pagination import list_page
from wegwijs.registrations import selectors, services
from wegwijs.registrations.formats import COLUMNS, RowError
from wegwijs.registrations.forms import ExportForm, UploadForm


def _page(
    request: AuthenticatedRequest, upload: UploadForm, export: ExportForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "registrations/home.html",
        {
            "upload_form": upload,
            "export_form": export,
            "jobs": list_page(request, selectors.jobs_for(user=request.user), param="imports"),
            "columns": COLUMNS,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@require_capability(Capability.IMPORT_REGISTRATIONS)
def home(request: AuthenticatedRequest) -> HttpResponse:
    if request.method == "POST":
        upload = UploadForm(request.POST, request.FILES)
        if upload.is_valid():
            try:
                job = services.import_job_create(
                    actor=request.user,
                    upload=upload.cleaned_data["file"],
                    dry_run=upload.cleaned_data["dry_run"],
                )
            except errors.PermissionDenied as exc:
                raise PermissionDenied(str(exc.message)) from exc
            return redirect("registrations:job", pk=job.pk)
        return _page(request, upload, ExportForm(), status=400)
    return _page(request, UploadForm(), ExportForm())


@require_GET
@require_capability(Capability.IMPORT_REGISTRATIONS)
def job(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    try:
        found = selectors.job_get(user=request.user, pk=pk)
    except errors.NotFound as exc:
        raise Http404(str(exc.message)) from exc
    context: dict[str, Any] = {
        "job": found,
        "errors": [RowError.from_dict(error) for error in found.errors],
        "more_errors": max(0, found.error_count - len(found.errors)),
    }
    template = "registrations/_job_status.html" if request.htmx else "registrations/job.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@require_GET
@require_capability(Capability.IMPORT_REGISTRATIONS)
def export(request: AuthenticatedRequest) -> HttpResponse:
    form = ExportForm(request.GET)
    if not form.is_valid():
        return _page(request, UploadForm(), form, status=400)
    first_day, last_day = form.cleaned_data["first_day"], form.cleaned_data["last_day"]
    organisation = request.user.organisation
    assert organisation is not None
    try:
        lines = services.registrations_export(
            actor=request.user, organisation=organisation, first_day=first_day, last_day=last_day
        )
    except errors.PermissionDenied as exc:
        raise PermissionDenied(str(exc.message)) from exc
    name = f"registraties-{organisation.slug}-{first_day:%Y%m%d}-{last_day:%Y%m%d}.csv"
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response  # type: ignore[return-value]  # a streaming response is a response too
