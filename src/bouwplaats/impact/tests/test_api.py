# SPDX-License-Identifier: EUPL-1.2
"""The impact API: scenarios, results, landscapes; and that changing a code or id reveals nothing."""

from django.urls import reverse

from bouwplaats.core.testing import invalid_params
from bouwplaats.impact.models import ImpactRun, ImpactScenario
from bouwplaats.impact.rules import preset_json

SCENARIOS = reverse("impact-scenario-list")


def test_anonymous_is_refused(api_client, scenario):
    assert api_client.get(SCENARIOS).status_code == 401
    assert api_client.get(reverse("impact-landscape-detail", args=["GM0363"])).status_code == 401


def test_member_reads_scenarios_and_elements(api_client, member, scenario, django_assert_max_num_queries):
    api_client.force_authenticate(member)
    listing = api_client.get(SCENARIOS).json()
    assert [s["title"] for s in listing["results"]] == ["Inlogvoorziening"]
    api_client.get(reverse("impact-scenario-elements", args=[scenario.pk]))
    with django_assert_max_num_queries(6):
        elements = api_client.get(reverse("impact-scenario-elements", args=[scenario.pk])).json()
    assert elements["count"] == 8
    burger = next(e for e in elements["results"] if e["name"] == "Burgerportaal")
    assert burger["layer"] == "application"
    assert [step["name"] for step in burger["path"]] == ["Inlogservice", "Inlog koppelvlak", "Burgerportaal"]
    assert burger["path_text"].startswith("Inlogvoorziening –Realization→")


def test_member_sees_no_municipality_result(api_client, member, scenario, landscapes):
    api_client.force_authenticate(member)
    assert api_client.get(reverse("impact-scenario-municipalities", args=[scenario.pk])).json()["count"] == 0
    assert api_client.get(reverse("impact-scenario-municipality", args=[scenario.pk, "GM0363"])).status_code == 403


def test_coordinator_reads_only_the_own_municipality(api_client, coordinator_a, scenario, landscapes):
    api_client.force_authenticate(coordinator_a)
    listing = api_client.get(reverse("impact-scenario-municipalities", args=[scenario.pk])).json()
    assert [m["code"] for m in listing["results"]] == ["GM0363"]
    own = api_client.get(reverse("impact-scenario-municipality", args=[scenario.pk, "GM0363"])).json()
    assert [a["name"] for a in own["applications"]] == ["Mijn Amsterdam", "Zaaksysteem"]
    assert own["cost"] > 0
    # Changing the code in the URL: refused.
    assert api_client.get(reverse("impact-scenario-municipality", args=[scenario.pk, "GM0014"])).status_code == 403
    assert api_client.get(reverse("impact-landscape-detail", args=["GM0014"])).status_code == 403
    own_landscape = api_client.get(reverse("impact-landscape-detail", args=["GM0363"])).json()
    assert {a["name"] for a in own_landscape["results"]} == {"Zaaksysteem", "Mijn Amsterdam"}


def test_staff_reads_every_municipality_paginated(api_client, staff, scenario, landscapes):
    api_client.force_authenticate(staff)
    listing = api_client.get(f"{reverse('impact-scenario-municipalities', args=[scenario.pk])}?pageSize=10").json()
    assert listing["count"] == 403
    assert len(listing["results"]) == 10
    assert api_client.get(reverse("impact-landscape-detail", args=["GM0014"])).json()["count"] == 1


def test_staff_creates_and_runs_a_scenario(api_client, staff, model, landscapes):
    api_client.force_authenticate(staff)
    response = api_client.post(
        SCENARIOS,
        {
            "title": "Via de API",
            "model": model.pk,
            "start_object_ids": ["obj-f"],
            "rules": preset_json("facility"),
            "max_depth": 5,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    scenario = ImpactScenario.objects.get(title="Via de API")
    assert scenario.rules == preset_json("facility")
    run = api_client.post(reverse("impact-scenario-run", args=[scenario.pk]))
    assert run.status_code == 201
    assert run.json()["summary"]["totals"]["components"] == 2


def test_invalid_scenario_is_a_400(api_client, staff, model):
    api_client.force_authenticate(staff)
    response = api_client.post(
        SCENARIOS,
        {
            "title": "X",
            "model": model.pk,
            "start_object_ids": ["nope"],
            "rules": [{"relation": "Realization", "direction": "up"}],
            "max_depth": 3,
        },
        format="json",
    )
    assert response.status_code == 400
    response = api_client.post(
        SCENARIOS,
        {"title": "X", "model": model.pk, "start_object_ids": ["nope"], "rules": preset_json("law"), "max_depth": 3},
        format="json",
    )
    assert response.status_code == 400
    assert "nope" in str(invalid_params(response)["start_object_ids"])


def test_coordinator_cannot_create_or_run(api_client, coordinator_a, scenario, model):
    api_client.force_authenticate(coordinator_a)
    response = api_client.post(
        SCENARIOS,
        {"title": "X", "model": model.pk, "start_object_ids": ["obj-f"], "rules": preset_json("law"), "max_depth": 3},
        format="json",
    )
    assert response.status_code == 403
    assert api_client.post(reverse("impact-scenario-run", args=[scenario.pk])).status_code == 403
    assert not ImpactRun.objects.exists()
