"""`chitieu batch` stopped from outside: SIGTERM ends it as Ctrl-C does, and a worker outlives no parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from helpers_service import needs_pipeline
from test_batch_inputs import write_many

REPO = Path(__file__).resolve().parents[1]


def _children(pid: int) -> set[int]:
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.add(int(stat.parent.name))
    return out


def _gone(pids: set[int], seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{p}").exists() and "Z" not in _state(p) for p in pids):
            return True
        time.sleep(0.2)
    return False


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def test_a_worker_exits_when_its_parent_is_killed(tmp_path: Path) -> None:
    script = textwrap.dedent("""
        import multiprocessing, os, sys, time
        sys.path.insert(0, sys.argv[1])

        def child():
            import threading
            try:
                from service.batch.work import _exit_with_parent
            except ImportError:  # without the watch the child must outlive its parent, and the test fail
                _exit_with_parent = None
            if _exit_with_parent is not None:
                threading.Thread(target=_exit_with_parent, args=(os.getppid(), 0.1), daemon=True).start()
            time.sleep(600)

        if __name__ == "__main__":
            p = multiprocessing.get_context("spawn").Process(target=child)
            p.start()
            print(p.pid, flush=True)
            time.sleep(2)
            os._exit(0)  # as kill -9 would: no cleanup of the child
    """)
    (tmp_path / "parent.py").write_text(script, encoding="utf-8")
    run = subprocess.run([sys.executable, str(tmp_path / "parent.py"), str(REPO)], capture_output=True, text=True,
                         timeout=60, check=True)
    child = int(run.stdout.split()[0])
    assert _gone({child})


@needs_pipeline
def test_sigterm_stops_a_batch_like_ctrl_c_and_leaves_no_worker(tmp_path: Path) -> None:
    inputs = write_many(tmp_path / "in", 40)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "batch", str(inputs), "--out", str(out), "--workers", "1",
         "--no-progress"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while time.monotonic() < deadline and proc.poll() is None:
        workers = {p for p in _children(proc.pid) if _state(p) != "Z"}
        if (out / ".lock").exists() and len(workers) >= 2:  # the pool's worker and its resource tracker
            break
        time.sleep(0.2)
    assert proc.poll() is None, proc.communicate()
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert _gone(workers)
