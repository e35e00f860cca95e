# SPDX-License-Identifier: EUPL-1.2
import datetime

import pytest
from django.db import OperationalError
from django.urls import reverse

from bouwplaats.audit.models import AuditEntry
from bouwplaats.core.models import Job, JobState
from bouwplaats.monitor.imports import services, writing
from bouwplaats.monitor.models import CurrentStatus, ImportBatch, ImportStatus, StatusEvent

from .files import csv_file, snapshot, xlsx_file

DAY = datetime.date(2021, 3, 1)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, file, programme, valid_on=DAY):
    return client.post(
        reverse("monitor:import-new"), {"programme": programme.pk, "file": file, "valid_on": valid_on.isoformat()}
    )


def test_upload_dry_run_report_and_apply(client, staff, programme, levels, blocks):
    client.force_login(staff)
    assert client.get(reverse("monitor:import-new")).status_code == 200
    response = upload(
        client, xlsx_file([["GM0363", "AAA", "in gebruik", "2021-01-04"], ["GM0005", "BBB", "stap-1", ""]]), programme
    )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("monitor:import-detail", args=[batch.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Dry run: every row passed the check." in page
    assert "Bedum merged: resolved GM0005 → GM1966." in page
    assert "Apply: record 2 statuses" in page
    assert not StatusEvent.objects.exists()

    response = client.post(reverse("monitor:import-apply", args=[batch.pk]), follow=True)
    assert "The import has been applied: 2 statuses recorded." in response.content.decode()
    assert CurrentStatus.objects.count() == 2
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED


def test_a_refused_import_shows_the_errors_with_row_numbers_and_cannot_be_applied(
    client, staff, programme, levels, blocks
):
    client.force_login(staff)
    upload(client, csv_file([["GM0363", "AAA", "in gebruik", ""], ["GM0363", "BBB", "bijna", "1-13-2020"]]), programme)
    batch = ImportBatch.objects.get()
    page = client.get(f"{reverse('monitor:import-detail', args=[batch.pk])}?kind=error").content.decode()
    assert "One row has an error: nothing can be applied." in page
    assert "“bijna” is not a status level" in page
    assert "“1-13-2020” in the column “geldig_vanaf” is not a date" in page
    assert "Apply:" not in page
    before = snapshot()
    response = client.post(reverse("monitor:import-apply", args=[batch.pk]), follow=True)
    assert "refused at its dry run" in response.content.decode()
    assert snapshot() == before


def test_a_file_that_cannot_be_read_is_shown_on_the_form(client, staff, programme, levels):
    client.force_login(staff)
    response = upload(client, csv_file([["x"]], header=["foo", "bar"]), programme)
    assert response.status_code == 200
    assert "The header row lacks these columns" in response.content.decode()
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize(
    "path", [reverse("monitor:import-list"), reverse("monitor:import-new"), reverse("monitor:import-example")]
)
def test_coordinators_get_403_and_anonymous_visitors_the_login_page(client, coordinator_a, programme, path):
    assert client.get(path).status_code == 302
    client.force_login(coordinator_a)
    assert client.get(path).status_code == 403


def test_coordinators_can_neither_see_nor_apply_an_import(client, staff, coordinator_a, programme, levels, blocks):
    batch = services.import_check(
        actor=staff, programme=programme, file=csv_file([["GM9901", "AAA", "in gebruik", ""]]), valid_on=DAY
    )
    client.force_login(coordinator_a)
    assert client.get(reverse("monitor:import-detail", args=[batch.pk])).status_code == 403
    assert client.post(reverse("monitor:import-apply", args=[batch.pk])).status_code == 403
    assert client.post(reverse("monitor:import-new"), {"programme": programme.pk}).status_code == 403
    assert not StatusEvent.objects.exists()


def test_the_import_list_takes_a_fixed_number_of_queries(
    client, staff, programme, levels, blocks, django_assert_max_num_queries
):
    for index in range(6):
        services.import_check(
            actor=staff,
            programme=programme,
            file=csv_file([["GM0363", "AAA", "in gebruik", ""]], name=f"file-{index}.csv"),
            valid_on=DAY,
        )
    client.force_login(staff)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("monitor:import-list"))
    text = page.content.decode()
    assert text.count("file-") == 6
    assert "checked (dry run)" in text


def test_the_example_file_can_be_imported(client, staff, programme, levels, blocks):
    client.force_login(staff)
    content = client.get(reverse("monitor:import-example")).content
    assert content.startswith(b"gemeentecode;bouwsteen;niveau")


def _apply(client, batch, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("monitor:import-apply", args=[batch.pk]))
    return response


def test_a_large_import_is_applied_by_a_background_job(
    client, staff, programme, levels, blocks, settings, django_capture_on_commit_callbacks
):
    settings.MONITOR_IMPORT_BACKGROUND_ROWS = 2
    client.force_login(staff)
    upload(client, csv_file([["GM0363", "AAA", "in gebruik", ""], ["GM0014", "BBB", "stap-1", ""]]), programme)
    batch = ImportBatch.objects.get()
    response = _apply(client, batch, django_capture_on_commit_callbacks)
    job = Job.objects.get(owner=staff)
    assert response.status_code == 302 and response["Location"] == reverse("core:job-detail", args=[job.pk])
    assert (job.state, job.done, job.total) == (JobState.DONE, 2, 2)
    page = client.get(response["Location"]).content.decode()
    assert "The import has been applied: 2 statuses recorded." in page
    assert f'href="{reverse("monitor:import-detail", args=[batch.pk])}"' in page
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED
    assert CurrentStatus.objects.count() == 2
    assert AuditEntry.objects.filter(action="import.apply", object_id=str(batch.pk)).count() == 1
    # Applying again fails with the service's message; nothing more is written.
    again = client.get(_apply(client, batch, django_capture_on_commit_callbacks)["Location"]).content.decode()
    assert "This import has already been applied." in again
    assert StatusEvent.objects.count() == 2


def test_a_database_failure_in_the_middle_of_a_background_apply_writes_nothing(
    client, staff, programme, levels, blocks, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.MONITOR_IMPORT_BACKGROUND_ROWS = 1
    client.force_login(staff)
    upload(client, csv_file([["GM0363", "AAA", "in gebruik", ""], ["GM0014", "BBB", "stap-1", ""]]), programme)
    batch = ImportBatch.objects.get()
    real_write_rows = writing.write_rows

    def write_then_lose_the_database(*args, **kwargs):
        real_write_rows(*args, **kwargs)
        assert StatusEvent.objects.count() == 2  # written, not yet committed
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(writing, "write_rows", write_then_lose_the_database)
    before = snapshot()
    response = _apply(client, batch, django_capture_on_commit_callbacks)
    job = Job.objects.get(owner=staff)
    assert job.state == JobState.FAILED
    assert "The database could not be reached" in job.message and "Nothing was changed" in job.message
    assert snapshot() == before
    assert not StatusEvent.objects.exists()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.CHECKED
    assert "The database could not be reached" in client.get(response["Location"]).content.decode()
