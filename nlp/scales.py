"""Bare numbers that are the value of an index, a coefficient, a rank or a rate printed without its "%".

"Chỉ số HDI đạt 0,75", "Hệ số ICOR khoảng 5,5", "PCI xếp thứ 15", "thuộc top 10", "phát thải ròng bằng 0"
count nothing, so no unit follows them, yet plans set them as targets, as they set "Tỷ lệ hộ nghèo giảm còn
dưới 1,5" meaning 1.5%. Every other bare number is left out of the target candidates (table cells are read by
`nlp.tables` with their column headers); these are kept, and the target model decides, as for any number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from nlp.doc import Quantity
from nlp.resources import alternation, load_json, load_lines

# words before the value word in which the index must be named, about the whole clause the 160 characters leave
# ("Chỉ số hài lòng của người dân đối với sự phục vụ của cơ quan hành chính nhà nước năm 2026 phấn đấu đạt trên
# 85": 22; it was 12, no figure of the corpus or the written sets moved at 20 or 30)
_NAME_WINDOW = 30
_LEFT_CHARS = 160
_ENDS_WITH_VALUE = re.compile(r"\d\s*$")


@dataclass(frozen=True)
class _Scales:
    names: re.Pattern[str]
    value: re.Pattern[str]
    rank: re.Pattern[str]
    rank_thu: re.Pattern[str]
    zero: re.Pattern[str]


@cache
def _scales() -> _Scales:
    d = load_json("scale_values.json")
    word = r"(?<![\wÀ-ỹ])(?:{})"
    return _Scales(
        names=re.compile(word.format(alternation(d["names"])) + r"(?![\wÀ-ỹ])", re.I),
        value=re.compile(word.format(alternation(d["value_words"])) + r"\s*$", re.I),
        rank=re.compile(word.format(alternation(d["rank_words"])) + r"(?:\s+thứ)?\s*$", re.I),
        rank_thu=re.compile(word.format(alternation(d["rank_verbs"])) + r"\s+thứ\s*$", re.I),
        zero=re.compile(word.format(alternation(d["zero_words"])) + r"\s*$", re.I),
    )


def _clause_left(text: str, start: int, sentence_start: int = 0) -> str:
    lo = max(sentence_start, start - _LEFT_CHARS)
    for stop in (";", ":", "\n\n", ". "):  # the clause the number closes
        at = text.rfind(stop, lo, start)
        if at >= 0:
            lo = at + len(stop)
    return text[lo:start]


def is_rank(text: str, start: int) -> bool:
    """The number at `start` is a rank, not a label: "xếp thứ 15", "đứng thứ 3" (where "lần thứ 6" is an
    ordinal), or "top 10" after the index it ranks ("chỉ số PII … thuộc top 10"; "Top 10 sự kiện" is a title)."""
    sc = _scales()
    left = _clause_left(text, start)
    return bool(sc.rank_thu.search(left) or (sc.rank.search(left) and sc.names.search(left)))


def is_scale_value(text: str, start: int, value: float, sentence_start: int) -> bool:
    """The bare number at `start` (its qualifiers excluded) gives an index, a coefficient or a rank its value."""
    sc = _scales()
    left = _clause_left(text, start, sentence_start)
    if sc.rank.search(left) or sc.rank_thu.search(left):
        return True
    if value == 0 and sc.zero.search(left):
        return True
    m = sc.value.search(left)
    if not m:
        return False
    named = left[: m.start()].split()[-_NAME_WINDOW:]
    if sc.names.search(" ".join(named)) is not None:
        return True
    # "Chỉ số hài lòng của người bệnh nội trú đạt trên 92; người bệnh ngoại trú đạt trên 88": a later ";"-part
    # gives another value of the index that the sentence's first part names and values
    lead, semi, _ = text[sentence_start:start].partition(";")
    return bool(semi) and sc.names.search(lead) is not None and _ENDS_WITH_VALUE.search(lead) is not None


_RATE_HEAD = re.compile(r"(?<![\wÀ-ỹ])(?:tỷ\s+lệ|tỉ\s+lệ)(?![\wÀ-ỹ])", re.I)
_RATE_CLAUSE_BREAK = re.compile(r"[,;\n]|\.\s")
_COLON = re.compile(r":\s*$")
_LIST_NUMBER = re.compile(r"\.\s")  # "…: 1. Tỷ lệ hộ nghèo …": the number of a list's first item
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# a rate counted per head, per class or per thousand, or an age span, is no percentage: "Tỷ lệ bác sĩ/vạn dân đạt
# 12", "Tỷ lệ học sinh trên lớp là 35", "Tỷ lệ tử vong trẻ sơ sinh còn 10" (‰), "Tỷ lệ sinh duy trì ở mức 2,1"
# (children per woman), "trong độ tuổi sinh đẻ từ 15 đến 49"
_NOT_PERCENT = re.compile(r"/|(?<![\wÀ-ỹ])(?:trên|tử\s+vong|tuổi|vạn|nghìn|giường|bác\s+sĩ)(?![\wÀ-ỹ])|"
                          r"^\s*sinh(?![\wÀ-ỹ])(?!\s+(?:viên|hoạt))", re.I)
# the value closes its clause, or a bracketed aside or a rate period follows it ("… đạt 3 sao" counts stars)
_CLOSES = re.compile(r"\s*(?:[.;,)]|\(|\n|$)")


@cache
def per_capita_units() -> frozenset[str]:
    """The nouns a plan counts per head of population (nlp/data/per_capita_units.txt: "bác sĩ", "giường bệnh")."""
    return frozenset(w.lower() for w in load_lines("per_capita_units.txt"))


@cache
def _per_capita_nouns() -> re.Pattern[str]:
    return re.compile(rf"(?<![\wÀ-ỹ])(?:{alternation(per_capita_units())})(?![\wÀ-ỹ])", re.I)


def is_rate_value(text: str, q: Quantity, sentence_start: int) -> bool:
    """The bare number `q` is a rate's value printed without its "%": "Tỷ lệ hộ nghèo giảm còn dưới 1,5", "tỷ lệ
    che phủ rừng đạt 42", "- Tỷ lệ tham gia BHYT: 95" (a rate named in its clause, a value word, a bound or a
    colon right before the number, no other number but a year between, the number closing its clause)."""
    if q.value > 100 or (q.value_max or 0) > 100 or not _CLOSES.match(text, q.qual_end or q.end):
        return False
    start = q.qual_start or q.start
    lo = max([sentence_start, start - _LEFT_CHARS] + [m.end() for m in _RATE_CLAUSE_BREAK.finditer(
        text, max(sentence_start, start - _LEFT_CHARS), start)])
    head = None
    for head in _RATE_HEAD.finditer(text, lo, start):  # noqa: B007 - the last rate named is wanted
        pass
    if head is None:
        return False
    name = text[head.end() : start]
    if any(ch.isdigit() for ch in _YEAR.sub("", name)) or _NOT_PERCENT.search(name) or _per_capita_nouns().search(name):
        return False  # another number between ("Tỷ lệ hộ nghèo giảm 2 điểm, còn 150"), a year aside
    if _COLON.search(name):  # "- Tỷ lệ hộ nghèo: 2", not a list's number after it ("…: 1. Tỷ lệ hộ nghèo …")
        return not _LIST_NUMBER.match(text, q.end)
    return _scales().value.search(text, lo, q.start) is not None  # the value word, or the bound kept as a qualifier
