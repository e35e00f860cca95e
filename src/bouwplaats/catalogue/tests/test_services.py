# SPDX-License-Identifier: EUPL-1.2
import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from bouwplaats.audit.models import AuditEntry
from bouwplaats.catalogue import services
from bouwplaats.catalogue.models import BuildingBlock, Evidence, Programme, ResultAgreement, StatusLevel

from .factories import BuildingBlockFactory, ProgrammeFactory, ResultAgreementFactory, ladder

pytestmark = pytest.mark.django_db


def entries(action):
    return AuditEntry.objects.filter(action=action)


def block_data(**overrides):
    data = {
        "code": "NIEUW",
        "name": "Nieuwe bouwsteen",
        "cluster": "Stelsel",
        "owner": "BZK",
        "municipality_role": "aansluiten",
        "evidence": Evidence.INFERRED,
    }
    return {**data, **overrides}


# --- permissions -------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["coordinator", "supplier", "anonymous", "member"])
def test_only_programme_staff_may_change_the_catalogue(who, request, programme, blocks, levels):
    from .factories import UserFactory

    actor = {
        "coordinator": lambda: request.getfixturevalue("coordinator"),
        "supplier": lambda: request.getfixturevalue("supplier"),
        "anonymous": AnonymousUser,
        "member": UserFactory,
    }[who]()
    a, b, c = blocks
    agreement = ResultAgreementFactory(programme=programme, required_level=levels[0])
    calls = [
        lambda: services.programme_update(actor=actor, programme=programme, name="X"),
        lambda: services.status_level_create(actor=actor, programme=programme, code="x", name="x"),
        lambda: services.status_level_update(actor=actor, level=levels[0], name="x"),
        lambda: services.status_level_move(actor=actor, level=levels[0], direction=services.UP),
        lambda: services.status_level_delete(actor=actor, level=levels[2]),
        lambda: services.building_block_create(actor=actor, programme=programme, **block_data()),
        lambda: services.building_block_update(actor=actor, block=a, name="x"),
        lambda: services.building_block_dependencies_set(actor=actor, block=c, depends_on=[a]),
        lambda: services.building_block_delete(actor=actor, block=c),
        lambda: services.result_agreement_create(
            actor=actor,
            programme=programme,
            number=99,
            title="t",
            text="t",
            deadline=datetime.date(2022, 1, 1),
            required_level=levels[0],
        ),
        lambda: services.result_agreement_update(actor=actor, agreement=agreement, title="x"),
        lambda: services.result_agreement_delete(actor=actor, agreement=agreement),
    ]
    audit_count = AuditEntry.objects.count()
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert AuditEntry.objects.count() == audit_count
    programme.refresh_from_db()
    assert programme.name != "X"
    assert BuildingBlock.objects.filter(programme=programme).count() == 3
    assert StatusLevel.objects.filter(programme=programme).count() == 3


def test_admin_role_may_edit(programme):
    from bouwplaats.accounts.models import Role

    from .factories import UserFactory

    admin = UserFactory(role=Role.ADMIN)
    services.programme_update(actor=admin, programme=programme, name="Door beheerder")
    programme.refresh_from_db()
    assert programme.name == "Door beheerder"


# --- programme ---------------------------------------------------------------------------------


def test_programme_update_records_only_changed_fields(staff, programme):
    services.programme_update(
        actor=staff,
        programme=programme,
        name="Nieuwe naam",
        owner=programme.owner,
        start_date_note="Bronnen verschillen.",
    )
    programme.refresh_from_db()
    assert programme.name == "Nieuwe naam"
    entry = entries("catalogue.programme.update").get(object_id=str(programme.pk))
    assert entry.actor == staff
    assert set(entry.changes) == {"name", "start_date_note"}
    assert entry.changes["name"][1] == "Nieuwe naam"


def test_programme_update_making_current_unsets_the_others(staff, programme):
    other = ProgrammeFactory(is_current=True)
    services.programme_update(actor=staff, programme=programme, is_current=True)
    other.refresh_from_db()
    programme.refresh_from_db()
    assert programme.is_current and not other.is_current
    assert Programme.objects.filter(is_current=True).count() == 1


def test_programme_update_validates_dates_and_predecessor(staff, programme):
    with pytest.raises(ValidationError) as info:
        services.programme_update(actor=staff, programme=programme, end_date=datetime.date(2019, 1, 1), name="")
    assert set(info.value.message_dict) == {"end_date", "name"}

    with pytest.raises(ValidationError) as info:
        services.programme_update(actor=staff, programme=programme, predecessor=programme)
    assert "predecessor" in info.value.message_dict

    successor = ProgrammeFactory(predecessor=programme)
    with pytest.raises(ValidationError) as info:
        services.programme_update(actor=staff, programme=programme, predecessor=successor)
    assert "predecessor" in info.value.message_dict
    programme.refresh_from_db()
    assert programme.predecessor is None and programme.name != ""


def test_programme_update_rejects_unknown_fields(staff, programme):
    with pytest.raises(TypeError):
        services.programme_update(actor=staff, programme=programme, slug="ander")


# --- status ladder -----------------------------------------------------------------------------


def names(programme):
    return list(StatusLevel.objects.filter(programme=programme).order_by("position").values_list("name", flat=True))


def positions(programme):
    return list(StatusLevel.objects.filter(programme=programme).order_by("position").values_list("position", flat=True))


def test_status_level_create_appends_at_the_top(staff, programme, levels):
    level = services.status_level_create(actor=staff, programme=programme, code="in-gebruik", name="in gebruik")
    assert level.position == 3
    assert names(programme)[-1] == "in gebruik"
    entry = entries("catalogue.status_level.create").get(object_id=str(level.pk))
    assert entry.changes["code"] == [None, "in-gebruik"]


def test_status_level_code_unique_per_programme(staff, programme, levels):
    with pytest.raises(ValidationError) as info:
        services.status_level_create(actor=staff, programme=programme, code=levels[0].code, name="dubbel")
    assert "already has a status level" in info.value.message_dict["code"][0]
    # The same code in another programme is fine.
    other = ProgrammeFactory()
    services.status_level_create(actor=staff, programme=other, code=levels[0].code, name="elders")


def test_status_level_update_renames(staff, levels):
    services.status_level_update(actor=staff, level=levels[1], name="verkenning")
    levels[1].refresh_from_db()
    assert levels[1].name == "verkenning"
    entry = entries("catalogue.status_level.update").get()
    assert entry.changes == {"name": ["oriëntatie", "verkenning"]}


def test_status_level_move_up_and_down(staff, programme, levels):
    services.status_level_move(actor=staff, level=levels[0], direction=services.UP)
    assert names(programme) == ["oriëntatie", "niet gestart", "aangesloten"]
    services.status_level_move(actor=staff, level=levels[2], direction=services.DOWN)
    assert names(programme) == ["oriëntatie", "aangesloten", "niet gestart"]
    assert positions(programme) == [0, 1, 2]
    entry = entries("catalogue.status_level.move").first()
    assert entry.changes == {"position": [2, 1]}


def test_status_level_move_past_the_end_is_refused(staff, programme, levels):
    with pytest.raises(ValidationError, match="already the lowest"):
        services.status_level_move(actor=staff, level=levels[0], direction=services.DOWN)
    with pytest.raises(ValidationError, match="already the highest"):
        services.status_level_move(actor=staff, level=levels[2], direction=services.UP)
    with pytest.raises(ValidationError):
        services.status_level_move(actor=staff, level=levels[1], direction="sideways")
    assert names(programme) == ["niet gestart", "oriëntatie", "aangesloten"]
    assert not entries("catalogue.status_level.move").exists()


def test_status_level_delete_closes_the_gap(staff, programme, levels):
    services.status_level_delete(actor=staff, level=levels[1])
    assert names(programme) == ["niet gestart", "aangesloten"]
    assert positions(programme) == [0, 1]
    entry = entries("catalogue.status_level.delete").get()
    assert entry.changes["name"] == ["oriëntatie", None]


def test_status_level_delete_refused_while_required(staff, programme, levels):
    ResultAgreementFactory(programme=programme, number=7, required_level=levels[2])
    with pytest.raises(ValidationError) as info:
        services.status_level_delete(actor=staff, level=levels[2])
    assert "result agreement 7 requires" in info.value.messages[0]
    assert StatusLevel.objects.filter(pk=levels[2].pk).exists()
    assert not entries("catalogue.status_level.delete").exists()


# --- building blocks ---------------------------------------------------------------------------


def test_building_block_create(staff, programme, blocks):
    a, _, _ = blocks
    block = services.building_block_create(actor=staff, programme=programme, depends_on=[a], **block_data())
    assert block.programme == programme
    assert list(block.depends_on.all()) == [a]
    entry = entries("catalogue.building_block.create").get(object_id=str(block.pk))
    assert entry.changes["code"] == [None, "NIEUW"]
    assert entry.changes["depends_on"] == [None, ["AAA"]]


def test_building_block_create_validates(staff, programme, blocks):
    with pytest.raises(ValidationError) as info:
        services.building_block_create(
            actor=staff,
            programme=programme,
            **block_data(code="AAA", evidence=Evidence.SOURCE, gemma_object_id="geen-uuid", municipality_role="x"),
        )
    errors = info.value.message_dict
    assert "already has a building block with the code “AAA”" in errors["code"][0]
    assert {"code", "source_url", "gemma_object_id", "municipality_role"} <= set(errors)
    assert BuildingBlock.objects.filter(programme=programme).count() == 3


def test_building_block_codes_may_repeat_across_programmes(staff, blocks):
    other = ProgrammeFactory()
    block = services.building_block_create(actor=staff, programme=other, **block_data(code="AAA"))
    assert block.code == "AAA"


def test_building_block_deadline_basis_needs_a_deadline(staff, programme):
    with pytest.raises(ValidationError) as info:
        services.building_block_create(
            actor=staff, programme=programme, **block_data(deadline=None, deadline_basis="law")
        )
    assert "deadline" in info.value.message_dict


def test_building_block_update_records_diff(staff, blocks):
    a, _, _ = blocks
    services.building_block_update(
        actor=staff, block=a, name="Alfa 2", evidence=Evidence.SOURCE, source_url="https://example.org/"
    )
    a.refresh_from_db()
    assert a.name == "Alfa 2"
    entry = entries("catalogue.building_block.update").get()
    assert set(entry.changes) == {"name", "evidence", "source_url"}


def test_building_block_update_can_replace_dependencies(staff, blocks):
    a, b, c = blocks
    services.building_block_update(actor=staff, block=b, depends_on=[c])
    assert list(b.depends_on.all()) == [c]
    assert entries("catalogue.building_block.update").get().changes == {"depends_on": [["AAA"], ["CCC"]]}


def test_building_block_delete(staff, programme, blocks, levels):
    a, b, c = blocks
    ResultAgreementFactory(programme=programme, number=3, required_level=levels[0], building_blocks=[a, c])
    services.building_block_delete(actor=staff, block=a)
    assert not BuildingBlock.objects.filter(pk=a.pk).exists()
    assert list(b.depends_on.all()) == []
    entry = entries("catalogue.building_block.delete").get()
    assert entry.changes["code"] == ["AAA", None]
    assert entry.changes["required_by"] == [["BBB"], None]
    assert entry.changes["result_agreements"] == [[3], None]


# --- dependencies ------------------------------------------------------------------------------


def test_set_dependencies(staff, blocks):
    a, b, c = blocks
    services.building_block_dependencies_set(actor=staff, block=c, depends_on=[a, b])
    assert set(c.depends_on.all()) == {a, b}
    assert set(a.required_by.all()) == {b, c}
    entry = entries("catalogue.building_block.set_dependencies").get()
    assert entry.changes == {"depends_on": [[], ["AAA", "BBB"]]}


def test_self_dependency_is_refused(staff, blocks):
    a, _, _ = blocks
    with pytest.raises(ValidationError, match="cannot depend on itself"):
        services.building_block_dependencies_set(actor=staff, block=a, depends_on=[a])


def test_direct_cycle_is_refused_and_named(staff, blocks):
    a, b, _ = blocks  # B → A already
    with pytest.raises(ValidationError) as info:
        services.building_block_dependencies_set(actor=staff, block=a, depends_on=[b])
    assert info.value.message_dict["depends_on"] == ["This would create a cycle of dependencies: AAA → BBB → AAA."]
    assert list(a.depends_on.all()) == []
    assert not entries("catalogue.building_block.set_dependencies").exists()


def test_longer_cycle_is_refused_and_named(staff, blocks):
    a, b, c = blocks  # B → A
    services.building_block_dependencies_set(actor=staff, block=c, depends_on=[b])  # C → B → A
    with pytest.raises(ValidationError) as info:
        services.building_block_dependencies_set(actor=staff, block=a, depends_on=[c])
    assert "AAA → CCC → BBB → AAA" in info.value.message_dict["depends_on"][0]


def test_update_with_cycle_changes_nothing(staff, blocks):
    a, b, _ = blocks
    with pytest.raises(ValidationError):
        services.building_block_update(actor=staff, block=a, name="Ander", depends_on=[b])
    a.refresh_from_db()
    assert a.name == "Alfa"


def test_dependency_on_another_programme_is_refused(staff, blocks):
    a, _, _ = blocks
    foreign = BuildingBlockFactory(code="VREEMD")
    with pytest.raises(ValidationError, match="VREEMD"):
        services.building_block_dependencies_set(actor=staff, block=a, depends_on=[foreign])


def test_diamond_is_no_cycle(staff, blocks, programme):
    a, b, c = blocks
    d = BuildingBlockFactory(programme=programme, code="DDD")
    services.building_block_dependencies_set(actor=staff, block=c, depends_on=[a])
    services.building_block_dependencies_set(actor=staff, block=d, depends_on=[b, c])
    assert set(d.depends_on.all()) == {b, c}


# --- result agreements -------------------------------------------------------------------------


def agreement_data(levels, **overrides):
    data = {
        "number": 1,
        "title": "Aansluiten op de basisregistraties",
        "text": "Alle gemeenten zijn aangesloten.",
        "criterion": "Aansluiting in het aansluitregister.",
        "deadline": datetime.date(2022, 12, 31),
        "required_level": levels[2],
    }
    return {**data, **overrides}


def test_result_agreement_create(staff, programme, levels, blocks):
    a, b, _ = blocks
    agreement = services.result_agreement_create(
        actor=staff, programme=programme, building_blocks=[a, b], **agreement_data(levels)
    )
    assert set(agreement.building_blocks.all()) == {a, b}
    entry = entries("catalogue.result_agreement.create").get(object_id=str(agreement.pk))
    assert entry.changes["building_blocks"] == [None, ["AAA", "BBB"]]
    assert entry.changes["required_level"] == [None, "stap-2"]


def test_result_agreement_number_unique_per_programme(staff, programme, levels):
    services.result_agreement_create(actor=staff, programme=programme, **agreement_data(levels))
    with pytest.raises(ValidationError) as info:
        services.result_agreement_create(actor=staff, programme=programme, **agreement_data(levels))
    assert info.value.message_dict["number"] == ["This programme already has a result agreement with number 1."]
    other = ProgrammeFactory()
    services.result_agreement_create(actor=staff, programme=other, **agreement_data(ladder(other)))


def test_result_agreement_requires_deadline_and_level(staff, programme, levels):
    with pytest.raises(ValidationError) as info:
        services.result_agreement_create(
            actor=staff, programme=programme, **agreement_data(levels, deadline=None, required_level=None, number=0)
        )
    errors = info.value.message_dict
    assert errors["deadline"] == ["Enter the date by which the result is due, or say in the note why it is not known."]
    assert "required_level" in errors
    assert "number" in errors
    assert not ResultAgreement.objects.filter(programme=programme).exists()


def test_result_agreement_without_a_known_deadline_says_why(staff, programme, levels):
    agreement = services.result_agreement_create(
        actor=staff,
        programme=programme,
        **agreement_data(levels, deadline=None, deadline_note="niet gevonden", wording="not_found"),
    )
    assert (agreement.deadline, agreement.deadline_note, agreement.wording) == (None, "niet gevonden", "not_found")
    entry = AuditEntry.objects.filter(action="catalogue.result_agreement.create").first()
    assert entry.changes["deadline_note"] == [None, "niet gevonden"]


def test_result_agreement_from_a_source_names_it(staff, programme, levels):
    with pytest.raises(ValidationError) as info:
        services.result_agreement_create(actor=staff, programme=programme, **agreement_data(levels, evidence="source"))
    assert list(info.value.message_dict) == ["source_url"]
    agreement = services.result_agreement_create(
        actor=staff,
        programme=programme,
        **agreement_data(
            levels, evidence="source", source_url="https://example.org/i-nup", source_quote="19 afspraken"
        ),
    )
    assert (agreement.evidence, agreement.source_url) == ("source", "https://example.org/i-nup")


def test_result_agreement_blocks_and_level_of_the_same_programme(staff, programme, levels):
    other = ProgrammeFactory()
    foreign_level = ladder(other)[0]
    foreign_block = BuildingBlockFactory(programme=other, code="ELDERS")
    with pytest.raises(ValidationError) as info:
        services.result_agreement_create(
            actor=staff,
            programme=programme,
            building_blocks=[foreign_block],
            **agreement_data(levels, required_level=foreign_level),
        )
    assert set(info.value.message_dict) == {"required_level", "building_blocks"}
    assert "ELDERS" in info.value.message_dict["building_blocks"][0]


def test_result_agreement_update_and_delete(staff, programme, levels, blocks):
    a, b, c = blocks
    agreement = services.result_agreement_create(
        actor=staff, programme=programme, building_blocks=[a], **agreement_data(levels)
    )
    services.result_agreement_update(
        actor=staff, agreement=agreement, building_blocks=[b, c], required_level=levels[1], title="Nieuwe titel"
    )
    agreement.refresh_from_db()
    assert agreement.title == "Nieuwe titel"
    assert set(agreement.building_blocks.all()) == {b, c}
    changes = entries("catalogue.result_agreement.update").get().changes
    assert changes["building_blocks"] == [["AAA"], ["BBB", "CCC"]]
    assert changes["required_level"] == ["stap-2", "stap-1"]
    assert "text" not in changes

    services.result_agreement_create(actor=staff, programme=programme, **agreement_data(levels, number=2))
    with pytest.raises(ValidationError):
        services.result_agreement_update(actor=staff, agreement=agreement, number=2)

    services.result_agreement_delete(actor=staff, agreement=agreement)
    assert not ResultAgreement.objects.filter(pk=agreement.pk).exists()
    assert entries("catalogue.result_agreement.delete").get().changes["number"] == [1, None]
