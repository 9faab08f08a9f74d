"""``cdkg serve``: a linked-data server over a build — SPARQL endpoint, dereferenceable IRIs, pages.

Modules, in the order a request meets them: ``settings`` (``ServerConfig``), ``app`` (routes and the
ASGI app), ``negotiation`` (Accept headers and suffixes), ``sparql`` (the SPARQL 1.1 Protocol and
its worker processes), ``resources`` (what an IRI's description holds), ``pages`` (what a page
shows) and ``markup`` (text segments and chart geometry for the templates).

``create_app`` and ``serve`` are imported on first use, so reading ``ServerConfig`` stays cheap.
"""

from __future__ import annotations

from .settings import ServerConfig

__all__ = ["ServerConfig", "create_app", "serve"]


def __getattr__(name: str):
    if name in ("create_app", "serve"):
        from . import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
