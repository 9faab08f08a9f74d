"""The facts contract (DESIGN §8): one JSON-ready record per source document, read back from the graph.

In: a ``pyoxigraph.Store`` holding the named graphs of docs/model.md (document graphs, and the
reference registry and vocabularies for labels). Out: ``list[dict]``, one record per
``cdo:SourceDocument``, sorted by ``dcterms:identifier`` — what ``cdkg facts --format json`` prints and
what ``graph_builder.evaluate`` scores against gold files.

Nothing comes from memory: every value is read by a fixed handful of SPARQL SELECTs (documents,
mentions, names, provenance, and one per fact kind), each answering for all documents at once, so the
cost grows with the size of the graph and not with a query per fact. A fact's slots are read inside
its document's named graph (``GRAPH ?g``), so a fact IRI minted by two documents keeps each
document's own modality and evidence; labels and types are read from the union of all graphs, so
registry entities are named by the registry.

Naming rules: an entity is labelled by its English ``rdfs:label`` (else the first other label, by
language tag); inside facts an actor is named by that label, or by its ``cdo:iso3`` if it is a
``cdo:State``. Vocabulary concepts become their code (the last IRI segment); event types are
CamelCased (``signing-ceremony`` → ``SigningCeremony``); a role becomes its English
``skos:prefLabel`` when the vocabulary is in the store. Dates keep their lexical form.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from graph_builder.namespaces import CDO, sparql_prefixes
from graph_builder.records import ENTITY_TYPES

#: rdf:type → contract type, most specific first (an entity typed twice takes the first one here).
_TYPE_OF_CLASS: tuple[tuple[str, str], ...] = (
    (f"{CDO}Company", "Company"),
    (f"{CDO}NGO", "NGO"),
    (f"{CDO}State", "State"),
    (f"{CDO}InternationalOrganization", "InternationalOrganization"),
    (f"{CDO}GovernmentBody", "GovernmentBody"),
    (f"{CDO}Person", "Person"),
    (f"{CDO}Treaty", "Treaty"),
    (f"{CDO}Process", "Process"),
    (f"{CDO}NonStateOrganization", "NGO"),
)
_CLASS_RANK = {cls: rank for rank, (cls, _) in enumerate(_TYPE_OF_CLASS)}
_TYPE_BY_CLASS = dict(_TYPE_OF_CLASS)
_TYPE_RANK = {t: rank for rank, t in enumerate(ENTITY_TYPES)}  # entities[] are listed in this order

# The properties whose objects a fact names (actors, treaties, processes, places, events).
_SLOT_PROPERTIES = (
    "cdo:party cdo:treaty cdo:actedBy cdo:host cdo:participant cdo:concerns cdo:committer "
    "cdo:beneficiary cdo:object cdo:caller cdo:addressee cdo:actor cdo:target cdo:claimant "
    "cdo:about cdo:statedBy org:member org:organization sem:hasPlace"
)

_DOCUMENTS = """
SELECT ?doc ?id ?language ?published ?title ?source WHERE {
  GRAPH ?g {
    ?doc a cdo:SourceDocument ; dcterms:identifier ?id .
    OPTIONAL { ?doc dcterms:language ?language }
    OPTIONAL { ?doc dcterms:issued ?published }
    OPTIONAL { ?doc dcterms:title ?title }
    OPTIONAL { ?doc dcterms:source ?source }
  }
}
"""

_MENTIONS = """
SELECT DISTINCT ?doc ?entity ?anchor WHERE {
  GRAPH ?g {
    ?doc a cdo:SourceDocument ; cdo:hasContext ?ctx .
    ?mention nif:referenceContext ?ctx ; itsrdf:taIdentRef ?entity ; nif:anchorOf ?anchor .
  }
}
"""

# Everything a record names (mention targets, the objects of fact slots, the events themselves),
# with one row per (node, attribute, value): an entity minted by many documents is in many graphs,
# and the union default graph repeats its triples once per graph, so attributes are never joined
# side by side (that would multiply the repeats) but stacked by UNION and made DISTINCT.
_NAMES = f"""
SELECT DISTINCT ?x ?key ?value WHERE {{
  {{
    SELECT DISTINCT ?x WHERE {{
      GRAPH ?g {{
        {{ ?mention itsrdf:taIdentRef ?x }}
        UNION {{ ?fact prov:wasDerivedFrom ?doc ; ?p ?x . VALUES ?p {{ {_SLOT_PROPERTIES} }} }}
        UNION {{ ?x a cdo:Event ; prov:wasDerivedFrom ?doc }}
      }}
    }}
  }}
  {{
    ?x a ?value . BIND("class" AS ?key)
    VALUES ?value {{ cdo:Company cdo:NGO cdo:State cdo:InternationalOrganization cdo:GovernmentBody
                    cdo:Person cdo:Treaty cdo:Process cdo:NonStateOrganization }}
  }}
  UNION {{ ?x cdo:iso3 ?value . BIND("iso3" AS ?key) }}
  UNION {{ ?x cdo:inRegistry ?value . BIND("inRegistry" AS ?key) }}
  UNION {{
    ?x rdfs:label ?value . BIND("label" AS ?key)
    FILTER(langMatches(lang(?value), "en")
           || NOT EXISTS {{ ?x rdfs:label ?en . FILTER(langMatches(lang(?en), "en")) }})
  }}
}}
"""

# One row per derivation; the evidence kept is the span with the smallest begin index.
_PROVENANCE = """
SELECT ?doc ?fact ?modality ?confidence ?statedBy ?begin ?end ?anchor WHERE {
  GRAPH ?g {
    ?doc a cdo:SourceDocument .
    ?fact prov:wasDerivedFrom ?doc .
    OPTIONAL { ?fact cdo:modality ?modality }
    OPTIONAL { ?fact cdo:confidence ?confidence }
    OPTIONAL { ?fact cdo:statedBy ?statedBy }
    OPTIONAL {
      ?fact prov:qualifiedDerivation ?derivation .
      ?derivation cdo:evidence ?span .
      ?span nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?anchor .
    }
  }
}
"""

_POSTS = """
SELECT ?doc ?fact ?person ?organization ?role ?roleLabel WHERE {
  GRAPH ?g {
    ?doc a cdo:SourceDocument .
    ?fact a cdo:Tenure ; prov:wasDerivedFrom ?doc .
    OPTIONAL { ?fact org:member ?person }
    OPTIONAL { ?fact org:organization ?organization }
    OPTIONAL { ?fact org:role ?role }
  }
  OPTIONAL { ?role skos:prefLabel ?roleLabel . FILTER(langMatches(lang(?roleLabel), "en")) }
}
"""

_TREATY_ACTIONS = """
SELECT ?doc ?fact ?party ?action ?treaty ?date ?by WHERE {
  GRAPH ?g {
    ?doc a cdo:SourceDocument .
    ?fact a cdo:TreatyAction ; prov:wasDerivedFrom ?doc .
    OPTIONAL { ?fact cdo:party ?party }
    OPTIONAL { ?fact cdo:actionType ?action }
    OPTIONAL { ?fact cdo:treaty ?treaty }
    OPTIONAL { ?fact cdo:date ?date }
    OPTIONAL { ?fact cdo:actedBy ?by }
  }
}
"""

_EVENTS = """
SELECT ?doc ?fact ?type ?date ?place
       (GROUP_CONCAT(DISTINCT STR(?host); separator=" ") AS ?hosts)
       (GROUP_CONCAT(DISTINCT STR(?participant); separator=" ") AS ?participants)
WHERE {
  GRAPH ?g {
    ?doc a cdo:SourceDocument .
    ?fact a cdo:Event ; prov:wasDerivedFrom ?doc .
    OPTIONAL { ?fact cdo:eventType ?type }
    OPTIONAL { ?fact cdo:date ?date }
    OPTIONAL { ?fact sem:hasPlace ?place }
    OPTIONAL { ?fact cdo:host ?host }
    OPTIONAL { ?fact cdo:participant ?participant }
  }
}
GROUP BY ?doc ?fact ?type ?date ?place
"""

_COMMITMENTS = """
SELECT ?doc ?fact ?action ?beneficiary ?object
       (GROUP_CONCAT(DISTINCT STR(?committer); separator=" ") AS ?committers)
WHERE {
  GRAPH ?g {
    ?doc a cdo:SourceDocument .
    ?fact a cdo:Commitment ; prov:wasDerivedFrom ?doc .
    OPTIONAL { ?fact cdo:committer ?committer }
    OPTIONAL { ?fact cdo:action ?action }
    OPTIONAL { ?fact cdo:beneficiary ?beneficiary }
    OPTIONAL { ?fact cdo:object ?object }
  }
}
GROUP BY ?doc ?fact ?action ?beneficiary ?object
"""

_APPEALS = """
SELECT ?doc ?fact ?description ?action ?object
       (GROUP_CONCAT(DISTINCT STR(?caller); separator=" ") AS ?callers)
       (GROUP_CONCAT(DISTINCT STR(?addressee); separator=" ") AS ?addressees)
WHERE {
  GRAPH ?g {
    ?doc a cdo:SourceDocument .
    ?fact a cdo:Appeal ; prov:wasDerivedFrom ?doc .
    OPTIONAL { ?fact cdo:caller ?caller }
    OPTIONAL { ?fact cdo:addressee ?addressee }
    OPTIONAL { ?fact cdo:addresseeDescription ?description }
    OPTIONAL { ?fact cdo:requestedAction ?action }
    OPTIONAL { ?fact cdo:object ?object }
  }
}
GROUP BY ?doc ?fact ?description ?action ?object
"""

_STANCES = """
SELECT ?doc ?fact ?actor ?target ?stance WHERE {
  GRAPH ?g {
    ?doc a cdo:SourceDocument .
    ?fact a cdo:Stance ; prov:wasDerivedFrom ?doc .
    OPTIONAL { ?fact cdo:actor ?actor }
    OPTIONAL { ?fact cdo:target ?target }
    OPTIONAL { ?fact cdo:stanceType ?stance }
  }
}
"""

_CLAIMS = """
SELECT ?doc ?fact ?claimant ?figure ?claimType ?about WHERE {
  GRAPH ?g {
    ?doc a cdo:SourceDocument .
    ?fact a cdo:Claim ; prov:wasDerivedFrom ?doc .
    OPTIONAL { ?fact cdo:claimant ?claimant }
    OPTIONAL { ?fact cdo:figure ?figure }
    OPTIONAL { ?fact cdo:claimType ?claimType }
    OPTIONAL { ?fact cdo:about ?about }
  }
}
"""

FACT_KEYS: tuple[str, ...] = (
    "posts",
    "treaty_actions",
    "events",
    "commitments",
    "appeals",
    "stances",
    "claims",
)


def code(iri: str | None) -> str | None:
    """The code of a vocabulary concept: the last segment of its IRI.

    >>> code("https://w3id.org/cdkg/vocab/treaty-action/entry-into-force")
    'entry-into-force'
    >>> code(None) is None
    True
    """
    if iri is None:
        return None
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def camel_case(text: str | None) -> str | None:
    """``signing-ceremony`` → ``SigningCeremony``: the notation of an event-type code.

    >>> camel_case("signing-ceremony")
    'SigningCeremony'
    >>> camel_case("conference")
    'Conference'
    >>> camel_case("SigningCeremony")
    'SigningCeremony'
    """
    if text is None:
        return None
    parts = text.replace("_", "-").replace(" ", "-").split("-")
    return "".join(p[:1].upper() + p[1:] for p in parts if p)


def one_or_many(names: Iterable[str]) -> str | list[str] | None:
    """The single/list rule of host, committer, caller: ``None``, one name, or a sorted list.

    >>> one_or_many([]) is None
    True
    >>> one_or_many(["VNM"])
    'VNM'
    >>> one_or_many(["VNM", "EST", "VNM"])
    ['EST', 'VNM']
    """
    distinct = sorted(set(names))
    if not distinct:
        return None
    return distinct[0] if len(distinct) == 1 else distinct


def facts_from_store(store: ox.Store) -> list[dict]:
    """The facts records of every source document in ``store``, sorted by document id."""
    names = _Names(_select(store, _NAMES))
    docs: dict[str, dict] = {}
    for row in _select(store, _DOCUMENTS):
        doc = _str(row["doc"])
        record = docs.get(doc)
        candidate = {
            "id": _str(row["id"]),
            "iri": doc,
            "language": _str(row["language"]),
            "published": _str(row["published"]),
            "title": _str(row["title"]),
            "source": _str(row["source"]),
        }
        # Several titles or sources: keep the smallest, so the choice does not depend on row order.
        if record is None or _sort_key(candidate) < _sort_key(record):
            docs[doc] = candidate

    mentions: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in _select(store, _MENTIONS):
        mentions[_str(row["doc"])][_str(row["entity"])].add(_str(row["anchor"]))

    provenance = _provenance(store, names)
    referenced: dict[str, set[str]] = defaultdict(set)  # doc → entity IRIs named by its facts
    facts: dict[str, dict[str, dict[str, dict]]] = defaultdict(lambda: defaultdict(dict))
    for kind, rows in _fact_rows(store, names):
        for doc, fact, body, iris in rows:
            prov = provenance.get((doc, fact), _NO_PROVENANCE)
            referenced[doc].update(iris)
            if prov["stated_by_iri"]:
                referenced[doc].add(prov["stated_by_iri"])
            record = {**body, "iri": fact, **{k: v for k, v in prov.items() if k != "stated_by_iri"}}
            # A slot given twice yields two rows: keep one, the same one whatever the row order.
            known = facts[doc][kind].get(fact)
            if known is None or _sort_key(record) < _sort_key(known):
                facts[doc][kind][fact] = record

    records = []
    for doc, head in docs.items():
        anchors = mentions.get(doc, {})
        entities = [
            names.entity(iri, anchors.get(iri, ()))
            for iri in set(anchors) | referenced.get(doc, set())
            if names.type(iri) is not None
        ]
        entities.sort(key=lambda e: (_TYPE_RANK[e["type"]], e["label"].casefold(), e["label"], e["iri"]))
        record = {**head, "entities": entities}
        for kind in FACT_KEYS:
            record[kind] = sorted(facts[doc][kind].values(), key=_fact_order)
        records.append(record)
    records.sort(key=lambda r: (r["id"] or "", r["iri"]))
    return records


def facts_to_json(records: list[dict]) -> str:
    """The records as JSON text: indent 2, non-ASCII kept, keys in contract order.

    >>> print(facts_to_json([{"id": "d", "title": "Công ước"}]))
    [
      {
        "id": "d",
        "title": "Công ước"
      }
    ]
    """
    return json.dumps(records, indent=2, ensure_ascii=False, sort_keys=False)


# --- reading --------------------------------------------------------------------------------------


def _select(store: ox.Store, body: str) -> Iterator[dict[str, object]]:
    """The solutions of a SELECT as dicts (variable → term or None), PREFIXes of namespaces added."""
    solutions = store.query(sparql_prefixes() + body, use_default_graph_as_union=True)
    variables = [v.value for v in solutions.variables]
    for solution in solutions:
        yield {v: solution[v] for v in variables}


def _str(term: object) -> str | None:
    """The IRI or lexical form of a term (``None`` stays ``None``)."""
    return None if term is None else term.value  # type: ignore[attr-defined]


def _iris(term: object) -> list[str]:
    """The IRIs of a GROUP_CONCAT of IRIs (IRIs hold no spaces)."""
    text = _str(term)
    return text.split() if text else []


def _sort_key(record: dict) -> tuple:
    return tuple("" if v is None else str(v) for v in record.values())


def _fact_order(fact: dict) -> tuple:
    evidence = fact["evidence"]
    span = (evidence["start"], evidence["end"]) if evidence else (-1, -1)
    return (*span, fact["iri"])


class _Names:
    """Types, labels, ISO3 codes and registry flags of every node the records name (from _NAMES)."""

    def __init__(self, rows: Iterable[dict[str, object]]) -> None:
        self._classes: dict[str, set[str]] = defaultdict(set)
        self._labels: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self._iso3: dict[str, str] = {}
        self._registry: dict[str, bool] = {}
        for row in rows:
            x, key, value = _str(row["x"]), _str(row["key"]), row["value"]
            if key == "class":
                self._classes[x].add(_str(value))
            elif key == "iso3":
                self._iso3[x] = min(_str(value), self._iso3.get(x, _str(value)))
            elif key == "inRegistry":  # true if any graph says so
                self._registry[x] = self._registry.get(x, False) or _str(value) in ("true", "1")
            elif key == "label":
                self._labels[x].add((value.language or "", _str(value)))  # type: ignore[attr-defined]

    def type(self, iri: str) -> str | None:
        """The contract type of an entity (``None`` if it is no actor, treaty or process)."""
        classes = sorted(self._classes.get(iri, ()), key=_CLASS_RANK.__getitem__)
        return _TYPE_BY_CLASS[classes[0]] if classes else None

    def label(self, iri: str) -> str:
        """The English ``rdfs:label`` (exactly ``en`` before ``en-*``), else the first by language tag.

        A node without any label is named by the last segment of its IRI.
        """
        return self.label_or_none(iri) or code(iri) or iri

    def label_or_none(self, iri: str | None) -> str | None:
        """The label of :meth:`label`, or ``None`` when the node has no ``rdfs:label``."""
        labels = self._labels.get(iri) if iri is not None else None
        if not labels:
            return None
        return min(labels, key=lambda ll: (ll[0].lower() != "en", ll[0].lower(), ll[1]))[1]

    def name(self, iri: str | None) -> str | None:
        """How a fact names a node: the ISO3 of a state, else its label."""
        if iri is None:
            return None
        if self.type(iri) == "State" and iri in self._iso3:
            return self._iso3[iri]
        return self.label(iri)

    def entity(self, iri: str, anchors: Iterable[str]) -> dict:
        """The ``entities[]`` record of ``iri`` for a document whose mentions of it read ``anchors``."""
        label = self.label(iri)
        return {
            "label": label,
            "type": self.type(iri),
            "iso3": self._iso3.get(iri) if self.type(iri) == "State" else None,
            "aliases": sorted({a for a in anchors if a != label}),
            "iri": iri,
            "in_registry": self._registry.get(iri),
        }


def _provenance(store: ox.Store, names: _Names) -> dict[tuple[str, str], dict]:
    """(doc, fact) → modality, confidence, stated_by and the evidence with the smallest begin."""
    out: dict[tuple[str, str], dict] = {}
    for row in _select(store, _PROVENANCE):
        key = (_str(row["doc"]), _str(row["fact"]))
        evidence = None
        if row["begin"] is not None:
            evidence = {
                "start": int(_str(row["begin"])),
                "end": int(_str(row["end"])),
                "text": _str(row["anchor"]),
            }
        confidence = _str(row["confidence"])
        stated_by = _str(row["statedBy"])
        candidate = {
            "modality": code(_str(row["modality"])),
            "confidence": None if confidence is None else float(confidence),
            "stated_by": names.name(stated_by),
            "stated_by_iri": stated_by,
            "evidence": evidence,
        }
        known = out.get(key)
        if known is None or _prov_order(candidate) < _prov_order(known):
            out[key] = candidate
    return out


def _prov_order(prov: dict) -> tuple:
    evidence = prov["evidence"]
    span = (0, evidence["start"], evidence["end"], evidence["text"]) if evidence else (1, 0, 0, "")
    return (*span, prov["modality"] or "", prov["stated_by_iri"] or "")


_NO_PROVENANCE = {
    "modality": None,
    "confidence": None,
    "stated_by": None,
    "stated_by_iri": None,
    "evidence": None,
}

_Row = tuple[str, str, dict, list[str]]  # doc, fact, contract fields, entity IRIs named


def _fact_rows(store: ox.Store, names: _Names) -> Iterator[tuple[str, Iterator[_Row]]]:
    """For each fact kind, its rows: (doc, fact IRI, the kind's contract fields, IRIs it names)."""
    n = names.name
    s = _str

    def rows(query: str, build) -> Iterator[_Row]:
        for row in _select(store, query):
            body, iris = build(row)
            yield s(row["doc"]), s(row["fact"]), body, [i for i in iris if i]

    def post(r):
        role = s(r["roleLabel"]) or code(s(r["role"]))
        iris = [s(r["person"]), s(r["organization"])]
        return {"person": n(iris[0]), "role": role, "organization": n(iris[1])}, iris

    def treaty_action(r):
        iris = [s(r["party"]), s(r["treaty"]), s(r["by"])]
        return {
            "party": n(iris[0]),
            "action": code(s(r["action"])),
            "treaty": n(iris[1]),
            "date": s(r["date"]),
            "by": n(iris[2]),
        }, iris

    def event(r):
        hosts, participants = _iris(r["hosts"]), _iris(r["participants"])
        return {
            "type": camel_case(code(s(r["type"]))),
            "label": names.label_or_none(s(r["fact"])),
            "date": s(r["date"]),
            "place": names.label_or_none(s(r["place"])),
            "host": one_or_many(n(h) for h in hosts),
            "participants": sorted({n(p) for p in participants}),
        }, hosts + participants

    def commitment(r):
        committers = _iris(r["committers"])
        iris = [s(r["beneficiary"]), s(r["object"])]
        return {
            "committer": one_or_many(n(c) for c in committers),
            "action": s(r["action"]),
            "beneficiary": n(iris[0]),
            "object": n(iris[1]),
        }, committers + iris

    def appeal(r):
        callers, addressees = _iris(r["callers"]), _iris(r["addressees"])
        addressee = one_or_many(n(a) for a in addressees) or s(r["description"])
        return {
            "caller": one_or_many(n(c) for c in callers),
            "addressee": addressee,
            "action": s(r["action"]),
            "object": n(s(r["object"])),
        }, callers + addressees + [s(r["object"])]

    def stance(r):
        iris = [s(r["actor"]), s(r["target"])]
        return {"actor": n(iris[0]), "target": n(iris[1]), "stance": code(s(r["stance"]))}, iris

    def claim(r):
        figure = s(r["figure"])
        iris = [s(r["claimant"]), s(r["about"])]
        return {
            "claimant": n(iris[0]),
            "figure": int(figure) if figure is not None and figure.lstrip("+-").isdigit() else figure,
            "claim_type": code(s(r["claimType"])),
            "about": n(iris[1]),
        }, iris

    yield "posts", rows(_POSTS, post)
    yield "treaty_actions", rows(_TREATY_ACTIONS, treaty_action)
    yield "events", rows(_EVENTS, event)
    yield "commitments", rows(_COMMITMENTS, commitment)
    yield "appeals", rows(_APPEALS, appeal)
    yield "stances", rows(_STANCES, stance)
    yield "claims", rows(_CLAIMS, claim)
