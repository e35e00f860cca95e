# SPDX-License-Identifier: EUPL-1.2
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bouwplaats.audit.models import AuditEntry
from bouwplaats.core.ratelimit import PostingLimit, check_posting_rate, wait_time

pytestmark = pytest.mark.django_db

LIMITS = (PostingLimit(count=3, window=datetime.timedelta(minutes=10)),)
NOW = datetime.datetime(2014, 3, 1, 12, 0, tzinfo=datetime.UTC)


def posts(*minutes_ago, label="poster"):
    for minutes in minutes_ago:
        entry = AuditEntry.objects.create(actor_label=label, action="post")
        AuditEntry.objects.filter(pk=entry.pk).update(timestamp=NOW - datetime.timedelta(minutes=minutes))
    return AuditEntry.objects.filter(actor_label=label)


def test_below_the_limit_is_allowed():
    recent = posts(1, 2)
    assert wait_time(recent, limits=LIMITS, field="timestamp", now=NOW) is None
    check_posting_rate(recent, limits=LIMITS, field="timestamp", now=NOW)


def test_old_posts_do_not_count():
    recent = posts(1, 2, 11, 12, 30)
    check_posting_rate(recent, limits=LIMITS, field="timestamp", now=NOW)


def test_at_the_limit_the_message_says_how_long_to_wait(english_messages):
    recent = posts(1, 2, 7)  # the oldest leaves the window in 3 minutes
    with pytest.raises(ValidationError) as raised:
        check_posting_rate(recent, limits=LIMITS, field="timestamp", now=NOW)
    assert raised.value.messages == ["You are posting too quickly; try again in 3 minutes."]
    assert raised.value.error_list[0].code == "rate_limited"


def test_message_can_belong_to_a_field_and_uses_the_singular(english_messages):
    recent = posts(1, 2, 9.5)
    with pytest.raises(ValidationError) as raised:
        check_posting_rate(recent, limits=LIMITS, field="timestamp", now=NOW, error_field="body")
    assert raised.value.message_dict == {"body": ["You are posting too quickly; try again in 1 minute."]}


def test_other_peoples_posts_do_not_count():
    posts(1, 2, 3, label="someone else")
    check_posting_rate(AuditEntry.objects.filter(actor_label="poster"), limits=LIMITS, field="timestamp", now=NOW)


def test_the_longest_wait_of_several_limits_applies(english_messages):
    limits = LIMITS + (PostingLimit(count=4, window=datetime.timedelta(hours=1)),)
    recent = posts(1, 20, 40, 50)  # 10-minute window: 1 post; hourly: 4, the 4th newest leaves in 10 minutes
    with pytest.raises(ValidationError) as raised:
        check_posting_rate(recent, limits=limits, field="timestamp", now=NOW)
    assert "try again in 10 minutes" in raised.value.messages[0]


def test_default_now_is_the_current_time():
    entry = AuditEntry.objects.create(actor_label="fresh", action="post")
    assert entry.timestamp <= timezone.now()
    assert wait_time(AuditEntry.objects.filter(actor_label="fresh"), limits=LIMITS, field="timestamp") is None
