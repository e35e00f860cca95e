import datetime

from django import template

register = template.Library()


@register.filter
def minutes(value) -> int:
    """A timedelta as whole minutes, rounded up (for "try again in N minutes")."""
    if not isinstance(value, datetime.timedelta):
        return 0
    return max(1, -(-int(value.total_seconds()) // 60))
