"""The SHACL shapes of ``shapes/``, tested by Turtle cases (STYLE 10; format in tests/shapes/README.md).

One parametrised test runs every case of ``tests/shapes/cases/<NodeShape>/`` through
:func:`graph_builder.validate.validate` and compares conformance and the exact list of results
(by the local name of the shape that reported them) with the folder's ``expected.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

from graph_builder.namespaces import SHAPES
from graph_builder.validate import ValidationResult, load_shapes, validate

HERE = Path(__file__).parent / "shapes"
CASES_DIR = HERE / "cases"
FIXTURES_DIR = HERE / "fixtures"
ONTOLOGY = Path(__file__).parent.parent / "ontology" / "cdo.ttl"
EXPECTED_CASE_COUNT = 108
PREFIXES = ("conforms-", "warns-", "violates-")


@dataclass(frozen=True, slots=True)
class Case:
    """One Turtle file of tests/shapes/cases/ and what validating it must give."""

    shape: str
    path: Path
    conforms: bool
    results: tuple[str, ...]
    background: tuple[Path, ...]

    @property
    def id(self) -> str:
        return f"{self.shape}/{self.path.stem}"


def _discover() -> list[Case]:
    cases = []
    for folder in sorted(p for p in CASES_DIR.iterdir() if p.is_dir()):
        manifest = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
        background = tuple(FIXTURES_DIR / name for name in manifest.get("background") or ())
        for name, expected in manifest["cases"].items():
            cases.append(
                Case(
                    shape=folder.name,
                    path=folder / name,
                    conforms=expected["conforms"],
                    results=tuple(sorted(expected.get("results") or ())),
                    background=background,
                )
            )
    return cases


CASES = _discover()
REFERENCE_TYPES = Graph().parse(FIXTURES_DIR / "reference-types.ttl", format="turtle")


def _local(iri: str) -> str:
    return iri[len(str(SHAPES)) :] if iri.startswith(str(SHAPES)) else iri


def _named_node_shapes() -> set[str]:
    shapes = load_shapes()
    return {_local(str(s)) for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}


def _report(case: Case, result: ValidationResult, got: list[str]) -> str:
    return "\n".join(
        [
            f"case {case.id} ({case.path.relative_to(HERE)}):",
            f"  expected conforms={case.conforms}, results={list(case.results)}",
            f"  got      conforms={result.conforms}, results={got}",
            "  report:",
            *("    " + line for line in result.text().splitlines()),
        ]
    )


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_validate_shapes_case(case: Case) -> None:
    data = Graph()
    for path in (*case.background, case.path):
        data.parse(path, format="turtle")
    result = validate(data, reference_types=REFERENCE_TYPES)
    got = sorted(_local(v.shape) for v in result.violations)
    if result.conforms != case.conforms or tuple(got) != case.results:
        pytest.fail(_report(case, result, got), pytrace=False)


def test_validate_shapes_case_count() -> None:
    assert len(CASES) == EXPECTED_CASE_COUNT, f"found {len(CASES)} cases under {CASES_DIR}"


def test_validate_shapes_every_node_shape_has_cases() -> None:
    """Each named node shape has a folder with ≥ 1 conforming and ≥ 1 violating case, and no
    folder is named after a shape that does not exist."""
    by_shape: dict[str, list[Case]] = {}
    for case in CASES:
        by_shape.setdefault(case.shape, []).append(case)
    node_shapes = _named_node_shapes()
    assert set(by_shape) == node_shapes, (
        f"folders without a shape: {sorted(set(by_shape) - node_shapes)}; "
        f"shapes without a folder: {sorted(node_shapes - set(by_shape))}"
    )
    for shape, cases in by_shape.items():
        assert any(c.conforms and c.path.name.startswith("conforms-") for c in cases), f"{shape}: no conforming case"
        assert any(not c.conforms for c in cases), f"{shape}: no violating case"


def test_validate_shapes_manifests_match_files() -> None:
    """Every case file is in its folder's expected.yaml and vice versa; file names say the outcome."""
    listed = {c.path for c in CASES}
    on_disk = set(CASES_DIR.glob("*/*.ttl"))
    assert listed == on_disk, f"unlisted: {sorted(on_disk - listed)}; missing: {sorted(listed - on_disk)}"
    for case in CASES:
        name = case.path.name
        assert name.startswith(PREFIXES), f"{case.id}: file name must start with one of {PREFIXES}"
        if name.startswith("conforms-"):
            assert case.conforms and not case.results, f"{case.id}: a conforms- case has no results"
        elif name.startswith("warns-"):
            assert case.conforms and case.results, f"{case.id}: a warns- case conforms with warnings"
        else:
            assert not case.conforms, f"{case.id}: a violates- case does not conform"


def test_validate_shapes_every_shape_has_a_message_and_an_ontology_header() -> None:
    shapes = load_shapes()
    named = [s for s in set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))]
    for shape in named:
        if isinstance(shape, URIRef) and shape != SHAPES.FactProvenanceShape and shape != SHAPES.MentionShape:
            has_own = (shape, SH.message, None) in shapes
            has_sparql = (shape, SH.sparql, None) in shapes
            only_properties = not any(
                (shape, p, None) in shapes for p in (SH.pattern, SH.nodeKind, SH.minCount, SH.datatype, SH["class"])
            )
            assert has_own or has_sparql or only_properties, f"{shape} reports results without a message"
    for path in sorted((Path(__file__).parent.parent / "shapes").glob("*.ttl")):
        header = Graph().parse(path, format="turtle")
        title = URIRef("http://purl.org/dc/terms/title")
        titled = [o for o in header.subjects(RDF.type, OWL.Ontology) if (o, title, None) in header]
        assert titled, f"{path.name} has no owl:Ontology header with dcterms:title"


def test_validate_shapes_hierarchy_agrees_with_ontology() -> None:
    """shapes/hierarchy.ttl restates cdo: subclass axioms; the ontology must entail each of them."""
    ontology = Graph().parse(ONTOLOGY, format="turtle")
    hierarchy = Graph().parse(Path(__file__).parent.parent / "shapes" / "hierarchy.ttl", format="turtle")
    cdo = "https://w3id.org/cdkg/ontology#"
    for sub, sup in hierarchy.subject_objects(RDFS.subClassOf):
        if str(sub).startswith(cdo):
            supers = set(ontology.transitive_objects(sub, RDFS.subClassOf))
            assert sup in supers, f"ontology/cdo.ttl does not say {sub} ⊑ {sup}"
