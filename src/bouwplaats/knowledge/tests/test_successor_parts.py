# SPDX-License-Identifier: EUPL-1.2
"""What a successor programme takes over of the knowledge centre, and guides of a closed programme."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from bouwplaats.catalogue import services as catalogue_services
from bouwplaats.catalogue.models import BuildingBlock, StatusVisibility
from bouwplaats.knowledge.guides import services
from bouwplaats.knowledge.models import Guide, GuideStep, GuideVersion, Question, QuestionStatus, StepCompletion
from bouwplaats.monitor import services as monitor_services
from bouwplaats.monitor.models import CurrentStatus, StatusEvent

from .factories import QuestionFactory

pytestmark = pytest.mark.django_db

START = datetime.date(2023, 1, 1)
EVERY_PART = ["status_levels", "building_blocks", "result_agreements", "statuses", "guides", "open_questions"]


def steps(levels):
    return [
        {"title": "Oriënteren", "description": "Lees de handreiking.", "level": levels[1]},
        {"title": "Aansluiten", "description": "", "level": levels[3]},
    ]


def start(staff, programme, parts):
    return catalogue_services.successor_start(
        actor=staff,
        predecessor=programme,
        parts=parts,
        slug="vervolg",
        name="Vervolg",
        start_date=START,
        reference_date=datetime.date(2022, 1, 1),
        municipality_status_visibility=StatusVisibility.AGGREGATED,
    )


def knowledge_rows():
    return (
        list(Guide.objects.order_by("pk").values()),
        list(GuideVersion.objects.order_by("pk").values()),
        list(GuideStep.objects.order_by("pk").values()),
        list(StepCompletion.objects.order_by("pk").values()),
        list(Question.objects.order_by("pk").values()),
    )


@pytest.fixture
def guide(staff, coordinator_a, town_a, blocks, levels):
    """Block A has a guide in two versions; Aadorp ticked a step of the second."""
    services.guide_version_publish(actor=staff, building_block=blocks[0], steps=steps(levels)[:1])
    second = services.guide_version_publish(
        actor=staff, building_block=blocks[0], steps=steps(levels), introduction="Versie twee", change_note="Stap 2"
    )
    services.guide_steps_tick(
        actor=coordinator_a, municipality=town_a, version=second, step_ids=[second.steps.first().pk]
    )
    return second


def test_the_current_version_of_each_guide_is_taken_over_without_ticks(staff, programme, blocks, guide):
    catalogue_services.programme_close(actor=staff, programme=programme, closed_on=START)
    successor = start(staff, programme, ["status_levels", "building_blocks", "guides"])
    block = BuildingBlock.objects.get(programme=successor, code="AAA")
    version = GuideVersion.objects.get(guide__building_block=block)
    assert (version.number, version.introduction, version.published_by) == (1, "Versie twee", staff)
    assert version.change_note == f"Overgenomen uit {programme.name}."
    assert [(step.position, step.title, step.level.code, step.level.programme) for step in version.steps.all()] == [
        (0, "Oriënteren", "stap-1", successor),
        (1, "Aansluiten", "stap-3", successor),
    ]
    assert not StepCompletion.objects.filter(step__version=version).exists()
    assert not Guide.objects.filter(building_block__programme=successor, building_block__code="BBB").exists()


def test_open_questions_are_found_under_the_successors_blocks_as_well(staff, programme, blocks):
    a, b = blocks
    open_question = QuestionFactory(status=QuestionStatus.ASSIGNED)
    open_question.building_blocks.set([a, b])
    answered = QuestionFactory(status=QuestionStatus.PUBLISHED)
    answered.building_blocks.set([a])
    successor = start(staff, programme, ["building_blocks", "open_questions"])
    assert sorted((block.programme_id, block.code) for block in open_question.building_blocks.all()) == [
        (programme.pk, "AAA"),
        (programme.pk, "BBB"),
        (successor.pk, "AAA"),
        (successor.pk, "BBB"),
    ]
    assert [block.programme_id for block in answered.building_blocks.all()] == [programme.pk]


def test_taking_over_everything_leaves_the_predecessor_as_it_was(staff, programme, levels, blocks, town_a, guide):
    a, b = blocks
    monitor_services.status_report(actor=staff, municipality=town_a, building_block=a, level=levels[2])
    question = QuestionFactory()
    question.building_blocks.set([b])
    catalogue_services.programme_close(actor=staff, programme=programme, closed_on=START)
    events = list(StatusEvent.objects.order_by("pk").values())
    currents = list(CurrentStatus.objects.order_by("pk").values())
    guides, versions, guide_steps, ticks, questions = knowledge_rows()
    successor = start(staff, programme, EVERY_PART)
    assert list(StatusEvent.objects.filter(pk__in=[row["id"] for row in events]).order_by("pk").values()) == events
    assert (
        list(CurrentStatus.objects.filter(pk__in=[row["id"] for row in currents]).order_by("pk").values()) == currents
    )
    after = knowledge_rows()
    assert [row for row in after[0] if row["id"] in {g["id"] for g in guides}] == guides
    assert [row for row in after[1] if row["id"] in {v["id"] for v in versions}] == versions
    assert [row for row in after[2] if row["id"] in {s["id"] for s in guide_steps}] == guide_steps
    assert after[3] == ticks
    assert after[4] == questions
    assert Guide.objects.filter(building_block__programme=successor).count() == 1
    assert question.building_blocks.filter(programme=successor).count() == 1


def test_the_guides_of_a_closed_programme_are_not_changed(
    staff, coordinator_a, town_a, programme, blocks, levels, guide
):
    catalogue_services.programme_close(actor=staff, programme=programme, closed_on=START)
    before = knowledge_rows()
    message = f"{programme.name} was closed on 1 January 2023; it can no longer be changed."
    with pytest.raises(ValidationError) as raised:
        services.guide_version_publish(actor=staff, building_block=blocks[0], steps=steps(levels))
    assert raised.value.messages == [message]
    with pytest.raises(ValidationError) as raised:
        services.guide_steps_tick(actor=coordinator_a, municipality=town_a, version=guide, step_ids=[])
    assert raised.value.messages == [message]
    assert knowledge_rows() == before
