"""The scale benchmark of issue 7, in one run on one machine.

    python benchmarks/run.py [--quick] [--docs N] [--incremental-docs N] [--triples N] [--workdir DIR]

Prints, as a Markdown report:

* documents per second end to end (extract, validate, emit; loading into the store runs alongside)
  with 1 and with 2 processes, on seed-sized synthetic documents (4–7 kB, ``benchmarks/corpus.py``),
  the process warm-up apart (it is paid once per process);
* seconds per 1,000 documents for each of recognise + extract, emit, validate and load;
* the rebuild time of 1 changed document in an N-document corpus against the full build: in a
  fresh process (``cdkg build``: it warms up the document's language first) and in a long-lived
  ``cdkg watch`` process (warmed once; five rebuilds, a few seconds apart);
* the time to load the dumps (``graph.nq``, ``graph.trig``) into a fresh on-disk store;
* the median and p95 latency of every library query (``queries/*.rq``, run by
  ``graph_builder.query.run``) on an on-disk store of ~1,000,000 triples (synthetic document graphs
  replicated under distinct IRIs), against the same queries on rdflib's in-memory engine (capped:
  a query slower than ``--rdflib-timeout`` is reported as such);
* peak memory (``getrusage`` maxrss) of every build, of its largest worker, and of this process.

Every build runs in a child process (``python benchmarks/run.py --child-build …``), so its memory
and warm-up are its own, as with ``cdkg build``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SIZES = {
    "full": {"docs": 200, "incremental_docs": 2000, "triples": 1_000_000, "reps": 20, "rdflib_timeout": 60.0},
    "quick": {"docs": 20, "incremental_docs": 100, "triples": 100_000, "reps": 5, "rdflib_timeout": 20.0},
}
_DOC_IRI = re.compile(rb"(https://w3id\.org/cdkg/(?:id/[a-z-]+|graph/doc)/[0-9a-f]{16})")


def _mib(kib: int) -> float:
    return kib / 1024


# -- builds, each in a child process ---------------------------------------------------------------


def child_build(sources: Path, out: Path, jobs: int, full: bool, validate: bool, warm_first: bool) -> dict:
    """Run one build in this (fresh) process; return its timings and peak memory."""
    from dataclasses import replace

    from graph_builder.config import Config
    from graph_builder.pipeline import build, warm

    started = time.perf_counter()
    config = replace(Config(build_dir=out, jobs=jobs, validate=validate), sources=(sources,))
    warm_seconds = 0.0
    if warm_first:
        from graph_builder.ingest import discover, read_file

        languages = sorted({d.language for p in discover([sources])[:200] for d in read_file(p) if hasattr(d, 'language')})
        clock = time.perf_counter()
        warm(languages, validate)
        warm_seconds = time.perf_counter() - clock
    clock = time.perf_counter()
    arrivals: list[float] = []  # when each outcome reached the main process (seconds after build() started)
    report = build(config, incremental=not full, progress=lambda done, total: arrivals.append(time.perf_counter() - clock))
    seconds = time.perf_counter() - clock
    return {
        "seconds": seconds,
        "warm": warm_seconds,
        "process_wall": time.perf_counter() - started,
        "documents": len(report.documents) + len(report.rejected),
        "landed": len(report.documents),
        "extracted": report.extracted,
        "reused": report.reused,
        "incremental": report.incremental,
        "triples": report.triples,
        "timings": report.timings,
        "first_outcome": arrivals[0] if arrivals else 0.0,
        "steady": _steady_rate(arrivals),
        "maxrss_mib": _mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
        "workers_maxrss_mib": _mib(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss),
    }


def _steady_rate(arrivals: list[float]) -> float:
    """Documents per second after warm-up: the documents that arrived after the first arrival
    (with a pool, after the first batch: it carries whatever a worker still had to load), over the
    time from the first arrival to the last. 0 when fewer than two arrival times."""
    if len(arrivals) < 2:
        return 0.0
    first = arrivals[0]
    later = [t for t in arrivals if t > first]
    return len(later) / (arrivals[-1] - first) if later and arrivals[-1] > first else 0.0


def run_build(sources: Path, out: Path, *, jobs: int, full: bool = False, validate: bool = True, warm_first: bool = False) -> dict:
    command = [sys.executable, __file__, "--child-build", str(sources), str(out), str(jobs), str(int(full)), str(int(validate)), str(int(warm_first))]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"build failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def child_watch(sources: Path, out: Path, target: Path, rebuilds: int, pause: float) -> dict:
    """Run ``cdkg watch``'s loop on ``out`` in this process: its first build (nothing changed:
    no document extracted), its warm-up, then ``rebuilds`` rebuilds, each after one edit of
    ``target`` made ``pause`` seconds after the previous build ended (documents arrive over time;
    the pause lets the previous build's background deletion of replaced files finish)."""
    from dataclasses import replace

    from graph_builder.config import Config
    from graph_builder.watch import watch

    config = replace(Config(build_dir=out, jobs=2), sources=(sources,))
    reports: list = []

    def edit(report) -> None:
        reports.append(report)
        if len(reports) <= rebuilds:
            time.sleep(pause if len(reports) > 1 else 0.0)
            target.write_text(target.read_text(encoding="utf-8") + f"\nGermany signed the Budapest Convention on {len(reports)} May 2025.\n", encoding="utf-8")

    watch(config, interval=0.05, max_builds=rebuilds + 1, on_build=edit)
    later = reports[1:]
    return {
        "pause": pause, "seconds": [r.seconds for r in later], "extracted": [r.extracted for r in later],
        "incremental": all(r.incremental for r in later), "timings": [r.timings for r in later],
        "maxrss_mib": _mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
    }


def run_watch(sources: Path, out: Path, target: Path, rebuilds: int = 5, pause: float = 5.0) -> dict:
    command = [sys.executable, __file__, "--child-watch", str(sources), str(out), str(target), str(rebuilds), str(pause)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"watch failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- queries ---------------------------------------------------------------------------------------


def replicate(nq: Path, target_triples: int, out: Path) -> int:
    """Write ``out``: the quads of ``nq`` (ontology and registry once, document graphs copied with
    every document-specific IRI suffixed ``-cN``) until ``target_triples`` quads; return the count."""
    base, docs = [], []
    with nq.open("rb") as f:
        for line in f:
            (docs if b"/graph/doc/" in line else base).append(line)
    if not docs:
        raise RuntimeError(f"{nq}: no document graphs to replicate")
    written = 0
    with out.open("wb") as f:
        f.writelines(base)
        written += len(base)
        copy = 0
        while written < target_triples:
            suffix = f"-c{copy}".encode()
            for line in docs:
                f.write(_DOC_IRI.sub(lambda m: m.group(1) + suffix, line))
            written += len(docs)
            copy += 1
    return written


def _parameters(store) -> dict[str, str]:
    """Parameter values that exist in the synthetic data (the headers' examples name test fixtures)."""
    picks = {
        "document": "SELECT ?v WHERE { ?d a <https://w3id.org/cdkg/ontology#SourceDocument> ; <http://purl.org/dc/terms/identifier> ?v } ORDER BY ?v LIMIT 1",
        "fact": "SELECT ?v WHERE { ?v a <https://w3id.org/cdkg/ontology#TreatyAction> } ORDER BY ?v LIMIT 1",
        "person": "SELECT ?v (COUNT(*) AS ?n) WHERE { ?t <http://www.w3.org/ns/org#member> ?v } GROUP BY ?v ORDER BY DESC(?n) ?v LIMIT 1",
    }
    values = {}
    for name, sparql in picks.items():
        rows = list(store.query(sparql, use_default_graph_as_union=True))
        if rows:
            values[name] = rows[0]["v"].value
    return values


def query_texts(store) -> dict[str, str]:
    """Every library query with its parameters bound (the example's values, data-backed where needed)."""
    from graph_builder.query import QueryLibrary, bind

    found = _parameters(store)
    texts = {}
    for query in QueryLibrary():
        params = dict(query.example_params)
        for parameter in query.parameters:
            if parameter.name in found:
                params[parameter.name] = found[parameter.name]
        texts[query.name] = bind(query, params)
    return texts


def time_oxigraph(store, texts: dict[str, str], reps: int) -> dict[str, dict]:
    import pyoxigraph as ox

    results = {}
    for name, text in texts.items():
        def once() -> tuple[float, int]:
            clock = time.perf_counter()
            answer = store.query(text, use_default_graph_as_union=True)
            rows = 1 if isinstance(answer, ox.QueryBoolean) else sum(1 for _ in answer)
            return time.perf_counter() - clock, rows

        once()  # warm the caches
        samples, rows = [], 0
        while len(samples) < reps and (len(samples) < 3 or sum(samples) < 20):
            seconds, rows = once()
            samples.append(seconds)
        results[name] = {"median": statistics.median(samples), "p95": _p95(samples), "rows": rows}
    return results


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def child_rdflib(nq: Path, queries: Path, timeout: float, out: Path) -> None:
    """Load ``nq`` into an rdflib Dataset (union default graph) and time each query (one line per query)."""
    import signal

    from rdflib import Dataset

    class Timeout(Exception):
        pass

    def alarm(*_):
        raise Timeout

    signal.signal(signal.SIGALRM, alarm)
    clock = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(str(nq), format="nquads")
    loaded = time.perf_counter() - clock
    with out.open("w") as f:
        f.write(json.dumps({"load": loaded, "triples": len(dataset)}) + "\n")
        f.flush()
        for name, text in json.loads(queries.read_text()).items():
            samples, status = [], "ok"
            for _ in range(3):
                signal.setitimer(signal.ITIMER_REAL, timeout)
                clock = time.perf_counter()
                try:
                    rows = len(list(dataset.query(text)))
                except Timeout:
                    status = "timeout"
                    break
                except Exception as error:  # noqa: BLE001 - rdflib may not support a construct
                    status = f"error: {type(error).__name__}: {str(error)[:120]}"
                    break
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                samples.append(time.perf_counter() - clock)
                if sum(samples) > timeout:
                    break
            f.write(json.dumps({"name": name, "samples": samples, "status": status}) + "\n")
            f.flush()


def time_rdflib(nq: Path, texts: dict[str, str], timeout: float, work: Path) -> tuple[dict, dict]:
    queries = work / "queries.json"
    queries.write_text(json.dumps(texts))
    out = work / "rdflib.jsonl"
    command = [sys.executable, __file__, "--child-rdflib", str(nq), str(queries), str(timeout), str(out)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"rdflib run failed:\n{done.stderr[-3000:]}")
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    return lines[0], {line["name"]: line for line in lines[1:]}


# -- the report ------------------------------------------------------------------------------------


def _base_triples() -> int:
    """The triples of a build without documents (ontology and registry)."""
    import pyoxigraph as ox

    from graph_builder import store as st
    from graph_builder.config import Config
    from graph_builder.registry import load_registry

    store = ox.Store()
    config = Config()
    st.load_files(store, st.ontology_files(config.ontology_dir), "https://w3id.org/cdkg/graph/ontology")
    st.load_ntriples(store, st.graph_to_ntriples(load_registry(config.reference_dir).graph()), "https://w3id.org/cdkg/graph/reference")
    return len(store)


def per_thousand(result: dict, stage: str) -> float:
    return result["timings"].get(stage, 0.0) / max(1, result["extracted"]) * 1000


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="The scale benchmark of issue 7.")
    parser.add_argument("--quick", action="store_true", help="small sizes (a minute or two)")
    parser.add_argument("--docs", type=int, help="seed-sized documents for the throughput runs")
    parser.add_argument("--incremental-docs", type=int, help="documents of the incremental-rebuild corpus")
    parser.add_argument("--triples", type=int, help="triples of the query-benchmark store")
    parser.add_argument("--reps", type=int, help="repetitions per query on Oxigraph")
    parser.add_argument("--rdflib-timeout", type=float, help="seconds after which an rdflib query is abandoned")
    parser.add_argument("--workdir", type=Path, help="where to write corpora and builds (default: a temporary folder)")
    parser.add_argument("--skip", action="append", default=[], choices=["throughput", "incremental", "queries"], help="leave a part out")
    args = parser.parse_args(argv)
    sizes = dict(SIZES["quick" if args.quick else "full"])
    for key in sizes:
        if getattr(args, key, None) is not None:
            sizes[key] = getattr(args, key)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="cdkg-bench-"))
    work.mkdir(parents=True, exist_ok=True)

    from benchmarks.corpus import generate

    print("# cdkg scale benchmark\n")
    print(f"- command: `python benchmarks/run.py {' '.join(argv if argv is not None else sys.argv[1:])}`")
    print(f"- machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, load average at start {os.getloadavg()[0]:.1f}")
    print(f"- sizes: {sizes}\n")
    sys.stdout.flush()
    builds: dict[str, dict] = {}

    if "throughput" not in args.skip:
        corpus = work / "throughput"
        if not (corpus / "documents").is_dir():
            generate(sizes["docs"], corpus, seed=1, min_chars=4000, max_chars=7000)
        one = run_build(corpus / "documents", work / "b1", jobs=1, full=True, warm_first=True)
        two = run_build(corpus / "documents", work / "b2", jobs=2, full=True, warm_first=True)
        builds["throughput, 1 process"], builds["throughput, 2 processes"] = one, two
        same = (work / "b1" / "graph.nq").read_bytes() == (work / "b2" / "graph.nq").read_bytes()
        chars = sum(len(p.read_text(encoding="utf-8")) for p in (corpus / "documents").glob("*.txt")) / sizes["docs"]
        base = _base_triples()
        print(f"## Throughput ({sizes['docs']} synthetic documents, {chars / 1000:.1f} kB each on average; {one['landed']} passed SHACL, "
              f"{(one['triples'] - base) / max(1, one['landed']):.0f} triples each)\n")
        print("Warm-up: once, in the build's main process before `build()` (registry, lexicon, and per language the spaCy "
              "pipeline, gazetteer, rule pack, shapes); the pool's workers are forked after it and inherit it. "
              "**documents/s (steady)**: documents that reached the main process after the first one (with 2 processes, after "
              "the first batch) over the time from the first arrival to the last — extract, validate and emit in the workers, "
              "loading into the store in the main process alongside. **documents/s (whole extraction)**: all documents over the "
              "extraction wall time, from the start of the extraction (pool start included) to the last outcome.\n")
        print("| processes | warm-up (s) | first document after (s) | documents/s (steady) | extraction wall (s) | documents/s (whole extraction) | whole build (s) |")
        print("|---|---|---|---|---|---|---|")
        for n, r in (("1", one), ("2", two)):
            wall = r["timings"]["process"]
            print(f"| {n} | {r['warm']:.1f} | {r['first_outcome'] - r['timings'].get('ingest', 0) - r['timings'].get('open', 0):.2f} | **{r['steady']:.1f}** | "
                  f"{wall:.1f} | {r['extracted'] / wall:.1f} | {r['seconds']:.1f} |")
        print(f"\n`graph.nq` of the 2-process build equals the 1-process build: {same}.\n")
        print("Seconds per 1,000 documents (1-process build; summed over documents):\n")
        print("| recognise | extract | emit | validate | load | dumps (whole build) | metadata (whole build) |")
        print("|---|---|---|---|---|---|---|")
        print(f"| {per_thousand(one, 'recognise'):.1f} | {per_thousand(one, 'extract'):.1f} | {per_thousand(one, 'emit'):.1f} | "
              f"{per_thousand(one, 'validate'):.1f} | {per_thousand(one, 'load'):.1f} | {one['timings']['dumps']:.1f} s | {one['timings']['metadata']:.1f} s |\n")
        import pyoxigraph as ox

        for dump, fmt in (("graph.nq", ox.RdfFormat.N_QUADS), ("graph.trig", ox.RdfFormat.TRIG)):
            target = work / f"load-{dump}"
            shutil.rmtree(target, ignore_errors=True)
            store = ox.Store(str(target))
            clock = time.perf_counter()
            store.bulk_load(path=str(work / "b1" / dump), format=fmt)
            seconds = time.perf_counter() - clock
            print(f"Loading `{dump}` ({(work / 'b1' / dump).stat().st_size / 1e6:.0f} MB, {len(store)} quads) into a fresh on-disk store: {seconds:.2f} s ({len(store) / seconds / 1000:.0f} k quads/s)\n")
            del store
        sys.stdout.flush()

    if "incremental" not in args.skip:
        n = sizes["incremental_docs"]
        corpus = work / "incremental"
        if not (corpus / "documents").is_dir():
            generate(n, corpus, seed=2, min_chars=600, max_chars=1200)
        full = run_build(corpus / "documents", work / "inc", jobs=2, full=True)
        target = corpus / "documents" / f"syn-{n // 2:06d}.txt"
        target.write_text(target.read_text(encoding="utf-8") + "\nFrance signed the Budapest Convention on 3 March 2025.\n", encoding="utf-8")
        again = run_build(corpus / "documents", work / "inc", jobs=2)
        builds["incremental corpus, full"], builds["incremental corpus, 1 changed"] = full, again
        print(f"## Incremental rebuild ({n} documents of 0.6–1.2 kB, {full['triples']} triples)\n")
        print("| build | documents extracted | seconds | of which: ingest+plan, open, extract (warm-up included), load, optimize, dumps, metadata, duplicates |")
        print("|---|---|---|---|")
        for label, r in (("full", full), ("1 changed document", again)):
            t = r["timings"]
            parts = ", ".join(f"{t.get(k, 0):.2f}" for k in ("ingest", "open", "process", "load", "optimize", "dumps", "metadata", "duplicates"))
            print(f"| {label} | {r['extracted']} | {r['seconds']:.2f} | {parts} |")
        print(f"\nThe rebuild's own process, from start to exit of `build()` (imports included): {again['process_wall']:.2f} s.")
        if not again["incremental"]:
            print("\n**The second build was not incremental** (the build fingerprint changed in between: code or data edited?).")
        print(f"\nRatio full / incremental: **{full['seconds'] / again['seconds']:.0f}×** (build() wall time in a fresh process; "
              f"the incremental build's own warm-up of one language is included).\n")
        warm = run_watch(corpus / "documents", work / "inc", target)
        builds["incremental corpus, 1 changed, in `cdkg watch`"] = {**warm, "workers_maxrss_mib": 0, "documents": n}
        median = statistics.median(warm["seconds"])
        print(f"In a long-lived `cdkg watch` process (warmed once for the corpus's languages; {len(warm['seconds'])} rebuilds "
              f"of 1 changed document, each {warm['pause']:g} s after the previous one ended; extracted: {warm['extracted']}, "
              f"incremental: {warm['incremental']}):\n")
        print("| rebuild | seconds | of which: ingest+plan, open, extract, load, optimize, dumps, metadata, duplicates |")
        print("|---|---|---|")
        for i, (seconds, t) in enumerate(zip(warm["seconds"], warm["timings"]), start=1):
            parts = ", ".join(f"{t.get(k, 0):.2f}" for k in ("ingest", "open", "process", "load", "optimize", "dumps", "metadata", "duplicates"))
            print(f"| {i} | {seconds:.2f} | {parts} |")
        print(f"\nRatio full / median warm rebuild ({median:.2f} s): **{full['seconds'] / median:.0f}×**.\n")
        sys.stdout.flush()

    if "queries" not in args.skip:
        import pyoxigraph as ox

        source = work / "b1" / "graph.nq"
        if not source.exists():
            corpus = work / "throughput"
            if not (corpus / "documents").is_dir():
                generate(sizes["docs"], corpus, seed=1, min_chars=4000, max_chars=7000)
            run_build(corpus / "documents", work / "b1", jobs=2, full=True)
        data = work / "queries.nq"
        count = replicate(source, sizes["triples"], data)
        target = work / "query-store"
        shutil.rmtree(target, ignore_errors=True)
        store = ox.Store(str(target))
        clock = time.perf_counter()
        store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
        store.optimize()
        loaded = time.perf_counter() - clock
        del store
        store = ox.Store.read_only(str(target))
        texts = query_texts(store)
        oxi = time_oxigraph(store, texts, sizes["reps"])
        rdflib_load, rdf = time_rdflib(data, texts, sizes["rdflib_timeout"], work)
        print(f"## Library queries on {count} quads ({len(texts)} queries)\n")
        print(f"On-disk Oxigraph store: bulk load + optimize {loaded:.1f} s; {sizes['reps']} runs per query (fewer, at least 3, past 20 s) after one warm-up run. "
              f"rdflib `Dataset(default_union=True)` in memory: load {rdflib_load['load']:.1f} s; up to 3 runs per query, "
              f"abandoned after {sizes['rdflib_timeout']:.0f} s.\n")
        print("| query | rows | Oxigraph median (ms) | Oxigraph p95 (ms) | rdflib median (ms) | rdflib / Oxigraph |")
        print("|---|---|---|---|---|---|")
        ratios, medians = [], []
        for name in texts:
            o, r = oxi[name], rdf.get(name, {"samples": [], "status": "not run"})
            medians.append(o["median"])
            if r["samples"] and r["status"] == "ok":
                rm = statistics.median(r["samples"])
                ratio = rm / max(o["median"], 1e-6)
                ratios.append(ratio)
                rtext, ratio_text = f"{rm * 1000:.0f}", f"{ratio:.0f}×"
            elif r["status"] == "timeout":
                rtext, ratio_text = f"> {sizes['rdflib_timeout'] * 1000:.0f}", f"> {sizes['rdflib_timeout'] / max(o['median'], 1e-6):.0f}×"
                ratios.append(sizes["rdflib_timeout"] / max(o["median"], 1e-6))
            else:
                rtext, ratio_text = r["status"], "–"
            print(f"| {name} | {o['rows']} | {o['median'] * 1000:.1f} | {o['p95'] * 1000:.1f} | {rtext} | {ratio_text} |")
        print(f"\nMedian over the library: Oxigraph {statistics.median(medians) * 1000:.1f} ms; "
              f"median speed-up over rdflib {statistics.median(ratios):.0f}× (lowest {min(ratios):.0f}×).\n" if ratios else "")
        sys.stdout.flush()

    print("## Peak memory (maxrss)\n")
    print("| build | documents | main process (MiB) | largest worker (MiB) |")
    print("|---|---|---|---|")
    for label, r in builds.items():
        print(f"| {label} | {r['documents']} | {r['maxrss_mib']:.0f} | {r['workers_maxrss_mib']:.0f} |")
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"\nThis benchmark process: {_mib(me):.0f} MiB; its largest child (a build or the rdflib run): {_mib(kids):.0f} MiB.")
    print(f"\nWork folder: {work}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child-build":
        src, out, jobs, full, validate, warm_first = sys.argv[2:8]
        print(json.dumps(child_build(Path(src), Path(out), int(jobs), bool(int(full)), bool(int(validate)), bool(int(warm_first)))))
    elif len(sys.argv) > 1 and sys.argv[1] == "--child-watch":
        src, out, target, rebuilds, pause = sys.argv[2:7]
        print(json.dumps(child_watch(Path(src), Path(out), Path(target), int(rebuilds), float(pause))))
    elif len(sys.argv) > 1 and sys.argv[1] == "--child-rdflib":
        child_rdflib(Path(sys.argv[2]), Path(sys.argv[3]), float(sys.argv[4]), Path(sys.argv[5]))
    else:
        main()
