"""Indicator catalog and linking: targets and guidance items get catalog indicators."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from nlp import indicators as I
from nlp.pipeline import analyze_text

ROOT = Path(__file__).resolve().parents[1]


def _best(metric: str, unit: str = "", base: str | None = None) -> tuple[str, float]:
    return I.link_target(metric, unit, base)[0]


def test_catalog_ships_over_200_indicators_from_all_four_sources() -> None:
    cat = I.load_catalog()
    assert len(cat) >= 200
    by_source = Counter(i.id.split("-")[0] for i in cat.indicators)
    assert by_source["DANG"] >= 20 and by_source["DP"] >= 60 and by_source["SDG"] >= 40
    assert by_source["TK"] + by_source["TKX"] >= 60
    for ind in cat.indicators:
        assert ind.name and ind.kind in I.KINDS and ind.source and ind.period
        assert ind.aliases or ind.keywords, ind.id


def test_corpus_copy_of_catalog_is_the_shipped_file() -> None:
    corpus_file = ROOT / "corpus" / "indicators" / "indicators.jsonl"
    shipped = ROOT / "nlp" / "data" / "indicators.jsonl"
    assert corpus_file.read_bytes() == shipped.read_bytes()


def test_percent_target_links_to_rate_and_count_target_to_count() -> None:
    assert _best("kết nạp đảng viên mới", "%", "tổng số đảng viên")[0] == "DANG-001"
    assert _best("kết nạp đảng viên mới", "đảng viên")[0] == "DANG-002"
    # "đồng chí" counts party members, it is no currency
    assert _best("kết nạp đảng viên mới", "đồng chí") == _best("kết nạp đảng viên mới", "người")
    assert _best("xã đạt chuẩn nông thôn mới", "%")[0] == "DP-001"
    assert _best("xã đạt chuẩn nông thôn mới", "xã")[0] == "DP-002"


def test_common_plan_metrics_link_to_their_indicators() -> None:
    cases = {
        ("tỷ lệ dân số tham gia bảo hiểm y tế", "%"): "DP-017",
        ("thu nhập bình quân đầu người", "triệu đồng"): "DP-025",
        ("tốc độ tăng trưởng kinh tế", "%"): "TKX-034",
        ("tỷ lệ che phủ rừng", "%"): "TKX-061",
        ("tỷ lệ điều tra khám phá án hình sự", "%"): "DP-080",
        ("xã, phường không ma túy", "%"): "DP-085",
        ("trường đạt chuẩn quốc gia", "%"): "DP-059",
        ("số bác sĩ trên vạn dân", "bác sĩ"): "TKX-084",
        ("tổng kim ngạch xuất khẩu", "triệu USD"): "TKX-065",
        ("dịch vụ công trực tuyến toàn trình", "%"): "DP-040",
    }
    for (metric, unit), expected in cases.items():
        assert _best(metric, unit)[0] == expected, metric


def test_equivalent_sdg_entry_reports_the_national_id() -> None:
    ids = [i for i, _ in I.link_target("tỷ lệ che phủ rừng", "%", top=5)]
    assert "SDG-15.1.1" not in ids and ids[0] == "TKX-061"


def test_vague_metric_scores_under_threshold() -> None:
    assert _best("tăng", "%")[1] < I.TARGET_THRESHOLD
    assert _best("kế hoạch", "%")[1] < I.TARGET_THRESHOLD


def test_written_plan_targets_get_indicators_in_the_analysis() -> None:
    a = analyze_text("Phấn đấu đến năm 2025, tỷ lệ hộ nghèo giảm còn dưới 2%; hằng năm kết nạp ít nhất 120 đảng viên mới.")
    links = {t.metric: t.indicator.id for t in a.targets if t.indicator}
    assert "DP-010" in links.values() and "DANG-002" in links.values()
    for t in a.targets:
        assert t.indicator is None or 0.0 <= t.indicator.score <= 1.0


def test_a_rate_brought_down_to_a_level_links_to_the_level_not_to_its_yearly_fall() -> None:
    links = {t.value: t.indicator.id for t in analyze_text(
        "Năm 2026, phấn đấu giảm tỷ lệ hộ nghèo xuống còn 0,5%.\n"
        "Giai đoạn 2026 - 2030, phấn đấu giảm tỷ lệ hộ nghèo bình quân 1,5%/năm.\n").targets}
    assert links == {0.5: "DP-010", 1.5: "DP-011"}


def test_example_admission_rate_and_inspection_item(example_analysis) -> None:  # noqa: ANN001
    rate = [t for t in example_analysis.targets if t.unit == "%" and t.value == 3.0]
    assert rate and rate[0].indicator is not None and rate[0].indicator.id == "DANG-001"
    inspection = [g for g in example_analysis.guidance if "kiểm tra, giám sát" in g.text]
    assert inspection and inspection[0].indicator_ids
    assert set(inspection[0].indicator_ids) & {"DANG-017", "DANG-018"}
    assert all(len(g.indicator_ids) <= I.GUIDANCE_MAX for g in example_analysis.guidance)


def test_user_file_extends_catalog(tmp_path: Path) -> None:
    extra = tmp_path / "mine.jsonl"
    rec = {"id": "X-001", "name": "Tỷ lệ hộ nuôi ong mật", "unit": "%", "kind": "rate", "period": "năm",
           "aliases": ["hộ nuôi ong"], "keywords": ["ong mật"], "source": "kế hoạch riêng"}
    extra.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    cat = I.load_catalog(extra)
    assert "X-001" in cat.by_id and len(cat) == len(I.load_catalog()) + 1
    assert I.link_target("hộ nuôi ong mật", "%", catalog=cat)[0][0] == "X-001"


def test_duplicate_or_corrupt_user_file_is_a_clear_error(tmp_path: Path) -> None:
    dup = tmp_path / "dup.jsonl"
    rec = {"id": "DANG-001", "name": "x", "unit": "%", "kind": "rate", "period": "năm",
           "aliases": [], "keywords": [], "source": "y"}
    dup.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    with pytest.raises(I.IndicatorCatalogError, match="duplicate indicator id 'DANG-001'"):
        I.load_catalog(dup)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "A-1", "name": \n', encoding="utf-8")
    with pytest.raises(I.IndicatorCatalogError, match=r"bad.jsonl:1 is not valid JSON"):
        I.load_catalog(bad)
    wrong_kind = tmp_path / "kind.json"
    wrong_kind.write_text(json.dumps([{**rec, "id": "A-2", "kind": "ratio"}]), encoding="utf-8")
    with pytest.raises(I.IndicatorCatalogError, match="kind 'ratio'"):
        I.load_catalog(wrong_kind)
    with pytest.raises(I.IndicatorCatalogError, match="cannot be read"):
        I.load_catalog(tmp_path / "missing.jsonl")


def test_broken_catalog_stops_start_up(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    env = {**os.environ, I.ENV_FILE: str(bad)}
    proc = subprocess.run(
        [sys.executable, "-c", "import nlp.pipeline"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode != 0
    assert "IndicatorCatalogError" in proc.stderr and "bad.jsonl:1" in proc.stderr


def test_fifty_targets_link_quickly() -> None:
    items = [("tỷ lệ hộ nghèo giảm", "%", None, None), ("kết nạp đảng viên mới", "đảng viên", None, None),
             ("xã", "%", "số xã", "50% số xã không ma túy")] * 17
    idx = I._index_for(I.default_catalog())
    I._score_targets(idx, items[:50])
    start = time.process_time()
    scores = I._score_targets(idx, items[:50])
    assert scores.shape == (50, len(I.default_catalog()))
    assert time.process_time() - start < 0.5  # about 15 ms of CPU; generous for a loaded CI machine
