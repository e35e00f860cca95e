# SPDX-License-Identifier: EUPL-1.2
"""Two votes or two ballots of the same municipality at the same moment count once (PostgreSQL)."""

import datetime

import pytest

from bouwplaats.core.testing import at_the_same_moment

from .. import services
from ..models import Ballot, Vote
from .conftest import make_consultation, option


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_votes_of_one_municipality_at_the_same_moment_count_once(
    idea, per_municipality, coordinator_a, colleague_a
):
    results = at_the_same_moment(
        lambda: services.idea_vote(actor=coordinator_a, idea=idea),
        lambda: services.idea_vote(actor=colleague_a, idea=idea),
    )
    assert sorted(created for _vote, created in results) == [False, True]
    assert Vote.objects.filter(idea=idea).count() == 1
    idea.refresh_from_db()
    assert idea.vote_count == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_ballots_of_one_municipality_at_the_same_moment_count_once(
    programme, staff, coordinator_a, colleague_a, town_a
):
    consultation = make_consultation(programme, staff, opens_in=-datetime.timedelta(hours=1))
    ja, nee = option(consultation, "Ja"), option(consultation, "Nee")
    results = at_the_same_moment(
        lambda: services.ballot_cast(actor=coordinator_a, consultation=consultation, municipality=town_a, option=ja),
        lambda: services.ballot_cast(actor=colleague_a, consultation=consultation, municipality=town_a, option=nee),
    )
    assert sorted(created for _ballot, created in results) == [False, True]
    assert Ballot.objects.filter(consultation=consultation).count() == 1
