"""Reads shared by the parts of the knowledge centre."""

from django.db.models import QuerySet

from bouwplaats.catalogue.models import BuildingBlock
from bouwplaats.catalogue.selectors import current_programme


def current_blocks() -> QuerySet[BuildingBlock]:
    """The building blocks of the current programme, by name (what questions and articles are tied to)."""
    programme = current_programme()
    if programme is None:
        return BuildingBlock.objects.none()
    return BuildingBlock.objects.filter(programme=programme).order_by("name")
