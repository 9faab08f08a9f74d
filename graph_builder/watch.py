"""Watch: source folders in, a build kept up to date out (``cdkg watch``).

``watch`` builds once (incrementally if the build folder already holds a build), then polls the
sources every ``interval`` seconds and, when a document was added, changed or removed, runs
``pipeline.build`` again in the same process. Why this shape:

* **One long-lived process, warm caches.** A one-document rebuild in a fresh process spends seconds
  warming up (spaCy, the lexicon, the gazetteer and rule pack of the document's language) before its
  first document. Those caches are module-level, so in a process that has built once a rebuild
  costs only the changed documents plus writing the outputs. After the first build ``watch`` warms
  this process for the languages of the build (the first build may have run on a pool of worker
  processes, which exit with it), so the first change is answered as fast as the later ones; a pool
  forked for a later multi-document change inherits what this process has loaded.
* **Polling with stat snapshots, not inotify.** A snapshot is the (path, size, mtime_ns) of every
  source file under the sources and of its ``NAME.meta.yaml`` sidecar: the same files and the same
  stamp rule the incremental build uses to decide what to read again (``ingest.source_files``,
  ``ingest.stamp``). Stat calls need no extra dependency, work on network and container
  filesystems where inotify events do not arrive, and cost a few milliseconds per thousand files,
  so a 2 s interval is cheap while a document still lands within seconds. What is compared is
  cheap; deciding which documents really changed (digests) stays with the build.
* **Changes during a build are not lost.** The snapshot is taken *before* each build; a file that
  changes while the build runs differs from it at the next poll, which builds again (a build that
  saw a file vanish under it fails with one line and is retried the same way). A half-written file
  is built as it was and built again once its writer is done.
* **A bad input never stops the loop.** An unreadable document or one that violates the shapes is
  reported by the build itself (``BuildReport.errors``, ``.rejected``); a ``CdkgError`` that ends a
  build (a source folder removed, an unwritable output) goes to ``on_error`` and the loop goes on
  until the next change. Ctrl-C (``KeyboardInterrupt``) is not caught here: it ends ``watch`` and
  the build it interrupts leaves the previous one whole (the build is copy-on-write).

Only the sources are watched: the build fingerprint (code, registry, rules, ontology, shapes) is
computed once per process, so restart ``cdkg watch`` after changing those.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from .config import Config
from .errors import CdkgError, IngestError
from .pipeline import BuildReport

Snapshot = tuple[tuple[str, str], ...] | str
"""The stamped source files, sorted by path; or, when the sources cannot be listed, the error."""


def snapshot(sources: Iterable[Path]) -> Snapshot:
    """The (path, size:mtime_ns of the file and of its sidecar) of every source file, sorted.

    A source that does not exist gives its error message instead, so that the build reporting it
    runs once, not at every poll.

    >>> snapshot([Path("/nowhere/at/all")])
    '/nowhere/at/all: no such file or folder'
    """
    from .ingest import source_files, stamp

    try:
        return tuple((name, stamp(name)) for name in source_files(sources))
    except IngestError as error:
        return str(error)


def check_out_of_sources(config: Config) -> None:
    """Refuse a build folder inside a source folder: every build would start the next one
    (its ``validation.txt`` is a source file to ``ingest``).

    >>> check_out_of_sources(Config(sources=(Path("docs"),), build_dir=Path("docs/build")))
    Traceback (most recent call last):
    ...
    graph_builder.errors.IngestError: docs/build: the build folder is inside the source folder docs; put --out elsewhere
    """
    out = config.build_dir.resolve()
    for source in config.sources:
        if not source.is_file() and out.is_relative_to(source.resolve()):
            raise IngestError(f"{config.build_dir}: the build folder is inside the source folder {source}; put --out elsewhere")


def watch(
    config: Config,
    interval: float = 2.0,
    *,
    max_builds: int | None = None,
    stop: Callable[[], bool] | None = None,
    on_build: Callable[[BuildReport], None] | None = None,
    on_error: Callable[[CdkgError], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Build ``config`` now and again whenever its sources change; return the number of builds.

    Polls every ``interval`` seconds. Stops after ``max_builds`` builds (None: never), or when
    ``stop()`` (asked before every poll) returns true. Each report goes to ``on_build``; a
    ``CdkgError`` that ends a build goes to ``on_error`` and the watch goes on (with no
    ``on_error`` it is raised, ending the watch). ``progress`` is passed to each build.

    >>> import tempfile
    >>> errors = []
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     watch(Config(sources=(Path(tmp) / "missing",), build_dir=Path(tmp) / "b"), max_builds=1, on_error=errors.append)
    1
    >>> "no such file or folder" in str(errors[0])
    True
    """
    from .pipeline import build

    if interval < 0:
        raise ValueError(f"interval must be >= 0, not {interval}")
    check_out_of_sources(config)
    builds = 0
    seen: Snapshot | None = None
    warmed = False
    while max_builds is None or builds < max_builds:
        if stop is not None and stop():
            break
        current = snapshot(config.sources)
        if current == seen:
            time.sleep(interval)
            continue
        seen = current
        builds += 1
        try:
            report = build(config, progress=progress, tidy_later=True)
        except CdkgError as error:
            if on_error is None:
                raise
            on_error(error)
            continue
        if on_build is not None:
            on_build(report)
        if not warmed and builds != max_builds:
            _warm(config)
            warmed = True
    return builds


def _warm(config: Config) -> None:
    """Load, in this process, what building a document of each language of the build needs."""
    from .manifest import load
    from .pipeline import warm

    if config.scheduler:  # documents are processed on the cluster's workers, not here
        return
    manifest = load(config.build_dir)
    languages = {entry.language for entry in manifest.entries.values() if entry.language} if manifest else set()
    warm(languages, config.validate)
