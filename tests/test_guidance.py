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
ứng phó bão, lũ mùa mưa năm 2026 trên địa bàn huyện

II. NHIỆM VỤ

**1. Nâng cao năng lực cho lực lượng xung kích ở thôn, bản**

- Tập huấn kỹ năng sơ cứu, cứu nạn khi có bão lũ cho thanh niên xung kích các xã.

- Tổ chức diễn tập sơ tán dân tại hai xã vùng trũng trước mùa mưa.

*Đơn vị chủ trì: *Ban Chỉ huy Quân sự huyện.

*Đơn vị chủ trì tham mưu thực
hiện: *Phòng Văn hóa - Xã hội huyện.

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

    assert _enacting_article("Điều 1. Ban hành kèm theo quyết định này bản Quy chế làm việc của Tổ công tác.")
    assert _enacting_article("**Điều 2.** Quyết định này có hiệu lực từ ngày ký ban hành.")
    assert not _enacting_article("Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết định này.")


FUNDING = """KẾ HOẠCH
phòng, chống thiên tai năm 2026

III. KINH PHÍ THỰC HIỆN

1. Nguồn vốn ngân sách tỉnh bố trí trong dự toán hằng năm của các sở, ngành.

2. Nguồn Quỹ Phòng, chống thiên tai tỉnh.

- Ngân sách trung ương: hỗ trợ các dự án trọng điểm, chiếm khoảng 60% tổng vốn của Kế hoạch.

- Ngân sách địa phương: để thực hiện các dự án do các huyện, thị xã quản lý,
chiếm khoảng 30% tổng vốn (khoảng 1.200 tỷ đồng).

- b = Tổng số hộ dân được hỗ trợ di dời khỏi vùng sạt lở trong năm.

3. Nguồn ngân sách: Hằng năm, Ủy ban nhân dân các huyện bố trí kinh phí cho các xã thực hiện diễn tập.
"""


def test_funding_sources_are_not_tasks_but_a_labelled_assignment_is() -> None:
    from nlp.pipeline import process

    texts = [g.text for g in process(FUNDING).guidance]
    assert not any(t.startswith(("1. Nguồn vốn", "2. Nguồn Quỹ", "- Ngân sách trung ương", "- Ngân sách địa phương",
                                 "- b =")) for t in texts)  # the share may be on the next line
    assert any(t.startswith("3. Nguồn ngân sách:") for t in texts)


PROGRAMME = """KẾ HOẠCH
thực hiện Chương trình phòng, chống ma túy giai đoạn 2026 - 2030

II. NHIỆM VỤ

- Dự án 1: Nâng cao hiệu quả công tác phòng ngừa ma túy ở cơ sở.

- Công an tỉnh chủ trì, phối hợp với các sở, ngành rà soát, lập danh sách người sử dụng trái phép chất ma túy.

|
Tổ chức tuyên truyền phòng, chống ma túy trong trường học
|
Sở Giáo dục và Đào tạo, Sở Y tế, các cơ quan có liên quan
|
Hỗ trợ học viên sau cai nghiện tìm việc làm tại các doanh nghiệp
|
Viện, Trường; Sở, ban, ngành, địa phương có liên quan
|
"""


def test_programme_part_titles_and_lists_of_bodies_are_not_tasks() -> None:
    from nlp.pipeline import process

    texts = [g.text.strip(" |") for g in process(PROGRAMME).guidance]
    assert any(t.startswith("- Công an tỉnh chủ trì") for t in texts)
    assert not any(t.startswith("- Dự án 1") for t in texts)
    assert not any(t.startswith("Sở Giáo dục và Đào tạo, Sở Y tế") for t in texts)
    assert any(t.startswith("Hỗ trợ học viên sau cai nghiện") for t in texts)
    assert not any(t.startswith("Viện, Trường") for t in texts)


SUBSECTIONS = """KẾ HOẠCH
Phát triển nông nghiệp giai đoạn 2026 - 2030

II. MỤC TIÊU

1. Về sản xuất

- Xây dựng vùng sản xuất lúa hữu cơ tập trung gắn với tiêu thụ sản phẩm.

III. NHIỆM VỤ, GIẢI PHÁP

1. Về sản xuất

- Rà soát, điều chỉnh quy hoạch vùng trồng lúa chất lượng cao của huyện.
"""


def test_a_sub_heading_takes_task_or_goal_from_the_section_above_it() -> None:
    from nlp.pipeline import process

    texts = [g.text for g in process(SUBSECTIONS).guidance]
    assert any(t.startswith("- Rà soát, điều chỉnh quy hoạch") for t in texts)
    assert not any("lúa hữu cơ" in t for t in texts)


# A conclusion notice as OCR reads a scan: the two columns of the signature block come out line by line,
# so the recipients list runs on past the signer's (misread) name.
OCR_NOTICE = """ỦY BAN NHÂN DÂN    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH BÌNH ĐỊNH    Độc lập - Tự do - Hạnh phúc
Số: 215/TB-UBND    Bình Định, ngày 14 tháng 6 năm 2024
THÔNG BÁO
Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với huyện Hoài Ân
Ngày 10/6/2024, Chủ tịch UBND tỉnh đã làm việc với UBND huyện Hoài Ân về tiến độ các dự án giao thông.
Sau khi nghe báo cáo và ý kiến của các sở, ngành, Chủ tịch UBND tỉnh kết luận như sau:
1. UBND huyện Hoài Ân khẩn trương hoàn thành công tác bồi thường, giải phóng mặt bằng tuyến đường ĐT.630 trước ngày 30/8/2024.
2. Sở Giao thông vận tải chủ trì, phối hợp với UBND huyện kiểm tra chất lượng thi công các gói thầu, báo cáo UBND tỉnh kết quả.
Nay thông báo kết luận của Chủ tịch UBND tỉnh để các cơ quan, đơn vị, địa phương biết, triển khai thực hiện./.
Nơi nhận:    KT. CHỦ TỊCH
- CT, PCT UBND tỉnh;    PHÓ CHỦ TỊCH
- Sở Giao thông vận tải;
- Sở Tài chính, Sở Xây dựng;    guyễn Tự Công Hoàn
- Các Sở: Kế hoạch và Đầu tư, Tài nguyên và
Môi trường, Nông nghiệp và PTNT;
- UBND huyện Hoài Ân;
- Ban Quản lý dự án giao thông tỉnh;
- Lưu: VT, K10.
"""


def test_recipients_list_and_closing_formula_of_an_ocr_notice_are_not_items() -> None:
    from nlp.pipeline import process

    doc = process(OCR_NOTICE)
    texts = [g.text for g in doc.guidance]
    assert len(texts) == 2
    assert "UBND huyện Hoài Ân khẩn trương" in texts[0]
    assert "kiểm tra chất lượng thi công" in texts[1]
    start = doc.text.index("Nơi nhận")
    assert all(b.kind == "signature" for b in doc.blocks if b.start >= start)


def test_a_report_closing_to_the_council_is_not_an_item() -> None:
    from nlp.pipeline import process

    text = OCR_NOTICE.replace("Nay thông báo kết luận của Chủ tịch UBND tỉnh để các cơ quan, đơn vị, địa phương biết, "
                              "triển khai thực hiện./.", "Kính báo cáo Hội đồng nhân dân tỉnh xem xét, cho ý kiến.")
    assert not any(g.text.startswith("Kính báo cáo") for g in process(text).guidance)


def test_a_notice_handed_over_by_its_issuer_is_no_item() -> None:
    from nlp.pipeline import process

    text = OCR_NOTICE.replace("Nay thông báo kết luận của Chủ tịch UBND tỉnh để các cơ quan, đơn vị, địa phương biết, "
                              "triển khai thực hiện./.", "Văn phòng UBND tỉnh xin thông báo để UBND huyện Hoài Ân và các "
                              "sở, ngành liên quan biết, thực hiện./.")
    texts = [g.text for g in process(text).guidance]
    assert len(texts) == 2 and not any("xin thông báo" in t for t in texts)


SET_OFF = """KẾ HOẠCH
Phòng, chống ma túy năm 2026

III. NHIỆM VỤ, GIẢI PHÁP

**1.
Công tác tuyên truyền, phổ biến pháp luật về phòng, chống ma túy**

- Tổ chức tuyên truyền pháp luật về phòng, chống ma túy tại các trường học trên địa bàn.

*a) Về các mô hình tự quản ở khu dân cư*

- Duy trì hoạt động của các tổ tự quản về an ninh trật tự tại các khu dân cư.

- Điểm thi đua = Tỷ lệ hoàn thành * điểm chuẩn.
"""


def test_a_heading_set_in_bold_or_italics_and_a_scoring_formula_are_no_items() -> None:
    from nlp.pipeline import process

    texts = [g.text for g in process(SET_OFF).guidance]
    assert [t[:12] for t in texts] == ["- Tổ chức tu", "- Duy trì ho"]


def test_a_numbered_line_naming_only_the_assignees_of_the_items_below_is_not_an_item() -> None:
    from nlp.pipeline import process

    text = OCR_NOTICE.replace(
        "1. UBND huyện Hoài Ân khẩn trương",
        "1. Thủ trưởng các sở, ban, ngành tỉnh, Chủ tịch UBND các huyện, thị xã, thành phố, các đơn vị sự nghiệp "
        "và doanh nghiệp nhà nước thuộc tỉnh\n"
        "a) Tiếp tục quán triệt, phổ biến Luật Giao thông đường bộ đến cán bộ, công chức và nhân dân.\n"
        "b) UBND huyện Hoài Ân khẩn trương")
    texts = [g.text for g in process(text).guidance]
    assert not any(t.startswith("Thủ trưởng các sở") or t.startswith("1. Thủ trưởng") for t in texts)
    assert any("quán triệt, phổ biến Luật Giao thông" in t for t in texts)
    assert any("khẩn trương hoàn thành công tác bồi thường" in t for t in texts)


def test_recipients_listed_under_the_signer_are_not_items() -> None:
    from nlp.pipeline import process

    body = OCR_NOTICE[: OCR_NOTICE.index("Nơi nhận:")]
    text = body + (
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Tự Công Hoàng\n"
        "Nơi nhận:\n- CT, PCT UBND tỉnh;\n- Sở Giao thông vận tải, Sở Tài chính và Sở Xây dựng tỉnh Bình Định;\n"
        "- UBND huyện Hoài Ân;\n- Lưu: VT, K10.\n")
    doc = process(text)
    assert len(doc.guidance) == 2
    start = doc.text.index("Nơi nhận")
    assert all(b.kind == "signature" for b in doc.blocks if b.start >= start)


def test_rows_of_a_table_of_figures_and_its_title_are_no_items_but_a_task_tables_rows_are() -> None:
    from nlp.pipeline import analyze_text

    text = (
        "KẾ HOẠCH\nthực hiện các chỉ tiêu năm 2026\n\nII. NHIỆM VỤ, GIẢI PHÁP\n"
        "1. Các chi bộ xây dựng kế hoạch kết nạp đảng viên, giao chỉ tiêu cho từng đảng viên theo dõi quần chúng.\n\n"
        "Phụ lục 1: Chỉ tiêu phát triển kinh tế - xã hội năm 2026\n"
        "STT    Chỉ tiêu    Đơn vị tính    Kế hoạch 2026\n"
        "1    Tỷ lệ hộ nghèo đa chiều giảm còn    %    1,5\n"
        "2    Số hộ được hỗ trợ xây dựng nhà ở mới    hộ    40\n\n"
        "Phụ lục 2: Nhiệm vụ trọng tâm\n\n"
        "STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian\n"
        "1 | Tổ chức rà soát, cập nhật danh sách hộ nghèo, hộ cận nghèo trên địa bàn xã | UBND xã | Quý I/2026\n"
    )
    items = [g.text for g in analyze_text(text).guidance]
    assert any(t.startswith("1. Các chi bộ xây dựng kế hoạch") for t in items)
    assert not [t for t in items if "Tỷ lệ hộ nghèo" in t or t.startswith("Phụ lục 1")]
    assert any("rà soát, cập nhật danh sách hộ nghèo" in t for t in items)


def test_a_paragraph_reporting_last_years_result_under_the_tasks_is_no_item() -> None:
    from nlp.pipeline import analyze_text

    text = ("HUYỆN ỦY TÂN PHÚ                         ĐẢNG CỘNG SẢN VIỆT NAM\n"
            "Số 125-KH/HU                        Tân Phú, ngày 15 tháng 3 năm 2023\n\n"
            "KẾ HOẠCH\nthực hiện công tác phát triển đảng viên năm 2023\n\n"
            "I. NHIỆM VỤ, GIẢI PHÁP\n"
            "1. Các cấp ủy, tổ chức đảng tăng cường công tác tuyên truyền, giáo dục chính trị tư tưởng.\n"
            "2. Ban Tổ chức Huyện ủy hướng dẫn các chi bộ rà soát, lập danh sách quần chúng ưu tú.\n\n"
            "Năm 2022, toàn huyện đã kết nạp được 45 đảng viên, đạt 90% kế hoạch.\n")
    items = [g.text for g in analyze_text(text).guidance]
    assert len(items) == 2 and not any("đã kết nạp được" in t for t in items)


TASK_TABLE = """KẾ HOẠCH
Chuyển đổi số trong quản lý hạ tầng đô thị giai đoạn 2026 - 2030

PHỤ LỤC
DANH MỤC NHIỆM VỤ
|
STT
|
Nội dung nhiệm vụ
|
Cơ quan chủ trì
|
1
|
Đề xuất sửa đổi các quy định về giá trị pháp lý của hồ sơ số trong công tác nghiệm thu công trình
|
Sở Xây dựng
|
2
|
Thiết lập cơ chế liên thông dữ liệu hạ tầng giữa các sở, ngành và Ủy ban nhân dân cấp xã
|
Sở Khoa học và Công nghệ
|
3
|
Hình thành đội ngũ cán bộ chuyên trách chuyển đổi số tại các cơ quan, đơn vị
|
Sở Nội vụ
|
4
|
Khảo sát, đánh giá thực trạng hạ tầng viễn thông và nhu cầu chuyển đổi số của doanh nghiệp
|
Sở Khoa học và Công nghệ
"""


def test_a_task_table_cell_opening_with_a_task_verb_is_an_item() -> None:
    from nlp.pipeline import process

    texts = [g.text.strip(" |") for g in process(TASK_TABLE).guidance]
    for opening in ("Đề xuất sửa đổi", "Thiết lập cơ chế", "Hình thành đội ngũ", "Khảo sát, đánh giá"):
        assert any(t.startswith(opening) for t in texts), (opening, texts)
    assert not any(t.startswith("Sở Xây dựng") for t in texts)


def _bar_table(header: list[str], rows: list[list[str]]) -> str:
    """A table as the corpus's converted documents print it: each cell closed by a line "|", rows by two."""
    lines = ["|"] + [x for h in header for x in (f"**{h}**", "|")]
    for row in rows:
        lines += ["|"] + [x for c in row for x in (c, "|")]
    return "\n".join(lines) + "\n"


def test_what_a_task_table_expects_each_task_to_deliver_is_no_item_but_the_task_is() -> None:
    from nlp.pipeline import process

    text = ("KẾ HOẠCH\nChuyển đổi số trong quản lý hạ tầng đô thị giai đoạn 2026 - 2030\n\n"
            "PHỤ LỤC\nDANH MỤC NHIỆM VỤ TRỌNG TÂM\n\n" + _bar_table(
                ["STT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Kết quả dự kiến", "Thời gian thực hiện"], [
                    ["1", "Chuẩn hóa các danh mục dữ liệu, biểu mẫu kết cấu hạ tầng theo tiêu chuẩn thống nhất",
                     "Sở Xây dựng", "Các danh mục dữ liệu, biểu mẫu được chuẩn hóa", "2026"],
                    ["2", "Triển khai mã định danh thống nhất cho công trình hạ tầng đô thị",
                     "Sở Khoa học và Công nghệ", "Tích hợp mã số công trình với cơ sở dữ liệu quốc gia về đất đai", "2027"],
                    ["3", "Xây dựng cơ sở dữ liệu kết cấu hạ tầng đô thị dùng chung", "Sở Xây dựng",
                     "Kết nối, chia sẻ dữ liệu kết cấu hạ tầng với các hệ thống liên quan", "2026 - 2027"]]))
    texts = [" ".join(g.text.split()) for g in process(text).guidance]
    for task in ("Chuẩn hóa các danh mục", "Triển khai mã định danh", "Xây dựng cơ sở dữ liệu"):
        assert any(t.startswith(task) for t in texts), (task, texts)
    # the deliverables, verbs first as often as not ("Tích hợp …", "Kết nối, chia sẻ …"), are the tasks' outcomes
    assert not any(t.startswith(("Các danh mục", "Tích hợp mã số", "Kết nối, chia sẻ")) for t in texts), texts


def test_a_footnote_is_no_item_even_when_it_opens_with_a_task_verb() -> None:
    from nlp.pipeline import process

    text = ("KẾ HOẠCH\nThực hiện chuyển đổi số năm 2026\n\nII. NHIỆM VỤ\n\n"
            "1. Tiếp tục đẩy mạnh tuyên truyền về chuyển đổi số đến cán bộ, công chức và người dân[1].\n\n"
            "2. Tăng cường kiểm tra, giám sát việc thực hiện các nhiệm vụ chuyển đổi số tại cơ sở.\n\n"
            "[1] Tiếp tục thực hiện theo Kế hoạch số 12/KH-UBND ngày 05/3/2025 của Ủy ban nhân dân tỉnh.\n")
    texts = [" ".join(g.text.split()) for g in process(text).guidance]
    assert [t[:20] for t in texts] == ["1. Tiếp tục đẩy mạnh", "2. Tăng cường kiểm t"], texts


def test_the_documents_it_carries_out_are_its_basis_not_its_tasks() -> None:
    from nlp.pipeline import process

    text = ("ỦY BAN NHÂN DÂN\nTỈNH VĨNH LONG\nSố: 88/KH-UBND\nVĩnh Long, ngày 5 tháng 11 năm 2025\n\n"
            "KẾ HOẠCH\nChi trả trợ cấp xã hội không dùng tiền mặt\n\n"
            "Thực hiện Chỉ thị số 21/CT-TTg ngày 25 tháng 11 năm 2022 của Thủ tướng Chính phủ về thúc đẩy "
            "chuyển đổi số trong chi trả an sinh xã hội không dùng tiền mặt;\n\n"
            "Thực hiện Thông báo số 552/TB-VPCP ngày 13 tháng 10 năm 2025 của Văn phòng Chính phủ về chuyển đổi số.\n\n"
            "- Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh số 05-QC/TU ngày 14/3/2021;\n\n"
            "II. NHIỆM VỤ\n\n1. Thực hiện tốt công tác tuyên truyền về lợi ích của thanh toán không dùng tiền mặt.\n\n"
            "2. Căn cứ Kế hoạch này, các sở, ngành xây dựng kế hoạch triển khai trước ngày 30/11/2025.\n\n"
            "3. Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị gắn với chi trả an sinh xã hội.\n")
    texts = [" ".join(g.text.split()) for g in process(text).guidance]
    assert not any("Chỉ thị số 21" in t or "Thông báo số 552" in t or "Quy chế làm việc" in t for t in texts), texts
    for task in ("1. Thực hiện tốt", "2. Căn cứ Kế hoạch này", "3. Thực hiện Chỉ thị số 05"):  # under "NHIỆM VỤ"
        assert any(t.startswith(task) for t in texts), (task, texts)


def test_a_part_that_opens_with_a_forecast_assigns_nothing_but_a_task_about_forecasting_does() -> None:
    from nlp.pipeline import process

    text = ("KẾ HOẠCH\nTài chính - ngân sách 03 năm 2026 - 2028\n\n"
            "III. DỰ BÁO TÁC ĐỘNG VÀ CÁC GIẢI PHÁP THỰC HIỆN\n\n1. Dự báo những tác động đến thu, chi ngân sách\n\n"
            "- Nguồn thu từ đất chưa tương xứng với tiềm năng, chưa tạo được động lực thu hút đầu tư.\n\n"
            "- Tình trạng biến đổi khí hậu, sạt lở, thiên tai diễn biến phức tạp nên phải bố trí nguồn lực khắc phục.\n\n"
            "2. Tăng cường công tác dự báo, cảnh báo sớm thiên tai\n\n"
            "- Nâng cấp hệ thống quan trắc khí tượng thủy văn tự động tại các xã ven biển.\n")
    texts = [" ".join(g.text.split()) for g in process(text).guidance]
    assert not any("Nguồn thu từ đất" in t or "biến đổi khí hậu" in t for t in texts), texts
    assert any("Nâng cấp hệ thống quan trắc" in t for t in texts), texts


def test_what_to_do_when_difficulties_arise_is_a_task_under_any_heading() -> None:
    from nlp.pipeline import process

    text = ("KẾ HOẠCH\nPhát triển xuất khẩu nông sản năm 2026\n\nV. CHẾ ĐỘ BÁO CÁO\n\n"
            "Trong quá trình tổ chức thực hiện, nếu có khó khăn, vướng mắc, các sở, ngành kịp thời báo cáo "
            "Ủy ban nhân dân tỉnh xem xét, chỉ đạo giải quyết.\n")
    texts = [" ".join(g.text.split()) for g in process(text).guidance]
    assert any(t.startswith("Trong quá trình tổ chức thực hiện") for t in texts), texts
