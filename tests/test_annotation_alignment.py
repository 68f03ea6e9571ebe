"""Annotations of scans are anchored by their quoted text and survive another OCR reading of the scan."""

from __future__ import annotations

import os

from nlp.evaluation import annotations as A

SCAN = (
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ\n"
    "CHỈ THỊ\n"
    "Về việc tăng cường công tác phòng cháy, chữa cháy mùa khô năm 2025\n"
    "1. Sở Tài nguyên và Môi trường chủ trì, phối hợp với UBND các huyện rà soát các khu rừng trồng, "
    "xây dựng phương án phòng cháy trước ngày 15/3/2025.\n"
    "2. Công an tỉnh tăng cường kiểm tra an toàn phòng cháy tại các chợ, trung tâm thương mại; "
    "phấn đấu 100% cơ sở được kiểm tra ít nhất một lần trong năm.\n"
    "3. UBND các huyện bố trí kinh phí mua sắm phương tiện chữa cháy cho lực lượng dân phòng.\n"
    "Nơi nhận: UBND tỉnh; Công an tỉnh; Lưu: VT.\n"
)


def _span(text: str, quote: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return {"start": start, "end": start + len(quote), "text": quote}


def _annotation(text: str) -> A.Annotation:
    item2 = ("Công an tỉnh tăng cường kiểm tra an toàn phòng cháy tại các chợ, trung tâm thương mại; "
             "phấn đấu 100% cơ sở được kiểm tra ít nhất một lần trong năm.")
    return A.Annotation.model_validate({
        "doc_id": "pdf/999", "sha256": A.sha256(text), "anchoring": "text", "status": "done",
        "layers": ["targets", "entities", "guidance"],
        "targets": [{**_span(text, "100% cơ sở được kiểm tra"), "metric": "cơ sở được kiểm tra", "value": 100,
                     "unit": "%"}],
        "entities": [{**_span(text, "Công an tỉnh", 0), "label": "ORG"},
                     {**_span(text, "Công an tỉnh", 1), "label": "ORG"},
                     {**_span(text, "Sở Tài nguyên và Môi trường"), "label": "ORG"}],
        "guidance": [{**_span(text, item2), "category": "inspection"}],
    })


def _reread(text: str) -> str:
    """What another Tesseract might give: a stamp line on top, a diacritic lost, a comma dropped."""
    return ("CV ĐẾN Số: 17 Ngày 20/3\n" + text).replace("Môi trường", "Mội trường").replace(
        "tại các chợ,", "tại các chợ").replace("Công an tỉnh;", "Cỏng an tỉnh;")


def test_an_unchanged_text_keeps_the_annotation_as_it_is() -> None:
    ann = _annotation(SCAN)
    same, lost = A.aligned(ann, SCAN)
    assert same is ann and lost == []
    assert A.problems(ann, SCAN) == []


def test_spans_are_found_again_in_another_ocr_reading() -> None:
    ann = _annotation(SCAN)
    other = _reread(SCAN)
    moved, lost = A.aligned(ann, other)
    assert lost == []
    assert moved.sha256 == A.sha256(other)
    for layer in ("targets", "entities", "guidance"):
        for span in getattr(moved, layer):
            assert other[span.start : span.end] == span.text
    assert [e.text for e in moved.entities] == ["Sở Tài nguyên và Mội trường", "Công an tỉnh", "Cỏng an tỉnh"]
    for layer in ("targets", "entities", "guidance"):
        pairs = zip(sorted(getattr(ann, layer), key=lambda x: x.start), getattr(moved, layer), strict=True)
        for old, new in pairs:
            assert new.text == other[new.start : new.end] and new.start > old.start  # moved down by the stamp line
    assert moved.guidance[0].text.startswith("Công an tỉnh tăng cường")
    assert moved.guidance[0].text.endswith("một lần trong năm.")
    assert "tại các chợ trung tâm" in moved.guidance[0].text
    assert moved.targets[0].text == "100% cơ sở được kiểm tra"
    assert A.problems(ann, other) == []


def test_a_damaged_span_is_not_moved_onto_an_intact_copy_further_away() -> None:
    ann = _annotation(SCAN)
    other = _reread(SCAN)
    moved, _ = A.aligned(ann, other)
    # the Nơi nhận copy was read "Cỏng an tỉnh": it stays there rather than jumping to item 2's intact copy
    starts = sorted(e.start for e in moved.entities)
    assert starts[2] > other.index("Nơi nhận")
    assert starts[1] < other.index("3. UBND")


def test_a_different_document_is_reported_not_silently_scored() -> None:
    ann = _annotation(SCAN)
    other = "THÔNG BÁO\nKết luận của Chủ tịch UBND huyện về công tác xóa nhà tạm, nhà dột nát.\n"
    _, lost = A.aligned(ann, other)
    assert len(lost) >= 4
    assert A.problems(ann, other)


def test_offset_anchored_annotations_still_require_the_exact_text() -> None:
    ann = _annotation(SCAN).model_copy(update={"anchoring": "offsets"})
    problems = A.problems(ann, _reread(SCAN))
    assert any("sha256 differs" in p for p in problems)


def test_characters_added_or_dropped_inside_a_span_move_its_end_with_them() -> None:
    ann = _annotation(SCAN)
    # another OCR splits two words of the short name, doubles a letter near the item's start and drops one
    # near its end: the spans must cover exactly the re-read words, no more and no less
    other = (SCAN.replace("Sở Tài nguyên và Môi trường", "Sở Tài nguy ên và Môi trư ờng")
             .replace("Công an tỉnh tăng cường", "Công an tỉnhh tăng cường")
             .replace("ít nhất một lần trong năm.", "ít nhất một lần trong nm."))
    moved, lost = A.aligned(ann, other)
    assert lost == []
    assert moved.entities[0].text == "Sở Tài nguy ên và Môi trư ờng"
    assert moved.guidance[0].text.startswith("Công an tỉnhh tăng cường")
    assert moved.guidance[0].text.endswith("một lần trong nm.")


def test_two_annotated_copies_of_a_name_do_not_end_on_the_same_place() -> None:
    ann = _annotation(SCAN)
    # the Nơi nhận copy is damaged next to item 2's intact one: each gold span keeps a place of its own
    other = SCAN.replace("Công an tỉnh;", "Cô ng an tỉnh;")
    moved, lost = A.aligned(ann, other)
    starts = [e.start for e in moved.entities if "ng an tỉnh" in e.text]
    assert len(starts) == len(set(starts)) == 2 and lost == []


def test_annotate_with_a_mistyped_root_is_an_error_not_an_empty_pass(tmp_path, capsys) -> None:  # noqa: ANN001
    from service.cli import main

    for action in ("check", "status"):
        assert main(["annotate", "--root", str(tmp_path / "khong-co"), action]) == 2
        assert "no such annotations folder" in capsys.readouterr().err


def test_an_unreadable_corpus_pdf_is_one_line_per_document_not_a_traceback(tmp_path, capsys) -> None:  # noqa: ANN001
    from service.cli import main

    corpus, root = tmp_path / "corpus", tmp_path / "annotations"
    (corpus / "raw").mkdir(parents=True)
    (corpus / "pdf").mkdir()
    text = "Phấn đấu đến năm 2025, kết nạp ít nhất 150 đảng viên mới."
    (corpus / "raw" / "000.txt").write_text(text, encoding="utf-8")
    (corpus / "pdf" / "005.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n")  # cut short
    A.save(A.Annotation(doc_id="raw/000", sha256=A.sha256(text), status="done"), root)
    A.save(A.Annotation(doc_id="pdf/005", sha256="0" * 64, status="done"), root)

    assert main(["annotate", "--corpus", str(corpus), "--root", str(root), "check"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert [line for line in err.splitlines() if line.startswith("chitieu: pdf/005: ")]
    assert err.splitlines()[-1] == "2 files, 1 problems"  # raw/000 was still checked, and passed

    assert main(["eval", "--split", "train", "--corpus", str(corpus), "--root", str(root)]) == 1  # pdf/005 is train
    err = capsys.readouterr().err
    assert err.startswith("chitieu: pdf/005: ") and "Traceback" not in err

    models = {p.name: p.stat().st_mtime_ns for p in (A.REPO / "models").iterdir()}
    assert main(["train", "targets", "--corpus", str(tmp_path / "khong-co")]) == 1
    err = capsys.readouterr().err
    assert "corpus text not found" in err and err.rstrip().endswith("models/ unchanged")
    assert {p.name: p.stat().st_mtime_ns for p in (A.REPO / "models").iterdir()} == models
    assert "CHITIEU_TARGETS_RULES_ONLY" not in os.environ  # the analysis in this process uses the models again


def test_prefill_refuses_an_id_that_would_write_outside_the_annotations_folder(tmp_path, capsys) -> None:  # noqa: ANN001
    from service.cli import main

    root = tmp_path / "annotations"
    root.mkdir()
    assert main(["annotate", "--root", str(root), "prefill", "../../ngoai/kh"]) == 1
    assert "not a corpus document id" in capsys.readouterr().err
    assert list(tmp_path.rglob("*.json")) == []
