"""The explorer: one offline page linking a timeline (vis-timeline) to the network (vis-network).

Everything shown comes from the store through SPARQL (:func:`explorer_data`); the page
(:func:`render_explorer`) inlines vis-network from the pyvis wheel, vis-timeline from the
npm package fetched by ``make`` (never committed), our glue script and the data as
compact JSON (:mod:`graph.export.pagedata`).
The Content-Security-Policy forbids every request, and the script builds the DOM with
``textContent`` only, so an article's text can never become markup.
"""
from __future__ import annotations

import os
import re
from collections.abc import Mapping
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import InputError
from ..io import atomic_write
from ..ontology import NGT
from ..rdf import CONTEXT_CHARS, event_type_label, mention_offsets
from ..store import Store, Term
from .corpusview import merged_entity, merged_event
from .netgraph import store_to_networkx
from .overview import add_corpus_view, is_corpus
from .network import STYLE, script_json, vis_edges, vis_network_assets, vis_nodes
from .pagedata import pack, squeeze
from .timeline import timeline_span

VIS_TIMELINE_VERSION = "8.5.4"
VIS_TIMELINE_FILE = "vis-timeline-graph2d.min.js"
SENTENCE_LIMIT = 300  # characters kept on each side of the quoted words at most
# Above this many nodes the network draws edges without labels or arrowheads, hides them
# while moving, and gives nodes their labels only once zoomed in far enough to read them.
LARGE_GRAPH = 2000

# One simple query per property: Oxigraph answers each in linear time, where one query of
# many OPTIONALs took minutes at 5,000 events.
EVENT_PROPERTIES: dict[str, str] = {
    "type": "sem:eventType",  # the IRI: its local name is its label
    "edtf": "ng:edtf",
    "precision": "ng:datePrecision",
    "earliest": "sem:hasEarliestBeginTimeStamp",
    "latest": "sem:hasLatestBeginTimeStamp",
    "phrase": "ng:dateDerivation/ng:phrase/nif:anchorOf",
    "anchor": "ng:dateDerivation/ng:anchorDate",
    "rule": "ng:dateDerivation/ng:rule",
    "certainty": "ng:certainty",
    "polarity": "ng:polarity",
    "cue": "ng:factualityCue/nif:anchorOf",
    "text": "schema:text",
    "article": "prov:wasDerivedFrom",
    "quantity": "ng:quantity",
    "qualifier": "ng:quantityQualifier",
}
EVENT_PROPERTY_QUERY = "SELECT ?node ?value WHERE {{ ?node a sem:Event ; {path} ?value }}"
ENTITY_QUERY = """
SELECT ?node ?name ?alias ?title ?article WHERE {
  VALUES ?class { schema:Person schema:Organization schema:Place }
  ?node a ?class ; rdfs:label ?name ; prov:wasDerivedFrom ?article .
  OPTIONAL { ?node skos:altLabel ?alias }
  OPTIONAL { ?node org:holds ?post . ?post rdfs:label ?words .
             OPTIONAL { ?post org:postIn/rdfs:label ?of }
             BIND (IF(BOUND(?of), CONCAT(?words, " of ", ?of), ?words) AS ?title) }
}
"""
# A node's mentions: the words supporting it, and the hedge words of an event.
EVIDENCE_QUERY = """
SELECT ?node ?mention ?exact ?article WHERE {
  ?node gaf:denotedBy|ng:factualityCue ?mention .
  ?mention nif:anchorOf ?exact ; nif:referenceContext ?article .
}
"""
ARTICLES_QUERY = """
SELECT ?article ?headline ?outlet ?url ?published ?body WHERE {
  ?article a schema:NewsArticle .
  OPTIONAL { ?article schema:headline ?headline }
  OPTIONAL { GRAPH ?g { ?article schema:publisher/rdfs:label ?outlet } }  # from the graph of this article only
  OPTIONAL { ?article schema:url ?url }
  OPTIONAL { ?article schema:datePublished ?published }
  OPTIONAL { ?article schema:articleBody ?body }
}
"""


def _v(term: Term | None) -> str | None:
    return None if term is None else term.value


def _rows(store: Store, sparql: str) -> list[dict[str, str | None]]:
    result = store.query(sparql)
    return [dict(zip(result.variables, (_v(t) for t in row))) for row in result.rows]


# ----------------------------------------------------------------------------- pure helpers


_BOUNDARY = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)|\n")
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]\.)*[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Sr|Jr|Gen|Gov|Sen|Rep|Prof|Lt|Col|Capt|Sgt|No|vs|etc|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec))\.$")


def _boundaries(body: str, lo: int, hi: int) -> list[int]:
    """Offsets in ``body[lo:hi]`` where a sentence ends (abbreviations like "Dec." do not)."""
    out = []
    for match in _BOUNDARY.finditer(body, lo, hi):
        if match.group() != "\n":
            head = body[max(0, match.start() - 12) : match.start() + 1]
            after = body[match.end() : match.end() + 3].lstrip()
            if _ABBREVIATION.search(head) and not (after[:1].isupper() and head[-2:-1].islower()):
                continue
            if after[:1].isdigit() or after[:1].islower():
                continue
        out.append(match.end())
    return out


def sentence_around(body: str, start: int, end: int, *, limit: int = SENTENCE_LIMIT) -> tuple[str, str, str]:
    """The sentence holding ``body[start:end]``, split as (before, quoted words, after).

    >>> body = "First one. On Dec. 29, Igor Kochetkov of the U.S. team said it. Last."
    >>> sentence_around(body, 23, 37)
    ('On Dec. 29, ', 'Igor Kochetkov', ' of the U.S. team said it.')
    """
    lo = max(0, start - limit)
    before = _boundaries(body, lo, start)
    begin = before[-1] if before else lo
    after = _boundaries(body, end, min(len(body), end + limit))
    stop = after[0] if after else min(len(body), end + limit)
    return body[begin:start].lstrip(), body[start:end], body[end:stop].rstrip()


# ----------------------------------------------------------------------------- data


def _evidence(store: Store, bodies: Mapping[str, str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    seen: set[tuple[str, str]] = set()
    for row in _rows(store, EVIDENCE_QUERY):
        node, mention, exact, article = row["node"] or "", row["mention"] or "", row["exact"] or "", row["article"] or ""
        if (node, mention) in seen:
            continue
        seen.add((node, mention))
        item: dict[str, Any] = {"exact": exact, "article": article}
        body = bodies.get(article, "")
        found = mention_offsets(mention)
        if found is not None:
            _a, start, end = found
            item["start"], item["end"] = start, end
            item["prefix"] = body[max(0, start - CONTEXT_CHARS) : start]
            item["suffix"] = body[end : end + CONTEXT_CHARS]
            if body[start:end] == exact:
                item["before"], _, item["after"] = sentence_around(body, start, end)
        if "before" not in item:  # no body or offsets
            item["before"], item["after"] = item.get("prefix", ""), item.get("suffix", "")
            item.setdefault("prefix", "")
            item.setdefault("suffix", "")
        out.setdefault(node, []).append(item)
    for items in out.values():
        items.sort(key=lambda e: (e["article"], e.get("start", 0)))
    return out


def _articles(store: Store) -> tuple[dict[str, dict[str, str | None]], dict[str, str]]:
    articles, bodies = {}, {}
    for row in _rows(store, ARTICLES_QUERY):
        iri = row["article"] or ""
        articles[iri] = {"headline": row["headline"] or iri.rpartition("/")[2], "outlet": row["outlet"], "url": row["url"],
                         "published": row["published"]}
        bodies[iri] = row["body"] or ""
    return articles, bodies


def _type_labels(store: Store) -> dict[str, str]:
    """Labels of the event types the ontology does not declare (a graph labels those)."""
    rows = _rows(store, f"SELECT DISTINCT ?t ?label WHERE {{ ?t rdfs:label ?label FILTER (STRSTARTS(STR(?t), '{NGT}')) }}")
    return {row["t"] or "": row["label"] or "" for row in rows}


def _event_values(store: Store) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    types = _type_labels(store)
    for key, path in EVENT_PROPERTIES.items():
        for row in _rows(store, EVENT_PROPERTY_QUERY.format(path=path)):
            value = row["value"]
            if key in ("certainty", "polarity") and value:
                value = value.rpartition("#")[2]
            elif key == "type" and value:
                value = types.get(value) or event_type_label(value)
            out.setdefault(row["node"] or "", {}).setdefault(key, value or "")
    return out


def _event_details(store: Store, articles: Mapping[str, Mapping[str, str | None]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for node, row in _event_values(store).items():
        get = row.get
        detail: dict[str, Any] = {"type": get("type") or "event", "article": get("article"),
                                  "factuality": {"certainty": get("certainty") or "Certain",
                                                 "polarity": get("polarity") or "Positive", "cue": get("cue")}}
        if get("text"):
            detail["text"] = get("text")
        if get("quantity"):
            detail["quantity"] = " ".join(filter(None, (get("qualifier"), get("quantity"))))
        earliest, latest = get("earliest"), get("latest")
        if earliest or latest:
            published = articles.get(get("article") or "", {}).get("published")
            detail["date"] = {"edtf": get("edtf"), "precision": get("precision"), "earliest": earliest,
                              "latest": latest, "phrase": get("phrase"), "anchor": get("anchor"),
                              "rule": get("rule")}
            detail["span"] = timeline_span(get("precision"), earliest, latest, published)
        out[node] = detail
    return out


def _entity_details(store: Store) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for row in _rows(store, ENTITY_QUERY):
        detail = out.setdefault(row["node"] or "", {"aliases": [], "titles": [], "article": row["article"],
                                                    "name": row["name"]})
        for key, value in (("aliases", row["alias"]), ("titles", row["title"])):
            if value and value not in detail[key]:
                detail[key].append(value)
    return out


def explorer_data(store: Store, graph: nx.MultiDiGraph | None = None) -> dict[str, Any]:
    """Everything the page shows, read from the store with SPARQL (``graph``: the store's
    network when the caller already has it)."""
    graph = store_to_networkx(store) if graph is None else graph
    articles, bodies = _articles(store)
    events = _event_details(store, articles)
    entities = _entity_details(store)
    evidence = _evidence(store, bodies)
    members: dict[str, list[str]] = {}  # corpus node -> the article nodes it stands for
    for member, corpus_node in graph.graph.get("canonical", {}).items():  # set by netgraph.contract
        if corpus_node in graph and member not in graph:
            members.setdefault(corpus_node, []).append(member)
    details: dict[str, dict[str, Any]] = {}
    for node, data in graph.nodes(data=True):
        kind = data.get("kind", "event")
        detail = dict(events.get(node) or entities.get(node) or {})
        found = evidence.get(node, [])
        if node in members:
            parts = members[node]
            merge = merged_event if kind in ("event", "statement") else merged_entity
            detail = merge(detail, [events.get(m) or entities.get(m) or {} for m in parts], articles)
            found = sorted((e for m in parts for e in evidence.get(m, [])),
                           key=lambda e: (articles.get(e["article"], {}).get("published") or "", e["article"],
                                          e.get("start", 0)))
        detail.pop("name", None)
        detail.update(label=data.get("label", ""), kind=kind, evidence=found)
        details[node] = detail
    edges = vis_edges(graph)
    dated = [n for n, d in details.items() if d["kind"] in ("event", "statement") and "span" in d]
    undated = [n for n, d in details.items() if d["kind"] in ("event", "statement") and "span" not in d]
    actor_ids = {e["to"] for e in edges if e["label"] in ("agent", "patient", "participant", "speaker", "addressee")}
    data = {
        "legend": STYLE,
        "nodes": vis_nodes(graph, layout=not is_corpus(articles)),  # a corpus draws its overview
        "edges": edges,
        "details": details,
        "articles": articles,
        "timeline": sorted(dated, key=lambda n: (details[n]["span"]["start"], details[n]["label"])),
        "undated": sorted(undated, key=lambda n: details[n]["label"]),
        "types": sorted({d["type"] for d in details.values() if d["kind"] in ("event", "statement")}),
        "actors": sorted(([a, details[a]["label"]] for a in actor_ids if a in details), key=lambda p: (p[1], p[0])),
        "large": graph.number_of_nodes() > LARGE_GRAPH,
    }
    add_corpus_view(data, store, graph)
    return data


# ----------------------------------------------------------------------------- page


def vendor_dir() -> Path:
    """``$NEWSGRAPH_VENDOR``, or ``.cache/vendor`` in the repository."""
    env = os.environ.get("NEWSGRAPH_VENDOR")
    return Path(env) if env else Path(__file__).resolve().parents[2] / ".cache" / "vendor"


def vis_timeline_js() -> str:
    """vis-timeline's standalone UMD build, fetched from npm by ``make`` (never committed)."""
    path = vendor_dir() / VIS_TIMELINE_FILE
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        raise InputError(
            f"{path}: vis-timeline is missing; run `make run` (or `npm pack vis-timeline@{VIS_TIMELINE_VERSION}` "
            f"and copy package/standalone/umd/{VIS_TIMELINE_FILE} there, or set NEWSGRAPH_VENDOR)"
        ) from None


def _resource(name: str) -> str:
    return (resources.files("graph.resources") / name).read_text(encoding="utf-8")


EXPLORER_MODULES = ("dom", "model", "network", "timeline", "strip", "panel", "controls", "main")
"""The explorer's scripts (``graph/resources/explorer/``), in the order the page joins them."""


def explorer_js() -> str:
    """The explorer's modules joined into the one script the offline page inlines."""
    return "\n".join(_resource(f"explorer/{name}.js") for name in EXPLORER_MODULES)


def _inline_script(js: str) -> str:
    return js.replace("</script", "<\\/script").replace("<!--", "<\\!--")


_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")


def render_explorer(data: Mapping[str, Any], *, title: str = "newsgraph explorer") -> str:
    """The self-contained page. The data goes in packed (:func:`~graph.export.pagedata.pack`);
    the template is filled in one pass, so nothing inserted (a label reading ``{{DATA}}``,
    say) is ever substituted again."""
    net_js, net_css = vis_network_assets()
    values = {
        "TITLE": escape(title),
        "VIS_NETWORK_CSS": net_css.replace("</", "<\\/"),
        "CSS": (_resource("explorer.css") + _resource("panel.css")).replace("</", "<\\/"),
        "DATA": script_json(squeeze(pack({**data, "title": title}))),
        "VIS_NETWORK_JS": _inline_script(net_js),
        "VIS_TIMELINE_JS": _inline_script(vis_timeline_js()),
        "UNPACK_JS": _inline_script(_resource("pagedata.js")),
        "JS": _inline_script(explorer_js()),
    }
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _resource("explorer.html"))


def write_explorer(store: Store, path: str | os.PathLike[str], *, title: str = "newsgraph explorer",
                   graph: nx.MultiDiGraph | None = None, data: Mapping[str, Any] | None = None) -> Path:
    """Write the explorer for the graph in ``store`` to ``path``, atomically (``data``:
    what :func:`explorer_data` returned, when the caller already has it)."""
    vis_timeline_js()  # fail early, before the queries, when vis-timeline is missing
    atomic_write(path, render_explorer(explorer_data(store, graph) if data is None else data, title=title))
    return Path(path)
