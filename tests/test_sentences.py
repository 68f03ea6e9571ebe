from nlp.doc import Doc
from nlp.normalise import normalise_text
from nlp.sentences import split_block


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_block(text, 0, len(text))]


def test_document_numbers_dates_and_rates_do_not_split_a_sentence():
    text = "Thực hiện Kế hoạch số 117-KH/HU, ngày 31/10/2022 của Huyện ủy. Kết nạp từ 3-4%/năm."
    assert _sentences(text) == [
        "Thực hiện Kế hoạch số 117-KH/HU, ngày 31/10/2022 của Huyện ủy.",
        "Kết nạp từ 3-4%/năm.",
    ]


def test_abbreviations_do_not_end_a_sentence():
    text = "Đoàn công tác do ThS. Nguyễn Văn Bình dẫn đầu đến TP. Cần Thơ, làm việc về nông nghiệp, thủy sản v.v. Sau đó đoàn về tỉnh."
    out = _sentences(text)
    assert len(out) == 2
    assert out[0].endswith("v.v.")


def test_legal_numbering_is_not_a_sentence_end():
    text = "Theo quy định tại Điều 5. Khoản này áp dụng cho cán bộ."
    assert len(_sentences(text)) == 1


def test_bullets_run_together_in_one_block_become_separate_sentences():
    text = "Giao các đơn vị:\n- Sở Y tế chủ trì thực hiện\n- Sở Tài chính bố trí kinh phí"
    assert _sentences(text) == [
        "Giao các đơn vị:",
        "- Sở Y tế chủ trì thực hiện",
        "- Sở Tài chính bố trí kinh phí",
    ]


def test_headline_is_its_own_sentence_in_a_full_analysis(example_analysis):
    a = example_analysis
    first = a.sentences[0]
    assert (
        a.text[first.start : first.end] == "Huyện ủy Càng Long uốn nắn công tác tạo nguồn kết nạp đảng viên"
    )


def test_sentences_cover_only_text_and_keep_offsets(example_analysis):
    a = example_analysis
    for s in a.sentences:
        chunk = a.text[s.start : s.end]
        assert chunk and chunk == chunk.strip()


def test_doc_sentence_lookup_finds_the_containing_sentence():
    doc = Doc(text=normalise_text("Câu một. Câu hai."))
    doc.sentences = split_block(doc.text, 0, len(doc.text))
    assert doc.sentence_of(10) == 1
    assert doc.sentence_of(0) == 0


def test_a_page_pasted_as_one_line_is_cut_at_its_clause_breaks():
    from nlp.sentences import MAX_SENTENCE

    clause = "xã {n} phấn đấu kết nạp ít nhất {n} đảng viên mới trong năm 2026; "
    text = "".join(clause.format(n=n) for n in range(1, 200)).strip()
    pieces = _sentences(text)
    assert len(text) > 3 * MAX_SENTENCE and len(pieces) > 1
    assert all(len(p) <= MAX_SENTENCE for p in pieces)
    assert all(p.endswith(";") for p in pieces[:-1])  # cut after a clause, never inside one
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")


def test_a_long_real_sentence_stays_whole():
    text = ("Mục tiêu đến năm 2030: " + ", ".join(f"tỷ lệ xã đạt tiêu chí {n} đạt trên {n}%" for n in range(1, 45))
            + ".")
    assert 1000 < len(text) < 2000
    assert _sentences(text) == [text]
