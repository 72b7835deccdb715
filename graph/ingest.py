"""Ingest and remove: many articles in one store, each in its own named graph.

:func:`ingest` adds articles (files, folders, globs of .txt/.md/.html, JSON Lines, curated
annotations), each to its own named graph in one store transaction. An article's
identity (:func:`graph.inputs.identity`) is its URL when it has one, else the SHA-256 of
its whitespace-normalized text, so ingesting it again replaces it and never duplicates it.
:func:`remove` takes articles out. A failed article is reported and skipped; it never
stops the batch. After either, the corpus layer (:mod:`graph.corpuslayer`) is brought up
to date; an ingest killed midway leaves every finished article in the store and a corpus
graph that the next ingest or remove recomputes.

Files are read, and articles given their identity, by :mod:`graph.inputs`, the one door
that ``build`` uses too.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .corpuslayer import CORPUS_GRAPH, CorpusNotice, begin_changes, end_changes
from .digests import extractor_version, input_digest, record_digests, stored_digests
from .errors import IngestInterrupted, NewsgraphError, StoreError
from .inputs import Item, clear_line_cache, expand, identity, jobs, read, sources
from .listing import headline
from .model import Article, ArticleGraph
from .ontology import ID
from .rdf import article_ntriples, graph_iri
from .readmodel import ArticleRecords, records_of_ntriples
from .resolve import MergeRules
from .store import Store, Term
from .workers import Done, Job, render_articles

BATCH_SIZE = 32  # articles per worker batch

Progress = Callable[[int, int], None]  # (done, total)


@dataclass
class IngestSummary:
    """What an ingest did. ``failed`` lists (source, message), one per failed article."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0  # stored from the same input by the same extractor: skipped
    skipped_files: list[tuple[str, str]] = field(default_factory=list)  # (file, reason): a folder's non-articles
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: int = 0  # not attempted because the store failed
    store_error: str | None = None
    entities: int = 0  # canonical entities in the corpus graph
    merged: int = 0  # canonical entities with more than one article node
    events: int = 0  # corpus events
    shared_events: int = 0  # corpus events reported by more than one article
    corpus_rebuilt: bool = False
    corpus_deferred: bool = False  # left stale for a later rebuild (``recompute=False``)

    @property
    def ok(self) -> bool:
        return not self.failed and self.store_error is None


@dataclass
class RemoveSummary:
    removed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    headlines: dict[str, str] = field(default_factory=dict)  # removed article id -> its headline (or URL)
    corpus_deferred: bool = False  # left stale for a later rebuild (``recompute=False``)


# ----------------------------------------------------------------------------- ingest


UNCHANGED = "unchanged"  # the result of an article whose stored graph is already up to date


class _StoredDigests:
    """The input digests stored before this ingest (:func:`stored_digests`), read only once
    an article already in the store comes, or before this ingest writes a digest while
    articles are still to come: adding new articles never reads them (at 10 k articles,
    0.2 to 0.8 s of a one-article add). Without a store (``force``) there are none."""

    def __init__(self, store: Store | None) -> None:
        self.store = store
        self.digests: dict[str, str] | None = None if store is not None else {}
        self.complete = False  # every job has been looked at: nothing more is looked up

    def get(self, iri: str) -> str | None:
        return self._read().get(iri)

    def before_write(self) -> None:
        """Read them now, before a digest of this ingest replaces one, if any job is left."""
        if not self.complete:
            self._read()

    def _read(self) -> dict[str, str]:
        if self.digests is None:
            self.digests = stored_digests(self.store)  # type: ignore[arg-type]
        return self.digests


def _skip_unchanged(jobs: Iterable[tuple[tuple[str, str | None], Job]], existing: set[str], stored: _StoredDigests,
                    digests: dict[str, str]) -> Iterator[tuple[tuple[str, str | None], Job]]:
    """Each job, or :class:`Done` for an article stored from the same input by the same
    extractor (:mod:`graph.digests`); the digests of the others go to ``digests``."""
    version = extractor_version()
    for key, job in jobs:
        iri = key[1]
        if iri is not None and isinstance(job, (Article, ArticleGraph)):
            digest = input_digest(job, version)
            if iri in existing and stored.get(iri) == digest:
                yield key, Done(UNCHANGED)
                continue
            digests[iri] = digest
        yield key, job
    stored.complete = True


FIRST_LOAD = 32  # new articles in a bulk load while the store holds fewer than four times as many


def load_size(store: Store, stored: int) -> int:
    """How many new articles to bulk-load at once into a store holding ``stored`` article
    graphs: a quarter of them, from :data:`FIRST_LOAD` up to ``store.bulk_batch``. Each load
    is compacted into what is stored (:class:`graph.store.oxigraph.OxigraphStore`), so a
    large store takes large loads; a small one takes small loads, so the first articles are
    written while the rest are parsed, and the last load, made after the parsing, stays short.

    >>> from graph.store.oxigraph import OxigraphStore
    >>> store = OxigraphStore(None)  # held in memory
    >>> [load_size(store, n) for n in (0, 200, 2_000, 100_000)]
    [32, 50, 500, 1024]
    """
    return min(store.bulk_batch, max(FIRST_LOAD, stored // 4))


class _Writer:
    """Writes rendered articles: new ones :func:`load_size` at a time (each whole or
    not at all, see :meth:`Store.add_graphs`), a replaced one at once in its own
    transaction, each followed by its input digest (:mod:`graph.digests`). Counts what was
    added, replaced and failed in ``summary``."""

    def __init__(self, store: Store, existing: set[str], summary: IngestSummary, digests: dict[str, str],
                 stored: _StoredDigests) -> None:
        self.store, self.existing, self.summary, self.digests, self.stored = store, existing, summary, digests, stored
        self.pending: dict[str, tuple[str, str]] = {}  # iri -> (source, N-Triples)
        self.written: set[str] = set()  # the article graphs written, for the corpus layer
        self.records: dict[str, ArticleRecords] = {}  # iri -> the records of its last rendering, when known

    def write(self, source: str, iri: str, result: Rendered) -> bool:
        """False once the store has failed: nothing more can be written."""
        data, records = result
        if records is not None:
            self.records[iri] = records
        if iri in self.pending and not self.flush():
            return False
        if iri not in self.existing:
            self.pending[iri] = (source, data)
            return len(self.pending) < load_size(self.store, len(self.existing)) or self.flush()
        return self._one(source, iri, data)

    def flush(self) -> bool:
        """Write the pending new articles. They stay pending until written, so a Ctrl-C that
        lands inside the write leaves them for the final flush, which writes them again
        (a bulk load is all or nothing, see :meth:`Store.add_graphs`)."""
        pending = dict(self.pending)
        if not pending:
            return True
        try:
            self.store.add_graphs([(iri, data) for iri, (_source, data) in pending.items()])
            self.pending = {}
            self.written.update(pending)
            self._record(list(pending))
        except StoreError as exc:
            self.pending = {}
            return self._store_failed([source for source, _data in pending.values()], exc)
        except NewsgraphError:  # one bad graph: find it, writing the batch one article at a time
            self.pending = {}
            return all(self._one(source, iri, data) for iri, (source, data) in pending.items())
        self.summary.added += len(pending)
        self.existing.update(pending)
        return True

    def _one(self, source: str, iri: str, data: str) -> bool:
        """One article in its own transaction; an error with it fails only this article."""
        try:
            self.store.replace_graph(iri, data)
            self.written.add(iri)
            self._record([iri])
        except StoreError as exc:
            return self._store_failed([source], exc)
        except NewsgraphError as exc:
            self.summary.failed.append((source, str(exc)))
            return True
        if iri in self.existing:
            self.summary.replaced += 1
        else:
            self.summary.added += 1
            self.existing.add(iri)
        return True

    def _record(self, iris: list[str]) -> None:
        self.stored.before_write()
        record_digests(self.store, {iri: self.digests.pop(iri) for iri in iris if iri in self.digests})

    def _store_failed(self, sources: list[str], exc: StoreError) -> bool:
        self.summary.failed.extend((source, str(exc)) for source in sources)
        self.summary.store_error = str(exc)
        return False


Rendered = tuple[str, ArticleRecords | None]  # an article graph's N-Triples, and its records when known


def rendered_with_records(ag: ArticleGraph) -> Rendered:
    """The article's N-Triples and its records (:func:`graph.readmodel.records_of_ntriples`),
    computed in the worker that rendered it: for a store that reads back as written."""
    text = article_ntriples(ag)
    return text, records_of_ntriples(text)


def rendered(ag: ArticleGraph) -> Rendered:
    """The article's N-Triples; its records are read back from the store once written."""
    return article_ntriples(ag), None


def ingest(paths: Iterable[str | Path], store: Store, *, merge: bool = True, rules_file: str | Path | None = None,
           published: dt.date | None = None, n_process: int = 1, nlp: object | None = None,
           progress: Progress | None = None, recompute: bool = True, force: bool = False,
           cluster: str | None = None, notice: CorpusNotice | None = None) -> IngestSummary:
    """Add articles to the store, one named graph each, never half-written; then rebuild the corpus graph.

    ``cluster`` (``local:N`` or ``tcp://HOST:PORT``) runs parse, extract and render on a Dask
    cluster (:mod:`graph.cluster`) instead of ``n_process`` local processes; the writes
    stay here.

    ``published`` is the publication date of files that carry none. With ``recompute``
    False the corpus graph is left marked stale for a later :func:`rebuild_corpus` (many
    small ingests, one rebuild). When the store
    itself fails, the articles being written (up to ``store.bulk_batch``) are reported,
    the rest are counted as ``skipped``, and ``store_error`` says why; every article
    written before stays.

    An article stored from the same input by the same extractor is not extracted again
    but counted as ``unchanged`` (unless ``force``). Ctrl-C writes the articles already
    extracted, then raises :class:`~graph.errors.IngestInterrupted` with the summary.
    ``notice`` is told before the corpus step (:data:`graph.corpuslayer.CorpusNotice`).
    """
    rules = MergeRules.load(rules_file) if rules_file else None
    skipped_files: list[tuple[str, str]] = []
    files, problems = expand(paths, skipped_files)
    srcs, unreadable = sources(files)
    summary = IngestSummary(failed=problems + unreadable, skipped_files=skipped_files)
    total = len(srcs)
    if total:
        existing = set(store.graph_iris())
        was_stale = begin_changes(store)
        done = 0
        digests: dict[str, str] = {}
        stored = _StoredDigests(None if force else store)
        todo = _skip_unchanged(jobs(read(srcs, published)), existing, stored, digests)
        render = rendered_with_records if store.reads_back_as_written else rendered
        if cluster:
            from .cluster import render_on_cluster

            stream = render_on_cluster(todo, render, cluster, batch_size=BATCH_SIZE)
        else:
            stream = render_articles(todo, render, nlp=nlp, n_process=n_process, batch_size=BATCH_SIZE)
        writer = _Writer(store, existing, summary, digests, stored)
        if progress:
            progress(0, total)  # shown at once, not after the first batch is parsed
        try:
            for (source, iri), data, error in stream:
                done += 1
                if error is not None or iri is None:
                    summary.failed.append((source, error or "no article"))
                elif data == UNCHANGED:
                    summary.unchanged += 1
                elif not writer.write(source, iri, data):
                    break
                if progress:
                    progress(done, total)
            else:
                writer.flush()
        except KeyboardInterrupt:
            stream.close()
            writer.flush()
            raise IngestInterrupted(summary, total) from None
        if summary.store_error is not None:
            summary.skipped = total - done
            stream.close()
        clear_line_cache()
    if summary.store_error is None and total:
        stats = end_changes(store, writer.written, (), was_stale, merge, rules, recompute, existing,
                            records=writer.records, notice=notice)
        if stats == "deferred":
            summary.corpus_deferred = True
        elif isinstance(stats, tuple):
            summary.entities, summary.merged, summary.events, summary.shared_events = stats
            summary.corpus_rebuilt = True
    return summary


# ----------------------------------------------------------------------------- remove

ARTICLE_BY_URL = "SELECT ?a WHERE { GRAPH ?g { ?a a schema:NewsArticle ; schema:url ?u } FILTER (STR(?u) = ?target) }"


def _article_ids_for(store: Store, target: str, graphs: set[str]) -> list[str]:
    if str(graph_iri(target)) in graphs:
        return [target]
    if target.startswith(str(ID)) and str(graph_iri(target[len(str(ID)):])) in graphs:
        return [target[len(str(ID)):]]
    if target.startswith(("http://", "https://")):
        rows = store.query(ARTICLE_BY_URL, bindings={"target": Term("literal", target)}).rows
        found = sorted({r[0].value[len(str(ID)):] for r in rows if r[0] is not None})
        if found:
            return found
        candidate = identity(Article("", "", dt.date.today(), url=target))
        return [candidate] if str(graph_iri(candidate)) in graphs else []
    path = Path(target)
    if path.is_file():
        ids = []
        for item in read(sources([path])[0], dt.date.today()):
            if isinstance(item, Item):
                art = item.article or (item.graph.article if item.graph else None)
                if art is not None:
                    ids.append(identity(art))
        return [i for i in ids if str(graph_iri(i)) in graphs]
    return []


def remove(store: Store, targets: Iterable[str], *, merge: bool = True,
           rules_file: str | Path | None = None, recompute: bool = True,
           notice: CorpusNotice | None = None) -> RemoveSummary:
    """Take articles out, each named by URL, article id or file; then rebuild the corpus
    graph (or, with ``recompute`` False, leave it marked stale, as :func:`ingest` does).
    ``notice`` is told before the corpus step (:data:`graph.corpuslayer.CorpusNotice`)."""
    rules = MergeRules.load(rules_file) if rules_file else None
    summary = RemoveSummary()
    graphs = set(store.graph_iris())
    was_stale = begin_changes(store)
    for target in targets:
        ids = _article_ids_for(store, str(target), graphs)
        if not ids:
            summary.missing.append(str(target))
        for aid in ids:
            title = headline(store, aid)
            if store.remove_graph(str(graph_iri(aid))):
                if title:
                    summary.headlines[aid] = title
                summary.removed.append(aid)
                graphs.discard(str(graph_iri(aid)))
    gone = [str(graph_iri(aid)) for aid in summary.removed]
    summary.corpus_deferred = end_changes(store, (), gone, was_stale, merge, rules, recompute, graphs,
                                          notice=notice) == "deferred"
    return summary


__all__ = ["BATCH_SIZE", "CORPUS_GRAPH", "IngestSummary", "RemoveSummary", "ingest", "remove"]
