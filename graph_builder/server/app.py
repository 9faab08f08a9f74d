"""The ASGI application of ``cdkg serve``: a ``ServerConfig`` in, a Starlette app out (DESIGN §6).

Routes (all read-only; the store is opened read-only and nothing writes):

============================  ==================================================================
``/``                         home page: documents, treaties, processes, vocabularies, services
``/sparql``                   SPARQL 1.1 Protocol (GET, POST form, POST sparql-query); time and
                              size limits; updates refused with 403 (``sparql.py``)
``/query``                    SPARQL editor (YASGUI, shipped under ``/static/yasgui/``) preloaded
                              with the query library, one entry per query
``/search?q=``                labels and aliases in every language, case- and diacritic-insensitive
``/id/{kind}/{key}``          dereferenceable resources with content negotiation (``resources.py``);
                              HTML is the entity, treaty, fact or document page (``pages.py``)
``/ontology``, ``/vocab/…``   the ontology graph and the SKOS vocabularies, negotiated the same way
``/dumps/``, ``/dumps/NAME``  the build's dump files, VoID and SHA256SUMS with their media types
``/.well-known/void``         the build's ``void.ttl`` (404 when the build has none)
``/health``                   JSON: ``ok``, ``triples`` (quads in the store), ``graphs``
``/static/…``                 the stylesheet, the editor's script, and YASGUI with its licence
============================  ==================================================================

Every response carries ``X-Content-Type-Options: nosniff``; HTML pages a Content-Security-Policy
that allows scripts from this server only. CORS headers are sent only when ``cors_origins`` is set.
"""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..store import graph_names, open_store
from . import negotiation as neg
from . import pages, resources, sparql
from .settings import ServerConfig

HERE = Path(__file__).parent
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


class ServerState:
    """What the handlers share: the config, the read-only store, the query pool, the templates."""

    def __init__(self, config: ServerConfig):
        self.config = config
        self.store = open_store(config.store_dir, read_only=True)
        self.pool = sparql.QueryPool(config.store_dir, config.query_workers) if config.query_workers else None
        self.templates = Environment(
            loader=FileSystemLoader(HERE / "templates"), autoescape=True, undefined=StrictUndefined,
            trim_blocks=True, lstrip_blocks=True,
        )
        self._index: pages.LabelIndex | None = None
        self._counts: tuple[int, int] | None = None

    def view(self) -> pages.View:
        """A fresh view (its label cache lives for one request)."""
        return pages.View(self.store, self.config.base_iri)

    def index(self) -> pages.LabelIndex:
        if self._index is None:
            self._index = pages.LabelIndex(self.view())
        return self._index

    def counts(self) -> tuple[int, int]:
        """(quads, named graphs) of the store, counted once: it is read-only."""
        if self._counts is None:
            self._counts = (len(self.store), len(graph_names(self.store)))
        return self._counts

    def page(self, template: str, status: int = 200, **context) -> HTMLResponse:
        html = self.templates.get_template(template).render(base_iri=self.config.base_iri, **context)
        return HTMLResponse(html, status_code=status)


def _state(request: Request) -> ServerState:
    return request.app.state.cdkg


# --- handlers -----------------------------------------------------------------------------------


async def home(request: Request) -> Response:
    state = _state(request)
    context = await run_in_threadpool(pages.home_context, state.view())
    triples, graphs = await run_in_threadpool(state.counts)
    return state.page("home.html", triples=triples, graphs=graphs, **context)


async def sparql_endpoint(request: Request) -> Response:
    state = _state(request)
    asked = await sparql.read_request(request)
    if asked.update:
        return PlainTextResponse("updates are not allowed: this endpoint is read-only\n", status_code=403)
    if asked.problem:
        return PlainTextResponse(asked.problem[1] + "\n", status_code=asked.problem[0])
    if asked.query is None:
        if request.method == "GET" and neg.choose(request.headers.get("accept"), (*neg.RESULT_TYPES, neg.HTML)) == neg.HTML:
            return RedirectResponse("/query", status_code=303)
        return PlainTextResponse("missing the 'query' parameter (SPARQL 1.1 Protocol)\n", status_code=400)
    types = sparql.result_types(request.headers.get("accept"), asked.format)
    if isinstance(types, str):
        return PlainTextResponse(types + "\n", status_code=400)
    config = state.config
    job = sparql.QueryJob(asked.query, types[0], types[1], config.max_results, config.query_timeout,
                          asked.default_graphs, asked.named_graphs)
    if state.pool is not None:
        outcome = await run_in_threadpool(state.pool.run, job)
    else:
        try:
            outcome = await asyncio.wait_for(run_in_threadpool(sparql.execute, state.store, job), config.query_timeout)
        except TimeoutError:
            outcome = sparql.Outcome.error(503, sparql.time_limit_message(config.query_timeout))
    headers = {**dict(outcome.headers), "Vary": "Accept"}
    return Response(outcome.body, status_code=outcome.status, media_type=neg.content_type(outcome.media_type), headers=headers)


async def query_page(request: Request) -> Response:
    state = _state(request)
    library = await run_in_threadpool(load_library, state.config.queries_dir)
    return state.page("query.html", library=library)


def load_library(folder: Path) -> list[dict]:
    """The query library as the editor preloads it: name, title, question and runnable text
    (parameters bound to their defaults or the header's example, when they can be)."""
    from ..errors import CdkgError
    from ..query import QueryLibrary, bind

    try:
        library = QueryLibrary(folder)
    except CdkgError:
        return []
    out = []
    for query in library:
        text = query.text
        for params in ({}, query.example_params):
            try:
                text = bind(query, params)
                break
            except CdkgError:
                continue
        out.append({"name": query.name, "title": query.title, "question": query.question, "text": text})
    return out


async def search(request: Request) -> Response:
    state = _state(request)
    q = request.query_params.get("q", "")[:200]

    def find():
        view = state.view()
        return state.index().search(view, q) if q.strip() else []

    hits = await run_in_threadpool(find)
    if neg.choose(request.headers.get("accept"), (neg.HTML, "application/json")) == "application/json":
        return JSONResponse([{"iri": h.resource.iri, "label": h.resource.text, "matched": h.matched, "lang": h.lang,
                              "types": list(h.types)} for h in hits])
    return state.page("search.html", q=q, hits=hits)


async def resource(request: Request) -> Response:
    state = _state(request)
    return await run_in_threadpool(_resource, state, request.scope["path"], request.headers.get("accept"))


def _resource(state: ServerState, path: str, accept: str | None) -> Response:
    base = state.config.base_iri
    stem, forced = neg.split_suffix(path)
    candidates = ([(stem, forced)] if forced else []) + [(path, None)]
    for local, media in candidates:
        try:
            iri = resources.iri_for(base, local)
            found = resources.exists(state.store, iri) or (iri == base + "ontology" and bool(resources.ontology(state.store, base)))
        except ValueError:
            found = False
        if found:
            break
    else:
        return PlainTextResponse(f"not found: no resource {resources.iri_for(base, stem)} in this graph\n", status_code=404)
    headers = {"Link": resources.alternates(local)}
    if media is None:
        media = neg.choose(accept, neg.RESOURCE_TYPES)
        headers["Vary"] = "Accept"
        if media is not None:
            headers["Content-Location"] = f"{local}.{neg.SUFFIX_OF[media]}"
    if media is None:
        return PlainTextResponse(f"not acceptable: {iri} is available as {', '.join(neg.RESOURCE_TYPES)}\n",
                                 status_code=406, headers=headers)
    if media == neg.HTML:
        response = html_page(state, iri)
        response.headers.update(headers)
        return response
    body = resources.render_rdf(resources.describe(state.store, iri, base), media)
    return Response(body, media_type=neg.content_type(media), headers=headers)


def html_page(state: ServerState, iri: str) -> HTMLResponse:
    """The page for ``iri``: the ontology, a document, or a resource (entity, treaty, fact, other)."""
    view = state.view()
    base = state.config.base_iri
    if iri == base + "ontology":
        return state.page("ontology.html", iri=iri, title="The cdkg ontology",
                          blocks=pages.blocks(view, resources.ontology(state.store, base)))
    if iri.startswith(base + "id/doc/") and "#" not in iri:
        return state.page("document.html", **pages.document_context(view, iri))
    return state.page("resource.html", **pages.resource_context(view, iri))


DUMP_EXTRA = {"void.ttl": "text/turtle", "SHA256SUMS": "text/plain"}


def dump_listing(build_dir: Path) -> dict[str, tuple[Path, str]]:
    """The files of ``/dumps/``: name → (path, media type)."""
    from ..publish import dump_files, media_type

    out: dict[str, tuple[Path, str]] = {}
    for path in dump_files(build_dir):
        kind, compressed = media_type(path.name)
        out[path.name] = (path, "application/gzip" if compressed else kind)
    for name, kind in DUMP_EXTRA.items():
        if (build_dir / name).is_file():
            out[name] = (build_dir / name, kind)
    return dict(sorted(out.items()))


async def dumps_index(request: Request) -> Response:
    state = _state(request)
    files = dump_listing(state.config.build_dir)
    rows = [{"name": name, "media_type": kind, "bytes": path.stat().st_size} for name, (path, kind) in files.items()]
    if neg.choose(request.headers.get("accept"), (neg.HTML, "application/json")) == "application/json":
        return JSONResponse(rows)
    return state.page("dumps.html", files=rows)


async def dump_file(request: Request) -> Response:
    state = _state(request)
    files = dump_listing(state.config.build_dir)
    name = request.path_params["name"]
    if name not in files:
        return PlainTextResponse(f"not found: no dump file {name!r}\n", status_code=404)
    path, kind = files[name]
    return FileResponse(path, media_type=neg.content_type(kind) if kind.startswith("text/") else kind)


async def void(request: Request) -> Response:
    path = _state(request).config.build_dir / "void.ttl"
    if not path.is_file():
        return PlainTextResponse("not found: this build has no void.ttl\n", status_code=404)
    return FileResponse(path, media_type="text/turtle; charset=utf-8")


async def health(request: Request) -> Response:
    triples, graphs = await run_in_threadpool(_state(request).counts)
    return JSONResponse({"ok": True, "triples": triples, "graphs": graphs})


async def dumps_redirect(request: Request) -> Response:
    return RedirectResponse("/dumps/", status_code=301)


# --- the app ------------------------------------------------------------------------------------


class SecurityHeaders:
    """ASGI middleware: ``nosniff`` on every response, a Content-Security-Policy on HTML."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                headers.append((b"x-content-type-options", b"nosniff"))
                content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                if content_type.startswith(b"text/html") and b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP.encode()))
                    headers.append((b"referrer-policy", b"same-origin"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(config: ServerConfig) -> Starlette:
    """The Starlette application serving the build named by ``config`` (its store opened read-only).

    >>> create_app(ServerConfig(build_dir=Path("/nonexistent")))
    Traceback (most recent call last):
    ...
    graph_builder.errors.StoreError: /nonexistent/store: no store here; run 'cdkg build' first
    """
    state = ServerState(config)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        if state.pool is not None:
            await run_in_threadpool(state.pool.start)
        try:
            yield
        finally:
            if state.pool is not None:
                await run_in_threadpool(state.pool.close)

    routes = [
        Route("/", home),
        Route("/sparql", sparql_endpoint, methods=["GET", "POST"]),
        Route("/query", query_page),
        Route("/search", search),
        Route("/id/{rest:path}", resource),
        Route("/ontology", resource),
        Route("/ontology.{ext}", resource),
        Route("/vocab/{rest:path}", resource),
        Route("/dumps", dumps_redirect),
        Route("/dumps/", dumps_index),
        Route("/dumps/{name}", dump_file),
        Route("/.well-known/void", void),
        Route("/health", health),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.cdkg = state
    app.add_middleware(SecurityHeaders)
    if config.cors_origins:
        from starlette.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(config.cors_origins), allow_methods=["GET", "POST", "HEAD"],
                           allow_headers=["Accept", "Content-Type"], expose_headers=["Content-Location", "Link"])
    return app


def serve(config: ServerConfig) -> None:
    """Run the app with uvicorn on ``config.host:config.port`` until interrupted."""
    import uvicorn

    app = create_app(config)
    uvicorn.run(app, host=config.host, port=config.port, log_level="info", proxy_headers=False)


__all__ = ["ServerConfig", "create_app", "serve"]
