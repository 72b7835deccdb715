"""The store interface every backend implements, and the terms and results it speaks in.

No backend is imported here: :mod:`graph.store.oxigraph` (the embedded default) and
:mod:`graph.store.endpoint` (any SPARQL 1.1 endpoint) both build on this module, and
:func:`graph.store.open_store` picks one.
"""
from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal as Lit

from rdflib import Graph

from ..errors import QueryError
from ..ontology import GRAPH
from ..rdf import Triples, ntriples

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
    updated: bool = False  # an update ran (``allow_update``): the store was changed


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
    reads_back_as_written: bool = False
    """Whether a query answers with exactly the lexical forms it was given (Oxigraph's do), so
    what newsgraph reads of a graph may be computed from the graph's text before it is
    written (:func:`graph.readmodel.records_of_ntriples`) instead of read back."""

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
        return QueryResult(kind="ask", boolean=True, updated=True)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def sparql_error_message(exc: Exception) -> str:
    """The parser's own message on one line, its position spelled as line and column.

    >>> sparql_error_message(SyntaxError("error at 1:26: expected one of LATERAL"))
    'at line 1, column 26: expected one of LATERAL'
    """
    message = " ".join(str(exc).split())
    return re.sub(r"^error at (\d+):(\d+)", r"at line \1, column \2", message)
