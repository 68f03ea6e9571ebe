"""Gold annotations: one JSON file per corpus document, spans into the normalised text.

The rules for what goes in them are `corpus/GUIDELINES.md`. Files refer to
the real texts in `../shared/corpus` by id and SHA-256 of the normalised text,
so a changed text or normaliser is detected instead of scored wrongly.

Scanned PDFs are read by OCR, whose output changes with the Tesseract version:
their annotations are anchored by the spans' quoted text (`anchoring: "text"`)
and moved onto whatever text this machine's OCR gives (`aligned`).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
from functools import lru_cache
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
    # "offsets": spans index the exact text whose sha256 is recorded; "text": OCR output, spans are found
    # again by their quoted text when this machine's OCR reads the scan differently
    anchoring: Literal["offsets", "text"] = "offsets"
    status: Literal["draft", "done"] = "draft"
    layers: list[Layer] = Field(default_factory=list)
    annotator: str | None = None
    notes: str | None = None
    document: GoldDocument | None = None
    targets: list[GoldTarget] = Field(default_factory=list)
    references: list[GoldReference] = Field(default_factory=list)
    entities: list[GoldEntity] = Field(default_factory=list)
    guidance: list[GoldGuidance] = Field(default_factory=list)


DOC_ID = re.compile(r"[A-Za-z0-9_-]+/[A-Za-z0-9_-]+")  # "raw/000": a folder of the corpus and a file in it


def corpus_path(corpus: Path | None = None) -> Path:
    env = os.environ.get("CHITIEU_CORPUS")
    return Path(corpus or env or DEFAULT_CORPUS)


class CorpusError(Exception):
    """A corpus document that cannot be read; the message names it and says why, for one line on stderr."""


def read_text(doc_id: str, corpus: Path | None = None) -> str:
    """The normalised text of a corpus document ("raw/000"); a PDF ("pdf/001") as `nlp.ingest` reads it."""
    from nlp.ingest import IngestError

    path = corpus_path(corpus) / f"{doc_id}.txt"
    pdf = path.with_suffix(".pdf")
    try:
        if not path.exists() and pdf.exists():
            stat = pdf.stat()
            return _read_pdf(str(pdf.resolve()), stat.st_mtime_ns, stat.st_size)
        return normalise_text(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CorpusError(f"{doc_id}: corpus text not found under {corpus_path(corpus)}") from None
    except (IngestError, OSError, UnicodeDecodeError) as exc:  # a scan without Tesseract, an unreadable file
        raise CorpusError(f"{doc_id}: {exc}") from None


@lru_cache(maxsize=16)
def _read_pdf(path: str, mtime_ns: int, size: int) -> str:
    """A scan takes seconds a page to OCR; training and eval read the same PDFs more than once."""
    from nlp.ingest import read_file

    return normalise_text(read_file(Path(path), isolate=False).text)


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


MIN_ALIGN_RATIO = 0.85  # difflib ratio a re-found span must reach against its quote
EDGE = 40  # characters of a long quote's head and tail that locate it
MAX_LOST_SHARE = 0.05  # another OCR may garble a few short spans past recognition; more means another text
DISTANCE_COST = 0.01  # per character away from where the span is expected, against a better match


def _relocate(text: str, quote: str, expected: int, taken: frozenset[int] = frozenset()) -> tuple[int, int] | None:
    """Where `quote` stands in `text` near `expected`: the nearest exact copy, else the best fuzzy match.

    First located roughly (a far exact copy loses to a near damaged one: OCR moves a span by a few characters,
    while a short quote like "UBND tỉnh" recurs all over the page), then each end is placed by an edit-distance
    match of the quote's head or tail, so characters OCR added or dropped inside the span move the end with
    them. `taken`: starts already given to another span of the layer (a damaged copy must not land on them).
    """
    if not quote or not text:
        return None
    reach = 200 + len(quote) // 4
    hits = [h for h in _occurrences(text, quote) if abs(h - expected) <= reach and h not in taken]
    if hits and len(quote) > 2 * EDGE:
        start = min(hits, key=lambda h: abs(h - expected))
        return start, start + len(quote)
    margin = 8 + len(quote) // 20
    if len(quote) <= 2 * EDGE:
        rough = _fit(text, quote, expected, reach, taken)
        start, end = _closest_match(text, quote, rough - margin, rough + len(quote) + margin, rough)
    else:
        head, tail = quote[:EDGE], quote[-EDGE:]
        rough = _fit(text, head, _anchor(text, head, expected, reach), 15, taken)
        start, _ = _closest_match(text, head, rough - margin, rough + EDGE + margin, rough)
        rough_end = _anchor(text, tail, start + len(quote) - EDGE, 20 + len(quote) // 10) + EDGE
        _, end = _closest_match(text, tail, rough_end - EDGE - margin, rough_end + margin, rough_end - EDGE)
    if start in taken or end <= start:
        return None
    if difflib.SequenceMatcher(None, text[start:end], quote, autojunk=False).ratio() < MIN_ALIGN_RATIO:
        return None
    return start, end


def _closest_match(text: str, piece: str, lo: int, hi: int, near: int) -> tuple[int, int]:
    """The substring of text[lo:hi] at the least edit distance from `piece` (the one starting nearest `near`
    among equals): approximate substring search, free to start and end anywhere in the window."""
    lo, hi = max(0, lo), min(len(text), hi)
    window = text[lo:hi]
    cost = [0] * (len(window) + 1)  # row 0: the match may start anywhere
    origin = list(range(len(window) + 1))
    for i, ch in enumerate(piece, 1):
        new_cost, new_origin = [i] + [0] * len(window), [0] + [0] * len(window)
        for j, wc in enumerate(window, 1):
            options = ((cost[j - 1] + (ch != wc), origin[j - 1]), (cost[j] + 1, origin[j]),
                       (new_cost[j - 1] + 1, new_origin[j - 1]))
            new_cost[j], new_origin[j] = min(options, key=lambda o: o[0])
        cost, origin = new_cost, new_origin
    best = min(range(len(window) + 1),
               key=lambda j: (cost[j], abs(lo + origin[j] - near), abs(j - origin[j] - len(piece))))
    return lo + origin[best], lo + best


def _occurrences(text: str, quote: str) -> list[int]:
    out, at = [], text.find(quote)
    while at >= 0:
        out.append(at)
        at = text.find(quote, at + 1)
    return out


def _anchor(text: str, piece: str, guess: int, reach: int) -> int:
    """Where `piece` starts near `guess`, by its longest run of matching characters."""
    guess = min(max(guess, 0), len(text))
    lo = max(0, guess - reach)
    window = text[lo : guess + len(piece) + reach]
    m = difflib.SequenceMatcher(None, window, piece, autojunk=False).find_longest_match(0, len(window), 0, len(piece))
    return lo + m.a - m.b if m.size else guess


def _fit(text: str, piece: str, guess: int, reach: int, taken: frozenset[int] = frozenset()) -> int:
    """The start near `guess` where `piece` fits best, a character of distance costing DISTANCE_COST."""
    def score(p: int) -> float:
        got = text[p : p + len(piece)]
        ratio = 1.0 if got == piece else difflib.SequenceMatcher(None, got, piece, autojunk=False).ratio()
        return ratio - DISTANCE_COST * abs(p - guess)

    guess = min(max(guess, 0), len(text))
    starts = [p for p in range(max(0, guess - reach), min(len(text), guess + reach) + 1) if p not in taken]
    return max(starts, key=score) if starts else guess


def aligned(ann: Annotation, text: str) -> tuple[Annotation, list[str]]:
    """The annotation with its spans on `text`, and the spans that could not be found there.

    Offset-anchored annotations and unchanged texts are returned as they are (checked by `problems`).
    """
    if ann.anchoring == "offsets" or ann.sha256 == sha256(text):
        return ann, []
    lost: list[str] = []
    moved = ann.model_copy(deep=True)
    for layer in ("targets", "references", "entities", "guidance"):
        kept = []
        shift = 0  # OCR differences accumulate: the next span is expected where the last one moved
        taken: dict[str, set[int]] = {}  # where each quote already went: a second copy must go elsewhere
        for span in sorted(getattr(moved, layer), key=lambda s: s.start):
            where = _relocate(text, span.text, span.start + shift, frozenset(taken.get(span.text, ())))
            if where is None:
                lost.append(f"{layer}: {span.text[:40]!r} not found in the text")
                continue
            shift = where[0] - span.start
            taken.setdefault(span.text, set()).add(where[0])
            span.start, span.end = where
            span.text = text[span.start : span.end]
            kept.append(span)
        setattr(moved, layer, kept)
    moved.sha256 = sha256(text)
    return moved, lost


def checked(ann: Annotation, text: str) -> tuple[Annotation, list[str]]:
    """The annotation on `text` (scans aligned once) and everything that makes it unusable: a changed
    text, spans off the text, too many spans another OCR reading lost, duplicates."""
    out: list[str] = []
    if ann.anchoring == "text":
        ann, lost = aligned(ann, text)
        spans = sum(len(getattr(ann, layer)) for layer in ("targets", "references", "entities", "guidance"))
        if len(lost) > MAX_LOST_SHARE * (spans + len(lost)):
            out += lost
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
    for layer in ("targets", "references", "entities", "guidance"):
        spans = [(x.start, x.end, getattr(x, "label", "")) for x in getattr(ann, layer)]
        if len(spans) != len(set(spans)):
            out.append(f"{layer}: the same span annotated twice")
    return ann, out


def problems(ann: Annotation, text: str) -> list[str]:
    return checked(ann, text)[1]
