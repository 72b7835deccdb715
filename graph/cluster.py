"""Extraction on a Dask cluster: parse -> extract -> render mapped over ``dask.distributed``.

The parent sends articles (text and metadata) in batches and receives what ``render``
makes of each graph (for ingest: N-Triples text), compressed; no spaCy ``Doc`` crosses
the network. Each worker loads the spaCy model once (:func:`graph.extract.load_model`
caches it per process). Results come back in input order, each exactly once, so the
parent writes to the store as it does with ``--jobs``. A worker that dies has its batches run again
elsewhere by the scheduler; a batch that fails on every worker it is given is reported as
failed, article by article, never silently dropped.

``local:N`` starts a ``LocalCluster`` of N single-threaded worker processes bound to
127.0.0.1 (dashboard included); ``tcp://HOST:PORT`` joins a running scheduler.
"""
from __future__ import annotations

import logging
import os
import pickle
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from .errors import InputError, StoreError
from .workers import Job, Outcome, render_batch

K = TypeVar("K")
LOCALHOST = "127.0.0.1"
CONNECT_TIMEOUT = "30s"
# Dask defaults that cost extraction time and buy nothing here, turned off for local workers
# (docs/scale.md gives the same settings as a config file for a remote cluster's workers):
# - the nanny's MALLOC_TRIM_THRESHOLD_ (64 kB). Setting any malloc threshold turns off glibc's
#   adaptive mmap threshold (mallopt(3)), so every block over 128 kB that spaCy allocates and
#   frees is a fresh mmap: ~550,000 page faults and 15-20% more CPU per 120 articles measured.
#   None unsets it: the worker allocates as the in-process path does.
# - the statistical profiler, sampling every worker thread 100 times a second;
# - the event loop's health check every 20 ms and the system monitor every 0.5 s, half of an
#   idle worker's and of the parent's (scheduler, nannies) background CPU.
LOCAL_WORKER_CONFIG: dict[str, Any] = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
}


def _in_worker(batch: list[Job], render: Callable[[Any], Any]) -> bytes:
    """One batch on a worker, with the worker's own (cached) model, its outcomes packed.

    N-Triples repeat their IRIs: zlib at level 1 makes a batch 15 times smaller (106 kB
    an article -> 7 kB) for ~3 ms per 8 articles, so a parent fed by many workers over a
    network is not bound by its link.
    """
    from .extract import load_model

    return zlib.compress(pickle.dumps(render_batch(batch, load_model(), render), pickle.HIGHEST_PROTOCOL), 1)


def loaded_models() -> int:
    """How many spaCy pipelines this process has loaded (run on workers by the tests)."""
    from .extract.pipeline import _CACHE

    return len(_CACHE)


def _restore(environ: dict[str, str]) -> None:
    """Put ``os.environ`` back as it was: a local nanny sets OMP_NUM_THREADS=1, PYTHONHASHSEED
    and others in its own process (here, the parent) before it spawns a worker, so every
    program the parent started afterwards would inherit them."""
    for key in set(os.environ) - set(environ):
        del os.environ[key]
    os.environ.update(environ)


@contextmanager
def cluster_client(spec: str) -> Iterator[Any]:
    """A ``distributed.Client`` for ``local:N`` or ``tcp://HOST:PORT``, closed on exit."""
    import dask
    from distributed import Client, LocalCluster

    if spec.startswith("local:"):
        try:
            n = int(spec.partition(":")[2])
        except ValueError:
            n = 0
        if n < 1:
            raise InputError(f"--cluster {spec}: write local:N with N >= 1 worker processes")
        environ = dict(os.environ)  # the nannies write their workers' settings into ours
        try:
            with dask.config.set(LOCAL_WORKER_CONFIG):  # only while the local workers start
                cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host=LOCALHOST,
                                       dashboard_address=f"{LOCALHOST}:0", worker_dashboard_address=f"{LOCALHOST}:0",
                                       silence_logs=logging.ERROR)
            _restore(environ)
            try:
                with Client(cluster) as client:
                    yield client
            finally:
                cluster.close()
        finally:
            _restore(environ)
        return
    if not spec.startswith(("tcp://", "tls://")):
        raise InputError(f"--cluster {spec}: expected local:N or tcp://HOST:PORT of a dask scheduler")
    try:
        client = Client(spec, timeout=CONNECT_TIMEOUT)
    except OSError as exc:
        raise StoreError(f"--cluster {spec}: cannot reach the dask scheduler ({exc})") from None
    with client:
        yield client


def render_on_cluster(jobs: Iterable[tuple[K, Job]], render: Callable[[Any], Any], spec: str, *,
                      batch_size: int) -> Iterator[tuple[K, Any, str | None]]:
    """:func:`render_with_client` on the cluster ``spec`` names, for as long as it takes."""
    with cluster_client(spec) as client:
        yield from render_with_client(client, jobs, render, batch_size=batch_size)


def render_with_client(client: Any, jobs: Iterable[tuple[K, Job]], render: Callable[[Any], Any], *,
                       batch_size: int) -> Iterator[tuple[K, Any, str | None]]:
    """``(key, render(graph), None)`` or ``(key, None, message)`` per job, in input order,
    with at most two batches per worker in flight (a long input is never read ahead)."""
    from .workers import _chunks

    workers = max(len(client.scheduler_info().get("workers", {})), 1)
    in_flight: deque[tuple[list[K], Any]] = deque()
    for chunk in _chunks(jobs, batch_size):
        future = client.submit(_in_worker, [job for _key, job in chunk], render, pure=False)
        in_flight.append(([key for key, _job in chunk], future))
        while len(in_flight) > 2 * workers:
            yield from _collect(*in_flight.popleft())
    while in_flight:
        yield from _collect(*in_flight.popleft())


def _collect(keys: list[K], future: Any) -> Iterator[tuple[K, Any, str | None]]:
    try:
        packed: bytes = future.result()
    except Exception as exc:  # noqa: BLE001 - KilledWorker and the like: the batch is reported, not lost
        outcomes: list[Outcome] = [(None, f"extraction failed on the cluster ({exc.__class__.__name__})")] * len(keys)
    else:
        outcomes = pickle.loads(zlib.decompress(packed))
    for key, (result, error) in zip(keys, outcomes):
        yield key, result, error
