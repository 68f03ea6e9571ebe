"""Sentence spans.

underthesea's `sent_tokenize` ignores line breaks (it glues a headline to the
first paragraph) and splits "PGS.TS." and "Điều 5."; so sentences are cut
inside the layout blocks found by `structure`, with a regex that knows
Vietnamese abbreviations, decimal numbers and legal numbering.
"""

from __future__ import annotations

import re
from functools import cache

from nlp.doc import Doc
from nlp.resources import load_lines

# a sentence ends at . ! ? … (plus closing quotes/brackets) followed by space and a capital,
# digit, opening quote/bracket or a list marker
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"”’)\]]*(?=\s+[\"“‘(\[\-–•+]?\s*[A-ZĐÀ-Ỹ0-9])")
_LEGAL_NUMBER = re.compile(r"(?:Điều|Khoản|Mục|Chương|Phần|Phụ lục|tr|trang|số)\s+[0-9IVXLC]+[a-z]?\.$", re.I)
_LIST_MARKER = re.compile(r"(?:^|\n)\s*(?:[0-9IVX]+(?:\.[0-9]+)*|[a-zđ])\.$")
_INITIAL = re.compile(r"(?:^|\s)[A-ZĐ]\.$")
_LINE_BREAK_ITEM = re.compile(r"\n(?=[ \t]*(?:[-–•+]\s|\(?[0-9]{1,2}[.)]\s|[a-zđ]\)\s|[IVX]+[.-]\s))")


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(load_lines("abbreviations.txt"))


def _is_false_boundary(text: str, cut: int, start: int) -> bool:
    left = text[max(start, cut - 30) : cut].rstrip("\"”’)]")
    last = left.split()[-1] if left.split() else ""
    if last in _abbreviations() or last.lower() in _abbreviations():
        return True
    if _LEGAL_NUMBER.search(left) or _LIST_MARKER.search(text[max(start, cut - 12) : cut]):
        return True
    return bool(_INITIAL.search(left))


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of one layout block (a paragraph, an item, a headline)."""
    cuts = [start]
    for m in _BOUNDARY.finditer(text, start, end):
        if not _is_false_boundary(text, m.end(), start):
            cuts.append(m.end())
    for m in _LINE_BREAK_ITEM.finditer(text, start, end):  # items run together in one block
        cuts.append(m.start())
    cuts.append(end)
    cuts = sorted(set(cuts))
    spans = [_trim(text, a, b) for a, b in zip(cuts, cuts[1:], strict=False)]
    return [(a, b) for a, b in spans if b > a]


def _fallback_blocks(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def run(doc: Doc) -> None:
    blocks = [(b.start, b.end) for b in doc.blocks] or _fallback_blocks(doc.text)
    sentences: list[tuple[int, int]] = []
    for s, e in blocks:
        sentences.extend(split_block(doc.text, s, e))
    doc.sentences = sentences
