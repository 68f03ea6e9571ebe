"""`chitieu batch INPUT... --out DIR`: a corpus of files to analyses.jsonl, tables and report.html."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from service.commands.common import error


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "batch",
        help="analyse a corpus of files into tables and a report",
        description="Analyse files, folders (recursive) or glob patterns into DIR: analyses.jsonl, "
        "documents/targets/references/entities/guidance as Parquet and CSV, report.html. "
        "Resumable: a rerun analyses only what is not done yet.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder or glob pattern (quote it)")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="output folder (created if needed)")
    p.add_argument("--workers", type=_positive, default=os.cpu_count() or 1, metavar="N",
                   help="worker processes (default: number of CPUs)")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local worker processes, or dask.distributed (default: local)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a LocalCluster of N workers)")
    p.add_argument("--db", metavar="URL", help="also store the analyses into the service database at URL")
    p.add_argument("--no-progress", action="store_true", help="no progress bar (it is off anyway when not a terminal)")
    p.add_argument("--debug", action="store_true", help="log tracebacks of unexpected errors to stderr")
    p.set_defaults(run=run)


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # the pool is shut down and finished documents kept, as after Ctrl-C


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def run(args: argparse.Namespace) -> int:
    from service.batch.runner import BatchOptions, print_summary, run_batch
    from service.batch.store import BatchBusy

    if args.scheduler and args.engine != "dask":
        error(None, "--scheduler needs --engine dask")
        return 2
    if args.out.exists() and not args.out.is_dir():
        error(None, f"--out {args.out}: a file is in the way; give a folder")
        return 2
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        error(None, f"--out {args.out}: cannot create the folder ({exc.strerror or exc})")
        return 2
    save = None
    if args.db:
        from service.batch.db import DatabaseUnavailable, saver

        try:
            save = saver(args.db)  # checked before hours of analysis, not after
        except DatabaseUnavailable as exc:
            error(None, f"--db: {exc}")
            return 2
    opts = BatchOptions(
        inputs=args.inputs, out=args.out, workers=args.workers, engine=args.engine,
        scheduler=args.scheduler, progress=False if args.no_progress else None,
    )
    from nlp import guidance_model, target_model

    try:
        target_model.load_model()  # a missing or corrupt model: one line here (service/cli.py), not in every worker
        guidance_model.load()
    except KeyboardInterrupt:
        error(None, "interrupted before the analysis started")
        return 130
    previous = signal.signal(signal.SIGTERM, _terminate)  # `kill`, `docker stop`, systemd: stop as on Ctrl-C
    try:
        summary = run_batch(opts)
    except KeyboardInterrupt:
        error(None, f"interrupted; finished documents are kept in {args.out}, run the same command again to continue")
        return 130
    except BatchBusy as exc:
        error(None, str(exc))
        return 1
    except Exception as exc:  # noqa: BLE001 - one line, traceback with --debug
        error(None, f"batch failed ({type(exc).__name__}: {exc})", args.debug)
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)
    print_summary(summary, args.out)
    if not summary.files and not summary.failed_files:  # an empty folder, or one holding only hidden files
        error(None, f"no files found in {', '.join(args.inputs)}; nothing was analysed")
        return 1
    if save is not None:
        try:
            stored = save(args.out)
        except Exception as exc:  # noqa: BLE001
            error(None, f"--db: storing failed ({type(exc).__name__}: {exc})", args.debug)
            return 1
        print(f"chitieu batch: {stored} analyses stored into the database", file=sys.stderr)
    return 1 if summary.failed_files else 0
