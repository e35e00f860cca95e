# SPDX-License-Identifier: EUPL-1.2
"""``{% rag status %}``, ``{% rag_change change %}`` and ``{% follow_up recommendation %}``: a status
shown with its colour, an icon and its name, so that it never depends on colour alone."""

from django import template

from ..review_models import FollowUp, Rag
from ..reviews.selectors import Change

register = template.Library()


@register.inclusion_tag("reports/reviews/_rag.html")
def rag(status: str) -> dict:
    """A red/amber/green status; an empty one reads "not rated"."""
    return {"status": status, "label": Rag(status).label if status in Rag.values else ""}


@register.inclusion_tag("reports/reviews/_change.html")
def rag_change(change: str) -> dict:
    return {"change": change, "label": Change(change).label}


@register.inclusion_tag("reports/reviews/_follow_up.html")
def follow_up(recommendation) -> dict:
    return {
        "status": recommendation.follow_up,
        "label": FollowUp(recommendation.follow_up).label,
        "overdue": recommendation.is_overdue(),
    }
