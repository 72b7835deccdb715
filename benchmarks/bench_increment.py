"""Incremental corpus benchmark: add one article to an N-article store, and remove it, with
the corpus layer included, through the CLI (model load included); and the full rebuild.
Prints; never asserts.

    python benchmarks/bench_increment.py --articles 1000

The store is filled quickly from synthetic graphs (:mod:`benchmarks.generate`, no
extraction), then its corpus graph is computed once by a full rebuild (timed). The new
article is a synthetic text the CLI extracts. Goal (issue 14): add one article to a
10 k-article store in <= 3 s.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate_articles  # noqa: E402
from graph.inputs import identity  # noqa: E402
from graph.rdf import article_ntriples, graph_iri  # noqa: E402
from graph.store import open_store  # noqa: E402

try:  # the module the corpus layer lives in, before and after the split
    from graph.corpuslayer import rebuild_corpus
except ImportError:  # pragma: no cover - an older checkout
    from graph.corpus import rebuild_corpus  # type: ignore[no-redef]


def fill(location: Path, n: int) -> float:
    """``n`` synthetic article graphs bulk-loaded, then the corpus graph rebuilt in full: its seconds."""
    with open_store(location, create=True) as store:
        batch: list[tuple[str, str]] = []
        for ag in generate_articles(n, seed=7):
            ag.article.id = identity(ag.article)
            batch.append((str(graph_iri(ag.article.id)), article_ntriples(ag)))
            if len(batch) == 500:
                store.add_graphs(batch)
                batch = []
        if batch:
            store.add_graphs(batch)
        t0 = time.perf_counter()
        rebuild_corpus(store)
        return time.perf_counter() - t0


def cli(*args: str) -> float:
    """Seconds one ``newsgraph`` command takes, in a fresh process."""
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "graph", *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    took = time.perf_counter() - t0
    if done.returncode:
        sys.exit(f"newsgraph {' '.join(args)} failed: {done.stderr.strip()[-400:]}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=2, help="add and remove this many times; each is printed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        rebuild = fill(store, args.articles)
        print(f"{args.articles} articles: full corpus rebuild {rebuild:.1f} s")
        new = list(generate_articles(args.articles + 1, seed=8))[-1].article
        feed = Path(tmp) / "new.jsonl"
        feed.write_text(json.dumps({"text": new.text, "published": new.published.isoformat(), "url": new.url,
                                    "title": new.headline}) + "\n", encoding="utf-8")
        print(f"newsgraph --version (Python and CLI start): {cli('--version'):.2f} s")
        empty = Path(tmp) / "empty"
        print(f"the floor: add it to an empty store (CLI, model load): {cli('ingest', str(feed), '--store', str(empty)):.2f} s")
        for _ in range(args.repeat):
            print(f"add one article (CLI, model load, corpus layer): {cli('ingest', str(feed), '--store', str(store)):.2f} s")
            print(f"remove it (CLI, corpus layer): {cli('remove', new.url or '', '--store', str(store)):.2f} s")


if __name__ == "__main__":
    main()
