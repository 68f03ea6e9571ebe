"""Throughput of `chitieu batch` with 1 and 2 workers, peak memory per worker, and the kill -9 check.

    python bench/bench_batch.py [--corpus DIR] [--docs 2000] [--workers 1 2] [--engine local] [--kill-test]

The texts of DIR/raw/*.txt are replicated until there are at least --docs
files; replica k of a text gets k extra trailing newlines, so that every file
has its own sha256 and is really analysed (identical contents would be
analysed once). Each configuration runs into a fresh output folder. Reported:
documents/s and words/s of the analysis phase (worker start-up and model
loading included, table building excluded), the same rates in steady state
(first to last finished document), the wall time of the whole run, the
peak RSS of each worker process, and the workers' CPU share (CPU time / wall
time spent on documents: below 1 means other processes took CPU, and the
throughput figures are then not the machine's). Words are whitespace-separated tokens with a
letter or digit, counted on the input texts.

--kill-test also starts the 2-worker run as a separate process, kill -9s its
process group when half of the documents are done, runs again, and checks
that every output file is byte-identical to the uninterrupted run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from service.batch.runner import BatchOptions, run_batch  # noqa: E402
from service.batch.tables import count_words  # noqa: E402
from service.batch.work import WorkResult  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
OUTPUTS = ["analyses.jsonl", "errors.jsonl", "report.html"] + [
    f"{t}.{e}" for t in ("documents", "targets", "references", "entities", "guidance") for e in ("parquet", "csv")
]


def replicate(corpus: Path, n: int, into: Path) -> int:
    """Write at least `n` distinct files into `into`; return their total words."""
    sources = sorted((corpus / "raw").glob("*.txt"))
    if not sources:
        raise SystemExit(f"no texts in {corpus / 'raw'}")
    words = 0
    k = 0
    into.mkdir(parents=True, exist_ok=True)
    while k * len(sources) < n:
        sub = into / f"r{k:03d}"
        sub.mkdir()
        for src in sources:
            data = src.read_bytes()
            (sub / src.name).write_bytes(data + b"\n" * k)
            words += count_words(data.decode("utf-8"))
        k += 1
    return words


def measure(inputs: Path, out: Path, workers: int, engine: str, words: int) -> dict[str, object]:
    stamps: list[float] = []
    busy = [0.0, 0.0]  # wall and CPU seconds spent on documents inside the workers

    def on_result(r: WorkResult) -> None:
        stamps.append(time.perf_counter())
        busy[0] += r.seconds
        busy[1] += r.cpu_seconds

    load_before = os.getloadavg()[0]

    t0 = time.perf_counter()
    s = run_batch(BatchOptions(inputs=[str(inputs)], out=out, workers=workers, engine=engine,
                               progress=False, on_result=on_result))
    wall = time.perf_counter() - t0
    steady = stamps[-1] - stamps[0] if len(stamps) > 1 else float("nan")
    docs = s.analysed
    return {
        "workers": workers, "engine": engine, "docs": docs, "failed": s.failed_files,
        "analysis_seconds": round(s.analysis_seconds, 2), "run_seconds": round(wall, 2),
        "errors": sorted({json.loads(x)["error"] for x in (out / "errors.jsonl").read_text("utf-8").splitlines()})[:3],
        "docs_per_s": round(docs / s.analysis_seconds, 1), "words_per_s": round(words / s.analysis_seconds),
        "steady_docs_per_s": round((len(stamps) - 1) / steady, 1),
        "steady_words_per_s": round(words * (len(stamps) - 1) / len(stamps) / steady),
        "worker_peak_rss_mb": sorted(round(v) for v in s.worker_peak_rss_mb.values()),
        # below 1.0 the workers did not get a whole core each: other processes were using the CPUs
        "worker_cpu_share": round(busy[1] / busy[0], 2) if busy[0] else None,
        "load_average_before": round(load_before, 2),
    }


def kill_test(inputs: Path, out: Path, reference: Path, workers: int) -> dict[str, object]:
    cmd = [sys.executable, "-c", "import sys; from service.cli import main; sys.exit(main(sys.argv[1:]))",
           "batch", str(inputs), "--out", str(out), "--workers", str(workers), "--no-progress"]
    total = sum(1 for _ in inputs.rglob("*.txt"))
    proc = subprocess.Popen(cmd, cwd=REPO, start_new_session=True, stderr=subprocess.DEVNULL)
    results = out / ".results"
    while proc.poll() is None and sum(1 for _ in results.glob("*/*.json")) < total // 2:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_at_kill = sum(1 for _ in results.glob("*/*.json"))
    s = run_batch(BatchOptions(inputs=[str(inputs)], out=out, workers=workers, progress=False))
    same = {name: (out / name).read_bytes() == (reference / name).read_bytes() for name in OUTPUTS}
    return {"done_at_kill": done_at_kill, "resumed_analysed": s.analysed, "skipped": s.skipped,
            "identical": all(same.values()), "differing": [k for k, v in same.items() if not v]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--engine", choices=("local", "dask"), default="local")
    ap.add_argument("--kill-test", action="store_true")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="chitieu-bench-batch-"))
    try:
        inputs = tmp / "inputs"
        words = replicate(args.corpus, args.docs, inputs)
        runs = [measure(inputs, tmp / f"out-{w}", w, args.engine, words) for w in args.workers]
        report: dict[str, object] = {"machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
                                     "python": platform.python_version(), "words": words, "runs": runs}
        if len(runs) > 1 and runs[0]["docs"] and runs[-1]["docs"]:
            report["speedup"] = round(runs[-1]["docs_per_s"] / runs[0]["docs_per_s"], 2)
            report["steady_speedup"] = round(runs[-1]["steady_docs_per_s"] / runs[0]["steady_docs_per_s"], 2)
        if args.kill_test:
            w = args.workers[-1]
            report["kill_test"] = kill_test(inputs, tmp / "out-killed", tmp / f"out-{w}", w)
        print(json.dumps(report, indent=2, ensure_ascii=False))
        print("\n| workers | docs | docs/s | words/s | steady docs/s | analysis s | run s | peak RSS per worker (MB) "
              "| CPU share |")
        print("|---:|---:|---:|---:|---:|---:|---:|---|---:|")
        for r in runs:
            print(f"| {r['workers']} | {r['docs']} | {r['docs_per_s']} | {r['words_per_s']:,} | "
                  f"{r['steady_docs_per_s']} | {r['analysis_seconds']} | {r['run_seconds']} | "
                  f"{', '.join(map(str, r['worker_peak_rss_mb']))} | {r['worker_cpu_share']} |")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
