from nlp.guidance import categorise


def test_propaganda_items_are_awareness():
    cat, conf = categorise("Đẩy mạnh công tác tuyên truyền, quán triệt nâng cao nhận thức của cán bộ, đảng viên và nhân dân.")
    assert cat == "awareness" and conf > 0.5


def test_inspection_items_are_inspection():
    cat, _ = categorise("Tăng cường công tác kiểm tra, giám sát việc thực hiện, xử lý nghiêm các vi phạm.")
    assert cat == "inspection"


def test_reporting_items_are_reporting():
    cat, _ = categorise("Định kỳ 6 tháng, hằng năm sơ kết, báo cáo kết quả thực hiện về Ban Thường vụ Tỉnh ủy.")
    assert cat == "reporting"


def test_budget_items_are_resources():
    cat, _ = categorise("Sở Tài chính bố trí kinh phí từ nguồn ngân sách tỉnh để thực hiện kế hoạch.")
    assert cat == "resources"


def test_coordination_items_are_coordination():
    cat, _ = categorise("Đề nghị Ủy ban Mặt trận Tổ quốc và các đoàn thể phối hợp vận động hội viên tham gia.")
    assert cat == "coordination"


def test_text_without_any_cue_is_other_with_zero_confidence():
    assert categorise("Hôm nay trời nắng đẹp.") == ("other", 0.0)


GROUPED = """KẾ HOẠCH
triển khai Đề án nâng cao nhận thức cộng đồng về phòng, chống thiên tai

II. NHIỆM VỤ

**1. Nâng cao năng lực cho lực lượng làm công tác phòng, chống thiên tai**

- Tập huấn nâng cao kiến thức về thiên tai, kỹ năng ứng phó cho cán bộ cấp xã.

- Tổ chức diễn tập phòng, chống thiên tai tại các xã ven biển mỗi năm một lần.

*Đơn vị chủ trì: *Sở Nông nghiệp và Môi trường.

*Thời gian thực hiện: *Hằng năm.
"""


def test_bold_group_heading_and_task_fields_are_not_items() -> None:
    from nlp.pipeline import process

    texts = [g.text for g in process(GROUPED).guidance]
    assert any(t.startswith("- Tập huấn") for t in texts)
    assert any(t.startswith("- Tổ chức diễn tập") for t in texts)
    assert not any("Nâng cao năng lực cho lực lượng" in t for t in texts)
    assert not any("Đơn vị chủ trì" in t or "Thời gian thực hiện" in t for t in texts)


def test_decision_wrapper_articles_are_not_items() -> None:
    from nlp.guidance import _enacting_article

    assert _enacting_article("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch triển khai Đề án.")
    assert _enacting_article("**Điều 2.** Quyết định này có hiệu lực kể từ ngày ký.")
    assert not _enacting_article("Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết định này.")
