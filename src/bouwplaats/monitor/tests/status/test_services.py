# SPDX-License-Identifier: EUPL-1.2
import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from bouwplaats.audit.models import AuditEntry
from bouwplaats.catalogue.models import StatusVisibility
from bouwplaats.monitor import selectors, services
from bouwplaats.monitor.constants import (
    ALL_BLOCKERS_MASK,
    BLOCKERS,
    Source,
    decode_blockers,
    encode_blockers,
)
from bouwplaats.monitor.models import CurrentStatus, StatusEvent

from ..factories import BuildingBlockFactory, MunicipalityFactory, ProgrammeFactory, ladder

pytestmark = pytest.mark.django_db
D = datetime.date


def report(actor, municipality, block, level, **kwargs):
    return services.status_report(actor=actor, municipality=municipality, building_block=block, level=level, **kwargs)


def test_blocker_bitmask_round_trip():
    codes = ["capacity", "dependency", "supplier_not_ready"]
    mask = encode_blockers(codes)
    assert decode_blockers(mask) == ["supplier_not_ready", "capacity", "dependency"]
    assert decode_blockers(ALL_BLOCKERS_MASK) == [b.code for b in BLOCKERS]
    assert len({b.bit for b in BLOCKERS}) == 8
    with pytest.raises(KeyError):
        encode_blockers(["nonsense"])


def test_staff_reports_and_current_row_follows(staff, town_a, blocks, levels):
    a, _, _ = blocks
    event = report(
        staff,
        town_a,
        a,
        levels[1],
        planned_date=D(2022, 6, 1),
        budget_planned=Decimal("1000.50"),
        blockers=["budget", "capacity"],
        blocker_note="Geen geld",
        evidence_url="https://example.org/plan.pdf",
    )
    assert event.source == Source.STAFF and event.author == staff
    current = CurrentStatus.objects.get(municipality=town_a, building_block=a)
    assert (current.level, current.version, current.last_event) == (levels[1], 1, event)
    assert current.blocker_codes == ["capacity", "budget"]
    assert current.budget_planned == Decimal("1000.50")
    assert AuditEntry.objects.filter(action="status.report", object_id=str(event.pk)).count() == 1


def test_coordinator_only_own_municipality_and_self_report(coordinator_a, town_a, town_b, blocks, levels):
    a, _, _ = blocks
    event = report(coordinator_a, town_a, a, levels[1])
    assert event.source == Source.SELF_REPORT
    with pytest.raises(PermissionDenied):
        report(coordinator_a, town_b, a, levels[1])
    with pytest.raises(PermissionDenied):
        report(coordinator_a, town_a, a, levels[2], source=Source.IMPORT)
    assert not StatusEvent.objects.filter(municipality=town_b).exists()
    assert StatusEvent.objects.filter(municipality=town_a).count() == 1


def test_others_may_not_report(member, town_a, blocks, levels):
    from django.contrib.auth.models import AnonymousUser

    for actor in (member, AnonymousUser(), None):
        with pytest.raises(PermissionDenied):
            report(actor, town_a, blocks[0], levels[1])
    assert not StatusEvent.objects.exists()


def test_validation(staff, town_a, blocks, levels):
    a, _, _ = blocks
    foreign_level = ladder(ProgrammeFactory())[1]
    cases = [
        ({"level": foreign_level}, "level"),
        ({"budget_spent": Decimal("-1")}, "budget_spent"),
        ({"valid_from": D.today() + datetime.timedelta(days=2)}, "valid_from"),
        ({"note": "x" * 2001}, "note"),
        ({"evidence_url": "not a url"}, "evidence_url"),
        ({"blockers": ["weather"]}, "blockers"),
        ({"evidence_file": SimpleUploadedFile("virus.exe", b"MZ")}, "evidence_file"),
        ({"evidence_file": SimpleUploadedFile("big.pdf", b"0" * (5 * 1024 * 1024 + 1))}, "evidence_file"),
    ]
    for overrides, field in cases:
        kwargs = {"level": levels[1], **overrides}
        with pytest.raises(ValidationError) as info:
            services.status_report(actor=staff, municipality=town_a, building_block=a, **kwargs)
        assert field in info.value.message_dict, (field, info.value.message_dict)
    assert not StatusEvent.objects.exists()
    assert not CurrentStatus.objects.exists()


def test_municipality_outside_the_division_is_refused(staff, blocks, levels):
    gone = MunicipalityFactory(code="GM9950", valid_from=D(2000, 1, 1), valid_to=D(2019, 1, 1))
    with pytest.raises(ValidationError) as info:
        report(staff, gone, blocks[0], levels[1])
    assert "not one of the municipalities" in info.value.message_dict["municipality"][0]
    assert not StatusEvent.objects.exists()


def test_conflict_with_expected_version(staff, coordinator_a, town_a, blocks, levels):
    a, _, _ = blocks
    first = report(coordinator_a, town_a, a, levels[1], expected_version=0)
    with pytest.raises(services.StatusConflict) as info:
        report(staff, town_a, a, levels[2], expected_version=0)
    conflict = info.value
    assert conflict.current.version == 1
    assert [event.pk for event in conflict.events] == [first.pk]
    assert StatusEvent.objects.count() == 1  # nothing written
    second = report(staff, town_a, a, levels[2], expected_version=1)
    current = CurrentStatus.objects.get(municipality=town_a, building_block=a)
    assert (current.version, current.last_event, current.level) == (2, second, levels[2])
    assert set(StatusEvent.objects.values_list("pk", flat=True)) == {first.pk, second.pk}


def test_hundred_updates_keep_a_complete_history(staff, town_a, blocks, levels):
    a, _, _ = blocks
    events = []
    for i in range(100):
        events.append(report(staff, town_a, a, levels[i % len(levels)], note=f"update {i}", expected_version=i))
    history = list(selectors.block_history(municipality=town_a, building_block=a))
    assert len(history) == 100
    assert [event.note for event in history] == [f"update {i}" for i in reversed(range(100))]
    current = CurrentStatus.objects.get(municipality=town_a, building_block=a)
    assert current.version == 100
    assert current.last_event == events[-1] == history[0]
    assert current.level == events[-1].level


def test_back_dated_event_is_kept_but_does_not_override(staff, town_a, blocks, levels):
    a, _, _ = blocks
    recent = report(staff, town_a, a, levels[2], valid_from=D(2022, 5, 1))
    old = report(staff, town_a, a, levels[1], valid_from=D(2022, 2, 1), note="forgotten")
    current = CurrentStatus.objects.get(municipality=town_a, building_block=a)
    assert current.level == levels[2] and current.last_event == recent
    assert current.version == 2
    assert list(selectors.block_history(municipality=town_a, building_block=a)) == [recent, old]


def test_as_of_returns_the_old_state(staff, town_a, blocks, levels, programme):
    a, b, c = blocks
    report(staff, town_a, a, levels[1], valid_from=D(2022, 1, 10))
    report(staff, town_a, a, levels[3], valid_from=D(2022, 3, 10))
    report(staff, town_a, b, levels[2], valid_from=D(2022, 2, 10))

    def levels_on(day):
        progress = selectors.municipality_progress(programme=programme, municipality=town_a, as_of=day)
        return {row.building_block.code: row.level.name for row in progress.rows}

    assert levels_on(D(2022, 1, 5)) == {"AAA": "niet gestart", "BBB": "niet gestart", "CCC": "niet gestart"}
    assert levels_on(D(2022, 2, 15)) == {"AAA": "oriëntatie", "BBB": "implementatie", "CCC": "niet gestart"}
    assert levels_on(D(2022, 3, 10)) == {"AAA": "in gebruik", "BBB": "implementatie", "CCC": "niet gestart"}
    now = selectors.municipality_progress(programme=programme, municipality=town_a)
    assert {row.building_block.code: row.level.name for row in now.rows}["AAA"] == "in gebruik"
    events = selectors.statuses_as_of(user=staff, on=D(2022, 2, 15)).filter(municipality=town_a)
    assert {(e.building_block.code, e.level.code) for e in events} == {("AAA", "stap-1"), ("BBB", "stap-2")}


def test_as_of_uses_a_constant_number_of_queries(staff, town_a, blocks, levels, programme, django_assert_num_queries):
    a, b, c = blocks
    for i in range(30):
        report(staff, town_a, a, levels[i % 4], valid_from=D(2022, 1, 1) + datetime.timedelta(days=i))
    with django_assert_num_queries(4):
        progress = selectors.municipality_progress(programme=programme, municipality=town_a, as_of=D(2022, 1, 15))
    assert {row.building_block.code: row.level.position for row in progress.rows}["AAA"] == 14 % 4


def test_dependency_warnings(staff, town_a, blocks, levels, programme):
    a, b, c = blocks
    report(staff, town_a, b, levels[-1])  # B in use, A (its dependency) not started
    progress = selectors.municipality_progress(programme=programme, municipality=town_a)
    assert [(w.building_block.code, w.depends_on.code) for w in progress.warnings] == [("BBB", "AAA")]
    report(staff, town_a, a, levels[1])
    progress = selectors.municipality_progress(programme=programme, municipality=town_a)
    assert progress.warnings == []


def test_report_many_saves_only_changed_blocks(staff, town_a, blocks, levels):
    a, b, c = blocks
    report(staff, town_a, c, levels[1], planned_date=D(2022, 9, 1))
    result = services.status_report_many(
        actor=staff,
        municipality=town_a,
        changes=[
            {"building_block": a, "level": levels[2], "expected_version": 0},
            {"building_block": b, "level": levels[0], "expected_version": 0},  # unchanged: nothing reported
            {"building_block": c, "level": levels[1], "planned_date": D(2022, 9, 1), "expected_version": 1},
        ],
    )
    assert [event.building_block for event in result.events] == [a]
    assert set(result.unchanged) == {b, c}
    assert StatusEvent.objects.filter(municipality=town_a).count() == 2
    assert not CurrentStatus.objects.filter(building_block=b).exists()
    result = services.status_report_many(
        actor=staff,
        municipality=town_a,
        changes=[
            {"building_block": b, "level": levels[1], "expected_version": 0},
            {"building_block": c, "level": levels[2], "expected_version": 1},
        ],
    )
    assert {event.building_block for event in result.events} == {b, c}


def test_report_many_conflict_writes_nothing(staff, coordinator_a, town_a, blocks, levels):
    a, b, c = blocks
    report(coordinator_a, town_a, b, levels[1])
    before = StatusEvent.objects.count()
    with pytest.raises(services.StatusConflict) as info:
        services.status_report_many(
            actor=staff,
            municipality=town_a,
            changes=[
                {"building_block": a, "level": levels[2], "expected_version": 0},
                {"building_block": b, "level": levels[2], "expected_version": 0},
            ],
        )
    assert [conflict.building_block for conflict in info.value.conflicts] == [b]
    assert info.value.conflicts[0].changes[0].author == coordinator_a
    assert StatusEvent.objects.count() == before
    assert not CurrentStatus.objects.filter(building_block=a).exists()


def test_report_many_validation_keyed_by_block(staff, town_a, blocks, levels):
    a, b, _ = blocks
    with pytest.raises(ValidationError) as info:
        services.status_report_many(
            actor=staff,
            municipality=town_a,
            changes=[
                {"building_block": a, "level": levels[2]},
                {"building_block": b, "level": levels[2], "budget_planned": Decimal("-5")},
            ],
        )
    assert list(info.value.message_dict) == ["BBB-budget_planned"]
    assert not StatusEvent.objects.exists()


def test_visibility(programme, staff, coordinator_a, member, town_a, town_b):
    from django.contrib.auth.models import AnonymousUser

    assert selectors.can_view_municipality_status(staff, town_b, programme)
    assert selectors.can_view_municipality_status(coordinator_a, town_a, programme)
    assert not selectors.can_view_municipality_status(coordinator_a, town_b, programme)
    assert not selectors.can_view_municipality_status(member, town_a, programme)
    assert not selectors.can_view_municipality_status(AnonymousUser(), town_a, programme)
    programme.municipality_status_visibility = StatusVisibility.PUBLIC
    assert selectors.can_view_municipality_status(AnonymousUser(), town_b, programme)


def test_other_programme_block_is_refused(staff, town_a, levels):
    other = ProgrammeFactory(reference_date=D(2022, 1, 1))
    other_levels = ladder(other)
    block = BuildingBlockFactory(programme=other)
    with pytest.raises(ValidationError):
        report(staff, town_a, block, levels[1])
    report(staff, town_a, block, other_levels[1])
