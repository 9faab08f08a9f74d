"""Dereferenceable resources: a request path in, the description of the IRI it names out.

A local path maps onto the base IRI: with the public base ``https://w3id.org/cdkg/``, the request
``/id/person/to-lam`` describes ``<https://w3id.org/cdkg/id/person/to-lam>``; with another
``--base-iri`` the same path is appended to that base instead.

**Direct answers, not 303 redirects.** ``/id/...``, ``/ontology`` and ``/vocab/...`` answer 200
with the representation the client prefers (``Accept``, q-values honoured), plus ``Vary: Accept``,
a ``Content-Location`` naming the suffixed document that was sent (``/id/person/to-lam.ttl``) and
``Link: rel="alternate"`` headers for the other representations. The public IRIs already pass
through one redirect at w3id.org; a 303 would add a second round trip for every lookup, and
``Content-Location`` tells clients which document describes the thing, as the W3C's
httpRange-14 follow-up allows. The suffixed URLs (``.ttl``, ``.jsonld``, ``.nt``, ``.rdf``,
``.html``) are plain documents with one fixed type each.

What a description holds (triples from every named graph, each once):

- any resource: its triples as subject, plus those of the nodes it owns — a fact's derivations,
  their evidence spans (``{doc}#char=b,e``), a tenure's interval and its instants, skolemised
  axioms (``genid/``);
- ``/id/doc/{hash}``: the document and everything under its fragments (its ``nif:Context`` with the
  text, the mentions and the evidence spans, read from its graph ``graph/doc/{hash}``), so
  ``{doc}#char=b,e`` IRIs resolve in the client;
- ``/ontology``: the ontology graph, without the vocabularies;
- ``/vocab/{scheme}``: the scheme and its concepts; ``/vocab/{scheme}/{code}``: the concept.

Unknown IRIs answer 404; an ``Accept`` header that admits none of the types answers 406.
"""

from __future__ import annotations

import pyoxigraph as ox

from . import negotiation as neg
from .sparql import serialize_triples

OWNED = ("id/derivation/", "id/interval/", "id/instant/", "genid/")
"""Kinds of nodes (under the base IRI) that belong to the resource pointing at them."""
MAX_DEPTH = 4


def iri_for(base_iri: str, path: str) -> str:
    """The IRI a local ``path`` names.

    >>> iri_for("https://w3id.org/cdkg/", "/id/person/to-lam")
    'https://w3id.org/cdkg/id/person/to-lam'
    """
    return base_iri + path.lstrip("/")


def exists(store: ox.Store, iri: str) -> bool:
    """Whether ``iri`` is the subject of some triple (in any graph)."""
    return next(iter(store.quads_for_pattern(ox.NamedNode(iri), None, None)), None) is not None


def _triples_of(store: ox.Store, subject: ox.NamedNode) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(subject, None, None)}


def describe(store: ox.Store, iri: str, base_iri: str) -> list[ox.Triple]:
    """The description of ``iri`` (see the module docstring), sorted so the output is stable."""
    if iri == base_iri + "ontology":
        return ontology(store, base_iri)
    triples: set[ox.Triple] = set()
    seen: set[str] = set()
    todo = [(iri, 0)]
    while todo:
        node, depth = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        found = _triples_of(store, ox.NamedNode(node))
        triples |= found
        if depth >= MAX_DEPTH:
            continue
        for t in found:
            o = t.object
            if isinstance(o, ox.NamedNode) and _owned(o.value, node, base_iri):
                todo.append((o.value, depth + 1))
    if iri.startswith(base_iri + "id/doc/") and "#" not in iri:
        graph = ox.NamedNode(base_iri + "graph/doc/" + iri.rsplit("/", 1)[-1])
        in_graph = store.contains_named_graph(graph)
        quads = store.quads_for_pattern(None, None, None, graph if in_graph else None)
        triples |= {ox.Triple(q.subject, q.predicate, q.object) for q in quads
                    if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(iri + "#")}
    if iri.startswith(base_iri + "vocab/") and "/" not in iri[len(base_iri + "vocab/") :]:
        in_scheme = ox.NamedNode("http://www.w3.org/2004/02/skos/core#inScheme")
        for q in store.quads_for_pattern(None, in_scheme, ox.NamedNode(iri)):
            if isinstance(q.subject, ox.NamedNode):
                triples |= _triples_of(store, q.subject)
    return sorted(triples, key=str)


def _owned(target: str, owner: str, base_iri: str) -> bool:
    if target.startswith(tuple(base_iri + kind for kind in OWNED)):
        return True
    # a fact's evidence span is a fragment of its document: {doc}#char=b,e
    return "#char=" in target and target.startswith(base_iri + "id/doc/") and not owner.startswith(base_iri + "id/doc/")


def ontology(store: ox.Store, base_iri: str) -> list[ox.Triple]:
    """The ontology graph without the SKOS vocabularies (they have their own ``/vocab/`` pages)."""
    graph = ox.NamedNode(base_iri + "graph/ontology")
    if not store.contains_named_graph(graph):
        return []
    vocab = base_iri + "vocab/"
    return sorted({ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, graph)
                   if not (isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(vocab))}, key=str)


def render_rdf(triples: list[ox.Triple], media_type: str) -> bytes:
    """A description in an RDF media type; JSON-LD is compacted with the published context when
    it is available, like the ``graph.jsonld`` dump."""
    if media_type == neg.JSON_LD:
        try:
            from ..publish import to_jsonld

            return to_jsonld(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
        except (OSError, ValueError, KeyError):
            pass
    return serialize_triples(triples, media_type)


def alternates(path: str) -> str:
    """The ``Link`` header listing every representation of the resource at ``path``.

    >>> alternates("/id/state/VNM").split(", ")[0]
    '</id/state/VNM.ttl>; rel="alternate"; type="text/turtle"'
    """
    return ", ".join(f'<{path}.{neg.SUFFIX_OF[m]}>; rel="alternate"; type="{m}"' for m in neg.RESOURCE_TYPES)
