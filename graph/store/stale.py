"""The corpus graph's stale mark: set while the corpus graph may be out of date.

Ingest and remove set it before they change anything and the corpus rebuild clears it,
so an interrupted run leaves it set: the next command can say so, and the next ingest,
remove or rebuild recomputes the corpus graph. A ``query --allow-update`` or a client's
update through ``newsgraph serve`` sets it too, since either may change an article. It
lives here, beside the store, so that what writes to a store marks it without importing
the corpus layer.

>>> import tempfile
>>> from graph.store import open_store
>>> store = open_store(tempfile.mkdtemp() + "/s", create=True)
>>> corpus_is_stale(store), mark_corpus_stale(store), corpus_is_stale(store)
(False, None, True)
>>> mark_corpus_stale(store, False); corpus_is_stale(store)
False
"""
from __future__ import annotations

from ..ontology import ID, NG
from .base import INTERNAL_GRAPHS, Store

STALE_GRAPH = INTERNAL_GRAPHS + "corpus-stale"  # present while the corpus graph may be out of date


def mark_corpus_stale(store: Store, stale: bool = True) -> None:
    """Mark the corpus graph as possibly out of date, durably, or clear the mark."""
    if stale:
        store.update(f"INSERT DATA {{ GRAPH <{STALE_GRAPH}> {{ <{ID}corpus> <{NG}stale> true }} }}")
    else:
        store.update(f"DROP SILENT GRAPH <{STALE_GRAPH}>")


def corpus_is_stale(store: Store) -> bool:
    """True when an ingest or remove was interrupted before the corpus graph was recomputed."""
    return bool(store.query(f"ASK {{ GRAPH <{STALE_GRAPH}> {{ ?s ?p ?o }} }}").boolean)
