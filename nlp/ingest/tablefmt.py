"""Tables as text: one line per row, cells joined by " | ", the block set off by blank lines.

`nlp.tables` reads these blocks back, so no offsets need to travel with the text.
"""

from __future__ import annotations

import re

CELL_SEP = " | "
_SPACE = re.compile(r"\s+")


def clean_cell(cell: str | None) -> str:
    """One line, no "|" (it separates cells)."""
    return _SPACE.sub(" ", (cell or "").replace("|", "/")).strip()


def render(rows: list[list[str | None]]) -> str:
    """Rows -> text lines; empty rows dropped, rows padded to the widest row."""
    cleaned = [[clean_cell(c) for c in row] for row in rows]
    cleaned = [r for r in cleaned if any(r)]
    if not cleaned:
        return ""
    width = max(len(r) for r in cleaned)
    return "\n".join(CELL_SEP.join(r + [""] * (width - len(r))) for r in cleaned)
