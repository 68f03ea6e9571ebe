"""Document identity from the header block, and the layout blocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp.doc import Doc
from nlp.normalise import normalise_text
from nlp.structure import readable_name, run

CORPUS = Path("/work/shared/corpus")

CELL_HEADER = """|
**ỦY BAN NHÂN
DÂN **
TỈNH BẾN TRE
-------
|
**CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số: 64/KH-UBND
|
*Bến Tre, ngày 02
tháng 02 năm 2024*
|

**KẾ HOẠCH**

PHÁT TRIỂN ĐẢNG VIÊN TRONG
THANH NIÊN NĂM 2024

Thực hiện Chỉ thị số 09-CT/TU ngày 10/01/2024 của
Ban Thường vụ Tỉnh ủy, Ủy ban nhân dân tỉnh ban hành
kế hoạch như sau:

**I. MỤC ĐÍCH,
YÊU CẦU**

**1. Mục đích**

*1.1. *Nâng cao chất lượng công tác tạo nguồn phát triển
đảng viên trong thanh niên.

- Mỗi xã kết nạp ít nhất 02 đảng viên;
- Tỷ lệ đoàn viên được giới thiệu đạt 80%.

Nơi nhận:
- Như trên;
- Lưu: VT.
|
**KT. CHỦ TỊCH **
PHÓ CHỦ TỊCH
**Nguyễn Văn Hùng**
|
"""

SIDE_BY_SIDE = """ ỦY BAN NHÂN DÂN             CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
 TỈNH QUẢNG TRỊ                   Độc lập - Tự do - Hạnh phúc

  Số: 71    /TB-UBND             Đông Hà, ngày 05 tháng 3 năm 2024

                               THÔNG BÁO
   Kết luận của Chủ tịch UBND tỉnh tại cuộc họp
        về tiến độ giải ngân vốn đầu tư công


       Ngày 01/3/2024, Chủ tịch UBND tỉnh chủ trì cuộc họp về
tiến độ giải ngân vốn đầu tư công năm 2024 với các sở, ngành và
UBND các huyện. Chủ tịch UBND tỉnh kết luận như sau:
        1. Đánh giá chung
        - Các đơn vị đã tích cực triển khai.

Nơi nhận:                                     TL. CHỦ TỊCH
- Như trên;                              KT. CHÁNH VĂN PHÒNG
- Lưu: VT.                               PHÓ CHÁNH VĂN PHÒNG

                                               Trần Thị Lan
"""

PARTY = """ĐẢNG BỘ TỈNH TRÀ VINH
HUYỆN ỦY CẦU KÈ
*
Số 58-KH/HU

ĐẢNG CỘNG SẢN VIỆT NAM

Cầu Kè, ngày 14 tháng 4 năm 2023

KẾ HOẠCH
về tạo nguồn kết nạp đảng viên năm 2023

Căn cứ Điều lệ Đảng;
"""

NEWS = """Đảng bộ xã Tân Hòa kết nạp 12 đảng viên mới

Thứ năm - 09/03/2023 10:15

Năm 2022, Đảng bộ xã đã kết nạp 12 đảng viên, đạt 120% chỉ tiêu
Nghị quyết đề ra và thực hiện tốt Hướng dẫn 01-HD/TW.

(Đồng chí Bí thư Đảng ủy xã trao quyết định kết nạp đảng viên)

Thống kê truy cập
Đang online: 12
Hôm nay: 305
"""


def _doc(text: str) -> Doc:
    doc = Doc(text=normalise_text(text))
    run(doc)
    return doc


def _block_texts(text: str) -> list[str]:
    """The text of each block, after checking the blocks tile the text."""
    doc = _doc(text)
    _check_blocks(doc)
    return [doc.text[b.start : b.end] for b in doc.blocks]


def _check_blocks(doc: Doc) -> None:
    text = doc.text
    for b in doc.blocks:
        assert b.end > b.start
        assert text[b.start : b.end] == text[b.start : b.end].strip()
    for a, b in zip(doc.blocks, doc.blocks[1:], strict=False):
        assert a.end <= b.start
    covered = {i for b in doc.blocks for i in range(b.start, b.end)}
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


def test_table_cell_header_gives_identity():
    doc = _doc(CELL_HEADER)
    info = doc.info
    assert (info.doc_type, info.number, info.issued_date, info.place) == (
        "ke_hoach", "64/KH-UBND", "2024-02-02", "Bến Tre",
    )
    assert info.issuer == "Ủy ban nhân dân tỉnh Bến Tre"
    assert info.title == "PHÁT TRIỂN ĐẢNG VIÊN TRONG THANH NIÊN NĂM 2024"
    assert info.signers == ["Nguyễn Văn Hùng"]
    assert doc.text[: doc.header_end].endswith("NĂM 2024")


def test_wrapped_heading_and_items_become_blocks():
    doc = _doc(CELL_HEADER)
    _check_blocks(doc)
    body = [b for b in doc.blocks if b.start >= doc.header_end and b.kind != "noise"]
    kinds = [(b.kind, b.marker, b.level) for b in body]
    assert kinds[0] == ("paragraph", None, 0)  # three wrapped lines are one paragraph
    assert ("heading", "I.", 0) in kinds
    assert ("heading", "1.", 1) in kinds
    assert ("item", "1.1.", 2) in kinds
    assert kinds.count(("item", "-", 3)) == 2
    heading = next(b for b in body if b.marker == "I.")
    assert "YÊU CẦU" in doc.text[heading.start : heading.end]
    item = next(b for b in body if b.marker == "-")
    assert item.section == "1. Mục đích"
    assert any(b.kind == "signature" for b in doc.blocks)
    assert all(b.kind == "header" or b.kind == "noise" for b in doc.blocks if b.end <= doc.header_end)


def test_two_columns_on_one_line():
    doc = _doc(SIDE_BY_SIDE)
    info = doc.info
    assert (info.doc_type, info.number, info.issued_date, info.place) == (
        "thong_bao", "71/TB-UBND", "2024-03-05", "Đông Hà",
    )
    assert info.issuer == "Ủy ban nhân dân tỉnh Quảng Trị"
    assert info.title.startswith("Kết luận của Chủ tịch UBND tỉnh")
    assert info.title.endswith("vốn đầu tư công")
    assert info.signers == ["Trần Thị Lan"]
    _check_blocks(doc)
    para = next(b for b in doc.blocks if doc.text[b.start :].startswith("Ngày 01/3"))
    assert doc.text[para.start : para.end].endswith("như sau:")


def test_party_header_issuer_is_the_lower_line():
    info = _doc(PARTY).info
    assert (info.doc_type, info.number, info.issued_date, info.place) == (
        "ke_hoach", "58-KH/HU", "2023-04-14", "Cầu Kè",
    )
    assert info.issuer == "Huyện ủy Cầu Kè"
    assert info.title == "về tạo nguồn kết nạp đảng viên năm 2023"


def test_blank_number_is_none():
    text = PARTY.replace("Số 58-KH/HU", "Số      -/HU").replace("ngày 14 tháng", "ngày      tháng")
    info = _doc(text).info
    assert info.number is None
    assert info.issued_date is None
    assert info.doc_type == "ke_hoach"


SCANNED = """ỦY BAN NHÂN DÂN CỌNG HÒA XÃ HỘI CHÚ NGHĨA VIỆT NAM
TỈNH KON TUM    Độc lập - Tự đo - Hạnh phúc
Số: 1 #ˆ /CT-UBND    Kon Tum, ngày Z| tháng 5 năm 2023
CHỈ THỊ
À .^A    .À    ”    Lá    ˆ    ,    -    ˆ
Về việc tăng cường quản lý, bảo vệ rừng mùa khô năm 2023
Thực hiện Chỉ thị số 13-CT/TW ngày 12/01/2017 của Ban Bí thư, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:
1. Các sở, ban, ngành rà soát phương án phòng cháy, chữa cháy rừng.
"""


def test_scanned_header_with_ocr_errors_keeps_its_type_and_issuer() -> None:
    doc = _doc(SCANNED)
    info = doc.info
    assert (info.doc_type, info.place) == ("chi_thi", "Kon Tum")
    assert info.issuer == "Ủy ban nhân dân tỉnh Kon Tum"  # the garbled motto is not part of the issuer
    assert info.title == "Về việc tăng cường quản lý, bảo vệ rừng mùa khô năm 2023"  # the seal's debris is skipped


def test_illegible_number_and_day_are_left_empty_with_a_warning() -> None:
    doc = _doc(SCANNED)
    assert (doc.info.number, doc.info.issued_date) == (None, None)  # never a day guessed from "Z|"
    assert any("number is illegible" in w and "/CT-UBND" in w for w in doc.warnings)
    assert any("date is illegible" in w and "tháng 5 năm 2023" in w for w in doc.warnings)


def test_a_scan_ocrd_by_ingest_is_warned_about_once() -> None:
    doc = Doc(text=normalise_text(SCANNED))
    doc.warnings += ['OCR: document number "1 #ˆ/CT-UBND" does not look like a số ký hiệu; check it against the scan',
                     'OCR: date "ngày Z| tháng 5 năm 2023" looks damaged; check it against the scan']
    run(doc)
    assert len(doc.warnings) == 2 and doc.info.number is None


def test_printed_number_and_date_give_no_warning() -> None:
    doc = _doc(SCANNED.replace("1 #ˆ /CT-UBND", "12/CT-UBND").replace("ngày Z| tháng", "ngày 21 tháng"))
    assert (doc.info.number, doc.info.issued_date) == ("12/CT-UBND", "2023-05-21")
    assert not doc.warnings


def test_place_and_numeric_date_line() -> None:
    text = ("UBND XÃ PHÚ HỮU\nSố: 45/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Phú Hữu, ngày 3/4/2024\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác chuyển đổi số\n\nCăn cứ Luật.\n")
    info = _doc(text).info
    assert (info.doc_type, info.number, info.issued_date, info.place) == ("quyet_dinh", "45/QĐ-UBND", "2024-04-03", "Phú Hữu")


def test_state_header_flattened_on_one_line_keeps_issuer_and_title() -> None:
    text = ("**ỦY BAN NHÂN DÂN TỈNH HẬU GIANG** **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** *Độc lập - Tự do - Hạnh phúc* "
            "Số: 88/KH-UBND *Vị Thanh, ngày 20 tháng 11 năm 2025* KẾ HOẠCH Phát triển thương mại điện tử năm 2026\n\n"
            "Căn cứ Nghị quyết của Hội đồng nhân dân tỉnh về thương mại.\n")
    info = _doc(text).info
    assert (info.doc_type, info.number, info.issued_date) == ("ke_hoach", "88/KH-UBND", "2025-11-20")
    assert info.issuer == "Ủy ban nhân dân tỉnh Hậu Giang"
    assert info.title == "Phát triển thương mại điện tử năm 2026"


def test_official_letter_is_known_by_its_v_v_line() -> None:
    text = ("UBND HUYỆN BẾN LỨC\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nSố: 456/PGDĐT\nV/v tổ chức khai giảng năm học 2024 - 2025\n"
            "Bến Lức, ngày 9 tháng 9 năm 2024\n\nKính gửi: Hiệu trưởng các trường trên địa bàn huyện\n")
    info = _doc(text).info
    assert (info.doc_type, info.number, info.issued_date) == ("cong_van", "456/PGDĐT", "2024-09-09")
    assert info.issuer == "Phòng Giáo dục và Đào tạo"  # the lower line acts, as in a party header
    assert info.title == "tổ chức khai giảng năm học 2024 - 2025"


def test_quyet_dinh_and_quy_dinh_from_type_line():
    head = "BAN CHẤP HÀNH TRUNG ƯƠNG\nĐẢNG CỘNG SẢN VIỆT NAM\nSố: 15-QĐ/TW\nHà Nội, ngày 02 tháng 3 năm 2021\n"
    assert _doc(head + "QUY ĐỊNH\nVỀ CÔNG TÁC KIỂM TRA\n\nĐiều 1. Phạm vi\n").info.doc_type == "quy_dinh"
    assert _doc(head + "QUYẾT ĐỊNH\nVỀ CÔNG TÁC KIỂM TRA\n\nĐiều 1. Phạm vi\n").info.doc_type == "quyet_dinh"


def test_cong_van_without_type_line():
    text = (
        "UBND TỈNH LONG AN     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 310/UBND-VX      Long An, ngày 09 tháng 5 năm 2024\n"
        "V/v triển khai công tác\nphòng, chống dịch\n\nKính gửi: Sở Y tế\n"
    )
    info = _doc(text).info
    assert (info.doc_type, info.number, info.issuer) == ("cong_van", "310/UBND-VX", "UBND tỉnh Long An")
    assert info.title == "V/v triển khai công tác phòng, chống dịch"


def test_flattened_header_in_one_paragraph():
    text = (
        "BAN CHẤP HÀNH TRUNG ƯƠNG***Số: 41 - QĐ/TWĐTN-VP Hà Nội, ngày 03 tháng 5 năm 2019 "
        "QUYẾT ĐỊNHVề việc ban hành quy chế làm việc--------- BAN BÍ THƯ TRUNG ƯƠNG ĐOÀN căn cứ "
        + "điều lệ " * 40
    )
    info = _doc(text).info
    assert (info.doc_type, info.number, info.issued_date, info.place) == (
        "quyet_dinh", "41-QĐ/TWĐTN-VP", "2019-05-03", "Hà Nội",
    )
    assert info.title == "Về việc ban hành quy chế làm việc"


def test_news_article_headline_dateline_noise_and_caption():
    doc = _doc(NEWS)
    info = doc.info
    assert info.doc_type == "tin_tuc"
    assert info.title == "Đảng bộ xã Tân Hòa kết nạp 12 đảng viên mới"
    assert info.issuer is None
    assert info.issued_date is None  # a dateline is the page's publication date (corpus/GUIDELINES.md)
    assert doc.extras["published"] == "2023-03-09"
    _check_blocks(doc)
    kinds = [b.kind for b in doc.blocks]
    assert kinds[0] == "heading"
    assert "caption" in kinds
    assert kinds[-3:] == ["noise", "noise", "noise"]
    para = [b for b in doc.blocks if b.kind == "paragraph"]
    assert doc.text[para[-1].start : para[-1].end].endswith("01-HD/TW.")


def test_readable_name():
    assert readable_name("ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI") == "Ủy ban nhân dân tỉnh Đồng Nai"
    assert readable_name("HUYỆN ỦY CÀNG LONG") == "Huyện ủy Càng Long"
    assert readable_name("UBND TỈNH PHÚ THỌ") == "UBND tỉnh Phú Thọ"
    assert readable_name("VĂN PHÒNG CHÍNH PHỦ") == "Văn phòng Chính phủ"
    assert readable_name("BỘ Y TẾ") == "Bộ Y tế"  # a ministry's field is not title-cased like a place
    assert readable_name("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH") == "Sở Văn hóa, Thể thao và Du lịch"


def _corpus(path: str) -> Doc:
    file = CORPUS / path
    if not file.exists():
        pytest.skip(f"corpus file {file} not available")
    doc = Doc(text=normalise_text(file.read_text(encoding="utf-8")))
    run(doc)
    return doc


def test_corpus_example_article_is_news():
    doc = _corpus("raw/000.txt")
    assert doc.info.doc_type == "tin_tuc"
    assert doc.info.title == "Huyện ủy Càng Long uốn nắn công tác tạo nguồn kết nạp đảng viên"
    noise = [doc.text[b.start : b.end] for b in doc.blocks if b.kind == "noise"]
    assert "Thống kê truy cập" in noise
    assert any(b.kind == "caption" for b in doc.blocks)


def test_corpus_full_plan_dong_nai():
    info = _corpus("full/001.txt").info
    assert (info.doc_type, info.number, info.issued_date, info.place) == (
        "ke_hoach", "182/KH-UBND", "2025-11-20", "Đồng Nai",
    )
    assert info.issuer == "Ủy ban nhân dân tỉnh Đồng Nai"
    assert info.signers == ["Lê Trường Sơn"]


def test_corpus_pdf_layout_notice_number():
    doc = _corpus("raw/066.txt")
    assert doc.info.number == "542/TB-UBND"
    assert doc.info.doc_type == "thong_bao"
    assert doc.info.signers == ["Phùng Tô Long"]
    stamp = [b for b in doc.blocks if b.end <= doc.text.index("ỦY BAN")]
    assert stamp and all(b.kind == "noise" for b in stamp)


def test_corpus_party_conclusion_with_metadata_block():
    info = _corpus("full/022.txt").info
    assert (info.doc_type, info.number, info.issued_date) == ("ket_luan", "212-KL/TW", "2025-11-18")
    assert info.signers == ["Trần Cẩm Tú"]


@pytest.mark.parametrize("name", ["raw/002.txt", "raw/012.txt", "raw/015.txt", "raw/027.txt", "raw/030.txt",
                                  "raw/044.txt", "raw/069.txt", "full/006.txt", "full/017.txt"])
def test_corpus_blocks_are_exact_and_ordered(name: str):
    doc = _corpus(name)
    _check_blocks(doc)
    assert doc.header_end <= len(doc.text)


def test_plan_republished_without_its_header_is_not_news() -> None:
    from nlp.pipeline import process

    text = """Kế hoạch Chương trình nước sạch và vệ sinh môi trường nông thôn huyện Kim Bảng năm 2015

I. MỤC ĐÍCH, YÊU CẦU

Bảo đảm 90% dân số nông thôn được sử dụng nước hợp vệ sinh.

II. NHIỆM VỤ

1. Xây dựng 5 công trình cấp nước tập trung.

III. TỔ CHỨC THỰC HIỆN

Phòng Nông nghiệp huyện chủ trì, phối hợp các xã triển khai thực hiện.
"""
    info = process(text).info
    assert info.doc_type == "ke_hoach" and info.issued_date is None


def test_news_article_stays_news() -> None:
    from nlp.pipeline import process

    text = """Huyện Càng Long kết nạp 52 đảng viên mới

Năm 2024, Đảng bộ huyện Càng Long kết nạp 52 đảng viên mới, đạt 104% kế hoạch. Ban Tổ chức Huyện ủy
cho biết các chi bộ đã chú trọng tạo nguồn trong đoàn viên ưu tú.
"""
    assert process(text).info.doc_type == "tin_tuc"


def test_question_and_answer_page_and_document_list_are_other() -> None:
    from nlp.pipeline import process

    qa = ("Giải đáp pháp luật về bảo hiểm xã hội tự nguyện\n\nHỏi: Tôi làm nghề tự do, năm nay 52 tuổi, có được tham gia "
          "bảo hiểm xã hội tự nguyện không?\n\nTrả lời: Công dân từ đủ 15 tuổi trở lên không thuộc đối tượng bắt buộc thì "
          "được tham gia theo quy định.\n")
    listing = ("Văn bản điều hành\n\nSTT | Số ký hiệu | Ngày ban hành | Trích yếu\n1 | 15/KH-UBND | 02/02/2026 | Kế hoạch "
               "trồng cây đầu xuân\n2 | 16/TB-UBND | 03/02/2026 | Thông báo lịch trực Tết\n")
    news = "Huyện tổ chức hội nghị sơ kết\n\nSáng 3/2, Huyện ủy tổ chức hội nghị sơ kết công tác quý I.\n"
    assert [process(t).info.doc_type for t in (qa, listing, news)] == ["other", "other", "tin_tuc"]


def test_news_whose_headline_cites_a_document_is_news_about_it() -> None:
    from nlp.pipeline import process

    text = """Quy định số 52-QĐ/TU ngày 14/4/2026 của Ban Thường vụ Tỉnh ủy về tiếp xúc, đối thoại với Nhân dân

(Báo Hà Trung) - Ngày 15/4, Ban Thường vụ Tỉnh ủy vừa ban hành Quy định về trách nhiệm của người đứng đầu cấp ủy
trong tiếp xúc, đối thoại trực tiếp với Nhân dân. Đồng chí Trưởng Ban Dân vận Tỉnh ủy cho biết quy định áp dụng từ quý II.
"""
    info = process(text).info
    assert (info.doc_type, info.number, info.issued_date) == ("tin_tuc", None, None)


def test_news_citing_a_document_in_its_headline_is_news_by_its_lead_or_photo_credit() -> None:
    from nlp.pipeline import process

    lead = ("Quy định số 144-QĐ/TW ngày 9/5/2024 của Bộ Chính trị về chuẩn mực đạo đức cách mạng\n\n"
            "Sáng 15/5, Huyện ủy Tân Phú tổ chức hội nghị quán triệt Quy định cho hơn 300 cán bộ chủ chốt.\n\n"
            "Huyện ủy yêu cầu 100% chi bộ tổ chức học tập trước ngày 30/6/2024.\n")
    photo = ("Quy định số 08-QĐi/TW về trách nhiệm nêu gương của cán bộ, đảng viên\n\n"
             "Thời gian qua, Đảng bộ xã Phú An đã triển khai Quy định đến từng chi bộ. Ảnh: Minh Hà\n\n"
             "Đảng ủy xã phấn đấu 100% đảng viên đăng ký nêu gương trong năm 2024.\n")
    # a regulation or a decision is made of articles: prose under its name with no "Điều 1" is about it
    prose = ("Quy định số 05-QĐ/HU ngày 3/3/2026 của Ban Thường vụ Huyện ủy về chế độ làm việc\n\n"
             "Thời gian qua, các chi bộ triển khai Quy định đến từng đảng viên.\n\n"
             "Đảng ủy xã phấn đấu 100% đảng viên đăng ký nêu gương trong năm 2026.\n")
    for text in (lead, photo, prose):
        info = process(text).info
        assert (info.doc_type, info.number, info.issued_date) == ("tin_tuc", None, None)
    info = process(prose.replace("Thời gian qua", "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\nThời gian qua")).info
    assert (info.doc_type, info.number, info.issued_date) == ("quy_dinh", "05-QĐ/HU", "2026-03-03")


def test_document_republished_under_a_citing_headline_keeps_its_identity() -> None:
    from nlp.pipeline import process

    text = """**Chỉ thị số 06-CT/HU ngày 09/01/2026 của Ban Thường vụ Huyện ủy Phú Sơn về tổ chức Tết Bính Ngọ**

Để Nhân dân đón Tết vui tươi, lành mạnh, tiết kiệm, Ban Thường vụ Huyện ủy yêu cầu các cấp ủy, tổ chức đảng:

1. Chăm lo đời sống gia đình chính sách, hộ nghèo, không để hộ nào không có Tết.
2. Bảo đảm an ninh trật tự, an toàn giao thông trong dịp Tết.
"""
    info = process(text).info
    assert (info.doc_type, info.number, info.issued_date) == ("chi_thi", "06-CT/HU", "2026-01-09")


def test_breadcrumb_and_section_label_above_the_headline_are_skipped() -> None:
    from nlp.pipeline import process

    text = """Văn bản  >  Văn bản Đảng ủy

Kế hoạch số 31-KH/ĐU ngày 02/3/2026 của Đảng ủy xã Tân Phú về phát triển đảng viên năm 2026

I. MỤC ĐÍCH, YÊU CẦU

Kết nạp đảng viên bảo đảm chất lượng, đúng quy trình.
"""
    info = process(text).info
    assert (info.doc_type, info.number, info.issued_date, info.title) == (
        "ke_hoach", "31-KH/ĐU", "2026-03-02",
        "Kế hoạch số 31-KH/ĐU ngày 02/3/2026 của Đảng ủy xã Tân Phú về phát triển đảng viên năm 2026")


def test_a_clause_wrapped_after_a_semicolon_stays_in_its_item():
    text = (
        "3. Sở Y tế chủ trì, phối hợp thực hiện\n"
        "a) Tăng cường thanh tra, kiểm tra an toàn thực phẩm tại các bếp ăn tập thể, trường học;\n"
        "phối hợp với Công an tỉnh xử lý nghiêm các cơ sở vi phạm, công khai trên báo, đài.\n"
        "b) Bảo đảm đủ thuốc, vật tư y tế phục vụ khám chữa bệnh trong dịp nghỉ lễ;\n"
        "- Bố trí lực lượng trực cấp cứu 24/24 giờ tại các bệnh viện tuyến tỉnh.\n"
    )
    blocks = _block_texts(text)
    item_a = next(b for b in blocks if b.startswith("a)"))
    assert item_a.endswith("công khai trên báo, đài.")
    assert any(b.startswith("- Bố trí lực lượng") for b in blocks)  # a marked line is never a continuation


def test_a_subtitle_over_a_paragraph_printed_on_one_line_is_no_wrapped_line():
    text = (
        "Thị ủy Hương Trà sơ kết 6 tháng đầu năm 2025\n\n"
        "1. Tập trung hoàn thành 24 chỉ tiêu chủ yếu phát triển kinh tế - xã hội năm 2025\n"
        "Hội nghị đánh giá kết quả 6 tháng đầu năm và triển khai nhiệm vụ 6 tháng cuối năm; đồng chí Bí thư Thị ủy "
        "đề nghị các cơ quan, đơn vị bám sát chương trình công tác để chỉ đạo, điều hành chủ động, linh hoạt. "
        "Tăng cường kỷ luật, kỷ cương hành chính.\n"
        "2. Sở Tài chính chủ trì, phối hợp với các sở, ngành liên quan tham mưu bố trí kinh phí thực hiện Kế\n"
        "hoạch theo quy định của pháp luật về ngân sách nhà nước.\n"
    )
    blocks = _block_texts(text)
    assert "1. Tập trung hoàn thành 24 chỉ tiêu chủ yếu phát triển kinh tế - xã hội năm 2025" in blocks
    assert any(b.startswith("Hội nghị đánh giá") for b in blocks)
    # a line wrapped at the page's width still runs on, capital or not
    assert any(b.startswith("2. Sở Tài chính") and b.endswith("ngân sách nhà nước.") for b in blocks)


def test_the_title_of_a_scan_stops_where_the_body_runs_on_without_a_blank_line():
    text = (
        "ỦY BAN NHÂN DÂN    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH KON TUM    Độc lập - Tự do - Hạnh phúc\n"
        "Số: 88/TB-UBND    Kon Tum, ngày 02 tháng 4 năm 2025\n"
        "THÔNG BÁO\n"
        "Kết luận của Phó Chủ tịch UBND tỉnh tại buổi kiểm tra\n"
        "tiến độ xây dựng trường học huyện Đăk Hà\n"
        # OCR lost the opening words of the body's first line ("Ngày 28/3/2025, Phó Chủ tịch …")
        "tịch UBND tỉnh đã kiểm tra tiến độ xây dựng các trường học trên địa bàn huyện Đăk Hà, làm việc với "
        "UBND huyện và các phòng, ban liên quan\n"
        "sau khi nghe báo cáo, Phó Chủ tịch UBND tỉnh kết luận như sau:\n"
        "1. UBND huyện Đăk Hà đẩy nhanh tiến độ thi công, hoàn thành các phòng học trước năm học mới.\n"
    )
    info = _doc(text).info
    assert info.title == "Kết luận của Phó Chủ tịch UBND tỉnh tại buổi kiểm tra tiến độ xây dựng trường học huyện Đăk Hà"


def test_a_stamp_read_into_the_title_lines_of_a_scan_is_left_out():
    text = (
        "ỦY BAN NHÂN DÂN    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH QUẢNG NGÃI    Độc lập - Tự do - Hạnh phúc\n"
        "Số: ý# /CT-UBND    Quảng Ngãi, ngày |2 tháng 3 năm 2018\n"
        "CHỈ THỊ\n"
        "| #RUNG-T2M-ĐÔNG BẢO +4 T1 HỌC 0.NG ÃI| Vềviệc tăng cường công tác thi hành án hành chính\n"
        "CV T56: 7T? 7 |    trên địa bàn tỉnh Quảng Ngãi\n\n"
        "Thời gian qua, công tác thi hành án hành chính đã đạt những kết quả tích cực.\n"
    )
    info = _doc(text).info
    assert info.title == "Về việc tăng cường công tác thi hành án hành chính trên địa bàn tỉnh Quảng Ngãi"


def test_an_issuer_ocr_read_with_wrong_tone_marks_is_put_right() -> None:
    text = (
        "ỦY BAN NHÂN DẦN    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TĨNH QUANG NGAI    Độc lập - Tự do - Hạnh phúc\n"
        "Số: 16/CT-UBND    Quảng Ngãi, ngày 27 tháng 12 năm 2021\n"
        "CHỈ THỊ\n"
        "Về việc tăng cường các biện pháp bảo đảm đón Tết Nguyên đán\n\n"
        "Thực hiện Chỉ thị số 11-CT/TW ngày 08/12/2021 của Ban Bí thư về việc tổ chức Tết.\n"
    )
    assert _doc(text).info.issuer == "Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert readable_name("HUYỆN ỦY CÀNG LONG") == "Huyện ủy Càng Long"  # marks already right stay as printed


def test_a_title_in_capitals_keeps_its_words():
    text = (
        "ỦY BAN NHÂN DÂN    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH QUẢNG NGÃI    Độc lập - Tự do - Hạnh phúc\n"
        "Số: 15/KH-UBND    Quảng Ngãi, ngày 12 tháng 3 năm 2025\n"
        "KẾ HOẠCH\n"
        "PHÁT TRIỂN KINH TẾ - XÃ HỘI VỀ VIỆC LÀM | NĂM 2025\n\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n"
    )
    assert _doc(text).info.title == "PHÁT TRIỂN KINH TẾ - XÃ HỘI VỀ VIỆC LÀM | NĂM 2025"


def test_a_lead_paragraph_standing_as_headline_gives_its_first_sentence_as_title():
    lead = ("Năm 2025, huyện Krông Pa phấn đấu giảm tỷ lệ hộ nghèo xuống còn 12%, tạo việc làm mới cho 1.200 lao "
            "động và hoàn thành 45 km đường giao thông nông thôn. Để đạt các chỉ tiêu này, Huyện ủy đã ban hành kế "
            "hoạch với nhiều giải pháp cụ thể, giao trách nhiệm cho từng cơ quan, đơn vị và từng địa phương thực "
            "hiện, kiểm tra định kỳ hằng quý.")
    info = _doc(lead + "\n\nCác xã đã tổ chức hội nghị quán triệt kế hoạch tới cán bộ, đảng viên.\n").info
    assert info.title == lead.split(". ")[0] + "."


def test_a_first_line_of_one_endless_word_gives_a_short_title():
    info = _doc("a" * 20000 + "\n\nPhấn đấu kết nạp 50 đảng viên mới trong năm 2026.\n").info
    assert info.title == "a" * 250 + " …"


YOUTH_UNION = """ĐOÀN TNCS HỒ CHÍ MINH TỈNH BÌNH LÂM          ĐOÀN TNCS HỒ CHÍ MINH
BCH ĐOÀN XÃ TÂN HỘI
        ***                                  Tân Hội, ngày 08 tháng 01 năm 2026
  Số: 05-CTr/ĐTN

CHƯƠNG TRÌNH
công tác Đoàn năm 2026

I. CHỈ TIÊU
- Giới thiệu 12 đoàn viên ưu tú cho Đảng xem xét kết nạp.

                                             TM. BAN THƯỜNG VỤ ĐOÀN XÃ
                                                    BÍ THƯ

                                                 Y Kriêng Mlô
Nơi nhận:
- Ban Thường vụ Tỉnh đoàn;
- 14 chi đoàn trực thuộc;
- Lưu VP.
"""


def test_a_youth_union_header_prints_its_name_as_motto_and_its_date_above_the_number() -> None:
    doc = _doc(YOUTH_UNION)
    info = doc.info
    assert (info.doc_type, info.number, info.issued_date) == ("chuong_trinh", "05-CTr/ĐTN", "2026-01-08")
    assert info.issuer == "BCH Đoàn xã Tân Hội"  # the motto's cell and the parent body are not part of it


def test_the_recipients_after_a_signer_no_surname_list_knows_are_no_body_text() -> None:
    from nlp.pipeline import process

    doc = process(YOUTH_UNION)
    recipients = YOUTH_UNION.index("- 14 chi đoàn")
    assert doc.blocks[doc.block_index(recipients)].kind == "signature"
    assert [t.text for t in doc.targets if t.start >= recipients] == []
    assert any("12 đoàn viên" in t.text for t in doc.targets)


def test_a_newspaper_banner_naming_the_party_is_no_header() -> None:
    doc = _doc(
        "BÁO BÌNH LÂM ĐIỆN TỬ - CƠ QUAN CỦA ĐẢNG BỘ ĐẢNG CỘNG SẢN VIỆT NAM TỈNH BÌNH LÂM\n"
        "Thời sự | Kinh tế | Xã hội\n\nThứ Hai, 12/01/2026 - 09:10\n\n"
        "Tỉnh ủy ban hành kết luận về giải ngân vốn đầu tư công\n\n"
        "Ngày 10/1/2026, Ban Thường vụ Tỉnh ủy ban hành Kết luận số 88-KL/TU về giải ngân vốn đầu tư công năm 2026.\n"
    )
    assert (doc.info.doc_type, doc.info.number) == ("tin_tuc", None)


def test_a_date_line_wrapped_under_the_left_column_keeps_its_year() -> None:
    doc = _doc(
        "BỘ TÀI CHÍNH                             CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "                                            Độc lập - Tự do - Hạnh phúc\n"
        "Số: 512/BTC-NSNN                         Hà Nội, ngày 07 tháng 10\n"
        "V/v lập dự toán ngân sách                     năm 2025\n\n"
        "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố.\n"
    )
    assert (doc.info.doc_type, doc.info.number, doc.info.issued_date) == ("cong_van", "512/BTC-NSNN", "2025-10-07")
    assert doc.info.title == "V/v lập dự toán ngân sách"  # the wrapped year is no part of it


def test_a_standing_committee_under_its_organisation_is_named_with_it() -> None:
    doc = _doc(
        "KHẨN\n"
        "HỘI LHPN TỈNH BÌNH LÂM                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "    BAN THƯỜNG VỤ                                Độc lập - Tự do - Hạnh phúc\n"
        "Số:     /2026/KH-HPN                      Bình Lâm, ngày   tháng 01 năm 2026\n\n"
        "KẾ HOẠCH\nCông tác Hội năm 2026\n\nCăn cứ Điều lệ Hội;\n"
    )
    info = doc.info
    assert (info.doc_type, info.number, info.issued_date) == ("ke_hoach", None, None)
    assert info.issuer == "Ban Thường vụ Hội LHPN tỉnh Bình Lâm"
