"""graph_builder.reason: HermiT finds the ontology consistent and infers officials and state parties.

These tests run real Java (HermiT through owlready2). One run over a small hand-written dataset is
shared by the module; the ontology alone and an inconsistent graph are one run each.
"""

from __future__ import annotations

from pathlib import Path

import owlready2
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from graph_builder.errors import ReasonerError
from graph_builder.namespaces import CDO, ID, PREFIXES
from graph_builder.reason import JAVA_MISSING, ReasoningResult, reason

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_DIR = ROOT / "ontology"
HEADER = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())

REGISTRY = HEADER + r"""
id:person\/to-lam a cdo:Person ; rdfs:label "To Lam"@en ; cdo:inRegistry true .
id:person\/ghada-waly a cdo:Person ; rdfs:label "Ghada Waly"@en .
id:state\/VNM a cdo:State ; cdo:iso3 "VNM" ; cdo:iso2 "VN" ; cdo:demonym "Vietnamese"@en ;
    cdo:unStatus <https://w3id.org/cdkg/vocab/un-status/member> .
id:state\/FRA a cdo:State ; cdo:iso3 "FRA" .
id:org\/unodc a cdo:InternationalOrganization ; cdo:acronym "UNODC" .
id:body\/cpv a cdo:GovernmentBody ; org:subOrganizationOf id:state\/VNM .
id:treaty\/un-cybercrime-convention a cdo:Treaty ; cdo:adoptedOn "2024-12-24"^^xsd:date ;
    cdo:entryIntoForceThreshold 40 .
"""

DOCUMENT = HEADER + r"""
id:tenure\/t1 a cdo:Tenure ; org:member id:person\/to-lam ; org:organization id:body\/cpv ;
    org:role <https://w3id.org/cdkg/vocab/role/general-secretary> ;
    cdo:attestedOn "2025-10-25"^^xsd:date ; cdo:confidence 0.9 ;
    cdo:modality <https://w3id.org/cdkg/vocab/modality/asserted> .
id:treaty-action\/a1 a cdo:TreatyAction ; cdo:party id:state\/VNM ;
    cdo:actionType <https://w3id.org/cdkg/vocab/treaty-action/ratification> ;
    cdo:treaty id:treaty\/un-cybercrime-convention ; cdo:date "2025"^^xsd:gYear .
id:treaty-action\/a2 a cdo:TreatyAction ; cdo:party id:state\/FRA ;
    cdo:actionType <https://w3id.org/cdkg/vocab/treaty-action/signature> ;
    cdo:treaty id:treaty\/un-cybercrime-convention ; cdo:date "2025-10"^^xsd:gYearMonth .
id:event\/e1 a cdo:Event ; cdo:eventType <https://w3id.org/cdkg/vocab/event-type/reception> ;
    cdo:host id:person\/to-lam ; cdo:participant id:person\/ghada-waly ;
    cdo:date "2025-10-25"^^xsd:date .
"""


@pytest.fixture(scope="module")
def result() -> ReasoningResult:
    """One HermiT run over a dataset whose registry and document are two named graphs."""
    dataset = Dataset()
    dataset.graph(URIRef("https://w3id.org/cdkg/graph/reference")).parse(data=REGISTRY, format="turtle")
    dataset.graph(URIRef("https://w3id.org/cdkg/graph/doc/0123456789abcdef")).parse(data=DOCUMENT, format="turtle")
    return reason(dataset, ontology_dir=ONTOLOGY_DIR)


def test_reason_data_is_consistent(result: ReasoningResult) -> None:
    assert result.consistent
    assert result.seconds > 0


def test_reason_infers_official_for_a_person_with_a_tenure(result: ReasoningResult) -> None:
    assert (ID["person/to-lam"], RDF.type, CDO.Official) in result.inferred
    assert (ID["person/ghada-waly"], RDF.type, CDO.Official) not in result.inferred


def test_reason_infers_state_party_only_for_consent_to_be_bound(result: ReasoningResult) -> None:
    assert (ID["state/VNM"], RDF.type, CDO.StateParty) in result.inferred
    assert (ID["state/FRA"], RDF.type, CDO.StateParty) not in result.inferred  # signed only
    assert (ID["treaty-action/a2"], RDF.type, CDO.ConsentToBeBound) not in result.inferred


def test_reason_inferred_holds_only_new_types_of_data_individuals(result: ReasoningResult) -> None:
    assert set(result.inferred.predicates()) == {RDF.type}
    assert all(str(s).startswith(str(ID)) for s in result.inferred.subjects())
    assert (ID["state/VNM"], RDF.type, CDO.State) not in result.inferred  # asserted, not repeated
    assert set(result.inferred) == {
        (ID["person/to-lam"], RDF.type, CDO.Official),
        (ID["state/VNM"], RDF.type, CDO.StateParty),
        (ID["treaty-action/a1"], RDF.type, CDO.ConsentToBeBound),
    }


def test_reason_ontology_alone_is_consistent() -> None:
    alone = reason(ontology_dir=ONTOLOGY_DIR)
    assert alone.consistent
    assert len(alone.inferred) == 0


def test_reason_inconsistent_data_raises_reasoner_error() -> None:
    clash = Graph().parse(data=HEADER + r"id:state\/XYZ a cdo:State , cdo:Person .", format="turtle")
    with pytest.raises(ReasonerError, match="inconsistent"):
        reason(clash, ontology_dir=ONTOLOGY_DIR, include_vocab=False)


def test_reason_not_strict_reports_inconsistency(monkeypatch: pytest.MonkeyPatch) -> None:
    def inconsistent(*args, **kwargs):
        raise owlready2.OwlReadyInconsistentOntologyError()

    monkeypatch.setattr(owlready2, "sync_reasoner_hermit", inconsistent)
    outcome = reason(Graph(), ontology_dir=ONTOLOGY_DIR, include_vocab=False, strict=False)
    assert not outcome.consistent
    assert len(outcome.inferred) == 0


def test_reason_missing_java_gives_one_line_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(owlready2, "JAVA_EXE", str(tmp_path / "no-such-java"))
    with pytest.raises(ReasonerError) as caught:
        reason(ontology_dir=ONTOLOGY_DIR, include_vocab=False)
    assert str(caught.value) == JAVA_MISSING
    assert str(caught.value) == (
        "Java is missing: install a Java runtime (e.g. apt-get install default-jre-headless) to run HermiT"
    )
    assert "\n" not in str(caught.value)


def test_reason_java_not_on_path_gives_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    monkeypatch.setattr(owlready2, "JAVA_EXE", "java")
    with pytest.raises(ReasonerError, match="^Java is missing: install a Java runtime"):
        reason(ontology_dir=ONTOLOGY_DIR, include_vocab=False)


def test_reason_missing_ontology_is_a_reasoner_error(tmp_path: Path) -> None:
    with pytest.raises(ReasonerError, match="no ontology"):
        reason(ontology_dir=tmp_path)


def test_reason_java_vanishing_during_the_run_gives_the_same_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """owlready2 raises a bare FileNotFoundError when it cannot start Java: it becomes the one-liner."""

    def no_java(*args, **kwargs):
        raise FileNotFoundError(2, "No such file or directory", "java")

    monkeypatch.setattr(owlready2, "sync_reasoner_hermit", no_java)
    with pytest.raises(ReasonerError) as caught:
        reason(ontology_dir=ONTOLOGY_DIR, include_vocab=False)
    assert str(caught.value) == JAVA_MISSING
