"""graph_builder.validate beyond the shapes: how the graph under validation is assembled, and what
the result and its report look like."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from graph_builder.namespaces import CDO, ID, PROV, SHAPES, vocab
from graph_builder.validate import Violation, load_shapes, validate

FIXTURES = Path(__file__).parent / "shapes" / "fixtures"
DOC = ID["doc/4bd47efa099b8de4"]
DERIVATION = ID["derivation/d100000000000001"]
VNM = ID["state/VNM"]
TREATY = ID["treaty/un-cybercrime-convention"]
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")


@pytest.fixture()
def reference_types() -> Graph:
    return Graph().parse(FIXTURES / "reference-types.ttl", format="turtle")


@pytest.fixture()
def document() -> Graph:
    return Graph().parse(FIXTURES / "document.ttl", format="turtle")


def _treaty_action(graph: Graph, node: URIRef | BNode) -> Graph:
    graph.add((node, RDF.type, CDO.TreatyAction))
    graph.add((node, CDO.party, VNM))
    graph.add((node, CDO.actionType, vocab("treaty-action", "signature")))
    graph.add((node, CDO.treaty, TREATY))
    graph.add((node, CDO.date, Literal("2025-10-25", datatype=XSD_DATE)))
    graph.add((node, CDO.modality, vocab("modality", "asserted")))
    graph.add((node, CDO.confidence, Literal("0.9", datatype=XSD_DECIMAL)))
    graph.add((node, PROV.wasDerivedFrom, DOC))
    graph.add((node, PROV.qualifiedDerivation, DERIVATION))
    return graph


def test_validate_result_registry_references_need_no_description(document: Graph, reference_types: Graph) -> None:
    data = _treaty_action(document, ID["treaty-action/a000000000000001"])
    result = validate(data, reference_types=reference_types)
    assert result.conforms, result.text()
    assert result.violations == ()
    assert not set(result.report.objects(None, SH.focusNode)) & {VNM, TREATY}


def test_validate_result_without_registry_types_actors_are_unknown(document: Graph) -> None:
    result = validate(_treaty_action(document, ID["treaty-action/a000000000000001"]))
    assert not result.conforms
    assert sorted(v.shape.rsplit("#", 1)[1] for v in result.errors) == [
        "TreatyAction-party-value",
        "TreatyAction-treaty-value",
    ]


def test_validate_result_does_not_touch_its_inputs(document: Graph, reference_types: Graph) -> None:
    data = _treaty_action(document, ID["treaty-action/a000000000000001"])
    before = (len(data), len(reference_types))
    validate(data, reference_types=reference_types)
    assert (len(data), len(reference_types)) == before


def test_validate_result_report_agrees_with_records(document: Graph, reference_types: Graph) -> None:
    data = _treaty_action(document, ID["treaty-action/a000000000000001"])
    data.remove((None, CDO.date, None))  # a warning
    data.add((ID["treaty-action/a000000000000001"], CDO.party, ID["state/NLD"]))  # a violation
    result = validate(data, reference_types=reference_types)
    assert not result.conforms
    assert [v.severity for v in result.violations] == ["Violation", "Warning"]
    assert len(list(result.report.objects(None, SH.result))) == 2
    assert (None, SH.conforms, Literal(False)) in result.report


def test_validate_result_warnings_still_conform(document: Graph, reference_types: Graph) -> None:
    data = _treaty_action(document, ID["treaty-action/a000000000000001"])
    data.remove((None, CDO.date, None))
    result = validate(data, reference_types=reference_types)
    assert result.conforms
    assert [v.shape for v in result.warnings] == [str(SHAPES["TreatyAction-date-missing"])]
    assert result.text().startswith("Conforms: 0 violations, 1 warning.")


def test_validate_result_blank_node_fact_is_caught(document: Graph, reference_types: Graph) -> None:
    result = validate(_treaty_action(document, BNode()), reference_types=reference_types)
    assert {v.shape for v in result.errors} == {str(SHAPES.TreatyActionShape)}


def test_validate_result_complex_paths_read_as_sparql(reference_types: Graph) -> None:
    data = Graph()
    tenure = ID["tenure/7000000000000009"]
    data.add((tenure, RDF.type, CDO.Tenure))
    result = validate(data, reference_types=reference_types)
    origin = [v for v in result.violations if v.shape.endswith("#Tenure-origin")]
    assert [v.path for v in origin] == [f"(<{PROV.qualifiedDerivation}>|<http://purl.org/dc/terms/source>)"]
    assert "Tenure-origin  (prov:qualifiedDerivation|dcterms:source)" in result.text()


def test_validate_result_shapes_are_loaded_once() -> None:
    assert load_shapes() is load_shapes()
    assert (SHAPES.StateShape, RDF.type, SH.NodeShape) in load_shapes()


def test_validate_result_violation_checks_severity() -> None:
    with pytest.raises(ValueError, match="severity"):
        Violation(focus="x", shape="y", path=None, value=None, message="m", severity="Fatal")


def test_validate_result_each_bad_node_among_many_is_reported_once(document: Graph, reference_types: Graph) -> None:
    """Property shapes are checked for all focus nodes of a node shape at once, and ``sh:or``
    stops at the first member that fits: a value that fits no member is still reported, once, on
    its own focus node, and the others are not."""
    data = _treaty_action(document, ID["treaty-action/a000000000000001"])
    data.set((ID["treaty-action/a000000000000001"], CDO.date, Literal("25 October 2025")))  # fits no sh:or member
    for i in range(2, 6):  # good neighbours, one with a date that fits the last member only
        _treaty_action(data, ID[f"treaty-action/a00000000000000{i}"])
    data.set((ID["treaty-action/a000000000000005"], CDO.date, Literal("2025", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYear"))))
    result = validate(data, reference_types=reference_types)
    assert [(v.focus, v.shape.rsplit("#", 1)[1], v.value) for v in result.violations] == [
        (str(ID["treaty-action/a000000000000001"]), "TreatyAction-date", "25 October 2025")
    ]


def test_validate_result_accepts_triples_not_only_graphs(document: Graph, reference_types: Graph) -> None:
    data = _treaty_action(document, ID["treaty-action/a000000000000001"])
    data.add((ID["treaty-action/a000000000000001"], CDO.party, ID["state/NLD"]))  # a violation
    as_graph = validate(data, reference_types=reference_types)
    as_triples = validate(list(data), reference_types=reference_types)
    assert not as_triples.conforms and as_triples.violations == as_graph.violations
