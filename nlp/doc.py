"""The document object every pipeline component reads and adds to.

Components never re-read the raw input: they work on `Doc.text` (the
normalised text) and on what earlier components stored here. All offsets are
indices into `Doc.text`, end exclusive.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from nlp.schema import DocumentInfo, IndicatorLink, Source

if TYPE_CHECKING:  # spaCy is imported lazily by nlp.words
    from spacy.tokens import Doc as SpacyDoc


@dataclass(slots=True)
class Token:
    """One word of the underthesea segmentation ("kết nạp" is one token)."""

    text: str  # as in Doc.text (may contain a space or a line break between syllables)
    start: int
    end: int
    sent: int  # index into Doc.sentences


@dataclass(slots=True)
class Block:
    """A line-level unit of layout: heading, numbered/bulleted item or paragraph."""

    start: int
    end: int
    kind: Literal["heading", "item", "paragraph", "header", "signature", "caption", "noise"]
    marker: str | None = None  # "I.", "1.", "1.1.", "a)", "-", "+", "(1)", "Điều 1."
    level: int = 0  # 0 = section heading (I.), 1 = "1.", 2 = "1.1."/"a)", 3 = "-"/"+"
    sections: tuple[str, ...] = ()  # every enclosing heading, outermost first ("II. MỤC TIÊU", "1. Về kinh tế")

    @property
    def section(self) -> str | None:
        """The nearest enclosing heading."""
        return self.sections[-1] if self.sections else None


@dataclass(slots=True)
class Quantity:
    """A number expression: "3-4%/năm", "50 tỷ đồng", "ít nhất 12 xã", "01-02 đồng chí"."""

    start: int  # span of the number(s) with unit and per ("3-4%/năm")
    end: int
    text: str
    kind: Literal["percent", "money", "quantity", "number", "ratio"]
    value: float
    value_max: float | None = None
    unit: str = ""  # "%", "tỷ đồng", counted noun ("đảng viên"), "" if none
    per: str | None = None  # "năm" in "6,7%/năm", "tháng", …
    comparator: str = "="  # "=", ">=", "<=", ">", "<", "range"
    qual_start: int | None = None  # start including qualifier words ("ít nhất", "từ", "trên")
    qual_end: int | None = None  # end including trailing qualifier ("trở lên")
    denominator: float | None = None  # "32/32 chỉ tiêu", "10/7 đảng viên" (kind "ratio")


@dataclass(slots=True)
class DateMention:
    """A date or period: "ngày 31/10/2022", "năm 2023", "đến năm 2025", "giai đoạn 2021-2025"."""

    start: int
    end: int
    text: str
    kind: Literal["date", "month", "year", "year_range", "quarter", "until"]
    iso: str | None = None  # "2022-10-31" when day, month and year are known
    year_start: int | None = None
    year_end: int | None = None


@dataclass(slots=True)
class Reference:
    start: int
    end: int
    text: str
    doc_type: str = "other"
    number: str | None = None
    issued_date: str | None = None
    issuer: str | None = None
    number_start: int | None = None  # span of the số ký hiệu inside the reference
    number_end: int | None = None
    issuer_from_code: str | None = None  # the central body its code names, printed issuer or not ("NĐ-CP")


@dataclass(slots=True)
class Entity:
    start: int
    end: int
    text: str
    label: str
    source: str = "rule"  # "rule", "crf", "quantity", "date", "reference"


@dataclass(slots=True)
class Target:
    start: int
    end: int
    text: str
    metric: str
    quantity: Quantity
    cue: str | None = None
    base: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    period_text: str | None = None
    actors: list[str] = field(default_factory=list)
    sent: int = -1
    indicator: IndicatorLink | None = None  # best catalog indicator (nlp.indicators), None under the threshold
    confidence: float | None = None  # the target model's probability; None for a table row read by its headers


@dataclass(slots=True)
class GuidanceItem:
    start: int
    end: int
    text: str
    category: str = "other"
    confidence: float = 0.0
    actors: list[str] = field(default_factory=list)
    target_idx: list[int] = field(default_factory=list)
    marker: str | None = None
    indicator_ids: list[str] = field(default_factory=list)  # up to 3 catalog indicators that would measure it


def _starting_in(items: list[Any], start: int, end: int) -> list[Any]:
    return items[bisect_left(items, start, key=_start_of) : bisect_left(items, end, key=_start_of)]


def _start_of(item: Any) -> int:  # noqa: ANN401 - any span with a start
    return item.start


@dataclass
class Doc:
    text: str
    source: Source = field(default_factory=Source)
    info: DocumentInfo = field(default_factory=DocumentInfo)
    blocks: list[Block] = field(default_factory=list)
    header_end: int = 0  # offset where the body starts (after title/trích yếu)
    # the header's "Số: …" as printed, legible or not ("Số: Ê§0 /TB-UBND" where the number is written in by hand)
    number_span: tuple[int, int] | None = None
    sentences: list[tuple[int, int]] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    sent_tokens: list[tuple[int, int]] = field(default_factory=list)  # token index range per sentence
    token_starts: list[int] = field(default_factory=list)  # tokens[i].start, for bisect
    spacy_doc: SpacyDoc | None = None  # built from `tokens`; token i <-> tokens[i]
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    guidance: list[GuidanceItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)
    _by_start: tuple[list[Entity], int, list[Entity]] | None = field(default=None, repr=False, compare=False)

    def quantities_in(self, start: int, end: int) -> list[Quantity]:
        """Quantities starting inside text[start:end] (binary search: `quantities` are ordered by start), so a
        number's neighbours are found without walking the whole document for each number."""
        return _starting_in(self.quantities, start, end)

    def entities_in(self, start: int, end: int) -> list[Entity]:
        """Entities starting inside text[start:end], in the order of `entities` among equal starts (`entities` is
        not ordered by start: numeric entities follow the names, so an ordered copy is kept while it is current)."""
        if self._by_start is None or self._by_start[0] is not self.entities or self._by_start[1] != len(self.entities):
            self._by_start = (self.entities, len(self.entities), sorted(self.entities, key=_start_of))
        return _starting_in(self._by_start[2], start, end)

    def references_in(self, start: int, end: int) -> list[Reference]:
        """References starting inside text[start:end] (`references` are in text order, as found)."""
        return _starting_in(self.references, start, end)

    def dates_in(self, start: int, end: int) -> list[DateMention]:
        """Date mentions starting inside text[start:end] (`dates` are ordered by start)."""
        return _starting_in(self.dates, start, end)

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """Tokens starting inside text[start:end] (binary search over `token_starts`)."""
        return self.tokens[bisect_left(self.token_starts, start) : bisect_left(self.token_starts, end)]

    def block_index(self, offset: int) -> int:
        """Index of the block containing `offset` (binary search: blocks are ordered and do not overlap), -1 if none."""
        i = bisect_right(self.blocks, offset, key=lambda b: b.start) - 1
        return i if i >= 0 and offset < self.blocks[i].end else -1

    def block_of(self, offset: int) -> Block | None:
        """The block containing `offset`, None if none."""
        i = self.block_index(offset)
        return self.blocks[i] if i >= 0 else None

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence containing `offset` (binary search), -1 if none."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s, e = self.sentences[mid]
            if offset < s:
                hi = mid - 1
            elif offset >= e:
                lo = mid + 1
            else:
                return mid
        return -1
