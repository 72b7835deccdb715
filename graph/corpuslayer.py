"""The corpus layer: the corpus graph (``graph/corpus``) that ties the article graphs into one story.

It is computed from every article graph (:func:`rebuild_corpus`): entity resolution
(:mod:`graph.resolve`) gives one canonical node per person, organization and place; event
coreference (:mod:`graph.coref`) one corpus event per thing several outlets report.
Article nodes are linked to them by ``owl:sameAs``; conflicting details stay on each
article's own node. Corpus ids are stable (:func:`stable_ids`), and only the blocks whose
digest changed are rewritten. Ingest and remove (:mod:`graph.ingest`) call
:func:`begin_changes` before they change articles and :func:`end_changes` after, so an
interrupted run leaves the corpus graph marked stale for the next one.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Literal

from .coref import EventRecord, corefer
from .gcpause import gc_paused
from .model import Corpus, CorpusEntity, CorpusEvent, EntityKind, MergeRecord, Role, slug
from .ontology import ID, NG, NGT, OWL
from .rdf import Block, corpus_blocks, corpus_graph_iri, corpus_nodes, entity_kind, roles_from
from .readmodel import EVENT_DETAILS, ArticleRecords
from .readmodel import article_records as read_records
from .resolve import MergeRules, NameRecord, resolve
from .store import INTERNAL_GRAPHS, Store, Term
from .store.base import term_sparql

CORPUS_GRAPH = str(corpus_graph_iri())
STALE_GRAPH = INTERNAL_GRAPHS + "corpus-stale"  # present while the corpus graph may be out of date


RECORDS_GRAPH = INTERNAL_GRAPHS + "corpus-records"  # the record index: one JSON literal per article graph
RECORDS = f"{NG}records"

# What the corpus layer reads of an article graph: (select, pattern) per part. Each query
# is one join at most: at 10 k articles, one query with seven OPTIONALs took 28 s where
# these took 17 s, and an article is found from its graph, not by a join.
def index_records(store: Store, records: dict[str, ArticleRecords], removed: Iterable[str] = (), *,
                  replace_all: bool = False) -> None:
    """Keep ``records`` in the record index (:data:`RECORDS_GRAPH`), replacing what the
    index held for those graphs, and drop the ``removed`` graphs: one update."""
    rows = "".join(f"<{g}> <{RECORDS}> {term_sparql(Term('literal', json.dumps(r, separators=(',', ':'))))} .\n"
                   for g, r in sorted(records.items()))
    gone = " ".join(f"<{g}>" for g in sorted({*records, *removed}))
    delete = (f"DROP SILENT GRAPH <{RECORDS_GRAPH}>" if replace_all else
              f"DELETE {{ GRAPH <{RECORDS_GRAPH}> {{ ?g <{RECORDS}> ?r }} }} WHERE {{ VALUES ?g {{ {gone} }} "
              f"GRAPH <{RECORDS_GRAPH}> {{ ?g <{RECORDS}> ?r }} }}")
    if gone or replace_all:
        store.update(delete + (f" ;\nINSERT DATA {{ GRAPH <{RECORDS_GRAPH}> {{\n{rows}}} }}" if rows else ""))


def indexed_records(store: Store) -> dict[str, ArticleRecords]:
    """Every article graph's records from the record index: one query."""
    rows = store.select_values(f"SELECT ?g ?r WHERE {{ GRAPH <{RECORDS_GRAPH}> {{ ?g <{RECORDS}> ?r }} }}")
    return {g: json.loads(r) for g, r in rows}  # type: ignore[arg-type,misc]


def stable_ids(clusters: list[tuple[str, tuple[dt.date, str]]]) -> list[str]:
    """A corpus id per ``(base, (first published, first member node))``, in input order.

    Of the clusters that share a base (``kind/slug``), the one first reported (earliest
    publication, then node IRI) takes the base itself, and each other one adds 8 hex of
    its first member's SHA-256. So an id depends only on the clusters that share its name:
    ingesting or removing an article that touches none of them never renames it (the old
    numbering, ``-2``, ``-3`` in date order, renamed every later namesake).

    >>> day = dt.date(2020, 1, 1)
    >>> stable_ids([("event/vote", (day, "urn:b")), ("event/vote", (day, "urn:a")), ("event/poll", (day, "urn:c"))])
    ['event/vote-24377bda', 'event/vote', 'event/poll']
    """
    first: dict[str, tuple[dt.date, str]] = {}
    for base, key in clusters:
        if base not in first or key < first[base]:
            first[base] = key
    used: set[str] = set()
    ids: list[str] = []
    for base, key in clusters:
        local = base if key == first[base] else f"{base}-{hashlib.sha256(key[1].encode('utf-8')).hexdigest()[:8]}"
        candidate, n = local, 2
        while candidate in used:  # two clusters with one first member: only with hand-made records
            candidate, n = f"{local}-{n}", n + 1
        used.add(candidate)
        ids.append(candidate)
    return ids


def build_corpus(store: Store, *, merge: bool = True, rules: MergeRules | None = None,
                 records: dict[str, ArticleRecords] | None = None) -> Corpus:
    """The corpus layer computed from every article's records (by default read from the article graphs)."""
    if records is None:
        records = read_records(store)
    graphs = sorted(g for g, r in records.items() if r["article"])
    article_of: dict[str, str] = {}  # article graph -> article
    published: dict[str, dt.date] = {}
    for g in graphs:
        a, p = records[g]["article"][0]
        article_of[g], published[a] = a, dt.date.fromisoformat(p[:10])
    aliases: dict[str, list[str]] = defaultdict(list)
    titles: dict[str, list[str]] = defaultdict(list)
    acting: set[str] = set()
    for g in graphs:
        for e, alias in records[g]["aliases"]:
            aliases[e].append(alias)
        for e, title in records[g]["titles"]:
            titles[e].append(title)
        acting.update(e for (e,) in records[g]["actors"])
    names: list[NameRecord] = []
    seen: set[str] = set()
    for g in graphs:
        for e, kind, label in records[g]["entities"]:
            if e in seen:
                continue
            seen.add(e)
            names.append(NameRecord(e, article_of[g], entity_kind(kind).value, label,  # type: ignore[union-attr]
                                    tuple(sorted(aliases.get(e, ()))), tuple(sorted(titles.get(e, ())))))
    clusters = resolve(names, rules, merge=merge)
    corpus = Corpus(articles=sorted(published), merged=merge)
    canonical: dict[str, str] = {}  # article node -> corpus entity id
    ids = stable_ids([(f"{c.kind}/{slug(c.label)[:60]}", min((published[m.article], m.node) for m in c.members))
                      for c in clusters])
    for cluster, local in zip(clusters, ids):
        members = sorted(m.node for m in cluster.members)
        for m in members:
            canonical[m] = local
        corpus.entities.append(CorpusEntity(
            id=local, kind=EntityKind(cluster.kind), label=cluster.label, members=members,
            articles=sorted({m.article for m in cluster.members}), forms=cluster.forms,
            acts=any(m in acting for m in members),
            merges=[MergeRecord(m.rule, m.form, m.matched) for m in cluster.merges]))
    corpus.events = _corpus_events(records, graphs, article_of, published, canonical, merge)
    return corpus


def _label(cluster: list[EventRecord]) -> str:
    """The label most of the cluster's reports give; the shortest, then first, on a tie."""
    if len(cluster) == 1:
        return cluster[0].label
    labels = Counter(e.label for e in cluster)
    return min(labels, key=lambda x: (-labels[x], len(x), x))


def _event_records(records: dict[str, ArticleRecords], graphs: list[str], article_of: dict[str, str],
                   published: dict[str, dt.date], roles: dict[str, list[tuple[Role, str]]]
                   ) -> tuple[list[EventRecord], dict[str, dict[str, str]]]:
    """One :class:`EventRecord` per article event (its actors as corpus ids), and each
    event's details (:data:`EVENT_DETAILS`, the first value an article gives)."""
    statements = {ev for g in graphs for (ev,) in records[g]["statements"]}
    details: dict[str, dict[str, str]] = defaultdict(dict)
    for name in EVENT_DETAILS:
        field = f"detail:{name}"
        for g in graphs:
            for ev, value in records[g][field]:
                details[ev].setdefault(name, value)
    info: dict[str, dict[str, str]] = {}
    events_in: list[EventRecord] = []
    none: dict[str, str] = {}
    prefix = len(str(NGT))
    for g in graphs:
        a = article_of[g]
        day = published[a]
        for ev, etype, label in records[g]["events"]:
            if ev in info:
                continue
            info[ev] = detail = details.get(ev, none)
            actor_roles = roles.get(ev, ())
            speaker = next((c for r, c in actor_roles if r is Role.SPEAKER), None)
            earliest, latest = detail.get("earliestBegin"), detail.get("latestBegin")
            events_in.append(EventRecord(
                ev, a, day, etype[prefix:], label, frozenset(c for _r, c in actor_roles), speaker,
                ev in statements, _day(earliest) if earliest else None, _day(latest) if latest else None,
                detail.get("datePrecision"), detail.get("quote")))
    return events_in, info


def _corpus_events(records: dict[str, ArticleRecords], graphs: list[str], article_of: dict[str, str],
                   published: dict[str, dt.date], canonical: dict[str, str], merge: bool) -> list[CorpusEvent]:
    roles: dict[str, list[tuple[Role, str]]] = {}
    for ev, pairs in roles_from(tuple(row) for g in graphs for row in records[g]["roles"]).items():  # type: ignore[misc]
        roles[ev] = [(role, canonical[actor]) for role, actor in pairs if actor in canonical]
    events_in, info = _event_records(records, graphs, article_of, published, roles)
    reports: dict[str, list[str]] = defaultdict(list)
    for g in graphs:
        for st, ev in records[g]["reports"]:
            reports[st].append(ev)
    events: list[CorpusEvent] = []
    corpus_of: dict[str, str] = {}
    clusters = corefer(events_in, merge=merge)
    labelled = [(cluster, _label(cluster)) for cluster in clusters]
    ids = stable_ids([(f"{'statement' if cluster[0].is_statement else 'event'}/{slug(label)[:60]}",
                       min((e.published, e.node) for e in cluster)) for cluster, label in labelled])
    for (cluster, label), local in zip(labelled, ids):
        for e in cluster:
            corpus_of[e.node] = local
        events.append(_corpus_event(local, cluster, label, roles, info))
    by_id = {ev.id: ev for ev in events}
    for st, targets in reports.items():
        if st in corpus_of:
            ours = by_id[corpus_of[st]]
            for target in targets:
                ref = corpus_of.get(target)
                if ref and ref not in ours.reports:
                    ours.reports.append(ref)
    for ev in events:
        if len(ev.reports) > 1:
            ev.reports.sort()
    return events


def _corpus_event(local: str, cluster: list[EventRecord], label: str, roles: dict[str, list[tuple[Role, str]]],
                  info: dict[str, dict[str, str]]) -> CorpusEvent:
    """The corpus event of one cluster: its details where every report agrees (one report always does)."""
    first = cluster[0]
    ev = CorpusEvent(id=local, type=first.type, label=label, members=sorted(e.node for e in cluster),
                     articles=sorted({e.article for e in cluster}), is_statement=first.is_statement)
    if len(cluster) == 1:
        detail = info[first.node]
        ev.roles = sorted(set(roles.get(first.node, ())))
        ev.earliest, ev.latest, ev.precision, ev.edtf = first.earliest, first.latest, first.precision, detail.get("edtf")
        if detail.get("quantity") is not None:
            ev.quantity = int(detail["quantity"])
        ev.quote = first.quote
        return ev
    ev.roles = sorted({rc for e in cluster for rc in roles.get(e.node, [])})
    dates = {(e.earliest, e.latest, e.precision, info[e.node].get("edtf")) for e in cluster}
    if len(dates) == 1:
        ev.earliest, ev.latest, ev.precision, ev.edtf = dates.pop()  # type: ignore[assignment]
    quantities = {info[e.node].get("quantity") for e in cluster}
    if len(quantities) == 1 and None not in quantities:
        ev.quantity = int(quantities.pop())  # type: ignore[arg-type]
    ev.date_disputed = len({info[e.node]["edtf"] for e in cluster if info[e.node].get("edtf")}) > 1
    ev.quantity_disputed = len(quantities - {None}) > 1
    quotes = {e.quote for e in cluster}
    if len(quotes) == 1 and None not in quotes:
        ev.quote = quotes.pop()
    return ev


def mark_corpus_stale(store: Store, stale: bool = True) -> None:
    """Mark the corpus graph as possibly out of date, durably, or clear the mark.

    Ingest and remove set it before they change anything and :func:`rebuild_corpus`
    clears it, so an interrupted run leaves it set: the next command can say so, and
    the next ingest, remove or rebuild recomputes the corpus graph.
    """
    if stale:
        store.update(f"INSERT DATA {{ GRAPH <{STALE_GRAPH}> {{ <{ID}corpus> <{NG}stale> true }} }}")
    else:
        store.update(f"DROP SILENT GRAPH <{STALE_GRAPH}>")


def corpus_is_stale(store: Store) -> bool:
    """True when an ingest or remove was interrupted before the corpus graph was recomputed."""
    return bool(store.query(f"ASK {{ GRAPH <{STALE_GRAPH}> {{ ?s ?p ?o }} }}").boolean)


def begin_changes(store: Store) -> bool:
    """Mark the corpus graph stale before articles change; whether it already was."""
    was_stale = corpus_is_stale(store)
    mark_corpus_stale(store)
    return was_stale


def end_changes(store: Store, changed: Iterable[str], removed: Iterable[str], was_stale: bool, merge: bool,
                rules: MergeRules | None, recompute: bool) -> tuple[int, int, int, int] | Literal["deferred"] | None:
    """Bring the corpus graph up to date after the article graphs ``changed`` (written)
    and ``removed``, or when it was already stale (the statistics of
    :func:`rebuild_corpus`), unless ``recompute`` is False: then the mark stays for a
    later rebuild (``"deferred"``). When nothing changed, only clear the mark (None).

    Only the changed articles are read; the others' records come from the record index
    (:func:`indexed_records`). A graph left stale by an earlier run, or an index that does
    not list exactly the store's article graphs (a store loaded from shards, or written by
    an older release), is recomputed from every article graph instead, every triple compared."""
    changed, removed = sorted(set(changed)), sorted(set(removed))
    if not (changed or removed or was_stale):
        mark_corpus_stale(store, False)
        return None
    if not recompute:
        return "deferred"
    with gc_paused():
        if was_stale:
            return rebuild_corpus(store, merge=merge, rules=rules, compare_all=True)
        index_records(store, read_records(store, changed), removed)
        records = indexed_records(store)
        if records.keys() != {g for g in store.graph_iris() if g != CORPUS_GRAPH}:
            return rebuild_corpus(store, merge=merge, rules=rules)
        return rebuild_corpus(store, merge=merge, rules=rules, records=records)


BLOCK_CHUNK = 50_000  # triples inserted per update when blocks are replaced


PRINTS_GRAPH = INTERNAL_GRAPHS + "corpus-fingerprints"  # corpus node -> what its block was rendered from
PRINT = INTERNAL_GRAPHS + "fingerprint"


def _write_corpus(store: Store, corpus: Corpus, compare_all: bool) -> None:
    """Write the blocks that changed. A block is not even rendered when its fingerprint
    (:func:`graph.rdf.corpus_nodes`) is the one its mark stores; any other block is
    rendered, and rewritten (only the triples that differ) when its digest differs from
    the mark's. With ``compare_all``, or when the marks do not describe the stored graph
    (:func:`_stored_marks`), every triple is compared."""
    prints = corpus_nodes(corpus)
    marks = {} if compare_all else _stored_marks(store)
    if not marks:
        blocks = corpus_blocks(corpus)
        store.sync_graph(CORPUS_GRAPH, "".join(block.text for block in blocks.values()))
        rows = "".join(f'<{n}> <{PRINT}> "{prints[n]} {block.digest}" .\n' for n, block in sorted(blocks.items()))
        store.update(f"DROP SILENT GRAPH <{PRINTS_GRAPH}> ;\nINSERT DATA {{ GRAPH <{PRINTS_GRAPH}> {{\n{rows}}} }}")
        return
    blocks = corpus_blocks(corpus, only={n for n in prints if marks.get(n, ("", ""))[0] != prints[n]})
    changed = sorted(n for n in marks.keys() | blocks.keys() if n not in prints
                     or (n in blocks and marks.get(n, ("", ""))[1] != blocks[n].digest))
    _replace_blocks(store, blocks, changed, prints)
    stale_marks = sorted(n for n in blocks if n not in changed)  # same block, new fingerprint
    if stale_marks:
        store.update(_marks_sparql(stale_marks, {n: f"{prints[n]} {blocks[n].digest}" for n in stale_marks}))


MARKS_QUERY = f"SELECT ?n ?f WHERE {{ GRAPH <{PRINTS_GRAPH}> {{ ?n <{PRINT}> ?f }} }}"
DIGEST_COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{CORPUS_GRAPH}> {{ ?node <{NG}contentDigest> ?digest }} }}"


def _stored_marks(store: Store) -> dict[str, tuple[str, str]]:
    """Each stored block's mark: (fingerprint, digest), or nothing when the marks cannot be
    trusted: none stored (an older release), or not one per sealed block (a corpus graph
    dropped or cut down behind our back). A mark is written in the same update as its
    block, so otherwise each mark describes its block; a block edited by hand in place is
    repaired by ``newsgraph rebuild``, which compares every triple. Counting the digests
    costs a fraction of reading them (0.03 s against 1.0 s for 105 k blocks)."""
    rows = store.select_values(MARKS_QUERY)
    if not rows or int(store.select_values(DIGEST_COUNT)[0][0] or 0) != len(rows):  # type: ignore[arg-type]
        return {}
    marks = {}
    for node, mark in rows:
        fingerprint, _, digest = mark.partition(" ")  # type: ignore[union-attr]
        marks[node] = (fingerprint, digest)
    return marks  # type: ignore[return-value]


def _marks_sparql(nodes: list[str], marks: dict[str, str]) -> str:
    """The update that replaces the fingerprint marks of ``nodes`` with ``marks`` (a node without one loses its mark)."""
    values = " ".join(f"<{n}>" for n in nodes)
    rows = "".join(f'<{n}> <{PRINT}> "{marks[n]}" .\n' for n in nodes if n in marks)
    return (f"DELETE {{ GRAPH <{PRINTS_GRAPH}> {{ ?n <{PRINT}> ?f }} }} WHERE {{ VALUES ?n {{ {values} }} "
            f"GRAPH <{PRINTS_GRAPH}> {{ ?n <{PRINT}> ?f }} }}"
            + (f" ;\nINSERT DATA {{ GRAPH <{PRINTS_GRAPH}> {{\n{rows}}} }}" if rows else ""))


def _replace_blocks(store: Store, blocks: dict[str, Block], changed: list[str], prints: dict[str, str]) -> None:
    """Bring the ``changed`` nodes' stored blocks (and marks) to their new ones (``blocks``;
    none for a node that is gone), a few thousand blocks per update, each update whole or
    not at all with its marks, so an interrupted run leaves blocks that the next run
    recognizes. Only the triples that differ are deleted and inserted: a hub's block (the
    corpus node lists every article, a place thousands of mentions) changes by a few
    triples when one article comes or goes, and at 10 k articles rewriting such blocks
    whole moved 72 k triples for one article."""
    start = 0
    while start < len(changed):
        chunk, size = [], 0
        while start < len(changed) and (not chunk or size < BLOCK_CHUNK):
            node = changed[start]
            chunk.append(node)
            size += blocks[node].text.count("\n") if node in blocks else 0
            start += 1
        marks = {n: f"{prints[n]} {blocks[n].digest}" for n in chunk if n in blocks}
        store.update(_marks_sparql(chunk, marks) + _block_changes(store, chunk, blocks))


_BLOCK_TRIPLES = f"?n ?p ?o . ?m <{OWL.sameAs}> ?n . ?r ?rp ?ro"  # a node's own, the links to it, its merge records


def _block_pattern(nodes: list[str]) -> str:
    """The pattern that binds :data:`_BLOCK_TRIPLES` to the stored blocks of ``nodes``."""
    values = " ".join(f"<{n}>" for n in nodes)
    return (f"VALUES ?n {{ {values} }} GRAPH <{CORPUS_GRAPH}> {{ {{ ?n ?p ?o }} UNION {{ ?m <{OWL.sameAs}> ?n }} "
            f"UNION {{ ?n <{NG}hasMerge> ?r . ?r ?rp ?ro }} }}")


def _block_changes(store: Store, nodes: list[str], blocks: dict[str, Block]) -> str:
    """The update operations (each after " ;") that turn the stored blocks of ``nodes``
    into ``blocks``: only the triples that differ. A triple the store writes otherwise
    than we do is deleted and inserted again, which leaves it in place; blocks holding
    blank nodes (edited by hand), which DELETE DATA cannot name, are deleted by pattern."""
    g = CORPUS_GRAPH
    new = {line for n in nodes if n in blocks for line in blocks[n].text.splitlines(True)}
    text = store.query(f"CONSTRUCT {{ {_BLOCK_TRIPLES} }} WHERE {{ {_block_pattern(nodes)} }}").triples or ""
    old = {line + "\n" for line in text.splitlines() if line.strip() and not line.startswith("#")}
    if any("_:" in line for line in old):
        gone, old = f" ;\nDELETE {{ GRAPH <{g}> {{ {_BLOCK_TRIPLES} }} }} WHERE {{ {_block_pattern(nodes)} }}", set()
    else:
        gone = "".join(sorted(old - new))
        gone = f" ;\nDELETE DATA {{ GRAPH <{g}> {{\n{gone}}} }}" if gone else ""
    added = "".join(sorted(new - old))
    return gone + (f" ;\nINSERT DATA {{ GRAPH <{g}> {{\n{added}}} }}" if added else "")


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def rebuild_corpus(store: Store, *, merge: bool = True, rules: MergeRules | None = None,
                   compare_all: bool = False, records: dict[str, ArticleRecords] | None = None
                   ) -> tuple[int, int, int, int]:
    """Recompute the corpus graph (writing only what changed) and clear the stale mark.

    Only the blocks (:func:`graph.rdf.corpus_blocks`) whose ``ng:contentDigest`` differs
    from the stored one are rewritten. With ``compare_all``, or when the stored graph has
    no digests, every triple is compared instead (:meth:`Store.sync_graph`), which also
    repairs a corpus graph edited by hand. Without ``records`` every article graph is
    read and the record index rewritten from them. Returns (canonical entities, merged
    entities, corpus events, shared events). Garbage collection is paused meanwhile
    (:func:`gc_paused`).
    """
    with gc_paused():
        if records is None:
            records = read_records(store)
            index_records(store, records, replace_all=True)
        corpus = build_corpus(store, merge=merge, rules=rules, records=records)
        if not corpus.articles:
            store.remove_graph(CORPUS_GRAPH)
            store.remove_graph(PRINTS_GRAPH)
        else:
            _write_corpus(store, corpus, compare_all)
    mark_corpus_stale(store, False)
    return (len(corpus.entities), sum(1 for e in corpus.entities if len(e.members) > 1),
            len(corpus.events), sum(1 for e in corpus.events if len(e.articles) > 1))


__all__ = ["CORPUS_GRAPH", "begin_changes", "build_corpus", "corpus_is_stale", "end_changes",
           "mark_corpus_stale", "rebuild_corpus", "stable_ids"]
