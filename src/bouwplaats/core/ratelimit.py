# SPDX-License-Identifier: EUPL-1.2
"""A posting-rate check for things members write (comments, ideas, questions).

The caller passes a queryset of the author's own earlier posts; the check counts those created
within each window and refuses a new post once a limit is reached, saying how long to wait.
It reads the posts themselves, so it needs no cache and holds across processes.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import ngettext


@dataclass(frozen=True)
class PostingLimit:
    """At most ``count`` posts within ``window``."""

    count: int
    window: datetime.timedelta


# A short burst is fine (a few replies in a discussion); a steady stream is not.
DEFAULT_LIMITS = (
    PostingLimit(count=5, window=datetime.timedelta(minutes=10)),
    PostingLimit(count=30, window=datetime.timedelta(days=1)),
)


def wait_time(
    recent: QuerySet, *, limits=DEFAULT_LIMITS, field: str = "created_at", now: datetime.datetime | None = None
) -> datetime.timedelta | None:
    """How long until one more post is allowed, or None when it is allowed now."""
    now = now or timezone.now()
    longest = max(limit.window for limit in limits)
    # One query: the newest posts within the longest window, as many as the largest limit needs.
    needed = max(limit.count for limit in limits)
    times = list(
        recent.filter(**{f"{field}__gt": now - longest}).order_by(f"-{field}").values_list(field, flat=True)[:needed]
    )
    waits = []
    for limit in limits:
        in_window = [moment for moment in times if moment > now - limit.window]
        if len(in_window) >= limit.count:
            # The post that must leave the window before there is room again.
            waits.append(in_window[limit.count - 1] + limit.window - now)
    return max(waits) if waits else None


def check_posting_rate(
    recent: QuerySet,
    *,
    limits=DEFAULT_LIMITS,
    field: str = "created_at",
    error_field: str | None = None,
    now: datetime.datetime | None = None,
) -> None:
    """Raise ``ValidationError`` ("You are posting too quickly; try again in N minutes") when a limit is reached.

    ``error_field`` names the form field the message belongs to (None: a message for the whole form).
    """
    wait = wait_time(recent, limits=limits, field=field, now=now)
    if wait is None:
        return
    minutes = max(1, math.ceil(wait.total_seconds() / 60))
    message = ngettext(
        "You are posting too quickly; try again in %(minutes)d minute.",
        "You are posting too quickly; try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
    raise ValidationError({error_field: message} if error_field else message, code="rate_limited")
