"""queries/checks: every cross-document check is silent on a sound build and fires on a graph made to violate it.

Each ``queries/checks/NAME-violation.rq`` has ``tests/fixtures/queries/checks/NAME-violation.trig``,
whose header says how many rows it must give (``# expected rows: N``, at least 1); the near misses
in those graphs must not count.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_builder.checks import run_checks
from graph_builder.config import project_root
from graph_builder.query import LibraryQuery, run
from graph_builder.store import open_store

CHECKS = project_root() / "queries" / "checks"
VIOLATIONS = Path(__file__).parent / "fixtures" / "queries" / "checks"
FIXTURE = Path(__file__).parent / "fixtures" / "queries" / "fixture.trig"
CHECK_PATHS = sorted(CHECKS.glob("*-violation.rq"))


def load(path: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TRIG)
    return store


def test_query_checks_exist_each_with_a_violating_fixture() -> None:
    assert len(CHECK_PATHS) >= 5
    assert [p.stem for p in CHECK_PATHS] == sorted(p.stem for p in VIOLATIONS.glob("*.trig"))


@pytest.mark.parametrize("path", CHECK_PATHS, ids=lambda p: p.stem)
def test_query_checks_header_and_columns(path: Path) -> None:
    check = LibraryQuery.from_file(path)
    assert check.title and check.question and check.parameters == ()
    assert run(load(FIXTURE), check, {}).variables == check.columns


@pytest.mark.parametrize("path", CHECK_PATHS, ids=lambda p: p.stem)
def test_query_checks_fire_on_their_violating_fixture(path: Path) -> None:
    graph = VIOLATIONS / f"{path.stem}.trig"
    expected = int(re.search(r"^# expected rows: (\d+)$", graph.read_text(encoding="utf-8"), re.M).group(1))
    assert expected >= 1
    assert len(run(load(graph), LibraryQuery.from_file(path), {}).rows) == expected


def test_query_checks_are_silent_on_the_query_fixture() -> None:
    assert {result.name: result.rows for result in run_checks(load(FIXTURE), CHECKS)} == {p.stem: () for p in CHECK_PATHS}


def test_query_checks_are_silent_on_the_seed_build(seed_build) -> None:
    out, _ = seed_build
    store = open_store(out / "store", read_only=True)
    assert {result.name: result.rows for result in run_checks(store, CHECKS)} == {p.stem: () for p in CHECK_PATHS}
