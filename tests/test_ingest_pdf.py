"""PDFs generated during the tests (bench/bench_ingest.py): layouts, tables, scans, legacy fonts, bad files."""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import pytest

from nlp.ingest import IngestError, read_bytes
from nlp.ingest.limits import Limits

pytest.importorskip("reportlab")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import bench_ingest as gen  # noqa: E402

if gen.font_path() is None:
    pytest.skip("no DejaVuSans.ttf for Vietnamese glyphs (Debian: fonts-dejavu-core)", allow_module_level=True)


@pytest.fixture(scope="module")
def one_column() -> bytes:
    return gen.make_text_pdf(1, repeat=3)


def test_one_column_text_is_exact_and_furniture_is_gone(one_column: bytes) -> None:
    got = read_bytes(one_column, "kh.pdf")
    assert got.source.pages == 3
    assert gen.cer(gen.reference(gen.PARAGRAPHS * 3), got.text) == 0.0
    assert "Số 117-KH/HU" in got.text
    # running header of pages 2-3 and the page numbers are dropped; the number stays once, in the header
    assert got.text.count("117-KH/HU") == 1
    assert not any(line.strip().isdigit() for line in got.text.splitlines())


def test_wrapped_lines_become_one_paragraph_each(one_column: bytes) -> None:
    got = read_bytes(one_column, isolate=False)
    lines = got.text.splitlines()
    for para in gen.PARAGRAPHS:
        assert para in lines


def test_header_columns_stay_side_by_side(one_column: bytes) -> None:
    got = read_bytes(one_column, isolate=False)
    assert "ĐẢNG BỘ TỈNH QUẢNG NAM    ĐẢNG CỘNG SẢN VIỆT NAM" in got.text
    assert "Số 117-KH/HU    Tân Phú, ngày 31 tháng 10 năm 2022" in got.text


def test_two_columns_are_read_column_by_column() -> None:
    got = read_bytes(gen.make_text_pdf(2), isolate=False)
    assert gen.cer(gen.reference(), got.text) == 0.0
    for para in gen.PARAGRAPHS:  # a paragraph cut by the column break is joined again
        assert para in got.text.splitlines()


def test_annex_table_is_kept_as_rows_and_cells() -> None:
    got = read_bytes(gen.make_table_pdf(), isolate=False)
    block = "\n".join(" | ".join(r) for r in [gen.TABLE_HEADER, *gen.TABLE_ROWS])
    assert "\n\n" + block in got.text


def test_plan_with_targets_only_in_a_table_yields_them() -> None:
    from nlp.pipeline import analyze_text

    got = read_bytes(gen.make_table_pdf(), isolate=False)
    a = analyze_text(got.text, got.source, got.warnings)
    by_key = {(t.metric, t.period.end): t for t in a.targets}
    poor = by_key[("Tỷ lệ hộ nghèo", "2025")]
    assert (poor.value, poor.unit) == (2.5, "%")
    income = by_key[("Thu nhập bình quân đầu người", "2024")]
    assert (income.value, income.unit) == (68, "triệu đồng")
    assert by_key[("Số xã đạt chuẩn nông thôn mới", "2023")].value == 9
    for t in a.targets:
        assert a.text[t.start : t.end] == t.text


def _table_targets(pdf: bytes) -> dict[tuple[str, str | None], tuple[float, str]]:
    from nlp.pipeline import analyze_text

    got = read_bytes(pdf, isolate=False)
    a = analyze_text(got.text, got.source, got.warnings)
    return {(t.metric, t.period.end): (t.value, t.unit) for t in a.targets}


def _every_cell() -> dict[tuple[str, str | None], tuple[float, str]]:
    years = [h.split()[-1] for h in gen.TABLE_HEADER[3:]]
    return {(row[1], y): (float(v.replace(",", ".")), row[2])
            for row in gen.TABLE_ROWS for y, v in zip(years, row[3:], strict=True)}


def test_an_unruled_annex_table_gives_every_cell_as_a_ruled_one_does() -> None:
    assert _table_targets(gen.make_table_pdf(ruled=False)) == _every_cell()


@pytest.mark.parametrize("ruled", [True, False])
def test_a_scanned_annex_table_is_read_from_its_ocr_lines(ruled: bool) -> None:
    from nlp.ingest import ocr

    if not ocr.available():
        pytest.skip("tesseract with the Vietnamese model (tesseract-ocr-vie) is not installed")
    # OCR reads a rule as "|" here and there, and runs a name into its unit: "… đầu người | triệu đồng 62 68 75"
    assert _table_targets(gen.make_scan_pdf(gen.make_table_pdf(ruled=ruled))) == _every_cell()


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_font_pdf_is_converted_without_a_wrong_character(encoding: str) -> None:
    got = read_bytes(gen.make_text_pdf(1, encoding=encoding), isolate=False)
    ref = gen.reference()
    if encoding == "tcvn3":
        ref = gen.tcvn3_reference(ref)  # upper-case toned letters exist only in the .VnTimeH lines
    assert gen.cer(ref, got.text) == 0.0
    assert got.source.encoding == encoding
    assert "CỘNG SẢN VIỆT NAM" in got.text  # capitals font (.VnTimeH) lines come back upper case


def test_image_only_scan_is_ocrd() -> None:
    from nlp.ingest import ocr

    if not ocr.available():
        pytest.skip("tesseract with the Vietnamese model (tesseract-ocr-vie) is not installed")
    scan = gen.make_scan_pdf(gen.make_text_pdf(1), pages=1)
    got = read_bytes(scan, "scan.pdf")
    assert got.source.ocr is True
    assert "page 1: no text layer, read by OCR (tesseract, vie)" in got.warnings
    assert gen.cer(gen.reference(), got.text) <= 0.03
    assert "117-KH/HU" in got.text
    assert not [w for w in got.warnings if w.startswith("OCR: document number")]


def test_damaged_number_after_ocr_is_flagged() -> None:
    from nlp.ingest import ocr

    text = "ỦY BAN NHÂN DÂN\nSố: 1I7-KH/H U\nTân Phú, ngày 3l tháng 10 năm 2022"
    warnings = ocr.check_identity(text)
    assert any("document number" in w for w in warnings)
    assert any("date" in w for w in warnings)


# ------------------------------------------------------------------ bad files


def _encrypted() -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=StandardEncryption("mat-khau"))
    c.drawString(100, 700, "Noi dung mat")
    c.showPage()
    c.save()
    return buf.getvalue()


ZERO_PAGES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def test_encrypted_pdf() -> None:
    with pytest.raises(IngestError, match="encrypted PDF"):
        read_bytes(_encrypted(), "mat.pdf")


def test_zero_page_pdf() -> None:
    with pytest.raises(IngestError, match="PDF has no pages|corrupt"):
        read_bytes(ZERO_PAGES, "rong.pdf")


def test_page_limit(monkeypatch: pytest.MonkeyPatch, one_column: bytes) -> None:
    monkeypatch.setenv("CHITIEU_MAX_PAGES", "2")
    with pytest.raises(IngestError, match="more than the limit of 2 \\(CHITIEU_MAX_PAGES\\)"):
        read_bytes(one_column, "dai.pdf")


def test_parsing_that_hangs_is_stopped() -> None:
    from nlp.ingest import sandbox

    t = time.monotonic()
    with pytest.raises(IngestError, match="took longer than 1 s"):
        sandbox.run(time.sleep, (30,), Limits(timeout_s=1))
    assert time.monotonic() - t < 20  # killed, not waited for


def test_parsing_that_exhausts_memory_is_stopped() -> None:
    from nlp.ingest import sandbox

    with pytest.raises(IngestError, match="memory"):
        sandbox.run(bytearray, (3 * 1024**3,), Limits(memory_mb=512))


def test_limits_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHITIEU_PARSE_TIMEOUT_S", "7.5")
    monkeypatch.setenv("CHITIEU_PARSE_MEMORY_MB", "300")
    monkeypatch.setenv("CHITIEU_MAX_PAGES", "khong-phai-so")
    assert Limits.from_env() == Limits(timeout_s=7.5, memory_mb=300, max_pages=Limits().max_pages)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("mat.pdf", "encrypted", "encrypted PDF"),
        ("hong.pdf", b"%PDF-1.7\n" + b"x" * 200, "corrupt or unreadable PDF"),
        ("nen.zip", b"PK\x03\x04" + b"\x00" * 64, "ZIP archive"),
        ("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".doc"),
    ],
)
def test_bad_files_give_one_clear_line_in_cli_and_api(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes | str, reason: str
) -> None:
    from fastapi.testclient import TestClient

    from service.cli import main

    raw = _encrypted() if data == "encrypted" else data
    assert isinstance(raw, bytes)
    path = tmp_path / name
    path.write_bytes(raw)
    assert main(["analyze", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"chitieu: {path}: ") and reason in err
    assert "Traceback" not in err

    from service import app as app_module

    with TestClient(app_module.app, raise_server_exceptions=False) as client:
        r = client.post("/analyze", files={"file": (name, raw, "application/octet-stream")})
    assert r.status_code in (415, 422)
    assert reason in r.json()["detail"]


def test_daemonic_workers_parse_in_process(one_column: bytes) -> None:
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    with ctx.Pool(1) as pool:  # pool workers are daemonic and may not start children
        text = pool.apply(_read_text, (one_column,))
    assert "Số 117-KH/HU" in text


def _read_text(data: bytes) -> str:
    return read_bytes(data, "kh.pdf").text
