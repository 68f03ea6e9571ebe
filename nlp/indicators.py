"""Indicator catalog and linking: which measurable indicator a target (or a guidance item) is about.

The catalog (`data/indicators.jsonl`, one JSON object per line) holds the national statistical
indicators, the Vietnam SDG indicators, party-building and local-plan indicators. A user file
(`CHITIEU_INDICATORS_FILE`, JSONL or a JSON list) is merged after it. Both are validated when this
module is imported, so a missing or corrupt catalog stops start-up with a clear message instead of
giving wrong links later.

Linking is lexical similarity plus unit sense: TF-IDF over syllable uni/bigrams and over character
n-grams (robust to spelling variants and truncated metrics) of each indicator's name, aliases and
keywords, cosine against the target's metric (+ its base, + a little of its sentence), then a factor
for unit/kind compatibility (a "%" target wants a rate, "250 đảng viên" a count of đảng viên) and a
bonus when the base repeats the indicator's words ("so với tổng số đảng viên"). The vectorisers are
fitted once per process. `link_target` is the entry point an evaluation calls.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from nlp.doc import Doc, Target
from nlp.resources import ResourceError
from nlp.schema import IndicatorLink

ENV_FILE = "CHITIEU_INDICATORS_FILE"
KINDS = ("rate", "count", "amount")
REQUIRED = ("id", "name", "unit", "kind", "period", "aliases", "keywords", "source")

# Chosen on the annotated links of the train and dev splits: the threshold with the best share of
# targets either linked to their gold indicator or correctly left without one ("none").
TARGET_THRESHOLD = 0.5  # best link-or-none accuracy on the train+dev gold links (chitieu eval)
GUIDANCE_THRESHOLD = 0.22
GUIDANCE_MAX = 3
_TASK_WORDS = 60
_CONTEXT_CHARS = 80

_WORD_WEIGHT, _CHAR_WEIGHT = 0.55, 0.45
_DOC_WEIGHT, _PHRASE_WEIGHT = 0.4, 0.6  # whole indicator text vs its best single name/alias
_BASE_WEIGHT, _CONTEXT_WEIGHT = 0.5, 0.25  # query = metric + 0.5 base + 0.25 sentence
_ABBREV = {
    "bhyt": "bảo hiểm y tế", "bhxh": "bảo hiểm xã hội", "ntm": "nông thôn mới", "dnnvv": "doanh nghiệp nhỏ và vừa",
    "kcn": "khu công nghiệp", "ccn": "cụm công nghiệp", "tthc": "thủ tục hành chính", "dvc": "dịch vụ công",
    "dvctt": "dịch vụ công trực tuyến", "atgt": "an toàn giao thông", "tngt": "tai nạn giao thông",
    "antt": "an ninh trật tự", "tcsđ": "tổ chức cơ sở đảng", "đtn": "đoàn thanh niên", "hđnd": "hội đồng nhân dân",
    "ubnd": "ủy ban nhân dân", "tỉ": "tỷ", "tỉ lệ": "tỷ lệ",
}
_ABBREV_RE = re.compile(r"(?<![\wÀ-ỹ])(" + "|".join(sorted(map(re.escape, _ABBREV), key=len, reverse=True)) + r")(?![\wÀ-ỹ])")
_STOP = [
    "các", "của", "và", "được", "có", "trên", "địa", "bàn", "toàn", "đạt", "từ", "trở", "lên", "đến", "năm",
    "mỗi", "hằng", "hàng", "với", "so", "cho", "là", "trong", "theo", "những", "phấn", "đấu", "bảo", "đảm",
    "ít", "nhất", "tối", "thiểu", "khoảng", "tỉnh",
]
# Words that say nothing about *what* is measured: a metric made only of these ("tỷ lệ", "tăng",
# "hoàn thành kế hoạch", "đơn vị") links only on strong context, through a lower score.
_GENERIC = frozenset(
    "tỷ lệ số tăng giảm hoàn thành kế hoạch đơn vị chỉ tiêu tổng mức nhiệm vụ điểm không cộng thực hiện "
    "triển khai tháng ngày lần bảo đảm được hơn còn trên dưới nâng cao đề ra giao tốc độ bình quân giai đoạn này "
    "lựa chọn thêm".split()
)
# "triệu đồng", "USD"; "đồng chí" (comrades, party members) and "đồng bào" are people
_MONEY = re.compile(r"đồng(?!\s+(?:chí|bào))|usd|đô la|\$", re.I)
_TIME_UNITS = {"năm", "tháng", "ngày", "giờ", "tuần", "quý", "buổi", "lần", "điểm", "tuổi"}


class IndicatorCatalogError(ResourceError):
    """The indicator catalog (shipped or user file) is missing, unreadable or invalid."""


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    name: str
    unit: str
    kind: str
    period: str
    aliases: tuple[str, ...]
    keywords: tuple[str, ...]
    source: str
    group: str | None = None
    parent: str | None = None
    level: str | None = None
    direction: str = "up"  # "down": lower is better (tỷ lệ hộ nghèo, số vụ tai nạn)
    same_as: str | None = None  # an equivalent entry of another source (SDG ↔ national)

    @property
    def phrases(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, eq=False)  # hashed by identity: the fitted index is cached per catalog
class Catalog:
    indicators: tuple[Indicator, ...]
    by_id: dict[str, Indicator] = field(repr=False)
    files: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.indicators)

    def canonical(self, ind_id: str) -> str:
        """The id a `same_as` chain ends at, so equivalent SDG/national entries report one id."""
        seen = {ind_id}
        cur = self.by_id[ind_id]
        while cur.same_as and cur.same_as in self.by_id and cur.same_as not in seen:
            seen.add(cur.same_as)
            cur = self.by_id[cur.same_as]
        return cur.id


# ---------------------------------------------------------------- loading


def _records(text: str, origin: str) -> list[tuple[str, dict]]:
    """(position, record) from JSON Lines or a JSON list; positions name the line for errors."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise IndicatorCatalogError(f"indicator catalog {origin} is not valid JSON: {exc}") from exc
        return [(f"{origin} item {i + 1}", r) for i, r in enumerate(data)]
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            out.append((f"{origin}:{n}", json.loads(line)))
        except json.JSONDecodeError as exc:
            raise IndicatorCatalogError(f"indicator catalog {origin}:{n} is not valid JSON: {exc.msg}") from exc
    return out


def _validate(rec: object, where: str) -> Indicator:
    if not isinstance(rec, dict):
        raise IndicatorCatalogError(f"{where}: an indicator must be a JSON object")
    missing = [k for k in REQUIRED if k not in rec]
    if missing:
        raise IndicatorCatalogError(f"{where}: missing field(s) {', '.join(missing)}")
    for k in ("id", "name", "unit", "kind", "period", "source"):
        if not isinstance(rec[k], str) or (k in ("id", "name", "kind") and not rec[k].strip()):
            raise IndicatorCatalogError(f"{where}: field {k!r} must be a non-empty string")
    if rec["kind"] not in KINDS:
        raise IndicatorCatalogError(f"{where}: kind {rec['kind']!r} is not one of {', '.join(KINDS)}")
    for k in ("aliases", "keywords"):
        if not isinstance(rec[k], list) or not all(isinstance(x, str) for x in rec[k]):
            raise IndicatorCatalogError(f"{where}: field {k!r} must be a list of strings")
    direction = rec.get("direction", "up")
    if direction not in ("up", "down"):
        raise IndicatorCatalogError(f"{where}: direction must be 'up' or 'down'")
    opt = {k: rec.get(k) for k in ("group", "parent", "level", "same_as")}
    for k, v in opt.items():
        if v is not None and not isinstance(v, str):
            raise IndicatorCatalogError(f"{where}: field {k!r} must be a string")
    nfc = lambda s: unicodedata.normalize("NFC", s).strip()  # noqa: E731
    return Indicator(
        id=rec["id"].strip(), name=nfc(rec["name"]), unit=nfc(rec["unit"]), kind=rec["kind"],
        period=nfc(rec["period"]), aliases=tuple(nfc(a) for a in rec["aliases"] if a.strip()),
        keywords=tuple(nfc(k) for k in rec["keywords"] if k.strip()), source=nfc(rec["source"]),
        direction=direction, **opt,
    )


def load_catalog(extra: Path | str | None = None) -> Catalog:
    """The shipped catalog plus an optional user file, validated; duplicate ids are an error."""
    try:
        shipped = resources.files("nlp").joinpath("data", "indicators.jsonl").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError, UnicodeDecodeError) as exc:
        raise IndicatorCatalogError(f"chitieu indicator catalog nlp/data/indicators.jsonl is missing or unreadable: {exc}") from exc
    sources = [(shipped, "nlp/data/indicators.jsonl")]
    if extra:
        path = Path(extra)
        try:
            sources.append((path.read_text(encoding="utf-8"), str(path)))
        except (OSError, UnicodeDecodeError) as exc:
            raise IndicatorCatalogError(f"user indicator file {path} ({ENV_FILE}) cannot be read: {exc}") from exc
    indicators: list[Indicator] = []
    first_seen: dict[str, str] = {}
    for text, origin in sources:
        records = _records(text, origin)
        if not records:
            raise IndicatorCatalogError(f"indicator catalog {origin} holds no indicator")
        for where, rec in records:
            ind = _validate(rec, where)
            if ind.id in first_seen:
                raise IndicatorCatalogError(f"{where}: duplicate indicator id {ind.id!r} (first at {first_seen[ind.id]})")
            first_seen[ind.id] = where
            indicators.append(ind)
    by_id = {i.id: i for i in indicators}
    for ind in indicators:
        for ref in (ind.parent, ind.same_as):
            if ref and ref not in by_id:
                raise IndicatorCatalogError(f"{first_seen[ind.id]}: {ind.id} refers to unknown indicator {ref!r}")
    return Catalog(tuple(indicators), by_id, tuple(o for _, o in sources))


@cache
def default_catalog() -> Catalog:
    """The catalog of this process: shipped file + `CHITIEU_INDICATORS_FILE` if set."""
    return load_catalog(os.environ.get(ENV_FILE) or None)


# ---------------------------------------------------------------- linking


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower().replace("“", " ").replace("”", " ").replace('"', " ")
    text = _ABBREV_RE.sub(lambda m: _ABBREV[m.group(1)], text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class _Index:
    catalog: Catalog
    word: TfidfVectorizer
    char: TfidfVectorizer
    doc_matrix: sparse.csr_matrix  # features x indicators (name + aliases + keywords)
    phrase_matrix: sparse.csr_matrix  # features x phrases (each name/alias)
    phrase_starts: np.ndarray  # first phrase row of each indicator (rows are grouped by indicator)
    kinds: np.ndarray
    units: list[str]
    content_words: list[frozenset[str]]
    word_owners: dict[str, list[int]] = field(default_factory=dict)  # content word -> indicator rows

    unit_cache: dict[str, np.ndarray] = field(default_factory=dict)
    _word_analyzer: Callable[[str], list[str]] = field(default=lambda s: [], repr=False)
    _char_analyzer: Callable[[str], list[str]] = field(default=lambda s: [], repr=False)
    word_doc_matrix: sparse.csr_matrix = field(default_factory=lambda: sparse.csr_matrix((0, 0)))
    word_phrase_matrix: sparse.csr_matrix = field(default_factory=lambda: sparse.csr_matrix((0, 0)))

    def vectorise(self, texts: Sequence[str], chars: bool = True, full_width: bool = False) -> sparse.csr_matrix:
        """TF-IDF rows (word block, then char block), each block L2-normalised as sklearn would.

        Done by hand from the fitted vocabularies and idf: `TfidfVectorizer.transform` spends
        most of its time in input checks for the handful of short strings a document has.
        """
        blocks = [(self.word, _WORD_WEIGHT, 0)]
        if chars:
            blocks.append((self.char, _CHAR_WEIGHT, len(self.word.vocabulary_)))
        indptr, indices, data = [0], [], []
        for text in texts:
            for vec, weight, offset in blocks:
                counts: dict[int, int] = {}
                vocab = vec.vocabulary_
                for gram in self._word_analyzer(text) if vec is self.word else self._char_analyzer(text):
                    j = vocab.get(gram)
                    if j is not None:
                        counts[j] = counts.get(j, 0) + 1
                if not counts:
                    continue
                cols = np.fromiter(counts, dtype=np.int64, count=len(counts))
                vals = (1.0 + np.log(np.fromiter(counts.values(), dtype=float, count=len(counts)))) * vec.idf_[cols]
                vals *= weight / np.sqrt(vals @ vals)
                indices.extend((cols + offset).tolist())
                data.extend(vals.tolist())
            indptr.append(len(indices))
        width = len(self.word.vocabulary_) + (len(self.char.vocabulary_) if chars or full_width else 0)
        return sparse.csr_matrix((data, indices, indptr), shape=(len(texts), width))


def _doc_text(ind: Indicator) -> str:
    return " . ".join([ind.name, ind.name, *ind.aliases, *ind.keywords])


@cache
def _index_for(catalog: Catalog) -> _Index:
    docs = [_norm(_doc_text(i)) for i in catalog.indicators]
    phrases: list[str] = []
    owner: list[int] = []
    for row, ind in enumerate(catalog.indicators):
        for p in ind.phrases:
            phrases.append(_norm(p))
            owner.append(row)
    word = TfidfVectorizer(
        analyzer="word", ngram_range=(1, 2), token_pattern=r"(?u)\b\w+\b", sublinear_tf=True,
        stop_words=_STOP, lowercase=False,
    )
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, lowercase=False)
    word.fit(docs + phrases)
    char.fit(docs + phrases)
    idx = _Index(
        catalog=catalog, word=word, char=char, doc_matrix=sparse.csr_matrix((0, 0)),
        phrase_matrix=sparse.csr_matrix((0, 0)),
        phrase_starts=np.r_[0, np.flatnonzero(np.diff(np.asarray(owner))) + 1],
        kinds=np.asarray([i.kind for i in catalog.indicators]), units=[_norm(i.unit) for i in catalog.indicators],
        content_words=[frozenset(_content_words(" ".join(i.phrases))) for i in catalog.indicators],
    )
    for row, words in enumerate(idx.content_words):
        for w in words:
            idx.word_owners.setdefault(w, []).append(row)
    idx._word_analyzer = word.build_analyzer()
    idx._char_analyzer = char.build_analyzer()
    # stored transposed (features x rows) so that a query batch is one sparse product
    idx.doc_matrix = _l2(idx.vectorise(docs)).T.tocsr()
    idx.phrase_matrix = _l2(idx.vectorise(phrases)).T.tocsr()
    idx.word_doc_matrix = _l2(idx.vectorise(docs, chars=False)).T.tocsr()  # word-only twins for long task texts
    idx.word_phrase_matrix = _l2(idx.vectorise(phrases, chars=False)).T.tocsr()
    return idx


def _l2(m: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", _norm(text)) if w not in _STOP and len(w) > 1 and not w.isdigit()}


def _base_overlap(idx: _Index, base: str) -> np.ndarray:
    """Share of the base's words ("tổng số đảng viên") found in each indicator's name and aliases."""
    bw = _content_words(base)
    if not bw:
        return np.zeros(len(idx.content_words))
    hits = np.zeros(len(idx.content_words))
    for w in bw:
        hits[idx.word_owners.get(w, [])] += 1
    return hits / len(bw)


def _specificity(metric: str) -> float:
    """1 for a metric with two or more telling syllables, less for "xã", "tăng", "tỷ lệ"."""
    n = len(_content_words(metric) - _GENERIC)
    return 1.0 if n >= 2 else 0.8 if n == 1 else 0.5


def _similarity(idx: _Index, queries: sparse.csr_matrix, words_only: bool = False) -> np.ndarray:
    """(n_queries, n_indicators): blend of whole-text cosine and best-phrase cosine."""
    docs, phrases = (idx.word_doc_matrix, idx.word_phrase_matrix) if words_only else (idx.doc_matrix, idx.phrase_matrix)
    doc_sim = (queries @ docs).toarray()
    phr = (queries @ phrases).toarray()
    best = np.maximum.reduceat(phr, idx.phrase_starts, axis=1)  # phrases are grouped by indicator
    return _DOC_WEIGHT * doc_sim + _PHRASE_WEIGHT * best


def _unit_factor(idx: _Index, unit: str) -> np.ndarray:
    """How plausible each indicator is for a target with this unit (1 = compatible); cached per unit."""
    unit = _norm(unit or "")
    cached = idx.unit_cache.get(unit)
    if cached is None:
        cached = idx.unit_cache[unit] = _unit_factor_uncached(idx, unit)
    return cached


def _unit_factor_uncached(idx: _Index, unit: str) -> np.ndarray:
    n = len(idx.units)
    if not unit:
        return np.full(n, 0.9)
    kinds = idx.kinds
    if unit == "%":
        return np.where(kinds == "rate", 1.0, np.array([0.9 if "%" in u else 0.55 for u in idx.units]))
    same = np.array([bool(u) and (u == unit or unit in u.split("/")[0].split() or u.startswith(unit)) for u in idx.units])
    if _MONEY.search(unit):
        money = np.array([bool(_MONEY.search(u)) for u in idx.units])
        return np.where(money, 1.0, np.where(kinds == "amount", 0.75, 0.5))
    if unit in _TIME_UNITS:
        return np.where(same, 1.0, 0.6)
    # a counted noun ("đảng viên", "xã", "trường") or a physical unit ("ha", "km", "tấn")
    return np.where(same, 1.1, np.where(kinds == "rate", 0.6, np.where(kinds == "count", 0.85, 0.75)))


def _score_targets(
    idx: _Index, items: Sequence[tuple[str, str, str | None, str | None]]
) -> np.ndarray:
    """Scores (n_targets, n_indicators) for (metric, unit, base, context) tuples, in one pass.

    The sentence (context) is read only when the metric alone says little ("xã", "tăng"): it
    costs most of the time and adds noise to a precise metric.
    """
    texts: list[str] = []
    contexts: list[str] = []
    parts: list[list[tuple[int, float]]] = []
    for metric, _unit, base, context in items:
        row = [(len(texts), 1.0)]
        texts.append(_norm(metric or ""))
        if base:
            row.append((len(texts), _BASE_WEIGHT))
            texts.append(_norm(base))
        if context and _specificity(metric) < 1.0:
            row.append((-1 - len(contexts), _CONTEXT_WEIGHT))  # words only: long, and only a hint
            contexts.append(_norm(context))
        parts.append(row)
    vecs = sparse.vstack([idx.vectorise(texts), idx.vectorise(contexts, chars=False, full_width=True)], format="csr")
    rows, cols, vals = [], [], []
    for i, row in enumerate(parts):
        for j, w in row:
            rows.append(i)
            cols.append(j if j >= 0 else len(texts) - 1 - j)
            vals.append(w)
    combine = sparse.csr_matrix((vals, (rows, cols)), shape=(len(items), vecs.shape[0]))
    sim = _similarity(idx, _l2(combine @ vecs))
    for i, (metric, unit, base, _c) in enumerate(items):
        sim[i] *= _unit_factor(idx, unit)
        if base:
            sim[i] += 0.1 * _base_overlap(idx, base)
        sim[i] *= _specificity(metric)
    return np.clip(sim, 0.0, 1.0)


def _ranked(idx: _Index, scores: np.ndarray, top: int) -> list[tuple[str, float]]:
    """Best `top` indicators, equivalent (same_as) entries reported once under their canonical id."""
    out: list[tuple[str, float]] = []
    seen: set[str] = set()
    for j in np.argsort(-scores, kind="stable"):
        cid = idx.catalog.canonical(idx.catalog.indicators[j].id)
        if cid in seen:
            continue
        seen.add(cid)
        out.append((cid, round(float(scores[j]), 3)))
        if len(out) >= top:
            break
    return out


def link_target(
    metric: str, unit: str = "", base: str | None = None, context: str | None = None,
    top: int = 5, catalog: Catalog | None = None,
) -> list[tuple[str, float]]:
    """Candidate indicators for one target, best first, as (indicator_id, score) in [0, 1].

    No threshold is applied here so that an evaluation can measure top-k and choose one;
    the pipeline keeps the first when its score is at least `TARGET_THRESHOLD`.
    """
    idx = _index_for(catalog or default_catalog())
    scores = _score_targets(idx, [(metric, unit, base, context)])[0]
    return _ranked(idx, scores, top)


def suggest_for_text(text: str, top: int = GUIDANCE_MAX, catalog: Catalog | None = None) -> list[tuple[str, float]]:
    """Indicators that would measure a task text (a guidance item), best first, above the threshold."""
    idx = _index_for(catalog or default_catalog())
    return [x for x in _ranked(idx, _score_texts(idx, [text])[0], top) if x[1] >= GUIDANCE_THRESHOLD]


def _score_texts(idx: _Index, texts: Sequence[str]) -> np.ndarray:
    """Task texts: mean of the whole-text score and the best clause score (word features only).

    Only the first `_TASK_WORDS` words are read (a task states what it is about up front), and
    each clause is vectorised once; the whole text is the sum of its clauses.
    """
    if not texts:
        return np.zeros((0, len(idx.catalog)))
    clauses: list[str] = []
    owner: list[int] = []
    for i, t in enumerate(texts):
        head = " ".join(t.split()[:_TASK_WORDS])
        parts = [p for p in (_norm(x) for x in re.split(r"[;.:!?\n]|,\s", head)) if len(p.split()) >= 3]
        parts = parts or [_norm(head)]
        clauses.extend(parts)
        owner.extend([i] * len(parts))
    vecs = idx.vectorise(clauses, chars=False)  # words only: character n-grams of long texts cost 5x more
    per_clause = _similarity(idx, _l2(vecs), words_only=True)
    member = sparse.csr_matrix((np.ones(len(owner)), (owner, range(len(owner)))), shape=(len(texts), len(owner)))
    whole = _similarity(idx, _l2(member @ vecs), words_only=True)
    starts = np.r_[0, np.flatnonzero(np.diff(np.asarray(owner))) + 1]
    best = np.maximum.reduceat(per_clause, starts, axis=0)
    return 0.5 * whole + 0.5 * best


# ---------------------------------------------------------------- pipeline component


def _window(doc: Doc, t: Target) -> str | None:
    """The target with up to ~12 words either side, inside its sentence (the context of a vague metric)."""
    if not 0 <= t.sent < len(doc.sentences):
        return None
    s, e = doc.sentences[t.sent]
    return doc.text[max(s, t.start - _CONTEXT_CHARS) : min(e, t.end + _CONTEXT_CHARS)]


_TO_LEVEL = re.compile(r"(?<![\wÀ-ỹ])(?:xuống|còn|lên|ở mức|mức)\s*$", re.I)
_CHANGE_VERB = re.compile(r"^(?:giảm|hạ|kéo giảm|tăng|nâng|nâng cao)\s+(?=\S)", re.I)


def _link_metric(doc: Doc, t: Target) -> str:
    """The words a target is linked by: "giảm tỷ lệ hộ nghèo xuống còn 0,5%" and "nâng tỷ lệ che phủ rừng lên 45%"
    set the rate's level, so their verb of change is left out (it pointed to "Mức giảm tỷ lệ hộ nghèo")."""
    q = t.quantity
    before = doc.text[max(t.start, (q.qual_start or q.start) - 20) : q.qual_start or q.start]
    if _TO_LEVEL.search(before):
        return _CHANGE_VERB.sub("", t.metric)
    return t.metric


def run(doc: Doc) -> None:
    """Link each target to its best indicator and suggest up to 3 indicators per guidance item."""
    catalog = default_catalog()
    idx = _index_for(catalog)
    if doc.targets:
        items = []
        for t in doc.targets:
            items.append((_link_metric(doc, t), t.quantity.unit, t.base, _window(doc, t)))
        scores = _score_targets(idx, items)
        for t, row in zip(doc.targets, scores, strict=True):
            best = _ranked(idx, row, 1)
            if best and best[0][1] >= TARGET_THRESHOLD:
                ind = catalog.by_id[best[0][0]]
                t.indicator = IndicatorLink(id=ind.id, name=ind.name, score=best[0][1])
    if doc.guidance:
        g_scores = _score_texts(idx, [g.text for g in doc.guidance])
        for g, row in zip(doc.guidance, g_scores, strict=True):
            ids: list[str] = []
            for ti in g.target_idx:  # what its own targets measure comes first
                link = doc.targets[ti].indicator if ti < len(doc.targets) else None
                if link and link.id not in ids:
                    ids.append(link.id)
            for cid, score in _ranked(idx, row, GUIDANCE_MAX + len(ids)):
                if len(ids) >= GUIDANCE_MAX or score < GUIDANCE_THRESHOLD:
                    break
                if cid not in ids:
                    ids.append(cid)
            g.indicator_ids = ids


default_catalog()  # validate at import: a broken catalog must stop start-up, not answer wrongly
