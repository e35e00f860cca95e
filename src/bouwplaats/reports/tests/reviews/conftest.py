# SPDX-License-Identifier: EUPL-1.2
"""The Gateway review tests: a small programme with three result agreements, its people, and reviews
entered through the services. The tests read English (``english_tests``)."""

import datetime

import pytest

from bouwplaats.catalogue.tests.factories import (
    CoordinatorFactory,
    ProgrammeFactory,
    ResultAgreementFactory,
    StaffFactory,
    SupplierFactory,
    UserFactory,
    ladder,
)
from bouwplaats.core.testing import api_client, client, english_tests  # noqa: F401 (fixtures)
from bouwplaats.reports.reviews import services

FIRST_DAY = datetime.date(2021, 3, 15)
SECOND_DAY = datetime.date(2022, 6, 1)


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture
def coordinator(db):
    return CoordinatorFactory()


@pytest.fixture
def outsiders(db):
    """Everyone who may read reviews but not change them: a visitor, a member, a coordinator, a supplier."""
    from django.contrib.auth.models import AnonymousUser

    return [AnonymousUser(), UserFactory(), CoordinatorFactory(), SupplierFactory()]


@pytest.fixture
def programme(db):
    """A programme of its own (2020–2023) with three result agreements, numbered 1 to 3."""
    return ProgrammeFactory(start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2023, 1, 1))


@pytest.fixture
def agreements(programme):
    top = ladder(programme)[-1]
    return [
        ResultAgreementFactory(programme=programme, number=number, title=title, required_level=top)
        for number, title in enumerate(("Aansluiten", "Gebruiken", "Terugmelden"), start=1)
    ]


def review_values(**changes) -> dict:
    """What a review form sends: valid values, with ``changes``."""
    return {
        "title": "Tussentijdse review",
        "review_date": FIRST_DAY,
        "reviewers": "Voorzitter, Rijk\nLid, gemeente",
        "overall_status": "amber",
        "overall_reason": "De basis staat, de stelselvoorzieningen lopen achter.",
        "summary": "",
        **changes,
    }


def enter_review(staff, programme, agreements, *, statuses=(), recommendations=(), **changes):
    """A review entered as staff do: the review, its statuses (one per agreement, in order), recommendations."""
    review = services.gateway_review_create(actor=staff, programme=programme, **review_values(**changes))
    if statuses:
        services.agreement_ratings_update(
            actor=staff,
            review=review,
            ratings={
                agreement: (status, f"Reden {agreement.number}" if status else "")
                for agreement, status in zip(agreements, statuses, strict=False)
            },
        )
    for text in recommendations:
        services.recommendation_create(
            actor=staff, review=review, text=text, owner="Programmateam", due_date=review.review_date
        )
    return review


@pytest.fixture
def first_review(staff, programme, agreements):
    """Agreement 1 red, 2 amber, 3 green; two recommendations."""
    return enter_review(
        staff,
        programme,
        agreements,
        statuses=("red", "amber", "green"),
        recommendations=("Behoud de machinerie.", "Maak afspraken met leveranciers."),
    )


@pytest.fixture
def second_review(staff, programme, agreements, first_review):
    """A year later: agreement 1 amber (better), 2 red (worse), 3 not rated; one recommendation."""
    return enter_review(
        staff,
        programme,
        agreements,
        statuses=("amber", "red", ""),
        recommendations=("Borg de aanpak.",),
        title="Eindreview",
        review_date=SECOND_DAY,
        overall_status="green",
    )
