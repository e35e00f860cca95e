# SPDX-License-Identifier: EUPL-1.2
"""Importing models: the shipped GEMMA, the three formats, re-imports and releases side by side."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from bouwplaats.architecture.importers import detect_format, export_ameff
from bouwplaats.architecture.models import ArchitectureModel, Element, Layer, Relation, View
from bouwplaats.architecture.selectors import current_model
from bouwplaats.architecture.services import architecture_model_import
from bouwplaats.audit.models import AuditEntry

from .modelfiles import SMALL_AMEFF, SMALL_ARCHIMATE, write_archimate

pytestmark = pytest.mark.django_db

GEMMA_CSV = Path(settings.REFERENCE_DATA_DIR) / "gemma" / "model"
DIGID = "id-a5786df1-7ecf-11e3-67ab-0050568a6153"


def stored(model) -> tuple:
    """What an import must reproduce: every element, relation and view membership."""
    elements = sorted(
        Element.objects.filter(model=model).values_list(
            "identifier", "type", "layer", "name", "documentation", "object_id", "gemma_type", "properties"
        )
    )
    relations = sorted(
        Relation.objects.filter(model=model).values_list(
            "identifier",
            "type",
            "name",
            "source_identifier",
            "target_identifier",
            "source__identifier",
            "target__identifier",
            "attributes",
            "documentation",
            "properties",
        )
    )
    views = sorted(
        (view.identifier, view.name, sorted(member.identifier for member in view.elements.all()))
        for view in View.objects.filter(model=model).prefetch_related("elements")
    )
    return elements, relations, views


def row_counts() -> tuple:
    return (
        ArchitectureModel.objects.count(),
        Element.objects.count(),
        Relation.objects.count(),
        View.objects.count(),
        View.elements.through.objects.count(),
        AuditEntry.objects.count(),
    )


# --- the shipped GEMMA ----------------------------------------------------------------------


def test_shipped_gemma_is_loaded_with_its_release(gemma):
    assert (gemma.name, gemma.release, gemma.source_format) == ("GEMMA", "2026-06-30", "csv")
    assert (gemma.element_count, gemma.relation_count, gemma.view_count) == (3006, 6257, 358)
    assert gemma.elements.count() == 3006
    assert gemma.relations.count() == 6257
    assert gemma.views.count() == 358
    assert View.elements.through.objects.filter(view__model=gemma).count() == 13473
    assert gemma.properties["Release"] == "2026-06-30"
    assert gemma.properties["Type model"] == "Kernmodel"


def test_gemma_layers_and_ids(gemma):
    digid = gemma.elements.get(identifier=DIGID)
    assert (digid.name, digid.type, digid.layer) == ("DigiD", "ApplicationComponent", Layer.APPLICATION)
    assert (digid.gemma_type, digid.object_id) == (
        "Buitengemeentelijke voorziening",
        "a5786df1-7ecf-11e3-67ab-0050568a6153",
    )
    # GEMMA's standards are constraints: they count as motivation elements.
    assert set(gemma.elements.filter(gemma_type="Standaard").values_list("layer", flat=True)) == {Layer.MOTIVATION}
    assert gemma.elements.filter(layer=Layer.BUSINESS, type="BusinessFunction").count() == 304
    assert not gemma.elements.filter(layer="").exists()


def test_relations_are_linked_to_their_elements(gemma):
    assert not gemma.relations.filter(source__isnull=True, target__isnull=True).exists()
    # Three flows end on another relationship: kept by identifier, without an element.
    on_relations = gemma.relations.filter(target__isnull=True)
    assert on_relations.count() == 3
    for relation in on_relations:
        assert gemma.relations.filter(identifier=relation.target_identifier).exists()
    realised = gemma.relations.filter(source__identifier=DIGID, type="RealizationRelationship")
    assert "DigiD authenticatieservice (basis en middel)" in set(realised.values_list("target__name", flat=True))


def test_current_model_is_the_newest_release(gemma, staff):
    outcome = architecture_model_import(
        actor=staff, source=io.BytesIO(SMALL_AMEFF.encode()), format="ameff", name="GEMMA", release="2026-12-31"
    )
    assert current_model() == outcome.model
    architecture_model_import(
        actor=staff, source=io.BytesIO(SMALL_AMEFF.encode()), format="ameff", name="GEMMA", release="2025-01-01"
    )
    assert current_model() == outcome.model
    assert current_model("Onbekend") is None


# --- re-import, releases, permissions -------------------------------------------------------


def test_reimporting_the_same_release_changes_nothing(gemma, django_assert_max_num_queries):
    before, content = row_counts(), stored(gemma)
    with django_assert_max_num_queries(5):
        outcome = architecture_model_import(
            actor=None, source=GEMMA_CSV, format="csv", name="GEMMA", properties={"Release": "2026-06-30"}
        )
    assert outcome.unchanged and outcome.model == gemma
    assert row_counts() == before
    assert stored(gemma) == content


def test_same_release_with_other_content_is_refused(staff):
    architecture_model_import(actor=staff, source=io.BytesIO(SMALL_AMEFF.encode()), format="ameff")
    before = row_counts()
    changed = SMALL_AMEFF.replace("Zaaksysteem", "Zaaksysteem 2")
    with pytest.raises(ValidationError) as error:
        architecture_model_import(actor=staff, source=io.BytesIO(changed.encode()), format="ameff")
    assert "Release 1.0 of Klein has already been imported with different content." in error.value.messages
    assert row_counts() == before


def test_two_releases_live_side_by_side(staff):
    first = architecture_model_import(actor=staff, source=io.BytesIO(SMALL_AMEFF.encode()), format="ameff").model
    changed = SMALL_AMEFF.replace("Zaaksysteem", "Zaaksysteem 2")
    second = architecture_model_import(
        actor=staff, source=io.BytesIO(changed.encode()), format="ameff", release="2.0"
    ).model
    assert first.pk != second.pk
    assert first.elements.get(identifier="ac-1").name == "Zaaksysteem"
    assert second.elements.get(identifier="ac-1").name == "Zaaksysteem 2"
    assert second.properties["Release"] == "1.0" or second.release == "2.0"
    assert second.release == "2.0"


def test_an_import_is_audited_once(staff):
    before = AuditEntry.objects.count()
    model = architecture_model_import(actor=staff, source=io.BytesIO(SMALL_AMEFF.encode()), format="ameff").model
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.first()
    assert (entry.action, entry.actor, entry.object_id) == ("architecture.model.import", staff, str(model.pk))
    assert entry.changes["elements"] == [None, 5]
    assert model.imported_by == staff


def test_only_programme_staff_import(member):
    before = row_counts()
    with pytest.raises(PermissionDenied):
        architecture_model_import(actor=member, source=io.BytesIO(SMALL_AMEFF.encode()), format="ameff")
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        architecture_model_import(actor=AnonymousUser(), source=io.BytesIO(SMALL_AMEFF.encode()), format="ameff")
    assert row_counts() == before


def test_release_is_required_when_the_file_has_none(staff):
    without = SMALL_AMEFF.replace(
        '<property propertyDefinitionRef="pd-release"><value xml:lang="nl">1.0</value></property>', ""
    )
    with pytest.raises(ValidationError) as error:
        architecture_model_import(actor=staff, source=io.BytesIO(without.encode()), format="ameff")
    assert "release" in error.value.message_dict


# --- the formats give the same model --------------------------------------------------------


def test_small_model_is_the_same_from_ameff_and_archimate(staff):
    from_ameff = architecture_model_import(actor=staff, source=io.BytesIO(SMALL_AMEFF.encode()), format="ameff").model
    from_archi = architecture_model_import(
        actor=staff, source=io.BytesIO(SMALL_ARCHIMATE.encode()), format="archimate", name="Klein Archi"
    ).model
    assert stored(from_ameff) == stored(from_archi)
    assert from_ameff.content_digest == from_archi.content_digest
    component = from_archi.elements.get(identifier="ac-1")
    assert component.properties["Tag"] == ["een", "twee"]
    assert component.profile == "Referentiecomponent"
    assert from_archi.elements.get(identifier="j-1").type == "OrJunction"
    assert from_archi.elements.get(identifier="bf-1").folder_path == "Business/Functies"
    assert from_ameff.elements.get(identifier="bf-1").folder_path == "Business/Functies"
    assert from_archi.documentation == "Een klein model voor de tests."
    assert from_archi.views.get().viewpoint == from_ameff.views.get().viewpoint == "Layered"
    assert from_archi.relations.get(identifier="r-3").attributes == {"accessType": "1"}
    assert from_ameff.relations.get(identifier="r-4").attributes == {"directed": "true"}
    assert from_ameff.relations.get(identifier="r-5").attributes == {"strength": "++"}


def test_gemma_round_trips_through_the_ameff_export(gemma, staff):
    document = export_ameff(gemma)
    assert len(document) < 50 * 1024 * 1024
    again = architecture_model_import(
        actor=staff, source=io.BytesIO(document), format="ameff", release="ameff-round-trip", source_name="gemma.xml"
    ).model
    assert (again.element_count, again.relation_count, again.view_count) == (3006, 6257, 358)
    assert stored(again) == stored(gemma)
    assert again.content_digest == gemma.content_digest
    digid = again.elements.get(identifier=DIGID)
    assert digid.folder_path == gemma.elements.get(identifier=DIGID).folder_path
    assert again.documentation == gemma.documentation


def test_gemma_round_trips_through_an_archi_file(gemma, staff):
    document = write_archimate(gemma)
    again = architecture_model_import(
        actor=staff, source=io.BytesIO(document), format="archimate", release="archi-round-trip"
    ).model
    assert stored(again) == stored(gemma)
    assert again.content_digest == gemma.content_digest


def test_csv_from_a_zip(gemma, staff):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in GEMMA_CSV.iterdir():
            archive.write(path, f"export/{path.name}")
    buffer.seek(0)
    buffer.name = "gemma.zip"
    again = architecture_model_import(actor=staff, source=buffer, format="csv", name="GEMMA", release="zip")
    assert stored(again.model) == stored(gemma)


def test_exported_subgraph_keeps_only_complete_relations(gemma):
    from lxml import etree

    digid = gemma.elements.get(identifier=DIGID)
    neighbours = [relation.target for relation in digid.outgoing.select_related("target") if relation.target]
    document = export_ameff(gemma, elements=[digid, *neighbours], relations=gemma.relations.all())
    root = etree.fromstring(document)
    ns = {"a": "http://www.opengroup.org/xsd/archimate/3.0/"}
    exported = {node.get("identifier") for node in root.findall("a:elements/a:element", ns)}
    assert exported == {digid.identifier, *(element.identifier for element in neighbours)}
    for relation in root.findall("a:relationships/a:relationship", ns):
        assert relation.get("source") in exported and relation.get("target") in exported
    assert len(root.findall("a:relationships/a:relationship", ns)) == len(neighbours)
    # Only the views that show an exported element, with only those elements on them.
    for node in root.iter("{http://www.opengroup.org/xsd/archimate/3.0/}node"):
        assert node.get("elementRef") in exported


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("gemma.zip", b"PK", "csv"),
        ("model.archimate", b"", "archimate"),
        ("export.xml", b'<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/">', "ameff"),
        ("model.xml", b'<archimate:model xmlns:archimate="http://www.archimatetool.com/archimate">', "archimate"),
    ],
)
def test_detect_format(name, head, expected):
    assert detect_format(name, head) == expected


def test_small_model_round_trips_through_the_ameff_export(staff):
    """Junctions, repeated properties, access, influence and directed associations survive the export."""
    model = architecture_model_import(
        actor=staff, source=io.BytesIO(SMALL_ARCHIMATE.encode()), format="archimate"
    ).model
    again = architecture_model_import(
        actor=staff, source=io.BytesIO(export_ameff(model)), format="ameff", name="Klein", release="again"
    ).model
    assert stored(again) == stored(model)
    assert again.content_digest == model.content_digest


@pytest.mark.parametrize(
    ("releases", "newest"),
    [
        (["2025-12-01", "2026-06-30", "2026-01-15"], "2026-06-30"),
        (["5.9", "5.10", "5.2"], "5.10"),
    ],
)
def test_current_model_compares_releases_as_numbers(staff, releases, newest):
    for release in releases:
        architecture_model_import(
            actor=staff, source=io.BytesIO(SMALL_AMEFF.encode()), format="ameff", name="Volgorde", release=release
        )
    assert current_model("Volgorde").release == newest


def test_every_archimate_element_type_has_a_layer():
    from bouwplaats.architecture.importers.layers import ELEMENT_TYPES, LAYER_OF_TYPE

    assert len(ELEMENT_TYPES) == 62  # the 61 of the 3.0 exchange format, and ValueStream (3.1)
    assert set(LAYER_OF_TYPE.values()) == {layer.value for layer in Layer}
    assert LAYER_OF_TYPE["Constraint"] == Layer.MOTIVATION
    assert LAYER_OF_TYPE["ValueStream"] == Layer.STRATEGY
