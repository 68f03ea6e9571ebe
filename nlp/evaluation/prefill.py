"""Draft annotations from the pipeline's output, for annotators to correct."""

from __future__ import annotations

from pathlib import Path

from nlp.evaluation.annotations import (
    Annotation,
    GoldDocument,
    GoldEntity,
    GoldGuidance,
    GoldPeriod,
    GoldReference,
    GoldTarget,
    read_text,
    sha256,
)
from nlp.pipeline import analyze_text


def draft(doc_id: str, corpus: Path | None = None) -> Annotation:
    text = read_text(doc_id, corpus)
    a = analyze_text(text)
    assert a.text == text, "the pipeline must not change an already normalised text"
    d = a.document
    return Annotation(
        doc_id=doc_id,
        sha256=sha256(text),
        status="draft",
        layers=[],
        document=GoldDocument(doc_type=d.doc_type, number=d.number, issued_date=d.issued_date),
        targets=[
            GoldTarget(
                start=t.start, end=t.end, text=t.text, metric=t.metric, value=t.value, value_max=t.value_max,
                unit=t.unit, per=t.per, base=t.base, comparator=t.comparator,
                period=GoldPeriod(start=t.period.start, end=t.period.end),
                indicator=t.indicator.id if t.indicator else None,
            )
            for t in a.targets
        ],
        references=[
            GoldReference(
                start=r.start, end=r.end, text=r.text, number=r.number or "", doc_type=r.doc_type,
                issued_date=r.issued_date,
            )
            for r in a.references
            if r.number
        ],
        entities=[
            GoldEntity(start=e.start, end=e.end, text=e.text, label=e.label)  # type: ignore[arg-type]
            for e in a.entities
            if e.label in {"PER", "ORG", "LOC"}
        ],
        guidance=[GoldGuidance(start=g.start, end=g.end, text=g.text, category=g.category) for g in a.guidance],
    )
