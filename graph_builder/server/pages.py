"""The pages people read: an IRI and the store in, a template context out.

Each public function gathers what one page shows with a few SPARQL queries over the union of the
named graphs (the resource's IRI is passed as a substitution, never pasted into query text) and
returns plain records for the Jinja templates, which escape everything they print.

- ``resource_context``: any resource of the graph — entity (labels in every language, types,
  posts and tenures, the facts it takes part in, each with its source sentence and the mention
  highlighted), treaty (plus the timeline of treaty actions and the progress chart toward entry
  into force), fact (its slots and evidence), or anything else (its triples).
- ``document_context``: a source document's text with its mentions and the facts' evidence marked.
- ``search``: labels and aliases in every language, matched without case or diacritics.
- ``home_context``: what the home page links to.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..namespaces import PREFIXES, sparql_prefixes
from .markup import Chart, Segment, Span, fold, progress_chart, segments

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS = "http://www.w3.org/2004/02/skos/core#"
LABEL_PROPERTIES = (RDFS_LABEL, SKOS + "prefLabel", SKOS + "altLabel")
LABEL_RANK = {RDFS_LABEL: 0, SKOS + "prefLabel": 1}
"""Which property names a thing on a page, best first (then ``dcterms:title``, for documents)."""
FACT_CLASSES = ("Tenure", "TreatyAction", "Event", "Commitment", "Appeal", "Stance", "Claim")
CONSENT_TYPES = ("ratification", "acceptance", "approval", "accession", "succession")
"""Treaty actions that count toward entry into force (consent to be bound)."""
COUNTED_MODALITIES = ("asserted", "reported")
_PROVENANCE = {RDF_TYPE, RDFS_LABEL, "http://www.w3.org/ns/prov#wasDerivedFrom",
               "http://www.w3.org/ns/prov#qualifiedDerivation"}


@dataclass(frozen=True, slots=True)
class Term:
    """An RDF term ready to print: a link (IRI) or a value (literal)."""

    text: str
    """What to show: a label, or the literal's lexical form."""
    href: str | None = None
    """Where it links (a local path for our IRIs), or None for a literal."""
    iri: str | None = None
    """The full IRI, shown on hover."""
    lang: str | None = None
    """The literal's language tag."""
    datatype: str | None = None
    """The literal's datatype as a CURIE (not for plain strings)."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """A fact's source sentence: the span's text cut into segments, and its document."""

    doc: Term
    anchor: str
    """The fragment of the span in the document page (``char=b,e``)."""
    segments: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class FactCard:
    """A fact as the pages show it."""

    iri: str
    href: str
    type: str
    """The label of its most specific fact class (``reception`` events show as their label)."""
    label: str | None
    roles: tuple[str, ...]
    """How the page's entity takes part (``host``, ``participant``…); empty on other pages."""
    slots: tuple[tuple[str, Term], ...]
    date: str | None
    modality: str | None
    evidence: tuple[Evidence, ...]
    key: str = ""
    """The last segment of the IRI, used as an HTML anchor."""


@dataclass(frozen=True, slots=True)
class Tenure:
    """A post someone holds (or held): role, organisation, dates and where we know it from."""

    iri: str
    href: str
    person: Term
    post: str
    organization: Term | None
    begin: str | None
    end: str | None
    attested: str | None
    sources: tuple[Term, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Block:
    """A subject and its triples, as rows of (property, value)."""

    subject: Term
    rows: tuple[tuple[Term, Term], ...]


@dataclass
class View:
    """The store seen through a base IRI: queries, labels, local links."""

    store: ox.Store
    base_iri: str
    _labels: dict[str, str] = field(default_factory=dict)

    def rows(self, query: str, **bindings: str) -> list[dict]:
        """The solutions of ``query`` (prefixes added) as dicts, with ``bindings`` substituted as IRIs
        (pyoxigraph wants a substituted variable in the projection: the queries select ``?x``)."""
        substitutions = {ox.Variable(k): ox.NamedNode(v) for k, v in bindings.items()}
        result = self.store.query(sparql_prefixes() + query, use_default_graph_as_union=True, substitutions=substitutions)
        names = [v.value for v in result.variables]
        return [{n: s[n] for n in names if s[n] is not None} for s in result]

    def href(self, iri: str) -> str | None:
        """A local path for an IRI under the base (``/id/person/to-lam``), the IRI itself if it is
        an http(s) IRI, else None (no ``javascript:`` or ``data:`` links, whatever the data says)."""
        if iri.startswith(self.base_iri):
            return "/" + iri[len(self.base_iri) :]
        return iri if iri.startswith(("http://", "https://")) else None

    def load_labels(self, iris: Iterable[str]) -> None:
        """Fetch the display labels of ``iris`` in one query (English first, then any language)."""
        wanted = sorted({i for i in iris if i not in self._labels})
        for chunk in range(0, len(wanted), 200):
            values = " ".join(f"<{i}>" for i in wanted[chunk : chunk + 200])
            found: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
            query = f"SELECT ?x ?p ?l WHERE {{ VALUES ?x {{ {values} }} VALUES ?p {{ rdfs:label skos:prefLabel dcterms:title }} ?x ?p ?l }}"
            for row in self.rows(query):
                lang = row["l"].language or ""
                rank = (0 if lang == "en" else 3 if lang else 6) + LABEL_RANK.get(row["p"].value, 2)
                found[row["x"].value].append((rank, lang, row["l"].value))
            for iri in wanted[chunk : chunk + 200]:
                self._labels[iri] = min(found[iri])[2] if found.get(iri) else curie(iri, self.base_iri)

    def label(self, iri: str) -> str:
        if iri not in self._labels:
            self.load_labels([iri])
        return self._labels[iri]

    def term(self, node) -> Term:
        """An ``ox`` term as a ``Term`` (labels must be loaded first for speed, but need not be)."""
        if isinstance(node, ox.NamedNode):
            return Term(self.label(node.value), self.href(node.value), node.value)
        if isinstance(node, ox.Literal):
            datatype = node.datatype.value
            shown = None if node.language or datatype == "http://www.w3.org/2001/XMLSchema#string" else curie(datatype, self.base_iri)
            return Term(node.value, lang=node.language, datatype=shown)
        return Term(str(node))

    def link(self, iri: str) -> Term:
        return Term(self.label(iri), self.href(iri), iri)


def curie(iri: str, base_iri: str = "") -> str:
    """``prefix:local`` for a known namespace, else the last path segment of ``iri``.

    >>> curie("http://www.w3.org/ns/org#member")
    'org:member'
    >>> curie("https://example.org/a/b")
    'b'
    """
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(namespace) and prefix != "id":
            return f"{prefix}:{iri[len(namespace):]}"
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or iri


def _last(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


# --- facts and their evidence -------------------------------------------------------------------


def fact_cards(view: View, facts: dict[str, set[str]], focus: str | None = None) -> list[FactCard]:
    """Cards for ``facts`` (fact IRI → the properties linking it to ``focus``), each with its slots
    and source sentences; mentions of ``focus`` (or, without one, of every slot entity) highlighted."""
    if not facts:
        return []
    values = " ".join(f"<{f}>" for f in sorted(facts))
    triples: dict[str, list[tuple[str, object]]] = defaultdict(list)
    for row in view.rows(f"SELECT ?f ?p ?o WHERE {{ VALUES ?f {{ {values} }} ?f ?p ?o }}"):
        triples[row["f"].value].append((row["p"].value, row["o"]))
    spans = view.rows(f"""
        SELECT DISTINCT ?f ?doc ?b ?e ?anchor WHERE {{
          VALUES ?f {{ {values} }}
          ?f prov:qualifiedDerivation ?d . ?d cdo:evidence ?span .
          ?span nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?anchor .
          OPTIONAL {{ ?d prov:entity ?doc }}
        }}""")
    docs = {r["doc"].value for r in spans if "doc" in r}
    entities = {o.value for ts in triples.values() for p, o in ts if isinstance(o, ox.NamedNode) and p not in _PROVENANCE}
    marks = mentions(view, docs, {focus} if focus else entities)
    view.load_labels([*entities, *docs, *(p for ts in triples.values() for p, _ in ts), *facts])
    evidence: dict[str, list[Evidence]] = defaultdict(list)
    for row in sorted(spans, key=lambda r: int(r["b"].value)):
        doc = row["doc"].value if "doc" in row else None
        begin, end = int(row["b"].value), int(row["e"].value)
        cut = segments(row["anchor"].value, marks.get(doc, ()), offset=begin)
        evidence[row["f"].value].append(Evidence(view.link(doc) if doc else Term("?"), f"char={begin},{end}", tuple(cut)))
    cards = []
    for fact in sorted(facts):
        ts = triples.get(fact, [])
        types = [o.value for p, o in ts if p == RDF_TYPE]
        kind = next((c for c in FACT_CLASSES if PREFIXES["cdo"] + c in types), None)
        by = dict(ts)
        slots = tuple(
            (view.label(p), view.term(o)) for p, o in sorted(ts, key=lambda t: (t[0], str(t[1])))
            if p not in _PROVENANCE and not p.endswith(("#modality", "#confidence", "#date"))
        )
        cards.append(FactCard(
            iri=fact, href=view.href(fact), type=view.label(PREFIXES["cdo"] + kind) if kind else "fact",
            label=by[RDFS_LABEL].value if RDFS_LABEL in by else _summary(view, kind, by),
            roles=tuple(sorted(view.label(p) for p in facts[fact])),
            slots=slots, date=by[PREFIXES["cdo"] + "date"].value if PREFIXES["cdo"] + "date" in by else None,
            modality=_last(by[PREFIXES["cdo"] + "modality"].value) if PREFIXES["cdo"] + "modality" in by else None,
            evidence=tuple(evidence.get(fact, ())), key=_last(fact),
        ))
    return sorted(cards, key=lambda c: (c.date or "9999", c.type, c.iri))


_SUMMARY_SLOTS = {
    "TreatyAction": ("actionType", "party"),
    "Tenure": ("member", "role", "organization"),
    "Commitment": ("committer", "action"),
    "Appeal": ("caller", "requestedAction", "addressee"),
    "Stance": ("actor", "stanceType", "target"),
    "Claim": ("figure", "claimType"),
}


def _summary(view: View, kind: str | None, by: dict) -> str | None:
    """A one-line name for a fact without ``rdfs:label``: its defining slots, e.g. ``ratification · Vietnam``."""
    names = {p.rsplit("#", 1)[-1]: o for p, o in by.items()}
    parts = [view.label(names[n].value) if isinstance(names[n], ox.NamedNode) else names[n].value
             for n in _SUMMARY_SLOTS.get(kind or "", ()) if n in names]
    return " · ".join(parts) or None


def mentions(view: View, docs: Iterable[str], entities: Iterable[str]) -> dict[str, list[Span]]:
    """Per document, the ``nif:Phrase`` spans that mention one of ``entities``."""
    docs, entities = sorted(set(docs)), sorted(set(entities))
    if not docs or not entities:
        return {}
    out: dict[str, list[Span]] = defaultdict(list)
    for row in view.rows(f"""
        SELECT ?doc ?x ?b ?e WHERE {{
          VALUES ?doc {{ {' '.join(f'<{d}>' for d in docs)} }}
          VALUES ?x {{ {' '.join(f'<{x}>' for x in entities)} }}
          ?doc cdo:hasContext ?ctx .
          ?m nif:referenceContext ?ctx ; itsrdf:taIdentRef ?x ; nif:beginIndex ?b ; nif:endIndex ?e .
        }}"""):
        out[row["doc"].value].append(Span(int(row["b"].value), int(row["e"].value), "highlight", row["x"].value))
    return out


# --- entity, treaty and fact pages --------------------------------------------------------------


def resource_context(view: View, iri: str) -> dict:
    """Everything the resource page shows for ``iri`` (the page adapts to what is there)."""
    own = view.rows("SELECT ?x ?p ?o WHERE { ?x ?p ?o }", x=iri)
    view.load_labels([iri, *(r["p"].value for r in own), *(r["o"].value for r in own if isinstance(r["o"], ox.NamedNode))])
    types = sorted({r["o"].value for r in own if r["p"].value == RDF_TYPE})
    labels = label_rows(own)
    rows = sorted({(r["p"].value, r["o"]) for r in own if r["p"].value not in (*LABEL_PROPERTIES, RDF_TYPE)}, key=lambda t: (t[0], str(t[1])))
    is_fact = any(t == PREFIXES["cdo"] + c for t in types for c in FACT_CLASSES)
    context = {
        "iri": iri, "title": view.label(iri), "types": [view.link(t) for t in types],
        "labels": labels, "properties": [(view.link(p), view.term(o)) for p, o in rows],
        "fact": fact_cards(view, {iri: set()})[0] if is_fact else None,
        "tenures": [], "holders": [], "facts": [], "documents": [], "treaty": None, "members": [],
    }
    if is_fact or iri.startswith(view.base_iri + "vocab/"):
        if iri.startswith(view.base_iri + "vocab/") and PREFIXES["skos"] + "ConceptScheme" in types:
            context["members"] = concept_list(view, iri)
        return context
    context["tenures"] = tenures(view, iri, "org:member")
    context["holders"] = tenures(view, iri, "org:organization")
    taking_part: dict[str, set[str]] = defaultdict(set)
    for row in view.rows("""
        SELECT DISTINCT ?x ?f ?p WHERE {
          ?f ?p ?x ; prov:wasDerivedFrom ?doc .
          FILTER NOT EXISTS { ?f a cdo:Tenure }
          FILTER(?p NOT IN (prov:wasDerivedFrom, prov:qualifiedDerivation))
        }""", x=iri):
        taking_part[row["f"].value].add(row["p"].value)
    context["facts"] = fact_cards(view, taking_part, focus=iri)
    docs = view.rows("""
        SELECT ?x ?doc (COUNT(DISTINCT ?m) AS ?n) WHERE {
          ?m itsrdf:taIdentRef ?x ; nif:referenceContext ?ctx . ?doc cdo:hasContext ?ctx .
        } GROUP BY ?x ?doc ORDER BY ?doc""", x=iri)
    view.load_labels(r["doc"].value for r in docs)
    context["documents"] = [(view.link(r["doc"].value), int(r["n"].value)) for r in docs]
    if PREFIXES["cdo"] + "Treaty" in types:
        context["treaty"] = treaty_context(view, iri, own)
    return context


def label_rows(own: list[dict]) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """Per language: the names (``rdfs:label``, ``skos:prefLabel``) and the aliases (``skos:altLabel``)."""
    names: dict[str, set[str]] = defaultdict(set)
    aliases: dict[str, set[str]] = defaultdict(set)
    for r in own:
        if r["p"].value in LABEL_PROPERTIES and isinstance(r["o"], ox.Literal):
            target = aliases if r["p"].value == SKOS + "altLabel" else names
            target[r["o"].language or ""].add(r["o"].value)
    return [(lang, tuple(sorted(names[lang])), tuple(sorted(aliases[lang] - names[lang])))
            for lang in sorted(set(names) | set(aliases), key=lambda lang: (lang != "en", lang))]


def tenures(view: View, iri: str, role: str) -> list[Tenure]:
    """The tenures where ``iri`` is the member (``org:member``) or the organisation (``org:organization``)."""
    rows = view.rows(f"""
        SELECT ?x ?t ?person ?org ?role ?post ?postLabel ?begin ?end ?attested ?doc ?source WHERE {{
          ?t a cdo:Tenure ; {role} ?x .
          OPTIONAL {{ ?t org:member ?person }} OPTIONAL {{ ?t org:organization ?org }} OPTIONAL {{ ?t org:role ?role }}
          OPTIONAL {{ ?t cdo:post ?post . OPTIONAL {{ ?post rdfs:label ?postLabel }} }}
          OPTIONAL {{ ?t org:memberDuring ?i .
            OPTIONAL {{ ?i time:hasBeginning ?bi . ?bi time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear ?begin }}
            OPTIONAL {{ ?i time:hasEnd ?ei . ?ei time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear ?end }} }}
          OPTIONAL {{ ?t cdo:attestedOn ?attested }}
          OPTIONAL {{ ?t prov:wasDerivedFrom ?doc }}
          OPTIONAL {{ ?t dcterms:source ?source }}
        }}""", x=iri)
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row["t"].value].append(row)
    names = {r[k].value for r in rows for k in ("person", "org", "role", "doc") if k in r}
    view.load_labels(names)
    evidence = {c.iri: c.evidence for c in fact_cards(view, {t: set() for t, rs in grouped.items() if any("doc" in r for r in rs)}, focus=iri)}
    out = []
    for t, rs in grouped.items():
        first = rs[0]
        post = first["postLabel"].value if "postLabel" in first else view.label(first["role"].value) if "role" in first else "post"
        sources = {r["source"].value for r in rs if "source" in r and isinstance(r["source"], ox.NamedNode)}
        sources |= {r["doc"].value for r in rs if "doc" in r}
        out.append(Tenure(
            iri=t, href=view.href(t), person=view.link(first["person"].value) if "person" in first else Term("?"),
            post=post, organization=view.link(first["org"].value) if "org" in first else None,
            begin=first["begin"].value if "begin" in first else None, end=first["end"].value if "end" in first else None,
            attested=max((r["attested"].value for r in rs if "attested" in r), default=None),
            sources=tuple(view.link(s) if s.startswith(view.base_iri) else Term(s, view.href(s), s) for s in sorted(sources)),
            evidence=evidence.get(t, ()),
        ))
    return sorted(out, key=lambda t: (t.begin or t.attested or "", t.post), reverse=True)


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A dated step in a treaty's life: adoption, opening for signature, or a treaty action."""

    date: str | None
    what: str
    party: Term | None
    modality: str | None
    fact: str | None
    """The local anchor of the fact card on the page (``#fact-{key}``)."""
    source: Term | None


def treaty_context(view: View, iri: str, own: list[dict]) -> dict:
    """The timeline of a treaty and its progress toward entry into force."""
    cdo = PREFIXES["cdo"]
    by = defaultdict(list)
    for r in own:
        by[r["p"].value].append(r["o"])
    timeline = [TimelineEntry(by[cdo + prop][0].value, what, None, None, None, None)
                for prop, what in (("adoptedOn", "adopted"), ("openedForSignatureOn", "opened for signature"),
                                   ("enteredIntoForceOn", "entered into force")) if by.get(cdo + prop)]
    actions = view.rows("""
        SELECT ?x ?a ?type ?party ?date ?modality ?doc WHERE {
          ?a a cdo:TreatyAction ; cdo:treaty ?x .
          OPTIONAL { ?a cdo:actionType ?type } OPTIONAL { ?a cdo:party ?party } OPTIONAL { ?a cdo:date ?date }
          OPTIONAL { ?a cdo:modality ?modality } OPTIONAL { ?a prov:wasDerivedFrom ?doc }
        }""", x=iri)
    view.load_labels(r[k].value for r in actions for k in ("type", "party", "doc") if k in r)
    earliest: dict[str, tuple[str | None, str]] = {}
    signatories: set[str] = set()
    for r in actions:
        kind = _last(r["type"].value) if "type" in r else "action"
        modality = _last(r["modality"].value) if "modality" in r else None
        date = r["date"].value if "date" in r else None
        party = r["party"].value if "party" in r else None
        timeline.append(TimelineEntry(date, view.label(r["type"].value) if "type" in r else kind,
                                      view.link(party) if party else None, modality, f"fact-{_last(r['a'].value)}",
                                      view.link(r["doc"].value) if "doc" in r else None))
        if party and (modality or "asserted") in COUNTED_MODALITIES:
            if kind == "signature":
                signatories.add(party)
            if kind in CONSENT_TYPES:
                known = earliest.get(party)
                if known is None or (date and (known[0] is None or date < known[0])):
                    earliest[party] = (date, f"{view.label(party)}: {view.label(r['type'].value)}")
    threshold = int(by[cdo + "entryIntoForceThreshold"][0].value) if by.get(cdo + "entryIntoForceThreshold") else None
    opened = by[cdo + "openedForSignatureOn"][0].value if by.get(cdo + "openedForSignatureOn") else None
    chart: Chart = progress_chart(list(earliest.values()), threshold, opened)
    claims = view.rows("""
        SELECT ?x ?c ?figure ?type ?doc WHERE {
          ?c a cdo:Claim ; cdo:about ?x ; cdo:figure ?figure .
          OPTIONAL { ?c cdo:claimType ?type } OPTIONAL { ?c prov:wasDerivedFrom ?doc }
        } ORDER BY ?c""", x=iri)
    view.load_labels(r[k].value for r in claims for k in ("type", "doc") if k in r)
    return {
        "timeline": sorted(timeline, key=lambda e: (e.date is None, e.date or "", e.what)),
        "chart": chart, "threshold": threshold, "consents": len(earliest), "signatories": len(signatories),
        "claims": [(int(r["figure"].value), view.label(r["type"].value) if "type" in r else "figure",
                    view.link(r["doc"].value) if "doc" in r else None, view.href(r["c"].value)) for r in claims],
    }


def concept_list(view: View, scheme_iri: str) -> list[tuple[Term, str]]:
    """The concepts of a SKOS scheme with their notations."""
    rows = view.rows("SELECT ?x ?c ?n WHERE { ?c skos:inScheme ?x . OPTIONAL { ?c skos:notation ?n } } ORDER BY ?c", x=scheme_iri)
    view.load_labels(r["c"].value for r in rows)
    return [(view.link(r["c"].value), r["n"].value if "n" in r else "") for r in rows]


def blocks(view: View, triples: list[ox.Triple]) -> list[Block]:
    """Triples grouped by subject, for pages that show many resources at once (``/ontology``)."""
    view.load_labels({t.predicate.value for t in triples} | {t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)}
                     | {t.object.value for t in triples if isinstance(t.object, ox.NamedNode)})
    grouped: dict[str, list[ox.Triple]] = defaultdict(list)
    for t in triples:
        grouped[t.subject.value].append(t)
    return [Block(view.term(ts[0].subject), tuple((view.link(t.predicate.value), view.term(t.object)) for t in ts))
            for _, ts in sorted(grouped.items())]


# --- documents ----------------------------------------------------------------------------------


def document_context(view: View, iri: str) -> dict:
    """A source document: metadata, its text cut at mentions and evidence spans, and its facts."""
    meta = view.rows("""
        SELECT ?x ?p ?o WHERE { ?x ?p ?o . FILTER(?p != cdo:hasContext) }""", x=iri)
    text_rows = view.rows("SELECT ?x ?text ?b WHERE { ?x cdo:hasContext ?ctx . ?ctx nif:isString ?text . OPTIONAL { ?ctx nif:beginIndex ?b } }", x=iri)
    text = text_rows[0]["text"].value if text_rows else ""
    offset = int(text_rows[0]["b"].value) if text_rows and "b" in text_rows[0] else 0
    found = view.rows("""
        SELECT ?x ?m ?e ?b ?end WHERE {
          ?x cdo:hasContext ?ctx .
          ?m nif:referenceContext ?ctx ; itsrdf:taIdentRef ?e ; nif:beginIndex ?b ; nif:endIndex ?end .
        }""", x=iri)
    facts = view.rows("""
        SELECT DISTINCT ?x ?f ?b ?end WHERE {
          ?f prov:wasDerivedFrom ?x ; prov:qualifiedDerivation ?d . ?d cdo:evidence ?s .
          ?s nif:beginIndex ?b ; nif:endIndex ?end .
        }""", x=iri)
    fact_types = view.rows("""
        SELECT ?x ?f ?t WHERE { ?f prov:wasDerivedFrom ?x ; a ?t . FILTER(STRSTARTS(STR(?t), STR(cdo:))) }""", x=iri)
    kind = {r["f"].value: r["t"].value for r in fact_types}
    view.load_labels([*(r["e"].value for r in found), *kind.values(), *(r["p"].value for r in meta)])
    spans = [Span(int(r["b"].value), int(r["end"].value), "mention", r["e"].value, view.label(r["e"].value)) for r in found]
    spans += [Span(int(r["b"].value), int(r["end"].value), "evidence", r["f"].value,
                   view.label(kind[r["f"].value]) if r["f"].value in kind else "fact") for r in facts]
    cut = segments(text, spans, offset=offset)
    cards = fact_cards(view, {r["f"].value: set() for r in facts})
    title = next((r["o"].value for r in meta if r["p"].value.endswith("/title")), view.label(iri))
    lang = next((r["o"].value for r in meta if r["p"].value.endswith("/language")), "")
    return {
        "iri": iri, "title": title, "lang": lang,
        "metadata": [(view.link(r["p"].value), view.term(r["o"])) for r in sorted(meta, key=lambda r: r["p"].value) if r["p"].value != RDF_TYPE],
        "segments": cut, "facts": cards, "mentions": len(found), "length": len(text),
        "hrefs": {s.target: view.href(s.target) for s in spans},
    }


# --- search and home ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hit:
    """A search result: a resource, the label that matched, and how well."""

    resource: Term
    matched: str
    lang: str
    types: tuple[str, ...]
    rank: int
    """0 exact, 1 prefix, 2 word prefix, 3 anywhere."""


class LabelIndex:
    """Every ``rdfs:label``, ``skos:prefLabel`` and ``skos:altLabel`` of the store, folded for matching."""

    def __init__(self, view: View):
        rows = view.rows("""
            SELECT DISTINCT ?x ?l WHERE { VALUES ?p { rdfs:label skos:prefLabel skos:altLabel } ?x ?p ?l . FILTER(isIRI(?x)) }""")
        self.entries = sorted({(fold(r["l"].value), r["l"].value, r["l"].language or "", r["x"].value) for r in rows})

    def search(self, view: View, query: str, limit: int = 50) -> list[Hit]:
        """Resources whose labels contain ``query`` (folded), best match first, one hit per resource."""
        needle = fold(query)
        if not needle:
            return []
        best: dict[str, tuple[int, str, str]] = {}
        for folded, label, lang, iri in self.entries:
            if needle not in folded:
                continue
            rank = 0 if folded == needle else 1 if folded.startswith(needle) else 2 if f" {needle}" in folded else 3
            if iri not in best or (rank, len(label)) < (best[iri][0], len(best[iri][1])):
                best[iri] = (rank, label, lang)
        chosen = sorted(best.items(), key=lambda kv: (kv[1][0], len(kv[1][1]), fold(kv[1][1]), kv[0]))[:limit]
        view.load_labels(iri for iri, _ in chosen)
        types: dict[str, list[str]] = defaultdict(list)
        if chosen:
            values = " ".join(f"<{iri}>" for iri, _ in chosen)
            for row in view.rows(f"SELECT ?x ?t WHERE {{ VALUES ?x {{ {values} }} ?x a ?t }}"):
                types[row["x"].value].append(row["t"].value)
            view.load_labels(t for ts in types.values() for t in ts)
        return [Hit(view.link(iri), label, lang, tuple(sorted(view.label(t) for t in types[iri])), rank)
                for iri, (rank, label, lang) in chosen]


def home_context(view: View) -> dict:
    """Documents, treaties, processes and vocabularies, for the home page."""
    docs = view.rows("""
        SELECT ?d ?id ?title ?issued WHERE { ?d a cdo:SourceDocument .
          OPTIONAL { ?d dcterms:identifier ?id } OPTIONAL { ?d dcterms:title ?title } OPTIONAL { ?d dcterms:issued ?issued } }
        ORDER BY DESC(?issued) ?id LIMIT 500""")
    listed = {}
    for cls in ("Treaty", "Process"):
        rows = view.rows(f"SELECT DISTINCT ?x WHERE {{ ?x a cdo:{cls} }}")
        view.load_labels(r["x"].value for r in rows)
        listed[cls] = sorted((view.link(r["x"].value) for r in rows), key=lambda t: fold(t.text))
    schemes = view.rows("SELECT DISTINCT ?s WHERE { ?s a skos:ConceptScheme }")
    view.load_labels(r["s"].value for r in schemes)
    return {
        "documents": [(Term(r["title"].value if "title" in r else r["id"].value if "id" in r else _last(r["d"].value),
                            view.href(r["d"].value), r["d"].value), r["issued"].value if "issued" in r else "") for r in docs],
        "treaties": listed["Treaty"], "processes": listed["Process"],
        "schemes": sorted((view.link(r["s"].value) for r in schemes), key=lambda t: t.href or ""),
    }
