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
# the longest sentence of the real corpus has 1,409 characters; a longer "sentence" (a page pasted as one line, a
# table flattened without stops) is cut at its clause breaks, since every candidate number reads its sentence
# and an unbounded one makes the analysis quadratic in the length of the line
MAX_SENTENCE = 2000
_SOFT_BREAKS = (re.compile(r"[;:]\s"), re.compile(r",\s"), re.compile(r"\s"))


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
    return [piece for a, b in spans if b > a for piece in _bounded(text, a, b)]


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] in pieces of at most MAX_SENTENCE characters, cut after the last clause break (else comma,
    else space) that keeps a piece within the limit."""
    pieces = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = limit
        for pattern in _SOFT_BREAKS:
            found = [m.end() for m in pattern.finditer(text, start + MAX_SENTENCE // 2, limit)]
            if found:
                cut = found[-1]
                break
        a, b = _trim(text, start, cut)
        if b > a:
            pieces.append((a, b))
        start = cut
    a, b = _trim(text, start, end)
    return [*pieces, (a, b)] if b > a else pieces


def _fallback_blocks(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def run(doc: Doc) -> None:
    blocks = [(b.start, b.end) for b in doc.blocks] or _fallback_blocks(doc.text)
    sentences: list[tuple[int, int]] = []
    for s, e in blocks:
        sentences.extend(split_block(doc.text, s, e))
    doc.sentences = sentences
