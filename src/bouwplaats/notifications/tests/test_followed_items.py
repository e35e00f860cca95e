# SPDX-License-Identifier: EUPL-1.2
"""What a user follows, with the objects themselves (for "Mijn gemeente")."""

import pytest

from bouwplaats.accounts.tests.factories import municipality
from bouwplaats.notifications import registry, selectors, services
from bouwplaats.notifications.models import Follow
from bouwplaats.organisations.models import Municipality

pytestmark = pytest.mark.django_db


def test_followed_items_give_the_objects_newest_first(alice, bram, followable_municipality):
    utrecht = municipality("GM0344", "Utrecht")
    services.follow_create(user=alice, target=followable_municipality)
    services.follow_create(user=alice, target=utrecht)
    services.follow_create(user=bram, target=followable_municipality)
    items = selectors.followed_items(alice)
    assert [item.target for item in items] == [utrecht, followable_municipality]
    assert items[0].title == str(utrecht) and items[0].url == ""  # municipalities have no page of their own here
    assert items[0].kind == str(Municipality._meta.verbose_name)
    assert selectors.followed_items(alice, limit=1) == items[:1]
    assert selectors.followed_items(None) == []


def test_followed_items_leave_out_what_may_no_longer_be_followed(alice, followable_municipality):
    services.follow_create(user=alice, target=followable_municipality)
    Follow.objects.create(user=alice, target_type=Follow.objects.get().target_type, target_id="999999999")
    assert [item.target for item in selectors.followed_items(alice)] == [followable_municipality]  # gone: left out
    registry.register_followable(Municipality, can_follow=lambda user, target: False)
    assert selectors.followed_items(alice) == []
    registry.unregister_followable(Municipality)
    assert selectors.followed_items(alice) == []


def test_followed_items_take_one_query_per_kind(alice, followable_municipality, django_assert_num_queries):
    for code, name in (("GM0344", "Utrecht"), ("GM0599", "Rotterdam"), ("GM0518", "'s-Gravenhage")):
        services.follow_create(user=alice, target=municipality(code, name))
    with django_assert_num_queries(2):
        assert len(selectors.followed_items(alice)) == 3
