"""Targets (chỉ tiêu): numeric commitments with their metric, base, period and actors.

A number is a target when its sentence commits to it ("phấn đấu", "chỉ tiêu",
"ít nhất", "đến năm 2025"), or, in a directive-type document or a "Mục tiêu"
section, when a weaker verb carries it ("đạt", "bảo đảm", "100% …"). A number
that reports what happened ("đã kết nạp", "đạt 104% kế hoạch", "so với cùng
kỳ") is a result, not a target. Cue phrases live in `data/target_cues.json`.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache

from nlp.doc import Block, DateMention, Doc, Quantity, Target
from nlp.quantities import coordinated_noun, counted_noun, is_rate_base, magnitudes, without_unit_brackets
from nlp.resources import load_json
from nlp.scales import is_rate_value, is_scale_value
from nlp.structure import list_intro

_WORD = re.compile(r"[^\s,;:()“”\"]+")
_CLAUSE_BREAK = re.compile(r"[;:()]|,\s|\.\s|\s–\s|\s—\s")
_HARD_BREAK = re.compile(r"[;:()]|\.\s|\s–\s|\s—\s")  # a clause break that no list of nouns crosses
_LIST_TAIL = 4  # syllables after a comma that may end a list of nouns rather than start a clause
# syllables a metric may take after its number: "100% số người hưởng trợ cấp xã hội, trợ cấp hưu trí xã hội chưa có
# tài khoản được tuyên truyền" names who and what; 15 cut such names mid-phrase (train metric word-F1 0.8077 ->
# 0.8091 at 20, dev 0.8017 -> 0.8068; 18: 0.8088 / 0.8067, 22: 0.8088 / 0.8005, 25: 0.8080 / 0.7946; session 25)
_AFTER_WORDS = 20
# where the predicate of a share's noun phrase starts ("… công lập đủ điều kiện …", "… phải được thu gom …")
_PREDICATE = re.compile(r"(?<![\wÀ-ỹ])(?:phải\s+được|phải|được|đủ|có)(?![\wÀ-ỹ])", re.I)
# the whole area a count after a leading number is taken over is not what it counts: "100% số xã, phường trên toàn
# tỉnh không ma túy" measures "xã, phường không ma túy", as the annotations word it ("Thu ngân sách nhà nước trên
# địa bàn", a name before its number, stays whole; train metric word-F1 0.8091 -> 0.8108, 8 metrics closer to the
# gold and none further; dev unchanged; session 25)
_WHERE = re.compile(r"(?<![\wÀ-ỹ])trên\s+(?:toàn\s+|địa\s+bàn\s+(?:toàn\s+)?)?(?:tỉnh|thành\s+phố|huyện|xã|quốc|cả\s+nước)(?![\wÀ-ỹ])(?:\s+[A-ZĐ][\wÀ-ỹ]*)*|(?<![\wÀ-ỹ])trên\s+địa\s+bàn(?![\wÀ-ỹ])")
_LIST_ITEM = 2  # syllables between two commas that can only be an item of a list ("nông, lâm, thủy sản")
_RIGHT_RESULT = re.compile(r"\s*(?:so\s+với\s+)?(?:kế\s+hoạch|chỉ\s+tiêu|dự\s+toán|cùng\s+kỳ)", re.I)
_PER_WORDS = re.compile(r"\s*(?:/\s*|mỗi\s+|hằng\s+|hàng\s+|bình\s+quân\s+(?:hằng\s+|mỗi\s+|hàng\s+)?)(năm|tháng|quý)\b", re.I)
# "100% khu công nghiệp, cụm công nghiệp triển khai …": the words after a leading number run over the commas of a
# list (up to _AFTER_WORDS syllables, the next number or a new clause); a comma right after the number ends them
# (a short bracket with no number, "(bao gồm người được ủy quyền nhận thay)", is an aside they skip)
_AFTER_NUMBER_NOUN = re.compile(r"\s*(?P<rest>(?![,;:.()])(?:[^;:.()]|\([^()\n;:\d]{1,40}\)){2,200})")
# "giảm 3% so với năm 2018": the year compared with is the baseline, not the target's period
_COORDINATED = re.compile(r"(?:\s(?:và|cùng)|,)\s*(?:ít\s+nhất|tối\s+thiểu|trên|dưới|khoảng|từ)?\s*$", re.I)
_COMPARED_WITH = re.compile(r"(?<![\wÀ-ỹ])so(?:\s+với)?(?:\s+cùng\s+kỳ)?(?:\s+năm)?\s*$", re.I)
# "Tính đến ngày 30/9/2022, tỷ lệ … đạt …", "Tính đến hết năm 2024, …": the date a state was measured on, not a
# target's period ("đến hết năm 2024" alone reads as a deadline, so the word before it decides)
_AS_OF = re.compile(r"(?<![\wÀ-ỹ])(?:tính|lũy\s+kế|cập\s+nhật)(?:\s+(?:đến|tới|từ)(?:\s+(?:hết|ngày))?)?\s*$", re.I)
# "(theo chuẩn nghèo đa chiều giai đoạn 2021 - 2025)", "theo giá so sánh năm 2010": the year of a standard or a price base
_STANDARD_OF = re.compile(r"(?<![\wÀ-ỹ])(?:chuẩn\s+nghèo(?:\s+đa\s+chiều)?|giá\s+(?:so\s+sánh|cố\s+định|thực\s+tế))\s*$", re.I)
# "(2) …; (3) Hằng năm, …", "a) …": an item numbered inline, at the start of a sentence or ";"-part, or anywhere
_ITEM_NUMBER = r"(?:\(\d{1,2}\)|\d{1,2}\)|[a-zđ]\))\s"
_ENUMERATED = re.compile(rf"[\s*]*{_ITEM_NUMBER}", re.I)
_ITEM_INLINE = re.compile(rf"(?:^|(?<=[\s;:])){_ITEM_NUMBER}", re.I)
_COMPARISON = re.compile(r"so\s+với\s+(?:năm\s+|cùng\s+kỳ\s+(?:năm\s+)?)?\d{4}", re.I)
_DIRECTION = re.compile(r"(?:giảm|tăng|nâng|hạ|đạt|còn)(?:\s+(?:còn|lên|xuống|thêm|bình quân))?", re.I)
# "…, tốc độ tăng bình quân 08 - 09%/năm", "…, tăng 12% so với năm 2025": a rate that names nothing of its own
# is the rate of what the clause before it measured
_RATE_ONLY = re.compile(
    r"(?:tốc\s+độ\s+)?(?:tăng|giảm)(?:\s+(?:bình\s+quân|trung\s+bình))?(?:\s+(?:hằng|hàng|mỗi)\s+năm)?",
    re.I)  # "(tốc độ) tăng trưởng" is economic growth, a metric of its own
_TRAILING_DIRECTION = re.compile(rf"\s+(?:{_DIRECTION.pattern})$", re.I)  # "GRDP tăng" lends "GRDP" to "tăng 8%"
_ANAPHORA = re.compile(r"(?:này|đó|trên)$", re.I)  # "Con số này": the earlier number names nothing to borrow
# "Tổng sản phẩm trong tỉnh (GRDP) tăng 10%", "Tổng sản lượng lương thực (cả màu quy thóc) đạt 4.200 tấn": a
# short bracket inside the noun phrase does not end the metric's clause
_SHORT_BRACKET = re.compile(r"(?<=[^\W\d_])\s*\*?\([^()\n;:\d]{1,40}\)\*?")  # no number inside, none before
_SHARE = re.compile(r"\s*(?P<b3>(?:tổng\s+)?số\s+[^,;:.()]{2,100})", re.I)
_PER_LEFT = re.compile(r"(?:hằng|hàng|mỗi)\s+(năm|tháng|quý)(?![\wÀ-ỹ])", re.I)
# "đến" not in "điểm đến" (a destination: "100% điểm đến du lịch trọng điểm …")
_STOP_WORDS = r"\s(?:theo|{trong}|đến(?<!điểm\sđến)|vào|nhằm|để|khi|trở lên|trở xuống|và phấn đấu|so với|so)(?![\wÀ-ỹ])"
_BASE_STOP = re.compile(_STOP_WORDS.format(trong="trong"), re.I)
# the words after a leading number stop at "trong" only before a time or a new clause ("… trong năm 2026",
# "trong đó"): "100% nhà đầu tư trong khu công nghiệp …", "học sinh trong độ tuổi" name who is counted
_AFTER_STOP = re.compile(_STOP_WORDS.format(
    trong=r"trong(?=\s+(?:đó|năm|giai\s+đoạn|thời\s+(?:gian|kỳ|hạn)|nhiệm\s+kỳ|dịp|quý|tháng|tuần|ngày|\d))"), re.I)
_SKIP_BLOCKS = {"noise", "header", "caption", "signature"}
_ACTOR_BLOCKERS = re.compile(r"(?:của|theo|với|tại|thuộc|cho|đối với|trong)\s*$", re.I)


@dataclass(frozen=True)
class _Cues:
    strong: re.Pattern[str]
    commit: re.Pattern[str]
    weak: re.Pattern[str]
    result: re.Pattern[str]
    head: re.Pattern[str]
    tail: re.Pattern[str]
    base: re.Pattern[str]
    directive_types: frozenset[str]
    target_sections: tuple[str, ...]
    goal_sections: tuple[str, ...]
    age_units: frozenset[str]
    all_of_units: frozenset[str]
    with_norm: re.Pattern[str]
    with_norm_after: re.Pattern[str]
    duration_units: frozenset[str]
    measure_units: frozenset[str]
    votes: re.Pattern[str]
    span_of_time: re.Pattern[str]
    result_sections: tuple[str, ...]
    meta_units: frozenset[str]
    task: re.Pattern[str]
    task_compound: re.Pattern[str]
    clause_after_comma: re.Pattern[str]
    list_breaking_verb: re.Pattern[str]
    opener: re.Pattern[str]
    plan_share: re.Pattern[str]
    restated: re.Pattern[str]
    restated_break: re.Pattern[str]
    time_section: re.Pattern[str]
    news_plan: re.Pattern[str]


def _phrases(items: list[str], guard_moi: Iterable[str] = (), guards: dict[str, dict[str, list[str]]] | None = None) -> str:
    """An alternation, longest first; phrases starting with "mới" do not match after a word of `guard_moi`
    ("đảng viên mới đạt": a new member, not "only reached"); a phrase of `guards` does not match before a word or
    mark of its `not_before` or after a word of its `not_after` ("giao thông", "chuyển giao" assign nothing; "Kế
    hoạch năm nay …" is the plan, "đạt 98% kế hoạch năm" reports against it; "số đối tượng truy nã hiện có và …"
    describes whom a target counts, "hiện có 120 …" reports)."""
    guard = "".join(rf"(?<!{re.escape(w)}\s)" for w in guard_moi)

    def one(x: str) -> str:
        g = (guards or {}).get(x, {})
        before = "".join(rf"(?<!{re.escape(w)}\s)" for w in g.get("not_after", []))
        words = [w for w in g.get("not_before", []) if w[0].isalpha()]
        marks = [w for w in g.get("not_before", []) if not w[0].isalpha()]  # "hiện có;", "hiện có)"
        after = r"(?!\s+(?:{})(?![\wÀ-ỹ]))".format("|".join(map(re.escape, words))) if words else ""
        after += r"(?!\s*[{}])".format("".join(map(re.escape, marks))) if marks else ""
        return (guard if x.startswith("mới ") else "") + before + re.escape(x).replace(r"\ ", r"\s+") + after

    return "|".join(one(x) for x in sorted(items, key=len, reverse=True))


@cache
def cues() -> _Cues:
    """The cue lists of data/target_cues.json, compiled once (the target model reads them too)."""
    d = load_json("target_cues.json")
    g = d["phrase_guards"]
    bound = r"(?<![\wÀ-ỹ])(?:{})(?![\wÀ-ỹ])"
    return _Cues(
        strong=re.compile(bound.format(_phrases(d["strong"], guards=g)), re.I),
        commit=re.compile(bound.format(_phrases(d["commit"], guards=g)), re.I),
        weak=re.compile(bound.format(_phrases(d["weak"])), re.I),
        result=re.compile(bound.format(
            _phrases(d["result_strong"], guard_moi=d["moi_adjective"], guards=g)), re.I),
        head=re.compile(r"\s*(?:{})(?![\wÀ-ỹ])[\s,:]*".format(_phrases(d["metric_head"], guards=g)), re.I),
        tail=re.compile(r"[\s,:]*(?<![\wÀ-ỹ])(?:{})\s*$".format(_phrases(d["metric_tail"])), re.I),
        base=re.compile(
            r"\s*(?:(?:{})\s+(?P<b1>[^,;:.()]{{2,100}})|(?:{})\s+(?P<b2>(?:tổng\s+)?số\s+[^,;:.()]{{2,100}}))".format(
                _phrases(d["base_compare"]), _phrases(d["base_share"])
            ),
            re.I,
        ),
        directive_types=frozenset(d["directive_types"]),
        target_sections=tuple(d["target_sections"]),
        goal_sections=tuple(d["goal_sections"]),
        result_sections=tuple(d["result_sections"]),
        meta_units=frozenset(d["meta_units"]),
        age_units=frozenset(d["age_units"]),
        all_of_units=frozenset(d["all_of_units"]),
        with_norm=re.compile(r"(?<![\wÀ-ỹ])với\s+(?:{})\s+(?:(?:tối\s+thiểu|ít\s+nhất|tối\s+đa|khoảng)\s+)?$".format(
            _phrases(d["with_norms"])), re.I),
        with_norm_after=re.compile(r"\s+với\s+(?:{})(?![\wÀ-ỹ])".format(_phrases(d["with_norms"])), re.I),
        duration_units=frozenset(d["duration_units"]),
        measure_units=frozenset(d["measure_units"]),
        votes=re.compile(bound.format(_phrases(d["vote_words"])), re.I),
        span_of_time=re.compile(r"\s+(?:{})(?![\wÀ-ỹ])".format(_phrases(d["span_of_time_after"])), re.I),
        task=re.compile(bound.format(_phrases(d["task_verbs"])), re.I),
        task_compound=re.compile(r"(?:{})(?![\wÀ-ỹ])".format(_phrases(d["task_compounds"])), re.I),
        clause_after_comma=re.compile(r",\s*(?:{})(?![\wÀ-ỹ])".format(_phrases(d["clause_after_comma"])), re.I),
        list_breaking_verb=re.compile(bound.format(_phrases(d["list_breaking_verbs"])), re.I),
        # "Theo đó, ", "Hằng năm, ", "Về kinh tế, ", "Năm 2026, ": an adverbial up to its comma opens the sentence
        opener=re.compile(
            r"[\s*+•–-]*(?:(?:{})|(?:{})(?![\wÀ-ỹ])[^,\n]{{0,30}}|(?:đến\s+|trong\s+)?năm\s+\d{{4}}),\s*".format(
                _phrases(d["sentence_openers"]), _phrases(d["opener_heads"])), re.I),
        # "100% kế hoạch", "105% dự toán Hội đồng nhân dân tỉnh giao", "100% chỉ tiêu được giao": the whole rest
        # is the plan and who set it ("100% chỉ tiêu tuyển quân", "kế hoạch sử dụng đất" name what is measured)
        plan_share=re.compile(
            r"(?:{})(?:\s+(?:năm(?:\s+\d{{4}})?|(?:[^\W\d_]+\s+){{0,6}}?(?:được\s+)?(?:giao|đề\s+ra)))?$".format(
                _phrases(d["plan_share"])), re.I),
        # "chưa hoàn thành chỉ tiêu kết nạp 2.100 …", "đạt chỉ tiêu … giao (từ 1-1,2%": up to 12 words after a
        # target's name, then the number (`pre` marks a programme's name: "chương trình mục tiêu quốc gia 17 tỷ")
        restated=re.compile(
            r"(?<![\wÀ-ỹ])(?P<pre>(?:{})\s+)?(?:{})(?P<mid>(?:\s+[^\s\d;:.()\[\]]+){{0,12}}?)\s*[(:]?\s*"
            r"(?:(?:{})(?![\wÀ-ỹ]))?\s*$".format(
                _phrases(d["restated_not_after"]), _phrases(d["restated_heads"]), _phrases(d["restated_leads"])), re.I),
        restated_break=re.compile(bound.format(_phrases(d["restated_breaks"])), re.I),
        # "**2. Thời gian thi đua**", "1. Thời gian: từ nay …", "3. Thời gian thực hiện Chương trình: Từ năm …": the
        # label alone or before a colon ("a) Thời gian thi đua chia thành 02 đợt", "Thời gian qua, …" are sentences)
        time_section=re.compile(r"[\s*]*(?:{})(?:\s+(?:{}))?[\s*]*(?::|$)".format(
            _phrases(d["time_sections"]), _phrases(d["time_section_objects"])), re.I),
        # "… tổ chức hội nghị triển khai công tác năm 2019", "triển khai phương hướng, nhiệm vụ 6 tháng cuối năm 2019"
        news_plan=re.compile(r"(?<![\wÀ-ỹ])(?:{})\s+(?:[^\W\d_]+,?\s+){{0,2}}?(?:{})(?![\wÀ-ỹ])[^.;\n\d]{{0,40}}?"
                             r"(?<![\wÀ-ỹ])năm\s+\d{{4}}".format(
            _phrases(d["news_plan_verbs"]), _phrases(d["news_plan_objects"])), re.I),
    )


def _strip_metric(text: str, start: int, end: int, head: bool = True) -> tuple[int, int]:
    """Trim cue and function words from both ends (or only the tail) of text[start:end]."""
    c = cues()
    changed = True
    while changed and start < end:
        changed = False
        m = c.head.match(text, start, end) if head else None
        if m and m.end() > start:
            start, changed = m.end(), True
        m = c.tail.search(text, start, end)
        if m and m.start() < end:
            end, changed = m.start(), True
    while start < end and not (text[start].isalnum() or text[start] in "“\""):
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in "”\"%" or (
        text[end - 1] == ")" and "(" in text[start : end - 1]  # "… lương thực (cả màu quy thóc)" keeps its bracket
    )):
        end -= 1
    return start, end


def _clause_start(text: str, sent_start: int, pos: int) -> int:
    last = sent_start
    for m in _CLAUSE_BREAK.finditer(text, sent_start, pos):
        last = m.end()
    return last


def _last_cue(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    last = None
    for last in pattern.finditer(text, start, end):  # noqa: B007 - the last match is wanted
        pass
    return last


def _last_cue_end(pattern: re.Pattern[str], text: str, start: int, end: int) -> int | None:
    m = _last_cue(pattern, text, start, end)
    return m.end() if m else None


def _words(text: str, start: int, end: int, limit: int, from_right: bool) -> int:
    """Offset that keeps at most `limit` words of text[start:end] (from the right or the left)."""
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    if len(spans) <= limit:
        return start if from_right else end
    return spans[-limit][0] if from_right else spans[limit - 1][1]


def _cited(doc: Doc, pos: int) -> bool:
    """`pos` lies inside a reference to another document ("Kế hoạch số 117-KH/HU, ngày 31/10/2022")."""
    return any(r.start <= pos < r.end for r in doc.references)


_PART_BREAK = re.compile(r"[,:](?!\d)")  # a comma or colon between clauses, not a decimal one ("6,9%")


def _period(
    doc: Doc, s: int, e: int, q: Quantity, after_result: int | None = None
) -> tuple[str | None, str | None, str | None]:
    """`after_result`: where the result ends that a restated target follows ("… của năm 2022 là 22,0%, đạt mục
    tiêu của Chương trình (giảm hơn 3%/năm)"); the dates before it, in its sentence or its paragraph, are the
    result's, so the heading's or the title's period holds unless the sentence opens with a year."""
    def usable(d: DateMention, lo: int = s, hi: int = e) -> bool:
        return (lo <= d.start < hi and not _cited(doc, d.start) and d.kind != "month" and not _aside(doc, d, q, lo, hi)
                and not (d.kind == "date" and not d.iso and not d.year_end)  # "ngày 5 - 7/12": a day says no year
                and not _COMPARED_WITH.search(doc.text, max(lo, d.start - 30), d.start)
                and not _AS_OF.search(doc.text, max(lo, d.start - 30), d.start)
                and not _STANDARD_OF.search(doc.text, max(lo, d.start - 40), d.start))

    # "… đạt 20% năm 2025; đến hết năm 2030 đạt 50%": a date in the number's own part of a list is its period
    lo = max(_part_start(doc.text, s, q.start), after_result or s)
    hi = doc.text.find(";", q.end, e)
    hi = hi if hi >= 0 else e
    # "Tỷ lệ che phủ rừng: năm 2027 đạt 40%, năm 2028 đạt 41%": a year in the number's own comma-part first
    parts = [m.end() for m in _PART_BREAK.finditer(doc.text, lo, q.start)]
    clo = parts[-1] if parts else lo
    nxt = _PART_BREAK.search(doc.text, q.end, hi)
    chi = nxt.start() if nxt else hi
    candidates = [d for d in doc.dates_in(clo, chi) if usable(d, clo, chi)]
    if not candidates:
        candidates = [d for d in doc.dates_in(lo, hi) if usable(d, lo, hi)]
    if not candidates and after_result is not None:
        # "Năm 2023, toàn tỉnh kết nạp được 1.420 …, không hoàn thành chỉ tiêu …": the opening year is both's
        opener = cues().opener.match(doc.text, s)
        candidates = [d for d in doc.dates_in(s, opener.end()) if usable(d, s, opener.end())] if opener else []
    elif not candidates:
        # "… các mục tiêu: (1) …; (2) … đến năm 2030 …; (3) Hằng năm, … 75%": an item numbered inline has only
        # its own dates and the intro's before the first item
        upto = _first_item(doc, s, e) if _ENUMERATED.match(doc.text, lo) else e
        # "…, nhiệm kỳ 2025 - 2030, Đảng bộ xã đề ra 12 chỉ tiêu: … đạt 10%; … đến năm 2030 … tăng 31,6%; …
        # đạt 99,2%": a date in another number's own ";"-part is that number's; the sentence's lead dates them all
        first_part = doc.text.find(";", s, upto)
        if 0 <= first_part < lo:
            candidates = [d for d in doc.dates_in(s, first_part) if usable(d, s, first_part)]
        candidates = candidates or [d for d in doc.dates_in(s, upto) if usable(d, s, upto)]
        if not candidates:  # "Năm 2024, HĐND xã thông qua các chỉ tiêu. Thu nhập bình quân đạt …": the paragraph's year
            block = doc.block_of(q.start)
            upto = _enumeration_start(doc, block.start, s) if block is not None else s
            earlier = [d for d in (doc.dates_in(block.start, upto) if block is not None else [])
                       if usable(d, block.start, upto) and d.kind in ("until", "year_range", "year")]
            candidates = earlier[-1:]
        if not candidates:  # "Giao chỉ tiêu năm 2026 cho các xã như sau:" over "- Xã Tân An: 45 hộ": the list's year
            intro = list_intro(doc, doc.block_index(q.start))
            candidates = [d for d in (doc.dates_in(intro.start, intro.end) if intro is not None else [])
                          if usable(d, intro.start, intro.end)
                          and d.kind in ("until", "year_range", "year")][-1:]
    if not candidates:
        candidates = governing_period(doc, q.start)
    if not candidates:
        candidates = document_periods(doc)
    if not candidates:
        return None, None, None
    rank = {"until": 0, "year_range": 0, "quarter": 1, "year": 2, "date": 3, "month": 4}
    # "Phấn đấu đến năm 2030, tầm nhìn đến năm 2045, tỷ lệ đô thị hóa đạt 50%": a vision's horizon dates a target
    # only when nothing else does
    return period_fields(min(candidates, key=lambda d: (
        rank.get(d.kind, 5), _VISION.search(doc.text, max(0, d.start - 20), d.start) is not None, abs(d.start - q.start))))


_VISION = re.compile(r"(?<![\wÀ-ỹ])tầm\s+nhìn(?:\s+(?:đến|tới))?\s*$", re.I)


def _part_start(text: str, s: int, pos: int) -> int:
    """Where the ";"-part of a sentence starting at `s` that holds `pos` begins."""
    return max(s, text.rfind(";", s, pos) + 1)


def _first_item(doc: Doc, s: int, e: int) -> int:
    """Where the first item numbered inline begins in text[s:e] ("(1)", "2)", "a)"), e if none."""
    m = _ITEM_INLINE.search(doc.text, s, e)
    return m.start() if m else e


def _enumeration_start(doc: Doc, lo: int, s: int) -> int:
    """Where the paragraph's inline numbered items begin, if the sentence at `s` is one of them ("Kế hoạch đề ra
    các mục tiêu: … (2) … đến năm 2020 …; (3) Hằng năm, …"): an item's year is its own, not the next item's; the
    words before the first item (an intro's "Năm 2026, …") still date them all. `s` otherwise."""
    if _ENUMERATED.match(doc.text, s) is None:
        return s
    first, this = max(doc.sentence_of(lo), 0), doc.sentence_of(s)
    return next((a for a, _ in doc.sentences[first:this] if a >= lo and _ENUMERATED.match(doc.text, a)), s)


def period_fields(d: DateMention) -> tuple[str | None, str | None, str | None]:
    """A target's (period_start, period_end, period_text) from the date that gives its period: a full date is
    the end; "đến năm 2030" has no start."""
    if d.kind == "date" and d.iso:
        return None, d.iso, d.text
    start = str(d.year_start) if d.year_start and d.kind != "until" else None
    return start, str(d.year_end) if d.year_end else None, d.text


def _bracket(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int] | None:
    """The bracket (its "(" and ")" offsets, both within text[lo:hi]) that holds text[start:end], if any."""
    opened = text.rfind("(", lo, start)
    if opened < 0 or text.rfind(")", opened, start) >= 0 or (closed := text.find(")", end, hi)) < 0:
        return None
    return opened, closed


def _aside(doc: Doc, d: DateMention, q: Quantity, lo: int, hi: int) -> bool:
    """`d` lies in a bracket (within text[lo:hi]) about another figure ("đạt 7,5% (năm 2027 ước đạt 6,9%)"), not
    the number's own ("bình quân 8%/năm (giai đoạn 2026 - 2030)" keeps its period)."""
    around = _bracket(doc.text, d.start, d.end, lo, hi)
    if around is None:
        return False
    opened, closed = around
    if opened < q.start and q.end <= closed:
        return False
    return any(opened < o.start and o.end <= closed for o in doc.quantities_in(opened + 1, closed) if o is not q)


def _actors(doc: Doc, s: int, q_start: int, places: bool = False) -> list[str]:
    """Who is to reach the target: bodies named before it in its sentence (not after "của", "theo" …, where
    they own or source something); a value labelled by a place ("- Xã Tân An: 45 hộ") is that place's quota."""
    out: list[str] = []
    labels = ("ORG", "LOC") if places else ("ORG",)
    for ent in doc.entities_in(s, q_start):
        if ent.label not in labels:
            continue
        if _ACTOR_BLOCKERS.search(doc.text, max(s, ent.start - 12), ent.start):
            continue
        if ent.text not in out:
            out.append(ent.text)
    return out


def _is_target(
    doc: Doc, q: Quantity, s: int, e: int, directive: bool, section_kind: str | None
) -> tuple[bool, str | None]:
    c = cues()
    text = doc.text
    qs, qe = q.qual_start or q.start, q.qual_end or q.end
    strong = _last_cue(c.strong, text, s, qs)
    left_strong = strong.end() if strong else None
    clause = _clause_start(text, s, qs)
    left_result = _last_cue_end(c.result, text, clause, qs)
    if left_result is not None and (left_strong is None or left_result > left_strong):
        return False, None
    after = text[q.end : min(e, q.end + 40)]
    if _RIGHT_RESULT.match(after) and not re.search(r"phấn\s+đấu|chỉ\s+tiêu\s+(?:đề|giao)", text[s:qs], re.I):
        return False, None
    if q.comparator in {">=", "<="} and q.qual_start is not None:
        return True, text[q.qual_start : q.start].strip() or text[q.end : q.qual_end].strip()
    if strong is not None:
        return True, strong.group(0)
    right_strong = c.strong.search(text, qe, min(e, qe + 30))
    in_target_section = section_kind == "target"
    if section_kind == "result":
        return False, None
    if right_strong is not None and (directive or in_target_section):
        return True, right_strong.group(0)
    weak = _last_cue(c.weak, text, clause, qs)
    if (directive or in_target_section) and (weak is not None or q.unit == "%"):
        return True, weak.group(0) if weak else None
    return False, None


def _without(text: str, start: int, end: int, holes: list[tuple[int, int]]) -> str:
    """text[start:end] with the spans in `holes` (dates, comparisons) cut out."""
    parts, pos = [], start
    for a, b in sorted(holes):
        if b <= pos or a >= end:
            continue
        parts.append(text[pos:a])
        pos = max(pos, b)
    parts.append(text[pos:end])
    return re.sub(r"\s+", " ", " ".join(parts).replace("*", " ")).strip()


def _strip_string(value: str, head: bool = True) -> str:
    s, e = _strip_metric(value, 0, len(value), head)
    return value[s:e]


# a verb of up to four words before a percentage takes its object after it ("hoàn thành 100% nhiệm vụ chi …",
# "trợ giúp pháp lý cho 100% số người …"); a longer left side names the metric itself (session 10: two to six
# words scored alike on train and dev, 0.638-0.642)
_SHORT_LEFT = 4


def _metric_clause_start(text: str, s: int, qs: int) -> int:
    """The clause start for naming the metric: like `_clause_start`, but a short bracket after a word
    ("… trong tỉnh (GRDP) tăng") belongs to the noun phrase instead of ending a clause."""
    clause = _clause_start(text, s, qs)
    for m in _SHORT_BRACKET.finditer(text, s, qs):
        if m.start() < clause <= m.end() and text[m.end() : qs].strip():
            clause = _clause_start(text, s, m.start())
    # "tỷ trọng ngư, nông, lâm nghiệp … đạt", "phát hiện, bắt giữ tại biên giới, hàng không, chuyển phát nhanh
    # tăng": a few words after a comma continue a list of nouns; the metric runs back to the clause's real start
    # ("Số hộ khá tăng, số hộ nghèo giảm còn": a verb before the comma makes it a clause of its own)
    wider = max([s] + [m.end() for m in _HARD_BREAK.finditer(text, s, clause)])
    before = text.rfind(",", wider, clause - 2) + 1 or wider  # the list item before the comma: "lâm" in "nông, lâm, …"
    if text[clause - 2 : clause] == ", " and (
        len(_WORD.findall(text, *_strip_metric(text, clause, qs))) <= _LIST_TAIL
        or len(_WORD.findall(text, before, clause)) <= _LIST_ITEM
    ):
        c = cues()
        if (opener := c.opener.match(text, wider, clause)) is not None:
            wider = opener.end()  # "Hằng năm, số vụ … được phát hiện, xử lý tại cảng biển, sân bay": after it
        head = text[wider:clause]
        if not any(ch.isdigit() for ch in head) and not c.list_breaking_verb.search(head) and not c.strong.match(
            text, clause
        ):  # "…, quyết tâm giải ngân 100%": a commitment's own clause
            clause = wider
    return clause


def _rate_of_previous(doc: Doc, q: Quantity, s: int, e: int, clause: int, name: str) -> str:
    """The metric of a bare rate ("tốc độ tăng", "tăng") after the quantity of the clause before it:
    "giá trị xuất khẩu xoài đạt 10 triệu USD, tốc độ tăng bình quân 8%/năm" gives "tốc độ tăng giá trị xuất
    khẩu xoài", "kim ngạch xuất khẩu đạt 500 triệu USD, tăng 12%" gives "kim ngạch xuất khẩu tăng"."""
    if not _RATE_ONLY.fullmatch(name):
        return name
    text, c = doc.text, cues()
    before = sorted((p for p in doc.quantities_in(s, clause) if p.end <= clause and p is not q),
                    key=lambda p: p.start, reverse=True)
    # a bracketed aside passes its turn ("đạt 900 tỷ đồng (bằng 105% dự toán), tăng 5%")
    prev = next((p for p in before if _bracket(text, p.start, p.start, s, clause) is None), None)
    if (prev is None or ";" in text[prev.end : clause] or not prev.unit
            or prev.unit in c.duration_units or prev.unit == "lần"  # "6 tháng đầu năm", "gấp 1,5 lần"
            or (prev.unit == "%" and c.plan_share.match(text[prev.end : clause].strip(" ,)")))):
        return name  # another item, a date, a duration, a multiplier or a share of the plan
    prev_name = _TRAILING_DIRECTION.sub("", _metric(doc, prev, s, e)[2])  # the earlier metric, cleaned the same way
    if prev_name.lower().endswith(" " + prev.unit.lower()):
        prev_name = prev_name[: -len(prev.unit) - 1]  # "năng suất lúa tạ": the rate is of the yield, not of its unit
    if not prev_name or _RATE_ONLY.fullmatch(prev_name) or len(prev_name.split()) > 12 or _ANAPHORA.search(prev_name):
        return name
    return f"{name} {prev_name}" if name.lower().startswith("tốc") else f"{prev_name} {name}"


def _whole_word(doc: Doc, pos: int, bound: int) -> int:
    """`pos` moved to the edge of the segmenter's word it falls inside, towards `bound` and not past it: a word
    limit counts syllables, and would cut "trung học phổ | thông" or "phổ | thông" in two."""
    for t in doc.tokens_in(max(0, pos - 40), pos):
        if t.start < pos < t.end:
            edge = t.end if bound >= pos else t.start
            return edge if min(pos, bound) <= edge <= max(pos, bound) else pos
    return pos


_VALUE_VERB = re.compile(r"(?<![\wÀ-ỹ])(?:đạt|là|còn|lên|chiếm|tăng|giảm|khoảng)(?![\wÀ-ỹ])", re.I)


def _before_valued_clause(doc: Doc, rs: int, r_end: int, e: int) -> int:
    """"… thu hút 2 triệu lượt khách du lịch, doanh thu đạt 1.500 tỷ đồng": a comma that opens a clause naming
    its own value (a few words, a value verb, a number) ends the noun phrase after the number."""
    text = doc.text
    for comma in (m.start() for m in re.finditer(",", text[rs:r_end])):
        at = rs + comma
        following = doc.quantities_in(at, e)
        if not following:
            break
        gap = text[at + 1 : following[0].qual_start or following[0].start]
        if len(gap.split()) <= 7 and _VALUE_VERB.search(gap):
            return at
    return r_end


def _metric(doc: Doc, q: Quantity, s: int, e: int) -> tuple[int, int, str]:
    """The metric (words before the number, else after it) and the span it covers."""
    c = cues()
    text = doc.text
    qs = q.qual_start or q.start
    clause = _metric_clause_start(text, s, qs)
    cue = _last_cue(c.commit, text, clause, qs)
    ms, me, metric = _left_metric(doc, q, _after_actor(doc, cue.end() if cue else clause, qs), qs)
    unit_noun = q.unit if q.unit and q.unit != "%" and q.kind != "money" else ""
    has_left = len(metric) >= 3 and len(metric.split()) > (1 if _DIRECTION.fullmatch(metric) is None else 9)
    if has_left and not unit_noun and not (q.unit == "%" and len(metric.split()) <= _SHORT_LEFT):
        return ms, me, _rate_of_previous(doc, q, s, e, clause, metric)
    # number first ("100% xã đạt chuẩn …", "kết nạp 250 đảng viên mới", "giảm 5% số vụ"): words after it
    rest_start = q.qual_end or q.end
    after, ae = "", rest_start
    m = _AFTER_NUMBER_NOUN.match(text, rest_start, e)
    if m:
        rs = m.start("rest")
        r_end = _whole_word(doc, _words(text, rs, m.end("rest"), _AFTER_WORDS, from_right=False), m.end("rest"))
        for stop_pattern in (_AFTER_STOP, c.clause_after_comma, c.with_norm_after):
            # from the space before the words: "1.500 ha vào năm 2030" names nothing after the number
            if stop := stop_pattern.search(text, rs - 1 if text[rs - 1 : rs].isspace() else rs, r_end):
                r_end = stop.start()
        r_end = _before_valued_clause(doc, rs, r_end, e)
        # "100% trạm y tế có bác sĩ và 90% trường …": the next number ends the words
        r_end, other, joined = _before_next(doc, rs, r_end, lambda o: o.unit not in c.age_units)
        shared = other if joined and "và" in joined.group() and other and other.unit == q.unit == "%" else None
        tail = c.tail.search(text, rs, r_end)
        ae = tail.start() if tail else r_end
        holes = [(x.start(), x.end()) for x in _COMPARISON.finditer(text, rs, m.end("rest"))]
        holes += [(x.start(), x.end()) for x in _SHORT_BRACKET.finditer(text, rs, ae)]
        holes += [(d.start, d.end) for d in doc.dates_in(rs, ae)]  # "đạt 8% năm 2026": the period
        after = _strip_string(_without(text, rs, ae, holes), head=False)
        if len(short := _WHERE.sub(" ", after).split()) >= 2:
            after = " ".join(short)
        if shared is not None and after and not _PREDICATE.search(after):
            # "80% số trạm y tế … và 100% cơ sở cai nghiện … đủ điều kiện …": shares joined by "và" share the
            # predicate the second one states (train metric word-F1 0.8108 -> 0.8128, dev unchanged; session 25)
            second = _metric(doc, shared, s, e)[2]
            if (pred := _PREDICATE.search(second)) is not None:
                after = f"{after} {second[pred.start():]}"
    if not metric and cue is not None:
        before_cue = _left_metric(doc, q, clause, cue.start())
        if after and q.unit == "%" and before_cue[2] and c.plan_share.match(after):
            after = ""  # "Chi đầu tư … phấn đấu đạt 100% kế hoạch": a share of the plan, named by what reaches it
        if not after:
            # "Tổng sản phẩm Xoài tham gia xuất khẩu phấn đấu đến năm 2030 đạt 18.000 tấn;": nothing between the
            # cue and the number, nothing after it: the metric is what precedes the cue
            ms, me, metric = before_cue
            unit_noun = ""  # a whole noun phrase: "… tham gia xuất khẩu", not "… tham gia xuất khẩu tấn"
    if metric and after and text[me:qs].strip().lower() == "cho":
        metric += " cho"  # "trợ giúp pháp lý cho 100% số người …": the verb keeps its preposition before the object
    if unit_noun and unit_noun.split()[-1].lower() in c.measure_units:
        unit_noun = ""  # a counted noun joins the metric ("kết nạp đảng viên mới"), a physical unit does not
    while unit_noun.split(" ", 1)[0] in magnitudes():  # "đón 1,2 triệu lượt khách": the metric counts "lượt khách"
        unit_noun = unit_noun.partition(" ")[2]
    if unit_noun and re.search(rf"(?<![\wÀ-ỹ]){re.escape(unit_noun)}(?![\wÀ-ỹ])", metric, re.I):
        # "tăng số hợp tác xã từ 120 lên 150 hợp tác xã", "Số giường bệnh/vạn dân đạt 32", "Tuổi thọ trung bình
        # đạt 75 tuổi": the metric already names what is counted
        unit_noun = ""
    parts = [p for p in (metric, unit_noun, after) if p]
    name = _rate_of_previous(doc, q, s, e, clause, re.sub(r"\s+", " ", " ".join(parts)).strip())
    span_start = ms if metric else qs
    return span_start, max(ae, q.end), name


def _before_next(
    doc: Doc, lo: int, hi: int, accept: Callable[[Quantity], bool]
) -> tuple[int, Quantity | None, re.Match[str] | None]:
    """Where words running from `lo` to `hi` end at the first number `accept`s that starts inside them (its
    qualifier, "ít nhất", "khoảng từ", may start a few words before it): before the "và" or "," joining it, else
    at its start; with that number and the joining words. (hi, None, None) when none does."""
    for other in doc.quantities_in(lo + 1, hi + 100):
        start = other.qual_start or other.start
        if lo < start < hi and accept(other):
            joined = _COORDINATED.search(doc.text, lo, start)
            return (joined.start() if joined else start), other, joined
    return hi, None, None


def _after_actor(doc: Doc, left: int, right: int) -> int:
    """Where the metric starts when a body is given the task: in "2. Ủy ban nhân dân xã lắp đặt 25 camera" or
    "Đề nghị Đoàn Thanh niên trồng 500 cây" the body is the actor and "lắp đặt camera" the metric; with no task
    verb ("Hội Nông dân xã có 500 hội viên") the body may be what is counted, and stays."""
    m = _task_match(cues(), doc.text, left, right)
    if m is None:
        return left
    if any(e.label == "ORG" and e.end <= m.start() for e in doc.entities_in(left, m.start())):
        return m.start()
    return left


_FROM = re.compile(r"(?<![\wÀ-ỹ])từ\s+$", re.I)
_TO = re.compile(r"\s+(?:lên(?:\s+(?:mức|đến|tới))?|xuống(?:\s+(?:còn|mức|dưới))?|còn)\s+$", re.I)


def change_start(doc: Doc, q: Quantity) -> Quantity | None:
    """The number a change to `q` starts from ("nâng tỷ lệ … từ 85% lên 90%": 85% for 90%), if any."""
    qs = q.qual_start or q.start
    for other in doc.quantities_in(max(0, qs - 60), qs):
        oe = other.qual_end or other.end
        if oe < qs and _FROM.search(doc.text, max(0, other.start - 6), other.start) and _TO.fullmatch(doc.text, oe, qs):
            return other
    return None


def _starts_a_change(doc: Doc, q: Quantity) -> bool:
    nxt = doc.quantities_in(q.end, q.end + 30)
    return bool(nxt) and change_start(doc, nxt[0]) is q


def _left_metric(doc: Doc, q: Quantity, left: int, right: int) -> tuple[int, int, str]:
    """The metric words in text[left:right] before the number: after any earlier number, at most 20 words,
    without dates and comparisons, cue and function words trimmed."""
    c = cues()
    text = doc.text
    after_number = False
    start_of_change = change_start(doc, q)
    for other in doc.quantities_in(left, right):  # "… 20% số vụ án và giảm từ 05 - 07%": stop at the previous number
        # an age belongs to the noun phrase ("trẻ em dưới 5 tuổi suy dinh dưỡng …"), and the level a change starts
        # from to the change ("nâng tỷ lệ … từ 85% lên 90%")
        if (left <= other.start and other.end <= right and other is not q and other.unit not in c.age_units
                and other is not start_of_change and not is_rate_base(text, other)):
            left, after_number = other.qual_end or other.end, True
    if after_number and _COORDINATED.search(text, left, right):
        left = right  # "100% trạm y tế … và 100% cơ sở cai nghiện …": the words before belong to the other number
    left = _whole_word(doc, _words(text, left, right, 20, from_right=True), left)
    holes = [(d.start, d.end) for d in doc.dates if d.end > left and d.start < right]
    holes += [(m.start(), m.end()) for m in _COMPARISON.finditer(text, left, right)]
    if start_of_change is not None and left <= start_of_change.start:
        # "nâng tỷ lệ hộ … | từ 85% lên": the metric ends before "từ" (found by `change_start`)
        right = min(right, _FROM.search(text, max(0, start_of_change.start - 6), start_of_change.start).start())
    ms, me = _strip_metric(text, left, right)
    return ms, me, (_strip_string(_without(text, ms, me, holes)) if me > ms else "")


def _base(doc: Doc, q: Quantity, e: int) -> tuple[str | None, int]:
    """What a percentage is of: "so (với) tổng số đảng viên …", "trên tổng số …", "63% số xã …"."""
    if q.unit != "%":
        return None, q.end
    text = doc.text
    after_end = q.qual_end or q.end
    m = cues().base.match(text, after_end, e) or _SHARE.match(text, after_end, e)
    if not m:
        return None, after_end
    group = next(g for g in ("b1", "b2", "b3") if m.groupdict().get(g) is not None)
    bs = m.start(group)
    be = _whole_word(doc, _words(text, bs, m.end(group), 10, from_right=False), m.end(group))
    for stop in (_BASE_STOP.search(text, bs, be), _COMPARISON.search(text, bs, be)):
        if stop:
            be = min(be, stop.start())
    # "80% số trạm y tế cấp xã và 100% cơ sở cai nghiện …": the next share, joined to it, is no part of its base
    cut, _, joined = _before_next(doc, bs, be, lambda o: o.unit == "%")
    if joined is not None:
        be = cut
    bs2, be = _strip_metric(text, bs, be)
    if be <= bs:
        return None, after_end
    return re.sub(r"\s+", " ", text[bs:be]).strip(), be


def _per(doc: Doc, q: Quantity, clause_start: int, sent: tuple[int, int]) -> str | None:
    if q.per:
        return q.per
    m = _PER_WORDS.match(doc.text, q.end, q.end + 30)
    if m:
        return m.group(1).lower()
    (sent_start, sent_end), qs = sent, q.qual_start or q.start
    left = _PER_LEFT.search(doc.text, clause_start, qs)
    if left is None:  # "(3) Hằng năm, tỷ lệ … đạt 75% trở lên, …": an opening adverbial governs the sentence
        comma = doc.text.find(",", sent_start, qs)
        if comma > 0:
            left = _PER_LEFT.search(doc.text, sent_start, comma)
    if left is None:
        return None
    # "Hàng năm, giảm …; phấn đấu đến năm 2030 đạt ít nhất 50% số xã …", "… hàng năm, phấn đấu đạt 20% xã … năm
    # 2025": a yearly word in an earlier part of the sentence does not make a level due by a deadline or in a
    # year of the number's own ";"-part a yearly rate ("đến năm 2030 tăng bình quân hằng năm 8%" stays one)
    if "," in doc.text[left.end() : qs] or ";" in doc.text[left.end() : qs]:
        part, part_end = _part_start(doc.text, sent_start, qs), doc.text.find(";", q.end, sent_end)
        if any(d.kind in ("until", "year") for d in doc.dates_in(part, part_end if part_end >= 0 else sent_end)):
            return None
    return left.group(1).lower()


def normal_unit(unit: str) -> str:
    """Units as printed in lower case ("Ha", "Tấn" in table headers); acronyms ("USD") stay."""
    return unit.lower() if unit[:1].isupper() and not unit.isupper() else unit


@dataclass
class Candidate:
    """A number expression that may be a target, with what the decision looks at."""

    quantity: Quantity
    sent: int
    rule: bool
    cue: str | None
    features: dict[str, float]
    confidence: float | None = None  # the model's probability, once decided


def _block_at(b: Block | None) -> tuple[str, str, tuple[str, ...]]:
    return (b.kind, b.section or "", b.sections) if b is not None else ("paragraph", "", ())


_LIFE_EXPECTANCY = re.compile(r"tuổi\s+thọ", re.I)
# "trẻ em dưới 5 tuổi", "người từ 60 tuổi trở lên", "lao động trong độ tuổi": whom a number counts, whatever
# life expectancy the sentence names before it
_WHOSE_AGE = re.compile(r"(?<![\wÀ-ỹ])(?:trẻ|em|người|học\s+sinh|phụ\s+nữ|thanh\s+niên|công\s+dân|lao\s+động|cháu)"
                        r"(?:\s+[^\W\d_]+){0,3}?\s+(?:dưới|từ|trên|đủ|đến|ngoài|độ\s+tuổi(?:\s+từ)?)\s*$", re.I)


_DELEGATES = re.compile(r"\s*(?:[^\W\d_]+\s+){0,2}?đại\s+biểu", re.I)


_ALL_OF = re.compile(r"(?<![\wÀ-ỹ])cả\s+$", re.I)
# "Tỷ lệ = b/a * 100%", "Tỷ lệ = (số hồ sơ trực tuyến / tổng số hồ sơ) x 100%", "Điểm = tỷ lệ đạt được x 10 điểm": a
# multiplication sign set apart by spaces, in a line that states an equation (not "*kết nạp* 150", "Mục tiêu X 150")
_TIMES = re.compile(r"=[^=\n]{0,80}?[ \t)][*×xX][ \t]+$")


def _is_vote(c: _Cues, text: str, q: Quantity, s: int, e: int) -> bool:
    """"49/51 đại biểu có mặt tán thành", "100% đại biểu … biểu quyết thông qua": a vote, not a target."""
    delegates = q.unit == "đại biểu" or (q.unit in ("%", "") and _DELEGATES.match(text, q.end) is not None)
    return delegates and c.votes.search(text, s, e) is not None


_TASK_GAP = 3  # words between a task verb and its number: "lắp đặt 12 camera", "mở thêm 04 lớp"
# "tốc độ phát triển kinh tế đạt 8%", "tham gia BHYT đạt 95%": a linking verb between them makes the number a
# level that something reaches, not the count of what the task makes
_LINKING = re.compile(r"(?<![\wÀ-ỹ])(?:đạt|là|có|còn|lên|chiếm|bằng|xuống)(?![\wÀ-ỹ])", re.I)


def _task_match(c: _Cues, text: str, clause: int, qs: int) -> re.Match[str] | None:
    """The verb whose counted object the number is, if one stands a few words before it in its clause: an
    assigned task with a count is a commitment even where no cue word says so."""
    m = _last_cue(c.task, text, clause, qs)
    if m is None or len(_WORD.findall(text, m.end(), qs)) > _TASK_GAP or _LINKING.search(text, m.end(), qs):
        return None
    if c.task_compound.match(text, m.start(), qs):
        return None
    return m


def is_labelled(left: str) -> bool:
    """The number is a labelled value: its sentence so far ends with a colon ("- Xã Tân An: 45 hộ")."""
    return left.rstrip(" *").endswith(":")


_LABEL_END = re.compile(r":[\s*]*(?P<dir>(?:tăng|giảm)(?![\wÀ-ỹ]))?[\s\w]{0,12}$", re.I)


def _label_metric(doc: Doc, q: Quantity, s: int, qs: int) -> str:
    """What a value's label names ("Tỷ lệ hộ nghèo" in "- Tỷ lệ hộ nghèo: giảm 1,5%", with its direction: "tỷ lệ
    hộ nghèo giảm"); nothing when the value has no label of its own line, or the label is a place or a body."""
    text = doc.text
    colon = text.rfind(":", s, qs)
    if colon < 0 or (m := _LABEL_END.search(text, colon, qs)) is None or m.start() != colon:
        return ""
    left = max(s, text.rfind("\n", 0, colon) + 1)
    ms, me, label = _left_metric(doc, q, left, colon)
    if not label or any(e.label in ("ORG", "LOC") and e.start <= ms + 1 and e.end >= me - 1 for e in doc.entities):
        return ""
    return f"{label} {m.group('dir').lower()}" if m.group("dir") else label


_INTRO_END = re.compile(r"(?:\s+(?:cho|tới|đến)\s+(?:các|từng|mỗi)\s[^:]*)?(?:\s+(?:như\s+sau|cụ\s+thể))?\s*:[\s*]*$", re.I)
_INTRO_WORDS = 20


def _intro_metric(doc: Doc, q: Quantity) -> str:
    """What a list of labelled values counts, from the line that announces it ("Giao chỉ tiêu hỗ trợ xóa nhà
    tạm năm 2026 cho các xã như sau:" gives "hỗ trợ xóa nhà tạm"): the value's own line names only the place.
    Nothing when the intro reports results or only names a body ("1. Phòng Lao động - Thương binh và Xã hội:")."""
    b = list_intro(doc, doc.block_index(q.start))
    if b is None:
        return ""
    c, text = cues(), doc.text
    end_m = _INTRO_END.search(text, b.start, b.end)
    end = end_m.start() if end_m else b.end
    marker = text.find(b.marker, b.start, end) if b.marker else -1  # "Điều 1.", "2.", "a)": read by structure
    start = _clause_start(text, marker + len(b.marker) if marker >= 0 and b.marker else b.start, end)
    if c.result.search(text, start, end) or _section_kind(c, text[start:end]) == "result" or any(
        e.label in ("ORG", "LOC") and e.start <= start + 1 and e.end >= end - 1 for e in doc.entities
    ):
        return ""
    end = _words(text, start, end, _INTRO_WORDS, from_right=False)
    holes = [(d.start, d.end) for d in doc.dates_in(start, end)]
    ms, me = _strip_metric(text, start, end)
    return _strip_string(_without(text, ms, me, holes)) if me > ms else ""


def _list_intro(doc: Doc, i: int) -> str:
    """The text of the line announcing the list that holds block `i` ("" if none)."""
    b = list_intro(doc, i)
    return doc.text[b.start : b.end].rstrip("* ") if b is not None else ""


def _section_kind(c: _Cues, section: str) -> str | None:
    s = section.lower()
    if any(w in s for w in c.result_sections):
        return "result"
    return "target" if any(w in s for w in c.target_sections) else None


def _under_goals(c: _Cues, outer: tuple[str, ...]) -> bool:
    """A heading above the nearest one names goals: "a) Về kinh tế" under "2. Mục tiêu cụ thể"."""
    return any(w in h.lower() for h in outer for w in c.goal_sections)


def skip_reason(doc: Doc, q: Quantity, skip: list[tuple[int, int]]) -> str | None:
    """Why a quantity is never a candidate (None if it is one); `skip` holds the spans of header, caption,
    signature and noise blocks."""
    c = cues()
    if q.unit in c.meta_units:
        return "a count of targets or tasks"
    if any(a <= q.start < b for a, b in skip):
        return "in a header, caption, signature or noise block"
    if q.unit in c.duration_units and c.span_of_time.match(doc.text, q.end):
        return "a span of time"
    si = doc.sentence_of(q.start)
    if si < 0:
        return "outside every sentence"
    s, e = doc.sentences[si]
    if q.unit in c.age_units and (not _LIFE_EXPECTANCY.search(doc.text, s, q.start)
                                  or _WHOSE_AGE.search(doc.text, max(s, q.start - 60), q.start)):
        return "an age"
    if _is_vote(c, doc.text, q, s, e):
        return "a vote"
    if c.with_norm.search(doc.text, max(s, (q.qual_start or q.start) - 60), q.qual_start or q.start):
        return "a norm, support level or budget qualifying what is done ('với số lượng tối thiểu 60 lít/người/ngày')"
    if q.unit in c.all_of_units and _ALL_OF.search(doc.text, max(s, q.start - 8), q.start):
        return "all the measures a change is counted on ('trên cả 3 tiêu chí')"
    if _TIMES.search(doc.text, max(s, doc.text.rfind("\n", 0, q.start) + 1, q.start - 100), q.start):
        return "a factor of a formula ('Tỷ lệ = b/a x 100%')"
    if _starts_a_change(doc, q):
        return "the level a change starts from ('từ 85% lên 90%')"
    if is_rate_base(doc.text, q):
        return "the population a rate is counted over"
    if q.kind == "number" and not q.unit and not is_scale_value(doc.text, q.qual_start or q.start, q.value, s) \
            and not is_rate_value(doc.text, q, s):
        return "a bare number (table cells are read by nlp.tables with their column headers)"
    return None


def skipped_blocks(doc: Doc) -> list[tuple[int, int]]:
    return [(b.start, b.end) for b in doc.blocks if b.kind in _SKIP_BLOCKS]


class _CueIndex:
    """The cue matches of each block, found once: every number of a block looks back over the block's earlier
    sentences, which scanned again per number is quadratic in the block's length (a page pasted as one line)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.found: dict[tuple[int, int], tuple[list[int], list[int]]] = {}

    def last_end(self, pattern: re.Pattern[str], block: Block, start: int, end: int) -> int | None:
        """As `_last_cue_end(pattern, doc.text, start, end)`, for a span inside `block`."""
        key = (id(pattern), block.start)
        if key not in self.found:
            ms = list(pattern.finditer(self.doc.text, block.start, block.end))
            self.found[key] = ([m.start() for m in ms], [m.end() for m in ms])
        starts, ends = self.found[key]
        i = bisect_right(ends, end) - 1  # matches are ordered and do not overlap: ends ascend with starts
        return ends[i] if i >= 0 and starts[i] >= start else None


def candidates(doc: Doc) -> list[Candidate]:
    """Every quantity that could be a target (the model or the rules then decide)."""
    from nlp.target_model import context, features, latest_year

    c = cues()
    latest = latest_year(doc.text)
    directive = doc.info.doc_type in c.directive_types
    skip = skipped_blocks(doc)
    blocks_cues = _CueIndex(doc)
    out: list[Candidate] = []
    for q in doc.quantities:
        if skip_reason(doc, q, skip) is not None:
            continue
        si = doc.sentence_of(q.start)
        s, e = doc.sentences[si]
        bi = doc.block_index(q.start)
        block = doc.blocks[bi] if bi >= 0 else None
        kind, section, path = _block_at(block)
        section_kind = _section_kind(c, section)
        intro = _list_intro(doc, bi)
        rule, cue = _is_target(doc, q, s, e, directive, section_kind) if q.kind != "ratio" else (False, None)
        prev = ""
        if si > 0 and doc.sentences[si - 1][1] >= doc.text.rfind("\n\n", 0, s):
            ps, pe = doc.sentences[si - 1]
            prev = doc.text[ps:pe]
        qs = q.qual_start or q.start
        clause = _clause_start(doc.text, s, qs)
        last_strong = _last_cue_end(c.strong, doc.text, s, qs)
        last_result = _last_cue_end(c.result, doc.text, s, qs)
        # "Năm 2023, phấn đấu: … đạt 621 tỉ đồng. Trong đó … đạt 50 tỉ đồng; … Năng suất lúa đạt 63 tạ/ha.":
        # a commitment made earlier in the paragraph carries the sentences that follow it
        block_strong = block_result = None
        if block is not None and block.start < s:
            block_strong = blocks_cues.last_end(c.strong, block, block.start, s)
            block_result = blocks_cues.last_end(c.result, block, block_strong or block.start, s)
        hits = {
            "rule": rule,
            # "chỉ tiêu đề ra X, thực hiện được Y": the cue nearest before the number decides which it is
            "strong_nearest": last_strong is not None and (last_result is None or last_strong > last_result),
            "result_nearest": last_result is not None and (last_strong is None or last_result > last_strong),
            "result_right": c.result.search(doc.text, q.end, e) is not None,
            "strong_left": last_strong is not None,
            "commit_left": _last_cue_end(c.commit, doc.text, s, qs) is not None,
            "weak_clause": _last_cue_end(c.weak, doc.text, clause, qs) is not None,
            "result_clause": _last_cue_end(c.result, doc.text, clause, qs) is not None,
            "result_sentence": _last_cue_end(c.result, doc.text, s, e) is not None,
            "strong_prev": bool(prev) and c.strong.search(prev) is not None,
            "result_prev": bool(prev) and c.result.search(prev) is not None,
            "right_result": _RIGHT_RESULT.match(doc.text, q.end, min(e, q.end + 40)) is not None,
            "directive": directive,
            "target_section": section_kind == "target",
            "result_section": section_kind == "result",
            "goal_path": _under_goals(c, path[:-1]),
            "block_strong": block_strong is not None and block_result is None,
            "block_result": block_result is not None,
            "strong_intro": bool(intro) and c.strong.search(intro) is not None,
            "result_intro": bool(intro) and c.result.search(intro) is not None,
            "task_verb": _task_match(c, doc.text, clause, qs) is not None,
            "restated": _restated(c, doc.text, s, qs) is not None,
            "share_of_result": _share_of_result(c, doc.text, q, s, clause, qs),
        }
        ctx = context(doc, q, (s, e), prev, section, kind, path[:-1], latest)
        out.append(Candidate(q, si, rule, cue, features(q, ctx, hits)))
    return out


_SHARE_CLAUSE = re.compile(r"\s*(?:đạt|bằng|hoàn\s+thành)(?:\s+(?:tỷ\s+lệ|tỉ\s+lệ|được))?\s*$", re.I)


def _share_of_result(c: _Cues, text: str, q: Quantity, s: int, clause: int, qs: int) -> bool:
    """"… đến nay đã trồng được 420 ha, đạt 84%": a clause that is only "đạt X%" after a clause reporting a result
    gives the share of the plan that result reached, even where the sentence opened with the plan ("Kế hoạch
    đặt ra …")."""
    if q.unit != "%" or clause <= s or not _SHARE_CLAUSE.fullmatch(text, clause, qs):
        return False
    before = _clause_start(text, s, clause - 2)
    return _last_cue_end(c.result, text, before, clause) is not None


def _restated(c: _Cues, text: str, s: int, qs: int) -> re.Match[str] | None:
    """The target's name the number follows, if it restates a target beside a result ("chưa hoàn thành chỉ tiêu
    kết nạp 2.100 đảng viên mỗi năm"), which news pages print with the result's own cues around it."""
    m = c.restated.search(text, max(s, qs - 150), qs)
    if m is None or m.group("pre") or c.restated_break.search(m.group("mid")) or m.group("mid").endswith(","):
        return None
    return m


def reported(features: dict[str, float]) -> bool:
    """The cue nearest before the number in its clause reports a result ("… hiện nay đạt 90%", "đã kết nạp 97")
    and no commitment cue precedes it in the sentence ("Phấn đấu … vượt kế hoạch năm 2026 với … đạt 1.200 tỷ").

    A veto over the model: the tree models weigh a goals heading above such a cue (session 9: pooled
    out-of-fold F1 0.921 -> 0.923 with it; 1 of 48 such candidates in the real train documents is a target)."""
    return bool(
        features.get("CUE:result_nearest") and features.get("CUE:result_clause") and not features.get("CUE:strong_left")
    ) or bool(features.get("CUE:share_of_result"))


def _decide(cands: list[Candidate]) -> list[Candidate]:
    from nlp.target_model import load_model

    if os.environ.get("CHITIEU_TARGETS_RULES_ONLY") == "1":  # set by the trainer: the rules alone
        return [c for c in cands if c.rule]
    model = load_model()
    probs = model.probabilities([c.features for c in cands])
    kept = []
    for c, p in zip(cands, probs, strict=True):
        # a restated target is kept below the threshold: all 14 such numbers of the real train/dev documents are
        # targets (the model took 12), and so are all 70 of the written texts (session 15)
        if (p >= model.threshold or c.features.get("CUE:restated")) and not reported(c.features):
            c.confidence = p
            kept.append(c)
    return kept


# "- Cơ cấu kinh tế: Ngư, nông, lâm nghiệp chiếm khoảng 27,31%; …; Dịch vụ chiếm khoảng 40,94%"
_STRUCTURE_LABEL = re.compile(r"(?<![\wÀ-ỹ])(cơ\s+cấu(?:\s+[\wÀ-ỹ-]+){1,4}?)\s*:", re.I)
_SHARE_VERB = re.compile(r"(?<![\wÀ-ỹ])chiếm(?:\s+(?:khoảng|tỷ\s+lệ|tỉ\s+lệ|tỷ\s+trọng|tỉ\s+trọng))?\s*$", re.I)


def _structure_of(text: str, s: int, qs: int) -> str | None:
    """The whole a share ("… chiếm khoảng 40,94%") is counted in, when a label "Cơ cấu …:" opens its sentence."""
    if _SHARE_VERB.search(text, max(s, qs - 30), qs) is None or (m := _STRUCTURE_LABEL.search(text, s, qs)) is None:
        return None
    return " ".join(m.group(1).split()).lower()


def build(doc: Doc, cand: Candidate) -> Target | None:
    """The target's fields (metric, base, period, per, actors) for a candidate taken as a target."""
    q = cand.quantity
    s, e = doc.sentences[cand.sent]
    ms, me, metric = _metric(doc, q, s, e)
    qs = q.qual_start or q.start
    paren = doc.text.rfind("(", s, qs)
    if not metric and paren > doc.text.rfind(")", s, qs):
        # "tỷ lệ … đạt 93,5%, cao hơn chỉ tiêu đề ra (ít nhất 92%)": a bracketed number restates the metric of
        # the number before it, else of the clause before the bracket
        # ("đạt 38,05%, vượt 0,05% so với chỉ tiêu … (38%)": a difference names nothing, the number before it does)
        before = [x for x in doc.quantities_in(s, paren) if x.end <= paren]
        anchors = before[::-1] or [replace(q, start=paren, end=paren, qual_start=None, qual_end=None)]
        metric = next((m for a in anchors if (m := _metric(doc, a, s, e)[2])), "")
    labelled = is_labelled(doc.text[s:qs])
    if metric.lower() in ("", (q.unit or "").lower()) or _DIRECTION.fullmatch(metric):
        # "- Kết nạp đảng viên mới: 45 đồng chí", "- Tỷ lệ hộ nghèo: giảm 1,5%": the label names the metric;
        # "- Xã Tân An: 45 hộ" under "Giao chỉ tiêu hỗ trợ … như sau:": the list's intro does
        metric = _label_metric(doc, q, s, qs) or (_intro_metric(doc, q) if labelled else "") or metric
    if not metric:
        words = re.sub(r"\s+", " ", doc.text[s:qs]).strip()
        tail = words[-60:]
        if len(words) > 60 and words[-61] != " ":  # the last 60 characters, from a whole word ("ăm 2024 …")
            tail = tail.partition(" ")[2]
        metric = tail.strip(" ([") or q.text
    # "Tỷ lệ hộ nghèo (%) giảm còn 1,5": the unit a metric prints in brackets is the value's, not part of its name
    metric = without_unit_brackets(metric)
    if q.unit == "%" and metric and (whole := _structure_of(doc.text, s, qs)):
        if metric[1:2].islower():  # "Dịch vụ" as an item of the list, "GRDP" as printed
            metric = metric[0].lower() + metric[1:]
        metric = f"tỷ trọng {metric} trong {whole}"  # "Cơ cấu kinh tế: Dịch vụ chiếm khoảng 40,94%": a share of it
    base, base_end = _base(doc, q, e)
    start = min(ms, q.qual_start or q.start)
    end = max(me, q.qual_end or q.end, base_end)
    while end > start and doc.text[end - 1].isspace():  # "… 3 bác sĩ " before "và 32 giường bệnh"
        end -= 1
    named = _restated(cues(), doc.text, s, qs) if cand.features.get("CUE:restated") else None
    result_end = max((o.end for o in (doc.quantities_in(s, named.start()) if named else []) if o.end <= named.start()),
                     default=None)
    p_start, p_end, p_text = _period(doc, s, e, q, result_end)
    per = _per(doc, q, _clause_start(doc.text, s, q.qual_start or q.start), (s, e))
    if per and not q.per:
        q.per = per
    if q.per == "năm" and p_start is None and p_end and p_end.isdigit():
        p_start = _stage_start(doc, q.start, int(p_end))
    if q.kind == "ratio" and not q.unit:
        # "có trường đạt chuẩn quốc gia 34/95", "Số xã hoàn thành …: 12/15": a ratio counts the noun before it, as
        # "3/4 trường" counts the one after it (GUIDELINES); chosen after the model, so its features are unchanged
        q.unit = counted_noun(doc, _clause_start(doc.text, s, qs), qs) or counted_noun(doc, s, qs) or ""
    if q.kind == "number" and not q.unit and is_rate_value(doc.text, q, s):
        # "Tỷ lệ hộ nghèo giảm còn 1,5": a rate that left out its "%", chosen after the model; the target's copy
        # only, the number as printed stays bare
        q = replace(q, unit="%")
    if q.kind not in ("money", "percent") and q.unit and (also := coordinated_noun(doc, q)):
        q.unit = f"{q.unit}, {also}"  # "01 doanh nghiệp, hợp tác xã": one count of both (GUIDELINES: as printed)
    q.unit = normal_unit(q.unit)
    return Target(
        start=start, end=end, text=doc.text[start:end], metric=metric, quantity=q, cue=cand.cue,
        base=base, period_start=p_start, period_end=p_end, period_text=p_text,
        actors=_actors(doc, s, start, places=labelled), sent=cand.sent, confidence=cand.confidence,
    )


def _stage_start(doc: Doc, pos: int, end_year: int) -> str | None:
    """A yearly rate "đến năm 2030" in a plan for "GIAI ĐOẠN 2026 - 2030" holds for the whole stage: the first
    year of a governing heading's or the title's year range that ends in the same year (None if none)."""
    stages = governing_period(doc, pos)
    stages += doc.extras.get("title_periods", [])
    for d in stages:
        if d.kind == "year_range" and d.year_start and d.year_end == end_year:
            return str(d.year_start)
    return None


_PERIOD_FILLER = re.compile(
    r"giai\s+đoạn|định\s+hướng|tầm\s+nhìn|mục\s+tiêu|chỉ\s+tiêu|cụ\s+thể|đến|năm|từ|[\W\d_]", re.I)


# a numbered heading longer than this is a sentence set as a heading ("1. Phấn đấu đến năm 2027 có 100% xã …")
_HEADING_PERIOD_CHARS = 200
_SO_VOI = re.compile(r"(?<![\wÀ-ỹ])so\s+với(?![\wÀ-ỹ])", re.I)


def heading_periods(doc: Doc) -> list[tuple[int, int, DateMention]]:
    """Periods stated by a heading ("2.1. Đến năm 2030", "1. Dự báo các chỉ tiêu kinh tế - xã hội đến năm 2026")
    and the text each governs: up to the next heading of the same or a higher level. Regions nest; the
    innermost one holding a number is its period (`governing_period`)."""
    c = cues()
    found: list[tuple[int, int, int, DateMention]] = []  # (start, end, level, date)
    for b in doc.blocks:
        if b.kind in ("header", "signature", "noise") or doc.text[max(0, b.start - 2) : b.start] == "|\n":
            continue
        core = doc.text[b.start : b.end]
        if len(core) > 60 and not (b.kind == "heading" and b.marker and len(core) <= _HEADING_PERIOD_CHARS):
            continue  # neither test below can pass (and a long block's dates each scan it again)
        dates = [d for d in doc.dates_in(b.start, b.end) if d.kind in {"until", "year_range", "year"}
                 and not _cited(doc, d.start) and not _SO_VOI.search(doc.text, b.start, d.start)]  # "… tăng so với kết quả năm 2025"
        if len(dates) != 1:
            continue
        # "2.1. Đến năm 2030" anywhere; a numbered heading with words around its one period too ("1. Dự báo các
        # chỉ tiêu kinh tế - xã hội đến năm 2026" under "II. … 03 NĂM 2026 - 2028"), unless it holds a number
        # of its own (then it is a target set as a heading); a news headline has no number marker
        period_only = len(core) <= 60 and len(_PERIOD_FILLER.sub("", core)) <= 3
        titled = (b.kind == "heading" and b.marker and len(core) <= _HEADING_PERIOD_CHARS
                  and not any(q.unit and q.unit not in c.duration_units for q in doc.quantities_in(b.start, b.end)))
        if period_only or titled:
            found.append((b.start, b.end, b.level if b.marker else 1, dates[0]))
    # what ends a region: any heading (an unnumbered "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI" too), and a short
    # numbered item of the same or a higher level ("2. Giai đoạn 2031 - 2035" after "1. Giai đoạn 2026 - 2030")
    heads = [(b.start, b.level if b.marker else 0) for b in doc.blocks
             if b.kind == "heading" or (b.kind == "item" and b.marker and b.end - b.start <= 80)]
    return [(end, _region_end(doc, heads, end, level), date) for _start, end, level, date in found]


def _region_end(doc: Doc, heads: list[tuple[int, int]], after: int, level: int) -> int:
    """Where the part opened by a heading of `level` ends: at the first of `heads` (start, level) from `after` on
    that is of the same or a higher level, else at the end of the text."""
    return min([len(doc.text), *(s for s, lvl in heads if s >= after and lvl <= level)])


def plan_time_periods(doc: Doc) -> list[DateMention]:
    """The period a plan states in a section of its own on when it runs ("2. Thời gian thi đua" over the campaign's
    dates, "1. Thời gian: từ nay đến năm 2030"): the document-wide period (GUIDELINES) where neither the title nor
    a heading dates a target. One period or none: a plan whose sections give different ones says nothing for all."""
    c = cues()
    if doc.info.doc_type not in c.directive_types:
        return []
    heads = [(b.start, b.level) for b in doc.blocks if b.kind == "heading" or (b.kind == "item" and b.marker)]
    found: list[DateMention] = []
    for b in doc.blocks:
        # a numbered section or item; a task's own unnumbered "Thời gian thực hiện: Thường xuyên." is not the plan's
        if b.kind not in ("heading", "item") or not b.marker or b.marker in ("-", "+", "•"):
            continue
        at = doc.text.find(b.marker, b.start, b.end)
        if at < 0 or c.time_section.match(doc.text, at + len(b.marker), b.end) is None:
            continue
        dates = [d for d in doc.dates_in(b.start, _region_end(doc, heads, b.start + 1, b.level))
                 if not _cited(doc, d.start)]
        spans = [d for d in dates if d.kind in ("until", "year_range", "year")]
        years = {d.iso[:4] for d in dates if d.kind == "date" and d.iso}
        if spans:
            found.append(spans[0])
        elif len(years) == 1:  # the campaign's days, all in one year: that year, shown by the first and last as printed
            year = int(next(iter(years)))
            shown = " … ".join(dict.fromkeys(" ".join(d.text.split()) for d in (dates[0], dates[-1])))
            found.append(DateMention(dates[0].start, dates[-1].end, shown, "year", None, year, year))
    return found[:1] if len({period_fields(d)[:2] for d in found}) == 1 else []


_NEWS_OPENING = 1200  # characters: a page's headline and lede, where it says what the meeting was for


def news_plan_periods(doc: Doc) -> list[DateMention]:
    """The year a news page's opening says a meeting set the work for ("Công an TP. Nha Trang tổ chức hội nghị
    triển khai công tác năm 2019"): the page-wide period of a target nothing else dates; none if the opening
    names two such years."""
    if doc.info.doc_type != "tin_tuc":
        return []
    found = [d for m in cues().news_plan.finditer(doc.text, 0, min(len(doc.text), _NEWS_OPENING))
             for d in doc.dates_in(m.start(), m.end()) if d.kind == "year" and d.end == m.end()]
    return found[:1] if len({d.year_end for d in found}) == 1 else []


def document_periods(doc: Doc) -> list[DateMention]:
    """The document-wide period (GUIDELINES): the title's, else the one the plan's time section or a news page's
    opening states (`run` finds them once per document)."""
    return doc.extras.get("title_periods", []) or doc.extras.get("plan_periods", [])


def governing_period(doc: Doc, pos: int) -> list[DateMention]:
    """The period of the innermost heading region holding `pos` ([] if none)."""
    regions = [(a, d) for a, b, d in doc.extras.get("heading_periods", []) if a <= pos < b]
    return [max(regions, key=lambda r: r[0])[1]] if regions else []


def _in_title(doc: Doc, d: DateMention) -> bool:
    """The date's line is part of the title under an official document's type line ("KẾ HOẠCH thực hiện nhiệm vụ
    chính trị năm 2027"); a news headline's year is often the one reported on."""
    if doc.info.doc_type in (None, "tin_tuc", "other") or _COMPARED_WITH.search(doc.text, max(0, d.start - 30), d.start):
        return False
    line = " ".join(doc.text[slice(*_line_bounds(doc.text, d))].split())
    return bool(doc.info.title and line and line in doc.info.title)


def _line_bounds(text: str, d: DateMention) -> tuple[int, int]:
    """The physical line holding the date."""
    end = text.find("\n", d.end)
    return text.rfind("\n", 0, d.start) + 1, end if end >= 0 else len(text)


_PROSE_OPENING = 250  # characters: headlines of the corpus run to 190, openings saved as one line to 1,500


def _in_prose_opening(doc: Doc, d: DateMention) -> bool:
    """The date's line is the opening paragraph of a page saved without its headline, read as the headline ("Kế
    hoạch đề ra các mục tiêu: (1) … (2) … đến năm 2020 …; (3) Hằng năm, …"): its years are its own sentences'."""
    start, end = _line_bounds(doc.text, d)
    return end - start > _PROSE_OPENING


def run(doc: Doc) -> None:
    # the title's period: a stage or deadline anywhere in the header, a single year only in the title itself
    # (the header's other years are the date line's and the cited documents')
    doc.extras["title_periods"] = [
        d for d in doc.dates if d.start < doc.header_end and not _in_prose_opening(doc, d)
        and (d.kind in {"until", "year_range"} or (d.kind == "year" and _in_title(doc, d)))
    ]
    doc.extras["heading_periods"] = heading_periods(doc)
    doc.extras["plan_periods"] = plan_time_periods(doc) or news_plan_periods(doc)
    targets = [build(doc, c) for c in _decide(candidates(doc))]
    doc.targets = _carry_periods(doc, [t for t in targets if t is not None])


_CARRY_REACH = 600  # characters: the next paragraph of a list of targets, not the next section of a page


def _carry_periods(doc: Doc, targets: list[Target]) -> list[Target]:
    """A target nothing dates (no date in its sentence or paragraph, no dated heading or title) takes the period of
    the target just before it in a prose paragraph of the same section: "Theo đó, năm 2026 tổng giá trị sản xuất
    tăng 9,5%; …" then "Về xã hội, tỷ lệ hộ nghèo giảm 0,5%; …" continue the same year's list."""
    def enumerated(t: Target) -> bool:  # its sentence or its ";"-part opens with an item number
        return _ENUMERATED.match(doc.text, _part_start(doc.text, doc.sentences[t.sent][0], t.quantity.start)) is not None

    for prev, t in zip(targets, targets[1:], strict=False):
        # an item numbered inline ("(2) … đến năm 2020 …; (3) Hằng năm, …") keeps its own period, as a list item does
        if (t.period_start or t.period_end or not (prev.period_start or prev.period_end) or enumerated(t)
                or t.start - prev.end > _CARRY_REACH or _paragraph_section(doc, prev.start) is None
                or _paragraph_section(doc, prev.start) != _paragraph_section(doc, t.start)):
            continue
        t.period_start, t.period_end, t.period_text = prev.period_start, prev.period_end, prev.period_text
    return targets


def _paragraph_section(doc: Doc, pos: int) -> str | None:
    """The section of the prose paragraph holding `pos`; None in a list item, heading or table, where each line
    keeps its own deadline ("1. Phấn đấu đến năm 2027 có 100% xã …" then "2. Tỷ lệ lao động … đạt 80%")."""
    b = doc.block_of(pos)
    return (b.section or "") if b is not None and b.kind == "paragraph" else None
