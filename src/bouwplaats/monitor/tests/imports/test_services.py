# SPDX-License-Identifier: EUPL-1.2
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from bouwplaats.audit.models import AuditEntry
from bouwplaats.monitor import services as monitor_services
from bouwplaats.monitor.constants import Source, decode_blockers
from bouwplaats.monitor.imports import services
from bouwplaats.monitor.models import CurrentStatus, ImportStatus, StatusEvent
from bouwplaats.organisations.models import Municipality

from ..factories import MunicipalityFactory
from .files import csv_file, snapshot, xlsx_file

DAY = datetime.date(2021, 3, 1)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def amsterdam(db):
    return Municipality.objects.on(datetime.date(2022, 1, 1)).get(code="GM0363")


@pytest.fixture
def hogeland(db):
    """Het Hogeland (GM1966): Bedum (GM0005), among others, merged into it on 1 January 2019."""
    return Municipality.objects.on(datetime.date(2022, 1, 1)).get(code="GM1966")


def rows_of(batch, kind=None):
    return [row for row in batch.report["rows"] if kind is None or row["kind"] == kind]


def messages(row):
    from bouwplaats.monitor.imports.checking import render_message

    return [render_message(message) for message in row["messages"]]


def test_dry_run_reports_each_row_and_writes_no_status(staff, programme, levels, blocks, amsterdam):
    a, b, c = blocks
    monitor_services.status_report(
        actor=staff, municipality=amsterdam, building_block=a, level=levels[1], valid_from=datetime.date(2020, 1, 1)
    )
    before = snapshot()
    file = csv_file(
        [
            ["GM0363", "AAA", "in gebruik", "2021-03-01"],  # change: oriëntatie → in gebruik
            ["0363", "bbb", "stap-1", ""],  # new (code without GM, block in lower case, level by code)
            ["GM0363", "CCC", "niet gestart", ""],  # the lowest level without a status: nothing to say
        ]
    )
    batch = services.import_check(actor=staff, programme=programme, file=file, valid_on=DAY)

    assert batch.status == ImportStatus.CHECKED
    assert batch.row_count == 3
    assert snapshot() == before
    first, second, third = rows_of(batch)
    assert (first["row"], first["kind"], first["old_level"], first["level"]) == (2, "change", "stap-1", "stap-3")
    assert (second["kind"], second["municipality"], second["building_block"], second["valid_from"]) == (
        "new",
        "GM0363",
        "BBB",
        "2021-03-01",
    )
    assert third["kind"] == "unchanged"
    assert batch.report["counts"] == {"error": 0, "change": 1, "new": 1, "history": 0, "unchanged": 1, "resolved": 0}
    assert AuditEntry.objects.filter(action="import.check", object_id=str(batch.pk)).count() == 1


def test_apply_writes_events_current_rows_and_one_audit_entry(staff, programme, levels, blocks, amsterdam):
    a, b, c = blocks
    first = monitor_services.status_report(
        actor=staff,
        municipality=amsterdam,
        building_block=a,
        level=levels[1],
        valid_from=datetime.date(2020, 1, 1),
        planned_date=datetime.date(2022, 6, 1),
    )
    file = csv_file(
        [
            ["GM0363", "AAA", "in gebruik", "2021-03-01", "", ""],
            ["GM0363", "BBB", "implementatie", "", "2023-01-01", "capacity, budget"],
        ],
        header=["gemeentecode", "bouwsteen", "niveau", "geldig_vanaf", "geplande_datum", "belemmeringen"],
    )
    batch = services.import_check(actor=staff, programme=programme, file=file, valid_on=DAY)
    audits = AuditEntry.objects.count()
    result = services.import_apply(actor=staff, batch=batch)

    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED and batch.applied_at is not None
    assert (result.events, result.created, result.updated) == (2, 1, 1)
    events = StatusEvent.objects.filter(import_batch=batch).order_by("building_block__code")
    assert [(e.building_block.code, e.level, e.source, e.author) for e in events] == [
        ("AAA", levels[3], Source.IMPORT, staff),
        ("BBB", levels[2], Source.IMPORT, staff),
    ]
    current_a = CurrentStatus.objects.get(municipality=amsterdam, building_block=a)
    assert (current_a.level, current_a.version, current_a.last_event) == (levels[3], 2, events[0])
    assert current_a.planned_date is None  # the column is there and empty: the planned date is cleared
    assert first.pk != current_a.last_event_id
    current_b = CurrentStatus.objects.get(municipality=amsterdam, building_block=b)
    assert (current_b.level, current_b.version, current_b.planned_date) == (levels[2], 1, datetime.date(2023, 1, 1))
    assert current_b.blocker_codes == ["capacity", "budget"]
    assert AuditEntry.objects.count() == audits + 1
    entry = AuditEntry.objects.latest("pk")
    assert (entry.action, entry.changes["events"]) == ("import.apply", 2)


def test_columns_left_out_keep_the_current_planned_date_and_blockers(staff, programme, levels, blocks, amsterdam):
    a = blocks[0]
    monitor_services.status_report(
        actor=staff,
        municipality=amsterdam,
        building_block=a,
        level=levels[1],
        valid_from=datetime.date(2020, 1, 1),
        planned_date=datetime.date(2022, 6, 1),
        blockers=["capacity"],
        budget_planned=1000,
    )
    batch = services.import_check(
        actor=staff, programme=programme, file=csv_file([["GM0363", "AAA", "implementatie", ""]]), valid_on=DAY
    )
    services.import_apply(actor=staff, batch=batch)
    current = CurrentStatus.objects.get(municipality=amsterdam, building_block=a)
    assert (current.level, current.planned_date, current.blocker_codes, current.budget_planned) == (
        levels[2],
        datetime.date(2022, 6, 1),
        ["capacity"],
        1000,
    )


def test_one_bad_row_writes_nothing(staff, programme, levels, blocks, amsterdam):
    monitor_services.status_report(
        actor=staff,
        municipality=amsterdam,
        building_block=blocks[0],
        level=levels[1],
        valid_from=datetime.date(2020, 1, 1),
    )
    before = snapshot()
    file = csv_file(
        [
            ["GM0363", "AAA", "in gebruik", ""],
            ["GM0363", "BBB", "in gebruik", ""],
            ["GM0363", "CCC", "klaar", ""],  # unknown level
        ]
    )
    batch = services.import_check(actor=staff, programme=programme, file=file, valid_on=DAY)
    assert batch.status == ImportStatus.REFUSED
    assert [row["row"] for row in rows_of(batch, "error")] == [4]
    with pytest.raises(services.ImportNotApplicable):
        services.import_apply(actor=staff, batch=batch)
    assert snapshot() == before
    assert not StatusEvent.objects.filter(source=Source.IMPORT).exists()


def test_apply_refuses_when_a_row_no_longer_passes_and_writes_nothing(staff, programme, levels, blocks, amsterdam):
    batch = services.import_check(
        actor=staff,
        programme=programme,
        file=csv_file([["GM0363", "AAA", "in gebruik", ""], ["GM0363", "BBB", "oriëntatie", ""]]),
        valid_on=DAY,
    )
    assert batch.status == ImportStatus.CHECKED
    levels[1].code, levels[1].name = "verkenning", "verkenning"  # the ladder changed after the dry run
    levels[1].save()
    before = snapshot()
    with pytest.raises(ValidationError, match="1 row"):
        services.import_apply(actor=staff, batch=batch)
    assert snapshot() == before
    batch.refresh_from_db()
    assert batch.status == ImportStatus.CHECKED


def test_reimporting_the_same_rows_or_file_changes_nothing(staff, programme, levels, blocks, amsterdam):
    rows = [["GM0363", "AAA", "in gebruik", "2021-02-01"], ["GM0363", "BBB", "oriëntatie", "2021-02-01"]]
    first = services.import_check(actor=staff, programme=programme, file=csv_file(rows), valid_on=DAY)
    services.import_apply(actor=staff, batch=first)
    before = snapshot()

    same_file = services.import_check(actor=staff, programme=programme, file=csv_file(rows), valid_on=DAY)
    assert same_file.status == ImportStatus.REFUSED
    assert same_file.report["already_applied"]["id"] == first.pk
    with pytest.raises(services.ImportNotApplicable, match="already been applied"):
        services.import_apply(actor=staff, batch=same_file)

    # The same rows in another file (other separator, an XLSX): every row is unchanged, no event.
    for file in (csv_file(rows, separator=","), xlsx_file(rows)):
        again = services.import_check(actor=staff, programme=programme, file=file, valid_on=DAY)
        assert again.status == ImportStatus.CHECKED
        assert {row["kind"] for row in rows_of(again)} == {"unchanged"}
        result = services.import_apply(actor=staff, batch=again)
        assert result.events == 0
    assert snapshot() == before

    with pytest.raises(services.ImportNotApplicable, match="already been applied"):
        services.import_apply(actor=staff, batch=first)


def test_two_dry_runs_of_one_file_apply_once(staff, programme, levels, blocks):
    rows = [["GM0363", "AAA", "in gebruik", ""]]
    one = services.import_check(actor=staff, programme=programme, file=csv_file(rows), valid_on=DAY)
    two = services.import_check(actor=staff, programme=programme, file=csv_file(rows), valid_on=DAY)
    services.import_apply(actor=staff, batch=one)
    with pytest.raises(services.ImportNotApplicable, match=f"import {one.pk}"):
        services.import_apply(actor=staff, batch=two)
    assert StatusEvent.objects.filter(source=Source.IMPORT).count() == 1


def test_merged_codes_are_resolved_and_reported(staff, programme, levels, blocks, hogeland):
    file = csv_file([["GM0005", "AAA", "in gebruik", ""]])  # Bedum, merged into Het Hogeland in 2019
    batch = services.import_check(actor=staff, programme=programme, file=file, valid_on=DAY)
    (row,) = rows_of(batch)
    assert (row["kind"], row["municipality"], row["resolved_from"]) == ("new", "GM1966", "GM0005")
    assert messages(row) == ["Bedum merged: resolved GM0005 → GM1966."]
    assert batch.report["counts"]["resolved"] == 1
    services.import_apply(actor=staff, batch=batch)
    assert CurrentStatus.objects.get(building_block=blocks[0]).municipality == hogeland


def test_a_chain_of_mergers_is_followed(staff, programme, levels, blocks):
    final = MunicipalityFactory(code="GM9970", name="Eindstad", valid_from=datetime.date(2018, 1, 1))
    middle = MunicipalityFactory(
        code="GM9971",
        name="Tussendorp",
        valid_from=datetime.date(2005, 1, 1),
        valid_to=datetime.date(2018, 1, 1),
        merged_into=final,
    )
    MunicipalityFactory(
        code="GM9972",
        name="Oudgehucht",
        valid_from=datetime.date(1990, 1, 1),
        valid_to=datetime.date(2005, 1, 1),
        merged_into=middle,
    )
    batch = services.import_check(
        actor=staff, programme=programme, file=csv_file([["9972", "AAA", "in gebruik", ""]]), valid_on=DAY
    )
    (row,) = rows_of(batch)
    assert row["municipality"] == "GM9970"
    assert messages(row) == ["Oudgehucht merged: resolved GM9972 → GM9971 → GM9970."]


def test_error_messages_name_the_problem_per_row(staff, programme, levels, blocks):
    from bouwplaats.catalogue.tests.factories import BuildingBlockFactory

    BuildingBlockFactory(code="ELDERS")  # a block of another programme
    file = csv_file(
        [
            ["GM0363", "AAA", "in gebruik", "2021-02-01"],
            ["GM9999", "AAA", "in gebruik", ""],
            ["Amsterdam", "AAA", "in gebruik", ""],
            ["GM1992", "AAA", "in gebruik", ""],
            ["GM0363", "XYZ", "in gebruik", ""],
            ["GM0363", "ELDERS", "in gebruik", ""],
            ["GM0363", "BBB", "klaar", ""],
            ["GM0363", "CCC", "in gebruik", "31-02-2021"],
            ["GM0363", "AAA", "oriëntatie", ""],
            ["GM0344", "AAA", "in gebruik", "2999-01-01"],
        ]
    )
    batch = services.import_check(actor=staff, programme=programme, file=file, valid_on=DAY)
    errors = {row["row"]: messages(row) for row in rows_of(batch, "error")}
    assert errors == {
        3: ["There is no municipality with code GM9999."],
        4: ["“Amsterdam” is not a municipality code: use GM followed by four digits (GM0363) or the four digits."],
        6: [f"{programme.name} has no building block “XYZ”."],
        7: [f"ELDERS is a building block of another programme, not of {programme.name}."],
        8: [f"“klaar” is not a status level of {programme.name}; use one of: stap-0, stap-1, stap-2, stap-3."],
        9: ["“31-02-2021” in the column “geldig_vanaf” is not a date: use YYYY-MM-DD or DD-MM-YYYY."],
        10: ["Row 2 already holds GM0363 and AAA: each municipality and building block may occur once in a file."],
        11: ["The date from which this holds (1 January 2999) cannot be in the future."],
    } | {5: errors.get(5)}
    assert errors[5][0].startswith("GM1992 (Voorne aan Zee) did not exist yet on 1 January 2022")
    assert [row["kind"] for row in rows_of(batch) if row["row"] == 2] == ["new"]


def test_municipality_by_name_when_there_is_no_code_column(staff, programme, levels, blocks):
    file = csv_file(
        [["amsterdam", "AAA", "in gebruik"], ["Nergenshuizen", "AAA", "in gebruik"]],
        header=["Gemeentenaam", "Bouwsteen", "Status"],
    )
    batch = services.import_check(actor=staff, programme=programme, file=file, valid_on=DAY)
    first, second = rows_of(batch)
    assert (first["municipality"], first["kind"], first["valid_from"]) == ("GM0363", "new", DAY.isoformat())
    assert messages(second) == ["There is no municipality named “Nergenshuizen”."]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("register.txt", b"a;b", "Upload a CSV or XLSX file"),
        ("register.csv", b"gemeente;niveau\r\nGM0363;x\r\n", "lacks these columns: building block"),
    ],
)
def test_unreadable_files_are_refused_with_the_readers_message(staff, programme, levels, name, content, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError) as error:
        services.import_check(actor=staff, programme=programme, file=SimpleUploadedFile(name, content), valid_on=DAY)
    assert message in error.value.message_dict["file"][0]
    assert not programme.import_batches.exists()


def test_encodings_and_separators(staff, programme, levels, blocks):
    rows = [["GM0363", "AAA", "oriëntatie", "01-02-2021"]]
    for file in (
        csv_file(rows, separator=",", encoding="utf-8-sig"),
        csv_file(rows, separator="\t"),
        csv_file(rows, encoding="cp1252"),
    ):
        batch = services.import_check(actor=staff, programme=programme, file=file, valid_on=DAY)
        (row,) = rows_of(batch)
        assert (row["kind"], row["level"], row["valid_from"]) == ("new", "stap-1", "2021-02-01"), file.name


def test_xlsx_with_numbers_and_dates(staff, programme, levels, blocks):
    file = xlsx_file(
        [
            [363, "AAA", "In gebruik", datetime.datetime(2021, 2, 1)],
            ["GM0363", "BBB", "stap-2", datetime.date(2021, 1, 5)],
        ]
    )
    batch = services.import_check(actor=staff, programme=programme, file=file, valid_on=DAY)
    assert [(row["municipality"], row["level"], row["valid_from"]) for row in rows_of(batch)] == [
        ("GM0363", "stap-3", "2021-02-01"),
        ("GM0363", "stap-2", "2021-01-05"),
    ]
    assert batch.report["file_type"] == "xlsx"


def test_a_back_dated_row_goes_to_the_history_only(staff, programme, levels, blocks, amsterdam):
    a = blocks[0]
    monitor_services.status_report(
        actor=staff, municipality=amsterdam, building_block=a, level=levels[2], valid_from=datetime.date(2021, 6, 1)
    )
    batch = services.import_check(
        actor=staff, programme=programme, file=csv_file([["GM0363", "AAA", "oriëntatie", "2021-01-01"]]), valid_on=DAY
    )
    assert rows_of(batch)[0]["kind"] == "history"
    services.import_apply(actor=staff, batch=batch)
    current = CurrentStatus.objects.get(municipality=amsterdam, building_block=a)
    assert (current.level, current.version) == (levels[2], 2)
    assert StatusEvent.objects.filter(municipality=amsterdam, building_block=a).count() == 2


def test_blockers_notes_and_evidence(staff, programme, levels, blocks, amsterdam):
    first_row = [
        "GM0363",
        "AAA",
        "stap-1",
        "supplier_not_ready, Capaciteit",
        "Wacht op leverancier",
        "https://example.org/x",
    ]
    header = ["gemeentecode", "bouwsteen", "niveau", "belemmeringen", "toelichting", "bewijs_url"]
    file = csv_file([first_row, ["GM0363", "BBB", "stap-1", "weather", "", "not a url"]], header=header)
    batch = services.import_check(actor=staff, programme=programme, file=file, valid_on=DAY)
    first, second = rows_of(batch)
    assert first["kind"] == "new"
    services.import_apply(
        actor=staff,
        batch=services.import_check(
            actor=staff, programme=programme, file=csv_file([first_row], header=header), valid_on=DAY
        ),
    )
    event = StatusEvent.objects.get(source=Source.IMPORT)
    assert (event.blocker_codes, event.note, event.evidence_url) == (
        ["supplier_not_ready", "capacity"],
        "Wacht op leverancier",
        "https://example.org/x",
    )
    assert messages(second) == [
        "Unknown blocker category: weather. Use: supplier_not_ready, facility_not_ready, capacity, budget, "
        "decentralisations, merger, knowledge, dependency.",
        "“not a url” is not a valid web address.",
    ]


def test_only_programme_staff_import(coordinator_a, member, programme, levels, blocks):
    batch_file = csv_file([["GM0363", "AAA", "in gebruik", ""]])
    for user in (coordinator_a, member):
        with pytest.raises(PermissionDenied):
            services.import_check(actor=user, programme=programme, file=batch_file, valid_on=DAY)


def test_applying_200_rows_takes_a_bounded_number_of_queries(
    staff, programme, levels, blocks, django_assert_max_num_queries
):
    from bouwplaats.catalogue.tests.factories import BuildingBlockFactory

    more = [BuildingBlockFactory(programme=programme, code=f"X{i:02d}") for i in range(7)]
    codes = [block.code for block in blocks] + [block.code for block in more]  # 10 blocks
    municipalities = list(
        Municipality.objects.on(programme.reference_date).order_by("code").values_list("code", flat=True)[:20]
    )
    half = municipalities[:10]
    for code in half:  # half of the pairs already have a status
        municipality = Municipality.objects.on(programme.reference_date).get(code=code)
        monitor_services.status_report_many(
            actor=staff,
            municipality=municipality,
            changes=[
                {"building_block": block, "level": levels[1], "valid_from": datetime.date(2020, 1, 1)}
                for block in blocks
            ],
        )
    rows = [[code, block, "stap-2", ""] for code in municipalities for block in codes]
    assert len(rows) == 200
    batch = services.import_check(actor=staff, programme=programme, file=csv_file(rows), valid_on=DAY)
    assert batch.status == ImportStatus.CHECKED
    # A fixed number of statements, whatever the number of rows (the events in one executemany).
    with django_assert_max_num_queries(25):
        result = services.import_apply(actor=staff, batch=batch)
    assert result.events == 200 and result.updated == 30 and result.created == 170
    assert CurrentStatus.objects.filter(building_block__programme=programme, level=levels[2]).count() == 200
    assert decode_blockers(0) == []


def test_monthly_rows_match_a_full_rebuild(staff, programme, levels, blocks, amsterdam, hogeland):
    from bouwplaats.monitor.models import MonthlyStatus
    from bouwplaats.monitor.monthly import rebuild_monthly

    a, b, c = blocks
    for block, level, day in ((a, 1, datetime.date(2020, 3, 5)), (b, 2, datetime.date(2021, 5, 1))):
        monitor_services.status_report(
            actor=staff, municipality=amsterdam, building_block=block, level=levels[level], valid_from=day
        )
    monthly_rows = MonthlyStatus.objects.filter(municipality=amsterdam)
    assert monthly_rows.exists()
    file = csv_file(
        [
            ["GM0363", "AAA", "implementatie", "2021-02-10"],  # a change from February 2021 on
            ["GM0363", "BBB", "oriëntatie", "2021-01-01"],  # back-dated: history only
            ["GM1966", "CCC", "in gebruik", "2020-11-30"],  # a new pair
        ]
    )
    batch = services.import_check(actor=staff, programme=programme, file=file, valid_on=DAY)
    assert [row["kind"] for row in rows_of(batch)] == ["change", "history", "new"]
    services.import_apply(actor=staff, batch=batch)

    def table():
        return sorted(
            MonthlyStatus.objects.filter(building_block__programme=programme).values_list(
                "municipality_id", "building_block_id", "month", "level_id", "blockers", "is_demo"
            )
        )

    after_import = table()
    rebuild_monthly(programme=programme)
    assert after_import == table()
    assert (amsterdam.pk, a.pk, datetime.date(2021, 1, 1), levels[1].pk, 0, False) in after_import
    assert (amsterdam.pk, a.pk, datetime.date(2021, 2, 1), levels[2].pk, 0, False) in after_import
    assert (hogeland.pk, c.pk, datetime.date(2020, 11, 1), levels[3].pk, 0, False) in after_import


def test_apply_writes_as_planned_without_reading_the_file_again(
    staff, programme, levels, blocks, amsterdam, django_assert_max_num_queries
):
    rows = [["GM0363", "AAA", "in gebruik", ""], ["GM0363", "BBB", "oriëntatie", "2021-02-01"]]
    batch = services.import_check(actor=staff, programme=programme, file=csv_file(rows), valid_on=DAY)
    assert batch.plan["rows"]
    batch.file.delete(save=False)  # nothing changed since the dry run: its plan is written as it is

    with django_assert_max_num_queries(25):
        result = services.import_apply(actor=staff, batch=batch)

    assert (result.events, result.created, result.updated) == (2, 2, 0)
    batch.refresh_from_db()
    assert batch.plan == {} and batch.report["applied"] == {"events": 2, "created": 2, "updated": 0}
    current = CurrentStatus.objects.get(municipality=amsterdam, building_block=blocks[1])
    assert (current.level, current.version, current.last_event.valid_from) == (levels[1], 1, datetime.date(2021, 2, 1))


def test_a_report_between_dry_run_and_apply_is_kept_and_the_file_checked_again(
    staff, programme, levels, blocks, amsterdam
):
    a = blocks[0]
    batch = services.import_check(
        actor=staff, programme=programme, file=csv_file([["GM0363", "AAA", "in gebruik", ""]]), valid_on=DAY
    )
    assert rows_of(batch)[0]["kind"] == "new"
    meanwhile = monitor_services.status_report(
        actor=staff, municipality=amsterdam, building_block=a, level=levels[2], valid_from=datetime.date(2021, 1, 1)
    )

    result = services.import_apply(actor=staff, batch=batch)

    assert (result.events, result.created, result.updated) == (1, 0, 1)
    current = CurrentStatus.objects.get(municipality=amsterdam, building_block=a)
    assert (current.level, current.version) == (levels[3], 2)
    assert list(StatusEvent.objects.filter(municipality=amsterdam, building_block=a).order_by("pk")) == [
        meanwhile,
        current.last_event,
    ]
    batch.refresh_from_db()
    assert rows_of(batch)[0]["kind"] == "change" and rows_of(batch)[0]["old_level"] == levels[2].code


def test_the_writer_refuses_rows_that_no_longer_match_the_current_state(staff, programme, levels, blocks, amsterdam):
    from django.db import transaction

    from bouwplaats.monitor.imports import writing
    from bouwplaats.monitor.imports.checking import Planned

    monitor_services.status_report(actor=staff, municipality=amsterdam, building_block=blocks[0], level=levels[1])
    batch = services.import_check(
        actor=staff, programme=programme, file=csv_file([["GM0363", "BBB", "in gebruik", ""]]), valid_on=DAY
    )
    planned = Planned(
        municipality_id=amsterdam.pk,
        building_block_id=blocks[0].pk,  # has a current row since: it is no longer new
        level_id=levels[3].pk,
        valid_from=DAY,
        recorded_at=timezone.now(),
        planned_date=None,
        budget_planned=None,
        budget_spent=None,
        blockers=0,
        note="",
        evidence_url="",
    )
    before = snapshot()
    with pytest.raises(ValidationError, match="same moment"), transaction.atomic():
        writing.write_rows([("new", planned)], batch=batch, actor=staff)
    assert snapshot() == before
