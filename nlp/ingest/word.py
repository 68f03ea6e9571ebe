"""Word .docx (python-docx): paragraphs and tables in document order.

Runs set in TCVN3/VNI fonts (`.VnTime`, `VNI-Times`; run, style or document
default) are converted to Unicode; `.VnTimeH`-style capitals fonts upper-cased.
Tables become " | " rows (`tablefmt`). Headers and footers are left out.
"""

from __future__ import annotations

import io
import unicodedata
from collections import Counter
from typing import Any

from nlp.ingest import IngestError, legacy, tablefmt

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def extract(data: bytes) -> tuple[str, str, list[str]]:
    """.docx bytes -> (text, encoding, warnings)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - python-docx/lxml/zipfile raise many kinds
        raise IngestError("corrupt or unreadable Word .docx file") from None
    default_font = _default_font(document)
    encodings: Counter[str] = Counter()
    blocks: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            blocks.append(_paragraph(Paragraph(child, document), default_font, encodings))
        elif child.tag == f"{_W}tbl":
            table = Table(child, document)
            rows = [[_cell(c, default_font, encodings) for c in row.cells] for row in table.rows]
            rendered = tablefmt.render(rows)
            if rendered:
                blocks.append("\n" + rendered + "\n")
    text = unicodedata.normalize("NFC", "\n".join(blocks)).strip("\n")
    if not text.strip():
        raise IngestError("empty file")
    warnings: list[str] = []
    encoding = "utf-8"
    if encodings:
        encoding = encodings.most_common(1)[0][0]
        warnings.append(f"text in legacy {encoding.upper()} fonts converted to Unicode")
    return text, encoding, warnings


def _default_font(document: Any) -> str | None:
    try:
        return document.styles["Normal"].font.name
    except KeyError:
        return None


def _paragraph(paragraph: Any, default_font: str | None, encodings: Counter[str]) -> str:
    style_font = paragraph.style.font.name if paragraph.style is not None else None
    parts = []
    for run in paragraph.runs:
        font = run.font.name or _east_asian_or_ascii(run) or style_font or default_font
        enc = legacy.font_encoding(font)
        text = run.text
        if enc:
            encodings[enc] += len(text)
            text = legacy.convert(text, enc, legacy.is_capitals_font(font))
        parts.append(text)
    return "".join(parts)


def _east_asian_or_ascii(run: Any) -> str | None:
    rpr = run._element.rPr
    fonts = rpr.find(f"{_W}rFonts") if rpr is not None else None
    if fonts is None:
        return None
    return fonts.get(f"{_W}ascii") or fonts.get(f"{_W}hAnsi")


def _cell(cell: Any, default_font: str | None, encodings: Counter[str]) -> str:
    return " ".join(_paragraph(p, default_font, encodings) for p in cell.paragraphs)
