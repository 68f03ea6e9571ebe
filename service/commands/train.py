"""`chitieu train targets [--corpus PATH]`: rebuild a model of `models/` from the annotated corpus."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from service.commands.common import error


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help="train a model from the annotated corpus (written to models/)")
    p.add_argument("model", choices=["targets", "guidance"], help="which model")
    p.add_argument("--corpus", type=Path, default=None, help="corpus folder (default ../shared/corpus)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from nlp.evaluation.annotations import CorpusError

    try:
        return _train(args)
    except CorpusError as exc:  # the models in models/ are untouched: they are written only at the end
        error(None, f"{exc}; models/ unchanged")
        return 1


def _train(args: argparse.Namespace) -> int:
    if args.model == "targets":
        from nlp.target_model import load_model
        from nlp.training.targets import train

        load_model.cache_clear()
        print(json.dumps(train(args.corpus), ensure_ascii=False, indent=1))
    elif args.model == "guidance":
        from nlp.guidance_model import load
        from nlp.training.guidance import train as train_guidance

        load.cache_clear()
        meta = train_guidance()
        print(json.dumps({k: v for k, v in meta.items() if k != "trusted_types"}, ensure_ascii=False, indent=1))
    return 0
