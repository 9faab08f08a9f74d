"""Validate a finished build: SHACL on every document graph in the store, then the cross-document checks.

In: a build folder. Out: a ``BuildValidation`` with every SHACL result (with its sentence) and the
rows of every ``queries/checks/*-violation.rq`` query, which must return none (DESIGN §5).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from .config import Config
from .errors import QueryError
from .namespaces import GRAPH
from .pipeline import Problem, _sentence_of, reference_types, validation_text
from .store import open_store


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The rows a ``*-violation.rq`` check returned (none is a pass)."""

    name: str
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class BuildValidation:
    """SHACL results and cross-document check results of a build."""

    problems: tuple[Problem, ...]
    checks: tuple[CheckResult, ...]

    @property
    def conforms(self) -> bool:
        """No SHACL violation and no check row."""
        return not any(p.severity == "Violation" for p in self.problems) and not any(c.rows for c in self.checks)

    def text(self) -> str:
        """The report a person reads."""
        lines = [validation_text(self.problems).rstrip()]
        for check in self.checks:
            status = "ok" if not check.rows else f"{len(check.rows)} violation(s)"
            lines.append(f"check {check.name}: {status}")
            lines.extend("  " + " | ".join(row) for row in check.rows[:20])
        return "\n".join(lines)


def document_graphs(store: ox.Store) -> list[str]:
    """The IRIs of the per-document named graphs."""
    prefix = f"{GRAPH}doc/"
    return sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode) and g.value.startswith(prefix))


def graph_of(store: ox.Store, name: str) -> Graph:
    """One named graph of the store as an rdflib Graph."""
    data = ox.serialize(
        (ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name))),
        format=ox.RdfFormat.N_TRIPLES,
    )
    graph = Graph()
    graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def run_checks(store: ox.Store, checks_dir: Path) -> tuple[CheckResult, ...]:
    """Run every ``*-violation.rq`` in ``checks_dir`` over the union of the store's graphs."""
    results = []
    for path in sorted(checks_dir.glob("*-violation.rq")):
        try:
            solutions = store.query(path.read_text(encoding="utf-8"), use_default_graph_as_union=True)
        except SyntaxError as error:
            raise QueryError(f"{path}: {error}") from error
        rows = tuple(tuple(str(v.value) if v is not None else "" for v in row) for row in solutions)
        results.append(CheckResult(path.stem, rows))
    return tuple(results)


def validate_build(config: Config) -> BuildValidation:
    """Re-validate every document graph of the build in ``config.build_dir`` and run the checks."""
    from .validate import validate

    store = open_store(config.store_dir, read_only=True)
    problems: list[Problem] = []
    for name in document_graphs(store):
        graph = graph_of(store, name)
        result = validate(graph, reference_types=reference_types())
        doc_id = name.rsplit("/", 1)[1]
        problems.extend(
            Problem(doc_id, v.severity, v.shape, v.focus, v.message, _sentence_of(graph, v.focus)) for v in result.violations
        )
    return BuildValidation(tuple(problems), run_checks(store, config.queries_dir / "checks"))
