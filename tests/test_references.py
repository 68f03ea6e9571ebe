"""Citations of other documents: type word, số ký hiệu, date and issuer."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp.doc import Doc
from nlp.normalise import normalise_text
from nlp.references import find_references, normalise_number, run, type_of_number
from nlp.schema import DocumentInfo

CORPUS = Path("/work/shared/corpus")


def _one(text: str):
    refs = find_references(text)
    assert len(refs) == 1, refs
    ref = refs[0]
    assert text[ref.start : ref.end] == ref.text
    assert text[ref.number_start : ref.number_end].replace(" ", "").replace("\n", "") == ref.number
    return ref


def test_party_plan_with_date_and_issuer():
    text = "Thực hiện Kế hoạch số 205-KH/HU, ngày 12/3/2023 của Ban Thường vụ Huyện ủy “về công tác”."
    ref = _one(text)
    assert ref.text == "Kế hoạch số 205-KH/HU, ngày 12/3/2023 của Ban Thường vụ Huyện ủy"
    assert (ref.doc_type, ref.number, ref.issued_date, ref.issuer) == (
        "ke_hoach", "205-KH/HU", "2023-03-12", "Ban Thường vụ Huyện ủy",
    )


def test_state_decision_with_long_date_and_issuer_stops_before_ve():
    text = "Căn cứ Quyết định số 88/QĐ-UBND ngày 05 tháng 01 năm 2021 của Ủy ban nhân dân tỉnh Bến Tre về việc giao chỉ tiêu;"
    ref = _one(text)
    assert ref.doc_type == "quyet_dinh"
    assert ref.issued_date == "2021-01-05"
    assert ref.issuer == "Ủy ban nhân dân tỉnh Bến Tre"
    assert ref.text.endswith("tỉnh Bến Tre")


def test_issuer_stops_before_verb():
    ref = _one("theo Quyết định 12/QĐ-TTg của Thủ tướng Chính phủ phê duyệt Đề án")
    assert ref.issuer == "Thủ tướng Chính phủ"


def test_a_central_code_names_its_issuer_where_the_text_prints_none():
    refs = find_references("Căn cứ Nghị định số 07/2021/NĐ-CP ngày 28/01/2021; Thông tư số 09/2025/TT-BNV; "
                           "Luật số 01/2021/QH15; Thông tư 25/2019/TT-BCT; Kế hoạch số 117-KH/HU, ngày 31/10/2022.")
    assert [(r.number, r.issuer, r.issuer_from_code) for r in refs] == [
        ("07/2021/NĐ-CP", None, "Chính phủ"), ("09/2025/TT-BNV", None, "Bộ Nội vụ"), ("01/2021/QH15", None, "Quốc hội"),
        ("25/2019/TT-BCT", None, "Bộ Công Thương"), ("117-KH/HU", None, None),  # a district's code: any district
    ]


def test_bare_number_takes_type_from_abbreviation():
    ref = _one("tiếp tục thực hiện 36-NQ/TW trong toàn Đảng bộ")
    assert (ref.text, ref.doc_type, ref.number) == ("36-NQ/TW", "nghi_quyet", "36-NQ/TW")


@pytest.mark.parametrize(
    ("printed", "number", "doc_type"),
    [
        ("Kết luận số 100 - KL/TW", "100-KL/TW", "ket_luan"),
        ("Hướng dẫn số 01- HD/TW", "01-HD/TW", "huong_dan"),
        ("Nghị quyết số 29 - NQ/ĐU", "29-NQ/ĐU", "nghi_quyet"),
        ("Kết luận 445-KL/TƯ", "445-KL/TƯ", "ket_luan"),
        ("Quyết định 84 QĐ/TWĐTN", "84QĐ/TWĐTN", "quyet_dinh"),
        ("Nghị định số 15/2021/NĐ-CP", "15/2021/NĐ-CP", "other"),
        ("Nghị quyết số 99/2023/QH15", "99/2023/QH15", "nghi_quyet"),
        ("Thông tư số 07/2020/TT-BKHĐT", "07/2020/TT-BKHĐT", "other"),
        ("Quyết định số 2088/QĐUBND", "2088/QĐUBND", "quyet_dinh"),
        ("Nghị quyết 30c/NQCP", "30c/NQCP", "nghi_quyet"),
        ("Quyết định số 71/QĐ-UBND-HC", "71/QĐ-UBND-HC", "quyet_dinh"),
        ("Báo cáo số 12/BC-SGD&ĐT", "12/BC-SGD&ĐT", "bao_cao"),
        ("Chỉ thị 31/CTTg", "31/CTTg", "chi_thi"),
        ("Công văn số 77/UBND-VX", "77/UBND-VX", "cong_van"),
        ("Tờ trình số 05-TTr/ĐU", "05-TTr/ĐU", "to_trinh"),
        ("Quy định số 15-QĐ/TW", "15-QĐ/TW", "quy_dinh"),
        ("QUYẾT ĐỊNH SỐ 61/QĐ-TTG", "61/QĐ-TTG", "quyet_dinh"),
        ("Chương trình hành động số 12-CTr/TU", "12-CTr/TU", "chuong_trinh"),
        ("Ke hoach so 33/KH-UBND", "33/KH-UBND", "ke_hoach"),
    ],
)
def test_number_forms(printed: str, number: str, doc_type: str):
    ref = _one(f"Căn cứ {printed}; các ngành thực hiện.")
    assert ref.number == number
    assert ref.doc_type == doc_type
    assert ref.text == printed


def test_code_broken_across_line_and_spaces_before_slash():
    ref = _one("Thực hiện Kế hoạch số 64/KH-\nUBND ngày 02/02/2024 của UBND tỉnh,")
    assert ref.number == "64/KH-UBND"
    assert ref.issuer == "UBND tỉnh"
    assert _one("theo Thông báo số 18    /TB-UBND của tỉnh").number == "18/TB-UBND"


def test_type_word_without_number_is_not_a_reference():
    text = "Quán triệt Nghị quyết Đại hội và các Chỉ thị, Hướng dẫn và Đề án số của Trung ương."
    assert find_references(text) == []


def test_ranges_rates_and_dates_are_not_numbers():
    text = "giai đoạn 2021-2025, tăng 3-4%/năm, đạt 10/7 đảng viên, 24/24 xã, ngày 22/12/2024, Covid-19"
    assert find_references(text) == []


def test_glued_word_after_code_is_left_out():
    ref = _one("TRUNG ƯƠNG***Số: 367 - QĐ/TWĐTN-VPĐOÀN TNCS")
    assert ref.number == "367-QĐ/TWĐTN"


def test_normalise_number():
    assert normalise_number("Số: 542    /TB-UBND") == "542/TB-UBND"
    assert normalise_number("số 01- HD/TW") == "01-HD/TW"
    assert normalise_number("186/KH-\nUBND") == "186/KH-UBND"


def test_type_of_number():
    assert type_of_number("507/UBND-KGVX") == "cong_van"
    assert type_of_number("12-ĐA/TU") == "de_an"
    assert type_of_number("5/XYZ") == "other"


def test_run_drops_own_number_in_header_but_keeps_a_body_citation_of_another_date():
    text = "Số: 15/KH-UBND\nKẾ HOẠCH\nThực hiện Kế hoạch số 15/KH-UBND năm trước và 7/KH-UBND."
    doc = Doc(text=text, info=DocumentInfo(number="15/KH-UBND"), header_end=text.index("KẾ HOẠCH") + 8)
    run(doc)
    assert [r.number for r in doc.references] == ["15/KH-UBND", "7/KH-UBND"]
    assert doc.references[0].start > doc.header_end


def test_an_annex_caption_citing_the_document_itself_is_no_reference() -> None:
    text = ("Số: 552/KH-UBND\nKẾ HOẠCH\nThực hiện Kế hoạch số 552/KH-UBND ngày 02/3/2024 và 7/KH-UBND.\n"
            "Phụ lục I\n(Kèm theo Kế hoạch số 552/KH-UBND ngày 19/11/2025 của Ủy ban nhân dân tỉnh)\n")
    doc = Doc(text=text, info=DocumentInfo(number="552/KH-UBND", issued_date="2025-11-19"),
              header_end=text.index("KẾ HOẠCH") + 8)
    run(doc)
    assert [(r.number, r.issued_date) for r in doc.references] == [("552/KH-UBND", "2024-03-02"), ("7/KH-UBND", None)]



def test_a_scanned_header_number_written_in_by_hand_is_no_reference() -> None:
    # OCR reads the hand-written number as debris, so the header gives no number of its own; the piece of it that
    # looks like a number is still the document's own, and a citation flattened onto the same line stays one
    from nlp.pipeline import process

    scan = process("ỦY BAN NHÂN DÂN    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH QUẢNG NGÃI    Độc lập - Tự do - "
                   "Hạnh phúc\nSố: Ê§0 /TB-UBND    Quảng Ngãi, ngày 3| tháng 12 năm 2024\nTHÔNG BÁO\nKết luận của Chủ "
                   "tịch UBND tỉnh\n\nThực hiện Quyết định số 21/2024/QĐ-TTg của Thủ tướng Chính phủ, Chủ tịch UBND "
                   "tỉnh kết luận như sau:\n")
    letter = process("ỦY BAN NHÂN DÂN    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH QUẢNG NGÃI    Độc lập - Tự do - "
                     "Hạnh phúc\nSố: 12/UBND-KGVX    V/v thực hiện Kế hoạch số 45/KH-SYT\nQuảng Ngãi, ngày 03 tháng 12 "
                     "năm 2024\n\nKính gửi: Sở Y tế\n\nỦy ban nhân dân tỉnh đề nghị Sở Y tế triển khai.\n")
    assert [r.number for r in scan.references] == ["21/2024/QĐ-TTg"]
    assert [r.number for r in letter.references] == ["45/KH-SYT"]


def _corpus(path: str) -> str:
    file = CORPUS / path
    if not file.exists():
        pytest.skip(f"corpus file {file} not available")
    return normalise_text(file.read_text(encoding="utf-8"))


def test_corpus_example_article_cites_plan_117():
    text = _corpus("raw/000.txt")
    refs = {r.number: r for r in find_references(text)}
    ref = refs["117-KH/HU"]
    assert ref.issued_date == "2022-10-31"
    assert ref.doc_type == "ke_hoach"
    assert ref.issuer == "Ban Thường vụ Huyện ủy"


def test_corpus_party_numbers_with_spaces():
    refs = {r.number for r in find_references(_corpus("raw/037.txt"))}
    assert "100-KL/TW" in refs
    numbers = {r.number: r for r in find_references(_corpus("raw/036.txt"))}
    assert numbers["29-NQ/ĐU"].doc_type == "nghi_quyet"


@pytest.mark.parametrize("name", ["raw/011.txt", "raw/034.txt", "raw/066.txt", "raw/069.txt", "full/001.txt", "full/024.txt"])
def test_corpus_spans_are_exact(name: str):
    text = _corpus(name)
    refs = find_references(text)
    assert refs
    for r in refs:
        assert text[r.start : r.end] == r.text
        assert r.start <= r.number_start < r.number_end <= r.end


def test_corpus_conclusion_notice_cites_cong_van():
    refs = {r.number: r for r in find_references(_corpus("raw/066.txt"))}
    assert refs["2003/UBDT-VPCTMTQG"].doc_type == "cong_van"
    assert refs["2003/UBDT-VPCTMTQG"].issued_date == "2024-11-01"


def test_an_issuer_stops_where_the_next_citation_begins() -> None:
    from nlp.references import find_references

    text = ("Căn cứ Kế hoạch số 215-KH/HU, ngày 12/9/2024 của Ban Thường vụ Huyện ủy và Nghị quyết số "
            "57-NQ/TW của Bộ Chính trị; Quyết định số 12/QĐ-UBND của Sở Kế hoạch và Đầu tư.")
    issuers = {r.number: r.issuer for r in find_references(text)}
    assert issuers == {"215-KH/HU": "Ban Thường vụ Huyện ủy", "57-NQ/TW": "Bộ Chính trị",
                       "12/QĐ-UBND": "Sở Kế hoạch và Đầu tư"}


def test_a_chair_as_issuer_and_a_decree_typed_without_d_stroke() -> None:
    from nlp.references import find_references

    (chair,) = find_references("Căn cứ Quyết định số: 2087/QĐ-UBND ngày 28/9/2022 của Chủ tịch UBND tỉnh về việc giao biên chế.")
    assert (chair.number, chair.issuer) == ("2087/QĐ-UBND", "Chủ tịch UBND tỉnh")
    (decree,) = find_references("Theo số 30/2020/ND-CP, các cơ quan rà soát thể thức văn bản.")
    assert decree.doc_type == "other"  # a Nghị định, not a công văn
