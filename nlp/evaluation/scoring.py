"""Scores of the pipeline against gold annotations.

Matching rules (also in the README's quality section):
- target: same value and value_max, spans overlap; fields are then compared on the matched pairs;
- reference: the set of numbers per document;
- entity: same label and exact span ("exact") or any overlap ("overlap"), one-to-one;
- guidance item: spans overlap by at least half of the longer one (IoU of characters ≥ 0.5);
  category macro-F1 over matched items;
- document: doc_type, number, issued_date equal.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from nlp.doc import Doc
from nlp.evaluation.annotations import Annotation
from nlp.schema import Analysis
from nlp.targets import Candidate, candidates, skip_reason, skipped_blocks


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"accuracy": round(self.value, 4), "right": self.right, "total": self.total}


@dataclass
class Report:
    documents: int = 0
    targets: PRF = field(default_factory=PRF)
    target_fields: dict[str, Accuracy] = field(default_factory=lambda: defaultdict(Accuracy))
    metric_overlap: list[float] = field(default_factory=list)
    references: PRF = field(default_factory=PRF)
    entities_exact: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    entities_overlap: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    document_fields: dict[str, Accuracy] = field(default_factory=lambda: defaultdict(Accuracy))
    guidance: PRF = field(default_factory=PRF)
    guidance_pairs: list[tuple[str, str]] = field(default_factory=list)
    target_misses: Counter[str] = field(default_factory=Counter)
    document_misses: Counter[str] = field(default_factory=Counter)
    links: dict[str, int] = field(default_factory=Counter)
    errors: list[dict[str, Any]] = field(default_factory=list)
    _doc: str = ""

    def error(self, layer: str, kind: str, gold: Any = None, pred: Any = None, **extra: Any) -> None:
        """One error, for `chitieu eval --errors` (never shown for the test split)."""
        def show(x: Any) -> Any:
            if x is None or isinstance(x, str):
                return x
            return {"start": x.start, "end": x.end, "text": x.text, **{
                k: getattr(x, k) for k in ("value", "value_max", "unit", "category", "label") if hasattr(x, k)}}
        self.errors.append({"doc_id": self._doc, "layer": layer, "kind": kind,
                            "gold": show(gold), "pred": show(pred), **extra})

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "targets": self.targets.as_dict(),
            "target_fields": {k: v.as_dict() for k, v in sorted(self.target_fields.items())},
            "metric_word_f1": round(sum(self.metric_overlap) / len(self.metric_overlap), 4)
            if self.metric_overlap else 0.0,
            "references": self.references.as_dict(),
            "entities_exact": {k: v.as_dict() for k, v in sorted(self.entities_exact.items())},
            "entities_overlap": {k: v.as_dict() for k, v in sorted(self.entities_overlap.items())},
            "document": {k: v.as_dict() for k, v in sorted(self.document_fields.items())},
            "guidance_items": self.guidance.as_dict(),
            "guidance_category_macro_f1": round(macro_f1(self.guidance_pairs), 4),
            "guidance_category_accuracy": round(
                sum(g == p for g, p in self.guidance_pairs) / len(self.guidance_pairs), 4
            ) if self.guidance_pairs else 0.0,
            "target_misses": dict(self.target_misses.most_common()),
            "document_misses": dict(self.document_misses.most_common()),
            "indicator_links": self.link_figures(),
        }

    def link_figures(self) -> dict[str, float | int]:
        """Linking measured on gold targets (the linker gets the gold metric, unit and base)."""
        c = self.links
        linked = c["gold_linked"]
        kept = c["kept_linked"] + c["kept_none"]
        return {
            "gold_targets_with_link": linked, "gold_none": c["gold_none"],
            "top1_accuracy": round(c["top1_right"] / linked, 4) if linked else 0.0,
            "top3_accuracy": round(c["top3_right"] / linked, 4) if linked else 0.0,
            "threshold_precision": round(c["kept_right"] / kept, 4) if kept else 0.0,
            "threshold_kept": kept,
            "none_recall": round(c["none_right"] / c["gold_none"], 4) if c["gold_none"] else 0.0,
        }


_WORD = re.compile(r"\w+", re.UNICODE)


def word_f1(a: str | None, b: str | None) -> float:
    wa, wb = Counter(_WORD.findall((a or "").lower())), Counter(_WORD.findall((b or "").lower()))
    common = sum((wa & wb).values())
    if not wa and not wb:
        return 1.0
    if not common:
        return 0.0
    p, r = common / sum(wb.values()), common / sum(wa.values())
    return 2 * p * r / (p + r)


def macro_f1(pairs: Sequence[tuple[str, str]]) -> float:
    labels = {g for g, _ in pairs} | {p for _, p in pairs}
    scores = []
    for label in labels:
        prf = PRF()
        for g, p in pairs:
            prf.add(int(g == label and p == label), int(g != label and p == label), int(g == label and p != label))
        scores.append(prf.f1)
    return sum(scores) / len(scores) if scores else 0.0


def set_counts(gold: set[str], pred: set[str]) -> tuple[int, int, int]:
    """(tp, fp, fn) of two sets: references are scored as the set of numbers a document cites."""
    return len(gold & pred), len(pred - gold), len(gold - pred)


def reference_numbers(references: Sequence[Any]) -> set[str]:
    """The cited numbers of an analysis, as they are compared ("117-KH/HU" in upper case)."""
    return {r.number.upper() for r in references if r.number}


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _match(gold: Sequence[Any], pred: Sequence[Any], same: Callable[[Any, Any], bool]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching in document order."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi not in used and same(g, p):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def _document_miss(name: str, gold: str | None, pred: str | None) -> str:
    """The kind of a document-field error: types by their pair, numbers and dates by what went wrong."""
    if name == "doc_type":
        return f"doc_type: {gold} read as {pred}"
    if pred is None:
        return f"{name}: not found"
    if gold is None:
        return f"{name}: given where the document has none"
    return f"{name}: a different one taken"


def _values_equal(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) < 1e-6


def _miss_kind(g: Any, pred: Sequence[Any], doc: Doc | None = None, cands: Sequence[Candidate] = ()) -> str:
    """Why a gold target was missed: the kinds listed in the README's error table."""
    near = [p for p in pred if _overlap(g.start, g.end, p.start, p.end)]
    if near:
        if any(_values_equal(p.value, g.value) for p in near):
            return "value_max differs (range read as one number)"
        return "wrong number taken"
    if doc is None:
        return "not found (no cue or no number)"
    return _unfound_kind(g, doc, cands)


# the context of a rejected candidate, first that applies: its features say where the commitment is stated
_REJECTED_CONTEXT = (
    ("TABLE", "a table row or a line holding only the number"),
    ("CUE:strong_left", "a commitment cue earlier in its sentence"),
    ("CUE:commit_left", "a commitment cue earlier in its sentence"),
    ("CUE:target_section", "the commitment only in a heading or list intro"),
    ("CUE:goal_path", "the commitment only in a heading or list intro"),
    ("CUE:strong_intro", "the commitment only in a heading or list intro"),
    ("CUE:strong_prev", "the commitment only in the previous sentence"),
    ("CUE:weak_clause", "only a weak verb in its clause (đạt, bảo đảm, giảm …)"),
    ("CUE:result_section", "no cue, under a heading that reports results (kết quả, tình hình …)"),
    ("CUE:rule", "no cue, a percentage in a directive-type text"),
)


def _unfound_kind(g: Any, doc: Doc, cands: Sequence[Candidate]) -> str:
    """A gold target no prediction overlaps: was its number read, kept as a candidate, and where is its cue."""
    where = "news" if doc.info.doc_type == "tin_tuc" else "official text"
    numbers = [q for q in doc.quantities if _overlap(g.start, g.end, q.start, q.end) and _values_equal(q.value, g.value)]
    if not numbers:
        return f"not found: number not read ({where})"
    feats = next((c.features for c in cands if any(c.quantity is q for q in numbers)), None)
    if feats is None:
        reason = skip_reason(doc, numbers[0], skipped_blocks(doc)) or "taken by a table row or another target"
        return f"not found: skipped before the model, {reason} ({where})"
    context = next((text for key, text in _REJECTED_CONTEXT if feats.get(key)), "no cue near it")
    return f"rejected by the model: {context} ({where})"


def score_document(report: Report, gold: Annotation, pred: Analysis, doc: Doc | None = None) -> None:
    """Score one document; with its `doc`, target misses are told apart by what became of their number."""
    report.documents += 1
    report._doc = gold.doc_id
    layers = set(gold.layers)
    if "document" in layers and gold.document is not None:
        d = pred.document
        for name in ("doc_type", "number", "issued_date"):
            ok = getattr(d, name) == getattr(gold.document, name)
            report.document_fields[name].add(ok)
            if not ok:
                report.error("document", name, str(getattr(gold.document, name)), str(getattr(d, name)))
                report.document_misses[_document_miss(name, getattr(gold.document, name), getattr(d, name))] += 1
    if "targets" in layers:
        _score_targets(report, gold, pred, doc)
        _score_links(report, gold)
    if "references" in layers:
        g = {r.number.upper() for r in gold.references}
        p = reference_numbers(pred.references)
        report.references.add(*set_counts(g, p))
        for n in sorted(g - p):
            report.error("references", "missed", n)
        for n in sorted(p - g):
            report.error("references", "extra", None, n)
    if "entities" in layers:
        _score_entities(report, gold, pred)
    if "guidance" in layers:
        pairs = _match(
            gold.guidance, pred.guidance,
            lambda g, p: _overlap(g.start, g.end, p.start, p.end) * 2 >= max(g.end - g.start, p.end - p.start),
        )
        report.guidance.add(len(pairs), len(pred.guidance) - len(pairs), len(gold.guidance) - len(pairs))
        report.guidance_pairs += [(gold.guidance[gi].category, pred.guidance[pi].category) for gi, pi in pairs]
        _list_errors(report, "guidance", gold.guidance, pred.guidance, pairs)
        for gi, pi in pairs:
            if gold.guidance[gi].category != pred.guidance[pi].category:
                report.error("guidance", "category", gold.guidance[gi], pred.guidance[pi])


def _list_errors(report: Report, layer: str, gold: Sequence[Any], pred: Sequence[Any],
                 pairs: Sequence[tuple[int, int]]) -> None:
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    for gi, g in enumerate(gold):
        if gi not in matched_g:
            near = [p for p in pred if _overlap(g.start, g.end, p.start, p.end)]
            report.error(layer, "missed", g, near[0] if near else None)
    for pi, p in enumerate(pred):
        if pi not in matched_p:
            report.error(layer, "extra", None, p)


def same_target(g: Any, p: Any) -> bool:
    """Two annotations of one target: equal value(s), overlapping spans."""
    return (_overlap(g.start, g.end, p.start, p.end) > 0
            and _values_equal(g.value, p.value) and _values_equal(g.value_max, p.value_max))


def match_targets(gold: Sequence[Any], pred: Sequence[Any]) -> list[tuple[int, int]]:
    return _match(gold, pred, same_target)


def _score_targets(report: Report, gold: Annotation, pred: Analysis, doc: Doc | None = None) -> None:
    pairs = match_targets(gold.targets, pred.targets)
    report.targets.add(len(pairs), len(pred.targets) - len(pairs), len(gold.targets) - len(pairs))
    _list_errors(report, "targets", gold.targets, pred.targets, pairs)
    matched_gold = {gi for gi, _ in pairs}
    missed = [g for gi, g in enumerate(gold.targets) if gi not in matched_gold]
    cands = candidates(doc) if doc is not None and missed else []
    for g in missed:
        report.target_misses[_miss_kind(g, pred.targets, doc, cands)] += 1
    extra = len(pred.targets) - len(pairs)
    if extra:
        report.target_misses["extra (result or non-target taken)"] += extra
    f = report.target_fields
    for gi, pi in pairs:
        g, p = gold.targets[gi], pred.targets[pi]
        for name, ok in (("unit", g.unit == p.unit), ("per", g.per == p.per),
                         ("comparator", g.comparator == p.comparator),
                         ("period", (g.period.start, g.period.end) == (p.period.start, p.period.end))):
            f[name].add(ok)
            if not ok:
                report.error("targets", name, g, p, gold_field=str(getattr(g, name)),
                             pred_field=str(getattr(p, name)))
        f["base"].add((g.base is None and p.base is None) or (g.base is not None and word_f1(g.base, p.base) >= 0.5))
        overlap = word_f1(g.metric, p.metric)
        report.metric_overlap.append(overlap)
        if overlap < 0.5:  # listed by --errors; the table keeps the mean word-F1
            report.error("targets", "metric", g, p, gold_field=g.metric, pred_field=p.metric)


def _score_links(report: Report, gold: Annotation) -> None:
    from nlp.indicators import TARGET_THRESHOLD, link_target

    c = report.links
    for g in gold.targets:
        if g.indicator is None:
            continue
        ranked = link_target(g.metric, g.unit, g.base)
        best, score_ = ranked[0] if ranked else (None, 0.0)
        kept = best if best is not None and score_ >= TARGET_THRESHOLD else None
        if g.indicator == "none":
            c["gold_none"] += 1
            c["none_right"] += kept is None
            if kept is not None:
                c["kept_none"] += 1
            continue
        c["gold_linked"] += 1
        c["top1_right"] += best == g.indicator
        c["top3_right"] += g.indicator in [i for i, _ in ranked[:3]]
        if kept is not None:
            c["kept_linked"] += 1
            c["kept_right"] += kept == g.indicator


def _score_entities(report: Report, gold: Annotation, pred: Analysis) -> None:
    for label in ("PER", "ORG", "LOC"):
        g = [e for e in gold.entities if e.label == label]
        p = [e for e in pred.entities if e.label == label]
        exact = {(e.start, e.end) for e in g} & {(e.start, e.end) for e in p}
        report.entities_exact[label].add(len(exact), len(p) - len(exact), len(g) - len(exact))
        for e in g:
            if (e.start, e.end) not in exact:
                near = [x for x in p if _overlap(e.start, e.end, x.start, x.end)]
                report.error(label, "boundary" if near else "missed", e, near[0] if near else None)
        for x in p:
            if (x.start, x.end) not in exact and not any(_overlap(e.start, e.end, x.start, x.end) for e in g):
                report.error(label, "extra", None, x)
        pairs = _match(g, p, lambda a, b: _overlap(a.start, a.end, b.start, b.end) > 0)
        report.entities_overlap[label].add(len(pairs), len(p) - len(pairs), len(g) - len(pairs))


def score(items: Iterable[tuple[Annotation, Analysis] | tuple[Annotation, Analysis, Doc]]) -> Report:
    report = Report()
    for gold, pred, *doc in items:
        score_document(report, gold, pred, *doc)
    return report


def headline(report: Report) -> dict[str, float]:
    """The figures the quality bar and the regression test are about."""
    d = report.as_dict()
    out = {
        "targets_f1": d["targets"]["f1"],
        "target_unit_accuracy": d["target_fields"].get("unit", {}).get("accuracy", 0.0),
        # the fields an analyst reads first after the value: for when, and what is measured
        "target_period_accuracy": d["target_fields"].get("period", {}).get("accuracy", 0.0),
        "target_metric_word_f1": d["metric_word_f1"],
        "references_f1": d["references"]["f1"],
        "guidance_items_f1": d["guidance_items"]["f1"],
        "guidance_category_macro_f1": d["guidance_category_macro_f1"],
    }
    for label in ("PER", "ORG", "LOC"):
        out[f"{label}_f1"] = d["entities_exact"].get(label, {}).get("f1", 0.0)
    for name in ("doc_type", "number", "issued_date"):
        out[f"document_{name}_accuracy"] = d["document"].get(name, {}).get("accuracy", 0.0)
    if d["indicator_links"]["gold_targets_with_link"]:
        out["indicator_link_top1"] = d["indicator_links"]["top1_accuracy"]
    return out


def format_table(report: Report, title: str) -> str:
    d = report.as_dict()
    rows: list[tuple[str, str, str, str, str]] = []

    def prf(name: str, x: dict[str, Any]) -> None:
        rows.append((name, f"{x['precision']:.3f}", f"{x['recall']:.3f}", f"{x['f1']:.3f}",
                     f"{x['tp'] + x['fn']} gold / {x['tp'] + x['fp']} predicted"))

    def acc(name: str, x: dict[str, Any]) -> None:
        rows.append((name, "", "", f"{x['accuracy']:.3f}", f"{x['right']}/{x['total']}"))

    prf("targets", d["targets"])
    for name, x in d["target_fields"].items():
        acc(f"  target {name} (matched)", x)
    rows.append(("  target metric word-F1", "", "", f"{d['metric_word_f1']:.3f}", ""))
    prf("references (numbers)", d["references"])
    for label, x in d["entities_exact"].items():
        prf(f"{label} exact", x)
        prf(f"{label} overlap", d["entities_overlap"][label])
    for name, x in d["document"].items():
        acc(f"document {name}", x)
    prf("guidance items", d["guidance_items"])
    rows.append(("guidance category macro-F1", "", "", f"{d['guidance_category_macro_f1']:.3f}",
                 f"{len(report.guidance_pairs)} matched items"))
    links = d["indicator_links"]
    if links["gold_targets_with_link"] or links["gold_none"]:
        n = links["gold_targets_with_link"]
        rows.append(("indicator link top-1 (gold targets)", "", "", f"{links['top1_accuracy']:.3f}", f"{n} linked"))
        rows.append(("indicator link top-3", "", "", f"{links['top3_accuracy']:.3f}", f"{n} linked"))
        rows.append(("link threshold precision", "", "", f"{links['threshold_precision']:.3f}",
                     f"{links['threshold_kept']} kept above threshold"))
        rows.append(("'none' recall", "", "", f"{links['none_recall']:.3f}", f"{links['gold_none']} gold none"))
    header = ("measure", "P", "R", "F1/acc", "n")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(5)]
    lines = [f"{title} ({report.documents} documents)", ""]
    lines.append("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |")
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        lines.append("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |")
    if report.target_misses:
        total = sum(report.target_misses.values())
        lines += ["", "Target errors by kind:", ""]
        for kind, n in report.target_misses.most_common():
            lines.append(f"- {kind}: {n} ({n / total:.0%})")
    if report.document_misses:
        lines += ["", "Document field errors by kind:", ""]
        lines += [f"- {kind}: {n}" for kind, n in sorted(report.document_misses.items())]
    return "\n".join(lines)
