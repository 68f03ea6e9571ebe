"""Response bodies of the service endpoints (the Analysis itself is `nlp.schema.Analysis`)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Literal

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


def target_dict(row: tuple) -> dict:
    """A stored target (a tuple in TARGET_COLUMNS order) as the JSON of `TargetItem`, built directly
    because pages of targets are what the service serves most."""
    r = dict(zip(TARGET_KEYS, row, strict=True))
    indicator = None
    if r["indicator_id"]:
        indicator = {"id": r["indicator_id"], "name": r["indicator_name"] or r["indicator_id"],
                     "score": r["indicator_score"] or 0.0}
    issued = r["issued_date"]
    return {
        "id": r["id"], "key": r["key"],
        "document": {"id": r["document_id"], "doc_type": r["doc_type"], "number": r["number"], "title": r["title"],
                     "issuer": r["issuer"], "issued_date": issued.isoformat() if issued else None,
                     "filename": r["filename"]},
        "text": r["text"], "metric": r["metric"], "value": r["value"], "value_max": r["value_max"],
        "unit": r["unit"], "per": r["per"], "base": r["base"], "comparator": r["comparator"],
        "period": {"start": r["period_start"], "end": r["period_end"], "text": r["period_text"]},
        "year_start": r["year_start"], "year_end": r["year_end"], "actors": json.loads(r["actors_json"] or "[]"),
        "indicator": indicator, "start": r["span_start"], "end": r["span_end"],
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
