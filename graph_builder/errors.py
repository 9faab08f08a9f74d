"""The exception tree of cdkg: every error a user can cause is one of these, with a one-line message.

    CdkgError
    ├── IngestError        a source file cannot be read, decoded or parsed (names the file)
    ├── RegistryError      a file of seeds/reference/ is malformed (names the file and entry)
    ├── ValidationFailed   a graph violates the SHACL shapes or a cross-document check
    ├── QueryError         an unknown query, a bad parameter or a SPARQL error (names the value)
    ├── StoreError         the store or an output file cannot be opened or written
    ├── EndpointError      a remote SPARQL endpoint or graph store failed or refused
    └── ReasonerError      HermiT failed: Java missing, or the ontology is inconsistent

The CLI turns any of these into ``cdkg: <message>`` on stderr and a non-zero exit.

>>> issubclass(IngestError, CdkgError)
True
"""

from __future__ import annotations


class CdkgError(Exception):
    """Base of every error cdkg raises on purpose."""


class IngestError(CdkgError):
    """A source document cannot be read, decoded or parsed."""


class RegistryError(CdkgError):
    """The curated registry under seeds/reference/ is malformed."""


class ValidationFailed(CdkgError):
    """A graph violates the shapes or a cross-document check."""


class QueryError(CdkgError):
    """A query is unknown, malformed, or given a bad parameter."""


class StoreError(CdkgError):
    """The store or an output file cannot be opened or written."""


class EndpointError(CdkgError):
    """A remote SPARQL endpoint or Graph Store Protocol service failed."""


class ReasonerError(CdkgError):
    """The reasoner could not run, or found the ontology inconsistent."""
