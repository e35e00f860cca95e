# SPDX-License-Identifier: EUPL-1.2
"""The report's PDF through a background job: the button, the job, the file on the progress page."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from bouwplaats.core.models import Job, JobState
from bouwplaats.monitor.tests.factories import UserFactory

from .conftest import DATE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def url(world, template="bestuur", name="pdf-job"):
    return f"{reverse(f'reports:report-{name}', args=[world.programme.slug, template])}?peildatum={DATE.isoformat()}"


def test_the_report_page_links_to_the_pdf_job(client, world):
    page = client.get(url(world, name="page")).content.decode()
    assert f'href="{url(world)}"' in page.replace("&amp;", "&")


def test_a_visitor_logs_in_before_a_pdf_is_made(client, world):
    response = client.get(url(world))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert client.post(url(world)).status_code == 302
    assert not Job.objects.exists()


def test_the_pdf_is_made_by_a_job_and_downloaded_from_its_page(client, world, django_capture_on_commit_callbacks):
    user = UserFactory()
    client.force_login(user)
    button = client.get(url(world))
    assert button.status_code == 200 and "Make the PDF" in button.content.decode()
    assert not Job.objects.exists()  # a GET starts nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(world))
    job = Job.objects.get(owner=user)
    assert response.status_code == 302 and response["Location"] == reverse("core:job-detail", args=[job.pk])
    assert job.state == JobState.DONE, job.message
    assert job.result_name == "rapportage-toetsprogramma-bestuur-2022-06-30.pdf"
    page = client.get(response["Location"]).content.decode()
    assert "The PDF is ready." in page
    assert reverse("core:job-download", args=[job.pk]) in page
    download = client.get(reverse("core:job-download", args=[job.pk]))
    assert download.status_code == 200
    pdf = PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    assert len(pdf.pages) == 7
    assert "Report on Toetsprogramma" in pdf.pages[0].extract_text()
    # The file is the requester's: another member gets a 404, programme staff may open it.
    client.force_login(UserFactory())
    assert client.get(reverse("core:job-download", args=[job.pk])).status_code == 404
    client.force_login(world.staff)
    assert client.get(reverse("core:job-download", args=[job.pk])).status_code == 200


def test_an_invalid_date_starts_no_job(client, world):
    client.force_login(UserFactory())
    address = reverse("reports:report-pdf-job", args=[world.programme.slug, "bestuur"])
    assert client.post(f"{address}?peildatum=31-02-2022").status_code == 400
    assert client.post(reverse("reports:report-pdf-job", args=[world.programme.slug, "jaarverslag"])).status_code == 404
    assert not Job.objects.exists()
