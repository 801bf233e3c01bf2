"""The upload page, the job page and the download, through HTTP."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import logged_in_client
from wegwijs.accounts.constants import Role
from wegwijs.accounts.tests import factories as account_factories
from wegwijs.cases.models import Case
from wegwijs.registrations.constants import JobStatus
from wegwijs.registrations.models import ImportJob
from wegwijs.registrations.tests.conftest import csv_text, register_counts

pytestmark = pytest.mark.django_db

ROW = "C-1,K-1,financien,2024-01-10,,2024-01-11,telefoon,meedenken,30,ouderen,schalkwijk,"
HOME = "/registraties/"


@pytest.fixture
def web(coordinator):
    return logged_in_client(coordinator)


def upload(web, content: str, capture: Any, *, dry_run: bool = False) -> Any:
    data: dict[str, Any] = {
        "file": SimpleUploadedFile("registraties.csv", content.encode(), "text/csv")
    }
    if dry_run:
        data["dry_run"] = "on"
    with capture(execute=True):
        return web.post(HOME, data)


def test_the_page_shows_the_forms_and_the_format(web):
    response = web.get(HOME)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Registraties uitwisselen" in text
    assert 'enctype="multipart/form-data"' in text
    assert "client_ref;case_ref;topic" in text
    assert "Er zijn nog geen bestanden geïmporteerd." in text


def test_upload_runs_as_a_job_and_shows_the_result(
    web, organisation, django_capture_on_commit_callbacks
):
    response = upload(web, csv_text(ROW), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/registraties/imports/{job.pk}/"
    assert job.status == JobStatus.DONE
    assert job.result["cases_created"] == 1
    # The upload holds client data: it is gone once the job is done.
    assert not job.file
    assert Case.objects.get(case_ref="K-1").organisation == organisation

    page = web.get(response["Location"]).content.decode()
    assert "Klaar" in page
    assert 'value="100"' in page
    assert "hx-trigger" not in page  # a finished job is not polled
    assert "registraties.csv" in web.get(HOME).content.decode()


def test_a_wrong_file_lists_its_errors_on_the_job_page(web, django_capture_on_commit_callbacks):
    before = register_counts()
    response = upload(
        web,
        csv_text(ROW.replace("financien", "geldzaken"), ROW),
        django_capture_on_commit_callbacks,
    )
    job = ImportJob.objects.get()
    assert job.status == JobStatus.REJECTED
    assert job.error_count == 1
    assert register_counts() == before
    page = web.get(response["Location"]).content.decode()
    assert "Afgekeurd: er is niets opgeslagen" in page
    assert "1 fout in het bestand" in page
    assert "Onbekende code &#x27;geldzaken&#x27;" in page


def test_dry_run_writes_nothing(web, django_capture_on_commit_callbacks):
    before = register_counts()
    response = upload(web, csv_text(ROW), django_capture_on_commit_callbacks, dry_run=True)
    job = ImportJob.objects.get()
    assert job.dry_run
    assert job.status == JobStatus.DONE
    assert register_counts() == before
    page = web.get(response["Location"]).content.decode()
    assert "Het bestand is goed. Er is niets opgeslagen" in page


def test_a_running_job_is_polled_and_has_a_refresh_link(web, coordinator):
    job = ImportJob.objects.create(
        organisation=coordinator.organisation,
        created_by=coordinator,
        file_name="groot.csv",
        status=JobStatus.CHECKING,
        progress_done=250,
        progress_total=1000,
    )
    url = f"/registraties/imports/{job.pk}/"
    page = web.get(url).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert 'value="25"' in page
    assert "Ververs deze pagina" in page
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.WRITING)
    partial = web.get(url, headers={"HX-Request": "true"}).content.decode()
    assert '<progress id="job-progress" max="100"></progress>' in partial
    assert partial.lstrip().startswith('<div id="job-status"')
    assert "<html" not in partial


def test_an_upload_without_a_file_shows_the_form_again(web):
    response = web.post(HOME, {})
    assert response.status_code == 400
    assert "Kies een bestand." in response.content.decode()


def test_download_streams_the_period(web, django_capture_on_commit_callbacks):
    upload(web, csv_text(ROW), django_capture_on_commit_callbacks)
    response = web.get("/registraties/export.csv?first_day=2024-01-01&last_day=2024-12-31")
    assert response.status_code == 200
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "C-1;K-1;financien;2024-01-10" in text
    wrong = web.get("/registraties/export.csv?first_day=2024-12-31&last_day=2024-01-01")
    assert wrong.status_code == 400
    assert "De einddatum ligt vóór de begindatum." in wrong.content.decode()


@pytest.mark.parametrize("role", [Role.SUPPORTER, Role.MUNICIPALITY, Role.ADMINISTRATOR])
def test_other_roles_are_refused(organisation, role):
    user = account_factories.user(
        role, organisation_slug=organisation.slug if role == Role.SUPPORTER else None
    )
    web = logged_in_client(user)
    assert web.get(HOME).status_code == 403
    assert (
        web.get("/registraties/export.csv?first_day=2024-01-01&last_day=2024-12-31").status_code
        == 403
    )


def test_a_job_of_another_organisation_does_not_exist(web, coordinator):
    other = account_factories.user(Role.COORDINATOR)
    assert other.organisation is not None
    job = ImportJob.objects.create(
        organisation=other.organisation, created_by=other, file_name="ander.csv"
    )
    assert web.get(f"/registraties/imports/{job.pk}/").status_code == 404


def test_anonymous_visitors_go_to_the_login_page(client):
    response = client.get(HOME)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]
