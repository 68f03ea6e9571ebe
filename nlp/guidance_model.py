"""The guidance-category classifier: TF-IDF over segmented words and characters, a linear model.

Trained by `chitieu train guidance` on the annotated items of the train and
dev splits (plus a few written examples for rare categories), stored with
skops (no pickle) in `models/guidance.skops` beside its metadata; the SHA-256
in the metadata is checked before loading, so a corrupt or swapped file is a
clear error at start-up, not a wrong answer.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

from nlp.resources import ResourceError, file_sha256, load_json
from nlp.words import segment

MODELS = Path(__file__).resolve().parents[1] / "models"
MODEL_PATH = MODELS / "guidance.skops"
META_PATH = MODELS / "guidance.json"
_CLAUSE_END = re.compile(r" [;.:] ")
_MARKER = re.compile(r"^\W*(?:[0-9IVX]+(?:\.[0-9]+)*[.)-]|[a-zđ]\)|[-+•*])\s*")


class GuidanceModelError(ResourceError):
    """The shipped guidance model is missing, corrupt or does not match its metadata."""


def join_words(words: list[str]) -> str:
    """Classifier input from segmented words: syllables of a word joined by "_", lower case."""
    return " ".join("_".join(w.split()).lower() for w in words if w.strip("*"))


def prepare(text: str) -> str:
    """Classifier input from raw item text (training, standalone use): marker and markdown dropped."""
    text = _MARKER.sub("", text.replace("*", " "))
    text = re.sub(r"\s+", " ", text).strip()
    return join_words([text[s:e] for s, e in segment(text, 0, len(text))])


def marker_end(text: str) -> int:
    """Length of the item marker ("1.", "a)", "-") at the start of `text`."""
    m = _MARKER.match(text)
    return m.end() if m else 0


def head_words(texts: list[str]) -> list[str]:
    """The opening words of each item: the action that decides the category ("kiểm_tra", "báo_cáo")."""
    return [" ".join(t.split()[:6]) for t in texts]


def first_clauses(texts: list[str]) -> list[str]:
    """Each item up to its first ";", "." or ":": the clause whose first action decides the category.

    Later clauses add other actions ("…; kiểm tra, giám sát việc …") that a bag of words over the whole item
    weighs as much as the first. Grouped CV, 8 fold assignments: 0.776 -> 0.788 macro-F1 (weighted 1.5,
    nlp/training/guidance.py), up in all 8."""
    out = []
    for text in texts:
        m = _CLAUSE_END.search(text)
        out.append(text[: m.start()] if m else text)
    return out


@cache
def load() -> object:
    try:
        meta = json.loads(META_PATH.read_text(encoding="utf-8"))
        if file_sha256(MODEL_PATH) != meta["sha256"]:
            raise ValueError("file hash differs from models/guidance.json")
        from skops.io import get_untrusted_types
        from skops.io import load as skops_load

        untrusted = get_untrusted_types(file=MODEL_PATH)
        unexpected = [t for t in untrusted if t not in meta.get("trusted_types", [])]
        if unexpected:
            raise ValueError(f"unexpected types in the model file: {unexpected}")
        return skops_load(MODEL_PATH, trusted=untrusted)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GuidanceModelError(
            f"guidance model {MODEL_PATH} is missing or corrupt ({exc}); run `make train` to rebuild it"
        ) from exc


def predict(texts: list[str]) -> list[tuple[str, float]]:
    """(category, probability of that category) per raw item text."""
    return predict_prepared([prepare(t) for t in texts])


def predict_prepared(prepared: list[str]) -> list[tuple[str, float]]:
    """The same for inputs already built with `join_words` (the pipeline's own segmentation)."""
    if not prepared:
        return []
    model = load()
    probs = model.predict_proba(prepared)  # type: ignore[attr-defined]
    classes = list(model.classes_)  # type: ignore[attr-defined]
    out = []
    for row in probs:
        best = int(row.argmax())
        out.append((classes[best], float(row[best])))
    return out


class _Lexicon(NamedTuple):
    pattern: re.Pattern[str]
    category: dict[str, str]
    light: frozenset[str]
    formula: frozenset[str]
    names: frozenset[str]
    trainees: frozenset[str]
    audience: re.Pattern[str]
    audience_category: dict[str, str]
    listed: frozenset[str]
    chain: frozenset[str]
    objects: frozenset[str]


def _alternation(words: list[str], boundary: str) -> str:
    words = sorted(words, key=len, reverse=True)
    return rf"(?<!{boundary})(" + "|".join(re.escape(w).replace(r"\ ", "[ _]") for w in words) + rf")(?!{boundary})"


@cache
def _actions() -> _Lexicon:
    data = load_json("guidance_actions.json")
    category = {p: c for c, phrases in data["actions"].items() for p in phrases}
    training, execution = data["training"], data["execution"]
    audience = {p: c for c, phrases in training["audience"].items() for p in phrases}
    words = [*category, *data["light"], *data["formula"], *data["names"]]
    return _Lexicon(
        pattern=re.compile(_alternation(words, r"[\w]")),
        category=category,
        light=frozenset(data["light"]),
        formula=frozenset(data["formula"]),
        names=frozenset(data["names"]),
        trainees=frozenset(training["words"]),
        # an audience word may sit inside a segmented compound ("nguồn_nhân_lực")
        audience=re.compile(_alternation(list(audience), r"[^\W_]")),
        audience_category=audience,
        listed=frozenset(execution["listed"]),
        chain=frozenset(execution["chain"]),
        objects=frozenset(execution["objects"]),
    )


@cache
def _compliance() -> re.Pattern[str]:
    return re.compile("|".join(p.replace(" ", "[ _]") for p in load_json("guidance_actions.json")["compliance"]))


def _category(lex: _Lexicon, low: str, m: re.Match[str], word: str, hits: list[tuple[str, str]]) -> str:
    """The category of one action word in its context (see guidance_actions.json, `training`, `execution`)."""
    if word in lex.trainees:
        # training: organization for the apparatus's own people, awareness for firms and the public,
        # implementation for the workforce; the first audience word after the verb decides
        found = lex.audience.search(low, m.end(), m.end() + 80)
        return lex.audience_category[found.group(1).replace("_", " ")] if found else lex.category[word]
    if word in lex.listed and low[m.end() : m.end() + 2].strip().startswith((",", ";")):
        return "implementation"  # "triển khai, đôn đốc, kiểm tra …": a list of equal actions, the first decides
    if word in lex.objects and hits and all(w in lex.chain for w, _ in hits):
        return "implementation"  # "Triển khai thực hiện Kế hoạch số …", "thực hiện các cơ chế, chính sách"
    return lex.category.get(word, "light" if word in lex.light else "")


def action_words(texts: list[str]) -> list[str]:
    """The item's first actions after its assignment formula, as tokens ("a1=awareness a1w=tuyên_truyền").

    The annotation procedure labels an item by its first main action once "X chủ trì, phối hợp với Y",
    "Giao …", "Tiếp tục …" are stripped; TF-IDF over the whole item cannot see that order.
    """
    lex = _actions()
    out = []
    for text in texts:
        low = text.lower()
        m = _compliance().search(low)
        if m and m.start() < 0.6 * len(low) and (semi := low.find(";", m.end())) > 0:
            low = low[: m.start()] + low[semi + 1 :]
        hits: list[tuple[str, str]] = []
        prev = ""
        for m in lex.pattern.finditer(low):
            word = m.group(1).replace("_", " ")
            if word in lex.names or low[max(0, m.start() - 4) : m.start()].rstrip(" _") in ("bộ", "sở"):
                continue
            if word in lex.formula or (word == "phối hợp" and prev == "chủ trì"):
                prev = word
                continue
            prev = word
            hits.append((word, _category(lex, low, m, word, hits)))
            if len(hits) == 4:
                break
        firm = [(w, c) for w, c in hits if c != "light"]
        tokens = [f"a{i}={c}" for i, (_, c) in enumerate(firm[:2], 1)]
        tokens += [f"a{i}w={w.replace(' ', '_')}" for i, (w, _) in enumerate(hits[:2], 1)]
        if hits and hits[0][1] == "light":
            tokens.append(f"lead={hits[0][0].replace(' ', '_')}")
        out.append(" ".join(tokens) or "a1=none")
    return out
