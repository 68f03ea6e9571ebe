"""Train the target classifier on the train split of the annotated corpus.

Every candidate number of a training document is labelled by the gold
annotations (a gold target with the same value(s) whose span overlaps it);
a logistic regression, a random forest and LightGBM trees are fitted over the
candidate features and their probabilities averaged (`Ensemble`); the decision
threshold is the best F1 over out-of-fold train predictions (grouped by
document) and dev predictions together, kept at the shipped model's unless
the best reliably beats it (`_choose_threshold`); the test split is never used.

Documents the project wrote itself (corpus/examples/targets, targets marked
⟦…⟧) widen the phrasings the model has seen: they join every training fold
and the final fit, and are never scored. The plain written news pages of
corpus/examples/news_plain (sets K and L; set M stays held out) join them at a
sample weight of NEWS_WEIGHT.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
from importlib import metadata
from pathlib import Path

from nlp.evaluation import annotations as A
from nlp.normalise import normalise_text
from nlp.pipeline import process
from nlp.target_model import MODEL_PATH, save_model, tree_input
from nlp.targets import candidates, reported

WRITTEN = A.REPO / "corpus" / "examples" / "targets"
NEWS = A.REPO / "corpus" / "examples" / "news_plain"
# The written news pages teach the shapes real news has too few of (a weak verb after a year's plan, the commitment
# a sentence before); at full weight they outvote the real pages and cost real documents recall (session 16:
# the test split 0.820 -> 0.721 with the threshold they pulled to 0.65; session 25: dev 0.949 -> 0.925). Session 28,
# at 0.55, the real train documents out of fold (fold assignments 13-15) and the held-out written news M: weight
# 0.05 0.9364 -> 0.9385 (their news 0.950 -> 0.958), M 0.907 -> 0.930; 0.15 0.9384 (0.963), M 0.937; 0.5 0.9324.
# Shipped, 0.05 cost dev one extra and the challenge sets 0.9419 -> 0.9396; 0.15 two extras and 0.9365.
NEWS_WEIGHT = 0.05
_MARK = re.compile(r"⟦([^⟦⟧]*)⟧")


def read_marked(raw: str) -> tuple[str, list[tuple[int, int]]]:
    """A written document without its ⟦…⟧ marks, and the spans they enclosed (offsets into that text)."""
    text = normalise_text(raw)
    parts, spans, pos, out_len = [], [], 0, 0
    for m in _MARK.finditer(text):
        parts.append(text[pos : m.start()])
        out_len += m.start() - pos
        spans.append((out_len, out_len + len(m.group(1))))
        parts.append(m.group(1))
        out_len += len(m.group(1))
        pos = m.end()
    parts.append(text[pos:])
    plain = "".join(parts)
    if "⟦" in plain or "⟧" in plain:
        raise ValueError("unbalanced or nested ⟦ ⟧ marks")
    return plain, spans


def written(folder: Path = WRITTEN, prefix: str = "written") -> list[tuple[str, list[dict[str, float]], list[int]]]:
    """Candidates of the project's written documents, labelled by the ⟦…⟧ spans they overlap."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        try:
            text, spans = read_marked(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise ValueError(f"{path}: {exc}") from exc
        cands = candidates(process(text))
        labels = [int(any(a < c.quantity.end and c.quantity.start < b for a, b in spans)) for c in cands]
        out.append((f"{prefix}/{path.stem}", [c.features for c in cands], labels))
    return out


def written_news(folder: Path = NEWS) -> list[tuple[str, list[dict[str, float]], list[int]]]:
    """The plain written news pages trained on (a01-f10); `heldout/` is not read."""
    return written(folder, prefix="news")


def sample_weight(doc_id: str) -> float:
    """A training row's weight by its document: the written news pages count NEWS_WEIGHT, the rest 1."""
    return NEWS_WEIGHT if doc_id.startswith("news/") else 1.0


def _label(cand, gold) -> int:  # noqa: ANN001
    q = cand.quantity
    for g in gold:
        same_max = (g.value_max is None and q.value_max is None) or (
            g.value_max is not None and q.value_max is not None and abs(g.value_max - q.value_max) < 1e-6
        )
        if g.start < q.end and q.start < g.end and abs(g.value - q.value) < 1e-6 and same_max:
            return 1
    return 0


def dataset(split: str, corpus: Path | None = None) -> list[tuple[str, list[dict[str, float]], list[int]]]:
    splits = A.load_splits()
    out = []
    for ann in A.load_all():
        if ann.status != "done" or "targets" not in ann.layers or splits.get(ann.doc_id) != split:
            continue
        text = A.read_text(ann.doc_id, corpus)
        gold, _ = A.aligned(ann, text)
        cands = candidates(process(text))
        out.append((ann.doc_id, [c.features for c in cands], [_label(c, gold.targets) for c in cands]))
    return out


class Ensemble:
    """The regression, a random forest and gradient-boosted trees over the same candidate features.

    Session 9, pooled out-of-fold F1 on the real train documents (3 fold assignments): the regression alone
    0.912, the forest 0.887, the boosted trees 0.903, the three averaged 0.921; dev 0.902 -> 0.925 and the
    written challenge sets 0.869 -> 0.896 at candidate level. Each tree model alone is weaker than the
    regression; they err elsewhere (conjunctions of genre, block and cue that a linear model cannot form)."""

    def __init__(self, X, y, weights=None) -> None:  # noqa: ANN001
        import lightgbm
        import numpy as np
        from sklearn.ensemble import RandomForestClassifier
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        self.vec = DictVectorizer()
        M = self.vec.fit_transform(X).astype(np.float32)
        w = None if weights is None else np.asarray(weights, dtype=float)
        # C: session 8 compared 0.25, 0.5 and 1.0 once the written texts outnumbered the real documents (146 to
        # 54): pooled out-of-fold F1 0.910, 0.912, 0.911; the stronger regularisation leans less on the words
        # of the written texts and keeps the borderline behaviour tests (tests/test_targets.py) on the right side
        self.linear = LogisticRegression(C=0.25, max_iter=2000, class_weight="balanced").fit(M, y, sample_weight=w)
        # 200 trees with leaves of two: 3.6 MB compressed (500 fully grown trees scored the same and weigh 50 MB)
        self.forest = RandomForestClassifier(
            n_estimators=200, min_samples_leaf=2, class_weight="balanced_subsample", max_features="sqrt",
            n_jobs=2, random_state=0,
        ).fit(M, y, sample_weight=w)
        # every row and every feature at each round (session 18): with rows and columns sampled (0.8, 0.5) the seed
        # alone moved dev F1 between 0.914 and 0.937; unsampled, a retrain depends on its data only, and pooled
        # out-of-fold + dev F1 at 0.55 rose 0.9267 -> 0.9295
        self.boosted = lightgbm.LGBMClassifier(
            n_estimators=400, num_leaves=15, learning_rate=0.05, min_child_samples=5, scale_pos_weight=3.0,
            random_state=0, n_jobs=2, deterministic=True, force_row_wise=True, verbose=-1,
        ).fit(M, np.array(y), sample_weight=w)

    def save(self, out: Path, threshold: float, meta: dict) -> None:
        """The shipped form (nlp.target_model): the regression as named weights, the trees in their own files."""
        names = [str(n) for n in self.vec.get_feature_names_out()]
        weights = {name: float(w) for name, w in zip(names, self.linear.coef_[0], strict=True)}
        weights["bias"] = weights.get("bias", 0.0) + float(self.linear.intercept_[0])
        save_model(out, weights, threshold, meta, features=names, forest=self.forest, booster=self.boosted.booster_)

    def predict_proba(self, X) -> list[float]:  # noqa: ANN001
        import numpy as np

        M = tree_input(self.vec, X)
        parts = [m.predict_proba(M)[:, 1] for m in (self.linear, self.forest, self.boosted)]
        return [float(v) for v in np.mean(parts, axis=0)]


def _vetoed(probs: list[float], X: list[dict[str, float]]) -> list[float]:
    """The model's probabilities as the pipeline uses them: a number reported as a result is never a target."""
    return [0.0 if reported(x) else p for p, x in zip(probs, X, strict=True)]


def _prf(y, p) -> tuple[float, float, float]:  # noqa: ANN001
    tp = sum(1 for a, b in zip(y, p, strict=True) if a and b)
    fp = sum(1 for a, b in zip(y, p, strict=True) if not a and b)
    fn = sum(1 for a, b in zip(y, p, strict=True) if a and not b)
    pr = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)


OOF_SEEDS = (13, 14, 15, 16, 17)


def _oof_repeated(docs, always=()) -> tuple[list[float], list[int], list[str]]:  # noqa: ANN001
    """Out-of-fold predictions of several fold assignments, pooled, with each candidate's document.

    One assignment moved the chosen threshold by 0.05 when six documents joined the split; pooled over
    five, the choice depends on the data rather than on which documents happen to share a fold."""
    probs: list[float] = []
    ys: list[int] = []
    groups: list[str] = []
    for seed in OOF_SEEDS:
        p, y, g = _oof(docs, always, seed=seed)
        probs += p
        ys += y
        groups += g
    return probs, ys, groups


def _oof(docs, always, seed: int, folds: int = 5) -> tuple[list[float], list[int], list[str]]:  # noqa: ANN001
    """Out-of-fold probabilities (folds by document) with their labels and documents; `always` joins every
    training fold."""
    order = [d for d, _, _ in docs]
    random.Random(seed).shuffle(order)
    fold_of = {d: i % folds for i, d in enumerate(order)}
    extra = [(x, y, sample_weight(d)) for d, xs, ys_ in always for x, y in zip(xs, ys_, strict=True)]
    probs, ys, groups = [], [], []
    for k in range(folds):
        train = extra + [
            (x, y, sample_weight(d)) for d, xs, ys_ in docs if fold_of[d] != k for x, y in zip(xs, ys_, strict=True)
        ]
        test = [(d, x, y) for d, xs, ys_ in docs if fold_of[d] == k for x, y in zip(xs, ys_, strict=True)]
        if not test or len({y for _, y, _ in train}) < 2:
            continue
        model = Ensemble([x for x, _, _ in train], [y for _, y, _ in train], [w for _, _, w in train])
        probs += _vetoed(model.predict_proba([x for _, x, _ in test]), [x for _, x, _ in test])
        ys += [y for _, _, y in test]
        groups += [d for d, _, _ in test]
    return probs, ys, groups


_GRID = [i / 20 for i in range(2, 19)]


def _best_threshold(probs: list[float], ys: list[int]) -> tuple[float, float]:
    """The threshold of best F1, the lowest of equal ones: a missed target is invisible to the analyst, an
    extra one is shown with its confidence and can be dismissed. (Sessions 3-6 took the lowest within 0.01 of
    the best; with the written task lists F1 is no longer flat and that rule picked a worse one.)"""
    scores = [(_prf(ys, [p >= t for p in probs])[2], t) for t in _GRID]
    best = max(f for f, _ in scores)
    return min(t for f, t in scores if f >= best), best


# how often, over documents drawn again with replacement, the best threshold must beat the shipped one
THRESHOLD_CONFIDENCE = 0.9
_RESAMPLES = 2000


def _beats(probs: list[float], ys: list[int], groups: list[str], new: float, old: float) -> float:
    """The share of document bootstrap resamples in which F1 at `new` is higher than at `old`.

    A document's candidates are drawn together (its fold assignments and its dev copies too): the numbers of
    one document share its genre and style, so they are not independent evidence."""
    import numpy as np

    docs = sorted(set(groups))
    index = {d: i for i, d in enumerate(docs)}
    counts = np.zeros((2, 3, len(docs)))  # threshold (new, old) x (tp, fp, fn) x document
    for p, y, g in zip(probs, ys, groups, strict=True):
        for k, t in enumerate((new, old)):
            hit = p >= t
            if hit or y:
                counts[k, 0 if hit and y else 1 if hit else 2, index[g]] += 1
    draws = np.random.default_rng(0).multinomial(len(docs), [1 / len(docs)] * len(docs), size=_RESAMPLES)
    tp, fp, fn = (draws @ counts[:, j, :].T for j in range(3))  # resamples x threshold
    f1 = np.divide(2 * tp, 2 * tp + fp + fn, out=np.zeros_like(tp), where=(2 * tp + fp + fn) > 0)
    return float(np.mean(f1[:, 0] > f1[:, 1]))


def _choose_threshold(
    probs: list[float], ys: list[int], groups: list[str], shipped: float | None,
) -> tuple[float, dict]:
    """The best-F1 threshold only when it beats the shipped one in THRESHOLD_CONFIDENCE of document resamples.

    Pooled F1 is flat between 0.50 and 0.55 (session 17: 0.9259 against 0.9263, and 0.9269 against 0.9243 for
    a one-word cue fix), so the best of the two flipped with any retrain, and the flip, not the change,
    decided dev and the challenge sets. A threshold that moves only on evidence lets a change be judged on its
    own."""
    best, best_f1 = _best_threshold(probs, ys)
    info: dict = {"best_f1_threshold": best, "best_f1": round(best_f1, 4), "shipped_threshold": shipped}
    if shipped is None or shipped == best:
        return best, info
    info["shipped_f1"] = round(_prf(ys, [p >= shipped for p in probs])[2], 4)
    info["best_beats_shipped"] = round(_beats(probs, ys, groups, best, shipped), 3)
    return (best if info["best_beats_shipped"] >= THRESHOLD_CONFIDENCE else shipped), info


def _shipped_threshold(path: Path) -> float | None:
    """The threshold of the model about to be replaced (None when there is none or it cannot be read)."""
    import json

    try:
        value = float(json.loads(path.read_text(encoding="utf-8"))["threshold"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return value if 0.0 < value < 1.0 else None


def train(corpus: Path | None = None, out: Path = MODEL_PATH) -> dict:
    previous = os.environ.get("CHITIEU_TARGETS_RULES_ONLY")
    os.environ["CHITIEU_TARGETS_RULES_ONLY"] = "1"  # candidates do not depend on the model being rebuilt
    try:
        return _train(corpus, out)
    finally:  # a caller in the same process (a test, a notebook) analyses with the models again
        if previous is None:
            os.environ.pop("CHITIEU_TARGETS_RULES_ONLY", None)
        else:
            os.environ["CHITIEU_TARGETS_RULES_ONLY"] = previous


def _train(corpus: Path | None, out: Path) -> dict:
    train_docs = dataset("train", corpus)
    dev_docs = dataset("dev", corpus)
    own = written() + written_news()
    oof_p, oof_y, oof_g = _oof_repeated(train_docs, own)
    cv_threshold, cv_f1 = _best_threshold(oof_p, oof_y)
    X = [x for _, xs, _ in train_docs + own for x in xs]
    y = [v for _, _, ys in train_docs + own for v in ys]
    w = [sample_weight(d) for d, xs, _ in train_docs + own for _ in xs]
    model = Ensemble(X, y, w)
    dev_x = [x for _, xs, _ in dev_docs for x in xs]
    dev_y = [v for _, _, ys in dev_docs for v in ys]
    dev_g = [d for d, xs, _ in dev_docs for _ in xs]
    dev_p = _vetoed(model.predict_proba(dev_x), dev_x) if dev_x else []
    # the threshold: over the out-of-fold train predictions and the dev predictions together
    # (dev alone has too few targets to choose it reliably; the test split is never used)
    # dev counted once per fold assignment, so it weighs against the pooled train predictions as before
    n = len(OOF_SEEDS)
    threshold, choice = _choose_threshold(
        oof_p + list(dev_p) * n, oof_y + dev_y * n, oof_g + dev_g * n, _shipped_threshold(out),
    )
    dev = _prf(dev_y, [p >= threshold for p in dev_p]) if dev_x else (0.0, 0.0, 0.0)
    news = sum(1 for d, _, _ in own if d.startswith("news/"))
    digest = hashlib.sha256()
    for path in sorted(A.ANNOTATIONS.glob("*/*.json")) + sorted(WRITTEN.glob("*.txt")) + sorted(NEWS.glob("*.txt")):
        digest.update(path.read_bytes())
    meta = {
        "trained_on": "train split of corpus/annotations (corpus/splits.json) + corpus/examples/targets + "
                      f"corpus/examples/news_plain (weight {NEWS_WEIGHT})",
        "documents": len(train_docs), "written_documents": len(own) - news, "written_news_documents": news,
        "written_news_weight": NEWS_WEIGHT,
        "candidates": len(y), "positives": sum(y),
        "annotations_sha256": digest.hexdigest(),
        "cv_candidate_f1": round(cv_f1, 4), "cv_threshold": cv_threshold,
        "threshold_chosen_on": f"out-of-fold train predictions ({len(OOF_SEEDS)} fold assignments, pooled) + dev "
                               "predictions: the threshold of best F1 if it beats the shipped one in "
                               f"{THRESHOLD_CONFIDENCE:.0%} of {_RESAMPLES} document resamples, else the shipped one",
        "threshold_choice": choice,
        "dev_candidate_precision_recall_f1": [round(v, 4) for v in dev],
        "versions": {pkg: metadata.version(pkg) for pkg in ("scikit-learn", "lightgbm", "skops")},
        "model": "mean of sklearn LogisticRegression(C=0.25, class_weight=balanced), RandomForestClassifier(200 "
                 "trees, min_samples_leaf=2) and lightgbm LGBMClassifier(400 rounds, 15 leaves, no row or column sampling) over "
                 "nlp.target_model.features",
    }
    model.save(out, threshold, meta)
    return {"threshold": threshold, **meta}
