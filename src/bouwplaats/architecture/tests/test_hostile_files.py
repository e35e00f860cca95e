# SPDX-License-Identifier: EUPL-1.2
"""Malformed and hostile files are refused with a clear message, and nothing is stored."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from bouwplaats.architecture.importers import safe_xml
from bouwplaats.architecture.services import architecture_model_import

from .modelfiles import SMALL_AMEFF, SMALL_ARCHIMATE
from .test_import import row_counts

pytestmark = pytest.mark.django_db

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE model [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" identifier="m"><name>&lol9;</name></model>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE model [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" identifier="m"><name>&secret;</name></model>
"""

EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE model SYSTEM "http://example.org/evil.dtd">
<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" identifier="m"><name>x</name></model>
"""


def refused(content: str | bytes, format: str = "ameff", **options) -> str:
    """Import ``content``; it must fail, store nothing, and say why."""
    data = content.encode() if isinstance(content, str) else content
    before = row_counts()
    with pytest.raises(ValidationError) as error:
        architecture_model_import(
            actor=None, source=io.BytesIO(data), format=format, source_name="upload.xml", **options
        )
    assert row_counts() == before
    assert list(error.value.message_dict) == ["source"]
    (message,) = error.value.message_dict["source"]
    return message


@pytest.mark.parametrize("content", [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD])
def test_document_type_declarations_are_refused(content):
    message = refused(content)
    assert message.startswith("upload.xml, line ")
    assert '<model identifier="m">' in message
    assert "document type declaration (DOCTYPE)" in message
    assert "root:" not in message  # nothing from /etc/passwd


def test_doctype_in_an_archi_file_is_refused():
    doctype = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n'
    message = refused(doctype + SMALL_ARCHIMATE.split("\n", 1)[1], format="archimate")
    assert "DOCTYPE" in message


def test_truncated_file():
    cut = SMALL_AMEFF[: SMALL_AMEFF.index("</relationships>")]
    message = refused(cut)
    assert "not well-formed XML" in message
    assert message.startswith("upload.xml, line 36, <relationship>: The file is not well-formed XML (Premature end")


def test_truncated_archi_file():
    message = refused(SMALL_ARCHIMATE[:1500], format="archimate")
    assert "not well-formed XML" in message and "line " in message


def test_undefined_entity():
    message = refused(SMALL_AMEFF.replace("Zaakservice", "&zaak;"))
    assert message == ("upload.xml, line 24, <name>: The file is not well-formed XML (Entity 'zaak' not defined).")


def test_unknown_element_type():
    message = refused(SMALL_AMEFF.replace('"OrJunction"', '"Widget"'))
    assert message == "upload.xml, line 25, Widget j-1: Unknown ArchiMate element type “Widget”."


def test_unknown_relationship_type_in_archi():
    message = refused(
        SMALL_ARCHIMATE.replace("archimate:ServingRelationship", "archimate:HelpingRelationship"), format="archimate"
    )
    assert (
        message
        == "upload.xml, line 26, HelpingRelationship r-2: Unknown ArchiMate relationship type “HelpingRelationship”."
    )


def test_relation_to_a_missing_element():
    message = refused(SMALL_AMEFF.replace('target="bf-1"', 'target="bf-404"'))
    assert message == (
        "upload.xml, line 30, ServingRelationship r-2: "
        "The target “bf-404” is not an element or relationship of this model."
    )


def test_view_showing_a_missing_element():
    message = refused(SMALL_AMEFF.replace('elementRef="bf-1"', 'elementRef="bf-404"'))
    assert "view v-1" in message and "bf-404" in message


def test_duplicate_identifier():
    message = refused(SMALL_AMEFF.replace('identifier="as-1"', 'identifier="ac-1"'))
    assert message == "upload.xml, line 24, ApplicationService ac-1: This identifier is used twice."


def test_undefined_property_definition():
    message = refused(SMALL_AMEFF.replace('propertyDefinitionRef="pd-tag"', 'propertyDefinitionRef="pd-none"', 1))
    assert (
        "The property definition “pd-none” does not exist." in message
        and 'line 16, <element identifier="ac-1">' in message
    )


def test_wrong_root_element():
    message = refused(SMALL_ARCHIMATE)  # an Archi file read as AMEFF
    assert "This is not an ArchiMate exchange file" in message and "line 2" in message


def test_file_larger_than_the_limit(monkeypatch):
    monkeypatch.setattr(safe_xml, "MAX_FILE_BYTES", 1000)
    message = refused(SMALL_AMEFF)
    assert "larger than" in message


def test_not_xml_at_all():
    assert "not well-formed XML" in refused(b"\x89PNG\r\n\x1a\n")


# --- CSV ---------------------------------------------------------------------------------------


def zipped(**files: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(f"{name}.csv", content)
    return buffer.getvalue()


RELATIONS = "id,type,name,source_id,target_id,attributes,documentation,properties\n"


def test_csv_with_bad_json():
    data = zipped(
        elements='id,type,name,documentation,properties\ne-1,BusinessActor,Burger,,"{not json"\n', relations=RELATIONS
    )
    message = refused(data, format="csv", name="Mini", release="1")
    assert message == "elements.csv, line 2, e-1: The column properties must hold a JSON object."


def test_csv_with_a_missing_column():
    data = zipped(elements="id,type,name\ne-1,BusinessActor,Burger\n", relations=RELATIONS)
    message = refused(data, format="csv", name="Mini", release="1")
    assert message == "elements.csv, line 1: Missing columns: documentation, properties."


def test_csv_relation_to_a_missing_element():
    data = zipped(
        elements="id,type,name,documentation,properties\ne-1,BusinessActor,Burger,,\n",
        relations=RELATIONS + "r-1,ServingRelationship,,e-1,e-2,,,\n",
    )
    message = refused(data, format="csv", name="Mini", release="1")
    assert (
        message == "relations.csv, line 2, ServingRelationship r-1: "
        "The target “e-2” is not an element or relationship of this model."
    )


def test_csv_without_relations_file():
    data = zipped(elements="id,type,name,documentation,properties\n")
    assert "The CSV files for relations are missing" in refused(data, format="csv", name="Mini", release="1")


def test_not_a_zip():
    assert "This is not a ZIP file" in refused(b"hello", format="csv", name="Mini", release="1")
