"""Bulk load against update requests, on Oxigraph and Virtuoso (prints, never asserts).

Synthetic articles (benchmarks/generate.py) are written as N-Quads shards, one named graph
per article, as ``newsgraph extract --format nquads`` writes them; then each server, started
on 127.0.0.1 in a temporary folder, loads them with its own bulk loader (``oxigraph load``;
Virtuoso's ``ld_dir`` + ``rdf_loader_run()`` + ``checkpoint``). For comparison, a sample
of the articles is written through newsgraph's update path (:class:`RemoteStore`:
staged chunks, a count check, one MOVE per article), and its rate extrapolated.

    python benchmarks/bench_bulk.py --articles 1000 --sample 100
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate import generate_articles  # noqa: E402

from graph.rdf import article_ntriples, graph_iri  # noqa: E402
from graph.store import open_store  # noqa: E402
from graph.store.base import as_nquads  # noqa: E402
from tests.servers import SERVERS, VIRTUOSO_PASSWORD, VIRTUOSO_USER, available  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--shard-size", type=int, default=250)
    parser.add_argument("--sample", type=int, default=100, help="articles written by update requests")
    args = parser.parse_args()
    os.environ.setdefault("NEWSGRAPH_STORE_USER", VIRTUOSO_USER)
    os.environ.setdefault("NEWSGRAPH_STORE_PASSWORD", VIRTUOSO_PASSWORD)

    start = time.perf_counter()
    graphs = [(str(graph_iri(ag.article.id)), article_ntriples(ag)) for ag in generate_articles(args.articles, seed=1)]
    quads = sum(text.count(" .\n") for _, text in graphs)
    print(f"corpus: {args.articles} articles, {quads:,} quads (generated in {time.perf_counter() - start:.1f} s)")
    with tempfile.TemporaryDirectory() as tmp:
        shards = Path(tmp) / "shards"
        shards.mkdir()
        for n, first in enumerate(range(0, len(graphs), args.shard_size)):
            block = graphs[first : first + args.shard_size]
            (shards / f"articles-{n:05d}.nq").write_text("".join(as_nquads(g, t) for g, t in block), encoding="utf-8")
        for name, make in SERVERS.items():
            if not available(name):
                print(f"{name}: not installed, skipped")
                continue
            server = make(Path(tmp) / name).start()
            try:
                start = time.perf_counter()
                server.bulk_load(shards)
                bulk = time.perf_counter() - start
                store = open_store(server.url)
                loaded = store.triple_count()
                print(f"{name}: bulk load {loaded:,} quads in {bulk:.1f} s ({loaded / bulk:,.0f} quads/s"
                      + (", including a stop and restart" if name == "oxigraph" else ", with the checkpoint") + ")")
                sample = [(g + "-update", t) for g, t in graphs[: args.sample]]
                sample_quads = sum(t.count(" .\n") for _, t in sample)
                start = time.perf_counter()
                store.add_graphs(sample)
                took = time.perf_counter() - start
                rate = sample_quads / took
                print(f"{name}: update path {len(sample)} articles, {sample_quads:,} quads in {took:.1f} s "
                      f"({rate:,.0f} quads/s, {len(sample) / took:.1f} articles/s; all {quads:,} quads: "
                      f"~{quads / rate:.0f} s)")
            finally:
                server.stop()


if __name__ == "__main__":
    main()
