# SPDX-License-Identifier: EUPL-1.2
"""The programme overview (/voortgang/): figures against a hand-made world, filters, exports, cache, queries."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from bouwplaats.core.tests.ods import read_ods
from bouwplaats.monitor import services
from bouwplaats.monitor.dashboards import selectors
from bouwplaats.monitor.models import CurrentStatus, StatusEvent

from ..factories import BuildingBlockFactory, MunicipalityFactory
from .world import PROVINCE, make_world

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 29)
URL = reverse("monitor:dashboard-overview")


@pytest.fixture
def world(programme, levels, blocks, staff):
    return make_world(programme, levels, blocks, staff)


def overview(world, **filters):
    return selectors.programme_overview(programme=world.programme, today=TODAY, province=PROVINCE, **filters)


def test_url_name():
    assert reverse("monitor:dashboard-overview") == URL


def test_distribution_and_top_level(world):
    result = overview(world)
    assert result.municipality_count == 4
    by_code = {row.building_block.code: row for row in result.distributions}
    assert by_code["AAA"].counts == [1, 1, 0, 2]
    assert by_code["BBB"].counts == [2, 0, 1, 1]
    assert by_code["CCC"].counts == [4, 0, 0, 0]
    assert by_code["AAA"].top_share == 50.0
    assert by_code["BBB"].top_share == 25.0
    # The highest level required by its agreements: AAA in gebruik (agreement 2), BBB implementatie.
    assert by_code["AAA"].required_level == world.levels[3]
    assert by_code["AAA"].meeting_share == 50.0
    assert by_code["BBB"].meeting_share == 50.0
    assert by_code["CCC"].required_level is None and by_code["CCC"].meeting_share is None
    assert not result.has_demo


def test_result_agreements_measured_at_the_deadline_or_now(world):
    statuses = {status.agreement.number: status for status in overview(world).agreements}
    # 1: passed (1 July 2022), measured at the end of June 2022: T1 meets, T2's AAA came in August.
    assert statuses[1].deadline_passed
    assert statuses[1].measured_month == datetime.date(2022, 6, 1)
    assert statuses[1].measured_on == datetime.date(2022, 6, 30)
    assert (statuses[1].met, statuses[1].total, statuses[1].share) == (1, 4, 25.0)
    # 2: not yet due, measured now: T1 and T2 use AAA.
    assert not statuses[2].deadline_passed
    assert (statuses[2].met, statuses[2].share) == (2, 50.0)
    # 3: no building blocks linked: nothing to measure.
    assert statuses[3].met is None and statuses[3].share is None


def test_measurement_month():
    assert selectors.measurement_month(datetime.date(2022, 7, 1)) == datetime.date(2022, 6, 1)
    assert selectors.measurement_month(datetime.date(2022, 6, 30)) == datetime.date(2022, 6, 1)
    assert selectors.measurement_month(datetime.date(2015, 1, 1)) == datetime.date(2014, 12, 1)


def test_trend_per_block_and_per_level(world):
    result = overview(world)
    months = result.trend.months
    assert months[0] == datetime.date(2020, 1, 1) and months[-1] == datetime.date(2023, 1, 1)
    series = dict(result.trend.series)
    alfa = series["Alfa"]
    assert alfa[months.index(datetime.date(2021, 2, 1))] == 0.0
    assert alfa[months.index(datetime.date(2021, 3, 1))] == 25.0
    assert alfa[months.index(datetime.date(2022, 8, 1))] == 50.0
    bravo = world.blocks[1]
    per_level = dict(overview(world, building_block=bravo).trend.series)
    may_2021 = months.index(datetime.date(2021, 5, 1))
    assert [per_level[level.name][may_2021] for level in world.levels] == [50.0, 0.0, 25.0, 25.0]
    assert per_level["niet gestart"][0] == 100.0


def test_size_class_filter(world):
    result = overview(world, size_class=1)  # fewer than 5,000 inhabitants: T1 only
    assert result.municipality_count == 1
    assert {row.building_block.code: row.counts for row in result.distributions}["AAA"] == [0, 0, 0, 1]


def test_without_result_agreements(world, client):
    for agreement in world.agreements:
        agreement.delete()
    response = client.get(URL, {"provincie": PROVINCE})
    assert response.status_code == 200
    assert b"No result agreements have been entered for this programme yet." in response.content


def test_page_renders_charts_with_tables(world, client):
    response = client.get(URL, {"provincie": PROVINCE})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1>") == 1
    assert html.count('role="img"') == 4  # distribution, top level, agreements, trend
    assert html.count("<svg") == 4
    assert " style=" not in html
    assert "<script" not in html
    for caption in (
        "Municipalities per building block and status level",
        "Result agreements and the municipalities meeting them",
        "Share of municipalities at the level “in gebruik” per building block, per month",
    ):
        assert f"<caption>{caption}</caption>" in html
    assert "<details" in html  # the trend table
    # The agreements table: measured at the deadline, with the figures.
    assert "at the deadline (end of June 2022)" in html
    assert "25%" in html and "50%" in html
    # Demo notice only with demo data.
    assert "Demo data" not in html
    # The navigation marks the page.
    assert f'<a href="{URL}" aria-current="page">Progress</a>' in html


def test_page_filters_and_invalid_values(world, client):
    response = client.get(URL, {"provincie": PROVINCE, "grootteklasse": "1", "bouwsteen": "BBB"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Share of municipalities per status level for Bravo, per month" in html
    response = client.get(URL, {"provincie": "PV00", "grootteklasse": "42", "bouwsteen": "NOPE"})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()


def test_unknown_programme_is_404(client, programme):
    assert client.get(URL, {"programma": "bestaat-niet"}).status_code == 404
    assert client.get(URL, {"programma": programme.slug}).status_code == 200


def test_demo_notice(world, client):
    CurrentStatus.objects.filter(municipality=world.towns[0]).update(is_demo=True)
    assert b"Demo data" in client.get(URL, {"provincie": PROVINCE}).content


def test_csv_export(world, client):
    response = client.get(URL, {"provincie": PROVINCE, "export": "csv", "table": "distribution"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    filename = re.search(r'filename="([^"]+)"', response["Content-Disposition"]).group(1)
    assert filename.startswith(f"voortgang-{world.programme.slug}-distribution-pv99-")
    assert re.search(r"\d{4}-\d{2}-\d{2}\.csv$", filename)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:6] == ["Building block", "Code", "niet gestart", "oriëntatie", "implementatie", "in gebruik"]
    alfa = next(row for row in rows if row[1] == "AAA")
    assert alfa[2:8] == ["1", "1", "0", "2", "4", "50.0"]


def test_xlsx_export(world, client):
    response = client.get(URL, {"provincie": PROVINCE, "export": "xlsx", "table": "agreements"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Result agreement"
    assert sheet.title == "Result agreements"
    assert sheet["A1"].font.bold
    first = rows[1]
    assert first[0] == "Basis op orde" and first[1] == 1
    assert first[4].date() == datetime.date(2022, 7, 1)
    assert first[6:8] == (1, 4)
    assert first[8] == pytest.approx(0.25)
    ods = client.get(URL, {"provincie": PROVINCE, "export": "ods", "table": "agreements"})
    assert ods["Content-Disposition"].endswith('.ods"')
    table = read_ods(ods.content)["Result agreements"]
    assert table[0] == list(rows[0])
    assert table[1][:4] == list(first[:4]) and table[1][4] == datetime.date(2022, 7, 1)
    assert table[1][6:8] == [1, 4] and table[1][8] == pytest.approx(25)  # a percentage cell of 25%
    assert sheet.cell(row=2, column=9).number_format == "0.0%"
    trend = client.get(URL, {"provincie": PROVINCE, "export": "xlsx", "table": "trend"})
    trend_rows = list(load_workbook(io.BytesIO(trend.content)).active.iter_rows(values_only=True))
    assert len(trend_rows) == 1 + 37


def test_xlsx_export_in_dutch(world):
    from django.test import Client

    response = Client().get(URL, {"provincie": PROVINCE, "export": "xlsx", "table": "agreements"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Resultaatafspraken"
    assert next(sheet.iter_rows(max_row=1, values_only=True))[0] == "Resultaatafspraak"


def test_unknown_export_is_404(world, client):
    assert client.get(URL, {"export": "pdf", "table": "distribution"}).status_code == 404
    assert client.get(URL, {"export": "csv", "table": "nope"}).status_code == 404


def test_cached_until_a_status_report(world, client, django_assert_num_queries):
    params = {"provincie": PROVINCE}
    charlie = re.compile(r"<th scope=\"row\">Charlie</th>(.*?)</tr>", re.S)
    assert "50.0%" not in charlie.search(client.get(URL, params).content.decode()).group(1)
    with django_assert_num_queries(1):  # a cache hit (anonymous): only the data version
        client.get(URL, params)
    # T3 and T4 now use CCC: its top-level share goes from 0% to 50%.
    for town in world.towns[2:]:
        services.status_report(
            actor=world.staff, municipality=town, building_block=world.blocks[2], level=world.levels[3]
        )
    assert "50.0%" in charlie.search(client.get(URL, params).content.decode()).group(1)


def _count_queries(client, django_assert_max_num_queries, limit):
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(limit) as context:
        assert client.get(URL, {"provincie": PROVINCE}).status_code == 200
    return len(context.captured_queries)


def test_query_count_does_not_grow_with_blocks_or_events(world, client, django_assert_max_num_queries):
    first = _count_queries(client, django_assert_max_num_queries, 17)  # the cached part reads its programme by id
    # More blocks, more municipalities and a long history.
    extra = [BuildingBlockFactory(programme=world.programme, code=f"EXTRA{i}") for i in range(6)]
    towns = [MunicipalityFactory(code=f"GM97{i:02d}", province=world.towns[0].province) for i in range(5)]
    for town in towns:
        for block in extra[:3]:
            for month, level in enumerate(world.levels, start=1):
                services.status_report(
                    actor=world.staff,
                    municipality=town,
                    building_block=block,
                    level=level,
                    valid_from=datetime.date(2021, month, 1),
                )
    assert StatusEvent.objects.count() > 60
    assert _count_queries(client, django_assert_max_num_queries, 17) == first


def test_the_overview_links_the_open_data_downloads_that_open(world, client):
    programme = world.programme
    html = client.get(URL).content.decode()
    assert 'id="open-data"' in html
    links = re.findall(r'<section aria-labelledby="open-data">.*?</section>', html, re.DOTALL)[0]
    hrefs = [href.replace("&amp;", "&") for href in re.findall(r'href="([^"]+)"', links)]
    assert f"{reverse('open-data-progress')}?programme={programme.slug}" in hrefs
    assert reverse("api-docs") in hrefs
    for href in hrefs:
        if href.startswith(reverse("api-docs")):
            continue  # the interactive documentation is checked below
        response = client.get(href)
        assert response.status_code == 200, href
    assert client.get(hrefs[0])["Content-Type"].startswith("text/csv")


def test_the_api_documentation_links_the_open_data_without_javascript(client):
    html = client.get(reverse("api-docs")).content.decode()
    assert f'href="{reverse("open-data-progress")}"' in html
    assert f'href="{URL}#open-data"' in html
    assert client.get(reverse("open-data-progress")).status_code == 200
