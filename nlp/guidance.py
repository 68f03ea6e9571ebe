"""Guidance items: the tasks a document assigns, one per item, with a first category.

An item is a numbered/bulleted block or a paragraph of the directive part: a
block under a "Nhiệm vụ"/"Tổ chức thực hiện" heading, after a line announcing
the items ("… một số nội dung sau:"), or a paragraph that opens with a task
verb or an assignee ("Tiếp tục…", "Giao Sở Y tế…", "Các cấp ủy …"). The
category comes from the trained classifier (`nlp/guidance_model.py`); the
weighted keyword vote (`categorise`, `data/guidance.json`) is its baseline.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from nlp.doc import Block, Doc, GuidanceItem
from nlp.resources import alternation, load_json
from nlp.tables import TABLE_TITLE
from nlp.targets import cues as target_cues

_MIN_WORDS = 8
_SKIP = {"noise", "header", "caption", "signature", "heading"}
_ACTOR_BLOCKERS = re.compile(r"(?:của|theo|với|tại|thuộc|cho|đối với|trong|về)\s*$", re.I)
_GIAO = re.compile(r"(?:^|\s)(?:giao|đề nghị|yêu cầu|phân công)\s*$", re.I)


@dataclass(frozen=True)
class _Rules:
    opener: re.Pattern[str]
    intro: re.Pattern[str]
    sections: tuple[str, ...]
    non_sections: tuple[str, ...]
    non_opener: re.Pattern[str]
    generic_bodies: re.Pattern[str]
    closing: re.Pattern[str]
    closing_notice: re.Pattern[str]
    categories: dict[str, list[tuple[re.Pattern[str], float]]]


@cache
def _rules() -> _Rules:
    d = load_json("guidance.json")
    cats = {
        cat: [(re.compile(rf"(?<![\wÀ-ỹ]){alternation([kw])}(?![\wÀ-ỹ])", re.I), float(w)) for kw, w in kws.items()]
        for cat, kws in d["categories"].items()
    }
    return _Rules(
        opener=re.compile(rf"^\W{{0,3}}(?:{alternation(d['task_openers'])})(?![\wÀ-ỹ])", re.I),
        intro=re.compile(rf"(?:{alternation(d['intro'])})[^:\n]{{0,40}}:\s*$", re.I),
        sections=tuple(d["guidance_sections"]),
        non_sections=tuple(d["non_guidance_sections"]),
        non_opener=re.compile(rf"^[\W\d_]*(?:[ivxlc]+[.)]\s*)?(?:{alternation(d['non_guidance_openers'])})(?![\wÀ-ỹ])",
                              re.I),
        generic_bodies=re.compile(rf"(?<![\wÀ-ỹ])(?:{alternation(d['generic_bodies'])})(?![\wÀ-ỹ])", re.I),
        closing=re.compile(rf"^\W{{0,3}}(?:{alternation(d['closings'])})(?![\wÀ-ỹ])", re.I),
        closing_notice=re.compile(rf"(?:{alternation(d['closing_notices'])})\s[\s\S]{{0,200}}?biết[\s,.;/]*(?:và\s+)?"
                                  r"(?:thực\s+hiện|phối\s+hợp(?:\s+thực\s+hiện)?)?[\s./]*$", re.I),
        categories=cats,
    )


def categorise(text: str) -> tuple[str, float]:
    """Keyword vote; confidence is the winner's share of a softmax over the scores."""
    head_end = len(" ".join(text.split()[:12]))
    scores: dict[str, float] = {}
    for cat, keywords in _rules().categories.items():
        total = 0.0
        for pattern, weight in keywords:
            for m in pattern.finditer(text):
                total += weight * (2.0 if m.start() < head_end else 1.0)
        scores[cat] = total
    best = max(scores, key=lambda c: scores[c])
    if scores[best] == 0:
        return "other", 0.0
    z = sum(math.exp(v / 3.0) for v in scores.values())
    return best, math.exp(scores[best] / 3.0) / z


def _actors(doc: Doc, start: int, end: int) -> list[str]:
    head_limit = start + max(80, (end - start) // 3)
    out: list[str] = []
    for ent in doc.entities:
        if ent.label != "ORG" or not (start <= ent.start < end):
            continue
        before = doc.text[max(start, ent.start - 14) : ent.start]
        assigned = bool(_GIAO.search(before))
        if not assigned and (ent.start > head_limit or _ACTOR_BLOCKERS.search(before)):
            continue
        if ent.text not in out:
            out.append(ent.text)
    return out


def _not_for_tasks(r: _Rules, heading: str) -> bool:
    """A heading of a part that assigns nothing: "II. Kết quả thực hiện", "1. Dự báo những tác động …"."""
    return any(w in heading for w in r.non_sections) or r.non_opener.match(heading) is not None


def _deciding_section(r: _Rules, b: Block) -> str:
    """The innermost enclosing heading that says whether tasks follow: "a) Về kinh tế" under
    "III. NHIỆM VỤ, GIẢI PHÁP" is a task section, under "II. MỤC TIÊU" it is not."""
    for heading in reversed(b.sections):
        h = heading.lower()
        if any(w in h for w in r.sections) or _not_for_tasks(r, h):
            return h
    return (b.section or "").lower()


def _in_figure_table(doc: Doc, b: Block) -> bool:
    """Mostly rows of a table of figures (`nlp.tables`), or its title right above it ("Phụ lục: Chỉ tiêu …")."""
    for s, e in doc.extras.get("figure_tables", []):
        inside = min(b.end, e) - max(b.start, s)
        if inside * 2 > b.end - b.start or (b.end <= s and TABLE_TITLE.match(doc.text[b.start : b.end])
                                            and not doc.text[b.end : s].strip()):
            return True
    return False


def _candidate_blocks(doc: Doc) -> list[Block]:
    r = _rules()
    out: list[Block] = []
    announced = False
    for i, b in enumerate(doc.blocks):
        text = doc.text[b.start : b.end]
        if b.end <= doc.header_end or b.kind in _SKIP:
            if b.kind == "heading":
                announced = False
            continue
        if _in_figure_table(doc, b) or any(s <= b.start and b.end <= e for s, e in doc.extras.get("output_cells", [])):
            continue
        section = _deciding_section(r, b)
        if _not_for_tasks(r, section) and not any(w in section for w in r.sections):
            announced = bool(r.intro.search(text))
            continue
        if text.startswith("(") and not text.endswith(")") or text.endswith(")") and text[:1].islower():
            continue  # a photo caption broken over two blocks
        if _FOOTNOTE.match(text):
            continue  # "[1] trong đó: 10 nhiệm vụ là công việc chỉ đạo, điều hành thường xuyên, …": a note
        in_section = any(w in section for w in r.sections)
        if not in_section and _cites_basis(doc, b, text):
            continue  # under "II. NHIỆM VỤ", "1. Thực hiện Chỉ thị số 05-CT/TW …" may be the task itself
        words = len(text.split())
        is_task = bool(r.opener.match(text)) or (b.kind == "item" and words >= 4)
        if (words >= _MIN_WORDS and (is_task or announced or in_section) and not r.intro.search(text)
                and not _FIELD.match(text) and not _FUNDING_SOURCE.match(text) and not _PROJECT_TITLE.match(text)
                and not r.closing.match(text) and not r.closing_notice.search(text) and not _FORMULA.match(text)
                and not _set_off(text)
                and not _enacting_article(text) and not _group_heading(doc, i) and not _actors_only(doc, b)
                and not (b.kind == "paragraph" and not is_task and _reports_result(text))):
            out.append(b)
        announced = announced or bool(r.intro.search(text))
    return out


# "Đơn vị chủ trì: Sở Nội vụ", "Thời gian thực hiện: Thường xuyên": the fields of a task, not tasks (a label may
# wrap: "Đơn vị chủ trì tham mưu thực\nhiện: Sở Tư pháp.")
_FIELD = re.compile(
    r"^[\W_]*(?:Đơn\s+vị|Cơ\s+quan)\s+(?:chủ\s+trì|phối\s+hợp|thực\s+hiện)(?:[^:\n]|\n(?!\n)){0,30}:"
    r"|^[\W_]*Thời\s+(?:gian|hạn)(?:\s+(?:thực\s+hiện|hoàn\s+thành))?[\s*_]*:"
    r"|^[\W_]*(?:Sản\s+phẩm|Kết\s+quả)(?:\s+đầu\s+ra)?[\s*_]*:", re.I)


# "2. Nguồn Quỹ Phòng chống thiên tai Thành phố.", "1. Kinh phí thực hiện Đề án từ ngân sách …": where the money
# comes from, not a task ("Nguồn ngân sách: hằng năm, UBND tỉnh bố trí …" is one, with its label)
_FUNDING_SOURCE = re.compile(
    r"^[\W\d_]*(?:[a-zđ]\)\s*)?(?:Nguồn\s+(?:vốn|kinh\s+phí|Quỹ|ngân\s+sách)|Kinh\s+phí\s+thực\s+hiện)(?![^\n]{0,40}:)"
    # "- Ngân sách trung ương: …, chiếm khoảng 75%-80% tổng vốn": a share of the money; "- b = Tổng số …": a formula
    r"|^[\W\d_]*(?:Vốn|Ngân\s+sách)\b(?:[^\n]|\n(?!\n))*?chiếm\s+(?:khoảng\s+)?\d|^[\W_]*[a-zA-Z]\s*=",
    re.I)


# a footnote below the signature, numbered as the text's markers print it ("[2] Cụ thể: giảm thuế …")
_FOOTNOTE = re.compile(r"^\s*\[\d{1,3}\]")

_BASIS = re.compile(r"^[\W_]{0,3}(?:thực\s+hiện|căn\s+cứ)\s+", re.I)


def _cites_basis(doc: Doc, b: Block, text: str) -> bool:
    """"Thực hiện Chỉ thị số 21/CT-TTg ngày … ;", "Căn cứ Nghị định số …": the document's basis, a citation right
    after the formula or the cited text's name, outside a section of tasks (none of the 50 such paragraphs of the
    train and dev documents is a task; "Căn cứ Kế hoạch này, các sở …" cites nothing and stays a candidate)."""
    m = _BASIS.match(text)
    if m is None:
        return False
    at = b.start + m.end()
    # the citation right after the formula, or after the cited text's name ("Căn cứ Quy định thi hành Điều lệ Đảng
    # số 23-QĐ/TW …": the number is the reference)
    return any(not _BASIS_BREAK.search(doc.text, at, r.start)
               and (r.start == at or doc.text[at].isupper())  # a name, not "Thực hiện nghiêm Chỉ thị …"
               for r in doc.references_in(at, at + _BASIS_NAME + 1))


_BASIS_NAME = 60  # characters of a cited text's name before its number
_BASIS_BREAK = re.compile(r"[.;:,]|\n\s*\n")


# "- Điểm = Tỷ lệ * điểm chuẩn.", "- b = Tổng số …": how a score or a figure is computed
_FORMULA = re.compile(r"^[\W_]*[\wÀ-ỹ]+(?:[ \t][\wÀ-ỹ]+){0,2}[ \t]*=[ \t]*\S")


def _set_off(text: str) -> bool:
    """Set wholly in bold or italics, as a heading or a note is ("**1.\nCông tác tham mưu, chỉ đạo triển khai**",
    whose opening marks stay with the number's line; "*a) Về các dự án đầu tư công*"): no task."""
    t = text.strip()
    if t.endswith("**"):
        return t.startswith("**") or t.count("**") % 2 == 1
    return len(t) > 2 and t[0] == "*" and t[1] != "*" and t[-1] == "*" and "*" not in t[1:-1]


# "- Dự án 2: Ứng dụng khoa học và công nghệ …", "Tiểu dự án 1 (Dự án 7): …": a programme's parts, named
_PROJECT_TITLE = re.compile(r"^[\W\d_]*(?:Tiểu\s+)?(?:dự\s+án|hợp\s+phần|nội\s+dung)\s+\d+[^:\n]{0,20}:", re.I)
_LIST_GLUE = re.compile(r"[\s,;.&()*+-]+|(?<!\w)(?:và|các|có liên quan|liên quan|khác)(?!\w)", re.I)


def _reports_result(text: str) -> bool:
    """"Năm 2022, toàn huyện đã kết nạp được 45 đảng viên, đạt 90% kế hoạch.": a paragraph reporting what was done
    (a result cue, a number and no commitment cue; its verb may be a task's, "kết nạp") assigns nothing, even
    under the tasks' heading ("… đã và đang xây dựng thương hiệu" in a task has no number)."""
    c = target_cues()
    return c.result.search(text) is not None and c.strong.search(text) is None and re.search(r"\d", text) is not None


def _actors_only(doc: Doc, b: Block) -> bool:
    """A table cell listing who takes part ("Sở Khoa học và Công nghệ, Sở Công Thương, các doanh nghiệp …")."""
    text = doc.text[b.start : b.end]
    if len(text.split()) > 25:
        return False
    orgs = [(e.start - b.start, e.end - b.start) for e in doc.entities
            if e.label == "ORG" and b.start <= e.start and e.end <= b.end]
    for a, z in sorted(orgs, reverse=True):
        text = text[:a] + " " + text[z:]
    # what is left once named bodies and generic ones ("Viện, Trường; Sở, ban, ngành có liên quan") are gone
    rest = _LIST_GLUE.sub(" ", _rules().generic_bodies.sub(" ", text)).split()
    return not rest or (bool(orgs) and len(rest) <= 2 and not any(w[:1].islower() and len(w) > 3 for w in rest[:1]))


_ENACTING = re.compile(r"^\W*Điều\s+\d+\W+(?:Ban\s+hành\s+kèm\s+theo|Phê\s+duyệt|[^.]{0,60}có\s+hiệu\s+lực)", re.I)


def _enacting_article(text: str) -> bool:
    """"Điều 1. Ban hành kèm theo Quyết định này …", "Điều 2. … có hiệu lực …": a decision's wrapper."""
    return bool(_ENACTING.match(text))


def _group_heading(doc: Doc, i: int) -> bool:
    """A numbered line with deeper items under it that is set apart as a title heads a group of tasks: the
    items under it are the tasks, not it (GUIDELINES: a heading is not an item).

    Set apart: bold or italics, ending with ':' ("**1. Hoàn thiện cơ chế, chính sách …**" over "- Tập huấn …"),
    or ending without a stop ("1. Thủ trưởng các sở, ban ngành, Chủ tịch UBND cấp huyện" over "a) Tiếp tục quán
    triệt …"; scans lose the bold and the colon).
    """
    b = doc.blocks[i]
    text = doc.text[b.start : b.end].strip()
    titled = text.startswith("*") or text.endswith(("*", ":"))
    unstopped = not text.rstrip("*").endswith((".", ";", "!", "?")) and len(text.split()) <= 40
    if not (b.marker and (titled or unstopped)):
        return False
    following = (doc.blocks[j] for j in range(i + 1, len(doc.blocks)))
    nxt = next((x for x in following if x.kind in ("item", "paragraph", "heading")), None)
    return nxt is not None and nxt.kind == "item" and nxt.level > b.level


def _block_words(doc: Doc, b: Block) -> list[str]:
    """The words the `words` component found in a block, after its marker (no second segmentation)."""
    from nlp.guidance_model import marker_end

    body = b.start + marker_end(doc.text[b.start : b.end])
    return [t.text for t in doc.tokens_in(body, b.end)]


def run(doc: Doc) -> None:
    from nlp.guidance_model import join_words, predict_prepared

    blocks = _candidate_blocks(doc)
    labels = predict_prepared([join_words(_block_words(doc, b)) for b in blocks])
    items: list[GuidanceItem] = []
    for b, (category, confidence) in zip(blocks, labels, strict=True):
        text = doc.text[b.start : b.end]
        items.append(
            GuidanceItem(
                start=b.start, end=b.end, text=text, category=category, confidence=confidence,
                actors=_actors(doc, b.start, b.end), marker=b.marker,
                target_idx=[i for i, t in enumerate(doc.targets) if b.start <= t.start < b.end],
            )
        )
    doc.guidance = items
