# SPDX-License-Identifier: EUPL-1.2
"""``{% load impact %}``: ``{{ object_id|element_name:analysis }}`` names a GEMMA object of a result."""

from django import template

register = template.Library()


@register.filter
def element_name(object_id, analysis) -> str:
    return analysis.name_of(object_id)
