"""Words per second of the chitieu analysis versus underthesea's own `ner()`.

    python bench/bench_analyze.py [--corpus DIR] [--repeat N]

Both sides run over every `DIR/raw/*.txt` (default: ../shared/corpus beside
the repository), each in its own subprocess so that the peak memory (RSS) is
that side's alone. Models are loaded and warmed up before timing starts.
Words are whitespace-separated tokens containing a letter or a digit.

Reference side: each text is split into non-empty lines, each line into
sentences with `underthesea.sent_tokenize`, and `underthesea.ner()` runs once
per sentence (it tokenises, POS-tags and chunks internally).
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
_WORD = re.compile(r"[^\W_]", re.UNICODE)


def count_words(text: str) -> int:
    return sum(1 for tok in text.split() if _WORD.search(tok))


def load_texts(corpus: Path) -> list[str]:
    files = sorted((corpus / "raw").glob("*.txt"))
    if not files:
        raise SystemExit(f"no texts in {corpus / 'raw'}")
    return [f.read_text(encoding="utf-8") for f in files]


def peak_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024  # bytes on macOS, KiB on Linux


def worker(side: str, corpus: Path, repeat: int) -> dict[str, object]:
    texts = load_texts(corpus)
    words = sum(count_words(t) for t in texts)
    if side == "chitieu":
        from nlp.pipeline import analyze_text

        analyze_text("Khởi động.")

        def run_once() -> None:
            for t in texts:
                analyze_text(t)
    else:
        import underthesea

        sentences = [
            s
            for t in texts
            for line in t.splitlines()
            if line.strip()
            for s in underthesea.sent_tokenize(line)
        ]
        underthesea.ner("Khởi động.")

        def run_once() -> None:
            for s in sentences:
                underthesea.ner(s)

    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run_once()
        times.append(time.perf_counter() - t0)
    seconds = statistics.median(times)
    return {
        "side": side,
        "texts": len(texts),
        "words": words,
        "seconds": seconds,
        "times": times,
        "words_per_s": words / seconds,
        "peak_rss_mb": peak_rss_mb(),
    }


def measure(side: str, corpus: Path, repeat: int) -> dict[str, object]:
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        side,
        "--corpus",
        str(corpus),
        "--repeat",
        str(repeat),
    ]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"{side} benchmark failed (exit {proc.returncode})")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder holding raw/*.txt")
    ap.add_argument("--repeat", type=int, default=3, help="repetitions per side; the median is reported")
    ap.add_argument("--worker", choices=["chitieu", "underthesea"], help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    corpus = args.corpus.resolve()

    if args.worker:
        print(json.dumps(worker(args.worker, corpus, args.repeat)))
        return 0

    ours = measure("chitieu", corpus, args.repeat)
    ref = measure("underthesea", corpus, args.repeat)
    ratio = ours["words_per_s"] / ref["words_per_s"]

    print(
        f"corpus: {corpus / 'raw'} ({ours['texts']} texts, {ours['words']} words), "
        f"median of {args.repeat} runs, Python {platform.python_version()}, {platform.machine()}"
    )
    print()
    print("| analysis | words/s | seconds | peak RSS (MB) |")
    print("|---|---:|---:|---:|")
    for name, r in (
        ("chitieu `analyze_text` (full pipeline)", ours),
        ("underthesea `ner()` per sentence", ref),
    ):
        print(f"| {name} | {r['words_per_s']:,.0f} | {r['seconds']:.2f} | {r['peak_rss_mb']:.0f} |")
    print()
    print(f"ratio chitieu / underthesea ner(): {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
