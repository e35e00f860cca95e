# SPDX-License-Identifier: EUPL-1.2
"""The API of a programme's lifecycle: create, close and start a successor (programme staff)."""

import pytest

from bouwplaats.audit.models import AuditEntry
from bouwplaats.catalogue.models import BuildingBlock, Programme
from bouwplaats.core.testing import invalid_params

pytestmark = pytest.mark.django_db

PROGRAMMES = "/api/v1/programmes"


def new(**overrides):
    return {
        "slug": "digitale-agenda",
        "name": "Digitale Agenda",
        "start_date": "2016-01-01",
        "reference_date": "2016-01-01",
        **overrides,
    }


def successor(**overrides):
    return {
        "slug": "vervolg",
        "name": "Vervolg",
        "start_date": "2023-01-01",
        "reference_date": "2022-01-01",
        "parts": ["status_levels", "building_blocks"],
        "make_current": True,
        **overrides,
    }


@pytest.mark.parametrize("who", ["anonymous", "coordinator"])
def test_only_staff_create_close_and_succeed(api_client, request, programme, who):
    if who == "coordinator":
        api_client.force_login(request.getfixturevalue("coordinator"))
    expected = 403 if who == "coordinator" else 401  # no credentials: 401
    assert api_client.post(PROGRAMMES, new(), format="json").status_code == expected
    assert api_client.post(f"{PROGRAMMES}/{programme.slug}/close", {"closed_on": "2023-01-01"}).status_code == expected
    assert api_client.post(f"{PROGRAMMES}/{programme.slug}/successor", successor(), format="json").status_code == (
        expected
    )
    programme.refresh_from_db()
    assert not programme.is_closed
    assert not Programme.objects.filter(slug__in=["digitale-agenda", "vervolg"]).exists()


def test_staff_create_a_programme(api_client, staff, programme):
    api_client.force_login(staff)
    response = api_client.post(PROGRAMMES, new(predecessor=programme.slug), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["slug"], body["predecessor"], body["is_closed"], body["closed_on"]) == (
        "digitale-agenda",
        programme.slug,
        False,
        None,
    )
    duplicate = api_client.post(PROGRAMMES, new(), format="json")
    assert duplicate.status_code == 400
    assert invalid_params(duplicate)["slug"] == ["There is already a programme with the short name “digitale-agenda”."]


def test_staff_close_a_programme_and_then_it_refuses_changes(api_client, staff, programme, levels, blocks):
    api_client.force_login(staff)
    response = api_client.post(f"{PROGRAMMES}/{programme.slug}/close", {"closed_on": "2023-01-01"}, format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["is_closed"], response.json()["closed_on"]) == (True, "2023-01-01")
    message = f"{programme.name} was closed on 1 January 2023; it can no longer be changed."
    patched = api_client.patch(f"{PROGRAMMES}/{programme.slug}", {"name": "Anders"}, format="json")
    assert patched.status_code == 400
    assert message in str(patched.json())
    block = api_client.patch(f"/api/v1/building-blocks/{blocks[0].pk}", {"name": "Anders"}, format="json")
    assert block.status_code == 400
    assert message in str(block.json())
    again = api_client.post(f"{PROGRAMMES}/{programme.slug}/close", {"closed_on": "2023-02-01"}, format="json")
    assert again.status_code == 400
    assert AuditEntry.objects.filter(action="catalogue.programme.close").count() == 1


def test_closing_before_the_end_is_refused_with_the_reason(api_client, staff, programme):
    api_client.force_login(staff)
    response = api_client.post(f"{PROGRAMMES}/{programme.slug}/close", {"closed_on": "2022-12-01"}, format="json")
    assert response.status_code == 400
    assert "runs until 1 January 2023" in invalid_params(response)["closed_on"][0]


def test_staff_start_a_successor(api_client, staff, programme, levels, blocks):
    api_client.force_login(staff)
    response = api_client.post(f"{PROGRAMMES}/{programme.slug}/successor", successor(), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["slug"], body["predecessor"], body["is_current"], body["building_block_count"]) == (
        "vervolg",
        programme.slug,
        True,
        3,
    )
    assert [level["code"] for level in body["status_levels"]] == [level.code for level in levels]
    assert BuildingBlock.objects.filter(programme=programme).count() == 3


def test_a_successor_that_starts_too_early_is_refused(api_client, staff, programme, blocks):
    api_client.force_login(staff)
    response = api_client.post(
        f"{PROGRAMMES}/{programme.slug}/successor",
        successor(start_date="2022-01-01", parts=["statuses"]),
        format="json",
    )
    assert response.status_code == 400
    body = invalid_params(response)
    assert "A successor starts when" in body["start_date"][0]
    assert body["parts"] == [
        "“Current status per municipality” builds on “Status ladder” and “Building blocks”: choose that too."
    ]
    assert not Programme.objects.filter(slug="vervolg").exists()


def test_everyone_may_read_what_a_successor_can_take_over(api_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = api_client.get(f"{PROGRAMMES}/succession-parts")
    assert response.status_code == 200
    parts = {part["key"]: part for part in response.json()}
    assert parts["statuses"]["label"] == "Current status per municipality"
    assert parts["statuses"]["requires"] == ["status_levels", "building_blocks"]
    assert list(parts)[:3] == ["status_levels", "building_blocks", "result_agreements"]
