"""`report.html`: totals and charts of the batch in one self-contained file.

Everything is computed from the finished tables (never from completion
order) and nothing time-dependent is printed, so a resumed run writes the same
bytes as an uninterrupted one. The CSS and SVG are inline; there is no
script and no external resource (a CSP forbids them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from importlib import resources
from string import Template
from typing import Any

from service.batch import charts
from service.batch.levels import levels

TOP_N = 20
GRAPH_CITED = 15
GRAPH_CITERS = 40
CATEGORIES = ["awareness", "planning", "implementation", "organization", "coordination",
              "inspection", "reporting", "resources", "other"]
UNKNOWN = "(unknown)"


@dataclass
class ReportData:
    documents: list[dict[str, Any]]
    targets: list[dict[str, Any]]
    references: list[dict[str, Any]]
    entities: list[dict[str, Any]]
    guidance: list[dict[str, Any]]
    failed_files: int


def render(data: ReportData) -> str:
    asset = resources.files("service.report")
    template = Template(asset.joinpath("template.html").read_text("utf-8"))
    unique = [d for d in data.documents if d["duplicate_of"] is None]
    sections = [
        _section("Totals", _totals(data, unique) + _figure("doc-types", "Documents by type", _by_type(unique))),
        _section("Targets", _targets(data.targets)),
        _section("Issuers", _issuers(unique)),
        _section("Guidance", _figure("guidance-categories", "Guidance items by category", _categories(data.guidance))),
        _section("Organisations and places", _entities(data.entities)),
        _section("Citations", _citations(data.references, unique)),
    ]
    # the same count as the command's last line: every file named, the failed ones included
    meta = (
        f"{len(data.documents) + data.failed_files:,} files: {len(data.documents):,} read, {data.failed_files:,} "
        f"failed (errors.jsonl); {len(unique):,} distinct documents (counted once per content; duplicates are "
        "listed in the documents table)"
    )
    return template.substitute(css=asset.joinpath("report.css").read_text("utf-8"), meta=escape(meta),
                               body="\n".join(sections))


def _section(title: str, html: str) -> str:
    return f"<section><h2>{escape(title)}</h2>\n{html}\n</section>"


def _figure(name: str, caption: str, svg: str, note: str = "") -> str:
    note_html = f' <span class="note">{escape(note)}</span>' if note else ""
    return (
        f'<figure class="chart-box" id="chart-{name}"><figcaption>{escape(caption)}{note_html}</figcaption>'
        f"{svg}</figure>"
    )


def _top(counter: Counter[str], n: int = TOP_N) -> list[tuple[str, float]]:
    return [(k, float(v)) for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def _totals(data: ReportData, unique: list[dict[str, Any]]) -> str:
    cells = [
        ("files read", len(data.documents)),
        ("distinct documents", len(unique)),
        ("duplicate files", len(data.documents) - len(unique)),
        ("failed files", data.failed_files),
        ("words", sum(d["words"] for d in unique)),
        ("targets", len(data.targets)),
        ("references", len(data.references)),
        ("entity mentions", len(data.entities)),
        ("guidance items", len(data.guidance)),
    ]
    return '<div class="totals">' + "".join(
        f'<div class="total"><div class="n">{n:,}</div><div class="what">{escape(w)}</div></div>' for w, n in cells
    ) + "</div>"


def _by_type(unique: list[dict[str, Any]]) -> str:
    return charts.bars("doc-types", _top(Counter(d["doc_type"] for d in unique), 30), "documents by type")


def _targets(targets: list[dict[str, Any]]) -> str:
    def key(t: dict[str, Any]) -> str:
        return t["indicator_name"] or f"({t['metric']})"

    counts = Counter(key(t) for t in targets)
    labels = [label for label, _ in _top(counts)]
    years = sorted({t["year"] for t in targets if t["year"] is not None})
    series = [str(y) for y in years] + ([UNKNOWN] if any(t["year"] is None for t in targets) else [])
    cells = Counter((key(t), str(t["year"]) if t["year"] is not None else UNKNOWN) for t in targets)
    rows = [(label, [(s, float(cells[label, s])) for s in series if cells[label, s]]) for label in labels]
    linked = sum(1 for t in targets if t["indicator_id"])
    note = (
        "(metric in brackets where no indicator is linked yet)" if linked < len(targets) else ""
    )
    by_year = Counter(str(t["year"]) if t["year"] is not None else UNKNOWN for t in targets)
    year_items = [(s, float(by_year[s])) for s in series]
    return (
        _figure("targets-by-indicator", "Targets by indicator and year",
                charts.stacked_bars("targets-by-indicator", rows, series, "targets by indicator and year"), note)
        + _figure("targets-by-year", "Targets by year", charts.bars("targets-by-year", year_items, "targets by year"))
    )


def _issuers(unique: list[dict[str, Any]]) -> str:
    order = levels() + [UNKNOWN]
    by_level = Counter(d["issuer_level"] or UNKNOWN for d in unique)
    level_items = [(lv, float(by_level[lv])) for lv in order if by_level[lv]]
    level_color = {lv: charts.PALETTE[i] for i, lv in enumerate(order)}
    issuers = Counter(d["issuer"] for d in unique if d["issuer"])
    level_of = {d["issuer"]: d["issuer_level"] or UNKNOWN for d in unique if d["issuer"]}
    top = _top(issuers)
    return (
        _figure("issuer-levels", "Documents by issuer level",
                charts.bars("issuer-levels", level_items, "documents by issuer level",
                            [level_color[lv] for lv, _ in level_items]))
        + _figure("issuers", "Documents by issuer", charts.bars(
            "issuers", top, "documents by issuer", [level_color[level_of[i]] for i, _ in top]),
            "(colour = level, as above)")
    )


def _categories(guidance: list[dict[str, Any]]) -> str:
    counts = Counter(g["category"] for g in guidance)
    items = [(c, float(counts[c])) for c in CATEGORIES if counts[c]]
    items += [(c, float(n)) for c, n in sorted(counts.items()) if c not in CATEGORIES]
    return charts.bars("guidance-categories", items, "guidance items by category")


def _entities(entities: list[dict[str, Any]]) -> str:
    def top(label: str) -> list[tuple[str, float]]:
        return _top(Counter(e["text"] for e in entities if e["label"] == label))

    return (
        _figure("organisations", "Most frequent organisations (mentions)",
                charts.bars("organisations", top("ORG"), "most frequent organisations"))
        + _figure("places", "Most frequent places (mentions)",
                  charts.bars("places", top("LOC"), "most frequent places", [charts.PALETTE[2]] * TOP_N))
    )


def _citations(references: list[dict[str, Any]], unique: list[dict[str, Any]]) -> str:
    doc_label = {d["sha256"]: d["number"] or d["title"] or d["path"] for d in unique}
    cited_by: dict[str, set[str]] = {}
    ref_label: dict[str, str] = {}
    for r in references:
        key = r["number_key"]
        if not key:
            continue
        cited_by.setdefault(key, set()).add(r["sha256"])
        ref_label.setdefault(key, r["number"])
    ranked = sorted(cited_by, key=lambda k: (-len(cited_by[k]), k))
    most = [(ref_label[k], float(len(cited_by[k]))) for k in ranked[:TOP_N]]
    cited = [(k, ref_label[k], len(cited_by[k])) for k in ranked[:GRAPH_CITED]]
    citer_ids = sorted({s for k, _, _ in cited for s in cited_by[k]}, key=lambda s: (doc_label.get(s, s), s))
    citer_ids = citer_ids[:GRAPH_CITERS]
    kept = set(citer_ids)
    edges = sorted({(s, k) for k, _, _ in cited for s in cited_by[k] if s in kept})
    resolved = sum(1 for r in references if r["cited_sha256"])
    graph = charts.citation_graph(
        "citation-graph", [(s, doc_label.get(s, s[:12])) for s in citer_ids], cited, edges, "citation graph"
    )
    return (
        _figure("most-cited", "Most cited documents (by citing documents)",
                charts.bars("most-cited", most, "most cited documents", [charts.PALETTE[1]] * TOP_N))
        + _figure("citation-graph", "Citation graph: which documents cite which",
                  graph, f"({GRAPH_CITED} most cited on the right; {resolved} citations resolve to a document of this batch)")
        + _edge_table(references, doc_label)
    )


def _edge_table(references: Iterable[dict[str, Any]], doc_label: dict[str, str]) -> str:
    rows = sorted({(doc_label.get(r["sha256"], r["sha256"]), doc_label.get(r["cited_sha256"], ""))
                   for r in references if r["cited_sha256"]})
    if not rows:
        return ""
    body = "".join(f"<tr><td>{escape(a)}</td><td>{escape(b)}</td></tr>" for a, b in rows[:200])
    return ("<p>Citations between documents of this batch:</p>"
            f"<table><tr><th>citing</th><th>cited</th></tr>{body}</table>")
