"""Run a parser on untrusted bytes in a child process with a memory limit and a timeout.

A hostile or broken file (decompression bombs, pathological PDFs) must not hang
or exhaust the service: the child sets RLIMIT_AS, runs in its own process group
(so a Tesseract it started dies with it) and is killed when the time is up.
Children come from a "forkserver" that has the parsers imported, so a call
costs a fork, not an interpreter start.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
from collections.abc import Callable
from typing import Any

from nlp.ingest import IngestError, UnsupportedType
from nlp.ingest.limits import Limits

_PRELOAD = ["nlp.ingest.parse"]
_ctx: Any = None


def _context() -> Any:
    global _ctx
    if _ctx is None:
        _ctx = mp.get_context("forkserver")
        _ctx.set_forkserver_preload(_PRELOAD)
    return _ctx


def run(func: Callable[..., Any], args: tuple[Any, ...], limits: Limits) -> Any:
    """func(*args) in a limited child process; its IngestError re-raised here.

    A daemonic process (a multiprocessing or dask worker) may not start children: there the
    parser runs in-process, the worker itself being the isolation.
    """
    if mp.current_process().daemon:
        return func(*args)
    ctx = _context()
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, func, args, limits.memory_mb), daemon=True)
    proc.start()
    send.close()
    try:
        if not recv.poll(limits.timeout_s):
            raise IngestError(
                f"parsing took longer than {limits.timeout_s:g} s (limit CHITIEU_PARSE_TIMEOUT_S)"
            )
        try:
            status, payload = recv.recv()
        except (EOFError, OSError):
            proc.join(5)
            raise IngestError(
                f"parsing ran out of memory (limit {limits.memory_mb} MB, CHITIEU_PARSE_MEMORY_MB) or crashed"
            ) from None
    finally:
        recv.close()
        _stop(proc)
    if status == "ok":
        return payload
    kind, reason, media_type = payload
    cls = UnsupportedType if kind == "unsupported" else IngestError
    raise cls(reason, media_type=media_type)


def _stop(proc: Any) -> None:
    if proc.is_alive():
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            proc.kill()
    proc.join(5)


def _child(send: Any, func: Callable[..., Any], args: tuple[Any, ...], memory_mb: int) -> None:
    import resource

    os.setsid()
    limit = memory_mb * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):
        pass
    try:
        send.send(("ok", func(*args)))
    except UnsupportedType as exc:
        send.send(("error", ("unsupported", exc.reason, exc.media_type)))
    except IngestError as exc:
        send.send(("error", ("ingest", exc.reason, exc.media_type)))
    except MemoryError:
        send.send(("error", ("ingest", f"parsing needs more memory than the limit of {memory_mb} MB "
                                       "(CHITIEU_PARSE_MEMORY_MB)", None)))
    except Exception as exc:  # noqa: BLE001 - reported, never a traceback
        send.send(("error", ("ingest", f"unreadable file ({type(exc).__name__})", None)))
    finally:
        send.close()
