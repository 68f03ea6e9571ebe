"""Numbers, ranges, percentages, money and counted nouns as directives print them."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp.dates import find_dates
from nlp.normalise import normalise_text
from nlp.quantities import find_quantities, parse_number, parse_number_words

CORPUS = Path("/work/shared/corpus")


def _quantities(text: str):
    found = find_quantities(text, [(d.start, d.end) for d in find_dates(text)])
    for q in found:
        assert text[q.start : q.end] == q.text
    return found


def _read(text: str):  # noqa: ANN202
    """The quantities of the whole pipeline, which reads a bare value's unit from its metric or its sentence."""
    from nlp.pipeline import process

    return process(text).quantities


def _counted(text: str) -> list[tuple[float, str]]:
    """(value, unit) of the bare and counted numbers, in order."""
    return [(q.value, q.unit) for q in _read(text) if q.kind in ("number", "quantity")]


def _one(text: str):
    found = _quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("printed", "value"),
    [("1,5", 1.5), ("60,89", 60.89), ("1.200", 1200), ("1.500", 1500), ("3,247,812", 3247812), ("03", 3)],
)
def test_vietnamese_number_formats(printed: str, value: float) -> None:
    assert parse_number(printed) == value


@pytest.mark.parametrize(
    ("words", "value"),
    [("ba", 3), ("mười hai", 12), ("một trăm", 100), ("hai mươi lăm", 25), ("ba trăm linh năm", 305)],
)
def test_number_words(words: str, value: int) -> None:
    assert parse_number_words(words) == value


def test_range_with_per_year_is_one_quantity() -> None:
    text = "Kết nạp đảng viên mới từ 3-4%/năm so với tổng số đảng viên."
    q = _one(text)
    assert (q.text, q.kind, q.value, q.value_max, q.unit, q.per, q.comparator) == (
        "3-4%/năm",
        "percent",
        3,
        4,
        "%",
        "năm",
        "range",
    )
    assert text[q.qual_start : q.qual_end] == "từ 3-4%/năm"


def test_decimal_percent_per_year_with_space_after_slash() -> None:
    found = _quantities("Tăng trưởng bình quân 6,7%/năm; dân số tăng 1,41%/ năm.")
    assert [(q.text, q.value, q.per) for q in found] == [
        ("6,7%/năm", 6.7, "năm"),
        ("1,41%/ năm", 1.41, "năm"),
    ]


@pytest.mark.parametrize(
    ("text", "span", "low", "high", "unit"),
    [
        ("giảm từ 03 - 05% số vụ phạm tội", "03 - 05%", 3, 5, "%"),
        ("giảm tỷ lệ hộ nghèo từ 1-1,5% mỗi năm", "1-1,5% mỗi năm", 1, 1.5, "%"),
        ("tăng từ 3 đến 4% so cùng kỳ", "3 đến 4%", 3, 4, "%"),
        ("giảm 15% đến 20% số vụ tai nạn", "15% đến 20%", 15, 20, "%"),
        ("GRDP tăng 9-10% trong năm", "9-10%", 9, 10, "%"),
        ("thu nhập/ha đạt 125-135 triệu đồng", "125-135 triệu đồng", 125, 135, "triệu đồng"),
        ("cử 01-02 đồng chí tham dự lớp", "01-02 đồng chí", 1, 2, "đồng chí"),
        ("tăng bình quân 10 -\n14%/năm", "10 -\n14%/năm", 10, 14, "%"),
    ],
)
def test_ranges(text: str, span: str, low: float, high: float, unit: str) -> None:
    q = _one(text)
    assert (q.text, q.value, q.value_max, q.unit, q.comparator) == (span, low, high, unit, "range")


def test_range_word_does_not_swallow_a_year() -> None:
    q = _one("Tỷ lệ hộ nghèo giảm 5% đến năm 2025.")
    assert (q.text, q.value, q.value_max, q.comparator) == ("5%", 5, None, "=")


def test_bullet_dash_on_next_line_is_not_a_range() -> None:
    found = _quantities("kết nạp 5 đảng viên\n- 7 chi bộ đạt trong sạch")
    assert [(q.text, q.value_max) for q in found] == [("5 đảng viên", None), ("7 chi bộ", None)]


def test_a_percentage_range_wrapped_at_its_dash_is_one_range() -> None:
    q = _one("Kim ngạch xuất khẩu tăng bình quân 05\n- 06%/năm.")
    assert (q.value, q.value_max, q.unit, q.per) == (5, 6, "%", "năm")
    # a bare number ending a line before a bullet that counts something stays two numbers
    found = _quantities("Số xã đăng ký: 12\n- 6 xã đạt chuẩn nâng cao")
    assert [(q.value, q.value_max) for q in found] == [(12, None), (6, None)]
    found = _quantities("Số xã đạt chuẩn nông thôn mới: 12\n- 50% số xã đạt chuẩn nâng cao.")
    assert [(q.value, q.value_max) for q in found] == [(12, None), (50, None)]


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("thu ngân sách đạt 50 tỷ đồng", "50 tỷ đồng", 50, "tỷ đồng"),
        ("vốn đầu tư 1.500 tỷ đồng", "1.500 tỷ đồng", 1500, "tỷ đồng"),
        ("vốn đối ứng 1.500\ntỷ đồng", "1.500\ntỷ đồng", 1500, "tỷ đồng"),
        ("tổng vốn 2 nghìn tỷ đồng", "2 nghìn tỷ đồng", 2, "nghìn tỷ đồng"),
        ("hỗ trợ 300 nghìn đồng mỗi tháng", "300 nghìn đồng mỗi tháng", 300, "nghìn đồng"),
        ("kim ngạch xuất khẩu 33 triệu USD", "33 triệu USD", 33, "triệu usd"),
    ],
)
def test_money(text: str, span: str, value: float, unit: str) -> None:
    q = _one(text)
    assert (q.text, q.kind, q.value, q.unit) == (span, "money", value, unit)


def test_money_per_person_per_year() -> None:
    q = _one("Thu nhập bình quân đạt 63 triệu đồng/người/năm.")
    assert (q.text, q.kind, q.unit, q.per) == ("63 triệu đồng/người/năm", "money", "triệu đồng", "năm")
    q = _one("Năng suất lúa bình quân đạt 63 tạ/ha.")
    assert (q.text, q.unit, q.per) == ("63 tạ/ha", "tạ", None)  # a rate period only, as the contract says


def test_counted_nouns_from_the_unit_list() -> None:
    found = _quantities(
        "Năm qua kết nạp 52 đảng viên, trong đó 250 đảng viên mới học lớp; 02 Chương trình được ban hành."
    )
    assert [(q.text, q.kind, q.value, q.unit) for q in found] == [
        ("52 đảng viên", "quantity", 52, "đảng viên"),
        ("250 đảng viên", "quantity", 250, "đảng viên"),
        ("02 Chương trình", "quantity", 2, "chương trình"),
    ]


def test_unknown_word_after_number_gives_plain_number() -> None:
    q = _one("Tổ chức 7 buồng tiếp dân lưu động.")
    assert (q.text, q.kind, q.unit) == ("7", "number", "")


def test_percent_keeps_its_unit_before_a_counted_noun() -> None:
    q = _one("Có 63% số xã đạt chuẩn nông thôn mới.")
    assert (q.text, q.unit, q.kind) == ("63%", "%", "percent")


def test_number_words_before_a_counted_noun() -> None:
    found = _quantities(
        "Thành lập ba xã mới, giao mười hai chỉ tiêu, hỗ trợ hai mươi lăm hộ nghèo, một trăm người."
    )
    assert [(q.text, q.value, q.unit) for q in found] == [
        ("ba xã", 3, "xã"),
        ("mười hai chỉ tiêu", 12, "chỉ tiêu"),
        ("hai mươi lăm hộ nghèo", 25, "hộ nghèo"),
        ("một trăm người", 100, "người"),
    ]


def test_number_words_without_a_unit_are_ignored() -> None:
    assert _quantities("Hằng năm tổ chức hội nghị, một số nơi còn ba phải.") == []


@pytest.mark.parametrize(
    ("text", "span", "comparator", "qual"),
    [
        ("phấn đấu ít nhất 12 xã đạt chuẩn", "12 xã", ">=", "ít nhất 12 xã"),
        ("tối thiểu 80% doanh nghiệp", "80%", ">=", "tối thiểu 80%"),
        ("không dưới 70% số hộ", "70%", ">=", "không dưới 70%"),
        ("hỗ trợ hơn 20.000 hộ bị ảnh hưởng", "20.000 hộ", ">", "hơn 20.000 hộ"),
        ("tỷ lệ tái phạm dưới 15% tổng số", "15%", "<", "dưới 15%"),
        ("mỗi năm tổ chức không quá 5 cuộc", "5 cuộc", "<=", "không quá 5 cuộc"),
        ("thanh toán không dùng tiền mặt từ 88% trở lên", "88%", ">=", "từ 88% trở lên"),
        ("đưa nợ xấu dưới mức 3% trở xuống", "3%", "<=", "dưới mức 3% trở xuống"),
        ("kết nạp trên 290 đảng viên trở lên", "290 đảng viên", ">=", "trên 290 đảng viên trở lên"),
        ("đến năm 2025 có ≥30% hợp tác xã", "30%", ">=", "≥30%"),
        ("tỷ lệ tiêm chủng đầy đủ đạt trên dưới 95%", "95%", "=", "trên dưới 95%"),
        ("tăng trưởng kinh tế đạt và vượt 10%", "10%", ">=", "đạt và vượt 10%"),
        ("tốc độ tăng trưởng bằng hoặc cao hơn 8%", "8%", ">=", "bằng hoặc cao hơn 8%"),
    ],
)
def test_comparators_and_qualifier_span(text: str, span: str, comparator: str, qual: str) -> None:
    q = _one(text)
    assert (q.text, q.comparator) == (span, comparator)
    assert text[q.qual_start : q.qual_end] == qual


def test_tren_only_counts_right_before_the_number() -> None:
    q = _one("Các hộ trên địa bàn đạt 2.800 hộ sạch.")
    assert (q.text, q.comparator, q.qual_start) == ("2.800 hộ", "=", None)


def test_lone_tu_is_not_a_qualifier() -> None:
    q = _one("Áp dụng từ 5 xã điểm.")
    assert (q.comparator, q.qual_start, q.qual_end) == ("=", None, None)


@pytest.mark.parametrize(
    ("text", "span", "value", "denominator", "unit"),
    [
        ("hoàn thành 32/32 chỉ tiêu Nghị quyết", "32/32 chỉ tiêu", 32, 32, "chỉ tiêu"),
        ("phát triển 10/7 đảng viên, vượt kế hoạch", "10/7 đảng viên", 10, 7, "đảng viên"),
        ("có 5.813/8.227 xã đạt chuẩn", "5.813/8.227 xã", 5813, 8227, "xã"),
        ("duy trì 19/19 tiêu chí nông thôn mới", "19/19 tiêu chí", 19, 19, "tiêu chí"),
        ("đã có 3/4 trường đạt chuẩn", "3/4 trường", 3, 4, "trường"),
    ],
)
def test_ratios(text: str, span: str, value: float, denominator: float, unit: str) -> None:
    q = _one(text)
    assert (q.text, q.kind, q.value, q.denominator, q.unit) == (span, "ratio", value, denominator, unit)


@pytest.mark.parametrize(
    "text",
    [
        "phòng chống dịch cúm H5N1 và COVID-19",
        "phủ sóng mạng 5G và IoT toàn tỉnh",
        "Kế hoạch số 117-KH/HU của Huyện ủy",
        "Nghị định 30/2020/NĐ-CP, Quyết định 05/QĐ-UBND, Nghị quyết 163/2024/QH15",
        "Số: 542    /TB-UBND",
        "Khai mạc lúc 08 giờ 00 phút, cập nhật 22:58",
        "Liên hệ 0912 345 678 hoặc 0283.823.456",
        "theo Điều 5, Dự án 1 và Hội nghị lần thứ 6",
        "Ngày 31/10/2022, đến năm 2025, giai đoạn 2021-2025",
        "điểm (1) và [2] của mục",
        "hệ số 2.5 của bảng",
    ],
)
def test_things_that_are_not_quantities(text: str) -> None:
    assert _quantities(text) == []


def test_list_markers_at_line_start_are_skipped() -> None:
    text = "1. Mục tiêu\n2) Nhiệm vụ\n**3**. 100% xã đạt chuẩn\n(4) Giải pháp: 12 xã"
    assert [q.text for q in _quantities(text)] == ["100%", "12 xã"]


def test_glued_measure_units() -> None:
    found = _quantities("Nâng cấp 1,9km đường và trồng 100ha rừng.")
    assert [(q.text, q.value, q.unit) for q in found] == [("1,9km", 1.9, "km"), ("100ha", 100, "ha")]


def test_percent_in_parentheses_is_kept() -> None:
    q = _one("tỷ lệ bao phủ bảo hiểm y tế (38%)")
    assert (q.text, q.value) == ("38%", 38)


def test_per_words_after_the_unit() -> None:
    q = _one("tăng 5% mỗi năm")
    assert (q.text, q.per) == ("5% mỗi năm", "năm")


def test_excluded_spans_are_respected() -> None:
    text = "Thực hiện Kế hoạch 52 đảng viên"
    assert find_quantities(text, [(11, 31)]) == []


def _corpus_files() -> list[Path]:
    return sorted([*CORPUS.glob("raw/*.txt"), *CORPUS.glob("full/*.txt")])


def test_corpus_spans_match_text_and_quantities_avoid_dates() -> None:
    files = _corpus_files()
    if not files:
        pytest.skip("corpus folder absent")
    for path in files:
        text = normalise_text(path.read_text(encoding="utf-8"))
        dates = find_dates(text)
        quantities = find_quantities(text, [(d.start, d.end) for d in dates])
        for span in [*dates, *quantities]:
            assert text[span.start : span.end] == span.text, (path.name, span)
        for a, b in zip(dates, dates[1:], strict=False):
            assert a.end <= b.start, (path.name, a, b)
        for q in quantities:
            assert not any(d.start < q.end and q.start < d.end for d in dates), (path.name, q)


def test_identifier_label_before_a_number_wins_over_a_unit() -> None:
    assert _quantities("theo quy định tại Điều 1 Quyết định này") == []


def test_document_word_before_a_counted_number_keeps_the_quantity() -> None:
    found = _quantities("xây dựng kế hoạch 5 năm; tổng số 52 đảng viên; làm mới đường 3 km")
    assert [(q.text, q.unit) for q in found] == [
        ("5 năm", "năm"),
        ("52 đảng viên", "đảng viên"),
        ("3 km", "km"),
    ]


def test_run_excludes_dates_and_references() -> None:
    from nlp import dates, quantities
    from nlp.doc import Doc, Reference

    text = "Thực hiện Kế hoạch số 117-KH/HU ngày 31/10/2022, kết nạp 52 đảng viên đến năm 2025."
    doc = Doc(text=text)
    dates.run(doc)
    ref_end = text.index(",")
    doc.references = [Reference(start=10, end=ref_end, text=text[10:ref_end])]
    quantities.run(doc)
    assert [q.text for q in doc.quantities] == ["52 đảng viên"]


def test_one_or_five_in_words_count_only_after_a_bound() -> None:
    from nlp.quantities import find_quantities

    got = [(q.value, q.unit, q.comparator) for q in find_quantities("Đến năm 2030 có ít nhất một huyện đạt chuẩn.")]
    assert (1.0, "huyện", ">=") in got
    assert find_quantities("Một số xã chưa đạt chuẩn; năm xã còn khó khăn.") == []


def test_unit_may_wrap_to_the_next_line_but_not_across_a_paragraph() -> None:
    wrapped = _quantities("Phấn đấu khởi công ít nhất 02\ncông trình trọng điểm.")
    assert [(q.value, q.unit) for q in wrapped] == [(2.0, "công trình")]
    page = _quantities("Thứ sáu - 11/08/2023 15:00 465 0\n\nTỷ lệ hộ nghèo giảm 1,17%.")
    assert ("tỷ" not in [q.unit for q in page]) and [q.unit for q in page][-1] == "%"


def test_numbered_names_and_round_the_clock_are_not_counts() -> None:
    ring = _quantities("Khẩn trương hoàn thành đường Vành đai 4 Thành phố Hà Nội trong quý II.")
    assert [q.unit for q in ring if q.value == 4] == [""]
    assert _quantities("Bố trí trực ban 24/7 trong dịp Tết Nguyên đán.") == []
    counted = _quantities("Đến năm 2030 có thêm 2 thành phố trực thuộc tỉnh.")
    assert [(q.value, q.unit) for q in counted] == [(2.0, "thành phố")]


def test_a_noun_missing_from_the_unit_list_is_still_the_counted_noun() -> None:
    from nlp.pipeline import process

    doc = process("Năm 2026, huyện cấp 2.500 thẻ bảo hiểm y tế, tiêm 1.800 liều vắc xin và tuyển 250 chiến sĩ mới.")
    got = [(q.value, q.unit) for q in doc.quantities]
    assert got == [(2500, "thẻ"), (1800, "liều"), (250, "chiến sĩ")]


def test_a_function_word_after_a_number_is_not_its_unit() -> None:
    from nlp.pipeline import process

    doc = process("Bảng kê có 15 và 20 là số liệu cũ, 35 của năm trước.")
    assert [(q.value, q.unit) for q in doc.quantities] == [(15, ""), (20, ""), (35, "")]


def test_a_year_heading_over_ty_le_is_no_sum_of_money() -> None:
    text = "Chỉ tiêu | Đơn vị | 2026 | 2030\nTỷ lệ hồ sơ trực tuyến | % | 60 | 85\nHuy động 5 tỷ đồng cho dự án."
    found = [(q.text, q.unit) for q in _quantities(text)]
    assert ("2030", "") in found
    assert ("5 tỷ đồng", "tỷ đồng") in found
    one_line = _quantities("Bảng 2: 2030 tỷ lệ hộ nghèo, nhóm 1 tỷ trọng cao.")
    assert not [q for q in one_line if q.unit.lower().startswith(("tỷ lệ", "tỷ trọng"))]


def test_a_bare_labelled_value_counts_the_noun_of_its_label() -> None:
    from nlp.pipeline import process

    doc = process(
        "I. CHỈ TIÊU\n"
        "- Số đảng viên mới kết nạp trong năm: 45.\n"
        "- Số xã đạt chuẩn nông thôn mới nâng cao: 3;\n"
        "- Tỷ lệ hộ nghèo: 2\n"
        "- Xã Tân An: 45\n"
        "- Số hộ được hỗ trợ: 30 (năm trước: 25)\n"
    )
    units = [(q.value, q.unit) for q in doc.quantities]
    assert units == [(45.0, "đảng viên"), (3.0, "xã"), (2.0, ""), (45.0, ""), (30.0, ""), (25.0, "")]


def test_a_bound_after_khong_de_turns_over() -> None:
    from nlp.quantities import find_quantities

    def comparators(text: str) -> list[str | None]:
        return [q.comparator for q in find_quantities(text)]

    assert comparators("Không để tỷ lệ nợ xấu của quỹ tín dụng nhân dân vượt quá 3%.") == ["<="]
    assert comparators("Không để tỷ lệ trẻ em 6 tuổi đến trường thấp hơn 98%.")[-1] == ">="
    assert comparators("Doanh thu năm 2026 vượt quá 3 tỷ đồng.")[-1] == ">"


def test_a_view_counter_in_a_page_meta_line_counts_nothing() -> None:
    from nlp.pipeline import process

    doc = process("Xã Hòa Lộc đề ra 12 chỉ tiêu\nCập nhật: 04/09/2025 - 08:15  |  Lượt xem: 2.417\n\n"
                  "- Số hộ được hỗ trợ: 30\n")
    units = {q.value: q.unit for q in doc.quantities}
    assert units[2417.0] == ""
    assert units[30.0] == "hộ"
    assert all(t.quantity.value != 2417.0 for t in doc.targets)


def test_counted_nouns_written_as_abbreviations_are_units() -> None:
    found = [(q.text, q.unit) for q in _quantities("Thành lập mới 05 HTX, 10 CLB văn nghệ; thu hút 3 DN vào 2 CCN.")]
    assert found == [("05 HTX", "htx"), ("10 CLB", "clb"), ("3 DN", "dn"), ("2 CCN", "ccn")]
    assert [q.unit for q in _quantities("Cột 12 ĐVT người; xét nghiệm 3 DNA")] == ["", ""]


def test_a_bare_value_closing_its_clause_counts_the_noun_its_metric_names() -> None:
    units = _counted(
        "II. CHỈ TIÊU\n"
        "- Số xã đạt chuẩn nông thôn mới nâng cao là 12; số thôn đạt chuẩn kiểu mẫu: 30.\n"
        "- Giảm số hộ nghèo toàn xã xuống còn 150.\n"
        "- Nâng tổng số hợp tác xã lên 30; số chi hội xếp loại vững mạnh: 8.\n"
        "- Chỉ số hài lòng của người dân đạt 85; dân số trung bình là 12.400.\n"
        "- Hoàn thành 240 căn nhà trong tháng 6.\n"
    )
    assert units == [(12.0, "xã"), (30.0, "thôn"), (150.0, "hộ nghèo"), (30.0, "hợp tác xã"), (8.0, "chi hội"),
                     (85.0, ""), (12400.0, ""), (240.0, "căn nhà"), (6.0, "")]


def test_a_label_word_ending_a_field_name_does_not_hide_its_value() -> None:
    assert [q.text for q in _quantities("- Số cụm công nghiệp có nhà đầu tư hạ tầng: 10.\n")] == ["10"]
    assert _quantities("Tầng: 5\n") == []


def test_a_clause_opening_with_its_count_hands_the_number_at_its_end_that_noun() -> None:
    units = _counted(
        "II. CHỈ TIÊU\n"
        "- Số hợp tác xã thành lập mới 15.\n"
        "- Số người tham gia bảo hiểm xã hội tự nguyện tăng thêm 2.000.\n"
        "- Về văn hóa: số hộ đạt danh hiệu gia đình văn hóa 3.100; xây dựng 2 tuyến đường hoa.\n"
        "- Hoàn thành 240 căn nhà trong tháng 6.\n"
        "- Năm 2026 số hộ nghèo toàn xã giảm 45.\n"
    )
    # the last clause opens with its year, not its count: its number keeps no unit
    assert units == [(15.0, "hợp tác xã"), (2000.0, "người"), (3100.0, "hộ"), (2.0, "tuyến đường"),
                     (240.0, "căn nhà"), (6.0, ""), (45.0, "")]


def test_a_bound_after_the_counted_noun_of_its_metric_counts_that_noun() -> None:
    units = _counted(
        "II. CHỈ TIÊU\n"
        "- Kết nạp đảng viên mới trên 2.800.\n"
        "- Giới thiệu đoàn viên ưu tú cho Đảng xem xét kết nạp ít nhất 12.\n"
        "- Tỷ lệ hộ nghèo giảm còn 2.\n"
        "- Hỗ trợ 50 hộ nghèo xây nhà, mức hỗ trợ trên 40.\n"
        "Cập nhật: 04/09/2025 | Lượt xem: 1.348\n"
    )
    assert units == [(2800.0, "đảng viên"), (12.0, "đoàn viên"), (2.0, ""), (50.0, "hộ nghèo"), (40.0, ""),
                     (1348.0, "")]


def test_a_capitalised_counted_noun_counts_but_a_numbered_name_does_not() -> None:
    units = _counted(
        "- Phường Đồi Thông: 500 Thẻ BHYT hộ gia đình.\n"
        "- Xây dựng 2 Điểm du lịch cộng đồng.\n"
        "- Đội 3 Công an xã tuần tra; Chi bộ 4 Trường Tiểu học Tân Hội.\n"
        "- Truyền dữ liệu với tốc độ 10 Gigabit mỗi giây; thực hiện điểm 1 Mục III.\n"
    )
    assert units == [(500.0, "thẻ"), (2.0, "điểm"), (3.0, ""), (4.0, ""), (10.0, ""), (1.0, "")]


def test_a_unit_in_brackets_before_a_labels_colon_is_the_values_unit() -> None:
    from nlp.pipeline import process

    doc = process(
        "- Thu nhập bình quân đầu người (triệu đồng): 65.\n"
        "- Giá trị sản xuất nông nghiệp (tỷ đồng): 1.250;\n"
        "- Tỷ lệ hộ nghèo (%): 2,5\n"
        "- Số hộ (theo Quyết định 12): 30\n"
    )
    got = [(q.value, q.kind, q.unit) for q in doc.quantities]
    assert got == [(65.0, "money", "triệu đồng"), (1250.0, "money", "tỷ đồng"), (2.5, "percent", "%"),
                   (30.0, "quantity", "hộ")]


def test_a_bracketed_unit_gives_its_part_and_rate_period_and_holds_over_a_bound_or_a_verb() -> None:
    from nlp.pipeline import process

    doc = process(
        "- Thu nhập bình quân đầu người (triệu đồng/người/năm): 75\n"
        "- Tổng giá trị sản xuất (giá so sánh, tỷ đồng): 12.480\n"
        "- Tỷ lệ hồ sơ giải quyết đúng hạn (%): từ 98 trở lên\n"
        "- Tỷ lệ hộ nghèo (%) giảm còn 1,5; sản lượng lúa (tấn) đạt trên 52.000.\n"
        "- Năm 2025 (theo Kế hoạch số 12) đạt 15.\n"
    )
    got = [(q.value, q.kind, q.unit, q.per) for q in doc.quantities if q.value != 2025]
    assert got == [(75.0, "money", "triệu đồng", "năm"), (12480.0, "money", "tỷ đồng", None),
                   (98.0, "percent", "%", None), (1.5, "percent", "%", None), (52000.0, "quantity", "tấn", None),
                   (15.0, "number", "", None)]


def test_a_bracketed_aside_after_the_value_does_not_hide_the_unit_its_metric_prints() -> None:
    doc = _read(
        "- Tỷ lệ hộ nghèo (%) giảm còn 1,5 (theo chuẩn nghèo đa chiều giai đoạn 2026 - 2030).\n"
        "- Số hộ sử dụng nước sạch (hộ) đạt 1.250 (tăng 120 hộ so với năm 2025).\n"
        "- Tỷ lệ hồ sơ trực tuyến (%) đạt 80 (tỷ đồng).\n"
    )
    got = [(q.value, q.kind, q.unit) for q in doc if q.value in (1.5, 1250.0, 80.0)]
    # a bracket after the value that prints a unit is no aside: the value is left to that bracket's reading
    assert got == [(1.5, "percent", "%"), (1250.0, "quantity", "hộ"), (80.0, "number", "")]


def test_infrastructure_is_no_floor_number() -> None:
    assert [(q.value, q.unit) for q in find_quantities("Hoàn thành đầu tư hạ tầng 320 ha; sửa chữa tầng 5 nhà A.")] \
        == [(320.0, "ha")]


def test_mot_before_a_magnitude_is_a_number_but_nam_stays_a_year() -> None:
    assert [(q.value, q.unit) for q in find_quantities("Hoàn thành xóa một nghìn căn nhà tạm; cuối năm nghìn người.")] \
        == [(1.0, "nghìn căn nhà")]


@pytest.mark.parametrize("text, numbers", [
    ("Chuẩn bị khởi công giai đoạn 2 dự án đường vành đai trong quý IV.", []),
    ("Đợt 1 hỗ trợ 125 hộ nghèo sửa chữa nhà ở.", [(125.0, "hộ nghèo")]),
    ("Trong giai đoạn 5 năm tới, kết nạp 500 đảng viên.", [(5.0, "năm"), (500.0, "đảng viên")]),
])
def test_a_number_after_a_phase_word_is_its_ordinal_unless_a_span_of_time_follows(text: str, numbers: list) -> None:
    assert [(q.value, q.unit) for q in find_quantities(text)] == numbers


@pytest.mark.parametrize("text, value, unit", [
    ("Trồng mới 1.500 ha rừng tập trung, trong đó rừng gỗ lớn 500.", 500.0, "ha"),
    ("Xây dựng thêm 3 thôn đạt chuẩn nông thôn mới kiểu mẫu, nâng tổng số lên 8.", 8.0, "thôn"),
    ("Tỷ lệ hộ nghèo giảm 1,5%, riêng vùng đồng bào dân tộc thiểu số giảm 3.", 3.0, "%"),
])
def test_a_bare_number_after_a_breakdown_word_counts_what_the_quantity_before_it_counts(
        text: str, value: float, unit: str) -> None:
    (q,) = [q for q in _read(text) if q.value == value]
    assert q.unit == unit


def test_a_year_between_the_counted_noun_and_its_value_is_no_other_number() -> None:
    (q,) = [q for q in _read("- Chỉ tiêu kết nạp đảng viên năm 2026 là 45.") if q.value == 45]
    assert q.unit == "đảng viên"


def test_a_number_repeated_in_words_in_brackets_keeps_its_unit_after_them() -> None:
    got = [(q.value, q.unit, q.text) for q in find_quantities("Năm 2026, tuyển dụng 12 (mười hai) viên chức y tế.")]
    assert (12.0, "viên chức", "12 (mười hai) viên chức") in got
    assert [(q.value, q.unit) for q in find_quantities("đạt 45 (Tân An) người")] == [(45.0, "")]


def test_the_number_of_a_hamlet_or_residential_group_is_its_name_not_a_count():
    assert _counted("Phấn đấu năm 2025, Tổ dân phố 12 kết nạp 2 đảng viên; xóm 4 và khóm 7 mỗi nơi 1 đảng viên.") == [
        (2.0, "đảng viên"), (1.0, "đảng viên")]


def test_a_share_of_all_counts_the_noun_after_so():
    (q,) = [q for q in _read("Phấn đấu có ít nhất 2/3 số xã đạt chuẩn nông thôn mới nâng cao.") if q.kind == "ratio"]
    assert (q.value, q.denominator, q.unit) == (2.0, 3.0, "xã")  # as "3/4 trường": value 2 of 3, unit "xã"


def test_a_rank_after_xep_thu_is_a_number_but_an_ordinal_stays_a_label():
    got = [(q.value, q.unit) for q in _quantities("Chỉ số PCI của tỉnh xếp thứ 15 cả nước; Đại hội lần thứ 3, kỳ họp thứ 9.")]
    assert got == [(15.0, "")]
    assert [q.value for q in _quantities("Phấn đấu giữ vững vị trí thứ 2 của vùng, đứng thứ 8 toàn quốc.")] == [2.0, 8.0]


def test_a_quoted_name_after_a_number_is_its_counted_noun():
    (q,) = _read('Năm 2026, xây mới, sửa chữa 40 "Mái ấm tình thương" cho hội viên khó khăn.')
    assert (q.value, q.unit, q.text) == (40.0, "mái ấm tình thương", '40 "Mái ấm tình thương"')
    (q,) = _read("Phấn đấu xây dựng 02 THCS đạt chuẩn quốc gia.")
    assert (q.value, q.unit) == (2.0, "thcs")


def test_a_rate_per_ten_thousand_people_keeps_its_base_noun_in_the_span():
    found = [(q.value, q.unit, q.per, q.text) for q in _quantities("Đến năm 2030 có ít nhất 3 bác sĩ/vạn dân và "
                                                                   "32 giường bệnh/vạn dân; thu nhập 75 triệu đồng/người/năm.")]
    assert found == [(3.0, "bác sĩ", None, "3 bác sĩ/vạn dân"), (32.0, "giường bệnh", None, "32 giường bệnh/vạn dân"),
                     (75.0, "triệu đồng", "năm", "75 triệu đồng/người/năm")]


def test_an_approximate_value_after_a_colon_or_a_value_word_still_counts_the_metric_noun() -> None:
    units = _counted(
        "II. CHỈ TIÊU\n"
        "- Số thẻ bảo hiểm y tế cấp mới: khoảng 2.500.\n"
        "- Số doanh nghiệp thành lập mới đạt xấp xỉ 150.\n"
    )
    assert units == [(2500.0, "thẻ"), (150.0, "doanh nghiệp")]


def test_a_digit_run_too_long_for_a_number_is_skipped_and_its_neighbours_kept() -> None:
    noise = "9" * 320  # a scan's garbled line or an identifier: as a float it is infinity
    text = f"Phấn đấu thu ngân sách đạt 1.250 tỷ đồng, mã hồ sơ {noise} đồng; tỷ lệ hộ nghèo giảm còn 2%."
    found = _quantities(text)
    assert [(q.value, q.unit) for q in found] == [(1250.0, "tỷ đồng"), (2.0, "%")]
    assert [t.quantity.value for t in _analysis_targets(text)] == [1250.0, 2.0]


def _analysis_targets(text: str):  # noqa: ANN202
    from nlp.pipeline import process

    return process(text).targets


def test_a_grade_after_lop_or_khoi_is_no_quantity_and_a_count_before_it_is() -> None:
    text = "Tuyển sinh vào lớp 10 năm học 2026 - 2027 đạt 100%; khối 6 mở thêm 4 lớp với 160 học sinh."
    assert [(q.value, q.unit) for q in _quantities(text)] == [(100.0, "%"), (4.0, "lớp"), (160.0, "học sinh")]


def test_values_listed_by_who_they_are_assigned_to_count_the_noun_of_the_lists_intro() -> None:
    text = ("Chỉ tiêu kết nạp đảng viên năm 2027 giao cho các đảng bộ, chi bộ cơ sở như sau:\n"
            "- Đảng bộ xã Vĩnh Thạnh: 14\n- Đảng bộ xã Hòa An: 11\n- Chi bộ Trường THCS Lê Lợi: 3\n\n"
            "Diện tích trồng rừng mới giao cho các xã năm 2027 (ha):\n- Xã Nà Hẩu: 120\n- Xã Phong Dụ Hạ: 85\n\n"
            "- Số hộ được hỗ trợ nhà ở: 40\n")
    assert _counted(text) == [
        (14.0, "đảng viên"), (11.0, "đảng viên"), (3.0, "đảng viên"), (120.0, "ha"), (85.0, "ha"), (40.0, "hộ")]


def test_a_bare_value_before_an_aside_counts_the_noun_its_metric_names() -> None:
    text = "2. Số giường bệnh/vạn dân đạt 35 (không tính giường trạm y tế xã).\n"
    assert _counted(text)[-1] == (35.0, "giường bệnh")


def test_a_rate_over_ten_thousand_people_keeps_its_base_in_the_span_whether_slashed_or_after_tren() -> None:
    found = [(q.value, q.unit, q.text) for q in _quantities(
        "Đến năm 2030 đạt 35 giường bệnh/10.000 dân, 12 bác sĩ trên 10.000 dân và 3 dược sĩ tính trên 1 vạn dân.")]
    assert found == [(35.0, "giường bệnh", "35 giường bệnh/10.000 dân"), (12.0, "bác sĩ", "12 bác sĩ trên 10.000 dân"),
                     (3.0, "dược sĩ", "3 dược sĩ tính trên 1 vạn dân")]


def test_a_bare_value_after_a_metric_per_ten_thousand_people_counts_the_metrics_noun() -> None:
    text = "II. CHỈ TIÊU\n- Số bác sĩ/10.000 dân đạt 12.\n- Số giường bệnh/10.000 dân: 32.\n"
    assert _counted(text) == [(12.0, "bác sĩ"), (32.0, "giường bệnh")]


def test_a_running_total_after_a_same_noun_increase_counts_that_noun() -> None:
    text = "- Số xã đạt chuẩn nông thôn mới tăng thêm 5, lũy kế đạt 60.\n- Số xã có 3 trạm y tế đạt 60.\n"
    assert _counted(text) == [(5.0, "xã"), (60.0, "xã"), (3.0, "trạm y tế"), (60.0, "")]


def test_a_bare_value_after_the_body_it_is_assigned_to_counts_what_the_value_before_it_counts() -> None:
    text = ("Toàn Đảng bộ phấn đấu kết nạp 150 đảng viên mới. Chỉ tiêu giao cụ thể: Đảng bộ xã Tân Hòa 15, Đảng bộ "
            "xã Tân Lập 12.\nChỉ tiêu tuyển quân: giao đủ 100 thanh niên; trong đó xã Tân Hòa 20, xã Tân Lập 18.\n")
    assert _counted(text) == [(150.0, "đảng viên"), (15.0, "đảng viên"), (12.0, "đảng viên"), (100.0, "thanh niên"),
                              (20.0, "thanh niên"), (18.0, "thanh niên")]


def test_a_number_that_belongs_to_a_places_name_is_not_an_assigned_value() -> None:
    text = "Hỗ trợ 50 hộ tại 3 ấp: ấp Phước Hòa 1, ấp Phước Hòa 2, ấp Tân Lợi.\n\nXã Tân Hòa 15, huyện Tân Phước.\n"
    assert _counted(text) == [(50.0, "hộ"), (3.0, "ấp"), (1.0, ""), (2.0, ""), (15.0, "")]


def test_a_rate_between_a_count_and_a_bare_value_keeps_the_counts_noun_from_it() -> None:
    # "200" counts "hộ nghèo", which a value of the same noun may take after it; "3,2" is the rate's, left bare
    assert _counted("- Số hộ nghèo là 200, tỷ lệ hộ nghèo là 3,2.\n") == [(200.0, "hộ nghèo"), (3.2, "")]


def test_more_than_a_population_after_a_noun_not_counted_per_head_stays_a_number_of_its_own() -> None:
    found = [(q.value, q.unit) for q in _read(
        "Mỗi năm tổ chức 5 hội nghị trên 100 người; có 3 thị trấn trên 10.000 dân; 50 buổi trên dân số 100.000 người.")]
    assert found == [(5.0, "hội nghị"), (100.0, "người"), (3.0, "thị trấn"), (10000.0, "dân"), (50.0, "buổi"),
                     (100000.0, "người")]
    found = [(q.value, q.unit, q.text) for q in _quantities(
        "Đạt 12 bác sĩ trên\n10.000 dân; mật độ thuê bao đạt 120 máy trên 100 dân.")]
    assert found == [(12.0, "bác sĩ", "12 bác sĩ trên\n10.000 dân"), (120.0, "máy", "120 máy trên 100 dân")]


def test_only_a_running_total_takes_the_noun_of_the_counts_before_it() -> None:
    text = ("- Số hộ được hỗ trợ xây nhà 200 hộ, tổng kinh phí 3.000.\n"
            "- Số xã đạt chuẩn nông thôn mới tăng 5 xã, đạt 80.\n")
    assert _counted(text) == [(200.0, "hộ"), (3000.0, ""), (5.0, "xã"), (80.0, "")]


def test_a_place_named_after_a_value_without_words_that_assign_keeps_its_number() -> None:
    text = ("Năm 2026, xã phấn đấu trồng mới 30 ha rừng tập trung tại: ấp Bình Phú 2.\n\n"
            "Kết nạp 150 đảng viên mới. Mô hình tiêu biểu: Chi bộ ấp Tân Lợi 2.\n\n"
            "Giao chỉ tiêu 30 ha tại: ấp Bình Phú 2.\n\n"
            "Giao chỉ tiêu kết nạp 60 đảng viên: xã An Phú 12, xã Tân An Phú 13, xã Hòa Bình 20.\n")
    assert _counted(text) == [(30.0, "ha"), (2.0, ""), (150.0, "đảng viên"), (2.0, ""), (30.0, "ha"), (2.0, ""),
                              (60.0, "đảng viên"), (12.0, "đảng viên"), (13.0, "đảng viên"), (20.0, "đảng viên")]


def test_a_targets_name_counts_the_noun_after_its_head_word_not_the_head() -> None:
    assert _counted("II. CHỈ TIÊU\n- Chỉ tiêu kết nạp đảng viên năm 2026: 25.\n") == [(25.0, "đảng viên")]
    # a count of targets, and targets handed to recipients, keep the head word (a count of targets, never a target)
    assert _counted("- Số chỉ tiêu đạt và vượt kế hoạch: 15.\n") == [(15.0, "chỉ tiêu")]
    assert _counted("- Chỉ tiêu giao cho các xã: 12\n") == [(12.0, "chỉ tiêu")]
    # the noun must be a word of its own in lower case, and only a target's head word hands over
    assert _counted("- Chỉ tiêu kinh tế - xã hội chủ yếu: 18.\n") == [(18.0, "chỉ tiêu")]
    assert _counted("- Chỉ tiêu tuyển sinh vào trường THPT: 450.\n") == [(450.0, "chỉ tiêu")]
    assert _counted("- Nhiệm vụ phát triển kinh tế - xã hội trọng tâm: 5.\n") == [(5.0, "nhiệm vụ")]


def test_the_body_that_assigns_a_value_is_not_what_the_value_counts() -> None:
    assert _counted("Thu ngân sách năm 2026 phấn đấu đạt dự toán tỉnh giao là 120.\n") == [(120.0, "")]
    assert _counted("Kết nạp đảng viên mới đạt 30, vượt chỉ tiêu huyện giao là 25.\n")[1] != (25.0, "huyện")
    assert _counted("- Số xã giao thông nông thôn đạt chuẩn: 12\n") == [(12.0, "xã")]
    # only an administrative level assigns: a meeting, a crime or a crossing is counted
    assert _counted("- Số cuộc giao ban trực tuyến đã tổ chức: 12.\n") == [(12.0, "cuộc")]
    assert _counted("- Số điểm giao cắt đồng mức với đường sắt: 25.\n") == [(25.0, "điểm")]


def test_a_percentage_spelled_phan_tram_is_a_percentage_and_closes_a_range() -> None:
    found = [(q.text, q.value, q.value_max, q.unit) for q in _quantities("GRDP tăng từ 7,5 đến 8 phần trăm.")]
    assert found == [("7,5 đến 8 phần trăm", 7.5, 8.0, "%")]
    assert [q.unit for q in _quantities("Tỷ lệ hộ nghèo giảm 0,8 điểm phần trăm.")] == ["điểm"]


def test_a_field_after_another_fields_value_is_named_by_its_own_label() -> None:
    units = _counted("- Thành lập mới tổ hợp tác: 05, hợp tác xã: 02.\n- Số xã, phường đạt chuẩn: 12.\n")
    assert units == [(5.0, "tổ hợp tác"), (2.0, "hợp tác xã"), (12.0, "xã")]
    # a field naming no noun counts what the field before it counts
    assert _counted("- Số hộ nghèo đầu năm: 350, cuối năm: 280.\n") == [(350.0, "hộ nghèo"), (280.0, "hộ nghèo")]
    assert _counted("- Số vụ tai nạn giao thông: 12, số người chết: 8, bị thương: 10.\n") == [
        (12.0, "vụ"), (8.0, "người"), (10.0, "người")]


def test_each_part_a_breakdown_names_after_a_comma_counts_what_the_whole_counts() -> None:
    units = _counted("- Kết nạp đảng viên mới: 25 người (trong đó: đoàn viên 15, hội viên 10).\n"
                     "- Trồng mới 300 ha rừng, trong đó rừng gỗ lớn 100, năm 2026 là 50.\n")
    assert units == [(25.0, "người"), (15.0, "người"), (10.0, "người"), (300.0, "ha"), (100.0, "ha"), (50.0, "")]
    # a rate, an average or a verb's value after the parts is none of them
    units = _counted("Đảng bộ có 1.250 đồng chí, trong đó: nữ 520, tỷ lệ 41,6.\n"
                     "Phấn đấu kết nạp 30 đảng viên, trong đó nữ 12, tuổi đời bình quân 29.\n"
                     "Kết nạp 25 đảng viên, trong đó đoàn viên 15, vượt chỉ tiêu 5.\n")
    assert [u for _, u in units] == ["đồng chí", "đồng chí", "", "đảng viên", "đảng viên", "", "đảng viên",
                                     "đảng viên", ""]


def test_a_range_spelled_in_words_keeps_both_bounds() -> None:
    found = [(q.text, q.value, q.value_max, q.unit) for q in _quantities(
        "Phấn đấu có thêm từ hai đến ba xã đạt chuẩn, kết nạp từ ba mươi lăm đến bốn mươi đảng viên.")]
    assert found == [("hai đến ba xã", 2.0, 3.0, "xã"), ("ba mươi lăm đến bốn mươi đảng viên", 35.0, 40.0, "đảng viên")]
    # a year's "năm" before "đến" is no lower bound, nor a higher number
    assert [(q.value, q.value_max) for q in _quantities("Trong năm đến ba xã đạt chuẩn; bốn đến ba hộ.")] == [
        (3.0, None), (3.0, None)]
    # nor part of one ("Mỗi năm mười …" is no fifteen), and an ordinal or a name's number is no bound
    found = [(q.text, q.value, q.value_max) for q in _quantities(
        "Mỗi năm mười đến hai mươi hộ thoát nghèo. Lớp thứ hai đến ba học viên vắng mặt.")]
    assert found == [("mười đến hai mươi hộ", 10.0, 20.0), ("ba học viên", 3.0, None)]


def test_a_thousand_inside_number_words_is_part_of_the_number() -> None:
    assert [(q.value, q.unit) for q in _quantities("Giải quyết việc làm cho một nghìn hai trăm lao động.")] == [
        (1200.0, "lao động")]
    assert [(q.value, q.unit) for q in _quantities("Huy động hai nghìn tỷ đồng.")] == [(2.0, "nghìn tỷ đồng")]
