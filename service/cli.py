"""The `chitieu` command: `chitieu COMMAND ...`.

Each subcommand lives in `service/commands/` and registers its own parser;
its `run(args) -> int` is the exit code.
"""

from __future__ import annotations

import argparse
import errno
import logging
import sys
from collections.abc import Sequence

from service.commands import COMMANDS
from service.commands.common import PROG


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)  # usage errors: SystemExit(2)
    logging.basicConfig(
        level=logging.DEBUG if getattr(args, "debug", False) else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    from nlp.resources import ResourceError

    try:
        code = int(args.run(args))
        sys.stdout.flush()  # a full disk shows here, not in the interpreter's flush at exit
        return code
    except ResourceError as exc:  # any command: a missing or corrupt model or data file is one clear line
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `chitieu analyze … --json | head`: the reader left, not an error
        _silence_stdout()
        return 0
    except OSError as exc:
        if _stdout_broken() or (exc.filename is None and exc.errno in _OUTPUT_FULL):
            # the output cannot be written (a full disk: `… --json > /dev/full`); files a command opens itself
            # carry their name and are that command's to report
            _silence_stdout()
            print(f"{PROG}: cannot write the output ({exc.strerror or type(exc).__name__})", file=sys.stderr)
            return 1
        raise  # a file a command reads or writes itself is that command's to report: this is a bug


_OUTPUT_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}


def _stdout_broken() -> bool:
    try:
        sys.stdout.flush()
    except OSError:
        return True
    return False


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that nothing is left to fail in the flush at exit."""
    import os

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _build_parser() -> argparse.ArgumentParser:
    from service import __version__

    parser = argparse.ArgumentParser(
        prog=PROG, description="Vietnamese directive analysis: targets, references, entities, guidance."
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.register(sub)
    return parser


if __name__ == "__main__":
    sys.exit(main())
