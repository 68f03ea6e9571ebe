"""`chitieu annotate prefill|check|status|agree`: tools for the gold annotations in corpus/annotations."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from service.commands.common import corpus_missing, error


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("annotate", help="draft and check gold annotations (corpus/annotations)")
    _folders(p, None)
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    # the folders may follow the action too ("annotate check --corpus X"); there they keep the value given before it
    pre = _folders(actions.add_parser("prefill", help="write a draft from the pipeline for DOC ids (raw/000 …)"))
    pre.add_argument("docs", nargs="+", metavar="DOC")
    pre.add_argument("--force", action="store_true", help="overwrite an existing file (even a finished one)")
    _folders(actions.add_parser("check", help="validate every annotation file against the corpus texts"))
    _folders(actions.add_parser("status", help="list annotation files with their status and layers"))
    agree = _folders(actions.add_parser(
        "agree", help="agreement of a second, independent annotation of targets with the gold"))
    agree.add_argument("file", nargs="?", type=Path, default=None,
                       help="second annotation, JSON Lines (default corpus/annotations/agreement/targets-second.jsonl)")
    agree.add_argument("--split", choices=["train", "dev", "test", "all"], default="all")
    agree.add_argument("--disputes", action="store_true",
                       help="list the targets only one annotation has, as JSON Lines (refused for the test split)")
    p.set_defaults(run=run)


def _folders(p: argparse.ArgumentParser, default: object = argparse.SUPPRESS) -> argparse.ArgumentParser:
    p.add_argument("--corpus", type=Path, default=default, help="corpus folder (default ../shared/corpus)")
    p.add_argument("--root", type=Path, default=default, help="annotations folder (default corpus/annotations)")
    return p


def run(args: argparse.Namespace) -> int:
    from nlp.evaluation import annotations as A

    if args.action in ("prefill", "check", "agree") and corpus_missing(args.corpus):
        return 1
    root = args.root or A.ANNOTATIONS
    if args.action == "prefill":
        from nlp.evaluation.prefill import draft

        failed = False
        for doc_id in args.docs:
            if not A.DOC_ID.fullmatch(doc_id):  # "../../x" would write outside the annotations folder
                error(doc_id, "not a corpus document id (FOLDER/NAME, as raw/012 or full/003)")
                failed = True
                continue
            path = A.annotation_path(doc_id, root)
            if path.exists() and not args.force:
                error(str(path), "exists (use --force to overwrite)")
                failed = True
                continue
            try:
                A.save(draft(doc_id, args.corpus), root)
            except A.CorpusError as exc:
                error(None, str(exc))
                failed = True
                continue
            print(f"wrote {path}")
        return 1 if failed else 0
    if args.action == "agree":
        return _agree(args, root)
    if not root.is_dir():  # a mistyped --root would otherwise report "0 files, 0 problems" and pass
        error(str(root), "no such annotations folder")
        return 2
    anns = A.load_all(root)
    if args.action == "status":
        for ann in anns:
            print(f"{ann.doc_id}\t{ann.status}\t{','.join(ann.layers)}\t{len(ann.targets)} targets\t"
                  f"{len(ann.references)} refs\t{len(ann.entities)} entities\t{len(ann.guidance)} items")
        return 0
    bad = 0
    for ann in anns:
        try:
            text = A.read_text(ann.doc_id, args.corpus)
        except A.CorpusError as exc:  # reported and counted; the other files are still checked
            error(None, str(exc))
            bad += 1
            continue
        for msg in A.problems(ann, text):
            error(ann.doc_id, msg)
            bad += 1
    print(f"{len(anns)} files, {bad} problems", file=sys.stderr)
    return 1 if bad else 0


def _agree(args: argparse.Namespace, root: Path) -> int:
    import json

    from nlp.evaluation import annotations as A
    from nlp.evaluation.agreement import SECOND, AgreementError, agreement, load_second, problems

    if args.disputes and args.split in ("test", "all"):
        error(None, "--disputes lists documents one by one; the test split is only looked at as totals "
                    "(use --split train or dev)")
        return 2
    path = args.file or SECOND
    try:
        seconds = load_second(path)
    except AgreementError as exc:
        error(None, str(exc))
        return 1
    splits = A.load_splits()
    by_split: dict[str, list] = {}
    for second in seconds:
        split = splits.get(second.doc_id)
        if args.split not in ("all", split):
            continue
        try:
            gold = A.load(second.doc_id, root)
            text = A.read_text(second.doc_id, args.corpus)
        except FileNotFoundError:
            error(second.doc_id, f"no gold annotation under {root}")
            return 1
        except A.CorpusError as exc:
            error(None, str(exc))
            return 1
        gold, lost = A.checked(gold, text)
        wrong = lost + problems(second, text)
        if wrong:
            error(second.doc_id, wrong[0])
            return 1
        if "targets" in gold.layers:
            by_split.setdefault(split or "unsplit", []).append((gold, second))
    if not by_split:
        error(None, f"{path}: no annotated document of split {args.split!r}")
        return 1
    for split in sorted(by_split):
        a = agreement(by_split[split])
        if args.disputes:
            for d in a.disputes:
                print(json.dumps(d, ensure_ascii=False))
            continue
        c = a.counts
        print(f"{split:6s} {a.documents:3d} documents  gold {c.tp + c.fn:4d}  second {c.tp + c.fp:4d}  "
              f"agreed {c.tp:4d}  P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}")
    return 0
