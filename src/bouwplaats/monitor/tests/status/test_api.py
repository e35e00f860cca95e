# SPDX-License-Identifier: EUPL-1.2
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from bouwplaats.catalogue.models import StatusVisibility
from bouwplaats.core.testing import invalid_params
from bouwplaats.monitor import services
from bouwplaats.monitor.models import StatusEvent

from ..factories import ApprovedMembershipFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db
STATUSES = reverse("status-list")
EVENTS = reverse("status-event-list")


@pytest.fixture
def reported(staff, town_a, town_b, blocks, levels):
    a, b, _ = blocks
    for town in (town_a, town_b):
        services.status_report(
            actor=staff, municipality=town, building_block=a, level=levels[1], valid_from=datetime.date(2022, 1, 5)
        )
        services.status_report(
            actor=staff, municipality=town, building_block=a, level=levels[2], valid_from=datetime.date(2022, 3, 5)
        )
        services.status_report(actor=staff, municipality=town, building_block=b, level=levels[1])


def codes(response):
    assert response.status_code == 200, response.content
    return sorted({row["municipality"] for row in response.json()["results"]})


def test_visibility_of_lists(api_client, reported, programme, staff, coordinator_a, member):
    assert codes(api_client.get(STATUSES)) == []
    assert codes(api_client.get(EVENTS)) == []
    api_client.force_authenticate(member)
    assert codes(api_client.get(STATUSES)) == []
    api_client.force_authenticate(coordinator_a)
    assert codes(api_client.get(STATUSES)) == ["GM9901"]
    assert codes(api_client.get(EVENTS, {"municipality": "GM9902"})) == []
    assert codes(api_client.get(STATUSES, {"municipality": "GM9902", "asOf": "2022-02-01"})) == []
    api_client.force_authenticate(staff)
    assert codes(api_client.get(STATUSES)) == ["GM9901", "GM9902"]
    api_client.force_authenticate(None)
    programme.municipality_status_visibility = StatusVisibility.PUBLIC
    programme.save()
    assert codes(api_client.get(STATUSES)) == ["GM9901", "GM9902"]


def test_the_api_follows_the_end_of_the_programme(api_client, reported, programme, coordinator_a):
    """ "Public after the end": the lists show every municipality from the end date on, as the pages do."""
    programme.municipality_status_visibility = StatusVisibility.AFTER_END
    programme.end_date = timezone.localdate() + datetime.timedelta(days=1)
    programme.save()
    assert codes(api_client.get(STATUSES)) == []
    assert codes(api_client.get(EVENTS)) == []
    api_client.force_authenticate(coordinator_a)  # their own municipality, as always
    assert codes(api_client.get(STATUSES)) == ["GM9901"]
    api_client.force_authenticate(None)
    programme.end_date = timezone.localdate()
    programme.save()
    assert codes(api_client.get(STATUSES)) == ["GM9901", "GM9902"]
    assert codes(api_client.get(EVENTS)) == ["GM9901", "GM9902"]
    assert codes(api_client.get(STATUSES, {"asOf": "2022-02-01"})) == ["GM9901", "GM9902"]
    programme.municipality_status_visibility = StatusVisibility.AGGREGATED
    programme.save()
    assert codes(api_client.get(STATUSES)) == []


def test_filters_and_as_of(api_client, reported, staff):
    api_client.force_authenticate(staff)
    rows = api_client.get(STATUSES, {"municipality": "gm9901", "buildingBlock": "AAA"}).json()["results"]
    assert [(row["level"], row["version"]) for row in rows] == [("stap-2", 2)]
    rows = api_client.get(STATUSES, {"municipality": "GM9901", "asOf": "2022-02-01"}).json()["results"]
    assert [(row["building_block"], row["level"], row["version"]) for row in rows] == [("AAA", "stap-1", None)]
    rows = api_client.get(STATUSES, {"asOf": "2022-02-01", "level": "stap-2"}).json()["results"]
    assert rows == []
    rows = api_client.get(STATUSES, {"level": "stap-2"}).json()["results"]
    assert len(rows) == 2
    rows = api_client.get(EVENTS, {"municipality": "GM9901", "buildingBlock": "AAA"}).json()["results"]
    assert [row["level"] for row in rows] == ["stap-2", "stap-1"]
    rows = api_client.get(EVENTS, {"municipality": "GM9901", "until": "2022-02-01"}).json()["results"]
    assert len(rows) == 1
    assert api_client.get(STATUSES, {"asOf": "gisteren"}).status_code == 400


def test_coordinator_posts_for_own_municipality_only(api_client, coordinator_a, town_a, town_b, blocks, levels):
    api_client.force_authenticate(coordinator_a)
    body = {"municipality": "GM9901", "building_block": "AAA", "level": "stap-1", "blockers": ["budget"]}
    response = api_client.post(EVENTS, body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["source"], data["version"], data["blockers"]) == ("self_report", 1, ["budget"])
    for changed in ({"municipality": "GM9902"}, {"municipality": "GM9902", "source": "staff"}, {"source": "staff"}):
        response = api_client.post(EVENTS, {**body, **changed}, format="json")
        assert response.status_code == 403, (changed, response.content)
    assert not StatusEvent.objects.filter(municipality=town_b).exists()
    assert StatusEvent.objects.count() == 1


def test_anonymous_and_members_cannot_post(api_client, member, blocks, levels, town_a):
    body = {"municipality": "GM9901", "building_block": "AAA", "level": "stap-1"}
    assert api_client.post(EVENTS, body, format="json").status_code in (401, 403)
    api_client.force_authenticate(member)
    assert api_client.post(EVENTS, body, format="json").status_code == 403
    assert not StatusEvent.objects.exists()


def test_post_validation(api_client, staff, blocks, levels, town_a):
    api_client.force_authenticate(staff)
    base = {"municipality": "GM9901", "building_block": "AAA", "level": "stap-1"}
    for changed, field in [
        ({"municipality": "GM0000"}, "municipality"),
        ({"building_block": "NOPE"}, "building_block"),
        ({"level": "nope"}, "level"),
        ({"budget_spent": "-3"}, "budget_spent"),
        ({"blockers": ["rain"]}, "blockers"),
        ({"source": "demo"}, "source"),
    ]:
        response = api_client.post(EVENTS, {**base, **changed}, format="json")
        assert response.status_code == 400, (changed, response.content)
        assert field in {name.split(".")[0] for name in invalid_params(response)}, response.json()
    assert not StatusEvent.objects.exists()


def test_post_conflict_409(api_client, staff, coordinator_a, blocks, levels, town_a):
    api_client.force_authenticate(coordinator_a)
    body = {"municipality": "GM9901", "building_block": "AAA", "level": "stap-1", "expected_version": 0}
    assert api_client.post(EVENTS, body, format="json").status_code == 201
    api_client.force_authenticate(staff)
    response = api_client.post(EVENTS, {**body, "level": "stap-2"}, format="json")
    assert response.status_code == 409
    data = response.json()
    assert data["current"]["version"] == 1 and data["current"]["level"] == "stap-1"
    assert [change["level"] for change in data["changes"]] == ["stap-1"]
    assert StatusEvent.objects.count() == 1
    response = api_client.post(EVENTS, {**body, "level": "stap-2", "expected_version": 1}, format="json")
    assert response.status_code == 201 and response.json()["version"] == 2


def test_municipality_of_another_division_is_refused(api_client, staff, blocks, levels):
    MunicipalityFactory(code="GM9960", valid_from=datetime.date(2000, 1, 1), valid_to=datetime.date(2010, 1, 1))
    api_client.force_authenticate(staff)
    body = {"municipality": "GM9960", "building_block": "AAA", "level": "stap-1"}
    assert api_client.post(EVENTS, body, format="json").status_code == 400


def test_list_query_counts_do_not_grow(api_client, staff, blocks, levels, django_assert_max_num_queries):
    towns = [MunicipalityFactory(code=f"GM98{i:02d}") for i in range(6)]
    for town in towns:
        ApprovedMembershipFactory(municipality=town)
        for block in blocks:
            for level in levels:
                services.status_report(actor=staff, municipality=town, building_block=block, level=level)
    api_client.force_authenticate(staff)
    for url, params in [(STATUSES, {}), (STATUSES, {"asOf": "2030-01-01"}), (EVENTS, {})]:
        with django_assert_max_num_queries(4):
            response = api_client.get(url, params)
        assert response.status_code == 200 and len(response.json()["results"]) > 10
