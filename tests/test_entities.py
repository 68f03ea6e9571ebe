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
