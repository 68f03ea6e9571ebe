from nlp.doc import Doc
from nlp.normalise import normalise_text
from nlp.sentences import split_block
from nlp.words import run as words_run
from nlp.words import segment


def test_segmentation_keeps_offsets_into_the_text():
    text = "Ban Tổ chức Huyện ủy phối hợp với các chi bộ kết nạp đảng viên mới."
    spans = segment(text, 0, len(text))
    words = [text[s:e] for s, e in spans]
    assert "kết nạp" in words and "đảng viên" in words and "phối hợp" in words
    assert all(text[s:e].strip() == text[s:e] for s, e in spans)


def test_spacy_doc_tokens_match_segmented_words():
    doc = Doc(text=normalise_text("Phấn đấu kết nạp đảng viên mới.  Giao Ban Tổ chức theo dõi."))
    doc.sentences = split_block(doc.text, 0, len(doc.text))
    words_run(doc)
    assert doc.spacy_doc is not None
    assert len(doc.spacy_doc) == len(doc.tokens)
    assert [t.text for t in doc.spacy_doc] == [t.text for t in doc.tokens]
    starts = [doc.tokens[sent.start].start for sent in doc.spacy_doc.sents]
    assert starts == [s for s, _ in doc.sentences] == [0, doc.text.index("Giao")]


def test_spacy_matcher_runs_over_multi_syllable_words():
    from spacy.matcher import Matcher

    doc = Doc(text=normalise_text("Các chi bộ phấn đấu kết nạp đảng viên mới hằng năm."))
    doc.sentences = split_block(doc.text, 0, len(doc.text))
    words_run(doc)
    matcher = Matcher(doc.spacy_doc.vocab)
    matcher.add("ADMIT", [[{"TEXT": "kết nạp"}, {"TEXT": "đảng viên"}]])
    ((match_id, start, end),) = matcher(doc.spacy_doc)
    assert doc.text[doc.tokens[start].start : doc.tokens[end - 1].end] == "kết nạp đảng viên"
