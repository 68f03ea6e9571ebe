"""Issuer level (trung_uong, tinh, huyen, xa) from the issuer name and number code.

The rules are data (`data/issuer_levels.json`) so that they can be corrected
without touching code; this module only applies them in order.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

_CODE_SPLIT = re.compile(r"[-/\s]+")


@cache
def _rules() -> tuple[list[str], list[tuple[str, re.Pattern[str]]], list[tuple[str, re.Pattern[str]]]]:
    data = json.loads(resources.files("service.batch").joinpath("data", "issuer_levels.json").read_text("utf-8"))

    def compile_all(rules: list[dict]) -> list[tuple[str, re.Pattern[str]]]:
        return [
            (r["level"], re.compile(r["pattern"], re.IGNORECASE if r.get("ignore_case", True) else 0))
            for r in rules
        ]

    return data["levels"], compile_all(data["name_rules"]), compile_all(data["code_rules"])


def levels() -> list[str]:
    """The levels from highest to lowest, for ordering tables and charts."""
    return list(_rules()[0])


def issuer_level(issuer: str | None, number: str | None) -> str | None:
    """The first name rule matching `issuer`, else the first code rule matching a part of `number`."""
    _, name_rules, code_rules = _rules()
    if issuer:
        name = " ".join(issuer.split())
        for level, pattern in name_rules:
            if pattern.search(name):
                return level
    if number:
        parts = [p for p in _CODE_SPLIT.split(number.upper()) if p and not p.isdigit()]
        for level, pattern in code_rules:
            if any(pattern.search(p) for p in parts):
                return level
    return None
