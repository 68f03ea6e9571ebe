"""The written challenge sets and their scorer (nlp/evaluation/challenge.py, `chitieu eval --split challenge`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.evaluation.challenge import CHALLENGE, match_spans, score_headers, score_targets
from service.cli import main


def test_a_gold_span_is_found_once_by_an_overlapping_prediction() -> None:
    gold = [(0, 10), (20, 30), (40, 50)]
    pred = [(5, 12), (6, 9), (45, 60), (70, 80)]
    # (5, 12) finds the first span; (6, 9) overlaps it too but it is taken: an extra, like (70, 80)
    assert match_spans(gold, pred) == (2, 2, 1)


def test_targets_are_scored_from_the_marks(tmp_path: Path) -> None:
    (tmp_path / "t1.txt").write_text(
        "KẾ HOẠCH\nPhát triển đảng viên năm 2027\n\nI. KẾT QUẢ NĂM 2026\n\n"
        "- Năm 2026 toàn Đảng bộ đã kết nạp được 38 đảng viên.\n\nII. MỤC TIÊU\n\n"
        "- Phấn đấu năm 2027 ⟦kết nạp ít nhất 45 đảng viên mới⟧.\n", encoding="utf-8")
    got, files = score_targets(tmp_path)
    assert (got.tp, got.fp, got.fn, files) == (1, 0, 0, 1)


def test_headers_are_scored_against_the_key(tmp_path: Path) -> None:
    (tmp_path / "h1.txt").write_text(
        "ĐẢNG BỘ XÃ AN PHÚ\nĐẢNG CỘNG SẢN VIỆT NAM\nSố: 12-KH/ĐU\nAn Phú, ngày 04 tháng 3 năm 2026\n\nKẾ HOẠCH\n"
        "Tổ chức ngày hội đại đoàn kết\n\nThực hiện chương trình công tác năm, Đảng ủy xã xây dựng kế hoạch.\n",
        encoding="utf-8")
    key = {"file": "h1.txt", "doc_type": "ke_hoach", "number": "12-KH/ĐU", "issued_date": "2026-03-04"}
    (tmp_path / "key.jsonl").write_text(json.dumps(key, ensure_ascii=False) + "\n", encoding="utf-8")
    got = score_headers(tmp_path)
    assert got.files == 1 and all(got.accuracy(n) == 1.0 for n in ("doc_type", "number", "issued_date"))


@pytest.mark.skipif(not (CHALLENGE / "headers" / "key.jsonl").exists(), reason="challenge sets not in this checkout")
def test_eval_challenge_prints_the_figures_of_the_shipped_sets(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--split", "challenge", "--json"]) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["targets"]["files"] == len(list((CHALLENGE / "targets").glob("*.txt")))
    assert r["targets"]["tp"] + r["targets"]["fn"] > 100
    assert r["headers"]["files"] == len(list((CHALLENGE / "headers").glob("*.txt")))
    assert r["documents"]["files"] == 12 and r["documents"]["targets"]["tp"] + r["documents"]["targets"]["fn"] > 100


def test_eval_challenge_refuses_error_listing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--split", "challenge", "--errors"]) == 2
    assert "--split challenge" in capsys.readouterr().err


def test_whole_documents_are_scored_for_targets_references_entities_and_identity(tmp_path: Path) -> None:
    from nlp.evaluation.challenge import score_documents

    (tmp_path / "g1.txt").write_text(
        "ĐẢNG BỘ TỈNH HÒA GIANG\nĐẢNG ỦY XÃ AN LẠC\nSố: 07-KH/ĐU\nAn Lạc, ngày 12 tháng 9 năm 2025\n\nKẾ HOẠCH\n"
        "Phát triển đảng viên năm 2026\n\nThực hiện Nghị quyết số 03-NQ/ĐU của Đảng ủy xã An Lạc, "
        "phấn đấu năm 2026 ⟦kết nạp ít nhất 30 đảng viên mới⟧. Đồng chí Lê Văn Bảy phụ trách.\n",
        encoding="utf-8")
    key = {"file": "g1.txt", "doc_type": "ke_hoach", "number": "07-KH/ĐU", "issued_date": "2025-09-12",
           "references": ["03-NQ/ĐU"],
           "entities": [["ORG", "Đảng ủy xã An Lạc"], ["LOC", "xã An Lạc"], ["PER", "Lê Văn Bảy"]]}
    (tmp_path / "key.jsonl").write_text(json.dumps(key, ensure_ascii=False) + "\n", encoding="utf-8")
    got = score_documents(tmp_path)
    assert got.files == 1
    assert (got.targets.tp, got.targets.fn) == (1, 0)
    assert (got.references.tp, got.references.fp, got.references.fn) == (1, 0, 0)
    assert got.entities["PER"].tp == 1 and got.entities["ORG"].tp >= 1
    assert got.right == {"doc_type": 1, "number": 1, "issued_date": 1}
