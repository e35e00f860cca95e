# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.urls import reverse

from bouwplaats.core.testing import invalid_params
from bouwplaats.monitor.models import CurrentStatus, ImportBatch, StatusEvent

from .files import csv_file, snapshot, xlsx_file


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def post_file(api_client, file, **data):
    return api_client.post(reverse("import-list"), {"file": file, **data}, format="multipart")


def test_upload_gives_the_dry_run_report_then_apply(api_client, staff, programme, levels, blocks):
    api_client.force_authenticate(staff)
    response = post_file(
        api_client,
        csv_file([["GM0363", "AAA", "in gebruik", ""], ["GM0005", "BBB", "stap-1", ""]]),
        valid_on="2021-03-01",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["row_count"], body["programme"], body["valid_on"]) == (
        "checked",
        2,
        programme.slug,
        "2021-03-01",
    )
    assert body["counts"]["new"] == 2 and body["counts"]["resolved"] == 1
    second = body["rows"][1]
    assert (second["row"], second["municipality"], second["resolved_from"]) == (3, "GM1966", "GM0005")
    assert second["messages"] == [
        {"code": "municipality_resolved", "text": "Bedum merged: resolved GM0005 → GM1966.", "error": False}
    ]
    assert not StatusEvent.objects.exists()

    applied = api_client.post(reverse("import-apply", args=[body["id"]]))
    assert applied.status_code == 200 and applied.json()["status"] == "applied"
    assert CurrentStatus.objects.count() == 2
    again = api_client.post(reverse("import-apply", args=[body["id"]]))
    assert again.status_code == 409

    listing = api_client.get(reverse("import-list"))
    assert listing.status_code == 200
    assert listing.json()["results"][0]["change_count"] == 2
    detail = api_client.get(f"{reverse('import-detail', args=[body['id']])}?kind=new")
    assert [row["row"] for row in detail.json()["rows"]] == [2, 3]


def test_a_refused_dry_run_cannot_be_applied(api_client, staff, programme, levels, blocks):
    api_client.force_authenticate(staff)
    body = post_file(
        api_client, xlsx_file([["GM0363", "AAA", "in gebruik", ""], ["GM0363", "ZZZ", "stap-1", ""]])
    ).json()
    assert body["status"] == "refused" and body["counts"]["error"] == 1
    (error,) = [row for row in body["rows"] if row["kind"] == "error"]
    assert error["row"] == 3 and error["messages"][0]["code"] == "block_unknown"
    before = snapshot()
    response = api_client.post(reverse("import-apply", args=[body["id"]]))
    assert response.status_code == 409
    assert snapshot() == before


def test_an_unreadable_file_gives_400(api_client, staff, programme, levels):
    api_client.force_authenticate(staff)
    response = post_file(api_client, csv_file([], header=["niets"]))
    assert response.status_code == 400
    assert "file" in invalid_params(response)
    assert not ImportBatch.objects.exists()


def test_coordinators_get_403(api_client, staff, coordinator_a, programme, levels, blocks):
    api_client.force_authenticate(staff)
    batch_id = post_file(api_client, csv_file([["GM9901", "AAA", "in gebruik", ""]])).json()["id"]
    api_client.force_authenticate(coordinator_a)
    assert post_file(api_client, csv_file([["GM9901", "AAA", "in gebruik", ""]])).status_code == 403
    assert api_client.get(reverse("import-list")).status_code == 403
    assert api_client.get(reverse("import-detail", args=[batch_id])).status_code == 403
    assert api_client.post(reverse("import-apply", args=[batch_id])).status_code == 403
    api_client.force_authenticate(None)
    assert api_client.get(reverse("import-list")).status_code in (401, 403)
    assert not StatusEvent.objects.exists()


def test_the_list_takes_a_fixed_number_of_queries(
    api_client, staff, programme, levels, blocks, django_assert_max_num_queries
):
    api_client.force_authenticate(staff)
    for index in range(5):
        post_file(
            api_client, csv_file([["GM0363", "AAA", "in gebruik", ""]], name=f"f{index}.csv"), valid_on="2021-01-01"
        )
    with django_assert_max_num_queries(6):
        response = api_client.get(reverse("import-list"))
    assert response.json()["count"] == 5
