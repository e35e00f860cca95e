# SPDX-License-Identifier: EUPL-1.2
"""The report's PDF through a background job: the button, the job, the file on the progress page."""

import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from bouwplaats.core import jobs
from bouwplaats.core.models import Job, JobState
from bouwplaats.core.ratelimit import PostingLimit
from bouwplaats.core.testing import in_english
from bouwplaats.monitor import services
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


def _pdf_text(response) -> tuple[int, str]:
    pdf = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return len(pdf.pages), "\n".join(page.extract_text() for page in pdf.pages)


def test_a_visitor_gets_the_shared_pdf_of_the_public_report(client, world, django_capture_on_commit_callbacks):
    button = client.get(url(world, "alv"))
    assert button.status_code == 200
    assert "Make the PDF" in button.content.decode() and "it is made once" in button.content.decode()
    assert not Job.objects.exists()  # a GET starts nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(world, "alv"))
    job = Job.objects.get()
    assert job.owner is None and job.state == JobState.DONE, job.message
    assert response.status_code == 302 and response["Location"] == reverse("core:job-detail", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert "The PDF is ready." in page and "given to everyone who asks for it" in page
    download = client.get(reverse("core:job-download", args=[job.pk]))
    assert download.status_code == 200
    pages, text = _pdf_text(download)
    assert pages > 1 and "Report on Toetsprogramma" in text
    # The public report: the programme keeps each municipality's progress to itself, so the tables that
    # name municipalities are left out (staff's own PDF has them, below).
    assert "Toetsdorp 4" not in text


def test_visitors_share_one_pdf_per_data_version(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url(world))
    with django_capture_on_commit_callbacks(execute=True):
        again = in_english(Client()).post(url(world))  # another visitor, the same report: the same job
    assert again["Location"] == first["Location"] and Job.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        dutch = Client().post(url(world))  # the PDF in Dutch is another file
    assert dutch["Location"] != first["Location"] and Job.objects.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        other_date = client.post(url(world).replace(DATE.isoformat(), "2022-05-31"))
    assert other_date["Location"] != first["Location"] and Job.objects.count() == 3
    services.status_report(
        actor=world.staff,
        municipality=world.towns[3],
        building_block=world.blocks[0],
        level=world.levels[1],
        valid_from=datetime.date(2022, 6, 1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        renewed = client.post(url(world))  # the figures changed: a new PDF
    assert renewed["Location"] not in (first["Location"], other_date["Location"]) and Job.objects.count() == 4


def test_a_failed_shared_pdf_is_made_again(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(world))
    Job.objects.update(state=JobState.FAILED)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(world))
    assert Job.objects.filter(state=JobState.DONE).count() == 1 and Job.objects.count() == 2


def test_visitors_start_a_bounded_number_of_new_pdfs(client, world, monkeypatch):
    monkeypatch.setattr(jobs, "SHARED_JOB_LIMITS", (PostingLimit(count=1, window=datetime.timedelta(minutes=10)),))
    assert client.post(url(world)).status_code == 302
    refused = client.post(url(world).replace(DATE.isoformat(), "2022-05-31"))
    assert refused.status_code == 429
    assert "try again in 10 minutes" in refused.content.decode()
    assert Job.objects.count() == 1
    assert client.post(url(world)).status_code == 302  # the job already there is still given
    assert Job.objects.count() == 1


def test_a_visitor_cannot_follow_a_members_pdf(client, world, django_capture_on_commit_callbacks):
    owner = Client()
    owner.force_login(world.staff)
    with django_capture_on_commit_callbacks(execute=True):
        owner.post(url(world, "alv"))
    job = Job.objects.get(owner=world.staff)
    download = owner.get(reverse("core:job-download", args=[job.pk]))
    assert "Toetsdorp 4" in _pdf_text(download)[1]  # staff's PDF names the municipalities not reached
    for name in ("core:job-detail", "core:job-download"):
        response = client.get(reverse(name, args=[job.pk]))
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    # A member signed in gets a 404 for a job that is not theirs, and never another's as a shared one.
    client.force_login(UserFactory())
    assert client.get(reverse("core:job-download", args=[job.pk])).status_code == 404


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
