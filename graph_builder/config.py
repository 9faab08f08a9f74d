"""Configuration: one typed dataclass whose fields drive the defaults of the CLI and the library.

The project's data folders (``ontology/``, ``shapes/``, ``queries/``, ``seeds/``) live at the top of
the repository, next to the package; ``project_root()`` finds them (``$CDKG_HOME`` overrides).

>>> Config().build_dir.name
'build'
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def project_root() -> Path:
    """The folder holding ``ontology/``, ``shapes/``, ``queries/`` and ``seeds/``.

    ``$CDKG_HOME`` if set; else the repository the package was installed from (editable install);
    else the current directory.
    """
    if os.environ.get("CDKG_HOME"):
        return Path(os.environ["CDKG_HOME"]).resolve()
    here = Path(__file__).resolve().parent.parent
    if (here / "ontology").is_dir():
        return here
    return Path.cwd()


def _root(*parts: str) -> Path:
    return project_root().joinpath(*parts)


@dataclass(frozen=True, slots=True)
class Config:
    """Settings of a build; every field has a default that works on a fresh checkout."""

    sources: tuple[Path, ...] = field(default_factory=lambda: (_root("seeds", "documents"),))
    """Files or folders of source documents to build (``cdkg build SOURCES``)."""
    build_dir: Path = Path("build")
    """Where the dumps, the report and the on-disk store go (``--out`` / ``--build``)."""
    reference_dir: Path = field(default_factory=lambda: _root("seeds", "reference"))
    """The curated registry of actors, treaties and roles."""
    ontology_dir: Path = field(default_factory=lambda: _root("ontology"))
    """The OWL ontology (``cdo.ttl``) and the SKOS vocabularies (``vocab/*.ttl``)."""
    shapes_dir: Path = field(default_factory=lambda: _root("shapes"))
    """The SHACL shapes every document graph must conform to."""
    queries_dir: Path = field(default_factory=lambda: _root("queries"))
    """The analysts' query library; ``checks/*-violation.rq`` are cross-document checks."""
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    """Local worker processes for extraction (``--jobs``); 1 runs in-process."""
    scheduler: str | None = None
    """A Dask distributed scheduler address (``tcp://HOST:PORT``); None builds locally."""
    validate: bool = True
    """Validate each document graph with pyshacl as it is built."""
    progress: bool = False
    """Show a progress bar (the CLI turns it on when stderr is a terminal)."""

    @property
    def store_dir(self) -> Path:
        """The on-disk Oxigraph store inside the build folder."""
        return self.build_dir / "store"
