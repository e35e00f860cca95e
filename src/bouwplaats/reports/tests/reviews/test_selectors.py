# SPDX-License-Identifier: EUPL-1.2
"""Reads of Gateway reviews: what changed since the previous review, the latest review as of a date
(for the programme report), and their query counts."""

import datetime

import pytest

from bouwplaats.catalogue import services as catalogue_services
from bouwplaats.catalogue.tests.factories import ProgrammeFactory
from bouwplaats.reports.reviews import selectors, services
from bouwplaats.reports.reviews.selectors import Change

from .conftest import FIRST_DAY, SECOND_DAY, enter_review

pytestmark = pytest.mark.django_db


def _rows(page) -> list[tuple]:
    return [
        (row.number, row.previous and row.previous.status, row.current and row.current.status, row.change)
        for row in page.changes
    ]


def test_a_review_is_compared_with_the_one_before_it(programme, first_review, second_review):
    page = selectors.review_page(programme=programme, pk=second_review.pk)
    assert page.previous == first_review and page.later is None
    assert _rows(page) == [
        (1, "red", "amber", Change.IMPROVED),
        (2, "amber", "red", Change.WORSE),
        (3, "green", None, Change.DROPPED),
    ]
    assert (page.improved, page.worse, page.same) == (1, 1, 0)
    assert [r.text for r in page.earlier_recommendations] == [
        "Behoud de machinerie.",
        "Maak afspraken met leveranciers.",
    ]
    assert [r.text for r in page.recommendations] == ["Borg de aanpak."]


def test_the_first_review_has_nothing_to_compare_and_knows_the_later_one(programme, first_review, second_review):
    page = selectors.review_page(programme=programme, pk=first_review.pk)
    assert page.previous is None and page.later == second_review
    assert _rows(page) == [
        (1, None, "red", Change.FIRST),
        (2, None, "amber", Change.FIRST),
        (3, None, "green", Change.FIRST),
    ]
    assert page.earlier_recommendations == []


def test_unchanged_and_unrated_agreements(staff, programme, agreements, first_review):
    later = enter_review(
        staff, programme, agreements, statuses=("red", "", ""), review_date=datetime.date(2021, 9, 1), title="B"
    )
    page = selectors.review_page(programme=programme, pk=later.pk)
    assert [row.change for row in page.changes] == [Change.SAME, Change.DROPPED, Change.DROPPED]
    blank = enter_review(staff, programme, agreements, review_date=datetime.date(2021, 10, 1), title="C")
    page = selectors.review_page(programme=programme, pk=blank.pk)
    assert [row.change for row in page.changes] == [Change.DROPPED, Change.NONE, Change.NONE]


def test_an_agreement_that_left_the_catalogue_is_still_shown(staff, programme, agreements, first_review):
    catalogue_services.result_agreement_delete(actor=staff, agreement=agreements[2])
    page = selectors.review_page(programme=programme, pk=first_review.pk)
    assert [(row.number, row.title, row.in_catalogue) for row in page.changes] == [
        (1, "Aansluiten", True),
        (2, "Gebruiken", True),
        (3, "Terugmelden", False),
    ]


def test_a_review_of_another_programme_is_not_found(programme, first_review):
    assert selectors.review_page(programme=ProgrammeFactory(), pk=first_review.pk) is None


def test_the_latest_review_as_of_a_date(programme, first_review, second_review):
    assert selectors.latest_review(programme, as_of=FIRST_DAY - datetime.timedelta(days=1)) is None
    on_first = selectors.latest_review(programme, as_of=FIRST_DAY)
    assert on_first.review == first_review and on_first.previous is None
    between = selectors.latest_review(programme, as_of=SECOND_DAY - datetime.timedelta(days=1))
    assert between.review == first_review
    assert between.later is None  # "as of" a date knows nothing of later reviews
    now = selectors.latest_review(programme)
    assert now.review == second_review and now.previous == first_review


def test_the_follow_up_shown_is_the_current_one(staff, programme, first_review, second_review):
    recommendation = first_review.recommendations.get(number=1)
    services.recommendation_update(
        actor=staff, recommendation=recommendation, follow_up="done", follow_up_note="Besloten."
    )
    page = selectors.latest_review(programme)
    assert [(r.number, r.follow_up, r.follow_up_note) for r in page.earlier_recommendations] == [
        (1, "done", "Besloten."),
        (2, "open", ""),
    ]


def test_a_review_page_takes_four_queries_whatever_its_size(
    staff, programme, agreements, first_review, second_review, django_assert_num_queries
):
    # The programme's reviews; the ratings and the recommendations of the two; the agreements.
    with django_assert_num_queries(4):
        page = selectors.review_page(programme=programme, pk=second_review.pk)
        _rows(page), page.earlier_recommendations, page.recommendations
    for number in range(3):
        services.recommendation_create(
            actor=staff, review=first_review, text=f"Extra {number}", owner="KING", due_date=SECOND_DAY
        )
    with django_assert_num_queries(4):
        page = selectors.latest_review(programme)
        _rows(page), page.earlier_recommendations, page.recommendations
    assert len(page.earlier_recommendations) == 5


def test_the_lists_count_statuses_and_recommendations(programme, first_review, second_review):
    newest, oldest = selectors.programme_reviews(programme)
    assert (newest, oldest) == (second_review, first_review)
    assert (oldest.red_count, oldest.amber_count, oldest.green_count) == (1, 1, 1)
    assert (oldest.recommendation_count, oldest.unfinished_count) == (2, 2)
    assert (newest.red_count, newest.amber_count, newest.green_count) == (1, 1, 0)
    row = selectors.programmes_with_reviews().get(pk=programme.pk)
    assert (row.review_count, row.latest_review_id, row.latest_review_status) == (2, second_review.pk, "green")
