"""Bylines and photo credits of news articles are persons, found by where they stand."""

from __future__ import annotations

from nlp.pipeline import process

NEWS = """Huyện Tân Phước kết nạp 45 đảng viên mới

THANH TÂM |

(TG) - Ngày 12/3, Huyện ủy Tân Phước tổ chức hội nghị sơ kết công tác phát triển đảng viên quý I.

Toàn huyện đã kết nạp 45 đảng viên mới, đạt 30% kế hoạch năm. Ảnh: T.Hương

Thời gian tới, các chi bộ tiếp tục rà soát, tạo nguồn kết nạp đảng viên./.

Bảo Ngọc, Duyên
"""


def _persons(text: str) -> list[str]:
    return [e.text for e in process(text).entities if e.label == "PER"]


def test_news_bylines_and_photo_credit_are_persons() -> None:
    assert _persons(NEWS) == ["THANH TÂM", "T.Hương", "Bảo Ngọc", "Duyên"]


def test_a_place_or_a_heading_on_its_own_line_is_no_byline() -> None:
    text = NEWS.replace("Bảo Ngọc, Duyên", "Tiền Giang").replace("THANH TÂM |", "TIN TỨC |")
    assert _persons(text) == ["T.Hương"]


def test_official_documents_have_no_bylines() -> None:
    text = ("ỦY BAN NHÂN DÂN\nTỈNH TIỀN GIANG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 12/KH-UBND\nTiền Giang, ngày 5 tháng 3 năm 2025\nKẾ HOẠCH\nPhát triển du lịch năm 2025\n\n"
            "Các sở, ngành triển khai thực hiện./.\n\nMinh Tâm\n")
    assert "Minh Tâm" not in _persons(text)


def test_a_byline_is_not_stopped_by_one_word_of_a_two_word_stop() -> None:
    # "Trung tâm" stops a name as a pair; "TÂM" alone in a byline is a name
    names = _persons(NEWS.replace("THANH TÂM |", "MINH TÂM |"))
    assert names[0] == "MINH TÂM"
