# SPDX-License-Identifier: EUPL-1.2
"""``manage.py load_reference_data``: the real data, idempotency, and refusal of bad data."""

import datetime
import hashlib
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bouwplaats.audit.models import AuditEntry
from bouwplaats.catalogue.models import BuildingBlock, Programme, ResultAgreement, StatusLevel
from bouwplaats.organisations.models import Municipality, Population, Province

pytestmark = pytest.mark.django_db

DIVISION = "gemeenten/nlextract_gemeentelijke-indeling_1990-2025.csv"
POPULATION_2014 = "gemeenten/cbs_wijkbuurtkaart_2014_gemeenten.csv"
POPULATION_2022 = "gemeenten/cbs_85067NED_gebieden_in_nederland_2022.csv"
PROGRAMME = "programmes/operatie-nup.json"
BLOCKS = "programmes/operatie-nup-bouwstenen.csv"
DESCRIPTIONS = "programmes/operatie-nup-beschrijvingen.csv"
AGREEMENTS = "programmes/operatie-nup-resultaatafspraken.csv"


def snapshot() -> tuple:
    """Row counts and a checksum of every row the command may write."""
    rows = [
        list(Province.objects.order_by("code").values_list()),
        list(Municipality.objects.order_by("code", "valid_from").values_list()),
        list(Population.objects.order_by("municipality_id", "year").values_list()),
        list(Programme.objects.order_by("slug").values_list()),
        list(StatusLevel.objects.order_by("programme_id", "position").values_list()),
        list(BuildingBlock.objects.order_by("programme_id", "code").values_list()),
        list(BuildingBlock.depends_on.through.objects.order_by("id").values_list()),
        list(ResultAgreement.objects.order_by("id").values_list()),
        list(ResultAgreement.building_blocks.through.objects.order_by("id").values_list()),
    ]
    counts = tuple(len(kind) for kind in rows) + (AuditEntry.objects.count(),)
    return counts, hashlib.sha256(repr(rows).encode()).hexdigest()


def run(**options) -> str:
    out = StringIO()
    call_command("load_reference_data", stdout=out, **options)
    return out.getvalue()


# The real data (loaded once per session by conftest.py)


def test_division_counts_match_cbs():
    assert Municipality.objects.on(datetime.date(2014, 1, 1)).count() == 403
    assert Municipality.objects.on(datetime.date(2022, 1, 1)).count() == 345
    assert Municipality.objects.on(datetime.date(2025, 1, 1)).count() == 342
    assert Municipality.objects.count() == 789
    assert Province.objects.count() == 12
    assert Province.objects.get(code="PV21").name == "Friesland"


def test_mergers_are_linked():
    appingedam = Municipality.objects.get(code="GM0003")
    assert appingedam.merged_into.code == "GM1979"
    assert appingedam.merged_into.name == "Eemsdelta"
    assert appingedam.valid_to == datetime.date(2021, 1, 1)
    # The 2023 merger that the RvIG table lacks is derived from the division file.
    voorne = Municipality.objects.get(code="GM1992")
    assert sorted(voorne.predecessors.values_list("code", flat=True)) == ["GM0501", "GM0530", "GM0614"]
    # Weesp ended in March 2022 and went to Amsterdam (RvIG).
    assert Municipality.objects.get(code="GM0457").merged_into.code == "GM0363"
    # Every period that ended has a successor, except a period continued under the same code.
    ended_without = Municipality.objects.filter(valid_to__isnull=False, merged_into__isnull=True)
    assert list(ended_without.values_list("code", "valid_to")) == [("GM0620", datetime.date(2002, 1, 1))]


def test_vianen_has_two_periods_in_two_provinces():
    periods = Municipality.objects.filter(code="GM0620").order_by("valid_from")
    assert [(p.province.name, p.valid_from.year, p.valid_to.year) for p in periods] == [
        ("Zuid-Holland", 1970, 2002),
        ("Utrecht", 2002, 2019),
    ]
    assert periods[1].merged_into.name == "Vijfheerenlanden"


def test_populations():
    assert Population.objects.filter(year=2014).count() == 403
    assert Population.objects.filter(year=2022, derived=False).count() == 345
    amsterdam_2014 = Population.objects.get(municipality__code="GM0363", year=2014)
    assert amsterdam_2014.inhabitants == 810_935
    assert amsterdam_2014.source == "CBS Wijk- en buurtkaart 2014 (afgerond op vijftallen)"
    assert sum(Population.objects.filter(year=2014).values_list("inhabitants", flat=True)) == 16_828_900
    # Voorne aan Zee gets the sum of its predecessors, marked as derived.
    derived = Population.objects.get(municipality__code="GM1992", year=2022)
    parts = Population.objects.filter(year=2022, municipality__code__in=["GM0501", "GM0530", "GM0614"])
    assert derived.derived is True
    assert derived.inhabitants == sum(part.inhabitants for part in parts) > 0
    assert "GM0501" in derived.source and derived.source.startswith("Afgeleid: de som van de cijfers van 2022")
    assert Population.objects.filter(derived=True).count() == 1


def test_operatie_nup_catalogue():
    programme = Programme.objects.get(slug="operatie-nup")
    assert programme.reference_date == datetime.date(2014, 1, 1)
    assert programme.end_date == datetime.date(2015, 1, 1)
    assert programme.is_current
    assert list(programme.status_levels.values_list("position", "name")) == [
        (0, "niet gestart"),
        (1, "oriëntatie"),
        (2, "voorbereiding"),
        (3, "implementatie"),
        (4, "aangesloten"),
        (5, "in gebruik"),
    ]
    assert programme.building_blocks.count() == 23
    assert programme.building_blocks.filter(evidence="inferred").count() == 8
    digid = programme.building_blocks.get(code="DIGID")
    assert digid.gemma_object_id == "a5786df1-7ecf-11e3-67ab-0050568a6153"
    required_by = sorted(digid.required_by.values_list("code", flat=True))
    assert required_by == ["DIGID-MACHTIGEN", "EFORMULIEREN", "MIJNOVERHEID"]
    bgt = programme.building_blocks.get(code="BGT")
    assert (bgt.deadline, bgt.deadline_basis, bgt.municipality_role) == (datetime.date(2016, 1, 1), "law", "bronhouder")
    assert programme.result_agreement_total == 19


def test_every_building_block_has_a_description_in_dutch_and_english_with_its_source():
    blocks = BuildingBlock.objects.filter(programme__slug="operatie-nup")
    assert blocks.count() == 23
    for block in blocks:
        assert block.description and block.description_en, block.code
        assert block.description_source.startswith(("https://", "http://")), block.code
        assert block.description != block.description_en
    bag = blocks.get(code="BAG")
    assert "bronhouder" in bag.description and "source holder" in bag.description_en
    assert bag.description_source.startswith(
        "https://github.com/ICTU/digitale-overheid-wordpress-plugin-releasekalender/"
    )


def test_the_six_traced_result_agreements_with_their_evidence():
    agreements = {
        agreement.title: agreement
        for agreement in ResultAgreement.objects.filter(programme__slug="operatie-nup").prefetch_related(
            "building_blocks"
        )
    }
    assert len(agreements) == 6
    assert sorted(a.number for a in agreements.values()) == [1, 2, 3, 4, 5, 6]
    assert sorted(a.evidence for a in agreements.values()) == ["inferred"] + ["source"] * 5
    assert all(a.wording != "official" for a in agreements.values())
    assert all(a.source_url.startswith("http") for a in agreements.values())

    web = agreements["Websites voldoen volledig aan de Webrichtlijnen"]
    assert (web.deadline, web.deadline_note, web.wording) == (
        datetime.date(2015, 1, 1),
        "tussenstap 31 december 2012",
        "paraphrase",
    )
    assert [block.code for block in web.building_blocks.all()] == ["WEBRICHTLIJNEN"]
    assert web.required_level.code == "in-gebruik"
    assert "Waarmerk Drempelvrij" in web.criterion

    eherkenning = agreements["eHerkenning"]
    assert eherkenning.deadline is None
    assert eherkenning.deadline_note == "niet gevonden (programma-einde 1-1-2015 waarschijnlijk, niet bevestigd)"
    assert eherkenning.criterion == ""  # "niet gevonden": no criterion is known
    assert eherkenning.wording == "not_found"
    assert eherkenning.source_quote == "4.2. Haalbaarheid resultaatverplichting"

    digilevering = agreements["Digilevering"]
    assert (digilevering.deadline, digilevering.deadline_note) == (None, "niet gevonden")

    avb = agreements["Antwoord voor Bedrijven"]
    assert (avb.evidence, [b.code for b in avb.building_blocks.all()]) == ("inferred", ["AVB"])


# Running again


def test_second_run_changes_nothing(django_assert_max_num_queries):
    before = snapshot()
    with django_assert_max_num_queries(30):
        output = run()
    assert snapshot() == before  # no new rows, no audit entry
    assert "municipalities: 0 created, 0 updated, 789 unchanged" in output
    assert "programmes: 0 created, 0 completed, 1 kept" in output
    assert "building blocks: 0 created, 0 completed, 23 kept" in output
    assert "result agreements: 0 created, 6 kept" in output


def test_run_restores_changed_reference_rows_and_records_one_audit_entry():
    Municipality.objects.filter(code="GM0003").update(name="Appingedam (edited)", merged_into=None)
    Population.objects.filter(municipality__code="GM0363", year=2014).update(inhabitants=1)
    entries = AuditEntry.objects.count()
    output = run()
    appingedam = Municipality.objects.get(code="GM0003")
    assert (appingedam.name, appingedam.merged_into.code) == ("Appingedam", "GM1979")
    assert Population.objects.get(municipality__code="GM0363", year=2014).inhabitants == 810_935
    assert "municipalities: 0 created, 1 updated, 788 unchanged" in output
    assert "populations: 0 created, 1 updated" in output
    assert AuditEntry.objects.count() == entries + 1
    entry = AuditEntry.objects.first()
    assert entry.action == "reference_data.load"
    assert entry.actor is None
    assert entry.changes["municipalities"] == {"created": 0, "updated": 1, "unchanged": 788}


def test_catalogue_edits_by_programme_staff_are_kept():
    programme = Programme.objects.get(slug="operatie-nup")
    Programme.objects.filter(pk=programme.pk).update(name="Operatie NUP (edited)")
    BuildingBlock.objects.filter(programme=programme, code="DIGID").update(name="DigiD (edited)")
    StatusLevel.objects.filter(programme=programme, position=5).update(name="in gebruik (edited)")
    output = run()
    assert Programme.objects.get(pk=programme.pk).name == "Operatie NUP (edited)"
    assert BuildingBlock.objects.get(programme=programme, code="DIGID").name == "DigiD (edited)"
    assert StatusLevel.objects.get(programme=programme, position=5).name == "in gebruik (edited)"
    assert "programmes: 0 created, 0 completed, 1 kept" in output
    assert "status levels: 0 created, 6 kept" in output


def test_texts_edited_by_programme_staff_are_kept():
    programme = Programme.objects.get(slug="operatie-nup")
    blocks = BuildingBlock.objects.filter(programme=programme)
    blocks.filter(code="DIGID").update(description="Eigen tekst.", description_en="Own text.")
    # A rewritten Dutch text keeps its empty English one: the file's English belongs to the file's Dutch.
    blocks.filter(code="BAG").update(description="Eigen tekst over de BAG.", description_en="", description_source="")
    Programme.objects.filter(pk=programme.pk).update(result_agreement_total=20)
    ResultAgreement.objects.filter(programme=programme, number=3).update(title="eHerkenning (gecorrigeerd)")
    ResultAgreement.objects.filter(programme=programme, number=6).delete()
    output = run()
    assert blocks.get(code="DIGID").description == "Eigen tekst."
    assert blocks.get(code="DIGID").description_en == "Own text."
    bag = blocks.get(code="BAG")
    assert (bag.description, bag.description_en, bag.description_source) == ("Eigen tekst over de BAG.", "", "")
    assert Programme.objects.get(pk=programme.pk).result_agreement_total == 20
    agreements = ResultAgreement.objects.filter(programme=programme)
    assert sorted(agreements.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    assert agreements.get(number=3).title == "eHerkenning (gecorrigeerd)"
    assert "building blocks: 0 created, 0 completed, 23 kept" in output
    assert "result agreements: 0 created, 6 kept" in output


def test_empty_texts_are_filled_and_recorded():
    programme = Programme.objects.get(slug="operatie-nup")
    blocks = BuildingBlock.objects.filter(programme=programme)
    blocks.filter(code="NHR").update(description="", description_en="", description_source="")
    # The Dutch text is the file's, so its missing English text and source are added.
    blocks.filter(code="BRK").update(description_en="", description_source="")
    Programme.objects.filter(pk=programme.pk).update(result_agreement_total=None)
    entries = AuditEntry.objects.count()
    output = run()
    nhr = blocks.get(code="NHR")
    assert nhr.description.startswith("Het Handelsregister is de basisregistratie")
    assert nhr.description_en.startswith("The Handelsregister")
    assert nhr.description_source == "https://www.vngrealisatie.nl/producten/handelsregister-hr"
    assert blocks.get(code="BRK").description_en.startswith("The Basisregistratie Kadaster")
    assert Programme.objects.get(pk=programme.pk).result_agreement_total == 19
    assert "programmes: 0 created, 1 completed, 0 kept" in output
    assert "building blocks: 0 created, 2 completed, 21 kept" in output
    assert AuditEntry.objects.count() == entries + 1


def test_agreements_are_entered_again_only_when_the_programme_has_none():
    programme = Programme.objects.get(slug="operatie-nup")
    ResultAgreement.objects.filter(programme=programme).delete()
    output = run()
    assert ResultAgreement.objects.filter(programme=programme).count() == 6
    assert "result agreements: 6 created, 0 kept" in output


def test_agreements_are_entered_in_a_fixed_number_of_queries():
    """The agreements and their building blocks are one insert each, however many the file has."""
    programme = Programme.objects.get(slug="operatie-nup")
    with CaptureQueriesContext(connection) as kept:
        run()
    ResultAgreement.objects.filter(programme=programme).delete()
    with CaptureQueriesContext(connection) as entered:
        run()

    def about_agreements(captured) -> list[str]:
        return [query["sql"] for query in captured.captured_queries if "resultagreement" in query["sql"]]

    added = about_agreements(entered)[len(about_agreements(kept)) :]
    assert [sql.split()[:3] for sql in added] == [["INSERT", "INTO", '"catalogue_resultagreement"']] + [
        ["INSERT", "INTO", '"catalogue_resultagreement_building_blocks"']
    ]


def test_missing_blocks_and_dependencies_are_created():
    programme = Programme.objects.get(slug="operatie-nup")
    BuildingBlock.objects.filter(programme=programme, code="ONDERNEMINGSDOSSIER").delete()
    output = run()
    block = BuildingBlock.objects.get(programme=programme, code="ONDERNEMINGSDOSSIER")
    assert list(block.depends_on.values_list("code", flat=True)) == ["EHERKENNING"]
    assert block.description.startswith("Het Ondernemingsdossier") and block.description_en
    assert "building blocks: 1 created, 0 completed, 22 kept" in output
    assert "dependencies: 1 created, 5 kept" in output


def test_quiet_run_prints_nothing():
    assert run(verbosity=0) == ""


# Bad data: refused with every problem listed, and nothing written


@pytest.fixture
def data_dir(tmp_path):
    target = tmp_path / "data"
    for folder in ("gemeenten", "programmes", "gemma", "suppliers"):
        shutil.copytree(Path(settings.REFERENCE_DATA_DIR) / folder, target / folder)
    # A valid change too: if anything were written before the check, this rename would show.
    division = target / DIVISION
    division.write_text(division.read_text(encoding="utf-8").replace(";Appingedam;", ";Appingedam Nieuw;"), "utf-8")
    return target


def edit(data_dir, name, old, new, count=1):
    path = data_dir / name
    content = path.read_text(encoding="utf-8")
    assert content.count(old) >= count, f"{old!r} not in {name}"
    path.write_text(content.replace(old, new, count), encoding="utf-8")


def refused(data_dir) -> str:
    before = snapshot()
    with pytest.raises(CommandError) as error:
        run(data_dir=data_dir)
    assert snapshot() == before
    assert Municipality.objects.get(code="GM0003").name == "Appingedam"
    return str(error.value)


def test_missing_column(data_dir):
    edit(data_dir, POPULATION_2014, "GM_CODE,Name,WATER,AANT_INW,", "GM_CODE,Name,WATER,INWONERS,")
    message = refused(data_dir)
    assert f"{POPULATION_2014}:1: AANT_INW: required column is missing" in message


def test_unknown_province(data_dir):
    edit(data_dir, DIVISION, "20;Groningen;0005;Bedum;", "99;Groningen;0005;Bedum;")
    assert f"{DIVISION}:3: provinciecode: '99' is not a known province code" in refused(data_dir)


def test_province_name_must_match_its_code(data_dir):
    edit(data_dir, DIVISION, "20;Groningen;0005;Bedum;", "20;Drenthe;0005;Bedum;")
    assert f"{DIVISION}:3: provincienaam:" in refused(data_dir)


def test_overlapping_duplicate_code(data_dir):
    with (data_dir / DIVISION).open("a", encoding="utf-8") as handle:
        handle.write("20;Groningen;0005;Bedum;2000-01-01;\n")
    message = refused(data_dir)
    assert f"{DIVISION}:791: gemeentecode: duplicate code 0005: this period overlaps the one on line 3" in message


def test_bad_date(data_dir):
    edit(data_dir, DIVISION, "0005;Bedum;1970-01-01;", "0005;Bedum;1970-13-01;")
    assert f"{DIVISION}:3: begindatum: '1970-13-01' is not a date in the form YYYY-MM-DD" in refused(data_dir)


def test_end_before_begin(data_dir):
    edit(data_dir, DIVISION, "0005;Bedum;1970-01-01;2019-01-01", "0005;Bedum;1970-01-01;1960-01-01")
    assert f"{DIVISION}:3: einddatum:" in refused(data_dir)


@pytest.mark.parametrize("value", ["-5", "veel", "12.5"])
def test_bad_population(data_dir, value):
    edit(data_dir, POPULATION_2022, ",25579,", f",{value},")
    assert f"{POPULATION_2022}:2: Inwonertal_54: '{value}'" in refused(data_dir)


def test_population_for_a_code_outside_the_division(data_dir):
    edit(data_dir, POPULATION_2014, "GM0003,Appingedam,", "GM1979,Appingedam,")
    assert f"{POPULATION_2014}:2: GM_CODE: GM1979 is not a municipality on 2014-01-01" in refused(data_dir)


def test_ended_municipality_without_successor(data_dir):
    # Without Voorne aan Zee, the three municipalities that ended in 2023 have no successor.
    edit(data_dir, DIVISION, "28;Zuid-Holland;1992;Voorne aan Zee;2023-01-01;\n", "")
    message = refused(data_dir)
    assert message.count("without a successor") == 3
    assert "0501 Brielle ended on 2023-01-01" in message


def test_unknown_dependency(data_dir):
    edit(data_dir, PROGRAMME, '"depends_on": "DIGIKOPPELING"', '"depends_on": "DIGIKOPPELINK"')
    assert f"{PROGRAMME}:25: depends_on: 'DIGIKOPPELINK' is not a building block code" in refused(data_dir)


def test_dependency_cycle(data_dir):
    edit(
        data_dir,
        PROGRAMME,
        '{"block": "DIGID-MACHTIGEN"',
        '{"block": "DIGID", "depends_on": "MIJNOVERHEID"},\n    {"block": "DIGID-MACHTIGEN"',
    )
    message = refused(data_dir)
    assert f"{PROGRAMME}:24: depends_on: creates a cycle: MIJNOVERHEID → DIGID → MIJNOVERHEID" in message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (",aansluiten,2015-01-01,", ",beheren,2015-01-01,", "municipality_role"),
        (",programme_end,inferred,\n", ",programme_end,perhaps,\n", "evidence"),
        (",programme_end,inferred,\n", ",someday,inferred,\n", "deadline_basis"),
        ("a5786df1-7ecf-11e3-67ab-0050568a6153", "not-a-uuid", "gemma_object_id"),
    ],
)
def test_bad_building_block_values(data_dir, old, new, expected):
    edit(data_dir, BLOCKS, old, new)
    assert f"{BLOCKS}:2: {expected}:" in refused(data_dir)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            ',2015-01-01,"Gemeente is (technisch)',
            ',1 januari 2015,"Gemeente is (technisch)',
            f"{AGREEMENTS}:3: deadline:",
        ),
        (",niet gevonden,niet gevonden,source,", ",niet gevonden,niet gevonden,zeker,", f"{AGREEMENTS}:6: evidence:"),
        ("Digilevering,[exacte", "Digilevering (NUP),[exacte", f"{AGREEMENTS}:6: voorziening:"),
    ],
)
def test_bad_result_agreement_rows(data_dir, old, new, expected):
    edit(data_dir, AGREEMENTS, old, new)
    assert expected in refused(data_dir)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('"building_blocks": ["AVB"]', '"building_blocks": ["AVB", "ABV"]', "building_blocks: 'ABV' is not a building"),
        ('"wording": "paraphrase"}', '"wording": "official"}', "wording: 'official' is not one of"),
        ('"required_level": "in-gebruik"', '"required_level": "klaar"', "required_level: 'klaar' is not the code"),
        ('"number": 6,', '"number": 5,', "number: 5 is already used on line"),
    ],
)
def test_bad_result_agreement_entries(data_dir, old, new, expected):
    edit(data_dir, PROGRAMME, old, new)
    message = refused(data_dir)
    assert f"{PROGRAMME}:" in message and expected in message


def test_bad_descriptions(data_dir):
    edit(data_dir, DESCRIPTIONS, "\nNHR,", "\nNHX,")
    edit(data_dir, DESCRIPTIONS, ",https://logius.nl/programma-machtigen\n", ",logius.nl programma\n")
    message = refused(data_dir)
    assert f"{DESCRIPTIONS}:14: code: 'NHX' is not a building block code" in message
    assert f"{DESCRIPTIONS}:3: description_source: 'logius.nl programma' is not a valid URL" in message


def test_bad_programme_date(data_dir):
    edit(data_dir, PROGRAMME, '"reference_date": "2014-01-01"', '"reference_date": "1 januari 2014"')
    assert f"{PROGRAMME}:11: reference_date:" in refused(data_dir)


def test_every_problem_is_listed(data_dir):
    edit(data_dir, DIVISION, "0005;Bedum;1970-01-01;", "0005;Bedum;1970-13-01;")
    edit(data_dir, POPULATION_2022, ",25579,", ",-5,")
    edit(data_dir, PROGRAMME, '"depends_on": "DIGIKOPPELING"', '"depends_on": "DIGIKOPPELINK"')
    message = refused(data_dir)
    assert "3 problem(s)" in message
    for expected in (f"{DIVISION}:3: begindatum", f"{POPULATION_2022}:2: Inwonertal_54", f"{PROGRAMME}:25: depends_on"):
        assert expected in message


def test_missing_file(data_dir):
    (data_dir / BLOCKS).unlink()
    assert f"{BLOCKS}:0: file: cannot be read" in refused(data_dir)


def test_valid_copy_is_loaded(data_dir):
    output = run(data_dir=data_dir)
    assert Municipality.objects.get(code="GM0003").name == "Appingedam Nieuw"
    assert "municipalities: 0 created, 1 updated, 788 unchanged" in output
