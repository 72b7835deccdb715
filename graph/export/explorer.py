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
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import InputError
from ..gcpause import gc_paused
from ..io import atomic_write
from ..rdf import CONTEXT_CHARS, event_type_label
from ..readmodel import Mention, StoredEntity, StoredEvent, mentions, nodes, same_as
from ..readmodel import articles as read_articles
from ..store import Store
from .corpusview import merged_entity, merged_event
from .netgraph import records_to_networkx
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

# ----------------------------------------------------------------------------- pure helpers


_BOUNDARY = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)|\n")
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]\.)*[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Sr|Jr|Gen|Gov|Sen|Rep|Prof|Lt|Col|Capt|Sgt|No|vs|etc|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec))\.$")


@dataclass(frozen=True)
class SentenceEnds:
    """Where the sentences of one text end (abbreviations like "Dec." do not end one),
    found in one pass for all its mentions: each end's match ``starts``, the offset up to
    which a window must reach to see it (``reach``: its lookahead character included) and
    the ``ends`` themselves, all ascending."""

    starts: list[int]
    reach: list[int]
    ends: list[int]


def sentence_ends(body: str) -> SentenceEnds:
    """The sentence ends of ``body``.

    >>> sentence_ends("On Dec. 29 he left. Then.").ends
    [19]
    """
    out = SentenceEnds([], [], [])
    for match in _BOUNDARY.finditer(body):
        newline = match.group() == "\n"
        if not newline:
            head = body[max(0, match.start() - 12) : match.start() + 1]
            after = body[match.end() : match.end() + 3].lstrip()
            if _ABBREVIATION.search(head) and not (after[:1].isupper() and head[-2:-1].islower()):
                continue
            if after[:1].isdigit() or after[:1].islower():
                continue
        out.starts.append(match.start())
        out.reach.append(match.end() + (0 if newline else 1))
        out.ends.append(match.end())
    return out


def sentence_around(body: str, start: int, end: int, *, limit: int = SENTENCE_LIMIT,
                    ends: SentenceEnds | None = None) -> tuple[str, str, str]:
    """The sentence holding ``body[start:end]``, split as (before, quoted words, after), at
    most ``limit`` characters on each side (``ends``: :func:`sentence_ends` of ``body``,
    when the caller has it).

    >>> body = "First one. On Dec. 29, Igor Kochetkov of the U.S. team said it. Last."
    >>> sentence_around(body, 23, 37)
    ('On Dec. 29, ', 'Igor Kochetkov', ' of the U.S. team said it.')
    """
    ends = sentence_ends(body) if ends is None else ends
    lo, hi = max(0, start - limit), min(len(body), end + limit)
    last = bisect_right(ends.reach, start) - 1  # the last end seen before the words ...
    begin = ends.ends[last] if last >= bisect_left(ends.starts, lo) else lo  # ... within the limit
    first = bisect_left(ends.starts, end)  # the first end after them
    stop = ends.ends[first] if first < len(ends.starts) and ends.reach[first] <= hi else hi
    return body[begin:start].lstrip(), body[start:end], body[end:stop].rstrip()


# ----------------------------------------------------------------------------- data


def _evidence(found: Iterable[Mention], bodies: Mapping[str, str]) -> dict[str, list[dict[str, Any]]]:
    """Each node's mentions as the panel shows them: the words, their sentence, 32 characters around."""
    out: dict[str, list[dict[str, Any]]] = {}
    ends: dict[str, SentenceEnds] = {}
    for m in found:
        body = bodies.get(m.article, "")
        item: dict[str, Any] = {"exact": m.exact, "article": m.article, "start": m.start, "end": m.end,
                                "prefix": body[max(0, m.start - CONTEXT_CHARS) : m.start],
                                "suffix": body[m.end : m.end + CONTEXT_CHARS]}
        if body[m.start : m.end] == m.exact:
            if m.article not in ends:
                ends[m.article] = sentence_ends(body)
            item["before"], _, item["after"] = sentence_around(body, m.start, m.end, ends=ends[m.article])
        else:  # no body, or words that are not at their offsets
            item["before"], item["after"] = item["prefix"], item["suffix"]
        out.setdefault(m.node, []).append(item)
    return out


def _articles(store: Store) -> tuple[dict[str, dict[str, str | None]], dict[str, str]]:
    articles, bodies = {}, {}
    for art in read_articles(store, body=True):
        articles[art.node] = {"headline": art.headline or art.node.rpartition("/")[2], "outlet": art.outlet,
                              "url": art.url, "published": art.published}
        bodies[art.node] = art.body or ""
    return articles, bodies


def _event_details(found: Iterable[StoredEvent],
                   articles: Mapping[str, Mapping[str, str | None]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for ev in found:
        detail: dict[str, Any] = {
            "type": ev.type_label or (event_type_label(ev.type) if ev.type else "event"), "article": ev.article,
            "factuality": {"certainty": (ev.certainty or "").rpartition("#")[2] or "Certain",
                           "polarity": (ev.polarity or "").rpartition("#")[2] or "Positive", "cue": ev.cue}}
        if ev.text:
            detail["text"] = ev.text
        if ev.disputed == "true":
            detail["disputed"] = True
        if ev.quantity:
            detail["quantity"] = " ".join(filter(None, (ev.qualifier, ev.quantity)))
        if ev.earliest or ev.latest:
            published = articles.get(ev.article or "", {}).get("published")
            detail["date"] = {"edtf": ev.edtf, "precision": ev.precision, "earliest": ev.earliest,
                              "latest": ev.latest, "phrase": ev.phrase, "anchor": ev.anchor, "rule": ev.rule}
            detail["span"] = timeline_span(ev.precision, ev.earliest, ev.latest, published)
        out.setdefault(ev.node, detail)
    return out


def _entity_details(found: Iterable[StoredEntity]) -> dict[str, dict[str, Any]]:
    return {ent.node: {"aliases": list(ent.aliases), "titles": list(dict.fromkeys(t.text for t in ent.titles)),
                       "article": ent.article, "name": ent.label} for ent in found}


@gc_paused()
def explorer_data(store: Store, graph: nx.MultiDiGraph | None = None) -> dict[str, Any]:
    """Everything the page shows, read from the store with SPARQL (``graph``: the store's
    network when the caller already has it)."""
    found = nodes(store, details=True)
    people, happenings = found.entities, found.events
    if graph is None:
        graph = records_to_networkx(people, happenings, same_as(store))
    articles, bodies = _articles(store)
    events = _event_details(happenings, articles)
    entities = _entity_details(people)
    evidence = _evidence(mentions(store), bodies)
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


EXPLORER_MODULES = ("dom", "model", "network", "timeindex", "notice", "timeline", "strip", "panel", "controls", "main")
"""The explorer's scripts (``graph/resources/explorer/``), in the order the page joins them."""


def explorer_js() -> str:
    """The explorer's modules joined into the one script the offline page inlines."""
    return "\n".join(_resource(f"explorer/{name}.js") for name in EXPLORER_MODULES)


def _inline_script(js: str) -> str:
    return js.replace("</script", "<\\/script").replace("<!--", "<\\!--")


_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")


@gc_paused()
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
