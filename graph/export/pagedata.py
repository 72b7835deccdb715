"""The explorer's data packed for the page: the same content in about a quarter of the bytes.

:func:`graph.export.explorer.explorer_data` is readable, keyed by IRI, one dictionary per
node. At 5,000 events that is 15 MB of JSON, and chromium spends some 35 ms per megabyte
just reading a page from disk before any script runs. :func:`pack` writes it smaller:

- nodes are numbered (``ids``, minus the ``base`` all IRIs share, each written after the
  length of what it shares with the one before: :func:`front_code`); edges, the timeline,
  the undated list and the actors refer to nodes by number;
- an edge is three numbers in one flat list (source, target, role), the source as the step
  from the previous edge's, the target as the step from its source (:func:`_steps`): a
  corpus's nodes are numbered article by article, so the numbers stay small;
- a date and a factuality are short lists (the usual factuality, certain and positive with
  no cue, is left out); a timeline span only when it is not the one ``pagedata.js``
  computes from the date (:func:`~graph.export.timeline.timeline_span`);
- the actors' overview is in columns, positions in whole pixels, and a link is its two
  actors and its weight: the page finds the events they share in the edges;
- evidence sentences are cut out of ``passages``: per article, the stretches of text that
  some quoted sentence covers, each written once however many quotes fall in it. A quote
  is then six numbers (:data:`SHORT`, or eight: :data:`ANCHORED`); one whose context does not fit the passages
  keeps its own strings (:data:`LOOSE`);
- a corpus page's nodes carry no position (it draws the actors' overview), and what only
  the panel shows (evidence and passages, a date's derivation, factuality, aliases,
  merges, sources...) is in gzipped, base64 chunks (``more``, :func:`_deferred`) that
  the browser unpacks after the first drawing, or a node's when the panel asks for it;
  the explorer page sends the rest gzipped too (:func:`squeeze`).

``newsgraphUnpack`` in ``pagedata.js`` reads it back into the shape of :func:`explorer_data`.
Positions inside passages count UTF-16 code units, as JavaScript strings do; ``start``
and ``end`` stay the store's character offsets, which the panel shows.
"""
from __future__ import annotations

import base64
import gzip
import json
import os
from collections.abc import Mapping, Sequence
from typing import Any

from .overview import LINK_ROLES
from .timeline import timeline_span

FORMAT = 2
# An evidence quote: [article, start, end, passage, before, exact, end of exact, end of after],
# the last four in UTF-16 units inside the passage's text.
ANCHORED = ("article", "start", "end", "passage", "begin", "exact", "exact_end", "stop")
# ... shorter when the passage holds no character beyond the Basic Multilingual Plane (so
# UTF-16 units are characters): start and end are the passage's offset plus exact, exact_end.
SHORT = ("article", "passage", "begin", "exact", "exact_end", "stop")
# ... or, when it cannot point into a passage: [article, start, end, before, exact, after].
LOOSE = ("article", "start", "end", "before", "exact", "after")
DATE_FIELDS = ("edtf", "precision", "earliest", "latest", "phrase", "anchor", "rule")
SPAN_FIELDS = ("start", "end", "type", "className")
FACTUALITY_FIELDS = ("certainty", "polarity", "cue")
FACTUAL = ["Certain", "Positive", None]  # the usual factuality, left out

Passage = tuple[int, str]  # (offset in the article, text)


def utf16_offsets(text: str) -> list[int] | None:
    """For each character offset in ``text`` (and its end), the UTF-16 offset; None when
    they are the same (no character beyond the Basic Multilingual Plane).

    >>> utf16_offsets("ab"), utf16_offsets("a\U0001F600b")
    (None, [0, 1, 3, 4])
    """
    if text.isascii() or len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):  # no pair: the same
        return None
    out = [0]
    for c in text:
        out.append(out[-1] + (2 if ord(c) > 0xFFFF else 1))
    return out


def merge_passages(quotes: Sequence[tuple[int, str]]) -> tuple[list[Passage], list[int | None]]:
    """Join overlapping or touching stretches of one article's text into passages.

    ``quotes`` are (offset, text) pairs; returns the passages and, for each quote, the
    index of the passage that holds it, or None when its text disagrees with another
    quote's text over the same characters.

    >>> merge_passages([(0, "Hello world."), (6, "world. Bye"), (30, "Far away"), (2, "XX"), (1, "ello")])
    ([(0, 'Hello world. Bye'), (30, 'Far away')], [0, 0, 1, None, 0])
    """
    order = sorted(range(len(quotes)), key=lambda i: (quotes[i][0], -len(quotes[i][1])))
    passages: list[Passage] = []
    where: list[int | None] = [None] * len(quotes)
    for i in order:
        offset, text = quotes[i]
        if passages and offset <= passages[-1][0] + len(passages[-1][1]):
            start, held = passages[-1]
            shared = min(len(held) - (offset - start), len(text))
            if held[offset - start : offset - start + shared] != text[:shared]:
                continue  # disagrees with the text already there: the quote stays loose
            if len(text) > shared:
                passages[-1] = (start, held + text[shared:])
        else:
            passages.append((offset, text))
        where[i] = len(passages) - 1
    return passages, where


def front_code(ids: Sequence[str]) -> list[str]:
    """Each id as the length of the start it shares with the one before, a space, and the rest.

    >>> front_code(["a/person/x", "a/person/y", "b/z"])
    ['0 a/person/x', '9 y', '0 b/z']
    """
    out, previous = [], ""
    for node in ids:
        shared = len(os.path.commonprefix([previous, node]))
        out.append(f"{shared} {node[shared:]}")
        previous = node
    return out


def _steps(numbers: Sequence[int]) -> list[int]:
    """Each number as the step from the one before.

    >>> _steps([5, 7, 7, 2])
    [5, 2, 0, -5]
    """
    return [n - (numbers[i - 1] if i else 0) for i, n in enumerate(numbers)]


def _common_base(ids: Sequence[str]) -> str:
    """The longest prefix of all ``ids`` ending in "/" (empty when they share none)."""
    prefix = os.path.commonprefix(list(ids)) if ids else ""
    return prefix[: prefix.rfind("/") + 1]


class _Packer:
    """Numbers articles and collects the quotes to cut out of passages."""

    def __init__(self, articles: Mapping[str, Any]) -> None:
        self.articles: list[str] = list(articles)
        self.article_index = {iri: i for i, iri in enumerate(self.articles)}
        self.quotes: dict[int, list[tuple[int, str]]] = {}  # article -> (offset, before + exact + after)
        self.anchored: list[tuple[int, int, list[Any]]] = []  # (article, quote number, packed quote)
        self.offsets: list[list[int]] = []  # per article, where each passage starts (set by passages())

    def article(self, iri: str | None) -> int | None:
        if not iri:
            return None
        if iri not in self.article_index:
            self.article_index[iri] = len(self.articles)
            self.articles.append(iri)
        return self.article_index[iri]

    def evidence(self, items: Sequence[Mapping[str, Any]]) -> list[list[Any]]:
        """The quotes, LOOSE for now: :meth:`passages` anchors those it can."""
        out: list[list[Any]] = []
        for item in items:
            article = self.article(item.get("article"))
            before, exact, after = item.get("before", ""), item.get("exact", ""), item.get("after", "")
            start, end = item.get("start"), item.get("end")
            packed = [article, start, end, before, exact, after]
            out.append(packed)
            if article is not None and start is not None and end is not None and end - start == len(exact):
                quotes = self.quotes.setdefault(article, [])
                quotes.append((start - len(before), before + exact + after))
                self.anchored.append((article, len(quotes) - 1, packed))
        return out

    def passages(self) -> list[list[str]]:
        """Each article's passages; the quotes that fit become SHORT or ANCHORED (changed in place)."""
        texts: list[list[str]] = [[] for _ in self.articles]
        placed: dict[int, tuple[list[Passage], list[int | None]]] = {}
        for article, quotes in self.quotes.items():
            placed[article] = merge_passages(quotes)
            texts[article] = [text for _, text in placed[article][0]]
        units = {(a, i): utf16_offsets(text)
                 for a, (passages, _) in placed.items() for i, (_, text) in enumerate(passages)}
        for article, number, packed in self.anchored:
            passages, where = placed[article]
            index = where[number]
            if index is None:
                continue
            begin = self.quotes[article][number][0] - passages[index][0]
            bounds = [begin, begin + len(packed[3]), begin + len(packed[3]) + len(packed[4]),
                      begin + len(packed[3]) + len(packed[4]) + len(packed[5])]
            table = units[(article, index)]
            if table is None:  # SHORT: start and end follow from the passage's offset
                packed[1:] = [index, *bounds]
            else:
                packed[3:] = [index, *[table[b] for b in bounds]]
        self.offsets = [[offset for offset, _ in placed[a][0]] if a in placed else [] for a in range(len(self.articles))]
        return texts


def _date(date: Mapping[str, Any]) -> list[Any]:
    return [date.get(k) for k in DATE_FIELDS]


def squeeze(packed: dict[str, Any]) -> dict[str, Any]:
    """A corpus page's packed data as two gzipped, base64 strings: ``gz``, all that the
    page needs to open, and ``more`` (:func:`_deferred`); any other page as it is. Chromium
    reads a page at some 35 ms per MB before any script runs, and gunzips far faster.

    >>> squeeze({"corpus": False, "ids": ["e"]})
    {'corpus': False, 'ids': ['e']}
    >>> sorted(squeeze({"corpus": True, "ids": ["e"], "more": {"details": ["H4sI"]}}))
    ['corpus', 'format', 'gz', 'more']
    """
    if not packed.get("corpus"):
        return packed
    eager = {k: v for k, v in packed.items() if k != "more"}
    return {"format": packed.get("format", FORMAT), "corpus": True, "gz": _gzip64(eager), "more": packed.get("more")}


def _gzip64(value: object) -> str:
    """``value`` as JSON, gzipped (no timestamp: the same page twice is the same bytes), in base64."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return base64.b64encode(gzip.compress(text.encode("utf-8"), 6, mtime=0)).decode("ascii")


def pack(data: Mapping[str, Any]) -> dict[str, Any]:
    """The page's JSON for ``data`` (:func:`~graph.export.explorer.explorer_data`'s output).

    >>> data = {"legend": {"event": {}}, "large": False, "types": ["arrest"],
    ...     "nodes": [{"id": "http://x/e", "label": "E", "kind": "event", "x": 1.0, "y": 2.0, "size": 10.0},
    ...               {"id": "http://x/p", "label": "P", "kind": "person", "x": 0.0, "y": 0.0, "size": 10.0}],
    ...     "edges": [{"from": "http://x/e", "to": "http://x/p", "label": "agent"}],
    ...     "details": {"http://x/e": {"label": "E", "kind": "event", "type": "arrest", "article": "http://x/a",
    ...                                "evidence": [{"article": "http://x/a", "start": 3, "end": 4,
    ...                                              "before": "On ", "exact": "E", "after": "."}]},
    ...                 "http://x/p": {"label": "P", "kind": "person", "aliases": [], "titles": [], "evidence": []}},
    ...     "articles": {"http://x/a": {"headline": "H", "outlet": None, "url": None, "published": None}},
    ...     "timeline": [], "undated": ["http://x/e"], "actors": [["http://x/p", "P"]]}
    >>> packed = pack(data)
    >>> packed["base"], packed["ids"], packed["edges"], packed["roles"]
    ('http://x/', ['0 e', '0 p'], [0, 1, 0], ['agent'])
    >>> packed["details"][0]["evidence"], packed["passages"], packed["offsets"]
    ([[0, 0, 0, 3, 4, 5]], [['On E.']], [[0]])
    """
    nodes = data["nodes"]
    ids = [n["id"] for n in nodes]
    index = {node: i for i, node in enumerate(ids)}
    base = _common_base(ids)
    kinds = list(data["legend"])
    for n in nodes:
        if n["kind"] not in kinds:
            kinds.append(n["kind"])
    kind_index = {k: i for i, k in enumerate(kinds)}
    roles: list[str] = []
    role_index: dict[str, int] = {}
    edges: list[int] = []
    for e in data["edges"]:
        if e["label"] not in role_index:
            role_index[e["label"]] = len(roles)
            roles.append(e["label"])
        edges += (index[e["from"]], index[e["to"]], role_index[e["label"]])
    edges[0::3], edges[1::3] = _steps(edges[0::3]), [t - f for f, t in zip(edges[0::3], edges[1::3])]
    packer = _Packer(data["articles"])
    corpus = bool(data.get("corpus"))
    details: list[dict[str, Any]] = []
    packed_nodes: list[list[Any]] = []
    for n in nodes:
        detail = data["details"].get(n["id"], {})
        label = detail.get("label", n["label"])
        # a corpus page draws the actors' overview: its nodes need no position nor size
        row: list[Any] = [kind_index[n["kind"]], label] if corpus else [kind_index[n["kind"]], n["x"], n["y"], n["size"], label]
        if n["label"] != label:
            row.append(n["label"])
        packed_nodes.append(row)
        details.append(_detail(detail, packer, data["articles"]))
    passages = packer.passages()
    more = _deferred(details, passages, packer.offsets) if corpus else None
    articles = [[iri, *(data["articles"].get(iri, {}).get(k) for k in ("headline", "outlet", "url", "published"))]
                for iri in packer.articles]
    return {
        "format": FORMAT,
        "title": data.get("title"),
        "legend": data["legend"],
        "large": data["large"],
        "types": data["types"],
        "base": base,
        "ids": front_code([node[len(base) :] for node in ids]),
        "kinds": kinds,
        "nodes": _columns(packed_nodes, details) if corpus else packed_nodes,
        "roles": roles,
        "edges": edges,
        "details": None if corpus else details,
        "articles": articles,
        "passages": [] if more else passages,
        "offsets": [] if more else packer.offsets,
        "more": more,
        "timeline": [index[n] for n in data["timeline"]],
        "undated": [index[n] for n in data["undated"]],
        "actors": [index[a] for a, _ in data["actors"]],
        "corpus": corpus,
        "overview": _overview(data.get("overview"), index),
    }


def _columns(nodes: list[list[Any]], details: list[dict[str, Any]]) -> dict[str, Any]:
    """A corpus page's nodes and what it shows of them at first, in columns (JSON reads a
    list of 280,000 strings far faster than 280,000 small objects): ``kind``, ``label``,
    ``short`` (the labels drawn shorter, by node), ``type`` (an index in ``types``, -1 for
    none), ``article`` (as steps, -1 for none), the ``dated`` nodes (as steps) and their
    date's ``edtf``, ``precision``, ``earliest`` and ``latest``, and ``span``: the spans
    that are not the one their date gives (by node; 0 for none).

    >>> _columns([[0, "Acme"], [1, "Sale", "Sale!"]], [{"article": 0}, {"type": "sale", "article": 0,
    ...     "date": ["2020", "year", "2020-01-01", "2020-12-31"]}])["dated"]
    [1]
    """
    types: list[str] = []
    type_index: dict[str, int] = {}
    for d in details:
        if "type" in d and d["type"] not in type_index:
            type_index[d["type"]] = len(types)
            types.append(d["type"])
    dated = [i for i, d in enumerate(details) if "date" in d]
    return {
        "kind": [n[0] for n in nodes], "label": [n[1] for n in nodes],
        "short": {i: n[2] for i, n in enumerate(nodes) if len(n) > 2},
        "types": types, "type": [type_index.get(d.get("type"), -1) if "type" in d else -1 for d in details],
        "article": _steps([d["article"] if d.get("article") is not None else -1 for d in details]),
        "dated": _steps(dated),
        **{field: [details[i]["date"][k] for i in dated] for k, field in enumerate(DATE_FIELDS[:4])},
        "span": {i: d["span"] for i, d in enumerate(details) if "span" in d},
    }


DEFERRED = ("text", "quantity", "aliases", "titles", "merges", "factuality", "evidence", "sources")
"""What a corpus page's panel alone shows, sent compressed (:func:`_deferred`); a date's
``phrase``, ``anchor`` and ``rule`` go with them, as ``derivation``."""


CHUNK_NODES = 8192  # nodes per chunk of a corpus page's deferred details
CHUNK_ARTICLES = 256  # articles per chunk of their passages


def _deferred(details: list[dict[str, Any]], passages: list[list[str]], offsets: list[list[int]]) -> dict[str, Any]:
    """Take what only the panel shows out of ``details`` (changed in place) and return it,
    with the passages and their offsets, in chunks of base64 gzipped JSON: ``details``, a
    list ({...} or 0 per node) per :data:`CHUNK_NODES` nodes, and ``passages``, ``{"passages":
    [...], "offsets": [...]}`` per :data:`CHUNK_ARTICLES` articles. A corpus page opens
    without reading them, and unpacks them in the browser (``DecompressionStream``) once it
    is drawn, or those of a node when the panel first asks for it.

    >>> details = [{"type": "sale", "date": ["2020", "year", "2020-01-01", "2020-12-31", "in 2020", None, "year"],
    ...             "evidence": [[0, 3, 7, 0, 0, 3, 7, 8]]}, {"aliases": ["Acme Corp"]}, {}]
    >>> more = _deferred(details, [["In 2020."]], [[0]])
    >>> details
    [{'type': 'sale', 'date': ['2020', 'year', '2020-01-01', '2020-12-31']}, {}, {}]
    >>> json.loads(gzip.decompress(base64.b64decode(more["details"][0])))[:2]
    [{'evidence': [[0, 3, 7, 0, 0, 3, 7, 8]], 'derivation': ['in 2020', None, 'year']}, {'aliases': ['Acme Corp']}]
    >>> more["nodes"], len(more["passages"])
    (8192, 1)
    """
    out: list[Any] = []
    for detail in details:
        later = {key: detail.pop(key) for key in DEFERRED if key in detail}
        if "date" in detail:
            later["derivation"] = detail["date"][4:]
            detail["date"] = detail["date"][:4]
        out.append(later or 0)
    return {"nodes": CHUNK_NODES, "articles": CHUNK_ARTICLES,
            "details": [_gzip64(out[i : i + CHUNK_NODES]) for i in range(0, len(out), CHUNK_NODES)],
            "passages": [_gzip64({"passages": passages[i : i + CHUNK_ARTICLES], "offsets": offsets[i : i + CHUNK_ARTICLES]})
                         for i in range(0, len(passages), CHUNK_ARTICLES)]}


def _overview(overview: Mapping[str, Any] | None, index: Mapping[str, int]) -> dict[str, Any] | None:
    """The actors' overview (:mod:`graph.export.overview`) by node number, in columns: the
    actors (as steps, :func:`_steps`), their whole-pixel ``x`` and ``y``, ``events`` and
    ``community``, the positions in that list of the ``labelled``; ``links`` as a flat list
    of (step from the previous link's first actor, step from it to the second, weight); the
    ``isolated`` and ``minor`` as steps. A link's events are not sent: they are the events
    both actors take part in by one of the ``linkRoles``, which the page finds in the edges."""
    if not overview:
        return None
    nodes, links = overview["nodes"], overview["edges"]
    ends = [(index[e["from"]], index[e["to"]]) for e in links]
    flat: list[int] = []
    for (a, b), step, link in zip(ends, _steps([a for a, _ in ends]), links):
        flat += (step, b - a, link["weight"])
    return {"nodes": _steps([index[n["id"]] for n in nodes]),
            "x": [round(n["x"]) for n in nodes], "y": [round(n["y"]) for n in nodes],
            "events": [n["events"] for n in nodes], "community": [n["community"] for n in nodes],
            "labelled": [i for i, n in enumerate(nodes) if n["label"]],
            "links": flat,
            "linkRoles": list(LINK_ROLES),
            "isolated": _steps([index[n] for n in overview["isolated"]]),
            "minor": _steps([index[n] for n in overview.get("minor", ())])}


def _detail(detail: Mapping[str, Any], packer: _Packer, articles: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("type", "text", "quantity", "aliases", "titles", "merges"):
        if detail.get(key):
            out[key] = detail[key]
    if detail.get("article"):
        out["article"] = packer.article(detail["article"])
    if "date" in detail:
        out["date"] = _date(detail["date"])
    if "span" in detail and not _usual_span(detail, articles):
        out["span"] = [detail["span"].get(k) for k in SPAN_FIELDS]
    elif "date" in detail and "span" not in detail:
        out["span"] = 0  # none, where the page would compute one
    if "factuality" in detail:
        factuality = [detail["factuality"].get(k) for k in FACTUALITY_FIELDS]
        if factuality != FACTUAL:
            out["factuality"] = factuality
    if detail.get("evidence"):
        out["evidence"] = packer.evidence(detail["evidence"])
    if detail.get("sources"):  # a corpus node: [article, the date it gives, its words, its count]
        out["sources"] = [[packer.article(a), *rest] for a, *rest in detail["sources"]]
    return out


def _usual_span(detail: Mapping[str, Any], articles: Mapping[str, Any]) -> bool:
    """Whether ``detail``'s span is the one its date gives (``timelineSpan`` in
    ``pagedata.js`` computes it again), with its article's publication date for an open range."""
    date = detail.get("date")
    if not date or date.get("precision") == "disputed":
        return False
    published = articles.get(detail.get("article") or "", {}).get("published")
    try:
        return timeline_span(date.get("precision"), date.get("earliest"), date.get("latest"), published) == detail["span"]
    except ValueError:  # no bound, or a malformed date: not the usual span
        return False
