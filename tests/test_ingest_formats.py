"""Word, HTML, legacy-encoded and UTF-16 text, and the type sniffing behind them."""

from __future__ import annotations

import io
import unicodedata

import pytest

from nlp.ingest import IngestError, UnsupportedType, legacy, read_bytes, sniff_media_type

PLAN = "Kế hoạch số 117-KH/HU về phát triển đảng viên. Phấn đấu kết nạp ít nhất 25 đảng viên mới trong năm."
HEADING = "BAN THƯỜNG VỤ HUYỆN ỦY"  # upper case: in TCVN3 only through a .VnTimeH font
ALL_LETTERS = [line.split("\t")[0] for line in legacy.load_lines("legacy_vietnamese.tsv")]


# ------------------------------------------------------------------ legacy tables


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_every_vietnamese_letter_round_trips_through_the_legacy_table(encoding: str) -> None:
    table = legacy.table(encoding)
    for letter in ALL_LETTERS:
        if letter in table.upper_by_font:
            assert legacy.convert(legacy.encode(letter, encoding), encoding, upper=True) == letter
        else:
            assert legacy.convert(legacy.encode(letter, encoding), encoding) == letter, letter
    assert len(ALL_LETTERS) == 134  # 12 vowels x 6 tones + đ, both cases, less the 6 plain ASCII vowels x 2 + …


def test_tables_agree_with_viparse_where_it_has_the_letter() -> None:
    viparse = pytest.importorskip("viparse")
    for letter in ALL_LETTERS:
        if letter.islower():
            for enc in ("tcvn3", "vni"):
                if letter in "ẳ":
                    continue  # viparse's VNI table lacks ẳ
                assert viparse.fix(legacy.encode(letter * 3 + " " + PLAN, enc), encoding=enc).startswith(letter * 3)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_text_file_is_detected_and_converted(encoding: str) -> None:
    data = legacy.encode(PLAN, encoding).encode("latin-1")
    got = read_bytes(data, "cu.txt")
    assert got.text == PLAN
    assert got.source.encoding == encoding


def test_tcvn3_mojibake_inside_utf8_is_converted() -> None:
    got = read_bytes(legacy.encode(PLAN, "tcvn3").encode("utf-8"), "chuyen-sai.txt")
    assert got.text == PLAN
    assert got.source.encoding == "tcvn3"
    assert any("TCVN3" in w for w in got.warnings)


def test_unicode_vietnamese_is_left_alone() -> None:
    assert legacy.detect(PLAN) is None
    assert legacy.detect("Café, naïve résumé über façade") is None


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text(codec: str) -> None:
    got = read_bytes(PLAN.encode(codec), "u16.txt")
    assert got.text == PLAN
    assert got.source.encoding == "utf-16"


def test_decomposed_unicode_is_composed() -> None:
    got = read_bytes(unicodedata.normalize("NFD", PLAN).encode(), "nfd.txt")
    assert got.text == PLAN


# ------------------------------------------------------------------ Word


def _docx(paragraphs: list[tuple[str, str | None]], table: list[list[str]] | None = None) -> bytes:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for text, font in paragraphs:
        run = d.add_paragraph().add_run(text)
        if font:
            run.font.name = font
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for i, row in enumerate(table):
            for j, cell in enumerate(row):
                t.cell(i, j).text = cell
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_and_table_rows() -> None:
    data = _docx([("KẾ HOẠCH", None), (PLAN, None)], [["Chỉ tiêu", "Đơn vị tính", "Năm 2025"], ["Tỷ lệ hộ nghèo", "%", "2,5"]])
    assert sniff_media_type(data).endswith("wordprocessingml.document")
    got = read_bytes(data, "ke-hoach.pdf")  # the name lies; the content decides
    assert got.text.startswith("KẾ HOẠCH\n" + PLAN)
    assert "\n\nChỉ tiêu | Đơn vị tính | Năm 2025\nTỷ lệ hộ nghèo | % | 2,5" in got.text


def test_docx_runs_in_legacy_fonts_are_converted() -> None:
    data = _docx([(legacy.encode(HEADING.lower(), "tcvn3"), ".VnTimeH"), (legacy.encode(PLAN, "vni"), "VNI-Times")])
    got = read_bytes(data, "cu.docx")
    assert got.text.splitlines() == [HEADING, PLAN]


def test_corrupt_docx() -> None:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document>không phải XML hợp lệ")
    with pytest.raises(IngestError, match="corrupt or unreadable Word"):
        read_bytes(buf.getvalue(), "hong.docx")


def test_doc_without_libreoffice_says_how_to_convert(monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    real_which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name: None if name in ("soffice", "libreoffice") else real_which(name))
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    with pytest.raises(IngestError, match="save it as .docx or PDF"):
        read_bytes(data, "cu.doc", isolate=False)


def test_a_docx_cut_short_is_a_damaged_word_file_not_some_other_archive() -> None:
    data = _docx([("KẾ HOẠCH", None), (PLAN, None)])
    with pytest.raises(IngestError, match="corrupt or unreadable Word .docx file"):
        read_bytes(data[: len(data) // 2], "ke-hoach.docx")  # a download stopped halfway


def test_another_office_file_cut_short_is_not_called_a_word_file() -> None:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:  # the parts of an .xlsx: "[Content_Types].xml" as in every Office file
        z.writestr("[Content_Types].xml", "<Types/>" * 200)
        z.writestr("xl/workbook.xml", "<workbook>" + "<sheet/>" * 400 + "</workbook>")
    data = buf.getvalue()
    with pytest.raises(UnsupportedType, match="ZIP archive that is not a Word .docx file"):
        read_bytes(data[: len(data) // 2], "chi-tieu.xlsx")


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"PK\x03\x04" + b"\x00" * 100, "ZIP archive"), (b"{\\rtf1\\ansi Ke hoach}", "RTF document")],
)
def test_unsupported_containers(data: bytes, reason: str) -> None:
    with pytest.raises(UnsupportedType, match=reason):
        read_bytes(data, "x.txt")


# ------------------------------------------------------------------ HTML

_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Huyện ủy Tân Phú ban hành kế hoạch</title></head>
<body><nav><a href="/">Trang chủ</a> | <a href="/tin">Tin tức</a> | <a href="/lh">Liên hệ</a></nav>
<article><h1>Huyện ủy Tân Phú ban hành kế hoạch phát triển đảng viên</h1>
<p>{p}</p><p>Ban Thường vụ Huyện ủy yêu cầu các chi bộ tổ chức quán triệt kế hoạch đến toàn thể cán bộ,
đảng viên trong tháng 3 năm 2024 và báo cáo kết quả định kỳ sáu tháng một lần.</p></article>
<section class="comments"><h3>Bình luận</h3><p>Bạn đọc Nguyễn Văn A: bài viết rất hay, cảm ơn tác giả!</p></section>
<footer>Bản quyền thuộc Cổng thông tin điện tử huyện Tân Phú</footer></body></html>"""


def test_html_news_page_main_text_only() -> None:
    data = _PAGE.format(p=PLAN).encode("utf-8")
    assert sniff_media_type(data) == "text/html"
    got = read_bytes(data, "tin.txt")
    assert PLAN in got.text
    assert "quán triệt kế hoạch" in got.text
    assert "Trang chủ" not in got.text
    assert "Bình luận" not in got.text and "bài viết rất hay" not in got.text
    assert got.source.media_type == "text/html"
