"""`chitieu eval [--split test] [--corpus PATH] [--json]`: score the pipeline on annotated documents.

`--split challenge` scores the project's written challenge sets instead (nlp/evaluation/challenge.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from service.commands.common import corpus_missing, error, unwritable


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="score the analysis against the annotated corpus")
    p.add_argument("--split", choices=["train", "dev", "test", "all", "challenge"], default="test",
                   help="a split of the annotated corpus, or 'challenge': the written challenge sets")
    p.add_argument("--corpus", type=Path, default=None, help="corpus folder (default ../shared/corpus)")
    p.add_argument("--root", type=Path, default=None, help="annotations folder (default corpus/annotations)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--include-drafts", action="store_true", help="also score draft annotations")
    p.add_argument("--save", type=Path, default=None, metavar="FILE",
                   help="also write the headline figures as JSON (the regression baseline)")
    p.add_argument("--errors", nargs="?", const="all", default=None, metavar="LAYER",
                   help="list every error as JSON Lines instead of the table (all, or one layer: targets, "
                        "ORG, PER, LOC, references, document, guidance); refused for the test split")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from nlp.evaluation import annotations as A
    from nlp.evaluation.scoring import Report, format_table, headline, score_document
    from nlp.pipeline import process, to_analysis

    if args.split == "challenge":
        return _challenge(args)
    if args.errors and args.split in ("test", "all"):
        error(None, "--errors lists documents one by one; the test split is only looked at as totals "
                    "(use --split train or dev)")
        return 2
    if args.save and (why := unwritable(args.save)):
        error(str(args.save), why)
        return 2
    if corpus_missing(args.corpus):
        return 1
    root = args.root or A.ANNOTATIONS
    splits = A.load_splits()
    anns = [
        a for a in A.load_all(root)
        if (args.split == "all" or splits.get(a.doc_id) == args.split) and (a.status == "done" or args.include_drafts)
    ]
    if not anns:
        error(None, f"no finished annotations in split {args.split!r} under {root}")
        return 1
    report = Report()
    for ann in anns:
        try:
            text = A.read_text(ann.doc_id, args.corpus)
        except A.CorpusError as exc:  # a figure without one of its documents would not be the split's
            error(None, str(exc))
            return 1
        ann, problems = A.checked(ann, text)
        if problems:
            error(ann.doc_id, problems[0] + " (run `chitieu annotate check`)")
            return 1
        doc = process(text)  # scored now: the Doc is only needed to say why a target was missed
        score_document(report, ann, to_analysis(doc), doc)
    if args.save:
        try:
            args.save.write_text(
                json.dumps({"split": args.split, "documents": report.documents, "headline": headline(report)},
                           ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        except OSError as exc:
            error(str(args.save), f"cannot write ({exc.strerror or type(exc).__name__})")
            return 1
    if args.errors:
        for e in report.errors:
            if args.errors in ("all", e["layer"]):
                print(json.dumps(e, ensure_ascii=False))
    elif args.json:
        print(json.dumps({"split": args.split, "headline": headline(report), **report.as_dict()},
                         ensure_ascii=False, indent=1))
    else:
        print(format_table(report, f"chitieu eval --split {args.split}"))
    sys.stdout.flush()
    return 0


def _challenge(args: argparse.Namespace) -> int:
    from nlp.evaluation.challenge import CHALLENGE, format_report, report

    if args.errors or args.save:
        error(None, "--errors and --save apply to the annotated corpus, not to --split challenge")
        return 2
    if not (CHALLENGE / "headers" / "key.jsonl").exists() or not any((CHALLENGE / "targets").glob("*.txt")):
        error(None, f"challenge sets not found under {CHALLENGE}")
        return 1
    r = report()
    print(json.dumps(r, ensure_ascii=False, indent=1) if args.json else format_report(r))
    sys.stdout.flush()
    return 0
