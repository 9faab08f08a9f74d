"""`cdkg watch`: rebuild incrementally, in one process, whenever the sources change.

The library loop is driven by its own callbacks: after each build, the next change to the sources
is made, so the next poll must see it; no sleeps, no timing assertions.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, TESTS
from graph_builder.cli import main
from graph_builder.config import Config
from graph_builder.errors import CdkgError
from graph_builder.pipeline import BuildReport, build
from graph_builder.watch import watch

SEED = ROOT / "seeds" / "documents"
CORPUS = TESTS / "corpus" / "documents"
BROKEN = b"La France a sign\xe9 la Convention.\n"


def copy_seed(target: Path) -> Path:
    """The seed article (a .txt with its NAME.meta.yaml sidecar), writable, in ``target``."""
    target.mkdir(parents=True)
    for path in SEED.iterdir():
        (target / path.name).write_bytes(path.read_bytes())
    return target


@dataclass
class History:
    """What a watch did: one entry per build, a report or the error that ended it."""

    sources: Path
    out: Path
    builds: list[BuildReport | CdkgError] = field(default_factory=list)
    count: int = 0


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> History:
    """Watch the seed and one corpus article (both Dutch: one language to warm) through a change of
    a text, of a sidecar, an added file, a removed file, a vanished source folder, an undecodable
    file and one more document, one change after each build."""
    root = tmp_path_factory.mktemp("watch")
    sources = copy_seed(root / "docs")
    shutil.copyfile(CORPUS / "nl-09-zeven-ratificaties.txt", sources / "nl-09.txt")
    [sidecar] = sources.glob("*.meta.yaml")
    parked = root / "parked"
    changes = [
        lambda: (sources / "nl-09.txt").write_text((sources / "nl-09.txt").read_text(encoding="utf-8")
                                                   + "\nEstland heeft het verdrag op 3 maart 2026 geratificeerd.\n", encoding="utf-8"),
        lambda: sidecar.write_text(sidecar.read_text(encoding="utf-8").replace('title: "', 'title: "Bijgewerkt: '), encoding="utf-8"),
        lambda: shutil.copyfile(CORPUS / "nl-03-belgie-bekrachtigt-protocol.txt", sources / "nl-03.txt"),
        lambda: (sources / "nl-09.txt").unlink(),
        lambda: sources.rename(parked),
        lambda: parked.rename(sources),
        lambda: (sources / "broken.txt").write_bytes(BROKEN),
        lambda: shutil.copyfile(CORPUS / "nl-10-suriname-treedt-toe-boedapest.txt", sources / "nl-10.txt"),
    ]
    result = History(sources, root / "build")

    def after(outcome: BuildReport | CdkgError) -> None:
        result.builds.append(outcome)
        if changes:
            changes.pop(0)()

    config = Config(sources=(sources,), build_dir=result.out, jobs=1)
    result.count = watch(config, 0.05, max_builds=9, on_build=after, on_error=after)
    return result


def test_watch_builds_once_per_change(history: History) -> None:
    assert history.count == len(history.builds) == 9


def test_watch_first_build_is_full(history: History) -> None:
    first = history.builds[0]
    assert isinstance(first, BuildReport) and not first.incremental
    assert (first.extracted, len(first.documents)) == (2, 2)


@pytest.mark.parametrize(("build", "extracted", "reused", "removed", "documents"), [
    (1, 1, 1, 0, 2),  # the text of one document changed
    (2, 1, 1, 0, 2),  # only the sidecar of the other changed
    (3, 1, 2, 0, 3),  # a document added
    (4, 0, 2, 1, 2),  # a document removed
    (6, 0, 2, 0, 2),  # the source folder is back, unchanged
    (7, 0, 2, 0, 2),  # an undecodable file added: an error, nothing else
    (8, 1, 2, 0, 3),  # and the watch goes on: one more document
])
def test_watch_rebuilds_only_what_changed(history: History, build: int, extracted: int, reused: int, removed: int, documents: int) -> None:
    report = history.builds[build]
    assert isinstance(report, BuildReport), report
    assert report.incremental
    assert (report.extracted, report.reused, report.removed, len(report.documents)) == (extracted, reused, removed, documents)


def test_watch_reports_a_failed_build_and_goes_on(history: History) -> None:
    error = history.builds[5]
    assert isinstance(error, CdkgError) and "no such file or folder" in str(error)
    assert isinstance(history.builds[6], BuildReport)


def test_watch_reports_an_undecodable_file_and_goes_on(history: History) -> None:
    for report in history.builds[7:]:
        assert isinstance(report, BuildReport)
        [error] = report.errors
        assert "broken.txt" in error and "UTF-8" in error


def test_watch_output_equals_a_full_build(history: History, tmp_path: Path) -> None:
    fresh = build(Config(sources=(history.sources,), build_dir=tmp_path / "full", jobs=1), incremental=False)
    assert fresh.errors == history.builds[-1].errors
    assert (tmp_path / "full" / "graph.nq").read_bytes() == (history.out / "graph.nq").read_bytes()


def test_watch_stop_is_asked_before_every_look(tmp_path: Path) -> None:
    config = Config(sources=(copy_seed(tmp_path / "docs"),), build_dir=tmp_path / "build", jobs=1)
    assert watch(config, stop=lambda: True) == 0
    assert not (tmp_path / "build").exists()


# -- the command ----------------------------------------------------------------------------------


def test_watch_cli_builds_and_stops_after_max_builds(tmp_path: Path) -> None:
    sources = copy_seed(tmp_path / "docs")
    out = tmp_path / "build"
    result = CliRunner().invoke(main, ["watch", str(sources), "--out", str(out), "--jobs", "1", "--interval", "0", "--max-builds", "1"])
    assert result.exit_code == 0, result.output
    [summary] = result.stdout.splitlines()
    assert "1 documents built" in summary
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["documents"][0]["id"] == "000_85a1dd18622b923f"
    assert "stopped watching after 1 build" in result.stderr

    (sources / "broken.txt").write_bytes(BROKEN)
    again = CliRunner().invoke(main, ["watch", str(sources), "--out", str(out), "--jobs", "1", "--max-builds", "1"])
    assert again.exit_code == 1  # the last build's status, as cdkg build
    assert "incremental: 0 extracted, 1 reused" in again.stdout
    assert any(line.startswith("cdkg: ") and "broken.txt" in line for line in again.stderr.splitlines())


def test_watch_cli_refuses_a_build_folder_inside_the_sources(tmp_path: Path) -> None:
    sources = copy_seed(tmp_path / "docs")
    result = CliRunner().invoke(main, ["watch", str(sources), "--out", str(sources / "build"), "--max-builds", "1"])
    assert result.exit_code == 2
    assert "inside the source folder" in result.stderr and not (sources / "build").exists()


def test_watch_cli_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    """A real process, interrupted once its first build (of a missing folder: fast) has failed."""
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "cdkg"), "watch", str(tmp_path / "missing"), "--out", str(tmp_path / "build"), "--interval", "0.1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert process.stderr is not None
        lines = [process.stderr.readline(), process.stderr.readline()]
        assert "watching" in lines[0] and "no such file or folder" in lines[1], lines
        process.send_signal(signal.SIGINT)
        _, rest = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 0, rest
    assert "stopped watching after 1 build" in rest
