"""Limits on parsing untrusted files, from the environment.

| variable | default | meaning |
| `CHITIEU_PARSE_TIMEOUT_S` | 180 | wall-clock seconds one file may take to parse (OCR included) |
| `CHITIEU_PARSE_MEMORY_MB` | 2048 | address-space limit of the parsing process |
| `CHITIEU_MAX_PAGES` | 500 | PDFs with more pages are refused |
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    timeout_s: float = 180.0
    memory_mb: int = 2048
    max_pages: int = 500

    @classmethod
    def from_env(cls) -> Limits:
        d = cls()
        return cls(
            timeout_s=_number("CHITIEU_PARSE_TIMEOUT_S", d.timeout_s, float),
            memory_mb=_number("CHITIEU_PARSE_MEMORY_MB", d.memory_mb, int),
            max_pages=_number("CHITIEU_MAX_PAGES", d.max_pages, int),
        )


def _number(name: str, default, kind):  # type: ignore[no-untyped-def]
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        log.warning("%s=%r is not a number; using %s", name, raw, default)
        return default
    if value <= 0:
        log.warning("%s=%r must be positive; using %s", name, raw, default)
        return default
    return value
