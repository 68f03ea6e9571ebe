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


def normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _NEW_STYLE.sub(_move_tone, text)
    return text


def run(doc: Doc) -> None:
    doc.text = normalise_text(doc.text)
