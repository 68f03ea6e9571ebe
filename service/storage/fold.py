"""Accent folding, so that "ket nap dang vien" finds "kết nạp đảng viên".

The fold keeps one character per character (NFC input), so offsets in the folded
text are offsets in the original: search snippets need no second mapping.
"""

from __future__ import annotations

import unicodedata


class _FoldTable(dict[int, str]):
    """A `str.translate` table filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch.isspace():
            out = " "
        elif ch in "đĐ":
            out = "d"
        else:
            base = unicodedata.normalize("NFD", ch)[0]
            out = (base.lower() or base)[:1]
            if unicodedata.combining(out):  # a lone combining mark (non-NFC input)
                out = " "
        self[code] = out
        return out


_TABLE = _FoldTable()


def fold(text: str | None) -> str:
    """Lower-case, strip tone marks and diacritics (đ → d), every space becomes " "."""
    return (text or "").translate(_TABLE)


def terms(query: str | None) -> list[str]:
    """The folded words of a query, punctuation at their ends dropped, duplicates removed. A NUL separates
    words: PostgreSQL text cannot hold one, and FTS5 would read a query only up to it."""
    seen: list[str] = []
    for word in fold(unicodedata.normalize("NFC", (query or "").replace("\x00", " "))).split():
        word = word.strip(".,;:!?\"'()[]{}«»“”…")
        if word and word not in seen:
            seen.append(word)
    return seen
