"""SPARQL from the command line: inline, from a file, or by name from ``graph/queries``.

Named queries are ``.rq`` files. Their first comment line is their title. The parameters
each takes are declared here, in :data:`PARAMETERS` (a query not listed there takes the
variables its ``# param: NAME = description`` lines name); binding an unknown parameter,
or leaving out a required one, is an error that names the expected ones. Values are bound
as escaped RDF terms in a VALUES block (``graph.store.bind_values``), never pasted into
the text.

Results never repeat a row. A table fits the terminal (or ``width``) and, after
:func:`with_labels`, shows each IRI's label (an article's headline, an outlet's name)
instead of the IRI.

>>> 'timeline' in [q.name for q in named_queries()]
True
>>> format_result(QueryResult("select", ["n"], [(Term("literal", "1"),)]), "csv")
'n\\r\\n1\\r\\n'
>>> check_params(named_query("actor-story"), {"actr": "Kadyrov"})
Traceback (most recent call last):
...
graph.errors.QueryError: query 'actor-story' has no parameter 'actr'; it takes: actor (required)
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import InputError, QueryError
from .ontology import PREFIXES
from .store import QueryResult, Store, Term
from .store.stale import mark_corpus_stale

FORMATS = ("table", "csv", "tsv", "json")


@dataclass(frozen=True)
class Param:
    """A named query's parameter: bound with ``-p name=VALUE``."""

    name: str
    required: bool
    help: str


PARAMETERS: dict[str, tuple[Param, ...]] = {
    "actor-events": (Param("actor", True, 'the actor\'s name or alias as written, e.g. "Igor Kochetkov"'),),
    "actor-story": (Param("actor", True, 'a name or any form the articles use for the actor, e.g. "Kadyrov"'),),
    "evidence": (Param("target", True, 'the node\'s label or alias as written (e.g. "Mike Pompeo"), or its IRI '
                                       "as <...>"),),
    "statement-sources": (Param("text", False, 'words the quote contains, e.g. "must be respected"'),
                          Param("speaker", False, 'the speaker\'s name or any form the articles use, e.g. "Kadyrov"')),
}
"""The parameters of each named query that takes any; every other shipped query takes none."""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    params: tuple[Param, ...]
    text: str


def _parse_named(name: str, text: str) -> NamedQuery:
    lines = [ln[1:].strip() for ln in text.splitlines() if ln.startswith("#")]
    declared = []
    for ln in lines:
        m = re.match(r"param:\s*(\w+)\s*=\s*(.*)", ln)
        if m:
            declared.append(Param(m[1], False, m[2]))
    return NamedQuery(name, lines[0] if lines else name, PARAMETERS.get(name, tuple(declared)), text)


def _expected(query: NamedQuery) -> str:
    if not query.params:
        return "it takes no parameters"
    return "it takes: " + ", ".join(f"{p.name} ({'required' if p.required else 'optional'})" for p in query.params)


def check_params(query: NamedQuery, given: dict[str, str]) -> None:
    """Refuse a parameter the query does not take, or a required one left out (exit 2).

    >>> check_params(named_query("timeline"), {"actor": "x"})
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: query 'timeline' has no parameter 'actor'; it takes no parameters
    """
    names = {p.name for p in query.params}
    for key in given:
        if key not in names:
            raise QueryError(f"query {query.name!r} has no parameter {key!r}; {_expected(query)}")
    for p in query.params:
        if p.required and p.name not in given:
            raise QueryError(f"query {query.name!r} needs -p {p.name}=VALUE: {p.help}; {_expected(query)}")


def check_variables(sparql: str, given: dict[str, str]) -> None:
    """Refuse a parameter that names no variable of an inline or file query.

    >>> check_variables("SELECT ?n WHERE { ?n a ?kind }", {"knd": "x"})
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: the query has no variable ?knd to bind
    """
    for key in given:
        if not re.search(rf"[?$]{re.escape(key)}\b", sparql):
            raise QueryError(f"the query has no variable ?{key} to bind")


def named_queries() -> list[NamedQuery]:
    """The shipped library of queries, sorted by name."""
    folder = resources.files("graph.queries")
    found = [
        _parse_named(entry.name[:-3], entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".rq")
    ]
    return sorted(found, key=lambda q: q.name)


def named_query(name: str) -> NamedQuery:
    for query in named_queries():
        if query.name == name:
            return query
    known = ", ".join(q.name for q in named_queries())
    raise QueryError(f"no named query {name!r}; known: {known} (see `newsgraph query --list`)")


def read_query_file(path: Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (UnicodeDecodeError, IsADirectoryError) as exc:
        raise InputError(f"{path}: not a readable SPARQL file ({exc.__class__.__name__})") from None


def run_query(store: Store, sparql: str, *, params: dict[str, str] | None = None,
              allow_update: bool = False) -> QueryResult:
    """Run ``sparql`` with ``params`` bound as plain literals (or IRIs when written <...>;
    ``<>`` names no IRI, so it is the two-character literal). An update (``allow_update``)
    marks the corpus graph stale: the record index the corpus layer works from does not
    know the edit, so the next ingest or remove reads every article graph again."""
    bindings = {}
    for key, value in (params or {}).items():
        if len(value) > 2 and value.startswith("<") and value.endswith(">"):
            bindings[key] = Term("uri", value[1:-1])
        else:
            bindings[key] = Term("literal", value)
    result = store.query(sparql, bindings=bindings, allow_update=allow_update)
    if result.updated:
        mark_corpus_stale(store)
    return result


def _short(term: Term | None) -> str:
    if term is None:
        return ""
    if term.kind == "uri":
        for prefix, ns in PREFIXES.items():
            if term.value.startswith(ns) and prefix not in ("rdf",):
                return f"{prefix}:{term.value[len(ns):]}"
        return f"<{term.value}>"
    return term.value


def _cell(term: Term | None) -> str:
    return "" if term is None else term.value


def _unique(rows: list[Any]) -> list[Any]:
    """The rows in order, each once."""
    return list(dict.fromkeys(rows))


LABELS_CHUNK = 500  # IRIs looked up per query
_LABELS = """SELECT ?s ?label ?rank WHERE {
  { GRAPH ?s { ?a a schema:NewsArticle ; schema:headline ?label } BIND (0 AS ?rank) }
  UNION { ?s schema:headline ?label BIND (1 AS ?rank) }
  UNION { ?s rdfs:label ?label BIND (2 AS ?rank) }
}"""


def labels(store: Store, iris: set[str]) -> dict[str, str]:
    """A label for each IRI that has one: an article's (or article graph's) headline,
    else its most frequent ``rdfs:label``, the shortest on a tie."""
    found: dict[str, dict[tuple[int, str], int]] = {}
    ordered = sorted(iris)
    for start in range(0, len(ordered), LABELS_CHUNK):
        values = " ".join(f"<{iri}>" for iri in ordered[start : start + LABELS_CHUNK])
        sparql = _LABELS.replace("WHERE {", f"WHERE {{ VALUES ?s {{ {values} }}", 1)
        for s, label, rank in store.select_values(sparql):
            if s and label:
                counts = found.setdefault(s, {})
                counts[(int(rank or 0), label)] = counts.get((int(rank or 0), label), 0) + 1
    return {s: min(c, key=lambda k: (k[0], -c[k], len(k[1]), k[1]))[1] for s, c in found.items()}


def with_labels(store: Store, result: QueryResult) -> QueryResult:
    """The result with every IRI that has a label replaced by it (rows that become equal, once),
    for reading: a column that only repeats another, or is empty in every row, is left out."""
    if result.kind != "select":
        return result
    iris = {t.value for row in result.rows for t in row if t is not None and t.kind == "uri"}
    names = labels(store, iris)

    def show(term: Term | None) -> Term | None:
        if term is not None and term.kind == "uri" and term.value in names:
            return Term("literal", names[term.value])
        return term

    rows = [tuple(show(t) for t in row) for row in result.rows]
    shown = [j for j in range(len(result.variables))
             if any(row[j] is not None and row[j].kind == "uri" for row in result.rows)]
    keep = [j for j in range(len(result.variables)) if (j not in shown or not _repeats(rows, j, shown))
            and (not rows or any(row[j] is not None and row[j].value != "" for row in rows))]  # no empty column
    return QueryResult(result.kind, [result.variables[j] for j in keep],
                       _unique([tuple(row[j] for j in keep) for row in rows]))


def _repeats(rows: list[tuple[Term | None, ...]], j: int, shown: list[int]) -> bool:
    """Whether the labelled column ``j`` only repeats a column of the result itself (an
    event's IRI shown as its label beside the label), so the table leaves it out.

    >>> a, b = Term("literal", "a"), Term("literal", "b")
    >>> _repeats([(a, a), (b, b)], 1, [1]), _repeats([(a, a), (b, a)], 1, [1])
    (True, False)
    """
    return bool(rows) and any(
        all(row[k] is not None and row[j] is not None and row[k].value == row[j].value for row in rows)
        for k in range(len(rows[0])) if k != j and k not in shown)


def _table(result: QueryResult, width: int | None) -> str:
    from .table import render_table

    rows = _unique([tuple(_short(t) for t in row) for row in result.rows])
    uri_columns = tuple(i for i in range(len(result.variables))
                        if result.rows and all(row[i] is None or row[i].kind == "uri" for row in result.rows))
    return render_table(list(result.variables), [list(r) for r in rows], width=width, first=uri_columns)


def _json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON Format."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
    bindings = []
    for row in result.rows:
        item = {}
        for var, term in zip(result.variables, row):
            if term is None:
                continue
            out: dict[str, str] = {"type": term.kind, "value": term.value}
            if term.lang:
                out["xml:lang"] = term.lang
            elif term.datatype and term.kind == "literal":
                out["datatype"] = term.datatype
            item[var] = out
        bindings.append(item)
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=1) + "\n"


def format_result(result: QueryResult, fmt: str = "table", *, width: int | None = None) -> str:
    """Render a result as an aligned table (fitting ``width``, see :func:`graph.table.terminal_width`),
    CSV, TSV or SPARQL JSON; a row that repeats an earlier one is left out."""
    if result.kind == "graph":
        return result.triples or ""
    if result.kind == "select":
        result = QueryResult(result.kind, result.variables, _unique(list(result.rows)))
    if fmt == "json":
        return _json(result)
    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "table":
        return _table(result, width)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t" if fmt == "tsv" else ",")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_cell(t) for t in row])
    return buffer.getvalue()
