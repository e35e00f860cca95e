# SPDX-License-Identifier: EUPL-1.2
"""The impact pages: who sees what, forms that write through the services, query counts."""

import pytest
from django.urls import reverse

from bouwplaats.audit.models import AuditEntry
from bouwplaats.catalogue.tests.factories import PASSWORD
from bouwplaats.core.tests.ods import read_ods
from bouwplaats.impact.models import Application, CostRate, ImpactRun, ImpactScenario


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)
    return client


# --- scenarios ----------------------------------------------------------------------------------


def test_scenario_pages_need_a_login(client, scenario):
    for url in (reverse("impact:scenario-list"), reverse("impact:scenario-detail", args=[scenario.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"] or "inloggen" in response["Location"]


def test_member_reads_the_national_result_without_municipalities(client, member, scenario, landscapes):
    login(client, member)
    response = client.get(reverse("impact:scenario-detail", args=[scenario.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Burgerportaal" in content
    assert "Realization" in content
    assert "Zaaksysteem" not in content  # no municipality's applications
    assert "Municipalities, the highest estimate first" not in content
    assert "<svg" in content and "Gaps and estimated effort per size class" in content


def test_staff_sees_every_municipality(client, staff, scenario, landscapes):
    login(client, staff)
    response = client.get(reverse("impact:scenario-detail", args=[scenario.pk]))
    assert "Municipalities, the highest estimate first" in response.content.decode()
    assert len(response.context["page_obj"].object_list) == 50


def test_scenario_detail_query_count(client, staff, scenario, landscapes, django_assert_max_num_queries):
    login(client, staff)
    url = reverse("impact:scenario-detail", args=[scenario.pk])
    client.get(url)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_coordinator_sees_only_the_own_municipality(client, coordinator_a, scenario, landscapes):
    login(client, coordinator_a)
    own = client.get(reverse("impact:scenario-municipality", args=[scenario.pk, "GM0363"]))
    assert own.status_code == 200
    assert "Zaaksysteem" in own.content.decode()
    assert "Inlog koppelvlak" in own.content.decode()  # the missing standard of Mijn Amsterdam
    other = client.get(reverse("impact:scenario-municipality", args=[scenario.pk, "GM0014"]))
    assert other.status_code == 403
    report = client.get(reverse("impact:report", args=[scenario.pk]) + "?gemeente=GM0014")
    assert report.status_code == 403
    xlsx = client.get(reverse("impact:report-xlsx", args=[scenario.pk]) + "?gemeente=GM0014")
    assert xlsx.status_code == 403


def test_staff_creates_a_scenario_from_a_preset(client, staff, model):
    login(client, staff)
    response = client.post(
        reverse("impact:scenario-new"),
        {
            "title": "Nieuwe wet",
            "model": model.pk,
            "start_elements": ["e-bf"],
            "preset": "law",
            "max_depth": 3,
        },
    )
    scenario = ImpactScenario.objects.get(title="Nieuwe wet")
    assert response.status_code == 302
    assert scenario.rules[0] == {
        "relation": "Aggregation",
        "direction": "forward",
        "from": "BusinessFunction",
        "to": "BusinessFunction",
    }
    assert AuditEntry.objects.filter(action="impact.scenario.create", object_id=str(scenario.pk)).exists()


def test_scenario_form_reports_bad_rules_and_unknown_starts(client, staff, model):
    login(client, staff)
    data = {"title": "Fout", "model": model.pk, "preset": "custom", "max_depth": 3}
    response = client.post(
        reverse("impact:scenario-new"), {**data, "start_elements": ["e-bf"], "rules": '[{"relation": "Teleport"}]'}
    )
    assert response.status_code == 200
    assert "not an ArchiMate relationship type" in response.context["form"].errors["rules"][0]
    response = client.post(reverse("impact:scenario-new"), {**data, "start_elements": ["nope"], "rules": "[]"})
    assert "nope" in response.context["form"].errors["start_elements"][0]
    assert not ImpactScenario.objects.filter(title="Fout").exists()


def test_only_staff_create_edit_and_run(client, coordinator_a, scenario):
    login(client, coordinator_a)
    assert client.get(reverse("impact:scenario-new")).status_code == 403
    assert client.get(reverse("impact:scenario-edit", args=[scenario.pk])).status_code == 403
    assert client.post(reverse("impact:scenario-run", args=[scenario.pk])).status_code == 403
    assert client.post(reverse("impact:report-edit", args=[scenario.pk]), {"usability": "x"}).status_code == 403
    assert client.get(reverse("impact:cost-model")).status_code == 403
    assert not ImpactRun.objects.exists()


def test_staff_records_a_run_naming_the_release(client, staff, scenario, landscapes):
    login(client, staff)
    response = client.post(reverse("impact:scenario-run", args=[scenario.pk]))
    assert response.status_code == 302
    run = ImpactRun.objects.get(scenario=scenario)
    assert run.model == scenario.model
    assert run.summary["model"] == "GEMMA test-1"
    assert run.summary["totals"]["standard_gaps"] == 1


# --- report ---------------------------------------------------------------------------------------


def test_report_with_sanitised_narrative(client, staff, member, scenario, landscapes):
    login(client, staff)
    response = client.post(
        reverse("impact:report-edit", args=[scenario.pk]),
        {"usability": "**Handig** <script>alert(1)</script>", "do_now": "- Inventariseer"},
    )
    assert response.status_code == 302
    login(client, member)
    content = client.get(reverse("impact:report", args=[scenario.pk])).content.decode()
    assert "<strong>Handig</strong>" in content
    assert "<script>alert" not in content
    assert "<li>Inventariseer</li>" in content
    assert "Feasibility of the result agreement" in content


def test_report_exports(client, staff, scenario, landscapes):
    login(client, staff)
    xlsx = client.get(reverse("impact:report-xlsx", args=[scenario.pk]))
    assert xlsx.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(xlsx.content))
    assert workbook.sheetnames == ["Elements", "Municipalities", "Gaps", "About"]
    assert workbook["Municipalities"].max_row == 404
    layers = {row[0] for row in workbook["Elements"].iter_rows(min_row=2, values_only=True)}
    assert layers and layers <= {"Business", "Application", "Technology", "Standards", "Other"}
    ods = client.get(reverse("impact:report-ods", args=[scenario.pk]))
    assert ods["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    sheets = read_ods(ods.content)
    assert list(sheets) == ["Elements", "Municipalities", "Gaps", "About"]
    assert len(sheets["Municipalities"]) == 404
    assert sheets["Municipalities"][1] == list(next(workbook["Municipalities"].iter_rows(min_row=2, values_only=True)))
    pdf = client.get(reverse("impact:report-pdf", args=[scenario.pk]) + "?gemeente=GM0363")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")


def test_the_xlsx_speaks_the_language_of_the_page(staff, scenario, landscapes):
    from io import BytesIO

    from django.test import Client
    from openpyxl import load_workbook

    dutch = Client()
    dutch.force_login(staff)
    workbook = load_workbook(BytesIO(dutch.get(reverse("impact:report-xlsx", args=[scenario.pk])).content))
    assert workbook.sheetnames == ["Elementen", "Gemeenten", "Hiaten", "Over"]
    header = next(workbook["Elementen"].iter_rows(max_row=1, values_only=True))
    assert header[:3] == ("Laag", "Naam", "ArchiMate-type")
    layers = {row[0] for row in workbook["Elementen"].iter_rows(min_row=2, values_only=True)}
    assert layers and layers <= {"Bedrijf", "Applicatie", "Technologie", "Standaarden", "Overig"}


def test_member_xlsx_holds_no_municipality(client, member, scenario, landscapes):
    login(client, member)
    from io import BytesIO

    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(client.get(reverse("impact:report-xlsx", args=[scenario.pk])).content))
    assert workbook["Municipalities"].max_row == 1
    assert workbook["Gaps"].max_row == 1


# --- cost model -----------------------------------------------------------------------------------


def test_staff_edits_the_cost_model(client, staff):
    login(client, staff)
    page = client.get(reverse("impact:cost-model"))
    data = dict(page.context["form"].initial)
    data["standard_3"] = 1234
    assert client.post(reverse("impact:cost-model"), data).status_code == 302
    assert CostRate.objects.get(kind="standard", size_class=3).amount == 1234
    data["standard_3"] = -5
    assert client.post(reverse("impact:cost-model"), data).status_code == 200


# --- landscapes -----------------------------------------------------------------------------------


def test_landscape_is_visible_to_own_coordinators_and_staff_only(client, coordinator_a, member, staff, landscapes):
    login(client, coordinator_a)
    assert client.get(reverse("impact:landscape", args=["GM0363"])).status_code == 200
    assert client.get(reverse("impact:landscape", args=["GM0014"])).status_code == 403
    login(client, member)
    assert client.get(reverse("impact:landscape", args=["GM0363"])).status_code == 403
    login(client, staff)
    assert client.get(reverse("impact:landscape", args=["GM0014"])).status_code == 200


def test_landscape_query_count(client, coordinator_a, landscapes, django_assert_max_num_queries):
    login(client, coordinator_a)
    url = reverse("impact:landscape", args=["GM0363"])
    client.get(url)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert "Aanvraagcomponent" in response.content.decode()


def test_landscape_index_query_count(client, staff, landscapes, django_assert_max_num_queries):
    login(client, staff)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("impact:landscape-index"))
    assert response.status_code == 200


def test_coordinator_adds_changes_and_removes_an_application(client, coordinator_a, town_a, model):
    login(client, coordinator_a)
    response = client.post(
        reverse("impact:application-new", args=["GM0363"]),
        {"name": "Portaal", "supplier": "Leverancier", "components": ["obj-b"], "standards": ["obj-x"]},
    )
    assert response.status_code == 302
    app = Application.objects.get(municipality=town_a, name="Portaal")
    assert {(r.kind, r.object_id) for r in app.references.all()} == {("component", "obj-b"), ("standard", "obj-x")}
    response = client.post(
        reverse("impact:application-edit", args=["GM0363", app.pk]), {"name": "Portaal 2", "components": ["obj-a"]}
    )
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.name == "Portaal 2"
    assert [r.object_id for r in app.references.all()] == ["obj-a"]
    assert client.post(reverse("impact:application-delete", args=["GM0363", app.pk])).status_code == 302
    assert not Application.objects.filter(pk=app.pk).exists()


def test_changing_the_id_in_the_url_finds_nothing(client, coordinator_a, landscapes):
    """A coordinator of Amsterdam cannot reach Groningen's application, whatever the URL says."""
    login(client, coordinator_a)
    groningen_app = landscapes["b_burger"]
    # Under Groningen's code: refused.
    url = reverse("impact:application-edit", args=["GM0014", groningen_app.pk])
    assert client.post(url, {"name": "Overgenomen"}).status_code == 403
    # Under the own code, with Groningen's id: not found.
    url = reverse("impact:application-edit", args=["GM0363", groningen_app.pk])
    assert client.post(url, {"name": "Overgenomen"}).status_code == 404
    url = reverse("impact:application-delete", args=["GM0363", groningen_app.pk])
    assert client.post(url).status_code == 404
    groningen_app.refresh_from_db()
    assert groningen_app.name == "Burgerloket"


@pytest.mark.parametrize("code", ["GM9999", "XYZ"])
def test_unknown_municipality(client, staff, code):
    login(client, staff)
    assert client.get(reverse("impact:landscape", args=[code])).status_code == 404


def test_ameff_subgraph_holds_the_affected_elements_and_their_relations(client, member, scenario):
    import io

    from bouwplaats.architecture.importers import read_ameff
    from bouwplaats.architecture.importers.schema import schema_errors

    login(client, member)
    response = client.get(reverse("impact:report-ameff", args=[scenario.pk]))
    assert response.status_code == 200
    # The ArchiMate 3.1 exchange schema (data/archimate-xsd/) accepts it, as Archi requires.
    assert schema_errors(response.content) == []
    parsed = read_ameff(io.BytesIO(response.content), file_name="subgraaf.xml")
    assert {e.identifier for e in parsed.elements} == {"e-f", "e-s", "e-x", "e-v", "e-a", "e-b", "e-as", "e-bf"}
    # Catalogus and its standard were not affected; the relation between them is left out.
    assert {r.identifier for r in parsed.relations} == {"r1", "r2", "r3", "r4", "r5", "r6", "r7"}


def test_staff_deletes_a_scenario(client, staff, coordinator_a, scenario):
    login(client, coordinator_a)
    assert client.post(reverse("impact:scenario-delete", args=[scenario.pk])).status_code == 403
    login(client, staff)
    assert client.get(reverse("impact:scenario-delete", args=[scenario.pk])).status_code == 200
    assert client.post(reverse("impact:scenario-delete", args=[scenario.pk])).status_code == 302
    assert not ImpactScenario.objects.filter(pk=scenario.pk).exists()
    assert AuditEntry.objects.filter(action="impact.scenario.delete").exists()


def test_list_and_report_query_counts(client, staff, scenario, landscapes, django_assert_max_num_queries):
    login(client, staff)
    client.get(reverse("impact:report", args=[scenario.pk]))
    with django_assert_max_num_queries(10):
        assert client.get(reverse("impact:scenario-list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("impact:report", args=[scenario.pk])).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("impact:scenario-municipality", args=[scenario.pk, "GM0363"])).status_code == 200


def test_report_shows_the_readiness_of_the_result_agreements(client, staff, model, division_date):
    """A scenario from a building block with a result agreement: how many municipalities reached its level."""
    from bouwplaats.catalogue.models import BuildingBlock, ResultAgreement
    from bouwplaats.catalogue.selectors import current_programme

    programme = current_programme()
    block = BuildingBlock.objects.get(programme=programme, code="DIGID")
    agreement = ResultAgreement.objects.filter(building_blocks=block).first()
    if agreement is None:
        level = programme.status_levels.order_by("position").last()
        agreement = ResultAgreement.objects.create(
            programme=programme,
            number=99,
            title="DigiD",
            text="Aangesloten.",
            deadline=division_date,
            required_level=level,
        )
        agreement.building_blocks.add(block)
    scenario = ImpactScenario.objects.create(
        title="Blok",
        model=model,
        building_block=block,
        programme=programme,
        rules=[{"relation": "Realization"}],
        max_depth=1,
    )
    login(client, staff)
    response = client.get(reverse("impact:report", args=[scenario.pk]))
    readiness = response.context["readiness"]
    assert readiness and readiness[0].total == 403
    assert readiness[0].reached == 0  # no statuses in the test database
    assert agreement.title in response.content.decode()


def test_report_xlsx_does_not_turn_imported_names_into_formulas(client, staff, scenario, landscapes, town_a):
    from io import BytesIO

    from openpyxl import load_workbook

    from .conftest import add_application

    add_application(town_a, '=HYPERLINK("http://x")', components=["obj-a"], supplier="+Leverancier")
    login(client, staff)
    workbook = load_workbook(BytesIO(client.get(reverse("impact:report-xlsx", args=[scenario.pk])).content))
    amsterdam = next(row for row in workbook["Municipalities"].iter_rows(values_only=True) if row[0] == "GM0363")
    assert "'+Leverancier" in amsterdam[4]
    assert isinstance(amsterdam[7], int)  # numbers stay numbers
    cells = [cell for row in workbook["Gaps"].iter_rows(values_only=True) for cell in row]
    assert not any(isinstance(cell, str) and cell.startswith(("=", "+")) for cell in cells)
