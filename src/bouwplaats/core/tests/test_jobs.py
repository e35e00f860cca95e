# SPDX-License-Identifier: EUPL-1.2
"""Background jobs: their life (queued, running, done or failed), the progress page and its download."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import OperationalError, transaction
from django.urls import reverse
from django.utils import timezone

from bouwplaats.core import jobs
from bouwplaats.core.jobs import JobFailed, JobResult, job_start, run_job
from bouwplaats.core.models import Job, JobState
from bouwplaats.core.tasks import clean_jobs

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]

KIND = "tests.example"


def _user(email: str, **extra):
    return get_user_model().objects.create_user(email=email, password="a-Long-test-passw0rd", **extra)


@pytest.fixture
def owner():
    return _user("owner@example.org")


@pytest.fixture
def runs(monkeypatch):
    """The runner of the test kind: each test sets what it does; staff are Django's ``is_staff``."""
    seen = {}

    def register(run):
        def recording(job, progress):
            seen["state"] = Job.objects.get(pk=job.pk).state
            seen["input"] = job.input_file.read() if job.input_file else None
            return run(job, progress)

        monkeypatch.setitem(jobs._RUNNERS, KIND, jobs.Runner(KIND, recording, lambda user: user.is_staff))
        return seen

    return register


def _start(owner, django_capture_on_commit_callbacks, **extra) -> Job:
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(owner=owner, kind=KIND, title="Example", **extra)
    job.refresh_from_db()
    return job


def test_a_job_is_queued_until_its_transaction_commits(owner, runs, django_capture_on_commit_callbacks):
    runs(lambda job, progress: JobResult(url="/done/"))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = job_start(owner=owner, kind=KIND, title="Example", arguments={"n": 1})
    assert Job.objects.get(pk=job.pk).state == JobState.QUEUED
    assert len(callbacks) == 1


def test_a_job_runs_and_ends_done_with_its_result(owner, runs, django_capture_on_commit_callbacks):
    def run(job, progress):
        progress.update(1, 2, "Halfway")
        assert Job.objects.get(pk=job.pk).message == "Halfway"
        return JobResult(url="/result/", message="All went well.")

    seen = runs(run)
    job = _start(owner, django_capture_on_commit_callbacks, input_file=ContentFile(b"data", name="in.txt"))
    assert seen == {"state": JobState.RUNNING, "input": b"data"}
    assert job.state == JobState.DONE
    assert (job.result_url, job.message, job.done, job.total) == ("/result/", "All went well.", 2, 2)
    assert job.started_at <= job.finished_at


def test_a_job_that_is_not_queued_is_not_run_again(owner, runs, django_capture_on_commit_callbacks):
    calls = []
    runs(lambda job, progress: calls.append(job.pk) or JobResult())
    job = _start(owner, django_capture_on_commit_callbacks)
    run_job(job.pk)
    assert calls == [job.pk]


@pytest.mark.parametrize(
    "error, message",
    [
        (ValidationError({"file": ["Line 3: no name."]}), "Line 3: no name."),
        (JobFailed("Refused."), "Refused."),
        (OperationalError("server closed the connection"), "The database could not be reached"),
        (RuntimeError("boom"), "unexpected error"),
    ],
)
def test_a_failing_job_is_marked_failed_and_writes_nothing(
    owner, runs, django_capture_on_commit_callbacks, error, message
):
    def run(job, progress):
        with transaction.atomic():
            Job.objects.create(kind=KIND, title="written by the failing job", owner=owner)
            raise error

    runs(run)
    job = _start(owner, django_capture_on_commit_callbacks)
    assert job.state == JobState.FAILED
    assert message in job.message
    assert job.finished_at is not None
    assert not Job.objects.filter(title="written by the failing job").exists()


def test_an_unknown_kind_cannot_be_started(owner):
    with pytest.raises(ValueError, match="No runner"):
        job_start(owner=owner, kind="tests.unknown", title="Example")


# --- the progress page -------------------------------------------------------------------------


@pytest.fixture
def queued(owner, runs):
    runs(lambda job, progress: JobResult())
    job = Job.objects.create(
        kind=KIND, title="Importing a model", owner=owner, state=JobState.RUNNING, done=3, total=10
    )
    return job


def test_the_owner_follows_a_running_job(english_client, owner, queued):
    english_client.force_login(owner)
    response = english_client.get(reverse("core:job-detail", args=[queued.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "The job is running." in content
    assert '<progress id="job-progress" max="10" value="3">30%</progress>' in content
    # It refreshes itself only when asked to (an unasked refresh moves a screen reader's reading point).
    assert 'http-equiv="refresh"' not in content
    assert f'href="{reverse("core:job-detail", args=[queued.pk])}?auto=1"' in content
    automatic = english_client.get(reverse("core:job-detail", args=[queued.pk]), {"auto": "1"}).content.decode()
    assert '<meta http-equiv="refresh" content="5">' in automatic
    assert "Stop refreshing automatically" in automatic


def test_staff_follow_another_users_job(english_client, queued):
    english_client.force_login(_user("staff@example.org", is_staff=True))
    assert english_client.get(reverse("core:job-detail", args=[queued.pk])).status_code == 200


def test_another_user_is_told_there_is_no_such_job(english_client, queued):
    english_client.force_login(_user("other@example.org"))
    assert english_client.get(reverse("core:job-detail", args=[queued.pk])).status_code == 404
    assert english_client.get(reverse("core:job-download", args=[queued.pk])).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(english_client, queued):
    response = english_client.get(reverse("core:job-detail", args=[queued.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.fixture
def shared_runs(monkeypatch):
    """The test kind, registered as shared: jobs without an owner are allowed."""
    monkeypatch.setitem(
        jobs._RUNNERS,
        KIND,
        jobs.Runner(KIND, lambda job, progress: JobResult(content=b"for all", file_name="all.txt"), bool, shared=True),
    )


def test_only_a_shared_kind_starts_jobs_without_an_owner(runs):
    runs(lambda job, progress: JobResult())
    with pytest.raises(ValueError, match="need an owner"):
        job_start(owner=None, kind=KIND, title="Example")
    with pytest.raises(ValueError, match="not shared"):
        jobs.job_shared(kind=KIND, key="a", title="Example")
    assert not Job.objects.exists()


def test_a_shared_job_is_started_once_per_key_and_anyone_follows_it(
    english_client, shared_runs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_shared(kind=KIND, key="report-1", title="Shared", arguments={"n": 1})
    assert jobs.job_shared(kind=KIND, key="report-1", title="Shared") == job
    assert jobs.job_shared(kind=KIND, key="report-2", title="Shared") != job
    job.refresh_from_db()
    assert job.owner is None and job.arguments == {"n": 1, jobs.SHARED_KEY: "report-1"}
    assert job.state == JobState.DONE
    page = english_client.get(reverse("core:job-detail", args=[job.pk])).content.decode()
    assert "given to everyone who asks for it" in page
    download = english_client.get(reverse("core:job-download", args=[job.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"for all"


def test_a_job_without_an_owner_of_a_kind_that_is_not_shared_is_for_no_one(english_client, runs):
    runs(lambda job, progress: JobResult())
    job = Job.objects.create(kind=KIND, title="Orphan", owner=None)  # e.g. the kind was shared once
    assert english_client.get(reverse("core:job-detail", args=[job.pk])).status_code == 302  # sign in first
    english_client.force_login(_user("member@example.org"))
    assert english_client.get(reverse("core:job-detail", args=[job.pk])).status_code == 404


def test_the_progress_page_takes_a_fixed_number_of_queries(english_client, owner, queued, django_assert_num_queries):
    english_client.force_login(owner)
    url = reverse("core:job-detail", args=[queued.pk])
    english_client.get(url)
    # The session, the user, the job.
    with django_assert_num_queries(3):
        assert english_client.get(url).status_code == 200


def test_a_failed_job_shows_its_message_and_no_refresh(english_client, owner, runs, django_capture_on_commit_callbacks):
    runs(lambda job, progress: (_ for _ in ()).throw(JobFailed("The file has no elements.")))
    job = _start(owner, django_capture_on_commit_callbacks)
    english_client.force_login(owner)
    content = english_client.get(reverse("core:job-detail", args=[job.pk]), {"auto": "1"}).content.decode()
    assert "The job has failed." in content
    assert "The file has no elements." in content
    assert 'http-equiv="refresh"' not in content
    assert "Refresh" not in content


def test_a_result_file_is_downloaded_by_its_owner_only(
    english_client, owner, runs, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    runs(lambda job, progress: JobResult(content=b"%PDF-1.7 ...", file_name="report.pdf"))
    job = _start(owner, django_capture_on_commit_callbacks)
    assert job.result_file.name.startswith("jobs/") and job.result_file.name.endswith("/report.pdf")
    assert (tmp_path / job.result_file.name).exists()  # private: outside the public media root
    english_client.force_login(owner)
    page = english_client.get(reverse("core:job-detail", args=[job.pk])).content.decode()
    assert reverse("core:job-download", args=[job.pk]) in page
    response = english_client.get(reverse("core:job-download", args=[job.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 ..."
    assert 'filename="report.pdf"' in response["Content-Disposition"]
    assert english_client.get(job.result_file.url).status_code == 200  # the private files' own address
    english_client.force_login(_user("other@example.org"))
    assert english_client.get(reverse("core:job-download", args=[job.pk])).status_code == 404
    assert english_client.get(job.result_file.url).status_code == 404


def test_the_nightly_clean_up_deletes_old_jobs_with_their_files_and_stops_stuck_ones_once(owner, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    now = timezone.now()
    old = Job.objects.create(kind="test.job", title="Oud", owner=owner, state=JobState.DONE, finished_at=now)
    old.result_file.save("oud.pdf", ContentFile(b"%PDF"), save=True)
    recent = Job.objects.create(kind="test.job", title="Recent", owner=owner, state=JobState.DONE, finished_at=now)
    stuck = Job.objects.create(kind="test.job", title="Vast", owner=owner, state=JobState.RUNNING)
    Job.objects.filter(pk=old.pk).update(finished_at=now - datetime.timedelta(days=31))
    Job.objects.filter(pk=stuck.pk).update(created_at=now - datetime.timedelta(hours=7))
    stored = tmp_path / old.result_file.name
    assert stored.exists()
    assert clean_jobs() == {"stopped": 1, "deleted": 1}
    assert not stored.exists() and not Job.objects.filter(pk=old.pk).exists()
    assert Job.objects.filter(pk=recent.pk).exists()
    stuck.refresh_from_db()
    assert stuck.state == JobState.FAILED and "stopped" in stuck.message
    assert clean_jobs() == {"stopped": 0, "deleted": 0}  # a second run changes nothing more
