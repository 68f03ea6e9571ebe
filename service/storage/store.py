"""The write path: documents in, analyses stored, rows for fast target queries derived."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from nlp.schema import Analysis, TargetOut
from service.storage.db import has_target_fts, make_engine, migrate, sqlite_path
from service.storage.fold import fold
from service.storage.models import AnalysisRow, Document, EntityRow, TargetRow

DocumentRow = Document


def _year(iso: str | None) -> int | None:
    if iso and len(iso) >= 4 and iso[:4].isdigit():
        return int(iso[:4])
    return None


def _date(iso: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


class Store:
    """Lazily connected: the database (and its file) is created on first use, migrated once."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._fts = False
        self._lock = threading.Lock()

    # ------------------------------------------------------------ connection

    def exists(self) -> bool:
        """False only for a SQLite file not created yet (then nothing can be pending)."""
        path = sqlite_path(self.url)
        return path is None or Path(path).exists()

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            with self._lock:
                if self._engine is None:
                    engine = make_engine(self.url)
                    migrate(engine)
                    self._fts = has_target_fts(engine)
                    self._sessions = sessionmaker(engine, expire_on_commit=False)
                    self._engine = engine
        return self._engine

    @property
    def fts(self) -> bool:
        """Whether text filters on targets can use the trigram index (SQLite with FTS5, migration 0002)."""
        _ = self.engine
        return self._fts

    @contextmanager
    def session(self) -> Iterator[Session]:
        _ = self.engine
        assert self._sessions is not None
        with self._sessions() as s:
            yield s

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A plain connection for Core reads: the hot read paths need no ORM session (less work per query)."""
        with self.engine.connect() as conn:
            yield conn

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()

    # ------------------------------------------------------------ documents

    def get(self, doc_id: int) -> Document | None:
        with self.session() as s:
            return s.get(Document, doc_id)

    def find_by_sha(self, sha256: str) -> Document | None:
        with self.session() as s:
            return s.scalar(select(Document).where(Document.sha256 == sha256))

    def create(self, sha256: str, filename: str | None, media_type: str, size: int) -> tuple[Document, bool]:
        """Insert a pending document; with the same content already stored, return that one."""
        with self.session() as s:
            doc = Document(sha256=sha256, filename=filename, media_type=media_type, size=size, status="pending")
            s.add(doc)
            try:
                s.commit()
                return doc, True
            except IntegrityError:  # a simultaneous upload of the same bytes won the race
                s.rollback()
        existing = self.find_by_sha(sha256)
        if existing is None:
            raise RuntimeError("document vanished during a duplicate upload")
        return existing, False

    def pending_ids(self) -> list[int]:
        with self.session() as s:
            return list(s.scalars(select(Document.id).where(Document.status == "pending").order_by(Document.id)))

    def set_pending(self, doc_id: int) -> bool:
        with self.session() as s, s.begin():
            res = s.execute(update(Document).where(Document.id == doc_id).values(status="pending", error=None))
            return res.rowcount > 0

    def mark_failed(self, doc_id: int, error: str) -> None:
        with self.session() as s, s.begin():
            s.execute(
                update(Document)
                .where(Document.id == doc_id)
                .values(status="failed", error=error[:2000], analysed_at=dt.datetime.now(dt.UTC))
            )

    def delete(self, doc_id: int) -> Document | None:
        with self.session() as s, s.begin():
            doc = s.get(Document, doc_id)
            if doc is None:
                return None
            for table in (TargetRow, EntityRow, AnalysisRow):  # also where FKs are not enforced
                s.execute(delete(table).where(table.document_id == doc_id))
            s.delete(doc)
            return doc

    def analysis_json(self, doc_id: int) -> str | None:
        with self.session() as s:
            return s.scalar(select(AnalysisRow.json).where(AnalysisRow.document_id == doc_id))

    # ------------------------------------------------------------ analyses

    def save_analysis(self, doc_id: int, a: Analysis) -> bool:
        """Store one analysis and its derived rows in one transaction; False if the document is gone."""
        d = a.document
        issued = _date(d.issued_date)
        # the places the document names, and its own place ("Tân Phú, ngày 15 tháng 3 năm 2023")
        places = {fold(e.text) for e in a.entities if e.label == "LOC"} | ({fold(d.place)} if d.place else set())
        locations = " | ".join(sorted(places))
        with self.session() as s, s.begin():
            doc = s.get(Document, doc_id, with_for_update=True)
            if doc is None:
                return False
            for table in (TargetRow, EntityRow, AnalysisRow):  # re-analysis replaces everything
                s.execute(delete(table).where(table.document_id == doc_id))
            s.add(AnalysisRow(document_id=doc_id, json=a.model_dump_json(), text=a.text, text_folded=fold(a.text)))
            s.add_all(self._target_row(doc_id, t, a, issued, locations) for t in a.targets)
            counts = Counter((e.label, e.text) for e in a.entities)
            s.add_all(
                EntityRow(document_id=doc_id, label=label, text=text, text_folded=fold(text), count=n)
                for (label, text), n in counts.items()
            )
            doc.status, doc.error = "done", None
            doc.analysed_at = dt.datetime.now(dt.UTC)
            doc.doc_type, doc.number, doc.issued_date = d.doc_type, d.number, issued
            doc.issuer, doc.issuer_folded, doc.title = d.issuer, fold(d.issuer), d.title
            doc.media_type = a.source.media_type or doc.media_type
            doc.n_targets, doc.n_entities = len(a.targets), len(a.entities)
            doc.n_references, doc.n_guidance = len(a.references), len(a.guidance)
        return True

    @staticmethod
    def _target_row(doc_id: int, t: TargetOut, a: Analysis, issued: dt.date | None, locations: str) -> TargetRow:
        start = _year(t.period.start) or _year(t.period.end) or (issued.year if issued else None)
        end = _year(t.period.end) or start
        issuer = a.document.issuer
        return TargetRow(
            document_id=doc_id,
            key=t.id,
            doc_type=a.document.doc_type,
            issuer=issuer,
            issued_date=issued,
            text=t.text,
            metric=t.metric,
            value=t.value,
            value_max=t.value_max,
            unit=t.unit or "",
            per=t.per,
            base=t.base,
            comparator=t.comparator,
            period_start=t.period.start,
            period_end=t.period.end,
            period_text=t.period.text,
            year_start=start,
            year_end=end,
            actors_json=json.dumps(t.actors, ensure_ascii=False),
            indicator_id=t.indicator.id if t.indicator else None,
            indicator_name=t.indicator.name if t.indicator else None,
            indicator_score=t.indicator.score if t.indicator else None,
            span_start=t.start,
            span_end=t.end,
            text_folded=fold(f"{t.text} | {t.metric}"),
            orgs_folded=" | ".join(fold(x) for x in [issuer or "", *t.actors]),
            locations_folded=locations,
        )
