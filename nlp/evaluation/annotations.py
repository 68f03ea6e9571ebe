"""Gold annotations: one JSON file per corpus document, spans into the normalised text.

The rules for what goes in them are `corpus/GUIDELINES.md`. Files refer to
the real texts in `../shared/corpus` by id and SHA-256 of the normalised text,
so a changed text or normaliser is detected instead of scored wrongly.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from nlp.normalise import normalise_text
from nlp.schema import Comparator, DocType, GuidanceCategory

REPO = Path(__file__).resolve().parents[2]
ANNOTATIONS = REPO / "corpus" / "annotations"
SPLITS = REPO / "corpus" / "splits.json"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"

Layer = Literal["document", "targets", "references", "entities", "guidance"]
LAYERS: tuple[Layer, ...] = ("document", "targets", "references", "entities", "guidance")


class Span(BaseModel):
    start: int
    end: int
    text: str


class GoldDocument(BaseModel):
    doc_type: DocType
    number: str | None = None
    issued_date: str | None = None


class GoldPeriod(BaseModel):
    start: str | None = None
    end: str | None = None


class GoldTarget(Span):
    metric: str
    value: float
    value_max: float | None = None
    unit: str = ""
    per: str | None = None
    base: str | None = None
    comparator: Comparator = "="
    period: GoldPeriod = Field(default_factory=GoldPeriod)
    indicator: str | None = None  # catalog id, "none" when no indicator fits, null when not linked yet


class GoldReference(Span):
    number: str
    doc_type: DocType = "other"
    issued_date: str | None = None


class GoldEntity(Span):
    label: Literal["PER", "ORG", "LOC"]


class GoldGuidance(Span):
    category: GuidanceCategory


class Annotation(BaseModel):
    doc_id: str  # "raw/000", "full/012"
    sha256: str
    status: Literal["draft", "done"] = "draft"
    layers: list[Layer] = Field(default_factory=list)
    annotator: str | None = None
    notes: str | None = None
    document: GoldDocument | None = None
    targets: list[GoldTarget] = Field(default_factory=list)
    references: list[GoldReference] = Field(default_factory=list)
    entities: list[GoldEntity] = Field(default_factory=list)
    guidance: list[GoldGuidance] = Field(default_factory=list)


def corpus_path(corpus: Path | None = None) -> Path:
    env = os.environ.get("CHITIEU_CORPUS")
    return Path(corpus or env or DEFAULT_CORPUS)


def read_text(doc_id: str, corpus: Path | None = None) -> str:
    """The normalised text of a corpus document ("raw/000"); a PDF ("pdf/001") as `nlp.ingest` reads it.

    Only PDFs with a text layer are annotated: OCR output depends on the Tesseract version, so offsets
    into a scan's text would not survive another machine.
    """
    path = corpus_path(corpus) / f"{doc_id}.txt"
    if not path.exists() and (pdf := path.with_suffix(".pdf")).exists():
        from nlp.ingest import read_file

        return normalise_text(read_file(pdf, isolate=False).text)
    return normalise_text(path.read_text(encoding="utf-8"))


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def annotation_path(doc_id: str, root: Path = ANNOTATIONS) -> Path:
    return root / f"{doc_id}.json"


def load(doc_id: str, root: Path = ANNOTATIONS) -> Annotation:
    return Annotation.model_validate_json(annotation_path(doc_id, root).read_text(encoding="utf-8"))


def load_all(root: Path = ANNOTATIONS) -> list[Annotation]:
    return [
        Annotation.model_validate_json(p.read_text(encoding="utf-8"))
        for p in sorted(root.glob("*/*.json"))
    ]


def save(ann: Annotation, root: Path = ANNOTATIONS) -> Path:
    path = annotation_path(ann.doc_id, root)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = ann.model_dump(mode="json", exclude_none=False)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


def load_splits(path: Path = SPLITS) -> dict[str, str]:
    """doc_id -> "train" | "dev" | "test"."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {doc_id: split for split, ids in data["splits"].items() for doc_id in ids}


def problems(ann: Annotation, text: str) -> list[str]:
    """Everything that makes an annotation unusable: a changed text, spans off the text, overlaps."""
    out: list[str] = []
    if ann.sha256 != sha256(text):
        out.append("sha256 differs from the normalised corpus text (text or normaliser changed)")
    for layer in ("targets", "references", "entities", "guidance"):
        for i, span in enumerate(getattr(ann, layer)):
            if not (0 <= span.start < span.end <= len(text)):
                out.append(f"{layer}[{i}]: offsets {span.start}-{span.end} outside the text")
            elif text[span.start : span.end] != span.text:
                got = text[span.start : span.end][:40]
                out.append(f"{layer}[{i}]: text {span.text[:40]!r} != text[start:end] {got!r}")
    for t in ann.targets:
        if t.value_max is not None and t.comparator != "range":
            out.append(f"target {t.text[:40]!r}: value_max set but comparator is {t.comparator!r}")
    if "document" in ann.layers and ann.document is None:
        out.append("layer 'document' listed but no document fields")
    return out
