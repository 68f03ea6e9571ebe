"""A second, independent annotation of targets is scored against the gold with the eval's matching rule."""

from __future__ import annotations

import json
from pathlib import Path

from nlp.evaluation import annotations as A
from nlp.evaluation.agreement import SecondAnnotation, agreement, load_second, problems
from service.cli import main

TEXT = (
    "Năm 2026, Đảng bộ xã Tân Phước phấn đấu kết nạp từ 3-4% đảng viên mới so với tổng số đảng viên; "
    "100% chi bộ ấp hoàn thành tốt nhiệm vụ; thu ngân sách trên địa bàn đạt 12 tỷ đồng.\n"
    "Năm 2025, toàn xã đã kết nạp được 18 đảng viên, đạt 112% kế hoạch.\n"
)


def _span(quote: str) -> dict:
    start = TEXT.index(quote)
    return {"start": start, "end": start + len(quote), "text": quote}


def _gold(*targets: tuple[str, float, float | None]) -> A.Annotation:
    return A.Annotation.model_validate({
        "doc_id": "raw/900", "sha256": A.sha256(TEXT), "status": "done", "layers": ["targets"],
        "targets": [{**_span(q), "metric": q, "value": v, "value_max": vm} for q, v, vm in targets],
    })


def _second(*targets: tuple[str, float, float | None]) -> SecondAnnotation:
    return SecondAnnotation.model_validate({
        "doc_id": "raw/900", "sha256": A.sha256(TEXT),
        "targets": [{**_span(q), "value": v, "value_max": vm} for q, v, vm in targets],
    })


RANGE = ("kết nạp từ 3-4% đảng viên mới", 3.0, 4.0)
HUNDRED = ("100% chi bộ ấp", 100.0, None)
BUDGET = ("thu ngân sách trên địa bàn đạt 12 tỷ đồng", 12.0, None)


def test_identical_annotations_agree_fully() -> None:
    a = agreement([(_gold(RANGE, HUNDRED, BUDGET), _second(RANGE, HUNDRED, BUDGET))])
    assert (a.counts.tp, a.counts.fp, a.counts.fn) == (3, 0, 0)
    assert a.counts.f1 == 1.0 and a.disputes == []


def test_a_range_read_as_one_number_is_a_disagreement_on_both_sides() -> None:
    a = agreement([(_gold(RANGE, HUNDRED), _second(("kết nạp từ 3-4% đảng viên mới", 3.0, None), HUNDRED))])
    assert (a.counts.tp, a.counts.fp, a.counts.fn) == (1, 1, 1)
    assert sorted(d["only_in"] for d in a.disputes) == ["gold", "second"]


def test_a_target_only_the_second_annotator_marked_lowers_precision_not_recall() -> None:
    a = agreement([(_gold(RANGE), _second(RANGE, ("đạt 112% kế hoạch", 112.0, None)))])
    assert a.counts.recall == 1.0 and a.counts.precision == 0.5
    assert a.disputes == [{"doc_id": "raw/900", "only_in": "second", **_span("đạt 112% kế hoạch"),
                           "value": 112.0, "value_max": None}]


def test_a_changed_text_or_a_shifted_span_is_reported() -> None:
    second = _second(RANGE)
    assert problems(second, TEXT) == []
    assert problems(second, TEXT + " ") == ["the corpus text changed since the second annotation (sha256 differs)"]
    shifted = second.model_copy(update={"sha256": A.sha256("x" + TEXT)})
    assert "does not hold" in problems(shifted, "x" + TEXT)[0]


def test_agree_refuses_to_list_test_disputes_and_reports_a_broken_file(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    assert main(["annotate", "agree", "--split", "test", "--disputes"]) == 2
    bad = tmp_path / "second.jsonl"
    bad.write_text('{"doc_id": "raw/006"}\n', encoding="utf-8")
    assert main(["annotate", "agree", str(bad)]) == 1
    assert "second.jsonl:1: not a second annotation" in capsys.readouterr().err


def test_stored_second_annotation_lies_on_the_corpus_texts_and_agrees_on_dev(corpus: Path, capsys) -> None:  # noqa: ANN001
    seconds = load_second()
    assert {s.doc_id for s in seconds} == {d for d, s in A.load_splits().items() if s in ("dev", "test")}
    for s in seconds:
        assert problems(s, A.read_text(s.doc_id, corpus)) == [], s.doc_id
    assert main(["annotate", "--corpus", str(corpus), "agree", "--split", "dev"]) == 0
    row = capsys.readouterr().out.split()
    assert row[0] == "dev" and float(row[row.index("F1") + 1]) >= 0.95
    assert main(["annotate", "--corpus", str(corpus), "agree", "--split", "dev", "--disputes"]) == 0
    disputes = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert disputes and all(d["only_in"] in ("gold", "second") for d in disputes)
