"""The trained guidance classifier: it loads safely, answers, and refuses a damaged file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nlp import guidance_model as GM


def test_classifier_sorts_typical_items_by_their_action():
    labels = GM.predict([
        "Tăng cường công tác kiểm tra, giám sát việc thực hiện quy trình kết nạp đảng viên ở các chi bộ.",
        "Định kỳ 6 tháng, hằng năm báo cáo kết quả thực hiện về Thường trực Tỉnh ủy.",
        "Đẩy mạnh tuyên truyền, quán triệt nội dung Chỉ thị đến cán bộ, đảng viên và nhân dân.",
    ])
    assert [c for c, _ in labels] == ["inspection", "reporting", "awareness"]
    assert all(0.0 < p <= 1.0 for _, p in labels)


def test_corrupt_model_file_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    bad = tmp_path / "guidance.skops"
    shutil.copy(GM.MODEL_PATH, bad)
    with bad.open("r+b") as f:
        f.seek(100)
        f.write(b"\x00" * 16)
    monkeypatch.setattr(GM, "MODEL_PATH", bad)
    GM.load.cache_clear()
    try:
        with pytest.raises(GM.GuidanceModelError, match="missing or corrupt"):
            GM.load()
    finally:
        GM.load.cache_clear()


def test_missing_model_file_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(GM, "MODEL_PATH", tmp_path / "absent.skops")
    GM.load.cache_clear()
    try:
        with pytest.raises(GM.GuidanceModelError, match="make train"):
            GM.load()
    finally:
        GM.load.cache_clear()


def test_first_action_is_read_after_the_assignment_formula() -> None:
    from nlp.guidance_model import action_words, prepare

    led = action_words([prepare("Sở Y tế chủ trì, phối hợp với các sở, ngành tổ chức tuyên truyền Luật Bảo hiểm y tế.")])[0]
    assert "a1=awareness" in led.split()
    helping = action_words([prepare("Phối hợp với Công an huyện tổ chức tuyên truyền phòng, chống ma túy.")])[0]
    assert "a1=coordination" in helping.split()
    money = action_words([prepare("Giao Sở Tài chính bố trí kinh phí thực hiện Kế hoạch.")])[0]
    assert "a1=resources" in money.split()


def test_keeping_standing_rules_is_not_the_main_action() -> None:
    from nlp.guidance_model import action_words, prepare

    item = ("Các chi bộ thực hiện tốt các quy định của Đảng về phát triển đảng viên; "
            "thực hiện tốt công tác kiểm tra, giám sát việc kết nạp đảng viên.")
    assert "a1=inspection" in action_words([prepare(item)])[0].split()


def test_first_clause_ends_at_the_first_semicolon_or_full_stop() -> None:
    from nlp.guidance_model import first_clauses, prepare

    item = prepare("Ban Tuyên giáo Huyện ủy tổ chức quán triệt Nghị quyết đến cán bộ, đảng viên; "
                   "định kỳ kiểm tra, giám sát việc thực hiện.")
    clause = first_clauses([item])[0]
    assert "quán_triệt" in clause.split()
    assert "kiểm_tra" not in clause.split()
    single = prepare("Phòng Tài chính - Kế hoạch bố trí kinh phí thực hiện")
    assert first_clauses([single]) == [single]
