# SPDX-License-Identifier: EUPL-1.2
"""Landscape imports: dry run with a per-row report, then all rows at once; permissions per row."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from openpyxl import Workbook

from bouwplaats.impact.landscape_import import import_apply, import_check
from bouwplaats.impact.models import Application, ApplicationSource, ImportStatus, LandscapeImport

from .test_pages import login

CSV = (
    "Gemeentecode;Applicatie;Leverancier;Pakket;Versie;Referentiecomponenten;Standaarden\n"
    "GM0363;Zaken;Decos;Decos JOIN;2014.1;Aanvraagcomponent | obj-b;Inlog koppelvlak\n"
    "0363;Portaal;SIM Groep;SIMsite;3.2;burgerportaal;\n"
)


def upload(text: str, name="landschap.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"))


def test_dry_run_changes_nothing_then_apply_replaces_imported_and_demo_apps(coordinator_a, town_a, model):
    Application.objects.create(municipality=town_a, name="Oud, geïmporteerd", source=ApplicationSource.IMPORT)
    Application.objects.create(municipality=town_a, name="Demo", source=ApplicationSource.DEMO, is_demo=True)
    Application.objects.create(municipality=town_a, name="Zelf ingevoerd", source=ApplicationSource.SELF)
    batch = import_check(actor=coordinator_a, file=upload(CSV))
    assert batch.status == ImportStatus.CHECKED
    assert [row["components"] for row in batch.report["rows"]] == [
        ["Aanvraagcomponent", "Burgerportaal"],
        ["Burgerportaal"],
    ]
    assert Application.objects.filter(municipality=town_a).count() == 3
    import_apply(actor=coordinator_a, batch=batch)
    names = sorted(Application.objects.filter(municipality=town_a).values_list("name", flat=True))
    assert names == ["Portaal", "Zaken", "Zelf ingevoerd"]
    zaken = Application.objects.get(municipality=town_a, name="Zaken")
    assert sorted((r.kind, r.object_id) for r in zaken.references.all()) == [
        ("component", "obj-a"),
        ("component", "obj-b"),
        ("standard", "obj-x"),
    ]
    # Applying again is refused; importing the same file again gives the same landscape.
    with pytest.raises(ValidationError):
        import_apply(actor=coordinator_a, batch=batch)
    import_apply(actor=coordinator_a, batch=import_check(actor=coordinator_a, file=upload(CSV)))
    assert sorted(Application.objects.filter(municipality=town_a).values_list("name", flat=True)) == names


def test_rows_with_errors_refuse_the_whole_file(coordinator_a, town_a, model):
    text = CSV + "GM0014;Van een ander;X;;;Burgerportaal;\nGM0363;;X;;;Onbekende component;\nGM9999;Nergens;;;;;\n"
    batch = import_check(actor=coordinator_a, file=upload(text))
    assert batch.status == ImportStatus.REFUSED
    errors = [row["errors"] for row in batch.report["rows"]]
    assert errors[0] == errors[1] == []
    assert errors[2] == ["You may not change the landscape of Groningen."]
    assert errors[3] == ["The application has no name.", "Unknown reference component: Onbekende component."]
    assert "is not a municipality code" in errors[4][0]
    with pytest.raises(ValidationError):
        import_apply(actor=coordinator_a, batch=batch)
    assert not Application.objects.filter(municipality=town_a).exists()


def test_rows_keep_to_the_lengths_the_landscape_form_allows(coordinator_a, town_a, model):
    text = CSV + f"GM0363;Lang;X;;{'9' * 51};Burgerportaal;\n"
    batch = import_check(actor=coordinator_a, file=upload(text))
    assert batch.status == ImportStatus.REFUSED
    assert batch.report["rows"][2]["errors"] == ["version: at most 50 characters."]


def test_xlsx_and_unreadable_files(staff, model, town_a):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["gemeente", "applicatie", "leverancier", "referentiecomponent"])
    sheet.append(["GM0363", "Uit Excel", "Centric", "obj-a"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    batch = import_check(actor=staff, file=SimpleUploadedFile("l.xlsx", buffer.getvalue()))
    assert batch.status == ImportStatus.CHECKED
    import_apply(actor=staff, batch=batch)
    assert Application.objects.filter(municipality=town_a, name="Uit Excel").exists()
    with pytest.raises(ValidationError) as error:
        import_check(actor=staff, file=upload("naam;iets\nA;B\n"))
    assert "gemeente" in str(error.value)
    with pytest.raises(ValidationError):
        import_check(actor=staff, file=upload("x", name="l.pdf"))


def test_only_coordinators_and_staff_import_and_only_their_own_batches(member, coordinator_a, coordinator_b, model):
    with pytest.raises(PermissionDenied):
        import_check(actor=member, file=upload(CSV))
    batch = import_check(actor=coordinator_a, file=upload(CSV))
    with pytest.raises(PermissionDenied):
        import_apply(actor=coordinator_b, batch=batch)


def test_import_pages(client, coordinator_a, coordinator_b, model, town_a):
    login(client, coordinator_a)
    response = client.post(reverse("impact:import-new"), {"file": upload(CSV)})
    assert response.status_code == 302
    detail = client.get(response["Location"])
    assert "Dry run: every row passed the check." in detail.content.decode()
    batch_url = response["Location"]
    apply_url = reverse("impact:import-apply", kwargs=resolve(batch_url).kwargs)
    # Another coordinator cannot see or apply it (by changing the id).
    login(client, coordinator_b)
    assert client.get(batch_url).status_code == 404
    assert client.post(apply_url).status_code == 404
    login(client, coordinator_a)
    assert client.post(apply_url).status_code == 302
    assert Application.objects.filter(municipality=town_a).count() == 2


def test_the_permission_check_costs_no_query_per_row(coordinator_a, town_a, model):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bouwplaats.impact.landscape_import import Lookup, check_rows

    lookup = Lookup.build(coordinator_a)
    rows = [(n, {"municipality": "GM0363", "name": f"App {n}", "components": "obj-a"}) for n in range(2, 52)]
    with CaptureQueriesContext(connection) as queries:
        checked = check_rows(rows, lookup)
    assert len(queries) == 1  # is coordinator_a a coordinator of Amsterdam: asked once for 50 rows
    assert not any(row.errors for row in checked)
    other = [(2, {"municipality": "GM0014", "name": "Van een ander", "components": "obj-a"})]
    assert check_rows(other, lookup)[0].errors == ["You may not change the landscape of Groningen."]


def test_a_too_large_file_is_refused_with_the_limit(staff, model):
    file = upload(CSV)
    file.size = 5 * 1024 * 1024 + 1
    with pytest.raises(ValidationError) as error:
        import_check(actor=staff, file=file)
    assert error.value.message_dict == {"file": ["The file is too large: at most 5 MB."]}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param(
            "l.csv",
            CSV.encode("utf-16"),
            "The file could not be read as text: save it as “CSV UTF-8”.",
            id="utf-16",
        ),
        pytest.param("l.xlsx", b"not a workbook", "The file is not a valid XLSX workbook.", id="not-xlsx"),
    ],
)
def test_broken_files_are_refused_with_the_readers_message(staff, model, name, content, message):
    with pytest.raises(ValidationError) as error:
        import_check(actor=staff, file=SimpleUploadedFile(name, content))
    assert error.value.message_dict == {"file": [message]}
    assert not LandscapeImport.objects.exists()
