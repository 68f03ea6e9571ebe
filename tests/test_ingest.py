from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

import pytest
from helpers_service import SAMPLE_PLAN, corpus_dir

from nlp.ingest import Ingested, IngestError, read_bytes, read_file

# ------------------------------------------------------------------ text


def test_utf8_text() -> None:
    data = SAMPLE_PLAN.encode("utf-8")
    got = read_bytes(data, "kh.txt")
    assert isinstance(got, Ingested)
    assert got.text == SAMPLE_PLAN
    assert got.source.media_type == "text/plain"
    assert got.source.filename == "kh.txt"
    assert got.source.encoding == "utf-8"
    assert got.source.sha256 == hashlib.sha256(data).hexdigest()
    assert got.source.ocr is False
    assert got.source.pages is None
    assert got.warnings == []


def test_bom_is_dropped() -> None:
    got = read_bytes("\ufeffBan Thường vụ Huyện ủy.".encode(), "bom.txt")
    assert got.text == "Ban Thường vụ Huyện ủy."


def test_crlf_and_nfd_are_normalised() -> None:
    raw = unicodedata.normalize("NFD", "Chỉ thị số 05\r\nvề công tác kiểm tra")
    got = read_bytes(raw.encode("utf-8"))
    assert got.text == "Chỉ thị số 05\nvề công tác kiểm tra"


def test_windows_1258_text_is_decoded() -> None:
    # "Quyết định về việc giao chỉ tiêu" in Windows-1258: base letters + combining tone marks
    data = b"Quy\xea\xect \xf0i\xf2nh v\xea\xcc vi\xea\xf2c giao chi\xd2 ti\xeau"
    got = read_bytes(data, "cp1258.txt")
    assert got.text == "Quyết định về việc giao chỉ tiêu"
    assert got.source.encoding == "cp1258"


def test_bytes_that_are_no_vietnamese_encoding_are_refused() -> None:
    # tone marks stacked on consonants: not UTF-8 and no legacy decoding reads as Vietnamese
    data = b"Ngh\xec\xf2 quy\xea\xect \xcc\xd2\xde"
    with pytest.raises(IngestError, match="not UTF-8"):
        read_bytes(data, "cp1258.txt")


def test_nul_junk_is_binary() -> None:
    with pytest.raises(IngestError, match="binary file"):
        read_bytes(b"\x00\x01\x02ABC\x00" * 100, "junk.bin")


def test_a_stray_nul_in_utf8_text_is_removed_with_a_warning() -> None:
    got = read_bytes((SAMPLE_PLAN[:150] + "\x00" + SAMPLE_PLAN[150:]).encode("utf-8"), "kh.txt")
    assert got.text == SAMPLE_PLAN
    assert got.source.encoding == "utf-8"
    assert got.warnings == ["1 NUL byte(s) in the text were removed"]


def test_control_junk_is_binary() -> None:
    with pytest.raises(IngestError, match="binary file"):
        read_bytes(bytes(range(1, 32)) * 40, "ctl.txt")


@pytest.mark.parametrize("data", [b"", b"   \n\t\n ", "\ufeff".encode()])
def test_empty(data: bytes) -> None:
    with pytest.raises(IngestError, match="empty file"):
        read_bytes(data, "empty.txt")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        read_file(tmp_path / "khong-co.txt")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="directory"):
        read_file(tmp_path)


def test_read_file_sets_filename(tmp_path: Path) -> None:
    p = tmp_path / "thong-bao.txt"
    p.write_text("Thông báo kết luận của Thường trực Huyện ủy.", encoding="utf-8")
    got = read_file(p)
    assert got.source.filename == "thong-bao.txt"
    assert got.text.startswith("Thông báo")


def test_extension_lies_pdf_name_text_content(tmp_path: Path) -> None:
    p = tmp_path / "that-ra-la-van-ban.pdf"
    p.write_text("Kế hoạch số 45-KH/HU về phát triển đảng viên.", encoding="utf-8")
    got = read_file(p)
    assert got.source.media_type == "text/plain"
    assert "45-KH/HU" in got.text


# ------------------------------------------------------------------ PDF


def _pdf(n: int) -> Path:
    p = corpus_dir() / "pdf" / f"{n:03d}.pdf"
    if not p.exists():
        pytest.skip(f"{p} not available")
    return p


def test_pdf_with_text_layer() -> None:
    got = read_file(_pdf(1))
    assert got.source.media_type == "application/pdf"
    assert got.source.pages == 2
    assert got.source.ocr is False
    assert "542" in got.text
    assert "/TB-UBND" in got.text
    # the hand-filled number sits in a form field: it must land on its own line, in place
    assert "Số: 542 /TB-UBND" in got.text
    assert "ngày 06 tháng 11 năm 2024" in got.text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in got.text
    assert "\n\n" in got.text  # pages joined by a blank line


def test_pdf_words_match_reference_text() -> None:
    """Words of pdf/003 equal those of raw/068 (its pdftotext -layout copy) less the page number."""
    corpus = corpus_dir()
    ref = corpus / "raw" / "068.txt"
    if not ref.exists():
        pytest.skip("raw/068.txt not available")
    got = read_file(_pdf(3))
    lines = ref.read_text(encoding="utf-8").splitlines()
    expected = [w for line in lines if not line.strip().isdigit() for w in line.split()]
    # one difference: the reference glues a signature-block code ("KTTHh5.") that the PDF draws apart
    assert " ".join(got.text.split()).replace("KTTH h5 .", "KTTHh5.") == " ".join(expected)


def test_pdf_lines_are_joined_into_paragraphs() -> None:
    got = read_file(_pdf(3))
    assert "\n2\n" not in got.text  # the page number of page 2 is gone
    # a wrapped body paragraph is one line
    para = next(line for line in got.text.splitlines() if line.startswith("1. Công ty"))
    assert para.endswith("trước ngày 08/02/2025.")


def test_pdf_type_from_content_not_name(tmp_path: Path) -> None:
    p = tmp_path / "van-ban.txt"
    p.write_bytes(_pdf(4).read_bytes())
    got = read_file(p)
    assert got.source.media_type == "application/pdf"
    assert "507" in got.text


def test_scanned_corpus_pdf_is_read_by_ocr() -> None:
    from nlp.ingest import ocr

    if not ocr.available():
        pytest.skip("tesseract with the Vietnamese model (tesseract-ocr-vie) is not installed")
    got = read_file(_pdf(5))  # 2 scanned pages with a small signature text layer
    assert got.source.ocr is True
    assert got.source.pages == 2
    assert any("read by OCR" in w and "pages 1-2" in w for w in got.warnings)
    assert "/CT-UBND" in got.text
    assert "CHỈ THỊ" in got.text
    # the hand-filled number "05" is stamped over the form: read exactly, or flagged for a human
    assert "05/CT-UBND" in got.text or any(w.startswith("OCR: document number") for w in got.warnings)


def test_scan_without_ocr_gives_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from nlp.ingest import ocr

    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(IngestError, match="OCR is not available: install Tesseract"):
        read_bytes(_pdf(5).read_bytes(), "scan.pdf", isolate=False)


def test_truncated_pdf(tmp_path: Path) -> None:
    data = _pdf(1).read_bytes()
    p = tmp_path / "cut.pdf"
    p.write_bytes(data[: len(data) // 3])
    with pytest.raises(IngestError):
        read_file(p)


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n",
        b"%PDF-1.4\n%garbage\x00\x01\x02 not a pdf at all" * 20,
        b"%PDF-" + bytes(range(256)) * 10,
    ],
)
def test_corrupt_pdf(data: bytes) -> None:
    with pytest.raises(IngestError) as info:
        read_bytes(data, "x.pdf")
    assert "PDF" in str(info.value)


def test_a_text_longer_than_the_character_limit_is_refused_with_the_setting_to_raise(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHITIEU_MAX_CHARS", "500")
    with pytest.raises(IngestError, match=r"text has [\d,]+ characters, more than the limit of 500 \(CHITIEU_MAX_CHARS\)"):
        read_bytes(SAMPLE_PLAN.encode("utf-8"), "kh.txt")
    monkeypatch.setenv("CHITIEU_MAX_CHARS", str(len(SAMPLE_PLAN)))
    assert read_bytes(SAMPLE_PLAN.encode("utf-8"), "kh.txt").text == SAMPLE_PLAN


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_file_that_never_ends_is_read_only_up_to_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    import nlp.ingest

    monkeypatch.setattr(nlp.ingest, "MAX_FILE_BYTES", 1 << 20)
    with pytest.raises(IngestError, match="larger than 1 MB"):
        read_file("/dev/zero")  # a device: its size says 0, its reads never end
