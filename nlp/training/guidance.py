"""Train the guidance-category classifier and measure it on held-out items.

Real items come from the annotated corpus (labels by offsets in
corpus/annotations); written examples for rare categories come from
corpus/examples/guidance_items.jsonl and are used for training only. Model
choice: grouped (by document) cross-validation on train+dev between a
calibrated linear SVM and a logistic regression over the same TF-IDF
features, with the keyword rules as a baseline; the chosen model is refitted
on train+dev and scored once on the test split (real items only).
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from nlp.evaluation import annotations as A
from nlp.guidance import categorise
from nlp.guidance_model import META_PATH, MODEL_PATH, prepare
from nlp.resources import file_sha256

EXAMPLES = A.REPO / "corpus" / "examples" / "guidance_items.jsonl"
# the first clause weighs 1.5 against the other blocks (grouped CV, 8 fold assignments: weight 1 0.783,
# 1.5 0.788, up in all 8; 2 0.787)
CLAUSE_WEIGHT = {"clause": 1.5}
CATEGORIES = ["awareness", "planning", "implementation", "organization", "coordination",
              "inspection", "reporting", "resources", "other"]


def items(splits_wanted: set[str]) -> list[tuple[str, str, str]]:
    """(doc_id, text, category) of annotated items in the given splits."""
    splits = A.load_splits()
    out = []
    for ann in A.load_all():
        if ann.status == "done" and "guidance" in ann.layers and splits.get(ann.doc_id) in splits_wanted:
            out += [(ann.doc_id, g.text, g.category) for g in ann.guidance]
    return out


def _pipeline(kind: str):  # noqa: ANN202
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.preprocessing import FunctionTransformer
    from sklearn.svm import LinearSVC

    from nlp.guidance_model import action_words, first_clauses, head_words

    head = Pipeline([("first", FunctionTransformer(head_words)),
                     ("tfidf", TfidfVectorizer(token_pattern=r"[^ ]+", sublinear_tf=True))])
    features = FeatureUnion([
        ("words", TfidfVectorizer(token_pattern=r"[^ ]+", ngram_range=(1, 2), min_df=2, max_features=8000, sublinear_tf=True)),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=3, max_features=12000, sublinear_tf=True)),
        ("head", head),
        ("actions", Pipeline([("first", FunctionTransformer(action_words)),
                              ("tfidf", TfidfVectorizer(token_pattern=r"[^ ]+", lowercase=False))])),
        ("clause", Pipeline([("first", FunctionTransformer(first_clauses)),
                             ("tfidf", TfidfVectorizer(token_pattern=r"[^ ]+", ngram_range=(1, 2), min_df=2,
                                                       sublinear_tf=True))])),
    ], transformer_weights=CLAUSE_WEIGHT)
    if kind == "svm":
        clf = CalibratedClassifierCV(LinearSVC(C=0.5, class_weight="balanced"), cv=3, method="sigmoid")
    else:
        clf = LogisticRegression(C=8.0, max_iter=3000, class_weight="balanced")
    return Pipeline([("features", features), ("clf", clf)])


def _slim(model) -> None:  # noqa: ANN001
    """What the shipped file need not hold: TfidfVectorizer keeps every pruned term in `stop_words_` (for
    introspection only), and its vocabulary maps terms to numpy integers, which skops stores one file each
    (20,000 zip entries, half the model's size); plain ints go into its schema."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    stack = [model]
    while stack:
        obj = stack.pop()
        if isinstance(obj, TfidfVectorizer):
            if hasattr(obj, "stop_words_"):
                del obj.stop_words_
            obj.vocabulary_ = {term: int(i) for term, i in obj.vocabulary_.items()}
        stack += [step for _, step in getattr(obj, "steps", [])]
        stack += [part for _, part in getattr(obj, "transformer_list", [])]


def _macro_f1(y_true: list[str], y_pred: list[str]) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(y_true, y_pred, average="macro", labels=sorted(set(y_true)), zero_division=0))


def _cv(kind: str, data: list[tuple[str, str, str]], extra: list[tuple[str, str]], folds: int = 5) -> float:
    from sklearn.model_selection import GroupKFold

    X = [prepare(t) for _, t, _ in data]
    y = [c for _, _, c in data]
    groups = [d for d, _, _ in data]
    ex_X = [prepare(t) for t, _ in extra]
    ex_y = [c for _, c in extra]
    preds: list[str] = [""] * len(X)
    for train_idx, test_idx in GroupKFold(n_splits=folds).split(X, y, groups):
        model = _pipeline(kind)
        model.fit([X[i] for i in train_idx] + ex_X, [y[i] for i in train_idx] + ex_y)
        for i, p in zip(test_idx, model.predict([X[i] for i in test_idx]), strict=True):
            preds[i] = p
    return _macro_f1(y, preds)


def train(out: Path = MODEL_PATH) -> dict:
    from sklearn.metrics import confusion_matrix, precision_recall_fscore_support
    from skops.io import dump, get_untrusted_types

    data = items({"train", "dev"})
    test = items({"test"})
    extra = [(r["text"], r["category"]) for r in map(json.loads, EXAMPLES.read_text(encoding="utf-8").splitlines())]
    cv = {kind: round(_cv(kind, data, extra), 4) for kind in ("logreg", "svm")}
    cv["rules"] = round(_macro_f1([c for _, _, c in data], [categorise(t)[0] for _, t, _ in data]), 4)
    # the calibrated SVM stores three models: it must beat the single logistic regression by > 0.01
    kind = "svm" if cv["svm"] > cv["logreg"] + 0.01 else "logreg"
    model = _pipeline(kind)
    model.fit([prepare(t) for _, t, _ in data] + [prepare(t) for t, _ in extra],
              [c for _, _, c in data] + [c for _, c in extra])
    _slim(model)
    y_true = [c for _, _, c in test]
    y_pred = list(model.predict([prepare(t) for _, t, _ in test]))
    p, r, f, n = precision_recall_fscore_support(y_true, y_pred, labels=CATEGORIES, zero_division=0)
    dump(model, out, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    digest = hashlib.sha256()
    for _, t, c in data:
        digest.update(f"{c}\t{t}\n".encode())
    meta = {
        "version": 1,
        "model": kind,
        "sha256": file_sha256(out),
        "trusted_types": get_untrusted_types(file=out),
        "training_items": len(data), "written_examples": len(extra), "data_sha256": digest.hexdigest(),
        "cv_macro_f1_by_model": cv,
        "test_items": len(test),
        "test_macro_f1": round(_macro_f1(y_true, y_pred), 4),
        "test_accuracy": round(sum(a == b for a, b in zip(y_true, y_pred, strict=True)) / len(test), 4),
        "test_rules_macro_f1": round(_macro_f1(y_true, [categorise(t)[0] for _, t, _ in test]), 4),
        "test_per_category": {c: {"precision": round(float(p[i]), 3), "recall": round(float(r[i]), 3),
                                  "f1": round(float(f[i]), 3), "support": int(n[i])}
                              for i, c in enumerate(CATEGORIES)},
        "test_confusion_matrix": {"labels": CATEGORIES,
                                  "rows_gold_cols_predicted": confusion_matrix(y_true, y_pred, labels=CATEGORIES).tolist()},
    }
    META_PATH.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return meta
