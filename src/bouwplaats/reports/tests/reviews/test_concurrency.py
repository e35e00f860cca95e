# SPDX-License-Identifier: EUPL-1.2
"""Two members of staff writing to one programme's reviews at the same moment (PostgreSQL).

Validation is slowed down, so that without the services' row locks both writes would check before
either saves, and one would fail on the database's unique constraint instead of a message.
"""

import datetime
import time

import pytest
from django.core.exceptions import ValidationError

from bouwplaats.catalogue.tests.factories import StaffFactory
from bouwplaats.core.testing import at_the_same_moment
from bouwplaats.reports.models import GatewayReview
from bouwplaats.reports.reviews import services

from .conftest import review_values


@pytest.fixture
def slow_validation(monkeypatch):
    check = services.validate

    def slowly(*args, **kwargs):
        time.sleep(0.5)
        return check(*args, **kwargs)

    monkeypatch.setattr(services, "validate", slowly)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_reviews_on_one_day_entered_at_the_same_moment_give_one_review_and_one_message(
    staff, programme, slow_validation
):
    colleague = StaffFactory()
    results = at_the_same_moment(
        lambda: services.gateway_review_create(actor=staff, programme=programme, **review_values(title="A")),
        lambda: services.gateway_review_create(actor=colleague, programme=programme, **review_values(title="B")),
        errors_allowed=True,
    )
    assert sorted(type(result).__name__ for result in results) == ["GatewayReview", "ValidationError"]
    [refused] = [result for result in results if isinstance(result, ValidationError)]
    assert list(refused.message_dict) == ["review_date"]
    assert GatewayReview.objects.filter(programme=programme).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_recommendations_added_at_the_same_moment_get_their_own_numbers(staff, programme, slow_validation):
    review = services.gateway_review_create(actor=staff, programme=programme, **review_values())
    due = datetime.date(2021, 6, 1)
    results = at_the_same_moment(
        lambda: services.recommendation_create(actor=staff, review=review, text="Een", owner="KING", due_date=due),
        lambda: services.recommendation_create(actor=staff, review=review, text="Twee", owner="VNG", due_date=due),
    )
    assert sorted(recommendation.number for recommendation in results) == [1, 2]
