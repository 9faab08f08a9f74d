"""Shared fixtures: builds of the seed and of the corpus, made once per test session (per worker)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import httpx
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


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str:
    """The `oxigraph` server installed with the test extra."""
    found = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if found is None:
        pytest.fail("the oxigraph server is missing: pip install -e '.[test]'")
    return found


@contextmanager
def oxigraph_server(location: Path, *options: str) -> Iterator[str]:
    """A real Oxigraph server on a free 127.0.0.1 port, storing into ``location``; yields its base URL
    once it answers, and kills it afterwards."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", *options],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                if httpx.get(base + "/", timeout=1).status_code < 500:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"oxigraph serve did not answer on {base}: {process.stderr.read().decode() if process.stderr else ''}")
            time.sleep(0.05)
        yield base
    finally:
        process.kill()
        process.wait(timeout=10)


def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The build of tests/fixtures/server/, made once per test process and shared by the server tests."""
    out = tmp_path_factory.getbasetemp() / "server-fixture-build"
    if not (out / "store").exists():
        report = build_into(out, TESTS / "fixtures" / "server")
        assert not report.rejected and not report.errors, report.summary()
    return out
