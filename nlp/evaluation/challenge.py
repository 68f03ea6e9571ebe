"""Scores on the project's written challenge sets (`corpus/examples/challenge/`).

The annotated real corpus is small, and its test split may only be looked at as totals; these sets are
documents written from corpus/GUIDELINES.md by annotators who did not see the model, in styles the
training data lacks, so that a change can be measured on text nobody tuned on. `targets/` holds texts
with their targets marked ⟦…⟧ (the format of corpus/examples/targets/); `headers/` holds document
openings with `key.jsonl` (doc_type, number, issued_date per file).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from nlp.evaluation.annotations import REPO
from nlp.evaluation.scoring import PRF, _match, _overlap, reference_numbers, set_counts

CHALLENGE = REPO / "corpus" / "examples" / "challenge"
_FIELDS = ("doc_type", "number", "issued_date")


def match_spans(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> tuple[int, int, int]:
    """(tp, fp, fn) with the corpus scorer's greedy one-to-one matching, spans matching when they overlap."""
    tp = len(_match(gold, pred, lambda g, p: _overlap(*g, *p) > 0))
    return tp, len(pred) - tp, len(gold) - tp


def score_target_files(folder: Path = CHALLENGE / "targets") -> dict[str, tuple[int, int, int]]:
    """(tp, fp, fn) of each marked text, by file name."""
    from nlp.pipeline import process
    from nlp.training.targets import read_marked

    out = {}
    for path in sorted(folder.glob("*.txt")):
        text, gold = read_marked(path.read_text(encoding="utf-8"))
        out[path.name] = match_spans(gold, [(t.start, t.end) for t in process(text).targets])
    return out


def _total(counts: list[tuple[int, int, int]]) -> PRF:
    out = PRF()
    for c in counts:
        out.add(*c)
    return out


def score_targets(folder: Path = CHALLENGE / "targets") -> tuple[PRF, int]:
    """Overlap-matched precision/recall of the targets found against the marked ones, and the number of texts."""
    files = score_target_files(folder)
    return _total(list(files.values())), len(files)


@dataclass
class HeaderScore:
    files: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_FIELDS, 0))

    def accuracy(self, name: str) -> float:
        return self.right[name] / self.files if self.files else 0.0


def score_headers(folder: Path = CHALLENGE / "headers") -> HeaderScore:
    from nlp.normalise import normalise_text
    from nlp.pipeline import process

    out = HeaderScore()
    for line in (folder / "key.jsonl").read_text(encoding="utf-8").splitlines():
        key = json.loads(line)
        info = process(normalise_text((folder / key["file"]).read_text(encoding="utf-8"))).info
        out.files += 1
        for name in _FIELDS:
            out.right[name] += getattr(info, name) == key[name]
    return out


_LABELS = ("PER", "ORG", "LOC")


@dataclass
class DocumentScore:
    """Whole written documents (`documents/`): targets marked ⟦…⟧, and a key with the document's identity,
    the numbers it cites and every entity mention (label and text, in order)."""

    files: int = 0
    targets: PRF = field(default_factory=PRF)
    references: PRF = field(default_factory=PRF)
    entities: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in _LABELS})
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_FIELDS, 0))


def score_documents(folder: Path = CHALLENGE / "documents") -> DocumentScore:
    """Entities are matched as (label, text) multisets per document: the key gives mentions, not offsets."""
    from collections import Counter

    from nlp.pipeline import analyze_text
    from nlp.training.targets import read_marked

    out = DocumentScore()
    key_file = folder / "key.jsonl"
    if not key_file.exists():
        return out
    for line in key_file.read_text(encoding="utf-8").splitlines():
        key = json.loads(line)
        text, gold = read_marked((folder / key["file"]).read_text(encoding="utf-8"))
        a = analyze_text(text)
        out.files += 1
        out.targets.add(*match_spans(gold, [(t.start, t.end) for t in a.targets]))
        for name in _FIELDS:
            out.right[name] += getattr(a.document, name) == key[name]
        out.references.add(*set_counts({n.upper() for n in key["references"]}, reference_numbers(a.references)))
        got = Counter((e.label, e.text) for e in a.entities if e.label in _LABELS)
        want = Counter((label, t) for label, t in key["entities"])
        for k in set(got) | set(want):
            tp = min(got[k], want[k])
            out.entities[k[0]].add(tp, got[k] - tp, want[k] - tp)
    return out


def report(root: Path = CHALLENGE) -> dict:
    files = score_target_files(root / "targets")
    t = _total(list(files.values()))
    sets = sorted({name[0] for name in files})  # a set is the files sharing a first letter: d01…, e01…
    h = score_headers(root / "headers")
    return {
        "targets": {"files": len(files), **t.as_dict()},
        "target_sets": {
            k: {"files": sum(n[0] == k for n in files), **_total([c for n, c in files.items() if n[0] == k]).as_dict()}
            for k in sets
        },
        "headers": {"files": h.files, **{f"{n}_accuracy": round(h.accuracy(n), 4) for n in _FIELDS}},
        "documents": _documents_dict(score_documents(root / "documents")),
    }


def _documents_dict(d: DocumentScore) -> dict:
    return {
        "files": d.files,
        "targets": d.targets.as_dict(),
        "references": d.references.as_dict(),
        "entities": {k: v.as_dict() for k, v in d.entities.items()},
        **{f"{n}_accuracy": round(d.right[n] / d.files, 4) if d.files else 0.0 for n in _FIELDS},
    }


def format_report(r: dict) -> str:
    t, h = r["targets"], r["headers"]
    rows = [
        "chitieu eval --split challenge (written documents, corpus/examples/challenge/)",
        "",
        "| measure | P | R | F1/acc | n |",
        "|---|---|---|---|---|",
        f"| targets | {t['precision']:.3f} | {t['recall']:.3f} | {t['f1']:.3f} | "
        f"{t['tp'] + t['fn']} gold / {t['tp'] + t['fp']} predicted in {t['files']} texts |",
    ]
    if len(r.get("target_sets", {})) > 1:
        for k, x in r["target_sets"].items():
            rows.append(f"| targets, set {k.upper()} | {x['precision']:.3f} | {x['recall']:.3f} | {x['f1']:.3f} | "
                        f"{x['tp'] + x['fn']} gold / {x['tp'] + x['fp']} predicted in {x['files']} texts |")
    rows += [f"| document {n} | | | {h[f'{n}_accuracy']:.3f} | {h['files']} openings |" for n in _FIELDS]
    d = r.get("documents", {})
    if d.get("files"):
        n = f"{d['files']} whole documents (set G)"
        for name, x in [("targets", d["targets"]), ("references", d["references"]), *d["entities"].items()]:
            rows.append(f"| {name}, set G | {x['precision']:.3f} | {x['recall']:.3f} | {x['f1']:.3f} | "
                        f"{x['tp'] + x['fn']} gold / {x['tp'] + x['fp']} predicted in {n} |")
        rows += [f"| document {f}, set G | | | {d[f'{f}_accuracy']:.3f} | {n} |" for f in _FIELDS]
    return "\n".join(rows)
