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


def test_tab_separated_table_rows_become_cells_but_a_two_column_header_line_does_not() -> None:
    from nlp.normalise import normalise_text

    text = ("ỦY BAN NHÂN DÂN\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"
            "STT\tChỉ tiêu\tĐVT\tKH 2026\n1\tTỷ lệ hộ nghèo\t%\t2,5\n2\tTrồng rừng\tha\n")
    assert normalise_text(text).split("\n") == [
        "ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "",
        "STT | Chỉ tiêu | ĐVT | KH 2026", "1 | Tỷ lệ hộ nghèo | % | 2,5", "2 | Trồng rừng | ha | ", "",
    ]
