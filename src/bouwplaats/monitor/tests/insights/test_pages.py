# SPDX-License-Identifier: EUPL-1.2
"""The insight pages: building-block progress, blockers overview, deadline risk, peer comparison."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from bouwplaats.catalogue.models import StatusVisibility
from bouwplaats.core.tests.ods import read_ods
from bouwplaats.monitor import services
from bouwplaats.monitor.constants import BLOCKERS
from bouwplaats.monitor.insights import selectors
from bouwplaats.monitor.insights.forecast import Risk
from bouwplaats.monitor.models import CurrentStatus

from ..factories import ApprovedMembershipFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


def block_url(code):
    return reverse("monitor:insight-block", args=[code])


def progress_url(code):
    return reverse("monitor:municipality-progress", args=[code])


BLOCKERS_URL = reverse("monitor:insight-blockers")
RISK_URL = reverse("monitor:insight-risk")
RISK_LIST_URL = reverse("monitor:insight-risk-list")


def report(staff, municipality, block, level, on, **kwargs):
    return services.status_report(
        actor=staff, municipality=municipality, building_block=block, level=level, valid_from=on, **kwargs
    )


@pytest.fixture
def progress(staff, town_a, town_b, blocks, levels):
    """A small history of two towns (province Utrecht) for the blocks A, B and C (deadline 1 January 2023)."""
    a, b, _c = blocks
    d = datetime.date
    # Aadorp, A: "oriëntatie" since March 2020 and stuck, with two blockers.
    report(staff, town_a, a, levels[1], d(2020, 3, 1), blockers=["capacity", "budget"])
    # Beedorp, A: "niet gestart" in May 2021, "oriëntatie" in March 2022: one level a year.
    report(staff, town_b, a, levels[0], d(2021, 5, 10))
    report(staff, town_b, a, levels[1], d(2022, 3, 1), blockers=["capacity"])
    # Beedorp, B: at the top.
    report(staff, town_b, b, levels[2], d(2021, 1, 5), blockers=["supplier_not_ready"])
    report(staff, town_b, b, levels[3], d(2022, 2, 1))
    # Aadorp, B: two levels in the last year, but plans the top after the deadline.
    report(staff, town_a, b, levels[0], d(2021, 6, 1))
    report(staff, town_a, b, levels[2], d(2022, 5, 1), planned_date=d(2023, 6, 1))
    return a, b


# --- the building-block page -----------------------------------------------------------------


def test_block_page_shows_map_counts_and_list_to_staff(client, staff, progress, town_a, django_assert_max_num_queries):
    client.force_login(staff)
    with django_assert_max_num_queries(14):
        response = client.get(block_url("AAA"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Progress of Alfa</h1>" in html
    assert 'id="block-map-GM9901"' not in html  # test towns are not on the 2025 boundaries …
    assert 'id="block-map-GM0344"' in html  # … but Utrecht is, with a link to its progress page
    assert f'<a href="{progress_url("GM0344")}" aria-label="Utrecht: nothing reported' in html
    assert "1 January 2025" in html  # the programme runs on 2022: the 2025 boundaries are drawn
    assert 'id="list-title"' in html
    assert f'<a href="{progress_url("GM9901")}">Aadorp</a>' in html
    assert "capacity" in html and "budget" in html
    assert "style=" not in html


def test_block_page_hides_the_municipalities_when_not_public(client, coordinator_a, progress, town_a):
    for user in (None, coordinator_a):
        if user:
            client.force_login(user)
        html = client.get(block_url("AAA")).content.decode()
        assert "the list of municipalities with their blockers is not shown" in html
        assert 'id="list-title"' not in html
        assert progress_url("GM9901") not in html
        assert "Aadorp" not in html
        assert "<a href=" not in html.split('class="bp-map"')[1].split("</figure>")[0]  # no links in the map
        assert "median level in Utrecht" in html
        response = client.get(block_url("AAA"), {"formaat": "csv", "tabel": "gemeenten"})
        assert response.status_code == 403


def test_block_page_shows_the_list_to_everyone_when_public(client, programme, progress):
    programme.municipality_status_visibility = StatusVisibility.PUBLIC
    programme.save()
    html = client.get(block_url("AAA")).content.decode()
    assert f'<a href="{progress_url("GM9901")}">Aadorp</a>' in html


def test_block_page_as_of_a_date_and_filters(client, staff, progress):
    client.force_login(staff)
    html = client.get(block_url("AAA"), {"peildatum": "2021-12-31", "provincie": "PV26"}).content.decode()
    assert "As of 31 December 2021." in html
    # Beedorp was "niet gestart" then; Aadorp "oriëntatie".
    overview = selectors.block_overview(
        programme=progress[0].programme,
        building_block=progress[0],
        on=datetime.date(2021, 12, 31),
        province="PV26",
    )
    levels = {row.municipality.code: row.level.name if row.level else None for row in overview.rows}
    assert levels["GM9901"] == "oriëntatie"
    assert levels["GM9902"] == "niet gestart"
    assert {row.municipality.province.code for row in overview.rows} == {"PV26"}


def test_block_trend_counts_municipalities_per_level_per_month(progress):
    a, _b = progress
    overview = selectors.block_overview(programme=a.programme, building_block=a, province="PV26")
    by_month = {point.month: point for point in overview.trend}
    assert by_month[datetime.date(2021, 4, 1)].counts == [0, 1, 0, 0]  # Aadorp only
    assert by_month[datetime.date(2021, 6, 1)].counts == [1, 1, 0, 0]
    assert by_month[datetime.date(2022, 3, 1)].counts == [0, 2, 0, 0]
    assert by_month[datetime.date(2022, 3, 1)].total == len(overview.rows)


def test_block_exports(client, staff, progress):
    client.force_login(staff)
    response = client.get(block_url("AAA"), {"formaat": "csv", "provincie": "PV26"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["CBS code", "Municipality", "Province", "Size class", "Status level"]
    aadorp = next(row for row in rows if row[0] == "GM9901")
    assert aadorp[4] == "oriëntatie" and aadorp[7] == "capacity; budget"
    response = client.get(block_url("AAA"), {"formaat": "xlsx", "tabel": "verloop"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]][:2] == ["Month", "niet gestart"]
    assert sheet.title == "Trend per month"
    assert sheet.max_row > 12
    # Levels per province are public.
    client.logout()
    response = client.get(block_url("AAA"), {"formaat": "csv", "tabel": "provincies"})
    assert response.status_code == 200
    assert "Utrecht" in response.content.decode("utf-8-sig")


def test_block_page_unknown_block_or_programme(client, progress):
    assert client.get(block_url("NOPE")).status_code == 404
    assert client.get(block_url("AAA"), {"programma": "geen-programma"}).status_code == 404


def test_block_page_is_cached_until_the_data_changes(
    client, staff, progress, town_a, levels, django_assert_num_queries
):
    a, _b = progress
    client.force_login(staff)
    client.get(block_url("AAA"))
    # user, data version (programme and block are cached under it; so are the session and the unread count)
    with django_assert_num_queries(2):
        client.get(block_url("AAA"))
    report(staff, town_a, a, levels[3], datetime.date(2022, 9, 1))
    html = client.get(block_url("AAA"), {"provincie": "PV26"}).content.decode()
    group = html.split("<h3>in gebruik")[1].split("</table>")[0]
    assert "Aadorp" in group


# --- blockers overview -----------------------------------------------------------------------


def test_blocker_counts_match_the_masks(progress, blocks):
    a, b, c = blocks
    overview = selectors.blocker_overview(programme=a.programme)
    rows = {row.building_block.code: row for row in overview.rows}
    index = {blocker.code: i for i, blocker in enumerate(BLOCKERS)}
    assert rows["AAA"].reported == 2 and rows["AAA"].blocked == 2
    assert rows["AAA"].counts[index["capacity"]] == 2
    assert rows["AAA"].counts[index["budget"]] == 1
    assert rows["AAA"].counts[index["supplier_not_ready"]] == 0
    # Beedorp's supplier blocker was cleared by its later report: nothing now.
    assert rows["BBB"].reported == 2 and rows["BBB"].blocked == 0
    assert sum(rows["BBB"].counts) == 0 and rows["CCC"].reported == 0
    # The same as counting the bits in Python.
    for row in overview.rows:
        masks = CurrentStatus.objects.filter(building_block=row.building_block).values_list("blockers", flat=True)
        assert row.counts == [sum(1 for mask in masks if mask & blocker.bit) for blocker in BLOCKERS]
    assert selectors.blocker_overview(programme=a.programme, province="PV27").rows[0].reported == 0


def test_blockers_page_and_export(client, progress, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get(BLOCKERS_URL, {"provincie": "PV26"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Blockers overview</h1>" in html
    assert 'role="img"' in html  # the chart
    assert "Number of municipalities per building block and blocker" in html
    response = client.get(BLOCKERS_URL, {"formaat": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    alfa = next(row for row in rows if row[0] == "AAA")
    assert alfa[2:4] == ["2", "2"]
    assert alfa[4 + [blocker.code for blocker in BLOCKERS].index("capacity")] == "2"
    response = client.get(BLOCKERS_URL, {"formaat": "xlsx"})
    assert load_workbook(io.BytesIO(response.content)).active.max_row == 1 + 3
    response = client.get(BLOCKERS_URL, {"formaat": "ods"})
    assert 'filename="belemmeringen.ods"' in response["Content-Disposition"]
    (sheet,) = read_ods(response.content).values()
    assert [str(cell) for cell in next(row for row in sheet if row[0] == "AAA")] == alfa


# --- deadline risk ---------------------------------------------------------------------------


def risk_rows(programme, on, **kwargs):
    risk = selectors.deadline_risk(programme=programme, on=on, **kwargs)
    return {(row.municipality.code, row.building_block.code): row for row in risk.rows}, risk


def test_risk_forecast_per_pair(progress, town_a, town_b):
    a, _b = progress
    rows, risk = risk_rows(a.programme, datetime.date(2022, 6, 30), province="PV26")
    assert not risk.uses_agreements  # no result agreements: each block's own deadline, top level
    stalled = rows[("GM9901", "AAA")]
    assert stalled.risk == Risk.HIGH  # stalled (2) + blockers (1)
    assert [reason.code for reason in stalled.forecast.reasons] == ["stalled", "blockers"]
    assert "at this level since March 2020" in stalled.forecast.reasons[0].text
    slow = rows[("GM9902", "AAA")]
    assert slow.forecast.gained == 1 and slow.forecast.expected > datetime.date(2023, 1, 1)
    assert slow.risk == Risk.HIGH  # too slow (2) + blockers (1)
    late_plan = rows[("GM9901", "BBB")]
    assert late_plan.forecast.expected <= datetime.date(2023, 1, 1)  # on pace …
    assert late_plan.risk == Risk.MEDIUM  # … but planned after the deadline
    assert ("GM9902", "BBB") not in rows  # reached the top
    nothing = rows[("GM9901", "CCC")]
    assert nothing.level is None and nothing.forecast.stalled and nothing.risk == Risk.MEDIUM
    # Sorted by risk.
    assert [row.risk for row in risk.rows] == sorted((row.risk for row in risk.rows), reverse=True)


def test_risk_after_the_deadline_is_missed(progress):
    a, _b = progress
    rows, _risk = risk_rows(a.programme, datetime.date(2023, 2, 1), province="PV26")
    assert rows[("GM9901", "AAA")].risk == Risk.MISSED


def test_result_agreements_set_deadline_and_required_level(progress, levels):
    from bouwplaats.catalogue.models import ResultAgreement

    a, _b = progress
    agreement = ResultAgreement.objects.create(
        programme=a.programme,
        number=1,
        title="Alfa oriented",
        text="…",
        deadline=datetime.date(2024, 1, 1),
        required_level=levels[1],
    )
    agreement.building_blocks.add(a)
    rows, risk = risk_rows(a.programme, datetime.date(2022, 6, 30), province="PV26")
    assert risk.uses_agreements
    assert ("GM9901", "AAA") not in rows  # "oriëntatie" is enough for agreement 1
    assert rows[("GM9901", "BBB")].target.agreement is None  # B has no agreement: its own deadline


def test_risk_page_is_public_counts_and_list_is_staff_only(client, coordinator_a, staff, progress):
    response = client.get(RISK_URL, {"peildatum": "2022-06-30", "provincie": "PV26"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aadorp" not in html
    assert "is for programme staff only" in html
    assert "How the forecast works" in html
    for user in (None, coordinator_a):
        if user:
            client.force_login(user)
        response = client.get(RISK_LIST_URL)
        assert response.status_code == 403
        assert "for programme staff only" in response.content.decode()
        assert client.get(RISK_LIST_URL, {"formaat": "csv"}).status_code == 403
    client.force_login(staff)
    response = client.get(RISK_LIST_URL, {"peildatum": "2022-06-30", "provincie": "PV26", "bouwsteen": "AAA"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Aadorp" in html and "stalled: no level gained in 12 months" in html
    assert "not at this pace" in html


def test_risk_counts_and_exports(client, staff, progress):
    response = client.get(RISK_URL, {"formaat": "csv", "peildatum": "2022-06-30", "provincie": "PV26"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Code", "Building block", "deadline missed"]
    alfa = next(row for row in rows if row[0] == "AAA")
    assert int(alfa[-1]) >= 2  # Aadorp and Beedorp, plus the Utrecht municipalities without a report
    client.force_login(staff)
    response = client.get(
        RISK_LIST_URL, {"formaat": "xlsx", "peildatum": "2022-06-30", "provincie": "PV26", "risico": int(Risk.HIGH)}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert {(row[0], row[3]) for row in values} == {("GM9901", "Alfa"), ("GM9902", "Alfa")}
    assert all(row[10] == "high" for row in values)


def test_risk_pages_query_counts(client, staff, progress, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert client.get(RISK_URL, {"peildatum": "2022-06-30"}).status_code == 200
    client.force_login(staff)
    with django_assert_max_num_queries(17):  # the cached part reads its programme by id
        assert client.get(RISK_LIST_URL, {"peildatum": "2022-06-30", "page": "2"}).status_code == 200


# --- peer comparison on the municipality page ------------------------------------------------


def test_peer_comparison_on_the_progress_page(client, staff, progress, town_a, levels):
    from bouwplaats.organisations.tests.factories import PopulationFactory

    PopulationFactory(municipality=town_a, year=2022, inhabitants=12_000)
    twin = MunicipalityFactory(code="GM9903", name="Ceedorp")
    PopulationFactory(municipality=twin, year=2022, inhabitants=15_000)
    a, _b = progress
    report(staff, twin, a, levels[3], datetime.date(2021, 1, 1))
    client.force_login(staff)
    html = client.get(progress_url("GM9901")).content.decode()
    assert "Peer comparison" in html
    assert "Size class: 10,000 to 20,000 inhabitants" in html
    comparison = selectors.peer_comparison(
        programme=a.programme,
        municipality=town_a,
        levels=levels,
        rows=[type("Row", (), {"building_block": a, "level": levels[1]})()],
    )
    row = comparison.rows[0]
    size_members = comparison.size_class_members
    assert row.size_class.counts[1] >= 1 and row.size_class.counts[3] >= 1  # Aadorp and Ceedorp
    assert sum(row.size_class.counts) == size_members
    assert row.province.size == comparison.province_members
    assert row.province_share == pytest.approx(100 * sum(row.province.counts[1:]) / row.province.size)


def test_catalogue_links_to_the_block_progress(client, programme, blocks):
    html = client.get(reverse("catalogue:building-block-detail", args=[programme.slug, "AAA"])).content.decode()
    assert f'href="{block_url("AAA")}?programma={programme.slug}"' in html
    assert "Progress of this building block" in html


def test_a_coordinator_sees_own_progress_with_peers(client, town_a, progress):
    coordinator = ApprovedMembershipFactory(municipality=town_a).user
    client.force_login(coordinator)
    assert "Peer comparison" in client.get(progress_url("GM9901")).content.decode()
