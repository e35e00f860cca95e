# SPDX-License-Identifier: EUPL-1.2
"""Template tags for other pages: the follow state of an object."""

from django import template

from .. import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def follow_state(context, target) -> dict:
    """What the follow button needs: whether the viewer follows ``target`` and its type label."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "following": selectors.is_following(user, target),
        "type": target._meta.label_lower,
        "id": target.pk,
        "next": request.get_full_path() if request else "",
    }
