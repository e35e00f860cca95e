# SPDX-License-Identifier: EUPL-1.2
"""Search over a corpus large enough for ranking in the index and document frequencies to matter.

Questions are made with the factory and indexed in bulk (``search.rebuild``), as the demo loader
and the benchmark do. Vendor-neutral: the same tests run on SQLite and PostgreSQL.
"""

import pytest
from django.core.paginator import Paginator

from bouwplaats.knowledge import search
from bouwplaats.knowledge.models import Question, QuestionStatus
from bouwplaats.knowledge.questions import selectors

from ..factories import AnswerFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def corpus(member, titles: list[str]) -> list[Question]:
    questions = [
        QuestionFactory(asker=member, title=title, body="", status=QuestionStatus.PUBLISHED) for title in titles
    ]
    for question in questions:
        AnswerFactory(question=question, body="Zie de handreiking.")
    search.rebuild()
    return questions


@pytest.fixture
def municipal_corpus(member):
    """24 questions about municipalities, two of them also about Digipoort."""
    titles = [f"Hoe regelt een gemeente onderwerp {n}?" for n in range(22)]
    titles += ["Digipoort voor de gemeente", "Digipoort en e-facturatie bij de gemeente"]
    return corpus(member, titles)


def test_common_words_are_left_out_of_suggestions(municipal_corpus):
    assert len(municipal_corpus) >= search.MIN_DOCUMENTS
    assert search.distinctive_terms(["gemeente", "digipoort"]) == ["digipoort"]
    assert search.distinctive_terms(["gemeente"]) == ["gemeente"]  # the only word stays
    assert search.distinctive_terms(["gemeente", "regelt"]) == ["gemeente", "regelt"]  # all common: all stay
    found = selectors.similar_questions("Hoe werkt Digipoort in onze gemeente?")
    # Without the rule "gemeente" would fill the other three places with unrelated questions.
    assert {question.title for question in found} == {
        "Digipoort voor de gemeente",
        "Digipoort en e-facturatie bij de gemeente",
    }


def test_a_small_corpus_keeps_every_word(member):
    corpus(member, ["Digipoort voor de gemeente", "Basisregistraties bij de gemeente"])
    assert search.distinctive_terms(["gemeente", "digipoort"]) == ["gemeente", "digipoort"]
    assert len(selectors.similar_questions("digipoort gemeente")) == 2


def test_ranking_in_the_index_equals_ranking_with_the_join(municipal_corpus):
    published = Question.objects.filter(status=QuestionStatus.PUBLISHED)
    for text in ("gemeente", "digipoort gemeente", "onderwerp"):
        in_index = search.matching(published, text, ranked_in_index=True)
        joined = search.matching(published, text, ranked_in_index=False)
        assert in_index.count() == joined.count() > 0
        assert [q.pk for q in in_index] == [q.pk for q in joined]
        assert [q.pk for q in in_index[3:9]] == [q.pk for q in joined[3:9]]
        assert in_index[1] == joined[1]
    titles = [question.title for question in selectors.faq(text="digipoort")]
    assert sorted(titles) == ["Digipoort en e-facturatie bij de gemeente", "Digipoort voor de gemeente"]


def test_pages_of_a_search_cover_every_match_once(municipal_corpus):
    results = selectors.faq(text="gemeente")
    pages = Paginator(results, 10)
    assert pages.count == len(municipal_corpus) and pages.num_pages == 3
    seen = [question.pk for number in pages.page_range for question in pages.page(number)]
    assert sorted(seen) == sorted(question.pk for question in municipal_corpus)
    assert results[30:40] == [] and results[5:5] == []
    with pytest.raises(IndexError):
        results[len(municipal_corpus)]


def test_a_stray_index_row_is_not_shown(municipal_corpus):
    best, second = selectors.faq(text="digipoort")
    # The best match left in the index while the question is no longer published (as after a
    # bulk update): the index's first window holds only it.
    Question.objects.filter(pk=best.pk).update(status=QuestionStatus.CLOSED)
    results = selectors.faq(text="digipoort")
    assert best not in results
    assert list(results) == [second] and results[0:1] == [second]
    # Unfiltered, the number found is the index's own count: it includes the stray row until the
    # services (or a rebuild) remove it.
    assert results.count() == 2
    # A page of results as the FAQ lists it leaves the stray row out too.
    assert [row.pk for row in selectors.faq_page(text="digipoort", page_size=20).object_list] == [second.pk]
    search.rebuild()
    assert selectors.faq(text="digipoort").count() == 1
