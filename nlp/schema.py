"""The output contract (`shared/spec/analysis.md`) as pydantic models.

Everything that leaves `nlp` (CLI JSON, API responses, batch files) is one of
these, so the contract is checked in one place.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

SCHEMA_VERSION = "1"

DocType = Literal[
    "nghi_quyet", "chi_thi", "ket_luan", "quy_dinh", "quyet_dinh", "ke_hoach", "huong_dan",
    "chuong_trinh", "bao_cao", "thong_bao", "to_trinh", "cong_van", "de_an", "tin_tuc", "other",
]
EntityLabel = Literal["PER", "ORG", "LOC", "DATE", "DOC_REF", "PERCENT", "QUANTITY", "MONEY"]
Comparator = Literal["=", ">=", "<=", "range", ">", "<"]
GuidanceCategory = Literal[
    "awareness", "planning", "implementation", "organization", "coordination",
    "inspection", "reporting", "resources", "other",
]


class Source(BaseModel):
    filename: str | None = None
    media_type: str = "text/plain"
    sha256: str | None = None
    pages: int | None = None
    ocr: bool = False
    encoding: str | None = None


class DocumentInfo(BaseModel):
    doc_type: DocType = "other"
    number: str | None = None
    issued_date: str | None = None
    place: str | None = None
    issuer: str | None = None
    title: str | None = None
    signers: list[str] = Field(default_factory=list)


class SentenceOut(BaseModel):
    start: int
    end: int


class EntityOut(BaseModel):
    text: str
    label: EntityLabel
    start: int
    end: int


class ReferenceOut(BaseModel):
    text: str
    doc_type: DocType = "other"
    number: str | None = None
    issued_date: str | None = None
    issuer: str | None = None
    # added to the contract: the central body the number's code names ("30/2020/NĐ-CP" -> "Chính phủ"), also where
    # no issuer is printed; null for local codes ("117-KH/HU"), which name a different body in each place
    issuer_from_code: str | None = None
    start: int
    end: int


class Period(BaseModel):
    start: str | None = None
    end: str | None = None
    text: str | None = None


class IndicatorLink(BaseModel):
    id: str
    name: str
    score: float


class TargetOut(BaseModel):
    id: str
    text: str
    start: int
    end: int
    metric: str
    value: float
    value_max: float | None = None
    unit: str = ""
    per: str | None = None
    base: str | None = None
    comparator: Comparator = "="
    period: Period = Field(default_factory=Period)
    actors: list[str] = Field(default_factory=list)
    indicator: IndicatorLink | None = None
    cue: str | None = None
    # the target model's probability that this number is a commitment (threshold in models/targets.json);
    # None for a value read from a table row by its column headers
    confidence: float | None = None


class GuidanceOut(BaseModel):
    id: str
    text: str
    start: int
    end: int
    category: GuidanceCategory = "other"
    confidence: float = 0.0
    actors: list[str] = Field(default_factory=list)
    target_ids: list[str] = Field(default_factory=list)
    indicator_ids: list[str] = Field(default_factory=list)
    marker: str | None = None


class Analysis(BaseModel):
    schema_version: str = SCHEMA_VERSION
    text: str
    source: Source = Field(default_factory=Source)
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    sentences: list[SentenceOut] = Field(default_factory=list)
    entities: list[EntityOut] = Field(default_factory=list)
    references: list[ReferenceOut] = Field(default_factory=list)
    targets: list[TargetOut] = Field(default_factory=list)
    guidance: list[GuidanceOut] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
