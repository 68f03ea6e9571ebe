"""Citations of other documents: "Kế hoạch số 117-KH/HU, ngày 31/10/2022 của Ban Thường vụ Huyện ủy".

A reference is anchored on its số ký hiệu, the one part that cannot be
mistaken for ordinary prose; the type word before it and the date and issuer
after it are optional. Regexes only: this runs on every document.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from nlp.dates import parse_date
from nlp.doc import Doc, Reference
from nlp.resources import load_json, load_lines

# Upper-case letters without a tone mark: abbreviations never carry one, so
# "VPĐOÀN" (an abbreviation glued to the next word) is not taken as a code.
_UP = "A-ZĐĂÂÊÔƠƯ"
_LOW = "a-zđ"
# a code segment: "KH", "UBND", "TTg", "CTr", "QĐi", "SGD&ĐT", "QH15"; never two lower-case letters in a row
_SEG = rf"[{_UP}](?:[{_UP}&]|[{_LOW}](?![{_LOW}]))*\d*"
_SEP = r"[ \t]*[-/][ \t]*(?:\n[ \t]*)?"  # "186/KH-\nUBND": a code may break after its hyphen
_NUM = r"\d{1,5}[a-z]?"
_PARTY = rf"{_NUM}(?:[ \t]*-[ \t]*|[ \t]+){_SEG}[ \t]*/[ \t]*{_SEG}(?:{_SEP}{_SEG})*"
_STATE = rf"{_NUM}(?:[ \t]*/[ \t]*(?:19|20)\d\d)?[ \t]*/[ \t]*{_SEG}(?:{_SEP}{_SEG})*"
NUMBER_PATTERN = rf"(?<![\w/.-])(?:{_PARTY}|{_STATE})(?![\w&])"
"""A số ký hiệu as printed ("117-KH/HU", "30/2020/NĐ-CP", "542    /TB-UBND"); used by nlp.structure."""

_DATE = r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:19|20)\d\d|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+(?:19|20)\d\d"
_DATE_TAIL = re.compile(rf"\s*,?\s*(?:ban hành\s+)?(?:[Nn]gày)\s+(?:{_DATE})")
_ISSUER_LEAD = re.compile(r"\s*,?\s*(?:của|do)\s+")
_TOKEN = re.compile(r"[^\s]+")
_TRAILING = "”\"'.,;:!?)]…*"
_MAX_ISSUER_WORDS = 10
_ISSUER_STOPS = ("ban hành", "phê duyệt", "quy định", "hướng dẫn", "thông qua")


def strip_accents(s: str) -> str:
    """"Quyết định" → "Quyet dinh" (đ → d), for matching texts typed without diacritics."""
    base = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    return base.replace("đ", "d").replace("Đ", "D")


def normalise_number(s: str) -> str:
    """"Số: 542    /TB-UBND" → "542/TB-UBND": the số ký hiệu without "Số" and without any whitespace."""
    s = re.sub(r"^\s*(?:[Ss]ố|SỐ)(?:\s*hiệu)?\s*:?", "", s)
    return re.sub(r"\s+", "", s)


@cache
def _types() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    data = load_json("doc_types.json")
    words = {w.lower(): t for w, t in data["words"].items()}
    words.update({strip_accents(w): t for w, t in list(words.items())})
    lower = set(data["issuer_words"])
    for line in (*load_lines("org_heads.txt"), *load_lines("admin_units.txt")):
        lower.update(w for w in line.split() if w.islower())
    return words, data["abbreviations"], frozenset(lower)


def type_of_word(word: str) -> str | None:
    """Contract doc_type of a type word in any case ("KẾ HOẠCH", "Quyết định", "quyet dinh"), else None."""
    words = _types()[0]
    key = " ".join(word.split()).lower()
    return words.get(key) or words.get(strip_accents(key))


def type_of_number(number: str) -> str:
    """doc_type from the abbreviation in a normalised số ký hiệu ("117-KH/HU" → ke_hoach).

    Party numbers put the type before the slash, state numbers after it; a
    state number whose code is an issuer unit ("507/UBND-KGVX") is a công văn.
    """
    abbr = _types()[1]
    party = re.match(rf"\d+[a-z]?-?([{_UP}][^/]*)/", number)
    if party:
        code = party.group(1).rstrip("-")
        return abbr.get(code) or abbr.get(code.rstrip("0123456789"), "other")
    state = re.match(r"\d+[a-z]?(?:/\d{4})?/(.+)", number)
    if not state:
        return "other"
    code, _, rest = state.group(1).partition("-")
    if code not in abbr and code.replace("D", "Đ") in abbr:
        code = code.replace("D", "Đ")  # "30/2020/ND-CP" typed without Đ
    bare = code.rstrip("0123456789")
    if code in abbr or bare in abbr:
        return abbr.get(code) or abbr[bare]
    if rest:
        return "cong_van"
    for size in range(len(code) - 1, 0, -1):  # hyphen lost in extraction: "QĐUBND", "NQCP"
        if code[:size] in abbr:
            return abbr[code[:size]]
    return "other"


@cache
def _type_words() -> str:
    """The type words as one alternation, longest first, any whitespace between their syllables."""
    words = sorted(_types()[0], key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)


@cache
def _pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?P<type>(?i:{_type_words()}))(?:\s+(?i:số|so))?\s*:?\s*$")


_NUMBER = re.compile(NUMBER_PATTERN)
_LOOKBACK = 60  # the type word ends within this many characters before the number


@cache
def _cited_next() -> re.Pattern[str]:
    """A type word that begins the next citation ("… của Ban Thường vụ Huyện ủy và Nghị quyết số 57-NQ/TW"); a
    type word without a number stays in a name ("Sở Kế hoạch và Đầu tư")."""
    return re.compile(rf"(?i:{_type_words()})(?:\s+(?i:số))?\s*:?\s*\d")


def _issuer(text: str, pos: int) -> tuple[str, int] | None:
    """Issuer name starting at `pos` (after "của"): capitalised words and known lower-case syllables."""
    lower = _types()[2]
    para_end = text.find("\n\n", pos)
    limit = len(text) if para_end < 0 else para_end
    tokens = list(_TOKEN.finditer(text, pos, min(limit, pos + 200)))
    end, count = None, 0
    for i, tok in enumerate(tokens):
        word = tok.group()
        if word[0] in "“\"'(":
            break
        core = word.rstrip(_TRAILING)
        if not core or not (core[0].isupper() or (core in lower and count > 0)) or _cited_next().match(text, tok.start()):
            break
        nxt = tokens[i + 1].group().lower() if i + 1 < len(tokens) else ""
        if core.islower() and f"{core} {nxt}" in _ISSUER_STOPS:
            break
        count += 1
        end = tok.start() + len(core)
        if len(core) < len(word) or count >= _MAX_ISSUER_WORDS:
            break
    if end is None:
        return None
    name = text[pos:end]
    while name.split() and name.split()[-1] in ("và", "các"):
        name = name[: name.rstrip().rfind(" ")].rstrip()
        end = pos + len(name)
    return (" ".join(name.split()), end) if name else None


@cache
def _issuer_codes() -> tuple[dict[str, str], list[tuple[re.Pattern[str], str]]]:
    data = load_json("issuer_codes.json")
    return dict(data["codes"]), [(re.compile(p), body) for p, body in data["patterns"].items()]


def issuer_from_code(number: str) -> str | None:
    """The central body a number's issuer code names ("07/2021/NĐ-CP" -> "Chính phủ", "09/2025/TT-BNV" -> "Bộ Nội
    vụ", "01/2021/QH15" -> "Quốc hội"); None for local codes ("117-KH/HU"), which name a body in each province."""
    code = re.split(r"[-/]", number)[-1]
    codes, patterns = _issuer_codes()
    if code in codes:
        return codes[code]
    return next((body for p, body in patterns if p.fullmatch(code)), None)


def find_references(text: str) -> list[Reference]:
    """Every citation of a document with a số ký hiệu, in text order."""
    out: list[Reference] = []
    type_before = _pattern()
    for m in _NUMBER.finditer(text):
        start, end = m.start(), m.end()
        number = normalise_number(m.group())
        doc_type = type_of_number(number)
        before = type_before.search(text, max(0, start - _LOOKBACK), start)
        word = before.group("type") if before else None
        if word:
            start = before.start()
            word_type = type_of_word(word) or "other"
            if word_type != "other" or doc_type == "other":
                doc_type = word_type
        issued = None
        date = _DATE_TAIL.match(text, end)
        if date:
            issued = parse_date(" ".join(date.group().split()))
            end = date.end()
        lead = _ISSUER_LEAD.match(text, end)
        issuer = None
        if lead:
            found = _issuer(text, lead.end())
            if found:
                issuer, end = found
        out.append(Reference(
            start=start, end=end, text=text[start:end], doc_type=doc_type, number=number,
            issued_date=issued, issuer=issuer, number_start=m.start(), number_end=m.end(),
            issuer_from_code=issuer_from_code(number),
        ))
    return out


def run(doc: Doc) -> None:
    """Set doc.references, without the document's own number: its header's "Số: …" (`doc.number_span`, found by
    nlp.structure) and, dated as the document is, the annex captions that cite it ("(Kèm theo Kế hoạch số
    552/KH-UBND ngày 19/11/2025 …)"). Numbers start again every year: "Kế hoạch số 15/KH-UBND" of another date
    is another plan."""
    own, issued = doc.info.number, doc.info.issued_date
    doc.references = [
        r for r in find_references(doc.text)
        if not (own and r.number == own and (r.start < doc.header_end or (issued and r.issued_date == issued)))
        # what is read inside the header's "Số: …" is the document's own number however a scan damaged it
        # ("Số: Ê§0 /TB-UBND" gave "0/TB-UBND"); a citation after it on the same line is one
        and not (doc.number_span and r.start < doc.number_span[1] and doc.number_span[0] < r.end)
    ]
