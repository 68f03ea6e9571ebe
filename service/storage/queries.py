"""The read path: filtered, sorted, paginated queries over documents, targets and entities.

Text filters compare `fold()`ed columns with folded words (every word must occur), so
accents and case never matter and `%`/`_` in a query are plain characters.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import Boolean, ColumnElement, Select, String, distinct, func, literal, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from service.storage.fold import fold, terms
from service.storage.models import AnalysisRow, Document, EntityRow, TargetRow


class has_word(FunctionElement[bool]):  # noqa: N801 - reads as a SQL function
    """`word` occurs in the (folded, lower-case) column: a plain substring test, no LIKE pattern."""

    type = Boolean()
    inherit_cache = True
    name = "has_word"


@compiles(has_word)
def _has_word_like(element: has_word, compiler, **kw) -> str:  # noqa: ANN001 - SQLAlchemy compiler
    column, word = list(element.clauses)
    return compiler.process(column.contains(word, autoescape=True), **kw)


@compiles(has_word, "sqlite")
def _has_word_sqlite(element: has_word, compiler, **kw) -> str:  # noqa: ANN001
    return f"(instr({compiler.process(element.clauses, **kw)}) > 0)"  # LIKE folds case: 3x slower


@compiles(has_word, "postgresql")
def _has_word_pg(element: has_word, compiler, **kw) -> str:  # noqa: ANN001
    return f"(strpos({compiler.process(element.clauses, **kw)}) > 0)"


def _all_words(column: ColumnElement[str], query: str | None) -> list[ColumnElement[bool]]:
    return [has_word(column, literal(word, String())) for word in terms(query)]


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


def _target_conditions(f: TargetFilter) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if f.indicator:
        conds.append(TargetRow.indicator_id == f.indicator)
    if f.doc_type:
        conds.append(TargetRow.doc_type == f.doc_type)
    if f.unit is not None and f.unit != "":
        conds.append(TargetRow.unit == f.unit)
    if f.document_id is not None:
        conds.append(TargetRow.document_id == f.document_id)
    # a target is "in" a year range when the years it is for overlap the range
    if f.year_from is not None:
        conds.append(TargetRow.year_end >= f.year_from)
    if f.year_to is not None:
        conds.append(TargetRow.year_start <= f.year_to)
    conds += _all_words(TargetRow.orgs_folded, f.issuer)
    conds += _all_words(TargetRow.locations_folded, f.location)
    conds += _all_words(TargetRow.text_folded, f.text)
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
    column = TARGET_SORTS.get(sort.lstrip("-+"), TargetRow.id)
    return [column.desc() if desc else column.asc(), TargetRow.id.desc() if desc else TargetRow.id.asc()]


def target_query(f: TargetFilter, sort: str = "id") -> Select:
    """Every matching target with its document's number and title, ordered by `sort` ("-value" descends)."""
    return (
        select(*TARGET_COLUMNS)
        .join(Document, Document.id == TargetRow.document_id)
        .where(*_target_conditions(f))
        .order_by(*_order(sort))
    )


def target_page(s: Session, f: TargetFilter, sort: str, limit: int, offset: int) -> tuple[list[tuple], int]:
    """The total, then one page: the inner query orders and cuts narrow id rows (with ORDER BY id and a
    LIMIT, SQLite stops at the 50th match), the outer one reads just the page's rows. Rows are tuples in
    TARGET_COLUMNS order (named access on 50 rows x 28 columns costs more than the SQL)."""
    total = count_targets(s, f)
    if not total or offset >= total:
        return [], total
    order = _order(sort)
    page = select(TargetRow.id).where(*_target_conditions(f)).order_by(*order).limit(limit).offset(offset)
    rows = s.execute(
        select(*TARGET_COLUMNS)
        .join(Document, Document.id == TargetRow.document_id)
        .where(TargetRow.id.in_(page.scalar_subquery()))
        .order_by(*order)
    )
    return [tuple(r) for r in rows], total


def count_targets(s: Session, f: TargetFilter) -> int:
    return s.scalar(select(func.count(TargetRow.id)).where(*_target_conditions(f))) or 0


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
    phrase = " ".join(words)
    hits: list[SearchHit] = []
    for doc, text, folded in rows:
        squeezed = " ".join(folded.split())
        score = 10.0 * squeezed.count(phrase) + sum(min(folded.count(w), 20) for w in words) / len(words)
        hits.append(SearchHit(doc, score, *_snippet(text, folded, words, window)))
    hits.sort(key=lambda h: (-h.score, -h.document.id))
    return hits[offset : offset + limit], total


def _snippet(text: str, folded: str, words: list[str], window: int) -> tuple[str, list[tuple[int, int]]]:
    """A window of the original text around the phrase (else its rarest word), every word marked."""
    phrase = re.search(r"\s+".join(map(re.escape, words)), folded)
    if phrase:
        first = phrase.start()
    else:
        rarest = min((w for w in words if w in folded), key=folded.count, default="")
        first = max(folded.find(rarest), 0) if rarest else 0
    start = max(0, first - window // 3)
    end = min(len(text), start + window * 2)
    part, part_folded = text[start:end], folded[start:end]
    marks: list[tuple[int, int]] = []
    for w in words:
        i = part_folded.find(w)
        while i >= 0:
            marks.append((i, i + len(w)))
            i = part_folded.find(w, i + len(w))
    marks.sort()
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
