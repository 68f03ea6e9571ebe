"""Tables. Targets carry copies of their document's fields so that `GET /targets` filters
on one indexed table; the full Analysis JSON is kept per document for the contract endpoint.
Columns ending in `_folded` hold `fold()`ed text for accent-insensitive matching; on SQLite the
three of `targets` are also indexed by `targets_fts` (FTS5 trigrams, migration 0002, not a model).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = {"sqlite_autoincrement": True}  # a deleted document's id is never given out again (0003)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str | None] = mapped_column(String(255))
    media_type: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
    analysed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    doc_type: Mapped[str | None] = mapped_column(String(32), index=True)
    number: Mapped[str | None] = mapped_column(String(100))
    issued_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    issuer: Mapped[str | None] = mapped_column(Text)
    issuer_folded: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    n_targets: Mapped[int] = mapped_column(Integer, default=0)
    n_entities: Mapped[int] = mapped_column(Integer, default=0)
    n_references: Mapped[int] = mapped_column(Integer, default=0)
    n_guidance: Mapped[int] = mapped_column(Integer, default=0)


class AnalysisRow(Base):
    """The contract JSON as produced, and the text for search (kept out of the documents table)."""

    __tablename__ = "analyses"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    json: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    text_folded: Mapped[str] = mapped_column(Text)


class TargetRow(Base):
    __tablename__ = "targets"
    __table_args__ = (
        Index("ix_targets_year", "year_start", "year_end"),
        Index("ix_targets_doc_type_year", "doc_type", "year_start"),
        Index("ix_targets_unit_value", "unit", "value"),  # unit=... sorted by value reads it in order
        Index("ix_targets_year_end", "year_end"),  # year_from alone ("for this year or later")
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(32))  # the target's id inside its Analysis ("t1")
    doc_type: Mapped[str | None] = mapped_column(String(32))
    issuer: Mapped[str | None] = mapped_column(Text)
    issued_date: Mapped[dt.date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    metric: Mapped[str] = mapped_column(Text)
    value: Mapped[float] = mapped_column(Float, index=True)
    value_max: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(100), default="")
    per: Mapped[str | None] = mapped_column(String(50))
    base: Mapped[str | None] = mapped_column(Text)
    comparator: Mapped[str] = mapped_column(String(8), default="=")
    period_start: Mapped[str | None] = mapped_column(String(32))
    period_end: Mapped[str | None] = mapped_column(String(32))
    period_text: Mapped[str | None] = mapped_column(Text)
    # the years the target is for: its period, else the year the document was issued
    year_start: Mapped[int | None] = mapped_column(Integer)
    year_end: Mapped[int | None] = mapped_column(Integer)
    actors_json: Mapped[str] = mapped_column(Text, default="[]")
    indicator_id: Mapped[str | None] = mapped_column(String(100), index=True)
    indicator_name: Mapped[str | None] = mapped_column(Text)
    indicator_score: Mapped[float | None] = mapped_column(Float)
    span_start: Mapped[int] = mapped_column(Integer, default=0)
    span_end: Mapped[int] = mapped_column(Integer, default=0)
    text_folded: Mapped[str] = mapped_column(Text)  # target text and metric
    orgs_folded: Mapped[str] = mapped_column(Text)  # issuer and actors, " | "-joined
    locations_folded: Mapped[str] = mapped_column(Text)  # LOC mentions of the document


class EntityRow(Base):
    """Mentions of one (label, text) in one document, counted."""

    __tablename__ = "entities"
    __table_args__ = (Index("ix_entities_label_text", "label", "text"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    text_folded: Mapped[str] = mapped_column(Text)
    count: Mapped[int] = mapped_column(Integer, default=1)
