"""cdkg's Python API: build the knowledge graph, open its store, run the analysts' queries.

    build(sources=..., out=..., **settings) -> BuildReport       what ``cdkg build`` does
    open_store(build_dir) -> pyoxigraph.Store                     the build's on-disk store
    query(name_or_text, build=..., params=...) -> rows            what ``cdkg query`` does
    push(build_dir, url) / pull(url, build_dir) -> Transfer       SPARQL 1.1 Graph Store Protocol
    reason_build(Config) -> ReasonReport                          what ``cdkg reason`` does

plus the records passed between the pipeline's stages and the exception tree of
:mod:`graph_builder.errors`. The README's section "Python API" shows them at work (and the test
suite runs it). Heavy modules load on first use, so ``import graph_builder`` stays cheap.

>>> import graph_builder
>>> graph_builder.Config().build_dir.name
'build'
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterable, Mapping
from dataclasses import fields, replace
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import Config
from .errors import (
    CdkgError,
    EndpointError,
    IngestError,
    QueryError,
    ReasonerError,
    RegistryError,
    StoreError,
    ValidationFailed,
)
from .records import Document, Entity, Evidence, Fact, Mention

if TYPE_CHECKING:
    import pyoxigraph

    from .graphstore import Transfer, pull, push
    from .pipeline import BuildReport, DocumentOutcome
    from .reason import ReasonReport, reason_build

_LAZY = {
    "BuildReport": "pipeline",
    "DocumentOutcome": "pipeline",
    "ReasonReport": "reason",
    "Transfer": "graphstore",
    "pull": "graphstore",
    "push": "graphstore",
    "reason_build": "reason",
}

__all__ = [
    "BuildReport",
    "CdkgError",
    "Config",
    "Document",
    "DocumentOutcome",
    "EndpointError",
    "Entity",
    "Evidence",
    "Fact",
    "IngestError",
    "Mention",
    "QueryError",
    "ReasonReport",
    "ReasonerError",
    "RegistryError",
    "StoreError",
    "Transfer",
    "ValidationFailed",
    "build",
    "open_store",
    "pull",
    "push",
    "query",
    "reason_build",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def build(sources: Path | str | Iterable[Path | str] | None = None, out: Path | str = "build", **settings: Any) -> BuildReport:
    """Build the graph from ``sources`` (default: ``seeds/documents/``) into the folder ``out``.

    ``settings`` are fields of :class:`Config` (``jobs``, ``validate``, ``scheduler``,
    ``reference_dir`` …). Returns the :class:`BuildReport`; documents that could not be read or
    that violate the shapes are in it, not raised.
    """
    from .pipeline import build as run_build

    known = {f.name for f in fields(Config)} - {"sources", "build_dir"}
    unknown = sorted(set(settings) - known)
    if unknown:
        raise TypeError(f"unknown build setting {unknown[0]!r}; known: {', '.join(sorted(known))}")
    config = Config(build_dir=Path(out), **settings)
    if sources is not None:
        paths = (sources,) if isinstance(sources, (str, Path)) else tuple(sources)
        config = replace(config, sources=tuple(Path(p) for p in paths))
    return run_build(config)


def open_store(build_dir: Path | str = "build", *, read_only: bool = True) -> pyoxigraph.Store:
    """The on-disk Oxigraph store of a build (read-only by default, so readers never lock it)."""
    from .store import open_store as open_oxigraph

    return open_oxigraph(Config(build_dir=Path(build_dir)).store_dir, read_only=read_only)


def query(
    name_or_text: str | Path,
    *,
    build: Path | str = "build",
    params: Mapping[str, str] | None = None,
    endpoint: str | None = None,
) -> list[dict[str, Any]] | bool | list:
    """Run a library query (by name or ``.rq`` path) or SPARQL text on a build, or on ``endpoint``.

    ``params`` are bound as typed values (never pasted into the text). Returns, for SELECT, one
    dict per row mapping each variable to a pyoxigraph term (``None`` when unbound); for ASK, a
    bool; for CONSTRUCT and DESCRIBE, a sorted list of ``pyoxigraph.Triple``.
    """
    from .query import LibraryQuery, QueryLibrary, run

    text = str(name_or_text)
    chosen = LibraryQuery.from_text("query", text) if _is_sparql(text) else QueryLibrary().resolve(name_or_text)
    result = run(endpoint if endpoint else open_store(build), chosen, params or {})
    if result.kind == "ask":
        return bool(result.boolean)
    if result.kind == "graph":
        return result.triples
    return [dict(zip(result.variables, row)) for row in result.rows]


def _is_sparql(text: str) -> bool:
    """SPARQL text, as opposed to a query's name or the path of a ``.rq`` file."""
    return "{" in text or "\n" in text


class _Package(types.ModuleType):
    """Keeps ``graph_builder.query`` the function above when the submodule ``graph_builder.query`` loads.

    Importing a submodule sets it as an attribute of its package, which would hide the function
    of the same name; the submodule stays reachable as ``from graph_builder.query import run``.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "query" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
