"""Dates and periods as directives print them."""

from __future__ import annotations

import pytest

from nlp.dates import find_dates, parse_date


def _one(text: str):
    found = find_dates(text)
    assert len(found) == 1, found
    d = found[0]
    assert text[d.start : d.end] == d.text
    return d


@pytest.mark.parametrize(
    ("expr", "iso"),
    [
        ("31/10/2022", "2022-10-31"),
        ("ngày 31 tháng 10 năm 2022", "2022-10-31"),
        ("31-10-2022", "2022-10-31"),
        ("06.11.2024", "2024-11-06"),
        ("ngày 05 tháng 6 năm 2017", "2017-06-05"),
        ("Đồng Nai, ngày 20\ntháng 11 năm 2025", "2025-11-20"),
        ("31/02/2022", None),
        ("ngày 12/8", None),
        ("năm 2025", None),
    ],
)
def test_parse_date_gives_iso_only_for_full_valid_dates(expr: str, iso: str | None) -> None:
    assert parse_date(expr) == iso


def test_numeric_date_after_ngay_keeps_the_cue_word() -> None:
    d = _one("Căn cứ Kế hoạch ngày 31/10/2022 của Ban Thường vụ.")
    assert (d.text, d.kind, d.iso, d.year_start, d.year_end) == (
        "ngày 31/10/2022",
        "date",
        "2022-10-31",
        2022,
        2022,
    )


def test_date_in_words_may_break_across_lines() -> None:
    d = _one("Tân An, ngày 20\ntháng 11 năm 2025")
    assert d.text == "ngày 20\ntháng 11 năm 2025"
    assert d.iso == "2025-11-20"


def test_signature_stamp_date_with_dots_ignores_the_time() -> None:
    d = _one("Ký bởi Văn phòng 06.11.2024 09:27:05 +07:00")
    assert (d.text, d.iso) == ("06.11.2024", "2024-11-06")


def test_month_forms_are_kind_month() -> None:
    found = find_dates("Sơ kết vào tháng 10/2022 và tổng kết tháng 12 năm 2025.")
    assert [(d.text, d.kind, d.year_start) for d in found] == [
        ("tháng 10/2022", "month", 2022),
        ("tháng 12 năm 2025", "month", 2025),
    ]


def test_two_years_in_a_row_are_a_period_and_others_the_first_year() -> None:
    both = find_dates("Chương trình cắt giảm thủ tục hành chính năm 2025 và 2026, năm 2027 và năm 2028.")
    assert [(d.text, d.kind, d.year_start, d.year_end) for d in both] == [
        ("năm 2025 và 2026", "year_range", 2025, 2026), ("năm 2027 và năm 2028", "year_range", 2027, 2028)]
    apart = find_dates("Tăng gấp đôi so với năm 2020 và 2025.")
    assert [(d.text, d.kind, d.year_start, d.year_end) for d in apart] == [("năm 2020", "year", 2020, 2020)]


def test_until_phrases_set_only_year_end() -> None:
    found = find_dates("Phấn đấu đến năm 2025 đạt chuẩn, đến hết năm 2030 hoàn thành, trước năm 2030 xong.")
    assert [(d.text, d.kind, d.year_start, d.year_end) for d in found] == [
        ("đến năm 2025", "until", None, 2025),
        ("đến hết năm 2030", "until", None, 2030),
        ("trước năm 2030", "until", None, 2030),
    ]
    deadline = find_dates("Bảo đảm 30% xã thoát nghèo vào cuối năm 2025; cuối năm 2026 hoàn thành.")
    assert [(d.text, d.kind, d.year_start, d.year_end) for d in deadline] == [
        ("vào cuối năm 2025", "until", None, 2025),
        ("cuối năm 2026", "until", None, 2026),
    ]
    # a completion "vào năm 2030" is a deadline, as the annotations read it (4 of 4 such targets)
    by = find_dates("Ưu tiên các dự án cao tốc trong danh mục hoàn thành 5.000 km vào năm 2030.")
    assert [(d.text, d.kind, d.year_start, d.year_end) for d in by] == [("vào năm 2030", "until", None, 2030)]


@pytest.mark.parametrize(
    ("text", "span", "years"),
    [
        ("Kế hoạch giai đoạn 2021-2025 của huyện", "giai đoạn 2021-2025", (2021, 2025)),
        ("Chương trình giai đoạn 2021 – 2025 của tỉnh", "giai đoạn 2021 – 2025", (2021, 2025)),
        ("Đại hội nhiệm kỳ 2020-2025 thành công", "nhiệm kỳ 2020-2025", (2020, 2025)),
        ("Định hướng 2026-2030 của ngành", "2026-2030", (2026, 2030)),
        ("thực hiện từ năm 2021 đến năm 2025 tại xã", "từ năm 2021 đến năm 2025", (2021, 2025)),
        ("lộ trình 03 năm 2026 - 2028 để hoàn thành", "năm 2026 - 2028", (2026, 2028)),
        ("cải cách hành chính giai đoạn 20112020 (mất gạch nối)", "giai đoạn 20112020", (2011, 2020)),
    ],
)
def test_periods_are_year_ranges(text: str, span: str, years: tuple[int, int]) -> None:
    d = _one(text)
    assert (d.text, d.kind, (d.year_start, d.year_end)) == (span, "year_range", years)


def test_quarters_roman_and_arabic() -> None:
    found = find_dates("Hoàn thành trong quý III/2023, chậm nhất quý 4 năm 2023.")
    assert [(d.text, d.kind, d.year_start, d.year_end) for d in found] == [
        ("quý III/2023", "quarter", 2023, 2023),
        ("quý 4 năm 2023", "quarter", 2023, 2023),
    ]


def test_half_year_phrase_yields_the_year() -> None:
    d = _one("Kết quả 6 tháng đầu năm 2024 khả quan.")
    assert (d.text, d.kind, d.year_start) == ("năm 2024", "year", 2024)


def test_upper_case_headline_is_found() -> None:
    d = _one("CHƯƠNG TRÌNH PHÒNG, CHỐNG MA TÚY ĐẾN NĂM 2030")
    assert (d.text, d.kind, d.year_end) == ("ĐẾN NĂM 2030", "until", 2030)


def test_yearless_dates_need_a_cue_word() -> None:
    found = find_dates(
        "Sáng 23/9, Huyện ủy họp; ngày 9.9 khai mạc; đạt 32/32 chỉ tiêu, kết nạp 10/7 đảng viên."
    )
    assert [(d.text, d.kind, d.iso) for d in found] == [
        ("Sáng 23/9", "date", None),
        ("ngày 9.9", "date", None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Kế hoạch số 117-KH/HU của Huyện ủy",
        "Nghị định số 30/2020/NĐ-CP của Chính phủ",
        "Quyết định số 05/QĐ-UBND của Ủy ban",
        "Nghị quyết số 163/2024/QH15 của Quốc hội",
        "đạt 5.813/8.227 xã và 3/4 trường",
        "dân số 2.025 người",
    ],
)
def test_document_numbers_and_ratios_are_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_invalid_day_is_dropped_but_later_forms_survive() -> None:
    found = find_dates("từ năm 1900 đến năm 2025; ngày 45/10/2022")
    assert [(d.text, d.kind) for d in found] == [("đến năm 2025", "until")]


def test_range_of_days_takes_the_first_day_as_iso() -> None:
    d = _one("Trong 2 ngày 26-27/12/2022, Hội nghị đã họp.")
    assert (d.text, d.iso) == ("ngày 26-27/12/2022", "2022-12-26")


def test_page_store_iso_prefix_is_a_date() -> None:
    d = _one("date 2025-08-21 Tin tức")
    assert (d.text, d.iso) == ("2025-08-21", "2025-08-21")


def test_mentions_are_sorted_and_disjoint() -> None:
    found = find_dates("Ngày 05/6/2017, giai đoạn 2016-2020, năm 2018 và đến năm 2020.")
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    assert len(found) == 4
