# SPDX-License-Identifier: EUPL-1.2
"""Validation against the schemas: the errors name the element (line and XPath) with the schema's
message; the message's namespace picks the schema of the standard; SOAP envelopes; limits on what is
kept; the schemas are parsed once per process."""

import importlib
import re
import threading

import pytest

from bouwplaats import wsgi
from bouwplaats.suppliers.conformance import limits, schemas
from bouwplaats.suppliers.conformance.validation import (
    UploadRefused,
    check_upload,
    clean_name,
)
from bouwplaats.suppliers.models import SchemaSet

from .conftest import (
    BG0204_CONFIRMATION,
    BG0204_QUESTION,
    UPDATE_ZAAK,
    WRONG_ELEMENT_PATH,
    example,
    upload,
    with_wrong_element,
    zipped,
)

ZKN = SchemaSet.STUF_ZKN_0310
BG0204 = SchemaSet.STUF_BG_0204


def check(data: bytes, schema_set: str = ZKN, name: str = "bericht.xml"):
    return check_upload(upload(name, data), schema_set=schema_set)


def refused(data: bytes, schema_set: str = ZKN, name: str = "bericht.xml") -> str:
    with pytest.raises(UploadRefused) as error:
        check(data, schema_set, name)
    return error.value.message


def test_a_wrong_element_fails_and_is_named_by_line_and_xpath(english_messages):
    outcome = check(with_wrong_element(example(UPDATE_ZAAK)))
    assert not outcome.passed
    assert (outcome.message_count, outcome.error_count) == (1, 1)
    (error,) = outcome.messages[0].errors
    assert error["path"] == WRONG_ELEMENT_PATH
    assert error["line"] == 24
    assert "ZKN:omschrijvingFout" in error["message"]


def test_a_missing_element_is_reported_on_its_parent():
    data = example("Geef_zaakstatus_zakLv01.xml")
    data = re.sub(rb"<StUF:applicatie>KING</StUF:applicatie>\s*<StUF:gebruiker/>", b"", data, count=1)
    (error,) = check(data).messages[0].errors
    assert error["path"] == "/ZKN:zakLv01/ZKN:stuurgegevens/StUF:zender" and error["line"] == 4
    assert "not complete" in error["message"] and "StUF:applicatie" in error["message"]


def test_a_wrong_value_is_reported_on_its_element():
    data = example("Geef_zaakstatus_zakLv01.xml").replace(
        b"<StUF:indicatorVervolgvraag>false", b"<StUF:indicatorVervolgvraag>misschien", 1
    )
    (error,) = check(data).messages[0].errors
    assert error["path"] == "/ZKN:zakLv01/ZKN:parameters/StUF:indicatorVervolgvraag"
    assert "misschien" in error["message"]


def test_a_message_in_a_soap_envelope_is_checked_with_lines_and_paths_of_the_file():
    message = with_wrong_element(example(UPDATE_ZAAK))
    envelope = (
        b'<?xml version="1.0"?>\n<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">\n'
        b"<soap:Header/>\n<soap:Body>\n" + message + b"</soap:Body>\n</soap:Envelope>\n"
    )
    (error,) = check(envelope).messages[0].errors
    assert error["path"] == "/soap:Envelope/soap:Body" + WRONG_ELEMENT_PATH
    assert error["line"] == 24 + 4


def test_an_empty_soap_envelope_is_refused(english_messages):
    envelope = b'<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body/></s:Envelope>'
    assert "holds no message in its Body" in refused(envelope)


def test_stuf_bg_0204_messages_are_checked_against_its_schema():
    assert check(BG0204_QUESTION, BG0204).passed
    assert check(BG0204_CONFIRMATION, BG0204).passed
    wrong = BG0204_QUESTION.replace(b"<BG:landnaam>Nederland</BG:landnaam>", b"<BG:landNaam>Nederland</BG:landNaam>")
    outcome = check(wrong, BG0204)
    assert outcome.messages[0].schema == "StUF-BG 2.04"
    (error,) = outcome.messages[0].errors
    assert error["path"] == "/BG:vraagBericht/BG:body/BG:LND[3]/BG:landNaam"


def test_a_stuf_bg_0310_message_is_checked_against_the_bg_0310_schema():
    outcome = check(b'<BG:npsLv01 xmlns:BG="http://www.egem.nl/StUF/sector/bg/0310"/>')
    assert outcome.messages[0].schema == "StUF-BG 3.10" and outcome.error_count >= 1


def test_a_message_of_another_standard_is_refused(english_messages):
    message = refused(example(UPDATE_ZAAK), BG0204)
    assert message == (
        "bericht.xml, line 1: <ZKN:zakLk01> is not a message of StUF-BG 2.04 (its namespace is "
        "“http://www.egem.nl/StUF/sector/zkn/0310”). Choose the standard the message belongs to."
    )
    assert "it has no namespace" in refused(b"<zakLk01/>")


def test_a_zip_lists_what_it_skips_and_checks_the_rest():
    data = zipped(
        {
            "berichten/": b"",
            "berichten/leesmij.txt": b"Test set",
            "berichten/goed.xml": example(UPDATE_ZAAK),
            "berichten/fout.XML": with_wrong_element(example(UPDATE_ZAAK)),
            "__MACOSX/berichten/._goed.xml": b"\x00\x05",
            "berichten/.DS_Store": b"\x00",
        }
    )
    outcome = check(data, name="set.zip")
    assert [(message.name, message.ignored, message.error_count) for message in outcome.messages] == [
        ("berichten/leesmij.txt", True, 0),
        ("berichten/goed.xml", False, 0),
        ("berichten/fout.XML", False, 1),
    ]
    assert (outcome.message_count, outcome.error_count, outcome.passed) == (2, 1, False)


def test_a_zip_without_xml_files_is_refused(english_messages):
    assert refused(zipped({"leesmij.txt": b"x"}), name="set.zip") == "The ZIP file holds no .xml files."


def test_errors_beyond_the_limit_are_counted_not_kept(monkeypatch):
    monkeypatch.setattr(limits, "MAX_ERRORS_KEPT", 2)
    data = example("Geef_zaakstatus_zakLv01.xml").replace(b'StUF:entiteittype="ZAK"', b'StUF:entiteittype="XXX"')
    data = data.replace(b"<StUF:indicatorVervolgvraag>false", b"<StUF:indicatorVervolgvraag>nee")
    data = data.replace(b"<ZKN:indicatieLaatsteStatus>J", b"<ZKN:indicatieLaatsteStatus>Q")
    message = check(data).messages[0]
    assert message.error_count >= 3 and len(message.errors) == 2


def test_the_errors_kept_per_upload_are_bounded(monkeypatch):
    monkeypatch.setattr(limits, "MAX_ERRORS_KEPT_PER_UPLOAD", 3)
    wrong = with_wrong_element(example(UPDATE_ZAAK))
    outcome = check(zipped({f"{n}.xml": wrong for n in range(5)}), name="set.zip")
    assert outcome.error_count == 5
    assert [len(message.errors) for message in outcome.messages] == [1, 1, 1, 0, 0]


@pytest.mark.parametrize(
    ("name", "cleaned"),
    [
        ("bericht.xml", "bericht.xml"),
        ("../../etc/passwd.xml", "etc/passwd.xml"),
        ("/abs/./x.xml", "abs/x.xml"),
        ("map\\sub\\y.xml", "map/sub/y.xml"),
        ("a\x00b\x1b[31m.xml", "ab[31m.xml"),
        ("x" * 300 + ".xml", "…" + ("x" * 300 + ".xml")[-199:]),
    ],
)
def test_names_are_cleaned(name, cleaned):
    assert clean_name(name) == cleaned


def test_a_schema_is_parsed_once_even_when_asked_at_the_same_moment(monkeypatch):
    parsed = []

    class SlowSchema:
        def __init__(self, *args, **kwargs):
            parsed.append(args)
            threading.Event().wait(0.2)

    file = schemas.SchemaFile("test", "Test", "nowhere.xsd", ("urn:test",))
    monkeypatch.setattr(schemas.xmlschema, "XMLSchema", SlowSchema)
    monkeypatch.setitem(schemas._locks, "test", threading.Lock())
    monkeypatch.setattr(schemas, "_parsed", {})
    results = []
    threads = [threading.Thread(target=lambda: results.append(schemas.schema(file))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(parsed) == 1
    assert len({id(result) for result in results}) == 1


def test_the_real_schema_is_kept_for_the_process():
    file = schemas.schema_file_for(ZKN, schemas.ZKN0310)
    assert schemas.schema(file) is schemas.schema(file)
    assert schemas.is_parsed(file)


def test_warm_up_parses_every_schema_file_of_the_sets(monkeypatch):
    asked = []
    monkeypatch.setattr(schemas, "schema", lambda file: asked.append(file.key))
    schemas.warm_up((ZKN,))
    assert asked == ["zkn0310", "bg0310"]
    asked.clear()
    schemas.warm_up()
    assert asked == ["bg0204", "zkn0310", "bg0310"]


def test_a_serving_process_parses_the_schemas_at_start_when_configured(settings, monkeypatch):
    started = []
    monkeypatch.setattr(schemas, "warm_up_in_background", lambda: started.append(True))
    settings.STUF_SCHEMAS_PRELOAD = False
    importlib.reload(wsgi)
    assert started == []
    settings.STUF_SCHEMAS_PRELOAD = True
    importlib.reload(wsgi)
    assert started == [True]
