"""SPARQL from the command line: inline, from a file, or by name from ``graph/queries``.

Named queries are ``.rq`` files. Their first comment line is their title; a line
``# param: NAME = description`` declares a variable the user binds with ``--param``.
Values are bound as escaped RDF terms in a VALUES block (``graph.store.bind_values``), never
pasted into the text.

>>> 'timeline' in [q.name for q in named_queries()]
True
>>> format_result(QueryResult("select", ["n"], [(Term("literal", "1"),)]), "csv")
'n\\r\\n1\\r\\n'
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import InputError, QueryError
from .ontology import PREFIXES
from .store import QueryResult, Store, Term

FORMATS = ("table", "csv", "tsv", "json")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    params: dict[str, str]
    text: str


def _parse_named(name: str, text: str) -> NamedQuery:
    lines = [ln[1:].strip() for ln in text.splitlines() if ln.startswith("#")]
    params = {}
    for ln in lines:
        m = re.match(r"param:\s*(\w+)\s*=\s*(.*)", ln)
        if m:
            params[m[1]] = m[2]
    return NamedQuery(name, lines[0] if lines else name, params, text)


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
    """Run ``sparql`` with ``params`` bound as plain literals (or IRIs when written <...>)."""
    bindings = {}
    for key, value in (params or {}).items():
        if value.startswith("<") and value.endswith(">"):
            bindings[key] = Term("uri", value[1:-1])
        else:
            bindings[key] = Term("literal", value)
    return store.query(sparql, bindings=bindings, allow_update=allow_update)


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


def _table(result: QueryResult) -> str:
    header = result.variables
    rows = [[" ".join(_short(t).split()) for t in row] for row in result.rows]
    widths = [len(h) for h in header]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = min(max(widths[i], len(cell)), 60)

    def fmt(cells: list[str]) -> str:
        out = []
        for cell, width in zip(cells, widths):
            cell = cell if len(cell) <= width else cell[: width - 1] + "…"
            out.append(cell.ljust(width))
        return "  ".join(out).rstrip()

    lines = [fmt(header), fmt(["-" * w for w in widths])] + [fmt(r) for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


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


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as an aligned table, CSV, TSV or SPARQL JSON."""
    if result.kind == "graph":
        return result.triples or ""
    if fmt == "json":
        return _json(result)
    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "table":
        return _table(result)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t" if fmt == "tsv" else ",")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_cell(t) for t in row])
    return buffer.getvalue()
