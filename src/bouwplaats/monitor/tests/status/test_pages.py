# SPDX-License-Identifier: EUPL-1.2
import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from bouwplaats.catalogue.models import StatusVisibility
from bouwplaats.core.testing import in_english
from bouwplaats.monitor import services
from bouwplaats.monitor.models import CurrentStatus, StatusEvent

pytestmark = pytest.mark.django_db


def progress_url(code):
    return reverse("monitor:municipality-progress", args=[code])


def update_url(code):
    return reverse("monitor:municipality-update", args=[code])


def history_url(code, block):
    return reverse("monitor:block-history", args=[code, block])


def form_data(client, code):
    """The form as the page renders it: every field's current value, ready to post."""
    response = client.get(update_url(code))
    assert response.status_code == 200
    data = {}
    for form in response.context["rows"]:
        bound = form["form"]
        for name in bound.fields:
            value = bound[name].value()
            if value is None:
                continue
            key = bound.add_prefix(name)
            data[key] = value if isinstance(value, list) else str(value)
    return data


def test_coordinator_sees_own_progress_but_not_other(client, coordinator_a, town_a, town_b, blocks, levels):
    client.force_login(coordinator_a)
    assert client.get(progress_url("GM9901")).status_code == 200
    for url in (progress_url("GM9902"), history_url("GM9902", "AAA"), update_url("GM9902")):
        response = client.get(url)
        assert response.status_code == 403, url
    response = client.get(progress_url("GM9902"))
    assert "own coordinators" in response.content.decode()


def test_coordinator_cannot_post_for_another_municipality(client, coordinator_a, town_a, town_b, blocks, levels):
    client.force_login(coordinator_a)
    data = form_data(client, "GM9901")
    data["AAA-level"] = str(levels[2].pk)
    response = client.post(update_url("GM9902"), data)
    assert response.status_code == 403
    assert client.post(update_url("GM9999"), data).status_code == 404
    assert not StatusEvent.objects.exists()


def test_anonymous_and_public(client, programme, town_a, blocks, levels, staff):
    services.status_report(actor=staff, municipality=town_a, building_block=blocks[0], level=levels[1])
    assert client.get(progress_url("GM9901")).status_code == 403
    assert client.get(history_url("GM9901", "AAA")).status_code == 403
    response = client.get(update_url("GM9901"))
    assert response.status_code == 302 and reverse("accounts:account") in response["Location"]
    programme.municipality_status_visibility = StatusVisibility.PUBLIC
    programme.save()
    cache.clear()  # a write that bypasses the services leaves the data version as it was (ADR 6)
    response = client.get(progress_url("GM9901"))
    assert response.status_code == 200
    assert "oriëntatie" in response.content.decode()
    assert client.get(history_url("GM9901", "AAA")).status_code == 200


def test_staff_sees_everything(client, staff, town_b, blocks, levels):
    client.force_login(staff)
    assert client.get(progress_url("GM9902")).status_code == 200
    assert client.get(update_url("GM9902")).status_code == 200
    assert client.get(history_url("GM9902", "CCC")).status_code == 200
    assert client.get(history_url("GM9902", "NOPE")).status_code == 404


def test_one_page_form_saves_only_changed_blocks(client, coordinator_a, town_a, blocks, levels):
    client.force_login(coordinator_a)
    data = form_data(client, "GM9901")
    data.update({"AAA-level": str(levels[2].pk), "AAA-blockers": ["budget", "capacity"], "CCC-note": "Plan klaar"})
    response = client.post(update_url("GM9901"), data)
    assert response.status_code == 302, response.context and [r["form"].errors for r in response.context["rows"]]
    events = StatusEvent.objects.filter(municipality=town_a)
    assert {event.building_block.code for event in events} == {"AAA", "CCC"}
    aaa = CurrentStatus.objects.get(municipality=town_a, building_block__code="AAA")
    assert aaa.level == levels[2] and aaa.blocker_codes == ["capacity", "budget"]
    # Posting the unchanged form again saves nothing.
    client.post(update_url("GM9901"), form_data(client, "GM9901"))
    assert StatusEvent.objects.filter(municipality=town_a).count() == 2


def test_invalid_input_is_shown_and_nothing_saved(client, staff, town_a, blocks, levels):
    client.force_login(staff)
    data = form_data(client, "GM9901")
    data.update({"AAA-level": str(levels[1].pk), "BBB-budget_spent": "-10"})
    response = client.post(update_url("GM9901"), data)
    assert response.status_code == 200
    assert response.context["invalid_forms"][0].building_block.code == "BBB"
    assert not StatusEvent.objects.exists()


def test_two_users_same_version_conflict_keeps_everything(
    client, coordinator_a, other_coordinator_a, town_a, blocks, levels
):
    from django.test import Client

    first, second = client, in_english(Client())
    first.force_login(coordinator_a)
    second.force_login(other_coordinator_a)
    first_form = form_data(first, "GM9901")
    second_form = form_data(second, "GM9901")

    first_form.update({"AAA-level": str(levels[1].pk), "AAA-note": "eerste"})
    assert first.post(update_url("GM9901"), first_form).status_code == 302

    second_form.update({"AAA-level": str(levels[3].pk), "AAA-note": "tweede", "CCC-level": str(levels[1].pk)})
    response = second.post(update_url("GM9901"), second_form)
    assert response.status_code == 409
    assert StatusEvent.objects.filter(municipality=town_a).count() == 1  # the first save persists, nothing else
    rows = {row["form"].building_block.code: row for row in response.context["rows"]}
    conflict = rows["AAA"]["conflict"]
    assert conflict.changes[0].author == coordinator_a and conflict.current.level == levels[1]
    kept = rows["AAA"]["form"]
    assert kept["level"].value() == str(levels[3].pk) and kept["note"].value() == "tweede"
    assert kept["version"].value() == "1"
    assert rows["CCC"]["form"]["level"].value() == str(levels[1].pk)
    page = response.content.decode()
    assert "Changed meanwhile" in page and str(coordinator_a) in page

    # Saving the re-rendered form again works.
    again = {}
    for row in rows.values():
        form = row["form"]
        for name in form.fields:
            value = form[name].value()
            if value is not None:
                again[form.add_prefix(name)] = value if isinstance(value, list) else str(value)
    assert second.post(update_url("GM9901"), again).status_code == 302
    current = CurrentStatus.objects.get(municipality=town_a, building_block__code="AAA")
    assert current.level == levels[3] and current.version == 2
    assert [e.note for e in StatusEvent.objects.filter(building_block__code="AAA")] == ["tweede", "eerste"]


def test_untouched_block_changed_meanwhile_is_refreshed(client, staff, coordinator_a, town_a, blocks, levels):
    client.force_login(coordinator_a)
    stale = form_data(client, "GM9901")
    services.status_report(actor=staff, municipality=town_a, building_block=blocks[1], level=levels[2])
    stale["AAA-level"] = str(levels[1].pk)
    response = client.post(update_url("GM9901"), stale)
    assert response.status_code == 409
    row = {r["form"].building_block.code: r for r in response.context["rows"]}["BBB"]
    assert row["refreshed"] and row["form"]["level"].value() == str(levels[2].pk)


def test_as_of_and_demo_notice_and_warnings(client, staff, town_a, blocks, levels):
    a, b, _ = blocks
    services.status_report(
        actor=staff, municipality=town_a, building_block=b, level=levels[-1], valid_from=datetime.date(2022, 3, 1)
    )
    client.force_login(staff)
    page = client.get(progress_url("GM9901")).content.decode()
    assert "Dependency warnings" in page and "Demo data" not in page
    response = client.get(progress_url("GM9901"), {"peildatum": "2022-02-01"})
    assert response.context["progress"].as_of == datetime.date(2022, 2, 1)
    assert "Dependency warnings" not in response.content.decode()
    StatusEvent.objects.update(is_demo=True)
    CurrentStatus.objects.update(is_demo=True)
    cache.clear()  # the updates above bypass the services, so the page cache cannot know (ADR 6)
    assert "Demo data" in client.get(progress_url("GM9901")).content.decode()


def test_page_query_counts_are_constant(client, staff, town_a, blocks, levels, django_assert_max_num_queries):
    client.force_login(staff)
    client.get(reverse("accounts:account"))  # the header's unread count is cached from here on, for both rounds alike

    def counts():
        # 17: among them the knowledge centre's guide column (monitor.extensions), and the programme and
        # municipality that the cached part reads by id (a worker renders it from its ids alone).
        with django_assert_max_num_queries(17) as progress:
            assert client.get(progress_url("GM9901")).status_code == 200
        with django_assert_max_num_queries(17) as as_of:
            assert client.get(progress_url("GM9901"), {"peildatum": "2022-06-01"}).status_code == 200
        with django_assert_max_num_queries(10) as history:
            assert client.get(history_url("GM9901", "AAA")).status_code == 200
        return len(progress.captured_queries), len(as_of.captured_queries), len(history.captured_queries)

    for block in blocks:  # one event per block first: an empty history needs one query less
        services.status_report(actor=staff, municipality=town_a, building_block=block, level=levels[1])
    before = counts()
    for i in range(12):
        for block in blocks:
            services.status_report(
                actor=staff,
                municipality=town_a,
                building_block=block,
                level=levels[i % len(levels)],
                valid_from=datetime.date(2022, 1, 1) + datetime.timedelta(days=10 * i),
            )
    assert counts() == before


def test_the_progress_page_is_cached_until_the_next_report(
    client, staff, town_a, blocks, levels, django_assert_num_queries
):
    client.force_login(staff)
    a, _b, _c = blocks
    services.status_report(actor=staff, municipality=town_a, building_block=a, level=levels[1])
    assert levels[1].name in client.get(progress_url("GM9901")).content.decode()
    # user, data version (programme, municipality, the session and the unread count are cached)
    with django_assert_num_queries(2):
        client.get(progress_url("GM9901"))
    services.status_report(actor=staff, municipality=town_a, building_block=a, level=levels[-1], expected_version=1)
    page = client.get(progress_url("GM9901")).content.decode()
    row = page[page.index(a.name) : page.index("</tr>", page.index(a.name))]
    assert levels[-1].name in row


def test_municipality_detail_links_to_progress(client, town_a):
    page = client.get(reverse("organisations:municipality-detail", args=["GM9901"])).content.decode()
    assert progress_url("GM9901") in page


def test_the_progress_table_downloads_as_csv_and_xlsx_for_those_who_may_see_it(
    client, staff, coordinator_a, town_a, town_b, blocks, levels
):
    a, _b, _c = blocks
    services.status_report(actor=staff, municipality=town_a, building_block=a, level=levels[2], blockers=["capacity"])
    client.force_login(coordinator_a)
    page = client.get(progress_url("GM9901")).content.decode()
    assert "formaat=csv" in page and "formaat=xlsx" in page and "formaat=ods" in page

    response = client.get(progress_url("GM9901"), {"formaat": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="voortgang-gm9901.csv"' in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + len(blocks)
    assert lines[1].startswith(f"AAA,{a.name},{levels[2].name},")
    xlsx = client.get(progress_url("GM9901"), {"formaat": "xlsx", "peildatum": "2020-01-01"})
    assert 'filename="voortgang-gm9901-2020-01-01.xlsx"' in xlsx["Content-Disposition"]
    ods = client.get(progress_url("GM9901"), {"formaat": "ods"})
    assert 'filename="voortgang-gm9901.ods"' in ods["Content-Disposition"]
    assert ods.content.startswith(b"PK") and b"application/vnd.oasis.opendocument.spreadsheet" in ods.content[:100]

    # Another municipality's details: refused, also as a download (changing the code in the URL).
    assert client.get(progress_url("GM9902"), {"formaat": "csv"}).status_code == 403


def test_budgets_read_as_amounts_in_the_language_of_the_page(client, staff, town_a, blocks, levels):
    from django.test import Client

    client.force_login(staff)
    data = form_data(client, "GM9901")
    data.update({"AAA-level": str(levels[1].pk), "AAA-budget_planned": "147500", "AAA-budget_spent": "1234.5"})
    assert client.post(update_url("GM9901"), data).status_code == 302
    english = client.get(history_url("GM9901", "AAA")).content.decode()
    assert "€147,500 / €1,234.50" in english
    dutch_client = Client()
    dutch_client.force_login(staff)
    dutch = dutch_client.get(history_url("GM9901", "AAA")).content.decode()
    assert "€ 147.500 / € 1.234,50" in dutch
