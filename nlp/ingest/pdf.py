"""PDF text layer -> text.

How (checked on ../shared/corpus/pdf/001-004 against the pdftotext -layout
copies raw/066-069: every word equal except one line order in a signature block):

1. pypdfium2 flattens the annotations into the page content first. The
   hand-filled document number and day ("Số: 542 /TB-UBND", "ngày 06") and the
   e-signature stamp of these documents live in form-field / signature widget
   appearance streams, which pdfplumber (pdfminer) never reads.
2. pdfplumber reads the characters. Space glyphs that lie under other ink (the
   blank placeholders behind a filled-in number, stray overlapping spaces) are
   dropped, otherwise they cut "542" into "5 4 2" and "CỘNG" into "CỘ NG".
3. Words: pdfplumber's WordExtractor with `x_tolerance_ratio=0.15` (the default
   `x_tolerance=3` glues words in PDFs without space glyphs at <= 11 pt), plus a
   break where a different font of a slightly different size starts (filled-in
   text laid over the body: "ngày" + "24" + "tháng").
4. Lines are clustered by position (top, 3 pt) and words ordered left to right,
   like `pdftotext -layout`: the two header columns stay on one line, separated
   by a run of spaces when the gap is wider than two em.
5. Pages are joined with a blank line ("\n\n"), text is NFC (some PDFs store
   Vietnamese letters decomposed).

A PDF whose pages carry on average fewer than `MIN_CHARS_PER_PAGE` visible
characters is taken for a scan (the scanned samples hold only a signature
stamp) and refused: OCR is not supported yet.
"""

from __future__ import annotations

import io
import logging
import unicodedata
from collections import defaultdict
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.utils.clustering import cluster_objects
from pdfplumber.utils.text import WordExtractor

from nlp.ingest import IngestError

log = logging.getLogger(__name__)

MIN_CHARS_PER_PAGE = 200  # visible characters per page, averaged over the document
EMPTY_PAGE_CHARS = 30  # a page with fewer gets a warning
X_TOLERANCE_RATIO = 0.15
Y_TOLERANCE = 3.0
COLUMN_GAP_EM = 2.0  # a gap wider than this (in font sizes) is printed as a column gap
COLUMN_GAP = "    "


def extract(data: bytes) -> tuple[str, int, list[str]]:
    """PDF bytes -> (text, number of pages, warnings). Raises IngestError."""
    try:
        flat = _flatten(data)
        pages = _read_pages(flat)
    except IngestError:
        raise
    except Exception as exc:  # pdfminer/pdfplumber/pdfium raise many kinds
        log.debug("PDF extraction failed", exc_info=True)
        raise IngestError(_reason(exc)) from None
    if not pages:
        raise IngestError("PDF has no pages")

    warnings: list[str] = []
    visible = [sum(1 for ch in t if not ch.isspace()) for t in pages]
    if sum(visible) / len(pages) < MIN_CHARS_PER_PAGE:
        raise IngestError("no text layer (scanned PDF); OCR is not supported yet")
    for i, n in enumerate(visible, start=1):
        if n < EMPTY_PAGE_CHARS:
            warnings.append(f"page {i}: no text layer, page skipped (OCR is not supported yet)")
    text = "\n\n".join(t for t, n in zip(pages, visible, strict=True) if n >= EMPTY_PAGE_CHARS)
    return text, len(pages), warnings


def _reason(exc: BaseException) -> str:
    name = type(exc).__name__
    msg = str(exc).lower()
    if "password" in msg or "password" in name.lower() or "encrypt" in msg or "security" in msg:
        return "encrypted PDF (password protected)"
    return "corrupt or unreadable PDF"


def _flatten(data: bytes) -> bytes:
    """Draw annotation appearances (form fields, signature stamps) into the page content."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise IngestError("encrypted PDF (password protected)") from None
        raise IngestError("corrupt or unreadable PDF") from None
    try:
        n = len(pdf)
        if n == 0:
            raise IngestError("PDF has no pages")
        for i in range(n):
            page = pdf[i]
            pdfium_c.FPDFPage_Flatten(page, pdfium_c.FLAT_NORMALDISPLAY)
            page.close()
        buf = io.BytesIO()
        pdf.save(buf)
        return buf.getvalue()
    finally:
        pdf.close()


def _read_pages(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        out = []
        for page in pdf.pages:
            out.append(unicodedata.normalize("NFC", page_text(page.chars)))
            page.flush_cache()
        return out


def page_text(chars: list[dict[str, Any]]) -> str:
    """Characters of one page (pdfplumber dicts) -> text, lines top to bottom."""
    chars = [c for c in chars if c.get("upright", True)]
    chars = _drop_covered_spaces(chars)
    if not chars:
        return ""
    words = _WordExtractor(x_tolerance_ratio=X_TOLERANCE_RATIO, y_tolerance=Y_TOLERANCE).extract_words(chars)
    lines = cluster_objects(words, lambda w: w["top"], Y_TOLERANCE)
    out = []
    for line in lines:
        line = sorted(line, key=lambda w: w["x0"])
        parts = [line[0]["text"]]
        for prev, word in zip(line, line[1:], strict=False):
            em = max(word.get("height") or 0.0, 1.0)
            parts.append(COLUMN_GAP if word["x0"] - prev["x1"] > COLUMN_GAP_EM * em else " ")
            parts.append(word["text"])
        out.append("".join(parts))
    return "\n".join(out)


def _drop_covered_spaces(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop space glyphs that lie under visible characters of the same line."""
    buckets: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for c in chars:
        if not c["text"].isspace():
            buckets[int(c["top"] // 4)].append(c)

    def covered(s: dict[str, Any]) -> bool:
        key = int(s["top"] // 4)
        for k in (key - 1, key, key + 1):
            for c in buckets.get(k, ()):
                if (
                    abs(c["top"] - s["top"]) < Y_TOLERANCE
                    and c["x0"] < s["x1"] - 0.3
                    and c["x1"] > s["x0"] + 0.3
                ):
                    return True
        return False

    return [c for c in chars if not c["text"].isspace() or not covered(c)]


class _WordExtractor(WordExtractor):
    def char_begins_new_word(self, prev_char, curr_char, direction, x_tolerance, y_tolerance):  # type: ignore[no-untyped-def]
        if super().char_begins_new_word(prev_char, curr_char, direction, x_tolerance, y_tolerance):
            return True
        # filled-in text drawn over the body in another font of another size
        return bool(
            prev_char.get("fontname") != curr_char.get("fontname")
            and abs(prev_char["size"] - curr_char["size"]) > 0.01
            and curr_char["x0"] > prev_char["x1"] - 2
        )
