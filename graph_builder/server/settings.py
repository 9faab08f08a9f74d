"""The settings of ``cdkg serve``: one frozen dataclass whose defaults are the CLI's defaults.

Kept apart from the app so that the CLI can read the defaults without importing Starlette.

>>> ServerConfig().host
'127.0.0.1'
>>> ServerConfig(base_iri="http://localhost:8000")
Traceback (most recent call last):
...
ValueError: the base IRI must be an absolute IRI ending with '/': 'http://localhost:8000'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..config import project_root
from ..namespaces import BASE


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """Settings of ``cdkg serve``; every field is a CLI option with the same default."""

    build_dir: Path = Path("build")
    """The build folder whose ``store/`` is served, with its dumps and ``void.ttl`` (``--build``)."""
    host: str = "127.0.0.1"
    """The interface to bind; only this machine can connect unless told otherwise (``--host``)."""
    port: int = 8000
    """The TCP port (``--port``)."""
    base_iri: str = BASE
    """The base of the IRIs served: a local path ``/id/x`` describes ``{base_iri}id/x`` (``--base-iri``)."""
    cors_origins: tuple[str, ...] = ()
    """Origins allowed to call the server from a browser (``--cors-origin``, repeatable; ``*`` for any).
    None given: no CORS headers at all."""
    query_timeout: float = 30.0
    """Seconds a SPARQL query may run before it is stopped with 503 (``--query-timeout``)."""
    max_results: int = 10_000
    """Rows (SELECT) or triples (CONSTRUCT/DESCRIBE) beyond which a SPARQL answer is refused with 422
    (``--max-results``)."""
    query_workers: int = 2
    """Worker processes running SPARQL queries (``--query-workers``); 0 runs them in threads of the
    server, where a query past its time limit is answered 503 but keeps running to its end."""
    queries_dir: Path = field(default_factory=lambda: project_root() / "queries")
    """The query library preloaded in the editor of ``/query``."""

    def __post_init__(self) -> None:
        if not self.base_iri.endswith("/") or "://" not in self.base_iri:
            raise ValueError(f"the base IRI must be an absolute IRI ending with '/': {self.base_iri!r}")
        if self.query_timeout <= 0:
            raise ValueError("the query time limit must be positive")
        if self.max_results < 1:
            raise ValueError("the result limit must be at least 1")
        if self.query_workers < 0:
            raise ValueError("the number of query workers cannot be negative")

    @property
    def store_dir(self) -> Path:
        """The on-disk Oxigraph store of the build."""
        return self.build_dir / "store"
