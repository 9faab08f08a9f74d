"""The builder is not tuned to one article (issue 3): the seed article's own names appear in data
files (the registry, rule packs, gold files), never in the package's or the benchmarks' Python code,
docstrings and comments included. Tests may use them as test data."""

from __future__ import annotations

import re

from conftest import ROOT

SEED_STRINGS = re.compile(r"(?i:hanoi|hanói|hanoï|hà nội)|\bLam\b|Lâm|UNODC|ONUDC|Thong Nhat|\bVNA\b")


def test_no_seed_article_string_in_python_code() -> None:
    files = sorted((ROOT / "graph_builder").rglob("*.py")) + sorted((ROOT / "benchmarks").glob("*.py"))
    assert len(files) > 20
    found = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
             for path in files
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if SEED_STRINGS.search(line)]
    assert not found, "\n".join(found)
