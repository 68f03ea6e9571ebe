"""Worker side: one file in, one `WorkResult` out, models loaded once per process.

Both engines (local processes and dask workers) call exactly this code, so
their outputs cannot differ. Everything returned is picklable plain data.
"""

from __future__ import annotations

import os
import resource
import signal
import sys
import threading
import time
from dataclasses import dataclass

# Touches every model (segmenter, spaCy, the CRF for unexplained capitalised runs).
_WARM_UP_TEXT = "Huyện ủy Tân Phú phấn đấu kết nạp 50 đảng viên mới trong năm 2024, đạt 100% kế hoạch."
_warm = False
_fingerprint = ""


@dataclass(frozen=True)
class WorkResult:
    path: str
    sha256: str
    analysis_json: str | None = None  # `Analysis.model_dump_json()` when it worked
    error: str | None = None
    stage: str | None = None  # "ingest" | "analysis" | "changed" on failure
    fingerprint: str = ""  # of the analysis code this worker loaded
    pid: int = 0
    peak_rss_mb: float = 0.0
    seconds: float = 0.0  # wall time of this document in the worker
    cpu_seconds: float = 0.0  # CPU time of this document (less than `seconds` when the CPU is shared)


def warm_up() -> None:
    """Load the pipeline and its models in this process (once; later calls are free)."""
    global _warm, _fingerprint
    if _warm:
        return
    from nlp.pipeline import analyze_text
    from service.batch.fingerprint import analysis_fingerprint

    _fingerprint = analysis_fingerprint()  # as close as possible to the moment the code was imported
    analyze_text(_WARM_UP_TEXT)
    _warm = True


def init_local_worker() -> None:
    """Initializer of local worker processes: Ctrl-C is the parent's to handle, the worker goes when its parent
    does, then warm up."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True, name="parent-watch").start()
    warm_up()


def _exit_with_parent(parent: int, every: float = 1.0) -> None:
    """A parent killed outright (kill -9, an OOM kill) cannot stop its pool: without this the worker, re-parented,
    would run on, or block for ever writing a result nobody reads."""
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)


def analyse_path(path: str, sha256: str) -> WorkResult:
    """Ingest and analyse one file; failures come back as data, never as exceptions."""
    from nlp.ingest import IngestError, read_file
    from nlp.pipeline import analyze_text

    warm_up()
    t0, c0 = time.perf_counter(), time.process_time()
    error = stage = analysis_json = None
    try:
        ingested = read_file(path)
        if ingested.source.sha256 != sha256:
            error, stage = "file changed while the batch was running", "changed"
        else:
            analysis = analyze_text(ingested.text, ingested.source, ingested.warnings)
            analysis_json = analysis.model_dump_json()
    except IngestError as exc:
        error, stage = exc.reason, "ingest"
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
        error, stage = f"analysis failed ({type(exc).__name__}: {' '.join(str(exc).split())})", "analysis"
    return WorkResult(
        path=path,
        sha256=sha256,
        analysis_json=analysis_json,
        error=error,
        stage=stage,
        fingerprint=_fingerprint,
        pid=os.getpid(),
        peak_rss_mb=peak_rss_mb(),
        seconds=time.perf_counter() - t0,
        cpu_seconds=time.process_time() - c0,
    )


def peak_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024  # bytes on macOS, KiB on Linux
