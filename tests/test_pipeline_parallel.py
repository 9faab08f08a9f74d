"""Parallel, distributed and incremental builds give the bytes of a plain full build."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import ROOT, build_into
from graph_builder import ingest
from graph_builder import manifest as mf
from graph_builder import pipeline
from graph_builder.errors import EndpointError
from graph_builder.namespaces import doc_graph
from graph_builder.store import graph_names, open_store

sys.path.insert(0, str(ROOT))
from benchmarks.corpus import generate  # noqa: E402

OUTPUTS = ("graph.nq", "graph.ttl", "graph.trig", "validation.ttl", "validation.txt", "void.ttl", "SHA256SUMS",
           "duplicates.json", "duplicates-index.json")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six short English documents (one language keeps the workers' warm-up short)."""
    out = tmp_path_factory.mktemp("parallel")
    generate(6, out, seed=3, min_chars=400, max_chars=800, languages=("en",))
    return out / "documents"


@pytest.fixture(scope="module")
def serial(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The full, in-process build of ``corpus``: the reference every other build must equal."""
    out = tmp_path_factory.mktemp("serial") / "build"
    build_into(out, corpus, jobs=1)
    return out


def _assert_same_outputs(a: Path, b: Path) -> None:
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    # void.ttl's counts, kept in the manifest for the next build: updated incrementally, counted in full
    statistics = [json.loads((d / "manifest.json").read_text(encoding="utf-8"))["statistics"] for d in (a, b)]
    assert statistics[0] == statistics[1]


def _previous(corpus: Path, serial: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the corpus and of its full build, to build again incrementally."""
    shutil.copytree(corpus, tmp_path / "docs")
    shutil.copytree(serial, tmp_path / "build")
    return tmp_path / "docs", tmp_path / "build"


def test_pipeline_parallel_jobs_two_equals_jobs_one(corpus: Path, serial: Path, tmp_path: Path) -> None:
    report = build_into(tmp_path / "build", corpus, jobs=2)
    assert report.extracted == 6
    _assert_same_outputs(serial, tmp_path / "build")


def test_pipeline_parallel_dask_equals_local(corpus: Path, serial: Path, tmp_path: Path) -> None:
    from dask import distributed

    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        build_into(tmp_path / "build", corpus, scheduler=cluster.scheduler_address)
    _assert_same_outputs(serial, tmp_path / "build")


def test_pipeline_parallel_dask_refuses_workers_that_would_build_differently(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    distributed = pytest.importorskip("dask.distributed")
    monkeypatch.setattr(pipeline, "_worker_fingerprint", lambda validate: "another registry")
    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        with pytest.raises(EndpointError, match="would build differently"):
            build_into(tmp_path / "build", corpus, scheduler=cluster.scheduler_address)
    assert not (tmp_path / "build" / "graph.nq").exists() and not (tmp_path / "build" / ".staging").exists()


def test_pipeline_parallel_incremental_replaces_only_the_changed_graph(corpus: Path, serial: Path, tmp_path: Path, monkeypatch) -> None:
    sources, out = _previous(corpus, serial, tmp_path)
    before = open_store(out / "store", read_only=True)
    old_key = str(doc_graph(json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]["syn-000002"]["key"]))
    untouched = {g: ox.serialize(before.quads_for_pattern(None, None, None, ox.NamedNode(g)), format=ox.RdfFormat.N_QUADS)
                 for g in graph_names(before) if g != old_key}
    del before
    changed = sources / "syn-000002.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nFrance signed the Budapest Convention on 3 March 2025.\n", encoding="utf-8")
    seen: list[str] = []
    process = pipeline.process_document
    monkeypatch.setattr(pipeline, "process_document", lambda d, v=True: seen.append(d.id) or process(d, v))
    again = build_into(out, sources)
    assert seen == ["syn-000002"]
    assert (again.incremental, again.extracted, again.reused, again.removed) == (True, 1, 5, 0)
    after = open_store(out / "store", read_only=True)
    new_key = str(doc_graph(next(o.key for o in again.documents if o.id == "syn-000002")))
    assert set(graph_names(after)) == set(untouched) | {new_key}
    for g, quads in untouched.items():
        assert ox.serialize(after.quads_for_pattern(None, None, None, ox.NamedNode(g)), format=ox.RdfFormat.N_QUADS) == quads, g
    build_into(tmp_path / "full", sources)
    _assert_same_outputs(out, tmp_path / "full")


def test_pipeline_parallel_one_changed_document_is_rebuilt_in_process(corpus: Path, serial: Path, tmp_path: Path, monkeypatch) -> None:
    """With several jobs allowed, one changed document starts no pool and warms nothing up front:
    it is processed in the build's own process, which loads only what that document needs."""
    sources, out = _previous(corpus, serial, tmp_path)
    changed = sources / "syn-000004.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nFrance signed the Budapest Convention on 3 March 2025.\n", encoding="utf-8")

    def refuse(*args, **kwargs):
        raise AssertionError("a 1-document rebuild started a pool or a warm-up")

    monkeypatch.setattr(pipeline, "_on_processes", refuse)
    monkeypatch.setattr(pipeline, "warm", refuse)
    again = build_into(out, sources, jobs=2)
    assert (again.incremental, again.extracted, again.reused) == (True, 1, 5)


def test_pipeline_parallel_tidy_later_returns_with_the_outputs_in_place(corpus: Path, serial: Path, tmp_path: Path) -> None:
    """``tidy_later`` (``cdkg watch``) deletes the replaced dumps and store on a thread after the
    build returns; what a killed process left behind is deleted by the next build."""
    import threading

    sources, out = _previous(corpus, serial, tmp_path)
    left = out / ".discard-1-1"  # as a build killed while deleting would leave it
    (left / ".replaced").mkdir(parents=True)
    (left / ".replaced" / "graph.nq").write_text("old", encoding="utf-8")
    changed = sources / "syn-000001.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nFrance signed the Budapest Convention on 3 March 2025.\n", encoding="utf-8")
    report = pipeline.build(pipeline.replace(pipeline.Config(build_dir=out, jobs=1), sources=(sources,)), tidy_later=True)
    assert report.extracted == 1 and not left.exists()
    build_into(tmp_path / "full", sources)
    _assert_same_outputs(out, tmp_path / "full")
    for thread in threading.enumerate():
        if thread.name == "cdkg-discard":
            thread.join()
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []


def test_pipeline_parallel_incremental_drops_a_removed_document(corpus: Path, serial: Path, tmp_path: Path) -> None:
    sources, out = _previous(corpus, serial, tmp_path)
    gone = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]["syn-000005"]["key"]
    (sources / "syn-000005.txt").unlink()
    again = build_into(out, sources)
    assert (again.extracted, again.reused, again.removed) == (0, 5, 1)
    assert not open_store(out / "store", read_only=True).contains_named_graph(ox.NamedNode(str(doc_graph(gone))))
    assert "syn-000005" not in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]
    build_into(tmp_path / "full", sources)
    _assert_same_outputs(out, tmp_path / "full")


def test_pipeline_parallel_incremental_same_text_twice(corpus: Path, tmp_path: Path) -> None:
    """Two documents with one text share a named graph; the greatest id's wins, in any order."""
    sources = tmp_path / "docs"
    sources.mkdir()
    text = (corpus / "syn-000001.txt").read_text(encoding="utf-8")
    (sources / "syn-000001.txt").write_text(text, encoding="utf-8")
    (sources / "zz-copy.txt").write_text(text.replace('title: "', 'title: "Copy: '), encoding="utf-8")
    out = tmp_path / "build"
    build_into(out, sources)
    (sources / "zz-copy.txt").unlink()
    again = build_into(out, sources)
    assert (again.extracted, again.removed) == (1, 1)  # syn-000001 again: the graph of its key was the copy's
    build_into(tmp_path / "full", sources)
    _assert_same_outputs(out, tmp_path / "full")


def test_pipeline_parallel_incremental_reads_only_files_that_changed(corpus: Path, serial: Path, tmp_path: Path, monkeypatch) -> None:
    sources, out = _previous(corpus, serial, tmp_path)
    assert build_into(out, sources).extracted == 0  # moved files, same contents: reused
    touched = sources / "syn-000003.txt"
    info = touched.stat()
    os.utime(touched, ns=(info.st_atime_ns, info.st_mtime_ns + 10**9))
    reads: list[str] = []
    read_file = ingest.read_file
    monkeypatch.setattr(ingest, "read_file", lambda path: reads.append(path.name) or read_file(path))
    again = build_into(out, sources)
    assert reads == ["syn-000003.txt"]  # size and mtime unchanged: the others are not even read
    assert (again.extracted, again.reused) == (0, 6)  # same digest: not extracted either


def test_pipeline_parallel_new_fingerprint_means_a_full_build() -> None:
    old = mf.Manifest("old", {"a": mf.Entry("a", "k", "d", "a.txt", True)})
    assert mf.plan(old, {"a": ("k", "d")}, "new") == mf.Plan(True, (), ("a",), ())
    assert mf.plan(old, {"a": ("k", "d")}, "old") == mf.Plan(False, ("a",), (), ())


def test_pipeline_parallel_failed_incremental_build_leaves_the_previous_whole(corpus: Path, serial: Path, tmp_path: Path, monkeypatch) -> None:
    sources, out = _previous(corpus, serial, tmp_path)
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
