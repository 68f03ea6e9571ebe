"""Authors and photographers of a news article: "Minh Kha" on the line after the last paragraph,
"HIỀN THÚY |" under the headline, "Ảnh: V.Nỷ" after a photo.

A byline is a given name, often without a surname ("Lan Phương"), so the surname-led person rules of
`nlp.entities` miss it; its position is what marks it. Only news articles have bylines.
"""

from __future__ import annotations

import re
from functools import cache

from nlp.doc import Doc, Entity
from nlp.resources import load_lines

_TITLE = r"[A-ZĐÀ-Ỹ][a-zđà-ỹ]+"
_CAPS = r"[A-ZĐÀ-Ỹ]{2,}"
_INITIAL = r"[A-ZĐ]\.\s?[A-ZĐÀ-Ỹ][a-zđà-ỹ]+"  # "V.Nỷ", "T. Hương"
_NAME = re.compile(rf"(?:{_INITIAL}|(?:{_TITLE})(?:\s{_TITLE}){{1,3}}|(?:{_CAPS})(?:\s{_CAPS}){{1,3}})")
_LINE = re.compile(r"[^\n]+")
_CREDIT = re.compile(rf"\(?Ảnh\s*:\s*(?P<name>{_INITIAL}|{_TITLE}(?:\s{_TITLE}){{1,3}})(?=\s*[)\n,;]|\s*$)")
_END_MARK = re.compile(r"(?:\./\.|[.!?…”\"])\s*$")


@cache
def _not_person_lines() -> frozenset[str]:
    """Whole lines that look like names but are places or a site's section labels."""
    return frozenset(p.lower() for f in ("places.txt", "news_sections.txt") for p in load_lines(f))


@cache
def _stop_words() -> frozenset[str]:
    """Syllables ("Kế", "Nghị", "BAN", "HUYỆN") and pairs ("Trung tâm", "LẦN THỨ") that are not part of a name:
    a pair stops only as a pair, so "THANH TÂM" stays a name."""
    return frozenset(line.lower() for f in ("not_names.txt", "caps_stop.txt") for line in load_lines(f))


def _has_stop(part: str) -> bool:
    words = [w.lower() for w in part.replace(".", " ").split()]
    stop = _stop_words()
    return any(w in stop for w in words) or any(f"{a} {b}" in stop for a, b in zip(words, words[1:], strict=False))


def _names_on_line(text: str, start: int, end: int) -> list[Entity] | None:
    """Entities for a line made only of names separated by commas ("Ngọc Ánh, Piên"), else None."""
    line = text[start:end]
    core = line.rstrip(" |").rstrip()
    if not core or len(core) > 50 or any(ch.isdigit() for ch in core):
        return None
    out: list[Entity] = []
    pos = start + (len(line) - len(line.lstrip()))
    for part in re.split(r",\s*", core.strip()):
        single = re.fullmatch(rf"{_TITLE}|{_CAPS}", part)  # "Piên" after a full name
        if not (_NAME.fullmatch(part) or (single and out)) or part.lower() in _not_person_lines():
            return None
        if _has_stop(part):
            return None
        at = text.index(part, pos, end)
        out.append(Entity(at, at + len(part), part, "PER", source="rule"))
        pos = at + len(part)
    return out


def bylines(doc: Doc) -> list[Entity]:
    if doc.info.doc_type != "tin_tuc":
        return []
    text = doc.text
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.group().strip()]
    out: list[Entity] = []
    for i, (s, e) in enumerate(lines):
        after_body = i > 0 and _END_MARK.search(text, lines[i - 1][0], lines[i - 1][1]) is not None
        under_headline = i <= 3 and text[s:e].rstrip().endswith("|")
        if (after_body or under_headline) and (found := _names_on_line(text, s, e)):
            out += found
    for m in _CREDIT.finditer(text):
        out.append(Entity(m.start("name"), m.end("name"), m.group("name"), "PER", source="rule"))
    return out
