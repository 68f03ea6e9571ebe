"""The document's identity (header block) and its layout (blocks).

Runs right after normalisation, on lines: official documents open with a
header whose cells arrive in many shapes (one cell per line, "|" lines,
markdown markers, two columns joined by runs of spaces, a whole document
flattened into one line), so the header is read by anchors that survive all
of them: the motto, "Số: …", the "place, ngày …" line and the type line.
Everything here is regexes over lines; no models, a 50k-char text takes ms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from nlp.dates import parse_date
from nlp.doc import Block, Doc
from nlp.references import NUMBER_PATTERN, find_references, normalise_number, strip_accents, type_of_number
from nlp.references import type_of_word as _type_word
from nlp.resources import load_json, load_lines
from nlp.schema import DocumentInfo

_TOP_CHARS = 6000
_TOP_LINES = 90
_MAX_TITLE_LINES = 8
_MD = re.compile(r"\*+")
_CELL_SPLIT = re.compile(r"\||[ \t]{3,}")
_FINAL = re.compile(r"[.;:!?]$")
_NUMBER_LINE = re.compile(
    rf"(?<!\w)S[ốỐ](?![ \t]*hiệu)(?:[ \t]*:\s*|[ \t]+)(?:(?P<num>{NUMBER_PATTERN})|(?P<blank>[-. \t]*/[ \t]*(?:(?:19|20)\d\d[ \t]*/[ \t]*)?[A-ZĐ]))"
)
_DATE_LINE = re.compile(
    r"(?P<place>(?:[^\W\d_][^\W\d_.]*\.?[ \t\n]+){0,5}?[^\W\d_]+)[ \t]*,\s*ngày"
    r"(?P<date>[\s\d]{0,14}tháng[\s\d]{0,12}năm[ \t\n]*\d{4}|[ \t]*\d{1,2}[/.-]\d{1,2}[/.-]\d{4}(?!\d)"
    # a right column wrapped under a left one: "Hà Nội, ngày 09 tháng 9" / "V/v tăng cường …      năm 2025"
    r"|[ \t\d]{0,14}tháng[ \t]*\d{1,2}[ \t]*\n[^\n]{0,120}?[ \t]{3,}năm[ \t]*\d{4})"
)
_WRAPPED_DATE = re.compile(r"(tháng \d{1,2}) .*? (năm \d{4})$")
_WRAPPED_YEAR = re.compile(r"[ \t]{3,}năm[ \t]*\d{4}[ \t]*$")  # that year's cell, at the end of a title line
# a scan's handwritten or stamped day and number come out of OCR as symbols ("Số: 2 #ˆ /CT-UBND",
# "ngày Z tháng 4 năm 2020"): the line is still the header's, but its value is unreadable
_ILLEGIBLE_NUMBER = re.compile(r"(?<!\w)S[ốỐ][ \t]*:[ \t]*(?=[^\n/]{0,8}?[^\s\w/])[^\n/]{1,8}?/[ \t]*[A-ZĐ]{2,}[-A-ZĐ/]*")
_ILLEGIBLE_DATE = re.compile(
    r"(?P<place>(?:[^\W\d_][^\W\d_.]*\.?[ \t\n]+){0,5}?[^\W\d_]+)[ \t]*,\s*ngày"
    r"(?P<date>[^\n]{0,8}?tháng[^\n]{0,8}?năm[ \t\n]*\d{4})"
)
_ABOUT = re.compile(r"^[ \t*]*V/v[ \t.:]+([^\n]+)", re.M)
_MARKER = re.compile(
    r"(?P<m>(?:Điều|ĐIỀU)[ \t]+\d+[.:]|[IVX]+[.-]|\d{1,2}(?:\.\d{1,2})+\.?-?|\d{1,2}[.)-]|[a-zđ]\)"
    r"|\(\d{1,2}\)|\([a-zđ]\)|[-+•–])(?=[\s*]|$)"
)
_SYLLABLE = re.compile(r"(?:NGH|NG|GH|GI|KH|NH|PH|QU|TH|TR|CH|[BCDGHKLMNPQRSTVX])?[AEIOUY]{1,3}(?:NG|NH|CH|[CKMNPT])?")
_FULL_DATE = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:19|20)\d\d|\d{4}-\d\d-\d\d")


@dataclass(slots=True)
class _Line:
    start: int  # offsets of the line without surrounding whitespace
    end: int
    text: str
    core: str  # the line without markdown emphasis markers


@dataclass(slots=True)
class _Header:
    zone_start: int  # line index where the header block starts
    end_line: int  # first line index of the body
    end: int  # doc.header_end


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = load_json("structure.json")
    pats = {k: re.compile(v) for k, v in data.items() if isinstance(v, str) and not k.startswith("_")}
    pats["motto"] = re.compile("|".join(data["motto"]))
    starts = sorted(data["org_starts"], key=len, reverse=True)
    pats["org_start"] = re.compile(rf"^(?:{'|'.join(map(re.escape, starts))})\b")
    words = sorted((w for w in load_json("doc_types.json")["words"]), key=len, reverse=True)
    upper = "|".join(r"\s+".join(map(re.escape, w.upper().split())) for w in words)
    pats["type_upper"] = re.compile(rf"(?<![^\W\d_])(?:{upper})(?![A-ZĐÀ-Ỹ]{2}|\s+SỐ)")
    return pats


@cache
def _casing() -> tuple[dict[tuple[str, ...], str], dict[tuple[str, ...], str], frozenset[str]]:
    heads = {tuple(h.lower().split()): h for h in load_lines("org_heads.txt")}
    for prefix in ("Bộ", "Sở", "Phòng", "Cục", "Vụ"):  # "BỘ Y TẾ" → "Bộ Y tế", not "Bộ Y Tế"
        for field in load_lines("org_fields.txt"):
            if any(c.islower() for c in field):
                heads.setdefault(tuple(f"{prefix} {field}".lower().replace(",", " ,").split()), f"{prefix} {field}")
    units = {tuple(u.lower().split()): u.lower() for u in load_lines("admin_units.txt") if u[0].islower()}
    return heads, units, frozenset(load_lines("surnames.txt"))


_LINE = re.compile(r"[^\s](?:[^\n]*[^\s])?")


def _lines(text: str) -> list[_Line]:
    out = []
    for m in _LINE.finditer(text):
        line = m.group()
        out.append(_Line(m.start(), m.end(), line, _MD.sub("", line).strip() if "*" in line else line))
    return out


def _is_caps(s: str) -> bool:
    """All letters upper-case, at least two of them."""
    return s.isupper() and (len(s) > 8 or sum(c.isalpha() for c in s) >= 2)


def _is_acronym(word: str) -> bool:
    bare = strip_accents(word).strip(".,")
    return bare.isupper() and not _SYLLABLE.fullmatch(bare)


@cache
def _unaccented_names() -> dict[tuple[str, ...], str]:
    """Org heads and provinces (with "tỉnh" or "thành phố" before them) by their letters without tone marks: a
    scan's "ỦY BAN NHÂN DẦN TĨNH QUANG NGAI" is the committee of Quảng Ngãi. Single words are left out: without
    its marks one syllable spells too many others ("BẢN" is no "bản", "VĨNH" no "vịnh")."""
    heads, _, _ = _casing()
    places = load_lines("places.txt")
    names = [*heads.values(), *places, *(f"{unit} {p}" for unit in ("tỉnh", "thành phố") for p in places)]
    out: dict[tuple[str, ...], str] = {}
    for name in names:
        key = tuple(strip_accents(name).lower().split())
        if len(key) >= 2:
            out.setdefault(key, name)
    return out


def readable_name(caps: str) -> str:
    """"ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI" → "Ủy ban nhân dân tỉnh Đồng Nai" (org heads as listed, places title-cased).
    Words OCR read with wrong tone marks are put right where, without the marks, they spell a listed name."""
    heads, units, _ = _casing()
    unaccented = _unaccented_names()
    words = caps.replace(",", " , ").split()
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(10, len(words) - i), 0, -1):
            key = tuple(w.lower() for w in words[i : i + size])
            if key in heads or key in units:
                out.append(heads.get(key) or units[key])
                i += size
                break
            bare = unaccented.get(tuple(strip_accents(w).lower() for w in key))
            if bare is not None and tuple(bare.lower().split()) != key:  # only where OCR changed a mark
                out.append(bare)
                i += size
                break
        else:
            w = words[i]
            out.append(w if _is_acronym(w) else "và" if w.lower() == "và" else w[:1] + w[1:].lower())
            i += 1
    return " ".join(out).replace(" ,", ",")


def _is_person(cell: str) -> bool:
    words = cell.split()
    surnames = _casing()[2]
    return (
        2 <= len(words) <= 5
        and words[0] in surnames
        and all(w[0].isupper() and (len(w) == 1 or w[1:].islower()) and w.isalpha() for w in words)
    )


def _find_header(text: str, lines: list[_Line]) -> tuple[int, re.Match[str] | None] | None:
    """Line index of the header's anchor (motto or "Số: …") and the number match, None for no header."""
    pats = _patterns()
    top = min(len(text), _TOP_CHARS, lines[min(len(lines), _TOP_LINES) - 1].end if lines else 0)
    # a newspaper's banner holds the party's name ("BÁO … - CƠ QUAN CỦA ĐẢNG BỘ ĐẢNG CỘNG SẢN VIỆT NAM TỈNH …")
    motto = next((m for m in pats["motto"].finditer(text, 0, top)
                  if not pats["banner"].match(text, text.rfind("\n", 0, m.start()) + 1)), None)
    number = _NUMBER_LINE.search(text, 0, top)
    if motto is None and number is None:
        return None
    # the place and date stand after the number, or above it when the issuer's cell is short (a Đoàn's
    # "BCH ĐOÀN XÃ …" beside "Phước Sơn, ngày …", then "Số: 03-CTr/ĐTN" on its own line)
    if motto is None and not _DATE_LINE.search(text, max(0, number.start() - 300), min(len(text), number.end() + 600)):
        return None
    anchor = min(m.start() for m in (motto, number) if m is not None)
    idx = next(i for i, ln in enumerate(lines) if ln.end >= anchor)
    return idx, number


_LABELLED_VALUE = re.compile(r"[\s*+•–-]*[^\n:]{1,60}:\s*\d")


def list_intro(doc: Doc, i: int) -> Block | None:
    """The line that announces the list holding block `i` ("Phấn đấu đến năm 2030:"), None if none: list
    items separated by blank lines are separate paragraphs, so the sentence before them does not reach them.
    Targets read a list's metric from it, quantities the noun its labelled values count."""
    if i < 0 or doc.blocks[i].kind not in ("item", "paragraph"):
        return None
    level, is_item = doc.blocks[i].level, doc.blocks[i].kind == "item"
    for j in range(i - 1, max(-1, i - 30), -1):
        b = doc.blocks[j]
        if b.kind == "noise":
            continue
        if is_item and b.kind == "item" and b.level >= level and not doc.text[b.start : b.end].rstrip("* ").endswith(":"):
            continue
        if _LABELLED_VALUE.match(doc.text, b.start, b.end):  # "Xã Tân Lập: 75 hộ;" after "Xã Tân An: 45 hộ;"
            continue
        return b if doc.text[b.start : b.end].rstrip("* ").endswith(":") else None
    return None


def is_page_noise(line: str) -> bool:
    """A line of page furniture ("Lượt xem: 1.348", "Hôm nay: 52", "Chia sẻ"): the pattern of structure.json."""
    return _patterns()["noise"].fullmatch(line) is not None


def _zone_start(lines: list[_Line], anchor: int) -> int:
    """Walk up from the anchor over caps lines, "|" and separator lines: that is the issuer's cell."""
    noise = _patterns()["noise"]
    start = anchor
    for i in range(anchor - 1, -1, -1):
        core = lines[i].core
        if noise.fullmatch(core) or not core:
            continue
        if all(noise.fullmatch(c) or _DATE_LINE.fullmatch(c) for c in _cells(lines[i])):
            continue  # "***   Phước Sơn, ngày 10 tháng 01 năm 2026": the issuer's cell is above its separator
        if not _is_caps(core) or _patterns()["stamp"].match(core):
            break
        start = i
    return start


def _issuer(text: str, start: int, end: int) -> str | None:
    pats = _patterns()
    cells = []
    for raw in pats["motto"].sub("\n", text[start:end]).split("\n"):  # a flattened header holds the motto too
        for cell in _CELL_SPLIT.split(_MD.sub(" ", raw)):
            cell = cell.strip(" -_")
            if _is_caps(cell) and not pats["stamp"].match(cell):
                cells.append(cell)
    joined = pats["motto"].sub("\n", "\n".join(cells))
    rows = [r.strip() for r in joined.split("\n") if _is_caps(r)]
    merged: list[str] = []
    for row in rows:
        if merged and len(merged[-1].split()) == 1:
            merged[-1] += " " + row  # "ỦY" + "BAN NHÂN DÂN", "BAN" + "CHẤP HÀNH TRUNG ƯƠNG"
        else:
            merged.append(row)
    units: list[list[str]] = []
    for row in merged:
        if not units or pats["org_start"].match(row):
            units.append([row])
        else:
            units[-1].append(row)
    if len(units) >= 2 and pats["committee"].fullmatch(" ".join(units[-1])):  # "HỘI LHPN TỈNH X" over "BAN THƯỜNG VỤ"
        units[-1] = units[-1] + units[-2]
    return readable_name(" ".join(units[-1])) if units else None


def _title(text: str, lines: list[_Line], first: int, limit: int) -> tuple[list[_Line], int]:
    """Trích yếu lines from line `first`: until a separator, the body or the enacting authority line."""
    pats = _patterns()
    out: list[_Line] = []
    i = first
    prev_end = lines[first - 1].end if first else 0
    while i < min(limit, len(lines)) and len(out) < _MAX_TITLE_LINES:
        ln, core = lines[i], lines[i].core
        gap = out and "\n\n" in text[prev_end : ln.start]
        if gap or pats["body_start"].match(core) or _is_signature_or_meta(core):
            break
        if not core or pats["noise"].fullmatch(core) or _ocr_debris(core):
            if out:
                break
            prev_end, i = ln.end, i + 1
            continue
        if out and _body_line(core, out):
            break
        if pats["authority_line"].match(core) and out and i + 1 < len(lines):
            if pats["body_start"].match(lines[i + 1].core):
                break
        out.append(ln)
        prev_end, i = ln.end, i + 1
    return out, i


def _body_line(core: str, title: list[_Line]) -> bool:
    """A line that cannot continue a trích yếu: a clause list (";"), a lead-in ("… như sau:"), or a full-width
    line after centred title lines (OCR and text layers without a blank line under the title)."""
    widest = max(len(ln.core) for ln in title)
    return ";" in core or core.endswith(":") or (len(core) > 100 and len(core) > 1.5 * widest)


_MAX_TITLE_CHARS = 250


def _short_title(core: str) -> str | None:
    """A headline, not a lead paragraph: a first line over 250 characters gives its first sentence, cut at a
    word under 250 characters when that is still too long."""
    core = " ".join(core.split())
    if len(core) <= _MAX_TITLE_CHARS:
        return core or None
    # the first stop after 40 characters ("I. CĂN CỨ …" and "1. …" are markers, not sentences)
    stop = next((m.start() for m in re.finditer(r"[.;:!?](?=\s)", core) if m.start() >= 40), len(core))
    if stop < _MAX_TITLE_CHARS:
        return core[: stop + 1] if core[stop] in ".!?" else core[:stop] + " …"
    space = core.rfind(" ", 0, _MAX_TITLE_CHARS)
    return core[: space if space > 0 else _MAX_TITLE_CHARS].rstrip(" ,;:") + " …"  # one long token: cut inside it


_ABOUT_GLUED = re.compile(r"^[^\w\n]*V[êềế][ \t]*vi[ệêể]c(?=[ \t])")  # OCR: ",Vêviệc", "Vềviệc"
_ABOUT_AT = re.compile(r"[ \t]V[êềế][ \t]*vi[ệêể]c[ \t]")


def _scan_title_line(core: str) -> str:
    """A title line of a scan without the stamp OCR read into its start ("| #RUNG-T2M-ĐÔNG BẢO +4 T1| Về việc
    …", "CV T56: 7T? 7 |    trên địa bàn …") and with "Về việc" whole where its space was lost. The stamp has no
    lower-case letter, holds a symbol or digit no title word has, and ends at a bar or at "Về việc"."""
    cuts = [m.end() for m in re.finditer(r"\|[ \t]*", core)] + [m.start() + 1 for m in _ABOUT_AT.finditer(core)]
    for cut in sorted(cuts, reverse=True):
        lead, rest = core[:cut], core[cut:]
        debris = any(not (c.isalpha() or c in " \t-,.") for c in lead)  # "#", "+", digits, a bar: no title word
        if debris and not any(c.islower() for c in lead) and (rest[:1].islower() or _ABOUT_GLUED.match(rest)):
            core = rest
            break
    return _ABOUT_GLUED.sub("Về việc", core)


def _ocr_debris(core: str) -> bool:
    """A scan's stamp or seal read as symbols ("À .^A .À ” Lá ˆ , - ˆ"): under half of it is words."""
    words = sum(len(w) for w in re.findall(r"[^\W\d_]{2,}", core))
    return len(core) >= 8 and words < 0.5 * len(core.replace(" ", ""))


def _is_signature_or_meta(core: str) -> bool:
    return bool(_patterns()["site_metadata"].match(core))


def _metadata(text: str) -> dict[str, str]:
    """Site metadata block ("Số hiệu: …", "Loại văn bản: …"), flattened from its table cells."""
    flat = " ".join(_MD.sub(" ", text.replace("|", " ")).split())
    out = {}
    for key, pat in (
        ("number", rf"Số hiệu\s*:\s*({NUMBER_PATTERN})"),
        ("type", r"Loại văn bản\s*:\s*(\w+ \w+)"),
        ("issuer", r"Nơi ban hành\s*:\s*(.+?)\s+(?:Người ký|Ngày|$)"),
        ("signer", r"Người ký\s*:\s*(.+?)\s+(?:Ngày|Số|Tình|$)"),
        ("date", r"Ngày ban hành\s*:\s*(\S+)"),
    ):
        m = re.search(pat, flat)
        if m:
            out[key] = m.group(1)
    return out


def _cells(line: _Line) -> list[str]:
    return [c for c in (_MD.sub("", c).strip() for c in _CELL_SPLIT.split(line.text)) if c]


def _signers(lines: list[_Line], first: int) -> tuple[list[str], int, int]:
    """Signer names and the signature block's line range (-1, -1 when there is none).

    The block opens at "Nơi nhận", "TM.", "KT." … or at a bare title line
    ("CHỦ TỊCH") that a name follows closely; the names are the person-like
    cells after it ("Lê Trường Sơn"), up to the first name and any joint
    signer right after it.
    """
    pats = _patterns()
    start = None
    for i in range(first, len(lines)):
        cells = _cells(lines[i])
        if any(pats["signature_marker"].match(c) for c in cells):
            start = i
            break
        if any(pats["signature_title"].match(c) for c in cells) and any(
            _is_person(c) for ln in lines[i + 1 : i + 5] for c in _cells(ln)
        ):
            start = i
            break
    if start is None:
        return [], -1, -1
    names: list[str] = []
    last = start
    for i in range(start, min(len(lines), start + 40)):
        found = [c for c in _cells(lines[i]) if not c.startswith("-") and _is_person(c)]
        if found:
            names.extend(n for n in found if n not in names)
            last = i
        elif names and not any(pats["signature_title"].match(c) or pats["signature_marker"].match(c)
                               for c in _cells(lines[i])) and not pats["noise"].fullmatch(lines[i].core):
            break
    # "Nơi nhận" opens the block, or follows the signer ("KT. CHỦ TỊCH / name / Nơi nhận: / - …"), also one
    # whose name no surname list knows ("T/M ĐẢNG ỦY / BÍ THƯ / Y Bhiăng Niê / Nơi nhận: …")
    reach = last + 2 if names else start + 8
    heads = [i for i in range(start, min(len(lines), reach)) if pats["recipients"].match(lines[i].core)]
    if heads:
        last = _recipients_end(lines, heads[0], last)
    return names, start, last


def _recipients_end(lines: list[_Line], start: int, last: int) -> int:
    """Where the "Nơi nhận" list ends: its "- Lưu: VT" line, else its last dash or ";" line.

    OCR of a two-column signature block reads the list and the signer line by line, so the list runs on
    past the signer's name (or past a name OCR mangled beyond recognition) and must not become body text."""
    pats = _patterns()
    window = range(start + 1, min(len(lines), start + 40))
    for i in window:
        if pats["filed"].match(lines[i].core):
            return max(last, i)
    last = max(last, start)  # the title and the name a surname list missed stand between
    for i in range(last + 1, window.stop):
        core = lines[i].core
        if not (pats["recipient_line"].search(core) or pats["noise"].fullmatch(core)):
            break
        last = i
    return last


def _read_header(doc: Doc, lines: list[_Line]) -> _Header | None:
    found = _find_header(doc.text, lines)
    if found is None:
        return None
    anchor, number = found
    text, info, pats = doc.text, DocumentInfo(), _patterns()
    zone = _zone_start(lines, anchor)
    zone_off = lines[zone].start
    search_end = min(len(text), zone_off + 3000)
    if number is None:
        number = _NUMBER_LINE.search(text, zone_off, search_end)
    date = _DATE_LINE.search(text, zone_off, search_end)
    # nlp.ingest already warns about a scan it OCR'd itself ("OCR: document number …"); text OCR'd elsewhere does not
    if number is None and (number := _ILLEGIBLE_NUMBER.search(text, zone_off, search_end)) is not None:
        if not any(w.startswith("OCR: document number") for w in doc.warnings):
            doc.warnings.append(f"header: the number is illegible ({' '.join(number.group().split())!r}), left empty")
    legible_date = date is not None
    if date is None and (date := _ILLEGIBLE_DATE.search(text, zone_off, search_end)) is not None:
        if not any(w.startswith("OCR: date") for w in doc.warnings):
            doc.warnings.append(f"header: the date is illegible ({' '.join(date.group('date').split())!r}), left empty")
    if number is not None:
        doc.number_span = number.span()
        if number.groupdict().get("num"):
            info.number = normalise_number(number.group("num"))
    printed = " ".join(date.group("date").split()) if date is not None else ""
    wrapped = _WRAPPED_DATE.search(printed) is not None  # "ngày 09 tháng 9 / V/v …      năm 2025"
    if date is not None:
        if legible_date:
            info.issued_date = parse_date("ngày " + _WRAPPED_DATE.sub(r"\1 \2", printed))
        place = []
        for w in reversed(date.group("place").split()):
            if not (w[0].isupper() and not _is_caps(w)) and not (w[0].isupper() and len(w) == 1):
                break
            place.insert(0, w)
        info.place = " ".join(place) or None
        group = date.group("place")
        place_start = date.start("place") + (group.rfind(place[0]) if place else len(group))
    ends = [m.end() for m in (number, date) if m is not None]
    if wrapped:
        ends[-1] = text.find("\n", date.start("date"))  # the year wrapped onto the "V/v …" line: the title starts there
    after = max(ends, default=lines[anchor].end)
    type_idx = None
    for i in range(zone, min(len(lines), anchor + 60)):
        core = lines[i].core
        if _is_caps(core) and _type_word(core) and not core.endswith(":"):
            type_idx = i
            break
        if lines[i].start > after and pats["body_start"].match(core):
            break
    ends = [m.start() for m in (number,) if m is not None] + ([place_start] if date is not None else [])
    issuer_end = min(ends + ([lines[type_idx].start] if type_idx is not None else []), default=lines[anchor].end)
    info.issuer = _issuer(text, zone_off, issuer_end)
    title: list[_Line] = []
    header_end = after
    if type_idx is not None:
        info.doc_type = _type_word(lines[type_idx].core) or "other"
        title, body = _title(text, lines, type_idx + 1, type_idx + 1 + _MAX_TITLE_LINES * 3)
        header_end = lines[type_idx].end
    else:
        flat = pats["type_upper"].search(text, after, min(len(text), after + 400))
        line_of_after = next((i for i, ln in enumerate(lines) if ln.end >= after), len(lines) - 1)
        line_end = lines[line_of_after].end
        if flat and flat.start() < line_end and (len(lines[line_of_after].text) > 300 or text[flat.end() : line_end].strip()):
            info.doc_type = _type_word(flat.group()) or "other"
            cut = re.search(r"-{3,}|$", text[flat.end() : min(line_end, flat.end() + 300)])
            title_text = text[flat.end() : flat.end() + (cut.start() if cut else 0)].strip()
            info.title = " ".join(title_text.split()) or None
            header_end = flat.end() + (cut.start() if cut else 0)
            end_line = line_of_after + 1
            _fill(info, doc, number)
            doc.info = info
            return _Header(zone, end_line, header_end)
        if info.number:
            info.doc_type = type_of_number(info.number)  # type: ignore[assignment]
        title, body = _title(text, lines, line_of_after + 1, line_of_after + 1 + _MAX_TITLE_LINES * 3)
        about = _ABOUT.search(text, zone_off, min(len(text), after + 400))
        if about is not None:  # "V/v …" under the number: a công văn, whatever its số ký hiệu says
            if info.doc_type == "other":
                info.doc_type = "cong_van"
            if not title:
                info.title = " ".join(about.group(1).split()) or None
    if title:
        info.title = _short_title(" ".join(_scan_title_line(_WRAPPED_YEAR.sub("", ln.core)) for ln in title))
        header_end = title[-1].end
    end_line = next((i for i, ln in enumerate(lines) if ln.start >= header_end), len(lines))
    _fill(info, doc, number)
    doc.info = info
    return _Header(zone, end_line, header_end)


def _fill(info: DocumentInfo, doc: Doc, number: re.Match[str] | None) -> None:
    """Fall back on the site's metadata block for what the header did not give."""
    meta = _metadata(doc.text[: min(len(doc.text), _TOP_CHARS)])
    if info.number is None and "number" in meta and not (number and number.groupdict().get("blank")):
        info.number = normalise_number(meta["number"])
    if info.doc_type == "other" and "type" in meta:
        info.doc_type = _type_word(meta["type"]) or "other"  # type: ignore[assignment]
    if info.doc_type == "other" and info.number:
        info.doc_type = type_of_number(info.number)  # type: ignore[assignment]
    if info.issued_date is None and "date" in meta:
        info.issued_date = parse_date(meta["date"])
    if info.issuer is None and "issuer" in meta:
        info.issuer = meta["issuer"]


def _other_page(text: str) -> bool:
    """A question-and-answer page or a portal's list of documents: neither a document nor news."""
    kinds = {k: v for k, v in load_json("structure.json")["other_pages"].items() if not k.startswith("_")}
    return any(all(re.search(p, text) for p in patterns) for patterns in kinds.values())


# a decision or a regulation is made of articles: under a headline citing one, a text with no "Điều 1" is news about it
_ARTICLE_TYPES = frozenset({"quyet_dinh", "quy_dinh"})
_ARTICLE = re.compile(r"(?m)^\W{0,3}(?:Điều|ĐIỀU)\s+1\b|^\W{0,3}(?:Chương|CHƯƠNG)\s+I\b")


def _read_news(doc: Doc, lines: list[_Line]) -> int:
    """A text without header: the first line is the headline; a document's own title line is honoured."""
    info = DocumentInfo(doc_type="tin_tuc")
    if not lines:
        doc.info = info
        return 0
    first, dateline = _headline(lines)  # a page's publication date: not the date of a document (GUIDELINES)
    head = lines[first]
    info.title = _short_title(head.core)
    refs = find_references(head.core)
    if refs and refs[0].start == 0 and refs[0].doc_type not in ("other",) and _document_body(
            doc.text, head.end, articles=refs[0].doc_type in _ARTICLE_TYPES):
        # "Nghị quyết số 22/NQ-TU ngày 08/6/2022 … " over the resolution's own sections is the resolution;
        # over an article's prose ("Ngày 8/10, Bộ Chính trị ban hành …") it is news about it
        info.doc_type = refs[0].doc_type  # type: ignore[assignment]
        info.number, info.issued_date = refs[0].number, refs[0].issued_date
    elif _is_caps(head.core) and (m := _patterns()["type_upper"].match(head.core)) and _document_body(doc.text, head.end):
        info.doc_type = _type_word(m.group()) or "tin_tuc"  # type: ignore[assignment]
    for ln in lines[1:6]:
        if dateline is None and len(ln.text) <= 80 and _FULL_DATE.search(ln.text):
            dateline = parse_date(ln.text)
    if re.match(load_json("structure.json")["book_page"], head.core) or _other_page(doc.text):
        info.doc_type = "other"
    elif info.doc_type == "tin_tuc" and (_official_body(doc.text) or _official_body(head.core, need=1)):
        # the body of an official text without its header: no place-and-date line, so no issued_date
        info.doc_type = _headerless_type(head.core, doc.text)  # type: ignore[assignment]
    doc.extras["published"] = dateline
    doc.info = info
    return head.end


_ROMAN_SECTION = r"[IVX]{1,4}\s*[.:-]|Phần\s+[IVX]{1,4}\b|PHẦN\s+[IVX]{1,4}\b"  # "II.", "I-", "Phần III"
_SECTION = re.compile(rf"(?:^|\n|\s)(?:{_ROMAN_SECTION})[\s*]*([^\n]{{3,60}})")


_BREADCRUMB = re.compile(r"\s(?:>|»|›|\||/)\s")


@cache
def _section_labels() -> frozenset[str]:
    return frozenset(x.lower() for x in load_lines("news_sections.txt"))


def _headline(lines: list[_Line]) -> tuple[int, str | None]:
    """Index of the headline and the page's dateline: a news page may open with its breadcrumb
    ("Trang chủ > Tin tức"), a section label ("Kinh tế") or its date ("Thứ hai - 11/11/2024 04:09")."""
    i, dateline = 0, None
    while i < min(len(lines) - 1, 3):
        t = lines[i].core.strip()
        if len(t) <= 40 and _FULL_DATE.search(t):
            dateline = parse_date(t)
        elif not (len(t) <= 80 and (_BREADCRUMB.search(t) or t.lower() in _section_labels())):
            break
        i += 1
    return i, dateline


@cache
def _news_prose() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in load_json("structure.json")["news_prose"])


_BODY_START = re.compile(rf"(?:{_ROMAN_SECTION}|Điều\s+1\b|Căn\s+cứ\b)")


def _document_body(text: str, start: int, articles: bool = False) -> bool:
    """The text under a headline is the document itself: its first lines open a section, an article or
    a "Căn cứ" line, or it has the sections of an official text; else, unless it reads as news. A decision or a
    regulation (`articles`) needs the positive signs or its "Điều 1": prose alone under its name is news about it."""
    first = [ln.strip(" *#") for ln in text[start : start + 2000].split("\n") if ln.strip(" *#")][:3]
    if any(_BODY_START.match(ln) for ln in first) or _official_body(text):
        return True
    if articles:
        return _ARTICLE.search(text, start) is not None
    return not any(p.search(text, start, start + 1500) for p in _news_prose())


def _official_body(text: str, need: int = 2) -> bool:
    """Two or more roman-numbered sections named like an official text's ("MỤC ĐÍCH, YÊU CẦU",
    "TỔ CHỨC THỰC HIỆN"): the document itself republished without its header, not news about it.
    A text that opens with such a section needs only that one."""
    words = load_json("structure.json")["official_sections"]
    names = set()
    for m in _SECTION.finditer(text):
        head = m.group(1).lower()
        names.update(w for w in words if head.startswith(w) or head.startswith(f"{w},"))
    return len(names) >= need


def _headerless_type(headline: str, text: str) -> str:
    """The type word opening the headline ("Kế hoạch Chương trình …"), else the type a section
    names ("CĂN CỨ LẬP KẾ HOẠCH"), else a plan: sections like these are a plan's."""
    type_upper = _patterns()["type_upper"]
    if (m := type_upper.match(headline.upper())) and (t := _type_word(m.group())) and t != "other":
        return t
    for sec in _SECTION.finditer(text[:3000]):
        if (m := type_upper.search(sec.group(1).upper())) and (t := _type_word(m.group())) and t != "other":
            return t
    return "ke_hoach"


def _marker(core: str) -> tuple[str | None, int]:
    m = _MARKER.match(core)
    if not m:
        return None, 0
    mark = m.group("m")
    if mark[0] in "-+•–":
        return mark, 3
    if mark[0] in "IVX" and mark[-1] in ".-" and mark[:-1].isupper():
        return mark, 0
    if mark.lower().startswith("điều"):
        return mark, 1
    if mark[0].isdigit() and "." in mark.rstrip(".-"):
        return mark, min(3, mark.rstrip(".-").count(".") + 1)
    if mark[0].isdigit():
        return mark, 1
    return mark, 2


def _continues(prev: _Line, nxt: _Line, caps_block: bool) -> bool:
    """Does `nxt` continue the wrapped paragraph or heading that ends with `prev`?"""
    p, n = prev.core.rstrip("”\"' "), nxt.core
    if not n or _patterns()["noise"].fullmatch(n):
        return False
    if p.endswith("-") and not p.endswith(" -"):
        return True
    if _marker(n)[0]:
        return False
    if p.endswith(";") and n[0].islower():
        return True  # a clause list wrapped after a ";" (text layers and OCR keep the page's line breaks)
    if _FINAL.search(p):
        return False
    if caps_block and _is_caps(n):
        return True
    if n[0].islower() or n[0].isdigit() or n[0] in ",;)”":
        return True
    if len(n) > max(150, 1.5 * len(p)):
        # a wrapped line is as long as the page is wide, no shorter than the lines after it: a line followed by
        # one far longer was not wrapped ("1. Chủ động, linh hoạt … năm 2019" over a news paragraph on one line)
        return False
    return len(p) >= 45 or (len(p.split()) == 1 and not _is_caps(p))


def _kind(core: str, marker: str | None, level: int) -> str:
    if core.startswith("(") and core.endswith(")") and len(core) < 400:
        return "caption"
    short = len(core) <= 120 and not _FINAL.search(core.rstrip("*"))
    if marker is not None:
        body = core[len(marker) :].strip(" *")
        if level <= 1 and not marker.startswith(("-", "+", "•", "–")) and (short or _is_caps(body) and len(core) <= 200):
            return "heading"
        return "item"
    if _is_caps(core) and len(core) <= 200 and not core.endswith("."):
        return "heading"
    return "paragraph"


def _path(stack: list[tuple[int, str]]) -> tuple[str, ...]:
    return tuple(h for _, h in stack)


def _blocks(
    doc: Doc, lines: list[_Line], header: _Header | None, headline: bool, sig: tuple[int, int]
) -> list[Block]:
    pats = _patterns()
    text = doc.text
    blocks: list[Block] = []
    zone, body = (header.zone_start, header.end_line) if header else (0, 1 if headline and lines else 0)
    meta_from = next((i for i in range(zone) if pats["site_metadata"].match(lines[i].core)), zone)
    sig_start, sig_end = sig
    stack: list[tuple[int, str]] = []
    open_caption = False
    i = 0
    while i < len(lines):
        ln, core = lines[i], lines[i].core
        if (header and zone <= i < body) or (not header and headline and i == 0):
            kind = "noise" if pats["noise"].fullmatch(core) else "header" if header else "heading"
            blocks.append(Block(ln.start, ln.end, kind))  # type: ignore[arg-type]
            if kind == "heading":
                stack = [(0, core)]
            i += 1
            continue
        if not core or pats["noise"].fullmatch(core) or pats["stamp"].match(core) or meta_from <= i < zone:
            blocks.append(Block(ln.start, ln.end, "noise"))
            i += 1
            continue
        if sig_start <= i <= sig_end:
            blocks.append(Block(ln.start, ln.end, "signature", sections=_path(stack)))
            i += 1
            continue
        marker, level = _marker(core)
        caps = _is_caps(core)
        j = i
        while j + 1 < len(lines) and not (sig_start <= j + 1 <= sig_end) and "\n\n" not in text[lines[j].end : lines[j + 1].start]:
            if not _continues(lines[j], lines[j + 1], caps):
                break
            j += 1
        start, end = ln.start, lines[j].end
        whole = " ".join(_MD.sub("", text[start:end]).split())
        kind = _kind(whole, marker, level)
        if kind == "paragraph" and whole.startswith("(") and ")" not in whole:
            kind, open_caption = "caption", True
        elif kind == "paragraph" and open_caption and whole.endswith(")") and "(" not in whole:
            kind = "caption"
        if kind != "caption":
            open_caption = False
        if kind == "heading":
            lvl = level if marker else 0
            while stack and stack[-1][0] >= lvl:
                stack.pop()
            blocks.append(Block(start, end, "heading", marker, lvl, _path(stack)))
            stack.append((lvl, whole))
        else:
            if kind == "item":  # "2. …" closes the section opened by the heading "1. …"
                while stack and stack[-1][0] >= level:
                    stack.pop()
            blocks.append(Block(start, end, kind, marker, level if marker else 0, _path(stack)))  # type: ignore[arg-type]
        i = j + 1
    return blocks


def run(doc: Doc) -> None:
    """Set doc.info, doc.blocks and doc.header_end."""
    lines = _lines(doc.text)
    header = _read_header(doc, lines)
    sig = (-1, -1)
    if header is None:
        doc.header_end = _read_news(doc, lines)
    else:
        doc.header_end = header.end
        names, *sig = _signers(lines, header.end_line)
        doc.info.signers = names or ([s] if (s := _metadata(doc.text[:_TOP_CHARS]).get("signer")) else [])
    doc.blocks = _blocks(doc, lines, header, header is None, (sig[0], sig[1]))
