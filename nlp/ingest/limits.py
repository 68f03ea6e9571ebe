"""Limits on parsing untrusted files, from the environment.

| variable | default | meaning |
| `CHITIEU_PARSE_TIMEOUT_S` | 180 | wall-clock seconds one file may take to parse (OCR included) |
| `CHITIEU_PARSE_MEMORY_MB` | 2048 | address-space limit of the parsing process |
| `CHITIEU_MAX_PAGES` | 500 | PDFs with more pages are refused |
| `CHITIEU_MAX_CHARS` | 2000000 | texts with more characters (after reading any format) are refused |
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
    # the analysis takes about 30 s per million characters: a 500-page PDF holds some 1.5 million, and a text
    # just under the service's 50 MB upload limit would hold its worker for half an hour
    max_chars: int = 2_000_000

    @classmethod
    def from_env(cls) -> Limits:
        d = cls()
        return cls(
            timeout_s=_number("CHITIEU_PARSE_TIMEOUT_S", d.timeout_s, float),
            memory_mb=_number("CHITIEU_PARSE_MEMORY_MB", d.memory_mb, int),
            max_pages=_number("CHITIEU_MAX_PAGES", d.max_pages, int),
            max_chars=_number("CHITIEU_MAX_CHARS", d.max_chars, int),
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
