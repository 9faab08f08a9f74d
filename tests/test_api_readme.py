"""The README's section "Python API" runs as a doctest (it builds the seed into a temporary folder)."""

from __future__ import annotations

import doctest
import re

from graph_builder.config import project_root


def section(markdown: str, title: str) -> str:
    """The text of the ``## title`` section, fence lines blanked so doctest sees where outputs end."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", markdown, flags=re.M | re.S)
    assert match, f"no section '## {title}' in README.md"
    return "\n".join("" if line.startswith("```") else line for line in match.group(1).splitlines())


def test_api_readme_examples_run() -> None:
    text = section((project_root() / "README.md").read_text(encoding="utf-8"), "Python API")
    test = doctest.DocTestParser().get_doctest(text, {}, "README.md#python-api", "README.md", 0)
    assert len(test.examples) >= 8
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0, f"{runner.failures} README example(s) failed (see the output above)"
