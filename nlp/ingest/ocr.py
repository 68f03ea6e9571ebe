"""OCR of scanned pages with Tesseract's Vietnamese model (`tesseract-ocr-vie`).

A page is rendered by pypdfium2 at `DPI` in grayscale and piped to
`tesseract - - -l vie tsv` with OMP_THREAD_LIMIT=1 (Tesseract's own threads make
it slower on small machines: 3-4 s a dense page single-threaded against 18-23 s
with default threading on 2 cores). The words come back with their boxes and
go through the same layout code as a text layer.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from functools import cache
from typing import Any

from nlp.ingest import IngestError
from nlp.ingest.layout import Box

DPI = 300
LANG = "vie"
PAGE_TIMEOUT_S = 120
MIN_CONFIDENCE = 0.0  # tesseract gives -1 for non-word rows
UNAVAILABLE = (
    "scanned PDF (no text layer) and OCR is not available: install Tesseract with its Vietnamese "
    "model (Debian: apt-get install tesseract-ocr tesseract-ocr-vie)"
)


@cache
def available() -> bool:
    """Tesseract is installed and has the Vietnamese model."""
    exe = shutil.which("tesseract")
    if not exe:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return LANG in out.stdout.split()


def page_words(page: Any) -> list[Box]:
    """Words of a rendered page with boxes in PDF points, top-down."""
    if not available():
        raise IngestError(UNAVAILABLE)
    scale = DPI / 72
    image = page.render(scale=scale, grayscale=True).to_pil()
    buf = io.BytesIO()
    image.save(buf, format="PPM")  # uncompressed: nothing to encode or decode
    return parse_tsv(run_tesseract(buf.getvalue()), scale)


def run_tesseract(image: bytes, psm: int = 3) -> str:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    cmd = ["tesseract", "-", "-", "-l", LANG, "--psm", str(psm), "--dpi", str(DPI), "tsv"]
    try:
        done = subprocess.run(cmd, input=image, capture_output=True, timeout=PAGE_TIMEOUT_S, env=env, check=False)
    except subprocess.TimeoutExpired:
        raise IngestError(f"OCR of a page took longer than {PAGE_TIMEOUT_S} s") from None
    except OSError as exc:
        raise IngestError(f"OCR failed to start ({exc.strerror})") from None
    if done.returncode != 0:
        raise IngestError(f"OCR failed: {done.stderr.decode('utf-8', 'replace').strip()[:200]}")
    return done.stdout.decode("utf-8", "replace")


def parse_tsv(tsv: str, scale: float) -> list[Box]:
    """Tesseract TSV -> word boxes; each word gets its line's top and bottom (a lone "-" sits mid-line)."""
    lines: dict[tuple[str, ...], tuple[float, float]] = {}
    words: list[Box] = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12:
            continue
        key = tuple(cells[1:5])
        left, top, width, height = (float(c) for c in cells[6:10])
        if cells[0] == "4":
            lines[key] = (top / scale, (top + height) / scale)
        elif cells[0] == "5" and cells[11].strip():
            line_top, line_bottom = lines.get(key, (top / scale, (top + height) / scale))
            words.append(Box(cells[11].strip(), left / scale, (left + width) / scale, line_top, line_bottom))
    return words


# ------------------------------------------------------------------ checks after OCR

_NUMBER_LINE = re.compile(r"(?<!\w)Số\s*:?\s*(?P<num>[^\s,;]+(?:\s*[/-]\s*[^\s,;]+)*)")
_DATE_LINE = re.compile(r"ngày\s+(?P<d>\S+)\s+tháng\s+(?P<m>\S+)\s+năm\s+(?P<y>\S+)")


def check_identity(text: str) -> list[str]:
    """Warnings for a số ký hiệu or date in the header that OCR may have damaged."""
    from nlp.references import NUMBER_PATTERN

    head = text[:1500]
    warnings = []
    m = _NUMBER_LINE.search(head)
    if m:
        num = re.sub(r"\s+", "", m.group("num"))
        if not re.fullmatch(NUMBER_PATTERN, num):
            warnings.append(f'OCR: document number "{num}" does not look like a số ký hiệu; check it against the scan')
    d = _DATE_LINE.search(head)
    if d:
        day, month, year = d.group("d"), d.group("m"), d.group("y").rstrip(".,;")
        ok = day.isascii() and day.isdigit() and month.isascii() and month.isdigit() and re.fullmatch(r"(?:19|20)\d\d", year) is not None
        if not ok or not (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
            warnings.append(f'OCR: date "{d.group(0)}" looks damaged; check it against the scan')
    return warnings
