"""`chitieu batch` stopped from outside: SIGTERM ends it as Ctrl-C does, and a worker outlives no parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
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


def _mask_at_start(queue) -> None:  # noqa: ANN001 - a multiprocessing queue; runs in the spawned child
    queue.put(signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, []))


def test_a_worker_starts_with_ctrl_c_held_back_until_its_initializer_ignores_it() -> None:
    import multiprocessing

    from service.batch.engines import _started_without_ctrl_c

    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    with _started_without_ctrl_c():
        child = ctx.Process(target=_mask_at_start, args=(queue,))
        child.start()
    assert queue.get(timeout=60) is True  # a Ctrl-C while it imports cannot kill it with a traceback
    child.join(60)
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])  # the parent's mask is back


def test_a_ctrl_c_while_workers_start_still_stops_the_parent() -> None:
    from service.batch.engines import _started_without_ctrl_c

    with pytest.raises(KeyboardInterrupt):  # held back at most while the workers start, never dropped
        with _started_without_ctrl_c():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)
        time.sleep(0.05)


@needs_pipeline
def test_ctrl_c_while_a_worker_is_starting_prints_no_traceback(tmp_path: Path) -> None:
    inputs = write_many(tmp_path / "in", 4)
    proc = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "batch", str(inputs), "--out", str(tmp_path / "out"), "--workers", "1",
         "--no-progress"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)}, start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and len(_children(proc.pid)) < 2:
        time.sleep(0.01)
    time.sleep(0.05)  # the worker is importing: where a Ctrl-C used to kill it with a traceback
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the whole group
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
