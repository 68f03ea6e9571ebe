"""Page geometry -> reading-order text: lines, columns, paragraphs.

Input is a list of boxes (a PDF character, or a word from OCR) in top-down
page coordinates. Steps, each a function below:

1. lines: boxes clustered by vertical centre, left to right; words where the
   gap exceeds `WORD_GAP_EM` of the line height (no reliance on space glyphs:
   spaces hidden under filled-in form text would cut "542" into "5 4 2");
   segments where the gap exceeds `COLUMN_GAP_EM`.
2. columns: a run of at least `MIN_COLUMN_LINES` lines split at a common
   gutter is read left column first, then right column. Shorter runs (the
   header block: issuer left, motto right; the signature block) keep their
   cells on one line separated by a run of spaces, like `pdftotext -layout`,
   which is what `nlp.structure` reads.
3. paragraphs: a line continues the previous one when the previous line was
   full (the next line's first word would not have fitted after it), the
   next line is not indented, does not start a list item and follows at the
   usual line pitch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

WORD_GAP_EM = 0.15  # of the font size (pdfplumber x_tolerance_ratio; its default 3 pt glues small text)
COLUMN_GAP_EM = 1.7
COLUMN_GAP = "    "
MIN_COLUMN_LINES = 5
PARA_GAP_FACTOR = 1.55  # a vertical gap above this many line pitches ends a paragraph
INDENT_EM = 0.9
_MARKER = re.compile(
    r"^(?:[-+•–*]\s|\(?\d{1,2}(?:\.\d{1,2})*[.)]\s|\(?[a-zđ]\)\s|[IVXLC]+[.-]\s|Điều\s+\d+|Chương\s+[IVX\d]"
    r"|Phụ lục|PHỤ LỤC|Mục\s+\d)"
)
_GLUED_HYPHEN = re.compile(r"[\w/]-$")
_ENDS_CLAUSE = re.compile(r"[.;:!?]\W*$")


@dataclass(slots=True)
class Box:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    enc: str | None = None  # legacy font encoding of the glyph ("tcvn3", "tcvn3H", "vni"), converted later


@dataclass(slots=True)
class Segment:
    x0: float
    x1: float
    words: list[Box]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass(slots=True)
class Line:
    top: float
    bottom: float
    segments: list[Segment]
    table: str | None = None  # a rendered table standing in this place

    @property
    def x0(self) -> float:
        return self.segments[0].x0 if self.segments else 0.0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1 if self.segments else 0.0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def text(self) -> str:
        if self.table is not None:
            return self.table
        return COLUMN_GAP.join(s.text for s in self.segments)


@dataclass(slots=True)
class Paragraph:
    text: str
    top: float
    bottom: float
    table: bool = False
    lines: list[Line] = field(default_factory=list)


# ------------------------------------------------------------------ 1. lines


def build_lines(boxes: list[Box], merge_words: bool = True) -> list[Line]:
    """Boxes -> lines top to bottom; `merge_words` joins touching boxes (PDF characters) into words."""
    boxes = [b for b in boxes if b.text.strip() and b.bottom > b.top]
    if not boxes:
        return []
    boxes.sort(key=lambda b: b.bottom)
    groups: list[list[Box]] = []
    base = -1e9
    for b in boxes:
        h = b.bottom - b.top
        # same line: baselines within 0.4 of the glyph size (small stamp text has a tight pitch)
        if groups and b.bottom - base <= 0.4 * min(h, groups[-1][-1].bottom - groups[-1][-1].top):
            groups[-1].append(b)
            base += (b.bottom - base) / len(groups[-1])
        else:
            groups.append([b])
            base = b.bottom
    return [_line(g, merge_words) for g in groups]


def _line(boxes: list[Box], merge_words: bool) -> Line:
    boxes.sort(key=lambda b: b.x0)
    h = median(b.bottom - b.top for b in boxes)
    words: list[Box] = []
    gap = WORD_GAP_EM * h
    w = last = None  # the current word, and the previous glyph (a word's box grows, a glyph's does not)
    for b in boxes:
        if last is not None:
            if b.text == last.text and abs(b.x0 - last.x0) < 0.5:
                continue  # the same glyph drawn twice (fake bold)
            if (merge_words and b.x0 - w.x1 <= gap and b.enc == w.enc  # type: ignore[union-attr]
                    and not (abs((last.bottom - last.top) - (b.bottom - b.top)) > 0.01 and b.x0 > last.x1 - 2)):
                w.text += b.text  # type: ignore[union-attr]
                if b.x1 > w.x1:  # type: ignore[union-attr]
                    w.x1 = b.x1  # type: ignore[union-attr]
                last = b
                continue
        w = Box(b.text, b.x0, b.x1, b.top, b.bottom, b.enc)
        words.append(w)
        last = b
    segments: list[Segment] = []
    for w in words:
        if segments and w.x0 - segments[-1].x1 <= COLUMN_GAP_EM * h:
            segments[-1].words.append(w)
            segments[-1].x1 = max(segments[-1].x1, w.x1)
        else:
            segments.append(Segment(w.x0, w.x1, [w]))
    # medians: a glyph's box reaches below the baseline with a dot (ạ, ộ) or above with stacked marks
    return Line(median(b.top for b in boxes), median(b.bottom for b in boxes), segments)


# filled-in text laid over the body in another font size starts a new word ("ngày" + "24"): the
# size test in `_line` (glyph sizes differ by more than 0.01 pt and the glyph does not overlap back)


# ------------------------------------------------------------------ 2. columns


def _gutter(lines: list[Line], page_width: float) -> float | None:
    """The x most two-segment lines leave blank between their segments, if any."""
    gaps = [(ln.segments[0].x1, ln.segments[1].x0) for ln in lines if len(ln.segments) == 2 and not ln.table]
    if len(gaps) < MIN_COLUMN_LINES:
        return None
    best, best_n = None, 0
    for a, b in gaps:
        x = (a + b) / 2
        if not page_width * 0.25 < x < page_width * 0.75:
            continue
        n = sum(1 for a2, b2 in gaps if a2 < x < b2)
        if n > best_n:
            best, best_n = x, n
    return best if best_n >= MIN_COLUMN_LINES else None


def _side(line: Line, gutter: float) -> str:
    if line.table is not None:
        return "cross"
    if line.x1 < gutter:
        return "left"
    if line.x0 > gutter:
        return "right"
    if any(s.x0 < gutter < s.x1 for s in line.segments):
        return "cross"
    return "split"


def reading_order(lines: list[Line], page_width: float) -> list[list[Line]]:
    """Lines -> flows (lists of lines read in order); a two-column run gives two flows."""
    gutter = _gutter(lines, page_width)
    if gutter is None:
        return [lines]
    flows: list[list[Line]] = []
    current: list[Line] = []
    run: list[Line] = []

    def close_run() -> None:
        nonlocal current
        splits = sum(1 for ln in run if _side(ln, gutter) == "split")
        if splits >= MIN_COLUMN_LINES:
            if current:
                flows.append(current)
                current = []
            left = [_part(ln, gutter, True) for ln in run]
            right = [_part(ln, gutter, False) for ln in run]
            flows.append([ln for ln in left if ln.segments])
            flows.append([ln for ln in right if ln.segments])
        else:
            current.extend(run)
        run.clear()

    for ln in lines:
        if _side(ln, gutter) == "cross":
            close_run()
            current.append(ln)
        else:
            run.append(ln)
    close_run()
    if current:
        flows.append(current)
    return [f for f in flows if f]


def _part(line: Line, gutter: float, left: bool) -> Line:
    segs = [s for s in line.segments if (s.x1 < gutter) == left]
    return Line(line.top, line.bottom, segs)


# ------------------------------------------------------------------ 3. paragraphs


def paragraphs(flow: list[Line]) -> list[Paragraph]:
    """Join the lines of one flow into paragraphs."""
    text_lines = [ln for ln in flow if ln.table is None and len(ln.segments) == 1]
    left = _percentile([ln.x0 for ln in text_lines], 0.1)
    # the right margin: the longest body line starting near the left margin (stamps and centred
    # header cells start further right and do not count)
    body = [ln.x1 for ln in text_lines if ln.x0 <= left + 3 * max(ln.height, 1.0)]
    right = max(body) if body else _percentile([ln.x1 for ln in text_lines], 0.85)
    pitches = [b.top - a.top for a, b in zip(flow, flow[1:], strict=False) if b.top > a.top]
    pitch = median(pitches) if pitches else 0.0
    out: list[Paragraph] = []
    prev: Line | None = None
    for ln in flow:
        if ln.table is not None:
            out.append(Paragraph(ln.table, ln.top, ln.bottom, table=True, lines=[ln]))
            prev = None
            continue
        text = ln.text
        if prev is not None and out and _continues(prev, ln, left, right, pitch):
            para = out[-1]
            joiner = "" if _GLUED_HYPHEN.search(para.text) else " "
            para.text += joiner + text
            para.bottom = ln.bottom
            para.lines.append(ln)
        else:
            out.append(Paragraph(text, ln.top, ln.bottom, lines=[ln]))
        prev = ln
    return out


def _continues(prev: Line, ln: Line, left: float, right: float, pitch: float) -> bool:
    if len(prev.segments) != 1 or len(ln.segments) != 1:
        return False
    em = max(prev.height, ln.height, 1.0)
    if pitch and ln.top - prev.top > PARA_GAP_FACTOR * pitch:
        return False
    if abs(prev.height - ln.height) > 0.25 * em:
        return False
    if ln.x0 > left + INDENT_EM * em:
        return False  # indented first line of a new paragraph, or a block away from the margin
    if prev.x0 > left + 4 * em and abs(ln.x0 - prev.x0) < 0.5 * em and prev.x1 < right - 4 * em:
        return False  # centred block (titles, header cells)
    if _MARKER.match(ln.text) and (_ENDS_CLAUSE.search(prev.text) or prev.x1 < right - 4 * em):
        return False
    first = ln.segments[0].words[0]
    room = right - prev.x1
    return room < (first.x1 - first.x0) + 0.5 * em


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


_CUT = re.compile(r"[^.:;!?)”\"]$")


def join_flows(flows: list[list[Paragraph]]) -> list[Paragraph]:
    """Paragraphs of consecutive flows; one cut at a column break (no final stop, next in lower case) is rejoined."""
    out: list[Paragraph] = []
    for paras in flows:
        for j, p in enumerate(paras):
            if j == 0 and out and not p.table and not out[-1].table and _CUT.search(out[-1].text) \
                    and p.text[:1].islower():
                out[-1].text += " " + p.text
                out[-1].lines.extend(p.lines)
                continue
            out.append(p)
    return out
