# SPDX-License-Identifier: EUPL-1.2
"""A programme's lifecycle in the services: created, closed (then read-only), and succeeded."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from bouwplaats.audit.models import AuditEntry
from bouwplaats.catalogue import services, succession
from bouwplaats.catalogue.models import (
    BuildingBlock,
    BuildingBlockElement,
    Programme,
    ResultAgreement,
    StatusLevel,
    StatusVisibility,
)
from bouwplaats.catalogue.selectors import programme_line

from .factories import ProgrammeFactory, ResultAgreementFactory, UserFactory

pytestmark = pytest.mark.django_db

CLOSED = "Testprogramma {n} was closed on 1 January 2023; it can no longer be changed."
ALL_CATALOGUE_PARTS = ["status_levels", "building_blocks", "result_agreements"]


def new_programme(**overrides):
    values = {
        "slug": "tweede-ronde",
        "name": "Tweede ronde",
        "start_date": datetime.date(2023, 1, 1),
        "end_date": datetime.date(2025, 1, 1),
        "reference_date": datetime.date(2023, 1, 1),
    }
    return {**values, **overrides}


def successor_values(**overrides):
    values = {
        "slug": "vervolg",
        "name": "Vervolg",
        "start_date": datetime.date(2023, 1, 1),
        "end_date": datetime.date(2025, 1, 1),
        "reference_date": datetime.date(2022, 1, 1),
        "municipality_status_visibility": StatusVisibility.AGGREGATED,
    }
    return {**values, **overrides}


@pytest.fixture
def catalogue(programme, levels, blocks):
    """The test programme (ended 1 January 2023) with a ladder, blocks, an agreement and a GEMMA link."""
    a, b, c = blocks
    agreement = ResultAgreementFactory(
        programme=programme, number=1, required_level=levels[2], building_blocks=[a, b], deadline_note="Nog open"
    )
    BuildingBlockElement.objects.create(building_block=a, object_id="a5786df1-7ecf-11e3-67ab-0050568a6153", note="x")
    programme.result_agreement_total = 4
    programme.save()
    return programme, levels, blocks, agreement


def closed(programme, staff, on=datetime.date(2023, 1, 1)):
    return services.programme_close(actor=staff, programme=programme, closed_on=on)


def rows_of(programme):
    """Everything of a programme that a successor could change, to compare before and after."""
    return (
        list(Programme.objects.filter(pk=programme.pk).values()),
        list(StatusLevel.objects.filter(programme=programme).order_by("pk").values()),
        list(BuildingBlock.objects.filter(programme=programme).order_by("pk").values()),
        list(
            BuildingBlock.depends_on.through.objects.filter(from_buildingblock__programme=programme)
            .order_by("pk")
            .values()
        ),
        list(BuildingBlockElement.objects.filter(building_block__programme=programme).order_by("pk").values()),
        list(ResultAgreement.objects.filter(programme=programme).order_by("pk").values()),
        list(
            ResultAgreement.building_blocks.through.objects.filter(resultagreement__programme=programme)
            .order_by("pk")
            .values()
        ),
    )


def others(request, who):
    return {
        "coordinator": lambda: request.getfixturevalue("coordinator"),
        "supplier": lambda: request.getfixturevalue("supplier"),
        "anonymous": AnonymousUser,
        "member": UserFactory,
    }[who]()


# --- creating ----------------------------------------------------------------------------------


def test_staff_create_a_programme_with_one_audit_entry(staff):
    programme = services.programme_create(actor=staff, **new_programme(owner="VNG", is_current=False))
    assert (programme.slug, programme.name, programme.owner, programme.is_closed) == (
        "tweede-ronde",
        "Tweede ronde",
        "VNG",
        False,
    )
    entry = AuditEntry.objects.get(action="catalogue.programme.create")
    assert entry.object_id == str(programme.pk)
    assert entry.changes["slug"] == [None, "tweede-ronde"]


def test_a_new_current_programme_makes_the_others_not_current(staff, programme):
    programme.is_current = True
    programme.save()
    created = services.programme_create(actor=staff, **new_programme(is_current=True))
    assert list(Programme.objects.filter(is_current=True)) == [created]


@pytest.mark.parametrize("who", ["coordinator", "supplier", "anonymous", "member"])
def test_only_staff_create_close_and_succeed_programmes(who, request, catalogue):
    programme = catalogue[0]
    actor = others(request, who)
    count, audits = Programme.objects.count(), AuditEntry.objects.count()
    with pytest.raises(PermissionDenied):
        services.programme_create(actor=actor, **new_programme())
    with pytest.raises(PermissionDenied):
        services.programme_close(actor=actor, programme=programme, closed_on=datetime.date(2023, 1, 1))
    with pytest.raises(PermissionDenied):
        services.successor_start(actor=actor, predecessor=programme, parts=ALL_CATALOGUE_PARTS, **successor_values())
    assert (Programme.objects.count(), AuditEntry.objects.count()) == (count, audits)
    programme.refresh_from_db()
    assert not programme.is_closed


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": "  "}, "name", "Enter the name of the programme."),
        ({"slug": "nieuw"}, "slug", "“nieuw” is taken by a page of the site; choose another short name."),
        ({"slug": "met spaties"}, "slug", None),
        ({"end_date": datetime.date(2022, 1, 1)}, "end_date", "The end must not be before the start."),
        ({"start_date": None}, "start_date", "Enter the date on which the programme starts."),
        (
            {"reference_date": None},
            "reference_date",
            "Enter the reference date: the programme runs on the municipalities of that day.",
        ),
    ],
)
def test_a_new_programme_is_checked_and_nothing_is_written(staff, overrides, field, message):
    count = Programme.objects.count()
    with pytest.raises(ValidationError) as raised:
        services.programme_create(actor=staff, **new_programme(**overrides))
    assert field in raised.value.message_dict
    if message:
        assert message in raised.value.message_dict[field]
    assert Programme.objects.count() == count
    assert not AuditEntry.objects.filter(action="catalogue.programme.create").exists()


def test_a_short_name_is_used_once(staff, programme):
    with pytest.raises(ValidationError) as raised:
        services.programme_create(actor=staff, **new_programme(slug=programme.slug))
    assert raised.value.message_dict["slug"] == [
        f"There is already a programme with the short name “{programme.slug}”."
    ]


# --- closing -----------------------------------------------------------------------------------


def test_staff_close_a_programme_once_with_who_and_when(staff, programme):
    closed(programme, staff)
    programme.refresh_from_db()
    assert (programme.closed_on, programme.closed_by, programme.is_closed) == (datetime.date(2023, 1, 1), staff, True)
    assert timezone.now() - programme.closed_at < datetime.timedelta(minutes=1)
    entry = AuditEntry.objects.get(action="catalogue.programme.close")
    assert entry.changes["closed_on"] == [None, "2023-01-01"]
    assert entry.actor == staff
    with pytest.raises(ValidationError) as raised:
        closed(programme, staff, on=datetime.date(2023, 2, 1))
    assert raised.value.messages == [CLOSED.format(n=programme.name.split()[-1])]
    assert AuditEntry.objects.filter(action="catalogue.programme.close").count() == 1


def test_a_closed_programme_says_so_in_dutch(staff, programme):
    closed(programme, staff)
    with translation.override("nl"), pytest.raises(ValidationError) as raised:
        services.programme_update(actor=staff, programme=programme, name="Anders")
    assert raised.value.messages == [
        f"{programme.name} is afgesloten op 1 januari 2023; wijzigingen zijn niet meer mogelijk."
    ]


@pytest.mark.parametrize(
    ("closed_on", "message"),
    [
        (None, "Enter the date on which the programme is closed."),
        (datetime.date(2022, 12, 31), "runs until 1 January 2023: close it on that day or later"),
        (datetime.date(2019, 12, 31), "started on 1 January 2020; it cannot be closed before it started."),
        ("tomorrow", "A programme is closed today or on a date that has passed, not in the future."),
    ],
)
def test_closing_is_checked_and_nothing_is_written(staff, programme, closed_on, message):
    if closed_on == "tomorrow":
        closed_on = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as raised:
        services.programme_close(actor=staff, programme=programme, closed_on=closed_on)
    assert any(message in text for text in raised.value.message_dict["closed_on"])
    programme.refresh_from_db()
    assert not programme.is_closed
    assert not AuditEntry.objects.filter(action="catalogue.programme.close").exists()


def test_a_programme_without_end_ends_when_it_closes(staff, programme):
    programme.end_date = None
    programme.save()
    closed(programme, staff, on=datetime.date(2024, 5, 1))
    programme.refresh_from_db()
    assert programme.end_date == datetime.date(2024, 5, 1)


def test_a_closed_programme_refuses_every_change_to_its_catalogue(staff, catalogue):
    programme, levels, (a, b, c), agreement = catalogue
    link = BuildingBlockElement.objects.get(building_block=a)
    closed(programme, staff)
    before, audits = rows_of(programme), AuditEntry.objects.count()
    calls = [
        lambda: services.programme_update(actor=staff, programme=programme, name="X"),
        lambda: services.status_level_create(actor=staff, programme=programme, code="x", name="x"),
        lambda: services.status_level_update(actor=staff, level=levels[0], name="x"),
        lambda: services.status_level_move(actor=staff, level=levels[0], direction=services.UP),
        lambda: services.status_level_delete(actor=staff, level=levels[1]),
        lambda: services.building_block_create(
            actor=staff,
            programme=programme,
            code="NIEUW",
            name="Nieuw",
            cluster="Stelsel",
            owner="BZK",
            municipality_role="aansluiten",
        ),
        lambda: services.building_block_update(actor=staff, block=a, name="x"),
        lambda: services.building_block_dependencies_set(actor=staff, block=c, depends_on=[a]),
        lambda: services.building_block_delete(actor=staff, block=c),
        lambda: services.building_block_element_add(actor=staff, block=b, object_id="x"),
        lambda: services.building_block_element_remove(actor=staff, link=link),
        lambda: services.result_agreement_create(
            actor=staff,
            programme=programme,
            number=9,
            title="t",
            text="t",
            deadline=datetime.date(2022, 1, 1),
            required_level=levels[0],
        ),
        lambda: services.result_agreement_update(actor=staff, agreement=agreement, title="x"),
        lambda: services.result_agreement_delete(actor=staff, agreement=agreement),
    ]
    for call in calls:
        with pytest.raises(ValidationError) as raised:
            call()
        assert raised.value.messages == [CLOSED.format(n=programme.name.split()[-1])]
    assert rows_of(programme) == before
    assert AuditEntry.objects.count() == audits


def test_a_programme_object_loaded_before_closing_does_not_let_a_change_through(staff, programme):
    stale = Programme.objects.get(pk=programme.pk)
    closed(programme, staff)
    with pytest.raises(ValidationError):
        services.programme_update(actor=staff, programme=stale, name="X")


# --- successors ----------------------------------------------------------------------------------


def test_a_successor_takes_over_the_catalogue_and_leaves_the_predecessor_unchanged(staff, catalogue):
    programme, levels, (a, b, c), agreement = catalogue
    closed(programme, staff)
    programme.refresh_from_db()
    before = rows_of(programme)
    successor = services.successor_start(
        actor=staff, predecessor=programme, parts=ALL_CATALOGUE_PARTS, owner="VNG", **successor_values()
    )
    assert rows_of(programme) == before
    assert (successor.predecessor, successor.owner, successor.is_closed) == (programme, "VNG", False)
    assert list(StatusLevel.objects.filter(programme=successor).values_list("position", "code", "name")) == list(
        StatusLevel.objects.filter(programme=programme).values_list("position", "code", "name")
    )
    copies = {block.code: block for block in BuildingBlock.objects.filter(programme=successor)}
    assert sorted(copies) == ["AAA", "BBB", "CCC"]
    assert [dep.code for dep in copies["BBB"].depends_on.all()] == ["AAA"]
    assert copies["BBB"].depends_on.get().programme == successor
    assert list(copies["AAA"].gemma_links.values_list("object_id", "note")) == [
        ("a5786df1-7ecf-11e3-67ab-0050568a6153", "x")
    ]
    copy = ResultAgreement.objects.get(programme=successor)
    assert (copy.number, copy.title, copy.required_level.programme, copy.required_level.code) == (
        1,
        agreement.title,
        successor,
        levels[2].code,
    )
    assert sorted(block.code for block in copy.building_blocks.all()) == ["AAA", "BBB"]
    assert {block.programme_id for block in copy.building_blocks.all()} == {successor.pk}
    assert successor.result_agreement_total == 4
    entry = AuditEntry.objects.get(action="catalogue.programme.successor_start")
    assert entry.object_id == str(successor.pk)
    assert entry.changes["copied"] == [None, {"status_levels": 3, "building_blocks": 3, "result_agreements": 1}]
    assert entry.changes["predecessor"] == [None, programme.name]


def test_a_successor_takes_over_only_what_is_chosen(staff, catalogue):
    programme = catalogue[0]
    successor = services.successor_start(
        actor=staff, predecessor=programme, parts=["building_blocks"], **successor_values()
    )
    assert BuildingBlock.objects.filter(programme=successor).count() == 3
    assert not StatusLevel.objects.filter(programme=successor).exists()
    assert not ResultAgreement.objects.filter(programme=successor).exists()
    empty = services.successor_start(actor=staff, predecessor=programme, **successor_values(slug="leeg"))
    assert not BuildingBlock.objects.filter(programme=empty).exists()


def test_a_successor_may_become_the_current_programme(staff, catalogue):
    programme = catalogue[0]
    Programme.objects.update(is_current=False)
    programme.is_current = True
    programme.save()
    successor = services.successor_start(actor=staff, predecessor=programme, make_current=True, **successor_values())
    assert list(Programme.objects.filter(is_current=True)) == [successor]
    programme.refresh_from_db()
    assert not programme.is_current


@pytest.mark.parametrize(
    ("overrides", "parts", "field", "message"),
    [
        (
            {"start_date": datetime.date(2022, 12, 31)},
            [],
            "start_date",
            "A successor starts when Testprogramma {n} ends (1 January 2023) or later.",
        ),
        ({"slug": "existing"}, [], "slug", "There is already a programme with the short name “existing”."),
        (
            {},
            ["result_agreements", "building_blocks"],
            "parts",
            "“Result agreements” builds on “Status ladder”: choose that too.",
        ),
        ({}, ["gebouwen"], "parts", "There is nothing called “gebouwen” to take over."),
        ({"name": ""}, [], "name", "Enter the name of the programme."),
    ],
)
def test_a_successor_is_checked_and_nothing_is_written(staff, catalogue, overrides, parts, field, message):
    programme = catalogue[0]
    ProgrammeFactory(slug="existing")
    before, count, audits = rows_of(programme), Programme.objects.count(), AuditEntry.objects.count()
    with pytest.raises(ValidationError) as raised:
        services.successor_start(actor=staff, predecessor=programme, parts=parts, **successor_values(**overrides))
    assert message.format(n=programme.name.split()[-1]) in raised.value.message_dict[field]
    assert (Programme.objects.count(), AuditEntry.objects.count()) == (count, audits)
    assert rows_of(programme) == before
    assert not BuildingBlock.objects.filter(code="AAA").exclude(programme=programme).exists()


def test_a_failing_part_writes_nothing_at_all(staff, catalogue):
    programme = catalogue[0]

    def broken(*, predecessor, successor, actor):
        raise RuntimeError("broken")

    succession.register_part("broken", "Broken", broken, position=99)
    try:
        with pytest.raises(RuntimeError):
            services.successor_start(
                actor=staff, predecessor=programme, parts=[*ALL_CATALOGUE_PARTS, "broken"], **successor_values()
            )
    finally:
        succession.unregister_part("broken")
    assert not Programme.objects.filter(slug="vervolg").exists()
    assert not StatusLevel.objects.filter(programme__slug="vervolg").exists()


def test_the_system_may_close_and_succeed_but_an_anonymous_visitor_not(catalogue):
    programme = catalogue[0]
    services.programme_close(actor=None, programme=programme, closed_on=datetime.date(2023, 1, 1))
    successor = services.successor_start(actor=None, predecessor=programme, **successor_values())
    assert successor.predecessor == programme
    assert AuditEntry.objects.get(action="catalogue.programme.close").actor_label == "system"
    with pytest.raises(PermissionDenied):
        services.programme_create(actor=None, **new_programme())


def test_the_apps_register_their_parts_in_order():
    keys = succession.part_keys()
    assert keys[:3] == ALL_CATALOGUE_PARTS
    assert {"statuses", "guides", "open_questions"} <= set(keys)
    assert succession.get_part("statuses").requires == ("status_levels", "building_blocks")


def test_a_successor_of_a_successor_keeps_the_line(staff, catalogue):
    programme = catalogue[0]
    first = services.successor_start(actor=staff, predecessor=programme, **successor_values())
    second = services.successor_start(
        actor=staff,
        predecessor=first,
        **successor_values(slug="derde", name="Derde", start_date=datetime.date(2025, 1, 1), end_date=None),
    )
    assert programme_line(first) == [programme, first, second]
    assert programme_line(second) == [programme, first, second]
