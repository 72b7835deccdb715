"""Extraction throughput: local processes (``--jobs``) against a Dask LocalCluster
(``--cluster local:N``) on the same synthetic articles. Prints, never asserts.

    python benchmarks/bench_cluster.py [--articles 200]

Each path parses, extracts and renders N-Triples for every article (what ingest does
before writing); the cluster's start-up (workers loading spaCy) is timed apart, as a
long-running cluster pays it once. The issue's goal: the cluster path costs <= 10% over
the same number of local processes.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate_articles  # noqa: E402

from graph.cluster import cluster_client, render_with_client  # noqa: E402
from graph.rdf import article_ntriples  # noqa: E402
from graph.workers import render_articles  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    jobs = [(i, ag.article) for i, ag in enumerate(generate_articles(args.articles))]
    from graph.extract import load_model

    nlp = load_model()  # loaded and used before any clock starts, as each cluster worker's is (timed apart)
    list(render_articles(jobs[:2], article_ntriples, nlp=nlp))
    batch = 8  # small batches, the same on both paths, so two workers share the work evenly
    print(f"{len(jobs)} synthetic articles, {sum(len(a.text) for _, a in jobs) / len(jobs):.0f} characters each")
    rates = {}
    for n in (1, 2):
        t = time.perf_counter()
        out = list(render_articles(jobs, article_ntriples, nlp=nlp, n_process=n, batch_size=batch))
        seconds = time.perf_counter() - t
        rates[f"jobs {n}"] = len(out) / seconds
        print(f"--jobs {n}            {rates[f'jobs {n}']:7.1f} articles/s  ({seconds:.1f} s)")
    for n in (1, 2):
        t = time.perf_counter()
        with cluster_client(f"local:{n}") as client:
            # each worker loads the model and parses once, as a long-running cluster has
            list(render_with_client(client, jobs[: 2 * n], article_ntriples, batch_size=1))
            start = time.perf_counter() - t
            t = time.perf_counter()
            out = list(render_with_client(client, jobs, article_ntriples, batch_size=batch))
            seconds = time.perf_counter() - t
        rate = len(out) / seconds
        overhead = rates[f"jobs {n}"] / rate - 1
        print(f"--cluster local:{n}   {rate:7.1f} articles/s  ({seconds:.1f} s; start-up {start:.1f} s); "
              f"overhead against --jobs {n}: {overhead:+.0%} (goal <= +10%)")


if __name__ == "__main__":
    main()
