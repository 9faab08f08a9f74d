"""Count documents, entities and gold facts per language in the evaluation corpus.

In:  ``tests/corpus/gold/*.json``.  Out: a Markdown table on stdout (pasted into README.md).
Run ``python tests/corpus/stats.py``.
"""
from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
KINDS = ("posts", "treaty_actions", "events", "commitments", "appeals", "stances", "claims")
FACT_KINDS = ("treaty_actions", "events", "commitments", "appeals", "stances")
LANG_ORDER = ("en", "nl", "fr", "de", "es")


def count(root: Path = CORPUS) -> dict[str, Counter]:
    """Return, per language, the counts of documents, entities, fact kinds and modalities."""
    table: dict[str, Counter] = defaultdict(Counter)
    for path in sorted((root / "gold").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        row = table[record["language"]]
        row["documents"] += 1
        row["words"] += len(_body(root / "documents" / f"{path.stem}.txt").split())
        row["entities"] += len(record["entities"])
        for kind in KINDS:
            row[kind] += len(record[kind])
        for kind in FACT_KINDS:
            for fact in record[kind]:
                row[fact.get("modality", "asserted")] += 1
    return table


def _body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        text = text[4:].partition("\n---\n")[2]
    return text


def markdown(table: dict[str, Counter]) -> str:
    cols = ("documents", "words", "entities", *KINDS, "negated", "future", "hypothetical")
    heads = ("lang", "docs", "words", "entities", "posts", "treaty actions", "events", "commitments",
             "appeals", "stances", "claims", "negated", "future", "hypoth.")
    langs = [lang for lang in LANG_ORDER if lang in table] + sorted(set(table) - set(LANG_ORDER))
    total = sum(table.values(), Counter())
    lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    for lang, row in [*((lang, table[lang]) for lang in langs), ("**all**", total)]:
        lines.append("| " + " | ".join([lang, *(str(row[c]) for c in cols)]) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    print(markdown(count(root)))
