"""Content negotiation: an ``Accept`` header (RFC 9110 §12.5.1) and a list of offers in, one media type out.

Quality values are honoured, the most specific matching range decides an offer's quality
(``text/turtle;q=0`` refuses Turtle even under ``*/*``), and ties go to the server's order of
preference. The tables below name every media type the server speaks, for resources (RDF and HTML)
and for SPARQL results, with the file suffixes (``.ttl``, ``.jsonld``, ``.nt``, ``.rdf``) that pick
a representation without negotiation.

>>> choose("text/html;q=0.9, text/turtle", RESOURCE_TYPES)
'text/turtle'
>>> choose("application/xml;q=0.9, */*;q=0.8", RESULT_TYPES)
'application/sparql-results+xml'
>>> choose("application/pdf", RESOURCE_TYPES) is None
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox

TURTLE = "text/turtle"
JSON_LD = "application/ld+json"
N_TRIPLES = "application/n-triples"
RDF_XML = "application/rdf+xml"
HTML = "text/html"

RDF_TYPES: tuple[str, ...] = (TURTLE, JSON_LD, N_TRIPLES, RDF_XML)
"""RDF serialisations of a description, in the server's order of preference."""
RESOURCE_TYPES: tuple[str, ...] = (*RDF_TYPES, HTML)
"""What a dereferenceable resource can be: Turtle first for ``*/*``; browsers ask for HTML by name."""

SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
RESULT_TYPES: tuple[str, ...] = (SPARQL_JSON, SPARQL_XML, CSV, TSV)
"""Serialisations of SELECT and ASK results."""
GRAPH_TYPES: tuple[str, ...] = RDF_TYPES
"""Serialisations of CONSTRUCT and DESCRIBE results."""

ALIASES: dict[str, str] = {
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/x-turtle": TURTLE,
    "text/plain": N_TRIPLES,
}
"""Media types clients send for ours; ``json``/``xml`` resolve by context (results or RDF)."""

SUFFIXES: dict[str, str] = {"ttl": TURTLE, "jsonld": JSON_LD, "nt": N_TRIPLES, "rdf": RDF_XML, "html": HTML}
"""File suffixes that name a representation of a resource: ``/id/person/to-lam.ttl``."""
SUFFIX_OF: dict[str, str] = {media: suffix for suffix, media in SUFFIXES.items()}

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    TURTLE: ox.RdfFormat.TURTLE,
    JSON_LD: ox.RdfFormat.JSON_LD,
    N_TRIPLES: ox.RdfFormat.N_TRIPLES,
    RDF_XML: ox.RdfFormat.RDF_XML,
}
RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    SPARQL_JSON: ox.QueryResultsFormat.JSON,
    SPARQL_XML: ox.QueryResultsFormat.XML,
    CSV: ox.QueryResultsFormat.CSV,
    TSV: ox.QueryResultsFormat.TSV,
}

FORMAT_NAMES: dict[str, tuple[str | None, str | None]] = {
    "json": (SPARQL_JSON, JSON_LD),
    "xml": (SPARQL_XML, RDF_XML),
    "csv": (CSV, None),
    "tsv": (TSV, None),
    "ttl": (None, TURTLE),
    "turtle": (None, TURTLE),
    "nt": (None, N_TRIPLES),
    "ntriples": (None, N_TRIPLES),
    "n-triples": (None, N_TRIPLES),
    "jsonld": (None, JSON_LD),
    "json-ld": (None, JSON_LD),
    "rdf": (None, RDF_XML),
    "rdfxml": (None, RDF_XML),
}
"""Values of the SPARQL endpoint's ``format=`` parameter: (results type, graph type)."""

CHARSET_TYPES = frozenset({TURTLE, N_TRIPLES, HTML, CSV, TSV})
"""Text types whose Content-Type header carries ``charset=utf-8``."""


@dataclass(frozen=True, slots=True)
class MediaRange:
    """One element of an ``Accept`` header: ``type/subtype`` (either may be ``*``) and its quality."""

    type: str
    """The top-level type, lower-cased, or ``*``."""
    subtype: str
    """The subtype, lower-cased, or ``*``."""
    q: float = 1.0
    """The quality value, 0 (refused) to 1."""

    def __post_init__(self) -> None:
        if not 0.0 <= self.q <= 1.0:
            raise ValueError(f"quality out of range: {self.q}")

    def matches(self, media_type: str) -> int:
        """How specifically this range matches ``media_type``: 2 exact, 1 ``type/*``, 0 ``*/*``, -1 not."""
        kind, _, sub = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != kind:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == sub else -1


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an ``Accept`` header; malformed elements are skipped.

    >>> [(r.type, r.subtype, r.q) for r in parse_accept("text/html, */*;q=0.1")]
    [('text', 'html', 1.0), ('*', '*', 0.1)]
    """
    ranges: list[MediaRange] = []
    for element in (header or "").split(","):
        media, *params = [part.strip() for part in element.split(";")]
        kind, slash, sub = media.lower().partition("/")
        if not slash or not kind or not sub:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(1.0, max(0.0, float(value.strip())))
                except ValueError:
                    q = 0.0
        ranges.append(MediaRange(kind, sub, q))
    return ranges


def _canonical(media: MediaRange, context: Sequence[str]) -> MediaRange:
    """A range for an alias (``application/json``) rewritten to the type it stands for in ``context``."""
    alias = ALIASES.get(f"{media.type}/{media.subtype}")
    if alias is None:
        return media
    if alias in ("json", "xml"):
        wanted = {"json": (SPARQL_JSON, JSON_LD), "xml": (SPARQL_XML, RDF_XML)}[alias]
        alias = next((t for t in wanted if t in context), None)
        if alias is None:
            return media
    kind, _, sub = alias.partition("/")
    return MediaRange(kind, sub, media.q)


def quality(ranges: Sequence[MediaRange], media_type: str) -> float:
    """The quality the client gives ``media_type``: that of the most specific range that matches it."""
    best, q = -1, 0.0
    for media in ranges:
        score = media.matches(media_type)
        if score > best or (score == best and media.q > q):
            best, q = score, media.q
    return q if best >= 0 else 0.0


def choose(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offer the client prefers (ties: the first offer), or None when it accepts none of them.

    No ``Accept`` header means anything goes: the first offer.

    >>> choose(None, RESOURCE_TYPES)
    'text/turtle'
    >>> choose("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", RESOURCE_TYPES)
    'text/html'
    >>> choose("application/json", GRAPH_TYPES)
    'application/ld+json'
    >>> choose("*/*, text/turtle;q=0", RDF_TYPES)
    'application/ld+json'
    """
    if not accept or not accept.strip():
        return offers[0] if offers else None
    ranges = [_canonical(media, offers) for media in parse_accept(accept)]
    if not ranges:
        return offers[0] if offers else None
    scored = [(quality(ranges, offer), -index, offer) for index, offer in enumerate(offers)]
    q, _, offer = max(scored)
    return offer if q > 0 else None


def content_type(media_type: str) -> str:
    """The Content-Type header value for ``media_type`` (text types say ``charset=utf-8``).

    >>> content_type("text/turtle")
    'text/turtle; charset=utf-8'
    """
    return f"{media_type}; charset=utf-8" if media_type in CHARSET_TYPES else media_type


def split_suffix(path: str) -> tuple[str, str | None]:
    """``path`` without a representation suffix, and the media type the suffix names (or None).

    >>> split_suffix("person/to-lam.ttl")
    ('person/to-lam', 'text/turtle')
    >>> split_suffix("activity/relations.event.v1")
    ('activity/relations.event.v1', None)
    """
    stem, dot, suffix = path.rpartition(".")
    if dot and "/" not in suffix and suffix.lower() in SUFFIXES:
        return stem, SUFFIXES[suffix.lower()]
    return path, None
