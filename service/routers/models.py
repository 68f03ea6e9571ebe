"""Response bodies of the service endpoints (the Analysis itself is `nlp.schema.Analysis`)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import orjson
from pydantic import BaseModel, Field

from nlp.schema import IndicatorLink, Period
from service.storage.models import Document
from service.storage.queries import TARGET_KEYS

Status = Literal["pending", "done", "failed"]


def _utc(t: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands back naive datetimes; they were written in UTC
    return t.replace(tzinfo=dt.UTC) if t is not None and t.tzinfo is None else t


class Counts(BaseModel):
    targets: int = 0
    entities: int = 0
    references: int = 0
    guidance: int = 0


class DocumentOut(BaseModel):
    id: int
    status: Status
    error: str | None = None
    filename: str | None = None
    media_type: str | None = None
    size: int
    sha256: str
    created_at: dt.datetime
    analysed_at: dt.datetime | None = None
    doc_type: str | None = None
    number: str | None = None
    issued_date: dt.date | None = None
    issuer: str | None = None
    title: str | None = None
    counts: Counts = Field(default_factory=Counts)
    duplicate: bool = Field(False, description="true when an upload matched a stored document")

    @classmethod
    def of(cls, d: Document, duplicate: bool = False) -> DocumentOut:
        return cls(
            id=d.id, status=d.status, error=d.error, filename=d.filename, media_type=d.media_type,
            size=d.size, sha256=d.sha256, created_at=_utc(d.created_at), analysed_at=_utc(d.analysed_at),
            doc_type=d.doc_type, number=d.number, issued_date=d.issued_date, issuer=d.issuer, title=d.title,
            counts=Counts(targets=d.n_targets, entities=d.n_entities, references=d.n_references,
                          guidance=d.n_guidance),
            duplicate=duplicate,
        )


class DocumentList(BaseModel):
    items: list[DocumentOut]
    total: int


class DocumentRef(BaseModel):
    id: int
    doc_type: str | None = None
    number: str | None = None
    title: str | None = None
    issuer: str | None = None
    issued_date: dt.date | None = None
    filename: str | None = None


class TargetItem(BaseModel):
    id: int = Field(description="row id in the service")
    key: str = Field(description="the target's id inside its document's Analysis (t1, t2…)")
    document: DocumentRef
    text: str
    metric: str
    value: float
    value_max: float | None = None
    unit: str
    per: str | None = None
    base: str | None = None
    comparator: str
    period: Period
    year_start: int | None = None
    year_end: int | None = None
    actors: list[str]
    indicator: IndicatorLink | None = None
    start: int
    end: int


_TARGET_ROW = (
    "id", "key", "document_id", "doc_type", "issuer", "issued_date", "text", "metric", "value", "value_max",
    "unit", "per", "base", "comparator", "period_start", "period_end", "period_text", "year_start", "year_end",
    "actors_json", "indicator_id", "indicator_name", "indicator_score", "span_start", "span_end", "number",
    "title", "filename",
)
if TARGET_KEYS != _TARGET_ROW:  # target_dict unpacks rows by position
    raise RuntimeError("TARGET_COLUMNS changed: update target_dict")


def target_dict(row: tuple) -> dict:
    """A stored target (a tuple in TARGET_COLUMNS order) as the JSON of `TargetItem`, built directly
    because pages of targets are what the service serves most. `issued_date` is a date, or already its
    ISO text (SQLite pages come as JSON)."""
    (id_, key, document_id, doc_type, issuer, issued, text, metric, value, value_max, unit, per, base, comparator,
     period_start, period_end, period_text, year_start, year_end, actors_json, indicator_id, indicator_name,
     indicator_score, span_start, span_end, number, title, filename) = row
    indicator = None
    if indicator_id:
        indicator = {"id": indicator_id, "name": indicator_name or indicator_id, "score": indicator_score or 0.0}
    return {
        "id": id_, "key": key,
        "document": {"id": document_id, "doc_type": doc_type, "number": number, "title": title, "issuer": issuer,
                     "issued_date": issued if issued is None or isinstance(issued, str) else issued.isoformat(),
                     "filename": filename},
        "text": text, "metric": metric, "value": value, "value_max": value_max, "unit": unit, "per": per,
        "base": base, "comparator": comparator,
        "period": {"start": period_start, "end": period_end, "text": period_text},
        "year_start": year_start, "year_end": year_end, "actors": orjson.loads(actors_json or "[]"),
        "indicator": indicator, "start": span_start, "end": span_end,
    }


class TargetList(BaseModel):
    items: list[TargetItem]
    total: int


class EntityItem(BaseModel):
    label: str
    text: str
    mentions: int = Field(description="mentions across all documents")
    documents: int = Field(description="documents that mention it")


class EntityList(BaseModel):
    items: list[EntityItem]
    total: int


class IndicatorItem(BaseModel):
    id: str
    name: str
    unit: str | None = None
    period: str | None = None
    aliases: list[str] = Field(default_factory=list)
    source: str | None = None
    targets: int = Field(0, description="stored targets linked to it")
    documents: int = Field(0, description="documents with such targets")


class IndicatorList(BaseModel):
    items: list[IndicatorItem]
    total: int


class IndicatorTargets(TargetList):
    indicator: IndicatorItem


class SearchItem(BaseModel):
    document: DocumentOut
    score: float
    snippet: str
    highlights: list[tuple[int, int]] = Field(description="[start, end) of matched words in the snippet")


class SearchList(BaseModel):
    items: list[SearchItem]
    total: int
