# SPDX-License-Identifier: EUPL-1.2
import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from django.utils.formats import date_format

from bouwplaats.audit.models import AuditEntry
from bouwplaats.catalogue.tests.factories import BuildingBlockFactory, ProgrammeFactory
from bouwplaats.notifications.models import Notification
from bouwplaats.notifications.services import follow_create

from .. import selectors, services
from ..models import Ballot, IdeaStatus, Vote
from .conftest import make_consultation, option

pytestmark = pytest.mark.django_db


def _propose(actor, programme, **overrides):
    values = {
        "theme": "Formulieren",
        "title": "Eén formulier",
        "description": "Een beschrijving.",
        "added_value": "Tijdwinst.",
    }
    values.update(overrides)
    return services.idea_propose(actor=actor, programme=programme, **values)


# --- ideas ----------------------------------------------------------------------------------


def test_a_member_proposes_an_idea_that_starts_received_with_history_and_audit(programme, block, member):
    idea = _propose(member, programme, building_block=block)
    assert idea.status == IdeaStatus.RECEIVED
    assert [(c.from_status, c.to_status) for c in idea.status_changes.all()] == [("", "received")]
    entry = AuditEntry.objects.get(action="cocreation.idea.propose")
    assert entry.object_id == str(idea.pk) and entry.actor == member


def test_anonymous_cannot_propose(programme):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        _propose(AnonymousUser(), programme)


def test_proposal_fields_are_required_and_limited(programme, member):
    with pytest.raises(ValidationError) as error:
        _propose(member, programme, theme="", title="x" * 151, description=" ", added_value="y" * 3001)
    assert set(error.value.message_dict) == {"theme", "title", "description", "added_value"}
    assert "Keep it to at most 150 characters (it has 151)." in error.value.message_dict["title"]


def test_block_of_another_programme_is_refused(programme, member):
    foreign = BuildingBlockFactory(programme=ProgrammeFactory())
    with pytest.raises(ValidationError) as error:
        _propose(member, programme, building_block=foreign)
    assert "building_block" in error.value.message_dict


def test_proposing_on_behalf_of_a_municipality_needs_its_coordinatorship(programme, coordinator_a, town_a, town_b):
    idea = _propose(coordinator_a, programme, municipality=town_a)
    assert idea.municipality == town_a
    with pytest.raises(ValidationError) as error:
        _propose(coordinator_a, programme, municipality=town_b)
    assert "municipality" in error.value.message_dict


def test_proposing_too_quickly_is_refused_with_a_clear_message(programme, member):
    now = timezone.now()
    for index in range(3):
        _propose(member, programme, title=f"Idee {index}", now=now - datetime.timedelta(minutes=10 - index))
    with pytest.raises(ValidationError) as error:
        _propose(member, programme, title="Nog een", now=now)
    assert "You are posting too quickly; try again in" in error.value.messages[0]


def test_staff_answer_appends_history_notifies_proposer_and_followers(idea, staff, member, coordinator_a):
    follow_create(user=coordinator_a, target=idea)
    services.idea_answer(actor=staff, idea=idea, status="planned", answer="We nemen het **mee**.", note="Release 3")
    idea.refresh_from_db()
    assert idea.status == "planned" and idea.answered_by == staff and idea.answered_at
    history = list(idea.status_changes.values_list("from_status", "to_status", "note"))
    assert history[-1] == ("received", "planned", "Release 3")
    notified = set(Notification.objects.filter(kind="idea_status").values_list("recipient_id", flat=True))
    assert notified == {member.pk, coordinator_a.pk}
    assert AuditEntry.objects.filter(action="cocreation.idea.answer", object_id=str(idea.pk)).count() == 1


def test_the_answer_is_notified_as_plain_text(idea, staff):
    services.idea_answer(actor=staff, idea=idea, status="planned", answer="We nemen het **mee**.")
    assert Notification.objects.get(kind="idea_status").body == "We nemen het mee."


def test_only_staff_answer(idea, member, coordinator_a):
    for actor in (member, coordinator_a):
        with pytest.raises(PermissionDenied):
            services.idea_answer(actor=actor, idea=idea, status="planned", answer="Ja")


def test_declining_needs_an_answer(idea, staff):
    with pytest.raises(ValidationError) as error:
        services.idea_answer(actor=staff, idea=idea, status="declined", answer="")
    assert "answer" in error.value.message_dict


def test_an_answer_that_changes_nothing_writes_nothing(idea, staff):
    entries = AuditEntry.objects.count()
    services.idea_answer(actor=staff, idea=idea, status="received", answer="")
    assert AuditEntry.objects.count() == entries
    assert idea.status_changes.count() == 1


def test_an_answer_without_status_change_adds_no_history(idea, staff):
    services.idea_answer(actor=staff, idea=idea, status="received", answer="Dank, we kijken ernaar.")
    assert idea.status_changes.count() == 1


# --- votes ----------------------------------------------------------------------------------


def test_one_vote_per_member_and_withdraw(idea, member, coordinator_a):
    vote, created = services.idea_vote(actor=coordinator_a, idea=idea)
    assert created and vote.municipality is None
    again, created_again = services.idea_vote(actor=coordinator_a, idea=idea)
    assert not created_again and again.pk == vote.pk
    services.idea_vote(actor=member, idea=idea)
    assert selectors.idea_detail(pk=idea.pk).vote_count == 2
    assert services.idea_unvote(actor=coordinator_a, idea=idea) is True
    assert services.idea_unvote(actor=coordinator_a, idea=idea) is False
    assert selectors.idea_detail(pk=idea.pk).vote_count == 1
    actions = list(AuditEntry.objects.filter(action__startswith="cocreation.idea.").values_list("action", flat=True))
    assert actions.count("cocreation.idea.vote") == 2 and actions.count("cocreation.idea.unvote") == 1


def test_per_municipality_colleagues_share_one_vote(idea, per_municipality, coordinator_a, colleague_a, town_a):
    vote, created = services.idea_vote(actor=coordinator_a, idea=idea)
    assert created and vote.municipality == town_a
    _same, created_again = services.idea_vote(actor=colleague_a, idea=idea)
    assert not created_again
    assert Vote.objects.filter(idea=idea).count() == 1
    # A colleague may withdraw the municipality's vote.
    assert services.idea_unvote(actor=colleague_a, idea=idea) is True


def test_per_municipality_a_member_without_municipality_cannot_vote(idea, per_municipality, member):
    with pytest.raises(ValidationError) as error:
        services.idea_vote(actor=member, idea=idea)
    assert "municipality" in error.value.message_dict


def test_per_municipality_a_coordinator_cannot_vote_for_another_municipality(
    idea, per_municipality, coordinator_a, town_b
):
    with pytest.raises(PermissionDenied):
        services.idea_vote(actor=coordinator_a, idea=idea, municipality=town_b)


def test_the_database_refuses_a_second_vote_of_a_municipality(
    idea, per_municipality, coordinator_a, colleague_a, town_a
):
    from django.db import IntegrityError, transaction

    Vote.objects.create(idea=idea, mode="municipality", user=coordinator_a, municipality=town_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(idea=idea, mode="municipality", user=colleague_a, municipality=town_a)


def test_vote_mode_changes_only_while_there_are_no_votes(programme, idea, staff, member):
    services.settings_update(actor=staff, programme=programme, vote_mode="municipality")
    services.settings_update(actor=staff, programme=programme, vote_mode="user")
    services.idea_vote(actor=member, idea=idea)
    with pytest.raises(ValidationError) as error:
        services.settings_update(actor=staff, programme=programme, vote_mode="municipality")
    assert "vote_mode" in error.value.message_dict
    assert selectors.settings_for(programme=programme).vote_mode == "user"


def test_only_staff_change_settings(programme, member):
    with pytest.raises(PermissionDenied):
        services.settings_update(actor=member, programme=programme, vote_mode="municipality")


# --- consultations --------------------------------------------------------------------------


def test_staff_create_and_edit_before_opening(programme, staff, upcoming_consultation):
    consultation = upcoming_consultation
    assert list(consultation.options.values_list("label", flat=True)) == ["Ja", "Nee", "Onthouding"]
    services.consultation_update(
        actor=staff,
        consultation=consultation,
        title="Nieuwe titel",
        question=consultation.question,
        opens_at=consultation.opens_at,
        closes_at=consultation.closes_at,
        weighting="population",
        options=["Voor", "Tegen"],
    )
    consultation.refresh_from_db()
    assert consultation.title == "Nieuwe titel" and consultation.weighting == "population"
    assert list(consultation.options.values_list("label", flat=True)) == ["Voor", "Tegen"]
    assert AuditEntry.objects.filter(action="cocreation.consultation.update").count() == 1


def test_an_open_consultation_cannot_be_edited(programme, staff, open_consultation):
    with pytest.raises(ValidationError):
        services.consultation_update(
            actor=staff,
            consultation=open_consultation,
            title="Anders",
            question="?",
            opens_at=open_consultation.opens_at,
            closes_at=open_consultation.closes_at,
            options=["A", "B"],
        )


def test_consultation_validation(programme, staff):
    now = timezone.now()
    with pytest.raises(ValidationError) as error:
        services.consultation_create(
            actor=staff,
            programme=programme,
            title="",
            question="Vraag?",
            opens_at=now - datetime.timedelta(hours=1),
            closes_at=now - datetime.timedelta(hours=2),
            options=["Alleen"],
        )
    assert {"title", "opens_at", "closes_at", "options"} <= set(error.value.message_dict)


def test_only_staff_create_consultations(programme, coordinator_a):
    with pytest.raises(PermissionDenied):
        make_consultation(programme, coordinator_a)


def test_a_coordinator_casts_and_changes_the_ballot_every_change_audited(
    open_consultation, coordinator_a, colleague_a, town_a
):
    ballot, created = services.ballot_cast(
        actor=coordinator_a, consultation=open_consultation, municipality=town_a, option=option(open_consultation, "Ja")
    )
    assert created
    changed, created_again = services.ballot_cast(
        actor=colleague_a, consultation=open_consultation, municipality=town_a, option=option(open_consultation, "Nee")
    )
    assert not created_again and changed.pk == ballot.pk and changed.option.label == "Nee" and changed.changed_at
    assert Ballot.objects.filter(consultation=open_consultation).count() == 1
    actions = list(AuditEntry.objects.filter(action__startswith="cocreation.ballot").values_list("action", flat=True))
    assert sorted(actions) == ["cocreation.ballot.cast", "cocreation.ballot.change"]


def test_a_coordinator_of_a_cannot_cast_for_b(open_consultation, coordinator_a, town_b, staff):
    for actor in (coordinator_a, staff):
        with pytest.raises(PermissionDenied):
            services.ballot_cast(
                actor=actor, consultation=open_consultation, municipality=town_b, option=option(open_consultation, "Ja")
            )


def test_a_ballot_after_closing_is_refused_with_a_clear_message(open_consultation, coordinator_a, town_a):
    after = open_consultation.closes_at + datetime.timedelta(seconds=1)
    with pytest.raises(ValidationError) as error:
        services.ballot_cast(
            actor=coordinator_a,
            consultation=open_consultation,
            municipality=town_a,
            option=option(open_consultation, "Ja"),
            now=after,
        )
    assert "ballots can no longer be cast or changed" in error.value.messages[0]
    assert not Ballot.objects.exists()


def test_a_ballot_before_opening_is_refused(upcoming_consultation, coordinator_a, town_a):
    with pytest.raises(ValidationError):
        services.ballot_cast(
            actor=coordinator_a,
            consultation=upcoming_consultation,
            municipality=town_a,
            option=option(upcoming_consultation, "Ja"),
        )


def test_an_option_of_another_consultation_is_refused(programme, staff, open_consultation, coordinator_a, town_a):
    other = make_consultation(programme, staff, opens_in=-datetime.timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        services.ballot_cast(
            actor=coordinator_a, consultation=open_consultation, municipality=town_a, option=option(other, "Ja")
        )
    assert "option" in error.value.message_dict


def test_results_weighted_and_unweighted(programme, staff, coordinator_a, coordinator_b, town_a, town_b):
    consultation = make_consultation(programme, staff, opens_in=-datetime.timedelta(days=8), weighting="population")
    during = consultation.opens_at + datetime.timedelta(days=1)
    services.ballot_cast(
        actor=coordinator_a,
        consultation=consultation,
        municipality=town_a,
        option=option(consultation, "Ja"),
        now=during,
    )
    services.ballot_cast(
        actor=coordinator_b,
        consultation=consultation,
        municipality=town_b,
        option=option(consultation, "Nee"),
        now=during,
    )
    results = selectors.results(consultation=consultation)
    by_label = {row.option.label: row for row in results.options}
    assert (by_label["Ja"].ballots, by_label["Nee"].ballots, by_label["Onthouding"].ballots) == (1, 1, 0)
    assert by_label["Ja"].share == 50.0
    assert (by_label["Ja"].inhabitants, by_label["Nee"].inhabitants) == (30_000, 10_000)
    assert by_label["Ja"].weighted_share == 75.0
    testland = next(p for p in results.turnout.provinces if p.code == "PV99")
    assert (testland.municipalities, testland.ballots, testland.percentage) == (2, 2, 100.0)
    assert results.turnout.ballots == 2 and results.turnout.municipalities > 300  # the real 2022 division too


def test_process_consultations_announces_each_once(programme, staff, coordinator_a, coordinator_b, member):
    consultation = make_consultation(programme, staff, opens_in=-datetime.timedelta(days=8))
    upcoming = make_consultation(programme, staff, opens_in=datetime.timedelta(days=1))
    assert services.consultation_announcements_send() == {"opened": 1, "closed": 1}
    assert services.consultation_announcements_send() == {"opened": 0, "closed": 0}
    opened = Notification.objects.filter(kind="consultation_opened")
    closed = Notification.objects.filter(kind="consultation_closed")
    assert set(opened.values_list("recipient_id", flat=True)) == {coordinator_a.pk, coordinator_b.pk}
    assert closed.count() == 2
    consultation.refresh_from_db()
    upcoming.refresh_from_db()
    assert consultation.opening_announced_at and consultation.closing_announced_at
    assert upcoming.opening_announced_at is None
    assert AuditEntry.objects.filter(action="cocreation.consultation.closed").count() == 1
    later = upcoming.opens_at + datetime.timedelta(minutes=1)
    assert services.consultation_announcements_send(now=later) == {"opened": 1, "closed": 0}
    # The closing moment reads as the recipient's language (Dutch) writes it, not as ISO.
    body = Notification.objects.filter(kind="consultation_opened", recipient=coordinator_a).latest("pk").body
    with translation.override("nl"):
        closes = date_format(timezone.localtime(upcoming.closes_at), "j F Y H:i")
    assert body.endswith(f"kan stemmen tot {closes}.")
    assert not re.search(r"\d{4}-\d\d-\d\d", body)


def test_staff_close_an_open_consultation_early_with_a_reason_and_audit(
    open_consultation, staff, coordinator_a, town_a
):
    planned = open_consultation.closes_at
    services.ballot_cast(
        actor=coordinator_a, consultation=open_consultation, municipality=town_a, option=option(open_consultation, "Ja")
    )
    closed = services.consultation_close_early(
        actor=staff, consultation=open_consultation, reason="  Het voorstel is ingetrokken.  "
    )
    closed.refresh_from_db()
    assert closed.is_closed() and closed.closes_at < planned
    assert closed.closed_early_at == closed.closes_at and closed.closed_early_by == staff
    assert closed.closing_reason == "Het voorstel is ingetrokken."
    entry = AuditEntry.objects.get(action="cocreation.consultation.close_early")
    assert entry.changes["closing_reason"] == "Het voorstel is ingetrokken."
    assert entry.changes["closes_at"][0] == str(planned)
    # Afterwards as after a normal close: results are public, ballots are refused, the closing is announced.
    assert selectors.results(consultation=closed).turnout.ballots == 1
    with pytest.raises(ValidationError, match="can no longer be cast"):
        services.ballot_cast(
            actor=coordinator_a, consultation=closed, municipality=town_a, option=option(closed, "Nee")
        )
    assert services.consultation_announcements_send()["closed"] == 1
    announcement = Notification.objects.get(kind="consultation_closed", recipient=coordinator_a)
    # In the coordinator's language (Dutch), with the reason.
    assert "Vervroegd gesloten door het programmateam: Het voorstel is ingetrokken." in announcement.body


def test_closing_early_needs_staff_a_reason_and_an_open_consultation(
    programme, open_consultation, upcoming_consultation, staff, coordinator_a
):
    with pytest.raises(PermissionDenied):
        services.consultation_close_early(actor=coordinator_a, consultation=open_consultation, reason="Klaar.")
    with pytest.raises(ValidationError) as error:
        services.consultation_close_early(actor=staff, consultation=open_consultation, reason="   ")
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.consultation_close_early(actor=staff, consultation=open_consultation, reason="x" * 1001)
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError, match="not opened yet"):
        services.consultation_close_early(actor=staff, consultation=upcoming_consultation, reason="Klaar.")
    closed = make_consultation(programme, staff, opens_in=-datetime.timedelta(days=8))
    with pytest.raises(ValidationError, match="already"):
        services.consultation_close_early(actor=staff, consultation=closed, reason="Klaar.")
    open_consultation.refresh_from_db()
    assert open_consultation.is_open() and not open_consultation.closing_reason
    assert not AuditEntry.objects.filter(action="cocreation.consultation.close_early").exists()
