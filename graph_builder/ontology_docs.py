"""Build the HTML documentation of the cdo ontology with pyLODE.

In:  ``ontology/cdo.ttl``.
Out: ``docs/ontology/index.html``, one self-contained page (CSS inlined) in English: pyLODE shows
     one label per term, so the Dutch, French, German and Spanish labels are left out of the page
     (they stay in the ontology), and so are the minimal declarations of external terms.

Run from the repository root, with the ``docs`` extra installed (``pip install -e '.[docs]'``)::

    python -m graph_builder.ontology_docs [--ontology ontology/cdo.ttl] [--out docs/ontology/index.html]
"""

from __future__ import annotations

import argparse
import importlib.metadata
import sys
import types
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from graph_builder.errors import CdkgError
from graph_builder.namespaces import CDO

__all__ = ["DEFAULT_DESTINATION", "DEFAULT_ONTOLOGY", "build_docs", "documentation_graph", "main"]

ONTOLOGY_IRI = "https://w3id.org/cdkg/ontology"

DEFAULT_ONTOLOGY = Path("ontology/cdo.ttl")
DEFAULT_DESTINATION = Path("docs/ontology/index.html")


def documentation_graph(graph: Graph) -> Graph:
    """What the page shows: the ontology and its own terms, with English and untagged literals only.

    The minimal declarations of external terms (``org:Membership a owl:Class`` ...) and of the
    vocabulary individuals stay out, so the page lists cdo's classes and properties alone; blank
    nodes (class expressions) are kept.
    """
    own = (str(CDO), ONTOLOGY_IRI)
    kept = Graph()
    for prefix, namespace in graph.namespaces():
        kept.bind(prefix, namespace, replace=True)
    for s, p, o in graph:
        if isinstance(s, URIRef) and not str(s).startswith(own):
            continue
        if isinstance(o, Literal) and o.language and not o.language.lower().startswith("en"):
            continue
        kept.add((s, p, o))
    return kept


def build_docs(
    ontology: Path = DEFAULT_ONTOLOGY, destination: Path = DEFAULT_DESTINATION
) -> Path:
    """Render ``ontology`` (Turtle) to ``destination`` as HTML with pyLODE; return the path written."""
    OntPub = _ontpub()
    ontology, destination = Path(ontology), Path(destination)
    if not ontology.is_file():
        raise CdkgError(f"no ontology at {ontology}")
    graph = documentation_graph(Graph().parse(ontology, format="turtle"))
    destination.parent.mkdir(parents=True, exist_ok=True)
    OntPub(ontology=graph, sort_subjects=True).make_html(destination=destination)
    return destination


def _ontpub() -> type:
    """pyLODE's OntPub class, working around the 3.4.1 wheel that cannot import itself.

    pyLODE 3.4.1 reads its version from a ``pyproject.toml`` its wheel does not ship
    (RDFLib/pyLODE#260, fixed upstream after that release): on that error the version module is
    replaced by one that asks the installed package metadata instead, and the import retried.
    """
    try:
        from pylode import OntPub
    except ImportError as error:
        raise CdkgError(
            "pyLODE is missing: install the docs extra (pip install -e '.[docs]')"
        ) from error
    except FileNotFoundError:
        version = types.ModuleType("pylode.version")
        version.__version__ = importlib.metadata.version("pylode")  # type: ignore[attr-defined]
        sys.modules["pylode.version"] = version
        from pylode import OntPub
    return OntPub


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: build the docs, print the path written; exit 1 with a message on error."""
    parser = argparse.ArgumentParser(
        prog="python -m graph_builder.ontology_docs",
        description="Render ontology/cdo.ttl to HTML with pyLODE.",
    )
    parser.add_argument("--ontology", type=Path, default=DEFAULT_ONTOLOGY, help="the ontology (Turtle)")
    parser.add_argument("--out", type=Path, default=DEFAULT_DESTINATION, help="the HTML file to write")
    args = parser.parse_args(argv)
    try:
        written = build_docs(args.ontology, args.out)
    except CdkgError as error:
        print(f"cdkg: {error}", file=sys.stderr)
        return 1
    print(written)
    return 0


if __name__ == "__main__":
    sys.exit(main())
