# SPDX-License-Identifier: EUPL-1.2
"""The "My municipality" pages: who lands where after logging in, who sees which municipality,
what each section shows, and the number of queries."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bouwplaats.accounts import services as account_services
from bouwplaats.catalogue.tests.factories import PASSWORD
from bouwplaats.cocreation import services as cocreation_services
from bouwplaats.knowledge.guides import selectors as guide_selectors
from bouwplaats.knowledge.guides import services as guide_services
from bouwplaats.knowledge.models import QuestionStatus
from bouwplaats.knowledge.tests.factories import QuestionFactory
from bouwplaats.monitor.surveys import services as survey_services
from bouwplaats.monitor.tests.factories import ApprovedMembershipFactory, MunicipalityFactory
from bouwplaats.notifications import services as notification_services

pytestmark = pytest.mark.django_db


def municipality_page(code):
    return reverse("home:municipality", args=[code])


INDEX = reverse("home:index")
LOGIN = reverse("accounts:login")


def page(client, code="GM9901"):
    response = client.get(municipality_page(code))
    return response, response.content.decode()


# --- landing after login -----------------------------------------------------------------------


def log_in(client, user, **query):
    url = LOGIN + (f"?next={query['next']}" if "next" in query else "")
    return client.post(url, {"username": user.email, "password": PASSWORD})


def test_a_coordinator_lands_on_the_own_municipality(client, coordinator_a, programme):
    response = log_in(client, coordinator_a)
    assert response.status_code == 302 and response["Location"] == reverse("home:municipality", args=["GM9901"])


def test_a_member_of_several_municipalities_lands_on_the_choice(client, coordinator_a, town_b, programme):
    ApprovedMembershipFactory(user=coordinator_a, municipality=town_b)
    response = log_in(client, coordinator_a)
    assert response["Location"] == INDEX
    html = client.get(INDEX).content.decode()
    assert f'href="{municipality_page("GM9901")}"' in html and f'href="{municipality_page("GM9902")}"' in html


def test_programme_staff_land_on_the_programme_overview(client, staff, programme):
    assert log_in(client, staff)["Location"] == reverse("monitor:dashboard-overview")


def test_a_member_without_municipality_lands_on_the_account_page(client, member, programme):
    assert log_in(client, member)["Location"] == reverse("accounts:account")
    # and the page itself says how to become a member (in Dutch: logging in set the member's language)
    html = client.get(INDEX).content.decode()
    assert "U bent nog geen lid van een gemeente." in html and f'href="{reverse("accounts:account")}"' in html


def test_next_wins(client, coordinator_a, staff, programme):
    assert log_in(client, coordinator_a, next=reverse("knowledge:home"))["Location"] == reverse("knowledge:home")
    client.post(reverse("accounts:logout"))
    assert log_in(client, staff, next=reverse("knowledge:home"))["Location"] == reverse("knowledge:home")


def test_a_signed_in_coordinator_who_opens_the_login_page_goes_to_the_own_municipality(
    client, coordinator_a, programme
):
    client.force_login(coordinator_a)
    response = client.get(LOGIN)
    assert response.status_code == 302 and response["Location"] == reverse("home:municipality", args=["GM9901"])


def test_the_index_takes_a_member_of_one_municipality_to_its_page(client, coordinator_a, programme):
    client.force_login(coordinator_a)
    response = client.get(INDEX)
    assert response.status_code == 302 and response["Location"] == reverse("home:municipality", args=["GM9901"])


# --- who sees what -----------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, programme, town_a):
    for url in (INDEX, municipality_page("GM9901")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(f"{reverse('accounts:login')}?next=")


def test_a_coordinator_sees_the_own_risk_with_its_reasons_not_another_municipalitys(
    client, coordinator_a, progress, programme
):
    client.force_login(coordinator_a)
    response, html = page(client)
    assert response.status_code == 200
    assert "My municipality: Aadorp" in html
    # Alfa: stalled since March 2020 with two blockers; the forecast is made on the programme's last day.
    assert "stalled: no level gained in 12 months (at this level since March 2020)" in html
    assert "blockers: capacity, budget" in html
    assert "forecast on 31 December 2022" in html
    # Bravo: planned after the deadline, marked with text and an icon, not colour alone.
    assert "planned date 1 June 2023 is after the deadline" in html
    assert '<span class="home-late"><span aria-hidden="true">⚠</span>' in html
    assert "(after the deadline)" in html
    # Beedorp's blocker is not on Aadorp's page.
    assert "supplier not ready" not in html.lower()  # (the site menu names the Suppliers)
    assert f'href="{reverse("monitor:municipality-update", args=["GM9901"])}#block-AAA"' in html


def test_a_coordinator_of_another_municipality_may_not_open_this_one(client, coordinator_b, progress):
    client.force_login(coordinator_b)
    response, html = page(client, "GM9901")
    assert response.status_code == 403
    assert "stalled" not in html and "Aadorp" in html  # the refusal names it, the page is not shown
    assert page(client, "GM9902")[0].status_code == 200


def test_a_member_without_municipality_may_not_open_one(client, member, progress):
    client.force_login(member)
    assert page(client)[0].status_code == 403


def test_programme_staff_may_open_every_municipality(client, staff, progress):
    client.force_login(staff)
    for code in ("GM9901", "GM9902"):
        assert page(client, code)[0].status_code == 200


def test_an_unknown_code_is_not_found(client, staff, programme):
    client.force_login(staff)
    assert page(client, "GM0000")[0].status_code == 404


def test_the_risk_rule_agrees_with_the_risk_pages(coordinator_a, coordinator_b, staff, member, town_a):
    """Own municipality for its coordinators, every one for programme staff (as the staff-only list)."""
    from bouwplaats.monitor.permissions import can_view_municipality_risk

    assert can_view_municipality_risk(coordinator_a, town_a)
    assert can_view_municipality_risk(staff, town_a)
    assert not can_view_municipality_risk(coordinator_b, town_a)
    assert not can_view_municipality_risk(member, town_a)


def test_a_municipality_outside_the_programme_division_shows_a_note(client, programme):
    newcomer = MunicipalityFactory(code="GM9977", name="Nieuwdorp", valid_from=datetime.date(2023, 1, 1))
    user = ApprovedMembershipFactory(municipality=newcomer).user
    client.force_login(user)
    response, html = page(client, "GM9977")
    assert response.status_code == 200
    assert "Nieuwdorp is not one of the municipalities of" in html


# --- the header link ---------------------------------------------------------------------------


def test_the_header_links_to_my_municipality_for_members_only(client, coordinator_a, member, staff, programme):
    link = f'href="{INDEX}"'
    assert link not in client.get(reverse("catalogue:home")).content.decode()
    client.force_login(member)
    assert link not in client.get(reverse("catalogue:home")).content.decode()
    client.force_login(coordinator_a)
    assert link in client.get(reverse("catalogue:home")).content.decode()
    html = client.get(municipality_page("GM9901")).content.decode()
    assert f'<a {link} aria-current="page">My municipality</a>' in html


def test_the_header_links_to_my_municipality_for_everyone_with_an_approved_membership(client, staff, member, town_a):
    """Whatever the role (programme staff keep theirs on approval), as ``home`` decides; the link is
    kept in the cache and follows the decisions at once."""
    link = f'href="{reverse("home:index")}"'
    account = reverse("accounts:account")
    membership = ApprovedMembershipFactory(user=staff, municipality=town_a)
    client.force_login(staff)
    assert link in client.get(account).content.decode()
    account_services.membership_end(actor=staff, membership=membership)
    assert link not in client.get(account).content.decode()

    client.force_login(member)
    assert link not in client.get(account).content.decode()
    request = account_services.membership_request(actor=member, municipality=town_a, notify=False)
    account_services.membership_decide(actor=staff, membership=request, approve=True, notify=False)
    assert link in client.get(account).content.decode()


# --- the other sections ------------------------------------------------------------------------


def test_the_sections_show_what_there_is_to_do(client, coordinator_a, staff, progress, programme, levels, town_a):
    a, b, _c = progress
    today = timezone.localdate()
    survey = survey_services.survey_round_create(
        actor=staff,
        programme=programme,
        name="Uitvraag voorjaar",
        building_blocks=[a],
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=30),
    )
    steps = [{"title": title, "level": levels[1]} for title in ("Plan", "Bouw", "Test")]
    version = guide_services.guide_version_publish(actor=staff, building_block=b, steps=steps)
    first = guide_selectors.steps_of(version)[0]
    guide_services.guide_steps_tick(actor=coordinator_a, municipality=town_a, version=version, step_ids=[first.pk])
    now = timezone.now()
    consultation = cocreation_services.consultation_create(
        actor=staff,
        programme=programme,
        title="Gezamenlijke aanbesteding",
        question="Stemt u in?",
        description="",
        opens_at=now + datetime.timedelta(minutes=1),
        closes_at=now + datetime.timedelta(days=7),
        weighting="none",
        options=["Ja", "Nee"],
        now=now,
    )
    mine = QuestionFactory(asker=coordinator_a, title="Hoe sluiten wij aan op DigiD?")
    QuestionFactory(asker=coordinator_a, title="Een beantwoorde vraag", status=QuestionStatus.PUBLISHED)
    QuestionFactory(title="Een vraag van een ander")
    notification_services.follow_create(user=coordinator_a, target=mine)
    notification_services.follow_create(user=coordinator_a, target=consultation)

    client.force_login(coordinator_a)
    with pytest.MonkeyPatch.context() as patch:  # the consultation opens a minute from now
        patch.setattr(timezone, "now", lambda: now + datetime.timedelta(minutes=2))
        html = page(client)[1]
    assert f'href="{reverse("monitor:survey-answer", args=[survey.pk, "GM9901"])}"' in html
    assert "Uitvraag voorjaar" in html and "not answered yet" in html
    guide_ticks = reverse("knowledge:guide-ticks", args=["BBB", "GM9901"])
    assert f'href="{guide_ticks}"' in html and "1 of 3 steps ticked off" in html
    assert f'href="{reverse("cocreation:consultation-detail", args=[consultation.pk])}"' in html
    assert "Hoe sluiten wij aan op DigiD?" in html
    assert "Een beantwoorde vraag" not in html and "Een vraag van een ander" not in html
    assert f'href="{reverse("knowledge:question-detail", args=[mine.pk])}"' in html and "(member consultation)" in html
    # Answering the round, ticking off the guide and casting the ballot take them off the list.
    survey_services_answer(staff, survey, town_a, a, levels)
    guide_services.guide_steps_tick(
        actor=coordinator_a, municipality=town_a, version=version, step_ids=[s.pk for s in version.steps.all()]
    )
    cocreation_services.ballot_cast(
        actor=coordinator_a,
        consultation=consultation,
        municipality=town_a,
        option=consultation.options.first(),
        now=now + datetime.timedelta(minutes=2),
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: now + datetime.timedelta(minutes=3))
        html = page(client)[1]
    assert "<strong>answered</strong>" in html
    assert guide_ticks not in html
    assert "No open consultation is waiting for your municipality's ballot." in html


def survey_services_answer(staff, survey, municipality, block, levels):
    from bouwplaats.monitor import services

    services.status_report(
        actor=staff,
        municipality=municipality,
        building_block=block,
        level=levels[2],
        source="survey",
        survey_round=survey,
    )


# --- queries and cache -------------------------------------------------------------------------


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_data(number, *, coordinator, staff, programme, blocks, levels):
    """One more question (followed), follow of a consultation, guide and survey round of each kind."""
    question = QuestionFactory(asker=coordinator, title=f"Vraag {number}")
    notification_services.follow_create(user=coordinator, target=question)
    now = timezone.now()
    consultation = cocreation_services.consultation_create(
        actor=staff,
        programme=programme,
        title=f"Raadpleging {number}",
        question="Stemt u in?",
        description="",
        opens_at=now + datetime.timedelta(minutes=1),
        closes_at=now + datetime.timedelta(days=7),
        weighting="none",
        options=["Ja", "Nee"],
        now=now,
    )
    notification_services.follow_create(user=coordinator, target=consultation)
    guide_services.guide_version_publish(
        actor=staff, building_block=blocks[number], steps=[{"title": "Stap", "level": levels[1]}]
    )
    today = timezone.localdate()
    survey_services.survey_round_create(
        actor=staff,
        programme=programme,
        name=f"Ronde {number}",
        building_blocks=list(blocks),
        opens_on=today,
        closes_on=today + datetime.timedelta(days=9),
    )


def test_the_number_of_queries_does_not_grow_with_the_data(
    client, coordinator_a, staff, progress, programme, levels, town_a
):
    url = municipality_page("GM9901")
    data = {"coordinator": coordinator_a, "staff": staff, "programme": programme, "blocks": progress, "levels": levels}
    add_data(0, **data)
    client.force_login(coordinator_a)
    client.get(url)  # the header's unread count is cached from here on
    cache.clear()
    before_cold = count_queries(client, url)
    before_warm = count_queries(client, url)
    assert before_warm < before_cold  # the municipality's part came from the cache
    for number in (1, 2):
        add_data(number, **data)
    client.get(url)
    html = client.get(url).content.decode()
    assert "Ronde 2" in html and "Vraag 2" in html and html.count("0 of 1 step ticked off") == 3
    cache.clear()
    assert count_queries(client, url) == before_cold
    assert count_queries(client, url) == before_warm


def test_the_page_is_exact_in_its_query_count(client, coordinator_a, progress, django_assert_num_queries):
    url = municipality_page("GM9901")
    client.force_login(coordinator_a)
    client.get(url)  # the header's unread count and the page's body are cached from here on
    # user (the session comes from the cache) and the data version, as on the municipality page
    with django_assert_num_queries(2):
        client.get(url)


def test_the_cached_body_is_each_users_own(client, coordinator_a, staff, progress):
    QuestionFactory(asker=coordinator_a, title="De vraag van de coördinator")
    QuestionFactory(asker=staff, title="De vraag van het programmateam")
    url = municipality_page("GM9901")
    client.force_login(coordinator_a)
    client.get(url)
    mine = client.get(url).content.decode()
    client.force_login(staff)
    client.get(url)
    theirs = client.get(url).content.decode()
    assert "De vraag van de coördinator" in mine and "De vraag van het programmateam" not in mine
    assert "De vraag van het programmateam" in theirs and "De vraag van de coördinator" not in theirs


def test_a_report_shows_at_once(client, coordinator_a, staff, progress, levels, town_a):
    a, _b, _c = progress
    client.force_login(coordinator_a)
    assert "stalled: no level gained in 12 months" in page(client)[1]
    report_at_top(staff, town_a, a, levels)
    html = page(client)[1]
    assert "blockers: capacity, budget" not in html


def report_at_top(staff, town, block, levels):
    from bouwplaats.monitor import services

    services.status_report(
        actor=staff, municipality=town, building_block=block, level=levels[3], valid_from=datetime.date(2022, 6, 1)
    )
