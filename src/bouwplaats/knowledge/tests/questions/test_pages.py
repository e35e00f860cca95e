# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bouwplaats.core.testing import warmed_query_count
from bouwplaats.knowledge.models import Answer, Question, QuestionStatus
from bouwplaats.knowledge.questions import services

from ..factories import QuestionFactory, ThemeFactory

pytestmark = pytest.mark.django_db

FAQ = reverse("knowledge:home")
THEMES = reverse("knowledge:themes")
TRIAGE = reverse("knowledge:triage-list")
SIMILAR = reverse("knowledge:similar")
ASK = reverse("knowledge:ask")


def triage(question):
    return reverse("knowledge:triage-detail", args=[question.pk])


def published(staff, member, title, answer="Een antwoord.", **kwargs):
    question = services.question_ask(asker=member, title=title, **kwargs)
    services.question_answer(actor=staff, question=question, body=answer)
    return services.question_publish(actor=staff, question=question)


def test_faq_search_and_filters(client, staff, member, blocks, themes):
    brp = published(staff, member, "Aansluiting BRP", building_blocks=[blocks[0]], theme=themes[0])
    published(staff, member, "Digipoort e-factuur", building_blocks=[blocks[1]])
    html = client.get(FAQ, {"q": "aansluitingen"}).content.decode()
    assert "Aansluiting BRP" in html and "Digipoort" not in html
    html = client.get(FAQ, {"bouwsteen": "BBB"}).content.decode()
    assert "Digipoort" in html and "Aansluiting BRP" not in html
    html = client.get(FAQ, {"thema": themes[0].slug}).content.decode()
    assert brp.title in html and "Digipoort" not in html


def test_faq_results_show_theme_blocks_date_and_a_plain_excerpt(client, staff, member, blocks, themes):
    answer = "Vraag het **certificaat** aan via [Logius](https://logius.nl). " + "Daarna testen. " * 30
    question = published(
        staff, member, "Aansluiting BRP", answer=answer, building_blocks=[blocks[1], blocks[0]], theme=themes[0]
    )
    html = client.get(FAQ, {"q": "aansluiting"}).content.decode()
    names = sorted([blocks[0].name, blocks[1].name])
    assert f"{themes[0].name} · {names[0]}, {names[1]}" in html
    day = question.published_at.date()
    assert f'<time datetime="{day.isoformat()}">{day.day} {day:%B %Y}</time>' in html
    excerpt = question.answer.excerpt
    assert excerpt.startswith("Vraag het certificaat aan via Logius.") and excerpt.endswith("…")
    assert len(excerpt) == 280 and f"<p>{excerpt}</p>" in html
    assert "**" not in html and "[Logius]" not in html


def test_the_excerpt_follows_a_changed_answer(staff, member):
    question = published(staff, member, "Aansluiting BRP", answer="Eerst *dit*.")
    services.question_answer(actor=staff, question=question, body="Nu _dat_.")
    question.answer.refresh_from_db()
    assert question.answer.excerpt == "Nu dat."


def test_faq_query_count_does_not_grow(client, staff, member, blocks, themes, django_assert_num_queries):
    for n in range(2):
        published(staff, member, f"Vraag {n} aansluiting", building_blocks=[blocks[0]], theme=themes[0])
    with CaptureQueriesContext(connection) as few:
        client.get(FAQ, {"q": "aansluiting"})
    for n in range(2, 5):
        published(staff, member, f"Vraag {n} aansluiting", building_blocks=list(blocks), theme=themes[1])
    with django_assert_num_queries(len(few)):
        response = client.get(FAQ, {"q": "aansluiting"})
    assert "5 questions found" in response.content.decode()


def test_anonymous_cannot_ask_or_see_unpublished(client, member, staff):
    assert client.get(ASK).status_code == 302
    response = client.post(ASK, {"title": "Vraag", "send": "1"})
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert not Question.objects.exists()
    question = QuestionFactory(asker=member, title="Geheime vraag")
    assert client.get(reverse("knowledge:question-detail", args=[question.pk])).status_code == 403
    assert "Geheime vraag" not in client.get(FAQ, {"q": "geheime"}).content.decode()


def test_other_member_cannot_see_an_unpublished_question(client, member, other_member):
    question = QuestionFactory(asker=member)
    client.force_login(other_member)
    assert client.get(reverse("knowledge:question-detail", args=[question.pk])).status_code == 403
    assert client.get(reverse("knowledge:question-detail", args=[999999])).status_code == 404
    client.force_login(member)
    html = client.get(reverse("knowledge:question-detail", args=[question.pk])).content.decode()
    assert "only you and programme staff" in html


def test_asking_in_two_steps_without_javascript(client, member, staff):
    earlier = published(staff, member, "Hoe werkt de Digipoort voor e-facturatie?")
    client.force_login(member)
    response = client.post(ASK, {"title": "Digipoort en e-facturatie", "check": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Similar questions answered before" in html and earlier.get_absolute_url() in html
    assert 'value="Digipoort en e-facturatie"' in html
    assert Question.objects.count() == 1
    response = client.post(ASK, {"title": "Digipoort en e-facturatie", "send": "1"})
    question = Question.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"] == reverse("knowledge:question-detail", args=[question.pk])
    assert question.asker == member and question.status == QuestionStatus.NEW


def test_similar_fragment(client, staff, member):
    earlier = published(staff, member, "Basisregistratie adressen koppelen")
    html = client.get(SIMILAR, {"q": "adressen"}).content.decode()
    assert earlier.title in html
    html = client.get(SIMILAR, {"q": "iets anders"}).content.decode()
    assert "No similar questions found." in html


def test_triage_page_for_staff_only(client, member, staff):
    question = QuestionFactory(asker=member, title="Te behandelen")
    client.force_login(member)
    assert client.get(TRIAGE).status_code == 403
    assert client.get(triage(question)).status_code == 403
    response = client.post(triage(question), {"action": "answer", "answer-body": "Hack"})
    assert response.status_code == 403
    client.force_login(staff)
    assert "Te behandelen" in client.get(TRIAGE).content.decode()
    client.post(triage(question), {"action": "assign", "assign-assignee": staff.pk})
    client.post(triage(question), {"action": "classify", "classify-tags": "BRP, Aansluiting"})
    client.post(triage(question), {"action": "answer", "answer-body": "Het antwoord"})
    response = client.post(triage(question), {"action": "publish"})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == QuestionStatus.PUBLISHED
    assert question.tags == "brp, aansluiting"
    assert question.assigned_to == staff
    response = client.post(triage(question), {"action": "merge", "merge-into": question.pk})
    assert response.status_code == 400


def test_triage_list_query_count(client, staff, member, themes, town_a, django_assert_num_queries):
    for _n in range(3):
        QuestionFactory(asker=member, theme=themes[0], municipality=town_a)
    client.force_login(staff)
    few = warmed_query_count(client, TRIAGE)
    for _n in range(5):
        QuestionFactory(asker=member, theme=themes[1], municipality=town_a, assigned_to=staff)
    with django_assert_num_queries(few):
        client.get(TRIAGE)


def test_my_questions(client, member, other_member):
    QuestionFactory(asker=member, title="Mijn vraag")
    QuestionFactory(asker=other_member, title="Andermans vraag")
    client.force_login(member)
    html = client.get(reverse("knowledge:my-questions")).content.decode()
    assert "Mijn vraag" in html and "Andermans vraag" not in html


def test_cached_faq_and_suggestions_follow_new_publications(client, staff, member):
    assert "No published questions match" in client.get(FAQ, {"q": "stelselcatalogus"}).content.decode()
    assert "Stelselcatalogus" not in client.get(SIMILAR, {"q": "stelselcatalogus"}).content.decode()
    published(staff, member, "Wat doet de Stelselcatalogus?")
    assert "Wat doet de Stelselcatalogus?" in client.get(FAQ, {"q": "stelselcatalogus"}).content.decode()
    fragment = client.get(SIMILAR, {"q": "stelselcatalogus"}).content.decode()
    assert "Wat doet de Stelselcatalogus?" in fragment


def test_staff_manage_themes_members_cannot(client, staff, member):
    from bouwplaats.knowledge.models import Theme

    client.force_login(member)
    assert client.get(THEMES).status_code == 403
    assert client.post(THEMES, {"name": "Nieuw thema"}).status_code == 403
    client.force_login(staff)
    assert client.post(THEMES, {"name": "Sociaal domein", "description": "Wmo, jeugd"}).status_code == 302
    theme = Theme.objects.get(name="Sociaal domein")
    assert theme.slug == "sociaal-domein"
    response = client.post(THEMES, {"name": "sociaal domein"})
    assert response.status_code == 400 and "already a theme" in response.content.decode()
    client.post(reverse("knowledge:theme-edit", args=[theme.pk]), {"name": "Sociaal domein (3D)", "description": ""})
    theme.refresh_from_db()
    assert theme.name == "Sociaal domein (3D)"


def test_themes_page_query_count_does_not_grow(client, staff, member, themes, django_assert_num_queries):
    QuestionFactory(asker=member, theme=themes[0])
    client.force_login(staff)
    few = warmed_query_count(client, THEMES)
    for n in range(4):
        QuestionFactory(asker=member, theme=ThemeFactory(name=f"Thema {n}", slug=f"thema-{n}"))
    with django_assert_num_queries(few):
        html = client.get(THEMES).content.decode()
    assert html.count(THEMES) >= 6  # an edit link per theme


def test_the_faq_stays_cached_through_writes_about_other_things(
    client, staff, member, blocks, django_assert_num_queries
):
    from bouwplaats.audit import services as audit
    from bouwplaats.catalogue.services import building_block_update

    published(staff, member, "Aansluiting BRP", building_blocks=[blocks[0]])
    client.get(FAQ, {"q": "brp"})
    audit.record(actor=staff, action="monitor.status_report", object_type="monitor.statusevent")  # a write elsewhere
    with django_assert_num_queries(1):  # the FAQ's version: the page comes from the cache
        client.get(FAQ, {"q": "brp"})
    published(staff, member, "BRP en de GBA-V", building_blocks=[blocks[0]])
    assert "BRP en de GBA-V" in client.get(FAQ, {"q": "brp"}).content.decode()
    building_block_update(actor=staff, block=blocks[0], name="Basisregistratie Personen")
    assert "Basisregistratie Personen" in client.get(FAQ, {"q": "brp"}).content.decode()
    services.theme_save(actor=staff, name="Nieuw thema")
    assert "Nieuw thema" in client.get(FAQ, {"q": "brp"}).content.decode()


def test_the_search_field_is_a_search_input(client):
    html = client.get(FAQ).content.decode()
    assert '<input type="search" name="q" maxlength="200" id="id_q">' in html


def test_only_the_asker_marks_the_answer_helpful(client, staff, member, other_member):
    question = published(staff, member, "Vraag over de BRP")
    url = reverse("knowledge:question-accept", args=[question.pk])
    response = client.post(url)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    client.force_login(other_member)
    assert client.post(url).status_code == 403
    client.force_login(member)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert Answer.objects.get(question=question).accepted
    client.post(url, {"accepted": "0"})
    assert not Answer.objects.get(question=question).accepted
    assert client.post(reverse("knowledge:question-accept", args=[999999])).status_code == 404
