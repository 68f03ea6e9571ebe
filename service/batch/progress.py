"""The progress bar on stderr: documents/s, words/s and ETA (tqdm; silent when not a terminal)."""

from __future__ import annotations

import sys
import time
from types import TracebackType

from tqdm import tqdm

from service.batch.tables import count_words
from service.batch.work import WorkResult


class Progress:
    def __init__(self, total: int, enabled: bool | None) -> None:
        # disable=None lets tqdm switch itself off when stderr is not a TTY
        self._bar = tqdm(total=total, unit="doc", file=sys.stderr, disable=None if enabled is None else not enabled,
                         dynamic_ncols=True, smoothing=0.1)
        self._words = 0
        self._t0 = time.perf_counter()
        self._failed = 0

    def update(self, result: WorkResult) -> None:
        if self._bar.disable:
            return
        if result.analysis_json is None:
            self._failed += 1
        else:
            self._words += _words_of(result.analysis_json)
        elapsed = max(time.perf_counter() - self._t0, 1e-9)
        self._bar.set_postfix_str(f"{self._words / elapsed:,.0f} words/s, {self._failed} failed", refresh=False)
        self._bar.update(1)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._bar.close()


def _words_of(analysis_json: str) -> int:
    """Words of the analysed text without parsing the whole JSON (text is the first big field)."""
    import json

    return count_words(json.loads(analysis_json).get("text") or "")
