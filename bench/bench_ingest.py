"""Ingest fidelity benchmark: character error rate per kind of PDF, and pages per second.

PDFs are generated from Vietnamese text written for this benchmark (reportlab,
DejaVu Sans): one column, two columns, an annex table, an image-only 300-dpi
scan of the one-column PDF, and the same text set in TCVN3 (.VnTime/.VnTimeH)
and VNI (VNI-Times) font encodings. Each is read with `nlp.ingest.read_bytes`
and compared with its source text (whitespace runs count as one space). Also
run on the real PDFs of ../shared/corpus/pdf (speed only: they have no
reference text apart from raw/066-069).

    .venv/bin/python bench/bench_ingest.py [--pages 60]

The generators are imported by tests/test_ingest_pdf.py.
"""

from __future__ import annotations

import argparse
import difflib
import io
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/TTF"), Path("/usr/share/fonts/dejavu")]
PAGE_W, PAGE_H = 595.0, 842.0
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 70.0, 525.0, 70.0, 780.0
SIZE = 11.0
LEADING = 15.5

# Written for the benchmark and the tests (not copied from the corpus).
ISSUER = ["ĐẢNG BỘ TỈNH QUẢNG NAM", "HUYỆN ỦY TÂN PHÚ", "*", "Số 117-KH/HU"]
MOTTO = ["ĐẢNG CỘNG SẢN VIỆT NAM", "", "", "Tân Phú, ngày 31 tháng 10 năm 2022"]
TITLE = ["KẾ HOẠCH", "thực hiện chỉ tiêu phát triển kinh tế - xã hội năm 2023"]
PARAGRAPHS = [
    "Căn cứ Nghị quyết số 12-NQ/HU, ngày 05/01/2022 của Ban Chấp hành Đảng bộ huyện về phương hướng, "
    "nhiệm vụ giai đoạn 2021 - 2025, Ban Thường vụ Huyện ủy xây dựng kế hoạch thực hiện như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Tạo sự thống nhất trong nhận thức và hành động của cán bộ, đảng viên và nhân dân về các chỉ tiêu "
    "kinh tế - xã hội; phát huy sức mạnh tổng hợp của cả hệ thống chính trị trong việc thực hiện thắng lợi "
    "nghị quyết đại hội đảng bộ các cấp.",
    "2. Các cấp ủy, tổ chức đảng, chính quyền, Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội cụ thể "
    "hóa kế hoạch thành chương trình công tác của đơn vị mình, phân công rõ người, rõ việc, rõ thời gian "
    "hoàn thành và kết quả đạt được.",
    "II. CHỈ TIÊU CHỦ YẾU",
    "Phấn đấu tốc độ tăng giá trị sản xuất bình quân đạt từ 8,5% trở lên; thu nhập bình quân đầu người "
    "đạt 62 triệu đồng; tỷ lệ hộ nghèo giảm còn dưới 3%; tỷ lệ người dân tham gia bảo hiểm y tế đạt 95%; "
    "kết nạp ít nhất 120 đảng viên mới; 100% xã đạt chuẩn nông thôn mới trước năm 2025.",
    "Trồng mới 450 ha rừng tập trung, nâng tỷ lệ che phủ rừng lên 58,2%; bảo đảm 98% hộ gia đình sử dụng "
    "nước hợp vệ sinh; giải quyết việc làm mới cho 1.200 lao động, trong đó xuất khẩu lao động 80 người.",
    "III. NHIỆM VỤ, GIẢI PHÁP",
    "1. Đẩy mạnh công tác tuyên truyền, quán triệt để cán bộ, đảng viên và nhân dân hiểu rõ mục tiêu, "
    "nhiệm vụ và giải pháp của kế hoạch; gắn việc thực hiện chỉ tiêu với đánh giá, xếp loại tổ chức đảng "
    "và đảng viên hằng năm.",
    "2. Ủy ban nhân dân huyện chỉ đạo các phòng, ban chuyên môn rà soát quỹ đất, ưu tiên nguồn vốn cho "
    "các công trình hạ tầng giao thông, thủy lợi, trường học và trạm y tế ở các xã đặc biệt khó khăn; "
    "hỗ trợ hợp tác xã ứng dụng công nghệ cao trong sản xuất nông nghiệp.",
    "3. Ban Tổ chức Huyện ủy chủ trì, phối hợp với Ủy ban Kiểm tra Huyện ủy theo dõi, đôn đốc, kiểm tra "
    "việc thực hiện; định kỳ sáu tháng, một năm tổng hợp kết quả, báo cáo Ban Thường vụ Huyện ủy.",
]
TABLE_HEADER = ["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2023", "Năm 2024", "Năm 2025"]
TABLE_ROWS = [
    ["1", "Tỷ lệ hộ nghèo", "%", "3,5", "3", "2,5"],
    ["2", "Thu nhập bình quân đầu người", "triệu đồng", "62", "68", "75"],
    ["3", "Số xã đạt chuẩn nông thôn mới", "xã", "9", "11", "14"],
    ["4", "Tỷ lệ tham gia bảo hiểm y tế", "%", "95", "96", "97"],
]
TABLE_TITLE = "Phụ lục: Chỉ tiêu phát triển kinh tế - xã hội giai đoạn 2023 - 2025"


# ------------------------------------------------------------------ fonts


def font_path(bold: bool = False) -> Path | None:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for d in FONT_DIRS:
        if (d / name).exists():
            return d / name
    try:
        import reportlab

        p = Path(reportlab.__file__).parent / "fonts" / name
        return p if p.exists() else None
    except ImportError:
        return None


def _register(name: str, pdf_name: str | None = None) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if name in pdfmetrics.getRegisteredFontNames():
        return name
    path = font_path()
    if path is None:
        raise RuntimeError("no DejaVuSans.ttf (Debian: fonts-dejavu-core)")
    font = TTFont(name, str(path))
    if pdf_name:
        font.face.name = pdf_name.encode()  # the name the PDF carries (".VnTime", "VNI-Times")
    pdfmetrics.registerFont(font)
    return name


# ------------------------------------------------------------------ drawing


def _wrap(text: str, font: str, size: float, width: float, indent: float = 0.0) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, cur = [], ""
    for word in text.split():
        trial = f"{cur} {word}".strip()
        limit = width - (indent if not lines else 0.0)
        if cur and stringWidth(trial, font, size) > limit:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    if cur:
        lines.append(cur)
    return lines


class _Writer:
    """Flows paragraphs down one or two columns, with page numbers and a running header."""

    def __init__(self, canvas, font: str, columns: int = 1, encode: Callable[[str], str] = str) -> None:
        self.c, self.font, self.encode = canvas, font, encode
        gutter = 26.0
        width = (MARGIN_R - MARGIN_L - gutter * (columns - 1)) / columns
        self.columns = [(MARGIN_L + i * (width + gutter), width) for i in range(columns)]
        self.col, self.y, self.page = 0, MARGIN_T, 1

    def new_page(self) -> None:
        self._furniture()
        self.c.showPage()
        self.page += 1
        self.col, self.y = 0, MARGIN_T + 10

    def _furniture(self) -> None:
        self.c.setFont(self.font, 9)
        self.c.drawCentredString(PAGE_W / 2, 40, self.encode(str(self.page)))
        if self.page > 1:
            self.c.drawCentredString(PAGE_W / 2, PAGE_H - 40, self.encode("Kế hoạch số 117-KH/HU"))

    def finish(self) -> None:
        self._furniture()
        self.c.showPage()

    def text_at(self, x: float, y: float, s: str, size: float = SIZE, centre: bool = False, font: str | None = None) -> None:
        self.c.setFont(font or self.font, size)
        if centre:
            self.c.drawCentredString(x, PAGE_H - y, self.encode(s))
        else:
            self.c.drawString(x, PAGE_H - y, self.encode(s))

    def paragraph(self, text: str, indent: float = 24.0) -> None:
        x0, width = self.columns[self.col]
        for i, line in enumerate(_wrap(text, self.font, SIZE, width, indent)):
            if self.y > MARGIN_B:
                if self.col + 1 < len(self.columns):
                    self.col, self.y = self.col + 1, self.top
                else:
                    self.new_page()
                    self.top = self.y
                x0, width = self.columns[self.col]
            self.text_at(x0 + (indent if i == 0 else 0.0), self.y, line)
            self.y += LEADING
        self.y += 4

    top = MARGIN_T


def _header(w: _Writer, capitals_font: str | None = None) -> None:
    y = MARGIN_T
    for left, right in zip(ISSUER, MOTTO, strict=True):
        if left:
            w.text_at(150, y, left, 11, centre=True, font=capitals_font if left.isupper() else None)
        if right:
            w.text_at(400, y, right, 11, centre=True, font=capitals_font if right.isupper() else None)
        y += LEADING
    y += 10
    w.text_at(PAGE_W / 2, y, TITLE[0], 13, centre=True, font=capitals_font)
    w.text_at(PAGE_W / 2, y + LEADING + 2, TITLE[1], 11, centre=True)
    w.y = w.top = y + 2 * LEADING + 14


def reference(paragraphs: list[str] | None = None, header: bool = True) -> str:
    """The text a perfect reader returns for `make_text_pdf` (compare with whitespace collapsed)."""
    parts = []
    if header:
        for left, right in zip(ISSUER, MOTTO, strict=True):
            parts.append(" ".join(x for x in (left, right) if x))
        parts += TITLE
    parts += paragraphs if paragraphs is not None else PARAGRAPHS
    return "\n".join(parts)


def tcvn3_reference(text: str) -> str:
    """TCVN3 holds no upper-case toned letter outside capitals fonts: mixed-case words carry them lower-case."""
    from nlp.ingest import legacy

    holdable = legacy.table("tcvn3").upper_by_font
    return "\n".join(line if line.isupper() else "".join(ch.lower() if ch in holdable else ch for ch in line)
                     for line in text.split("\n"))


def make_text_pdf(columns: int = 1, repeat: int = 1, encoding: str | None = None) -> bytes:
    """One- or two-column plan; `encoding` "tcvn3"/"vni" sets it in a legacy font encoding."""
    from reportlab.pdfgen import canvas as rl_canvas

    from nlp.ingest import legacy

    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    capitals = None
    if encoding == "tcvn3":
        font, capitals = _register("VnTime", ".VnTime"), _register("VnTimeH", ".VnTimeH")
    elif encoding == "vni":
        font = _register("VniTimes", "VNI-Times")
    else:
        font = _register("DejaVuSans")

    def encode(s: str) -> str:
        if encoding is None:
            return s
        if encoding == "tcvn3" and s.isupper():
            return legacy.encode(s.lower(), encoding)  # capitals font draws lower-case codes upper-case
        return legacy.encode(s, encoding)

    w = _Writer(c, font, columns, encode)
    if encoding == "tcvn3":
        # TCVN3 has no upper-case toned letters: upper-case lines go in the capitals font
        orig = w.text_at

        def text_at(x, y, s, size=SIZE, centre=False, font=None):  # type: ignore[no-untyped-def]
            orig(x, y, s, size, centre, capitals if s.isupper() and any(ord(ch) > 127 for ch in s) else font)

        w.text_at = text_at  # type: ignore[method-assign]
    _header(w, capitals)
    for _ in range(repeat):
        for p in PARAGRAPHS:
            w.paragraph(p, 0.0 if p.isupper() else 24.0)
    w.finish()
    c.save()
    return buf.getvalue()


def make_table_pdf(ruled: bool = True) -> bytes:
    """A plan whose targets sit only in an annex table, with ruled cells or (`ruled=False`) columns set apart
    by white space alone."""
    from reportlab.lib import colors
    from reportlab.pdfgen import canvas as rl_canvas
    from reportlab.platypus import Table, TableStyle

    font = _register("DejaVuSans")
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    w = _Writer(c, font)
    _header(w)
    w.paragraph(PARAGRAPHS[0])
    w.paragraph(PARAGRAPHS[2])
    w.text_at(PAGE_W / 2, w.y + 10, TABLE_TITLE, 11, centre=True)
    table = Table([TABLE_HEADER, *TABLE_ROWS], colWidths=[35, 165, 75, 60, 60, 60])
    grid = [("GRID", (0, 0), (-1, -1), 0.6, colors.black)] if ruled else []
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 10), *grid]))
    _tw, th = table.wrapOn(c, MARGIN_R - MARGIN_L, 400)
    table.drawOn(c, MARGIN_L, PAGE_H - (w.y + 30) - th)
    w.finish()
    c.save()
    return buf.getvalue()


def table_reference() -> str:
    rows = [TABLE_HEADER, *TABLE_ROWS]
    return "\n".join([*reference(PARAGRAPHS[:1] + PARAGRAPHS[2:3]).split("\n"), TABLE_TITLE]
                     + [" | ".join(r) for r in rows])


def make_scan_pdf(pdf: bytes, pages: int = 1, dpi: int = 300) -> bytes:
    """An image-only PDF: each page of `pdf` rendered at `dpi` (grayscale) and placed as a picture."""
    import pypdfium2 as pdfium
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas as rl_canvas

    src = pdfium.PdfDocument(pdf)
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    for i in range(min(pages, len(src))):
        image = src[i].render(scale=dpi / 72, grayscale=True).to_pil()
        png = io.BytesIO()
        image.save(png, format="PNG")
        c.drawImage(ImageReader(io.BytesIO(png.getvalue())), 0, 0, PAGE_W, PAGE_H)
        c.showPage()
    c.save()
    src.close()
    return buf.getvalue()


# ------------------------------------------------------------------ measuring


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("|", " ")).strip()


def levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def cer(reference_text: str, hypothesis: str) -> float:
    """Character error rate, whitespace runs as one space; exact Levenshtein inside differing word runs."""
    ref, hyp = _norm(reference_text), _norm(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    rw, hw = ref.split(" "), hyp.split(" ")
    errors = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, rw, hw, autojunk=False).get_opcodes():
        if op != "equal":
            errors += levenshtein(" ".join(rw[i1:i2]), " ".join(hw[j1:j2])) + (1 if i1 != i2 and j1 != j2 else 0)
    return errors / len(ref)


def _read(data: bytes, isolate: bool = False):  # type: ignore[no-untyped-def]
    from nlp.ingest import read_bytes

    return read_bytes(data, isolate=isolate)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=60, help="pages of the speed PDF (one column)")
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "pdf")
    args = ap.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")

    rows = []
    one = make_text_pdf(1)
    kinds: list[tuple[str, bytes, str]] = [
        ("text PDF, one column", one, reference()),
        ("text PDF, two columns", make_text_pdf(2), reference()),
        ("text PDF, annex table", make_table_pdf(), table_reference()),
        ("TCVN3 font (.VnTime/.VnTimeH)", make_text_pdf(1, encoding="tcvn3"), tcvn3_reference(reference())),
        ("VNI font (VNI-Times)", make_text_pdf(1, encoding="vni"), reference()),
    ]
    for name, data, ref in kinds:
        got = _read(data)
        rows.append((name, cer(ref, got.text), got.source.pages, None))
    from nlp.ingest import ocr

    if ocr.available():
        for name, data in (("one column", one), ("two columns", make_text_pdf(2))):
            scan = make_scan_pdf(data, pages=1)
            t = time.perf_counter()
            got = _read(scan)
            dt = time.perf_counter() - t
            rows.append((f"image-only scan, 300 dpi, {name}", cer(reference(), got.text), got.source.pages, 1 / dt))

    speed_pdf = make_text_pdf(1, repeat=max(1, args.pages // 2))
    n_pages = _read(speed_pdf).source.pages or 1
    t = time.perf_counter()
    for _ in range(3):
        _read(speed_pdf)
    pps = 3 * n_pages / (time.perf_counter() - t)
    import pdfplumber

    t = time.perf_counter()
    with pdfplumber.open(io.BytesIO(speed_pdf)) as doc:
        for page in doc.pages[:10]:
            page.extract_text()
    plumber_pps = min(10, n_pages) / (time.perf_counter() - t)

    corpus_pps = None
    if args.corpus.is_dir():
        files = sorted(args.corpus.glob("00[1-4].pdf"))
        t = time.perf_counter()
        pages = sum(_read(f.read_bytes()).source.pages or 0 for f in files)
        corpus_pps = pages / (time.perf_counter() - t) if files else None

    print("| kind | CER | pages |")
    print("|---|---:|---:|")
    for name, value, pages, _ in rows:
        print(f"| {name} | {value * 100:.2f}% | {pages} |")
    print()
    print("| speed (one core, in-process) | pages/s |")
    print("|---|---:|")
    print(f"| generated text PDF, {n_pages} pages | {pps:.0f} |")
    print(f"| same PDF, plain pdfplumber `extract_text` (baseline, same run) | {plumber_pps:.1f} |")
    if corpus_pps:
        print(f"| corpus text PDFs pdf/001-004 | {corpus_pps:.0f} |")
    for name, _value, _pages, speed in rows:
        if speed:
            print(f"| OCR, {name} | {speed:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
