"""Targets read from table rows: the ingest's " | " blocks and the corpus's flattened "|" tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp.doc import Doc
from nlp.tables import bar_tables, loose_tables, pipe_tables, table_targets

PLAN_WITH_ANNEX = """KẾ HOẠCH
phát triển kinh tế - xã hội huyện Tân Phú giai đoạn 2024 - 2026

Ủy ban nhân dân huyện giao các xã thực hiện các chỉ tiêu tại Phụ lục kèm theo.

Phụ lục: Chỉ tiêu chủ yếu

STT | Chỉ tiêu | Đơn vị tính | Ước thực hiện 2023 | Năm 2024 | Năm 2025 | Năm 2026
1 | Tỷ lệ hộ nghèo | % | 4,1 | 3,5 | 3 | 2,5
2 | Trồng rừng tập trung | ha | 380 | 400 | 450 | 500
3 | Kết nạp đảng viên mới | đảng viên | 110 | 120 | 125 | 130

Các xã báo cáo kết quả trước ngày 15 hằng tháng.
"""

FLATTENED = """Biểu 1. Chỉ tiêu giao

|
**STT**
|
**Nội dung**
|
**Đơn vị tính**
|
**Năm 2025**
|
|
1
|
Tỷ lệ trường đạt
chuẩn quốc gia
|
%
|
85
|
|
2
|
Số xã có trạm y tế đạt chuẩn
|
xã
|
12
|

Ghi chú: số liệu do Phòng Giáo dục tổng hợp.
"""


def _targets(text: str):  # type: ignore[no-untyped-def]
    from nlp.pipeline import process

    return process(text).targets


def test_pipe_table_rows_are_found_as_cells() -> None:
    tables = pipe_tables(PLAN_WITH_ANNEX)
    assert len(tables) == 1
    rows = tables[0]
    assert [c.text for c in rows[1]] == ["1", "Tỷ lệ hộ nghèo", "%", "4,1", "3,5", "3", "2,5"]
    for row in rows:
        for c in row:
            assert PLAN_WITH_ANNEX[c.start : c.end] == c.text


def test_one_target_per_year_column_with_name_unit_and_period() -> None:
    targets = _targets(PLAN_WITH_ANNEX)
    got = {(t.metric, t.period_end): (t.quantity.value, t.quantity.unit) for t in targets}
    assert got[("Tỷ lệ hộ nghèo", "2026")] == (2.5, "%")
    assert got[("Tỷ lệ hộ nghèo", "2024")] == (3.5, "%")
    assert got[("Trồng rừng tập trung", "2025")] == (450, "ha")
    assert got[("Kết nạp đảng viên mới", "2026")] == (130, "đảng viên")
    # the "ước thực hiện" column is a result, not a target
    assert not any(t.period_end == "2023" for t in targets)


def test_table_target_spans_are_exact_and_not_duplicated() -> None:
    from nlp.pipeline import process

    doc = process(PLAN_WITH_ANNEX)
    spans = [(t.start, t.end) for t in doc.targets]
    assert len(spans) == len(set(spans))
    for t in doc.targets:
        assert doc.text[t.start : t.end] == t.text
    q = [t for t in doc.targets if t.metric == "Tỷ lệ hộ nghèo" and t.period_end == "2025"]
    assert len(q) == 1 and q[0].text == "3"


def test_flattened_bar_table_is_read() -> None:
    tables = bar_tables(FLATTENED)
    assert len(tables) == 1
    targets = table_targets(Doc(text=FLATTENED), tables[0])
    got = {(t.metric, t.period_end, t.quantity.value, t.quantity.unit) for t in targets}
    assert got == {("Tỷ lệ trường đạt chuẩn quốc gia", "2025", 85.0, "%"),
                   ("Số xã có trạm y tế đạt chuẩn", "2025", 12.0, "xã")}


def test_table_without_numbers_gives_nothing() -> None:
    text = "Nơi nhận | Ghi chú\nSở Tài chính | báo cáo\nSở Nội vụ | phối hợp\n"
    assert table_targets(Doc(text=text), pipe_tables(text)[0]) == []


def _forecast_table_targets(text: str):  # type: ignore[no-untyped-def]
    """Targets read by the table reader alone from full/006's forecast table (Mẫu biểu số 01)."""
    from nlp.pipeline import process

    doc = process(text)
    start = doc.text.index("DỰ BÁO MỘT SỐ CHỈ TIÊU")
    rows = next(r for r in bar_tables(doc.text) if r[0][0].start > start)
    return doc, table_targets(doc, rows)


def test_corpus_annex_table_with_spanned_year_header(corpus: Path) -> None:
    path = corpus / "full" / "006.txt"
    if not path.exists():
        pytest.skip("full/006.txt not available")
    _doc, targets = _forecast_table_targets(path.read_text(encoding="utf-8"))
    grdp = [t for t in targets if t.metric.startswith("Tổng sản phẩm trong nước") and t.period_end == "2028"]
    assert grdp and grdp[0].quantity.value == 247907 and grdp[0].quantity.unit == "Tỷ đồng"
    growth = {t.period_end: t.quantity.value for t in targets if t.metric == "Tốc độ tăng trưởng GRDP"}
    assert growth.get("2026") == 10.0


def test_forecast_and_budget_tables_set_no_targets(corpus: Path) -> None:
    path = corpus / "full" / "006.txt"
    if not path.exists():
        pytest.skip("full/006.txt not available")
    doc, read = _forecast_table_targets(path.read_text(encoding="utf-8"))
    cells = {(t.start, t.end) for t in read}
    assert read and not any((t.start, t.end) in cells for t in doc.targets)


TWO_LEVEL = """Phụ lục: Kế hoạch sản phẩm tham gia xuất khẩu

|
**TT**
|
**Sản phẩm**
|
**Kế hoạch 2026**
|
**Kế hoạch 2027**
|
|
**Lượng (Tấn)**
|
**Giá trị (Nghìn USD)**
|
**Lượng (Tấn)**
|
**Giá trị (Nghìn USD)**
|
|
|
**Tổng**
|
|
**9.000**
|
|
**9.800**
|
|
1
|
Xoài
|
13.500
|
7.000
|
14.800
|
7.800
|

Ghi chú: số liệu do Sở Công Thương tổng hợp.
"""


def test_year_spanning_two_kind_columns_gives_each_value_its_year_and_unit() -> None:
    doc = Doc(TWO_LEVEL)
    rows = bar_tables(TWO_LEVEL)[0]
    assert [len(r) for r in rows[2:]] == [6, 6]  # empty cells kept below the header
    got = {(t.metric, t.period_start, t.quantity.value, t.quantity.unit) for t in table_targets(doc, rows)}
    # what each column measures joins the row's item; a total row totals the column's measure
    assert ("Lượng xoài", "2026", 13500, "Tấn") in got
    assert ("Giá trị xoài", "2027", 7800, "Nghìn USD") in got
    assert ("Tổng giá trị", "2027", 9800, "Nghìn USD") in got
    assert len(got) == 6


SPANNED_PERIOD = """Biểu: Chỉ tiêu phát triển vùng nguyên liệu

|
**TT**
|
**Chỉ tiêu**
|
**ĐVT**
|
**ƯTH Năm 2025**
|
**GIAI ĐOẠN 2026 - 2028**
|
|
**Năm 2026**
|
**Năm 2027**
|
**Năm 2028**
|
|
1
|
Diện tích cà phê
|
Ha
|
26.120
|
27.000
|
27.500
|
28.000
|

Nguồn: Sở Nông nghiệp và Môi trường.
"""


def test_estimated_result_column_is_skipped_and_years_under_a_period_align() -> None:
    doc = Doc(SPANNED_PERIOD)
    targets = table_targets(doc, bar_tables(SPANNED_PERIOD)[0])
    got = {(t.period_start, t.period_end): t.quantity.value for t in targets}
    assert got == {("2026", "2026"): 27000, ("2027", "2027"): 27500, ("2028", "2028"): 28000}


GROUPED = """Phụ lục: Chỉ tiêu xuất khẩu nông sản

STT | Chỉ tiêu | Đơn vị tính | Năm 2026
I | Sản lượng tham gia xuất khẩu | |
1 | Xoài | tấn | 1.200
2 | Thanh long ruột đỏ | tấn | 850
3 | Tổng sản lượng rau quả chế biến sâu | tấn | 400
"""


def test_short_row_names_take_the_group_row_above_them() -> None:
    doc = Doc(text=GROUPED)
    metrics = {t.quantity.value: t.metric for t in table_targets(doc, pipe_tables(GROUPED)[0])}
    assert metrics[1200.0] == "Sản lượng tham gia xuất khẩu xoài"
    assert metrics[850.0] == "Thanh long ruột đỏ"  # long enough to stand alone
    assert metrics[400.0] == "Tổng sản lượng rau quả chế biến sâu"


MEASURES_UNDER_ITEMS = """Phụ lục: Chỉ tiêu phát triển cây ăn quả và chăn nuôi

STT | Chỉ tiêu | Đơn vị tính | Năm 2026 | Năm 2027
I | BÒ THỊT | | |
- | Tổng đàn | con | 4.200 | 4.500
1 | Cam sành | | |
- | Diện tích | ha | 310 | 330
- | Sản lượng cam sành loại 1 | tấn | 2.100 | 2.400
"""


def test_a_measure_row_under_an_item_group_names_both() -> None:
    doc = Doc(text=MEASURES_UNDER_ITEMS)
    metrics = {t.quantity.value: t.metric for t in table_targets(doc, pipe_tables(MEASURES_UNDER_ITEMS)[0])}
    assert metrics[4500.0] == "Tổng đàn bò thịt"
    assert metrics[330.0] == "Diện tích cam sành"
    assert metrics[2400.0] == "Sản lượng cam sành loại 1"  # already names its item


def test_a_value_column_without_a_measure_keeps_the_row_name() -> None:
    doc = Doc(text=PLAN_WITH_ANNEX)
    metrics = {t.metric for t in table_targets(doc, pipe_tables(PLAN_WITH_ANNEX)[0])}
    assert metrics == {"Tỷ lệ hộ nghèo", "Trồng rừng tập trung", "Kết nạp đảng viên mới"}


def test_markdown_table_with_outer_bars_and_rule_is_read() -> None:
    text = PLAN_WITH_ANNEX.replace(
        "STT | Chỉ tiêu | Đơn vị tính | Ước thực hiện 2023 | Năm 2024 | Năm 2025 | Năm 2026\n",
        "| STT | Chỉ tiêu | Đơn vị tính | Ước thực hiện 2023 | Năm 2024 | Năm 2025 | Năm 2026 |\n"
        "|---|---|:---:|---:|---:|---:|---:|\n",
    ).replace("\n1 | Tỷ lệ hộ nghèo | % | 4,1 | 3,5 | 3 | 2,5\n", "\n| 1 | Tỷ lệ hộ nghèo | % | 4,1 | 3,5 | 3 | 2,5 |\n")
    (rows,) = pipe_tables(text)
    assert [c.text for c in rows[0]][:2] == ["STT", "Chỉ tiêu"] and len(rows[0]) == 7
    assert [c.text for c in rows[1]] == ["1", "Tỷ lệ hộ nghèo", "%", "4,1", "3,5", "3", "2,5"]
    got = {(t.metric, t.period_end): t.quantity.value for t in _targets(text)}
    assert got[("Tỷ lệ hộ nghèo", "2026")] == 2.5 and got[("Kết nạp đảng viên mới", "2024")] == 120


def test_columns_of_what_was_done_and_of_past_years_give_no_targets() -> None:
    from nlp.pipeline import analyze_text

    head = ("ỦY BAN NHÂN DÂN\nHUYỆN BÌNH NGUYÊN\nSố: 45/KH-UBND\nBình Nguyên, ngày 10 tháng 01 năm 2026\n\n"
            "KẾ HOẠCH\nPhát triển kinh tế - xã hội năm 2026\n\nI. CÁC CHỈ TIÊU CHỦ YẾU\n\n")
    rows = ("|---|---|---|---|---|\n"
            "| 1 | Thu ngân sách nhà nước trên địa bàn | Tỷ đồng | 410 | 450 |\n"
            "| 2 | Kết nạp đảng viên mới | Đảng viên | 120 | 130 |\n")
    for done, planned in (("Thực hiện 2025", "Kế hoạch 2026"), ("Năm 2025", "Năm 2026")):
        table = f"| STT | Chỉ tiêu | Đơn vị tính | {done} | {planned} |\n" + rows
        targets = analyze_text(head + table).targets
        assert sorted(t.value for t in targets) == [130.0, 450.0], done
    restated = "| STT | Chỉ tiêu | Đơn vị tính | Kế hoạch 2025 | Kế hoạch 2026 |\n" + rows
    assert sorted(t.value for t in analyze_text(head + restated).targets) == [120.0, 130.0, 410.0, 450.0]
    planned = "| STT | Chỉ tiêu | Đơn vị tính | Thực hiện năm 2025 | Kế hoạch thực hiện năm 2026 |\n" + rows
    assert sorted(t.value for t in analyze_text(head + planned).targets) == [130.0, 450.0]


def test_a_budget_word_in_prose_above_the_heading_does_not_caption_the_table() -> None:
    from nlp.pipeline import analyze_text

    head = ("ỦY BAN NHÂN DÂN\nXÃ HÒA MINH\nSố: 77/KH-UBND\nHòa Minh, ngày 22 tháng 12 năm 2025\n\n"
            "KẾ HOẠCH\nPhát triển kinh tế - xã hội năm 2026\n\nI. MỤC ĐÍCH, YÊU CẦU\n"
            "- Kế thừa kết quả năm 2025: thu ngân sách trên địa bàn ước đạt 14,2 tỷ đồng, bằng 108% dự toán "
            "huyện giao; tỷ lệ hộ nghèo còn 3,1%; thêm 2 thôn được công nhận đạt chuẩn nông thôn mới nâng cao.\n\n")
    table = ("| TT | Chỉ tiêu | Đơn vị tính | Kế hoạch năm 2026 |\n"
             "| 1 | Thu ngân sách nhà nước trên địa bàn | tỷ đồng | 15 |\n"
             "| 2 | Tỷ lệ hộ nghèo | % | 2,6 |\n")
    goals = "II. MỤC TIÊU, CHỈ TIÊU NĂM 2026\nCác chỉ tiêu chủ yếu:\n\n"
    assert {2.6, 15.0} <= {t.value for t in analyze_text(head + goals + table).targets}
    budget = "II. DỰ TOÁN THU NGÂN SÁCH NĂM 2026\n\n"
    assert not {2.6, 15.0} & {t.value for t in analyze_text(head + budget + table).targets}


ASSIGNED = """ĐẢNG ỦY XÃ TÂN HỘI                          ĐẢNG CỘNG SẢN VIỆT NAM
Số: 05-KH/ĐU                              Tân Hội, ngày 05 tháng 01 năm 2026

KẾ HOẠCH
phát triển đảng viên giai đoạn 2026 - 2030

II. CHỈ TIÊU GIAO CÁC CHI BỘ

TT | Đơn vị | Chỉ tiêu kết nạp đảng viên (đồng chí)
1 | Chi bộ ấp Tân Lập | 5
2 | Chi bộ Trường Tiểu học Tân Hội | 3

III. CHỈ TIÊU CHUNG

TT | Tên chỉ tiêu | Đơn vị | Chỉ tiêu cụ thể | Yêu cầu đạt
1 | Tỷ lệ chi bộ hoàn thành tốt nhiệm vụ | % | 80 |
2 | Số cuộc kiểm tra chuyên đề | Cuộc | | 12

IV. NHIỆM VỤ

TT | Nội dung | Số lượng | Đơn vị chủ trì
1 | Xây dựng mô hình dân vận khéo | 5 | Ban Dân vận
"""


def test_a_table_assigning_values_to_bodies_reads_the_column_as_metric_and_the_row_as_actor() -> None:
    got = [(t.quantity.value, t.quantity.unit, t.metric, t.actors, t.period_end) for t in _targets(ASSIGNED)]
    assert (5.0, "đồng chí", "kết nạp đảng viên", ["Chi bộ ấp Tân Lập"], "2030") in got
    assert (3.0, "đồng chí", "kết nạp đảng viên", ["Chi bộ Trường Tiểu học Tân Hội"], "2030") in got


def test_columns_of_what_must_be_reached_and_of_counted_tasks_hold_values() -> None:
    got = {t.metric: (t.quantity.value, t.quantity.unit) for t in _targets(ASSIGNED)}
    assert got["Tỷ lệ chi bộ hoàn thành tốt nhiệm vụ"] == (80.0, "%")
    assert got["Số cuộc kiểm tra chuyên đề"] == (12.0, "cuộc")
    assert got["Xây dựng mô hình dân vận khéo"] == (5.0, "")


def test_a_column_that_only_prints_its_unit_holds_targets_only_under_a_caption_that_sets_them() -> None:
    table = "TT | Tên xã | Số hộ thoát nghèo (hộ) | Tỷ lệ (%)\n1 | Xã Tân An | 45 | 1,5\n2 | Xã Tân Hội | 30 | 1,2\n"
    results = _targets(f"I. KẾT QUẢ ĐẠT ĐƯỢC NĂM 2025\n\n{table}\nCác xã tiếp tục rà soát.\n")
    assert [t.text for t in results] == []
    planned = _targets(f"II. CHỈ TIÊU GIẢM NGHÈO NĂM 2026\n\n{table}\nCác xã tổ chức thực hiện.\n")
    assert [(t.quantity.value, t.metric, t.actors) for t in planned][:2] == [
        (45.0, "Số hộ thoát nghèo", ["Xã Tân An"]), (1.5, "Tỷ lệ", ["Xã Tân An"])]


LOOSE = """Phụ lục: Các chỉ tiêu chủ yếu năm 2026 của xã Tân Hòa

TT Chỉ tiêu    Đơn vị tính    Ước thực hiện 2025 Kế hoạch 2026
1    2    3    4    5
1 Tỷ lệ hộ nghèo đa chiều % 2,1 1,5
2    Thu nhập bình quân đầu người    Triệu đồng    62    70
3    Số thôn đạt chuẩn nông thôn mới
     kiểu mẫu    thôn    1    3
4 Kết nạp đảng viên mới Đảng viên 12 15 18

Ủy ban nhân dân xã giao các thôn triển khai thực hiện.
"""


def test_a_table_without_borders_is_read_by_its_header_line() -> None:
    (rows,) = loose_tables(LOOSE)
    assert [c.text for c in rows[0]] == ["TT", "Chỉ tiêu", "Đơn vị tính", "Ước thực hiện 2025", "Kế hoạch 2026"]
    assert [c.text for c in rows[1]] == ["1", "Tỷ lệ hộ nghèo đa chiều", "%", "2,1", "1,5"]
    for row in rows:
        for c in row:
            assert " ".join(LOOSE[c.start : c.end].split()) == c.text
    got = {(t.metric, t.period_end): (t.quantity.value, t.quantity.unit) for t in _targets(LOOSE)}
    # the estimate column is a result; a name wrapped above its values keeps both lines; a row with more numbers
    # than the header has value columns is no row of it
    assert got == {("Tỷ lệ hộ nghèo đa chiều", "2026"): (1.5, "%"),
                   ("Thu nhập bình quân đầu người", "2026"): (70.0, "triệu đồng"),
                   ("Số thôn đạt chuẩn nông thôn mới kiểu mẫu", "2026"): (3.0, "thôn")}


def test_a_name_wrapped_below_its_values_joins_its_row() -> None:
    text = ("STT    Nội dung    ĐVT    Năm 2026\n1    Tỷ lệ người dân tham gia bảo hiểm    %    95\n"
            "     y tế\n2    Số hộ được hỗ trợ nhà ở    hộ    40\n")
    (rows,) = loose_tables(text)
    assert [r[1].text for r in rows[1:]] == ["Tỷ lệ người dân tham gia bảo hiểm y tế", "Số hộ được hỗ trợ nhà ở"]


@pytest.mark.parametrize("text", [
    "Năm 2024 toàn xã có 12 thôn; năm 2025 có 14 thôn; kế hoạch năm 2026 có 16 thôn đạt chuẩn văn hóa.\n"
    "Chỉ tiêu    Năm 2025    Năm 2026\nBa thôn còn lại hoàn thành trong quý II\n",
    "Nội dung chỉ tiêu năm 2025 và năm 2026 được giao tại Phụ lục.\n1 Các thôn 2 3\nHết.\n",
])
def test_prose_with_years_and_numbers_is_no_table_without_borders(text: str) -> None:
    assert loose_tables(text) == []


SPANNED_GAP = """Phụ lục 01
CHỈ TIÊU XÂY DỰNG XÃ NÔNG THÔN MỚI KIỂU MẪU

TT    Chỉ tiêu    ĐVT    Năm gốc 2025    Giai đoạn 2026-2028
Năm 2026    Năm 2027    Năm 2028
1    Số sản phẩm OCOP đạt 3 sao trở lên    sản phẩm    4    5    6    8
2    Tỷ lệ hộ nghèo đa chiều    %    1,9    1,5    Dưới 1,2    Không quá 1
3    Tỷ lệ hộ dùng nước sạch    %    88    90    Duy trì    Tối thiểu 95
"""


def test_a_spanned_year_header_without_borders_divides_its_columns_and_bounds_stay_in_the_cells() -> None:
    got = {(t.metric, t.period_end): (t.quantity.value, t.quantity.comparator) for t in _targets(SPANNED_GAP)}
    assert got[("Số sản phẩm OCOP đạt 3 sao trở lên", "2028")] == (8.0, "=")
    assert got[("Tỷ lệ hộ nghèo đa chiều", "2027")] == (1.2, "<")
    assert got[("Tỷ lệ hộ nghèo đa chiều", "2028")] == (1.0, "<=")
    assert got[("Tỷ lệ hộ dùng nước sạch", "2028")] == (95.0, ">=")
    # the base year is a result; "Duy trì" holds no number; "3 sao" in a row's name is no target of its own
    assert not [k for k in got if k[1] == "2025" or k == ("Tỷ lệ hộ dùng nước sạch", "2027")]
    assert len(got) == 8


ASSIGNED_CELLS = """KẾ HOẠCH
phát triển đảng viên năm 2026

Các chi bộ thực hiện các chỉ tiêu tại Phụ lục. Các chi bộ báo cáo kết quả thực hiện về Đảng ủy trước ngày 10/12/2026.

Nơi nhận:
- Các chi bộ;
- Lưu VP.

Phụ lục
CHỈ TIÊU KẾT NẠP ĐẢNG VIÊN GIAO CÁC CHI BỘ

STT | Tên chi bộ | Số đảng viên hiện có | Chỉ tiêu kết nạp đảng viên (đồng chí) | Ghi chú
1 | Chi bộ thôn Bình Minh | 46 | 3 |
2 | Chi bộ Trường Tiểu học Kim Đồng | 19 | Tối thiểu 1 |
| Tổng cộng | 65 | 4 |
"""


def test_a_table_assigning_counts_to_cells_reads_its_unit_column_and_not_its_present_figures_or_sum() -> None:
    got = {(t.actors[0] if t.actors else "", t.quantity.value) for t in _targets(ASSIGNED_CELLS)}
    # the caption stops at the annex's title: "báo cáo kết quả thực hiện" above it does not make it a results table
    assert got == {("Chi bộ thôn Bình Minh", 3.0), ("Chi bộ Trường Tiểu học Kim Đồng", 1.0)}


def test_an_estimate_column_marked_uoc_is_a_result() -> None:
    text = ("Phụ lục 1. Chỉ tiêu chủ yếu\n\nTT | Nội dung | ĐVT | Năm 2025 (ước) | Mục tiêu đến năm 2030\n"
            "1 | Tỷ lệ đô thị hóa | % | 38 | 45-50\n2 | Tuổi thọ trung bình | tuổi | 74,1 | 75,5\n")
    got = {(t.metric, t.quantity.value) for t in _targets(text)}
    assert got == {("Tỷ lệ đô thị hóa", 45.0), ("Tuổi thọ trung bình", 75.5)}


def test_a_unit_in_brackets_after_a_row_name_is_the_values_unit() -> None:
    text = ("KẾ HOẠCH\nChỉ tiêu phát triển năm 2025\n\nSTT | Chỉ tiêu | Kế hoạch 2025\n1 | Tỷ lệ hộ nghèo (%) | < 2\n"
            "2 | Số lao động được đào tạo (người) | 1.200\n3 | Thu nhập bình quân (triệu đồng) | 65\n")
    got = {t.metric: (t.quantity.value, t.quantity.unit) for t in _targets(text)}
    assert got == {"Tỷ lệ hộ nghèo": (2.0, "%"), "Số lao động được đào tạo": (1200.0, "người"),
                   "Thu nhập bình quân": (65.0, "triệu đồng")}


def test_a_table_pasted_with_tabs_keeps_its_columns_and_rows_that_leave_cells_empty() -> None:
    from nlp.pipeline import analyze_text

    text = ("KẾ HOẠCH\nPhát triển giáo dục huyện Tân Phú năm 2026\n\nBiểu chỉ tiêu:\n\n"
            "STT\tChỉ tiêu\tĐVT\tƯớc TH 2025\tKH 2026\tGhi chú\n"
            "1\tTỷ lệ huy động trẻ mẫu giáo ra lớp\t%\t98,2\t≥ 98,5\n"
            "2\tSố trường đạt chuẩn quốc gia\ttrường\t38\t42\tLũy kế\n"
            "3\tTỷ lệ học sinh bỏ học cấp THCS\t%\t0,35\t≤ 0,3\t\n")
    got = [(t.value, t.unit, t.comparator) for t in analyze_text(text).targets]
    assert got == [(98.5, "%", ">="), (42.0, "trường", "="), (0.3, "%", "<=")]


def test_a_table_laid_out_in_columns_is_read_by_position_under_labels_wrapped_over_lines() -> None:
    from nlp.pipeline import analyze_text

    table = [
        "                                                       Thực hiện      Mục tiêu",
        " STT   Chỉ tiêu                              ĐVT       nhiệm kỳ       đến năm      Ghi chú",
        "                                                       2020-2025      2030",
        "",
        " I     VỀ KINH TẾ",
        "  1    Thu nhập bình quân đầu người          triệu     64,5           trên 95",
        "                                             đồng/",
        "                                             người",
        "  2    Tổng thu ngân sách trên địa bàn (năm  tỷ đồng   38,2           55           Giá hiện hành",
        "       cuối nhiệm kỳ)",
        " II    VỀ XÃ HỘI",
        "  3    Tỷ lệ hộ nghèo giảm bình quân         %/năm     0,8            0,5",
        "  4    Số ca mắc sốt xuất huyết              ca        312            -            Theo dõi",
    ]
    text = "NGHỊ QUYẾT\nĐại hội Đảng bộ xã Tân An nhiệm kỳ 2025 - 2030\n\nCác chỉ tiêu chủ yếu:\n\n" + "\n".join(table) + "\n"
    got = [(t.value, t.unit, t.per, t.period.end, t.metric) for t in analyze_text(text).targets]
    # the unit wrapped over three lines ("triệu" / "đồng/" / "người"), a unit cell's "/năm" is the rate period
    assert got == [(95.0, "triệu đồng", None, "2030", "Thu nhập bình quân đầu người"),
                   (55.0, "tỷ đồng", None, "2030", "Tổng thu ngân sách trên địa bàn (năm cuối nhiệm kỳ)"),
                   (0.5, "%", "năm", "2030", "Tỷ lệ hộ nghèo giảm bình quân")]


def test_a_word_table_pasted_one_cell_per_paragraph_is_read_in_rows_of_the_headers_width() -> None:
    from nlp.pipeline import analyze_text

    cells = ["STT", "Chỉ tiêu", "Đơn vị tính", "Ước thực hiện 2025", "Kế hoạch 2026",
             "I", "Kinh tế",
             "1", "Tổng sản lượng lương thực có hạt", "tấn", "21.560", "22.000",
             "2", "Thu nhập bình quân đầu người", "triệu đồng", "58,4", "63",
             "II", "Xã hội",
             "3", "Tỷ lệ hộ nghèo", "%", "4,2", "dưới 3"]
    text = ("NGHỊ QUYẾT\nVề nhiệm vụ phát triển kinh tế - xã hội xã Tân An năm 2026\n\n"
            "Biểu chỉ tiêu chủ yếu năm 2026\n\n" + "\n\n".join(cells) + "\n\nĐiều 2. Tổ chức thực hiện.\n")
    got = [(t.value, t.unit, t.comparator, t.period.end) for t in analyze_text(text).targets]
    assert got == [(22000.0, "tấn", "=", "2026"), (63.0, "triệu đồng", "=", "2026"), (3.0, "%", "<", "2026")]


def test_value_columns_named_by_the_places_they_assign_give_each_target_its_place() -> None:
    from nlp.pipeline import analyze_text

    text = ("QUYẾT ĐỊNH\nVề việc giao chỉ tiêu năm 2026 cho các xã\n\nBiểu chỉ tiêu giao năm 2026:\n\n"
            "TT | Chỉ tiêu | ĐVT | Xã Na Son | Xã Pú Nhi | Ghi chú\n"
            "1 | Trồng rừng mới | ha | 220 | 180 | \n"
            "2 | Tỷ lệ dân số tham gia BHYT | % | ≥ 96 | 95 | \n")
    got = [(t.value, t.unit, t.actors, t.metric) for t in analyze_text(text).targets]
    assert got == [(220.0, "ha", ["Xã Na Son"], "Trồng rừng mới"), (180.0, "ha", ["Xã Pú Nhi"], "Trồng rừng mới"),
                   (96.0, "%", ["Xã Na Son"], "Tỷ lệ dân số tham gia BHYT"),
                   (95.0, "%", ["Xã Pú Nhi"], "Tỷ lệ dân số tham gia BHYT")]


def test_a_heading_line_whose_last_column_is_a_name_reads_no_row() -> None:
    from nlp.pipeline import process

    # a first line read as a header with no column right of its name, then a bare number below it
    doc = process("Dự án giai đoạn 2021-2025 QĐ-TTg 12/3/2024 số\n393.000\n")
    assert doc.targets == []


# a Word table pasted as one cell per paragraph: the second row's note cell was empty and its line dropped
PASTED_CELLS = """Phụ lục
CHỈ TIÊU GIAO NĂM 2027 CHO CÁC PHƯỜNG

STT

Chỉ tiêu

Đơn vị tính

Phường Đông Hà

Phường Nam Đông

Ghi chú

1

Tỷ lệ hộ nghèo giảm

%

1,5

1,2

Theo chuẩn mới

2

Số người tham gia bảo hiểm xã hội tự nguyện

người

350

280

3

Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ

%

≥ 97

≥ 96

Giao trong quý I
"""


def test_a_pasted_row_missing_its_last_cell_does_not_swallow_the_next_rows_number() -> None:
    from nlp.tables import cell_tables

    [rows] = cell_tables(PASTED_CELLS)
    assert [r[0].text for r in rows[1:]] == ["1", "2", "3"]
    got = {(t.metric, t.quantity.value, t.quantity.comparator, t.quantity.unit)
           for t in table_targets(Doc(text=PASTED_CELLS), rows)}
    assert ("Số người tham gia bảo hiểm xã hội tự nguyện", 350.0, "=", "người") in got
    assert ("Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ", 97.0, ">=", "%") in got


def test_a_column_named_so_and_a_counted_noun_holds_that_count_under_a_caption_that_assigns() -> None:
    from nlp.pipeline import process

    text = ("QUYẾT ĐỊNH\nVề việc giao chỉ tiêu tuyển sinh năm học 2026 - 2027\n\n"
            "Điều 1. Giao chỉ tiêu tuyển sinh vào lớp 10 cho các trường như sau:\n\n"
            "TT       Tên trường                     Số lớp      Số học sinh\n"
            "1        Trường THPT Nà Phặc            9           360\n"
            "2        Trường THPT Bằng Lũng          6           240\n\n"
            "Điều 2. Hiệu trưởng các trường tổ chức tuyển sinh theo đúng chỉ tiêu được giao.\n")
    got = {(t.quantity.value, t.quantity.unit) for t in process(text).targets}
    assert got == {(9.0, "lớp"), (360.0, "học sinh"), (6.0, "lớp"), (240.0, "học sinh")}


def test_the_same_count_columns_under_a_report_caption_hold_no_targets() -> None:
    from nlp.pipeline import process

    text = ("BÁO CÁO\nTình hình tuyển sinh năm học 2025 - 2026\n\n"
            "Số liệu tuyển sinh của các trường trong năm học vừa qua như sau:\n\n"
            "TT       Tên trường                     Số lớp      Số học sinh\n"
            "1        Trường THPT Nà Phặc            9           352\n"
            "2        Trường THPT Bằng Lũng          6           231\n")
    assert process(text).targets == []


def test_a_pasted_value_followed_by_its_note_stays_in_its_row() -> None:
    from nlp.tables import cell_tables

    text = ("CHỈ TIÊU NĂM 2027\n\nSTT\n\nChỉ tiêu\n\nĐơn vị tính\n\nKế hoạch năm 2027\n\nGhi chú\n\n"
            "1.1\n\nTỷ lệ trẻ em đến trường đúng độ tuổi\n\n%\n\n2\n\nTăng so với năm trước\n\n"
            "1.2\n\nSố trường đạt chuẩn quốc gia\n\ntrường\n\n12\n\nTheo kế hoạch của ngành\n")
    [rows] = cell_tables(text)
    assert [[c.text for c in r] for r in rows[1:]] == [
        ["1.1", "Tỷ lệ trẻ em đến trường đúng độ tuổi", "%", "2", "Tăng so với năm trước"],
        ["1.2", "Số trường đạt chuẩn quốc gia", "trường", "12", "Theo kế hoạch của ngành"],
    ]


@pytest.mark.parametrize("page_break", ["\n", "\n3\n\n", "\n(Tiếp theo trang trước)\n\n"])
def test_a_table_cut_by_a_page_break_goes_on_under_its_header(page_break: str) -> None:
    text = ("Phụ lục\nCHỈ TIÊU CHỦ YẾU NĂM 2027\n\n"
            "STT | Chỉ tiêu | Đơn vị tính | Kế hoạch năm 2027\n"
            "1 | Tốc độ tăng tổng giá trị sản xuất | % | 7,5\n"
            "2 | Thu nhập bình quân đầu người | triệu đồng | 68\n"
            f"{page_break}"
            "3 | Tỷ lệ che phủ rừng | % | 45\n"
            "4 | Số xã đạt chuẩn nông thôn mới nâng cao | xã | 2\n")
    [table] = pipe_tables(text)
    got = {(t.metric, t.quantity.value, t.quantity.unit) for t in table_targets(Doc(text=text), table)}
    assert ("Tỷ lệ che phủ rừng", 45.0, "%") in got and len(got) == 4


def test_a_second_table_with_its_own_header_or_numbering_is_not_joined_to_the_first() -> None:
    text = ("STT | Chỉ tiêu | Đơn vị tính | Năm 2027\n1 | Tỷ lệ hộ nghèo | % | 2\n2 | Trồng rừng | ha | 300\n\n"
            "Biểu 2\n\n1 | Xã Tân An | 12 | 3\n2 | Xã Phú Lộc | 9 | 2\n")
    assert [len(t) for t in pipe_tables(text)] == [3, 2]
