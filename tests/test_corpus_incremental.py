"""The incremental corpus layer gives exactly the corpus graph a full recomputation gives.

Ingest and remove read only the articles they change and take the others' records from the
record index; ``rebuild`` reads every article graph. Both must agree after every step, in
any order of ingest and remove, and the final graph must not depend on the order.
"""
from __future__ import annotations

import gc
import random
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

import graph.corpuslayer as corpuslayer
from graph.corpuslayer import (CORPUS_GRAPH, RECORDS_GRAPH, build_corpus, index_records, indexed_records, read_records,
                               rebuild_corpus)
from graph.ingest import ingest, remove
from graph.inputs import expand
from graph.rdf import corpus_blocks
from graph.store import open_store

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"


def stored_corpus(store) -> Graph:
    """The corpus graph as it stands in the store."""
    g = Graph()
    data = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{CORPUS_GRAPH}> {{ ?s ?p ?o }} }}")
    g.parse(data=data.triples or "", format="nt")
    return g


def recomputed_corpus(store) -> Graph:
    """The corpus graph a full recomputation from every article graph would write."""
    g = Graph()
    corpus = build_corpus(store, records=read_records(store, store.graph_iris()))
    if corpus.articles:
        g.parse(data="".join(block.text for block in corpus_blocks(corpus).values()), format="nt")
    return g


def assert_up_to_date(store) -> None:
    assert isomorphic(stored_corpus(store), recomputed_corpus(store))
    assert indexed_records(store) == read_records(store, [g for g in store.graph_iris() if g != CORPUS_GRAPH])


@pytest.fixture(scope="module")
def files() -> list[Path]:
    found, problems = expand([CORPUS])
    assert not problems and len(found) >= 4
    return found


@pytest.fixture(scope="module")
def all_at_once(files, tmp_path_factory) -> Graph:
    store = open_store(tmp_path_factory.mktemp("once") / "store", create=True)
    assert ingest(files, store).ok
    graph = stored_corpus(store)
    store.close()
    assert len(graph)
    return graph


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_ingest_and_remove_one_file_at_a_time_give_the_full_rebuild_in_any_order(files, all_at_once, tmp_path, seed,
                                                                                 monkeypatch):
    full_reads: list[int] = []  # each time ingest or remove read every article graph
    real = corpuslayer.read_records

    def counted(store, graphs=None):
        full_reads.extend([1] if graphs is None else [])
        return real(store, graphs)

    monkeypatch.setattr(corpuslayer, "read_records", counted)
    rng = random.Random(seed)
    todo = files[:]
    rng.shuffle(todo)
    store = open_store(tmp_path / "store", create=True)
    try:
        present: list[Path] = []
        while todo:
            path = todo.pop()
            assert ingest([path], store).ok
            assert not full_reads, "an ingest reads only the articles it writes"
            present.append(path)
            assert_up_to_date(store)
            if len(present) > 1 and rng.random() < 0.5:  # take one out, and put it back later
                gone = present.pop(rng.randrange(len(present)))
                assert remove(store, [str(gone)]).removed
                assert not full_reads, "a remove reads no article graph"
                assert_up_to_date(store)
                todo.insert(0, gone)
        assert isomorphic(stored_corpus(store), all_at_once)
    finally:
        store.close()


def test_removing_every_article_leaves_no_corpus_graph_and_an_empty_index(files, tmp_path):
    store = open_store(tmp_path / "store", create=True)
    try:
        ingest(files, store)
        remove(store, [str(path) for path in files])
        assert CORPUS_GRAPH not in store.graph_iris()
        assert indexed_records(store) == {}
    finally:
        store.close()


def test_a_store_without_a_record_index_is_recomputed_from_its_articles(files, all_at_once, tmp_path):
    """A store loaded from shards, or written before the index existed, has articles the
    index does not list: the next ingest reads them all instead of trusting the index."""
    store = open_store(tmp_path / "store", create=True)
    try:
        ingest(files[1:], store)
        store.update(f"DROP GRAPH <{RECORDS_GRAPH}>")
        ingest(files[:1], store)
        assert_up_to_date(store)
        assert isomorphic(stored_corpus(store), all_at_once)
    finally:
        store.close()


def test_an_index_written_by_an_older_release_is_recomputed_from_its_articles(files, all_at_once, tmp_path):
    """An index whose records lack a part this release reads (here the quantity
    qualifiers, which older releases did not index) is not trusted: the next ingest reads
    every article graph again and rewrites the index whole."""
    store = open_store(tmp_path / "store", create=True)
    try:
        ingest(files[1:], store)
        older = {g: {part: rows for part, rows in records.items() if part != "detail:quantityQualifier"}
                 for g, records in indexed_records(store).items()}
        index_records(store, older, replace_all=True)  # type: ignore[arg-type]
        told: list[tuple[int, str | None]] = []
        ingest(files[:1], store, notice=lambda n, why: told.append((n, why)))
        articles = len([g for g in store.graph_iris() if g != CORPUS_GRAPH])
        assert [n for n, _why in told] == [articles] * 2
        assert told[0][1] is None and "older release" in str(told[1][1])
        assert_up_to_date(store)
        assert isomorphic(stored_corpus(store), all_at_once)
    finally:
        store.close()


def test_a_corpus_graph_dropped_behind_its_back_is_written_whole_again(files, all_at_once, tmp_path):
    """Fingerprints let unchanged blocks go unrendered, but only while the stored block is
    the one they were stored with: a corpus graph dropped (or a block replaced) by hand
    is written again by the next ingest, not trusted to the fingerprints left over."""
    store = open_store(tmp_path / "store", create=True)
    try:
        ingest(files[1:], store)
        store.remove_graph(CORPUS_GRAPH)
        ingest(files[:1], store)
        assert_up_to_date(store)
        assert isomorphic(stored_corpus(store), all_at_once)
    finally:
        store.close()


def test_build_into_a_corpus_store_marks_the_corpus_stale_and_the_next_ingest_reads_every_article(files, all_at_once,
                                                                                                  tmp_path):
    """``build`` writes article graphs without the corpus layer: over an ingested article
    it would leave that article's index entry out of date, so it marks the corpus stale."""
    import shutil

    from graph.build import build
    from graph.store.stale import corpus_is_stale

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    annotated = [p for p in files if p.suffix == ".yaml"][0]  # a curated annotation beside its text
    for path in (annotated, annotated.with_suffix(".txt")):
        shutil.copy(path, seeds / path.name)
    store = open_store(tmp_path / "store", create=True)
    try:
        ingest(files, store)
        build(seeds, store, None)
        assert corpus_is_stale(store)
        ingest([p for p in files if p != annotated][:1], store)
        assert not corpus_is_stale(store)
        assert_up_to_date(store)
    finally:
        store.close()


def test_garbage_collection_is_back_on_after_a_corpus_step_that_raises(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        assert not gc.isenabled()
        raise RuntimeError("resolution failed")

    monkeypatch.setattr(corpuslayer, "build_corpus", broken)
    store = open_store(tmp_path / "store", create=True)
    try:
        assert gc.isenabled()
        with pytest.raises(RuntimeError, match="resolution failed"):
            rebuild_corpus(store)
        assert gc.isenabled()
    finally:
        store.close()


def test_a_first_ingest_writes_the_record_index_without_reading_it_back(files, tmp_path, monkeypatch):
    reads: list[int] = []
    real = corpuslayer.indexed_records

    def counted(store):
        reads.append(1)
        return real(store)

    monkeypatch.setattr(corpuslayer, "indexed_records", counted)
    with open_store(tmp_path / "store", create=True) as store:
        assert ingest(files[:-1], store).ok
        assert reads == []  # every article was just written: its records are the index
        assert_up_to_date(store)
        assert ingest(files[-1:], store).ok
        assert len(reads) == 1  # the others' records come from the index
        assert_up_to_date(store)
