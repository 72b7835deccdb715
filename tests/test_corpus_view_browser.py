"""The corpus view in real chromium: a page over several articles opens on the actors,
a link lists the events two actors share, an actor expands into its events, a merged
node shows its merges and the line that splits them, and the month strip brushes the
timeline. Uses tests/fixtures/corpus (three outlets, one story)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright import sync_api

from graph.export.explorer import explorer_data, render_explorer
from graph.export.netgraph import store_to_networkx
from graph.export.network import render_network
from graph.io import atomic_write
from graph.store import open_store

from .browser import VIEWPORT

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def corpus_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    from graph.ingest import ingest

    base = tmp_path_factory.mktemp("corpusview")
    with open_store(base / "store", create=True) as store:
        ingest([ROOT / "tests" / "fixtures" / "corpus"], store)
        graph = store_to_networkx(store)
        data = explorer_data(store, graph)
    atomic_write(base / "story.html", render_explorer(data))
    atomic_write(base / "network.html", render_network(graph, data=data))
    return base / "story.html", data


@pytest.fixture()
def page(browser: sync_api.Browser, corpus_page: tuple[Path, dict[str, Any]]) -> Iterator[sync_api.Page]:
    errors: list[str] = []
    page = browser.new_page(viewport=VIEWPORT)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(corpus_page[0].as_uri())
    page.wait_for_selector("body[data-ready]", state="attached", timeout=30_000)
    yield page
    page.close()
    assert errors == []


def test_a_corpus_opens_on_its_actors_and_a_link_lists_the_shared_events(page, corpus_page) -> None:
    data = corpus_page[1]
    actors = {n["id"] for n in data["overview"]["nodes"]} - set(data["overview"]["isolated"]) - set(data["overview"]["minor"])
    shown = set(page.evaluate("newsgraph.visibleNodeIds()"))
    assert shown == actors and all(data["details"][n]["kind"] in ("person", "organization", "place") for n in shown)
    link = data["overview"]["edges"][0]
    assert page.evaluate(f"newsgraph.selectLink({link['from']!r}, {link['to']!r})")
    events = page.locator("#panel-events li")
    assert events.count() == link["weight"] == len(link["events"])
    assert "share" in page.locator("#panel").inner_text()


def test_expanding_an_actor_draws_its_events_and_lists_them_in_date_order(page, corpus_page) -> None:
    data = corpus_page[1]
    busiest = max(data["overview"]["nodes"], key=lambda n: n["events"])
    page.evaluate(f"newsgraph.select({busiest['id']!r}, 'test')")
    page.locator("#panel-expand").click()
    shown = set(page.evaluate("newsgraph.visibleNodeIds()"))
    events = {e["from"] for e in data["edges"] if e["to"] == busiest["id"]}
    assert events and events <= shown
    dates = page.locator("#panel-events li .when").all_inner_texts()
    dated = [d for d in dates if not d.startswith("undated")]
    assert dated == sorted(dated) and dates[len(dated):] == ["undated — "] * (len(dates) - len(dated))
    text = page.locator("#panel").inner_text()
    assert "hasPlace" not in text and "patient" not in text


def test_a_merged_node_shows_its_names_rule_and_the_line_to_split_it(page, corpus_page) -> None:
    data = corpus_page[1]
    node, detail = next((n, d) for n, d in data["details"].items() if d.get("merges"))
    page.evaluate(f"newsgraph.select({node!r}, 'test')")
    merges = page.locator("#panel-merges")
    first = detail["merges"][0]
    assert first["rule"] in merges.inner_text()
    assert merges.locator(".rule-line").first.inner_text() == first["split"]  # exactly, indent included
    assert "# under distinct:" in first["split"]


def test_the_month_strip_brushes_the_timeline_and_a_filter_fits_it(page, corpus_page) -> None:
    page.evaluate("newsgraph.brush('2017-03-20', '2017-04-10')")
    window = page.evaluate("(() => { const w = newsgraph.timeline.getWindow(); return [w.start.getMonth(), w.end.getMonth()]; })()")
    assert window == [2, 3]
    assert page.locator("#strip-canvas").is_visible()
    data = corpus_page[1]
    kind = next(d["type"] for d in data["details"].values() if d["kind"] == "event" and "span" in d)
    page.select_option("#f-type", kind)
    passing = [n for n in data["timeline"] if data["details"][n]["type"] == kind]
    starts = sorted(data["details"][n]["span"]["start"] for n in passing)
    got = page.evaluate("(() => { const w = newsgraph.timeline.getWindow(); return [w.start.toISOString(), w.end.toISOString()]; })()")
    assert got[0][:10] <= starts[0] and got[1][:10] >= starts[-1]


def test_lanes_by_source_are_the_outlets(page, corpus_page) -> None:
    page.select_option("#f-lanes", "source")
    lanes = page.evaluate("Array.from(document.querySelectorAll('#timeline .vis-label')).map(l => l.innerText.trim())")
    outlets = {a["outlet"] for a in corpus_page[1]["articles"].values() if a["outlet"]}
    assert outlets & set(lanes)


def test_the_network_page_has_the_same_panel(browser, corpus_page) -> None:
    path, data = corpus_page
    node, detail = next((n, d) for n, d in data["details"].items() if d.get("merges"))
    page = browser.new_page(viewport=VIEWPORT)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((path.parent / "network.html").as_uri())
    page.wait_for_selector("body[data-ready]", state="attached", timeout=30_000)
    assert page.locator("#panel").is_visible()
    page.evaluate(f"newsgraph.select({node!r}, 'test')")
    assert page.locator("#panel-label").inner_text() == detail["label"]
    assert page.locator("#panel-merges .rule-line").first.inner_text() == detail["merges"][0]["split"]
    page.close()
    assert errors == []


def _assert_the_details_unpack_to(page: sync_api.Page, data: dict[str, Any]) -> None:
    """Once every chunk is unpacked, each node's details and evidence are what explorer_data gave."""
    from .test_explorer_browser import _plain

    got = page.evaluate("""newsgraph.data.loadDetails().then(() => {
        const d = newsgraph.data, details = {}, evidence = {};
        Object.keys(d.details).forEach(id => {
            const { packedEvidence, ...rest } = d.details[id];
            details[id] = rest;
            evidence[id] = d.evidence(id);
        });
        return { details, evidence };
    })""")
    assert sum(len(d["evidence"]) for d in data["details"].values()) > 20
    quoted = ("article", "start", "end", "before", "exact", "after")
    for node, detail in data["details"].items():
        assert _plain(got["details"][node]) == _plain({k: v for k, v in detail.items() if k != "evidence"})
        assert got["evidence"][node] == [{k: q[k] for k in quoted if k in q} for q in detail["evidence"]]


def test_the_panels_details_arrive_compressed_and_unpack_to_what_explorer_data_gave(page, corpus_page) -> None:
    assert page.evaluate("newsgraph.data.detailsLoaded()") in (False, True)  # unpacking starts once drawn
    _assert_the_details_unpack_to(page, corpus_page[1])


def test_a_click_unpacks_the_chunks_of_its_node_and_its_evidence_first(browser, corpus_page, tmp_path, monkeypatch) -> None:
    """The panel's details come in chunks of nodes and of articles' passages: a node's panel,
    opened at once, shows its evidence from its own chunks; all of them unpack to the same."""
    from graph.export import pagedata

    monkeypatch.setattr(pagedata, "CHUNK_NODES", 3)
    monkeypatch.setattr(pagedata, "CHUNK_ARTICLES", 1)
    data = corpus_page[1]
    atomic_write(tmp_path / "chunks.html", render_explorer(data))
    page = browser.new_page(viewport=VIEWPORT)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.add_init_script("window.requestIdleCallback = () => 0;")  # no unpacking of everything in idle time
    page.goto((tmp_path / "chunks.html").as_uri())
    page.wait_for_selector("body[data-ready]", state="attached", timeout=30_000)
    assert page.evaluate("newsgraph.data.detailsLoaded()") is False
    node = [n for n, d in data["details"].items() if len(d["evidence"]) > 1][-1]
    page.evaluate(f"newsgraph.select({node!r}, 'test')")
    page.wait_for_function(f"() => document.body.dataset.selected === {node!r}")
    assert page.locator("#panel-evidence .evidence").count() == len(data["details"][node]["evidence"])
    assert page.evaluate("newsgraph.data.detailsLoaded()") is False  # the other chunks wait
    _assert_the_details_unpack_to(page, data)
    page.close()
    assert errors == []


def test_the_actors_overview_unpacks_to_what_explorer_data_gave(page, corpus_page) -> None:
    """Sent in columns, with links that carry no events: each link's events are found again
    in the edges, the same as explorer_data's."""
    overview = corpus_page[1]["overview"]
    got = page.evaluate("""(() => {
        const o = newsgraph.data.overview;
        return { nodes: o.nodes, isolated: o.isolated, minor: o.minor,
                 edges: o.edges.map(e => ({ from: e.from, to: e.to, weight: e.weight, events: e.events })) };
    })()""")
    assert got["nodes"] == [{**n, "x": round(n["x"]), "y": round(n["y"])} for n in overview["nodes"]]
    assert got["isolated"] == overview["isolated"] and got["minor"] == overview["minor"]
    assert len(got["edges"]) == len(overview["edges"]) > 0
    for mine, theirs in zip(got["edges"], overview["edges"]):
        assert {**mine, "events": sorted(mine["events"])} == {**theirs, "events": sorted(theirs["events"])}

