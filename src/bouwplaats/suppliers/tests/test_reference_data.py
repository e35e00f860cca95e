# SPDX-License-Identifier: EUPL-1.2
"""The suppliers' reference data: the standards and agreements of data/suppliers/ and the standards of the
loaded GEMMA model, loaded by load_reference_data (the session's database has them) and again without change."""

import io
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from bouwplaats.architecture.models import Element
from bouwplaats.audit.models import AuditEntry
from bouwplaats.suppliers.models import Agreement, SchemaSet, Standard
from bouwplaats.suppliers.reference import gemma_standard_code

pytestmark = pytest.mark.django_db


def run(**options) -> str:
    output = io.StringIO()
    call_command("load_reference_data", stdout=output, **options)
    return output.getvalue()


def test_the_named_standards_with_their_gemma_version_and_schema_set():
    rows = {
        s.code: (s.name, s.gemma_object_id, s.schema_set) for s in Standard.objects.exclude(code__startswith="gemma-")
    }
    assert rows == {
        "stuf-bg-0204": ("StUF-BG 2.04", "c2f78a11-8db0-11e3-67ab-0050568a6153", SchemaSet.STUF_BG_0204),
        "stuf-bg-0310": ("StUF-BG 3.10", "c31412c1-8db0-11e3-67ab-0050568a6153", SchemaSet.STUF_ZKN_0310),
        "stuf-zkn-0310": ("StUF-ZKN 3.10", "c43428c1-8db0-11e3-67ab-0050568a6153", SchemaSet.STUF_ZKN_0310),
        "digikoppeling": ("Digikoppeling", "", SchemaSet.NONE),
    }
    # Each GEMMA id is an element of the shipped release.
    ids = [gemma_id for _name, gemma_id, _set in rows.values() if gemma_id]
    assert set(Element.objects.filter(object_id__in=ids).values_list("name", flat=True)) == {
        "StUF BG 2.04",
        "StUF BG 3.10",
        "StUF ZKN 3.10",
    }


def test_every_standard_of_the_gemma_model_is_a_standard():
    gemma = Element.objects.filter(gemma_type="Standaard").exclude(object_id="")
    assert gemma.count() == 200
    seeded = Standard.objects.filter(code__startswith="gemma-")
    assert set(seeded.values_list("gemma_object_id", flat=True)) == set(gemma.values_list("object_id", flat=True))
    bg = seeded.get(gemma_object_id="bcd20d91-8db0-11e3-67ab-0050568a6153")
    assert (bg.code, bg.name, bg.source) == ("gemma-stuf-bg", "StUF BG", "https://vng-realisatie.github.io/StUF-BG/")


def test_the_covenant_and_the_six_addenda_with_their_blocks():
    agreements = {a.title: a for a in Agreement.objects.filter(programme__slug="operatie-nup")}
    assert len(agreements) == 7
    assert agreements["Convenant KING en leveranciers"].kind == "covenant"
    blocks = {title: sorted(b.code for b in a.building_blocks.all()) for title, a in agreements.items()}
    assert blocks["Addendum implementeren en gebruiken van het StUF-koppelvlak Geo BAG"] == ["BAG"]
    assert blocks["Addendum Pre-fill e-formulieren"] == ["EFORMULIEREN"]
    assert blocks["Addendum Transitie Jeugd: aansluiting en gebruik CORV"] == []
    assert all(a.source.startswith("https://") for a in agreements.values())


def test_a_second_run_changes_nothing_and_keeps_what_staff_changed():
    Agreement.objects.filter(title="Addendum Pre-fill e-formulieren").update(description="Eigen tekst.")
    entries = AuditEntry.objects.count()
    output = run()
    assert "standards: 0 created, 4 kept" in output
    assert "GEMMA standards: 0 created, 0 updated, 200 kept" in output
    assert "supplier agreements: 0 created, 7 kept" in output
    assert AuditEntry.objects.count() == entries
    assert Agreement.objects.get(title="Addendum Pre-fill e-formulieren").description == "Eigen tekst."


def test_a_missing_standard_and_agreement_are_created_again():
    Standard.objects.filter(code="digikoppeling").delete()
    Agreement.objects.filter(title="Addendum Pre-fill e-formulieren").delete()
    output = run()
    assert "standards: 1 created, 3 kept" in output and "supplier agreements: 1 created, 6 kept" in output
    assert Agreement.objects.get(title="Addendum Pre-fill e-formulieren").building_blocks.get().code == "EFORMULIEREN"


def test_load_gemma_standards_adds_the_missing_and_renames_the_renamed():
    Standard.objects.filter(code="gemma-stuf-zkn").delete()
    Standard.objects.filter(code="gemma-stuf-bg").update(name="Oude naam")
    output = io.StringIO()
    call_command("load_gemma_standards", stdout=output)
    assert output.getvalue().strip() == "GEMMA standards: 1 created, 1 renamed, 198 kept."
    assert Standard.objects.get(code="gemma-stuf-bg").name == "StUF BG"
    assert Standard.objects.filter(code="gemma-stuf-zkn").exists()
    assert AuditEntry.objects.order_by("-id").first().action == "suppliers.gemma_standards.load"


def test_codes_of_gemma_standards():
    assert gemma_standard_code("BRP Personen bevragen API-standaard") == "gemma-brp-personen-bevragen-api-standaard"
    assert len(gemma_standard_code("x" * 200)) == 60


@pytest.fixture
def data_dir(tmp_path):
    target = tmp_path / "data"
    for folder in ("gemeenten", "programmes", "gemma", "suppliers"):
        shutil.copytree(Path(settings.REFERENCE_DATA_DIR) / folder, target / folder)
    return target


def test_bad_supplier_files_are_refused_with_every_problem_and_nothing_written(data_dir):
    standards = data_dir / "suppliers" / "standards.csv"
    standards.write_text(
        standards.read_text(encoding="utf-8").replace(",stuf-bg-0204,https", ",stuf-bg-9999,https"), encoding="utf-8"
    )
    agreements = data_dir / "suppliers" / "agreements.csv"
    agreements.write_text(
        agreements.read_text(encoding="utf-8").replace("operatie-nup,addendum,", "operatie-nup,bijlage,", 1), "utf-8"
    )
    before = Standard.objects.count()
    with pytest.raises(CommandError) as error:
        run(data_dir=data_dir)
    message = str(error.value)
    assert "2 problem(s)" in message
    assert "suppliers/standards.csv:2: schema_set: 'stuf-bg-9999' is not one of" in message
    assert "suppliers/agreements.csv:3: kind: 'bijlage' is not one of: covenant, addendum" in message
    assert Standard.objects.count() == before
