"""One small store interface; the embedded Oxigraph store is the default.

Each article lives in its own named graph and a store never holds half an article: a
replaced graph is written in one transaction, and new graphs are bulk-loaded under a
journal that the next open rolls back if the load was interrupted (see
:meth:`OxigraphStore.add_graphs`). Queries see the union of all graphs as their default graph.
The interface is :mod:`graph.store.base`; the backends are :mod:`graph.store.oxigraph` (embedded,
the default) and :mod:`graph.store.endpoint` (any SPARQL 1.1 endpoint). Neither imports the
other, nor this package.

>>> import tempfile, os
>>> from rdflib import Graph, URIRef, Literal
>>> with tempfile.TemporaryDirectory() as tmp:
...     store = open_store(os.path.join(tmp, "s"), create=True)
...     g = Graph(); _ = g.add((URIRef("urn:a"), URIRef("urn:p"), Literal("x")))
...     store.replace_graph("urn:g1", g)
...     rows = store.query("SELECT ?o WHERE { ?s ?p ?o }").rows
...     store.close()
>>> rows[0][0].value
'x'
"""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import StoreError
from .base import (
    DEFAULT_STORE,
    INTERNAL_GRAPHS,
    GraphData,
    QueryResult,
    Store,
    Term,
    as_nquads,
    as_ntriples,
    bind_values,
    sparql_error_message,
    term_sparql,
)

__all__ = ["DEFAULT_STORE", "INTERNAL_GRAPHS", "GraphData", "QueryResult", "Store", "Term", "as_nquads",
           "as_ntriples", "bind_values", "default_location", "open_store", "sparql_error_message", "term_sparql"]


def default_location() -> str:
    """``$NEWSGRAPH_STORE``, or ``.newsgraph`` in the current directory."""
    return os.environ.get("NEWSGRAPH_STORE") or DEFAULT_STORE


def open_store(location: str | os.PathLike[str] | None = None, *, create: bool = False) -> Store:
    """Open the store at a path or SPARQL endpoint URL.

    A path that holds no store is an error unless ``create`` is True, so a typo never
    silently queries an empty store.
    """
    where = str(location or default_location())
    if where.startswith(("http://", "https://")):
        from .endpoint import RemoteStore

        return RemoteStore(where)
    path = Path(where)
    if not create:
        if not path.exists():
            raise StoreError(f"{where}: no store here; run `newsgraph build` (or pass --store PATH)")
        if not (path / "CURRENT").exists():
            raise StoreError(f"{where}: not a newsgraph store (no Oxigraph database in this folder)")
    from .oxigraph import OxigraphStore

    return OxigraphStore(path)
