"""Where `work.analyse_path` runs: local worker processes or a dask.distributed cluster.

An engine takes (abspath, sha256) tasks and yields `WorkResult`s as they
finish, in any order; the runner writes them. Workers never touch the output
folder, so a remote dask cluster only needs to see the input files.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager

from service.batch import work

Task = tuple[str, str]  # (absolute path, sha256)
ENGINES = ("local", "dask")


def run(engine: str, tasks: Sequence[Task], workers: int, scheduler: str | None = None) -> Iterator[work.WorkResult]:
    if not tasks:
        return iter(())
    if engine == "local":
        return _local(tasks, workers)
    if engine == "dask":
        return _dask(tasks, workers, scheduler)
    raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")


def _local(tasks: Sequence[Task], workers: int) -> Iterator[work.WorkResult]:
    """N spawned processes; each loads the models once in its initializer."""
    ctx = multiprocessing.get_context("spawn")  # no fork of a threaded parent; same as dask's workers
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=work.init_local_worker)
    try:
        with _started_without_ctrl_c():  # a submit starts a worker while fewer than `workers` run
            futures = {pool.submit(work.analyse_path, path, sha): (path, sha) for path, sha in tasks[:workers]}
        futures.update({pool.submit(work.analyse_path, path, sha): (path, sha) for path, sha in tasks[workers:]})
        for fut in as_completed(futures):
            path, sha = futures.pop(fut)
            yield _result_or_crash(fut, path, sha)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _started_without_ctrl_c() -> Iterator[None]:
    """Processes started inside begin life with SIGINT blocked, and a Ctrl-C meanwhile waits for the parent.

    Ctrl-C reaches every process of the terminal's group. A worker still importing when it came died with
    a traceback before its initializer could ignore it. A blocked signal stays blocked across fork and exec,
    so a new worker holds it pending until its initializer ignores it, which discards it; the parent's Ctrl-C
    is delivered when the block ends (ignoring it instead, as the workers do, would lose it)."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _dask(tasks: Sequence[Task], workers: int, scheduler: str | None) -> Iterator[work.WorkResult]:
    """The same function on dask workers: the cluster at `scheduler`, else a LocalCluster of N processes."""
    from dask.distributed import Client, LocalCluster
    from dask.distributed import as_completed as dask_as_completed

    logging.getLogger("distributed").setLevel(logging.WARNING)  # the in-process scheduler is chatty at INFO
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,  # one analysis at a time per process: the models are not shared by threads
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    try:
        client.run(work.warm_up)  # models load once per worker, before the first document
        futures = client.map(work.analyse_path, [p for p, _ in tasks], [s for _, s in tasks], pure=False)
        pending = dict(zip(futures, tasks, strict=True))
        del futures
        for fut in dask_as_completed(list(pending)):
            path, sha = pending.pop(fut)
            result = _result_or_crash(fut, path, sha)
            fut.release()
            yield result
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _result_or_crash(fut, path: str, sha: str) -> work.WorkResult:  # noqa: ANN001 - either kind of future
    try:
        return fut.result()
    except Exception as exc:  # noqa: BLE001 - a dead worker fails its documents, not the batch
        return work.WorkResult(
            path=path, sha256=sha, error=f"worker failed ({type(exc).__name__}: {exc})", stage="worker"
        )
