# SPDX-License-Identifier: EUPL-1.2
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from bouwplaats.knowledge.insight import selectors
from bouwplaats.knowledge.models import QuestionStatus

from ..factories import AnswerFactory, QuestionFactory

pytestmark = pytest.mark.django_db

INSIGHT = reverse("knowledge:insight")


def at(year, month, day=1):
    return datetime.datetime(year, month, day, 12, tzinfo=datetime.UTC)


@pytest.fixture
def asked(member, themes, blocks, town_a):
    q1 = QuestionFactory(asker=member, theme=themes[0], municipality=town_a, created_at=at(2013, 1, 1))
    q1.building_blocks.set([blocks[0]])
    q1.answered_at = at(2013, 1, 11)
    q1.status = QuestionStatus.ANSWERED
    q1.save()
    AnswerFactory(question=q1)
    q2 = QuestionFactory(asker=member, theme=themes[0], created_at=at(2013, 3, 1))
    q2.answered_at = at(2013, 3, 3)
    q2.status = QuestionStatus.PUBLISHED
    q2.save()
    QuestionFactory(asker=member, theme=themes[1], created_at=timezone.now() - datetime.timedelta(days=40))
    QuestionFactory(asker=member, status=QuestionStatus.MERGED, created_at=at(2013, 2, 1))
    return q1, q2


def test_counts_ages_and_median(asked, themes):
    data = selectors.insight(year=2013)
    assert data.total == 2
    assert data.months == ["2013-01", "2013-02", "2013-03"]
    theme = data.breakdowns[0]
    assert theme.table() == [(themes[0].name, [1, 0, 1], 2)]
    assert data.median_days == 6.0  # 10 and 2 days
    everything = selectors.insight()
    assert dict(everything.age_buckets)["31–90 days"] == 1
    assert everything.breakdowns[2].counts  # province: one given, others "not given"


def test_page_for_staff_only_with_exports(client, member, staff, asked, django_assert_max_num_queries):
    client.force_login(member)
    assert client.get(INSIGHT).status_code == 403
    assert client.get(INSIGHT + "?tabel=theme&export=csv").status_code == 403
    client.force_login(staff)
    with django_assert_max_num_queries(12):
        response = client.get(INSIGHT)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<svg") >= 5 and html.count("<table") >= 6
    assert '<th scope="col">Jan 2013</th>' in html and "2013-01" not in html  # the months in words, not ISO
    csv = client.get(INSIGHT + "?tabel=theme&export=csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert "2013-01" in csv.content.decode("utf-8-sig")
    xlsx = client.get(INSIGHT + "?tabel=median&export=xlsx")
    assert xlsx.content[:2] == b"PK"
    ods = client.get(INSIGHT + "?tabel=median&export=ods")
    assert ods["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    assert 'filename="kennis-doorlooptijd.ods"' in ods["Content-Disposition"]
    assert client.get(INSIGHT + "?tabel=nope&export=csv").status_code == 404


def test_bad_input_is_refused_or_ignored(english_client, staff, asked):
    english_client.force_login(staff)
    assert english_client.get(INSIGHT + "?tabel=theme&export=pdf").status_code == 404
    assert english_client.get(INSIGHT + "?tabel=&export=csv").status_code == 404
    assert english_client.get(INSIGHT + "?jaar=twintig").status_code == 200  # not a year: every year
    empty = english_client.get(INSIGHT + "?jaar=1999&tabel=age&export=csv")  # a year without questions
    assert empty.status_code == 200
    assert empty.content.decode("utf-8-sig").splitlines()[1:] == [
        f"{label},0" for label in ("0–7 days", "8–30 days", "31–90 days", "more than 90 days")
    ]


def test_the_months_run_from_the_first_to_the_last_question_and_counts_are_whole(client, staff, member, themes):
    QuestionFactory(asker=member, theme=themes[0], created_at=at(2013, 5, 20))
    QuestionFactory(asker=member, theme=themes[0], created_at=at(2013, 7, 2))
    QuestionFactory(asker=member, theme=themes[0], created_at=at(2013, 7, 3))
    assert selectors.insight().months == ["2013-05", "2013-06", "2013-07"]
    assert selectors.insight(year=2013).months == ["2013-05", "2013-06", "2013-07"]  # not January to December
    client.force_login(staff)
    html = client.get(INSIGHT).content.decode()
    chart = html[html.index("<svg") : html.index("</svg>")]
    axis = chart[chart.index('class="bp-chart__axis"') : chart.index("</g>", chart.index('class="bp-chart__axis"'))]
    assert ">May 2013<" in axis and "Apr 2013" not in axis and "Jan 2013" not in axis
    assert ">1<" in axis and ">2<" in axis and ">0.5<" not in axis and ">1.5<" not in axis
