"""Publish: a build in, dump files out (Turtle, TriG, N-Triples, N-Quads, JSON-LD), optionally gzipped.

``export_build`` reads the build's store, so every export reflects exactly what the store holds.
"""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

from .config import Config
from .store import atomic_path, open_store, write_dump


def export_build(config: Config, fmt: str, out: Path | None, *, compress: bool = False) -> bytes:
    """Write the build's graph in ``fmt`` to ``out`` (atomically); return the bytes when ``out`` is None."""
    store = open_store(config.store_dir, read_only=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_dump(store, fmt, Path(tmp) / f"graph.{fmt}", union=fmt in ("ttl", "nt"))
        data = path.read_bytes()
    if compress:
        data = gzip.compress(data, mtime=0)
    if out is not None:
        with atomic_path(out) as target:
            target.write_bytes(data)
    return data
