"""Regression guard: the dev-split figures may not drop more than 0.02 below the recorded baseline.

The baseline is `corpus/quality_baseline.json`, written by
`chitieu eval --split dev --save corpus/quality_baseline.json` when a change improves the figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.evaluation import annotations as A
from nlp.evaluation.scoring import headline, score
from nlp.pipeline import analyze_text

BASELINE = A.REPO / "corpus" / "quality_baseline.json"
TOLERANCE = 0.02


def _dev_report():  # noqa: ANN202
    splits = A.load_splits()
    anns = [a for a in A.load_all() if a.status == "done" and splits.get(a.doc_id) == "dev"]
    if not anns:
        pytest.skip("no finished dev annotations")
    pairs = []
    for a in anns:
        text = A.read_text(a.doc_id)
        gold, _ = A.checked(a, text)
        pairs.append((gold, analyze_text(text)))
    return score(pairs), len(anns)


def test_dev_split_figures_do_not_drop_below_the_baseline(corpus: Path):
    if not BASELINE.exists():
        pytest.skip("no recorded baseline yet")
    recorded = json.loads(BASELINE.read_text(encoding="utf-8"))
    report, n = _dev_report()
    now = headline(report)
    assert n == recorded["documents"], "the dev split changed: re-record the baseline"
    drops = {k: (v, now[k]) for k, v in recorded["headline"].items() if now.get(k, 0.0) < v - TOLERANCE}
    assert not drops, f"figures dropped (baseline, now): {drops}"


def test_every_annotation_matches_its_corpus_text(corpus: Path):
    anns = A.load_all()
    if not anns:
        pytest.skip("no annotations")
    bad = {a.doc_id: A.problems(a, A.read_text(a.doc_id, corpus)) for a in anns}
    assert not {k: v for k, v in bad.items() if v}


def test_split_is_document_level_and_test_is_a_quarter():
    data = json.loads(A.SPLITS.read_text(encoding="utf-8"))["splits"]
    ids = [d for split in data.values() for d in split]
    assert len(ids) == len(set(ids))
    assert len(data["test"]) >= 0.25 * len(ids)
