"""The articles in a store, one row each: date, outlet, headline, URL and what was found in it.

Only terms every article graph keeps are read (``schema:NewsArticle``,
``schema:datePublished``, ``schema:url``, ``schema:headline``, ``schema:publisher``,
``rdfs:label``; ``schema:Person``/``Organization``/``Place``, ``sem:Event`` and
``schema:Quotation`` for the counts), each article from its own named graph.

>>> row = ArticleRow("a-1", "2017-04-03", "Novaya Gazeta", "Chechen police", "https://x.org/1", 4, 3, 1)
>>> print(format_articles([row], "csv"), end="")
date,outlet,headline,url,entities,events,statements,id
2017-04-03,Novaya Gazeta,Chechen police,https://x.org/1,4,3,1,a-1
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict, dataclass

from .ontology import GRAPH
from .readmodel import ArticleCounts, article_counts, articles
from .store import INTERNAL_GRAPHS, Store

FORMATS = ("table", "csv", "json")
COLUMNS = ("date", "outlet", "headline", "url", "entities", "events", "statements")

@dataclass(frozen=True)
class ArticleRow:
    id: str
    date: str
    outlet: str
    headline: str
    url: str
    entities: int
    events: int
    statements: int


def _article_id(graph: str) -> str:
    return graph[len(str(GRAPH)):] if graph.startswith(str(GRAPH)) else graph


def list_articles(store: Store) -> list[ArticleRow]:
    """Every article graph's article, by date, then outlet and headline (two queries)."""
    counts = article_counts(store)
    rows: dict[str, ArticleRow] = {}
    for art in articles(store, corpus=False):
        if art.graph.startswith(INTERNAL_GRAPHS) or art.graph in rows or not art.published:
            continue
        found = counts.get(art.graph, ArticleCounts())
        rows[art.graph] = ArticleRow(_article_id(art.graph), art.published[:10], art.outlet or "", art.headline or "",
                                     art.url or "", found.entities, found.events, found.statements)
    return sorted(rows.values(), key=lambda r: (r.date, r.outlet, r.headline, r.id))


def headline(store: Store, article_id: str) -> str | None:
    """The article's headline, else its URL, read from its own graph; None when it holds neither.

    >>> from graph.store import open_store
    >>> import tempfile
    >>> headline(open_store(tempfile.mkdtemp() + "/s", create=True), "a-0") is None
    True
    """
    rows = store.select_values(f"""SELECT ?headline ?url WHERE {{ GRAPH <{GRAPH}{article_id}> {{
      ?a a schema:NewsArticle . OPTIONAL {{ ?a schema:headline ?headline }} OPTIONAL {{ ?a schema:url ?url }} }} }}""")
    return next((h or u for h, u in rows if h or u), None)


def format_articles(rows: list[ArticleRow], fmt: str = "table", *, width: int | None = None) -> str:
    """The rows as an aligned table fitting ``width``, CSV, or a JSON array of objects."""
    if fmt == "json":
        return json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([*COLUMNS, "id"])
        for r in rows:
            writer.writerow([getattr(r, c) for c in COLUMNS] + [r.id])
        return buffer.getvalue()
    from .table import render_table

    body = [[str(getattr(r, c)) for c in COLUMNS] for r in rows]
    for cells in body:  # the scheme says nothing in a narrow column; CSV and JSON keep it
        cells[COLUMNS.index("url")] = re.sub(r"^https?://(www\.)?", "", cells[COLUMNS.index("url")])
    table = render_table(list(COLUMNS), body, width=width, count=False, first=(COLUMNS.index("url"),))
    return table + f"({len(rows)} article{'s' if len(rows) != 1 else ''})\n"


__all__ = ["ArticleRow", "FORMATS", "format_articles", "headline", "list_articles"]
