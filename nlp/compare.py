"""Targets across documents: group by indicator and period, order by issuer level, flag weaker ones.

A district plan usually restates the provincial target it implements; putting both side by side
(Trung ương → tỉnh → huyện → xã) shows where a lower level commits to less than its parent. The
issuer's level comes from simple rules in `data/issuer_levels.json` (issuer text, then the code of
the số ký hiệu such as "/HU" or "-TTg"); a document whose level cannot be told sorts last and is
never anyone's parent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from nlp.indicators import Catalog, default_catalog
from nlp.resources import load_json
from nlp.schema import Analysis, TargetOut

LEVEL_NAMES = ("trung_uong", "tinh", "huyen", "xa")
UNKNOWN = 9
_DOWN_WORDS = re.compile(r"(?<![\wÀ-ỹ])(?:còn|xuống|dưới|không quá|tối đa)(?![\wÀ-ỹ])", re.I)
_CHANGE_WORDS = re.compile(r"(?<![\wÀ-ỹ])(?:giảm|tăng|nâng)(?![\wÀ-ỹ])", re.I)


@dataclass(frozen=True)
class _Rules:
    issuer: list[tuple[re.Pattern[str], int]]
    codes: list[tuple[re.Pattern[str], int]]


@cache
def _rules() -> _Rules:
    d = load_json("issuer_levels.json")
    levels = d["levels"]
    issuer = [
        (re.compile(rf"(?<![\wÀ-ỹ]){p}(?![\wÀ-ỹ])"), levels[lv]) for lv, ps in d["issuer_patterns"].items() for p in ps
    ]
    codes = [(re.compile(rf"{p}"), levels[lv]) for lv, ps in d["number_codes"].items() for p in ps]
    return _Rules(issuer, codes)


def issuer_level(issuer: str | None, number: str | None = None, doc_type: str | None = None) -> int:
    """0 Trung ương, 1 tỉnh, 2 huyện, 3 xã, `UNKNOWN` (9) when neither issuer nor number tells."""
    r = _rules()
    if issuer:
        hits = [(m.start(), -(m.end() - m.start()), lv) for p, lv in r.issuer for m in [p.search(issuer)] if m]
        if hits:
            return min(hits)[2]
    if number:
        tail = re.split(r"[/-]", number.replace(" ", ""))[-1]
        for p, lv in r.codes:
            if p.fullmatch(tail):
                return lv
    return UNKNOWN


@dataclass
class Entry:
    """One target of one document, placed in a group."""

    doc: int  # index into the analyses given
    document: str  # filename, else số ký hiệu, else "#i"
    level: int
    target: TargetOut


@dataclass
class Weaker:
    """A lower-level target that commits to less than the higher-level one it implements."""

    child: Entry
    parent: Entry
    reason: str


@dataclass
class Group:
    indicator_id: str
    indicator_name: str
    period: str  # end year/date of the targets ("2025"), "" when they name none
    entries: list[Entry] = field(default_factory=list)  # ordered by level, then document
    weaker: list[Weaker] = field(default_factory=list)


def _period_key(t: TargetOut) -> str:
    return (t.period.end or t.period.start or "")[:4]


def _lower_is_stronger(t: TargetOut, direction: str) -> bool | None:
    """True: a ceiling or a level of a "down" indicator; False: a floor/an amount of change;
    None when the two readings cannot be told apart."""
    if t.comparator in ("<=", "<"):
        return True
    text = f"{t.metric} {t.text}"
    if _DOWN_WORDS.search(text):
        return True
    if _CHANGE_WORDS.search(t.metric):
        return False  # "giảm 1,5%/năm", "tăng 10%": a bigger change is the stronger commitment
    return direction == "down"


def _compare(child: Entry, parent: Entry, direction: str) -> str | None:
    c, p = child.target, parent.target
    if (c.unit or "") != (p.unit or "") or (c.per or None) != (p.per or None):
        return None
    lower_c, lower_p = _lower_is_stronger(c, direction), _lower_is_stronger(p, direction)
    if lower_c is None or lower_c != lower_p:
        return None
    if lower_c:  # the commitment is the upper end
        cv, pv = c.value_max if c.value_max is not None else c.value, p.value_max if p.value_max is not None else p.value
        if cv > pv:
            return f"{cv:g}{c.unit} is above the parent's ceiling {pv:g}{p.unit} (lower is stronger here)"
        return None
    cv, pv = c.value, p.value  # the commitment is the lower end of a range
    if cv < pv:
        return f"{cv:g}{c.unit} is below the parent's {pv:g}{p.unit}"
    return None


def compare(
    analyses: Sequence[Analysis], levels: Sequence[int | None] | None = None, catalog: Catalog | None = None,
) -> list[Group]:
    """Group the linked targets of many documents by (indicator, period) and flag weaker ones.

    `levels` may override the derived level per document (None keeps the rule's answer).
    Only groups with targets from at least two documents are returned. A child's parent is the
    nearest higher level in the group, preferring a document the child cites by number.
    """
    cat = catalog or default_catalog()
    groups: dict[tuple[str, str], Group] = {}
    numbers: list[str | None] = []
    cited: list[set[str]] = []
    for i, a in enumerate(analyses):
        d = a.document
        lv = levels[i] if levels is not None and levels[i] is not None else issuer_level(d.issuer, d.number, d.doc_type)
        name = a.source.filename or d.number or f"#{i}"
        numbers.append(d.number)
        cited.append({r.number for r in a.references if r.number})
        for t in a.targets:
            if t.indicator is None:
                continue
            key = (t.indicator.id, _period_key(t))
            g = groups.get(key)
            if g is None:
                g = groups[key] = Group(t.indicator.id, t.indicator.name, key[1])
            g.entries.append(Entry(i, name, lv, t))
    out = []
    for g in groups.values():
        if len({e.doc for e in g.entries}) < 2:
            continue
        g.entries.sort(key=lambda e: (e.level, e.doc))
        ind = cat.by_id.get(g.indicator_id)
        direction = ind.direction if ind else "up"
        for child in g.entries:
            above = [e for e in g.entries if e.level < child.level and e.doc != child.doc]
            if child.level == UNKNOWN or not above:
                continue
            nearest = max(e.level for e in above)
            cited_parents = [e for e in above if numbers[e.doc] and numbers[e.doc] in cited[child.doc]]
            parents = cited_parents or [e for e in above if e.level == nearest]
            for parent in parents:
                reason = _compare(child, parent, direction)
                if reason:
                    g.weaker.append(Weaker(child, parent, reason))
        out.append(g)
    return sorted(out, key=lambda g: (g.indicator_id, g.period))
