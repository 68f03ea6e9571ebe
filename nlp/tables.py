"""Targets from table rows: plans often carry their chỉ tiêu only in an annex table.

Four table shapes are read from `doc.text`:

* the ingest rendering: one line per row, cells separated by " | ", the block
  set off by blank lines (`nlp.ingest.tablefmt`);
* flattened web tables (corpus `full/`): each cell on its own line(s) between
  lines holding only "|", two "|" lines in a row ending a table row;
* tables without borders (an unruled or scanned table of a PDF): a header line naming the columns, then one
  line per row ending in its values, or cells placed by position under the header (a table laid out in columns);
* Word tables pasted as plain text, one cell per paragraph (`cell_tables`).

Header rows (no value cells, or the "1 2 3 …" column-number row) give each
column a role (`data/table_columns.json`): indicator name, unit, or a value
column, with its year when the header names one. Every data row with a name
and a number in a value column gives one `Target` per value column (period =
that column's year); columns of results ("ước thực hiện") are skipped.
The target's span is the value cell; `metric` is the row's indicator name, joined with what its column
measures when the header prints a measure with its unit ("Lượng (Tấn)" over the years, "Xoài" in the row).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from nlp.doc import Doc, Quantity, Target
from nlp.quantities import bound_words, find_quantities, parse_number, unit_and_per, unit_kind
from nlp.resources import load_json, load_lines

_LINE = re.compile(r"^.*$", re.M)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)\d\d))?(?!\d)")
_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
_MARKDOWN = re.compile(r"[*_]+")


@dataclass(slots=True)
class Cell:
    start: int
    end: int
    text: str  # cleaned (markdown emphasis and extra space removed)


@cache
def _roles() -> dict[str, re.Pattern[str]]:
    data = load_json("table_columns.json")
    return {k: re.compile("|".join(v), re.I) for k, v in data.items() if not k.startswith("_")}


@cache
def _currencies() -> frozenset[str]:
    return frozenset(c.lower() for c in load_lines("currencies.txt"))


def _cell(text: str, start: int, end: int) -> Cell:
    while start < end and text[start] in " \t\n*_":
        start += 1
    while end > start and text[end - 1] in " \t\n*_":
        end -= 1
    return Cell(start, end, re.sub(r"\s+", " ", _MARKDOWN.sub(" ", text[start:end])).strip())


# ------------------------------------------------------------------ finding tables


_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")  # "|---|:---:|"


def pipe_tables(text: str) -> list[list[list[Cell]]]:
    """Blocks of at least two consecutive lines with " | " cells: the ingest rendering, and markdown tables
    with their outer bars and their "|---|" rule under the header."""
    tables: list[list[list[Cell]]] = []
    rows: list[list[Cell]] = []
    for m in _LINE.finditer(text):
        line = m.group()
        if rows and _MD_RULE.match(line):
            continue
        if " | " in line and line.strip() != "|":
            cells, pos = [], m.start()
            for part in line.split("|"):
                cells.append(_cell(text, pos, pos + len(part)))
                pos += len(part) + 1
            bare = line.strip()
            if bare.startswith("|") and bare.endswith("|") and len(cells) > 2:  # markdown's outer bars
                cells = cells[1:-1]
            rows.append(cells)
            continue
        _close(text, tables, rows)
        rows = []
    _close(text, tables, rows)
    return tables


_BREAK_LINES = 3  # a page break's lines between a table's rows: a page number, "(Tiếp theo)", a running header
_BREAK_LINE = 40


def _close(text: str, tables: list[list[list[Cell]]], rows: list[list[Cell]]) -> None:
    """Keep the rows just collected: as the rest of the table above when a page break cut it (`_continued`), else
    as a table of their own when there are two or more."""
    if tables and rows and _continued(text, tables[-1], rows):
        tables[-1].extend(rows)
    elif len(rows) >= 2:
        tables.append(rows)


def _continued(text: str, table: list[list[Cell]], rows: list[list[Cell]]) -> bool:
    """`rows` go on with `table` across a page break: as many cells, the first opening with the row number after
    the table's last one (no header of their own), and only a few short lines between."""
    width = len(table[0])
    if any(len(r) != width for r in rows) or not table[-1][0].text.isdigit() or not rows[0][0].text.isdigit():
        return False
    if int(rows[0][0].text) != int(table[-1][0].text) + 1:
        return False
    between = [ln.strip() for ln in text[table[-1][-1].end : rows[0][0].start].splitlines()]
    between = [ln for ln in between if ln and ln != "|"]
    return len(between) <= _BREAK_LINES and all(len(ln) <= _BREAK_LINE for ln in between)


_GAP = re.compile(r"[ \t]*\|[ \t]*|[ \t]*\t[ \t]*| {3,}")  # wide gaps (`nlp.ingest.layout.COLUMN_GAP`), tabs, rules
_TOKEN = re.compile(r"[^\s|]+")
_AMOUNT = r"\d[\d.,]*(?:\s*[-–]\s*\d[\d.,]*)?(?:\s*/\s*\d+)?\s*%?"


@cache
def _value_cell() -> re.Pattern[str]:
    """A value cell: "3,5", "8-8,5", "6/8", "≥ 97", "Tối thiểu 150", "Giảm 3-4"; or what stands in an empty one."""
    return re.compile(rf"(?:(?:{bound_words()}|khoảng|giảm|tăng|đạt)\s*)?{_AMOUNT}|[-–—…xX]|duy\s+trì|giữ\s+vững|đạt"
                      r"|hoàn\s+thành", re.I)
_ROW_INDEX = re.compile(r"(?:[IVXLC]+|\d+(?:\.\d+)*)[.)]?|[a-zđ][.)]")  # not "y" of "y tế" wrapped
_WRAPPED = 60  # a line this short, without a number, under a row continues its name cell


def loose_tables(text: str) -> list[list[list[Cell]]]:
    """Tables without cell borders in the text: an unruled table of a PDF, or a scanned one read by OCR, which
    the ingest renders as one line per row with the cells set apart by wide gaps, narrow ones, or the "|" of a
    rule. A header line names the columns (an indicator name and at least one value column: "STT Chỉ tiêu
    Đơn vị tính Năm 2025 Năm 2026"), perhaps with a line below it dividing its last spanned column ("Giai đoạn
    2026-2030" over "Năm 2026 … Năm 2030"); each line below is a row when it ends in one value cell per value
    column ("2 Thu nhập bình quân đầu người triệu đồng 62 70", "5    Số hộ nghèo    hộ    9    Không quá 5"):
    its first token is the index, the unit is its own cell or the longest ending of the name that reads as
    one, the name is what is left."""
    tables: list[list[list[Cell]]] = []
    lines = list(_LINE.finditer(text))
    i = 0
    while i < len(lines):
        header = _loose_header(text, lines[i], lines[i + 1] if i + 1 < len(lines) else None)
        if header is None:
            # its value columns may be named only by label lines above or below it ("Mục tiêu" / "đến năm" / "2030")
            cells = _header_cells(text, lines[i]) if _labels_line(lines[i].group()) else []
            laid = _laid_out_table(text, lines, i, cells) if len(cells) >= 3 else None
            if laid is not None and _valued_rows(laid[0]):
                tables.append(laid[0])
                i = laid[1]
            else:
                i += 1
            continue
        head_rows, cols = header
        rows = list(head_rows)
        j, pending = i + len(head_rows), None  # pending: where a row began whose values are on a later line
        while j < len(lines):
            m = lines[j]
            line = m.group().strip()
            if not line:
                break
            j += 1
            if _numbering(line):
                continue
            row = _loose_row(text, pending if pending is not None else m.start(), m.end(), cols)
            if row is not None:
                rows.append(row)
                pending = None
                continue
            first = _TOKEN.search(line)
            words = line[first.end():] if first else ""
            if pending is None and first and _ROW_INDEX.fullmatch(first.group()) and not any(ch.isdigit() for ch in words):
                pending = m.start()  # "3 Số thôn đạt chuẩn nông thôn mới" over "kiểu mẫu thôn 1 3"
            elif pending is None and len(rows) > len(head_rows) and len(line) <= _WRAPPED and not any(
                    ch.isdigit() for ch in line):
                _continue_name(rows[-1], cols, line)  # "kiểu mẫu" under a row that printed its values
            elif pending is None or any(ch.isdigit() for ch in line) or text.count("\n", pending, m.start()) >= 2:
                j -= 1
                break
        laid = _laid_out_table(text, lines, i, head_rows[0])
        if laid is not None and _valued_rows(laid[0]) > _valued_rows(rows):
            rows, j = laid  # a layout the row reading above cannot follow: wrapped headers, notes, empty cells
        if len(rows) > len(head_rows):
            tables.append(rows)
        i = max(j, i + 1)
    return tables


def _labels_line(line: str) -> bool:
    """A line that could name a table's columns: cells set apart by wide gaps, no sentence end, no number but
    a year's."""
    return bool(_GAP.search(line.strip())) and not line.rstrip().endswith((".", ";", ",")) and bool(
        _LABEL_LINE.match(line))


def _valued_rows(rows: list[list[Cell]]) -> int:
    return sum(1 for row in rows if any(_is_value(c.text) and any(ch.isdigit() for ch in c.text) for c in row[1:]))


_LABEL_LINE = re.compile(r"^[^\d]*(?:(?:19|20)\d\d[^\d]*)*$")  # no digit but a year's: "2020-2025      2030"


def _bounds(cells: list[Cell], line_start: int) -> list[tuple[int, int]]:
    """Each header cell's (left edge, label start) in its line: a column begins halfway across the gap before its
    label; `_place` puts a piece in the column it starts in and refuses one that runs under the next label."""
    rel = [(c.start - line_start, c.end - line_start) for c in cells]
    return [(-1 if k == 0 else (rel[k - 1][1] + a) // 2, a) for k, (a, _b) in enumerate(rel)]


def _place(line: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int, int]] | None:
    """(column, start, end) of each piece of `line` between wide gaps, by the column it starts in; None when a piece
    runs under the next column's label (a sentence, not a row)."""
    out = []
    todo = list(_pieces(line))
    while todo:
        a, b = todo.pop(0)
        a += len(line[a:b]) - len(line[a:b].lstrip())
        b -= len(line[a:b]) - len(line[a:b].rstrip())
        k = max(k for k, (lo, _label) in enumerate(bounds) if lo <= a) if a >= bounds[0][0] else 0
        if k + 1 < len(bounds) and b > bounds[k + 1][1] + 1:
            # two cells two spaces apart ("(năm  tỷ đồng"): split where the next column begins, else no row
            cut = line.find("  ", max(a, bounds[k + 1][0] - 3), b)
            if cut < 0 or cut > bounds[k + 1][1] + 1:
                return None
            todo.insert(0, (cut, b))
            b = cut
        out.append((k, a, b))
    return out


def _laid_out_table(
    text: str, lines: list[re.Match[str]], i: int, head: list[Cell],
) -> tuple[list[list[Cell]], int] | None:
    """A table laid out in columns (pdftotext -layout, a typed table) read by position under its header line:
    label lines above and below it ("Ước TH" / "năm 2025", "Thực hiện" / "nhiệm kỳ" / "2020-2025") join the labels
    of the columns they stand over, a blank line may follow the header, each piece of a row belongs to the column
    above it (a notes cell or an empty value no longer breaks the row), and a line without numbers continues the
    cells of the row above it. Returns the rows (header first) and the index of the line after the table."""
    bounds = _bounds(head, lines[i].start())
    labels = [c.text for c in head]

    def indexed(line: str) -> bool:  # "I     VỀ KINH TẾ", "12    Chi bộ …": a row, a group's or a data row
        first = _TOKEN.search(line)
        return (first is not None and first.start() < bounds[min(1, len(bounds) - 1)][0]
                and _ROW_INDEX.fullmatch(first.group()) is not None)

    def label_line(k: int) -> list[tuple[int, int, int]] | None:
        line = lines[k].group()
        if not line.strip() or not _LABEL_LINE.match(line) or indexed(line):
            return None
        placed = _place(line, bounds)
        return placed if placed and len(placed) < len(head) else None

    top = i
    while top - 1 >= 0 and top > i - 2 and (placed := label_line(top - 1)) is not None:
        top -= 1
        for k, a, b in placed:
            labels[k] = f"{' '.join(lines[top].group()[a:b].split())} {labels[k]}".strip()
    j = i + 1
    while j < len(lines) and j < i + 3 and (placed := label_line(j)) is not None:
        for k, a, b in placed:
            labels[k] = f"{labels[k]} {' '.join(lines[j].group()[a:b].split())}".strip()
        j += 1
    header = [Cell(c.start, c.end, label) for c, label in zip(head, labels, strict=True)]
    cols = _columns([header], len(header))
    name_k = next((k for k, c in enumerate(cols) if c.role in ("name", "actor")), None)
    if name_k is None or not any(c.role in ("value", "unit_value") for c in cols):
        return None
    while j < len(lines) and not lines[j].group().strip() and j < i + 4:  # a blank line under the header
        j += 1
    rows: list[list[Cell]] = [header]
    while j < len(lines):
        m = lines[j]
        if not m.group().strip():
            break
        placed = _place(m.group(), bounds)
        if placed is None:
            break
        if len(rows) > 1 and not any(ch.isdigit() for ch in m.group()) and not indexed(m.group()):
            # a wrapped line: "vạn dân", "nhiệm kỳ)"
            row = rows[-1]
            for k, a, b in placed:  # the words join the cell's text ("đồng/" + "người"); its span stays on its first line
                old, piece = row[k], " ".join(m.group()[a:b].split())
                joined = f"{old.text}{'' if old.text.endswith('/') else ' '}{piece}"
                row[k] = Cell(old.start, old.end, joined) if old.text else _cell(text, m.start() + a, m.start() + b)
            j += 1
            continue
        row = [Cell(m.start(), m.start(), "") for _ in header]
        for k, a, b in placed:
            row[k] = _cell(text, m.start() + a, m.start() + b) if not row[k].text else _cell(
                text, row[k].start, m.start() + b)
        if not row[name_k].text:
            break
        _unit_out_of_name(text, row, cols, name_k)
        rows.append(row)
        j += 1
    return (rows, j) if len(rows) > 1 else None


def _unit_out_of_name(text: str, row: list[Cell], cols: list[_Column], name_k: int) -> None:
    """An empty unit cell whose unit ran into the name with too narrow a gap ("… trẻ dưới 5 tuổi  %")."""
    unit_k = next((k for k, c in enumerate(cols) if c.role == "unit"), None)
    if unit_k is None or row[unit_k].text:
        return
    cell = row[name_k]
    gap = text.rfind("  ", cell.start, cell.end)  # two spaces: narrower than a column gap, wider than a word's
    if gap > cell.start and unit_kind(text[gap:cell.end].strip()) is not None:
        row[unit_k] = _cell(text, gap, cell.end)
        row[name_k] = _cell(text, cell.start, gap)


def _numbering(line: str) -> bool:
    tokens = _TOKEN.findall(line)
    return len(tokens) >= 3 and all(t.isdigit() for t in tokens) and [int(t) for t in tokens] == list(
        range(int(tokens[0]), int(tokens[0]) + len(tokens)))


def _pieces(line: str) -> list[tuple[int, int]]:
    """(start, end) in `line` of the text between its gaps."""
    out, at = [], 0
    for g in _GAP.finditer(line):
        out.append((at, g.start()))
        at = g.end()
    out.append((at, len(line)))
    return [(a, b) for a, b in out if line[a:b].strip()]


def _header_cells(text: str, m: re.Match[str]) -> list[Cell]:
    """A header line's cells: its pieces between gaps, with an index label cut off the front, the unit label
    out of the name's piece, and one value label ending at each year ("Năm 2023 Năm 2024 Năm 2025")."""
    line, roles = m.group(), _roles()
    spans: list[tuple[int, int]] = []
    for a, b in _pieces(line):
        piece = line[a:b]
        cuts = {a, b}
        first = _TOKEN.search(piece)
        if first and roles["index"].fullmatch(first.group()) and first.end() < len(piece.rstrip()):
            cuts.add(a + first.end())
        for u in roles["unit"].finditer(piece):
            cuts |= {a + u.start(), a + u.end()}
        years = list(_YEAR.finditer(piece))
        if len(years) >= 2:
            cuts |= {a + y.end() for y in years}
        ordered = sorted(cuts)
        spans += [(x, y) for x, y in zip(ordered, ordered[1:], strict=False) if line[x:y].strip()]
    return [_cell(text, m.start() + x, m.start() + y) for x, y in spans]


def _loose_header(
    text: str, m: re.Match[str], below: re.Match[str] | None
) -> tuple[list[list[Cell]], list[_Column]] | None:
    """The header's rows (one, or two when the line below divides a spanned column) and its columns: an
    indicator name or an actor, and at least one value column."""
    line, roles = m.group(), _roles()
    if line.rstrip().endswith((".", ";", ",")) or not (
            _GAP.search(line.strip()) or any(roles[r].search(line) for r in ("index", "unit"))):
        return None  # a sentence, not a row of column labels
    cells = _header_cells(text, m)
    if len(cells) < 3 or any(_is_value(c.text) and not _YEAR.search(c.text) for c in cells):
        return None
    rows = [cells]
    sub = _header_cells(text, below) if below is not None and below.group().strip() else []
    if len(sub) >= 2 and _YEAR.search(below.group()) and not any(  # type: ignore[union-attr]
            _is_value(c.text) and not _YEAR.search(c.text) for c in sub):
        rows.append(sub)
    width = len(cells) + (len(rows[1]) - 1 if len(rows) > 1 else 0)
    cols = _columns(rows, width)
    if not any(c.role in ("name", "actor") for c in cols) or not any(c.role in ("value", "unit_value") for c in cols):
        return None
    return rows, cols


def _continue_name(row: list[Cell], cols: list[_Column], more: str) -> None:
    k = next((k for k, c in enumerate(cols) if c.role in ("name", "actor")), None)
    if k is not None and row[k].text:
        row[k] = Cell(row[k].start, row[k].end, f"{row[k].text} {' '.join(more.split())}")


def _loose_row(text: str, start: int, end: int, cols: list[_Column]) -> list[Cell] | None:
    """A data row in text[start:end] (one line, or two when the name wrapped above its values) laid out on the
    header's columns; None when it does not end in one value cell per value column (those right of the name
    and unit)."""
    named = [k for k, c in enumerate(cols) if c.role in ("name", "unit", "index", "actor")]
    n_values = len(cols) - 1 - max(named)
    if n_values < 1:
        return None  # no column right of the name and unit holds a value
    # pieces between gaps; a piece of numbers set apart by single spaces is one value each ("68 74 80")
    units: list[tuple[int, int]] = []
    for a, b in _pieces(text[start:end]):
        toks = list(_TOKEN.finditer(text, start + a, start + b))
        if len(toks) > 1 and all(_value_cell().fullmatch(t.group()) and any(ch.isdigit() for ch in t.group()) for t in toks):
            units += [(t.start(), t.end()) for t in toks]
        else:
            units.append((start + a, start + b))
    if len(units) <= n_values:
        # a name and its values set apart by single spaces only: the values are the last tokens
        units = [(t.start(), t.end()) for t in _TOKEN.finditer(text, start, end)]
        if len(units) <= n_values:
            return None
    values, head = units[-n_values:], units[:-n_values]
    if not all(_value_cell().fullmatch(" ".join(text[a:b].split())) for a, b in values):
        # "Tối thiểu 150" split by single spaces into tokens: join a bound word back to its number
        return _token_row(text, start, end, cols, n_values)
    if _value_cell().fullmatch(" ".join(text[head[-1][0]:head[-1][1]].split())) and any(
            ch.isdigit() for ch in text[head[-1][0]:head[-1][1]]):
        return None  # more numbers than value columns
    return _lay_out(text, head, values, cols)


def _token_row(text: str, start: int, end: int, cols: list[_Column], n_values: int) -> list[Cell] | None:
    """Tokens only: values are the last tokens, a bound word before a number joined to it."""
    toks = [(t.start(), t.end()) for t in _TOKEN.finditer(text, start, end)]
    values: list[tuple[int, int]] = []
    k = len(toks)
    while len(values) < n_values and k > 0:
        for w in (3, 2, 1):  # "không quá 5", "Dưới 1,5", "3,5"
            if k - w < 0:
                continue
            a, b = toks[k - w][0], toks[k - 1][1]
            if _value_cell().fullmatch(" ".join(text[a:b].split())) and any(ch.isdigit() or ch in "-–—…xX" for ch in text[a:b]):
                values.insert(0, (a, b))
                k -= w
                break
        else:
            return None
    head = toks[:k]
    if not head or len(values) < n_values:
        return None
    return _lay_out(text, head, values, cols)


def _lay_out(text: str, head: list[tuple[int, int]], values: list[tuple[int, int]], cols: list[_Column]) -> list[Cell]:
    """Cells for the header's columns: index, name (or actor), unit, then the values."""
    named = [k for k, c in enumerate(cols) if c.role in ("name", "unit", "index", "actor")]
    out = [Cell(head[0][0], head[0][0], "") for _ in range(max(named) + 1)]
    rest = list(head)
    idx = next((k for k in named if cols[k].role == "index"), None)
    if idx is not None and rest:
        first = _TOKEN.match(text, rest[0][0])
        if first and _INDEX_CELL.match(first.group()) and (first.end() < rest[0][1] or len(rest) > 1):
            out[idx] = _cell(text, first.start(), first.end())
            rest[0] = (first.end(), rest[0][1])
            if not text[rest[0][0]:rest[0][1]].strip():
                rest = rest[1:]
    unit_k = next((k for k in named if cols[k].role == "unit"), None)
    if unit_k is not None and rest:
        if len(rest) > 1 and unit_kind(" ".join(text[rest[-1][0]:rest[-1][1]].split())) is not None:
            out[unit_k] = _cell(text, *rest[-1])
            rest = rest[:-1]
        else:  # "Thu nhập bình quân đầu người triệu đồng": the unit is the longest ending that reads as one
            words = list(_TOKEN.finditer(text, rest[-1][0], rest[-1][1]))
            for n in range(min(4, len(words) - 1), 0, -1):
                if unit_kind(" ".join(w.group() for w in words[-n:])) is not None:
                    out[unit_k] = _cell(text, words[-n].start(), words[-1].end())
                    rest[-1] = (rest[-1][0], words[-n - 1].end())
                    break
    name_k = next((k for k in named if cols[k].role in ("name", "actor")), None)
    if name_k is not None and rest:
        out[name_k] = _cell(text, rest[0][0], rest[-1][1])
    return out + [_cell(text, a, b) for a, b in values]


_CELL_LINE = 100  # a paragraph longer than this is prose, not a table cell


def cell_tables(text: str) -> list[list[list[Cell]]]:
    """Word tables pasted as plain text, one cell per paragraph and no bars: an index label ("STT", "TT") opens the
    header, whose labels run to the first row index; the rows follow, each opening with its index and as wide as
    the header (a group row, "I" then its name, is two cells; missing trailing cells are empty)."""
    lines = [m for m in _LINE.finditer(text) if m.group().strip()]
    roles = _roles()
    tables: list[list[list[Cell]]] = []
    i = 0
    while i < len(lines):
        if not roles["index"].fullmatch(lines[i].group().strip()):
            i += 1
            continue
        k = i + 1
        while k < len(lines) and len(lines[k].group()) <= _CELL_LINE and not _ROW_INDEX.fullmatch(lines[k].group().strip()):
            k += 1
        header = [_cell(text, m.start(), m.end()) for m in lines[i:k]]
        cols = _columns([header], len(header)) if 3 <= len(header) <= 12 else []
        if not any(c.role in ("name", "actor") for c in cols) or not any(c.role == "value" for c in cols):
            i += 1
            continue
        rows, width = [header], len(header)
        # a row may end early only after its last value cell: what trails it (a note) is what goes missing
        last_value = max(j for j, c in enumerate(cols) if c.role in ("value", "unit_value"))
        while k < len(lines) and _ROW_INDEX.fullmatch(lines[k].group().strip()):
            row = [_cell(text, lines[k].start(), lines[k].end())]
            k += 1
            while k < len(lines) and len(row) < width and len(lines[k].group()) <= _CELL_LINE:
                if len(row) == 2 and _ROW_INDEX.fullmatch(lines[k].group().strip()):
                    break  # "I", "KINH TẾ": a group row, the next row's index follows its name
                if len(row) > max(2, last_value) and _next_row(row[0].text, lines, k):
                    break  # a row whose last cells were left empty (dropped when pasted): the next row begins
                row.append(_cell(text, lines[k].start(), lines[k].end()))
                k += 1
            end = row[-1].end
            rows.append(row + [Cell(end, end, "") for _ in range(width - len(row))])
            if k < len(lines) and len(lines[k].group()) > _CELL_LINE:
                break
        if len(rows) > 2:
            tables.append(rows)
        i = max(k, i + 1)
    return tables


def _next_row(index: str, lines: list[re.Match[str]], k: int) -> bool:
    """lines[k] opens the row after the one numbered `index`: it is the next number ("2" after "1") or another
    row label, and a name follows it rather than a value or a further index."""
    here = lines[k].group().strip()
    if not _ROW_INDEX.fullmatch(here) or k + 1 >= len(lines):
        return False
    if here.isdigit() and index.strip().isdigit() and int(here) != int(index) + 1:
        return False
    after = lines[k + 1].group().strip()
    return not _ROW_INDEX.fullmatch(after) and not _is_value(after) and not _value_cell().fullmatch(after)


def bar_tables(text: str) -> list[list[list[Cell]]]:
    """Flattened tables: every cell closed by a line holding only "|", every row opened by one.

    "|" twice in a row is ambiguous: the end of a row (closing bar, then the next row's opening bar)
    or an empty cell. Header rows often have fewer cells than the table (spanned headings), so they
    are split at every empty; below the header each row is filled to the table's width.
    """
    return [rows for segs in _bar_segments(text) if len(rows := _rows_of(segs)) >= 2]


def _bar_segments(text: str) -> list[list[Cell | None]]:
    """Per table, what lies between consecutive "|" lines: a cell, or None when nothing does."""
    tables: list[list[Cell | None]] = []
    segs: list[Cell | None] = []
    cell_start: int | None = None
    in_table = False
    since_bar = 0

    def close() -> None:
        nonlocal segs, in_table, cell_start
        if any(x is not None for x in segs):
            tables.append(segs)
        segs, in_table, cell_start = [], False, None

    for m in _LINE.finditer(text):
        line = m.group()
        if line.strip() == "|":
            if in_table:
                segs.append(_cell(text, cell_start, m.start()) if cell_start is not None else None)
            in_table, cell_start, since_bar = True, None, 0
            continue
        if not in_table:
            continue
        since_bar += 1
        if not line.strip() and cell_start is None:  # blank line right after a bar: the table is over
            close()
            continue
        if cell_start is None:
            cell_start = m.start()
        if since_bar > 8:  # a long run of lines without a bar is text, not a cell
            close()
    close()
    return tables


def _split_at_empties(segs: list[Cell | None]) -> list[tuple[list[Cell], int]]:
    """Rows ending at every empty segment, with the index of the segment after each row."""
    rows: list[tuple[list[Cell], int]] = []
    row: list[Cell] = []
    for i, seg in enumerate(segs):
        if seg is None:
            if row:
                rows.append((row, i + 1))
                row = []
            continue
        row.append(seg)
    if row:
        rows.append((row, len(segs)))
    return rows


_INDEX_CELL = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđA-ZĐ]|[-+•–])[.)]?$")


def _rows_of(segs: list[Cell | None]) -> list[list[Cell]]:
    loose = _split_at_empties(segs)
    n_header = _header_rows([r for r, _ in loose])
    header = [r for r, _ in loose[:n_header]]
    body_from = loose[n_header - 1][1] if n_header else 0
    lengths = Counter(len(r) for r, _ in loose[n_header:] if len(r) >= 3)
    if not header or not lengths:
        return [r for r, _ in loose]
    width = max(max(len(r) for r in header), max(lengths, key=lambda n: (lengths[n], n)))
    rows = list(header)
    row: list[Cell | None] = []
    for seg in segs[body_from:]:
        if len(row) == width:
            rows.append(_filled(row))
            row = []
            if seg is None:  # the row boundary
                continue
        row.append(seg)
    if any(c is not None for c in row):
        rows.append(_filled(row))
    return rows


def _filled(row: list[Cell | None]) -> list[Cell]:
    out: list[Cell] = []
    for c in row:
        if c is None:
            at = out[-1].end if out else 0
            c = Cell(at, at, "")
        out.append(c)
    return out


# ------------------------------------------------------------------ reading a table


@dataclass(slots=True)
class _Column:
    label: str = ""
    role: str = ""  # "name", "unit", "value", "skip", "index"
    year_start: str | None = None
    year_end: str | None = None
    unit: str = ""  # printed in the header: "Lượng (Tấn)"
    measure: str = ""  # what the column counts besides its year: "Lượng", "Giá trị tham gia xuất khẩu"
    place: str = ""  # the place or body a value column assigns its values to: "Xã Na Son"


_SUM_ROW = re.compile(r"(?:tổng|cộng|toàn\s+(?:xã|phường|huyện|tỉnh|thành\s+phố|đảng\s+bộ))\b", re.I)
_TOTAL = re.compile(r"(?:tổng|cộng|trong đó)\b", re.I)


def _is_value(cell: str) -> bool:
    # "Tối thiểu 150", "Không quá 5": a bound's letters do not make a label
    letters = sum(ch.isalpha() for ch in re.sub(rf"^(?:{bound_words()}|khoảng)\s*", "", cell, flags=re.I))
    if not cell or _NUMBER.search(cell) is None or letters > 6:
        return False
    return not (letters and _YEAR.search(cell))  # "Năm 2026" is a label


def _is_numbering(row: list[Cell]) -> bool:
    """The column-number row under a header: "1 2 3 …", possibly after letter columns "A B"."""
    cells = [c.text for c in row if c.text]
    while cells and len(cells[0]) == 1 and cells[0].isalpha() and cells[0].isupper():
        cells = cells[1:]
    return len(cells) >= 3 and all(t.isdigit() for t in cells) and [int(t) for t in cells] == list(
        range(int(cells[0]), int(cells[0]) + len(cells))
    )


def _header_rows(rows: list[list[Cell]]) -> int:
    """Number of header rows: up to the column-number row ("1 2 3 …"), else up to the first data row — one
    with a value beyond its first two cells, an index in its first cell ("I", "1", "-") or a lone cell.
    0 when no data row follows."""
    for i, row in enumerate(rows):
        if _is_numbering(row):
            return i + 1
        if len(row) < 2 or _INDEX_CELL.match(row[0].text) or any(
            _is_value(c.text) and not _YEAR.fullmatch(c.text) for c in row[2:]
        ):
            return i
    return 0


def _spans(upper: list[str], sub: list[str] | None, width: int) -> list[list[int]] | None:
    """Columns under each cell of a header row that has fewer cells than the table (spanned cells).

    The row below names the spanned columns. Two layouts are recognised: k leading cells of one
    column each, then equal groups ("Kế hoạch 2026" over "Lượng (Tấn)", "Giá trị (Nghìn USD)");
    or one spanned cell among single ones ("Giai đoạn 2026 - 2030" over "Năm 2026 … Năm 2030").
    """
    n, m = len(upper), len(sub or [])
    if not m or m > width:
        return None
    for k in range(n - 1, 0, -1):
        groups = n - k
        if groups >= 2 and m % groups == 0 and m // groups >= 2 and k + m == width:
            size = m // groups
            return [[j] for j in range(k)] + [list(range(k + g * size, k + (g + 1) * size)) for g in range(groups)]
    if n - 1 + m != width:
        return None
    years_below = any(_YEAR.search(t) for t in sub or [])
    if years_below:  # the period that the years divide
        ranged = [j for j, t in enumerate(upper) if (y := _YEAR.search(t)) and y.group(2)
                  or re.search(r"giai\s+đoạn", t, re.I)]
        j = ranged[-1] if ranged else n - 1
    else:  # the first year column divided into kinds ("Kế hoạch", "Ước thực hiện")
        j = next((j for j, t in enumerate(upper) if _YEAR.search(t)), n - 1)
    return [[c] for c in range(j)] + [list(range(j, j + m))] + [[j + m + c] for c in range(n - j - 1)]


def _right_aligned(labels: list[str], texts: list[str], width: int) -> None:
    """No recognised span: left cells up to the first year label, the rest right-aligned."""
    k = next((i for i, t in enumerate(texts) if _YEAR.search(t)), len(texts))
    right = texts[k:]
    for i, t in enumerate(texts[:k]):
        labels[i] = f"{labels[i]} {t}".strip()
    first_right = width - len(right)
    for j, t in enumerate(right):
        labels[first_right + j] = f"{labels[first_right + j]} {t}".strip()


_PAREN = re.compile(r"\(([^()\d]{1,30})\)\s*$")


_COUNT_OF = re.compile(r"số\s+(.+)", re.I)


def _counted_label(label: str) -> str:
    """"Số học sinh", "Số lớp": a column named "Số" + a counted noun alone counts that noun (its unit), as a
    bracketed unit would say; "Số hộ thoát nghèo" names more than its noun and is left to the other roles."""
    m = _COUNT_OF.fullmatch(label.strip())
    if m is None or _YEAR.search(label):
        return ""
    noun = re.sub(r"\s+", " ", m.group(1)).strip()
    return noun if unit_kind(noun) == "quantity" else ""


def _header_unit(label: str) -> str:
    """The unit in brackets at the end of a column label, when it reads as a unit."""
    m = _PAREN.search(label)
    if m is None:
        return ""
    unit = re.sub(r"\s+", " ", m.group(1)).strip()
    return unit if unit_kind(unit) else ""


def _measure(label: str) -> str:
    """What a value column measures once its years, plan words and unit are gone ("Kế hoạch 2026 Lượng
    (Tấn)" gives "Lượng"; "Giai đoạn 2026 - 2030 Năm 2026" gives nothing): a year spanning two columns of
    different kinds tells them apart only by these words, which the row's item name lacks."""
    rest = _roles()["period"].sub(" ", _YEAR.sub(" ", _PAREN.sub(" ", label)))
    rest = " ".join(re.sub(r"[-–:;,/()]+", " ", rest).split())
    if sum(ch.isalpha() for ch in rest) < 3 or _roles()["not_measure"].search(rest):
        return ""
    return rest


def _lower_first(name: str) -> str:
    """"Xoài" -> "xoài", "BÒ SỮA" -> "bò sữa"; an abbreviation inside ("GRDP") is kept."""
    if name.isupper():
        return name.lower()
    return name[0].lower() + name[1:] if name[1:2].islower() else name


def _columns(header: list[list[Cell]], width: int) -> list[_Column]:
    rows = [[c.text for c in row] for row in header if not _is_numbering(row)]
    labels = [""] * width
    i = 0
    while i < len(rows):
        texts = rows[i]
        if len(texts) >= width:
            for j in range(width):
                labels[j] = f"{labels[j]} {texts[j]}".strip()
            i += 1
            continue
        sub = rows[i + 1] if i + 1 < len(rows) else None
        spans = _spans(texts, sub, width)
        if spans is None:
            _right_aligned(labels, texts, width)
            i += 1
            continue
        under: list[int] = []
        for t, cols in zip(texts, spans, strict=True):
            for col in cols:
                labels[col] = f"{labels[col]} {t}".strip()
            if len(cols) > 1:
                under += cols
        for col, t in zip(under, sub or [], strict=False):
            labels[col] = f"{labels[col]} {t}".strip()
        i += 2
    roles = _roles()
    cols = []
    for label in labels:
        col = _Column(label, unit=_header_unit(label) or _counted_label(label))
        col.measure = _measure(label)
        place = roles["place_value"].match(label.strip())
        if place and label.strip()[place.end() : place.end() + 1].isupper() | label.strip()[place.end() :][:1].isdigit():
            col.role, col.place, col.measure = "value", label.strip(), ""  # "Xã Na Son" over the communes' values
        elif roles["skip"].search(label):
            col.role = "skip"
        elif roles["unit"].search(label):
            col.role = "unit"
        elif roles["index"].fullmatch(label.strip()):
            col.role = "index"
        elif roles["actor"].search(label.strip()):
            col.role = "actor"
        elif (y := list(_YEAR.finditer(label))):
            col.role = "value"
            last = y[-1]
            if last.group(2):
                col.year_start, col.year_end = last.group(1), last.group(2)
            else:  # "Năm 2026" is that year; "Đến năm 2030" has no start
                until = re.search(r"đến\s+(?:năm\s+)?$", label[: last.start()], re.I)
                col.year_start, col.year_end = (None if until else last.group(1)), last.group(1)
        elif roles["value"].search(label):
            col.role = "value"
        elif roles["name"].search(label):
            col.role = "name"
        elif col.unit:  # "Số hộ nghèo giảm (hộ)", "Tỷ lệ (%)": values, under a caption that sets targets
            col.role = "unit_value"
        cols.append(col)
    if not any(c.role in ("name", "actor") for c in cols):
        for c in cols:
            if not c.role:
                c.role = "name"
                break
    return cols


def _quantity(doc: Doc, cell: Cell, unit: str) -> Quantity | None:
    m = _NUMBER.search(doc.text, cell.start, cell.end)
    if m is None:
        return None
    read = unit_and_per(unit) if "/" in unit else None  # "%/năm" is "%" per year; a cell without "/" as printed
    unit, per = (read[1], read[2]) if read else (unit, None)
    found = find_quantities(doc.text[cell.start : cell.end])
    q = found[0] if found else None
    value = parse_number(m.group())
    if not math.isfinite(value):
        return None  # 309 digits or more: noise, not a value
    value_max = q.value_max if q and q.value_max is not None else None
    comparator = q.comparator if q else "="
    unit = unit or (q.unit if q else "")
    kind = "percent" if unit == "%" else "money" if unit.lower() in _currencies() else "quantity" if unit else "number"
    start = m.start()
    if q is not None and q.qual_start is not None:
        start = min(start, cell.start + q.qual_start)
    end = cell.end
    return Quantity(start, end, doc.text[start:end], kind, value, value_max, unit, per, comparator)


def _with_measure(col: _Column, name: str) -> str:
    """The row's name with what its column measures: "Giá trị tham gia xuất khẩu" over the years and "Xoài" in the
    row make "Giá trị tham gia xuất khẩu xoài"; "Tổng I + II" in that column is "Tổng giá trị tham gia xuất khẩu".
    Only a column that prints its unit has a measure: a bare "Tỉnh giao", "Tổng số" or "Quý I" under a year says
    who sets the value or how it is split, not what is counted."""
    if not col.measure or not col.unit:
        return name
    if _SUM_OF_ROWS.fullmatch(name):
        return name if _RATIO_MEASURE.match(col.measure) else f"Tổng {_lower_first(col.measure)}"
    if (len(name.split()) > _ITEM_WORDS or col.measure.lower() in name.lower()
            or _roles()["indicator_row"].search(name)):
        return name
    return f"{col.measure} {_lower_first(name)}"


_RATIO_MEASURE = re.compile(r"(?:tỷ|tỉ)\s+lệ|tốc\s+độ|bình\s+quân", re.I)  # a ratio column's total is no "Tổng tỷ lệ"
_SUM_OF_ROWS = re.compile(r"(?:tổng|cộng)(?:\s+(?:cộng|số))?(?:\s+[IVX\d]+(?:\s*[+,]\s*[IVX\d]+)*)?", re.I)
_ITEM_WORDS = 6  # "Sữa và sản phẩm từ sữa", "Xi măng và clanke": an item's name may run to six words


def _past_year(doc: Doc, col: _Column) -> bool:
    """A column that is only a year before the document's ("Năm 2025" in a plan of January 2026) holds what was
    reached; a plan word keeps it ("Kế hoạch 2025" restates last year's target)."""
    issued = doc.info.issued_date
    return bool(issued and col.year_end and col.year_end[:4] < issued[:4] and not _roles()["value"].search(col.label))


def table_targets(doc: Doc, rows: list[list[Cell]], caption: str = "") -> list[Target]:
    """Targets of one table (rows of cells); `caption` is the text from the heading above to the table."""
    width = max(len(r) for r in rows)
    n_header = _header_rows(rows)
    if n_header == 0:
        return []
    cols = _columns(rows[:n_header], width)
    for c in cols:  # a column that only prints its unit holds targets when the caption sets them
        if c.role == "unit_value":
            c.role = "value" if _roles()["target_captions"].search(caption) else ""
    _assign_actors(cols, [r for r in rows[n_header:] if len(r) >= width])
    name_col = next((i for i, c in enumerate(cols) if c.role == "name"), None)
    actor_col = next((i for i, c in enumerate(cols) if c.role == "actor"), None)
    row_col = name_col if name_col is not None else actor_col
    if row_col is None:
        return []
    unit_col = next((i for i, c in enumerate(cols) if c.role == "unit"), None)
    value_cols = [i for i, c in enumerate(cols) if c.role == "value" and not _past_year(doc, c)]
    out: list[Target] = []
    group = ""  # the last row with a name and no values: "Giá trị tham gia xuất khẩu" over "Chuối", "Nhãn"
    for row in rows[n_header:]:
        if len(row) < width or _is_numbering(row):
            continue
        name = re.sub(r"^[-+•–]\s*", "", row[row_col].text).strip()
        if len(name) < 3 or not any(ch.isalpha() for ch in name):
            continue
        if name_col is None and _SUM_ROW.match(name):
            continue  # "Tổng cộng", "Cộng toàn xã" under the bodies assigned: their sum, set by no one
        if not any(_is_value(row[i].text) for i in value_cols):
            group = name
            continue
        if group and _roles()["row_measure"].search(name):
            name = f"{name} {_lower_first(group)}"  # "Diện tích" under "Xoài", "Tổng đàn" under "BÒ SỮA"
        elif group and len(name.split()) <= 2 and not _TOTAL.match(name):
            name = f"{group} {_lower_first(name)}"
        unit = row[unit_col].text if unit_col is not None else ""
        if not unit and (bracketed := _header_unit(name)):  # "Tỷ lệ hộ nghèo (%)", "Số lao động (người)"
            unit, name = bracketed, name[: name.rfind("(")].rstrip()
        for i in value_cols:
            cell = row[i]
            if not _is_value(cell.text):
                continue
            q = _quantity(doc, cell, unit or cols[i].unit)
            if q is None:
                continue
            col = cols[i]
            # a row naming who is assigned ("Chi bộ ấp 1") under a column naming what ("Chỉ tiêu kết nạp đảng
            # viên (đồng chí)"): the column is the metric, the row its actor
            metric = _with_measure(col, name) if name_col is not None else (col.measure or col.label)
            period = (col.year_start, col.year_end, col.label) if col.year_end else _context_period(doc, q.start)
            out.append(
                Target(
                    start=q.start, end=q.end, text=q.text, metric=metric, quantity=q, cue=col.label or None,
                    period_start=period[0], period_end=period[1], period_text=period[2],
                    actors=[col.place] if col.place else [] if name_col is not None else [name],
                    sent=doc.sentence_of(q.start),
                )
            )
    return out


def _context_period(doc: Doc, pos: int) -> tuple[str | None, str | None, str | None]:
    """A value column without a year holds the period of the heading above the table, else the title's range, else
    the plan's own section on when it runs."""
    from nlp.targets import document_periods, governing_period, period_fields

    found = governing_period(doc, pos) or document_periods(doc)
    return period_fields(found[0]) if found else (None, None, None)


def _assign_actors(cols: list[_Column], body: list[list[Cell]]) -> None:
    """An "Đơn vị" column whose cells are names ("Chi bộ ấp 1", "Xã Tân An"), not units of measure, names who is
    assigned each row; with no value column of its own the table's "Chỉ tiêu …" column holds the values."""
    for i, c in enumerate(cols):
        cells = [r[i].text for r in body if r[i].text]
        if c.role == "unit" and _roles()["actor"].search(c.label.strip()) and cells and sum(
            _is_name_cell(t) for t in cells) * 2 > len(cells):
            c.role = "actor"
    if any(c.role == "actor" for c in cols) and not any(c.role == "value" for c in cols):
        for c in cols:
            if c.role == "name" and (c.unit or _CHI_TIEU.search(c.label)):
                c.role = "value"
    elif not any(c.role == "value" for c in cols):  # "Nội dung | Chỉ tiêu": the second name column holds values
        names = [c for c in cols if c.role == "name"]
        for c in names[1:]:
            if _CHI_TIEU.search(c.label):
                c.role = "value"


_CHI_TIEU = re.compile(r"chỉ\s+tiêu", re.I)


def _is_name_cell(text: str) -> bool:
    """ "Chi bộ ấp 1", "Xã Tân An": a body or a place, not a unit of measure ("Người", "%", "Tỷ đồng")."""
    return unit_kind(text) is None and len(text.split()) >= 2 and text[:1].isupper()


_PROSE_LINE = 200  # a longer line is a paragraph of the text, not a caption: its "dự toán" is no table's
_HEADING = re.compile(r"^[\s*#]*(?:[IVX]+|\d+(?:\.\d+)*|[A-D]|Phần|Mục|Điều\s+\d+)[.):]\s*\S")
# an annex's or a table's title line ("Phụ lục I", "Biểu 02", "PHỤ LỤC"): where a caption starts
TABLE_TITLE = re.compile(
    r"^[\s*#]*(?:phụ\s+lục|biểu|mẫu\s+biểu|bảng)(?:[ \t]+(?:số[ \t]+)?[\dIVXLC]+[a-z]?\b|[ \t]*(?:[:.\n]|$))", re.I)


def _caption(text: str, start: int, prev_end: int) -> str:
    """The table's caption: from the table back to the heading above it, within 400 characters, stopping at a
    line of prose."""
    caption = []
    for line in reversed(text[max(prev_end, start - 400) : start].split("\n")):
        if len(line.strip()) > _PROSE_LINE:
            break
        caption.append(line)
        if _HEADING.match(line) or TABLE_TITLE.match(line):
            break
    return "\n".join(reversed(caption))


def _overlaps(a: list[list[Cell]], b: list[list[Cell]]) -> bool:
    return a[0][0].start < b[-1][-1].end and b[0][0].start < a[-1][-1].end


def _read(doc: Doc, tables: list[list[list[Cell]]]) -> list[tuple[list[list[Cell]], list[Target]]]:
    """Each table in text order with its targets, read under its caption."""
    out = []
    prev_end = 0
    for rows in sorted(tables, key=lambda rows: rows[0][0].start):
        caption = _caption(doc.text, rows[0][0].start, prev_end)
        # a budget, forecast or results table sets no targets
        got = [] if _roles()["skip_captions"].search(caption) else table_targets(doc, rows, caption)
        out.append((rows, got))
        prev_end = rows[-1][-1].end
    return out


def _output_cells(rows: list[list[Cell]]) -> list[Cell]:
    """The cells under a header naming what each task delivers ("Kết quả dự kiến"): not tasks themselves."""
    n = _header_rows(rows)
    output = _roles()["output"]
    cols = {i for i, c in enumerate(rows[n - 1]) if output.search(c.text.strip())} if n else set()
    return [r[i] for r in rows[n:] for i in cols if i < len(r) and r[i].text]


def run(doc: Doc) -> None:
    bordered = pipe_tables(doc.text) + bar_tables(doc.text)
    # a table with borders is read as such; but a scan's rules read as "|" here and there make bordered rows
    # of a few lines without a header, and the table is read whole without its borders
    real = [rows for rows in bordered if _header_rows(rows)]
    loose = [t for t in loose_tables(doc.text) + cell_tables(doc.text) if not any(_overlaps(t, rows) for rows in real)]
    # tables of figures (a value or unit column), not of tasks: their rows are no guidance items
    doc.extras["figure_tables"] = [
        (rows[0][0].start, max(c.end for c in rows[-1])) for rows in real + loose
        if any(c.role in ("value", "unit", "unit_value") for c in _columns(rows[: _header_rows(rows)], max(map(len, rows))))
    ]
    doc.extras["output_cells"] = [(c.start, c.end) for rows in real for c in _output_cells(rows)]
    read = [(rows, got) for rows, got in _read(doc, bordered + loose) if got]
    if not read:
        return
    from nlp.targets import normal_unit

    found = [t for _, got in read for t in got]
    for t in found:
        t.quantity.unit = normal_unit(t.quantity.unit)  # header cells print "Ha", "Tấn"
    # a sentence-level target in a table that sets targets is a number its columns already judged: a value
    # cell read again without its column, a base year's figure, a number inside a row's name
    spans = [(rows[0][0].start, max(c.end for c in rows[-1])) for rows, _ in read]
    kept = [t for t in doc.targets if not any(s <= t.quantity.start < e for s, e in spans)]
    doc.targets = sorted(kept + found, key=lambda t: t.start)
