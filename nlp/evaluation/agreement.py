"""Agreement of a second, independent annotation of targets with the gold one.

A bar on target F1 only means something if two annotators following corpus/GUIDELINES.md agree well above it;
where they do, what the pipeline misses is the pipeline's error, not the gold's. The second annotation is kept
in corpus/annotations/agreement/ (one JSON line per document, offsets into the normalised text like the gold files) and
scored with the eval's own matching rule.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from nlp.evaluation import annotations as A
from nlp.evaluation.scoring import PRF, match_targets
from nlp.schema import Comparator

SECOND = A.ANNOTATIONS / "agreement" / "targets-second.jsonl"


class SecondTarget(A.Span):
    """A target as the second annotator marked it: its span and value(s); the other fields are not compared."""

    value: float
    value_max: float | None = None
    unit: str = ""
    comparator: Comparator = "="


class SecondAnnotation(BaseModel):
    doc_id: str
    sha256: str
    targets: list[SecondTarget]


class AgreementError(Exception):
    """A second-annotation file that cannot be scored: unreadable, or out of step with the corpus texts."""


def load_second(path: Path = SECOND) -> list[SecondAnnotation]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise AgreementError(f"{path}: {exc.strerror or exc}") from None
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            out.append(SecondAnnotation.model_validate(json.loads(line)))
        except (ValueError, ValidationError) as exc:
            raise AgreementError(f"{path}:{n}: not a second annotation ({str(exc).splitlines()[0]})") from None
    return out


def problems(second: SecondAnnotation, text: str) -> list[str]:
    """Why the second annotation cannot be laid on `text` (empty when it can)."""
    if second.sha256 != A.sha256(text):
        return ["the corpus text changed since the second annotation (sha256 differs)"]
    return [f"span {t.start}-{t.end} does not hold {t.text[:40]!r}" for t in second.targets
            if text[t.start : t.end] != t.text]


@dataclass
class Agreement:
    """Counts with the gold as reference: a "false positive" is a target only the second annotator marked."""

    documents: int = 0
    counts: PRF = field(default_factory=PRF)
    disputes: list[dict] = field(default_factory=list)  # targets one annotation has and the other lacks


def agreement(pairs: list[tuple[A.Annotation, SecondAnnotation]]) -> Agreement:
    """Gold and second targets of the same documents (both already on the same text), matched like the eval."""
    result = Agreement()
    for gold, second in pairs:
        matched = match_targets(gold.targets, second.targets)
        result.documents += 1
        result.counts.add(len(matched), len(second.targets) - len(matched), len(gold.targets) - len(matched))
        in_gold = {g for g, _ in matched}
        in_second = {s for _, s in matched}
        for source, targets, kept in (("gold", gold.targets, in_gold), ("second", second.targets, in_second)):
            result.disputes += [
                {"doc_id": gold.doc_id, "only_in": source, "start": t.start, "end": t.end, "text": t.text,
                 "value": t.value, "value_max": t.value_max}
                for i, t in enumerate(targets) if i not in kept
            ]
    return result
