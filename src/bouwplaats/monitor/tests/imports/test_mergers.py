# SPDX-License-Identifier: EUPL-1.2
import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from bouwplaats.audit.models import AuditEntry
from bouwplaats.monitor import services as monitor_services
from bouwplaats.monitor.constants import Source
from bouwplaats.monitor.imports import mergers
from bouwplaats.monitor.models import CurrentStatus, MonthlyStatus, StatusEvent

from ..factories import BuildingBlockFactory, MunicipalityFactory

MERGED = datetime.date(2019, 1, 1)


@pytest.fixture
def setting(staff, programme, levels, blocks):
    """Oudstad and Nieuwdorp merge into Samenstad on 1 January 2019; the programme started in 2018 on
    the division of 2018, then moved its reference date to 2022."""
    a, b, c = blocks
    d = BuildingBlockFactory(programme=programme, code="DDD", name="Delta")
    new = MunicipalityFactory(code="GM9980", name="Samenstad", valid_from=MERGED)
    old = MunicipalityFactory(code="GM9981", name="Oudstad", valid_to=MERGED, merged_into=new)
    other = MunicipalityFactory(code="GM9982", name="Nieuwdorp", valid_to=MERGED, merged_into=new)
    programme.start_date = programme.reference_date = datetime.date(2018, 1, 1)
    programme.save()
    report = monitor_services.status_report
    day = datetime.date(2018, 3, 1)
    events = {
        "old-a": report(
            actor=staff,
            municipality=old,
            building_block=a,
            level=levels[3],
            valid_from=day,
            planned_date=datetime.date(2018, 6, 1),
            blockers=["capacity"],
        ),
        "other-a": report(
            actor=staff,
            municipality=other,
            building_block=a,
            level=levels[1],
            valid_from=day,
            planned_date=datetime.date(2019, 6, 1),
            blockers=["budget"],
        ),
        "old-b": report(actor=staff, municipality=old, building_block=b, level=levels[2], valid_from=day),
        "other-d": report(actor=staff, municipality=other, building_block=d, level=levels[2], valid_from=day),
    }
    programme.reference_date = datetime.date(2022, 1, 1)
    programme.save()
    # Samenstad reported for D itself already.
    own = report(actor=staff, municipality=new, building_block=d, level=levels[3], valid_from=datetime.date(2019, 2, 1))
    return {"new": new, "old": old, "other": other, "events": events, "own": own, "blocks": (a, b, c, d)}


def test_the_lowest_level_the_latest_planned_date_and_all_blockers_plus_merger(staff, programme, levels, setting):
    a, b, c, d = setting["blocks"]
    new, events = setting["new"], setting["events"]
    result = mergers.carry_over_merger(actor=staff, programme=programme, municipality=new)

    assert sorted(event.building_block.code for event in result.events) == ["AAA", "BBB"]
    assert [block.code for block in result.kept] == ["DDD"]
    assert [block.code for block in result.nothing] == ["CCC"]
    event_a = StatusEvent.objects.get(municipality=new, building_block=a)
    assert (event_a.level, event_a.valid_from, event_a.planned_date, event_a.source) == (
        levels[1],
        MERGED,
        datetime.date(2019, 6, 1),
        Source.MERGER,
    )
    assert event_a.blocker_codes == ["capacity", "budget", "merger"]
    assert set(event_a.derived_from.all()) == {events["old-a"], events["other-a"]}
    # Only Oudstad reported B: Nieuwdorp counts as not started, the lowest level.
    event_b = StatusEvent.objects.get(municipality=new, building_block=b)
    assert (event_b.level, event_b.blocker_codes) == (levels[0], ["merger"])
    assert list(event_b.derived_from.all()) == [events["old-b"]]
    current = CurrentStatus.objects.get(municipality=new, building_block=a)
    assert (current.level, current.version, current.last_event) == (levels[1], 1, event_a)
    assert CurrentStatus.objects.get(municipality=new, building_block=d).last_event == setting["own"]
    assert MonthlyStatus.objects.get(municipality=new, building_block=a, month=MERGED).level == levels[1]
    entry = AuditEntry.objects.latest("pk")
    assert (entry.action, entry.object_id) == ("merger.carry_over", str(new.pk))


def test_carrying_over_twice_changes_nothing(staff, programme, setting):
    mergers.carry_over_merger(actor=staff, programme=programme, municipality=setting["new"])
    count = StatusEvent.objects.count()
    again = mergers.carry_over_merger(actor=staff, programme=programme, municipality=setting["new"])
    assert again.events == []
    assert StatusEvent.objects.count() == count


def test_a_predecessor_without_status_stands_for_its_own_predecessors(staff, programme, levels, blocks):
    a = blocks[0]
    final = MunicipalityFactory(code="GM9990", name="Eindstad", valid_from=MERGED)
    middle = MunicipalityFactory(
        code="GM9991", name="Tussenstad", valid_from=datetime.date(2016, 1, 1), valid_to=MERGED, merged_into=final
    )
    first = MunicipalityFactory(code="GM9992", name="Beginstad", valid_to=datetime.date(2016, 1, 1), merged_into=middle)
    programme.reference_date = datetime.date(2015, 1, 1)
    programme.save()
    old_event = monitor_services.status_report(
        actor=staff, municipality=first, building_block=a, level=levels[2], valid_from=datetime.date(2015, 3, 1)
    )
    programme.reference_date = datetime.date(2022, 1, 1)
    programme.save()
    mergers.carry_over_merger(actor=staff, programme=programme, municipality=final)
    event = StatusEvent.objects.get(municipality=final, building_block=a)
    assert event.level == levels[2]
    assert list(event.derived_from.all()) == [old_event]


def test_only_staff_carry_over(coordinator_a, programme, setting):
    with pytest.raises(PermissionDenied):
        mergers.carry_over_merger(actor=coordinator_a, programme=programme, municipality=setting["new"])
    assert not StatusEvent.objects.filter(source=Source.MERGER).exists()


def test_the_command_carries_over_every_merged_municipality(programme, setting, capsys):
    call_command("carry_over_mergers", "--programme", programme.slug)
    assert StatusEvent.objects.filter(source=Source.MERGER, municipality=setting["new"]).count() == 2
    assert "Samenstad (GM9980): 2 building block(s) carried over." in capsys.readouterr().out
    call_command("carry_over_mergers", "--programme", programme.slug)
    assert StatusEvent.objects.filter(source=Source.MERGER).count() == 2
    entry = AuditEntry.objects.filter(action="merger.carry_over_all").latest("pk")
    assert entry.actor is None


def test_carrying_over_for_all_leaves_mergers_before_the_programme_alone(staff, programme, levels, setting):
    """Vroegstad came from Oudeweg in 2017, before the programme started (2018): though Oudeweg has a
    status, there is nothing to carry over, and the mergers page does not list Vroegstad either."""
    from bouwplaats.monitor.imports.selectors import programme_mergers

    early = MunicipalityFactory(code="GM9988", name="Vroegstad", valid_from=datetime.date(2017, 1, 1))
    before = MunicipalityFactory(code="GM9989", name="Oudeweg", valid_to=datetime.date(2017, 1, 1), merged_into=early)
    reference_date = programme.reference_date
    programme.reference_date = datetime.date(2016, 1, 1)
    programme.save()
    monitor_services.status_report(
        actor=staff,
        municipality=before,
        building_block=setting["blocks"][0],
        level=levels[2],
        valid_from=datetime.date(2016, 3, 1),
    )
    programme.reference_date = reference_date
    programme.save()

    results = mergers.carry_over_mergers(actor=staff, programme=programme)

    visited = [result.municipality.code for result in results]
    assert "GM9980" in visited and "GM9988" not in visited
    assert visited == [municipality.code for municipality in programme_mergers(programme).order_by("code")]
    assert not StatusEvent.objects.filter(municipality=early).exists()
    assert StatusEvent.objects.filter(municipality=setting["new"], source=Source.MERGER).count() == 2


def test_real_mergers_of_2019(staff, levels, blocks, programme):
    """Het Hogeland (GM1966) came from Bedum, De Marne, Eemsmond and Winsum on 1 January 2019."""
    from bouwplaats.organisations.models import Municipality

    hogeland = Municipality.objects.on(programme.reference_date).get(code="GM1966")
    predecessors = list(hogeland.predecessors.order_by("code"))
    assert "GM0005" in [municipality.code for municipality in predecessors]
    programme.start_date = programme.reference_date = datetime.date(2018, 1, 1)
    programme.save()
    for position, municipality in enumerate(predecessors):
        monitor_services.status_report(
            actor=staff,
            municipality=municipality,
            building_block=blocks[0],
            level=levels[1 + position % 3],
            valid_from=datetime.date(2018, 5, 1),
        )
    programme.reference_date = datetime.date(2019, 1, 1)
    programme.save()
    assert hogeland in list(mergers.merged_municipalities(programme))
    mergers.carry_over_mergers(actor=staff, programme=programme)
    event = StatusEvent.objects.get(municipality=hogeland, building_block=blocks[0])
    assert event.level == levels[1]
    assert event.derived_from.count() == len(predecessors)


def test_the_history_page_shows_the_carry_over_with_links(client, staff, programme, setting):
    a = setting["blocks"][0]
    mergers.carry_over_merger(actor=staff, programme=programme, municipality=setting["new"])
    client.force_login(staff)
    page = client.get(reverse("monitor:block-history", args=["GM9980", a.code])).content.decode()
    assert "Carried over at the merger of" in page
    for predecessor in ("GM9981", "GM9982"):
        assert f'href="{reverse("monitor:import-merger-history", args=[predecessor, a.code])}"' in page
    progress = client.get(reverse("monitor:municipality-progress", args=["GM9980"])).content.decode()
    assert "Carried over at the merger" in progress

    history = client.get(reverse("monitor:import-merger-history", args=["GM9981", a.code]))
    assert history.status_code == 200
    text = history.content.decode()
    assert "Oudstad merged into Samenstad on 1 January 2019" in text
    assert "in gebruik" in text


def test_the_predecessor_history_is_not_public_when_the_programme_is_not(client, member, programme, setting):
    a = setting["blocks"][0]
    assert client.get(reverse("monitor:import-merger-history", args=["GM9981", a.code])).status_code == 403
    client.force_login(member)
    assert client.get(reverse("monitor:import-merger-history", args=["GM9981", a.code])).status_code == 403
    from ..factories import ApprovedMembershipFactory

    successor_coordinator = ApprovedMembershipFactory(municipality=setting["new"]).user
    client.force_login(successor_coordinator)
    assert client.get(reverse("monitor:import-merger-history", args=["GM9981", a.code])).status_code == 200


def test_the_predecessor_history_links_the_successor_only_for_whom_may_open_it(client, programme, setting):
    """A coordinator of Oudstad may read its history, but not Samenstad's: no link that leads to a 403."""
    from ..factories import ApprovedMembershipFactory

    a = setting["blocks"][0]  # the programme's division (2022) has Samenstad
    history = reverse("monitor:import-merger-history", args=["GM9981", a.code])
    successor = f'href="{reverse("monitor:block-history", args=["GM9980", a.code])}"'
    predecessor_coordinator = ApprovedMembershipFactory(municipality=setting["old"]).user
    client.force_login(predecessor_coordinator)
    assert client.get(history).status_code == 200
    assert successor not in client.get(history).content.decode()
    assert client.get(reverse("monitor:block-history", args=["GM9980", a.code])).status_code == 403
    client.force_login(ApprovedMembershipFactory(municipality=setting["new"]).user)
    assert successor in client.get(history).content.decode()
    assert client.get(reverse("monitor:block-history", args=["GM9980", a.code])).status_code == 200
