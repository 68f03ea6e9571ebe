"""Dates and periods: "ngày 31/10/2022", "tháng 10/2022", "đến năm 2025", "giai đoạn 2021-2025".

One combined regex, scanned left to right; at each position the alternatives
are tried longest form first, and a match whose numbers are not a valid date
(day 1-31, month 1-12, year 1945-2100) is dropped and the scan resumes one
character later, so "ngày 45/10/2022" still yields nothing wrong while
"từ năm 1900 đến năm 2025" still yields "đến năm 2025".

All whitespace inside a form is `\\s+` because PDF and web copies break lines
anywhere ("ngày 20\\ntháng 11 năm 2025"). A number followed by "/" and letters
is a document number ("05/QĐ-UBND", "30/2020/NĐ-CP"), never a date, and a
yearless "d/m" needs a cue word before it ("ngày", "sáng" …) so that ratios
like "32/32" or "10/7 đảng viên" stay quantities.
"""

from __future__ import annotations

import datetime as _dt
import re

from nlp.doc import DateMention, Doc

_Y = r"(?:19|20|21)\d\d"
_D = r"\d{1,2}"
_DASH = r"\s*[-–—]\s*"
# not inside a longer number, code or decimal ("117-KH", "1.2022", "QH15")
_B = r"(?<![\w./,])(?<!\d-)"
# not followed by more digits, a decimal part or a document-number tail ("/QĐ", "-NQ")
_E = r"(?!\w)(?![.,]\d)(?!\s?/\s?\w)(?!-[A-Za-zĐđ])"
_YEARLESS_CUES = r"ngày|sáng|chiều|tối|trưa|đêm|hôm|từ\s+ngày|đến\s+ngày"
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_PATTERN = re.compile(
    "|".join(
        [
            # "năm 2025 và 2026": two years in a row are both the period's (others: the first year alone)
            rf"(?P<an>(?<!\w)năm\s+(?P<an1>{_Y})\s+và\s+(?:năm\s+)?(?P<an2>{_Y}){_E})",
            # từ năm 2021 đến năm 2025, năm 2026 - 2028
            rf"(?P<fr>(?<!\w)(?:từ\s+)?năm\s+(?P<fr1>{_Y})(?:\s+(?:đến|tới)\s+(?:hết\s+)?|{_DASH})(?:năm\s+)?(?P<fr2>{_Y}){_E})",
            # giai đoạn 2021-2025, nhiệm kỳ 2020 - 2025, giai đoạn 20112020 (lost dash)
            rf"(?P<pe>(?<!\w)(?:giai\s+đoạn|nhiệm\s+kỳ|thời\s+kỳ)\s+(?:từ\s+)?(?:năm\s+)?"
            rf"(?:(?P<pe1>{_Y})(?:{_DASH}|\s+(?:đến|tới)\s+(?:năm\s+)?)(?P<pe2>{_Y})|(?P<pe3>{_Y})(?P<pe4>{_Y})){_E})",
            # ngày 31 tháng 10 năm 2022 (also "ngày 05 tháng 01 năm 2020", line breaks anywhere)
            rf"(?P<wd>(?:(?<!\w)ngày\s+)?{_B}(?P<wd1>{_D})\s+tháng\s+(?P<wd2>{_D})\s*(?:năm\s+|[/.-]\s*)(?P<wd3>{_Y}){_E})",
            # 31/10/2022, 31-10-2022, 06.11.2024, with an optional "ngày"
            rf"(?P<nd>(?:(?<!\w)ngày\s+)?{_B}(?P<nd1>{_D})(?P<sep> ?/ ?|-|\.)(?P<nd2>{_D})(?P=sep)(?P<nd3>{_Y}){_E})",
            # ngày 26-27/12/2022, ngày 5 - 7/12 (a span of days: iso is the first day)
            rf"(?P<dr>(?:(?<!\w)ngày\s+)?{_B}(?P<dr1>{_D}){_DASH}(?P<dr4>{_D})/(?P<dr2>{_D})(?:/(?P<dr3>{_Y}))?{_E})",
            # 2025-08-21 (ISO, from page stores)
            rf"(?P<iso>{_B}(?P<iso1>{_Y})-(?P<iso2>\d\d)-(?P<iso3>\d\d){_E})",
            # 2026-2030, 2021 – 2025
            rf"(?P<yr>{_B}(?P<yr1>{_Y}){_DASH}(?P<yr2>{_Y}){_E})",
            # quý III/2023, quý 3 năm 2023
            rf"(?P<qu>(?<!\w)quý\s+(?P<qu1>IV|I{{1,3}}|[1-4])\s*(?:[/-]\s*|\s+năm\s+)(?P<qu2>{_Y}){_E})",
            # tháng 10/2022, tháng 10 năm 2022
            rf"(?P<mo>(?<!\w)tháng\s+(?P<mo1>{_D})\s*(?:[/.-]\s*|\s+năm\s+)(?P<mo2>{_Y}){_E})",
            # đến năm 2025, đến hết năm 2030, trước năm 2030, (vào) cuối năm 2025, "hoàn thành 5.000 km vào năm 2030"
            rf"(?P<un>(?<!\w)(?:(?:đến|tới|trước)\s+(?:hết\s+|cuối\s+)?|(?:vào\s+)?cuối\s+|vào\s+)năm\s+(?P<un1>{_Y}){_E})",
            # năm 2023
            rf"(?P<ye>(?<!\w)năm\s+(?P<ye1>{_Y}){_E})",
            # ngày 19 tháng 12 (no year)
            rf"(?P<wn>(?<!\w)ngày\s+(?P<wn1>{_D})\s+tháng\s+(?P<wn2>{_D})(?!\s*(?:năm\s+)?\d)(?!\w))",
            # Sáng 23/9, ngày 9.9 (no year: only after a cue word)
            rf"(?P<yl>(?<!\w)(?:{_YEARLESS_CUES})\s+(?P<yl1>{_D})\s?[/.]\s?(?P<yl2>{_D})(?!\w)(?![/.,-]\d)(?!\s?/\s?\w))",
        ]
    ),
    re.IGNORECASE,
)


def _year(s: str | None) -> int | None:
    if s is None:
        return None
    y = int(s)
    return y if 1945 <= y <= 2100 else None


def _iso(day: str, month: str, year: str) -> str | None:
    y = _year(year)
    if y is None:
        return None
    try:
        return _dt.date(y, int(month), int(day)).isoformat()
    except ValueError:
        return None


def _day_month_ok(day: str, month: str) -> bool:
    return 1 <= int(day) <= 31 and 1 <= int(month) <= 12


def _mention(m: re.Match[str]) -> DateMention | None:
    """Build the mention for one regex match, or None if its numbers are not a date."""
    g = m.group
    kind = m.lastgroup
    text = m.group(0)
    if kind == "an":
        a, b = _year(g("an1")), _year(g("an2"))
        if a is not None and b == a + 1:
            return DateMention(m.start(), m.end(), text, "year_range", None, a, b)
        end = m.end("an1")
        return None if a is None else DateMention(m.start(), end, m.string[m.start() : end], "year", None, a, a)
    if kind in ("fr", "pe", "yr"):
        if kind == "pe" and g("pe3"):
            a, b = _year(g("pe3")), _year(g("pe4"))
        else:
            a, b = _year(g(kind + "1")), _year(g(kind + "2"))
        if a is None or b is None or b <= a or b - a > 50:
            return None
        return DateMention(m.start(), m.end(), text, "year_range", None, a, b)
    if kind in ("wd", "nd"):
        iso = _iso(g(kind + "1"), g(kind + "2"), g(kind + "3"))
        if iso is None:
            return None
        y = int(iso[:4])
        return DateMention(m.start(), m.end(), text, "date", iso, y, y)
    if kind == "dr":
        first, last, month = g("dr1"), g("dr4"), g("dr2")
        if not (_day_month_ok(first, month) and _day_month_ok(last, month)) or int(last) <= int(first):
            return None
        if g("dr3") is None:  # yearless: only with "ngày", as for "d/m"
            return DateMention(m.start(), m.end(), text, "date") if text[:4].lower() == "ngày" else None
        iso = _iso(g("dr1"), g("dr2"), g("dr3"))
        if iso is None:
            return None
        return DateMention(m.start(), m.end(), text, "date", iso, int(iso[:4]), int(iso[:4]))
    if kind == "iso":
        iso = _iso(g("iso3"), g("iso2"), g("iso1"))
        if iso is None:
            return None
        y = int(iso[:4])
        return DateMention(m.start(), m.end(), text, "date", iso, y, y)
    if kind == "qu":
        y = _year(g("qu2"))
        if y is None:
            return None
        return DateMention(m.start(), m.end(), text, "quarter", None, y, y)
    if kind == "mo":
        y = _year(g("mo2"))
        if y is None or not 1 <= int(g("mo1")) <= 12:
            return None
        return DateMention(m.start(), m.end(), text, "month", None, y, y)
    if kind == "un":
        y = _year(g("un1"))
        return None if y is None else DateMention(m.start(), m.end(), text, "until", None, None, y)
    if kind == "ye":
        y = _year(g("ye1"))
        return None if y is None else DateMention(m.start(), m.end(), text, "year", None, y, y)
    if kind in ("wn", "yl"):
        if not _day_month_ok(g(kind + "1"), g(kind + "2")):
            return None
        return DateMention(m.start(), m.end(), text, "date")
    return None


def find_dates(text: str) -> list[DateMention]:
    """All date and period mentions in `text`, sorted and non-overlapping."""
    out: list[DateMention] = []
    pos = 0
    search = _PATTERN.search
    while (m := search(text, pos)) is not None:
        mention = _mention(m)
        if mention is None:
            pos = m.start() + 1  # let a shorter form starting later have its chance
            continue
        out.append(mention)
        pos = m.end()
    return out


def parse_date(s: str) -> str | None:
    """ISO "YYYY-MM-DD" of the first full date in `s` ("ngày 05 tháng 6 năm 2017", "31/10/2022").

    Searches rather than matches whole so that a header line such as
    "Đồng Nai, ngày 20\\ntháng 11 năm 2025" can be passed as it is.
    """
    for mention in find_dates(s):
        if mention.iso is not None:
            return mention.iso
    return None


def run(doc: Doc) -> None:
    doc.dates = find_dates(doc.text)
