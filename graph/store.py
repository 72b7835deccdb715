"""One small store interface; the embedded Oxigraph store is the default.

Each article lives in its own named graph and a store never holds half an article: a
replaced graph is written in one transaction, and new graphs are bulk-loaded under a
journal that the next open rolls back if the load was interrupted (see
:meth:`OxigraphStore.add_graphs`). Queries see the union of all graphs as their default graph.
``graph.remote`` implements the same interface over any SPARQL 1.1 endpoint.

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
import re
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal as Lit

import pyoxigraph as ox
from rdflib import Graph

from .errors import InputError, NewsgraphError, QueryError, StoreError
from .ontology import GRAPH, NG, PREFIXES
from .rdf import Triples, ntriples

GraphData = Graph | Triples | str
"""What a store writes: an rdflib graph, newsgraph's own triples, or N-Triples text."""


def as_ntriples(data: GraphData) -> str:
    """N-Triples text of any :data:`GraphData`."""
    if isinstance(data, str):
        return data
    if isinstance(data, Triples):
        return ntriples(data)
    return data.serialize(format="nt")


def as_nquads(graph_iri: str, ntriples_text: str) -> str:
    r"""N-Triples text moved into one named graph. An N-Triples line ends in `` .`` and a
    literal never holds a raw line break, so each statement's end is unambiguous.

    >>> as_nquads("urn:g", "<urn:s> <urn:p> \"a .\" .")
    '<urn:s> <urn:p> "a ." <urn:g> .\n'
    """
    text = ntriples_text if ntriples_text.endswith("\n") else ntriples_text + "\n"
    return text.replace(" .\n", f" <{graph_iri}> .\n")


DEFAULT_STORE = ".newsgraph"
SYNC_CHUNK = 50_000  # triples per transaction when a large graph is synchronized
INTERNAL_GRAPHS = str(GRAPH) + "_"  # graphs newsgraph keeps for itself: not articles, not listed
JOURNAL_GRAPH = INTERNAL_GRAPHS + "loading"  # the graphs a bulk load is writing; rolled back on open
LOCK_WAIT_SECONDS = 10.0


@dataclass(frozen=True)
class Term:
    """One RDF term of a query result, independent of the store's own classes."""

    kind: Lit["uri", "literal", "bnode", "triple"]
    value: str
    datatype: str | None = None
    lang: str | None = None


@dataclass
class QueryResult:
    """A SELECT table, an ASK boolean, or the N-Triples of a CONSTRUCT/DESCRIBE."""

    kind: Lit["select", "ask", "graph"]
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: str | None = None


def _is_update(sparql: str) -> bool:
    """Whether a SPARQL string is an update (parsed, not guessed from keywords)."""
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        parseQuery(sparql)
        return False
    except Exception:  # noqa: BLE001 - rdflib raises pyparsing errors of several kinds
        pass
    try:
        parseUpdate(sparql)
        return True
    except Exception:  # noqa: BLE001
        return False


_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def term_sparql(term: Term) -> str:
    """A term written as SPARQL syntax, escaped so it cannot end early.

    >>> print(term_sparql(Term("literal", 'x" } DROP ALL #')))
    "x\\" } DROP ALL #"
    """
    from rdflib import Literal as RdfLiteral, URIRef

    if term.kind == "uri":
        if _IRI_FORBIDDEN.search(term.value):
            raise QueryError(f"<{term.value}> is not a valid IRI")
        return URIRef(term.value).n3()
    if term.lang:
        return RdfLiteral(term.value, lang=term.lang).n3()
    return RdfLiteral(term.value, datatype=term.datatype).n3()


def bind_values(sparql: str, bindings: Mapping[str, Term]) -> str:
    """Bind variables with a VALUES block at the start of the WHERE group.

    The values are escaped RDF terms, so a name or label can never change the query.

    >>> bind_values("SELECT ?x WHERE { ?x rdfs:label ?name }", {"name": Term("literal", "A")})
    'SELECT ?x WHERE { VALUES ?name { "A" } ?x rdfs:label ?name }'
    """
    if not bindings:
        return sparql
    for name in bindings:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"--param {name!r}: not a variable name")
    block = " ".join(f"VALUES ?{k} {{ {term_sparql(v)} }}" for k, v in bindings.items())
    code = re.sub(r"(?m)#[^\n<>\"']*$", lambda m: " " * len(m.group()), sparql)
    match = re.search(r"\bWHERE\s*\{", code, re.IGNORECASE) or re.search(r"\{", code)
    if match is None:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    return f"{sparql[: match.end()]} {block}{sparql[match.end():]}"


class Store(ABC):
    """What newsgraph needs of a store."""

    location: str
    bulk_batch: int = 1
    """How many new graphs :meth:`add_graphs` is best given at once."""
    recovered: Sequence[str] = ()
    """Graphs an interrupted write left incomplete, removed when the store was opened."""

    @abstractmethod
    def replace_graph(self, graph_iri: str, graph: GraphData) -> None:
        """Replace one named graph with ``graph``, atomically."""

    @abstractmethod
    def remove_graph(self, graph_iri: str) -> bool:
        """Remove one named graph; False when it was not there."""

    @abstractmethod
    def graph_iris(self) -> list[str]:
        """The named graphs in the store, sorted."""

    @abstractmethod
    def _select(self, sparql: str) -> QueryResult:
        """Run a read query whose parameters are already bound."""

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 update."""

    @abstractmethod
    def dump_nquads(self) -> bytes:
        """All named graphs as N-Quads."""

    @abstractmethod
    def graph_ntriples(self, graph_iri: str) -> str:
        """One named graph as N-Triples text; empty when it is not there."""

    def add_graphs(self, graphs: Sequence[tuple[str, str]]) -> None:
        """Add named graphs that are not in the store yet, each given as N-Triples text.

        Each graph appears whole or not at all. Here: one :meth:`replace_graph` each.
        """
        for graph_iri, text in graphs:
            self.replace_graph(graph_iri, text)

    def select_values(self, sparql: str) -> list[list[str | None]]:
        """The rows of a SELECT query as plain strings (IRIs and literal values)."""
        return [[t.value if t is not None else None for t in row] for row in self.query(sparql).rows]

    def insert_ntriples(self, graph_iri: str, ntriples: str) -> None:
        """Add N-Triples text to one named graph in one transaction."""
        self.update(f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{ntriples}\n}} }}")

    def sync_graph(self, graph_iri: str, graph: GraphData, *, chunk: int = SYNC_CHUNK) -> None:
        """Make one named graph equal to ``graph`` by deleting and inserting only the
        triples that differ: far cheaper than :meth:`replace_graph` for a large graph
        that changes a little, such as the corpus graph after a small ingest.

        The difference is applied in transactions of at most ``chunk`` triples, so a
        corpus graph of millions of triples never sits in memory as one transaction. A
        run stopped midway leaves a graph between the old and the new state, and the
        next sync, which compares what is actually stored, completes it. A triple
        written differently by the store and by us is deleted and inserted again, which
        leaves it in place; a graph with blank nodes is replaced whole.
        """
        new = as_ntriples(graph)
        old = self.graph_ntriples(graph_iri)
        if not old:
            self._create_large_graph(graph_iri, new, chunk)
            return
        if "_:" in new or "_:" in old:
            self.replace_graph(graph_iri, new)
            return
        old_lines = {line for line in old.splitlines() if line.strip()}
        new_lines = {line for line in new.splitlines() if line.strip()}
        gone = sorted(old_lines - new_lines)
        for start in range(0, len(gone), chunk):
            body = "\n".join(gone[start : start + chunk])
            self.update(f"DELETE DATA {{ GRAPH <{graph_iri}> {{\n{body}\n}} }}")
        self._insert_lines(graph_iri, sorted(new_lines - old_lines), chunk)

    def _insert_lines(self, graph_iri: str, lines: list[str], chunk: int) -> None:
        for start in range(0, len(lines), chunk):
            self.insert_ntriples(graph_iri, "\n".join(lines[start : start + chunk]))

    def _create_large_graph(self, graph_iri: str, text: str, chunk: int) -> None:
        """Write a new graph of any size, in transactions of at most ``chunk`` triples."""
        self._insert_lines(graph_iri, [line for line in text.splitlines() if line.strip()], chunk)

    def query(self, sparql: str, *, bindings: Mapping[str, Term] | None = None,
              allow_update: bool = False) -> QueryResult:
        """Run a query over the union of all graphs.

        ``bindings`` binds variables to values (never pasted into the query text), so
        names and labels cannot inject SPARQL. Updates are refused unless ``allow_update``.
        """
        bound = bind_values(sparql, bindings or {})
        try:
            return self._select(bound)
        except QueryError:
            # Not a query. Only then is it parsed again, to tell an update from a mistake.
            if not _is_update(bound):
                raise
        if not allow_update:
            raise QueryError("this is a SPARQL update; the store is read-only unless you pass --allow-update")
        self.update(bound)
        return QueryResult(kind="ask", boolean=True)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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


def sparql_error_message(exc: Exception) -> str:
    """The parser's own message on one line, its position spelled as line and column.

    >>> sparql_error_message(SyntaxError("error at 1:26: expected one of LATERAL"))
    'at line 1, column 26: expected one of LATERAL'
    """
    message = " ".join(str(exc).split())
    return re.sub(r"^error at (\d+):(\d+)", r"at line \1, column \2", message)


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

    bulk_batch = 32

    def __init__(self, path: str | os.PathLike[str]) -> None:
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
        transaction.
        """
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
        from .remote import RemoteStore

        return RemoteStore(where)
    path = Path(where)
    if not create:
        if not path.exists():
            raise StoreError(f"{where}: no store here; run `newsgraph build` (or pass --store PATH)")
        if not (path / "CURRENT").exists():
            raise StoreError(f"{where}: not a newsgraph store (no Oxigraph database in this folder)")
    return OxigraphStore(path)
