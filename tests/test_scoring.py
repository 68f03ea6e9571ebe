"""The scorer's matching rules on hand-made gold and predicted analyses."""

from nlp.evaluation.annotations import Annotation, GoldEntity, GoldGuidance, GoldReference, GoldTarget
from nlp.evaluation.scoring import headline, macro_f1, score, word_f1
from nlp.schema import Analysis, EntityOut, GuidanceOut, ReferenceOut, TargetOut

TEXT = "Phấn đấu kết nạp 3-4%/năm. Thực hiện Kế hoạch số 117-KH/HU của Huyện ủy Càng Long tại xã Tân An."


def _gold() -> Annotation:
    return Annotation(
        doc_id="raw/x", sha256="-", status="done", layers=["targets", "references", "entities", "guidance"],
        targets=[GoldTarget(start=9, end=25, text=TEXT[9:25], metric="kết nạp", value=3, value_max=4,
                            unit="%", per="năm", comparator="range")],
        references=[GoldReference(start=37, end=63, text=TEXT[37:63], number="117-KH/HU")],
        entities=[GoldEntity(start=67, end=85, text=TEXT[67:85], label="ORG"),
                  GoldEntity(start=90, end=99, text=TEXT[90:99], label="LOC")],
        guidance=[GoldGuidance(start=27, end=99, text=TEXT[27:99], category="implementation")],
    )


def test_a_perfect_prediction_scores_one_everywhere():
    gold = _gold()
    pred = Analysis(
        text=TEXT,
        targets=[TargetOut(id="t1", text=TEXT[9:25], start=9, end=25, metric="kết nạp", value=3, value_max=4,
                           unit="%", per="năm", comparator="range")],
        references=[ReferenceOut(text=TEXT[37:63], start=37, end=63, number="117-KH/HU")],
        entities=[EntityOut(text=e.text, label=e.label, start=e.start, end=e.end) for e in gold.entities],
        guidance=[GuidanceOut(id="g1", text=TEXT[27:99], start=27, end=99, category="implementation")],
    )
    h = headline(score([(gold, pred)]))
    assert h["targets_f1"] == h["references_f1"] == h["ORG_f1"] == h["LOC_f1"] == 1.0
    assert h["guidance_items_f1"] == h["guidance_category_macro_f1"] == 1.0
    assert h["target_period_accuracy"] == h["target_metric_word_f1"] == 1.0


def test_a_target_with_another_value_is_a_miss_and_an_extra():
    pred = Analysis(text=TEXT, targets=[TargetOut(id="t1", text=TEXT[9:25], start=9, end=25, metric="kết nạp",
                                                  value=3, unit="%")])
    report = score([(_gold(), pred)])
    assert (report.targets.tp, report.targets.fp, report.targets.fn) == (0, 1, 1)
    assert report.target_misses["value_max differs (range read as one number)"] == 1


def test_entity_with_a_longer_span_counts_for_overlap_not_exact():
    gold = _gold()
    pred = Analysis(text=TEXT, entities=[EntityOut(text=TEXT[63:85], label="ORG", start=63, end=85)])
    report = score([(gold, pred)])
    assert report.entities_exact["ORG"].tp == 0 and report.entities_overlap["ORG"].tp == 1


def test_word_f1_and_macro_f1():
    assert word_f1("tỷ lệ hộ nghèo", "tỷ lệ hộ nghèo giảm") == 2 * 1 * 0.8 / 1.8
    assert macro_f1([("a", "a"), ("b", "a")]) == (2 / 3 + 0) / 2


def test_indicator_links_are_scored_on_gold_targets_with_the_real_linker():
    gold = _gold()
    gold.targets[0].metric = "kết nạp đảng viên mới"
    gold.targets[0].base = "tổng số đảng viên"
    gold.targets[0].indicator = "DANG-001"
    links = score([(gold, Analysis(text=TEXT))]).link_figures()
    assert links["gold_targets_with_link"] == 1
    assert links["top1_accuracy"] == 1.0 and links["threshold_precision"] == 1.0


def test_errors_list_each_missed_and_extra_item_by_document() -> None:
    from nlp.evaluation.annotations import Annotation
    from nlp.evaluation.scoring import score
    from nlp.pipeline import analyze_text

    text = "Phấn đấu kết nạp 120 đảng viên mới. Năm 2024 đã kết nạp 98 đảng viên."
    gold = Annotation.model_validate({
        "doc_id": "own/1", "sha256": "x", "status": "done", "layers": ["targets"],
        "targets": [{"start": 9, "end": 34, "text": text[9:34], "value": 120, "unit": "đảng viên",
                     "metric": "kết nạp đảng viên mới"},
                    {"start": 45, "end": 70, "text": text[45:70], "value": 99, "unit": "đảng viên",
                     "metric": "kết nạp đảng viên"}],
    })
    report = score([(gold, analyze_text(text))])
    kinds = [(e["doc_id"], e["layer"], e["kind"]) for e in report.errors]
    assert ("own/1", "targets", "missed") in kinds
    assert all(e["gold"] is None or e["gold"]["value"] != 120 for e in report.errors)


def test_a_missed_target_is_told_apart_by_what_became_of_its_number():
    from nlp.pipeline import process

    text = ("KẾ HOẠCH\nPhát triển đảng viên năm 2026\n\nI. KẾT QUẢ\n\nSố đảng viên mới năm 2025 là 40 đồng chí.\n\n"
            "II. MỤC TIÊU\n\nPhấn đấu kết nạp 3-4%/năm so với tổng số đảng viên.\n")
    doc = process(text)
    s, e = text.index("Số đảng viên"), text.index(" đồng chí.") + 9
    gold = Annotation(doc_id="raw/y", sha256="-", status="done", layers=["targets"], targets=[
        GoldTarget(start=s, end=e, text=text[s:e], metric="số đảng viên mới", value=40, unit="đồng chí"),
        GoldTarget(start=s, end=e, text=text[s:e], metric="số đảng viên mới", value=41, unit="đồng chí"),
    ])
    report = score([(gold, Analysis(text=text), doc)])
    assert report.target_misses == {
        "rejected by the model: no cue, under a heading that reports results (kết quả, tình hình …) (official text)": 1,
        "not found: number not read (official text)": 1,
    }
    assert score([(gold, Analysis(text=text))]).target_misses == {"not found (no cue or no number)": 2}


def test_document_field_errors_are_counted_by_kind():
    from nlp.evaluation.annotations import GoldDocument
    from nlp.schema import DocumentInfo

    gold = Annotation(doc_id="raw/z", sha256="-", status="done", layers=["document"],
                      document=GoldDocument(doc_type="tin_tuc", number=None, issued_date=None))
    pred = Analysis(text="x", document=DocumentInfo(doc_type="nghi_quyet", number="12/NQ-HĐND",
                                                    issued_date="2026-03-05"))
    report = score([(gold, pred)])
    assert report.document_misses == {"doc_type: tin_tuc read as nghi_quyet": 1,
                                      "number: given where the document has none": 1,
                                      "issued_date: given where the document has none": 1}
