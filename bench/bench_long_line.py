"""How analysis time grows with a text pasted as one line (no full stops, thousands of numbers).

    python bench/bench_long_line.py [--sizes 500,1000,2000,4000]

Each size repeats one plan sentence that holds two targets; the time of `analyze_text` (models loaded and
warmed up first) is printed with its milliseconds per target and its ratio to the size before. A ratio near 2
per doubling is linear; until session 18 every number re-read its whole "sentence" (the line) and its block,
and 1,000 copies took 160 s against 7 s now.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SENTENCE = "Phấn đấu năm 2026 kết nạp ít nhất 30 đảng viên mới, 100% chi bộ ấp có đảng viên là đoàn viên; "


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,1000,2000,4000", help="copies of the sentence, comma-separated")
    sizes = [int(x) for x in parser.parse_args().sizes.split(",")]
    from nlp import pipeline

    pipeline.load_models()
    pipeline.analyze_text(SENTENCE * 10)
    print(f"{'copies':>7} {'chars':>9} {'seconds':>8} {'ms/target':>9} {'ratio':>6}")
    before = None
    for n in sizes:
        text = SENTENCE * n
        t = time.perf_counter()
        found = len(pipeline.analyze_text(text).targets)
        took = time.perf_counter() - t
        ratio = f"{took / before:.2f}" if before else ""
        print(f"{n:>7} {len(text):>9} {took:>8.2f} {1000 * took / max(found, 1):>9.2f} {ratio:>6}")
        before = took


if __name__ == "__main__":
    main()
