# SPDX-License-Identifier: EUPL-1.2
"""Full-text search over published questions and their answers, on SQLite or PostgreSQL.

One index table, ``knowledge_question_search``, holds a row per published question; migration
0002 creates it for the database in use (ADR 9):

* SQLite: an FTS5 virtual table (title, body, answer; rowid = question id) ranked with bm25.
  FTS5 has no Dutch stemmer, so the index holds the *stems* of the words (``stemming.stems``: Snowball's
  Dutch (Porter) algorithm from ``snowballstemmer``, stop words left out), and each query word
  is stemmed the same way and matched as a prefix: "zaken" and "zaak" both become "zak".
* PostgreSQL: a table with a ``tsvector`` per question built with the ``dutch`` configuration
  (the same Snowball algorithm, Dutch stop words), a GIN index, ranked with ``ts_rank``.

The services keep the index in step with the questions (``index_question`` when a question is
published or its answer changes, ``remove_question`` when it leaves the published state); no
signals. ``rebuild`` fills it from scratch (after bulk loads, and by migration 0005 when the
SQLite index changed from words to stems: a change of the stemming needs such a rebuild).
"""

# The SQL below interpolates only the constant TABLE and fixed column names; user text always
# travels as a query parameter.
# ruff: noqa: S608, S610, S611

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from .models import Answer, Question, QuestionStatus
from .stemming import stem, stems, terms

TABLE = "knowledge_question_search"


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


# --- the index table (created by migration 0002) ----------------------------------------------


def create_table(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {TABLE} USING fts5(title, body, answer, tokenize = 'unicode61 remove_diacritics 2')"
        )
    elif vendor == "postgresql":
        # No foreign key to knowledge_question: Django's flush (TRUNCATE) knows only its models'
        # tables and would be refused. The services remove a question's row; searches join the
        # ids back to the questions, so a stray row matches nothing.
        schema_editor.execute(f"CREATE TABLE {TABLE} (question_id bigint PRIMARY KEY, document tsvector NOT NULL)")
        schema_editor.execute(f"CREATE INDEX {TABLE}_document ON {TABLE} USING gin (document)")
    else:  # pragma: no cover - the project supports these two
        raise NotImplementedError(f"Full-text search is not available on {vendor}.")


def drop_table(schema_editor) -> None:
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


# --- keeping it in step -----------------------------------------------------------------------


def _rows(questions: Iterable) -> list[tuple[int, str, str, str]]:
    rows = []
    for question in questions:
        answer = getattr(question, "answer", None)  # None when there is no answer (yet)
        rows.append((question.pk, question.title, question.body or "", answer.body if answer else ""))
    return rows


def _write(rows: list[tuple[int, str, str, str]]) -> None:
    if not rows:
        return
    with connection.cursor() as cursor:
        if is_postgresql():
            cursor.executemany(
                f"INSERT INTO {TABLE} (question_id, document) VALUES (%s, "
                "setweight(to_tsvector('dutch', %s), 'A') || setweight(to_tsvector('dutch', %s), 'B') "
                "|| setweight(to_tsvector('dutch', %s), 'B')) "
                "ON CONFLICT (question_id) DO UPDATE SET document = EXCLUDED.document",
                rows,
            )
        else:
            cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [(row[0],) for row in rows])
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, title, body, answer) VALUES (%s, %s, %s, %s)",
                [(pk, stems(title), stems(body), stems(answer)) for pk, title, body, answer in rows],
            )


def index_question(question) -> None:
    """Add or refresh one published question (with its answer) in the index."""
    answer = Answer.objects.filter(question=question).values_list("body", flat=True).first()
    _write([(question.pk, question.title, question.body or "", answer or "")])


def remove_question(question) -> None:
    column = "question_id" if is_postgresql() else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE {column} = %s", [question.pk])


def index_questions(questions: QuerySet, *, batch_size: int = 2000) -> int:
    """Index many published questions at once (demo data, benchmarks); returns how many."""
    count = 0
    batch = []
    for question in questions.select_related("answer").iterator(chunk_size=batch_size):
        batch.append(question)
        if len(batch) >= batch_size:
            _write(_rows(batch))
            count += len(batch)
            batch = []
    _write(_rows(batch))
    return count + len(batch)


def rebuild(published: QuerySet | None = None) -> int:
    """Empty the index and fill it with every published question.

    ``published``: those questions, when the caller has its own model (a migration's).
    """
    if published is None:
        published = Question.objects.filter(status=QuestionStatus.PUBLISHED)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
    return index_questions(published)


# --- querying ---------------------------------------------------------------------------------


def _fts5_expression(words: list[str], *, any_word: bool) -> str:
    # Each word (and so its stem) is letters and digits only, so quoting it as an FTS5 string is
    # enough to keep operators out. The prefix, as PostgreSQL's :*, also finds compounds.
    parts = [f'"{stem(word)}"*' for word in words]
    return (" OR " if any_word else " ").join(parts)


def _tsquery_expression(words: list[str], *, any_word: bool) -> str:
    # Each word is letters and digits only; to_tsquery('dutch', ...) stems it, :* also matches longer forms.
    return (" | " if any_word else " & ").join(f"{word}:*" for word in words)


# Suggestions rank questions sharing *any* word with the asker's text. A word found in a large
# share of the documents ("gemeente", "via") then pulls in much of the corpus and says little
# about the subject, so it is left out (as a stop word list would, but measured on the corpus);
# below MIN_DOCUMENTS shares mean nothing and every word is kept.
COMMON_PERCENT = 10
MIN_DOCUMENTS = 20


def _query_expression(words: list[str], *, any_word: bool) -> str:
    if is_postgresql():
        return _tsquery_expression(words, any_word=any_word)
    return _fts5_expression(words, any_word=any_word)


def distinctive_terms(words: list[str]) -> list[str]:
    """``words`` without those found in more than COMMON_PERCENT % of the indexed questions.

    One query on both backends: the number of indexed questions and each word's document
    frequency, counted up to the threshold only (``LIMIT``) and matched exactly as a search
    matches it (Snowball stem and prefix on SQLite, Dutch stemming on PostgreSQL). On SQLite the
    rows are counted in FTS5's ``_docsize`` shadow table (one small row per document; counting
    the FTS5 table itself reads every document). When every word is common, all are kept: there
    is nothing better to rank on.
    """
    if len(words) < 2:  # leaving out the only word would leave nothing
        return words
    if is_postgresql():
        total, condition = f"SELECT COUNT(*) FROM {TABLE}", "document @@ to_tsquery('dutch', %s)"
    else:
        total, condition = f"SELECT COUNT(*) FROM {TABLE}_docsize", f"{TABLE} MATCH %s"
    threshold = f"({total}) * {COMMON_PERCENT} / 100 + 1"
    counted = f"(SELECT COUNT(*) FROM (SELECT 1 FROM {TABLE} WHERE {condition} LIMIT {threshold}) AS hits)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT ({total}), " + ", ".join([counted] * len(words)),
            [_query_expression([word], any_word=False) for word in words],
        )
        documents, *frequencies = cursor.fetchone()
    if documents < MIN_DOCUMENTS:
        return words
    limit = documents * COMMON_PERCENT // 100 + 1  # the same integer arithmetic as the query's
    kept = [word for word, frequency in zip(words, frequencies, strict=True) if frequency < limit]
    return kept or words


def best_ids(text: str, *, limit: int, any_word: bool = False) -> list[int]:
    """Ids of the best ``limit`` published questions for ``text``, ranked in the index alone.

    Cheaper than ``matching`` when no other filter applies (the suggestions while typing): the
    index holds only published questions, and ranking without the join touches no other table.
    With ``any_word`` (suggestions), words common to a large share of the questions are left out
    (``distinctive_terms``).
    """
    words = terms(text)
    if any_word:
        words = distinctive_terms(words)
    if not words:
        return []
    return _ranked_ids(_query_expression(words, any_word=any_word), limit=limit)


def _ranked_ids(expression: str, *, limit: int, offset: int = 0) -> list[int]:
    """Ids of the index rows matching ``expression`` (a prepared query), best first, one window."""
    with connection.cursor() as cursor:
        if is_postgresql():
            cursor.execute(
                f"SELECT question_id FROM {TABLE} WHERE document @@ to_tsquery('dutch', %s) "
                "ORDER BY ts_rank(document, to_tsquery('dutch', %s)) DESC, question_id DESC LIMIT %s OFFSET %s",
                [expression, expression, limit, offset],
            )
        else:
            cursor.execute(
                f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s ORDER BY bm25({TABLE}, 5.0, 1.0, 2.0), rowid DESC "
                "LIMIT %s OFFSET %s",
                [expression, limit, offset],
            )
        return [row[0] for row in cursor.fetchall()]


def _index_count(expression: str) -> int:
    """The number of index rows matching ``expression``: without the join, a tenth of the time."""
    with connection.cursor() as cursor:
        if is_postgresql():
            cursor.execute(f"SELECT COUNT(*) FROM {TABLE} WHERE document @@ to_tsquery('dutch', %s)", [expression])
        else:
            cursor.execute(f"SELECT COUNT(*) FROM {TABLE} WHERE {TABLE} MATCH %s", [expression])
        return cursor.fetchone()[0]


class SearchResults:
    """Matching questions, best first, for ``Paginator`` and templates (count, slices, iteration).

    Order: rank, then the newest id first; the same on both backends and in both ways below.

    * Filtered (a theme, a building block): the rows come from a join with the index table,
      ordered by rank.
    * Unfiltered (``ranked_in_index``): the queryset is all published questions, which is what
      the index holds, so the index ranks on its own (``ORDER BY rank LIMIT`` the page's
      window) and only the page's ids are joined back to the questions. With the join, every
      match would be joined before sorting (tens of ms for a common word at 20 k questions).

    The count never uses the join: SQLite's planner would then walk every published question and
    run the full-text match once per row (seconds at 20 k); ``id IN (SELECT rowid ... MATCH ...)``
    runs it once. Unfiltered, the index rows are counted alone (a stray row, which the window
    above leaves out, would count one too many until the services remove it).
    """

    def __init__(
        self, queryset: QuerySet, counted: QuerySet, expression: str, *, ranked_in_index: bool, ids_only: bool = False
    ):
        self._queryset = queryset
        self._counted = counted
        self._expression = expression
        self._ranked_in_index = ranked_in_index
        self._ids_only = ids_only
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = _index_count(self._expression) if self._ranked_in_index else self._counted.count()
        return self._count

    def exists(self) -> bool:
        return self._counted.exists()

    def __len__(self) -> int:
        return self.count()

    def _window(self, start: int, stop: int | None) -> list:
        if stop is None:
            stop = self.count()
        if stop <= start:
            return []
        if not self._ranked_in_index:
            joined = self._joined()
            return list((joined.values_list("pk", flat=True) if self._ids_only else joined)[start:stop])
        ids = _ranked_ids(self._expression, limit=stop - start, offset=start)
        if self._ids_only:
            return ids  # the reader of the rows leaves out any stray one
        by_id = {question.pk: question for question in self._queryset.filter(pk__in=ids)}
        if len(by_id) < len(ids):
            # A stray index row (a question no longer published): the index's window is off by
            # its place, so this window is taken the joined way, which leaves such rows out.
            return list(self._joined()[start:stop])
        return [by_id[pk] for pk in ids]

    def _joined(self) -> QuerySet:
        if is_postgresql():
            ranked = self._counted.extra(
                tables=[TABLE],
                where=[f"{TABLE}.question_id = knowledge_question.id"],
                select={"search_rank": f"-ts_rank({TABLE}.document, to_tsquery('dutch', %s))"},
                select_params=[self._expression],
            )
        else:
            ranked = self._counted.extra(
                tables=[TABLE],
                where=[f"{TABLE}.rowid = knowledge_question.id", f"{TABLE} MATCH %s"],
                params=[self._expression],
                select={"search_rank": f"bm25({TABLE}, 5.0, 1.0, 2.0)"},
            )
        return ranked.order_by("search_rank", "-pk")

    def __getitem__(self, key):
        if isinstance(key, slice):
            if key.step not in (None, 1) or (key.start or 0) < 0 or (key.stop is not None and key.stop < 0):
                raise ValueError("Search results take only forward slices without a step.")
            return self._window(key.start or 0, key.stop)
        if key < 0:
            raise IndexError("Search results take no negative index.")
        window = self._window(key, key + 1)
        if not window:
            raise IndexError(key)
        return window[0]

    def __iter__(self):
        return iter(self._window(0, None))

    def __contains__(self, item) -> bool:
        return self._counted.filter(pk=getattr(item, "pk", item)).exists()


def matching(
    queryset: QuerySet, text: str, *, any_word: bool = False, ranked_in_index: bool = False, ids_only: bool = False
) -> SearchResults:
    """``queryset`` (of questions) narrowed to those matching ``text``, best first.

    All words must match, unless ``any_word``. Words that carry no meaning are ignored; no words:
    nothing matches. ``ranked_in_index`` says that ``queryset`` holds all published questions
    (no other filter; select_related/prefetch are fine), so ranking can happen in the index alone.
    ``ids_only``: the results are the questions' ids (a page of results reads its rows itself).
    """
    words = terms(text)
    if not words:
        return SearchResults(queryset.none(), queryset.none(), "", ranked_in_index=False)
    expression = _query_expression(words, any_word=any_word)
    if is_postgresql():
        match = f"SELECT question_id FROM {TABLE} WHERE document @@ to_tsquery('dutch', %s)"
    else:
        match = f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s"
    counted = queryset.filter(pk__in=RawSQL(match, [expression]))
    return SearchResults(queryset, counted, expression, ranked_in_index=ranked_in_index, ids_only=ids_only)
