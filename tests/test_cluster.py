"""Extraction on a Dask cluster: a LocalCluster of two worker processes on 127.0.0.1 gives
the same quads as one process, each worker loads the model once, a worker killed mid-run
loses no article and writes none twice, and nothing listens beyond 127.0.0.1."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import dask
import psutil
import pytest

from graph.articles import read_article
from graph.cluster import _in_worker, cluster_client, loaded_models, render_with_client
from graph.rdf import article_ntriples
from graph.store import open_store
from graph.workers import render_articles

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"
ARTICLES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".html"))


@pytest.fixture(scope="module")
def client():
    environ = dict(os.environ)
    with cluster_client("local:2") as c:
        assert dict(os.environ) == environ  # the nannies' settings stay in the workers
        yield c
    assert dict(os.environ) == environ


@pytest.fixture(scope="module")
def jobs():
    import datetime as dt

    # each fixture file's name ends in its publication date
    return [(p.name, read_article(p, published=dt.date.fromisoformat(p.stem[-10:]))) for p in ARTICLES]


def test_starting_a_local_cluster_leaves_this_process_environment_as_it_was():
    environ = dict(os.environ)
    with cluster_client("local:1"):
        assert os.environ.get("OMP_NUM_THREADS") == environ.get("OMP_NUM_THREADS")
        assert dict(os.environ) == environ
    assert dict(os.environ) == environ


def test_the_cluster_renders_the_same_ntriples_as_one_process_in_input_order(client, jobs):
    local = list(render_articles(jobs, article_ntriples, n_process=1, batch_size=2))
    remote = list(render_with_client(client, jobs, article_ntriples, batch_size=2))
    assert [k for k, _, _ in remote] == [k for k, _ in jobs]
    assert all(error is None for _, _, error in remote)
    assert remote == local


def test_a_batch_crosses_the_network_as_compressed_ntriples(client, jobs):
    batch = [job for _key, job in jobs[:4]]
    packed = client.submit(_in_worker, batch, article_ntriples, pure=False).result()
    texts = [text for _key, text, _error in render_articles(jobs[:4], article_ntriples)]
    assert isinstance(packed, bytes) and len(packed) * 5 < sum(len(t.encode("utf-8")) for t in texts)


def test_each_worker_loads_the_model_once(client, jobs):
    list(render_with_client(client, jobs * 3, article_ntriples, batch_size=1))
    assert set(client.run(loaded_models).values()) == {1}


def test_local_workers_allocate_memory_as_this_process_does_and_run_no_profiler(client):
    # the nanny's default MALLOC_TRIM_THRESHOLD_ would pin glibc's mmap threshold: a page fault storm
    assert set(client.run(os.environ.get, "MALLOC_TRIM_THRESHOLD_").values()) == {os.environ.get("MALLOC_TRIM_THRESHOLD_")}
    settings = client.run(lambda: (dask.config.get("distributed.worker.profile.enabled"),
                                   dask.config.get("distributed.admin.tick.interval")))
    assert set(settings.values()) == {(False, "1s")}


def test_every_socket_of_the_cluster_listens_on_127_0_0_1_only(client):
    pids = {os.getpid(), *client.run(os.getpid).values(), *client.run(os.getppid).values()}
    listening = [c.laddr for pid in pids for c in psutil.Process(pid).net_connections(kind="inet")
                 if c.status == psutil.CONN_LISTEN]
    assert listening  # the scheduler, its dashboard and the workers listen
    assert {addr.ip for addr in listening} == {"127.0.0.1"}, listening


def test_a_worker_killed_mid_run_loses_no_article_and_writes_none_twice(client, jobs):
    many = [(f"{key}#{i}", job) for i in range(6) for key, job in jobs]
    expected = {key: text for key, text, _ in render_articles(jobs, article_ntriples, n_process=1)}
    seen: list[tuple[str, str | None, str | None]] = []
    killed = False
    deadline = time.monotonic() + 240
    for key, text, error in render_with_client(client, many, article_ntriples, batch_size=1):
        seen.append((key, text, error))
        if not killed:
            victim = next(iter(client.run(os.getpid).values()))
            os.kill(victim, signal.SIGKILL)
            killed = True
        assert time.monotonic() < deadline
    assert killed
    assert [k for k, _, _ in seen] == [k for k, _ in many]  # each exactly once, in order
    assert all(error is None for _, _, error in seen), [e for _, _, e in seen if e][:2]
    assert all(text == expected[key.partition("#")[0]] for key, text, _ in seen)


def test_ingest_cluster_local_writes_the_same_quads_as_jobs_1(tmp_path):
    stores = {}
    for name, extra in (("one", []), ("cluster", ["--cluster", "local:2"])):
        store = tmp_path / name
        run = subprocess.run([sys.executable, "-m", "graph", "ingest", str(CORPUS), "--store", str(store), *extra],
                             capture_output=True, text=True, timeout=600)
        assert run.returncode == 0, run.stderr
        with open_store(store) as s:
            stores[name] = sorted(s.dump_nquads().decode("utf-8").splitlines())
    assert stores["cluster"] == stores["one"]
