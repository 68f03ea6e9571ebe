"""Named entities: PER, ORG, LOC by domain rules plus underthesea's CRF, and
DATE, DOC_REF, PERCENT, QUANTITY, MONEY from the earlier extractors.

underthesea's 2017 NER model tags "Kế hoạch số 117" and "Huyện ủy Càng Long"
as LOC (set F1 0.1-0.2 on directives), so the rules decide: party and state
bodies with their place are ORG, "unit word + name" is LOC, names after a
title or starting with a surname are PER. The CRF is consulted only for
capitalised runs no rule explains, on the words already segmented, and its
answer is kept only when it looks like a name.
"""

from __future__ import annotations

import re
from functools import cache

from nlp.doc import Doc, Entity
from nlp.resources import load_lines

_UP = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_LO = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
CAP = rf"[{_UP}][{_LO}]*(?:'[{_LO}]+)?"  # one capitalised syllable ("Càng", "H'Mông")
_SEP = r"[ \t]*\n?[ \t]*"  # names may be broken by a hard line break ("Nguyễn Hòa\nBình")
_NAME = rf"{CAP}(?:(?:{_SEP}|[ \t]+[-–][ \t]+){CAP}){{0,3}}"  # "Bà Rịa - Vũng Tàu"
_B = rf"(?<![{_UP}{_LO}0-9])"  # left word boundary
_E = rf"(?![{_UP}{_LO}0-9])"  # right word boundary


def _alt(items: list[str] | tuple[str, ...]) -> str:
    ordered = sorted(set(items), key=len, reverse=True)
    return "|".join(re.escape(x).replace(r"\ ", r"\s+") for x in ordered)


def _both_cases(words: tuple[str, ...]) -> list[str]:
    out = list(words)
    out += [w[0].upper() + w[1:] for w in words if w[0].islower()]
    return out


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    heads = load_lines("org_heads.txt")
    fields = load_lines("org_fields.txt")
    prefixes = load_lines("org_field_prefixes.txt")
    units = _both_cases(load_lines("admin_units.txt"))
    field_org = rf"(?:{_alt(prefixes)})\s+(?:{_alt(fields)})"
    core = rf"(?:{_alt(heads)}|{field_org}){_E}"
    unit = rf"(?:{_alt(units)})"
    org = rf"{_B}{core}(?:\s+{core}){{0,2}}(?:[ \t]+(?:{unit}[ \t]+(?P<uname>{_NAME}|\d+){_E}|(?P<bare>{unit}){_E}|(?P<dname>{_NAME}){_E}))?"
    loc = rf"{_B}(?P<unit>{unit})[ \t]*\n?[ \t]*(?P<name>{_NAME}|\d+{_E})"
    titles = load_lines("person_titles.txt")
    per_title = rf"{_B}(?:{_alt(titles)})[ \t]+(?P<name>{CAP}(?:{_SEP}{CAP}){{1,3}}){_E}"
    per_surname = rf"{_B}(?:{_alt(load_lines('surnames.txt'))})(?:{_SEP}{CAP}){{1,3}}{_E}"
    places = rf"{_B}(?:{_alt(load_lines('places.txt'))}){_E}"
    title_before = rf"{_B}(?:{_alt(titles)})\s+$"
    cap_run = rf"{_B}{CAP}(?:[ \t]+{CAP})+{_E}"
    caps_word = rf"[{_UP}]+"
    caps_head = _alt([h.upper() for h in heads if not h.isupper()])
    caps_unit = _alt([u.upper() for u in load_lines("admin_units.txt") if u[0].islower()])
    caps_name = rf"{caps_word}(?:[ \t]+{caps_word}){{0,3}}"
    caps_org = rf"{_B}(?:{caps_head})(?:\**(?:[ \t]{{1,3}}|\n)(?:{caps_head}))?(?:\**[ \t]*\n?[ \t]*\**(?:{caps_unit})[ \t]+{caps_name})?{_E}"
    caps_loc = rf"{_B}(?:{caps_unit})[ \t]+{caps_name}{_E}"
    party = rf"{_B}Đảng(?![ \t]+(?:viên|bộ|ủy|đoàn|phí|vụ|kỳ|Cộng|cộng)){_E}"
    national = rf"(?:{_alt(load_lines('national_bodies.txt'))})$"
    return {
        "org": re.compile(org),
        "org_head": re.compile(core),
        "loc": re.compile(loc),
        "per_title": re.compile(per_title),
        "per_surname": re.compile(per_surname),
        "place": re.compile(places),
        "title_before": re.compile(title_before),
        "cap_run": re.compile(cap_run),
        "caps_org": re.compile(caps_org),
        "caps_loc": re.compile(caps_loc),
        "party": re.compile(party),
        "national": re.compile(national),
    }


_GENERIC = re.compile(r"[ \t]+(?:các|những|mọi|từng)(?![\wÀ-ỹ])")
_TITLE_IN_BODY = re.compile(r"(?:Phó\s+)?Thủ\s+tướng\s+")


@cache
def _caps_stop() -> frozenset[str]:
    return frozenset(load_lines("caps_stop.txt"))


@cache
def _surnames() -> frozenset[str]:
    return frozenset(load_lines("surnames.txt"))


@cache
def _not_name_syllables() -> frozenset[str]:
    """Capitalised syllables that start a title or a body, not a place or person name."""
    words = {line.split()[0] for line in load_lines("person_titles.txt") if line[:1].isupper()}
    words.update(load_lines("not_names.txt"))
    return frozenset(words)


def _trim_name(text: str, start: int, end: int) -> int:
    """Cut a name before the first syllable that opens a title or a body ("Chính phủ Trưởng Ban")."""
    stop = _not_name_syllables()
    head = _patterns()["org_head"]
    for m in re.finditer(r"\S+", text[start:end]):
        if m.group(0) in stop or head.match(text, start + m.start()):
            return start + m.start()
    return end


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    return end


def _person_in_name(text: str, start: int, end: int, titled: bool) -> int | None:
    """Where a person's name starts inside a place name after a body.

    "Phó Chủ tịch UBND tỉnh Võ Phiên": after a title, a name that is not a known
    place is the person; "Huyện ủy Càng Long Nguyễn Văn A": a surname inside
    the name starts the person.
    """
    p = _patterns()
    if p["place"].fullmatch(text, start, end):
        return None
    syllables = list(re.finditer(r"\S+", text[start:end]))
    surnames = _surnames()
    for i, m in enumerate(syllables):
        if m.group(0) in surnames and len(syllables) - i >= 2 and (i > 0 or titled):
            return start + m.start()
    return None


def rule_entities(text: str) -> list[Entity]:
    p = _patterns()
    found: list[Entity] = []
    for m in p["org"].finditer(text):
        if m.start() > 0 and text[m.start() - 1] in "/-–":  # "16/KH-UBND": a code, not a mention
            continue
        if _GENERIC.match(text, m.end()):  # "Ủy ban nhân dân các huyện": many bodies, no name
            continue
        end = m.end()
        name = "dname" if m.group("dname") is not None else "uname" if m.group("uname") is not None else None
        if name == "dname":  # a name right after the body: "Huyện ủy Càng Long"
            end = _rstrip(text, m.start(), _trim_name(text, m.start(name), m.end(name)))
        if name and end > m.start(name):
            body = text[m.start() : m.start(name)].rstrip()
            titled = bool(p["title_before"].search(text, max(0, m.start() - 30), m.start()))
            titled = titled or bool(p["national"].search(body))
            person = _person_in_name(text, m.start(name), end, titled)
            if person is not None:
                found.append(Entity(person, end, text[person:end], "PER"))
                head = _TITLE_IN_BODY.match(text, m.start())
                if head:  # "Thủ tướng Chính phủ Phạm Minh Chính": the title is not part of the body
                    found.append(Entity(head.end(), _rstrip(text, m.start(), person), text[head.end() : _rstrip(text, m.start(), person)], "ORG"))
                    continue
                end = _rstrip(text, m.start(), person)
                if name == "uname" and end <= m.start(name):
                    end = _rstrip(text, m.start(), m.start(name))
            elif name == "dname" and not p["national"].search(body) and " " in text[m.start(name) : end]:
                found.append(Entity(m.start(name), end, text[m.start(name) : end], "LOC"))  # "Càng Long"
        found.append(Entity(m.start(), end, text[m.start() : end], "ORG"))
    caps_stop = _caps_stop()
    for key, label in (("caps_org", "ORG"), ("caps_loc", "LOC"), ("party", "ORG")):
        for m in p[key].finditer(text):
            if m.start() > 0 and text[m.start() - 1] in "/-–":
                continue
            end = m.end()
            for w in re.finditer(r"\S+", text[m.start() : m.end()]):
                if w.start() > 0 and w.group(0) in caps_stop:
                    end = _rstrip(text, m.start(), m.start() + w.start())
                    break
            if label == "LOC" and len(text[m.start() : end].split()) < 2:
                continue
            found.append(Entity(m.start(), end, text[m.start() : end], label))
    people = [(e.start, e.end) for e in found if e.label == "PER"]
    for m in p["loc"].finditer(text):  # also inside ORG: "Đảng bộ xã Tân An" holds "xã Tân An"
        end = m.end()
        for a, _b in people:
            if m.start() < a < end:
                end = _rstrip(text, m.start(), a)
        if end > m.start("name"):
            found.append(Entity(m.start(), end, text[m.start() : end], "LOC"))
    for m in p["place"].finditer(text):
        found.append(Entity(m.start(), m.end(), m.group(0), "LOC"))
    for m in p["per_title"].finditer(text):
        s, e = m.start("name"), _trim_name(text, m.start("name"), m.end("name"))
        e = _rstrip(text, s, e)
        if " " in text[s:e].strip() or "\n" in text[s:e]:
            found.append(Entity(s, e, text[s:e], "PER"))
    for m in p["per_surname"].finditer(text):
        e = _rstrip(text, m.start(), _trim_name(text, m.start() + 1, m.end()))
        if re.search(r"\s", text[m.start() : e]):
            found.append(Entity(m.start(), e, text[m.start() : e], "PER"))
    return found


_PRIORITY = {"ORG": 0, "LOC": 1, "PER": 2}


def resolve(candidates: list[Entity]) -> list[Entity]:
    """Keep ORG over LOC over PER where they clash; a LOC inside an ORG stays (nested)."""
    ordered = sorted(candidates, key=lambda e: (_PRIORITY[e.label], e.source != "rule", -(e.end - e.start), e.start))
    kept: list[Entity] = []
    for cand in ordered:
        ok = True
        for k in kept:
            if cand.start < k.end and k.start < cand.end:
                nested_loc = cand.label == "LOC" and k.label == "ORG" and k.start <= cand.start and cand.end <= k.end
                if not nested_loc:
                    ok = False
                    break
        if ok:
            kept.append(cand)
    return sorted(kept, key=lambda e: (e.start, e.end))


@cache
def _crf():  # noqa: ANN202
    from underthesea.pipeline.chunking.model_crf import CRFChunkingPredictor
    from underthesea.pipeline.ner.model_crf import CRFNERPredictor
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

    return CRFPOSTagPredictor.Instance(), CRFChunkingPredictor.Instance(), CRFNERPredictor.Instance()


_CRF_NAME = re.compile(rf"^{CAP}(?:\s+{CAP}){{1,3}}$")


_WINDOW = 5  # the CRFs' features look two words away; five keep the tags of the run unchanged


def _uncovered_runs(doc: Doc, s: int, e: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    runs = []
    for m in _patterns()["cap_run"].finditer(doc.text, s, e):
        if m.start() == s:  # a run opening the sentence is usually not a name
            continue
        if not any(a <= m.start() and m.end() <= b for a, b in spans):
            runs.append((m.start(), m.end()))
    return runs


def _windows(doc: Doc, si: int, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token windows (merged) around each run, inside sentence `si`."""
    a, b = doc.sent_tokens[si]
    out: list[list[int]] = []
    for rs, re_ in runs:
        idx = [i for i in range(a, b) if doc.tokens[i].end > rs and doc.tokens[i].start < re_]
        if not idx:
            continue
        lo, hi = max(a, idx[0] - _WINDOW), min(b, idx[-1] + 1 + _WINDOW)
        if out and lo <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out]


def crf_entities(doc: Doc, covered: list[Entity]) -> list[Entity]:
    """underthesea's CRF (POS → chunk → NER) around capitalised runs that no rule explains."""
    spans = sorted((e.start, e.end) for e in covered)
    pos, chunk, ner = _crf()
    stop = _not_name_syllables()
    found: list[Entity] = []
    for si, (s, e) in enumerate(doc.sentences):
        runs = _uncovered_runs(doc, s, e, spans)
        for lo, hi in _windows(doc, si, runs) if runs else ():
            toks = doc.tokens[lo:hi]
            words = [re.sub(r"\s+", " ", t.text) for t in toks]
            tagged = ner.predict(chunk.predict(pos.predict(words)))
            i = 0
            while i < len(tagged):
                tag = tagged[i][3]
                if not tag.startswith("B-"):
                    i += 1
                    continue
                label = tag[2:]
                j = i + 1
                while j < len(tagged) and tagged[j][3] == f"I-{label}":
                    j += 1
                start, end = toks[i].start, toks[j - 1].end
                span = doc.text[start:end]
                in_run = any(rs <= start and end <= re_ for rs, re_ in runs)
                first = span.split()[0]
                if label == "PER" and first not in _surnames():
                    label = "LOC" if _patterns()["place"].fullmatch(span) else ""
                if label in {"PER", "LOC"} and in_run and _CRF_NAME.match(span) and first not in stop:
                    found.append(Entity(start, end, span, label, source="crf"))
                i = j
    return found


def _numeric_entities(doc: Doc) -> list[Entity]:
    out: list[Entity] = []
    for q in doc.quantities:
        label = {"percent": "PERCENT", "money": "MONEY"}.get(q.kind)
        if label is None and q.kind in {"quantity", "ratio"} and q.unit:
            label = "QUANTITY"
        if label:
            out.append(Entity(q.start, q.end, q.text, label, source="quantity"))
    out += [Entity(d.start, d.end, d.text, "DATE", source="date") for d in doc.dates]
    for r in doc.references:
        end = r.number_end or r.end
        out.append(Entity(r.start, end, doc.text[r.start : end], "DOC_REF", source="reference"))
    return out


def run(doc: Doc) -> None:
    rules = rule_entities(doc.text)
    names = resolve(rules + crf_entities(doc, rules))
    # a body or person inside a cited document's number/title span is not a mention of its own
    refs = [(r.start, r.number_end or r.end) for r in doc.references]
    names = [n for n in names if not any(a <= n.start and n.end <= b for a, b in refs)]
    doc.entities = names + _numeric_entities(doc)
