"""The project's written target examples: ⟦…⟧ marks become labelled candidates for the trainer."""

from __future__ import annotations

import pytest

from nlp.training.targets import WRITTEN, read_marked, written

PLAN = """II. MỤC TIÊU, CHỈ TIÊU
Phấn đấu đến năm 2026 ⟦kết nạp ít nhất 120 đảng viên mới⟧; ⟦100% chi bộ ấp có đảng viên là đoàn viên⟧.
Năm 2024, toàn huyện đã kết nạp 97 đảng viên, đạt 104% kế hoạch.
"""


def test_marks_are_removed_and_their_spans_kept() -> None:
    text, spans = read_marked(PLAN)
    assert "⟦" not in text and "⟧" not in text
    assert [text[a:b] for a, b in spans] == [
        "kết nạp ít nhất 120 đảng viên mới", "100% chi bộ ấp có đảng viên là đoàn viên",
    ]


@pytest.mark.parametrize("bad", ["⟦kết nạp 12 đảng viên", "kết nạp 12 đảng viên⟧", "⟦a ⟦12 xã⟧⟧"])
def test_unbalanced_or_nested_marks_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="unbalanced or nested"):
        read_marked(bad)


def test_marked_numbers_are_positive_and_results_negative(tmp_path) -> None:  # noqa: ANN001
    (tmp_path / "w900.txt").write_text(PLAN, encoding="utf-8")
    [(doc_id, feats, labels)] = written(tmp_path)
    assert doc_id == "written/w900"
    assert len(feats) == len(labels)
    assert labels.count(1) == 2  # 120 đảng viên, 100%
    assert labels.count(0) >= 2  # 97 đảng viên and 104% are results


def test_shipped_written_examples_all_parse() -> None:
    files = sorted(WRITTEN.glob("*.txt"))
    if not files:
        pytest.skip("no written target examples")
    for path in files:
        text, spans = read_marked(path.read_text(encoding="utf-8"))  # a news piece of results marks none
        assert all(text[a:b].strip() == text[a:b] != "" for a, b in spans), path.name


def _scores(spec: list[tuple[str, float, int]]) -> tuple[list[float], list[int], list[str]]:
    return [p for _, p, _ in spec], [y for _, _, y in spec], [d for d, _, _ in spec]


def test_threshold_stays_at_the_shipped_one_when_the_curve_is_flat() -> None:
    from nlp.training.targets import _best_threshold, _choose_threshold

    # forty documents; between 0.50 and 0.55 one gains a target and another an extra: a coin toss
    spec = [(f"d{i}", p, y) for i in range(40) for p, y in ((0.9, 1), (0.2, 0), (0.7, 1))]
    spec += [("d0", 0.52, 1), ("d1", 0.52, 0), ("d2", 0.51, 0)]
    probs, ys, groups = _scores(spec)
    best, _ = _best_threshold(probs, ys)
    assert best == 0.55
    threshold, info = _choose_threshold(probs, ys, groups, shipped=0.5)
    assert threshold == 0.5
    assert info["best_f1_threshold"] == 0.55 and info["best_beats_shipped"] < 0.9


def test_threshold_moves_when_the_best_wins_across_documents() -> None:
    from nlp.training.targets import _choose_threshold

    # in every document a result scores 0.5: 0.55 is better everywhere, not in one document
    spec = [(f"d{i}", p, y) for i in range(40) for p, y in ((0.9, 1), (0.5, 0), (0.7, 1), (0.2, 0))]
    threshold, info = _choose_threshold(*_scores(spec), shipped=0.5)
    assert threshold == 0.55 and info["best_beats_shipped"] >= 0.9


def test_threshold_without_a_shipped_model_is_the_best(tmp_path) -> None:  # noqa: ANN001
    from nlp.training.targets import _choose_threshold, _shipped_threshold

    (tmp_path / "targets.json").write_text("{not json", encoding="utf-8")
    assert _shipped_threshold(tmp_path / "targets.json") is None
    assert _shipped_threshold(tmp_path / "missing.json") is None
    spec = [(f"d{i}", p, y) for i in range(10) for p, y in ((0.9, 1), (0.5, 0), (0.7, 1))]
    assert _choose_threshold(*_scores(spec), shipped=None)[0] == 0.55


def test_written_news_pages_are_read_without_the_held_out_ones_and_weighed_lower(tmp_path) -> None:  # noqa: ANN001
    from nlp.training.targets import NEWS_WEIGHT, sample_weight, written_news

    (tmp_path / "heldout").mkdir()
    (tmp_path / "a01.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "heldout" / "m01.txt").write_text(PLAN, encoding="utf-8")
    assert [doc_id for doc_id, _, _ in written_news(tmp_path)] == ["news/a01"]
    assert 0 < NEWS_WEIGHT < 1
    assert sample_weight("news/a01") == NEWS_WEIGHT
    assert sample_weight("written/w001") == sample_weight("raw/000") == 1.0


def test_the_ensemble_leans_to_the_label_of_the_heavier_rows() -> None:
    from nlp.training.targets import Ensemble

    # the same features labelled both ways: the weights alone decide which way the models lean
    same = {"bias": 1.0, "CUE:strong_left": 1.0}
    other = {"bias": 1.0, "CUE:result_nearest": 1.0}
    X = [same] * 20 + [other] * 20
    y = [1] * 10 + [0] * 10 + [0] * 20
    towards_target = Ensemble(X, y, [1.0] * 10 + [0.05] * 10 + [1.0] * 20).predict_proba([same])[0]
    towards_result = Ensemble(X, y, [0.05] * 10 + [1.0] * 10 + [1.0] * 20).predict_proba([same])[0]
    assert towards_target > 0.6 > 0.4 > towards_result
