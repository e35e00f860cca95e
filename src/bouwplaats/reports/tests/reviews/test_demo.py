# SPDX-License-Identifier: EUPL-1.2
"""The demo Gateway reviews of Operatie NUP: two reviews, marked as demo data, loaded once."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse

from bouwplaats.audit.models import AuditEntry
from bouwplaats.catalogue.models import Programme
from bouwplaats.reports import demo
from bouwplaats.reports.models import GatewayReview
from bouwplaats.reports.reviews import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def nup(db):
    """Operatie NUP from the reference data, with its six traced result agreements."""
    return Programme.objects.get(slug="operatie-nup")


def test_the_demo_loads_a_midterm_and_a_later_review_once(nup, settings, capsys):
    settings.DEBUG = True
    call_command("load_demo_reviews")
    assert "2 reviews, 12 statuses of result agreements, 6 recommendations" in capsys.readouterr().out
    midterm, later = GatewayReview.objects.filter(programme=nup).order_by("review_date")
    assert midterm.review_date.year == 2013 and later.review_date.year == 2014
    assert midterm.is_demo and later.is_demo
    assert "implementatiemachinerie" in midterm.recommendations.get(number=1).text
    [entry] = AuditEntry.objects.filter(action="reports.demo.load_reviews")
    assert entry.actor is None

    page = selectors.latest_review(nup)
    assert page.review == later and page.previous == midterm
    assert (page.improved, page.worse, page.same) == (3, 1, 2)

    call_command("load_demo_reviews")
    assert "nothing to do" in capsys.readouterr().out
    assert GatewayReview.objects.filter(programme=nup).count() == 2


def test_the_demo_pages_say_it_is_demo_data(nup, client):
    demo.load(allowed=True, programme=nup)
    review = GatewayReview.objects.filter(programme=nup).latest("review_date")
    body = client.get(reverse("reports:reviews:detail", args=[nup.slug, review.pk])).content.decode()
    assert body.count("demo-notice") == 1
    assert "No public source gives the content of a Gateway review of this programme." in body


def test_the_demo_is_for_development_sites_only(nup, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo_reviews")
    with pytest.raises(PermissionDenied):
        demo.load(allowed=False, programme=nup)
    assert not GatewayReview.objects.exists()
