# SPDX-License-Identifier: EUPL-1.2
"""No link leads to a 403: a municipality's page links its progress exactly when the progress page
admits the visitor, under each of the programme's visibility settings; otherwise it offers the
province's aggregated figures with the reason."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone, translation

from bouwplaats.catalogue.models import StatusVisibility
from bouwplaats.monitor.links import aggregated_progress, may_open_progress

PROGRESS = reverse("monitor:municipality-progress", args=["GM9901"])
PAGE = reverse("organisations:municipality-detail", args=["GM9901"])
OVERVIEW = reverse("monitor:dashboard-overview")

SETTINGS = {
    "public": (StatusVisibility.PUBLIC, datetime.date(2099, 1, 1)),
    "after the end, ended": (StatusVisibility.AFTER_END, datetime.date(2023, 1, 1)),
    "after the end, still running": (StatusVisibility.AFTER_END, datetime.date(2099, 1, 1)),
    "after the end, no end date": (StatusVisibility.AFTER_END, None),
    "aggregated only": (StatusVisibility.AGGREGATED, datetime.date(2023, 1, 1)),
}
PUBLIC_SETTINGS = {"public", "after the end, ended"}


@pytest.fixture
def visitors(member, coordinator_a, staff):
    return {"anonymous": None, "member": member, "coordinator": coordinator_a, "staff": staff}


@pytest.mark.parametrize("setting", SETTINGS)
def test_the_link_is_shown_exactly_when_the_page_opens(client, programme, town_a, blocks, visitors, setting):
    programme.municipality_status_visibility, programme.end_date = SETTINGS[setting]
    programme.save()
    for who, user in visitors.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        status = client.get(PROGRESS).status_code
        html = client.get(PAGE).content.decode()
        linked = f'href="{PROGRESS}"' in html
        assert status in (200, 403), (setting, who, status)
        assert linked == (status == 200), (setting, who, status)
        assert may_open_progress(user or AnonymousUser(), "GM9901") == (status == 200)
        sees = setting in PUBLIC_SETTINGS or who in ("coordinator", "staff")
        assert (status == 200) == sees, (setting, who)
        if not linked:  # what they may see instead: the figures of the province, and why
            assert f'href="{OVERVIEW}?provincie={town_a.province.code}"' in html
            assert "eigen coördinatoren" in html


def test_the_reason_names_the_end_date_when_details_follow_at_the_end(client, programme, town_a, blocks):
    programme.municipality_status_visibility = StatusVisibility.AFTER_END
    programme.end_date = timezone.localdate() + datetime.timedelta(days=400)
    programme.save()
    with translation.override("nl"):
        note = aggregated_progress(AnonymousUser(), "GM9901").note
        assert "wanneer het programma is afgelopen" in note
        assert str(programme.end_date.year) in note
        programme.municipality_status_visibility = StatusVisibility.AGGREGATED
        programme.save()
        assert "afgelopen" not in aggregated_progress(AnonymousUser(), "GM9901").note


REASONS = {
    "after the end, still running": (
        "In {programme} the progress of each municipality becomes public when the programme has ended, on 1 "
        "January 2099; until then only programme staff and the municipality's own coordinators see it."
    ),
    "after the end, no end date": (
        "In {programme} the progress of each municipality becomes public when the programme has ended; until then "
        "only programme staff and the municipality's own coordinators see it."
    ),
    "aggregated only": (
        "In {programme} the progress of each municipality is shown only to programme staff and the "
        "municipality's own coordinators."
    ),
}


@pytest.mark.parametrize("setting", REASONS)
def test_the_reason_is_written_once_by_its_template_wherever_the_progress_is_hidden(
    client, programme, town_a, blocks, setting
):
    programme.municipality_status_visibility, programme.end_date = SETTINGS[setting]
    programme.name = "Bouwstenen & Co"  # escaped once, on every page
    programme.save()
    reason = REASONS[setting].format(programme="Bouwstenen &amp; Co")
    denied = client.get(reverse("monitor:municipality-progress", args=[town_a.code]))
    assert denied.status_code == 403
    pages = [denied, client.get(reverse("organisations:municipality-detail", args=[town_a.code]))]
    pages.append(client.get(reverse("monitor:insight-block", args=[blocks[0].code])))
    for page in pages:
        html = " ".join(page.content.decode().split())
        assert reason in html, page.request["PATH_INFO"]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    dutch = client.get(reverse("monitor:municipality-progress", args=[town_a.code])).content.decode()
    assert "alleen het programmateam en de eigen coördinatoren" in " ".join(dutch.split())


def test_a_municipality_outside_the_programme_gets_no_progress_link(client, programme, blocks):
    from ..factories import MunicipalityFactory

    merged_away = MunicipalityFactory(
        code="GM9903", valid_from=datetime.date(1990, 1, 1), valid_to=datetime.date(2001, 1, 1)
    )
    programme.municipality_status_visibility = StatusVisibility.PUBLIC
    programme.save()
    assert client.get(reverse("monitor:municipality-progress", args=[merged_away.code])).status_code == 404
    assert not may_open_progress(AnonymousUser(), merged_away.code)
    assert aggregated_progress(AnonymousUser(), merged_away.code) is None
    html = client.get(reverse("organisations:municipality-detail", args=[merged_away.code])).content.decode()
    progress = reverse("monitor:municipality-progress", args=[merged_away.code])
    assert progress not in html and f"{OVERVIEW}?provincie=" not in html


def test_the_municipality_page_asks_a_bounded_number_of_queries(
    client, programme, town_a, blocks, django_assert_max_num_queries
):
    programme.municipality_status_visibility = StatusVisibility.AGGREGATED
    programme.save()
    with django_assert_max_num_queries(14):
        assert client.get(PAGE).status_code == 200
