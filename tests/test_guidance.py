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
