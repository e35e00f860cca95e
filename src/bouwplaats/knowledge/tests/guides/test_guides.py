# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from bouwplaats.accounts.tests.factories import MembershipFactory
from bouwplaats.audit.models import AuditEntry
from bouwplaats.knowledge.guides import selectors, services
from bouwplaats.knowledge.guides.monitor_column import COLUMN
from bouwplaats.knowledge.models import StepCompletion
from bouwplaats.knowledge.permissions import can_tick_steps
from bouwplaats.knowledge.selectors import own_municipalities

pytestmark = pytest.mark.django_db


def steps(levels, titles=("Oriënteren", "Plan maken", "Aansluiten")):
    return [{"title": title, "description": "", "level": levels[min(i + 1, 3)]} for i, title in enumerate(titles)]


def test_publishing_versions_keeps_old_ticks(staff, coordinator_a, town_a, blocks, levels):
    first = services.guide_version_publish(actor=staff, building_block=blocks[0], steps=steps(levels))
    step_ids = [s.pk for s in selectors.steps_of(first)]
    services.guide_steps_tick(actor=coordinator_a, municipality=town_a, version=first, step_ids=step_ids[:2])
    assert selectors.guide_progress(town_a, [blocks[0].pk]) == {blocks[0].pk: (2, 3)}
    second = services.guide_version_publish(
        actor=staff, building_block=blocks[0], steps=steps(levels, ("Een", "Twee")), change_note="Korter"
    )
    assert second.number == 2
    assert StepCompletion.objects.filter(step__version=first).count() == 2  # still there
    assert selectors.guide_progress(town_a, [blocks[0].pk]) == {blocks[0].pk: (0, 2)}
    with pytest.raises(ValidationError, match="current version"):
        services.guide_steps_tick(actor=coordinator_a, municipality=town_a, version=first, step_ids=step_ids)
    assert AuditEntry.objects.filter(action="guide.tick").count() == 1


def test_permissions(member, coordinator_a, town_b, blocks, levels, staff):
    with pytest.raises(PermissionDenied):
        services.guide_version_publish(actor=coordinator_a, building_block=blocks[0], steps=steps(levels))
    version = services.guide_version_publish(actor=staff, building_block=blocks[0], steps=steps(levels))
    with pytest.raises(PermissionDenied):
        services.guide_steps_tick(actor=coordinator_a, municipality=town_b, version=version, step_ids=[])
    with pytest.raises(PermissionDenied):
        services.guide_steps_tick(actor=member, municipality=town_b, version=version, step_ids=[])


def test_validation(staff, blocks, levels):
    with pytest.raises(ValidationError):
        services.guide_version_publish(actor=staff, building_block=blocks[0], steps=[])
    from bouwplaats.catalogue.tests.factories import ProgrammeFactory, ladder

    foreign = ladder(ProgrammeFactory())[0]
    with pytest.raises(ValidationError, match="status level"):
        services.guide_version_publish(actor=staff, building_block=blocks[0], steps=[{"title": "x", "level": foreign}])


def test_tick_page_and_other_municipality(client, coordinator_a, town_a, town_b, blocks, levels, staff):
    version = services.guide_version_publish(actor=staff, building_block=blocks[0], steps=steps(levels))
    ids = [s.pk for s in selectors.steps_of(version)]
    client.force_login(coordinator_a)
    html = client.get(reverse("knowledge:guide-detail", args=["AAA"])).content.decode()
    assert reverse("knowledge:guide-ticks", args=["AAA", "GM9901"]) in html
    ticks = client.get(reverse("knowledge:guide-ticks", args=["AAA", "GM9901"])).content.decode()
    # Each checkbox stands beside its label: the two in one row of the check layout, box first.
    for pk in ids:
        row = ticks[ticks.index(f'id="step-{pk}"') - 200 : ticks.index(f'for="step-{pk}"')]
        assert '<div class="field field--check">' in row and row.rindex("field--check") > row.rfind("</label>")
    response = client.post(reverse("knowledge:guide-ticks", args=["AAA", "GM9901"]), {"steps": [ids[0], ids[2]]})
    assert response.status_code == 302
    assert selectors.guide_progress(town_a, [blocks[0].pk]) == {blocks[0].pk: (2, 3)}
    assert client.get(reverse("knowledge:guide-ticks", args=["AAA", "GM9902"])).status_code == 403
    assert client.post(reverse("knowledge:guide-ticks", args=["AAA", "GM9902"]), {"steps": ids}).status_code == 403
    assert not StepCompletion.objects.filter(municipality=town_b).exists()


def test_publish_page(client, staff, coordinator_a, blocks, levels):
    client.force_login(coordinator_a)
    assert client.get(reverse("knowledge:guide-publish", args=["AAA"])).status_code == 403
    client.force_login(staff)
    assert client.get(reverse("knowledge:guide-publish", args=["AAA"])).status_code == 200
    data = {
        "introduction": "Inleiding",
        "change_note": "",
        "steps-TOTAL_FORMS": "3",
        "steps-INITIAL_FORMS": "0",
        "steps-0-title": "Eerste stap",
        "steps-0-level": levels[1].pk,
        "steps-1-title": "Tweede stap",
        "steps-1-level": levels[3].pk,
        "steps-2-title": "",
    }
    response = client.post(reverse("knowledge:guide-publish", args=["AAA"]), data)
    assert response.status_code == 302
    html = client.get(reverse("knowledge:guide-detail", args=["AAA"])).content.decode()
    assert "Eerste stap" in html and "Tweede stap" in html


def test_new_guide_goes_to_the_publish_page_of_the_chosen_block(client, staff, coordinator_a, blocks):
    response = client.get(reverse("knowledge:guide-new"), {"bouwsteen": "AAA"})
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    client.force_login(coordinator_a)
    assert client.get(reverse("knowledge:guide-new"), {"bouwsteen": "AAA"}).status_code == 403
    client.force_login(staff)
    response = client.get(reverse("knowledge:guide-new"), {"bouwsteen": "AAA"})
    assert response.status_code == 302 and response["Location"] == reverse("knowledge:guide-publish", args=["AAA"])
    assert client.get(reverse("knowledge:guide-new"), {"bouwsteen": "NOPE"}).status_code == 404
    assert client.get(reverse("knowledge:guide-new")).status_code == 404


def test_list_query_count_and_the_monitor_column(client, staff, town_a, blocks, levels, django_assert_max_num_queries):
    for block in blocks:
        services.guide_version_publish(actor=staff, building_block=block, steps=steps(levels))
    with django_assert_max_num_queries(8):
        html = client.get(reverse("knowledge:guide-list")).content.decode()
    assert "Alfa" in html and "Bravo" in html
    with django_assert_max_num_queries(3):
        cells = COLUMN.cells(town_a, list(blocks))
    assert {block_id: cell.text for block_id, cell in cells.items()} == {block.pk: "0 of 3 steps" for block in blocks}
    assert cells[blocks[0].pk].url == reverse("knowledge:guide-ticks", args=[blocks[0].code, town_a.code])


def test_the_monitor_column_links_the_ticks_only_for_whom_may_tick(staff, coordinator_a, member, town_a):
    """The same permission function as the page of ticks: no link that leads to a 403."""
    assert COLUMN.links_visible is can_tick_steps
    assert COLUMN.may_follow(staff, town_a) and COLUMN.may_follow(coordinator_a, town_a)
    assert not COLUMN.may_follow(member, town_a) and not COLUMN.may_follow(AnonymousUser(), town_a)


def test_own_municipalities_are_the_approved_ones_by_name(coordinator_a, town_a, town_b):
    MembershipFactory(user=coordinator_a, municipality=town_b)  # pending: not (yet) their own
    assert list(own_municipalities(coordinator_a)) == [town_a]
    assert list(own_municipalities(None)) == []
