"""Normalise text so that every later component sees one spelling.

Unicode NFC, one tone-mark placement (the traditional "hòa", "ủy", "khỏe",
the style underthesea's models were trained on), one kind of space and line
break, no invisible characters. For NFC input the only length change is the
removal of invisible characters, so offsets stay close to the source.
"""

from __future__ import annotations

import re
import unicodedata

from nlp.doc import Doc

_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng
_LETTER = r"A-Za-zÀ-ỹĐđ"
# open syllables "oa", "oe", "uy" (not "qu" + y) with the tone on the second vowel
_NEW_STYLE = re.compile(
    rf"(?<![{_LETTER}])([^\W\d_]*?)(?<![qQ])([oOuU])([^\W\d_])(?![{_LETTER}])"
)
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\v]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f]")


def _move_tone(match: re.Match[str]) -> str:
    head, first, second = match.group(1), match.group(2), match.group(3)
    decomposed = unicodedata.normalize("NFD", second)
    base = decomposed[0]
    if len(decomposed) != 2 or decomposed[1] not in _TONES:
        return match.group(0)
    pair = (first.lower(), base.lower())
    if pair not in {("o", "a"), ("o", "e"), ("u", "y")}:
        return match.group(0)
    if any(ch in _TONES for ch in unicodedata.normalize("NFD", head)):
        return match.group(0)
    toned = unicodedata.normalize("NFC", first + decomposed[1])
    return head + toned + base


_TAB_CELLS = 3  # non-empty cells a tab-separated line needs to be a table row (a header's two columns are not)


def _tab_tables(text: str) -> str:
    """A table pasted from a spreadsheet or a word processor separates its cells with tabs, which the space
    normalisation below would merge into the words: runs of lines holding tabs where at least two lines have
    three or more cells are written as the ingest writes a table, cells joined by " | " (`nlp.tables`)."""
    if "\t" not in text:
        return text
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if "\t" not in lines[i].strip():
            i += 1
            continue
        j = i
        while j < len(lines) and "\t" in lines[j].strip():
            j += 1
        rows = sum(1 for ln in lines[i:j] if sum(1 for c in ln.split("\t") if c.strip()) >= _TAB_CELLS)
        if rows >= 2:  # every row as wide as the widest: a row that leaves its last cells empty omits their tabs
            cells = [[c.strip(" ") for c in ln.rstrip(" ").split("\t")] for ln in lines[i:j]]
            width = max(map(len, cells))
            for k, row in enumerate(cells, i):
                lines[k] = " | ".join(row + [""] * (width - len(row)))
        i = j
    return "\n".join(lines)


def normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")
    text = _INVISIBLE.sub("", text)
    text = _tab_tables(text)
    text = _SPACES.sub(" ", text)
    text = _NEW_STYLE.sub(_move_tone, text)
    return text


def run(doc: Doc) -> None:
    doc.text = normalise_text(doc.text)
