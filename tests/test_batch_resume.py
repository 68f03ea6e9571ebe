"""kill -9 in the middle of a batch loses nothing finished; the rerun ends with the same bytes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from helpers_service import REPO, needs_pipeline
from test_batch_inputs import output_bytes, write_many

from service.batch.runner import BatchOptions, run_batch

pytestmark = needs_pipeline
N_DOCS = 30


def _start(inputs: Path, out: Path) -> subprocess.Popen[bytes]:
    code = "import sys; from service.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.Popen(
        [sys.executable, "-c", code, "batch", str(inputs), "--out", str(out), "--workers", "1", "--no-progress"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )


def _finished(out: Path) -> list[Path]:
    folder = out / ".results"
    return sorted(folder.glob("*/*.json")) if folder.is_dir() else []


def test_kill_9_half_way_then_rerun_gives_the_uninterrupted_outputs(tmp_path: Path) -> None:
    inputs = write_many(tmp_path / "in", N_DOCS)
    reference = tmp_path / "reference"
    run_batch(BatchOptions(inputs=[str(inputs)], out=reference, workers=1, progress=False))

    out = tmp_path / "killed"
    proc = _start(inputs, out)
    deadline = time.monotonic() + 120
    while len(_finished(out)) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)  # the batch process and its workers, with no chance to clean up
    proc.wait()

    done = _finished(out)
    assert 3 <= len(done) < N_DOCS, "the run was not interrupted half-way"
    for result in done:  # atomic writes: every result that exists is complete
        assert json.loads(result.read_text("utf-8"))["schema_version"] == "1"
    assert not (out / "analyses.jsonl").exists()  # outputs are written only at the end of a run

    summary = run_batch(BatchOptions(inputs=[str(inputs)], out=out, workers=1, progress=False))
    assert summary.skipped == len(done) and summary.analysed == N_DOCS - len(done)
    assert not list((out / ".results").glob("*/.*.tmp"))
    assert output_bytes(out) == output_bytes(reference)
