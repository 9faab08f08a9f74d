"""Parallel, distributed and incremental builds give the bytes of a plain full build."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import ROOT, build_into
from graph_builder import pipeline
from graph_builder.namespaces import doc_graph
from graph_builder.store import graph_names, open_store

sys.path.insert(0, str(ROOT))
from benchmarks.corpus import generate  # noqa: E402

OUTPUTS = ("graph.nq", "graph.ttl", "graph.trig", "validation.ttl", "validation.txt", "void.ttl", "SHA256SUMS")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eight short English documents (one language keeps the workers' warm-up short)."""
    out = tmp_path_factory.mktemp("parallel")
    generate(8, out, seed=3, min_chars=500, max_chars=1000, languages=("en",))
    return out / "documents"


@pytest.fixture(scope="module")
def serial(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("serial") / "build"
    build_into(out, corpus, jobs=1)
    return out


def _assert_same_outputs(a: Path, b: Path) -> None:
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def _copy(corpus: Path, tmp_path: Path) -> Path:
    sources = tmp_path / "docs"
    shutil.copytree(corpus, sources)
    return sources


def test_pipeline_parallel_jobs_two_equals_jobs_one(corpus: Path, serial: Path, tmp_path: Path) -> None:
    report = build_into(tmp_path / "build", corpus, jobs=2)
    assert report.extracted == 8
    _assert_same_outputs(serial, tmp_path / "build")


def test_pipeline_parallel_dask_equals_local(corpus: Path, serial: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        build_into(tmp_path / "build", corpus, scheduler=cluster.scheduler_address)
    _assert_same_outputs(serial, tmp_path / "build")


def test_pipeline_parallel_incremental_extracts_only_the_changed_document(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    sources = _copy(corpus, tmp_path)
    out = tmp_path / "build"
    first = build_into(out, sources)
    changed = sources / "syn-000002.txt"
    old_key = next(o.key for o in first.documents if o.id == "syn-000002")
    changed.write_text(changed.read_text(encoding="utf-8") + "\nFrance signed the Budapest Convention on 3 March 2025.\n", encoding="utf-8")
    seen: list[str] = []
    process = pipeline.process_document
    monkeypatch.setattr(pipeline, "process_document", lambda d, v=True: seen.append(d.id) or process(d, v))
    again = build_into(out, sources)
    assert seen == ["syn-000002"]
    assert (again.incremental, again.extracted, again.reused, again.removed) == (True, 1, 7, 0)
    new_key = next(o.key for o in again.documents if o.id == "syn-000002")
    names = graph_names(open_store(out / "store", read_only=True))
    assert str(doc_graph(new_key)) in names and str(doc_graph(old_key)) not in names
    build_into(tmp_path / "full", sources)
    _assert_same_outputs(out, tmp_path / "full")


def test_pipeline_parallel_incremental_drops_a_removed_document(corpus: Path, tmp_path: Path) -> None:
    sources = _copy(corpus, tmp_path)
    out = tmp_path / "build"
    first = build_into(out, sources)
    gone = next(o for o in first.documents if o.id == "syn-000005")
    (sources / "syn-000005.txt").unlink()
    again = build_into(out, sources)
    assert (again.extracted, again.removed) == (0, 1)
    store = open_store(out / "store", read_only=True)
    assert not store.contains_named_graph(ox.NamedNode(str(doc_graph(gone.key))))
    assert "syn-000005" not in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]
    build_into(tmp_path / "full", sources)
    _assert_same_outputs(out, tmp_path / "full")


def test_pipeline_parallel_incremental_same_text_twice(corpus: Path, tmp_path: Path) -> None:
    """Two documents with one text share a named graph; the greatest id's wins, in any order."""
    sources = _copy(corpus, tmp_path)
    text = (sources / "syn-000001.txt").read_text(encoding="utf-8")
    (sources / "zz-copy.txt").write_text(text.replace('title: "', 'title: "Copy: '), encoding="utf-8")
    out = tmp_path / "build"
    build_into(out, sources)
    (sources / "zz-copy.txt").unlink()
    again = build_into(out, sources)
    assert again.extracted == 1  # syn-000001 again: the graph of its key was the copy's
    build_into(tmp_path / "full", sources)
    _assert_same_outputs(out, tmp_path / "full")


def test_pipeline_parallel_new_fingerprint_rebuilds_everything(corpus: Path, tmp_path: Path) -> None:
    sources = _copy(corpus, tmp_path)
    out = tmp_path / "build"
    build_into(out, sources)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["fingerprint"] = "0" * 64  # as if the code, registry or shapes had changed
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    again = build_into(out, sources)
    assert (again.incremental, again.extracted) == (False, 8)


def test_pipeline_parallel_failed_incremental_build_leaves_the_previous_whole(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    sources = _copy(corpus, tmp_path)
    out = tmp_path / "build"
    build_into(out, sources)
    before = {name: (out / name).read_bytes() for name in (*OUTPUTS, "manifest.json")}
    (sources / "syn-000004.txt").write_text("---\nlanguage: en\n---\nGermany signed the Budapest Convention.\n", encoding="utf-8")

    def fail(document, validate=True):
        raise OSError("disk full")

    monkeypatch.setattr(pipeline, "process_document", fail)
    with pytest.raises(OSError):
        build_into(out, sources)
    assert {name: (out / name).read_bytes() for name in before} == before
    assert not (out / ".staging").exists()
    assert len(open_store(out / "store", read_only=True)) > 0
