"""Shared fixtures: the corpus path (tests on real texts skip cleanly without it)."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture(scope="session")
def example_analysis(corpus: Path):  # noqa: ANN201
    from nlp.pipeline import analyze_text
    from nlp.schema import Source

    text = (corpus / "raw" / "000.txt").read_text(encoding="utf-8")
    return analyze_text(text, Source(filename="000.txt"))
