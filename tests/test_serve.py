"""`newsgraph serve` with real clients: rdflib's SPARQLStore and SPARQLWrapper, curl for each
content type, an ingest through the server while queries run, and the live explorer in
chromium. The server is started on 127.0.0.1 by the tests and stopped by them; every loop
is bounded in count and time."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SEED_ID
from tests.net import free_port

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"
TOKEN = "test-token-not-a-secret"
PERSONS = "SELECT ?x ?l WHERE { ?x a <https://schema.org/Person> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
GRAPH_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"



class Server:
    def __init__(self, store: Path, *extra: str, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen([sys.executable, "-m", "graph", "serve", "--store", str(store), "--port",
                                      str(self.port), *extra], env={**os.environ, **(env or {})},
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("serve exited: " + self.proc.stderr.read())
            try:
                urllib.request.urlopen(self.url + "/sparql?query=ASK%7B%7D", timeout=2).read()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("serve did not answer within 30 s")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


@pytest.fixture()
def seed_store(built, tmp_path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(built["store"], copy)
    return copy


@pytest.fixture()
def server(seed_store) -> Iterator[Server]:
    srv = Server(seed_store, "--max-rows", "50")
    yield srv
    srv.stop()


def _curl(*args: str) -> tuple[int, str, str]:
    run = subprocess.run(["curl", "-s", "-w", "\n%{http_code} %{content_type}", *args], capture_output=True,
                         text=True, timeout=30)
    body, _, tail = run.stdout.rpartition("\n")
    code, _, ctype = tail.partition(" ")
    return int(code), ctype, body


def test_rdflib_sparqlstore_and_sparqlwrapper_query_the_endpoint(server):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore
    from SPARQLWrapper import JSON, SPARQLWrapper

    store = SPARQLStore(server.url + "/sparql")
    names = sorted(str(row.l) for row in store.query(PERSONS))
    assert names == ["Igor Kochetkov", "Mike Pompeo", "Oyub Titiev"]
    wrapper = SPARQLWrapper(server.url + "/sparql")
    wrapper.setQuery(PERSONS)
    wrapper.setReturnFormat(JSON)
    bindings = wrapper.query().convert()["results"]["bindings"]
    assert sorted(b["l"]["value"] for b in bindings) == names
    wrapper.setQuery("ASK { ?x a <https://schema.org/Person> }")
    assert wrapper.query().convert()["boolean"] is True


@pytest.mark.parametrize("accept, expected, marker", [
    ("application/sparql-results+json", "application/sparql-results+json", '"bindings"'),
    ("application/sparql-results+xml", "application/sparql-results+xml", "<sparql"),
    ("text/csv", "text/csv", "x,l\n"),  # curl's CRLF read as text
    ("text/tab-separated-values", "text/tab-separated-values", "?x\t?l\n"),
])
def test_curl_gets_select_results_in_each_format(server, accept, expected, marker):
    code, ctype, body = _curl("-H", f"Accept: {accept}", "--data-urlencode", f"query={PERSONS}", server.url + "/sparql")
    assert code == 200 and ctype.startswith(expected)
    assert marker in body and "Mike Pompeo" in body


@pytest.mark.parametrize("accept, expected", [("text/turtle", "text/turtle"), ("application/n-triples", "application/n-triples")])
def test_curl_gets_graphs_as_turtle_or_ntriples(server, accept, expected):
    construct = "CONSTRUCT { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE { " + PERSONS.split("{", 1)[1]
    code, ctype, body = _curl("-G", "-H", f"Accept: {accept}", "--data-urlencode", f"query={construct}",
                              server.url + "/sparql")
    assert code == 200 and ctype.startswith(expected)
    import rdflib

    g = rdflib.Graph().parse(data=body, format="turtle" if "turtle" in expected else "nt")
    assert len(g) == 3


def test_cors_preflight_is_answered_for_browser_clients(server):
    code, _, _ = _curl("-X", "OPTIONS", "-H", "Origin: http://yasgui.example", "-H",
                       "Access-Control-Request-Method: POST", server.url + "/sparql")
    assert code == 200
    head = subprocess.run(["curl", "-s", "-D", "-", "-o", "/dev/null", "-H", "Origin: http://yasgui.example",
                           server.url + "/sparql?query=ASK%7B%7D"], capture_output=True, text=True, timeout=30).stdout
    assert "access-control-allow-origin: *" in head.lower()


def test_a_read_only_server_refuses_updates_and_limits_rows(server):
    code, _, body = _curl("--data-urlencode", "update=DROP ALL", server.url + "/sparql")
    assert code == 403 and "read-only" in body
    code, _, body = _curl("--data-urlencode", "query=SELECT * WHERE { ?s ?p ?o }", server.url + "/sparql")
    assert code == 413 and "LIMIT" in body
    code, _, body = _curl("--data-urlencode", "query=SELECT * WHERE { ?s ?p ", server.url + "/sparql")
    assert code == 400
    code, _, _ = _curl("--data-urlencode", "query=SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", server.url + "/sparql")
    assert code == 200


def test_allow_update_needs_a_token_from_the_environment(seed_store):
    env = {k: v for k, v in os.environ.items() if k != "NEWSGRAPH_SERVE_TOKEN"}
    run = subprocess.run([sys.executable, "-m", "graph", "serve", "--store", str(seed_store), "--allow-update",
                          "--port", str(free_port())], capture_output=True, text=True, env=env, timeout=60)
    assert run.returncode == 2
    assert "NEWSGRAPH_SERVE_TOKEN" in run.stderr and "Traceback" not in run.stderr


def test_an_update_from_a_sparql_client_marks_the_corpus_stale_and_a_rebuild_through_the_server_clears_it(
        seed_store):
    """The record index the corpus layer works from knows nothing of an article graph edited
    through ``/update``: after such an edit the next ingest must read every article graph,
    and every command says the corpus graph may be out of date until then. newsgraph's own
    writes, which keep the index themselves, leave it fresh."""
    from graph.store.stale import STALE_GRAPH
    from graph.store.endpoint import CORPUS_HEADER

    stale = "ASK { GRAPH <%s> { ?s ?p ?o } }" % STALE_GRAPH

    def ask(srv: Server) -> bool:
        raw = urllib.request.urlopen(urllib.request.Request(
            srv.url + "/sparql?" + urllib.parse.urlencode({"query": stale}),
            headers={"Accept": "application/sparql-results+json"}), timeout=30).read()
        return json.loads(raw)["boolean"]

    def update(srv: Server, sparql: str, **headers: str) -> None:
        urllib.request.urlopen(urllib.request.Request(
            srv.url + "/update", data=sparql.encode("utf-8"), method="POST",
            headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}", **headers}),
            timeout=30).read()

    import urllib.parse

    edit = ("INSERT DATA { GRAPH <https://w3id.org/newsgraph/graph/%s> { <https://w3id.org/newsgraph/id/%s> "
            "<http://www.w3.org/2000/01/rdf-schema#comment> \"checked by hand\" } }" % (SEED_ID, SEED_ID))
    srv = Server(seed_store, "--allow-update", env={"NEWSGRAPH_SERVE_TOKEN": TOKEN})
    try:
        assert not ask(srv)
        update(srv, edit, **{CORPUS_HEADER: "maintained"})
        assert not ask(srv)
        update(srv, edit)
        assert ask(srv)
        status = subprocess.run([sys.executable, "-m", "graph", "query", "--store", srv.url, "ASK { ?s ?p ?o }"],
                                capture_output=True, text=True, timeout=120,
                                env={**os.environ, "NEWSGRAPH_STORE_TOKEN": TOKEN})
        assert "the corpus graph may be out of date" in status.stderr, status.stderr
        rebuild = subprocess.run([sys.executable, "-m", "graph", "rebuild", "--store", srv.url],
                                 capture_output=True, text=True, timeout=300,
                                 env={**os.environ, "NEWSGRAPH_STORE_TOKEN": TOKEN})
        assert rebuild.returncode == 0, rebuild.stderr
        assert not ask(srv)
    finally:
        srv.stop()


def test_an_ingest_through_the_server_while_queries_run_never_shows_half_an_article(seed_store):
    srv = Server(seed_store, "--allow-update", env={"NEWSGRAPH_SERVE_TOKEN": TOKEN})
    seen: list[dict[str, int]] = []
    failures: list[str] = []
    done = threading.Event()

    def query_loop() -> None:
        deadline = time.monotonic() + 120
        while not done.is_set() and time.monotonic() < deadline and len(seen) < 2000:
            try:
                raw = urllib.request.urlopen(urllib.request.Request(
                    srv.url + "/sparql?" + urllib.parse.urlencode({"query": GRAPH_COUNTS}),
                    headers={"Accept": "application/sparql-results+json"}), timeout=30).read()
                rows = json.loads(raw)["results"]["bindings"]
                seen.append({r["g"]["value"]: int(r["n"]["value"]) for r in rows})
            except OSError as exc:
                failures.append(str(exc))

    import urllib.parse

    try:
        wrong = subprocess.run([sys.executable, "-m", "graph", "ingest", str(CORPUS), "--store", srv.url],
                               capture_output=True, text=True, timeout=300,
                               env={**os.environ, "NEWSGRAPH_STORE_TOKEN": "wrong"})
        assert wrong.returncode != 0 and "401" in wrong.stderr and "wrong" not in wrong.stderr
        reader = threading.Thread(target=query_loop)
        reader.start()
        ingest = subprocess.run([sys.executable, "-m", "graph", "ingest", str(CORPUS), "--store", srv.url],
                                capture_output=True, text=True, timeout=300,
                                env={**os.environ, "NEWSGRAPH_STORE_TOKEN": TOKEN})
        done.set()
        reader.join(timeout=60)
        assert ingest.returncode == 0, ingest.stderr
        assert "5 added" in ingest.stdout + ingest.stderr
        final = json.loads(urllib.request.urlopen(urllib.request.Request(
            srv.url + "/sparql?" + urllib.parse.urlencode({"query": GRAPH_COUNTS}),
            headers={"Accept": "application/sparql-results+json"}), timeout=30).read())["results"]["bindings"]
        final_counts = {r["g"]["value"]: int(r["n"]["value"]) for r in final}
    finally:
        srv.stop()
    assert not failures, failures[:3]
    assert len(seen) >= 2  # queries were answered during the ingest
    articles = {g for g in final_counts if "/graph/" in g and not g.endswith(("/corpus",)) and "/graph/_" not in g}
    assert len(articles) == 6  # the seed and the five fixture articles
    for snapshot in seen:
        for g, n in snapshot.items():
            if g in articles:
                assert n == final_counts[g], f"{g}: a query saw {n} of {final_counts[g]} triples"


@pytest.mark.browser
def test_the_live_explorer_shows_the_store_as_it_is_now(seed_store, browser):
    srv = Server(seed_store, "--allow-update", env={"NEWSGRAPH_SERVE_TOKEN": TOKEN})
    outside: list[str] = []
    try:
        page = browser.new_page()
        try:
            page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((srv.url, "data:")) else None)
            page.goto(srv.url + "/")
            page.wait_for_selector("body[data-ready]", timeout=30000)
            before = page.evaluate("window.newsgraph.data.nodes.length")
            ingest = subprocess.run([sys.executable, "-m", "graph", "ingest", str(CORPUS), "--store", srv.url],
                                    capture_output=True, text=True, timeout=300,
                                    env={**os.environ, "NEWSGRAPH_STORE_TOKEN": TOKEN})
            assert ingest.returncode == 0, ingest.stderr
            page.reload()
            page.wait_for_selector("body[data-ready]", timeout=30000)
            after = page.evaluate("window.newsgraph.data.nodes.length")
            page.goto(srv.url + "/article/" + SEED_ID)
            page.wait_for_selector("body[data-ready]", timeout=30000)
            one = page.evaluate("window.newsgraph.data.nodes.length")
        finally:
            page.close()
    finally:
        srv.stop()
    assert not outside, outside
    assert after > before
    assert one == before  # the seed article's own view: the store before the ingest held only it
