# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.core.management import call_command

from bouwplaats.audit.models import AuditEntry
from bouwplaats.monitor import services
from bouwplaats.monitor.demo import demo_progress_load, demo_progress_remove
from bouwplaats.monitor.models import CurrentStatus, StatusEvent

from ..factories import BuildingBlockFactory, MunicipalityFactory, ladder

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_programme(programme, staff):
    levels = ladder(programme, names=("niet gestart", "oriëntatie", "voorbereiding", "aangesloten", "in gebruik"))
    a = BuildingBlockFactory(programme=programme, code="AAA")
    b = BuildingBlockFactory(programme=programme, code="BBB", depends_on=[a])
    towns = [MunicipalityFactory(code=f"GM97{i:02d}") for i in range(4)]
    return levels, [a, b], towns


def snapshot():
    return sorted(
        StatusEvent.objects.values_list("municipality__code", "building_block__code", "level__position", "valid_from")
    )


def test_demo_load_is_idempotent_deterministic_and_removable(small_programme, staff):
    levels, blocks, towns = small_programme
    real = services.status_report(actor=staff, municipality=towns[0], building_block=blocks[0], level=levels[1])
    call_command("load_demo_progress", "--force", "--seed", "7", verbosity=0)
    demo = StatusEvent.objects.filter(is_demo=True)
    assert demo.exists()
    assert not demo.filter(municipality=towns[0], building_block=blocks[0]).exists()  # real pair left alone
    assert set(demo.values_list("source", flat=True)) == {"demo"}
    assert not demo.filter(author__isnull=False).exists()
    first = snapshot()
    # Levels only go up within each pair; the current row is the latest event with the version = count.
    for current in CurrentStatus.objects.filter(is_demo=True):
        events = list(
            StatusEvent.objects.filter(municipality=current.municipality, building_block=current.building_block)
            .order_by("valid_from", "recorded_at")
            .values_list("level__position", flat=True)
        )
        assert events == sorted(events)
        assert current.version == len(events) and current.level.position == events[-1]

    call_command("load_demo_progress", "--force", "--seed", "7", verbosity=0)
    assert snapshot() == first
    call_command("load_demo_progress", "--force", "--seed", "7", "--replace", verbosity=0)
    assert snapshot() == first

    call_command("remove_demo_progress", verbosity=0)
    assert list(StatusEvent.objects.all()) == [real]
    assert list(CurrentStatus.objects.values_list("last_event", "version")) == [(real.pk, 1)]
    assert AuditEntry.objects.filter(action__startswith="demo_progress.", actor__isnull=True).count() == 3


def test_remove_rebuilds_mixed_pairs(small_programme, staff):
    levels, blocks, towns = small_programme
    demo_progress_load(allowed=True, seed=3)
    current = CurrentStatus.objects.filter(is_demo=True).first()
    real = services.status_report(
        actor=staff, municipality=current.municipality, building_block=current.building_block, level=levels[2]
    )
    demo_progress_remove(allowed=True)
    rebuilt = CurrentStatus.objects.get(municipality=current.municipality, building_block=current.building_block)
    assert (rebuilt.last_event, rebuilt.version, rebuilt.is_demo) == (real, 1, False)
    assert CurrentStatus.objects.count() == 1


def test_demo_survey_rounds_one_closed_and_answered_one_open_removed_with_the_demo(small_programme, staff):
    import datetime

    from django.utils import timezone

    from bouwplaats.monitor.models import SurveyRound
    from bouwplaats.monitor.surveys.selectors import is_open

    _levels, blocks, _towns = small_programme
    programme = blocks[0].programme
    demo_progress_load(allowed=True, seed=11)
    rounds = list(SurveyRound.objects.filter(programme=programme).order_by("opens_on"))
    assert [(r.is_demo, "(demo)" in r.name) for r in rounds] == [(True, True), (True, True)]
    closed, open_round = rounds
    assert closed.closes_on == datetime.date(2014, 11, 15) and not is_open(closed)
    assert is_open(open_round) and open_round.closes_on > timezone.localdate()
    assert set(open_round.building_blocks.all()) == set(blocks)
    answers = StatusEvent.objects.filter(survey_round=closed)
    assert all(closed.opens_on <= event.valid_from <= closed.closes_on for event in answers)
    in_period = StatusEvent.objects.filter(is_demo=True, valid_from__range=(closed.opens_on, closed.closes_on))
    assert answers.count() == in_period.count()  # every demo report of the period answers the round
    assert not StatusEvent.objects.filter(survey_round=open_round).exists()

    demo_progress_load(allowed=True, seed=11)  # present already: nothing new
    assert SurveyRound.objects.count() == 2
    demo_progress_load(allowed=True, seed=11, replace=True)
    assert SurveyRound.objects.count() == 2

    demo_progress_remove(allowed=True)
    assert not SurveyRound.objects.exists()
