"""The read path: filtered, sorted, paginated queries over documents, targets and entities.

Text filters compare `fold()`ed columns with folded words (every word must occur), so
accents and case never matter and `%`/`_` in a query are plain characters.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

import orjson
from sqlalchemy import (
    Boolean,
    Column,
    ColumnElement,
    Connection,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    bindparam,
    distinct,
    func,
    literal,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from service.storage.fold import fold, pg_word_regex, terms, word_pattern
from service.storage.models import AnalysisRow, Document, EntityRow, TargetRow


class has_word(FunctionElement[bool]):  # noqa: N801 - reads as a SQL function
    """`has_word(column, word, pg_regex)`: `word` stands alone in the (folded) column (`fold.has_word`).

    A plain substring test comes first (cheap, and no LIKE pattern); the whole-word test runs on the rows
    that pass it: on SQLite the registered Python function `chitieu_has_word` (`db.make_engine`), on
    PostgreSQL a regular expression (`fold.pg_word_regex`, passed in as the third argument)."""

    type = Boolean()
    inherit_cache = True
    name = "has_word"


@compiles(has_word)
def _has_word_like(element: has_word, compiler, **kw) -> str:  # noqa: ANN001 - SQLAlchemy compiler
    column, word, _ = list(element.clauses)
    return compiler.process(column.contains(word, autoescape=True), **kw)  # substring only: no word test here


@compiles(has_word, "sqlite")
def _has_word_sqlite(element: has_word, compiler, **kw) -> str:  # noqa: ANN001
    column, word = (compiler.process(c, **kw) for c in list(element.clauses)[:2])
    # instr, not LIKE: LIKE folds case and is 3x slower
    return f"(instr({column}, {word}) > 0 AND chitieu_has_word({column}, {word}))"


@compiles(has_word, "postgresql")
def _has_word_pg(element: has_word, compiler, **kw) -> str:  # noqa: ANN001
    column, word, regex = (compiler.process(c, **kw) for c in element.clauses)
    return f"(strpos({column}, {word}) > 0 AND {column} ~ {regex})"


def _word_test(column: ColumnElement[str], word: str) -> has_word:
    return has_word(column, literal(word, String()), literal(pg_word_regex(word), String()))


def _all_words(column: ColumnElement[str], query: str | None) -> list[ColumnElement[bool]]:
    return [_word_test(column, word) for word in terms(query)]


@dataclass
class DocumentFilter:
    doc_type: str | None = None
    issuer: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str | None = None
    status: str | None = None


def list_documents(s: Session, f: DocumentFilter, limit: int, offset: int) -> tuple[list[Document], int]:
    conds: list[ColumnElement[bool]] = []
    if f.doc_type:
        conds.append(Document.doc_type == f.doc_type)
    if f.status:
        conds.append(Document.status == f.status)
    conds += _all_words(Document.issuer_folded, f.issuer)
    if f.date_from:
        conds.append(Document.issued_date >= f.date_from)
    if f.date_to:
        conds.append(Document.issued_date <= f.date_to)
    words = terms(f.text)
    if words:  # every word in the document's text (its title is part of it)
        in_text = select(AnalysisRow.document_id).where(*_all_words(AnalysisRow.text_folded, f.text))
        conds.append(Document.id.in_(in_text))
    total = s.scalar(select(func.count(Document.id)).where(*conds)) or 0
    rows = s.scalars(select(Document).where(*conds).order_by(Document.id.desc()).limit(limit).offset(offset))
    return list(rows), total


# ---------------------------------------------------------------- targets


@dataclass
class TargetFilter:
    indicator: str | None = None
    issuer: str | None = None
    location: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    doc_type: str | None = None
    unit: str | None = None
    text: str | None = None
    document_id: int | None = None


TARGET_SORTS: dict[str, ColumnElement] = {
    "id": TargetRow.id,
    "value": TargetRow.value,
    "year": TargetRow.year_start,
    "issued_date": TargetRow.issued_date,
    "doc_type": TargetRow.doc_type,
    "unit": TargetRow.unit,
    "metric": TargetRow.metric,
    "issuer": TargetRow.issuer,
    "document_id": TargetRow.document_id,
}


# The targets statements are built once per *shape* (which filters are set, which words are tested on
# the rows, whether the word index is used, the sort) with named parameters, cached, and executed with
# each request's values: building a 28-column SELECT, its cache key and its result map on every request
# cost more than the SQL itself. A shape is a tuple of entries: a key of _SCALARS, "text:0" (the first
# word tested on the row's folded text; parameters "text_0" and, for PostgreSQL, "text_0_re"), or "fts"
# (every word, one MATCH of the word index).
_Shape = tuple[str, ...]

# the word index of migration 0004 (SQLite FTS5): not a model, so that create_all and autogenerate
# leave it to the migration; `targets_fts MATCH` is FTS5's query syntax
_fts = Table("targets_fts", MetaData(), Column("rowid", Integer), Column("targets_fts", String))
_TOKEN = re.compile(r"[^\W_]+")  # the index's tokens: runs of letters and digits (`fold.word_pattern`)
_TEXT_COLUMNS = {"issuer": TargetRow.orgs_folded, "location": TargetRow.locations_folded, "text": TargetRow.text_folded}
_SCALARS: dict[str, ColumnElement[bool]] = {
    "indicator": TargetRow.indicator_id == bindparam("indicator", type_=String()),
    "doc_type": TargetRow.doc_type == bindparam("doc_type", type_=String()),
    "unit": TargetRow.unit == bindparam("unit", type_=String()),
    "document_id": TargetRow.document_id == bindparam("document_id", type_=Integer()),
    # a target is "in" a year range when the years it is for overlap the range
    "year_from": TargetRow.year_end >= bindparam("year_from", type_=Integer()),
    "year_to": TargetRow.year_start <= bindparam("year_to", type_=Integer()),
}


def _target_where(f: TargetFilter, fts: bool) -> tuple[_Shape, dict]:
    """The shape of the filter's WHERE clause and its parameters' values."""
    values = {
        "indicator": f.indicator or None, "doc_type": f.doc_type or None, "unit": f.unit or None,
        "document_id": f.document_id, "year_from": f.year_from, "year_to": f.year_to,
    }
    params = {k: v for k, v in values.items() if v is not None}
    shape = list(params)
    # every word of a text filter must stand alone in its folded column. The word index answers a word of
    # letters and digits by itself; a word holding punctuation ("3-4%", "117-kh/hu") is the phrase of its
    # tokens there, and the rows it finds are tested for the word as written.
    phrases: list[str] = []
    for name, column in _TEXT_COLUMNS.items():
        for i, word in enumerate(terms(getattr(f, name))):
            tokens = _TOKEN.findall(word)
            if fts and tokens:
                phrases.append(f'{column.key}:"{" ".join(tokens)}"')
            # the index splits "0,5" into "0" and "5": a number's edge is tested on the rows
            if not (fts and tokens == [word] and not word[0].isdigit() and not word[-1].isdigit()):
                shape.append(f"{name}:{i}")
                params[f"{name}_{i}"] = word
                params[f"{name}_{i}_re"] = pg_word_regex(word)
    if phrases:
        shape.append("fts")
        params["fts"] = " AND ".join(phrases)
    return tuple(shape), params


def _fts_match() -> ColumnElement[bool]:
    return _fts.c.targets_fts.op("MATCH")(bindparam("fts", type_=String()))


def _conditions(shape: _Shape) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    for entry in shape:
        if entry in _SCALARS:
            conds.append(_SCALARS[entry])
        elif entry == "fts":
            conds.append(TargetRow.id.in_(select(_fts.c.rowid).where(_fts_match())))
        else:
            name, i = entry.split(":")
            word, regex = bindparam(f"{name}_{i}", type_=String()), bindparam(f"{name}_{i}_re", type_=String())
            conds.append(has_word(_TEXT_COLUMNS[name], word, regex))
    return conds


# what a target row shows: no folded search columns, so sorts and pages stay narrow
TARGET_COLUMNS = (
    TargetRow.id, TargetRow.key, TargetRow.document_id, TargetRow.doc_type, TargetRow.issuer,
    TargetRow.issued_date, TargetRow.text, TargetRow.metric, TargetRow.value, TargetRow.value_max,
    TargetRow.unit, TargetRow.per, TargetRow.base, TargetRow.comparator, TargetRow.period_start,
    TargetRow.period_end, TargetRow.period_text, TargetRow.year_start, TargetRow.year_end,
    TargetRow.actors_json, TargetRow.indicator_id, TargetRow.indicator_name, TargetRow.indicator_score,
    TargetRow.span_start, TargetRow.span_end, Document.number, Document.title, Document.filename,
)
TARGET_KEYS = tuple(c.key for c in TARGET_COLUMNS)


def _order(sort: str) -> list[ColumnElement]:
    desc = sort.startswith("-")
    column = TARGET_SORTS.get(sort.lstrip("-+ "), TargetRow.id)
    return [column.desc() if desc else column.asc(), TargetRow.id.desc() if desc else TargetRow.id.asc()]


def _sort_key(sort: str) -> str:
    """`sort` reduced to what `_order` distinguishes (unknown names sort by id), for the statement cache."""
    name = sort.lstrip("-+ ")
    return ("-" if sort.startswith("-") else "") + (name if name in TARGET_SORTS else "id")


def _rows(conds: list[ColumnElement[bool]], sort: str) -> Select:
    """Targets as TARGET_COLUMNS (with their document's number, title and file name), sorted."""
    return (
        select(*TARGET_COLUMNS)
        .join(Document, Document.id == TargetRow.document_id)
        .where(*conds)
        .order_by(*_order(sort))
    )


@lru_cache(maxsize=256)
def _count_statement(shape: _Shape) -> Select:
    if shape == ("fts",):  # the index alone (kept in step with the table by triggers) has the count
        return select(func.count()).select_from(_fts).where(_fts_match())
    # count(*), not count(id): SQLite counts a whole table without reading it
    return select(func.count()).select_from(TargetRow).where(*_conditions(shape))


def _page_ids(shape: _Shape, sort: str) -> ColumnElement[bool]:
    """`targets.id IN (the page's ids)`: the subquery orders and cuts narrow id rows."""
    if shape == ("fts",) and sort in ("id", "-id"):  # the index yields its rows in id order: stop at the page
        page = select(_fts.c.rowid).where(_fts_match()).order_by(_fts.c.rowid.desc() if sort == "-id" else _fts.c.rowid)
    else:
        page = select(TargetRow.id).where(*_conditions(shape)).order_by(*_order(sort))
    page = page.limit(bindparam("limit", type_=Integer())).offset(bindparam("offset", type_=Integer()))
    return TargetRow.id.in_(page.scalar_subquery())


@lru_cache(maxsize=512)
def _page_statement(shape: _Shape, sort: str) -> Select:
    return _rows([_page_ids(shape, sort)], sort)


# positions of the REAL columns in TARGET_COLUMNS: quote()d in the SQLite JSON page (below)
_REALS = tuple(i for i, c in enumerate(TARGET_COLUMNS) if c.key in ("value", "value_max", "indicator_score"))


@lru_cache(maxsize=512)
def _page_json_statement(shape: _Shape, sort: str) -> Select:
    """SQLite: the page as one JSON text, `[[n, *TARGET_COLUMNS], ...]` with n its rank in the sort.

    Python's sqlite3 releases the GIL at each row it steps through and must win it back for the next one:
    with the event loop and another read wanting it too, 50 rows cost 50 waits (reading a page took 5-6
    times its single-thread CPU). One row holding the whole page is one wait. REALs go through quote(),
    which keeps every digit (JSON numbers from SQLite keep 15); n restores the order, which an aggregate
    does not promise."""
    columns = [func.quote(c) if i in _REALS else c for i, c in enumerate(TARGET_COLUMNS)]
    ranked = (
        select(func.row_number().over(order_by=_order(sort)).label("n"), *(c.label(f"c{i}") for i, c in enumerate(columns)))
        .select_from(TargetRow)
        .join(Document, Document.id == TargetRow.document_id)
        .where(_page_ids(shape, sort))
        .subquery()
    )
    return select(func.json_group_array(func.json_array(*ranked.c)))


def _json_page_rows(text: str | None) -> list[tuple]:
    ranked = sorted(orjson.loads(text or "[]"), key=itemgetter(0))
    for row in ranked:
        for i in _REALS:
            row[i + 1] = None if row[i + 1] == "NULL" else float(row[i + 1])
    return [tuple(row[1:]) for row in ranked]


@lru_cache(maxsize=256)
def _all_statement(shape: _Shape, sort: str) -> Select:
    return _rows(_conditions(shape), sort)


def target_query(f: TargetFilter, sort: str = "id", fts: bool = False) -> tuple[Select, dict]:
    """Every matching target with its document's number and title, ordered by `sort` ("-value" descends),
    and the parameters to execute it with; `fts`: the trigram index exists (`Store.fts`)."""
    shape, params = _target_where(f, fts)
    return _all_statement(shape, _sort_key(sort)), params


def target_page(
    s: Connection | Session, f: TargetFilter, sort: str, limit: int, offset: int, fts: bool = False
) -> tuple[list[tuple], int]:
    """One page and the total. The page query orders and cuts narrow id rows in a subquery (with ORDER BY id
    and a LIMIT, SQLite stops at the 50th match) and reads just the page's rows, on SQLite as one JSON
    value (`_page_json_statement`); the total needs a COUNT only when the page does not tell it (a full
    page, or an offset past the end). Rows are tuples in TARGET_COLUMNS order (named access on 50 rows x
    28 columns costs more than the SQL). `fts`: the trigram index exists (`Store.fts`)."""
    shape, params = _target_where(f, fts)
    page_params = {**params, "limit": limit, "offset": offset}
    dialect = s.dialect if isinstance(s, Connection) else s.get_bind().dialect
    if dialect.name == "sqlite":
        rows = _json_page_rows(s.execute(_page_json_statement(shape, _sort_key(sort)), page_params).scalar())
    else:
        rows = [tuple(r) for r in s.execute(_page_statement(shape, _sort_key(sort)), page_params).all()]
    if 0 < len(rows) < limit or (not rows and not offset):
        return rows, offset + len(rows)
    return rows, s.execute(_count_statement(shape), params).scalar() or 0


def count_targets(s: Connection | Session, f: TargetFilter, fts: bool = False) -> int:
    shape, params = _target_where(f, fts)
    return s.execute(_count_statement(shape), params).scalar() or 0


def unit_counts(s: Session) -> list[tuple[str, int]]:
    q = select(TargetRow.unit, func.count()).group_by(TargetRow.unit).order_by(func.count().desc())
    return [(u, n) for u, n in s.execute(q)]


# ---------------------------------------------------------------- entities


def aggregate_entities(
    s: Session, label: str | None, text: str | None, limit: int, offset: int
) -> tuple[list[dict], int]:
    conds: list[ColumnElement[bool]] = []
    if label:
        conds.append(EntityRow.label == label)
    conds += _all_words(EntityRow.text_folded, text)
    mentions = func.sum(EntityRow.count).label("mentions")
    q = (
        select(EntityRow.label, EntityRow.text, mentions, func.count(distinct(EntityRow.document_id)))
        .where(*conds)
        .group_by(EntityRow.label, EntityRow.text)
    )
    total = s.scalar(select(func.count()).select_from(q.subquery())) or 0
    rows = s.execute(q.order_by(mentions.desc(), EntityRow.label, EntityRow.text).limit(limit).offset(offset))
    items = [{"label": lb, "text": tx, "mentions": int(m), "documents": int(d)} for lb, tx, m, d in rows]
    return items, total


# ---------------------------------------------------------------- indicators


def indicator_stats(s: Session) -> dict[str, dict]:
    """Per indicator id seen on stored targets: its name, target and document counts."""
    q = (
        select(
            TargetRow.indicator_id,
            func.max(TargetRow.indicator_name),
            func.count(TargetRow.id),
            func.count(distinct(TargetRow.document_id)),
        )
        .where(TargetRow.indicator_id.is_not(None))
        .group_by(TargetRow.indicator_id)
    )
    return {i: {"name": n, "targets": int(t), "documents": int(d)} for i, n, t, d in s.execute(q)}


# ---------------------------------------------------------------- search


@dataclass
class SearchHit:
    document: Document
    score: float
    snippet: str
    highlights: list[tuple[int, int]]


def search_documents(s: Session, query: str, limit: int, offset: int, window: int = 90) -> tuple[list[SearchHit], int]:
    """Documents holding every folded word of `query`; the whole phrase ranks first."""
    words = terms(query)
    if not words:
        return [], 0
    conds = _all_words(AnalysisRow.text_folded, query)
    total = s.scalar(select(func.count(AnalysisRow.document_id)).where(*conds)) or 0
    rows = s.execute(
        select(Document, AnalysisRow.text, AnalysisRow.text_folded)
        .join(AnalysisRow, AnalysisRow.document_id == Document.id)
        .where(*conds)
        .order_by(Document.id.desc())
        .limit(2000)  # ranking is done here on at most this many candidates
    )
    phrase = word_pattern(*words)
    hits: list[SearchHit] = []
    for doc, text, folded in rows:
        counts = [min(len(word_pattern(w).findall(folded)), 20) for w in words]
        score = 10.0 * len(phrase.findall(folded)) + sum(counts) / len(words)
        hits.append(SearchHit(doc, score, *_snippet(text, folded, words, window)))
    hits.sort(key=lambda h: (-h.score, -h.document.id))
    return hits[offset : offset + limit], total


def _snippet(text: str, folded: str, words: list[str], window: int) -> tuple[str, list[tuple[int, int]]]:
    """A window of the original text around the phrase (else its rarest word), every word marked."""
    phrase = word_pattern(*words).search(folded)
    if phrase:
        first = phrase.start()
    else:
        found = [m for m in (word_pattern(w).search(folded) for w in words) if m]
        rarest = min(found, key=lambda m: len(word_pattern(m.group()).findall(folded)), default=None)
        first = rarest.start() if rarest else 0
    start = max(0, first - window // 3)
    end = min(len(text), start + window * 2)
    part = text[start:end]
    marks = sorted((m.start() - start, m.end() - start) for w in words for m in word_pattern(w).finditer(folded, start, end))
    merged: list[tuple[int, int]] = []
    for a, b in marks:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    prefix = "…" if start > 0 else ""
    shift = len(prefix)
    snippet = prefix + part.replace("\n", " ") + ("…" if end < len(text) else "")
    return snippet, [(a + shift, b + shift) for a, b in merged]


__all__ = [
    "DocumentFilter", "SearchHit", "TargetFilter", "aggregate_entities", "count_targets", "fold",
    "indicator_stats", "list_documents", "search_documents", "target_page", "target_query", "unit_counts",
]
