# SPDX-License-Identifier: EUPL-1.2
import datetime

from django import template

from bouwplaats.accounts import management_links as registry

register = template.Library()


@register.filter
def minutes(value) -> int:
    """A timedelta as whole minutes, rounded up (for "try again in N minutes")."""
    if not isinstance(value, datetime.timedelta):
        return 0
    return max(1, -(-int(value.total_seconds()) // 60))


@register.simple_tag(takes_context=True)
def management_links(context) -> list[tuple[str, str]]:
    """``{% management_links as links %}``: the management pages of other apps that the user may open."""
    return registry.management_links(context["request"].user)
