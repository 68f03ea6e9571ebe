"""The five output tables: their columns (the documentation lives here) and their rows.

Rows come from finished analyses in a fixed order (documents by path, the rest
by sha256 then position), so the same inputs always give byte-identical files
whatever order the workers finished in. List columns are Parquet lists and
"; "-joined strings in CSV.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from service.batch.levels import issuer_level

_WORD = re.compile(r"[^\W_]", re.UNICODE)
_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")

STR, INT, FLOAT, BOOL, LIST = pa.string(), pa.int64(), pa.float64(), pa.bool_(), pa.list_(pa.string())


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    doc: str


def _doc_cols() -> list[Column]:
    """Document identity columns repeated in the child tables, so that each can be read alone."""
    return [
        Column("doc_type", STR, "type of the document that contains the row"),
        Column("issuer", STR, "issuer of that document"),
        Column("issuer_level", STR, "level of that issuer"),
        Column("doc_year", INT, "year that document was issued"),
    ]


COLUMNS: dict[str, list[Column]] = {
    "documents": [
        Column("path", STR, "input file, as named on the command line (one row per file)"),
        Column("sha256", STR, "sha256 of the file's bytes; the key of the analysis"),
        Column("duplicate_of", STR, "first path (in path order) with the same content, or null"),
        Column("media_type", STR, "text/plain or application/pdf"),
        Column("bytes", INT, "file size"),
        Column("pages", INT, "PDF pages, null for text"),
        Column("chars", INT, "characters of the normalised text"),
        Column("words", INT, "whitespace-separated tokens with a letter or digit"),
        Column("sentences", INT, "sentences found"),
        Column("doc_type", STR, "document type code (contract: nghi_quyet, ke_hoach, tin_tuc, other...)"),
        Column("number", STR, "số ký hiệu as printed, or null"),
        Column("issued_date", STR, "ISO date, or null"),
        Column("year", INT, "year of issued_date, or null"),
        Column("place", STR, "place of the date line, or null"),
        Column("issuer", STR, "issuing body, or null"),
        Column("issuer_level", STR, "trung_uong, tinh, huyen, xa, or null (rules in issuer_levels.json)"),
        Column("title", STR, "trích yếu / headline, whitespace collapsed"),
        Column("signers", LIST, "names of the signers"),
        Column("n_targets", INT, "targets in the document"),
        Column("n_references", INT, "documents it cites"),
        Column("n_entities", INT, "entity mentions"),
        Column("n_guidance", INT, "guidance items"),
        Column("warnings", LIST, "warnings of ingestion and analysis"),
    ],
    "targets": [
        Column("sha256", STR, "document (see documents.sha256)"),
        Column("target_id", STR, "id inside the document (t1, t2...)"),
        Column("text", STR, "the target's text"),
        Column("metric", STR, "what is measured"),
        Column("value", FLOAT, "value, or the lower bound of a range"),
        Column("value_max", FLOAT, "upper bound of a range, or null"),
        Column("unit", STR, "'%', the counted noun, or ''"),
        Column("per", STR, "rate period (năm, tháng) or null"),
        Column("base", STR, "what a percentage is of, or null"),
        Column("comparator", STR, "=, >=, <=, range, >, <"),
        Column("period_start", STR, "start of the period the target is for, or null"),
        Column("period_end", STR, "end of that period, or null"),
        Column("period_text", STR, "the period as written, or null"),
        Column("year", INT, "target year: year of period_end, else period_start, else doc_year"),
        Column("actors", LIST, "who is to achieve it"),
        Column("indicator_id", STR, "linked catalog indicator, null until linked"),
        Column("indicator_name", STR, "its name, or null"),
        Column("indicator_score", FLOAT, "link score, or null"),
        Column("start", INT, "offset in the analysis text"),
        Column("end", INT, "end offset (exclusive)"),
        *_doc_cols(),
    ],
    "references": [
        Column("sha256", STR, "citing document"),
        Column("ref_index", INT, "position among that document's references (0-based)"),
        Column("text", STR, "the citation as written, whitespace collapsed"),
        Column("doc_type", STR, "type of the cited document"),
        Column("number", STR, "its số ký hiệu, or null"),
        Column("number_key", STR, "number upper-cased without spaces: the citation graph's node key"),
        Column("issued_date", STR, "its date, or null"),
        Column("issuer", STR, "its issuer, or null"),
        Column("cited_sha256", STR, "the batch document with that number (and date, when both known) if exactly one content matches, else null"),
        Column("start", INT, "offset in the citing text"),
        Column("end", INT, "end offset (exclusive)"),
        Column("citing_doc_type", STR, "type of the citing document"),
        Column("citing_issuer", STR, "issuer of the citing document"),
    ],
    "entities": [
        Column("sha256", STR, "document"),
        Column("label", STR, "PER, ORG, LOC, DATE, DOC_REF, PERCENT, QUANTITY, MONEY"),
        Column("text", STR, "the mention, whitespace collapsed (every mention, not deduplicated)"),
        Column("start", INT, "offset in the analysis text"),
        Column("end", INT, "end offset (exclusive)"),
    ],
    "guidance": [
        Column("sha256", STR, "document"),
        Column("guidance_id", STR, "id inside the document (g1, g2...)"),
        Column("text", STR, "the item's text, whitespace collapsed"),
        Column("category", STR, "awareness, planning, implementation, organization, coordination, inspection, reporting, resources, other"),
        Column("confidence", FLOAT, "category confidence"),
        Column("actors", LIST, "who is to do it"),
        Column("target_ids", LIST, "targets inside the item"),
        Column("indicator_ids", LIST, "indicators of those targets"),
        Column("marker", STR, "item marker as printed (1., a), -), or null"),
        Column("start", INT, "offset in the analysis text"),
        Column("end", INT, "end offset (exclusive)"),
        *_doc_cols(),
    ],
}

TABLES = tuple(COLUMNS)


def schema(table: str) -> pa.Schema:
    return pa.schema([pa.field(c.name, c.type) for c in COLUMNS[table]])


def one_line(s: str | None) -> str | None:
    return None if s is None else " ".join(s.split())


def count_words(text: str) -> int:
    return sum(1 for tok in text.split() if _WORD.search(tok))


def year_of(value: str | None) -> int | None:
    m = _YEAR.search(value or "")
    return int(m.group(1)) if m else None


def number_key(number: str | None) -> str | None:
    return "".join(number.split()).upper().replace("–", "-") if number else None


@dataclass
class DocInfo:
    """What child rows repeat about their document."""

    doc_type: str
    issuer: str | None
    issuer_level: str | None
    year: int | None


def doc_info(a: dict[str, Any]) -> DocInfo:
    d = a.get("document") or {}
    return DocInfo(
        d.get("doc_type") or "other",
        one_line(d.get("issuer")),
        issuer_level(d.get("issuer"), d.get("number")),
        year_of(d.get("issued_date")),
    )


def document_row(path: str, duplicate_of: str | None, size: int, a: dict[str, Any]) -> dict[str, Any]:
    d, src, info = a.get("document") or {}, a.get("source") or {}, doc_info(a)
    text = a.get("text") or ""
    return {
        "path": path,
        "sha256": src.get("sha256"),
        "duplicate_of": duplicate_of,
        "media_type": src.get("media_type"),
        "bytes": size,
        "pages": src.get("pages"),
        "chars": len(text),
        "words": count_words(text),
        "sentences": len(a.get("sentences") or []),
        "doc_type": info.doc_type,
        "number": d.get("number"),
        "issued_date": d.get("issued_date"),
        "year": info.year,
        "place": d.get("place"),
        "issuer": info.issuer,
        "issuer_level": info.issuer_level,
        "title": one_line(d.get("title")),
        "signers": list(d.get("signers") or []),
        "n_targets": len(a.get("targets") or []),
        "n_references": len(a.get("references") or []),
        "n_entities": len(a.get("entities") or []),
        "n_guidance": len(a.get("guidance") or []),
        "warnings": list(a.get("warnings") or []),
    }


def _doc_cells(info: DocInfo) -> dict[str, Any]:
    return {"doc_type": info.doc_type, "issuer": info.issuer, "issuer_level": info.issuer_level, "doc_year": info.year}


def target_rows(sha: str, a: dict[str, Any], info: DocInfo) -> list[dict[str, Any]]:
    rows = []
    for t in a.get("targets") or []:
        period = t.get("period") or {}
        ind = t.get("indicator") or {}  # null until nlp/indicators.py links targets
        year = year_of(period.get("end")) or year_of(period.get("start")) or info.year
        rows.append({
            "sha256": sha, "target_id": t.get("id"), "text": one_line(t.get("text")), "metric": t.get("metric"),
            "value": t.get("value"), "value_max": t.get("value_max"), "unit": t.get("unit", ""),
            "per": t.get("per"), "base": t.get("base"), "comparator": t.get("comparator"),
            "period_start": period.get("start"), "period_end": period.get("end"), "period_text": period.get("text"),
            "year": year, "actors": list(t.get("actors") or []),
            "indicator_id": ind.get("id"), "indicator_name": ind.get("name"), "indicator_score": ind.get("score"),
            "start": t.get("start"), "end": t.get("end"), **_doc_cells(info),
        })
    return rows


def reference_rows(sha: str, a: dict[str, Any], info: DocInfo) -> list[dict[str, Any]]:
    return [
        {
            "sha256": sha, "ref_index": i, "text": one_line(r.get("text")), "doc_type": r.get("doc_type"),
            "number": r.get("number"), "number_key": number_key(r.get("number")),
            "issued_date": r.get("issued_date"), "issuer": one_line(r.get("issuer")), "cited_sha256": None,
            "start": r.get("start"), "end": r.get("end"),
            "citing_doc_type": info.doc_type, "citing_issuer": info.issuer,
        }
        for i, r in enumerate(a.get("references") or [])
    ]


def entity_rows(sha: str, a: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"sha256": sha, "label": e.get("label"), "text": one_line(e.get("text")), "start": e.get("start"), "end": e.get("end")}
        for e in a.get("entities") or []
    ]


def guidance_rows(sha: str, a: dict[str, Any], info: DocInfo) -> list[dict[str, Any]]:
    return [
        {
            "sha256": sha, "guidance_id": g.get("id"), "text": one_line(g.get("text")),
            "category": g.get("category"), "confidence": g.get("confidence"),
            "actors": list(g.get("actors") or []), "target_ids": list(g.get("target_ids") or []),
            "indicator_ids": list(g.get("indicator_ids") or []), "marker": g.get("marker"),
            "start": g.get("start"), "end": g.get("end"), **_doc_cells(info),
        }
        for g in a.get("guidance") or []
    ]


def resolve_citations(references: list[dict[str, Any]], documents: list[dict[str, Any]]) -> None:
    """Fill `cited_sha256` where the cited number (and date, when both sides have one) names one batch content."""
    by_key: dict[str, set[tuple[str, str | None]]] = {}
    for d in documents:
        key = number_key(d["number"])
        if key and d["sha256"]:
            by_key.setdefault(key, set()).add((d["sha256"], d["issued_date"]))
    for r in references:
        candidates = by_key.get(r["number_key"] or "", set())
        if r["issued_date"]:
            candidates = {c for c in candidates if c[1] in (None, r["issued_date"])}
        shas = {s for s, _ in candidates if s != r["sha256"]}
        r["cited_sha256"] = shas.pop() if len(shas) == 1 else None
