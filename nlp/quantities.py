"""Numbers with their unit, range, rate period and qualifier: "từ 3-4%/năm", "ít nhất 12 xã".

Targets are built on these, so a wrong unit or a number taken from a date or a
document number does more harm than a missed number: a number is only
attached to a unit found in `nlp/data/units.txt` / `currencies.txt`, and
numbers glued to letters ("H5N1", "5G"), list markers ("1.", "(2)"),
identifiers ("Điều 5", "Nghị quyết 57"), times ("22:58") and document
numbers ("05/QĐ-UBND", "117-KH/HU") are skipped.

Number formats follow Vietnamese print: decimal comma ("60,89"), thousands
dot ("1.500"); three-digit comma groups repeated ("3,247,812") are English
thousands from web counters. "2.5" (one or two digits after a dot) is
ambiguous with section numbers and is not read as a number.

Rate period: "%/năm", "tỷ đồng/người/năm" and a directly following "mỗi năm",
"hằng năm", "hàng năm" (also tháng/quý/tuần/ngày) set `per`; these words are
part of the span. "bình quân hằng năm" *before* the number is left to the
target extractor.

One regex finds each numeral; the rest is anchored `match` calls at the
numeral's end, so the cost is per number, not per token.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import cache

from nlp.doc import Doc, Quantity
from nlp.resources import alternation, load_json, load_lines
from nlp.scales import is_rank, is_scale_value, per_capita_units
from nlp.structure import is_page_noise, list_intro

Span = tuple[int, int]

_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3}){2,}(?![,.]?\d)|\d+(?:,\d+)?"
# start: not inside a word, a longer number, a code ("COVID-19") or a time ("22:58")
_NUMERAL = re.compile(rf"(?<![\w.,/:])(?<![^\W\d_]-)(?<!\d-)(?:{_NUM})")
_NUM_AT = re.compile(rf"(?:{_NUM})(?![\w])(?![.,:]\d)")
_ENGLISH_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3}){2,}")
_PCT = re.compile(r" ?%|[ \t]+phần[ \t]+trăm(?![\wÀ-ỹ])", re.I)  # "từ 7,5 đến 8 phần trăm" as news spells it
_RANGE_DASH = re.compile(r"[ \t]*[-–—]\s*")  # no line break before the dash: "\n- 7" is a bullet
_RANGE_WORD = re.compile(r"\s+(?:đến|tới)\s+", re.IGNORECASE)
# a range wrapped at its dash by a hard line break ("tăng bình quân 05\n- 06%/năm" in a PDF's text layer): taken
# only when a rate word leads to the first number, which ends its line bare, and the second is a percentage; a
# labelled count before a bullet ("Số xã đạt chuẩn: 12\n- 50% số xã …") has no such word
_RANGE_WRAP = re.compile(r"[ \t]*\n[ \t]*[-–—][ \t]*(?=\d)")
_RATE_BEFORE = re.compile(r"(?:tăng|giảm|bình\s+quân|khoảng|từ|đạt|trên|dưới)\s*$", re.I)
_RATIO_SLASH = re.compile(r" ?/ ?(?=\d)")
# "05/QĐ-UBND", "542    /TB-UBND", "117-KH/HU", "1961/2019/QĐ": a document number
_DOC_NUMBER_TAIL = re.compile(r"\s*/\s*[A-ZĐ]|-[A-ZĐ]|\s?/\s?\d")
# a time of day is not a quantity: "08 giờ 00 phút", "14 giờ 30", "8h30"
_TIME = re.compile(r"\d{1,2}\s*(?:giờ|h|g)\s*\d{1,2}(?:\s*phút)?(?!\w)", re.IGNORECASE)
_PHONE = re.compile(r"0\d{2,3}(?:[ .]\d{3,4}){1,3}(?!\d)|0\d{8,10}(?!\d)")
_PERIODS = frozenset({"năm", "tháng", "quý", "tuần", "ngày"})
_PER_SLASH = re.compile(r" ?/ ?([^\W\d_]+)(?![\w-])")
_RATE_BASE = re.compile(r" ([^\W\d_]+)(?![\w-])")
_PER_WORDS = re.compile(r"\s+((?:mỗi|hằng|hàng)\s+(năm|tháng|quý|tuần|ngày))(?!\w)", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")
_SPELLED = re.compile(r"[ \t]*\(([^()\d\n]{2,60})\)")
_FROM = re.compile(r"(?<!\w)từ\s+$", re.IGNORECASE)


@cache
def _number_words() -> dict[str, tuple[int, str]]:
    words: dict[str, tuple[int, str]] = {}
    for line in load_lines("number_words.txt"):
        word, value, role = line.split()
        words[word] = (int(value), role)
    return words


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    words = _number_words()
    mag = alternation(magnitudes())
    # one alternation for counted nouns and money, so "đồng chí" wins over "đồng"
    nouns = alternation([*load_lines("units.txt"), *load_lines("currencies.txt")])
    not_mag = alternation(_not_magnitudes())
    gap = r"[ \t]*(?:\n[ \t]*)?"  # a wrapped line, not a paragraph break: "465 0\n\nTỷ lệ …" is no "0 tỷ"
    unit_re = (
        rf"{gap}(?P<mag>(?:(?:{mag})\s+)*)(?P<unit>{nouns})(?!\w)"
        rf"|{gap}(?!(?:{not_mag})(?!\w))(?P<magonly>(?:{mag})(?:\s+(?:{mag}))*)(?!\w)"
    )
    inner = alternation(w for w, (_, role) in words.items() if role != "magnitude")
    # "một nghìn hai trăm lao động": a thousand inside the words, before more of them, is part of the number
    thousand = alternation(w for w, (value, role) in words.items() if role == "magnitude" and value == 1000)
    inner_or_thousand = rf"(?:{inner}|(?:{thousand})(?=\s+(?:{inner})(?!\w)))"
    solo = alternation(w for w, (_, role) in words.items() if role in ("digit", "ten"))
    inner_only = "một"  # not "năm": "cuối năm nghìn người" would read 5,000
    befores = [phrase for position, phrase in _comparators() if position == "before"]
    afters = [phrase for position, phrase in _comparators() if position == "after"]
    label_lines = load_lines("number_labels.txt")
    hard = alternation(w for w in label_lines if not w.startswith(("~", "^", "!")))
    compounds = alternation(w[1:].strip() for w in label_lines if w.startswith("!"))
    soft = alternation(w[1:].strip() for w in label_lines if w.startswith("~"))
    phase = alternation(w[1:].strip() for w in label_lines if w.startswith("^"))
    return {
        "unit": re.compile(unit_re, re.IGNORECASE),
        # a number word sequence is only a number when a unit follows it; "một", "năm" alone are an article and a
        # year, but "một" before a magnitude is a number ("xóa một nghìn căn nhà tạm")
        "words": re.compile(
            rf"(?<!\w)(?:(?:{inner})(?:\s+{inner_or_thousand})+|(?:{solo})|(?:{inner_only})(?=\s+(?:{mag})(?!\w)))"
            rf"(?=\s(?:{unit_re}))", re.IGNORECASE
        ),
        # the lower bound of a range of number words: "từ hai đến ba xã", "ba - bốn hợp tác xã"
        "word_range_low": re.compile(
            rf"(?<!\w)(?P<from>từ\s+)?(?P<n>(?:{inner})(?:\s+{inner_or_thousand})*)\s*(?:[-–]|\s(?:đến|tới))\s*$",
            re.IGNORECASE,
        ),
        # "một", "năm" alone are an article and a year, but numbers after a bound: "ít nhất một huyện"
        "bounded_word": re.compile(
            rf"(?<!\w)(?:ít\s+nhất|tối\s+thiểu|không\s+dưới|thêm)\s+(?P<n>{alternation(w for w, (_, role) in words.items() if role == 'digit-inner')})"
            rf"(?=\s(?:{unit_re}))", re.IGNORECASE
        ),
        "before": re.compile(rf"(?<!\w)({alternation(befores)})\s*$", re.IGNORECASE),
        "after": re.compile(rf"\s+({alternation(afters)})(?!\w)", re.IGNORECASE),
        "label": re.compile(rf"(?<!\w)(?:(?P<hard>{hard})|(?P<soft>{soft})|(?P<phase>{phase}))\s*:?\s+$",
                            re.IGNORECASE),
        "label_compound": re.compile(rf"(?<!\w)(?:{compounds})\s+$", re.IGNORECASE),
    }


@cache
def _not_magnitudes() -> tuple[str, ...]:
    """Nouns that begin with a magnitude word ("tỷ lệ"): neither a magnitude nor a counted noun."""
    return tuple(w.lower() for w in load_lines("not_magnitudes.txt"))


@cache
def _currencies() -> frozenset[str]:
    return frozenset(c.lower() for c in load_lines("currencies.txt"))


@cache
def _comparators() -> dict[tuple[str, str], str]:
    out = {}
    for line in load_lines("comparators.txt"):
        position, phrase, op = line.split("\t")
        out[(position, phrase.lower())] = op
    return out


@cache
def bound_words() -> str:
    """The bounds printed before a number ("ít nhất", "không quá", "≥"; comparators.txt) as a regex alternation,
    longest first: a table's value cell may open with one ("Tối thiểu 150")."""
    return alternation(phrase for position, phrase in _comparators() if position == "before")


def parse_number(s: str) -> float:
    """Value of a numeral as printed: "1.500" → 1500, "60,89" → 60.89, "3,247,812" → 3247812."""
    if _ENGLISH_THOUSANDS.fullmatch(s):
        return float(s.replace(",", ""))
    return float(s.replace(".", "").replace(",", "."))


def parse_number_words(words: str) -> int:
    """Value of Vietnamese number words: "hai mươi lăm" → 25, "ba trăm linh năm" → 305."""
    table = _number_words()
    total = group = pending = 0
    for w in words.lower().split():
        value, role = table[w]
        if role == "tens":
            group += (pending or 1) * 10
            pending = 0
        elif role == "ten":
            group += 10
        elif role == "hundred":
            group += (pending or 1) * 100
            pending = 0
        elif role == "magnitude":
            total += (group + pending or 1) * value
            group = pending = 0
        elif role != "zero":
            pending = value
    return total + group + pending


class _Excluded:
    """Sorted, non-overlapping spans with a fast overlap test."""

    def __init__(self, spans: Iterable[Span]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def hits(self, start: int, end: int) -> bool:
        i = bisect_left(self.ends, start + 1)  # first span ending after `start`
        return i < len(self.starts) and self.starts[i] < end


def _is_list_marker(text: str, start: int, end: int) -> bool:
    """ "1." / "2)" / "**3**." at the start of a line, "(1)" / "[1]" anywhere."""
    before = text[start - 1] if start else ""
    after = text[end : end + 1]
    if (before, after) in (("(", ")"), ("[", "]")):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" \t*#|>_(-") == "":
        rest = text[end : end + 4].lstrip("*")
        return rest[:1] in (".", ")", ":") and not rest[1:2].isdigit()
    return False


# "Không để tỷ lệ nợ xấu vượt quá 3%", "không để tỷ lệ … thấp hơn 90%": what must not happen bounds the other way
_NOT_LET = re.compile(r"(?<![\wÀ-ỹ])không\s+để(?![\wÀ-ỹ])[^.;:\n]{0,90}$", re.I)
_TURNED = {">": "<=", ">=": "<", "<": ">=", "<=": ">"}


def _qualifiers(text: str, q: Quantity, pats: dict[str, re.Pattern[str]]) -> None:
    """Set comparator and qual span from the words right before and after the quantity."""
    ops = _comparators()
    before = pats["before"].search(text, max(0, q.start - 30), q.start)
    after = pats["after"].match(text, q.end)
    op_before = ops[("before", _SPACE.sub(" ", before.group(1).lower()))] if before else None
    op_after = ops[("after", _SPACE.sub(" ", after.group(1).lower()))] if after else None
    if op_after is not None:
        q.comparator = op_after
    elif q.comparator != "range" and op_before is not None:
        q.comparator = op_before
        if before is not None and _NOT_LET.search(text, max(0, before.start(1) - 100), before.start(1)):
            q.comparator = _TURNED.get(op_before, op_before)
    lone_from = before is not None and _SPACE.sub(" ", before.group(1).lower()) == "từ"
    if before is not None and (not lone_from or q.comparator != "="):  # a lone "từ" is no qualifier
        q.qual_start = before.start(1)
    if after is not None:
        q.qual_end = after.end()
        q.qual_start = q.start if q.qual_start is None else q.qual_start
    elif q.qual_start is not None:
        q.qual_end = q.end


_SHARE_OF = re.compile(r"[ \t]+số(?=[ \t])")  # the unit after it is read from the space on


def _tail(
    text: str, pos: int, excluded: _Excluded, pats: dict[str, re.Pattern[str]]
) -> tuple[int, str, str, str | None]:
    """Unit and per after position `pos`: (end, kind, unit, per). kind "" when there is no unit."""
    end, kind, unit = pos, "", ""
    m = pats["unit"].match(text, pos)
    if m and m.end() > pos and not excluded.hits(pos, m.end()):
        glued = m.start() == pos and not text[pos].isspace()
        word = m.group("unit") or ""
        symbol = bool(word) and not word[:1].isalnum()  # "0,2‰" is glued like "%"
        if (not glued or symbol or (word.isascii() and len(word) >= 2 and not m.group("mag"))) and not _names(text, m):
            end = m.end()
            unit = _SPACE.sub(" ", m.group(0).strip()).lower()
            noun = _SPACE.sub(" ", word).lower()
            kind = "money" if noun in _currencies() else "quantity" if noun else "number"
    if not kind:
        return end, kind, unit, None
    end, per = _per(text, end, excluded, unit)
    return end, kind, unit, per


def _names(text: str, m: re.Match[str]) -> bool:
    """A title-case unit word followed by a title-case word starts a name: "Vành đai 3 Thành phố Hồ Chí Minh"."""
    word = m.group("unit") or ""
    nxt = _NEXT_WORD.match(text, m.end())
    return word[:1].isupper() and word[1:2].islower() and nxt is not None and nxt.group(1).istitle()


def _per(text: str, pos: int, excluded: _Excluded, unit: str = "") -> tuple[int, str | None]:
    """Rate period after a unit: "/năm", "/người/năm", " mỗi năm"; (new end, per). A rate's base after it
    ("/10.000 dân") joins the span too."""
    p = _PER_SLASH.match(text, pos)
    if p and p.group(1).islower():
        end = p.end()
        while (nxt := _PER_SLASH.match(text, end)) and nxt.group(1).islower():
            end = nxt.end()
        last = text[text.rfind("/", pos, end) + 1 : end].strip()
        if last in magnitudes() and (noun := _RATE_BASE.match(text, end)) and noun.group(1).islower():
            end = noun.end()  # "3 bác sĩ/vạn dân": a rate's base is the noun the magnitude counts
        if not excluded.hits(pos, end):
            # the contract's per is a rate period: "/người/năm" → "năm"; "/ha", "/xã" stay in the span only
            times = [w for w in _SPACE.sub("", text[p.start(1) : end]).lower().split("/") if w in _PERIODS]
            return end, times[-1] if times else None
    w = _PER_WORDS.match(text, pos)
    if w and not excluded.hits(pos, w.end()):
        return w.end(), w.group(2).lower()
    slash, above = _bases()
    b = slash.match(text, pos) or (above.match(text, pos) if _per_head(text, pos, unit) else None)
    if b and not excluded.hits(pos, b.end()):
        return b.end(), None  # "35 giường bệnh/10.000 dân", "12 bác sĩ trên 10.000 dân": the rate's base
    return pos, None


@cache
def _bases() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The population a count is a rate over, printed right after its unit: after a slash ("/10.000 dân", "/1 vạn
    dân") and after "trên" ("trên 10.000 dân", "tính trên 1 vạn dân")."""
    number = r"(?:(?:1|10|100)(?:\.000){0,2}(?:\s+(?:nghìn|ngàn))?\s+|(?=vạn\s))"  # the nouns may open with "vạn"
    tail = number + _base_nouns().pattern
    return (re.compile(rf"[ \t]*/\s*{tail}", re.I), re.compile(rf"[ \t]+(?:tính\s+)?trên\s+{tail}", re.I))


def _per_head(text: str, pos: int, unit: str) -> bool:
    """Whether "trên" + a population after a unit ending at `pos` is a rate's base: the noun is one a plan counts per
    head ("bác sĩ"), or a rate's head opens the clause ("Mật độ thuê bao đạt 120 máy trên 100 dân")."""
    return unit in per_capita_units() or _rate_head_before(text, pos)


def _numeral_quantity(
    text: str, m: re.Match[str], excluded: _Excluded, pats: dict[str, re.Pattern[str]]
) -> Quantity | None:
    start, end = m.start(), m.end()
    nxt = text[end : end + 1]
    if nxt.isalpha() or nxt == "_":
        # glued unit ("10km", "100ha") is fine; "5G", "1B" are names
        tail = _tail(text, end, excluded, pats)
        if not tail[1] or tail[1] == "number":
            return None
    if nxt in ".,:" and text[end + 1 : end + 2].isdigit():  # "2.5", "1.1.", "22:58"
        return None
    if _DOC_NUMBER_TAIL.match(text, end) and not _RATIO_SLASH.match(text, end):
        return None
    digits = m.group(0)
    if _is_list_marker(text, start, end) or (len(digits) >= 4 and digits[0] == "0" and digits.isdigit()):
        return None  # list marker, phone number or code
    value = parse_number(digits)
    value_max = denominator = None
    comparator, kind, pct_end = "=", "", end

    pct = _PCT.match(text, end)
    if pct:
        pct_end = pct.end()
    # ratio "32/32 chỉ tiêu": the second number must not continue into a date or code
    r = _RATIO_SLASH.match(text, end) if not pct else None
    if r:
        d = _NUM_AT.match(text, r.end())
        if d is None or _DOC_NUMBER_TAIL.match(text, d.end()) or excluded.hits(start, d.end()):
            return None
        denominator, end = parse_number(d.group(0)), d.end()
        if (value, denominator) == (24, 7):
            return None  # "24/7": round the clock
        kind = "ratio"
    else:
        # range "3-4%", "15% đến 20%", "125-135 triệu đồng", "từ 3 đến 4%"
        for sep in (_RANGE_DASH, _RANGE_WORD, _RANGE_WRAP):
            s = sep.match(text, pct_end)
            b = _NUM_AT.match(text, s.end()) if s else None
            if not b or excluded.hits(start, b.end()) or _DOC_NUMBER_TAIL.match(text, b.end()):
                continue
            hi = parse_number(b.group(0))
            b_pct = _PCT.match(text, b.end())
            if hi <= value or (pct and not b_pct):
                continue
            if sep is _RANGE_WRAP and (pct or not b_pct or not _RATE_BEFORE.search(text, max(0, start - 20), start)):
                continue
            if sep is _RANGE_WORD and not (b_pct or pct):
                # "từ 3 đến 5 xã" is a range; "5 đến 2025" is not
                if not _tail(text, b.end(), excluded, pats)[1] or not _FROM.search(
                    text, max(0, start - 6), start
                ):
                    continue
            value_max, comparator = hi, "range"
            end = pct_end = b_pct.end() if b_pct else b.end()
            pct = pct or b_pct
            break
        else:
            end = pct_end
    if pct:
        kind, unit = "percent", "%"
        end, per = _per(text, end, excluded)
    else:
        end, unit_kind, unit, per = _tail(text, end, excluded, pats)
        spelled = _SPELLED.match(text, end) if not unit_kind else None
        if spelled and all(w in _number_words() for w in spelled.group(1).lower().split()):
            # "tuyển dụng 12 (mười hai) viên chức": the number again in words, then its unit
            after = _tail(text, spelled.end(), excluded, pats)
            if after[1]:
                end, unit_kind, unit, per = after
        if kind == "ratio" and not unit_kind and (share := _SHARE_OF.match(text, end)):
            after = _tail(text, share.end(), excluded, pats)  # "2/3 số xã": two of three communes
            if after[1]:
                end, unit_kind, unit, per = after
        if kind != "ratio":
            kind = unit_kind or "number"
            label = pats["label"].search(text, max(0, start - 20), start)
            if (label and ":" in label.group() and label.group()[0].islower()
                    and text[text.rfind("\n", 0, label.start()) + 1 : label.start()].strip(" -+*•\t")):
                label = None  # "Tầng: 5" names a floor, "- Số cụm … hạ tầng: 10" is a field's value
            if label and pats["label_compound"].search(text, max(0, start - 30), start):
                label = None  # "tiêm phòng 120.000 liều", "dự phòng 20 tỷ đồng": the label word inside a compound
            if label and is_rank(text, start):
                label = None  # "xếp thứ 15", "đứng thứ 3": a rank, where "lần thứ 6" is an ordinal
            if label and (label.group("hard") or kind == "number"
                          or (label.group("phase") and unit.split(" ")[-1] not in _PERIODS)):
                return None  # "Điều 5", "lần thứ 6", "Nghị quyết 57", "giai đoạn 2 dự án"; but "tổng số 52 đảng
                # viên", "giai đoạn 5 năm"
    if excluded.hits(start, end):
        return None
    return Quantity(
        start, end, text[start:end], kind, value, value_max, unit, per, comparator, denominator=denominator
    )


def find_quantities(text: str, exclude: Sequence[Span] = ()) -> list[Quantity]:
    """Number expressions in `text`, sorted; none overlaps a span of `exclude`."""
    pats = _patterns()
    excluded = _Excluded(exclude)
    out: list[Quantity] = []
    last_end = 0
    for m in _NUMERAL.finditer(text):
        if m.start() < last_end or excluded.hits(m.start(), m.end()):
            continue
        if t := _TIME.match(text, m.start()) or _PHONE.match(text, m.start()):
            last_end = t.end()
            continue
        q = _numeral_quantity(text, m, excluded, pats)
        if q is not None and not math.isfinite(q.value + (q.value_max or 0) + (q.denominator or 0)):
            continue  # a digit run past 1.8e308 (a scan's noise, an identifier) reads as infinity
        if q is not None:
            _qualifiers(text, q, pats)
            out.append(q)
            last_end = q.end
    word_numbers = [(m.start(), m.end(), m.group(0)) for m in pats["words"].finditer(text)]
    word_numbers += [(m.start("n"), m.end("n"), m.group("n")) for m in pats["bounded_word"].finditer(text)]
    for start, stop, words in sorted(set(word_numbers)):
        if excluded.hits(start, stop) or any(q.start <= start < q.end for q in out):
            continue
        end, kind, unit, per = _tail(text, stop, excluded, pats)
        if kind not in ("quantity", "money"):
            continue
        value, value_max, comparator = float(parse_number_words(words)), None, "="
        if low := _word_range_low(text, start, value, pats):
            (start, value), value_max, comparator = low, value, "range"
        q = Quantity(start, end, text[start:end], kind, value, value_max=value_max, comparator=comparator, unit=unit,
                     per=per)
        _qualifiers(text, q, pats)
        out.append(q)
    out.sort(key=lambda q: q.start)
    return out


def _word_range_low(text: str, start: int, high: float, pats: dict[str, re.Pattern[str]]) -> tuple[int, float] | None:
    """The start and value of a lower bound spelled before a number word ("từ hai đến ba xã"), or None: a
    well-formed number under the higher one; a lone word that is also no number ("năm", "một", "tư") only after
    "từ", and a year's "năm" before it left out ("Mỗi năm mười đến hai mươi hộ" is 10-20)."""
    m = pats["word_range_low"].search(text, max(0, start - 40), start)
    if m is None:
        return None
    table = _number_words()
    words = list(re.finditer(r"\S+", m["n"]))
    first = words[0].group().lower()
    if len(words) > 1 and table[first][1] == "digit-inner" and (
            not _well_formed([w.group().lower() for w in words])
            or _TIME_WORD_BEFORE.search(text, max(0, m.start("n") - 12), m.start("n"))):
        words = words[1:]
    phrase = " ".join(w.group() for w in words)
    lone_ambiguous = len(words) == 1 and table[words[0].group().lower()][1] == "digit-inner"
    if not _well_formed(phrase.lower().split()) or (lone_ambiguous and not (m["from"] and words[0].start() == 0)):
        return None
    at = m.start("n") + words[0].start()
    if _NAMED_BEFORE.search(text, max(0, at - 12), at):
        return None  # "Lớp thứ hai đến ba học viên", "tháng hai đến tháng ba": an ordinal or a name's number
    low = parse_number_words(phrase)
    return (at, float(low)) if low < high else None


# "mỗi năm", "hằng năm", "cuối năm", "thứ tư": the word is a year or a day, not a number
_TIME_WORD_BEFORE = re.compile(r"(?<![\wÀ-ỹ])(?:mỗi|hằng|hàng|cuối|đầu|trong|cả|giữa|sang|thứ|nửa|các|những)\s+$", re.I)


_NAMED_BEFORE = re.compile(r"(?<![\wÀ-ỹ])(?:thứ|khóa|khoá|đợt|kỳ|số|tháng|quý|tuần|lớp|tổ|đội|ấp|thôn|khu|tập)\s+$", re.I)


def _well_formed(words: list[str]) -> bool:
    """No digit right before "mười" ("năm mười" is a year's "năm" and ten, not fifteen)."""
    table = _number_words()
    pairs = zip(words, words[1:], strict=False)
    return not any(table[a][1] in ("digit", "digit-inner") and table[b][1] == "ten" for a, b in pairs)


@cache
def _not_units() -> frozenset[str]:
    return frozenset(w.lower() for w in load_lines("not_units.txt"))


def _title_noun(doc: Doc, q: Quantity, word: str, end: int) -> bool:
    """A capitalised counted noun ("500 Thẻ BHYT", "3 Điểm du lịch"), not a name ("Tổ 5 Tân Lập", "Đội 3 Công an
    xã"): the next word is lower case or an abbreviation, and the word before the number is lower case or a
    label's colon ("- Phường Đồi Thông: 500 Thẻ BHYT")."""
    if not (word[0].isupper() and word[1:].islower()) or word.isascii() or word.lower() in _label_words():
        return False  # "10 Gigabit" is a measure, "điểm 1 Mục III" a reference
    before = doc.text[max(0, q.start - 12) : q.start].split()
    if not before or not (before[-1][:1].islower() or before[-1].endswith(":")):
        return False
    after = [t for t in doc.tokens_in(end, end + 3) if t.start > end]
    nxt = doc.text[after[0].start : after[0].end] if after and doc.text[end : after[0].start] == " " else ""
    abbreviation = nxt.isupper() and 2 <= len(nxt) <= 6 and not _ROMAN.fullmatch(nxt)
    return bool(nxt) and nxt.replace(" ", "").isalpha() and (nxt.islower() or abbreviation)


_ROMAN = re.compile(r"[IVXLC]+")


@cache
def _label_words() -> frozenset[str]:
    """The words after which a number is an identifier ("Điều", "Mục"; number_labels.txt without its "~" ones)."""
    return frozenset(w.lower() for w in load_lines("number_labels.txt") if not w.startswith("~"))


_QUOTED_NOUN = re.compile(r' ["“«](?P<noun>[^\W\d_][^"“”«»\n]{1,40}?)["”»]')


def _open_unit(doc: Doc, q: Quantity, excluded: _Excluded) -> None:
    """A bare number followed on its line by a lower-case word that is not a function, time or verb word
    counts that word: units.txt cannot list every noun ("2.500 thẻ", "250 chiến sĩ")."""
    if q.kind != "number" or q.unit or doc.text[q.end : q.end + 1] != " ":
        return
    if quoted := _QUOTED_NOUN.match(doc.text, q.end):  # 'xây mới 40 "Mái ấm tình thương"': the name is the noun
        if not excluded.hits(q.end, quoted.end()):
            if q.qual_end == q.end:
                q.qual_end = quoted.end()
            q.end, q.text, q.kind, q.unit = quoted.end(), doc.text[q.start : quoted.end()], "quantity", quoted["noun"].lower()
        return
    # the segmenter may glue the number to its noun ("1.800 liều"): the token that covers the next word
    covering = [t for t in doc.tokens_in(q.start, q.end + 2) if t.end > q.end + 1]
    if not covering:
        return
    end = covering[0].end
    word = doc.text[q.end + 1 : end]
    if "\n" in word or not word.replace(" ", "").isalpha() or not (word.islower() or _title_noun(doc, q, word, end)):
        return
    word = word.lower()
    if word in _not_units() or word.split()[0] in _not_units() or word in _not_magnitudes() or excluded.hits(q.end, end):
        return
    if q.qual_end == q.end:
        q.qual_end = end
    q.end, q.text, q.kind, q.unit = end, doc.text[q.start : end], "quantity", word


@cache
def _label_nouns() -> re.Pattern[str]:
    nouns = alternation(w for w in load_lines("units.txt") if w.lower() not in _PERIODS)  # "… trong năm: 45"
    return re.compile(rf"(?<![\wÀ-ỹ])({nouns})(?![\wÀ-ỹ])", re.I)


_LABEL_BRACKET = re.compile(r"\(\s*([^()\n]{1,40}?)\s*\)\s*:$")
_BRACKET = re.compile(r"\(\s*([^()\n]{1,40}?)\s*\)")
_UNIT_BRACKET = re.compile(r"\s*" + _BRACKET.pattern)
_LABEL_RATE = re.compile(r"tỷ\s+lệ|tỉ\s+lệ|tốc\s+độ|chỉ\s+số|bình\s+quân", re.I)
_LINE_END = re.compile(r"[ \t]*[.;]?[ \t*]*(?:\n|$)")


def unit_kind(phrase: str) -> str | None:
    """The kind of quantity `phrase` is the whole unit of ("%" percent, "tỷ đồng" money, "Người" quantity), None
    when it is no unit: what a table's header or a label prints in brackets."""
    phrase = phrase.strip()
    if phrase == "%":
        return "percent"
    m = _patterns()["unit"].fullmatch(" " + phrase)
    if m is None or not m.group("unit"):
        return None
    return "money" if _SPACE.sub(" ", m.group("unit")).lower() in _currencies() else "quantity"


@cache
def magnitudes() -> frozenset[str]:
    """The magnitude words ("nghìn", "triệu", "tỷ", "vạn"), which a unit keeps and a metric does not."""
    return frozenset(w for w, (_, role) in _number_words().items() if role == "magnitude")


@cache
def counted_words() -> tuple[str, ...]:
    """Every word that says what a number counts: counted nouns, currencies and magnitudes ("hộ", "tỷ đồng",
    "triệu")."""
    return (*load_lines("units.txt"), *load_lines("currencies.txt"), *sorted(magnitudes()))


def _meta_field(doc: Doc, q: Quantity) -> bool:
    """ "Cập nhật: 23/08/2025 | Lượt xem: 1.348": a view counter in a page's meta line counts nothing."""
    field = doc.text[doc.text.rfind("\n", 0, q.start) + 1 : q.start].rsplit("|", 1)[-1].strip()
    return is_page_noise(f"{field} {q.text}")


def _label_unit(doc: Doc, q: Quantity) -> None:
    """A bare number that is the value of a labelled line ("- Số đảng viên mới kết nạp: 45") counts the first
    counted noun of its label ("đảng viên"); a rate's label ("Tỷ lệ …: 2") or one naming no noun keeps it bare."""
    end = q.qual_end or q.end  # "(%): từ 85 trở lên"
    aside = _ASIDE.match(doc.text, end)
    if aside and _bracket_unit(aside.group(1)) is None and not any(ch.isdigit() for ch in aside.group(1)):
        end = aside.end()  # "- Số đảng viên mới kết nạp: 30 (theo Nghị quyết Đại hội)", not "… (năm trước: 25)"
    if q.kind != "number" or q.unit or not _LINE_END.match(doc.text, end):
        return
    text = doc.text
    ls = text.rfind("\n", 0, q.start) + 1
    ls = max(ls, text.rfind(";", ls, q.start) + 1)  # "… là 12; số thôn đạt chuẩn: 30": the last field's label
    fields = _field_starts(doc, ls, q.start)
    ls = fields[-1][0]  # "- Thành lập mới tổ hợp tác: 05, hợp tác xã: 02": a field after another's value
    label = text[ls : q.qual_start or q.start].rstrip(" *")
    if not label.endswith(":"):
        return
    bracket = _LABEL_BRACKET.search(label)  # "- Giá trị sản xuất (tỷ đồng): 1.250"
    if bracket is not None and _set_bracket_unit(q, bracket.group(1)):
        return
    if _LABEL_RATE.search(label):
        return
    if _meta_field(doc, q):
        return
    if _names_an_actor(doc, label, q) and (noun := _intro_noun(doc, q)):
        q.kind, q.unit = "quantity", noun  # "- Đảng bộ xã Tân An: 15" under "Chỉ tiêu kết nạp đảng viên …:"
        return
    # a field naming no noun of its own counts what the field before it counts ("- Số hộ nghèo đầu năm: 350, cuối
    # năm: 280"; "… số người chết: 8, bị thương: 10")
    for start, end in reversed(fields):
        if noun := counted_noun(doc, start, end if end < q.start else ls + len(label)):
            q.kind, q.unit = "quantity", noun
            return


def _field_starts(doc: Doc, start: int, pos: int) -> list[tuple[int, int]]:
    """The (start, value start) of each field of a line of fields before `pos`, the last one ending at `pos`: a
    field starts at the line or after the comma that follows the value of the field before it."""
    fields, at = [], start
    for o in doc.quantities_in(start, pos):
        if o.end > pos:
            break
        comma = doc.text.find(",", o.end, pos)
        if comma < 0:
            continue
        fields.append((at, o.start))
        at = comma + 1
    return [*fields, (at, pos)]


@cache
def _actor_words() -> re.Pattern[str]:
    """The words that open the name of a place or a party body a value is assigned to (the table reader's
    `place_value` of nlp/data/table_columns.json)."""
    return re.compile("|".join(load_json("table_columns.json")["place_value"]), re.I)


def _names_an_actor(doc: Doc, label: str, q: Quantity) -> bool:
    """"Đảng bộ xã Tân An:", "Xã Tà Lương:", "Chi bộ Trường THPT Tân Phú:": who a listed value is assigned to, not
    what it counts ("Số đảng viên mới kết nạp:"). (The entities, which say so for the targets, come later.)"""
    name = label.strip(" *:")
    block = doc.block_of(q.start)
    if block is not None and block.marker and name.startswith(block.marker):  # "-", "a)", "1." read by structure
        name = name[len(block.marker) :].lstrip()
    rest = _after_actor_words(name)
    return rest is not None and any(w[:1].isupper() or w[:1].isdigit() for w in rest.split())


def _after_actor_words(name: str) -> str | None:
    """The name after the words that say what kind of body or place it is ("Tân Hòa" of "Đảng bộ xã Tân Hòa"), None
    when it opens with none."""
    rest = name
    while m := _actor_words().match(rest):
        rest = rest[m.end() :]
    return None if rest == name else rest


@cache
def _meta_units() -> frozenset[str]:
    """What counts targets or tasks ("chỉ tiêu", "nhiệm vụ"; `meta_units` of nlp/data/target_cues.json)."""
    return frozenset(load_json("target_cues.json")["meta_units"])


def _intro_noun(doc: Doc, q: Quantity) -> str | None:
    """The counted noun of the line announcing a list of assigned values ("Chỉ tiêu kết nạp đảng viên năm 2026
    giao cho các chi, đảng bộ như sau:", `nlp.structure.list_intro`), or the unit it prints in brackets."""
    b = list_intro(doc, doc.block_index(q.start))
    if b is None:
        return None
    bracket = _LABEL_BRACKET.search(doc.text[b.start : b.end].rstrip(" *"))  # "Chỉ tiêu trồng rừng năm 2026 (ha):"
    if bracket and unit_kind(bracket.group(1)) == "quantity":
        return _SPACE.sub(" ", bracket.group(1)).lower()
    nouns = [_noun_text(m) for m in _counted_nouns(doc, b.start, b.end)]
    return next((n for n in nouns if n not in _meta_units()), None)  # "Chỉ tiêu kết nạp …": a heading word


def unit_and_per(phrase: str) -> tuple[str, str, str | None] | None:
    """(kind, unit, per) of a printed unit as the prose reads one, None when it holds no unit: "%/năm" is "%" per
    year, "triệu đồng/người/năm" "triệu đồng" per year (GUIDELINES: `per` is the rate period), "tạ/ha" "tạ". Read
    from a bracket or a table's unit cell."""
    head, *rest = (part.strip() for part in phrase.split("/"))
    kind = unit_kind(head)
    if kind is None:
        return None
    periods = [w.lower() for w in rest if w.lower() in _PERIODS]
    return kind, _SPACE.sub(" ", head), (periods[-1] if periods else None)


def _bracket_unit(inside: str) -> tuple[str, str, str | None] | None:
    """The unit a bracket prints, as `unit_and_per` reads it: "tỷ đồng", "%"; "giá so sánh, tỷ đồng": its last
    part; "triệu đồng/người/năm": "triệu đồng" per year; None when it holds none ("theo chuẩn nghèo …")."""
    return unit_and_per(inside.rsplit(",", 1)[-1])


def without_unit_brackets(text: str) -> str:
    """`text` without the brackets that print a unit ("Tỷ lệ hộ nghèo (%) giảm" -> "Tỷ lệ hộ nghèo giảm"); a
    bracket that qualifies the measure stays ("diện tích chè (vùng nguyên liệu)")."""
    return _UNIT_BRACKET.sub(lambda m: "" if _bracket_unit(m.group(1)) else m.group(0), text)


def _set_bracket_unit(q: Quantity, inside: str) -> bool:
    """Give `q` the unit a bracket prints, if it holds one."""
    read = _bracket_unit(inside)
    if read is None:
        return False
    q.kind, q.unit = read[0], read[1].lower()  # type: ignore[assignment]
    if read[2] and q.per is None:
        q.per = read[2]
    return True


def _clause_bracket_unit(doc: Doc, q: Quantity) -> None:
    """A bare value closing its clause takes the unit its metric prints in brackets: "Tỷ lệ hộ nghèo (%) giảm còn
    1,5", "Sản lượng lúa (tấn) đạt trên 52.000", "…; năng suất (tấn/ha): 6,5;", when a value word, a bound or a
    colon hands the metric its value."""
    if q.kind != "number" or q.unit or not _closes_clause(doc.text, q.qual_end or q.end):
        return
    text, qs = doc.text, q.qual_start or q.start
    upto, colon = _field_end(text, qs)  # "…; thu nhập bình quân (triệu đồng/người/năm): 90; tỷ lệ …"
    if not colon and q.qual_start is None and not _value_word().search(text, max(0, qs - 30), qs):
        return
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, max(0, upto - 200), upto)]
    clause = breaks[-1] if breaks else max(0, upto - 200)
    brackets = list(_BRACKET.finditer(text, clause, upto))
    if brackets and not _number_between(doc, brackets[-1].end(), upto):
        _set_bracket_unit(q, brackets[-1].group(1))


def _closes_clause(text: str, pos: int) -> bool:
    """Nothing but a clause end at `pos`, or an aside in brackets that prints no unit ("giảm còn 1,5 (theo chuẩn
    nghèo đa chiều giai đoạn 2026 - 2030)") before one."""
    if _CLAUSE_END.match(text, pos):
        return True
    m = _ASIDE.match(text, pos)
    return m is not None and _bracket_unit(m.group(1)) is None and bool(_CLAUSE_END.match(text, m.end()))


# "(chỉ tiêu huyện giao: 20)", "dự toán tỉnh giao": the administrative level that assigns a value is not what it
# counts (only these: "cuộc giao ban", "vụ giao cấu", "điểm giao cắt" are nouns of their own)
_ASSIGNER = re.compile(r"tỉnh|huyện|thành\s+phố|thị\s+xã|quận|xã|phường|thị\s+trấn|đặc\s+khu", re.I)
_ASSIGNS = re.compile(r"[ \t]+giao(?![\wÀ-ỹ])(?![ \t]+(?:thông|dịch|lưu|tiếp|thương|nhận|khoán|đất|rừng|ban|hữu|quân)"
                      r"(?![\wÀ-ỹ]))", re.I)


def _counted_nouns(doc: Doc, start: int, end: int) -> list[re.Match[str]]:
    """The counted nouns of units.txt in text[start:end] that start a word and are no part of a name: not
    "nông thôn" ("thôn" inside a word), not "xã Tân An" (a place), not "thôn 3", not "huyện giao" (who assigns)."""
    text = doc.text
    return [m for m in _label_nouns().finditer(text, start, end)
            if any(t.start == m.start() for t in doc.tokens_in(m.start(), m.start() + 1))
            and not (text[m.end() :].lstrip(" ")[:1].isupper() or text[m.end() :].lstrip(" ")[:1].isdigit())
            and not (_ASSIGNER.fullmatch(_noun_text(m)) and _ASSIGNS.match(text, m.end()))]


def coordinated_noun(doc: Doc, q: Quantity) -> str | None:
    """A second counted noun the number counts too, after a comma ("01 doanh nghiệp, hợp tác xã", "19 thôn, bản"),
    or None: the noun must start right after the comma and end before a word that is no noun of a list."""
    m = _NEXT_NOUN.match(doc.text, q.end)
    if m is None:
        return None
    found = _counted_nouns(doc, m.end(), m.end() + 40)
    if not found or found[0].start() != m.end():
        return None
    after = found[0].end()
    if not (_CLAUSE_END.match(doc.text, after) or _AFTER_LIST.match(doc.text, after)):
        return None  # "300 người, hộ nghèo …": the noun is another phrase's head
    return _noun_text(found[0])


_NEXT_NOUN = re.compile(r",[ \t]*")
_AFTER_LIST = re.compile(r"\s+(?:có|được|đạt|làm|của|tại|trên|thuộc|do|để|với|ở|đủ|\()", re.I)


def counted_noun(doc: Doc, start: int, end: int) -> str | None:
    """The first counted noun named in text[start:end] ("trường" in "trường đạt chuẩn quốc gia"), lower case; a
    target's name counts the noun of what it sets after its head word ("đảng viên" of "Chỉ tiêu kết nạp đảng viên
    năm 2026: 25"), while a count of targets keeps it ("Số chỉ tiêu đạt và vượt: 15")."""
    found = _counted_nouns(doc, start, end)
    if len(found) > 1 and _noun_text(found[0]) in _TARGET_HEADS and not _COUNT_BEFORE.search(
            doc.text, max(start, found[0].start() - 12), found[0].start()):
        head = found[0]
        named = [m for m in found[1:] if _noun_text(m) not in _meta_units() and _whole_lower_word(doc, m)
                 and not _RECIPIENT.search(doc.text, head.end(), m.start())]  # "Chỉ tiêu giao cho các xã: 12"
        found = named or found
    return _noun_text(found[0]) if found else None


_TARGET_HEADS = frozenset({"chỉ tiêu", "mục tiêu"})
_COUNT_BEFORE = re.compile(r"(?<![\wÀ-ỹ])(?:số|số\s+lượng|các|những|\d+)\s+$", re.I)
_RECIPIENT = re.compile(r"(?<![\wÀ-ỹ])(?:cho|giao|của|tại|ở|các|những|mỗi|từng)(?![\wÀ-ỹ])", re.I)


def _whole_lower_word(doc: Doc, m: re.Match[str]) -> bool:
    """The noun is a word of its own in lower case: not "xã" of "xã hội", not "THPT" of "trường THPT"."""
    return m.group(1).islower() and any(t.end == m.end() for t in doc.tokens_in(m.start(), m.end()))


def _noun_text(m: re.Match[str]) -> str:
    return _SPACE.sub(" ", m.group(1)).lower()


_CLAUSE_END = re.compile(r"[ \t]*(?:[.;,)]|\n|$)")
_ASIDE = re.compile(r"[ \t]*\(([^()\n]{1,120})\)")
_CLAUSE_BREAK = re.compile(r"[;:!?\n]|\.(?!\d)|(?<!\d)\.")  # "10.000" is a number, not a clause end


@cache
def _value_word() -> re.Pattern[str]:
    return re.compile(rf"(?<![\wÀ-ỹ])(?:{alternation(load_lines('value_words.txt'))})\s*$", re.I)


def _field_end(text: str, value_start: int) -> tuple[int, bool]:
    """Where the words naming a value end, and whether a colon hands it over: "Số xã đạt chuẩn: 12" ends before
    the colon, "… đạt 12" before the spaces."""
    end = value_start
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    colon = text[end - 1 : end] == ":"
    return (end - 1, True) if colon else (end, False)


_COUNT_HEADS = frozenset({"số", "tổng số", "số lượng"})
_APPROX = re.compile(r"(?<![\wÀ-ỹ])(?:khoảng|xấp\s+xỉ|chừng|ước)[ \t]+$", re.I)


def _metric_unit(doc: Doc, q: Quantity) -> None:
    """A bare number closing its clause counts the noun its metric names: after "số" ("Số xã đạt chuẩn … là 12",
    "giảm số hộ nghèo xuống còn 150", "…; số chi hội xếp loại vững mạnh: 8"), else the counted noun nearest
    before it in its clause ("kết nạp đảng viên mới trên 2.800"), when a bound, a value word or a colon hands
    the metric its value (the plan line that leaves the unit to its metric)."""
    if q.kind != "number" or q.unit or not _closes_clause(doc.text, q.qual_end or q.end) or _meta_field(doc, q):
        return
    if (aside := _ASIDE.match(doc.text, q.qual_end or q.end)) and any(ch.isdigit() for ch in aside.group(1)):
        return  # "Số hộ được hỗ trợ: 30 (năm trước: 25)": a bracket comparing it, not an aside
    text, qs = doc.text, q.qual_start or q.start
    si = doc.sentence_of(q.start)
    if si >= 0 and is_scale_value(text, qs, q.value, doc.sentences[si][0]):
        return  # the value of an index counts nothing ("…; người bệnh ngoại trú đạt trên 88" after "Chỉ số hài lòng")
    if approx := _APPROX.search(text, max(0, qs - 12), qs):  # "Số thẻ … cấp mới: khoảng 2.500", "đạt khoảng 2.500"
        qs = approx.start()
    upto, colon = _field_end(text, qs)
    upto = upto if colon else qs
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, max(0, upto - 250), upto)]
    clause = breaks[-1] if breaks else max(0, upto - 250)
    tokens = doc.tokens_in(clause, upto)
    at = next((i for i in range(len(tokens) - 2, -1, -1) if " ".join(tokens[i].text.lower().split()) in _COUNT_HEADS), None)
    # a clause that opens with its count ("- Số hợp tác xã thành lập mới 15", "Số người tham gia … tăng thêm
    # 2.000") names what the number at its end counts, whatever verb stands before it
    opens_with_count = at is not None and not any(ch.isalnum() for ch in text[clause : tokens[at].start])
    if not colon and q.qual_start is None and not opens_with_count and not _value_word().search(
            text, max(0, qs - 30), qs):
        return
    if at is None:
        word = _nearest_counted_noun(doc, max(clause, text.rfind(",", 0, upto) + 1), upto)
    else:
        noun = tokens[at + 1]
        counted = _label_nouns().match(text, noun.start)
        word = counted.group(1) if counted else noun.text
        total_of = _total_noun(doc, counted is not None, word, noun.start, qs)
        if _number_between(doc, noun.start, upto, total_of):
            return  # another number between, unless the value totals it ("Số xã … tăng thêm 5, lũy kế đạt 60")
        if not counted and (not word.replace(" ", "").isalpha() or not word[:1].islower() or word in _not_units()
                            or word in _not_magnitudes()):
            return  # "số Tân An", "số này"
    if word:
        q.kind, q.unit = "quantity", _SPACE.sub(" ", word).lower()


def _nearest_counted_noun(doc: Doc, start: int, end: int) -> str | None:
    """The last counted noun of units.txt in text[start:end] with no number after it, unless the clause is a rate's."""
    text = doc.text
    if _LABEL_RATE.search(text, start, end):
        return None  # "tỷ lệ hộ nghèo giảm còn 2": a rate that left out its "%"
    found = _counted_nouns(doc, start, end)
    if not found or _number_between(doc, found[-1].end(), end):
        return None
    return found[-1].group(1)


# "lũy kế đạt 60", "nâng tổng số lên 60", "nâng tổng số xã đạt chuẩn lên 60", "tổng cộng 60"
_RUNNING_TOTAL = re.compile(r"(?<![\wÀ-ỹ])(?:lũy\s+kế|(?:nâng|đưa)\s+tổng\s+số|tổng\s+cộng)(?![\wÀ-ỹ])[^,;:.\n\d]{0,40}$",
                            re.I)


def _total_noun(doc: Doc, counted: bool, word: str, start: int, qs: int) -> str | None:
    """The counted noun a running total at `qs` adds up, whose earlier values in the clause do not stand between
    the metric and it ("Số xã đạt chuẩn … tăng thêm 5, lũy kế đạt 60"); None without a total's cue, or with a rate
    between ("Số hộ nghèo là 200, tỷ lệ hộ nghèo là 3,2")."""
    if not counted or not _RUNNING_TOTAL.search(doc.text, max(start, qs - 60), qs):
        return None
    return None if _LABEL_RATE.search(doc.text, start, qs) else _SPACE.sub(" ", word).lower()


def _number_between(doc: Doc, start: int, end: int, noun: str | None = None) -> bool:
    """A digit in text[start:end] outside the dates, rate bases and quantities of `noun` (whose first word they share:
    "hộ" of "hộ nghèo") ("Chỉ tiêu kết nạp đảng viên năm 2026 là 45", "số bác sĩ trên 10.000 dân đạt 12" have none)."""
    bases = [(q.start, q.end) for q in doc.quantities_in(start, end)
             if is_rate_base(doc.text, q) or (noun is not None and q.unit and noun.split()[0] == q.unit.split()[0])]
    bases += [(d.start, d.end) for d in doc.dates]
    bases += [(m.start(), m.end()) for m in _bases()[0].finditer(doc.text, start, end)]  # "Số bác sĩ/10.000 dân"
    return any(ch.isdigit() and not any(a <= i < b for a, b in bases) for i, ch in enumerate(doc.text[start:end], start))


_BASE_VALUES = frozenset({1.0, 10.0, 100.0, 1_000.0, 10_000.0, 100_000.0})
_BASE_BEFORE = re.compile(r"(?:(?<![\wÀ-ỹ])trên|/)\s*$", re.I)
_AREA = re.compile(r"\s*(?:ha|héc[\s-]?ta|hecta)(?![\wÀ-ỹ])", re.I)
_YIELD_HEAD = re.compile(r"(?<![\wÀ-ỹ])(?:giá\s+trị|năng\s+suất|thu\s+nhập|doanh\s+thu|lợi\s+nhuận|sản\s+lượng)(?![\wÀ-ỹ])",
                         re.I)
_RATE_HEAD = re.compile(r"(?<![\wÀ-ỹ])(?:số|tỷ suất|tỉ suất|mật độ|tỷ lệ|tỉ lệ)(?![\wÀ-ỹ])", re.I)


@cache
def _base_nouns() -> re.Pattern[str]:
    return re.compile(rf"\s*(?:vạn\s+)?(?:{alternation(load_lines('rate_bases.txt'))})(?![\wÀ-ỹ])", re.I)


def is_rate_base(text: str, q: Quantity) -> bool:
    """The number is the population a rate is counted over ("số bác sĩ trên 1 vạn dân", "35 giường bệnh/10.000
    dân", "tỷ suất … trên 1.000 trẻ đẻ sống"), or the one hectare a yield is counted over ("giá trị sản phẩm thu
    hoạch trên 1 ha đất trồng trọt"), not a number to reach ("xã có trên 10.000 dân" names no rate)."""
    if q.value not in _BASE_VALUES or q.value_max is not None:
        return False
    if not _BASE_BEFORE.search(text, max(0, q.start - 12), q.start):
        return False
    after = q.start + len(q.text.split()[0])  # the noun after the digits, whether or not it was read as the unit
    if q.value == 1 and _AREA.match(text, after):
        clause_start = max(text.rfind(c, max(0, q.start - 120), q.start) for c in ".;:\n,") + 1
        return _YIELD_HEAD.search(text, clause_start, q.start) is not None
    return _base_nouns().match(text, after) is not None and _rate_head_before(text, q.start)


def _rate_head_before(text: str, pos: int) -> bool:
    """A rate's head ("số", "tỷ lệ", "mật độ") in the clause before `pos`, within 120 characters."""
    lo = max(0, pos - 120)
    clause_start = max(text.rfind(c, lo, pos) for c in ".;:\n") + 1
    return _RATE_HEAD.search(text, max(lo, clause_start), pos) is not None


@cache
def _breakdown_words() -> re.Pattern[str]:
    return re.compile(rf"(?<![\wÀ-ỹ])(?:{alternation(load_lines('breakdown_words.txt'))})(?![\wÀ-ỹ])", re.I)


_NEXT_PART = re.compile(r"[ \t]*,[ \t]*[^\W\d_][^\d,;:.()\n]{0,40}$")
# a part that is a rate, an average, an age or a verb's value is no part of the whole ("…, trong đó nữ 520, tỷ lệ
# 41,6", "…, tuổi đời bình quân 29", "…, vượt chỉ tiêu 5")
_NOT_A_PART = re.compile(r"(?<![\wÀ-ỹ])(?:tỷ\s+lệ|tỉ\s+lệ|tỷ\s+trọng|chiếm|bình\s+quân|trung\s+bình|tuổi|mỗi|đạt|vượt|"
                         r"tăng|giảm|còn|là|bằng|gấp|hơn|khoảng|năm|tháng)(?![\wÀ-ỹ])", re.I)


def _breakdown_unit(doc: Doc, q: Quantity, before: Quantity | None, chained: bool = False) -> bool:
    """A bare number closing its clause after a breakdown word counts what the quantity before it in its sentence
    counts ("Trồng mới 1.500 ha rừng tập trung, trong đó rừng gỗ lớn 500": 500 ha), as does each further part the
    breakdown names after a comma (`chained`: "25 người (trong đó: đoàn viên 15, hội viên 10)"). True when it does."""
    if (q.kind != "number" or q.unit or before is None or not before.unit
            or not _CLAUSE_END.match(doc.text, q.qual_end or q.end)):
        return False
    si = doc.sentence_of(q.start)
    if si < 0 or doc.sentence_of(before.start) != si or ";" in doc.text[before.end : q.start]:
        return False
    qs = q.qual_start or q.start
    if _breakdown_words().search(doc.text, before.end, qs) or (
            chained and (part := _NEXT_PART.match(doc.text, before.qual_end or before.end, qs))
            and not _NOT_A_PART.search(part.group(0))):
        q.kind, q.unit = before.kind, before.unit
        return True
    return False


_CLAUSE_OPEN = re.compile(r"[,;:\n]")
# what hands values out to bodies or places ("Chỉ tiêu giao cụ thể:", "phân bổ cho các xã:", "…; trong đó")
_ASSIGNED = re.compile(r"(?<![\wÀ-ỹ])(?:giao|phân\s+bổ|phân\s+bố|chỉ\s+tiêu|cụ\s+thể|trong\s+đó|như\s+sau)(?![\wÀ-ỹ])",
                       re.I)
_PLACE_LABEL = re.compile(r"(?<![\wÀ-ỹ])(?:tại|ở|địa\s+chỉ|địa\s+điểm)\s*:$", re.I)
_NEAR = 250  # the value whose noun an assigned value takes stands at most this far before it


def _actor_value_unit(doc: Doc, q: Quantity, before: Quantity | None, listed: bool) -> bool:
    """A bare number closing a clause that only names whom it is assigned to counts what the value before it in
    its paragraph counts ("kết nạp 150 đảng viên mới. Chỉ tiêu giao cụ thể: Đảng bộ xã Tân Hòa 15, Đảng bộ xã Tân
    Lập 12": 15 and 12 đảng viên), as a listed line does under its intro: when words that assign stand between the
    two, or the value before it was assigned the same way (`listed`). True when it does."""
    if (q.kind != "number" or q.unit or q.qual_start is not None or before is None or not before.unit
            or before.kind not in ("quantity", "money") or not _CLAUSE_END.match(doc.text, q.end)
            or q.start - before.end > _NEAR):
        return False
    text = doc.text
    opens = [m.end() for m in _CLAUSE_OPEN.finditer(text, before.end, q.start)]
    if not opens or "\n\n" in text[before.end : q.start]:
        return False  # the value before it must be in the same paragraph, and the name must open a clause
    si = doc.sentence_of(before.start)
    since = doc.sentences[si][0] if si >= 0 else before.start  # "Giao chỉ tiêu kết nạp 60 đảng viên: xã An Phú 12"
    if not listed and not _ASSIGNED.search(text, since, q.start):
        return False  # "… 30 ha rừng tập trung tại: ấp Bình Phú 2", "Địa chỉ: ấp Phước Hòa 2": a place, no value
    if _PLACE_LABEL.search(text, max(0, opens[-1] - 12), opens[-1]):
        return False  # "Giao chỉ tiêu 30 ha tại: ấp Bình Phú 2": where, not to whom
    name = text[opens[-1] : q.start].strip(" *-+•\t")
    if lead := _breakdown_words().match(name):  # "…; trong đó xã Tân Hòa 20"
        name = name[lead.end() :].lstrip()
    rest = _after_actor_words(name)  # "Đảng bộ xã Tân Hòa": the body, then its place
    words = rest.split() if rest is not None else []
    if not words or not all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return False
    numbered = re.compile(r"(?<![\wÀ-ỹ])" + re.escape(name) + r"[ \t]+(\d+)(?!\d|[.,]\d)")
    if any(abs(int(m.group(1)) - q.value) == 1 for m in numbered.finditer(text, max(0, q.start - 300), q.end + 300)):
        return False  # "ấp Phước Hòa 1, ấp Phước Hòa 2": the names of a place numbered in turn
    q.kind, q.unit = before.kind, before.unit
    return True


def run(doc: Doc) -> None:
    spans = [(d.start, d.end) for d in doc.dates] + [(r.start, r.end) for r in doc.references]
    doc.quantities = find_quantities(doc.text, spans)
    excluded = _Excluded(spans)
    before, listed, parts = None, False, False
    for q in doc.quantities:
        _open_unit(doc, q, excluded)
        _label_unit(doc, q)
        _clause_bracket_unit(doc, q)
        _metric_unit(doc, q)
        parts = _breakdown_unit(doc, q, before, parts)
        listed = _actor_value_unit(doc, q, before, listed)
        before = q
