"""Targets from table rows: plans often carry their chỉ tiêu only in an annex table.

Two table shapes are read from `doc.text`:

* the ingest rendering: one line per row, cells separated by " | ", the block
  set off by blank lines (`nlp.ingest.tablefmt`);
* flattened web tables (corpus `full/`): each cell on its own line(s) between
  lines holding only "|", two "|" lines in a row ending a table row.

Header rows (no value cells, or the "1 2 3 …" column-number row) give each
column a role (`data/table_columns.json`): indicator name, unit, or a value
column, with its year when the header names one. Every data row with a name
and a number in a value column gives one `Target` per value column (period =
that column's year); columns of results ("ước thực hiện") are skipped.
The target's span is the value cell; `metric` is the row's indicator name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from nlp.doc import Doc, Quantity, Target
from nlp.quantities import find_quantities, parse_number
from nlp.resources import load_json, load_lines

_LINE = re.compile(r"^.*$", re.M)
_SEP = re.compile(r"[ \t]*\|[ \t]*")
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


def pipe_tables(text: str) -> list[list[list[Cell]]]:
    """Blocks of at least two consecutive lines with " | " cells."""
    tables: list[list[list[Cell]]] = []
    rows: list[list[Cell]] = []
    for m in _LINE.finditer(text):
        line = m.group()
        if " | " in line and line.strip() != "|":
            cells, pos = [], m.start()
            for part in re.split(r"\|", line):
                cells.append(_cell(text, pos, pos + len(part)))
                pos += len(part) + 1
            rows.append(cells)
            continue
        if len(rows) >= 2:
            tables.append(rows)
        rows = []
    if len(rows) >= 2:
        tables.append(rows)
    return tables


def bar_tables(text: str) -> list[list[list[Cell]]]:
    """Flattened tables: cells between lines holding only "|"; "|" twice in a row ends a row."""
    tables: list[list[list[Cell]]] = []
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    cell_start: int | None = None
    prev_bar = False
    since_bar = 0
    for m in _LINE.finditer(text):
        line = m.group()
        if line.strip() == "|":
            if cell_start is not None:
                row.append(_cell(text, cell_start, m.start()))
                cell_start = None
            elif prev_bar and row:
                rows.append(row)
                row = []
            prev_bar, since_bar = True, 0
            continue
        since_bar += 1
        if prev_bar or cell_start is not None:
            if not line.strip() and cell_start is None:
                # blank line right after a bar: the table is over
                if row:
                    rows.append(row)
                if len(rows) >= 2:
                    tables.append(rows)
                rows, row = [], []
                prev_bar = False
                continue
            if cell_start is None:
                cell_start = m.start()
            prev_bar = False
        if since_bar > 8 and rows:
            if row:
                rows.append(row)
            if len(rows) >= 2:
                tables.append(rows)
            rows, row, cell_start = [], [], None
    if row:
        rows.append(row)
    if len(rows) >= 2:
        tables.append(rows)
    return tables


# ------------------------------------------------------------------ reading a table


@dataclass(slots=True)
class _Column:
    label: str = ""
    role: str = ""  # "name", "unit", "value", "skip", "index"
    year_start: str | None = None
    year_end: str | None = None


def _is_value(cell: str) -> bool:
    letters = sum(ch.isalpha() for ch in cell)
    if not cell or _NUMBER.search(cell) is None or letters > 6:
        return False
    return not (letters and _YEAR.search(cell))  # "Năm 2026" is a label


def _is_numbering(row: list[Cell]) -> bool:
    cells = [c.text for c in row if c.text]
    return len(cells) >= 3 and all(t.isdigit() for t in cells) and [int(t) for t in cells] == list(
        range(int(cells[0]), int(cells[0]) + len(cells))
    )


def _header_rows(rows: list[list[Cell]]) -> int:
    """Number of header rows: rows before the first one with a value beyond its first two cells."""
    for i, row in enumerate(rows):
        if _is_numbering(row):
            continue
        if any(_is_value(c.text) and not _YEAR.fullmatch(c.text) for c in row[2:]):
            return i
    return 0


def _columns(header: list[list[Cell]], width: int) -> list[_Column]:
    labels = [""] * width
    spanned: list[int] = []
    for row in header:
        if _is_numbering(row):
            continue
        texts = [c.text for c in row]
        if len(texts) >= width:
            for i in range(width):
                labels[i] = f"{labels[i]} {texts[i]}".strip()
            continue
        if spanned and len(texts) <= len(spanned):  # a sub-header under spanned columns
            for col, t in zip(spanned, texts, strict=False):
                labels[col] = f"{labels[col]} {t}".strip()
            spanned = []
            continue
        # left cells up to the first year label, the rest right-aligned; the gap is a span
        k = next((i for i, t in enumerate(texts) if _YEAR.search(t)), len(texts))
        right = texts[k:]
        for i, t in enumerate(texts[:k]):
            labels[i] = f"{labels[i]} {t}".strip()
        first_right = width - len(right)
        for j, t in enumerate(right):
            labels[first_right + j] = f"{labels[first_right + j]} {t}".strip()
        if right:
            spanned = list(range(k, first_right + 1))
            for col in spanned:
                labels[col] = labels[first_right] if col != first_right else labels[col]
    roles = _roles()
    cols = []
    for label in labels:
        col = _Column(label)
        if roles["skip"].search(label):
            col.role = "skip"
        elif roles["unit"].search(label):
            col.role = "unit"
        elif roles["index"].fullmatch(label.strip()):
            col.role = "index"
        elif (y := list(_YEAR.finditer(label))):
            col.role = "value"
            col.year_start, col.year_end = (y[-1].group(1), y[-1].group(2)) if y[-1].group(2) else (None, y[-1].group(1))
        elif roles["value"].search(label):
            col.role = "value"
        elif roles["name"].search(label):
            col.role = "name"
        cols.append(col)
    if not any(c.role == "name" for c in cols):
        for c in cols:
            if not c.role:
                c.role = "name"
                break
    return cols


def _quantity(doc: Doc, cell: Cell, unit: str) -> Quantity | None:
    m = _NUMBER.search(doc.text, cell.start, cell.end)
    if m is None:
        return None
    found = find_quantities(doc.text[cell.start : cell.end])
    q = found[0] if found else None
    value = parse_number(m.group())
    value_max = q.value_max if q and q.value_max is not None else None
    comparator = q.comparator if q else "="
    unit = unit or (q.unit if q else "")
    kind = "percent" if unit == "%" else "money" if unit.lower() in _currencies() else "quantity" if unit else "number"
    start = m.start()
    if q is not None and q.qual_start is not None:
        start = min(start, cell.start + q.qual_start)
    end = cell.end
    return Quantity(start, end, doc.text[start:end], kind, value, value_max, unit, None, comparator)


def table_targets(doc: Doc, rows: list[list[Cell]]) -> list[Target]:
    """Targets of one table (rows of cells)."""
    width = max(len(r) for r in rows)
    n_header = _header_rows(rows)
    if n_header == 0:
        return []
    cols = _columns(rows[:n_header], width)
    name_col = next(i for i, c in enumerate(cols) if c.role == "name")
    unit_col = next((i for i, c in enumerate(cols) if c.role == "unit"), None)
    value_cols = [i for i, c in enumerate(cols) if c.role == "value"]
    out: list[Target] = []
    for row in rows[n_header:]:
        if len(row) < width or _is_numbering(row):
            continue
        name = re.sub(r"^[-+•–]\s*", "", row[name_col].text).strip()
        if len(name) < 3 or not any(ch.isalpha() for ch in name):
            continue
        unit = row[unit_col].text if unit_col is not None else ""
        for i in value_cols:
            cell = row[i]
            if not _is_value(cell.text):
                continue
            q = _quantity(doc, cell, unit)
            if q is None:
                continue
            col = cols[i]
            out.append(
                Target(
                    start=q.start, end=q.end, text=q.text, metric=name, quantity=q, cue=col.label or None,
                    period_start=col.year_start, period_end=col.year_end,
                    period_text=col.label if col.year_end else None, sent=doc.sentence_of(q.start),
                )
            )
    return out


@cache
def _skip_caption() -> re.Pattern[str]:
    return re.compile("|".join(load_json("table_columns.json")["skip_captions"]), re.I)


def _captioned_as_non_targets(text: str, start: int, prev_end: int) -> bool:
    """A budget, forecast or results table ("DỰ TOÁN THU NSNN …", "DỰ BÁO …") sets no targets."""
    caption = text[max(prev_end, start - 400) : start]
    return bool(_skip_caption().search(caption))


def run(doc: Doc) -> None:
    found: list[Target] = []
    tables = sorted(pipe_tables(doc.text) + bar_tables(doc.text), key=lambda rows: rows[0][0].start)
    prev_end = 0
    for rows in tables:
        start = rows[0][0].start
        if not _captioned_as_non_targets(doc.text, start, prev_end):
            found.extend(table_targets(doc, rows))
        prev_end = rows[-1][-1].end
    if not found:
        return
    from nlp.targets import normal_unit

    for t in found:
        t.quantity.unit = normal_unit(t.quantity.unit)  # header cells print "Ha", "Tấn"
    cells = [(t.start, t.end) for t in found]
    # a sentence-level target inside a value cell is the same number read without its column: replace it
    kept = [t for t in doc.targets if not any(s <= t.quantity.start < e for s, e in cells)]
    doc.targets = sorted(kept + found, key=lambda t: t.start)
