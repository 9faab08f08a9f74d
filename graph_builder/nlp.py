"""Offline spaCy pipelines: a blank pipeline per language with a lookup lemmatiser and sentence splits.

Text in, ``spacy.tokens.Doc`` out. Every token's ``norm_`` is set to its lower-cased lemma, so the
rule packs match any inflected form by writing one form of the word (``ondertekend`` and
``ondertekende`` both normalise to ``ondertekenen``). Sentences end at ``.!?`` and at line breaks.
Languages with no lookup tables (e.g. ``vi``) still tokenise; their norms are lower-cased forms.

>>> doc = parse("De ministers ondertekenden het verdrag.\\nFrankrijk tekende.", "nl")
>>> [t.norm_ for t in doc][:3]
['de', 'ministers', 'ondertekenen']
>>> [s.text for s in doc.sents if not s.text.isspace()]
['De ministers ondertekenden het verdrag.', 'Frankrijk tekende.']
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

FALLBACK_LANGUAGE = "xx"


@Language.component("cdkg_norms")
def _set_norms(doc: Doc) -> Doc:
    for token in doc:
        lemma = token.lemma_ or token.text
        token.norm_ = lemma.lower()
    return doc


@Language.component("cdkg_line_breaks")
def _line_breaks(doc: Doc) -> Doc:
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[i + 1].is_sent_start = True
    return doc


def pipeline(language: str) -> Language:
    """The cached blank pipeline for ``language`` (a BCP 47 tag; the primary subtag is used, so
    ``fr`` and ``fr-BE`` share one pipeline)."""
    return _pipeline(language.split("-")[0].lower())


@lru_cache(maxsize=None)
def lemma_lookup(code: str) -> dict[str, str] | None:
    """The ``lemma_lookup`` table of spacy-lookups-data for language ``code`` as decoded (word →
    lemma, the words as strings), or None when it has none; decoded once per process and shared by
    the pipeline's lemmatiser and ``recognise._common_words``."""
    from spacy.util import load_language_data, registry

    try:
        data = registry.lookups.get(code)
    except Exception:  # noqa: BLE001 - no lookups for this language, or spacy-lookups-data missing
        return None
    if "lemma_lookup" not in data:
        return None
    return load_language_data(data["lemma_lookup"])


@lru_cache(maxsize=None)
def _pipeline(code: str) -> Language:
    try:
        config = {"nlp": {"tokenizer": {"use_pyvi": False}}} if code == "vi" else {}
        nlp = spacy.blank(code, config=config)
    except (ImportError, OSError, KeyError, ValueError):
        nlp = spacy.blank(FALLBACK_LANGUAGE)
    table = lemma_lookup(nlp.lang)
    if table is not None:
        # The lookup lemmatiser reads ``table.get(token.text, token.text)``: the decoded dict answers
        # that as spaCy's ``Table`` would (which re-keys every entry by its hash: ~0.3–0.8 s per
        # language), and without ``nlp.initialize`` loading and decoding the table a second time.
        from spacy.lookups import Lookups

        lookups = Lookups()
        lookups.set_table("lemma_lookup", table)  # type: ignore[arg-type]
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"}).initialize(lookups=lookups)
    nlp.add_pipe("cdkg_line_breaks")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("cdkg_norms")
    return nlp


def parse(text: str, language: str) -> Doc:
    """Tokenise, lemmatise and split ``text`` into sentences."""
    return pipeline(language)(text)


def norms(text: str, language: str) -> tuple[str, ...]:
    """The token norms of a short phrase (how a rule-pack phrase is matched).

    >>> norms("heeft ondertekend", "nl")
    ('heeft', 'ondertekenen')
    """
    return tuple(t.norm_ for t in _norm_doc(text, language) if not t.is_space)


def norm_doc(text: str, language: str) -> Doc:
    """A phrase tokenised and lemmatised (no sentence splitting), for phrase patterns on NORM."""
    return _norm_doc(text, language)


def _norm_doc(text: str, language: str) -> Doc:
    return add_norms(pipeline(language).make_doc(text), language)


def add_norms(doc: Doc, language: str) -> Doc:
    """Lemmatise a tokenised phrase and set its norms, in place (what ``norm_doc`` does after tokenising)."""
    for name, proc in pipeline(language).pipeline:
        if name in ("lemmatizer", "cdkg_norms"):
            doc = proc(doc)
    return doc


def sentence_of(doc: Doc, char: int) -> int:
    """The index of the sentence of ``doc`` that holds character ``char`` (cached on the doc)."""
    starts = doc.user_data.get("cdkg_sent_starts")
    if starts is None:
        starts = [s.start_char for s in sentence_spans(doc)]
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= char:
            lo = mid
        else:
            hi = mid - 1
    return lo


def sentence_spans(doc: Doc) -> list:
    """The sentences of ``doc`` as spans, computed once and kept on the doc."""
    spans = doc.user_data.get("cdkg_sents")
    if spans is None:
        spans = list(doc.sents)
        doc.user_data["cdkg_sents"] = spans
        doc.user_data["cdkg_sent_starts"] = [s.start_char for s in spans]
    return spans


def sentence_at(doc: Doc, token_index: int):
    """The sentence span holding token ``token_index`` (cheap, unlike ``Token.sent``)."""
    return sentence_spans(doc)[sentence_of(doc, doc[token_index].idx)]


def tokens(doc: Doc) -> list:
    """The tokens of ``doc`` as a list made once and kept on the doc: iterating a Doc or indexing it
    creates a new Token object every time, which dominated recognition time."""
    toks = doc.user_data.get("cdkg_tokens")
    if toks is None:
        toks = list(doc)
        doc.user_data["cdkg_tokens"] = toks
    return toks


def text_of(doc: Doc) -> str:
    """The text of ``doc``, kept on the doc (``Doc.text`` joins every token again on each call)."""
    text = doc.user_data.get("cdkg_text")
    if text is None:
        text = doc.text
        doc.user_data["cdkg_text"] = text
    return text
