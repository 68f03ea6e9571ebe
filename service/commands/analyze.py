"""`chitieu analyze FILE... [--json]`: one Analysis per file."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from typing import TextIO

from nlp.schema import Analysis
from service.commands.common import error
from service.numbers import plain


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("analyze", help="analyse text or PDF files", description="Analyse text or PDF files.")
    p.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 text or PDF with a text layer; - reads stdin")
    p.add_argument("--json", action="store_true", help="one Analysis JSON object per line, in argument order")
    p.add_argument("--debug", action="store_true", help="log tracebacks of unexpected errors to stderr")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from nlp.ingest import IngestError, read_bytes, read_capped, read_file

    try:
        from nlp.pipeline import analyze_text, load_models

        load_models()  # once for all files; a missing or corrupt model is one clear line
    except Exception as exc:  # noqa: BLE001 - reported in one line
        error(None, f"cannot load the analysis pipeline ({type(exc).__name__}: {exc})", args.debug)
        return 1

    failed = False
    out = sys.stdout
    for i, path in enumerate(args.files):
        try:
            # "-": the bytes piped in ("… | chitieu analyze - --json"), sniffed like a file's
            ingested = read_bytes(read_capped(sys.stdin.buffer), None) if path == "-" else read_file(path)
            analysis = analyze_text(ingested.text, ingested.source, ingested.warnings)
        except IngestError as exc:
            error(path, exc.reason, False)
            failed = True
            continue
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
            error(path, f"analysis failed ({type(exc).__name__}: {exc})", args.debug)
            failed = True
            continue
        if args.json:
            out.write(analysis.model_dump_json() + "\n")
        else:
            if i:
                out.write("\n")
            write_summary(analysis, path, out)
        out.flush()
    return 1 if failed else 0


# ---------------------------------------------------------------- summary


def write_summary(a: Analysis, path: str, out: TextIO) -> None:
    d = a.document
    w = out.write
    w(f"== {path}\n")
    src = a.source
    pages = f", {src.pages} pages" if src.pages else ""
    w(f"source:   {src.media_type}{pages}, {len(a.text)} characters, {len(a.sentences)} sentences\n")
    w(f"type:     {d.doc_type}\n")
    w(f"number:   {d.number or '-'}\n")
    w(f"date:     {d.issued_date or '-'}{f' ({d.place})' if d.place else ''}\n")
    w(f"issuer:   {d.issuer or '-'}\n")
    w(f"title:    {_one_line(d.title) or '-'}\n")
    if d.signers:
        w(f"signers:  {', '.join(d.signers)}\n")

    w(f"\nTargets ({len(a.targets)})\n")
    if a.targets:
        rows = []
        for t in a.targets:
            value = plain(t.value) + (f"-{plain(t.value_max)}" if t.value_max is not None else "")
            period = t.period.text or "-".join(x for x in (t.period.start, t.period.end) if x) or ""
            rows.append(
                [t.id, _clip(t.metric, 40), value, t.unit, t.per or "", t.comparator, _clip(period, 24)]
            )
        _table(["id", "metric", "value", "unit", "per", "cmp", "period"], rows, out)

    w(f"\nReferences ({len(a.references)})\n")
    if a.references:
        rows = [
            [r.doc_type, r.number or "", r.issued_date or "", _clip(r.issuer or "", 40)] for r in a.references
        ]
        _table(["type", "number", "date", "issuer"], rows, out)

    w(f"\nEntities ({len(a.entities)})\n")
    groups: dict[str, list[str]] = {}
    for e in a.entities:
        names = groups.setdefault(e.label, [])
        text = _one_line(e.text)
        if text not in names:
            names.append(text)
    width = max((len(k) for k in groups), default=0)
    for label in sorted(groups):
        w(f"  {label.ljust(width)}  {'; '.join(groups[label])}\n")

    w(f"\nGuidance ({len(a.guidance)})\n")
    if a.guidance:
        rows = [[g.id, g.category, _clip(_one_line(g.text), 90)] for g in a.guidance]
        _table(["id", "category", "text"], rows, out)

    if a.warnings:
        w("\nWarnings\n")
        for msg in a.warnings:
            w(f"  {msg}\n")


def _one_line(s: str | None) -> str:
    return " ".join((s or "").split())


def _clip(s: str, n: int) -> str:
    s = _one_line(s)
    return s if len(s) <= n else s[: n - 1] + "…"


def _width(s: str) -> int:
    # combining marks take no column (text is NFC, so this rarely matters)
    return sum(0 if unicodedata.combining(ch) else 1 for ch in s)


def _table(header: list[str], rows: list[list[str]], out: TextIO) -> None:
    widths = [max(_width(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        parts = [str(c) + " " * (widths[i] - _width(str(c))) for i, c in enumerate(cells)]
        return ("  " + "  ".join(parts)).rstrip() + "\n"

    out.write(line(header))
    out.write(line(["-" * n for n in widths]))
    for r in rows:
        out.write(line(r))
