"""Named entities: PER, ORG, LOC by domain rules plus underthesea's CRF, and
DATE, DOC_REF, PERCENT, QUANTITY, MONEY from the earlier extractors.

underthesea's 2017 NER model tags "Kế hoạch số 117" and "Huyện ủy Càng Long"
as LOC (set F1 0.1-0.2 on directives), so the rules decide: party and state
bodies with their place are ORG, "unit word + name" is LOC, names after a
title or starting with a surname are PER. The CRF is consulted only for
capitalised runs no rule explains, on the words already segmented, and its
answer is kept only when it looks like a name.

Besides the listed heads (org_heads.txt, "Sở"/"Bộ" + field, abbreviations in
org_abbreviations.txt), a type word of org_types.txt ("Công ty", "Cục", "Trường")
opens a body whose name runs over capitalised words, acronyms and short
lower-case stretches up to a verb, another body or a place ("Cục Quản lý đê
điều và PCTT", "Ban Quản lý các Khu chế xuất và công nghiệp Thành phố").
"""

from __future__ import annotations

import re
from functools import cache

from nlp.bylines import bylines
from nlp.doc import Doc, Entity
from nlp.quantities import counted_words
from nlp.resources import load_lines

_UP = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_LO = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
CAP = rf"[{_UP}][{_LO}]*(?:['’] ?[{_UP}]?[{_LO}]+)?"  # one capitalised syllable ("Càng", "H'Mông", "H' Nhơi")
# the space between the words of a name: a hard line break ("Nguyễn Hòa\nBình", "Ủy ban nhân dân tỉnh\nBình
# Dương") or up to three spaces; a gap of four or more parts two columns of a flattened header or table ("BAN CHẤP
# HÀNH TRUNG ƯƠNG          ĐẢNG CỘNG SẢN VIỆT NAM" is two bodies; "Số xã đạt chuẩn    xã    9" names no place)
_SEP = r"(?:[ \t]*\n[ \t]*|[ \t]{1,3}(?![ \t]))"
_NAME = rf"{CAP}(?:(?:{_SEP}|[ \t]+[-–—][ \t]+){CAP}){{0,3}}"  # "Bà Rịa - Vũng Tàu"
# "Phường 3", "ấp 3 ra quân" but not "phường 33,8 tỷ đồng", "xã 45 hộ" or "xã 12%": no decimal part, no counted
# noun, magnitude or "%" after it (`unit_number` in `_patterns`)
# a place numbered after its name ("xã Đam Rông 1"), when a list mark or the line's end follows the number
_NUMBERED = r"(?:[ \t]+\d{1,2}(?=[ \t]*(?:[,.;:)]|\n|và(?!\w)|$)))?"
_B = rf"(?<![{_UP}{_LO}0-9])"  # left word boundary
_CAPS_AMBIGUOUS = ("bản", "vùng", "làng")  # "BẢN TIN SINH HOẠT": in upper case these are no unit words
_AMP_ACRONYM = rf"[{_UP}][{_UP}\-]*&[{_UP}&\-]*[{_UP}]"  # "TG&DVTW", "NN&PTNT"
_E = rf"(?![{_UP}{_LO}0-9])"  # right word boundary


def _alt(items: list[str] | tuple[str, ...]) -> str:
    ordered = sorted(set(items), key=len, reverse=True)
    # a listed name's dash may be typed as an en or em dash ("Sở Lao động — Thương binh và Xã hội")
    return "|".join(re.escape(x).replace(r"\ ", _SEP).replace(r"\-", "[-–—]") for x in ordered)


def _alt_loose(items: list[str] | tuple[str, ...]) -> str:
    """Like `_alt`, but words after the first may be capitalised ("Bảo hiểm Xã hội", "Tỉnh Ủy")."""
    out = []
    for x in sorted(set(items), key=len, reverse=True):
        words = x.split()
        parts = [re.escape(words[0])]
        for w in words[1:]:
            parts.append(f"[{w[0]}{w[0].upper()}]{re.escape(w[1:])}" if w[0].islower() else re.escape(w))
        out.append(_SEP.join(parts))
    return "|".join(out)


def _both_cases(words: tuple[str, ...]) -> list[str]:
    out = list(words)
    out += [w[0].upper() + w[1:] for w in words if w[0].islower()]
    return out


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    marked = load_lines("org_heads.txt")
    heads = [h.removesuffix(" @") for h in marked]
    placed_only = [h.removesuffix(" @") for h in marked if h.endswith(" @")]
    fields = load_lines("org_fields.txt")
    prefixes = load_lines("org_field_prefixes.txt")
    units = _both_cases(load_lines("admin_units.txt"))
    fields = [*fields, *(f.replace(" và ", " & ") for f in fields if " và " in f)]  # "Nông nghiệp & PTNT"
    field_org = rf"(?:{_alt(prefixes)})\s+(?:{_alt(fields)}|{_AMP_ACRONYM})"  # "Sở NN&PTNT", "Ban TG&DVTW"
    abbr = load_lines("org_abbreviations.txt")
    solo = [a for a in abbr if not a.endswith(" +")]
    lead = [a[:-2] for a in abbr if a.endswith(" +")]
    body = rf"(?:{_alt_loose(heads)}|{field_org}|{_alt(solo)}){_E}"
    core = rf"(?:(?:{_alt(lead)})[ \t]+)?{body}"  # "TT HĐND tỉnh", "UB MTTQ Việt Nam tỉnh"
    unit = rf"(?:{_alt(units)})"
    unit_number = rf"\d+(?![.,]\d)(?![ \t]*%)(?![ \t]+(?:{_alt(list(counted_words()))})(?![{_LO}]))"
    # a court or procuracy of a numbered region (2025): "Tòa án nhân dân khu vực 3 - Lâm Đồng"
    # and other numbered units: "Kho bạc Nhà nước khu vực XX", "Thuế cơ sở 3", "Đội Quản lý thị trường số 4"
    region = (rf"[ \t]+(?:[Kk]hu[ \t]+vực|cơ[ \t]+sở|số)[ \t]+(?:\d{{1,2}}|[IVX]{{1,6}})"
              rf"(?:[ \t]*[-–—][ \t]*(?P<rname>{_NAME}))?{_E}")
    org = (
        rf"{_B}{core}(?:\s+{core}){{0,2}}(?:{region}|{_SEP}{unit}{_SEP}(?P<uname>{_NAME}{_NUMBERED}|{unit_number}){_E}"
        rf"|{_SEP}(?P<bare>{unit}){_E}|{_SEP}(?:Trung{_SEP}ương|TW){_E}|[ \t]+(?P<dname>{_NAME}){_E})?"
    )
    loc = rf"{_B}(?P<unit>{unit})(?:{_SEP}|(?<=\.))(?P<name>{_NAME}{_NUMBERED}|{unit_number}{_E})"  # "Tp.Phan Rang"
    # no dash in the name ("Khu công nghiệp Hòa Tâm - Giai đoạn 1"); a province after the zone word is whose zones
    # they are ("các Khu công nghiệp Quảng Ngãi"): the province alone is the place
    zone_name = rf"(?!(?:{_alt(load_lines('places.txt'))}){_E}){CAP}(?:{_SEP}{CAP}){{0,3}}"
    zone = rf"{_B}(?:{_alt_loose(_both_cases(load_lines('zone_units.txt')))}){_SEP}{zone_name}{_E}"
    types = load_lines("org_types.txt")
    org_type = rf"{_B}(?P<type>{_alt([t.rstrip('*') for t in types])})(?=[ \t]*\n?[ \t]*\S)"
    titles = load_lines("person_titles.txt")
    per_title = rf"{_B}(?:{_alt(titles)})[ \t]+(?P<name>{CAP}(?:{_SEP}{CAP}){{1,3}}){_E}"
    per_surname = rf"{_B}(?:{_alt(load_lines('surnames.txt'))})(?:{_SEP}{CAP}){{1,3}}{_E}"
    places = rf"{_B}(?:{_alt(load_lines('places.txt'))}){_E}"
    title_before = rf"{_B}(?:{_alt(titles)})\s+$"
    cap_run = rf"{_B}{CAP}(?:[ \t]+{CAP})+{_E}"
    caps_word = rf"[{_UP}]+"
    # "SỞ TÀI CHÍNH", and the abbreviations before an upper-case place ("UBND TỈNH HÒA SƠN", "THƯỜNG TRỰC HĐND")
    caps_fields = [f"{x.upper()} {f.upper()}" for x in prefixes for f in fields]
    caps_head = _alt([h.upper() for h in heads] + caps_fields)
    caps_unit = _alt([u.upper() for u in load_lines("admin_units.txt") if u[0].islower() and u not in _CAPS_AMBIGUOUS])
    caps_name = rf"{caps_word}(?:[ \t]{{1,3}}{caps_word}){{0,3}}"  # a wider gap parts two header columns
    # "ỦY BAN NHÂN\nDÂN **\nTỈNH ĐẮK LẮK"; a gap of four spaces or more without a line break parts two columns
    caps_sep = r"(?=\**[ \t\n])\**(?:[ \t]*\**[ \t]*\n[ \t]*|[ \t]{1,3})\**"
    caps_org = (
        rf"{_B}(?:{caps_head})(?:\**[ \t]{{1,3}}\**(?:{caps_head})){{0,2}}"
        rf"(?:(?<!VIỆT NAM){caps_sep}(?P<cunit>(?:{caps_unit})(?:[ \t]*\n?[ \t]*{caps_name})?)|[ \t]{{1,3}}(?P<cname>{caps_name}))?{_E}"
    )
    caps_loc = rf"{_B}(?:{caps_unit}){_SEP}{caps_name}{_E}"  # "THÔNG TIN" holds no "THÔN"
    party = rf"{_B}Đảng(?![ \t]+(?:viên|bộ|ủy|đoàn|phí|vụ|kỳ|Cộng|cộng)){_E}"
    national = rf"(?:{_alt(load_lines('national_bodies.txt'))})$"
    return {
        "org": re.compile(org),
        "org_head": re.compile(core),
        "placed_only": re.compile(rf"(?:{_alt_loose(placed_only)})"),
        # a bank's or firm's branch after its name: "Agribank - Chi nhánh Hòa Sơn", "… - Chi nhánh tỉnh Lạc Giang"
        "branch": re.compile(rf"[ \t]*[-–—][ \t]*[Cc]hi{_SEP}nhánh{_SEP}(?:{unit}{_SEP})?{_NAME}{_E}"),
        # a steering committee named by the directive that set it up: "Ban Chỉ đạo 389 tỉnh", "BCĐ 138 huyện",
        # "Ban Chỉ đạo 35 Đảng ủy xã"; not "Ban Chỉ đạo 3 lần", "Ban Chỉ đạo 2025" (a year), "… 12/2024"
        "numbered_committee": re.compile(
            rf"{_B}(?:Ban{_SEP}[Cc]hỉ{_SEP}đạo|BCĐ)[ \t]+(?:1\d\d|[2-9]\d{{1,2}}|\d{{2}})(?![\d.,/%]|[ \t]*%)"
            rf"(?:[ \t]+(?:{_alt_loose(['quốc gia', 'Trung ương', 'TW'])}|{unit}(?:{_SEP}{_NAME}{_NUMBERED})?))?{_E}"
        ),
        "org_type": re.compile(org_type),
        "lowercase_types": re.compile(rf"(?:{_alt([t.rstrip('*') for t in types if t.endswith('*')])})$"),
        "unit_at": re.compile(rf"{_SEP}(?:{unit}{_SEP}(?P<uname>{_NAME}|\d+){_E}|(?P<bare>{unit}){_E})"),
        "heads_before": re.compile(rf"(?:{core}[ \t]+){{1,3}}$"),
        "loc": re.compile(loc),
        "zone": re.compile(zone),
        "loc_next": re.compile(rf"(?:[ \t]*,[ \t]*|[ \t]+và[ \t]+)(?P<name>{_NAME}{_NUMBERED}){_E}"),
        "per_title": re.compile(per_title),
        "per_surname": re.compile(per_surname),
        "place": re.compile(places),
        "title_before": re.compile(title_before),
        "cap_run": re.compile(cap_run),
        "caps_org": re.compile(caps_org),
        # heads written in capitals anyway ("UBND", "HĐND"): the upper-case pattern takes them only before an
        # upper-case place or name; alone, the ordinary pattern reads them ("UBND phường, xã" is many bodies)
        "caps_only_with_place": re.compile(rf"(?:{_alt([h for h in heads if h.isupper()])})"),
        "caps_loc": re.compile(caps_loc),
        "party": re.compile(party),
        "national": re.compile(national),
    }


_GENERIC = re.compile(r"\s+(?:các|những|mọi|từng|cấp\s+(?:tỉnh|huyện|xã|cơ\s+sở|trên|dưới))(?![\wÀ-ỹ])")
_CAP_SYLLABLE = re.compile(CAP)
_SAME_PREFIX = re.compile(r"(Sở|Bộ|Phòng|Cục)\s.*?\s(\1)\s", re.S)
_MEMBER = re.compile(r"[ \t]+viên(?!\w)")
_GOVERNMENT_AS_SYSTEM = re.compile(r"[ \t]+(?:điện\s+tử|số(?![ \t]*\d))(?!\w)")
_MEETING_BEFORE = re.compile(r"(?i)(?<!\w)sinh\s+hoạt\s+$")
_INSURED_BEFORE = re.compile(r"(?<!\w)(?:tham\s+gia|đóng|hưởng|chế\s+độ|sổ|thẻ)\s+$")
_PLURAL_BEFORE = re.compile(r"(?<!\w)(?:[Cc]ác|[Nn]hững|[Mm]ột\s+số|[Mm]ọi|[Tt]ừng|[Nn]hiều)\s+$")
_MANY_BEFORE = re.compile(r"(?<!\w)(?:[Cc]ác|[Hh]ai|[Bb]a|[Bb]ốn|\d{1,2})[ \t]+$")  # "các xã A, B và C"
_UNIT_LIST = re.compile(r"\s*,\s*(?:xã|phường|thị\s+trấn|huyện|quận|thị\s+xã|thành\s+phố|tỉnh)(?!\w)")
_TITLE_HEADS = frozenset({"văn phòng", "thường trực"})
_TITLE_BEFORE = re.compile(r"(?i)(?:chánh|bí\s+thư|chủ\s+tịch|ủy\s+viên)\s+$")
_PARTY_NOT_BODY = re.compile(r"tổ\s+chức\s+(?:cơ\s+sở\s+)?$")
_STATE = re.compile(
    r"(?:(?<=Đảng)(?:,|\s+và)|pháp\s+luật\s+của|bộ\s+máy|Đảng,\s+Chính\s+phủ\s+và)\s+(?P<n>Nhà\s+nước)(?!\w)"
)
_BRACKET_ACRONYM = re.compile(r"[ \t]*\(([A-ZĐ][A-ZĐ0-9&]{2,9})\)")
# the separator before a name's next word: a comma or dash, a line break, or up to three spaces (a wider gap or
# a tab sets apart the columns of a flattened header: "BAN CHẤP HÀNH TRUNG ƯƠNG          ĐẢNG CỘNG SẢN VIỆT NAM")
_NEXT_WORD = re.compile(r"(?P<sep>[ \t]*[,&–—-][ \t]*(?:\n[ \t]*)?|[ \t]*\n[ \t]*|[ ]{1,3}(?![ \t\n]))"
                        r"(?P<w>[^\W\d_][\w&'-]*|\d{1,3}(?![\d/.,:]?\w))")
_TERRITORY_WORD = re.compile(r"(?:[Hh]ợp\s+tác|[Tt]hông\s+tấn)\s+$")  # "Hợp tác xã …", "Thông tấn xã Việt Nam"
_LOCAL_UNIT_BEFORE = re.compile(r"(?<![\wÀ-ỹ])(?:xã|phường|thị\s+trấn|huyện|quận|thị\s+xã|ấp|thôn|bản)[ \t]+$")
_COLUMN_GAP = re.compile(r"[ \t]{4,}")
_TWO_WORDS = re.compile(r"(\w+)[ \t]*\n?[ \t]*(\w+)")
_ONE_OR_TWO_WORDS = re.compile(r"(\S+)(?:[ \t]*\n?[ \t]*(\S+))?")
_UNIT_NOT_PLACE = re.compile(r"xã\s+hội(?!\w)")
_AMBIGUOUS_UNIT = re.compile(r"(?:bản|vùng|làng|sóc|buôn|khu|xóm|vịnh)[ \t]+[a-zđà-ỹ]")  # "bản sắc", "vùng sâu"
# lower-case words that never continue the name of a body: prepositions, auxiliaries; and the usual verbs
# as pairs ("phối hợp", "triển khai": "Phát triển nông thôn" goes on)
_NAME_STOPS = frozenset(
    "của về để cho với tại theo trong trên dưới từ đến đã được bị là có sẽ đang không chưa này đó khi nếu thì mà "
    "nhưng hoặc do bởi như phải cần cùng năm ngày tháng ở".split()
)
_VERB_STOPS = frozenset(
    {"chủ trì", "phối hợp", "tham mưu", "tham gia", "thực hiện", "triển khai", "báo cáo", "kiểm tra", "ban hành",
     "hướng dẫn", "đề nghị", "đề xuất", "tiếp thu", "tiếp tục", "tiếp nhận", "khẩn trương", "nghiên cứu", "rà soát",
     "tổng hợp", "theo dõi", "đôn đốc", "kết nạp", "tổ chức", "lãnh đạo", "chỉ đạo", "quyết định", "thông báo",
     "yêu cầu", "đánh giá", "hoàn thành", "xử lý", "cung cấp", "trình bày", "chịu trách", "giao nhiệm", "ký kết",
     "trực thuộc", "đồng ý", "xây dựng", "phê duyệt", "gửi về", "đạt chuẩn", "tăng cường", "bảo đảm", "đảm bảo"}
)
_TITLE_IN_BODY = re.compile(r"(?:Phó\s+)?Thủ\s+tướng\s+")


def _whole_line(text: str, start: int, end: int) -> bool:
    """Whether only spaces and bold marks stand around the span on its line(s) or its column of a flattened
    two-column header ("TỈNH ỦY HƯNG YÊN          ĐẢNG CỘNG SẢN VIỆT NAM")."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    b = len(text) if b < 0 else b
    gaps = [g for g in _COLUMN_GAP.finditer(text, a, b) if g.end() <= start or g.start() >= end]
    a = max([a] + [g.end() for g in gaps if g.end() <= start])
    b = min([b] + [g.start() for g in gaps if g.start() >= end])
    return not text[a:start].strip(" \t*|") and not text[end:b].strip(" \t*|")


@cache
def _title_guards() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """From the titles: a surname that opens one ("Phó Hiệu trưởng": Phó is also a family name), and the words
    before a unit word that ends one ("Già làng Rơ Mah Blơi": no village named Rơ Mah Blơi)."""
    titles = load_lines("person_titles.txt")
    units = set(load_lines("admin_units.txt"))
    surnames = _surnames()
    opening = [t for t in titles if t.split()[0] in surnames and len(t.split()) > 1]
    before_unit = {" ".join(t.split()[:-1]) for t in titles if len(t.split()) > 1 and t.split()[-1] in units}
    return (
        re.compile(rf"(?:{_alt(opening)}){_E}"),
        re.compile(rf"(?<![{_UP}{_LO}])(?:{_alt(sorted(before_unit))})[ \t]+$"),
    )


@cache
def _caps_stop() -> frozenset[str]:
    return frozenset(load_lines("caps_stop.txt"))


@cache
def _surnames() -> frozenset[str]:
    return frozenset(load_lines("surnames.txt"))


@cache
def _not_name_syllables() -> frozenset[str]:
    """Capitalised syllables (or pairs: "Đồng chí", "Công văn") that start a title, a document or a body."""
    words = {" ".join(line.split()[:2]) for line in load_lines("person_titles.txt") if line[:1].isupper()}
    words.update(load_lines("not_names.txt"))
    return frozenset(words)


def _stops_name(text: str, pos: int) -> bool:
    """Whether the word at `pos` (or it and the next one: "Công văn") opens a title, a document or a body."""
    stop = _not_name_syllables()
    m = _ONE_OR_TWO_WORDS.match(text, pos)
    if m is None:
        return False
    return m.group(1) in stop or (m.group(2) is not None and f"{m.group(1)} {m.group(2)}" in stop)


def _trim_name(text: str, start: int, end: int, keep_first: bool = False) -> int:
    """Cut a name before the first syllable that opens a title or a body ("Chính phủ Trưởng Ban")."""
    head = _patterns()["org_head"]
    place = _patterns()["place"].match(text, start)  # "Hải Phòng": a known place is not cut at "Phòng"
    for m in re.finditer(r"\S+", text[start:end]):
        if (keep_first and m.start() == 0) or (place is not None and start + m.start() < place.end()):
            continue
        if _stops_name(text, start + m.start()) or head.match(text, start + m.start()):
            return start + m.start()
    return end


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    return end


def _person_in_name(text: str, start: int, end: int, titled: bool) -> int | None:
    """Where a person's name starts inside a place name after a body.

    "Phó Chủ tịch UBND tỉnh Võ Phiên": after a title, a name that is not a known
    place is the person; "Huyện ủy Càng Long Nguyễn Văn A": a surname inside
    the name starts the person.
    """
    p = _patterns()
    if p["place"].fullmatch(text, start, end):
        return None
    syllables = list(re.finditer(r"\S+", text[start:end]))
    surnames = _surnames()
    # every province is a known place, a commune is not: "Chủ tịch UBND xã Mai Sơn" names the commune, and a
    # person right after a commune's body is named in full ("Chủ tịch UBND xã Nguyễn Văn Hùng")
    local = _LOCAL_UNIT_BEFORE.search(text, max(0, start - 12), start) is not None
    for i, m in enumerate(syllables):
        # an Ê Đê man's name opens with "Y" and runs to his family name ("Bí thư Đoàn xã Y Kriêng Mlô")
        opens = m.group(0) in surnames or (m.group(0) == "Y" and len(syllables) - i >= 3)
        if opens and len(syllables) - i >= (3 if local and i == 0 else 2) and (i > 0 or titled):
            return start + m.start()
    return None


def _not_a_mention(text: str, m: re.Match[str], named: str) -> bool:
    """A body word used for something else: a code, a plural, a title, a system, insurance.

    `named` says what follows the head: "name" ("Huyện ủy Càng Long"), "bare" (a unit word alone:
    "UBND tỉnh") or "".
    """
    start, end = m.start(), m.end()
    if start > 0 and text[start - 1] in "/-–":  # "16/KH-UBND": a code, not a mention
        return True
    if _MEMBER.match(text, end):  # "Huyện ủy viên" is a title
        return True
    if _GOVERNMENT_AS_SYSTEM.match(text, end) and m.group(0).endswith(("Chính phủ", "CHÍNH PHỦ")):
        return True  # "Chính phủ điện tử", "Chính phủ số"
    if _MEETING_BEFORE.search(text, max(0, start - 15), start):  # "sinh hoạt chi bộ": a meeting
        return True
    if m.group(0)[:2] in ("BH", "Bả") and _INSURED_BEFORE.search(text, max(0, start - 15), start):
        return True  # "tham gia BHXH": the insurance, not the agency
    if named == "name":
        return False
    if _UNIT_LIST.match(text, end):  # "UBND phường, xã"
        return True
    if _PLURAL_BEFORE.search(text, max(0, start - 12), start):  # "các Chi bộ", "Một số Đảng bộ"
        return True
    if not named:
        if _patterns()["placed_only"].fullmatch(m.group(0)):  # "Thanh tra, kiểm tra …", "Bưu điện văn hóa xã"
            return True
        if _GENERIC.match(text, end):  # "Ủy ban nhân dân các huyện", "UBND cấp xã": many bodies, no name
            return True
        word = " ".join(m.group(0).split()).lower()
        if word in _TITLE_HEADS and _TITLE_BEFORE.search(text, max(0, start - 20), start):
            return True  # "Chánh Văn phòng", "Bí thư Thường trực"
    return False


def _name_words(text: str, pos: int, lowercase_start: bool) -> tuple[int, int] | None:
    """The name after a type word ("Cục" + "Quản lý đê điều và PCTT"): (end trimmed, end before a place).

    Words run over capitalised syllables, acronyms and short lower-case stretches; they stop at a
    verb or preposition, another body, a title or document word, a place unit, a list or table line.
    """
    p = _patterns()
    words = 0
    capitals = 0
    lower_run = 0
    end = pos
    i = pos
    while True:
        m = _NEXT_WORD.match(text, i)
        if m is None:
            break
        w = m.group("w")
        ws = m.start("w")
        sep = m.group("sep")
        if sep.count("\n") > 1 or (words and re.search(r"\n[ \t]*(?:[-+*•|]|\d+[.)])", text[i : ws + 1])):
            break
        if words == 0 and "," in sep:
            break
        if p["unit_at"].match(text, i) and not _UNIT_NOT_PLACE.match(text, ws):
            break
        if w[0].isdigit():  # "Quân khu 7", after a capitalised word only
            if not words or lower_run > 1:
                break
            capitals += 1
        elif w[0].isupper():
            head = p["org_head"].match(text, ws)
            if head is not None and text[max(0, i - 3) : i] == " và" and p["placed_only"].fullmatch(head.group(0)):
                head = None  # "Trung tâm CN và Cổng TTĐT tỉnh": one body that also runs the portal
            if (words or _stops_name(text, ws)) and (head or p["org_type"].match(text, ws) or _stops_name(text, ws)):
                break
            capitals += 1
            lower_run = 0
        elif w in _NAME_STOPS or _verb_at(text, ws) or (words == 0 and not lowercase_start and w != "các"):
            break
        else:
            lower_run += w not in ("và", "các")
            if lower_run > 4 or "," in sep:
                break
        words += 1
        end = ws + len(w)
        i = end
        if words > 16:
            break
    if capitals == 0 and not lowercase_start:
        return None
    trimmed = _trim_lower_tail(text, pos, end)
    return trimmed, end


def _verb_at(text: str, pos: int) -> bool:
    m = _TWO_WORDS.match(text, pos)
    return m is not None and f"{m.group(1)} {m.group(2)}" in _VERB_STOPS


def _trim_lower_tail(text: str, pos: int, end: int) -> int:
    """Drop trailing lower-case words, keeping one after a lone capitalised syllable ("Công nghiệp")."""
    spans = [(pos + m.start(), pos + m.end()) for m in re.finditer(r"[^\s,&–—-]+", text[pos:end])]
    k = len(spans)
    while k and not (text[spans[k - 1][0]].isupper() or text[spans[k - 1][0]].isdigit()):
        k -= 1
    if k == 0:
        return pos
    cut = spans[k - 1][1]
    cap = text[spans[k - 1][0] : spans[k - 1][1]]
    prev = text[spans[k - 2][0] : spans[k - 2][1]] if k >= 2 else ""
    lone = cap[0].isupper() and not cap.isupper() and (not _CAP_SYLLABLE.fullmatch(prev) or text[spans[k - 2][1]] != " ")
    if lone and k < len(spans) and text[spans[k - 1][1] : spans[k][0]] == " " and spans[k][0] - cut == 1:
        word = text[spans[k][0] : spans[k][1]]
        if word not in _NAME_STOPS and word not in ("và", "các") and not _verb_at(text, spans[k][0]):
            cut = spans[k][1]
    return cut


def _listed_places(text: str, pos: int) -> list[Entity]:
    """The names after the first in "các xã Ia Pếch, Ia Băng và Chư Pông": places under one unit word."""
    p = _patterns()
    out: list[Entity] = []
    while (m := p["loc_next"].match(text, pos)) is not None:
        s = m.start("name")
        if _stops_name(text, s) or p["org_head"].match(text, s) or p["org_type"].match(text, s):
            break
        e = _rstrip(text, s, _trim_name(text, s, m.end("name")))
        if e <= s:
            break
        out.append(Entity(s, e, text[s:e], "LOC"))
        if e < m.end("name"):
            break
        pos = e
    return out


def _typed_orgs(text: str) -> list[Entity]:
    """Bodies opened by a type word and named by the words after it ("Ngân hàng Thế giới")."""
    p = _patterns()
    found: list[Entity] = []
    for m in p["org_type"].finditer(text):
        if m.start() > 0 and text[m.start() - 1] in "/-–":
            continue
        if p["place"].match(text, m.start()):  # "Trường Sa"
            continue
        got = _name_words(text, m.end(), bool(p["lowercase_types"].search(m.group("type"))))
        if got is None:
            continue
        trimmed, end = got
        place = p["unit_at"].match(text, end) if end > m.end() else None
        if place is not None and place.group("uname") is not None:
            stop = _rstrip(text, m.start(), _trim_name(text, place.start("uname"), place.end("uname")))
            cut = stop if stop > place.start("uname") else _rstrip(text, m.start(), place.start("uname"))
        elif place is not None and not _AMBIGUOUS_UNIT.match(text, place.start("bare")):
            cut = place.end()
        else:
            cut = trimmed
        if cut <= m.end():
            continue
        head = p["org"].match(text, m.start())
        if head is not None and head.end() >= cut:  # "Trung tâm Phục vụ hành chính công": a head says more
            continue
        if not any(c.isupper() for c in text[m.end() : cut]) and place is None:
            continue
        start = m.start()
        before = p["heads_before"].search(text, max(0, start - 80), start)
        if before:  # "Chi bộ Trường THPT Bán công Lục Ngạn"
            start = before.start()
        if _PLURAL_BEFORE.search(text, max(0, start - 12), start):
            continue
        found.append(Entity(start, cut, text[start:cut], "ORG"))
    return found


def _defined_acronyms(text: str, orgs: list[Entity]) -> list[Entity]:
    """An acronym defined in brackets after a body ("... Quảng Ngãi (QISC)") and its later uses."""
    found: list[Entity] = []
    names = set()
    for e in orgs:
        m = _BRACKET_ACRONYM.match(text, e.end)
        if m:
            names.add(m.group(1))
    for name in names:
        for m in re.finditer(rf"{_B}{re.escape(name)}{_E}", text):
            if m.start() > 0 and text[m.start() - 1] in "/-–":
                continue
            found.append(Entity(m.start(), m.end(), name, "ORG"))
    return found


def rule_entities(text: str) -> list[Entity]:
    p = _patterns()
    found: list[Entity] = []
    for m in p["org"].finditer(text):
        name = "dname" if m.group("dname") is not None else "uname" if m.group("uname") is not None else None
        if m.group("rname") is not None:  # the region's province: "… khu vực 3 - Lâm Đồng"
            found.append(Entity(m.start("rname"), m.end("rname"), m.group("rname"), "LOC"))
        if _not_a_mention(text, m, "name" if name else "bare" if m.group("bare") else ""):
            continue
        end = m.end()
        if name:  # a name right after the body: "Huyện ủy Càng Long"; "Ủy ban nhân dân tỉnh\nBình Dương"
            keep = name == "uname" and "\n" not in text[m.start("uname") - 3 : m.start("uname")]  # "tỉnh Bà Rịa"
            end = _rstrip(text, m.start(), _trim_name(text, m.start(name), m.end(name), keep))
            if name == "uname" and end <= m.start(name):
                end = _rstrip(text, m.start(), m.start(name))
        if name and end > m.start(name):
            body = text[m.start() : m.start(name)].rstrip()
            titled = bool(p["title_before"].search(text, max(0, m.start() - 30), m.start()))
            titled = titled or bool(p["national"].search(body))
            person = _person_in_name(text, m.start(name), end, titled)
            if person is not None:
                found.append(Entity(person, end, text[person:end], "PER"))
                head = _TITLE_IN_BODY.match(text, m.start())
                if head:  # "Thủ tướng Chính phủ Phạm Minh Chính": the title is not part of the body
                    found.append(Entity(head.end(), _rstrip(text, m.start(), person), text[head.end() : _rstrip(text, m.start(), person)], "ORG"))
                    continue
                end = _rstrip(text, m.start(), person)
                if name == "uname" and end <= m.start(name):
                    end = _rstrip(text, m.start(), m.start(name))
            elif (
                name == "dname"
                and not p["national"].search(body)
                and " " in text[m.start(name) : end]
                and (text[m.start(name) : end].split()[0] not in _surnames() or p["place"].fullmatch(text, m.start(name), end))
                and not p["org_type"].match(text, m.start(name))  # "Chi bộ Trường Tiểu học …": a school, no place
            ):  # "Trường Đại học Phạm Văn Đồng": a person's name, not a place
                found.append(Entity(m.start(name), end, text[m.start(name) : end], "LOC"))  # "Càng Long"
        again = _SAME_PREFIX.match(text, m.start(), end)
        head = p["org_head"].match(text, m.start())
        # "Sở Khoa học và Công nghệ Sở Công Thương" (a table cell): two departments; but a head that holds both
        # prefixes ("Bộ Chỉ huy Bộ đội Biên phòng") is one body
        if again and (head is None or head.end() <= again.start(2)):
            end = _rstrip(text, m.start(), again.start(2))
            rest = p["org"].match(text, again.start(2))
            if rest is not None:
                found.append(Entity(rest.start(), rest.end(), rest.group(0), "ORG"))
        found.append(Entity(m.start(), end, text[m.start() : end], "ORG"))
    found += _typed_orgs(text)
    found += [Entity(e.start, m.end(), text[e.start : m.end()], "ORG") for e in found
              if e.label == "ORG" and (m := p["branch"].match(text, e.end)) is not None]
    for m in p["numbered_committee"].finditer(text):
        end = m.end()
        body = p["org"].match(text, end + 1) if text[end : end + 1] == " " else None
        if body is not None and not _not_a_mention(text, body, "name"):  # "Ban Chỉ đạo 35 Đảng ủy xã Tân An"
            end = body.end()
        found.append(Entity(m.start(), end, text[m.start() : end], "ORG"))
    for m in _STATE.finditer(text):  # "của Đảng, Nhà nước": the State as a body
        found.append(Entity(m.start("n"), m.end("n"), m.group("n"), "ORG"))
    found += _defined_acronyms(text, [e for e in found if e.label == "ORG"])
    caps_stop = _caps_stop()
    for key, label in (("caps_org", "ORG"), ("caps_loc", "LOC"), ("party", "ORG")):
        for m in p[key].finditer(text):
            if m.start() > 0 and text[m.start() - 1] in "/-–":
                continue
            end = m.end()
            tail = m.start()
            if key == "caps_org":
                if m.group("cunit") is None and m.group("cname") is None and p["caps_only_with_place"].fullmatch(m.group(0)):
                    continue
                if m.group("cname") is not None and not _whole_line(text, m.start(), m.end()):
                    end = _rstrip(text, m.start(), m.start("cname"))  # a name after a head only in a header line
                tail = next((m.start(g) for g in ("cunit", "cname") if m.group(g) is not None), m.end())
                if _not_a_mention(text, m, tail < end):
                    continue
            for w in re.finditer(r"\S+", text[tail:end]):
                pair = re.match(r"\S+\s+(\S+)", text[tail + w.start() : end])
                word = w.group(0).strip("*")
                if tail + w.start() > m.start() and (
                    word in caps_stop or (pair is not None and f"{word} {pair.group(1).strip('*')}" in caps_stop)
                ):
                    end = _rstrip(text, m.start(), tail + w.start())
                    break
            if label == "LOC" and len(text[m.start() : end].split()) < 2:
                continue
            if key == "party" and _PARTY_NOT_BODY.search(text, max(0, m.start() - 20), m.start()):
                continue  # "tổ chức cơ sở Đảng": the party's cells, not the party
            found.append(Entity(m.start(), end, text[m.start() : end], label))
    people = [(e.start, e.end) for e in found if e.label == "PER"]
    for m in p["loc"].finditer(text):  # also inside ORG: "Đảng bộ xã Tân An" holds "xã Tân An"
        if _TERRITORY_WORD.search(text, max(0, m.start() - 12), m.start()):  # "Hợp tác xã Nông nghiệp"
            continue
        if _title_guards()[1].search(text, max(0, m.start() - 20), m.start()):  # "Già làng Rơ Mah Blơi": a title
            continue
        end = _rstrip(text, m.start(), _trim_name(text, m.start("name"), m.end()))  # "Tỉnh Phú Yên | Người ký"
        for a, _b in people:
            if m.start() < a < end:
                end = _rstrip(text, m.start(), a)
        if end > m.start("name"):
            found.append(Entity(m.start(), end, text[m.start() : end], "LOC"))
            if end == m.end() and _MANY_BEFORE.search(text, max(0, m.start() - 8), m.start()):
                found += _listed_places(text, end)
    for m in p["zone"].finditer(text):  # "Khu kinh tế Dung Quất", "KCN Phú Xuân": the zone word stays
        end = _rstrip(text, m.start(), _trim_name(text, m.start(), m.end()))
        found.append(Entity(m.start(), end, text[m.start() : end], "LOC"))
    surnames = _surnames()
    for m in p["place"].finditer(text):
        before = re.search(r"(\S+)[ \t]+$", text[max(0, m.start() - 12) : m.start()])
        if before and before.group(1) in surnames:  # "Nguyễn Trường Sơn": a person named after a place
            continue
        start = m.start() - 5 if text[max(0, m.start() - 5) : m.start()] in ("vùng ", "Vùng ") else m.start()
        found.append(Entity(start, m.end(), text[start : m.end()], "LOC"))  # "vùng Tây Nguyên" keeps its word
    titled_at = set()
    for m in p["per_title"].finditer(text):
        s, e = m.start("name"), _trim_name(text, m.start("name"), m.end("name"))
        e = _rstrip(text, s, e)
        if " " in text[s:e].strip() or "\n" in text[s:e]:
            found.append(Entity(s, e, text[s:e], "PER"))
            titled_at.add(m.start())
    for m in p["per_surname"].finditer(text):
        if m.start() in titled_at or _title_guards()[0].match(text, m.start()):
            continue  # "Ông Giàng A Páo", "Phó Hiệu trưởng": a title, not the rare surnames Ông and Phó
        e = _rstrip(text, m.start(), _trim_name(text, m.start() + 1, m.end()))
        if re.search(r"\s", text[m.start() : e]):
            found.append(Entity(m.start(), e, text[m.start() : e], "PER"))
    return found


_PRIORITY = {"ORG": 0, "LOC": 1, "PER": 2}


def resolve(candidates: list[Entity]) -> list[Entity]:
    """Keep ORG over LOC over PER where they clash; a LOC inside an ORG stays (nested)."""
    ordered = sorted(candidates, key=lambda e: (_PRIORITY[e.label], e.source != "rule", -(e.end - e.start), e.start))
    kept: list[Entity] = []
    for cand in ordered:
        ok = True
        for k in kept:
            if cand.start < k.end and k.start < cand.end:
                nested_loc = cand.label == "LOC" and k.label == "ORG" and k.start <= cand.start and cand.end <= k.end
                if not nested_loc:
                    ok = False
                    break
        if ok:
            kept.append(cand)
    return sorted(kept, key=lambda e: (e.start, e.end))


@cache
def _crf():  # noqa: ANN202
    from underthesea.pipeline.chunking.model_crf import CRFChunkingPredictor
    from underthesea.pipeline.ner.model_crf import CRFNERPredictor
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

    return CRFPOSTagPredictor.Instance(), CRFChunkingPredictor.Instance(), CRFNERPredictor.Instance()


_CRF_NAME = re.compile(rf"^{CAP}(?:\s+{CAP}){{1,3}}$")


_WINDOW = 5  # the CRFs' features look two words away; five keep the tags of the run unchanged


def _uncovered_runs(doc: Doc, s: int, e: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    runs = []
    for m in _patterns()["cap_run"].finditer(doc.text, s, e):
        if m.start() == s:  # a run opening the sentence is usually not a name
            continue
        if not any(a <= m.start() and m.end() <= b for a, b in spans):
            runs.append((m.start(), m.end()))
    return runs


def _windows(doc: Doc, si: int, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token windows (merged) around each run, inside sentence `si`."""
    a, b = doc.sent_tokens[si]
    out: list[list[int]] = []
    for rs, re_ in runs:
        idx = [i for i in range(a, b) if doc.tokens[i].end > rs and doc.tokens[i].start < re_]
        if not idx:
            continue
        lo, hi = max(a, idx[0] - _WINDOW), min(b, idx[-1] + 1 + _WINDOW)
        if out and lo <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out]


def crf_entities(doc: Doc, covered: list[Entity]) -> list[Entity]:
    """underthesea's CRF (POS → chunk → NER) around capitalised runs that no rule explains."""
    spans = sorted((e.start, e.end) for e in covered)
    pos, chunk, ner = _crf()
    found: list[Entity] = []
    for si, (s, e) in enumerate(doc.sentences):
        runs = _uncovered_runs(doc, s, e, spans)
        for lo, hi in _windows(doc, si, runs) if runs else ():
            toks = doc.tokens[lo:hi]
            words = [re.sub(r"\s+", " ", t.text) for t in toks]
            tagged = ner.predict(chunk.predict(pos.predict(words)))
            i = 0
            while i < len(tagged):
                tag = tagged[i][3]
                if not tag.startswith("B-"):
                    i += 1
                    continue
                label = tag[2:]
                j = i + 1
                while j < len(tagged) and tagged[j][3] == f"I-{label}":
                    j += 1
                start, end = toks[i].start, toks[j - 1].end
                span = doc.text[start:end]
                in_run = any(rs <= start and end <= re_ for rs, re_ in runs)
                first = span.split()[0]
                if label == "PER" and first not in _surnames():
                    label = "LOC" if _patterns()["place"].fullmatch(span) else ""
                if label in {"PER", "LOC"} and in_run and _CRF_NAME.match(span) and not _stops_name(span, 0):
                    found.append(Entity(start, end, span, label, source="crf"))
                i = j
    return found


def _numeric_entities(doc: Doc) -> list[Entity]:
    out: list[Entity] = []
    for q in doc.quantities:
        label = {"percent": "PERCENT", "money": "MONEY"}.get(q.kind)
        if label is None and q.kind in {"quantity", "ratio"} and q.unit:
            label = "QUANTITY"
        if label:
            out.append(Entity(q.start, q.end, q.text, label, source="quantity"))
    out += [Entity(d.start, d.end, d.text, "DATE", source="date") for d in doc.dates]
    for r in doc.references:
        end = r.number_end or r.end
        out.append(Entity(r.start, end, doc.text[r.start : end], "DOC_REF", source="reference"))
    return out


@cache
def _unit_prefix() -> re.Pattern[str]:
    units = [u for u in load_lines("admin_units.txt") if u[0].islower()]
    return re.compile(rf"(?:{_alt(_both_cases(tuple(units)))})[ \t]*\n?[ \t]*(?P<name>{CAP}(?:[ \t]+{CAP})+)$")


def _same_place_named_bare(text: str, names: list[Entity], refs: list[tuple[int, int]]) -> list[Entity]:
    """A place named once with its unit word ("huyện Bảo Thắng") is the same place where the document names it
    bare ("Bảo Thắng phấn đấu …"): one sense per document, for names of two syllables or more."""
    bare = {m.group("name") for e in names if e.label == "LOC" and (m := _unit_prefix().search(e.text))}
    taken = [(e.start, e.end) for e in names] + refs
    out: list[Entity] = []
    for name in sorted(bare, key=len, reverse=True):
        for m in re.finditer(rf"{_B}{re.escape(name)}{_E}", text):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                out.append(Entity(m.start(), m.end(), name, "LOC", source="rule"))
                taken.append((m.start(), m.end()))
    return out


# bare names of two or three capitalised syllables listed with commas ("như Thanh Hà, Tứ Kỳ, Cẩm Giàng và Thanh Miện")
_BARE = rf"{CAP}(?:[ \t]{CAP}){{1,2}}"
_NAME_LIST = re.compile(rf"{_B}{_BARE}(?:[ \t]*,[ \t]*{_BARE})+(?:[ \t]+và[ \t]+{_BARE})?{_E}")
_LIST_ITEM = re.compile(rf"{_B}{_BARE}{_E}")


def _listed_with_a_place(text: str, names: list[Entity], refs: list[tuple[int, int]]) -> list[Entity]:
    """The other bare names of a list that names one place bare ("Thanh Hà, Tứ Kỳ, Cẩm Giàng, Thanh Miện" where
    "Cẩm Giàng" is known) are places too: a list names things of one kind."""
    taken = [(e.start, e.end) for e in names] + refs
    places = {(e.start, e.end) for e in names if e.label == "LOC"}
    out: list[Entity] = []
    for lst in _NAME_LIST.finditer(text):
        items = list(_LIST_ITEM.finditer(text, lst.start(), lst.end()))
        if len(items) < 3 or not any((m.start(), m.end()) in places for m in items):
            continue
        for m in items:
            if not any(a < m.end() and m.start() < b for a, b in taken):
                out.append(Entity(m.start(), m.end(), m.group(), "LOC", source="rule"))
    return out


def run(doc: Doc) -> None:
    rules = rule_entities(doc.text) + bylines(doc)
    names = resolve(rules + crf_entities(doc, rules))
    # a body or person inside a cited document's number/title span is not a mention of its own
    refs = [(r.start, r.number_end or r.end) for r in doc.references]
    names = [n for n in names if not any(a <= n.start and n.end <= b for a, b in refs)]
    names = names + _same_place_named_bare(doc.text, names, refs)
    names = sorted(names + _listed_with_a_place(doc.text, names, refs), key=lambda e: (e.start, e.end))
    doc.entities = names + _numeric_entities(doc)
