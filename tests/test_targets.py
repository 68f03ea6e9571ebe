"""Targets on sentences written in the style of plans, resolutions and news."""

from __future__ import annotations

import pytest

from nlp.pipeline import analyze_text
from nlp.targets import cues


def _targets(text: str):  # noqa: ANN202
    return analyze_text(text).targets


def _periods(text: str) -> dict[float, tuple[str | None, str | None]]:
    """Each target's value -> (period start, period end)."""
    return {t.value: (t.period.start, t.period.end) for t in _targets(text)}


PLAN_HEAD = "ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: 15/KH-UBND\nHà Nam, ngày 10 tháng 3 năm 2024\n\nKẾ HOẠCH\nPhát triển nông thôn mới năm 2024\n\n"


def test_commitment_with_per_year_range_and_base():
    (t,) = _targets("Các chi bộ phấn đấu kết nạp đảng viên mới từ 2-3%/năm so với tổng số đảng viên của Đảng bộ.")
    assert (t.value, t.value_max, t.unit, t.per, t.comparator) == (2.0, 3.0, "%", "năm", "range")
    assert t.metric == "kết nạp đảng viên mới"
    assert t.base == "tổng số đảng viên của Đảng bộ"


def test_at_least_bound_with_counted_noun_and_deadline():
    (t,) = _targets("Phấn đấu đến năm 2025 có ít nhất 12 xã đạt chuẩn nông thôn mới.")
    assert (t.value, t.value_max, t.unit, t.comparator) == (12.0, None, "xã", ">=")
    assert "xã đạt chuẩn nông thôn mới" in t.metric
    assert t.period.end == "2025"


def test_reported_result_is_not_a_target():
    assert _targets("Năm 2023, Đảng bộ huyện đã kết nạp 52 đảng viên mới, đạt 104% kế hoạch.") == []


def test_result_against_plan_in_news_is_not_a_target():
    assert _targets("Kết quả, toàn huyện kết nạp được 250 đảng viên, đạt 105% chỉ tiêu được giao.") == []


def test_upper_bound_gives_at_most_comparator():
    (t,) = _targets(PLAN_HEAD + "Mục tiêu: tỷ lệ hộ nghèo đa chiều giảm còn không quá 2% vào cuối năm 2024.")
    assert (t.value, t.comparator, t.unit) == (2.0, "<=", "%")
    assert "tỷ lệ hộ nghèo" in t.metric


def test_percentage_first_takes_the_noun_after_it_as_metric():
    (t,) = _targets(PLAN_HEAD + "Phấn đấu 100% xã trên địa bàn tỉnh đạt chuẩn tiếp cận pháp luật.")
    assert t.value == 100.0 and t.unit == "%"
    assert t.metric.startswith("xã")


def test_decimal_comma_and_period_from_the_sentence():
    (t,) = _targets("Phấn đấu đến năm 2030, tỷ lệ dân số tham gia bảo hiểm y tế đạt 95,5%.")
    assert t.value == 95.5
    assert t.period.end == "2030"
    assert "bảo hiểm y tế" in t.metric


def test_several_targets_in_one_sentence_each_keep_their_metric():
    ts = _targets("Phấn đấu năm 2024 tỷ lệ hộ nghèo giảm 1,5%; tỷ lệ lao động qua đào tạo đạt 70%.")
    assert [t.value for t in ts] == [1.5, 70.0]
    assert "hộ nghèo" in ts[0].metric and "lao động qua đào tạo" in ts[1].metric


def test_counts_of_targets_are_not_targets():
    assert _targets("Đại hội đề ra 31 chỉ tiêu chủ yếu và 3 khâu đột phá cho nhiệm kỳ 2025-2030.") == []


def test_actor_is_the_body_that_commits():
    (t,) = _targets("Ban Tổ chức Huyện ủy phối hợp với các chi bộ đề ra chỉ tiêu kết nạp ít nhất 30 đảng viên trong năm 2024.")
    assert t.actors == ["Ban Tổ chức Huyện ủy"]
    assert t.unit == "đảng viên" and t.comparator == ">="
    assert t.period.start == t.period.end == "2024"


def test_target_spans_match_their_text():
    a = analyze_text(PLAN_HEAD + "Phấn đấu đến năm 2025, 100% trường học đạt chuẩn quốc gia; có ít nhất 5 xã đạt chuẩn nông thôn mới nâng cao.")
    assert len(a.targets) == 2
    for t in a.targets:
        assert a.text[t.start : t.end] == t.text


def test_missing_or_corrupt_target_model_is_a_clear_error(tmp_path):
    import pytest

    from nlp.target_model import ModelError, load_model

    with pytest.raises(ModelError, match="make train"):
        load_model(tmp_path / "absent.json")
    bad = tmp_path / "targets.json"
    bad.write_text('{"format": "chitieu-logreg-1", "weights": ', encoding="utf-8")
    with pytest.raises(ModelError, match="missing or unreadable"):
        load_model(bad)


def test_deadline_in_a_section_heading_is_the_period_of_its_items() -> None:
    from nlp.pipeline import process

    text = """KẾ HOẠCH
thực hiện chuyển đổi số tỉnh Bến Tre đến năm 2035

II. MỤC TIÊU

*2.1. Đến năm 2030*

- Phấn đấu 100% xã có điểm phục vụ dịch vụ công trực tuyến.

*2.2. Định hướng đến năm 2035*

- Phấn đấu 80% hộ gia đình sử dụng dịch vụ thanh toán không dùng tiền mặt.
"""
    doc = process(text)
    periods = {t.quantity.value: (t.period_start, t.period_end) for t in doc.targets}
    assert periods[100] == (None, "2030")
    assert periods[80] == (None, "2035")


def test_year_compared_with_is_not_the_period() -> None:
    [t] = analyze_text("Năm 2026, phấn đấu giảm số vụ tai nạn giao thông ít nhất 5% so với năm 2025.").targets
    assert (t.period.start, t.period.end) == ("2026", "2026")
    [t] = analyze_text("Phấn đấu giảm số vụ cháy, nổ ít nhất 10% so với cùng kỳ năm 2024.").targets
    assert (t.period.start, t.period.end) == (None, None)


@pytest.mark.parametrize(("text", "value"), [
    # the date a state was measured on
    ("Tính đến ngày 31/10/2026, tỷ lệ hộ gia đình tham gia bảo hiểm y tế của huyện mới đạt 88,4%, "
     "thấp hơn chỉ tiêu Huyện ủy đề ra (phấn đấu đạt ít nhất 92%).", 92.0),
    # a year measured up to ("đến hết năm 2025" alone would read as a deadline)
    ("Yên Lập xây dựng thôn văn hóa\n\nTính đến hết năm 2025, toàn huyện có 41/52 thôn đạt chuẩn văn hóa; "
     "Huyện ủy đề ra chỉ tiêu có ít nhất 48 thôn đạt chuẩn.", 48.0),
])
def test_a_date_a_state_was_measured_on_is_not_the_period(text: str, value: float) -> None:
    targets = analyze_text(text).targets
    assert [t.value for t in targets] == [value]
    assert (targets[0].period.start, targets[0].period.end) == (None, None)


def test_each_part_of_a_list_keeps_its_own_year() -> None:
    text = ("Phấn đấu có 30% thôn, bản đạt chuẩn \"văn hóa số\" trong năm 2026; "
            "đến hết năm 2030 có ít nhất 75% thôn, bản đạt chuẩn.")
    periods = {t.value: (t.period.start, t.period.end) for t in analyze_text(text).targets}
    assert periods == {30.0: ("2026", "2026"), 75.0: (None, "2030")}


def test_number_first_metric_keeps_a_pair_of_short_nouns() -> None:
    [t] = analyze_text("Phấn đấu đến năm 2026, 100% xã, thị trấn có điểm tư vấn pháp luật cho người dân.").targets
    assert t.metric.startswith("xã, thị trấn có điểm tư vấn pháp luật")


def test_target_in_brackets_takes_the_metric_of_its_clause() -> None:
    text = ("Năm 2026, phấn đấu tỷ lệ bao phủ bảo hiểm y tế toàn tỉnh đạt 93,5%, cao hơn chỉ tiêu Nghị quyết "
            "Đại hội đề ra (ít nhất 92%).")
    metrics = {t.value: t.metric for t in analyze_text(text).targets}
    assert metrics[93.5] == "tỷ lệ bao phủ bảo hiểm y tế toàn tỉnh"
    if 92.0 in metrics:  # the bracketed bound, when taken, restates the metric of the number before it
        assert metrics[92.0] == "tỷ lệ bao phủ bảo hiểm y tế toàn tỉnh"


def test_year_stated_earlier_in_the_paragraph_is_the_period() -> None:
    text = ("Năm 2026, Hội đồng nhân dân xã thông qua các chỉ tiêu chủ yếu. Tổng giá trị sản xuất phấn đấu đạt "
            "620 tỷ đồng; thu nhập bình quân đầu người đạt 72 triệu đồng.\n\n"
            "Phấn đấu kết nạp 15 đảng viên mới.")
    periods = {t.value: (t.period.start, t.period.end) for t in analyze_text(text).targets}
    assert periods[620.0] == ("2026", "2026")
    assert periods[15.0] == (None, None)  # another paragraph: the year does not carry over


def test_opening_hang_nam_makes_every_target_of_the_sentence_yearly() -> None:
    text = ("(2) Hằng năm, tỷ lệ điều tra, khám phá án hình sự đạt từ 80% trở lên, bắt giữ, vận động đầu thú "
            "ít nhất 40% số đối tượng truy nã.")
    assert {t.value: t.per for t in analyze_text(text).targets} == {80.0: "năm", 40.0: "năm"}


def test_second_of_two_coordinated_targets_is_named_by_the_words_after_it() -> None:
    text = ("Phấn đấu đến năm 2027, 100% trạm y tế xã có bác sĩ và 90% trường tiểu học có phòng y tế đạt chuẩn.")
    metrics = {t.value: t.metric for t in analyze_text(text).targets}
    assert metrics[90.0].startswith("trường tiểu học có phòng y tế")
    assert metrics[100.0] == "trạm y tế xã có bác sĩ"


PLAN_WITH_SUBHEADINGS = """KẾ HOẠCH
Phát triển kinh tế - xã hội giai đoạn 2026 - 2030

I. MỤC TIÊU

1. Về kinh tế

- Tổng thu ngân sách trên địa bàn 1.250 tỷ đồng.

II. KẾT QUẢ GIAI ĐOẠN TRƯỚC

1. Về kinh tế

- Tổng thu ngân sách trên địa bàn 980 tỷ đồng.
"""


def test_a_sub_heading_keeps_the_goal_section_above_it() -> None:
    from nlp.pipeline import process
    from nlp.targets import candidates

    doc = process(PLAN_WITH_SUBHEADINGS)
    under = {c.quantity.value: c.features.get("CUE:goal_path", 0.0) for c in candidates(doc)}
    assert under == {1250.0: 1.0, 980.0: 0.0}


REVIEW_PAGE = """Huyện ủy Cờ Đỏ tổng kết công tác năm 2023

Năm 2023, tỷ lệ hộ nghèo của huyện giảm còn 3,2%; thu nhập bình quân đầu người đạt 58 triệu đồng. Năm 2024, thu
nhập bình quân đầu người đạt 62 triệu đồng, tỷ lệ hộ nghèo giảm còn 2,5%. Giai đoạn 2021-2025 kết nạp 450 đảng viên.
"""


def test_a_year_before_the_latest_the_page_names_is_told_apart_without_a_dateline() -> None:
    from nlp.pipeline import process
    from nlp.targets import candidates

    doc = process(REVIEW_PAGE)
    assert doc.info.issued_date is None and not doc.extras.get("published")
    latest = {c.quantity.value: (c.features.get("YEAR_LATEST"), c.features.get("YEAR_BEFORE_LATEST"))
              for c in candidates(doc)}
    # 2025 is the latest year named (a range's end counts); the 2023 results and the 2024 figures are before it
    assert latest == {3.2: (0.0, 1.0), 58.0: (0.0, 1.0), 62.0: (0.0, 1.0), 2.5: (0.0, 1.0), 450.0: (1.0, 0.0)}


HEALTH_PLAN = """KẾ HOẠCH
Chăm sóc sức khỏe nhân dân năm 2026

I. MỤC TIÊU

- Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi dưới 18%.

- Tuổi thọ trung bình đạt 74,5 tuổi.

- 100% người từ 60 tuổi trở lên được khám sức khỏe định kỳ.
"""


def test_an_age_describes_who_is_counted_but_a_life_expectancy_is_a_target() -> None:
    targets = analyze_text(HEALTH_PLAN).targets
    assert sorted(t.value for t in targets) == [18.0, 74.5, 100.0]
    stunting = next(t for t in targets if t.value == 18.0)
    assert "trẻ em dưới 5 tuổi" in stunting.metric


def test_a_life_expectancy_does_not_make_a_target_of_an_age_in_the_next_clause() -> None:
    text = ("I. MỤC TIÊU\n- Tuổi thọ trung bình đạt 75 tuổi; tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể nhẹ cân "
            "dưới 8%.\n- Tuổi thọ trung bình: 75,5 tuổi.\n")
    assert sorted(t.value for t in analyze_text(text).targets) == [8.0, 75.0, 75.5]
    # a life expectancy for each sex or year is one in every clause
    text = ("I. MỤC TIÊU\n- Tuổi thọ trung bình của nam đạt 72 tuổi, của nữ đạt 78 tuổi.\n"
            "- Tuổi thọ trung bình, đến năm 2030 đạt 76 tuổi; 100% người từ 60 tuổi trở lên được khám sức khỏe.\n")
    assert sorted(t.value for t in analyze_text(text).targets) == [72.0, 76.0, 78.0, 100.0]


def test_a_span_of_time_is_not_a_candidate() -> None:
    from nlp.pipeline import process
    from nlp.targets import candidates

    doc = process("Trong 5 năm qua, huyện kết nạp 1.020 đảng viên. Phấn đấu 6 tháng cuối năm 2026 thu ngân sách 240 tỷ đồng; "
                  "rút ngắn thời gian giải quyết hồ sơ còn 3 ngày.")
    assert [c.quantity.text for c in candidates(doc)] == ["1.020 đảng viên", "240 tỷ đồng", "3 ngày"]


def test_items_of_a_list_see_the_line_that_announces_it() -> None:
    from nlp.pipeline import process
    from nlp.targets import candidates

    doc = process("KẾ HOẠCH\nPhát triển đảng viên năm 2027\n\nPhấn đấu đến năm 2027:\n\n- Kết nạp 120 đảng viên mới.\n\n"
                  "- 100% chi bộ có đảng viên.\n\nKết quả năm 2026 đạt được như sau:\n\n- Kết nạp 98 đảng viên mới.\n")
    intro = {c.quantity.value: (c.features.get("CUE:strong_intro"), c.features.get("CUE:result_intro")) for c in candidates(doc)}
    assert intro == {120.0: (1.0, 0.0), 100.0: (1.0, 0.0), 98.0: (0.0, 1.0)}


def test_the_set_value_is_the_target_and_the_achieved_value_is_not() -> None:
    targets = analyze_text("Chỉ tiêu Nghị quyết đề ra là tỷ lệ hộ nghèo giảm 1,2%, thực hiện được 1,45%.").targets
    assert [t.value for t in targets] == [1.2]


def test_votes_and_counts_of_task_groups_are_not_candidates() -> None:
    from nlp.pipeline import process
    from nlp.targets import candidates

    text = ("Kỳ họp biểu quyết thông qua Nghị quyết với 47/49 đại biểu có mặt tán thành. Nghị quyết đưa ra 5 nhóm nhiệm vụ, "
            "giải pháp. Phấn đấu 100% đại biểu Hội đồng nhân dân xã được bồi dưỡng kỹ năng hoạt động.")
    assert [c.quantity.text for c in candidates(process(text))] == ["100%"]


def test_metric_stated_before_the_commitment_cue_is_the_metric():
    text = PLAN_HEAD + (
        "+ Tổng sản phẩm xoài tham gia xuất khẩu phấn đấu đến năm 2030 đạt 18.000 tấn; tổng giá trị sản phẩm "
        "xoài tham gia xuất khẩu đến năm 2030 dự kiến đạt 10 triệu USD, tốc độ tăng bình quân 5%/năm.")
    got = {t.value: t.metric for t in _targets(text)}
    assert got[18000] == "Tổng sản phẩm xoài tham gia xuất khẩu"
    assert got[10] == "tổng giá trị sản phẩm xoài tham gia xuất khẩu"


CONCLUSION_HEAD = (
    "HUYỆN ỦY LẠC SƠN\nSố: 412-TB/HU\nLạc Sơn, ngày 14 tháng 5 năm 2026\n\nTHÔNG BÁO\n"
    "Kết luận của Thường trực Huyện ủy tại buổi làm việc với Đảng ủy xã Tân Mỹ\n\n"
)


def test_counted_tasks_assigned_point_by_point_are_targets() -> None:
    text = CONCLUSION_HEAD + (
        "Thường trực Huyện ủy kết luận như sau:\n\n"
        "1. Đảng ủy xã mở 03 lớp bồi dưỡng nhận thức về Đảng cho quần chúng ưu tú trong quý III.\n\n"
        "2. Ủy ban nhân dân xã lắp đặt 25 camera an ninh tại các ngã ba, ngã tư.\n\n"
        "3. Ủy ban Kiểm tra Đảng ủy xã kiểm tra 6 chi bộ trực thuộc trước ngày 30/11/2026.\n\n"
        "4. Đoàn Thanh niên xã trồng 500 cây xanh dọc tuyến đường liên ấp.\n"
    )
    found = sorted((t.value, t.unit) for t in _targets(text))
    assert found == [(3.0, "lớp"), (6.0, "chi bộ"), (25.0, "camera"), (500.0, "cây")]


def test_the_same_count_done_already_is_a_result() -> None:
    text = CONCLUSION_HEAD + (
        "Từ đầu năm đến nay, Đảng ủy xã đã mở 02 lớp bồi dưỡng nhận thức về Đảng và đã lắp đặt "
        "14 camera an ninh tại các ấp.\n"
    )
    assert _targets(text) == []


def test_shares_of_an_allocation_are_not_targets() -> None:
    text = PLAN_HEAD + (
        "III. KINH PHÍ\n\nTổng kinh phí thực hiện Kế hoạch khoảng 45 tỷ đồng, trong đó ngân sách tỉnh "
        "chiếm khoảng 60% (khoảng 27 tỷ đồng), ngân sách huyện chiếm khoảng 40% (khoảng 18 tỷ đồng).\n"
    )
    assert _targets(text) == []


def test_the_body_opening_a_counted_task_is_its_actor_not_its_metric() -> None:
    text = CONCLUSION_HEAD + (
        "Thường trực Huyện ủy kết luận như sau:\n\n"
        "1. Ủy ban nhân dân xã lắp đặt 25 camera an ninh tại các ngã ba, ngã tư.\n\n"
        "2. Đảng ủy xã mở 03 lớp bồi dưỡng nhận thức về Đảng cho quần chúng ưu tú trong quý III.\n"
    )
    cameras, classes = _targets(text)
    assert cameras.metric.startswith("lắp đặt camera an ninh")
    assert cameras.actors == ["Ủy ban nhân dân xã"]
    assert cameras.text.startswith("lắp đặt 25 camera")
    assert classes.metric == "mở lớp bồi dưỡng nhận thức về Đảng cho quần chúng ưu tú"
    assert classes.actors == ["Đảng ủy xã"]


def test_values_labelled_by_commune_take_the_metric_and_year_of_the_list_intro() -> None:
    text = CONCLUSION_HEAD + (
        "Điều 1. Giao chỉ tiêu hỗ trợ xóa nhà tạm năm 2026 cho các xã như sau:\n\n"
        "- Xã Tân An: 45 hộ;\n\n- Xã Tân Lập: 75 hộ.\n"
    )
    first, second = _targets(text)
    assert (first.value, second.value) == (45.0, 75.0)
    assert first.metric == second.metric == "hỗ trợ xóa nhà tạm"
    assert (first.period.start, first.period.end) == ("2026", "2026")
    assert first.actors == ["Xã Tân An"] and second.actors == ["Xã Tân Lập"]


def test_a_body_given_a_counted_task_after_a_formula_is_its_actor() -> None:
    text = CONCLUSION_HEAD + (
        "Thường trực Huyện ủy kết luận như sau:\n\n"
        "1. Đề nghị Đoàn Thanh niên xã trồng 500 cây xanh dọc tuyến đường liên ấp.\n"
    )
    (trees,) = _targets(text)
    assert trees.metric == "trồng cây xanh dọc tuyến đường liên ấp"
    assert trees.actors == ["Đoàn Thanh niên xã"]


def test_labelled_values_in_separate_paragraphs_reach_the_list_intro() -> None:
    from nlp.pipeline import process
    from nlp.targets import _intro_metric

    doc = process(CONCLUSION_HEAD + (
        "Điều 1. Giao chỉ tiêu hỗ trợ xóa nhà tạm năm 2026 cho các xã như sau:\n\n"
        "Xã Tân An: 45 hộ;\n\nXã Tân Lập: 75 hộ;\n\nXã Tân Mỹ: 30 hộ.\n"
    ))
    households = [q for q in doc.quantities if q.unit == "hộ"]
    assert [q.value for q in households] == [45.0, 75.0, 30.0]
    assert [_intro_metric(doc, q) for q in households] == ["hỗ trợ xóa nhà tạm"] * 3


def test_a_labelled_value_is_named_by_its_label_unless_the_label_is_a_place() -> None:
    text = PLAN_HEAD + (
        "I. MỤC TIÊU, CHỈ TIÊU\n"
        "- Kết nạp đảng viên mới: 45 đồng chí.\n"
        "- Tỷ lệ hộ nghèo: giảm 1,5%.\n"
        "- Thu ngân sách trên địa bàn: 1.250 tỷ đồng.\n"
        "- Tỷ lệ dân số tham gia bảo hiểm y tế: đạt 95%.\n"
    )
    metrics = {t.value: t.metric for t in _targets(text)}
    assert metrics == {45.0: "Kết nạp đảng viên mới", 1.5: "Tỷ lệ hộ nghèo giảm",
                       1250.0: "Thu ngân sách trên địa bàn", 95.0: "Tỷ lệ dân số tham gia bảo hiểm y tế"}
    places = PLAN_HEAD + "Giao chỉ tiêu hỗ trợ xóa nhà tạm năm 2024 cho các xã như sau:\n- Xã Tân An: 45 hộ;\n"
    assert [t.metric for t in _targets(places)] == ["hỗ trợ xóa nhà tạm"]


def test_a_physical_unit_is_not_part_of_the_metric() -> None:
    text = PLAN_HEAD + (
        "I. MỤC TIÊU\n"
        "- Trồng mới 500 ha rừng tập trung.\n"
        "- Bê tông hóa 12 km đường giao thông nông thôn.\n"
        "- Diện tích cây ăn trái đạt 1.500 ha vào năm 2030.\n"
        "- Trồng 2.000 cây xanh dọc các tuyến đường.\n"
    )
    metrics = {t.value: t.metric for t in _targets(text)}
    assert metrics[500.0] == "Trồng mới rừng tập trung"
    assert metrics[12.0] == "Bê tông hóa đường giao thông nông thôn"
    assert metrics[1500.0] == "Diện tích cây ăn trái"
    assert metrics[2000.0] == "Trồng cây xanh dọc các tuyến đường"  # a counted noun stays


def test_a_year_in_a_bracket_about_another_figure_is_not_the_period() -> None:
    aside = PLAN_HEAD + "1. Chỉ tiêu năm 2028\na) Về kinh tế: tốc độ tăng trưởng giá trị sản xuất đạt 7,5% (năm 2027 ước đạt 6,9%).\n"
    (t,) = [t for t in _targets(aside) if t.value == 7.5]
    assert t.period.end == "2028"
    own = PLAN_HEAD + "I. MỤC TIÊU\nTốc độ tăng trưởng kinh tế bình quân đạt 8%/năm (giai đoạn 2026 - 2030).\n"
    (t,) = _targets(own)
    assert (t.period.start, t.period.end) == ("2026", "2030")


def test_a_bracketed_target_after_a_difference_takes_the_metric_of_the_result() -> None:
    text = ("Tính đến ngày 30/9/2026, tỷ lệ lao động tham gia bảo hiểm xã hội toàn tỉnh đạt 41,2%, vượt 0,2% so với "
            "chỉ tiêu đề ra tại Nghị quyết số 05-NQ/TU ngày 12/12/2025 của Tỉnh ủy (41%).")
    (t,) = [t for t in _targets(text) if t.value == 41.0]
    assert t.metric == "tỷ lệ lao động tham gia bảo hiểm xã hội toàn tỉnh"


def test_moi_after_a_member_means_new_not_only() -> None:
    from nlp.targets import cues

    result = cues().result
    assert result.search("Phấn đấu năm 2026 kết nạp đảng viên mới đạt 4% so với tổng số đảng viên.") is None
    assert result.search("Tỷ lệ bao phủ bảo hiểm y tế mới đạt 86% dân số.") is not None
    assert result.search("Khu vực nông thôn mới đạt 62%.") is not None  # reads both ways: left a result


def test_an_intro_naming_only_a_body_or_results_gives_no_metric() -> None:
    body = CONCLUSION_HEAD + "1. Phòng Lao động - Thương binh và Xã hội:\n\n- Xã Tân An: 45 hộ.\n"
    results = CONCLUSION_HEAD + "Kết quả thực hiện năm 2025 của các xã như sau:\n\n- Xã Tân An: 45 hộ;\n- Xã Tân Lập: 75 hộ.\n"
    assert {t.metric for t in _targets(body)} <= {"hộ"}
    assert {t.metric for t in _targets(results)} <= {"hộ"}


def test_a_figure_of_the_present_is_not_a_target() -> None:
    def values(now: str) -> list[float]:
        text = PLAN_HEAD + (
            "II. MỤC TIÊU\n\n- Tỷ lệ hộ dân nông thôn sử dụng nước sạch đạt 85%.\n\n"
            f"- Tỷ lệ trường học có nhà vệ sinh đạt chuẩn {now}đạt 90%.\n"
        )
        return [t.value for t in _targets(text)]

    assert 90.0 in values("")
    assert 90.0 not in values("hiện nay ")


def test_a_saved_ensemble_loads_back_with_the_trainers_probabilities(tmp_path) -> None:  # noqa: ANN001
    import pytest

    from nlp.pipeline import process
    from nlp.target_model import load_model
    from nlp.targets import candidates
    from nlp.training.targets import Ensemble

    train_text = (
        "II. MỤC TIÊU\n\n- Phấn đấu đến năm 2027, tỷ lệ hộ nghèo giảm còn dưới 1,5%.\n"
        "- Kết nạp ít nhất 120 đảng viên mới.\n\nIII. KẾT QUẢ\n\nNăm 2025 đã kết nạp 97 đảng viên, đạt 104% kế hoạch.\n"
    )
    cands = candidates(process(train_text))
    X = [c.features for c in cands]
    y = [int(c.quantity.value in (1.5, 120.0)) for c in cands]
    model = Ensemble(X * 4, y * 4)
    model.save(tmp_path / "targets.json", 0.5, {"test": True})
    loaded = load_model(tmp_path / "targets.json")
    # unseen words and features the training set never had: the saved form must still agree
    other = [c.features for c in candidates(process(
        "Mục tiêu năm 2026: giải quyết việc làm mới cho 2.500 lao động; 95% dân số tham gia bảo hiểm y tế.\n"
    ))]
    for rows in (X, other):
        assert loaded.probabilities(rows) == pytest.approx(model.predict_proba(rows), abs=1e-5)


def test_a_tree_model_file_changed_after_training_is_a_clear_error(tmp_path) -> None:  # noqa: ANN001
    import json
    import shutil

    import pytest

    from nlp.target_model import MODEL_PATH, ModelError, load_model

    spec = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["ensemble"]
    for name in (MODEL_PATH.name, spec["forest"], spec["booster"]):
        shutil.copy(MODEL_PATH.parent / name, tmp_path / name)
    assert load_model(tmp_path / MODEL_PATH.name).forest is not None
    with (tmp_path / spec["booster"]).open("a", encoding="utf-8") as f:
        f.write("\n")
    load_model.cache_clear()  # loaded once per path: the file changed under the same name
    with pytest.raises(ModelError, match="hash differs"):
        load_model(tmp_path / MODEL_PATH.name)
    (tmp_path / spec["booster"]).unlink()
    load_model.cache_clear()
    with pytest.raises(ModelError, match="make train"):
        load_model(tmp_path / MODEL_PATH.name)


def test_a_commitment_cue_before_a_result_word_keeps_the_target() -> None:
    values = [t.value for t in _targets(
        "II. MỤC TIÊU\n\n- Phấn đấu hoàn thành vượt kế hoạch năm 2026 với tổng thu ngân sách trên địa bàn "
        "đạt 1.200 tỷ đồng.\n- Phấn đấu đến năm 2030, nâng tỷ lệ hộ dân hiện có nước sạch lên 98%.\n"
    )]
    assert 1200.0 in values and 98.0 in values


def test_a_target_carries_the_model_confidence_and_a_table_row_none() -> None:
    from nlp.target_model import load_model

    text = (
        "KẾ HOẠCH\nPhát triển kinh tế - xã hội năm 2026\n\nII. MỤC TIÊU\n"
        "Phấn đấu đến cuối năm 2026, tỷ lệ hộ nghèo giảm còn dưới 1,5%.\n\n"
        "| STT | Chỉ tiêu | Đơn vị tính | Kế hoạch 2026 |\n|---|---|---|---|\n"
        "| 1 | Số lao động được đào tạo nghề | người | 1.200 |\n"
    )
    by_value = {t.value: t for t in analyze_text(text).targets}
    assert load_model().threshold <= by_value[1.5].confidence <= 1.0  # from the sentence: the model decided
    assert by_value[1200.0].confidence is None  # from the table row: its headers decided


BUDGET_PLAN = """KẾ HOẠCH
Tài chính - ngân sách nhà nước 03 năm 2027 - 2029

II. DỰ BÁO CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI 03 NĂM 2027 - 2029

1. Dự báo các chỉ tiêu kinh tế - xã hội đến năm 2027

- Tổng sản phẩm trên địa bàn tăng khoảng 9%.

- Tổng vốn đầu tư toàn xã hội đạt khoảng 45.000 tỷ đồng.

2. Khung cân đối ngân sách 03 năm 2027 - 2029

- Phấn đấu thu ngân sách tăng bình quân 10%/năm.
"""


def test_a_numbered_heading_with_one_year_gives_the_period_of_the_items_under_it() -> None:
    periods = {t.value: (t.period.start, t.period.end) for t in analyze_text(BUDGET_PLAN).targets}
    assert periods[9.0] == (None, "2027")
    assert periods[45000.0] == (None, "2027")
    assert periods[10.0] == ("2027", "2029")  # the next heading's own range, not the year above


def test_a_yearly_rate_until_the_last_year_of_the_plan_holds_for_the_whole_stage() -> None:
    text = (PLAN_HEADER.replace("Phát triển kinh tế - xã hội của huyện", "Phát triển nông nghiệp giai đoạn 2026 - 2030")
            + "I. MỤC TIÊU\n\n"
            "- Đến năm 2030, giá trị sản xuất nông nghiệp tăng bình quân 4,5%/năm.\n\n"
            "- Đến năm 2030, tỷ lệ hộ dùng nước sạch đạt 95%.\n")
    periods = {t.value: (t.period.start, t.period.end) for t in analyze_text(text).targets}
    assert periods[4.5] == ("2026", "2030")
    assert periods[95.0] == (None, "2030")  # a level reached by 2030, not a rate over the stage


def test_a_share_of_the_plan_is_named_by_what_reaches_it() -> None:
    text = ("Năm 2026, chi đầu tư từ nguồn thu tiền sử dụng đất phấn đấu đạt 100% kế hoạch; thu ngân sách nhà nước "
            "trên địa bàn phấn đấu đạt 105% dự toán Hội đồng nhân dân tỉnh giao.")
    metrics = {t.value: t.metric.lower() for t in analyze_text(text).targets}
    assert metrics == {100.0: "chi đầu tư từ nguồn thu tiền sử dụng đất", 105.0: "thu ngân sách nhà nước trên địa bàn"}


def test_a_number_first_metric_keeps_its_listed_nouns_and_what_they_must_do() -> None:
    text = ("Phấn đấu đến năm 2028, 100% khu công nghiệp, cụm công nghiệp, khu du lịch có điểm thanh toán điện tử; "
            "90% trường học, trạm y tế có kết nối Internet tốc độ cao.")
    metrics = {t.value: t.metric for t in analyze_text(text).targets}
    assert metrics[100.0] == "khu công nghiệp, cụm công nghiệp, khu du lịch có điểm thanh toán điện tử"
    assert metrics[90.0] == "trường học, trạm y tế có kết nối Internet tốc độ cao"


def test_a_short_verb_before_a_percentage_takes_its_object_after_it() -> None:
    text = ("Phấn đấu năm 2026 hoàn thành 100% nhiệm vụ chi ngân sách tỉnh hỗ trợ; trợ giúp pháp lý cho 100% số "
            "người thuộc diện được trợ giúp có yêu cầu.")
    metrics = {t.metric for t in analyze_text(text).targets}
    assert metrics == {"hoàn thành nhiệm vụ chi ngân sách tỉnh hỗ trợ",
                       "trợ giúp pháp lý cho số người thuộc diện được trợ giúp có yêu cầu"}


def test_a_day_without_a_year_leaves_the_period_to_the_title() -> None:
    text = ("HĐND tỉnh thông qua Nghị quyết về phát triển nông thôn mới giai đoạn 2026 - 2030\n\n"
            "Tại kỳ họp diễn ra từ ngày 8 - 10/12, Hội đồng nhân dân tỉnh đề ra mục tiêu có thêm 9 xã đạt chuẩn "
            "nông thôn mới nâng cao.")
    periods = {t.value: (t.period.start, t.period.end) for t in analyze_text(text).targets}
    assert periods == {9.0: ("2026", "2030")}


PLAN_HEADER = ("ỦY BAN NHÂN DÂN\nHUYỆN TÂN AN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
               "Số: 46/KH-UBND\n\nTân An, ngày 12 tháng 01 năm 2026\n\nKẾ HOẠCH\nPhát triển kinh tế - xã hội của huyện\n\n")


@pytest.mark.parametrize(("body", "expected"), [
    # a target set as a numbered heading keeps its deadline to itself
    ("II. MỤC TIÊU\n\n1. Phấn đấu đến năm 2027 có 100% xã đạt chuẩn nông thôn mới\n\n"
     "2. Tỷ lệ lao động qua đào tạo đạt 80%, trong đó tỷ lệ lao động có bằng cấp, chứng chỉ đạt 35%\n",
     {100.0: (None, "2027"), 80.0: (None, None), 35.0: (None, None)}),
    # a results heading's year ends at the next heading, numbered or not
    ("I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2025\n\n- Kết nạp 120 đảng viên.\n\n"
     "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI\n\n- Phấn đấu 100% xã đạt chuẩn nông thôn mới.\n",
     {100.0: (None, None)}),
    # a sub-heading's period governs its own items; its parent's period resumes after it
    ("I. MỤC TIÊU CỤ THỂ ĐẾN NĂM 2030\n\n1. Dự báo các chỉ tiêu kinh tế - xã hội đến năm 2027\n\n"
     "- Phấn đấu tỷ lệ hộ nghèo giảm còn 2%.\n\n2. Các chỉ tiêu chủ yếu về văn hóa - xã hội\n\n"
     "- Phấn đấu tỷ lệ lao động qua đào tạo đạt 80%.\n",
     {2.0: (None, "2027"), 80.0: (None, "2030")}),
    # a year compared with, anywhere in the heading, is no period
    ("II. NHIỆM VỤ\n\n1. Các chỉ tiêu phấn đấu cao hơn so với kết quả thực hiện năm 2025\n\n"
     "- Phấn đấu tỷ lệ hộ nghèo giảm còn 2%.\n",
     {2.0: (None, None)}),
])
def test_a_heading_period_reaches_its_own_items_only(body: str, expected: dict) -> None:
    periods = {t.value: (t.period.start, t.period.end) for t in analyze_text(PLAN_HEADER + body).targets}
    assert periods == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a new clause after a comma ends the words after the number
    ("Phấn đấu đến năm 2030, 100% xã có trạm y tế đạt chuẩn, tỷ lệ hộ nghèo giảm bình quân 1,5%/năm.",
     {100.0: "xã có trạm y tế đạt chuẩn", 1.5: "tỷ lệ hộ nghèo giảm"}),
    ("Phấn đấu 100% cán bộ, công chức cấp xã đạt chuẩn, đáp ứng yêu cầu nhiệm vụ.",
     {100.0: "cán bộ, công chức cấp xã đạt chuẩn"}),
    # a plan word that names what is measured is the metric, not a share of the plan
    ("Phấn đấu năm 2026, đạt 100% chỉ tiêu tuyển quân.", {100.0: "chỉ tiêu tuyển quân"}),
    ("Phấn đấu năm 2026 có 100% kế hoạch sử dụng đất cấp xã được phê duyệt.",
     {100.0: "kế hoạch sử dụng đất cấp xã được phê duyệt"}),
    # the period after the number is no part of the metric
    ("Phấn đấu tăng trưởng GRDP đạt 8% năm 2026.", {8.0: "tăng trưởng GRDP"}),
    # "trong" before a place or a group names who is counted; before a time it ends the metric
    ("Phấn đấu năm 2026, 100% nhà đầu tư trong khu công nghiệp được tư vấn ứng dụng mạng 5G.",
     {100.0: "nhà đầu tư trong khu công nghiệp được tư vấn ứng dụng mạng 5G"}),
    ("Phấn đấu 100% xã đạt chuẩn nông thôn mới trong năm 2026.", {100.0: "xã đạt chuẩn nông thôn mới"}),
])
def test_the_words_after_a_number_stop_where_the_metric_ends(text: str, expected: dict) -> None:
    assert {t.value: t.metric for t in analyze_text(text).targets} == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a bare rate after a clause's quantity is the rate of what that clause measured
    ("Phấn đấu đến năm 2030, giá trị xuất khẩu chè đạt 12 triệu USD, tốc độ tăng bình quân 08 - 09%/năm.",
     {12.0: "giá trị xuất khẩu chè", 8.0: "tốc độ tăng giá trị xuất khẩu chè"}),
    ("Năm 2026 phấn đấu kim ngạch xuất khẩu đạt 500 triệu USD, tăng 12% so với năm 2025.",
     {500.0: "kim ngạch xuất khẩu", 12.0: "kim ngạch xuất khẩu tăng"}),
    # a short bracket inside the noun phrase stays in the metric
    ("Năm 2026 phấn đấu tổng sản phẩm trong tỉnh (GRDP) tăng khoảng 10%.",
     {10.0: "tổng sản phẩm trong tỉnh (GRDP) tăng"}),
    # the lender's own direction word and unit are not repeated
    ("Phấn đấu năm 2026 năng suất lúa đạt 62 tạ/ha, tăng 2% so với năm 2025.",
     {62.0: "năng suất lúa", 2.0: "năng suất lúa tăng"}),
    # a share of the plan in brackets lends nothing; what reaches it does
    ("Phấn đấu năm 2026 thu ngân sách đạt 900 tỷ đồng (bằng 105% dự toán), tăng 5%.",
     {900.0: "thu ngân sách", 5.0: "thu ngân sách tăng"}),
    # another item after a semicolon, and a multiplier, lend nothing
    ("Phấn đấu năm 2026 tỷ lệ che phủ rừng đạt 42%; tăng bình quân 8%/năm.", {42.0: "tỷ lệ che phủ rừng", 8.0: "tăng"}),
])
def test_a_metric_borrows_what_its_clause_leaves_unnamed(text: str, expected: dict) -> None:
    got = {t.value: t.metric for t in analyze_text(text).targets}
    assert {value: got.get(value) for value in expected} == expected


def test_a_bracket_holding_a_number_stays_out_of_the_metric() -> None:
    (t,) = analyze_text("Năm 2026 phấn đấu số xã đạt chuẩn nông thôn mới (hiện có 12 xã) tăng thêm 3 xã.").targets
    assert t.value == 3 and "hiện có" not in t.metric and "12" not in t.metric


def test_a_share_of_a_structure_names_the_structure() -> None:
    text = ("KẾ HOẠCH\nPhát triển kinh tế - xã hội năm 2027\n\nI. MỤC TIÊU\n\n"
            "- Cơ cấu kinh tế: Nông, lâm, thủy sản chiếm khoảng 22,5%; Công nghiệp, xây dựng chiếm khoảng 30,1%; Dịch\n"
            "vụ chiếm khoảng 41,2%.\n- Tỷ lệ hộ nghèo chiếm dưới 2%.\n")
    got = {t.value: t.metric for t in _targets(text)}
    assert {v: got.get(v) for v in (22.5, 30.1, 2.0)} == {
        22.5: "tỷ trọng nông, lâm, thủy sản trong cơ cấu kinh tế",
        30.1: "tỷ trọng công nghiệp, xây dựng trong cơ cấu kinh tế", 2.0: "Tỷ lệ hộ nghèo"}


def test_a_unit_printed_in_brackets_stays_out_of_the_metric_and_a_qualifier_stays_in() -> None:
    text = ("KẾ HOẠCH\nPhát triển kinh tế - xã hội năm 2027\n\nI. MỤC TIÊU\n\n"
            "- Tỷ lệ hộ nghèo (%) giảm còn 1,5 (theo chuẩn nghèo đa chiều).\n"
            "- Diện tích chè (vùng nguyên liệu) đạt 1.200 ha.\n")
    assert {t.value: t.metric for t in _targets(text)} == {
        1.5: "Tỷ lệ hộ nghèo giảm", 1200.0: "Diện tích chè (vùng nguyên liệu)"}


def test_a_metric_holding_a_list_of_nouns_runs_back_over_its_commas() -> None:
    text = ("KẾ HOẠCH\nPhòng, chống tội phạm năm 2027\n\nI. MỤC TIÊU\n\n"
            "- Hằng năm, số vụ buôn lậu được phát hiện, xử lý tại cảng biển, sân bay, bưu chính tăng trên 4%.\n"
            "- Tỷ trọng nông, lâm, thủy sản trong cơ cấu kinh tế còn 18%.\n")
    first, second = _targets(text)
    assert first.metric.startswith("số vụ buôn lậu") and "bưu chính" in first.metric
    assert second.metric.startswith("Tỷ trọng nông, lâm, thủy sản")


def test_a_comma_after_a_verb_or_an_opener_still_ends_the_metric() -> None:
    text = ("KẾ HOẠCH\nPhát triển kinh tế năm 2027\n\nI. MỤC TIÊU\n\n"
            "- Số hộ khá tăng, số hộ nghèo giảm còn 85 hộ.\n- Về kinh tế, GRDP tăng 7,5%.\n"
            "- Đẩy mạnh các chương trình mục tiêu quốc gia, quyết tâm giải ngân 100% vốn được giao.\n")
    poor, grdp, money = _targets(text)
    assert poor.metric.startswith("số hộ nghèo")
    assert grdp.metric == "GRDP tăng"
    assert "quốc gia" not in money.metric


def test_what_was_only_managed_so_far_is_no_target_beside_the_assigned_one() -> None:
    texts = [t.text for t in _targets(
        "Năm nay, Ban Thường vụ Huyện ủy giao chỉ tiêu kết nạp 1.500 đảng viên mới cho toàn Đảng bộ. Tuy nhiên, "
        "đến hết tháng 9, các chi bộ mới kết nạp được 904 đảng viên và mới thành lập được 3 chi bộ; quỹ mới có 120 "
        "triệu đồng."
    )]
    assert any("1.500 đảng viên" in t for t in texts)
    assert not [t for t in texts if "904" in t or "3 chi bộ" in t or "120" in t]


@pytest.mark.parametrize("text, value", [
    ("Năm 2025, toàn tỉnh mới kết nạp được 1.612 đảng viên, chưa hoàn thành chỉ tiêu kết nạp 2.100 đảng viên mỗi "
     "năm mà Nghị quyết Đại hội đề ra.", 2100.0),
    ("Tỷ lệ hộ nghèo của huyện cuối năm 2025 còn 3,12%, giảm 1,06%, đạt chỉ tiêu của Đề án do Tỉnh ủy, Hội đồng "
     "nhân dân tỉnh giao (từ 1-1,2%).", 1.0),
])
def test_a_target_restated_beside_a_result_is_kept(text: str, value: float) -> None:
    found = {t.value: t for t in _targets(text)}
    assert value in found
    assert not {1612.0, 3.12, 1.06} & set(found)


@pytest.mark.parametrize("text, number", [
    ("Tổng kinh phí 46 tỷ đồng, trong đó vốn Chương trình mục tiêu quốc gia 28 tỷ đồng, ngân sách huyện 18 tỷ đồng.",
     "28"),
    ("Đến nay, chỉ tiêu trồng rừng tập trung đạt 415 ha, vượt 3,8% kế hoạch.", "415"),
    ("Kết quả thực hiện chỉ tiêu kinh tế - xã hội (40 điểm): mỗi chỉ tiêu không đạt trừ 5 điểm.", "40"),
])
def test_a_programme_name_or_a_result_after_a_target_name_is_no_restated_target(text: str, number: str) -> None:
    from nlp.pipeline import process
    from nlp.targets import candidates

    (c,) = [c for c in candidates(process(text)) if c.quantity.text.startswith(number)]
    assert not c.features["CUE:restated"]


def test_a_per_mille_rate_is_a_unit_even_glued_to_its_number() -> None:
    (t,) = _targets(PLAN_HEAD + "II. MỤC TIÊU\n\n- Mức giảm tỷ lệ sinh bình quân hằng năm 0,2‰.\n")
    assert (t.value, t.unit) == (0.2, "‰")


def test_a_target_restated_after_a_result_takes_the_programmes_period_not_the_results_year() -> None:
    text = (
        "Đề án giảm nghèo bền vững giai đoạn 2021-2025 của tỉnh: nhiều chuyển biến sau ba năm\n\n"
        "Tỷ lệ hộ nghèo vùng đồng bào dân tộc năm 2023 là 18,4%, giảm 3,6%. Con số này của năm 2022 là 22,0%, "
        "đạt mục tiêu của Đề án (giảm hơn 3%/năm).\n\n"
        "Năm 2023, toàn tỉnh kết nạp được 1.420 đảng viên, không hoàn thành chỉ tiêu kết nạp 1.800 đảng viên mỗi năm.\n"
    )
    found = {t.value: t for t in _targets(text)}
    assert (found[3.0].period.start, found[3.0].period.end) == ("2021", "2025")
    assert (found[1800.0].period.start, found[1800.0].period.end) == ("2023", "2023")


@pytest.mark.parametrize("text", ["Kế hoạch năm nay đưa kim ngạch xuất khẩu đạt 3,2 tỷ USD",
                                  "Theo kế hoạch năm tới, ngành du lịch đón 4,6 triệu lượt khách"])
def test_this_or_next_years_plan_is_no_result_cue(text: str) -> None:
    assert cues().result.search(text) is None


@pytest.mark.parametrize("text", [
    "Mỗi năm vận động ra đầu thú 40% số người bị truy nã hiện có và 60% số người bị truy nã mới",
    "Phấn đấu 100% số hộ nghèo hiện có được hỗ trợ vay vốn",
    "Đến năm 2026, nâng số hội viên lên 1.200 người, tăng 20% so với hiện nay",
    "UBND tỉnh đã yêu cầu 100% cơ sở lưu trú niêm yết giá công khai",
    "Nghị quyết đã đề ra mục tiêu đến năm 2030 tỷ lệ đô thị hóa đạt 45%",
    "Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ đạt 45%",
])
def test_whom_a_target_counts_or_that_it_was_set_is_no_result_cue(text: str) -> None:
    assert cues().result.search(text) is None


@pytest.mark.parametrize(("text", "cue"), [
    ("Toàn huyện hiện có 120 hợp tác xã đang hoạt động", "hiện có"),
    ("Tỷ lệ che phủ rừng hiện nay đạt 52%", "hiện nay"),
    ("Năm 2025, toàn tỉnh đã kết nạp 1.150 đảng viên mới", "đã"),
    ("Tỷ lệ giải ngân chỉ đạt 61% kế hoạch", "chỉ đạt"),
])
def test_the_guarded_result_cues_still_report_results(text: str, cue: str) -> None:
    assert cue in [m.group(0) for m in cues().result.finditer(text)]


def test_a_share_of_the_years_plan_is_still_a_result() -> None:
    text = ("Xuất khẩu năm 2025\n\nNăm 2025, kim ngạch xuất khẩu của tỉnh đạt 2,9 tỷ USD, bằng 98% kế hoạch năm, "
            "tăng 7,5% so với năm 2024.")
    assert _targets(text) == []
    # the sentence gives no target even without the cue; the guard must leave the cue itself in place
    assert "kế hoạch năm" in [m.group(0) for m in cues().result.finditer(text)]


@pytest.mark.parametrize("text", [
    "Năm 2025, toàn tỉnh xảy ra 412 vụ tai nạn giao thông, làm chết 198 người",
    "Bưu điện huyện duy trì dịch vụ tại 14 điểm giao dịch xã",
    "Hội nghị giao ban khối dân vận có 45 đại biểu tham dự",
    "Trung tâm đã chuyển giao 12 tiến bộ kỹ thuật cho nông dân",
    "Lễ giao quân năm 2025 có 180 thanh niên lên đường nhập ngũ",
])
def test_giao_inside_another_word_assigns_nothing(text: str) -> None:
    c = cues()
    assert c.strong.search(text) is None and c.commit.search(text) is None


def test_giao_as_assigning_is_still_a_commitment_cue() -> None:
    text = "Ủy ban nhân dân tỉnh giao Sở Nông nghiệp trồng mới 500 ha rừng trong năm 2026."
    assert [m.group(0) for m in cues().strong.finditer(text)] == ["giao"]
    assert [m.group(0) for m in cues().commit.finditer(text)] == ["giao"]


@pytest.mark.parametrize(("text", "metric"), [
    ("Phấn đấu năm 2026, tỷ lệ giao dịch không dùng tiền mặt đạt 80%.", "tỷ lệ giao dịch không dùng tiền mặt"),
    ("Năm 2026, phấn đấu nâng cấp hệ thống giao thông nội đồng thêm 25 km.", "nâng cấp hệ thống giao thông nội đồng"),
])
def test_metric_after_a_giao_compound_keeps_the_whole_word(text: str, metric: str) -> None:
    [t] = _targets(text)
    assert t.metric == metric


def test_metric_cut_at_its_word_limit_keeps_the_last_word_whole() -> None:
    [t] = _targets("Phấn đấu đến năm 2030, 100% các cấp giáo dục thường xuyên, tiểu học, trung học cơ sở, "
                   "trung học phổ thông đưa nội dung phòng tránh thiên tai vào giảng dạy.")
    assert t.metric.endswith("đưa nội dung phòng tránh")  # the 20th syllable is "phòng": the word is kept whole


def test_every_target_of_a_page_pasted_as_one_line_is_found() -> None:
    text = "".join(f"phấn đấu năm 2026 kết nạp ít nhất {n + 10} đảng viên mới; " for n in range(1, 121))
    found = sorted(t.value for t in _targets(text))
    assert found == [float(n + 10) for n in range(1, 121)]


def test_a_metric_taken_from_a_long_clause_starts_on_a_whole_word():
    text = "Kế hoạch đặt ra năm 2024 trồng 500 ha rừng, đến nay đã trồng được 420 ha, đạt 84%."
    words = set(text.replace(",", " ").split())
    for t in _targets(text):  # the last 60 characters were cut inside "năm": "ăm 2024 trồng …"
        assert t.metric.split()[0] in words, t.metric


def test_a_magnitude_word_stays_in_the_unit_and_out_of_the_metric():
    got = {t.value: (t.unit, t.metric) for t in _targets(
        "Năm 2025, tỉnh phấn đấu đón 1,2 triệu lượt khách du lịch.\n"
        "Phấn đấu thu hút 3 vạn lao động vào làm việc tại khu công nghiệp.\n")}
    assert got == {1.2: ("triệu lượt khách", "đón lượt khách du lịch"), 3.0: ("vạn lao động", "thu hút lao động")}


@pytest.mark.parametrize(("text", "value"), [
    ("Phấn đấu đến năm 2025, Chỉ số hài lòng của người dân (SIPAS) đạt trên 90.", 90.0),
    ("Mục tiêu đến năm 2030: chỉ số cải cách hành chính (PAR Index) của tỉnh xếp thứ 15 trở lên.", 15.0),
    ("Phấn đấu đến năm 2050 đạt mức phát thải ròng bằng 0.", 0.0),
    ("Phấn đấu chỉ số đổi mới sáng tạo (PII) của tỉnh thuộc top 10 cả nước.", 10.0),
])
def test_the_value_of_an_index_or_a_rank_is_a_target_without_a_unit(text: str, value: float) -> None:
    (t,) = _targets(text)
    assert (t.value, t.unit) == (value, "")


def test_an_index_named_far_before_its_value_is_a_target_at_the_start_of_a_text() -> None:
    # the index named 17 words before "đạt", and the clause opening the text (its first letter was once cut off)
    (t,) = _targets("Chỉ số hài lòng của người dân đối với sự phục vụ của cơ quan hành chính nhà nước năm 2026 "
                    "phấn đấu đạt trên 85.")
    assert (t.value, t.unit, t.comparator) == (85.0, "", ">")


def test_an_index_named_in_the_first_part_of_a_sentence_gives_a_later_part_its_value() -> None:
    found = _targets("Năm 2027, phấn đấu Chỉ số hài lòng của người bệnh nội trú đạt trên 90; người bệnh ngoại trú đạt "
                     "trên 86.")
    assert [(t.value, t.unit) for t in found] == [(90.0, ""), (86.0, "")]


def test_the_population_a_rate_is_counted_over_is_no_target() -> None:
    found = _targets("Đến năm 2030, số giường bệnh trên 10.000 dân đạt 35 giường; số bác sĩ trên 1 vạn dân đạt 12; "
                     "tỷ suất tử vong trẻ em dưới 5 tuổi giảm còn 15 trên 1.000 trẻ đẻ sống.")
    assert [(t.value, t.unit) for t in found] == [(35.0, "giường"), (12.0, "bác sĩ")]
    # without a rate before it, a population over a bound is a number like any other, which the model weighs
    found = _targets("Phấn đấu đến năm 2030 có thêm 3 phường đạt quy mô trên 10.000 dân.")
    assert [(t.value, t.unit) for t in found] == [(3.0, "phường"), (10000.0, "dân")]


def test_bare_numbers_that_measure_nothing_stay_out() -> None:
    # a section number, an ordinal and a label are no index values, and a table cell is read by nlp.tables
    assert _targets("Chỉ số 3: tỷ lệ hộ nghèo. Đại hội lần thứ 3 phấn đấu đạt 15 trong năm 2026.") == []


def test_the_share_a_result_reached_is_no_target_even_after_the_plan() -> None:
    found = _targets("Kế hoạch đặt ra trồng mới 500 ha rừng, đến nay đã trồng được 420 ha, đạt 84%.")
    assert [(t.value, t.unit) for t in found] == [(500.0, "ha")]
    # a rate with its own metric is still a target
    found = _targets("Phấn đấu đến năm 2025 trồng mới 500 ha rừng, tỷ lệ che phủ rừng đạt 45%.")
    assert [(t.value, t.unit) for t in found] == [(500.0, "ha"), (45.0, "%")]


def test_a_single_year_in_the_title_is_the_period_of_targets_that_state_none() -> None:
    text = ("ĐẢNG BỘ XÃ LONG HƯNG                 ĐẢNG CỘNG SẢN VIỆT NAM\n"
            "Số 103-KH/ĐU                        Long Hưng, ngày 4 tháng 4 năm 2026\n\n"
            "KẾ HOẠCH\nthực hiện nhiệm vụ chính trị năm 2027\n\n"
            "Căn cứ Kế hoạch số 117-KH/HU, ngày 31/10/2025 của Ban Thường vụ Huyện ủy, Đảng ủy xã xây dựng kế hoạch:\n\n"
            "1. Tỷ lệ người dân tham gia bảo hiểm y tế đạt 93%.\n2. Đến năm 2030, tỷ lệ hộ nghèo giảm còn dưới 1%.\n")
    periods = _periods(text)
    assert periods == {93.0: ("2027", "2027"), 1.0: (None, "2030")}  # not the date line's 2026


def test_all_the_criteria_a_fall_is_counted_on_are_no_target_and_stay_whole_in_the_base():
    (t,) = _targets("Năm 2026, phấn đấu giảm 5% số vụ tai nạn giao thông trên cả 3 tiêu chí so với năm 2025.")
    assert (t.value, t.unit) == (5.0, "%")
    assert t.base == "số vụ tai nạn giao thông trên cả 3 tiêu chí"


def test_a_comma_opening_a_clause_with_its_own_value_ends_the_noun_phrase_after_a_number():
    first, second = _targets("Năm 2026, tỉnh phấn đấu thu hút 2 triệu lượt khách du lịch, doanh thu đạt 1.500 tỷ đồng.")
    assert first.text.endswith("2 triệu lượt khách du lịch") and "doanh thu" not in first.metric
    assert (second.value, second.unit, second.metric) == (1500.0, "tỷ đồng", "doanh thu")


def test_an_ocop_star_rating_is_a_grade_not_a_target():
    (t,) = _targets("Phấn đấu năm 2026 có ít nhất 01 sản phẩm OCOP đạt 4 sao.")
    assert (t.value, t.unit, t.comparator) == (1.0, "sản phẩm ocop", ">=")


def test_each_value_of_a_year_series_takes_the_year_of_its_own_part():
    ts = _targets("Tỷ lệ che phủ rừng đến năm 2030: năm 2027 đạt 40%, năm 2028 đạt 41%, năm 2030 đạt 43%.")
    assert [(t.value, t.period.start, t.period.end) for t in ts] == [
        (40.0, "2027", "2027"), (41.0, "2028", "2028"), (43.0, "2030", "2030")]


def test_the_level_a_change_starts_from_is_no_target_and_stays_out_of_the_metric():
    (t,) = _targets("Năm 2026, phấn đấu nâng tỷ lệ hộ sử dụng nước sạch từ 85% lên 90%.")
    assert (t.value, t.metric) == (90.0, "nâng tỷ lệ hộ sử dụng nước sạch")
    (t,) = _targets("Phấn đấu đến năm 2030 tăng số hợp tác xã từ 120 lên 150 hợp tác xã.")
    assert (t.value, t.unit, t.metric) == (150.0, "hợp tác xã", "tăng số hợp tác xã")


def test_the_hectare_a_yield_is_counted_over_is_no_target_and_stays_in_the_metric():
    (t,) = _targets("Năm 2026, phấn đấu giá trị sản phẩm thu hoạch trên 1 ha đất trồng trọt đạt 160 triệu đồng.")
    assert (t.value, t.unit) == (160.0, "triệu đồng")
    assert t.metric == "giá trị sản phẩm thu hoạch trên 1 ha đất trồng trọt"
    (t,) = _targets("Năm 2026, mỗi xã trồng mới trên 1 ha rừng phòng hộ.")
    assert (t.value, t.unit, t.comparator) == (1.0, "ha", ">")


def test_a_norm_or_budget_after_with_qualifies_the_target_and_is_none_itself():
    (t,) = _targets("Đến năm 2030, 80% dân số đô thị được sử dụng nước sạch qua hệ thống cấp nước tập trung "
                    "với tiêu chuẩn tối thiểu 120 lít/người/ngày đêm.")
    assert (t.value, t.unit) == (80.0, "%")
    (t,) = _targets("Năm 2026 đầu tư xây dựng 15 km đường giao thông nông thôn với tổng kinh phí 45 tỷ đồng.")
    assert (t.value, t.unit, t.metric) == (15.0, "km", "đầu tư xây dựng đường giao thông nông thôn")


def test_a_target_nothing_dates_continues_the_period_of_the_list_before_it():
    text = ("Huyện Tân Phước thông qua 18 chỉ tiêu phát triển kinh tế - xã hội\n"
            "Kỳ họp đã thông qua Nghị quyết với 18 chỉ tiêu chủ yếu. Theo đó, năm 2026 tổng giá trị sản xuất "
            "tăng 9,5%; thu ngân sách trên địa bàn 560 tỷ đồng.\n"
            "Về xã hội, phấn đấu tỷ lệ lao động qua đào tạo đạt 72%; có thêm 2 xã đạt chuẩn nông thôn mới nâng cao.\n")
    assert [(t.value, t.period.start, t.period.end) for t in _targets(text)] == [
        (9.5, "2026", "2026"), (560.0, "2026", "2026"), (72.0, "2026", "2026"), (2.0, "2026", "2026")]


@pytest.mark.parametrize(("text", "expected"), [
    # an item numbered inline keeps its own deadline: the next item's yearly rate has none
    ("Công an huyện đề ra các mục tiêu: (1) Nâng cao ý thức phòng ngừa tội phạm của nhân dân; (2) Phấn đấu đến năm "
     "2030 giảm từ 3 - 5% tổng số vụ phạm tội hình sự so với năm 2025; (3) Hằng năm, tỷ lệ điều tra, khám phá các "
     "loại tội phạm đạt từ 75% trở lên.", {3.0: (None, "2030"), 75.0: (None, None)}),
    # a year before the first item dates them all
    ("Năm 2026, Hội đồng nhân dân xã đề ra các chỉ tiêu: (1) Thu nhập bình quân đầu người đạt 75 triệu đồng; "
     "(2) Tỷ lệ hộ nghèo giảm còn 1,5%.", {75.0: ("2026", "2026"), 1.5: ("2026", "2026")}),
])
def test_an_item_numbered_inline_takes_the_intros_year_not_another_items(text: str, expected: dict) -> None:
    found = _periods("Huyện Tân Hòa triển khai kế hoạch\n\n" + text)
    assert found == expected


def test_a_page_saved_from_its_opening_paragraph_lends_no_title_period() -> None:
    # no headline: the first line is a long paragraph, whose deadlines are its own sentences', not the title's
    text = ("Kế hoạch đề ra các mục tiêu: (1) Nâng cao ý thức trách nhiệm của các cấp, các ngành và nhân dân trong "
            "phòng ngừa, đấu tranh chống tội phạm, vi phạm pháp luật. (2) Kiềm chế, phấn đấu đến năm 2030 giảm từ "
            "3 - 5% tổng số vụ phạm tội hình sự so với năm 2025. (3) Hằng năm, tỷ lệ điều tra, khám phá các loại "
            "tội phạm đạt từ 75% trở lên.\n")
    found = _periods(text)
    assert found == {3.0: (None, "2030"), 75.0: (None, None)}


def test_a_standards_year_and_another_parts_deadline_are_not_a_targets_period() -> None:
    text = ("Đại hội Đảng bộ xã Tân Hòa lần thứ I\n\n"
            "Nhiệm kỳ 2025 - 2030, Đảng bộ xã Tân Hòa đề ra 10 chỉ tiêu cụ thể: tổng thu ngân sách trên địa bàn tăng "
            "bình quân 10%/năm; thu nhập bình quân đầu người đến năm 2030 tăng 30% so với năm 2025; tỷ lệ dân số "
            "tham gia bảo hiểm y tế đạt 99%; tỷ lệ hộ nghèo giảm bình quân mỗi năm 1,5% (theo chuẩn nghèo đa chiều "
            "giai đoạn 2021 - 2025).\n")
    found = _periods(text)
    assert found[99.0] == ("2025", "2030")
    assert found[1.5] == ("2025", "2030")


@pytest.mark.parametrize(("line", "metric"), [
    ("- 100% điểm đến du lịch trọng điểm ứng dụng công nghệ số.", "điểm đến du lịch trọng điểm ứng dụng công nghệ số"),
    ("- Tuổi thọ trung bình của người dân đạt 75 tuổi.", "Tuổi thọ trung bình của người dân"),
    ("- Số giường bệnh/vạn dân đạt 32.", "Số giường bệnh/vạn dân"),
])
def test_the_metric_keeps_a_compound_and_names_its_counted_noun_once(line: str, metric: str) -> None:
    text = "KẾ HOẠCH\nPhát triển kinh tế - xã hội năm 2026\n\nI. MỤC TIÊU\n" + line + "\n"
    assert [t.metric for t in _targets(text)] == [metric]


def test_a_ratio_after_its_counted_noun_counts_that_noun() -> None:
    text = ("KẾ HOẠCH\nThực hiện nhiệm vụ năm 2026\n\nII. CHỈ TIÊU\n"
            "1. Số xã hoàn thành bộ tiêu chí quốc gia về y tế: 12/15.\n2. Có 3/4 trường đạt chuẩn quốc gia.\n")
    assert [(t.value, t.unit) for t in _targets(text)] == [(12.0, "xã"), (3.0, "trường")]


def test_a_yearly_word_earlier_in_the_sentence_does_not_make_a_dated_level_a_yearly_rate() -> None:
    text = ("KẾ HOẠCH\nPhòng, chống ma túy\n\nI. MỤC TIÊU\n"
            "- Đến năm 2030, tổng sản phẩm tăng bình quân hằng năm 8%.\n"
            "- Hàng năm, giảm số người nghiện; phấn đấu đến năm 2030 đạt ít nhất 50% số xã không ma túy.\n"
            "- Hằng năm, kết nạp 40 đảng viên mới, tỷ lệ hộ nghèo giảm 1,5%.\n")
    assert [(t.value, t.per) for t in _targets(text)] == [(8.0, "năm"), (50.0, None), (40.0, "năm"), (1.5, "năm")]


def test_two_counted_nouns_joined_by_a_comma_are_one_unit() -> None:
    text = ("KẾ HOẠCH\nThực hiện năm 2026\n\nI. CHỈ TIÊU\n"
            "- Lựa chọn ít nhất 01 doanh nghiệp, hợp tác xã làm đơn vị thu gom.\n"
            "- Có 5 xã, phường đạt chuẩn văn minh đô thị.\n"
            "- Kết nạp 50 đảng viên, thành lập 3 chi bộ.\n")
    assert [(t.value, t.unit) for t in _targets(text)] == [
        (1.0, "doanh nghiệp, hợp tác xã"), (5.0, "xã, phường"), (50.0, "đảng viên"), (3.0, "chi bộ")]


def test_the_area_a_leading_share_is_counted_over_is_not_its_metric() -> None:
    [share, revenue] = _targets("Phấn đấu đến năm 2030, 100% số xã, phường trên toàn tỉnh không ma túy; thu ngân "
                                "sách nhà nước trên địa bàn đạt 5.000 tỷ đồng.")
    assert share.metric == "số xã, phường không ma túy"
    assert revenue.metric == "thu ngân sách nhà nước trên địa bàn"  # the indicator's own name keeps its words


def test_shares_joined_by_va_share_the_predicate_the_second_states() -> None:
    first, second = _targets("Phấn đấu đến năm 2030, trên 80% số trạm y tế cấp xã và 100% cơ sở cai nghiện ma túy "
                             "công lập đủ điều kiện xác định tình trạng nghiện ma túy.")
    assert first.metric == "số trạm y tế cấp xã đủ điều kiện xác định tình trạng nghiện ma túy"
    assert first.text == "trên 80% số trạm y tế cấp xã"  # the next share is no part of this one's base or span
    assert first.base == "số trạm y tế cấp xã"
    assert second.metric.startswith("cơ sở cai nghiện ma túy công lập đủ điều kiện")


def test_a_bracketed_aside_after_a_leading_share_is_skipped_not_an_end() -> None:
    [t] = _targets("Phấn đấu có ít nhất 70% số người hưởng trợ cấp (bao gồm người được ủy quyền nhận thay) nhận tiền "
                   "trợ cấp qua tài khoản.")
    assert t.metric == "số người hưởng trợ cấp nhận tiền trợ cấp qua tài khoản"


_CAMPAIGN = ("ỦY BAN NHÂN DÂN\nTỈNH VĨNH LONG\nSố: 88/KH-UBND\nVĩnh Long, ngày 5 tháng 11 năm 2025\n\n"
             "KẾ HOẠCH\nPhát động phong trào thi đua chi trả trợ cấp xã hội không dùng tiền mặt\n\n"
             "I. MỤC ĐÍCH, YÊU CẦU\n\nNâng cao nhận thức của người hưởng trợ cấp về thanh toán không dùng tiền mặt.\n\n"
             "II. THỜI GIAN THI ĐUA\n\n{time}\n\n"
             "III. NỘI DUNG THI ĐUA\n\nCác chỉ tiêu cụ thể như sau:\n\n"
             "(1) Ít nhất 85% người hưởng trợ cấp xã hội mở tài khoản ngân hàng;\n\n"
             "(2) 100% số người hưởng trợ cấp được rà soát, cập nhật dữ liệu.\n")


@pytest.mark.parametrize(("time", "period"), [
    # the campaign's days, all in one year, date the targets nothing else dates
    ("1. Thời gian thi đua\n\na) Đợt 1: từ ngày 10 tháng 11 năm 2025 đến ngày 30 tháng 11 năm 2025;\n\n"
     "b) Tổng kết trước ngày 31 tháng 12 năm 2025.", ("2025", "2025")),
    ("1. Thời gian: từ nay đến năm 2030.", (None, "2030")),
    # a section that is no label ("Thời gian qua, …") or spans two years says nothing for all
    ("1. Thời gian qua, nhiều địa phương đã triển khai từ tháng 3 năm 2024.", (None, None)),
    ("1. Thời gian thi đua: từ ngày 10 tháng 11 năm 2025 đến ngày 15 tháng 01 năm 2026.", (None, None)),
])
def test_a_plans_own_section_on_when_it_runs_dates_the_targets_nothing_else_dates(time: str, period: tuple) -> None:
    assert _periods(_CAMPAIGN.format(time=time)) == {85.0: period, 100.0: period}


@pytest.mark.parametrize(("opening", "period"), [
    ("Sáng 15-1, Công an huyện Diên Khánh tổ chức hội nghị triển khai công tác năm 2026.", ("2026", "2026")),
    ("Chiều 20/12, Đảng ủy xã tổ chức hội nghị triển khai phương hướng, nhiệm vụ năm 2026.", ("2026", "2026")),
    # a review names the year it reviews, not the one the targets are for
    ("Chiều 20/12, Đảng ủy xã tổng kết thực hiện nhiệm vụ năm 2025.", (None, None)),
])
def test_the_year_a_news_pages_meeting_set_the_work_for_dates_the_targets_nothing_else_dates(
        opening: str, period: tuple) -> None:
    text = (f"Công an huyện Diên Khánh quyết tâm giữ vững an ninh trật tự\n\n{opening}\n\n"
            "Theo đó, Công an huyện phấn đấu giảm tội phạm hình sự ít nhất 3%, "
            "tỷ lệ điều tra khám phá án đạt trên 80%.\n")
    assert _periods(text) == {3.0: period, 80.0: period}


def test_a_campaigns_year_is_shown_by_the_first_and_last_dates_it_is_read_from() -> None:
    time = ("1. Thời gian thi đua\n\na) Đợt 1: từ ngày 10 tháng 11 năm 2025 đến ngày 30 tháng 11 năm 2025;\n\n"
            "b) Tổng kết trước ngày 31 tháng 12 năm 2025.")
    texts = {t.period.text for t in _targets(_CAMPAIGN.format(time=time))}
    assert texts == {"ngày 10 tháng 11 năm 2025 … ngày 31 tháng 12 năm 2025"}


def test_a_rate_over_ten_thousand_people_is_one_target_not_two() -> None:
    found = _targets("I. MỤC TIÊU\nĐến năm 2030 đạt 12 bác sĩ trên 10.000 dân; 35 giường bệnh/10.000 dân.\n"
                     "- Số bác sĩ/10.000 dân đạt 13.\n")
    assert [(t.value, t.unit, t.text) for t in found] == [
        (12.0, "bác sĩ", "12 bác sĩ trên 10.000 dân"), (35.0, "giường bệnh", "35 giường bệnh/10.000 dân"),
        (13.0, "bác sĩ", "Số bác sĩ/10.000 dân đạt 13")]


def test_values_assigned_to_each_body_in_a_sentence_are_targets_of_the_noun_before_them() -> None:
    found = _targets("KẾ HOẠCH\nKết nạp đảng viên năm 2027\n\nI. CHỈ TIÊU\n1. Toàn Đảng bộ phấn đấu kết nạp 150 đảng "
                     "viên mới. Chỉ tiêu giao cụ thể: Đảng bộ xã Tân Hòa 15, Đảng bộ xã Tân Lập 12.\n")
    assert [(t.value, t.unit) for t in found] == [(150.0, "đảng viên"), (15.0, "đảng viên"), (12.0, "đảng viên")]


def test_a_factor_of_a_scoring_formula_is_no_target() -> None:
    found = _targets("II. CHỈ TIÊU\n- Phấn đấu 98% hồ sơ được giải quyết đúng hạn.\n- Cách tính: Tỷ lệ = b/a x 100%, "
                     "trong đó a là tổng số hồ sơ; Tỷ lệ = (số hồ sơ trực tuyến / tổng số hồ sơ) * 100%.\n"
                     "- Điểm = tỷ lệ đạt được x 10 điểm.\n")
    assert [(t.value, t.unit) for t in found] == [(98.0, "%")]


def test_a_number_after_markdown_emphasis_is_no_formula_factor() -> None:
    found = _targets("I. CHỈ TIÊU\n- Phấn đấu *kết nạp* 150 đảng viên mới.\n- Phấn đấu *đến năm 2030* 100% xã đạt chuẩn "
                     "nông thôn mới.\n")
    assert [(t.value, t.unit) for t in found] == [(150.0, "đảng viên"), (100.0, "%")]


def test_a_rate_printed_without_its_percent_sign_is_a_target_in_percent() -> None:
    found = _targets("I. MỤC TIÊU\n- Tỷ lệ hộ nghèo giảm còn dưới 1,5.\n- Tỷ lệ che phủ rừng đạt 42.\n"
                     "- Tỷ lệ hộ nghèo giảm 1,5%, số hộ nghèo giảm còn 150.\n")
    assert [(t.value, t.unit, t.comparator) for t in found] == [
        (1.5, "%", "<"), (42.0, "%", "="), (1.5, "%", "="), (150.0, "hộ nghèo", "=")]
    # a year may stand between; another number, or a value over 100, is no rate's value
    found = _targets("I. MỤC TIÊU\n- Tỷ lệ hộ nghèo năm 2026 còn 1,5.\n- Tỷ lệ hộ nghèo giảm 2 điểm, còn 150.\n"
                     "- Tỷ lệ nhập học đạt 320.\n")
    assert [(t.value, t.unit) for t in found] == [(1.5, "%"), (2.0, "điểm")]
    # a bound kept as the qualifier hands the value over too; a rate per head, per class or per thousand, an age
    # span, a rating or a list's number is no percentage
    found = _targets("I. MỤC TIÊU\n- Tỷ lệ lạm phát không quá 4.\n- Tỷ lệ bác sĩ/vạn dân đạt 12.\n"
                     "- Tỷ lệ giường bệnh đạt 32.\n- Tỷ lệ học sinh trên lớp là 35.\n- Tỷ lệ tử vong trẻ sơ sinh còn 10.\n"
                     "- Tỷ lệ sản phẩm OCOP đạt 3 sao.\n- Nhóm chỉ tiêu về tỷ lệ: 1. Tỷ lệ hộ nghèo dưới 2%.\n")
    assert [(t.value, t.unit) for t in found] == [(4.0, "%"), (2.0, "%")]


def test_a_visions_horizon_dates_a_target_only_when_nothing_else_does() -> None:
    assert _periods("Phấn đấu đến năm 2030, tầm nhìn đến năm 2045, tỷ lệ đô thị hóa đạt 50%.") == {50.0: (None, "2030")}
    assert _periods("Tầm nhìn đến năm 2045, GRDP bình quân đầu người đạt 20.000 USD.") == {20000.0: (None, "2045")}
