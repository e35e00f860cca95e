# SPDX-License-Identifier: EUPL-1.2
import datetime

import pytest
from django.urls import reverse

from bouwplaats.accounts.models import Role
from bouwplaats.audit.models import AuditEntry
from bouwplaats.catalogue.tests.factories import StaffFactory

from .. import selectors, services
from ..models import Ballot, Consultation, Idea, Vote
from .conftest import make_consultation, option

pytestmark = pytest.mark.django_db

LIST = reverse("cocreation:idea-list")
CREATE = reverse("cocreation:idea-create")


def _ideas(programme, member, block, count):
    return [
        Idea.objects.create(
            programme=programme,
            building_block=block,
            theme=f"Thema {i % 3}",
            title=f"Idee {i}",
            description="Beschrijving",
            added_value="Waarde",
            proposer=member,
        )
        for i in range(count)
    ]


# --- ideas list -----------------------------------------------------------------------------


def test_ideas_list_shows_vote_counts_sorted_by_votes(client, programme, block, member, coordinator_a, idea):
    quiet = _ideas(programme, member, block, 1)[0]
    services.idea_vote(actor=coordinator_a, idea=idea)
    services.idea_vote(actor=member, idea=idea)
    response = client.get(LIST)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.index(idea.title) < body.index(quiet.title)
    assert '<td class="cocr-number">2</td>' in body
    newest = client.get(LIST, {"sortering": "newest"}).content.decode()
    assert newest.index(quiet.title) < newest.index(idea.title)


def test_ideas_list_filters(client, programme, block, other_block, member, idea):
    other = Idea.objects.create(
        programme=programme,
        building_block=other_block,
        theme="Anders",
        title="Ander idee",
        description="d",
        added_value="w",
        proposer=member,
        status="planned",
    )
    by_block = client.get(LIST, {"bouwsteen": "ALFA"}).content.decode()
    assert idea.title in by_block and other.title not in by_block
    by_status = client.get(LIST, {"status": "planned"}).content.decode()
    assert other.title in by_status and idea.title not in by_status
    by_theme = client.get(LIST, {"thema": "Anders"}).content.decode()
    assert other.title in by_theme and idea.title not in by_theme


def test_ideas_list_query_count_does_not_grow_with_ideas(
    client, programme, block, member, coordinator_a, django_assert_num_queries
):
    ideas = _ideas(programme, member, block, 30)
    for idea in ideas[:10]:
        services.idea_vote(actor=coordinator_a, idea=idea)
    client.force_login(coordinator_a)
    # Uncached: user, unread notifications, approved membership (the header), programme, data version,
    # blocks, themes, count, page, settings, own votes (the session comes from the cache).
    with django_assert_num_queries(11):
        response = client.get(LIST)
    assert response.status_code == 200
    assert response.content.decode().count("supported") >= 10
    # Cached data part (and the header's parts): user, programme, data version, own votes.
    with django_assert_num_queries(4):
        cached = client.get(LIST).content.decode()
    assert cached.count("supported</span>") == response.content.decode().count("supported</span>") >= 10
    assert "?page=2" in cached
    page_two = client.get(LIST, {"page": 2}).content.decode()
    assert "Showing 26 to 30 of 30" in page_two and page_two.count('<th scope="row">') == 5


def test_the_cached_list_follows_votes_and_shows_no_one_elses_marks(client, idea, member, coordinator_a):
    client.force_login(coordinator_a)
    assert '<td class="cocr-number">0</td>' in client.get(LIST).content.decode()
    services.idea_vote(actor=coordinator_a, idea=idea)
    body = client.get(LIST).content.decode()
    assert '<td class="cocr-number">1</td>' in body and "supported" in body
    client.force_login(member)
    assert "supported</span>" not in client.get(LIST).content.decode()


def test_anonymous_sees_log_in_link_and_cannot_open_the_form(client, programme):
    assert "Log in to propose an idea" in client.get(LIST).content.decode()
    response = client.get(CREATE)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    response = client.post(CREATE, {"theme": "x", "title": "y", "description": "z", "added_value": "w"})
    assert response.status_code == 302
    assert not Idea.objects.exists()


# --- propose --------------------------------------------------------------------------------


def test_a_member_proposes_through_the_form(client, programme, block, coordinator_a, town_a):
    client.force_login(coordinator_a)
    page = client.get(CREATE)
    assert page.status_code == 200 and "On behalf of" in page.content.decode()
    response = client.post(
        CREATE,
        {
            "building_block": block.pk,
            "theme": "Zaakgericht werken",
            "title": "Statusinformatie",
            "description": "Toon de status van een zaak.",
            "added_value": "Minder telefoontjes.",
            "municipality": town_a.pk,
        },
    )
    idea = Idea.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("cocreation:idea-detail", args=[idea.pk])
    assert idea.municipality == town_a and idea.proposer == coordinator_a


def test_the_form_shows_length_and_rate_limit_errors(client, programme, member):
    client.force_login(member)
    response = client.post(CREATE, {"theme": "t", "title": "x" * 151, "description": "d", "added_value": "w"})
    assert response.status_code == 200 and "Ensure this value has at most 150 characters" in response.content.decode()
    for index in range(3):
        services.idea_propose(
            actor=member, programme=programme, theme="t", title=f"i{index}", description="d", added_value="w"
        )
    response = client.post(CREATE, {"theme": "t", "title": "Vierde", "description": "d", "added_value": "w"})
    assert "You are posting too quickly" in response.content.decode()
    assert Idea.objects.count() == 3


def test_a_member_cannot_propose_on_behalf_of_a_municipality_by_changing_the_id(
    client, programme, coordinator_a, town_b
):
    client.force_login(coordinator_a)
    response = client.post(
        CREATE, {"theme": "t", "title": "x", "description": "d", "added_value": "w", "municipality": town_b.pk}
    )
    assert response.status_code == 200
    assert not Idea.objects.exists()


# --- idea page and votes --------------------------------------------------------------------


def test_idea_page_shows_description_history_and_answer_safely(client, idea, staff):
    services.idea_answer(
        actor=staff, idea=idea, status="planned", answer="Zie <script>alert(1)</script>[link](javascript:alert(1))"
    )
    body = client.get(reverse("cocreation:idea-detail", args=[idea.pk])).content.decode()
    assert idea.description in body and "planned" in body
    assert "<script>alert(1)" not in body and "javascript:alert" not in body
    assert "Log in to support this idea" in body


def test_idea_page_query_count(client, idea, member, coordinator_a, staff, django_assert_num_queries):
    services.idea_answer(actor=staff, idea=idea, status="planned", answer="Ja")
    services.idea_answer(actor=staff, idea=idea, status="under_consideration", answer="Klaar")
    from bouwplaats.knowledge.comments.services import comment_post

    first = comment_post(author=member, subject=idea, body="Eens")
    comment_post(author=staff, subject=idea, body="Dank", parent=first)
    comment_post(author=coordinator_a, subject=idea, body="Ook eens")
    client.force_login(coordinator_a)
    url = reverse("cocreation:idea-detail", args=[idea.pk])
    client.get(url)
    # user, idea with vote count, history, settings, own vote, follow state, comments, replies
    # (the session and the header's unread count come from the cache)
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200


def test_vote_and_withdraw_through_the_page(client, idea, coordinator_a):
    client.force_login(coordinator_a)
    vote_url = reverse("cocreation:idea-vote", args=[idea.pk])
    assert client.post(vote_url).status_code == 302
    assert client.post(vote_url).status_code == 302
    assert Vote.objects.filter(idea=idea).count() == 1
    body = client.get(reverse("cocreation:idea-detail", args=[idea.pk])).content.decode()
    assert "You support this idea." in body and "Withdraw support" in body
    client.post(reverse("cocreation:idea-unvote", args=[idea.pk]))
    assert not Vote.objects.exists()


@pytest.mark.parametrize(
    "name",
    ["idea-detail", "idea-vote", "consultation-detail", "consultation-ballot"],
)
def test_an_unknown_number_is_404(client, programme, idea, coordinator_a, name):
    client.force_login(coordinator_a)
    url = reverse(f"cocreation:{name}", args=[999999])
    response = client.post(url) if name == "idea-vote" else client.get(url)
    assert response.status_code == 404
    assert not Vote.objects.exists()


def test_anonymous_cannot_vote(client, idea):
    response = client.post(reverse("cocreation:idea-vote", args=[idea.pk]))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert not Vote.objects.exists()


def test_per_municipality_a_coordinator_cannot_vote_for_another_by_changing_the_id(
    client, idea, per_municipality, coordinator_a, town_b
):
    client.force_login(coordinator_a)
    response = client.post(reverse("cocreation:idea-vote", args=[idea.pk]), {"municipality": town_b.pk})
    assert response.status_code == 403
    assert not Vote.objects.exists()
    assert client.post(reverse("cocreation:idea-vote", args=[idea.pk])).status_code == 302
    assert (
        client.post(reverse("cocreation:idea-unvote", args=[idea.pk]), {"municipality": town_b.pk}).status_code == 403
    )
    assert list(Vote.objects.values_list("municipality__code", flat=True)) == ["GM9901"]


def test_per_municipality_a_member_without_municipality_gets_a_message(client, idea, per_municipality, member):
    client.force_login(member)
    response = client.post(reverse("cocreation:idea-vote", args=[idea.pk]), follow=True)
    assert "only municipality coordinators vote" in response.content.decode()
    assert not Vote.objects.exists()


# --- staff answer and settings --------------------------------------------------------------


def test_staff_answer_through_the_page(client, idea, staff):
    client.force_login(staff)
    url = reverse("cocreation:idea-answer", args=[idea.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"status": "declined", "answer": "", "note": ""})
    assert response.status_code == 200 and "why the idea is declined" in response.content.decode()
    response = client.post(url, {"status": "declined", "answer": "Past niet in de planning.", "note": "Besluit MT"})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == "declined"


@pytest.mark.parametrize("role", ["member", "coordinator"])
def test_non_staff_cannot_answer_or_change_settings(client, idea, member, coordinator_a, role):
    client.force_login(member if role == "member" else coordinator_a)
    assert client.get(reverse("cocreation:idea-answer", args=[idea.pk])).status_code == 403
    response = client.post(reverse("cocreation:idea-answer", args=[idea.pk]), {"status": "planned", "answer": "x"})
    assert response.status_code == 403
    assert client.post(reverse("cocreation:settings"), {"vote_mode": "municipality"}).status_code == 403
    idea.refresh_from_db()
    assert idea.status == "received"


def test_settings_page(client, programme, staff, idea, member):
    client.force_login(staff)
    url = reverse("cocreation:settings")
    assert client.get(url).status_code == 200
    assert client.post(url, {"vote_mode": "municipality"}).status_code == 302
    assert selectors.settings_for(programme=programme).vote_mode == "municipality"
    services.settings_update(actor=staff, programme=programme, vote_mode="user")
    services.idea_vote(actor=member, idea=idea)
    response = client.post(url, {"vote_mode": "municipality"})
    assert response.status_code == 200 and "have votes already" in response.content.decode()


# --- consultations --------------------------------------------------------------------------


def test_consultation_list_query_count(client, programme, staff, django_assert_num_queries):
    for offset in (-10, -1, 2):
        make_consultation(programme, staff, opens_in=datetime.timedelta(days=offset))
    client.get(reverse("cocreation:consultation-list"))
    with django_assert_num_queries(2):  # programme, consultations
        response = client.get(reverse("cocreation:consultation-list"))
    body = response.content.decode()
    assert response.status_code == 200 and body.count("Gezamenlijke aanbesteding") == 3


def test_open_consultation_hides_results_and_shows_turnout_to_staff_only(
    client, open_consultation, coordinator_a, town_a, staff
):
    services.ballot_cast(
        actor=coordinator_a, consultation=open_consultation, municipality=town_a, option=option(open_consultation, "Ja")
    )
    url = reverse("cocreation:consultation-detail", args=[open_consultation.pk])
    anonymous = client.get(url).content.decode()
    assert "Ballots and inhabitants per option" not in anonymous and "Turnout per province" not in anonymous
    assert "The results are published when the consultation closes" in anonymous
    client.force_login(coordinator_a)
    own = client.get(url).content.decode()
    assert "Aadorp chose: Ja" in own and "Ballots and inhabitants per option" not in own
    assert "Turnout per province" not in own
    client.force_login(staff)
    staff_page = client.get(url).content.decode()
    assert "Turnout per province" in staff_page and "Ballots and inhabitants per option" not in staff_page


def test_closed_consultation_shows_results_chart_and_tables(
    client, programme, staff, coordinator_a, town_a, django_assert_num_queries
):
    consultation = make_consultation(programme, staff, opens_in=-datetime.timedelta(days=8), weighting="population")
    services.ballot_cast(
        actor=coordinator_a,
        consultation=consultation,
        municipality=town_a,
        option=option(consultation, "Nee"),
        now=consultation.opens_at + datetime.timedelta(hours=1),
    )
    url = reverse("cocreation:consultation-detail", args=[consultation.pk])
    # Consultation, options, data version, then the results: populations, ballots, ballots and
    # municipalities per province (the same for any number of ballots).
    with django_assert_num_queries(7):
        response = client.get(url)
    with django_assert_num_queries(3):  # the results part comes from the cache
        again = client.get(url).content.decode()
    assert "Ballots and inhabitants per option" in again and "Testland" in again
    body = response.content.decode()
    assert "Ballots and inhabitants per option" in body and "Turnout per province" in body
    assert "<svg" in body and "Testland" in body and "Result weighted by population" in body


def test_ballot_through_the_page_and_change(client, open_consultation, coordinator_a, town_a):
    client.force_login(coordinator_a)
    url = reverse("cocreation:consultation-ballot", args=[open_consultation.pk])
    assert client.get(url).status_code == 200
    ja, nee = option(open_consultation, "Ja"), option(open_consultation, "Nee")
    assert client.post(url, {"municipality": town_a.pk, "option": ja.pk}).status_code == 302
    assert client.post(url, {"municipality": town_a.pk, "option": nee.pk}).status_code == 302
    ballot = Ballot.objects.get()
    assert ballot.option == nee and ballot.changed_at is not None


def test_ballot_page_refuses_other_municipality_by_changing_the_id(
    client, open_consultation, coordinator_a, town_b, member
):
    client.force_login(coordinator_a)
    url = reverse("cocreation:consultation-ballot", args=[open_consultation.pk])
    response = client.post(url, {"municipality": town_b.pk, "option": option(open_consultation, "Ja").pk})
    assert response.status_code == 400
    assert "You can only cast the ballot of a municipality you coordinate." in response.content.decode()
    assert not Ballot.objects.exists()
    client.force_login(member)
    assert client.get(url).status_code == 403


def test_anonymous_cannot_cast(client, open_consultation, town_a):
    url = reverse("cocreation:consultation-ballot", args=[open_consultation.pk])
    response = client.post(url, {"municipality": town_a.pk, "option": option(open_consultation, "Ja").pk})
    assert response.status_code == 302 and not Ballot.objects.exists()


def test_ballot_after_closing_is_refused_on_the_page(client, programme, staff, coordinator_a, town_a):
    consultation = make_consultation(programme, staff, opens_in=-datetime.timedelta(days=8))
    client.force_login(coordinator_a)
    url = reverse("cocreation:consultation-ballot", args=[consultation.pk])
    response = client.post(url, {"municipality": town_a.pk, "option": option(consultation, "Ja").pk})
    assert response.status_code == 400
    assert "ballots can no longer be cast or changed" in response.content.decode()
    assert not Ballot.objects.exists()


def test_staff_create_and_edit_consultations_through_the_pages(client, programme, staff, coordinator_a):
    client.force_login(coordinator_a)
    assert client.get(reverse("cocreation:consultation-create")).status_code == 403
    client.force_login(staff)
    data = {
        "title": "Raadpleging",
        "question": "Eens?",
        "description": "",
        "options": "Ja\nNee\n",
        "opens_at": "2099-01-01T09:00",
        "closes_at": "2099-01-15T17:00",
        "weighting": "none",
    }
    response = client.post(reverse("cocreation:consultation-create"), data)
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    edit = reverse("cocreation:consultation-edit", args=[consultation.pk])
    assert client.get(edit).status_code == 200
    assert client.post(edit, {**data, "options": "Ja\nNee\nWeet niet"}).status_code == 302
    assert consultation.options.count() == 3
    assert AuditEntry.objects.filter(action__startswith="cocreation.consultation").count() == 2


def test_consultation_edit_refuses_others_and_bad_input(client, upcoming_consultation, staff, coordinator_a):
    edit = reverse("cocreation:consultation-edit", args=[upcoming_consultation.pk])
    data = {
        "title": "Gewijzigd",
        "question": "Eens?",
        "description": "",
        "options": "Ja\nNee\n",
        "opens_at": "2099-01-15T09:00",
        "closes_at": "2099-01-01T17:00",
        "weighting": "none",
    }
    assert client.get(edit).status_code == 302  # anonymous: to the login page
    client.force_login(coordinator_a)
    assert client.get(edit).status_code == 403
    assert client.post(edit, {**data, "closes_at": "2099-01-20T17:00"}).status_code == 403
    client.force_login(staff)
    response = client.post(edit, data)  # closes before it opens
    assert response.status_code == 200 and response.context["form"].errors
    upcoming_consultation.refresh_from_db()
    assert upcoming_consultation.title == "Gezamenlijke aanbesteding"


def test_staff_role_constant_is_used(staff):
    assert staff.role == Role.STAFF


# --- comments (the knowledge centre's generic comments) -------------------------------------


def test_members_comment_on_an_idea_and_anonymous_sees_log_in(client, idea, coordinator_a):
    url = reverse("cocreation:idea-detail", args=[idea.pk])
    assert "log in" in client.get(url).content.decode().lower()
    client.force_login(coordinator_a)
    response = client.post(
        reverse("knowledge:comment-post"),
        {"subject": "cocreation.idea", "subject_id": idea.pk, "body": "Goed idee! <script>x()</script>"},
    )
    assert response.status_code == 302 and response["Location"].startswith(url)
    body = client.get(url).content.decode()
    assert "Goed idee!" in body and "<script>x()" not in body


def test_a_declined_idea_takes_no_new_comments(client, idea, staff, coordinator_a):
    from bouwplaats.knowledge.models import Comment

    services.idea_answer(actor=staff, idea=idea, status="declined", answer="Nee, want.")
    client.force_login(coordinator_a)
    client.post(
        reverse("knowledge:comment-post"), {"subject": "cocreation.idea", "subject_id": idea.pk, "body": "Jammer"}
    )
    assert not Comment.objects.exists()


def test_admin_lists_are_read_only(client, idea, open_consultation, coordinator_a, town_a):
    services.idea_vote(actor=coordinator_a, idea=idea)
    services.ballot_cast(
        actor=coordinator_a, consultation=open_consultation, municipality=town_a, option=option(open_consultation, "Ja")
    )
    client.force_login(StaffFactory(email="admin@example.org", is_staff=True, is_superuser=True))
    response = client.get(f"{reverse('admin:cocreation_idea_changelist')}?q=sms")
    assert response.status_code == 200 and idea.title in response.content.decode()
    for model in ["cocreationsettings", "vote", "consultation", "ballot"]:
        assert client.get(reverse(f"admin:cocreation_{model}_changelist")).status_code == 200
    assert client.get(reverse("admin:cocreation_idea_change", args=[idea.pk])).status_code == 200
    assert client.get(reverse("admin:cocreation_idea_add")).status_code == 403
    assert client.post(reverse("admin:cocreation_idea_delete", args=[idea.pk]), {"post": "yes"}).status_code == 403
    assert Idea.objects.filter(pk=idea.pk).exists()


def test_admin_is_closed_to_members(client, member):
    client.force_login(member)
    assert client.get(reverse("admin:cocreation_idea_changelist")).status_code == 302


def test_staff_close_a_consultation_early_through_the_confirmation_page(
    client, open_consultation, staff, coordinator_a, town_a
):
    services.ballot_cast(
        actor=coordinator_a, consultation=open_consultation, municipality=town_a, option=option(open_consultation, "Ja")
    )
    detail = reverse("cocreation:consultation-detail", args=[open_consultation.pk])
    close = reverse("cocreation:consultation-close", args=[open_consultation.pk])
    client.force_login(coordinator_a)
    assert close not in client.get(detail).content.decode()
    assert client.get(close).status_code == 403
    client.force_login(staff)
    assert close in client.get(detail).content.decode()
    page = client.get(close)
    assert page.status_code == 200 and 'name="reason"' in page.content.decode()
    refused = client.post(close, {"reason": ""})
    assert refused.status_code == 400 and "error-summary" in refused.content.decode()
    assert Consultation.objects.get(pk=open_consultation.pk).is_open()
    response = client.post(close, {"reason": "Het voorstel is <ingetrokken>."})
    assert response.status_code == 302 and response["Location"] == detail
    body = client.get(detail).content.decode()
    assert "closed early" in body and "Reason for closing early" in body
    assert "Het voorstel is &lt;ingetrokken&gt;." in body
    assert "Ballots and inhabitants per option" in body and close not in body
    # Closed now: the confirmation page sends staff back to the consultation.
    again = client.get(close)
    assert again.status_code == 302 and again["Location"] == detail
