"""ontology/vocab/*.ttl: the SKOS concept schemes, their concepts, labels, codes and mappings."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from graph_builder.namespaces import VOCAB, scheme, vocab

ROOT = Path(__file__).resolve().parents[1]
VOCAB_DIR = ROOT / "ontology" / "vocab"
ONTOLOGY = ROOT / "ontology" / "cdo.ttl"
SCHEMES = ("treaty-action", "event-type", "stance", "modality", "role", "un-status", "claim-type", "cameo", "plover")


def _load(name: str) -> Graph:
    return Graph().parse(VOCAB_DIR / f"{name}.ttl", format="turtle")


@pytest.fixture(scope="module")
def graphs() -> dict[str, Graph]:
    return {name: _load(name) for name in SCHEMES}


def _concepts(graph: Graph) -> list[URIRef]:
    return sorted(graph.subjects(RDF.type, SKOS.Concept))


def _notations(graph: Graph) -> dict[str, URIRef]:
    return {str(graph.value(c, SKOS.notation)): c for c in _concepts(graph)}


def _langs(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str]:
    return [o.language for o in graph.objects(subject, predicate) if isinstance(o, Literal)]


def test_vocab_files_are_exactly_the_schemes() -> None:
    assert sorted(p.stem for p in VOCAB_DIR.glob("*.ttl")) == sorted(SCHEMES)


@pytest.mark.parametrize("name", SCHEMES)
def test_vocab_scheme_and_concepts_are_complete(graphs: dict[str, Graph], name: str) -> None:
    graph = graphs[name]
    iri = scheme(name)
    assert list(graph.subjects(RDF.type, SKOS.ConceptScheme)) == [iri]
    assert {"en", "nl"} <= set(_langs(graph, iri, SKOS.prefLabel))
    concepts = _concepts(graph)
    assert concepts
    problems = []
    for concept in concepts:
        langs = _langs(graph, concept, SKOS.prefLabel)
        if not {"en", "nl"} <= set(langs):
            problems.append(f"{concept}: prefLabel in {langs}")
        if len(langs) != len(set(langs)):
            problems.append(f"{concept}: two prefLabels in one language")  # SKOS S14
        notation = graph.value(concept, SKOS.notation)
        if notation is None or not str(notation):
            problems.append(f"{concept}: no notation")
        if (concept, SKOS.inScheme, iri) not in graph:
            problems.append(f"{concept}: not in scheme {iri}")
        if "en" not in _langs(graph, concept, SKOS.definition):
            problems.append(f"{concept}: no English definition")
        if not str(concept).startswith(f"{iri}/"):
            problems.append(f"{concept}: IRI outside {iri}/")
        pref = set(graph.objects(concept, SKOS.prefLabel))
        if pref & set(graph.objects(concept, SKOS.altLabel)):
            problems.append(f"{concept}: same label as prefLabel and altLabel")  # SKOS S13
    assert not problems, "\n".join(problems)
    notations = Counter(str(graph.value(c, SKOS.notation)) for c in concepts)
    assert max(notations.values()) == 1, "notations must be unique within a scheme"
    tops = set(graph.objects(iri, SKOS.hasTopConcept))
    assert tops and tops <= set(concepts)


@pytest.mark.parametrize("name", SCHEMES)
def test_vocab_labels_are_language_tagged(graphs: dict[str, Graph], name: str) -> None:
    graph = graphs[name]
    for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.definition):
        for _, _, o in graph.triples((None, predicate, None)):
            assert isinstance(o, Literal) and o.language, (predicate, o)


def test_vocab_treaty_action_codes(graphs: dict[str, Graph]) -> None:
    codes = {"signature", "ratification", "acceptance", "approval", "accession", "succession",
             "entry-into-force", "withdrawal", "reservation"}
    notations = _notations(graphs["treaty-action"])
    assert set(notations) == codes
    assert all(notations[c] == vocab("treaty-action", c) for c in codes)


def test_vocab_event_type_notations_are_camel_case(graphs: dict[str, Graph]) -> None:
    notations = _notations(graphs["event-type"])
    assert set(notations) == {"SigningCeremony", "Conference", "Meeting", "Reception", "Visit",
                              "Dialogue", "Session", "Summit"}
    assert notations["SigningCeremony"] == vocab("event-type", "signing-ceremony")


@pytest.mark.parametrize(("name", "codes"), [
    ("stance", {"support", "oppose", "concern"}),
    ("modality", {"asserted", "future", "hypothetical", "negated", "reported"}),
    ("un-status", {"member", "observer"}),
    ("claim-type", {"signatory-count", "ratification-count", "participant-count"}),
])
def test_vocab_small_scheme_codes(graphs: dict[str, Graph], name: str, codes: set[str]) -> None:
    notations = _notations(graphs[name])
    assert set(notations) == codes
    assert all(notations[c] == vocab(name, c) for c in codes)


def test_vocab_role_codes_are_those_of_the_model(graphs: dict[str, Graph]) -> None:
    model = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    listed = re.search(r"Role codes: `([^`]*)`", model.replace("\n", " "))
    assert listed
    expected = {code.strip() for code in listed.group(1).split(",")}
    assert set(_notations(graphs["role"])) == expected


def test_vocab_roles_have_labels_in_six_languages(graphs: dict[str, Graph]) -> None:
    graph = graphs["role"]
    for concept in _concepts(graph):
        assert {"en", "nl", "fr", "de", "es", "vi"} <= set(_langs(graph, concept, SKOS.prefLabel)), concept


def test_vocab_role_lexicon_has_the_titles_news_text_uses(graphs: dict[str, Graph]) -> None:
    graph = graphs["role"]

    def titles(code: str) -> set[tuple[str, str]]:
        c = vocab("role", code)
        return {(str(o), o.language) for p in (SKOS.prefLabel, SKOS.altLabel) for o in graph.objects(c, p)}

    assert ("secretaris-generaal", "nl") in titles("general-secretary")
    assert ("secretaris-generaal", "nl") in titles("secretary-general")
    assert ("directeur", "nl") in titles("executive-director")
    assert ("minister van Buitenlandse Zaken", "nl") in titles("foreign-minister")
    assert ("ministre des Affaires étrangères", "fr") in titles("foreign-minister")
    assert {("Außenminister", "de"), ("Außenministerin", "de")} <= titles("foreign-minister")
    assert {("canciller", "es"), ("ministro de Relaciones Exteriores", "es")} <= titles("foreign-minister")
    assert ("Generalsekretär", "de") in titles("secretary-general")
    assert ("secrétaire général", "fr") in titles("secretary-general")
    assert ("Tổng Bí thư", "vi") in titles("general-secretary")
    assert ("Chủ tịch nước", "vi") in titles("president")
    assert ("Bộ trưởng", "vi") in titles("minister")
    assert ("Thủ tướng", "vi") in titles("prime-minister")
    assert {("premier", "nl"), ("minister-president", "nl")} <= titles("prime-minister")
    assert ("staatshoofd", "nl") in titles("head-of-state")
    assert ("ambassadeur", "nl") in titles("ambassador")
    alt_total = sum(1 for _ in graph.triples((None, SKOS.altLabel, None)))
    assert alt_total >= 150


def test_vocab_cameo_has_twenty_top_levels_and_the_subcodes(graphs: dict[str, Graph]) -> None:
    graph = graphs["cameo"]
    notations = _notations(graph)
    tops = {n for n in notations if len(n) == 2}
    assert tops == {f"{i:02d}" for i in range(1, 21)}
    assert set(graph.objects(scheme("cameo"), SKOS.hasTopConcept)) == {notations[t] for t in tops}
    expected_sub = {"020", "022", "051", "057", "111"}
    expected_sub |= {f"03{i}" for i in range(7)} | {f"04{i}" for i in range(7)}
    expected_sub |= {f"07{i}" for i in range(6)} | {f"12{i}" for i in range(10)}
    assert {n for n in notations if len(n) == 3} == expected_sub
    for code in expected_sub:
        assert graph.value(notations[code], SKOS.broader) == notations[code[:2]], code
    assert str(graph.value(notations["057"], SKOS.prefLabel)) == "Sign formal agreement"


def test_vocab_plover_has_sixteen_upper_case_types(graphs: dict[str, Graph]) -> None:
    notations = _notations(graphs["plover"])
    assert len(notations) == 16
    assert all(n.isupper() for n in notations)
    assert {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "ASSAULT"} <= set(notations)
    assert all(notations[n] == vocab("plover", n) for n in notations)


def test_vocab_mappings_resolve_to_defined_concepts(graphs: dict[str, Graph]) -> None:
    everything = Graph()
    for graph in graphs.values():
        everything += graph
    everything.parse(ONTOLOGY, format="turtle")
    defined = set(everything.subjects(RDF.type, SKOS.Concept))
    targets = {o for p in (SKOS.closeMatch, SKOS.broader, SKOS.relatedMatch) for o in everything.objects(None, p)}
    dangling = {str(t) for t in targets if str(t).startswith(str(VOCAB)) and t not in defined}
    assert not dangling


@pytest.mark.parametrize("name", ["event-type", "treaty-action"])
def test_vocab_types_map_to_cameo_and_plover(graphs: dict[str, Graph], name: str) -> None:
    graph = graphs[name]
    mapped = [c for c in _concepts(graph) if any("/cameo/" in str(o) for o in graph.objects(c, SKOS.closeMatch))]
    assert len(mapped) >= len(_concepts(graph)) - 2  # entry into force and reservation have no CAMEO match
    for concept in mapped:
        assert any("/plover/" in str(o) for o in graph.objects(concept, SKOS.closeMatch)), concept
