"""The corpus layer: the corpus graph (``graph/corpus``) that ties the article graphs into one story.

It is computed from every article graph (:func:`rebuild_corpus`): entity resolution
(:mod:`graph.resolve`) gives one canonical node per person, organization and place; event
coreference (:mod:`graph.coref`) one corpus event per thing several outlets report.
Article nodes are linked to them by ``owl:sameAs``; conflicting details stay on each
article's own node (whether reports conflict, :mod:`graph.agreement` decides). Corpus ids
are stable (:func:`stable_ids`), and only the blocks whose digest changed are rewritten.
Ingest and remove (:mod:`graph.ingest`) call :func:`begin_changes` before they change
articles and :func:`end_changes` after, so an interrupted run leaves the corpus graph
marked stale for the next one.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Literal

from rdflib import URIRef

from .agreement import agreed_date, agreed_quantity
from .coref import EventRecord, corefer
from .corpusblocks import CORPUS_GRAPH, drop_corpus_graph, write_corpus
from .gcpause import gc_paused
from .model import Corpus, CorpusEntity, CorpusEvent, EntityKind, MergeRecord, Role, slug
from .ontology import NG, NGT
from .rdf import Lit, entity_kind, ntriples, roles_from
from .readmodel import EVENT_DETAILS, ArticleRecords, records_complete
from .readmodel import article_records as read_records
from .resolve import MergeRules, NameRecord, resolve
from .store import INTERNAL_GRAPHS, Store
from .store.stale import corpus_is_stale, mark_corpus_stale

# Told before the corpus step: how many article graphs it covers, and, when it reads every
# one of them again instead of the record index, why (else None). The step can take
# seconds per thousand articles, and the first one after an upgrade much longer.
CorpusNotice = Callable[[int, str | None], None]

RECORDS_GRAPH = INTERNAL_GRAPHS + "corpus-records"  # the record index: one JSON literal per article graph
RECORDS = f"{NG}records"

# What the corpus layer reads of an article graph: (select, pattern) per part. Each query
# is one join at most: at 10 k articles, one query with seven OPTIONALs took 28 s where
# these took 17 s, and an article is found from its graph, not by a join.
def index_records(store: Store, records: dict[str, ArticleRecords], removed: Iterable[str] = (), *,
                  replace_all: bool = False) -> None:
    """Keep ``records`` in the record index (:data:`RECORDS_GRAPH`), replacing what the
    index held for those graphs, and drop the ``removed`` graphs: one delete, then the new
    rows through the store's N-Triples loader (at 1 k articles 0.35 to 0.42 s in all, where
    the rows built for one SPARQL update, and the update, took 0.9 to 1.0 s). Between the
    two the index lacks those graphs, which
    :func:`end_changes` finds and answers with a full recomputation; the corpus graph is
    marked stale all the while, too."""
    gone = " ".join(f"<{g}>" for g in sorted({*records, *removed}))
    if replace_all:
        store.update(f"DROP SILENT GRAPH <{RECORDS_GRAPH}>")
    elif gone:
        store.update(f"DELETE {{ GRAPH <{RECORDS_GRAPH}> {{ ?g <{RECORDS}> ?r }} }} WHERE {{ VALUES ?g {{ {gone} }} "
                     f"GRAPH <{RECORDS_GRAPH}> {{ ?g <{RECORDS}> ?r }} }}")
    if records:
        predicate = URIRef(RECORDS)
        store.insert_ntriples(RECORDS_GRAPH, ntriples((URIRef(g), predicate, Lit(json.dumps(r, separators=(",", ":"))))
                                                      for g, r in sorted(records.items())))


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


def _first_values(records: dict[str, ArticleRecords], graphs: list[str], field: str) -> dict[str, str]:
    """Each node's first value of a ``(node, value)`` part, in graph then row order."""
    values: dict[str, str] = {}
    for g in reversed(graphs):  # each later update overwrites: the first graph's first row wins
        values.update(dict(reversed(records[g][field])))  # type: ignore[arg-type]
    return values


def _event_records(records: dict[str, ArticleRecords], graphs: list[str], article_of: dict[str, str],
                   published: dict[str, dt.date], roles: dict[str, list[tuple[Role, str]]]
                   ) -> tuple[list[EventRecord], dict[str, dict[str, str]]]:
    """One :class:`EventRecord` per article event (its actors as corpus ids), and the
    events' details (:data:`EVENT_DETAILS`, by detail, then event: the first value an
    article gives)."""
    statements = {ev for g in graphs for (ev,) in records[g]["statements"]}
    details = {name: _first_values(records, graphs, f"detail:{name}") for name in EVENT_DETAILS}
    earliest, latest, precision, quote = (details[n] for n in ("earliestBegin", "latestBegin", "datePrecision", "quote"))
    day_of = lru_cache(maxsize=None)(_day)  # a date's string parsed once: most events share their dates
    seen: set[str] = set()
    events_in: list[EventRecord] = []
    prefix = len(str(NGT))
    for g in graphs:
        a = article_of[g]
        day = published[a]
        for ev, etype, label in records[g]["events"]:
            if ev in seen:
                continue
            seen.add(ev)
            actor_roles = roles.get(ev, ())
            speaker = next((c for r, c in actor_roles if r is Role.SPEAKER), None)
            events_in.append(EventRecord(
                ev, a, day, etype[prefix:], label, frozenset(c for _r, c in actor_roles), speaker, ev in statements,
                day_of(earliest.get(ev)), day_of(latest.get(ev)),
                precision.get(ev), quote.get(ev)))
    return events_in, details


def _corpus_events(records: dict[str, ArticleRecords], graphs: list[str], article_of: dict[str, str],
                   published: dict[str, dt.date], canonical: dict[str, str], merge: bool) -> list[CorpusEvent]:
    roles: dict[str, list[tuple[Role, str]]] = {}
    for ev, pairs in roles_from(row for g in graphs for row in records[g]["roles"]).items():  # type: ignore[misc]
        roles[ev] = [(role, canonical[actor]) for role, actor in pairs if actor in canonical]
    events_in, details = _event_records(records, graphs, article_of, published, roles)
    reports: dict[str, list[str]] = defaultdict(list)
    for g in graphs:
        for st, ev in records[g]["reports"]:
            reports[st].append(ev)
    events: list[CorpusEvent] = []
    corpus_of: dict[str, str] = {}
    clusters = corefer(events_in, merge=merge)
    labelled = [(cluster, _label(cluster)) for cluster in clusters]
    ids = stable_ids([(f"{'statement' if cluster[0].is_statement else 'event'}/{slug(label)[:60]}",
                       min((e.published, e.node) for e in cluster) if len(cluster) > 1
                       else (cluster[0].published, cluster[0].node)) for cluster, label in labelled])
    for (cluster, label), local in zip(labelled, ids):
        for e in cluster:
            corpus_of[e.node] = local
        events.append(_corpus_event(local, cluster, label, roles, details))
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
                  details: Mapping[str, Mapping[str, str]]) -> CorpusEvent:
    """The corpus event of one cluster: its details where every report agrees (one report
    always does). ``details`` are the events' details by name, then event node."""
    first = cluster[0]
    edtf, quantity, qualifier = (details.get(name, {}) for name in ("edtf", "quantity", "quantityQualifier"))
    if len(cluster) == 1:
        ev = CorpusEvent(id=local, type=first.type, label=label, members=[first.node], articles=[first.article],
                         is_statement=first.is_statement, roles=sorted(set(roles.get(first.node, ()))),
                         earliest=first.earliest, latest=first.latest, precision=first.precision,
                         edtf=edtf.get(first.node), quote=first.quote)
        if (count := quantity.get(first.node)) is not None:
            ev.quantity, ev.quantity_qualifier = int(count), qualifier.get(first.node)
        return ev
    ev = CorpusEvent(id=local, type=first.type, label=label, members=sorted(e.node for e in cluster),
                     articles=sorted({e.article for e in cluster}), is_statement=first.is_statement)
    ev.roles = sorted({rc for e in cluster for rc in roles.get(e.node, [])})
    agreed, ev.date_disputed = agreed_date({(e.earliest, e.latest, e.precision, edtf[e.node])
                                            for e in cluster if edtf.get(e.node)})
    if agreed is not None:
        ev.earliest, ev.latest, ev.precision, ev.edtf = agreed
    agreed_count, ev.quantity_disputed = agreed_quantity({(int(count), qualifier.get(e.node)) for e in cluster
                                                          if (count := quantity.get(e.node)) is not None})
    if agreed_count is not None and all(e.node in quantity for e in cluster):  # a report without it does not give it
        ev.quantity, ev.quantity_qualifier = agreed_count
    quotes = {e.quote for e in cluster}
    if len(quotes) == 1 and None not in quotes:
        ev.quote = quotes.pop()
    return ev


def begin_changes(store: Store) -> bool:
    """Mark the corpus graph stale before articles change; whether it already was."""
    was_stale = corpus_is_stale(store)
    mark_corpus_stale(store)
    return was_stale


def end_changes(store: Store, changed: Iterable[str], removed: Iterable[str], was_stale: bool, merge: bool,
                rules: MergeRules | None, recompute: bool, graphs: Iterable[str], *,
                records: Mapping[str, ArticleRecords] | None = None, notice: CorpusNotice | None = None,
                ) -> tuple[int, int, int, int] | Literal["deferred"] | None:
    """Bring the corpus graph up to date after the article graphs ``changed`` (written)
    and ``removed``, or when it was already stale (the statistics of
    :func:`rebuild_corpus`), unless ``recompute`` is False: then the mark stays for a
    later rebuild (``"deferred"``). When nothing changed, only clear the mark (None).

    Only the changed articles are read; the others' records come from the record index
    (:func:`indexed_records`). A graph left stale by an earlier run, or an index that does
    not list exactly the store's article graphs (a store loaded from shards, or written by
    an older release), is recomputed from every article graph instead, every triple compared.
    ``graphs`` are the store's graphs now (:meth:`Store.graph_iris`), as the caller listed
    them before its changes and kept up to date since: at 10 k articles listing them again
    took 0.08 to 0.77 s of an add. ``records`` are the changed graphs' records when the
    caller knows them (:func:`graph.readmodel.records_of_ntriples`); the others are read.
    When every article graph of the store was just written (a first ingest), the index is
    written anew from their records and nothing is read back from it. An index that lacks a
    part this release reads (:func:`graph.readmodel.records_complete`) is recomputed from
    every article graph, too. ``notice`` is told before the work starts
    (:data:`CorpusNotice`)."""
    changed, removed = sorted(set(changed)), sorted(set(removed))
    if not (changed or removed or was_stale):
        mark_corpus_stale(store, False)
        return None
    if not recompute:
        return "deferred"
    articles = {g for g in graphs if g != CORPUS_GRAPH}
    tell = notice or (lambda _n, _why: None)
    with gc_paused():
        if was_stale:
            tell(len(articles), "an earlier run left it stale")
            return rebuild_corpus(store, merge=merge, rules=rules, compare_all=True)
        tell(len(articles), None)
        known = records or {}
        fresh = {**read_records(store, [g for g in changed if g not in known]),
                 **{g: known[g] for g in changed if g in known}}
        if fresh.keys() == articles:  # every article was just written: the index is these records, nothing to read
            index_records(store, fresh, replace_all=True)
            return rebuild_corpus(store, merge=merge, rules=rules, records=fresh)
        index_records(store, fresh, removed)
        records = indexed_records(store)
        if records.keys() != articles or not all(map(records_complete, records.values())):
            tell(len(articles), "its record index is an older release's, or lacks articles loaded another way")
            return rebuild_corpus(store, merge=merge, rules=rules)
        return rebuild_corpus(store, merge=merge, rules=rules, records=records)


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
            drop_corpus_graph(store)
        else:
            write_corpus(store, corpus, compare_all)
    mark_corpus_stale(store, False)
    return (len(corpus.entities), sum(1 for e in corpus.entities if len(e.members) > 1),
            len(corpus.events), sum(1 for e in corpus.events if len(e.articles) > 1))


__all__ = ["CORPUS_GRAPH", "CorpusNotice", "begin_changes", "build_corpus", "end_changes", "rebuild_corpus", "stable_ids"]
