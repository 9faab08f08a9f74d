"""The builder end to end: the seed article, determinism, and bad input that loses nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import ROOT, TESTS, build_into
from graph_builder.evaluate import evaluate, load_gold
from graph_builder.facts import facts_from_store
from graph_builder.pipeline import check_stages
from graph_builder.store import open_store

SEED_GOLD = TESTS / "seed" / "000_85a1dd18622b923f.json"


def _facts(out: Path) -> list[dict]:
    return facts_from_store(open_store(out / "store", read_only=True))


def test_pipeline_stage_order_is_consistent() -> None:
    check_stages()


def test_build_seed_writes_every_output(seed_build) -> None:
    out, report = seed_build
    for name in ("graph.trig", "graph.ttl", "graph.nq", "validation.ttl", "validation.txt"):
        assert (out / name).stat().st_size > 0, name
    assert (out / "store").is_dir()
    assert len(report.documents) == 1 and not report.rejected and not report.errors


def test_build_seed_recalls_every_gold_fact(seed_build) -> None:
    out, _ = seed_build
    result = evaluate(_facts(out), load_gold(SEED_GOLD))
    for kind in ("entities", "posts", "events", "commitments", "appeals", "stances"):
        assert (result.entities if kind == "entities" else result.by_kind[kind]).recall == 1.0, (kind, result.table())


def test_build_seed_invents_no_actor_from_bylines(seed_build) -> None:
    out, _ = seed_build
    [record] = _facts(out)
    labels = {e["label"] for e in record["entities"]} | {a for e in record["entities"] for a in e.get("aliases", [])}
    assert not {"Thong Nhat", "VNA", "Thong Nhat - VNA"} & labels
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    assert len(record["entities"]) == len(gold["entities"]), [e["label"] for e in record["entities"]]


def test_build_seed_reception_has_date_and_host(seed_build) -> None:
    out, _ = seed_build
    [record] = _facts(out)
    [reception] = [e for e in record["events"] if e["type"] == "Reception"]
    assert reception["date"] == "2025-10-25"
    assert reception["host"] == "To Lam"
    assert reception["evidence"]["text"] in record_text(out)


def record_text(out: Path) -> str:
    store = open_store(out / "store", read_only=True)
    [row] = store.query(
        "SELECT ?t WHERE { ?c a <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Context> ; "
        "<http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString> ?t }",
        use_default_graph_as_union=True,
    )
    return row["t"].value


def test_build_twice_gives_identical_bytes(seed_build, tmp_path: Path) -> None:
    out, _ = seed_build
    again = tmp_path / "again"
    build_into(again, ROOT / "seeds" / "documents")
    assert (again / "graph.nq").read_bytes() == (out / "graph.nq").read_bytes()
    assert b"_:" not in (out / "graph.nq").read_bytes()


def test_build_names_an_undecodable_file_and_keeps_the_rest(tmp_path: Path) -> None:
    sources = tmp_path / "docs"
    sources.mkdir()
    (sources / "good.txt").write_text("---\nlanguage: en\npublished: 2025-01-02\n---\nFrance signed the Budapest Convention.\n", encoding="utf-8")
    (sources / "broken.txt").write_bytes(b"La France a sign\xe9 la Convention.\n")
    report = build_into(tmp_path / "build", sources)
    assert [d.id for d in report.documents] == ["good"]
    [error] = report.errors
    assert "broken.txt" in error and "UTF-8" in error and "\n" not in error


def test_build_rejects_a_document_that_violates_the_shapes(tmp_path: Path) -> None:
    sources = tmp_path / "docs"
    sources.mkdir()
    (sources / "good.txt").write_text("---\nlanguage: en\n---\nFrance signed the Budapest Convention.\n", encoding="utf-8")
    (sources / "bad.txt").write_text("---\nlanguage: not a language\n---\nGermany signed the Budapest Convention.\n", encoding="utf-8")
    report = build_into(tmp_path / "build", sources)
    assert [d.id for d in report.documents] == ["good"]
    [rejected] = report.rejected
    assert rejected.id == "bad" and any("language" in p.message.lower() for p in rejected.problems)
    store = open_store(tmp_path / "build" / "store", read_only=True)
    ids = {r["id"].value for r in store.query("SELECT ?id WHERE { ?d <http://purl.org/dc/terms/identifier> ?id }", use_default_graph_as_union=True)}
    assert ids == {"good"}


def test_build_failure_leaves_the_previous_build_whole(seed_build, tmp_path: Path) -> None:
    out = tmp_path / "build"
    build_into(out, ROOT / "seeds" / "documents")
    before = (out / "graph.nq").read_bytes()
    with pytest.raises(Exception):
        build_into(out, tmp_path / "missing-folder")
    assert (out / "graph.nq").read_bytes() == before
    assert len(open_store(out / "store", read_only=True)) > 0
    _ = ox
