"""The embedded, persistent store: a pyoxigraph (RocksDB) directory.

Each article lives in its own named graph and a store never holds half an article: a
replaced graph is written in one transaction, and new graphs are bulk-loaded under a
journal that the next open rolls back if the load was interrupted (see
:meth:`OxigraphStore.add_graphs`). Queries see the union of all graphs as their default graph.
"""
from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pyoxigraph as ox

from ..errors import InputError, NewsgraphError, QueryError, StoreError
from ..ontology import NG, PREFIXES
from .base import (
    INTERNAL_GRAPHS,
    JOURNAL_GRAPH,
    LOCK_WAIT_SECONDS,
    GraphData,
    QueryResult,
    Store,
    Term,
    as_ntriples,
    as_nquads,
    sparql_error_message,
)


def _term_out(term: object) -> Term | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Term("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return Term("bnode", term.value)
    if isinstance(term, ox.Literal):
        return Term("literal", term.value, term.datatype.value, term.language)
    return Term("triple", str(term))


MEMORY = ":memory:"  # the location of a store held in memory


@contextmanager
def _writing(location: str) -> Iterator[None]:
    """Oxigraph's write errors as newsgraph's: the disk as a store error, data it cannot
    parse as an input error."""
    try:
        yield
    except OSError as exc:
        raise StoreError(f"{location}: could not write ({exc})") from None
    except (SyntaxError, ValueError) as exc:
        raise InputError(f"a graph could not be loaded: {sparql_error_message(exc)}") from None


class OxigraphStore(Store):
    """The embedded, persistent store: a pyoxigraph (RocksDB) directory."""

    # The most articles in one bulk load (graph.ingest.load_size). Each load ingests sorted
    # files whose keys (hashed terms) span the whole store, so RocksDB compacts them into what
    # is there: at 10 k synthetic articles its compaction threads took 112 s of CPU during an
    # ingest with loads of 256 articles, 52 s with loads of 1,024 (37.6 s at 3 k with 32).
    bulk_batch = 1024
    reads_back_as_written = True

    def __init__(self, path: str | os.PathLike[str] | None) -> None:
        """The store in the folder ``path``; with None, a store held in memory only."""
        if path is None:
            self.location, self._store = MEMORY, ox.Store()
            return
        self.location = str(path)
        wait = float(os.environ.get("NEWSGRAPH_LOCK_WAIT", LOCK_WAIT_SECONDS))
        deadline = time.monotonic() + wait
        while True:
            try:
                self._store = ox.Store(str(path))
                break
            except (OSError, RuntimeError) as exc:
                message = str(exc)
                if "lock" in message.lower() and time.monotonic() < deadline:
                    time.sleep(0.25)
                    continue
                if "lock" in message.lower():
                    raise StoreError(
                        f"{path}: the store is in use by another newsgraph process (waited {wait:g} s); "
                        "wait for it to finish and try again"
                    ) from None
                raise StoreError(f"{path}: not a readable newsgraph store ({message.splitlines()[0]})") from None
        self.recovered = self._roll_back_interrupted_load()

    def add_graphs(self, graphs: Sequence[tuple[str, str]]) -> None:
        """Add new named graphs with Oxigraph's bulk loader, about twice as cheap per
        triple as a transaction, and multi-threaded.

        The bulk loader is not atomic, so a journal makes it so: the graphs' names are
        committed to :data:`JOURNAL_GRAPH` first and cleared once the load is complete. If
        the process dies or the disk fills up in between, the graphs named in the journal
        are dropped, in one transaction, the next time the store is opened (or at once,
        for an error). Only graphs that do not exist yet are loaded this way, so rolling
        back never takes an older version with it; any other graph is replaced in one
        transaction. A load this process began and did not finish (a Ctrl-C inside it, which
        the caller answers by writing the same batch again) is rolled back first: its graphs
        would otherwise look complete here and be dropped by the next open.
        """
        self._roll_back_interrupted_load()
        new: list[tuple[str, str]] = []
        for iri, text in graphs:
            if self._store.contains_named_graph(ox.NamedNode(iri)):
                self.replace_graph(iri, text)
            else:
                new.append((iri, text))
        if not new:
            return
        journal = ox.NamedNode(JOURNAL_GRAPH)
        loading = ox.NamedNode(f"{NG}loading")
        try:
            with _writing(self.location):
                self._store.extend([ox.Quad(journal, loading, ox.NamedNode(iri), journal) for iri, _ in new])
                self._store.bulk_load("".join(as_nquads(iri, text) for iri, text in new).encode("utf-8"),
                                      format=ox.RdfFormat.N_QUADS)
                self._store.remove_graph(journal)
        except NewsgraphError:
            self._roll_back_interrupted_load()
            raise

    def _create_large_graph(self, graph_iri: str, text: str, chunk: int) -> None:
        """Bulk-loaded whole, under the journal (the bulk loader bounds its own memory)."""
        self.add_graphs([(graph_iri, text)])

    def _roll_back_interrupted_load(self) -> list[str]:
        journal = ox.NamedNode(JOURNAL_GRAPH)
        if not self._store.contains_named_graph(journal):
            return []
        iris = sorted({q.object.value for q in self._store.quads_for_pattern(None, None, None, journal)})
        drops = "".join(f"DROP SILENT GRAPH <{iri}> ;\n" for iri in iris)
        try:
            self._store.update(drops + f"DROP SILENT GRAPH <{JOURNAL_GRAPH}>")
        except OSError as exc:
            raise StoreError(f"{self.location}: could not roll back an interrupted load ({exc})") from None
        return iris

    def select_values(self, sparql: str) -> list[list[str | None]]:
        """Without building a :class:`Term` per value: the corpus rebuild reads millions."""
        return [[None if term is None else term.value for term in solution] for solution in self._run(sparql)]

    def _run(self, sparql: str) -> Any:
        try:
            return self._store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {sparql_error_message(exc)}") from None
        except (ValueError, OSError) as exc:
            raise QueryError(f"the query failed: {sparql_error_message(exc)}") from None

    def replace_graph(self, graph_iri: str, graph: GraphData) -> None:
        """A new graph is loaded in one transaction by the N-Triples parser (twice as fast
        as an update); an existing one is dropped and inserted in one SPARQL update."""
        body = as_ntriples(graph)
        if not self._store.contains_named_graph(ox.NamedNode(graph_iri)):
            self.insert_ntriples(graph_iri, body)
            return
        with _writing(self.location):
            self._store.update(f"DROP SILENT GRAPH <{graph_iri}> ;\n"
                               f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{body}\n}} }}")

    def remove_graph(self, graph_iri: str) -> bool:
        node = ox.NamedNode(graph_iri)
        if not self._store.contains_named_graph(node):
            return False
        self._store.remove_graph(node)
        return True

    def graph_iris(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs()
                      if isinstance(g, ox.NamedNode) and not g.value.startswith(INTERNAL_GRAPHS))

    def _select(self, sparql: str) -> QueryResult:
        result = self._run(sparql)
        if isinstance(result, (bool, ox.QueryBoolean)):
            return QueryResult(kind="ask", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows = [tuple(_term_out(sol[v]) for v in variables) for sol in result]
            return QueryResult(kind="select", variables=variables, rows=rows)
        data = ox.serialize(result, format=ox.RdfFormat.N_TRIPLES)
        return QueryResult(kind="graph", triples=(data or b"").decode())

    def update(self, sparql: str) -> None:
        try:
            self._store.update(sparql, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL update: {sparql_error_message(exc)}") from None
        except OSError as exc:
            raise StoreError(f"{self.location}: could not write ({exc})") from None

    def dump_nquads(self) -> bytes:
        data = self._store.dump(format=ox.RdfFormat.N_QUADS) or b""
        internal = [g for g in self._store.named_graphs() if str(g.value).startswith(INTERNAL_GRAPHS)]
        if not internal:
            return data
        ends = tuple(f" <{g.value}> .".encode() for g in internal)
        return b"".join(line + b"\n" for line in data.splitlines() if not line.endswith(ends))

    def insert_ntriples(self, graph_iri: str, ntriples: str) -> None:
        """Through the N-Triples parser: twice as fast as an update."""
        with _writing(self.location):
            self._store.load(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES,
                             to_graph=ox.NamedNode(graph_iri))

    def graph_ntriples(self, graph_iri: str) -> str:
        data = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph_iri))
        return (data or b"").decode("utf-8")

    def triple_count(self) -> int:
        return len(self._store)

    def close(self) -> None:
        try:
            self._store.flush()
        except OSError:
            pass
        del self._store
