# SPDX-License-Identifier: EUPL-1.2
"""The registry of report sections: a section of another app appears in the templates it names."""

import pytest
from django.urls import reverse

from bouwplaats.audit.services import record
from bouwplaats.core.tabular import INTEGER, Column, Sheet
from bouwplaats.reports import sections
from bouwplaats.reports.sections import (
    ALV,
    GATEWAY_REVIEW,
    GATEWAY_REVIEWS,
    GATEWAY_REVIEWS_POSITION,
    Section,
    register_section,
    section_object_types,
    sections_for,
)
from bouwplaats.reports.selectors import report_version

from .conftest import DATE

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(monkeypatch):
    """The registered sections, restored after the test."""
    monkeypatch.setattr(sections, "_sections", dict(sections._sections))


def reviews(scope):
    # A section of another app needs nothing of the reports but the scope's attributes and core.tabular.
    return [
        Sheet(
            f"Reviews of {scope.programme.name}",
            [Column("Review"), Column("Findings", INTEGER)],
            [["Eerste review", 3]],
        )
    ]


def test_a_registered_section_appears_in_its_templates_in_its_place(client, world, registry):
    register_section(
        Section(
            GATEWAY_REVIEWS,
            "Gateway reviews",
            reviews,
            GATEWAY_REVIEWS_POSITION,
            frozenset({GATEWAY_REVIEW}),
            object_types=("reports.gatewayreview",),
        )
    )
    assert [section.key for section in sections_for(GATEWAY_REVIEW)][:3] == ["summary", GATEWAY_REVIEWS, "agreements"]
    assert GATEWAY_REVIEWS not in [section.key for section in sections_for(ALV)]
    assert "reports.gatewayreview" in section_object_types()
    address = reverse("reports:report-page", args=[world.programme.slug, GATEWAY_REVIEW]) + f"?peildatum={DATE}"
    body = client.get(address).content.decode()
    assert 'id="gateway-reviews"' in body and "Reviews of Toetsprogramma" in body and "Eerste review" in body


def test_a_section_that_does_not_say_what_it_shows_renews_with_every_write(registry):
    register_section(Section("other", "Other", reviews, 99, object_types=None))
    assert section_object_types() is None
    before = report_version(None)
    record(actor=None, action="update", object_type="knowledge.question", object_id="1")
    assert report_version(None) > before


def test_an_unknown_report_template_is_refused(registry):
    with pytest.raises(ValueError, match="jaarverslag"):
        register_section(Section("other", "Other", reviews, 99, frozenset({"jaarverslag"})))
