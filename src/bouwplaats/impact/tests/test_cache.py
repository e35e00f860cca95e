# SPDX-License-Identifier: EUPL-1.2
"""One stored result per scenario and data version: the page, the report and the API read it, and a
change to the scenario, a landscape or the cost model (each audited) makes the next reader compute anew."""

import pytest
from django.urls import reverse

from bouwplaats.impact import analysis as analysis_module
from bouwplaats.impact import services
from bouwplaats.impact.models import ImpactScenario
from bouwplaats.impact.seed import DIGID_NARRATIVE
from bouwplaats.impact.services import clean_scenario

from .test_pages import login


@pytest.fixture
def computations(monkeypatch):
    calls = []
    compute = analysis_module.compute

    def counting(scenario, **kwargs):
        calls.append(scenario.pk)
        return compute(scenario, **kwargs)

    monkeypatch.setattr(analysis_module, "compute", counting)
    return calls


def test_page_report_and_api_share_one_computed_result(client, api_client, staff, scenario, landscapes, computations):
    login(client, staff)
    page = client.get(reverse("impact:scenario-detail", args=[scenario.pk]))
    assert page.status_code == 200
    computed_at = page.context["analysis"].computed_at
    report = client.get(reverse("impact:report", args=[scenario.pk]))
    municipality = client.get(reverse("impact:scenario-municipality", args=[scenario.pk, "GM0363"]))
    api_client.force_authenticate(staff)
    api = api_client.get(reverse("impact-scenario-elements", args=[scenario.pk]))
    assert (report.status_code, municipality.status_code, api.status_code) == (200, 200, 200)
    assert computations == [scenario.pk]
    assert report.context["analysis"].computed_at == computed_at
    assert [m.code for m in municipality.context["analysis"].municipalities] == ["GM0363"]


def stored_totals(scenario) -> dict:
    """The totals of the stored result (computed now if there is none)."""
    return analysis_module.analyse(ImpactScenario.objects.get(pk=scenario.pk)).totals()


def test_a_change_to_the_scenario_or_a_landscape_computes_anew(
    client, staff, scenario, landscapes, town_a, model, computations
):
    login(client, staff)
    url = reverse("impact:scenario-detail", args=[scenario.pk])
    client.get(url)
    client.get(url)
    assert len(computations) == 1

    services.scenario_update(actor=staff, scenario=scenario, **{**_fields(scenario), "max_depth": 2})
    client.get(url)
    assert len(computations) == 2
    assert stored_totals(scenario)["elements"] < 8

    services.scenario_update(actor=staff, scenario=scenario, **{**_fields(scenario), "max_depth": 6})
    client.get(url)
    assert len(computations) == 3
    before = stored_totals(scenario)["applications"]
    client.get(url)
    assert len(computations) == 3
    services.application_create(actor=staff, municipality=town_a, name="Nieuw portaal", components=["obj-b"])
    client.get(url)
    assert len(computations) == 4
    assert stored_totals(scenario)["applications"] == before + 1
    assert len(computations) == 4


def test_cost_model_change_computes_anew(client, staff, scenario, landscapes, computations):
    login(client, staff)
    url = reverse("impact:scenario-detail", args=[scenario.pk])
    client.get(url)
    cost = stored_totals(scenario)["cost"]
    services.cost_rates_update(actor=staff, rates={("application", 8): 1})
    client.get(url)
    assert stored_totals(scenario)["cost"] != cost
    assert len(computations) == 2


def test_cached_scenario_page_query_count(client, staff, scenario, landscapes, django_assert_num_queries):
    """A reader of the stored result costs the signed-in user and the data version, nothing more: the
    scenario, its latest run and the result's parts are kept per data version."""
    login(client, staff)
    url = reverse("impact:scenario-detail", args=[scenario.pk])
    client.get(url)
    with django_assert_num_queries(2):
        page = client.get(url)
    assert page.status_code == 200
    assert "Calculated at" in page.content.decode()
    with django_assert_num_queries(2):
        assert client.get(url + "?page=2").status_code == 200  # another page of the ranking: its own part


def test_cached_scenario_page_for_a_coordinator_lists_the_own_municipality(
    client, coordinator_a, scenario, landscapes, django_assert_num_queries
):
    login(client, coordinator_a)
    url = reverse("impact:scenario-detail", args=[scenario.pk])
    client.get(url)
    with django_assert_num_queries(3):  # the user, the data version, the municipalities the reader coordinates
        page = client.get(url)
    own = reverse("impact:scenario-municipality", args=[scenario.pk, "GM0363"])
    assert f'href="{own}"' in page.content.decode()


def test_a_recorded_run_shows_on_the_cached_page(client, staff, scenario, landscapes):
    login(client, staff)
    url = reverse("impact:scenario-detail", args=[scenario.pk])
    assert "Not recorded yet" in client.get(url).content.decode()
    services.scenario_run(actor=staff, scenario=scenario)
    page = client.get(url).content.decode()
    assert "Not recorded yet" not in page
    assert "GEMMA test-1" in page


def test_a_deleted_scenario_is_gone_from_the_cached_lookup(client, staff, scenario, landscapes):
    login(client, staff)
    url = reverse("impact:scenario-detail", args=[scenario.pk])
    assert client.get(url).status_code == 200
    services.scenario_delete(actor=staff, scenario=scenario)
    assert client.get(url).status_code == 404


def _fields(scenario) -> dict:
    return {
        "title": scenario.title,
        "model": scenario.model,
        "start_object_ids": scenario.start_object_ids,
        "rules": scenario.rules,
        "max_depth": scenario.max_depth,
    }


def test_the_narrative_survives_validation(scenario):
    cleaned = clean_scenario({**_fields(scenario), **DIGID_NARRATIVE})
    for name, text in DIGID_NARRATIVE.items():
        assert cleaned[name] == text
    assert cleaned["usability"].startswith("Met DigiD loggen inwoners veilig in")


def test_the_kept_scenario_holds_no_account(staff, scenario):
    """The lookup goes into the cache: without the rows of the users who created or ran it."""
    from bouwplaats.impact import selectors

    services.scenario_run(actor=staff, scenario=scenario)
    kept, run = selectors.scenario_with_latest_run(scenario.pk)
    assert set(kept._state.fields_cache) == {"model", "building_block", "programme"}
    assert set(run._state.fields_cache) == {"model", "scenario"} and run.scenario is kept
    assert selectors.scenario_with_latest_run(-1) == (None, None)
