"""Numbers as people write them in tables and CSV: every digit kept, no exponent."""

from __future__ import annotations

from decimal import Decimal


def plain(x: float) -> str:
    """1234567.0 -> "1234567", 12345.67 -> "12345.67", 0.5 -> "0.5" (`:g` kept six digits: "1.23457e+06")."""
    text = format(Decimal(repr(float(x))), "f")  # repr: the shortest digits that read back as the same float
    return text.rstrip("0").rstrip(".") if "." in text else text
