"""The ``cdkg`` command line (DESIGN §7): a thin shell over the library.

Each command parses its options, calls one library function and formats the result. Errors a
user can cause (``CdkgError``) print as one line ``cdkg: <message>`` on stderr and exit 2; a build
or validation with violations exits 1.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .config import Config
from .errors import CdkgError

if TYPE_CHECKING:
    from .pipeline import BuildReport

BUILD_OPTION = click.option(
    "--build", "build_dir", type=click.Path(path_type=Path), default=Path("build"), show_default=True,
    help="The build folder to read.",
)


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except CdkgError as error:
            click.echo(f"cdkg: {error}", err=True)
            sys.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cdkg")
def main() -> None:
    """cdkg — a knowledge graph of the actors of cyber diplomacy, built from source documents."""


@main.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out", type=click.Path(path_type=Path), default=Path("build"), show_default=True, help="The build folder to write.")
@click.option("--jobs", type=int, default=None, help="Worker processes (default: every core).")
@click.option("--scheduler", default=None, help="Dask scheduler address, tcp://HOST:PORT, to build on a cluster.")
@click.option("--no-validate", is_flag=True, help="Skip per-document SHACL validation.")
@click.option("--full", is_flag=True, help="Rebuild every document, ignoring the previous build in --out.")
def build(sources: tuple[Path, ...], out: Path, jobs: int | None, scheduler: str | None, no_validate: bool, full: bool) -> None:
    """Build the graph from SOURCES (default: seeds/documents/) into --out.

    Writes graph.trig, graph.ttl, graph.nq (canonical), validation.ttl/.txt, report.json, manifest.json
    and store/. Building again into the same --out extracts only new and changed documents.
    """
    from dataclasses import replace

    from .pipeline import build as run_build
    from .pipeline import progress_printer

    config = Config(build_dir=out, scheduler=scheduler, validate=not no_validate)
    if sources:
        config = replace(config, sources=tuple(sources))
    if jobs is not None:
        config = replace(config, jobs=max(1, jobs))
    progress = progress_printer() if sys.stderr.isatty() else None
    report = run_build(config, progress=progress, incremental=not full)
    if _finish_build(report, out):
        sys.exit(1)


def _finish_build(report: BuildReport, out: Path, prefix: str = "") -> int:
    """Print a build's unreadable and rejected documents (stderr), write ``report.json``, print the
    summary line (stdout); the exit status: 1 if a document was unreadable or rejected, else 0."""
    for error in report.errors:
        click.echo(f"cdkg: {error}", err=True)
    for outcome in report.rejected:
        for problem in outcome.problems:
            if problem.severity == "Violation":
                click.echo(f"cdkg: {outcome.path or outcome.id}: rejected: {problem.message} [{problem.shape}] in: {problem.sentence[:160]}", err=True)
    (out / "report.json").write_text(json.dumps(report.to_json(), indent=2), encoding="utf-8")
    click.echo(prefix + report.summary())
    return 1 if report.errors or report.rejected else 0


@main.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out", type=click.Path(path_type=Path), default=Path("build"), show_default=True, help="The build folder to write.")
@click.option("--interval", type=click.FloatRange(min=0), default=2.0, show_default=True, metavar="SECONDS", help="Seconds between two looks at the sources.")
@click.option("--jobs", type=int, default=None, help="Worker processes (default: every core).")
@click.option("--no-validate", is_flag=True, help="Skip per-document SHACL validation.")
@click.option("--max-builds", type=click.IntRange(min=1), default=None, metavar="N", help="Stop after N builds (--max-builds 1: build once, like cdkg build) and exit with the last build's status.")
def watch(sources: tuple[Path, ...], out: Path, interval: float, jobs: int | None, no_validate: bool, max_builds: int | None) -> None:
    """Build SOURCES (default: seeds/documents/) into --out, then rebuild whenever a document is
    added, changed or removed, until Ctrl-C.

    The first build is incremental if --out already holds one; each rebuild extracts only the
    changed documents, in the same process (models and gazetteers stay loaded), and prints one
    summary line; bad documents are reported as by cdkg build and the watch goes on.

    \b
    Example:
      cdkg watch inbox/ --out build/ --interval 5
    """
    from dataclasses import replace

    from .pipeline import progress_printer
    from .watch import watch as run_watch

    config = Config(build_dir=out, validate=not no_validate)
    if sources:
        config = replace(config, sources=tuple(sources))
    if jobs is not None:
        config = replace(config, jobs=max(1, jobs))
    status, builds = 0, 0

    def on_build(report: BuildReport) -> None:
        nonlocal status, builds
        status, builds = _finish_build(report, out, prefix=time.strftime("%H:%M:%S ")), builds + 1

    def on_error(error: CdkgError) -> None:
        nonlocal status, builds
        status, builds = 2, builds + 1
        click.echo(f"cdkg: {error}", err=True)

    where = ", ".join(str(s) for s in config.sources)
    click.echo(f"cdkg: watching {where} every {interval:g} s, building into {out} (Ctrl-C stops)", err=True)
    try:
        run_watch(config, interval, max_builds=max_builds, on_build=on_build, on_error=on_error,
                  progress=progress_printer() if sys.stderr.isatty() else None)
    except KeyboardInterrupt:
        status = 0
    click.echo(f"cdkg: stopped watching after {builds} build{'s' if builds != 1 else ''}", err=True)
    sys.exit(status)


@main.command()
@BUILD_OPTION
def validate(build_dir: Path) -> None:
    """Validate every document graph of a build with SHACL and run the cross-document checks."""
    from .checks import validate_build

    result = validate_build(Config(build_dir=build_dir))
    click.echo(result.text())
    sys.exit(0 if result.conforms else 1)


@main.command()
@BUILD_OPTION
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
def facts(build_dir: Path, fmt: str) -> None:
    """Print the facts of every document (DESIGN §8), read from the built graph by SPARQL."""
    from .facts import facts_from_store, facts_to_json
    from .store import open_store

    store = open_store(Config(build_dir=build_dir).store_dir, read_only=True)
    click.echo(facts_to_json(facts_from_store(store)))


@main.command(name="eval")
@BUILD_OPTION
@click.option("--gold", "gold", type=click.Path(exists=True, path_type=Path), required=True, help="A gold file or a folder of them.")
@click.option("--errors", "show_errors", is_flag=True, help="List every miss and false positive with its sentence.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def evaluate(build_dir: Path, gold: Path, show_errors: bool, fmt: str) -> None:
    """Score the built facts against gold annotations: precision, recall and F1 per kind."""
    from .evaluate import evaluate as score
    from .evaluate import load_gold
    from .facts import facts_from_store
    from .store import open_store

    store = open_store(Config(build_dir=build_dir).store_dir, read_only=True)
    result = score(facts_from_store(store), load_gold(gold))
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
        return
    click.echo(result.table())
    if show_errors:
        for error in result.errors:
            click.echo(error.text() if hasattr(error, "text") else str(error))


@main.command()
@BUILD_OPTION
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--min-score", type=click.FloatRange(0, 1), default=0.5, show_default=True, help="Leave out pairs scored lower.")
def duplicates(build_dir: Path, fmt: str, min_score: float) -> None:
    """List possible duplicates: pairs of entities with two IRIs that probably name one actor.

    Persons, organisations and treaties minted from text are compared with each other and with the
    registry (names folded, titles and middle names, initials, acronyms across languages, spelling,
    same surname in the same organisation); each pair has a score, its reasons and the documents
    naming each side. `cdkg build` writes the same report to BUILD/duplicates.json.
    """
    from .duplicates import duplicates_from_store
    from .store import open_store

    store = open_store(Config(build_dir=build_dir).store_dir, read_only=True)
    report = duplicates_from_store(store, min_score=min_score)
    click.echo(report.json_text().rstrip("\n") if fmt == "json" else report.table())


@main.command()
@BUILD_OPTION
@click.option("--format", "fmt", type=click.Choice(["ttl", "trig", "nt", "nq", "jsonld"]), required=True)
@click.option("--out", "out", type=click.Path(path_type=Path), default=None, help="The file to write (default: stdout).")
@click.option("--gzip", "compress", is_flag=True, help="Compress the output with gzip.")
def export(build_dir: Path, fmt: str, out: Path | None, compress: bool) -> None:
    """Export the built graph as Turtle, TriG, N-Triples, N-Quads or JSON-LD."""
    from .publish import export_build

    data = export_build(Config(build_dir=build_dir), fmt, out, compress=compress)
    if out is None:
        sys.stdout.buffer.write(data)


GRAPH_STORE_OPTION = click.option(
    "--graph-store", "url", required=True, metavar="URL",
    help="The Graph Store Protocol endpoint (Oxigraph server: http://HOST:PORT/store). "
    "Credentials: CDKG_USER/CDKG_PASSWORD or a netrc file, never the command line.",
)


@main.command()
@GRAPH_STORE_OPTION
@BUILD_OPTION
def push(url: str, build_dir: Path) -> None:
    """Upload every named graph of a build to a SPARQL 1.1 graph store (PUT, graph by graph; idempotent)."""
    from .graphstore import push as push_build

    click.echo(push_build(build_dir, url).summary())


@main.command()
@GRAPH_STORE_OPTION
@BUILD_OPTION
@click.option("--sparql", default=None, metavar="URL", help="The service's SPARQL query endpoint, to list the graphs and fetch them one by one (default: one GET of the whole dataset as N-Quads).")
def pull(url: str, build_dir: Path, sparql: str | None) -> None:
    """Replace a build's store with the named graphs of a graph store; rewrite its dumps and metadata."""
    from .graphstore import pull as pull_build

    click.echo(pull_build(url, build_dir, sparql=sparql).summary())


@main.command()
@BUILD_OPTION
def reason(build_dir: Path) -> None:
    """Run HermiT over the ontology and a build; write the inferred types to graph:inferred (exit 1 if inconsistent)."""
    from .reason import reason_build

    report = reason_build(Config(build_dir=build_dir))
    click.echo(report.summary())
    for problem in report.problems[1:]:
        click.echo(f"cdkg: also: {problem}", err=True)
    sys.exit(0 if report.consistent else 1)



from .server.settings import ServerConfig as _ServerConfig  # noqa: E402  (cheap: no Starlette)

_SERVE = _ServerConfig()


@main.command()
@BUILD_OPTION
@click.option("--host", default=_SERVE.host, show_default=True, help="The interface to bind (only this machine can connect by default).")
@click.option("--port", type=int, default=_SERVE.port, show_default=True, help="The TCP port.")
@click.option("--base-iri", default=_SERVE.base_iri, show_default=True, help="The base of the served IRIs: the path /id/x describes {base}id/x.")
@click.option("--cors-origin", "cors_origins", multiple=True, metavar="ORIGIN", help="An origin allowed to call the server from a browser (repeatable; '*' for any). Default: no CORS headers.")
@click.option("--query-timeout", type=float, default=_SERVE.query_timeout, show_default=True, metavar="SECONDS", help="Stop a SPARQL query that runs longer (503).")
@click.option("--max-results", type=int, default=_SERVE.max_results, show_default=True, metavar="N", help="Refuse SPARQL answers of more rows or triples (422).")
@click.option("--query-workers", type=int, default=_SERVE.query_workers, show_default=True, metavar="N", help="Worker processes for SPARQL queries (0: threads, without a hard stop).")
def serve(build_dir: Path, host: str, port: int, base_iri: str, cors_origins: tuple[str, ...], query_timeout: float,
          max_results: int, query_workers: int) -> None:
    """Serve a build: SPARQL endpoint, dereferenceable IRIs with content negotiation, pages, dumps."""
    from .server import serve as run_server

    try:
        config = _ServerConfig(build_dir=build_dir, host=host, port=port, base_iri=base_iri, cors_origins=cors_origins,
                               query_timeout=query_timeout, max_results=max_results, query_workers=query_workers)
    except ValueError as error:
        raise click.BadParameter(str(error)) from error
    click.echo(f"cdkg: serving {build_dir} at http://{host}:{port}/ (IRIs under {base_iri})", err=True)
    run_server(config)


@main.command(name="query")
@click.argument("name", required=False)
@BUILD_OPTION
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind a declared parameter (repeatable); bound as a typed value, never pasted.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "ttl"]), default="table", show_default=True,
              help="table, CSV, TSV or SPARQL 1.1 JSON results; CONSTRUCT/DESCRIBE print Turtle as table or ttl.")
@click.option("--endpoint", default=None, metavar="URL", help="Run on this SPARQL 1.1 endpoint instead of the build's store (its default graph should be the union of the graphs).")
@click.option("--list", "list_queries", is_flag=True, help="List the library: each query's name with its question.")
def query_command(name: str | None, build_dir: Path, params: tuple[str, ...], fmt: str, endpoint: str | None, list_queries: bool) -> None:
    """Run the library query NAME (see --list) or a FILE.rq on a build or on --endpoint."""
    from .errors import QueryError
    from .query import QueryLibrary, format_result, parse_params, run
    from .store import open_store

    library = QueryLibrary(Config().queries_dir)
    if list_queries:
        click.echo(library.listing())
        return
    if not name:
        raise QueryError("give a query NAME or FILE.rq (cdkg query --list shows the library)")
    chosen = library.resolve(name)
    target = endpoint or open_store(Config(build_dir=build_dir).store_dir, read_only=True)
    click.echo(format_result(run(target, chosen, parse_params(params)), fmt), nl=False)
