import unicodedata

from nlp.normalise import normalise_text


def test_new_style_tone_marks_move_to_the_first_vowel():
    assert normalise_text("Huyện uỷ Càng Long") == "Huyện ủy Càng Long"
    assert normalise_text("hoà bình, sức khoẻ, thuỷ lợi") == "hòa bình, sức khỏe, thủy lợi"


def test_closed_syllables_and_qu_keep_their_tone_position():
    assert (
        normalise_text("hoàn thành quý III, quỳnh, thuyết phục") == "hoàn thành quý III, quỳnh, thuyết phục"
    )


def test_decomposed_text_becomes_nfc():
    nfd = unicodedata.normalize("NFD", "Kết nạp đảng viên mới")
    assert normalise_text(nfd) == "Kết nạp đảng viên mới"


def test_invisible_characters_and_odd_spaces_are_cleaned():
    assert normalise_text("Tỉnh\u00a0ủy\u200b Kiên Giang\r\n") == "Tỉnh ủy Kiên Giang\n"


def test_upper_case_words_are_normalised_too():
    assert normalise_text("HOÀ BÌNH") == "HÒA BÌNH"
