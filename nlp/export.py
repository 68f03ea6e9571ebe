"""Turn the internal `Doc` into the contract's `Analysis`."""

from __future__ import annotations

from nlp.doc import Doc
from nlp.schema import (
    Analysis,
    EntityOut,
    GuidanceOut,
    Period,
    ReferenceOut,
    SentenceOut,
    TargetOut,
)


def to_analysis(doc: Doc) -> Analysis:
    target_ids = [f"t{i + 1}" for i in range(len(doc.targets))]
    targets = []
    for tid, t in zip(target_ids, doc.targets, strict=True):
        q = t.quantity
        targets.append(
            TargetOut(
                id=tid, text=t.text, start=t.start, end=t.end, metric=t.metric,
                value=q.value, value_max=q.value_max, unit=q.unit, per=q.per, base=t.base,
                comparator=q.comparator,  # type: ignore[arg-type]
                period=Period(start=t.period_start, end=t.period_end, text=t.period_text),
                actors=t.actors, cue=t.cue, indicator=t.indicator,
                confidence=None if t.confidence is None else round(t.confidence, 3),
            )
        )
    guidance = [
        GuidanceOut(
            id=f"g{i + 1}", text=g.text, start=g.start, end=g.end,
            category=g.category,  # type: ignore[arg-type]
            confidence=round(g.confidence, 3), actors=g.actors,
            target_ids=[target_ids[j] for j in g.target_idx], marker=g.marker,
            indicator_ids=g.indicator_ids,
        )
        for i, g in enumerate(doc.guidance)
    ]
    return Analysis(
        text=doc.text,
        source=doc.source,
        document=doc.info,
        sentences=[SentenceOut(start=s, end=e) for s, e in doc.sentences],
        entities=[
            EntityOut(text=e.text, label=e.label, start=e.start, end=e.end)  # type: ignore[arg-type]
            for e in sorted(doc.entities, key=lambda e: (e.start, e.end))
        ],
        references=[
            ReferenceOut(
                text=r.text, doc_type=r.doc_type, number=r.number,  # type: ignore[arg-type]
                issued_date=r.issued_date, issuer=r.issuer, issuer_from_code=r.issuer_from_code, start=r.start,
                end=r.end,
            )
            for r in doc.references
        ],
        targets=targets,
        guidance=guidance,
        warnings=doc.warnings,
    )
