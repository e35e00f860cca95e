# SPDX-License-Identifier: EUPL-1.2
"""The staff page of mergers: which merged municipalities have their status carried over, and carrying over."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from bouwplaats.audit.models import AuditEntry
from bouwplaats.catalogue.models import Programme
from bouwplaats.monitor import services as monitor_services
from bouwplaats.monitor.constants import Source
from bouwplaats.monitor.imports.mergers import carry_over_by_code
from bouwplaats.monitor.models import CurrentStatus, StatusEvent
from bouwplaats.organisations.models import Municipality

from ..factories import MunicipalityFactory

MERGED = datetime.date(2019, 1, 1)
LIST = reverse("monitor:import-mergers")
CARRY_OVER = reverse("monitor:import-mergers-carry-over")


@pytest.fixture
def merged(staff, programme, levels, blocks):
    """Oudstad merges into Samenstad and Eendorp and Tweedorp into Tweestad, both on 1 January 2019,
    during the programme (it started in 2018 and runs on the division of 2022). Oudstad reported A
    and B before the merger; the predecessors of Tweestad never reported. Lang geleden merged into
    Oudestad in 2001, before the programme: not listed."""
    a, b, _c = blocks
    programme.start_date, programme.reference_date = datetime.date(2018, 1, 1), datetime.date(2018, 6, 1)
    programme.save()
    samenstad = MunicipalityFactory(code="GM9980", name="Samenstad", valid_from=MERGED)
    oudstad = MunicipalityFactory(code="GM9981", name="Oudstad", valid_to=MERGED, merged_into=samenstad)
    tweestad = MunicipalityFactory(code="GM9983", name="Tweestad", valid_from=MERGED)
    MunicipalityFactory(code="GM9984", name="Eendorp", valid_to=MERGED, merged_into=tweestad)
    MunicipalityFactory(code="GM9985", name="Tweedorp", valid_to=MERGED, merged_into=tweestad)
    oudestad = MunicipalityFactory(code="GM9986", name="Oudestad", valid_from=datetime.date(2001, 1, 1))
    MunicipalityFactory(code="GM9987", name="Lang geleden", valid_to=datetime.date(2001, 1, 1), merged_into=oudestad)
    for block, level in ((a, levels[3]), (b, levels[2])):
        monitor_services.status_report(
            actor=staff, municipality=oudstad, building_block=block, level=level, valid_from=datetime.date(2018, 3, 1)
        )
    programme.reference_date = datetime.date(2022, 1, 1)
    programme.save()
    return {"samenstad": samenstad, "tweestad": tweestad, "oudstad": oudstad}


def _rows(response):
    return {row.code: row for row in response.context["mergers"]}


def test_staff_see_the_mergers_of_the_programme_period_and_whether_they_were_carried_over(
    client, staff, merged, django_assert_num_queries
):
    client.force_login(staff)
    client.get(LIST)  # the session and the programme's caches
    with django_assert_num_queries(5):  # the session and the header's unread count come from the cache
        response = client.get(LIST)

    assert response.status_code == 200
    rows = _rows(response)
    assert {"GM9980", "GM9983"} <= set(rows) and "GM9986" not in rows  # (the reference data adds real ones)
    assert all(row.valid_from >= datetime.date(2018, 1, 1) for row in rows.values())
    samenstad = rows["GM9980"]
    assert (samenstad.carried_over, samenstad.with_status, samenstad.predecessors_reported) == (0, 0, True)
    assert (rows["GM9983"].predecessors_reported, response.context["pending"]) == (False, 1)
    html = response.content.decode()
    assert "not yet" in html and "nothing to carry over" in html
    assert reverse("monitor:import-merger-history", args=["GM9981", "AAA"]) in html
    assert 'name="municipality" value="GM9980"' in html
    assert 'name="municipality" value="GM9983"' not in html  # nothing to carry over for Tweestad

    # The history links follow the chosen building block.
    html = client.get(LIST, {"bouwsteen": "BBB"}).content.decode()
    assert reverse("monitor:import-merger-history", args=["GM9981", "BBB"]) in html


def test_the_page_takes_the_same_number_of_queries_with_more_mergers(client, staff, merged, django_assert_num_queries):
    client.force_login(staff)
    before = len(client.get(LIST).context["mergers"])
    for number in range(5):
        new = MunicipalityFactory(code=f"GM97{number:02d}", name=f"Nieuw {number}", valid_from=MERGED)
        MunicipalityFactory(code=f"GM96{number:02d}", name=f"Oud {number}", valid_to=MERGED, merged_into=new)
    with django_assert_num_queries(5):  # the session and the header's unread count come from the cache
        response = client.get(LIST)
    assert len(response.context["mergers"]) == before + 5


def test_carrying_over_one_municipality_is_audited_and_idempotent(client, staff, levels, blocks, merged):
    client.force_login(staff)
    response = client.post(CARRY_OVER, {"municipality": "gm9980"}, follow=True)

    assert response.redirect_chain == [(LIST, 302)]
    assert "2 statuses carried over." in response.content.decode()
    samenstad = merged["samenstad"]
    events = StatusEvent.objects.filter(municipality=samenstad, source=Source.MERGER)
    assert sorted((event.building_block.code, event.level) for event in events) == [
        ("AAA", levels[3]),
        ("BBB", levels[2]),
    ]
    assert AuditEntry.objects.filter(action="merger.carry_over", object_id=str(samenstad.pk)).count() == 1
    assert _rows(response)["GM9980"].carried_over == 2
    assert 'name="municipality" value="GM9980"' not in response.content.decode()  # nothing left to do

    before = list(CurrentStatus.objects.values_list("pk", "version", "last_event_id").order_by("pk"))
    again = client.post(CARRY_OVER, {"municipality": "GM9980"}, follow=True)
    assert "Nothing to carry over" in again.content.decode()
    assert list(CurrentStatus.objects.values_list("pk", "version", "last_event_id").order_by("pk")) == before
    assert events.count() == 2


def test_carrying_over_all_uses_one_audit_entry(client, staff, merged):
    client.force_login(staff)
    response = client.post(CARRY_OVER, follow=True)
    assert "2 statuses carried over." in response.content.decode()
    assert AuditEntry.objects.filter(action="merger.carry_over_all").count() == 1
    assert client.post(CARRY_OVER, follow=True).context["pending"] == 0


def test_a_code_that_is_no_merger_of_the_programme_gives_404(client, staff, merged):
    client.force_login(staff)
    for code in ("GM9981", "GM9986", "GM0000"):  # a predecessor, a merger before the programme, unknown
        assert client.post(CARRY_OVER, {"municipality": code}).status_code == 404
    assert not StatusEvent.objects.filter(source=Source.MERGER).exists()


def test_coordinators_get_403_and_anonymous_visitors_the_login_page(client, coordinator_a, merged):
    for method, path in (("get", LIST), ("post", CARRY_OVER)):
        anonymous = getattr(client, method)(path)
        assert anonymous.status_code == 302 and reverse("accounts:account") in anonymous["Location"]
    client.force_login(coordinator_a)
    assert client.get(LIST).status_code == 403
    assert client.post(CARRY_OVER, {"municipality": "GM9980"}).status_code == 403
    assert client.post(CARRY_OVER).status_code == 403
    assert not StatusEvent.objects.filter(source=Source.MERGER).exists()


# --- the API -----------------------------------------------------------------------------------------

API = reverse("merger-list")


def test_api_lists_the_mergers_with_their_state_in_a_fixed_number_of_queries(
    api_client, staff, merged, django_assert_max_num_queries
):
    api_client.force_authenticate(staff)
    with django_assert_max_num_queries(6):
        response = api_client.get(API, {"pageSize": 100})
    assert response.status_code == 200
    rows = {row["code"]: row for row in response.json()["results"]}
    assert rows["GM9980"] == {
        "code": "GM9980",
        "name": "Samenstad",
        "merged_on": "2019-01-01",
        "predecessors": ["GM9981"],
        "carried_over": 0,
        "with_status": 0,
        "predecessors_reported": True,
    }
    assert rows["GM9983"]["predecessors"] == ["GM9984", "GM9985"] and "GM9986" not in rows


def test_api_carries_over_one_or_all_and_again_changes_nothing(api_client, staff, merged):
    api_client.force_authenticate(staff)
    response = api_client.post(reverse("merger-carry-over"), {"municipality": "GM9980"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json() == {"carried_over": {"GM9980": 2}}
    assert api_client.post(reverse("merger-carry-over"), {}, format="json").json() == {"carried_over": {}}
    assert StatusEvent.objects.filter(source=Source.MERGER).count() == 2
    assert AuditEntry.objects.filter(action="merger.carry_over_all").count() == 1
    assert api_client.post(reverse("merger-carry-over"), {"municipality": "GM9981"}, format="json").status_code == 404


def test_api_refuses_coordinators_and_anonymous_callers(api_client, coordinator_a, merged):
    for method, path in (("get", API), ("post", reverse("merger-carry-over"))):
        assert getattr(api_client, method)(path).status_code in (401, 403)
    api_client.force_authenticate(coordinator_a)
    assert api_client.get(API).status_code == 403
    assert api_client.post(reverse("merger-carry-over"), {"municipality": "GM9980"}, format="json").status_code == 403
    assert not StatusEvent.objects.filter(source=Source.MERGER).exists()


def test_the_management_menu_links_survey_rounds_imports_and_mergers(client, staff, coordinator_a):
    client.force_login(staff)
    for path in (reverse("accounts:account"), reverse("accounts:membership-requests")):
        html = client.get(path).content.decode()
        for name in ("monitor:survey-list", "monitor:import-list", "monitor:import-mergers"):
            assert f'href="{reverse(name)}"' in html, (path, name)
    client.force_login(coordinator_a)
    assert f'href="{reverse("monitor:import-mergers")}"' not in client.get(reverse("accounts:account")).content.decode()


def test_without_a_programme_the_merger_pages_give_404(client, staff):
    Programme.objects.all().delete()
    client.force_login(staff)
    history = reverse("monitor:import-merger-history", args=["GM9981", "A"])
    for response in (client.get(LIST), client.post(CARRY_OVER), client.get(history)):
        assert response.status_code == 404


def test_carry_over_by_code_checks_permission_first_and_refuses_codes_that_are_no_merger(
    staff, coordinator_a, programme, merged
):
    with pytest.raises(PermissionDenied):
        carry_over_by_code(actor=coordinator_a, programme=programme, code="GM0000")
    with pytest.raises(Municipality.DoesNotExist):
        carry_over_by_code(actor=staff, programme=programme, code="GM9981")  # a predecessor
    [result] = carry_over_by_code(actor=staff, programme=programme, code="GM9980")
    assert result.municipality == merged["samenstad"] and len(result.events) == 2
