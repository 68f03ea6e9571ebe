"""PDF -> text: pypdfium2 reads every page; pdfplumber only where a page has a ruled table; OCR for scans.

Why this split: pdfplumber's `extract_text` reads ~4 pages/s, pypdfium2's text
layer ~350. pypdfium2 gives each character with its box (one ctypes call per
glyph); `layout` turns them into lines, columns and paragraphs. Only a page
with enough drawn lines to hold a table is opened in pdfplumber, for
`find_tables()`.

Per page:
1. annotations (hand-filled number and date, e-signature stamp of official
   PDFs, stored as form fields) are flattened into the page first;
2. a page with little text for its area (the corpus scans carry only a small
   signature stamp as text) is a scan: rendered at 300 dpi and OCR'd (`ocr`);
   a page with neither text nor images is skipped with a warning;
3. text in TCVN3/VNI fonts (`.VnTime`, `VNI-Times`) is converted to Unicode,
   upper-cased for `.VnTimeH`-style capitals fonts;
4. running headers, footers and page numbers are dropped (`furniture`).
"""

from __future__ import annotations

import ctypes
import io
import logging
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from nlp.ingest import IngestError, furniture, layout, legacy, tablefmt
from nlp.ingest.layout import Box, Line, Paragraph

log = logging.getLogger(__name__)

A4_AREA = 595.0 * 842.0
MIN_TEXT_CHARS = 200  # visible characters per A4-sized page below which a page is taken for a scan
EMPTY_PAGE_CHARS = 30
TABLE_MIN_RULES = 3  # distinct x of vertical and y of horizontal thin rules before pdfplumber looks for tables
ENCRYPTED = "encrypted PDF (password protected)"
CORRUPT = "corrupt or unreadable PDF"


@dataclass
class PdfText:
    text: str
    pages: int
    ocr_pages: list[int] = field(default_factory=list)
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)


def extract(data: bytes, max_pages: int | None = None, ocr: bool = True) -> PdfText:
    """PDF bytes -> text with pages, OCR'd pages, encoding and warnings. Raises IngestError."""
    try:
        return _extract(data, max_pages, ocr)
    except IngestError:
        raise
    except Exception as exc:  # pdfium/pdfplumber raise many kinds
        log.debug("PDF extraction failed", exc_info=True)
        raise IngestError(_reason(exc)) from None


def _reason(exc: BaseException) -> str:
    text = f"{type(exc).__name__} {exc}".lower()
    if "password" in text or "encrypt" in text or "security" in text:
        return ENCRYPTED
    return CORRUPT


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise IngestError(ENCRYPTED) from None
        raise IngestError(CORRUPT) from None


def _extract(data: bytes, max_pages: int | None, ocr_enabled: bool) -> PdfText:
    pdf = _open(data)
    plumber: Any = None
    try:
        n = len(pdf)
        if n == 0:
            raise IngestError("PDF has no pages")
        if max_pages is not None and n > max_pages:
            raise IngestError(f"PDF has {n} pages, more than the limit of {max_pages} (CHITIEU_MAX_PAGES)")
        pages: list[list[Paragraph]] = []
        heights: list[float] = []
        warnings: list[str] = []
        scans: list[int] = []
        encodings: Counter[str] = Counter()
        for i in range(n):
            page = _load_flat(pdf, i)
            try:
                width, height = page.get_size()
                kinds = _object_kinds(page)
                boxes, visible, enc = _chars(page, height, kinds["fonts"])
                encodings.update(enc)
                lines: list[Line]
                if visible * A4_AREA / max(width * height, 1.0) < MIN_TEXT_CHARS and kinds["images"]:
                    scans.append(i)
                    lines = _ocr_lines(page, i, ocr_enabled)
                elif visible < EMPTY_PAGE_CHARS and not kinds["images"]:
                    warnings.append(f"page {i + 1}: empty page skipped")
                    lines = []
                else:
                    tables: list[tuple[tuple[float, float, float, float], str]] = []
                    if kinds["ruled"]:
                        if plumber is None:
                            import pdfplumber

                            plumber = pdfplumber.open(io.BytesIO(data))
                        tables = _tables(plumber.pages[i], enc)
                        boxes = [b for b in boxes if not _inside(b, tables)]
                    lines = layout.build_lines(boxes)
                    _convert_legacy(lines)
                    lines += [Line(bb[1], bb[3], [layout.Segment(bb[0], bb[2], [])], table=t) for bb, t in tables]
                    lines.sort(key=lambda ln: ln.top)
                flows = layout.reading_order(lines, width)
                pages.append(layout.join_flows([layout.paragraphs(f) for f in flows]))
                heights.append(height)
            finally:
                page.close()
            if plumber is not None:
                plumber.pages[i].close()
    finally:
        if plumber is not None:
            plumber.close()
        pdf.close()

    if scans:
        warnings.append(f"{_ranges(scans)}: no text layer, read by OCR (tesseract, vie)")
    pages = furniture.strip(pages, heights)
    text = furniture.join(pages)
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise IngestError("PDF has no text")
    encoding = encodings.most_common(1)[0][0] if encodings else "utf-8"
    if encodings:
        warnings.append(f"text in legacy {encoding.upper()} fonts converted to Unicode")
    if scans:
        from nlp.ingest import ocr

        warnings.extend(ocr.check_identity(text))
    return PdfText(text, n, scans, encoding, warnings)


def _ranges(pages: list[int]) -> str:
    """[0, 1, 2, 5] -> "pages 1-3, 6"."""
    parts: list[str] = []
    start = prev = pages[0]
    for p in [*pages[1:], None]:
        if p is not None and p == prev + 1:
            prev = p
            continue
        parts.append(f"{start + 1}" if start == prev else f"{start + 1}-{prev + 1}")
        if p is not None:
            start = prev = p
    label = "page" if len(pages) == 1 else "pages"
    return f"{label} {', '.join(parts)}"


def _load_flat(pdf: pdfium.PdfDocument, i: int) -> pdfium.PdfPage:
    """The page with its annotation appearances (form fields, stamps) drawn into the content."""
    page = pdf[i]
    if pdfium_c.FPDFPage_GetAnnotCount(page) > 0:
        pdfium_c.FPDFPage_Flatten(page, pdfium_c.FLAT_NORMALDISPLAY)
        page.close()
        page = pdf[i]
    return page


def _object_kinds(page: pdfium.PdfPage) -> dict[str, Any]:
    """Whether thin rules could form a table grid, image count, and the legacy fonts on the page."""
    images = 0
    xs: set[int] = set()
    ys: set[int] = set()
    fonts: dict[str, str] = {}
    buf = ctypes.create_string_buffer(256)
    seen: set[int] = set()
    for obj in page.get_objects(max_depth=2):
        kind = obj.type
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            left, bottom, right, top = obj.get_bounds()
            if right - left <= 2 and top - bottom >= 5:
                xs.add(round(left / 3))
            elif top - bottom <= 2 and right - left >= 5:
                ys.add(round(bottom / 3))
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            font = pdfium_c.FPDFTextObj_GetFont(obj.raw)
            key = ctypes.cast(font, ctypes.c_void_p).value or 0
            if not font or key in seen:
                continue
            seen.add(key)
            size = pdfium_c.FPDFFont_GetBaseFontName(font, buf, len(buf))
            name = buf.raw[: max(size - 1, 0)].decode("latin-1", "replace")
            enc = legacy.font_encoding(name)
            if enc:
                fonts[name] = enc
    ruled = len(xs) >= TABLE_MIN_RULES and len(ys) >= TABLE_MIN_RULES
    return {"ruled": ruled, "images": images, "fonts": fonts}


def _chars(page: pdfium.PdfPage, height: float, legacy_fonts: dict[str, str]) -> tuple[list[Box], int, Counter[str]]:
    """Visible characters as boxes (top-down coordinates), their count, legacy encodings met."""
    textpage = page.get_textpage()
    try:
        n = pdfium_c.FPDFText_CountChars(textpage)
        text = textpage.get_text_range() if n > 0 else ""
        rect = (ctypes.c_float * 4)()  # FS_RECTF: left, top, right, bottom; one slice reads all four
        ref = ctypes.cast(rect, ctypes.POINTER(pdfium_c.FS_RECTF))
        raw = textpage.raw
        get_box = pdfium_c.FPDFText_GetLooseCharBox
        get_size = pdfium_c.FPDFText_GetFontSize
        boxes: list[Box] = []
        append = boxes.append
        encodings: Counter[str] = Counter()
        font_of = _font_reader(textpage) if legacy_fonts else None
        size, last_bottom = 0.0, None
        for k, ch in enumerate(text[:n]):
            if ch.isspace() or ch in "\ufffe\x00":
                last_bottom = None
                continue
            get_box(raw, k, ref)
            left, _top, right, bottom = rect[:]
            # the loose box's top moves with diacritics ("Ủ" is taller than "Y"): use baseline and size;
            # the size is asked again only where the baseline moves or after a space (it is a ctypes call)
            if bottom != last_bottom:
                size = get_size(raw, k)
                last_bottom = bottom
            base = height - bottom
            box = Box(ch, left, right, base - size, base)
            if font_of is not None:
                name = font_of(k)
                enc = legacy_fonts.get(name) or legacy.font_encoding(name)
                if enc:
                    encodings[enc] += 1
                    box.enc = enc + ("H" if legacy.is_capitals_font(name) else "")
            append(box)
        return boxes, len(boxes), encodings
    finally:
        textpage.close()


def _font_reader(textpage: Any) -> Any:
    buf = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()

    def font_of(k: int) -> str:
        size = pdfium_c.FPDFText_GetFontInfo(textpage, k, buf, len(buf), ctypes.byref(flags))
        return buf.raw[: max(size - 1, 0)].decode("latin-1", "replace")

    return font_of


def _convert_legacy(lines: list[Line]) -> None:
    """Words set in TCVN3/VNI fonts -> Unicode (whole words: VNI marks follow their base letter)."""
    for line in lines:
        for seg in line.segments:
            for w in seg.words:
                if w.enc:
                    w.text = legacy.convert(w.text, w.enc.rstrip("H"), w.enc.endswith("H"))


def _inside(b: Box, tables: list[tuple[tuple[float, float, float, float], str]]) -> bool:
    cx, cy = (b.x0 + b.x1) / 2, (b.top + b.bottom) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for (x0, top, x1, bottom), _ in tables)


def _tables(page: Any, encodings: Counter[str]) -> list[tuple[tuple[float, float, float, float], str]]:
    """Ruled tables on the page (pdfplumber) as (bbox, rendered rows)."""
    out = []
    for table in page.find_tables():
        rows = table.extract(x_tolerance=1.5)
        if len(rows) < 2 or max((len(r) for r in rows), default=0) < 2:
            continue
        text = tablefmt.render(rows)
        if encodings:
            enc = encodings.most_common(1)[0][0]
            text = legacy.convert(text, enc)
        text = unicodedata.normalize("NFC", text)
        if text:
            out.append((tuple(table.bbox), text))
    return out


def _ocr_lines(page: pdfium.PdfPage, index: int, enabled: bool) -> list[Line]:
    from nlp.ingest import ocr

    if not enabled:
        raise IngestError(f"page {index + 1} has no text layer (scanned PDF) and OCR is turned off")
    return layout.build_lines(ocr.page_words(page), merge_words=False)
