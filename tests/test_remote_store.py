"""RemoteStore against a real ``oxigraph serve`` on 127.0.0.1: round trip, CLI, a server killed mid-ingest."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.corpus import CORPUS_GRAPH, ingest, remove
from graph.errors import StoreError
from graph.query import named_query, run_query
from graph.remote import RemoteStore
from graph.store import open_store

pytestmark = pytest.mark.server

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"
OXIGRAPH = Path(sys.executable).parent / "oxigraph"
BBC = "https://example.org/bbc/2017/04/04/chechnya"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One ``oxigraph serve`` process on a folder; it can be killed and restarted on the same folder."""

    def __init__(self, location: Path) -> None:
        self.location = location
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Server:
        self.process = subprocess.Popen(
            [str(OXIGRAPH), "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                request = urllib.request.Request(f"{self.url}/query", data=b"ASK {}",
                                                 headers={"Content-Type": "application/sparql-query"})
                with urllib.request.urlopen(request, timeout=2):
                    return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(f"oxigraph serve exited with {self.process.returncode}")
                time.sleep(0.1)
        raise RuntimeError("oxigraph serve did not answer within 30 s")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    srv = Server(tmp_path_factory.mktemp("oxigraph") / "db").start()
    yield srv
    srv.stop()


def rows(store, name, **params):
    result = run_query(store, named_query(name).text, params=params)
    return [dict(zip(result.variables, (t.value if t else None for t in row))) for row in result.rows]


def article_graphs(store) -> list[str]:
    return [g for g in store.graph_iris() if g != CORPUS_GRAPH]


def test_round_trip_ingest_query_replace_remove(server):
    store = open_store(server.url)
    assert isinstance(store, RemoteStore)
    for g in store.graph_iris():
        store.remove_graph(g)
    first = ingest([CORPUS], store)
    assert (first.added, first.replaced, first.failed) == (5, 0, [])
    assert len(article_graphs(store)) == 5 and CORPUS_GRAPH in store.graph_iris()
    conflicts = {(r["fact"], r["value"]) for r in rows(store, "disagreements")}
    assert conflicts == {("quantity", "100"), ("quantity", "40"), ("date", "2017-03-30"), ("date", "2017-03-28")}
    assert {r["outlet"] for r in rows(store, "statement-sources", speaker="Heather Nauert")} == {
        "Wire Service", "Daily Post"}
    assert rows(store, "actor-story", actor="Kadyrov") == rows(store, "actor-story", actor="Ramzan Kadyrov")
    count = store.triple_count()
    again = ingest([CORPUS], store)
    assert (again.added, again.replaced) == (0, 5) and store.triple_count() == count
    gone = remove(store, [BBC])
    assert len(gone.removed) == 1 and len(article_graphs(store)) == 4
    assert rows(store, "disagreements") == []
    nquads = store.dump_nquads().decode()
    assert "Novaya Gazeta" in nquads and BBC not in nquads


def test_hostile_values_cannot_change_a_remote_query(server):
    store = open_store(server.url)
    if not article_graphs(store):
        ingest([CORPUS], store)
    before = store.triple_count()
    for hostile in ['x" } } ; DROP ALL ; #', "x' ) } UNION { ?canonical ?p ?o } #", 'a"""b\\', "<x> } {"]:
        assert rows(store, "actor-story", actor=hostile) == []
        assert rows(store, "statement-sources", text=hostile, speaker=hostile) == []
    assert store.triple_count() == before


def test_the_cli_works_against_the_server(server):
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(CORPUS), "--store", server.url])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["query", "story-timeline", "--format", "csv", "--store", server.url])
    assert result.exit_code == 0 and "detention" in result.output
    result = runner.invoke(cli, ["query", "SELECT * WHERE { ?s ?p", "--store", server.url])
    assert result.exit_code == 2 and "invalid SPARQL" in result.stderr and "line 1" in result.stderr
    result = runner.invoke(cli, ["remove", BBC, "--store", server.url])
    assert result.exit_code == 0 and "1 removed" in result.output


def test_an_unreachable_server_is_one_clear_line_and_exit_3():
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(StoreError, match="cannot reach the SPARQL endpoint"):
        RemoteStore(url)
    result = CliRunner().invoke(cli, ["ingest", str(CORPUS), "--store", url])
    assert result.exit_code == 3
    assert result.stderr.strip().startswith(f"newsgraph: error: {url}: cannot reach the SPARQL endpoint (")


def test_server_killed_mid_ingest_loses_nothing_committed(tmp_path):
    feed = tmp_path / "feed.jsonl"
    people = ["Anna Chen", "Boris Novak", "Carla Rossi", "David Weber", "Elena Sato", "Farid Haddad"]
    with feed.open("w") as out:
        for i in range(40):
            person = people[i % len(people)]
            out.write(json.dumps({
                "text": f"Police in Riga arrested {person} on Monday, officials said in statement number {i}.",
                "published": "2020-03-04", "url": f"https://example.org/riga/{i}", "publisher": "Riga Herald"}) + "\n")
    server = Server(tmp_path / "db").start()
    try:
        store = open_store(server.url)
        killed_after = 12

        def progress(done: int, total: int) -> None:
            if done == killed_after:
                server.kill()

        summary = ingest([feed], store, progress=progress)
        assert summary.store_error is not None and "cannot reach the SPARQL endpoint" in summary.store_error
        assert summary.added == killed_after
        assert len(summary.failed) == 1 and summary.skipped == 40 - killed_after - 1
        server.start()
        store = open_store(server.url)
        assert len(article_graphs(store)) == killed_after
        complete = store.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?a a schema:NewsArticle ; "
                               "schema:articleBody ?t ; schema:url ?u } }").rows[0][0]
        assert complete.value == str(killed_after)
        # the next run completes: the rest are added, the first ones replaced
        rerun = ingest([feed], store)
        assert (rerun.added, rerun.replaced, rerun.failed) == (40 - killed_after, killed_after, [])
        assert len(article_graphs(store)) == 40 and CORPUS_GRAPH in store.graph_iris()
    finally:
        server.stop()


def _sync_round(store, graph_iri: str) -> None:
    def nt(values: range) -> str:
        return "".join(f'<urn:s> <urn:p> "v{i} \\"quoted\\"\\n line" .\n' for i in values)

    store.sync_graph(graph_iri, nt(range(0, 7)), chunk=3)
    assert sorted(store.graph_ntriples(graph_iri).splitlines()) == sorted(nt(range(0, 7)).splitlines())
    store.sync_graph(graph_iri, nt(range(4, 12)), chunk=2)  # 4 gone, 5 added, 3 kept
    assert sorted(store.graph_ntriples(graph_iri).splitlines()) == sorted(nt(range(4, 12)).splitlines())
    store.sync_graph(graph_iri, nt(range(4, 12)), chunk=2)  # nothing differs: nothing written
    assert len(store.graph_ntriples(graph_iri).splitlines()) == 8


def test_a_graph_is_synced_by_difference_in_bounded_transactions(server, tmp_path):
    _sync_round(RemoteStore(server.url), "urn:sync-remote")
    with open_store(tmp_path / "s", create=True) as embedded:
        _sync_round(embedded, "urn:sync-embedded")
