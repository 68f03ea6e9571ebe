"""Issuer levels come from the rules in service/batch/data/issuer_levels.json."""

from __future__ import annotations

import pytest

from service.batch.levels import issuer_level


@pytest.mark.parametrize(
    ("issuer", "number", "level"),
    [
        ("Ban Thường vụ Huyện ủy Càng Long", "117-KH/HU", "huyen"),
        ("Ủy ban nhân dân tỉnh Quảng Ngãi", "542/TB-UBND", "tinh"),
        ("Ủy ban nhân dân xã Vinh Hà", "743/BC-UBND", "xa"),
        ("Ủy ban nhân dân thị xã Ninh Hòa", None, "huyen"),
        ("Bộ Lao động - Thương binh và Xã hội", None, "trung_uong"),
        ("Thủ tướng Chính phủ", "538/QĐ-TTg", "trung_uong"),
        ("HUYỆN ỦY TÂN PHÚ", None, "huyen"),
        (None, "22/NQ-TU", "tinh"),
        (None, "57-NQ/TW", "trung_uong"),
        (None, "03-HD/BTCTW", "trung_uong"),
        (None, "05-NQ/ĐU", "xa"),
        ("Ủy ban nhân dân", "12/QĐ-UBND", None),
        (None, None, None),
    ],
)
def test_issuer_level_from_name_then_number_code(issuer: str | None, number: str | None, level: str | None) -> None:
    assert issuer_level(issuer, number) == level
