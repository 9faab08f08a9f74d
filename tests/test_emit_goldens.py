"""Golden files of the emitted RDF: tests/cases/<name>/input.txt → expected.nt (canonical, sorted).

One parametrised test finds every case; ``pytest --update-goldens`` rewrites the expected files.
Graphs are compared by isomorphism, with a readable diff of the triples only one side has.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

from conftest import TESTS
from graph_builder.ingest import read_file
from graph_builder.pipeline import process_document

CASES = sorted(p for p in (TESTS / "cases").iterdir() if (p / "input.txt").exists())


def test_emit_goldens_found_every_case() -> None:
    assert len(CASES) == 3, [c.name for c in CASES]


def _canonical(ntriples: str) -> str:
    return "".join(sorted(line + "\n" for line in ntriples.splitlines() if line.strip()))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_emit_goldens_case(case: Path, update_goldens: bool) -> None:
    [document] = read_file(case / "input.txt")
    outcome = process_document(document)
    assert outcome.conforms, outcome.problems
    produced = _canonical(outcome.ntriples)
    expected_path = case / "expected.nt"
    if update_goldens or not expected_path.exists():
        expected_path.write_text(produced, encoding="utf-8")
    expected = expected_path.read_text(encoding="utf-8")
    got, want = to_isomorphic(Graph().parse(data=produced, format="nt")), to_isomorphic(Graph().parse(data=expected, format="nt"))
    if got != want:
        _, only_got, only_want = graph_diff(got, want)
        diff = ["+ " + " ".join(t.n3() for t in triple) for triple in sorted(only_got)]
        diff += ["- " + " ".join(t.n3() for t in triple) for triple in sorted(only_want)]
        pytest.fail(f"{case.name}: emitted graph differs from expected.nt (run pytest --update-goldens if intended)\n" + "\n".join(diff[:40]))
    assert produced == expected, "same graph, but not in canonical byte order"
