"""A cluster started by hand, as docs/scale.md says (``dask scheduler``, ``dask worker`` with
the documented worker settings), on 127.0.0.1: ``tcp://`` gives the same N-Triples as one
process, and its workers run with the settings the local cluster uses."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import dask
import pytest
import yaml

from graph.articles import read_article
from graph.cluster import LOCAL_WORKER_CONFIG, render_on_cluster
from graph.rdf import article_ntriples
from graph.workers import render_articles

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
DASK = Path(sys.executable).with_name("dask")


def documented_worker_config() -> str:
    """The YAML block of docs/scale.md that configures a remote cluster's workers."""
    blocks = re.findall(r"```yaml\n(.*?)```", (ROOT / "docs" / "scale.md").read_text(encoding="utf-8"), re.S)
    return next(block for block in blocks if "pre-spawn-environ" in block)


def flat(tree: dict, prefix: str = "") -> dict:
    out = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            out.update(flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def test_the_documented_worker_settings_are_the_local_clusters():
    assert flat(yaml.safe_load(documented_worker_config())) == LOCAL_WORKER_CONFIG


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dask")
    (tmp / "config").mkdir()
    (tmp / "config" / "newsgraph-worker.yaml").write_text(documented_worker_config(), encoding="utf-8")
    env = {**os.environ, "DASK_CONFIG": str(tmp / "config")}
    env.pop("MALLOC_TRIM_THRESHOLD_", None)
    file = tmp / "scheduler.json"
    local = ["--dashboard-address", "127.0.0.1:0"]
    procs = [subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", "0", *local,
                               "--scheduler-file", str(file)], env=env, stderr=subprocess.DEVNULL)]
    try:
        deadline = time.monotonic() + 60
        while not file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        procs.append(subprocess.Popen([str(DASK), "worker", "--scheduler-file", str(file), "--host", "127.0.0.1",
                                       "--nworkers", "1", "--nthreads", "1", *local],
                                      env=env, stderr=subprocess.DEVNULL))
        yield json.loads(file.read_text())["address"]
    finally:
        for proc in reversed(procs):
            proc.terminate()
            proc.wait(timeout=60)


def test_a_cluster_started_by_hand_renders_the_same_ntriples_as_one_process(scheduler):
    jobs = [(p.name, read_article(p, published=dt.date.fromisoformat(p.stem[-10:])))
            for p in sorted(CORPUS.iterdir()) if p.suffix in (".txt", ".md", ".html")][:4]
    local = list(render_articles(jobs, article_ntriples, n_process=1, batch_size=2))
    assert list(render_on_cluster(jobs, article_ntriples, scheduler, batch_size=2)) == local


def test_workers_started_with_the_documented_settings_take_them(scheduler):
    from distributed import Client

    def settings() -> dict:
        return {key: (os.environ.get(key.rpartition(".")[2]) if "environ" in key else dask.config.get(key))
                for key in LOCAL_WORKER_CONFIG}

    with Client(scheduler, timeout="60s") as client:
        client.wait_for_workers(1, timeout=120)
        assert list(client.run(settings).values()) == [LOCAL_WORKER_CONFIG]
