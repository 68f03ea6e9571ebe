"""Shared helpers for the ingest, CLI and API tests (not a conftest, to leave that name free)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"

# Written for the tests, in the style of a district plan (not copied from the corpus).
SAMPLE_PLAN = """HUYỆN ỦY TÂN PHÚ
Số 45-KH/HU
ĐẢNG CỘNG SẢN VIỆT NAM
Tân Phú, ngày 12 tháng 3 năm 2024

KẾ HOẠCH
thực hiện công tác phát triển đảng viên năm 2024

Căn cứ Nghị quyết số 12-NQ/HU, ngày 05/01/2024 của Ban Chấp hành Đảng bộ huyện,
Ban Thường vụ Huyện ủy ban hành kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức của cán bộ, đảng viên về công tác phát triển đảng viên.
2. Phấn đấu kết nạp từ 3-4% đảng viên mới/năm so với tổng số đảng viên.

II. NHIỆM VỤ
1. Các chi bộ tổ chức quán triệt kế hoạch đến 100% đảng viên trong quý II năm 2024.
2. Ban Tổ chức Huyện ủy phối hợp với Ủy ban Mặt trận Tổ quốc huyện kiểm tra việc thực hiện.
"""


def corpus_dir() -> Path:
    if not (CORPUS / "raw").is_dir():
        pytest.skip(f"corpus not available at {CORPUS}")
    return CORPUS


def pipeline_available() -> bool:
    try:
        import nlp.pipeline  # noqa: F401
    except ImportError:
        return False
    return True


needs_pipeline = pytest.mark.skipif(not pipeline_available(), reason="nlp.pipeline is not importable yet")


def write_plan(folder: Path) -> Path:
    p = folder / "ke-hoach-45.txt"
    p.write_text(SAMPLE_PLAN, encoding="utf-8")
    return p
