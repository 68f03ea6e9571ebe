"""One batch run: find inputs, analyse what is not done yet, rebuild every output.

Order of work: inputs are hashed; each distinct content not already in
`.results/` is sent to the engine; each finished analysis is stored
atomically the moment it arrives. Only then, from the stored results of the
current inputs, are analyses.jsonl, the tables and report.html rebuilt in a
fixed order. A killed run therefore loses at most the documents in flight, and
a rerun ends with the same bytes as a run that was never interrupted.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from service.batch import engines, inputs, outputs, tables
from service.batch.fingerprint import analysis_fingerprint
from service.batch.progress import Progress
from service.batch.report import ReportData, render
from service.batch.store import ErrorLog, ResultStore, atomic_write, atomic_write_text, locked
from service.batch.work import WorkResult


@dataclass
class BatchOptions:
    inputs: list[str]
    out: Path
    workers: int = 1
    engine: str = "local"
    scheduler: str | None = None
    progress: bool | None = None  # None: only on a terminal
    on_result: Callable[[WorkResult], None] | None = None  # for benchmarks and tests


@dataclass
class BatchSummary:
    files: int = 0
    distinct: int = 0
    skipped: int = 0  # already done by an earlier run
    analysed: int = 0
    failed_files: int = 0
    analysis_seconds: float = 0.0
    worker_peak_rss_mb: dict[int, float] = field(default_factory=dict)


def run_batch(opts: BatchOptions) -> BatchSummary:
    out = opts.out
    with locked(out):
        files, problems = inputs.discover(opts.inputs, exclude=out)
        store = ResultStore(out, analysis_fingerprint())
        errors = ErrorLog(out / "errors.jsonl")
        try:
            for p in problems:
                errors.add(p.path, None, "input", p.error)
            summary = _analyse(files, store, errors, opts)
            _build(out, files, store, errors)
            errors.finish()
            store.prune_other_versions()
        finally:
            errors.close()
        summary.failed_files = len({r["path"] for r in errors.records})
        return summary


def _analyse(files: list[inputs.InputFile], store: ResultStore, errors: ErrorLog, opts: BatchOptions) -> BatchSummary:
    first: dict[str, inputs.InputFile] = {}
    paths_of: dict[str, list[str]] = {}
    for f in files:
        first.setdefault(f.sha256, f)
        paths_of.setdefault(f.sha256, []).append(f.path)
    todo = [(f.abspath, sha) for sha, f in first.items() if not store.has(sha)]
    summary = BatchSummary(files=len(files), distinct=len(first), skipped=len(first) - len(todo))
    t0 = time.perf_counter()
    with Progress(len(todo), opts.progress) as progress:
        for result in engines.run(opts.engine, todo, opts.workers, opts.scheduler):
            if result.analysis_json is not None and result.fingerprint != store.fingerprint:
                for path in paths_of[result.sha256]:
                    errors.add(path, result.sha256, "changed", "the analysis code changed during the run; run again")
            elif result.analysis_json is not None:
                store.put(result.sha256, result.analysis_json)
                summary.analysed += 1
            else:
                for path in paths_of[result.sha256]:
                    errors.add(path, result.sha256, result.stage or "analysis", result.error or "failed")
            if result.pid:
                peak = summary.worker_peak_rss_mb
                peak[result.pid] = max(peak.get(result.pid, 0.0), result.peak_rss_mb)
            progress.update(result)
            if opts.on_result:
                opts.on_result(result)
    summary.analysis_seconds = time.perf_counter() - t0
    return summary


def _build(out: Path, files: list[inputs.InputFile], store: ResultStore, errors: ErrorLog) -> None:
    """Rebuild analyses.jsonl, the tables and the report from stored results, in path/sha256 order."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in tables.TABLES}
    analyses: list[str] = []
    first_path: dict[str, str] = {}
    done: dict[str, dict[str, Any]] = {}  # sha -> documents row of its first path, minus the path
    for f in files:  # already in path order
        if f.sha256 not in done and f.sha256 not in first_path and store.has(f.sha256):
            raw = store.get(f.sha256)
            try:
                a = json.loads(raw)
            except json.JSONDecodeError:  # not ours (atomic writes): drop it so the next run redoes it
                store.discard(f.sha256)
                errors.add(f.path, f.sha256, "result", "stored result was unreadable; rerun to analyse again")
                continue
            analyses.append(raw)
            info = tables.doc_info(a)
            rows["targets"] += tables.target_rows(f.sha256, a, info)
            rows["references"] += tables.reference_rows(f.sha256, a, info)
            rows["entities"] += tables.entity_rows(f.sha256, a)
            rows["guidance"] += tables.guidance_rows(f.sha256, a, info)
            done[f.sha256] = tables.document_row(f.path, None, f.size, a)
            first_path[f.sha256] = f.path
        if f.sha256 in done:
            dup = None if first_path[f.sha256] == f.path else first_path[f.sha256]
            rows["documents"].append({**done[f.sha256], "path": f.path, "duplicate_of": dup, "bytes": f.size})
    for name in ("targets", "references", "entities", "guidance"):
        rows[name].sort(key=lambda r: (r["sha256"], r["start"] or 0, r["end"] or 0))
    tables.resolve_citations(rows["references"], rows["documents"])
    atomic_write(out / "analyses.jsonl", lambda fh: fh.writelines(line + "\n" for line in analyses))
    for name in tables.TABLES:
        outputs.write_table(out, name, rows[name])
    failed = len({r["path"] for r in errors.records})
    report = render(ReportData(rows["documents"], rows["targets"], rows["references"], rows["entities"],
                               rows["guidance"], failed))
    atomic_write_text(out / "report.html", report)


def print_summary(summary: BatchSummary, out: Path) -> None:
    peak = max(summary.worker_peak_rss_mb.values(), default=None)
    memory = f"; peak worker memory {peak:.0f} MB" if peak is not None else ""
    where = f" (see {out / 'errors.jsonl'})" if summary.failed_files else ""
    print(
        f"chitieu batch: {summary.files} files, {summary.distinct} distinct, {summary.skipped} already done, "
        f"{summary.analysed} analysed, {summary.failed_files} failed{where}{memory}",
        file=sys.stderr,
    )
