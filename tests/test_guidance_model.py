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
