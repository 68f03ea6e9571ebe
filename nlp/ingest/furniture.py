"""Page furniture: running headers, footers and page numbers; then pages joined into one text.

A paragraph in the top or bottom `ZONE` of its page is furniture when it is a
page number ("2", "- 2 -", "Trang 2/5") or when, digits masked, the same text
stands in the same zone on at least half of the pages (two at least).
"""

from __future__ import annotations

import re
from collections import Counter

from nlp.ingest.layout import Paragraph

ZONE = 0.1  # share of the page height at the top and at the bottom
_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:(?:Trang|trang|Page)\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?[-–—\s]*$")
_DIGITS = re.compile(r"\d+")
_CONTINUES = re.compile(r"[^.:;!?)”\"]$")


def _zone(p: Paragraph, height: float) -> str | None:
    if p.table:
        return None
    if p.bottom <= height * ZONE:
        return "top"
    if p.top >= height * (1 - ZONE):
        return "bottom"
    return None


def strip(pages: list[list[Paragraph]], heights: list[float]) -> list[list[Paragraph]]:
    """Pages without their furniture paragraphs."""
    seen: Counter[tuple[str, str]] = Counter()
    for paras, h in zip(pages, heights, strict=True):
        keys = {(z, _DIGITS.sub("#", p.text)) for p in paras if (z := _zone(p, h))}
        seen.update(keys)
    repeated = max(2, (len(pages) + 1) // 2)
    out = []
    for paras, h in zip(pages, heights, strict=True):
        kept = []
        for p in paras:
            z = _zone(p, h)
            if z and (_PAGE_NUMBER.match(p.text) or seen[(z, _DIGITS.sub("#", p.text))] >= repeated):
                continue
            kept.append(p)
        out.append(kept)
    return out


def join(pages: list[list[Paragraph]]) -> str:
    """Paragraphs one per line, tables set off by blank lines, pages by a blank line.

    A paragraph cut by the page break (no final punctuation, the next page going
    on in lower case) is joined across it.
    """
    parts: list[str] = []
    last_table = False
    for paras in pages:
        for j, p in enumerate(paras):
            if not parts:
                sep = ""
            elif p.table or last_table:
                sep = "\n\n"
            elif j == 0:
                cut = _CONTINUES.search(parts[-1]) is not None and p.text[:1].islower()
                sep = " " if cut else "\n\n"
            else:
                sep = "\n"
            parts.append(sep)
            parts.append(p.text)
            last_table = p.table
    return "".join(parts)
