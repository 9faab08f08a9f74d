"""Extraction speed of issue 4: 1,000 seed-sized documents through recognise, extract and emit.

    python benchmarks/extraction.py [-n 1000] [--jobs 2]

The documents are the seed article and the corpus documents of ``tests/corpus/``, several of one
language joined into texts of about the seed's size (and the seed itself), cycled to N and made
distinct by their ids. Each worker process is warmed up first (lexicon, gazetteers, rule packs: paid
once per process, reported apart). The baseline, measured in the same run on the same documents and
workers, is spaCy's blank tokeniser alone — the least any pipeline over these texts must pay — and the
ratio to it is printed with the times.
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from graph_builder.ingest import read_sources  # noqa: E402
from graph_builder.iris import doc_key  # noqa: E402
from graph_builder.records import Document  # noqa: E402


def corpus(n: int) -> list[Document]:
    """N seed-sized documents built from the seed and the hand-written corpus."""
    seed = read_sources([ROOT / "seeds" / "documents"]).documents
    written = read_sources([ROOT / "tests" / "corpus" / "documents"]).documents
    by_language: dict[str, list[Document]] = {}
    for doc in written:
        by_language.setdefault(doc.language, []).append(doc)
    texts: list[tuple[str, Document]] = [(d.text, d) for d in seed]
    target = 0.9 * len(seed[0].text)
    for docs in by_language.values():
        for i in range(len(docs)):
            group = [docs[i]]
            while sum(len(d.text) for d in group) < target:  # as long as the seed
                group.append(docs[(i + len(group)) % len(docs)])
            texts.append(("\n\n".join(d.text for d in group), group[0]))
    out = []
    for i in range(n):
        text, model = texts[i % len(texts)]
        text = f"{text}\n\n({i})"
        out.append(Document(f"bench-{i:05d}", text, doc_key(text), model.language, "given", None, model.published))
    return out


def _warm(language_codes: tuple[str, ...]) -> None:
    from graph_builder.nlp import parse
    from graph_builder.pipeline import process_document

    for code in language_codes:
        text = "Warm-up."
        process_document(Document("warm", text, doc_key(text + code), code), validate=False)
        parse(text, code)


def _extract(doc: Document) -> int:
    from graph_builder.pipeline import process_document

    return len(process_document(doc, validate=False).ntriples)


def _tokenise(doc: Document) -> int:
    from graph_builder.nlp import pipeline

    return len(pipeline(doc.language).make_doc(doc.text))


def timed(fn, docs: list[Document], jobs: int) -> float:
    languages = tuple(sorted({d.language for d in docs}))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_warm, initargs=(languages,)) as pool:
        list(pool.map(_tokenise, docs[: jobs * 2]))  # make sure every worker is up and warm
        started = time.perf_counter()
        list(pool.map(fn, docs, chunksize=16))
        return time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    docs = corpus(args.n)
    size = sum(len(d.text) for d in docs) / len(docs)
    started = time.perf_counter()
    _warm(tuple(sorted({d.language for d in docs})))
    warm = time.perf_counter() - started
    baseline = timed(_tokenise, docs, args.jobs)
    extraction = timed(_extract, docs, args.jobs)
    print(f"documents: {len(docs)} (mean {size / 1000:.1f} kB; the seed is {len(docs[0].text) / 1000:.1f} kB), processes: {args.jobs}")
    print(f"warm-up per process (lexicon, gazetteers, rule packs): {warm:.1f} s")
    print(f"baseline, spaCy tokenising only: {baseline:.2f} s")
    print(f"recognise + extract + emit:      {extraction:.2f} s  ({len(docs) / extraction:.0f} documents/s, {extraction / baseline:.1f}× the baseline)")


if __name__ == "__main__":
    main()
