# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from bouwplaats.audit.models import AuditEntry
from bouwplaats.knowledge.models import QuestionStatus
from bouwplaats.knowledge.questions import selectors, services
from bouwplaats.notifications import services as notifications
from bouwplaats.notifications.models import Notification

from ..factories import StaffFactory

pytestmark = pytest.mark.django_db


def ask(member, title="Hoe sluiten we aan op de BRP?", **kwargs):
    return services.question_ask(asker=member, title=title, body=kwargs.pop("body", "Wij twijfelen."), **kwargs)


def publish(staff, question, answer="Via het aansluitloket."):
    services.question_answer(actor=staff, question=question, body=answer)
    return services.question_publish(actor=staff, question=question)


def test_the_whole_way_with_timestamps_and_notifications(member, other_member, staff, themes, blocks):
    question = ask(member, theme=themes[0], building_blocks=[blocks[0]])
    assert question.status == QuestionStatus.NEW and question.created_at
    with pytest.raises(PermissionDenied):  # an unpublished question cannot be followed by others
        notifications.follow_create(user=other_member, target=question)
    colleague = StaffFactory()
    notifications.follow_create(user=colleague, target=question)
    services.question_assign(actor=staff, question=question, assignee=staff)
    question.refresh_from_db()
    assert question.status == QuestionStatus.ASSIGNED and question.assigned_at
    services.question_answer(actor=staff, question=question, body="Zo.")
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED and question.answered_at
    services.question_publish(actor=staff, question=question)
    question.refresh_from_db()
    assert question.status == QuestionStatus.PUBLISHED and question.published_at
    kinds = sorted(Notification.objects.filter(recipient=member).values_list("kind", flat=True))
    assert kinds == ["answer", "question_status", "question_status"]
    assert Notification.objects.filter(recipient=colleague, kind="answer").exists()
    actions = list(
        AuditEntry.objects.filter(object_type="knowledge.question", action__startswith="question.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["question.ask", "question.assign", "question.answer", "question.publish"]


def test_only_members_ask_and_only_staff_triage(member, staff):
    with pytest.raises(PermissionDenied):
        ask(AnonymousUser())
    question = ask(member)
    for call in (
        lambda: services.question_assign(actor=member, question=question, assignee=staff),
        lambda: services.question_answer(actor=member, question=question, body="x"),
        lambda: services.question_publish(actor=member, question=question),
        lambda: services.question_close(actor=member, question=question),
        lambda: services.question_classify(actor=member, question=question, tags="x"),
    ):
        with pytest.raises(PermissionDenied):
            call()
    with pytest.raises(ValidationError):
        services.question_assign(actor=staff, question=question, assignee=member)


def test_validation_and_rate_limit(member):
    with pytest.raises(ValidationError) as raised:
        ask(member, title="  ")
    assert raised.value.message_dict == {"title": ["Write your question."]}
    for n in range(5):
        ask(member, title=f"Vraag {n}")
    with pytest.raises(ValidationError) as raised:
        ask(member, title="Nog een")
    assert "You are posting too quickly; try again in" in raised.value.message_dict["title"][0]


def test_asking_for_another_municipality_is_refused(member, town_a):
    with pytest.raises(ValidationError) as raised:
        ask(member, municipality=town_a)
    assert "municipality" in raised.value.message_dict


def test_merge_and_close(member, staff):
    first = ask(member, title="Eerste vraag")
    second = ask(member, title="Tweede vraag")
    with pytest.raises(ValidationError):
        services.question_merge(actor=staff, question=second, into=second)
    services.question_merge(actor=staff, question=second, into=first)
    second.refresh_from_db()
    assert second.status == QuestionStatus.MERGED and second.duplicate_of == first and second.closed_at
    with pytest.raises(ValidationError):
        services.question_merge(actor=staff, question=first, into=second)
    services.question_close(actor=staff, question=first)
    first.refresh_from_db()
    assert first.status == QuestionStatus.CLOSED
    with pytest.raises(ValidationError):
        services.question_answer(actor=staff, question=first, body="Te laat")


def test_publish_needs_an_answer_and_accepting_is_for_the_asker(member, other_member, staff):
    question = ask(member)
    with pytest.raises(ValidationError):
        services.question_publish(actor=staff, question=question)
    publish(staff, question)
    with pytest.raises(PermissionDenied):
        services.answer_accept(actor=other_member, question=question)
    services.answer_accept(actor=member, question=question)
    assert question.answer.__class__.objects.get(question=question).accepted


def test_visibility_of_unpublished_questions(member, other_member, staff):
    question = ask(member)
    assert selectors.question_for(member, question.pk) is not None
    assert selectors.question_for(staff, question.pk) is not None
    assert selectors.question_for(other_member, question.pk) is None
    assert selectors.question_for(AnonymousUser(), question.pk) is None
    publish(staff, question)
    assert selectors.question_for(AnonymousUser(), question.pk) is not None


# --- search (identical on SQLite and PostgreSQL) -----------------------------------------------


def test_search_finds_published_questions_and_answers_only(member, staff, themes, blocks):
    brp = ask(member, title="Aansluiting op de BRP", building_blocks=[blocks[0]], theme=themes[1])
    publish(staff, brp, answer="Vraag een certificaat aan bij het aansluitloket.")
    efactuur = ask(member, title="E-facturatie voor leveranciers", building_blocks=[blocks[1]], theme=themes[0])
    publish(staff, efactuur, answer="Gebruik het Digipoort-koppelvlak.")
    hidden = ask(member, title="Aansluiting geheim")  # not published
    assert list(selectors.faq(text="aansluiting")) == [brp]
    assert list(selectors.faq(text="certificaat")) == [brp]  # found through the answer
    assert list(selectors.faq(text="digipoort")) == [efactuur]
    assert hidden not in selectors.faq(text="geheim")
    assert list(selectors.faq(text="de het")) == []  # only stop words
    assert list(selectors.faq(text="aansluiting", building_block=blocks[1])) == []
    assert list(selectors.faq(text="aansluiting", theme=themes[1])) == [brp]
    assert set(selectors.faq()) == {brp, efactuur}


def test_stemming_finds_other_forms(member, staff):
    question = ask(member, title="Hoe regelen we de aansluiting van gemeenten?")
    publish(staff, question)
    assert list(selectors.faq(text="aansluitingen")) == [question]
    assert list(selectors.faq(text="gemeente")) == [question]


def test_index_follows_changes(member, staff):
    question = ask(member, title="Vraag over zaakgericht werken")
    publish(staff, question, answer="Begin met een zaaktypecatalogus.")
    assert list(selectors.faq(text="zaaktypecatalogus")) == [question]
    services.question_answer(actor=staff, question=question, body="Begin met het procesmodel.")
    assert list(selectors.faq(text="zaaktypecatalogus")) == []
    assert list(selectors.faq(text="procesmodel")) == [question]
    services.question_unpublish(actor=staff, question=question)
    assert list(selectors.faq(text="procesmodel")) == []


def test_similar_questions_need_any_word(member, staff):
    first = ask(member, title="Digipoort aansluiting voor e-facturatie")
    publish(staff, first)
    second = ask(member, title="Basisregistratie adressen en gebouwen")
    publish(staff, second)
    found = selectors.similar_questions("Hoe werkt e-facturatie eigenlijk")
    assert found == [first]
    assert selectors.similar_questions("") == []
