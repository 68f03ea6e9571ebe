"""The guidance-category classifier: TF-IDF over segmented words and characters, a linear model.

Trained by `chitieu train guidance` on the annotated items of the train and
dev splits (plus a few written examples for rare categories), stored with
skops (no pickle) in `models/guidance.skops` beside its metadata; the SHA-256
in the metadata is checked before loading, so a corrupt or swapped file is a
clear error at start-up, not a wrong answer.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from pathlib import Path

from nlp.resources import load_json
from nlp.words import segment

MODELS = Path(__file__).resolve().parents[1] / "models"
MODEL_PATH = MODELS / "guidance.skops"
META_PATH = MODELS / "guidance.json"
_MARKER = re.compile(r"^\W*(?:[0-9IVX]+(?:\.[0-9]+)*[.)-]|[a-zđ]\)|[-+•*])\s*")


class GuidanceModelError(RuntimeError):
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


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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


@cache
def _actions() -> tuple[re.Pattern[str], dict[str, str], frozenset[str], frozenset[str]]:
    data = load_json("guidance_actions.json")
    category = {p: c for c, phrases in data["actions"].items() for p in phrases}
    words = sorted([*category, *data["light"], *data["formula"]], key=len, reverse=True)
    pattern = re.compile(r"(?<![\w])(" + "|".join(re.escape(w).replace(r"\ ", "[ _]") for w in words) + r")(?![\w])")
    return pattern, category, frozenset(data["light"]), frozenset(data["formula"])


@cache
def _compliance() -> re.Pattern[str]:
    return re.compile("|".join(p.replace(" ", "[ _]") for p in load_json("guidance_actions.json")["compliance"]))


def action_words(texts: list[str]) -> list[str]:
    """The item's first actions after its assignment formula, as tokens ("a1=awareness a1w=tuyên_truyền").

    The annotation procedure labels an item by its first main action once "X chủ trì, phối hợp với Y",
    "Giao …", "Tiếp tục …" are stripped; TF-IDF over the whole item cannot see that order.
    """
    pattern, category, light, formula = _actions()
    out = []
    for text in texts:
        low = text.lower()
        m = _compliance().search(low)
        if m and m.start() < 0.6 * len(low) and (semi := low.find(";", m.end())) > 0:
            low = low[: m.start()] + low[semi + 1 :]
        hits: list[tuple[str, str]] = []
        prev = ""
        for m in pattern.finditer(low):
            word = m.group(1).replace("_", " ")
            if low[max(0, m.start() - 4) : m.start()].rstrip(" _") in ("bộ", "sở"):
                continue
            if word in formula or (word == "phối hợp" and prev == "chủ trì"):
                prev = word
                continue
            prev = word
            hits.append((word, category.get(word, "light" if word in light else "")))
            if len(hits) == 4:
                break
        firm = [(w, c) for w, c in hits if c != "light"]
        tokens = [f"a{i}={c}" for i, (_, c) in enumerate(firm[:2], 1)]
        tokens += [f"a{i}w={w.replace(' ', '_')}" for i, (w, _) in enumerate(hits[:2], 1)]
        if hits and hits[0][1] == "light":
            tokens.append(f"lead={hits[0][0].replace(' ', '_')}")
        out.append(" ".join(tokens) or "a1=none")
    return out
