"""Word segmentation: underthesea once per sentence, aligned to `Doc.text`.

underthesea's `word_tokenize` returns strings without offsets and may
re-normalise them; we run its own regex syllable tokenizer and CRF segmenter
on the already-normalised sentence, keep the syllable offsets, and build one
spaCy `Doc` whose token i is `doc.tokens[i]`, so Matcher patterns run over
words and no component segments again.
"""

from __future__ import annotations

import re
from functools import cache

from nlp.doc import Doc, Token


@cache
def _segmenter():  # noqa: ANN202 - underthesea types are untyped
    from os.path import dirname, join

    from underthesea.models.fast_crf_sequence_tagger import FastCRFSequenceTagger
    from underthesea.pipeline import word_tokenize as wt
    from underthesea.pipeline.text_normalize import token_normalize
    from underthesea.pipeline.word_tokenize.regex_tokenize import patterns

    model = FastCRFSequenceTagger()
    model.load(join(dirname(wt.__file__), "models", "ws_crf_vlsp2013_20230727"))
    return patterns, model, token_normalize


@cache
def vocab():  # noqa: ANN201
    """One spaCy Vietnamese vocab per process (blank pipeline, no pyvi)."""
    import spacy

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    return nlp.vocab


def _syllables(text: str, start: int, end: int) -> list[tuple[int, int]]:
    patterns = _segmenter()[0]
    out = []
    for m in patterns.finditer(text, start, end):
        for name, value in m.groupdict().items():
            if value is not None:
                s, e = m.span(name)
                if e > s and not text[s:e].isspace():
                    out.append((s, e))
                break
    return out


_WS = re.compile(r"\s+")


def segment(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Word spans of text[start:end] (a word may span several syllables)."""
    _patterns, model, token_normalize = _segmenter()
    syl = _syllables(text, start, end)
    if not syl:
        return []
    # syllables separated by a line break are still one word when the CRF says so
    features = [[token_normalize(_WS.sub(" ", text[s:e]))] for s, e in syl]
    tags = model.predict(features)
    words: list[list[int]] = []
    for (s, e), tag in zip(syl, tags, strict=True):
        if tag == "I-W" and words:
            words[-1][1] = e
        else:
            words.append([s, e])
    return [(s, e) for s, e in words]


def run(doc: Doc) -> None:
    from spacy.tokens import Doc as SpacyDoc

    tokens: list[Token] = []
    sent_tokens: list[tuple[int, int]] = []
    for i, (s, e) in enumerate(doc.sentences):
        first = len(tokens)
        tokens.extend(Token(doc.text[ws:we], ws, we, i) for ws, we in segment(doc.text, s, e))
        sent_tokens.append((first, len(tokens)))
    doc.tokens = tokens
    doc.token_starts = [t.start for t in tokens]
    doc.sent_tokens = sent_tokens
    words = [_WS.sub(" ", t.text) for t in tokens]
    spaces = [i + 1 < len(tokens) and tokens[i + 1].start > t.end for i, t in enumerate(tokens)]
    sent_starts = [False] * len(tokens)
    for a, b in sent_tokens:
        if b > a:
            sent_starts[a] = True
    sdoc = SpacyDoc(vocab(), words=words, spaces=spaces, sent_starts=sent_starts or None)
    doc.spacy_doc = sdoc
