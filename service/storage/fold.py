"""Accent folding, so that "ket nap dang vien" finds "kết nạp đảng viên", and whole-word matching.

The fold keeps one character per character (NFC input), so offsets in the folded
text are offsets in the original: search snippets need no second mapping.

A query word matches where it stands alone: no letter or digit touches it on a side where its own
edge is a letter or digit, and a number is not the part of a decimal after or before its comma or point
("hoa" finds "hóa" and "hoa," but not "hoạch"; "3%" not "13%" nor "7,3%"; "3-4" finds "3-4%"). Folding
makes "hoa" find "hòa" as well: accents are optional by design.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


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


@lru_cache(maxsize=2048)
def word_pattern(*words: str) -> re.Pattern[str]:
    r"""`words` standing alone in folded text, one after the other with spaces between them (Python's re:
    `[^\W_]` is a letter or digit)."""
    first, last = words[0][:1], words[-1][-1:]
    left = (r"(?<![^\W_])" if first.isalnum() else "") + (r"(?<!\d[.,])" if first.isdigit() else "")
    right = (r"(?![^\W_])" if last.isalnum() else "") + (r"(?![.,]\d)" if last.isdigit() else "")
    return re.compile(left + r"\s+".join(map(re.escape, words)) + right)


def has_word(folded: str | None, word: str) -> bool:
    """Whether `word` (folded) stands alone somewhere in `folded`."""
    return bool(folded) and word in folded and word_pattern(word).search(folded) is not None


def pg_word_regex(word: str) -> str:
    """`word_pattern` for PostgreSQL's `~` (advanced regular expressions, lookbehind since 9.6)."""
    body = "".join(ch if ch.isalnum() else "\\" + ch for ch in word)
    first, last = word[:1], word[-1:]
    left = ("(?<![[:alnum:]])" if first.isalnum() else "") + ("(?<![0-9][.,])" if first.isdigit() else "")
    right = ("(?![[:alnum:]])" if last.isalnum() else "") + ("(?![.,][0-9])" if last.isdigit() else "")
    return left + body + right
