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
