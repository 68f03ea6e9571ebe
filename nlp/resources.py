"""Data files and models, each loaded once per process.

Patterns, gazetteers and cue lists live in `nlp/data/`; code asks for them
here so that nothing reads a file twice and a missing file fails loudly at
start-up instead of giving silently worse answers.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


class ResourceError(RuntimeError):
    """A data file or model that chitieu ships is missing or unreadable."""


def file_sha256(path: Path) -> str:
    """A shipped file's SHA-256, checked against the one its metadata recorded before the file is loaded."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read(name: str) -> str:
    try:
        return resources.files("nlp").joinpath("data", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ResourceError(f"chitieu data file nlp/data/{name} is missing or unreadable: {exc}") from exc


@cache
def load_json(name: str) -> Any:
    try:
        return json.loads(_read(name))
    except json.JSONDecodeError as exc:
        raise ResourceError(f"chitieu data file nlp/data/{name} is not valid JSON: {exc}") from exc


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """Non-empty lines of a text data file; `#` starts a comment line."""
    return tuple(
        line.strip() for line in _read(name).splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of listed phrases: each escaped, longest first (so "đồng chí" wins over "đồng"), any
    whitespace between its words."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered)
