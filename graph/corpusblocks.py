"""Writing the corpus graph (``graph/corpus``) block by block, with a mark per block.

The corpus layer (:mod:`graph.corpuslayer`) computes a :class:`~graph.model.Corpus`; this
module brings the stored graph to it. Every triple belongs to one block, a corpus node's
(:func:`graph.rdf.corpus_blocks`), sealed by its ``ng:contentDigest``. Each block has a
mark: the fingerprint of what it was rendered from (:func:`graph.rdf.corpus_nodes`) and
its digest. A block whose fingerprint is unchanged is not even rendered; one whose digest
is unchanged is not written; of the others only the triples that differ are written.

The marks live in an internal graph, a few dozen to a literal (:data:`MARK_BUCKETS`
literals in all, one per bucket of node IRIs), so all of them are read at once: at 10 k
articles reading 105 k marks one triple each took 1.3-2.1 s. A mark is written in the
same update as its block, so an interrupted run leaves marks that describe their blocks.

>>> _bucket("https://w3id.org/newsgraph/id/corpus/person/k") == _bucket("https://w3id.org/newsgraph/id/corpus/person/k")
True
>>> _parse_bucket("urn:a f1 d1\\nurn:b f2 d2")
{'urn:a': 'f1 d1', 'urn:b': 'f2 d2'}
"""
from __future__ import annotations

import hashlib
from collections import defaultdict

from .model import Corpus
from .ontology import NG, OWL
from .rdf import Block, corpus_blocks, corpus_graph_iri, corpus_nodes
from .store import INTERNAL_GRAPHS, Store, Term
from .store.base import term_sparql

CORPUS_GRAPH = str(corpus_graph_iri())
MARKS_GRAPH = INTERNAL_GRAPHS + "corpus-marks"  # bucket -> the marks of its nodes
MARKS = INTERNAL_GRAPHS + "marks"  # a bucket's marks: "node fingerprint digest" lines, sorted
MARK_BUCKETS = 4096  # a typical add rewrites a few dozen buckets of ~30 marks (3 KB) each
BLOCK_CHUNK = 50_000  # triples inserted per update when blocks are replaced
_OLD_MARKS_GRAPH = INTERNAL_GRAPHS + "corpus-fingerprints"  # one triple per mark, before 2026-12

Marks = dict[str, dict[str, str]]  # bucket IRI -> {node: "fingerprint digest"}


def _bucket(node: str) -> str:
    """The bucket of a node's mark: 3 hex of its IRI's SHA-1, stable across runs."""
    return f"{MARKS_GRAPH}/{hashlib.sha1(node.encode('utf-8')).hexdigest()[:3]}"


def _parse_bucket(text: str) -> dict[str, str]:
    """A bucket's marks: node -> "fingerprint digest"."""
    return dict(line.split(" ", 1) for line in text.splitlines())  # type: ignore[misc]


def _filed(marks: dict[str, str]) -> Marks:
    """``marks`` (node -> "fingerprint digest") filed by bucket."""
    table: Marks = defaultdict(dict)
    for n, mark in marks.items():
        table[_bucket(n)][n] = mark
    return table


def write_corpus(store: Store, corpus: Corpus, compare_all: bool) -> None:
    """Write the blocks that changed. A block is not even rendered when its fingerprint
    is the one its mark stores; any other block is rendered, and rewritten (only the
    triples that differ) when its digest differs from the mark's. With ``compare_all``,
    or when the marks do not describe the stored graph (:func:`_stored_marks`), every
    triple is compared."""
    prints = corpus_nodes(corpus)
    table = {} if compare_all else _stored_marks(store)
    if not table:
        blocks = corpus_blocks(corpus)
        store.sync_graph(CORPUS_GRAPH, "".join(block.text for block in blocks.values()))
        table = _filed({n: f"{prints[n]} {block.digest}" for n, block in blocks.items()})
        store.update(" ;\n".join([f"DROP SILENT GRAPH <{_OLD_MARKS_GRAPH}>", f"DROP SILENT GRAPH <{MARKS_GRAPH}>",
                                  *_insert_buckets(table, sorted(table))]))
        return
    stored = {n: mark.split(" ") for marks in table.values() for n, mark in marks.items()}
    blocks = corpus_blocks(corpus, only={n for n in prints if stored.get(n, ("", ""))[0] != prints[n]})
    changed = sorted(n for n in stored.keys() | blocks.keys() if n not in prints
                     or (n in blocks and stored.get(n, ("", ""))[1] != blocks[n].digest))
    _replace_blocks(store, blocks, changed, prints, table)
    same = sorted(n for n in blocks if n not in changed)  # same block, new fingerprint
    if same:
        store.update(" ;\n".join(_mark_changes(table, same, {n: f"{prints[n]} {blocks[n].digest}" for n in same})))


def drop_corpus_graph(store: Store) -> None:
    """Remove the corpus graph and its marks (a store without articles)."""
    for graph in (CORPUS_GRAPH, MARKS_GRAPH, _OLD_MARKS_GRAPH):
        store.remove_graph(graph)


MARKS_QUERY = f"SELECT ?b ?m WHERE {{ GRAPH <{MARKS_GRAPH}> {{ ?b <{MARKS}> ?m }} }}"
DIGEST_COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{CORPUS_GRAPH}> {{ ?node <{NG}contentDigest> ?digest }} }}"


def _stored_marks(store: Store) -> Marks:
    """The stored marks, filed by bucket as stored, or nothing when they cannot be
    trusted: none stored (a store written before the marks, or by a release that stored
    them one triple each), or not one per sealed block (a corpus graph dropped or cut down
    behind our back). A block edited by hand in place is repaired by ``newsgraph rebuild``,
    which compares every triple. Counting the digests costs a fraction of reading them."""
    table: Marks = defaultdict(dict)
    for bucket, text in store.select_values(MARKS_QUERY):
        table[bucket] = _parse_bucket(text)  # type: ignore[index,arg-type]
    count = sum(len(marks) for marks in table.values())
    if not count or int(store.select_values(DIGEST_COUNT)[0][0] or 0) != count:  # type: ignore[arg-type]
        return {}
    return table


def _insert_buckets(table: Marks, buckets: list[str]) -> list[str]:
    """The update operation that inserts ``buckets`` as ``table`` holds them (none for empty ones)."""
    rows = "".join(f"<{b}> <{MARKS}> {term_sparql(Term('literal', _bucket_text(table[b])))} .\n"
                   for b in buckets if table.get(b))
    return [f"INSERT DATA {{ GRAPH <{MARKS_GRAPH}> {{\n{rows}}} }}"] if rows else []


def _bucket_text(marks: dict[str, str]) -> str:
    return "\n".join(f"{n} {mark}" for n, mark in sorted(marks.items()))


def _mark_changes(table: Marks, nodes: list[str], marks: dict[str, str]) -> list[str]:
    """The update operations that give ``nodes`` the ``marks`` (a node
    without one loses its mark): the buckets they fall in are written again whole.
    ``table`` is brought up to date."""
    buckets = sorted({_bucket(n) for n in nodes})
    for n in nodes:
        if n in marks:
            table[_bucket(n)][n] = marks[n]
        else:
            table[_bucket(n)].pop(n, None)
    values = " ".join(f"<{b}>" for b in buckets)
    return [f"DELETE {{ GRAPH <{MARKS_GRAPH}> {{ ?b <{MARKS}> ?m }} }} WHERE {{ VALUES ?b {{ {values} }} "
            f"GRAPH <{MARKS_GRAPH}> {{ ?b <{MARKS}> ?m }} }}", *_insert_buckets(table, buckets)]


def _replace_blocks(store: Store, blocks: dict[str, Block], changed: list[str], prints: dict[str, str],
                    table: Marks) -> None:
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
        store.update(" ;\n".join(_mark_changes(table, chunk, marks) + _block_changes(store, chunk, blocks)))


_BLOCK_TRIPLES = f"?n ?p ?o . ?m <{OWL.sameAs}> ?n . ?r ?rp ?ro"  # a node's own, the links to it, its merge records


def _block_pattern(nodes: list[str]) -> str:
    """The pattern that binds :data:`_BLOCK_TRIPLES` to the stored blocks of ``nodes``."""
    values = " ".join(f"<{n}>" for n in nodes)
    return (f"VALUES ?n {{ {values} }} GRAPH <{CORPUS_GRAPH}> {{ {{ ?n ?p ?o }} UNION {{ ?m <{OWL.sameAs}> ?n }} "
            f"UNION {{ ?n <{NG}hasMerge> ?r . ?r ?rp ?ro }} }}")


def _block_changes(store: Store, nodes: list[str], blocks: dict[str, Block]) -> list[str]:
    """The update operations that turn the stored blocks of ``nodes``
    into ``blocks``: only the triples that differ. A triple the store writes otherwise
    than we do is deleted and inserted again, which leaves it in place; blocks holding
    blank nodes (edited by hand), which DELETE DATA cannot name, are deleted by pattern."""
    g = CORPUS_GRAPH
    new = {line for n in nodes if n in blocks for line in blocks[n].text.splitlines(True)}
    text = store.query(f"CONSTRUCT {{ {_BLOCK_TRIPLES} }} WHERE {{ {_block_pattern(nodes)} }}").triples or ""
    old = {line + "\n" for line in text.splitlines() if line.strip() and not line.startswith("#")}
    ops = []
    if any("_:" in line for line in old):
        ops.append(f"DELETE {{ GRAPH <{g}> {{ {_BLOCK_TRIPLES} }} }} WHERE {{ {_block_pattern(nodes)} }}")
        old = set()
    elif old - new:
        ops.append(f"DELETE DATA {{ GRAPH <{g}> {{\n{''.join(sorted(old - new))}}} }}")
    if new - old:
        ops.append(f"INSERT DATA {{ GRAPH <{g}> {{\n{''.join(sorted(new - old))}}} }}")
    return ops


__all__ = ["CORPUS_GRAPH", "MARKS_GRAPH", "drop_corpus_graph", "write_corpus"]
