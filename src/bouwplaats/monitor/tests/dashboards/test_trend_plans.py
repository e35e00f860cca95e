# SPDX-License-Identifier: EUPL-1.2
"""The overview's trend is counted from the ``monthly_trend`` index alone: at national volume it reads
50,000 monthly rows, and reading the table for each row took longer than the counting (bench/serve.py,
cold pages)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bouwplaats.monitor.dashboards import selectors
from bouwplaats.monitor.models import MonthlyStatus
from bouwplaats.organisations.models import Municipality
from bouwplaats.organisations.tests.factories import MunicipalityFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

TODAY = datetime.date(2023, 6, 1)


@pytest.fixture
def history(programme, levels, blocks):
    towns = [MunicipalityFactory(code=f"GM97{number:02d}") for number in range(40)]
    months = selectors.trend_months(programme, today=TODAY)
    MonthlyStatus.objects.bulk_create(
        MonthlyStatus(municipality=town, building_block=block, month=month, level=levels[(index + step) % 4])
        for index, town in enumerate(towns)
        for step, block in enumerate(blocks)
        for month in months
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the statistics of a filled database, as in production
    return towns


def _plan(sql: str) -> str:
    with connection.cursor() as cursor:
        # Every way of reading the table is priced out, so that the planner reads an index alone if the
        # query lets it: a table this small would otherwise be read whole or through another index.
        methods = ("seqscan", "bitmapscan", "indexscan")
        for method in methods:
            cursor.execute(f"SET LOCAL enable_{method} = off")
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
        for method in methods:  # the end of the test checks the foreign keys, which needs them again
            cursor.execute(f"RESET enable_{method}")
    return plan


def _monthly_sql(queries) -> str:
    (sql,) = [query["sql"] for query in queries if 'FROM "monitor_monthlystatus"' in query["sql"]]
    return sql


def test_the_overviews_trend_reads_the_index_alone(programme, levels, blocks, history):
    """The top level per block and month. (A block's own trend, for one block and a list of
    municipalities, is planned on the municipality index at this size; at national volume it too reads
    ``monthly_trend`` alone: bench/serve.py.)"""
    with CaptureQueriesContext(connection) as queries:
        trend = selectors.trend(
            programme=programme,
            levels=levels,
            blocks=list(blocks),
            municipalities=Municipality.objects.filter(pk__in=[town.pk for town in history]),
            total=len(history),
            today=TODAY,
        )
    assert any(share for _name, shares in trend.series for share in shares)
    assert "Index Only Scan using monthly_trend" in _plan(_monthly_sql(queries.captured_queries))
