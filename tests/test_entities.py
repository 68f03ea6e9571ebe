import pytest

from nlp.doc import Doc
from nlp.entities import resolve, rule_entities
from nlp.normalise import normalise_text
from nlp.sentences import split_block
from nlp.words import run as words_run


def _ents(text: str) -> set[tuple[str, str]]:
    text = normalise_text(text)
    return {(e.label, e.text) for e in resolve(rule_entities(text))}


def test_party_bodies_keep_their_place_as_one_org():
    ents = _ents("Ban Thường vụ Huyện ủy Càng Long đã ban hành văn bản chỉ đạo các chi bộ.")
    assert ("ORG", "Ban Thường vụ Huyện ủy Càng Long") in ents


def test_org_with_unit_word_holds_a_nested_loc():
    ents = _ents("Đảng bộ xã Tân An tổ chức lễ kết nạp đảng viên tại ấp Trà Ốp.")
    assert ("ORG", "Đảng bộ xã Tân An") in ents
    assert ("LOC", "xã Tân An") in ents
    assert ("LOC", "ấp Trà Ốp") in ents


def test_department_names_with_their_field_are_org():
    ents = _ents("Giao Sở Lao động - Thương binh và Xã hội chủ trì, phối hợp với Sở Tài chính thực hiện.")
    assert ("ORG", "Sở Lao động - Thương binh và Xã hội") in ents
    assert ("ORG", "Sở Tài chính") in ents


def test_person_after_title_is_the_name_without_title():
    ents = _ents("Lễ kết nạp cho đồng chí Lữ Thị Truyền, Chi hội phó Phụ nữ ấp.")
    assert ("PER", "Lữ Thị Truyền") in ents
    assert not any(label == "PER" and "đồng chí" in text for label, text in ents)


def test_person_name_starting_with_a_surname_is_found_without_a_title():
    ents = _ents("Hội nghị do Phó Chủ tịch UBND tỉnh Võ Phiên chủ trì.")
    assert ("PER", "Võ Phiên") in ents
    assert ("ORG", "UBND tỉnh") in ents


def test_org_name_stops_before_a_following_title():
    ents = _ents("Phó Thủ tướng Thường trực Chính phủ Trưởng Ban Chỉ đạo dự hội nghị.")
    assert any(label == "ORG" and text.endswith("Chính phủ") for label, text in ents)
    assert not any(text.startswith("Chính phủ Trưởng") for _, text in ents)


def test_province_names_are_loc_without_a_unit_word():
    ents = _ents("Đoàn công tác của Quảng Ngãi làm việc tại Gia Lai.")
    assert {("LOC", "Quảng Ngãi"), ("LOC", "Gia Lai")} <= ents


def test_lowercase_generic_party_words_are_not_entities():
    ents = _ents("công tác phát triển đảng viên trong đảng bộ huyện có nhiều chuyển biến")
    assert ents == set()


def test_crf_fills_in_a_name_no_rule_knows():
    from nlp.entities import crf_entities

    doc = Doc(text=normalise_text("Tham dự hội nghị có Putin và nhiều đại biểu quốc tế."))
    doc.sentences = split_block(doc.text, 0, len(doc.text))
    words_run(doc)
    found = crf_entities(doc, [])
    # the CRF is asked only about capitalised runs of two or more syllables
    assert found == []
    doc = Doc(text=normalise_text("Đại biểu A Lăng Thị Mơ phát biểu tại hội nghị."))
    doc.sentences = split_block(doc.text, 0, len(doc.text))
    words_run(doc)
    assert all(e.text[0].isupper() for e in crf_entities(doc, []))


def _orgs(text: str) -> set[str]:
    return {t for label, t in _ents(text) if label == "ORG"}


def test_company_name_runs_over_lower_case_words_up_to_its_place():
    orgs = _orgs("Giao Công ty TNHH MTV Xổ số kiến thiết tỉnh phối hợp với Sở Tài chính rà soát.")
    assert orgs == {"Công ty TNHH MTV Xổ số kiến thiết tỉnh", "Sở Tài chính"}


def test_name_after_a_type_word_keeps_and_and_commas_but_stops_at_the_verb():
    text = "Công ty TNHH MTV Khai thác, Phát triển và Quản lý thủy lợi Tây Ninh tiếp thu các ý kiến."
    assert "Công ty TNHH MTV Khai thác, Phát triển và Quản lý thủy lợi Tây Ninh" in _orgs(text)
    assert _orgs("Cục Quản lý đê điều và PCTT hướng dẫn các địa phương.") == {"Cục Quản lý đê điều và PCTT"}


def test_management_board_with_lower_case_continuation_ends_with_its_place():
    text = "Ban Quản lý\ncác Khu chế xuất và công nghiệp Thành phố chủ trì, phối hợp với các sở, ngành."
    assert _orgs(text) == {"Ban Quản lý\ncác Khu chế xuất và công nghiệp Thành phố"}


def test_type_word_stops_before_another_body_joined_by_and():
    assert _orgs("Cục Thuế tỉnh và Kho bạc Nhà nước tỉnh phối hợp thu ngân sách.") == {
        "Cục Thuế tỉnh",
        "Kho bạc Nhà nước tỉnh",
    }


def test_type_word_without_a_name_is_not_an_org():
    assert _orgs("Trường hợp cần thiết, Trung tâm của huyện sẽ hỗ trợ.") == set()
    assert _ents("Bảo vệ chủ quyền biển đảo Trường Sa, Hoàng Sa.") == {("LOC", "Trường Sa"), ("LOC", "Hoàng Sa")}


def test_school_named_after_a_person_is_one_org_without_per_or_loc():
    ents = _ents("Trường THPT Chuyên Lê Quý Đôn đạt chuẩn quốc gia mức độ 1.")
    assert ents == {("ORG", "Trường THPT Chuyên Lê Quý Đôn")}


def test_party_cell_of_a_school_is_one_org():
    assert _orgs("Chi bộ Trường THPT Bán công Lục Ngạn kết nạp 2 đảng viên mới.") == {
        "Chi bộ Trường THPT Bán công Lục Ngạn"
    }


def test_body_name_broken_by_a_line_break_before_its_place():
    ents = _ents("Kế hoạch của Ủy ban nhân dân tỉnh\nBình Dương về chuyển đổi số.")
    assert ("ORG", "Ủy ban nhân dân tỉnh\nBình Dương") in ents
    assert ("LOC", "tỉnh\nBình Dương") in ents
    ents = _ents("Phó Chủ tịch UBND\ntỉnh Võ Phiên kết luận như sau:")
    assert ("ORG", "UBND\ntỉnh") in ents and ("PER", "Võ Phiên") in ents


def test_next_line_opening_a_document_is_not_part_of_the_body():
    assert _orgs("ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nỦy ban nhân dân tỉnh\nQuyết định ban hành") >= {"Ủy ban nhân dân tỉnh"}


def test_place_name_starting_like_a_title_stays_whole():
    assert ("ORG", "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu") in _ents("của Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu về")
    assert ("ORG", "Đảng bộ xã Đại Đồng") in _ents("Ngày 22/7, Đảng bộ xã Đại Đồng tổ chức Đại hội.")


def test_header_name_split_by_layout_and_bold_marks_is_one_org():
    ents = _ents("|\n**ỦY BAN NHÂN\nDÂN **\nTỈNH ĐẮK LẮK\n--------\n|")
    assert ("ORG", "ỦY BAN NHÂN\nDÂN **\nTỈNH ĐẮK LẮK") in ents
    assert ("ORG", "BAN TUYÊN GIÁO VÀ DÂN VẬN") in _ents("TRUNG ƯƠNG\n**BAN TUYÊN GIÁO VÀ DÂN VẬN**\n")


def test_two_header_lines_are_two_bodies():
    orgs = _orgs("BAN CHẤP HÀNH TRUNG ƯƠNG\nBAN TUYÊN GIÁO VÀ DÂN VẬN\n")
    assert orgs == {"BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN TUYÊN GIÁO VÀ DÂN VẬN"}


def test_abbreviated_bodies_are_org():
    text = "Nơi nhận:\n- TT Tỉnh ủy, TT HĐND tỉnh;\n- UB MTTQ Việt Nam tỉnh;\n- VPUB: CVP, PCVP;\n- Lưu: VT."
    assert _orgs(text) == {"TT Tỉnh ủy", "TT HĐND tỉnh", "UB MTTQ Việt Nam tỉnh", "VPUB"}
    assert _orgs("Hà Nội, ngày 5/3 (TTXVN) - Theo TTXVN, giá lúa tăng.") == {"TTXVN"}


def test_department_with_an_abbreviated_field_is_org():
    orgs = _orgs("Giao Sở NN&PTNT chủ trì, phối hợp với Sở KH&ĐT, Bộ Nông nghiệp & PTNT và Ban TG&DVTW.")
    assert orgs == {"Sở NN&PTNT", "Sở KH&ĐT", "Bộ Nông nghiệp & PTNT", "Ban TG&DVTW"}


def test_acronym_defined_in_brackets_is_an_org_wherever_it_recurs():
    text = "Công ty Cổ phần Cấp thoát nước Quảng Ngãi (QWC) báo cáo. Giao QWC khẩn trương hoàn thành."
    orgs = [e for e in resolve(rule_entities(normalise_text(text))) if e.label == "ORG"]
    assert [e.text for e in orgs].count("QWC") == 2


def test_generic_plural_and_level_mentions_are_not_org():
    assert _orgs("Giao UBND cấp xã, UBND phường, xã và Ủy ban nhân dân\ncác phường thực hiện.") == set()
    assert _orgs("Các Chi bộ, một số Đảng bộ chưa thực hiện tốt sinh hoạt chi bộ.") == set()


def test_titles_and_systems_named_like_bodies_are_not_org():
    text = "Đồng chí Nguyễn Văn Hòa, Huyện ủy viên, Chánh Văn phòng, dự họp về xây dựng Chính phủ điện tử, Chính phủ số."
    assert _orgs(text) == set()
    assert _orgs("Tỷ lệ lao động tham gia BHXH đạt 38%.") == set()


def test_the_state_next_to_the_party_is_an_org():
    assert _orgs("Chủ trương của Đảng, chính sách, pháp luật của Nhà nước và của Đảng, Nhà nước.") >= {"Nhà nước"}
    assert _orgs("Thu ngân sách Nhà nước đạt 15.903 tỷ đồng.") == set()


def test_two_departments_in_one_table_cell_are_split():
    assert _orgs("|\nSở Khoa học và Công nghệ Sở Công Thương; UBND các phường, xã\n|") == {
        "Sở Khoa học và Công nghệ",
        "Sở Công Thương",
    }


def test_a_place_named_with_its_unit_word_is_found_where_named_bare() -> None:
    from nlp.pipeline import process

    text = ("Huyện ủy Bảo Lâm tổ chức hội nghị. Năm 2025, huyện Bảo Lâm phấn đấu có thêm 3 xã đạt chuẩn nông thôn mới."
            " Đến nay, Bảo Lâm có 9 xã đạt chuẩn.")
    locs = {(e.text, e.start) for e in process(text).entities if e.label == "LOC"}
    assert ("Bảo Lâm", text.rindex("Bảo Lâm")) in locs  # "Đến nay, Bảo Lâm có …"
    assert ("huyện Bảo Lâm", text.index("huyện Bảo Lâm")) in locs


def test_the_bare_names_listed_with_a_known_place_are_places_but_a_list_of_people_is_not() -> None:
    from nlp.pipeline import process

    text = ("Một số đảng bộ kết nạp còn thấp như Phù Mỹ, Hoài Ân, Cẩm Giàng và Tây Sơn. "
            "Dự hội nghị có các đồng chí Nguyễn Văn An, Trần Thị Bình, Lê Văn Cường tại Cẩm Giàng.")
    got = {(e.text, e.label) for e in process(text).entities if e.label in ("LOC", "PER")}
    assert {("Phù Mỹ", "LOC"), ("Hoài Ân", "LOC"), ("Tây Sơn", "LOC")} <= got
    assert {("Nguyễn Văn An", "PER"), ("Trần Thị Bình", "PER"), ("Lê Văn Cường", "PER")} <= got


def test_region_keeps_its_word_vung() -> None:
    ents = _ents("Tỉnh phấn đấu trở thành trung tâm logistics của vùng Duyên hải Nam Trung Bộ và Tây Nguyên.")
    assert ("LOC", "vùng Duyên hải Nam Trung Bộ") in ents
    assert ("LOC", "Tây Nguyên") in ents


def test_a_title_opening_a_sentence_is_not_taken_for_a_surname() -> None:
    from nlp.pipeline import analyze_text

    text = "Ông Giàng A Páo, Chủ tịch UBND xã, cho biết. Ông Võ Đức Thắng, Giám đốc công ty, cũng có mặt."
    people = [e.text for e in analyze_text(text).entities if e.label == "PER"]
    assert people == ["Giàng A Páo", "Võ Đức Thắng"]


def test_party_committees_of_the_armed_forces_and_project_boards_keep_their_whole_name() -> None:
    from nlp.pipeline import analyze_text

    text = ("Đảng ủy Quân sự huyện và Đảng ủy Công an tỉnh phối hợp; Ban Quản lý dự án đầu tư xây dựng huyện "
            "làm chủ đầu tư.")
    orgs = [e.text for e in analyze_text(text).entities if e.label == "ORG"]
    assert orgs == ["Đảng ủy Quân sự huyện", "Đảng ủy Công an tỉnh", "Ban Quản lý dự án đầu tư xây dựng huyện"]


def test_a_court_of_a_numbered_region_keeps_its_number_and_province() -> None:
    ents = _ents("Sáng 14/10, Tòa án nhân dân khu vực 4 - Gia Lai xét xử lưu động; Viện kiểm sát nhân dân khu vực 4 "
                 "giữ quyền công tố.")
    assert ("ORG", "Tòa án nhân dân khu vực 4 - Gia Lai") in ents
    assert ("LOC", "Gia Lai") in ents
    assert ("ORG", "Viện kiểm sát nhân dân khu vực 4") in ents
    assert not any(label == "LOC" and "khu vực" in text for label, text in ents)


def test_names_with_an_apostrophe_and_ethnic_family_names_are_people() -> None:
    ents = _ents("Bà Kpă H'Lan, Chủ tịch Hội Phụ nữ xã, cho biết. Siu Thị Bình, 41 tuổi, được vay vốn. "
                 "Già làng Rơ Mah Hyưk phát biểu tại buổi lễ.")
    assert ("PER", "Kpă H'Lan") in ents
    assert ("PER", "Siu Thị Bình") in ents
    assert ("PER", "Rơ Mah Hyưk") in ents
    assert not any(label == "LOC" and text.startswith("làng") for label, text in ents)


def test_places_listed_under_one_unit_word_are_each_a_place() -> None:
    ents = _ents("Tuyến đường đi qua các xã Ia Dreh, Ia Mơr và Krông Năng, rồi đến thị trấn Phú Túc.")
    assert {("LOC", "xã Ia Dreh"), ("LOC", "Ia Mơr"), ("LOC", "Krông Năng"), ("LOC", "thị trấn Phú Túc")} <= ents
    alone = _ents("Đảng ủy xã Ia Dreh, Hội Nông dân và Đoàn Thanh niên cùng tham gia.")
    assert ("ORG", "Hội Nông dân") in alone
    assert not any(label == "LOC" and text in ("Hội Nông dân", "Đoàn Thanh niên") for label, text in alone)


def test_a_numbered_commune_keeps_its_number_but_a_budget_is_no_place() -> None:
    ents = _ents("Các xã Krông Bông 1, Krông Bông 2 và Yang Mao đã xong. Tổng chi ngân sách phường 41,6 tỷ đồng.")
    assert ("LOC", "xã Krông Bông 1") in ents
    assert ("LOC", "Krông Bông 2") in ents
    assert not any(text.startswith("phường 41") for _, text in ents)


def test_a_known_city_is_not_cut_at_a_body_word_inside_it() -> None:
    ents = _ents("Đại diện UBND thành phố Hải Phòng đề nghị bổ sung biên chế.")
    assert ("ORG", "UBND thành phố Hải Phòng") in ents


def test_a_flattened_two_column_header_is_split_at_its_wide_gap() -> None:
    ents = _ents("TỈNH ỦY PHÚ THỌ                      ĐẢNG CỘNG SẢN VIỆT NAM\n"
                 "ĐẢNG BỘ XÃ HÒA SƠN          CỔNG THÔNG TIN ĐIỆN TỬ\n")
    assert ("ORG", "TỈNH ỦY PHÚ THỌ") in ents
    assert ("ORG", "ĐẢNG BỘ XÃ HÒA SƠN") in ents
    assert not any("  " in text for _, text in ents)
    assert not any(label == "LOC" and "THÔNG" in text for label, text in ents)


def test_bodies_of_the_two_level_government_are_whole_names() -> None:
    ents = _ents("Đảng ủy các cơ quan Đảng tỉnh phối hợp với Văn phòng Đăng ký đất đai tỉnh và Chi nhánh Ngân hàng "
                 "Chính sách xã hội tỉnh Lâm Đồng.")
    assert ("ORG", "Đảng ủy các cơ quan Đảng tỉnh") in ents
    assert ("ORG", "Văn phòng Đăng ký đất đai tỉnh") in ents
    assert ("ORG", "Chi nhánh Ngân hàng Chính sách xã hội tỉnh Lâm Đồng") in ents


def test_a_person_named_after_a_place_and_countries_abroad() -> None:
    ents = _ents("Phóng viên Lê Trường Sơn đưa tin hàng hóa xuất sang Lào, Campuchia và Nhật Bản tăng mạnh.")
    assert ("PER", "Lê Trường Sơn") in ents
    assert not any(label == "LOC" and text == "Trường Sơn" for label, text in ents)
    assert {("LOC", "Lào"), ("LOC", "Campuchia"), ("LOC", "Nhật Bản")} <= ents


def test_a_body_name_stops_at_o_and_a_school_title_is_no_person() -> None:
    ents = _ents("Hợp tác xã Nông nghiệp Thành Lợi ở xã Phú An nhận hỗ trợ. Phó Hiệu trưởng Đặng Thị Hoa phát biểu.")
    assert ("ORG", "Hợp tác xã Nông nghiệp Thành Lợi") in ents
    assert ("PER", "Đặng Thị Hoa") in ents
    assert not any(label == "PER" and text.startswith("Phó") for label, text in ents)


def test_numbered_units_of_agencies_and_a_border_guard_command_are_whole_names() -> None:
    ents = _ents("Kho bạc Nhà nước khu vực XV và Thuế cơ sở 2 phối hợp với Đội Quản lý thị trường số 3.\n"
                 "5. Bộ Chỉ huy Bộ đội Biên phòng tỉnh\nChủ trì tuần tra; Đồn Biên phòng Ia Mơ phối hợp.")
    assert ("ORG", "Kho bạc Nhà nước khu vực XV") in ents
    assert ("ORG", "Đội Quản lý thị trường số 3") in ents
    assert ("ORG", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh") in ents
    assert ("ORG", "Đồn Biên phòng Ia Mơ") in ents


def test_a_deputy_title_is_no_surname_and_the_news_agency_holds_no_commune() -> None:
    ents = _ents("Phó Hiệu trưởng nhà trường cho biết, phóng viên Thông tấn xã Việt Nam đã đến dự.")
    assert not any(label == "PER" for label, _ in ents)
    assert ("ORG", "Thông tấn xã Việt Nam") in ents
    assert not any(label == "LOC" and text.startswith("xã") for label, text in ents)


def test_a_commune_named_like_a_person_after_a_title_stays_a_place() -> None:
    ents = _ents("Bà Hà Thị Lan, Chủ tịch UBND xã Mai Lâm, cho biết. Phó Chủ tịch UBND tỉnh Võ Phiên dự họp. "
                 "Chủ tịch UBND xã Nguyễn Văn Hùng phát biểu.")
    assert ("LOC", "xã Mai Lâm") in ents
    assert not any(label == "PER" and text == "Mai Lâm" for label, text in ents)
    assert ("PER", "Võ Phiên") in ents
    assert ("PER", "Nguyễn Văn Hùng") in ents


def test_grassroots_bodies_of_mass_organisations_are_whole_names() -> None:
    ents = _ents(
        "Chi hội Nông dân ấp Bình Lợi phối hợp với Chi đoàn ấp 3 ra quân; Ban Công tác Mặt trận ấp Phú Hòa và "
        "Hội Người cao tuổi phường 4 vận động hội viên, còn Đoàn xã Ea Yông nhận công trình thanh niên."
    )
    for org in ("Chi hội Nông dân ấp Bình Lợi", "Chi đoàn ấp 3", "Ban Công tác Mặt trận ấp Phú Hòa",
                "Hội Người cao tuổi phường 4", "Đoàn xã Ea Yông"):
        assert ("ORG", org) in ents
    assert {("LOC", "ấp 3"), ("LOC", "phường 4")} <= ents
    assert ("LOC", "Ea Yông") not in ents  # the commune is named with its unit word inside the body


def test_a_school_after_a_party_cell_is_no_place_and_a_numbered_place_needs_no_count_after_it() -> None:
    ents = _ents("Chi bộ Trường Tiểu học Hướng Dương kết nạp 2 đảng viên; toàn xã 45 hộ thoát nghèo, xã 12% hộ nghèo.")
    assert ("ORG", "Chi bộ Trường Tiểu học Hướng Dương") in ents
    assert not [e for e in ents if e[0] == "LOC"]


def test_an_ede_name_written_with_a_space_after_its_apostrophe_is_one_person() -> None:
    ents = _ents("Bà H' Lan Niê, Chủ tịch Hội LHPN xã Ea Tul, trao quà cho chị H' Ngân Êban.")
    assert {("PER", "H' Lan Niê"), ("PER", "H' Ngân Êban"), ("ORG", "Hội LHPN xã Ea Tul")} <= ents
    men = _ents("Bí thư Đoàn xã Y Kriêng Mlô phát biểu; UBND xã Y Tý tổ chức ra quân.")
    assert {("ORG", "Đoàn xã"), ("PER", "Y Kriêng Mlô"), ("LOC", "xã Y Tý")} <= men


@pytest.mark.parametrize("text, expected", [
    ("BAN CHẤP HÀNH TRUNG ƯƠNG                 ĐẢNG CỘNG SẢN VIỆT NAM\n        *\nSố 12-HD/TW\n",
     [("ORG", "BAN CHẤP HÀNH TRUNG ƯƠNG"), ("ORG", "ĐẢNG CỘNG SẢN VIỆT NAM")]),
    ("ĐẢNG BỘ TỈNH HÒA SƠN    ĐẢNG CỘNG SẢN VIỆT NAM\nHUYỆN ỦY TÂN KHÊ\n*\nSố 27-KH/HU\n",
     [("ORG", "ĐẢNG BỘ TỈNH HÒA SƠN"), ("ORG", "ĐẢNG CỘNG SẢN VIỆT NAM"), ("ORG", "HUYỆN ỦY TÂN KHÊ")]),
    ("3    Số xã đạt chuẩn nông thôn mới    xã    9    11    14\n", []),
])
def test_a_column_gap_ends_a_name_and_the_party_name_takes_no_unit_from_the_next_line(text: str, expected: list) -> None:
    assert [(e.label, e.text) for e in rule_entities(text) if e.label == "ORG" or e.text.startswith("xã")] == expected


def test_a_name_typed_with_an_em_dash_is_still_one_body():
    ents = _ents("Sở Lao động — Thương binh và Xã hội phối hợp với Đài Phát thanh — Truyền hình tỉnh tuyên truyền.")
    assert ("ORG", "Sở Lao động — Thương binh và Xã hội") in ents
    assert ("ORG", "Đài Phát thanh — Truyền hình tỉnh") in ents


def test_a_steering_committee_keeps_the_number_of_the_directive_that_set_it_up():
    ents = _ents("Ban Chỉ đạo 389 tỉnh chủ trì; BCĐ 138 huyện Tân Phú và Ban Chỉ đạo 35 Đảng ủy xã phối hợp.")
    assert {("ORG", "Ban Chỉ đạo 389 tỉnh"), ("ORG", "BCĐ 138 huyện Tân Phú"), ("ORG", "Ban Chỉ đạo 35 Đảng ủy xã")} <= ents
    assert ("ORG", "Ban Chỉ đạo") in _ents("Ban Chỉ đạo 3 lần họp trong năm 2024.")  # a count, not a name


def test_inspectorates_posts_and_portals_are_bodies_only_with_their_place_or_name():
    ents = _ents(
        "Thanh tra Chính phủ và Thanh tra huyện phối hợp với Bưu điện tỉnh Lạc Giang, Viễn thông Lạc Giang, "
        "VNPT Hòa Sơn và Bộ Chỉ huy Bộ đội biên phòng tỉnh; kết quả đăng trên Cổng Thông tin điện tử tỉnh."
    )
    assert {("ORG", "Thanh tra Chính phủ"), ("ORG", "Thanh tra huyện"), ("ORG", "Bưu điện tỉnh Lạc Giang"),
            ("ORG", "Viễn thông Lạc Giang"), ("ORG", "VNPT Hòa Sơn"), ("ORG", "Bộ Chỉ huy Bộ đội biên phòng tỉnh"),
            ("ORG", "Cổng Thông tin điện tử tỉnh")} <= ents
    alone = _ents("Thanh tra, kiểm tra việc nâng cấp Bưu điện văn hóa xã; đăng trên Cổng Thông tin điện tử.")
    assert not [e for e in alone if e[0] == "ORG"]


def test_a_place_stops_before_the_label_of_the_next_field():
    ents = _ents("Nơi ban hành: Tỉnh Phú Yên Người ký: Trần Quang Nhất")
    assert ("LOC", "Tỉnh Phú Yên") in ents


def test_an_upper_case_header_names_its_body_with_its_place():
    ents = _ents("UBND TỈNH HÒA SƠN\nSố: 87/TB-UBND\n\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nTHƯỜNG TRỰC HĐND")
    assert {("ORG", "UBND TỈNH HÒA SƠN"), ("ORG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"), ("ORG", "THƯỜNG TRỰC HĐND")} <= ents
    assert not [e for e in _ents("Các Sở, ban, ngành Thành phố, UBND phường, xã phối hợp.") if e[0] == "ORG"]


def test_branches_committees_with_a_dash_and_central_bodies_are_whole():
    ents = _ents(
        "Agribank - Chi nhánh Lạc Giang và Ngân hàng Nông nghiệp và Phát triển nông thôn - Chi nhánh tỉnh Hòa Sơn "
        "báo cáo Ban Kinh tế - Ngân sách HĐND tỉnh theo hướng dẫn của Ban Tuyên giáo Trung ương; Bộ Tư lệnh Bộ đội "
        "Biên phòng và Thuế tỉnh Đông Bình phối hợp."
    )
    assert {("ORG", "Agribank - Chi nhánh Lạc Giang"),
            ("ORG", "Ngân hàng Nông nghiệp và Phát triển nông thôn - Chi nhánh tỉnh Hòa Sơn"),
            ("ORG", "Ban Kinh tế - Ngân sách HĐND tỉnh"), ("ORG", "Ban Tuyên giáo Trung ương"),
            ("ORG", "Bộ Tư lệnh Bộ đội Biên phòng"), ("ORG", "Thuế tỉnh Đông Bình")} <= ents


def test_the_inspection_committee_is_one_body_in_either_case():
    assert ("ORG", "Ủy ban kiểm tra Huyện ủy") in _ents("Ủy ban kiểm tra Huyện ủy kiểm tra 5 tổ chức đảng.")


def test_economic_and_industrial_zones_keep_their_zone_word():
    ents = _ents("Ưu tiên thu hút đầu tư vào Khu kinh tế Vân Phong, KCN Suối Dầu và Bến cảng Đầm Môn trong năm 2026.")
    assert {("LOC", "Khu kinh tế Vân Phong"), ("LOC", "KCN Suối Dầu"), ("LOC", "Bến cảng Đầm Môn")} <= ents
    assert ("LOC", "Vân Phong") not in ents


def test_a_zone_name_stops_before_a_phase_and_a_province_after_the_zone_word_is_the_place():
    ents = _ents("Hoàn thành hạ tầng Cụm công nghiệp Ninh Xuân - Giai đoạn 2; mở rộng các khu công nghiệp Khánh Hòa.")
    assert ("LOC", "Cụm công nghiệp Ninh Xuân") in ents
    assert ("LOC", "Khánh Hòa") in ents and not any(t.startswith("khu công nghiệp") for _, t in ents)
