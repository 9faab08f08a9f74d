"""Shared fixtures: builds of the seed and of the corpus, made once per test session (per worker)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from graph_builder.config import Config, project_root
from graph_builder.pipeline import BuildReport, build

ROOT = project_root()
TESTS = Path(__file__).parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="Rewrite the expected files of tests/cases/.")


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def build_into(out: Path, *sources: Path, jobs: int = 1, **kwargs) -> BuildReport:
    """Build ``sources`` into ``out`` in-process (what ``cdkg build`` does)."""
    return build(replace(Config(build_dir=out, jobs=jobs, **kwargs), sources=tuple(sources)))


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    out = tmp_path_factory.mktemp("seed") / "build"
    return out, build_into(out, ROOT / "seeds" / "documents")


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    out = tmp_path_factory.mktemp("corpus") / "build"
    return out, build_into(out, TESTS / "corpus" / "documents")
