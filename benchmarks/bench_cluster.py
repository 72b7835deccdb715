"""Extraction throughput: local processes (``--jobs``) against a Dask LocalCluster
(``--cluster local:N``) on the same synthetic articles. Prints, never asserts.

    python benchmarks/bench_cluster.py [--articles 120] [--rounds 3]

Each path parses, extracts and renders N-Triples for every article (what ingest does
before writing), in the same batches of 8, after a warm-up (model loaded and used); the
cluster's start-up (workers loading spaCy) is timed apart, as a long-running cluster pays
it once. Each round runs ``--jobs N`` and then ``local:N`` back to back, with no cluster
alive during ``--jobs N``; the overhead printed is the median of the rounds' ratios, and
the best round of each path against the other's (the run least disturbed by other load).

Wall time on a shared machine varies by 10-30% from run to run, so the CPU seconds each
path burns per article are printed too (``--jobs 1``: this process; ``--jobs 2``: its
worker processes; a cluster: its workers plus this process, which hosts the scheduler and
the nannies). The issue's goal: the cluster path costs <= 10% over the same number of
local processes.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate_articles  # noqa: E402

from graph.cluster import cluster_client, render_with_client  # noqa: E402
from graph.rdf import article_ntriples  # noqa: E402
from graph.workers import render_articles  # noqa: E402

BATCH = 8  # small batches, the same on both paths, so two workers share the work evenly


def cpu_seconds(who: int = resource.RUSAGE_SELF) -> float:
    """User and system CPU of this process (or of its reaped children), all threads."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def run_jobs(jobs: list[tuple[int, Any]], nlp: Any, n: int) -> tuple[float, float]:
    """(seconds, CPU seconds) for ``--jobs n``; a pool's workers are reaped when it ends."""
    who = resource.RUSAGE_SELF if n == 1 else resource.RUSAGE_CHILDREN
    cpu, t = cpu_seconds(who), time.perf_counter()
    list(render_articles(jobs, article_ntriples, nlp=nlp, n_process=n, batch_size=BATCH))
    return time.perf_counter() - t, cpu_seconds(who) - cpu


def run_cluster(jobs: list[tuple[int, Any]], n: int) -> tuple[float, float, float]:
    """(seconds, CPU seconds of workers and this process, start-up seconds) for ``local:n``."""
    t = time.perf_counter()
    with cluster_client(f"local:{n}") as client:
        # each worker loads the model and parses once, as a long-running cluster has
        list(render_with_client(client, jobs[: 2 * n], article_ntriples, batch_size=1))
        start = time.perf_counter() - t
        workers, cpu = sum(client.run(cpu_seconds).values()), cpu_seconds()
        t = time.perf_counter()
        list(render_with_client(client, jobs, article_ntriples, batch_size=BATCH))
        seconds = time.perf_counter() - t
        cpu = cpu_seconds() - cpu + sum(client.run(cpu_seconds).values()) - workers
    return seconds, cpu, start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    jobs = [(i, ag.article) for i, ag in enumerate(generate_articles(args.articles))]
    from graph.extract import load_model

    nlp = load_model()  # loaded and used before any clock starts, as each cluster worker's is (timed apart)
    list(render_articles(jobs[:2], article_ntriples, nlp=nlp))
    size = sum(len(a.text) for _, a in jobs) / len(jobs)
    print(f"{len(jobs)} synthetic articles, {size:.0f} characters each, batches of {BATCH}, {args.rounds} rounds")
    per = 1000 / len(jobs)
    for n in (1, 2):
        local: list[tuple[float, float]] = []
        cluster: list[tuple[float, float]] = []
        starts: list[float] = []
        for _ in range(args.rounds):
            local.append(run_jobs(jobs, nlp, n))
            seconds, cpu, start = run_cluster(jobs, n)
            cluster.append((seconds, cpu))
            starts.append(start)
        for name, runs in ((f"--jobs {n}", local), (f"--cluster local:{n}", cluster)):
            rates = " ".join(f"{len(jobs) / s:5.1f}" for s, _ in runs)
            cpus = " ".join(f"{c * per:4.0f}" for _, c in runs)
            print(f"{name:19} articles/s {rates}   CPU ms/article {cpus}")
        wall = statistics.median(c / j - 1 for (j, _), (c, _) in zip(local, cluster))
        cpu = statistics.median(c / j - 1 for (_, j), (_, c) in zip(local, cluster))
        best = min(s for s, _ in cluster) / min(s for s, _ in local) - 1
        print(f"  local:{n} against --jobs {n}: {wall:+.0%} wall time, {cpu:+.0%} CPU (median of rounds), "
              f"{best:+.0%} best round against best round (goal <= +10%); "
              f"cluster start-up {statistics.median(starts):.1f} s")


if __name__ == "__main__":
    main()
