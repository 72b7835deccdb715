"""The explorer and the network page in a real headless chromium (Debian's, via playwright).

Each page is opened from file:// and must make no request but file: and data:, log no
console error, show as many nodes and timeline items as SPARQL counts in the store,
link a click on the timeline to the network and the panel, filter both views at once,
and show hostile article text literally without running it.
"""
from __future__ import annotations

import datetime as dt
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from graph.build import build, load_into
from graph.export.explorer import explorer_data, render_explorer, write_explorer
from graph.io import atomic_write
from graph.model import (
    Article,
    ArticleGraph,
    Entity,
    EntityKind,
    Event,
    Participant,
    Precision,
    Role,
    Span,
    Statement,
    TimeSpan,
)
from graph.export.netgraph import store_to_networkx
from graph.export.network import vis_nodes
from graph.store import Store, open_store

pytestmark = pytest.mark.browser
from playwright import sync_api

from .browser import VIEWPORT, chromium
from tests.conftest import SEED_ID

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ARTIFACTS = ROOT / "test-artifacts"
ID = "https://w3id.org/newsgraph/id/"
PURGE = ID + SEED_ID + "/event/purge"
ARREST = ID + SEED_ID + "/event/arrest-vk-worker"

SCRIPT_LABEL = "<script>window.__pwned=1</script>"
IMG_QUOTE = '"><img src=x onerror="window.__pwned=2">'


@dataclass
class Opened:
    """A page and what it did: every request, every console error and page error."""

    page: sync_api.Page
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def outside_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(("file:", "data:"))]


# ----------------------------------------------------------------------------- fixtures


def _seed_copy(target: Path) -> Path:
    """The curated seeds (annotations and their texts) in a folder of their own."""
    target.mkdir()
    for path in SEEDS.iterdir():
        if path.suffix in (".yaml", ".yml", ".json") or (path.suffix == ".txt" and path.with_suffix(".yaml").exists()):
            shutil.copy(path, target / path.name)
    return target


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed store and its exports (network.html, explorer.html) built by the real build."""
    base = tmp_path_factory.mktemp("explorer")
    seeds = _seed_copy(base / "seeds")
    with open_store(base / "store", create=True) as store:
        build(seeds, store, base / "exports", fresh=True)
    return {"store": base / "store", "exports": base / "exports"}


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def open_page(browser: sync_api.Browser, path: Path) -> Opened:
    page = browser.new_page(viewport=VIEWPORT)
    opened = Opened(page)
    page.on("request", lambda request: opened.requests.append(request.url))
    page.on("console", lambda msg: opened.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: opened.errors.append(str(exc)))
    page.goto(path.resolve().as_uri())
    page.wait_for_selector("body[data-ready]", state="attached", timeout=30_000)
    return opened


@pytest.fixture()
def explorer(browser: sync_api.Browser, seed_site: dict[str, Path]) -> Iterator[Opened]:
    opened = open_page(browser, seed_site["exports"] / "explorer.html")
    yield opened
    opened.page.close()


def synthetic_page(path: Path, seed: int, articles: int, events: int, entities: int) -> dict:
    """The page (written to ``path``) of ``articles`` synthetic articles (benchmarks/bench_view.py), and its data."""
    from benchmarks.bench_view import synthetic_article

    rng = random.Random(seed)
    with open_store(path.parent / (path.stem + "-store"), create=True) as store:
        for i in range(articles):
            load_into(store, synthetic_article(i, events, entities, rng))
        data = explorer_data(store)
    atomic_write(path, render_explorer(data))
    return data


def count(store: Store, sparql: str) -> int:
    term = store.query(sparql).rows[0][0]
    return int(term.value) if term else 0


NODES_COUNT = """SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE {
  VALUES ?class { schema:Person schema:Organization schema:Place sem:Event } ?n a ?class ; rdfs:label ?label ;
  prov:wasDerivedFrom [] }"""
DATED_COUNT = "SELECT (COUNT(DISTINCT ?e) AS ?c) WHERE { ?e a sem:Event ; sem:hasEarliestBeginTimeStamp ?d }"
UNDATED_COUNT = """SELECT (COUNT(DISTINCT ?e) AS ?c) WHERE {
  ?e a sem:Event FILTER NOT EXISTS { ?e sem:hasEarliestBeginTimeStamp ?d } }"""


# ----------------------------------------------------------------------------- the seed explorer


def test_explorer_loads_offline_with_counts_from_the_store(explorer: Opened, seed_site, artifacts: Path) -> None:
    page = explorer.page
    with open_store(seed_site["store"]) as store:
        nodes, dated, undated = count(store, NODES_COUNT), count(store, DATED_COUNT), count(store, UNDATED_COUNT)
    assert nodes > 20 and dated > 3 and undated > 0
    assert page.evaluate("newsgraph.visibleNodeIds().length") == nodes
    assert page.evaluate("newsgraph.network.body.nodeIndices.length") == nodes
    assert page.evaluate("newsgraph.timelineItemIds().length") == dated
    assert page.locator("#timeline .vis-item.vis-box, #timeline .vis-item.vis-range").count() == dated
    assert page.locator("#undated button").count() == undated
    page.wait_for_timeout(300)
    page.screenshot(path=str(artifacts / "explorer.png"))
    assert explorer.errors == []
    assert explorer.outside_requests() == []


def test_imprecise_dates_are_drawn_as_what_they_are(explorer: Opened) -> None:
    page = explorer.page
    classes = page.evaluate("""Object.fromEntries(newsgraph.timeline.itemsData.get().map(
        it => [it.event.split('/').pop(), [it.type, it.className, it.start.toISOString().slice(0, 10),
                                           it.end ? it.end.toISOString().slice(0, 10) : null]]))""")
    assert classes["purge"][:2] == ["box", "ng-day"]
    assert classes["detentions"][:2] == ["range", "ng-open"]  # "since December": open, fading out
    assert classes["purge-made-known"][:2] == ["range", "ng-range"]  # "Earlier this week"
    open_bar = page.locator("#timeline .vis-item.ng-open").first
    assert "linear-gradient" in open_bar.evaluate("el => getComputedStyle(el).backgroundImage")


def test_the_first_window_shows_every_dated_event_with_its_whole_label(explorer: Opened) -> None:
    """A day is a box centred on its date: the window leaves room for half its label on
    either side, however long the label is (up to 60% of the timeline's width)."""
    page = explorer.page
    panel = page.evaluate("(() => { const r = document.querySelector('#timeline .vis-panel.vis-center')"
                          ".getBoundingClientRect(); return [r.left, r.right]; })()")
    boxes = page.evaluate("""Array.from(document.querySelectorAll('#timeline .vis-item.vis-box, #timeline .vis-item.vis-range'))
        .map(el => { const r = el.getBoundingClientRect(); return [el.textContent, r.left, r.right]; })""")
    assert len(boxes) == page.evaluate("newsgraph.timelineItemIds().length")
    cut = [(text, left, right) for text, left, right in boxes if left < panel[0] or right > panel[1]]
    assert cut == []


def test_clicking_a_timeline_item_selects_the_node_and_fills_the_panel(explorer: Opened, artifacts: Path) -> None:
    page = explorer.page
    page.locator("#timeline .vis-item-content", has_text="New purge of LGBT people in Chechnya begins").click()
    page.wait_for_function(f"() => document.body.dataset.selected === {PURGE!r}")
    assert page.evaluate("newsgraph.network.getSelectedNodes()") == [PURGE]
    assert page.locator("#panel-label").inner_text() == "New purge of LGBT people in Chechnya begins"
    date = page.locator("#panel-date").inner_text()
    assert "2018-12-29" in date and "day" in date and "Dec. 29" in date
    marks = page.locator("#panel-evidence mark").all_inner_texts()
    assert "a new purge of LGBT people in Chechnya began" in marks
    sentences = page.locator("#panel-evidence .sentence").all_inner_texts()
    assert any(s.endswith(".") and len(s) > len("a new purge of LGBT people in Chechnya began") + 10 for s in sentences)
    assert "Hornet Stories" in page.locator("#panel").inner_text()
    link = page.locator("#panel-evidence a").first
    assert link.get_attribute("href", timeout=2000).startswith("https://wp.hornet.com/")
    page.screenshot(path=str(artifacts / "explorer-selected.png"))
    assert explorer.errors == [] and explorer.outside_requests() == []


def test_clicking_a_network_node_selects_its_timeline_item(explorer: Opened) -> None:
    page = explorer.page
    point = page.evaluate(f"""(() => {{
        const net = newsgraph.network, pos = net.getPositions([{ARREST!r}])[{ARREST!r}];
        const dom = net.canvasToDOM(pos), box = document.getElementById('network').getBoundingClientRect();
        return [box.left + dom.x, box.top + dom.y];
    }})()""")
    # vis-network reads a press longer than 250 ms as no click (Hammer.js "tap"): click only
    # once the page is idle, so a busy main thread cannot stretch the press.
    page.evaluate("new Promise(done => requestIdleCallback(() => done()))")
    page.mouse.click(*point)
    page.wait_for_function(f"() => document.body.dataset.selected === {ARREST!r}")
    assert page.evaluate("newsgraph.timeline.getSelection()") == [ARREST]
    assert "Arrest of someone" in page.locator("#panel-label").inner_text()


def test_a_type_filter_hides_the_rest_in_both_views(explorer: Opened) -> None:
    page = explorer.page
    page.select_option("#f-type", "arrest")
    page.wait_for_function("() => newsgraph.timelineItemIds().length === 1")
    assert page.evaluate("newsgraph.timelineEventIds()") == [ARREST]
    visible = set(page.evaluate("newsgraph.visibleNodeIds()"))
    assert ARREST in visible and PURGE not in visible
    assert ID + SEED_ID + "/organization/vkontakte" in visible  # its participant stays
    assert ID + SEED_ID + "/person/igor-kochetkov" not in visible
    assert page.evaluate("newsgraph.network.body.nodeIndices.length") == len(visible)
    assert page.locator("#timeline .vis-item-content").all_inner_texts() == [
        "Arrest of someone who works with a gay VKontakte group"]
    assert page.locator("#undated button").count() == 0


def test_an_actor_filter_and_the_search_box(explorer: Opened) -> None:
    page = explorer.page
    russia = ID + SEED_ID + "/place/russia"
    page.select_option("#f-actor", russia)
    page.wait_for_function("() => newsgraph.state.actor !== ''")
    events = page.evaluate("newsgraph.visibleNodeIds().filter(id => /\\/(event|statement)\\//.test(id))")
    assert events and all(e.startswith(ID) for e in events)
    involved = page.evaluate(f"""newsgraph.data.edges.filter(e => e.to === {russia!r} &&
        ['agent','patient','participant','speaker','addressee'].includes(e.label)).map(e => e.from)""")
    assert set(events) == set(involved)
    page.click("#f-reset")
    page.fill("#f-search", "kochetkov")
    page.wait_for_function("() => newsgraph.state.search === 'kochetkov'")
    visible = page.evaluate("newsgraph.visibleNodeIds()")
    assert ID + SEED_ID + "/person/igor-kochetkov" in visible and PURGE not in visible


def test_lanes_switch_to_actors(explorer: Opened) -> None:
    page = explorer.page
    page.select_option("#f-lanes", "actor")
    page.wait_for_function("() => newsgraph.timeline.groupsData.get().some(g => g.id.startsWith('a:'))")
    labels = page.locator("#timeline .vis-label").all_inner_texts()
    assert "(no actor)" in labels and "VKontakte" in labels
    assert explorer.errors == []


PREDICATES = {"agent", "patient", "participant", "addressee", "hasPlace", "callsFor"}  # "reports" is a plain word
EDGE_LABELS = "Object.values({net}.body.edges).map(e => e.options.label).filter(Boolean)"


def test_the_network_edges_read_as_the_panels_plain_role_words(browser: sync_api.Browser, explorer: Opened,
                                                               seed_site) -> None:
    labels = set(explorer.page.evaluate(EDGE_LABELS.format(net="newsgraph.network")))
    assert {"actor", "place"} <= labels and not labels & PREDICATES
    other = open_page(browser, seed_site["exports"] / "network.html")
    assert set(other.page.evaluate(EDGE_LABELS.format(net="window.newsgraphNetwork"))) == labels
    assert other.errors == []
    other.page.close()


def test_one_articles_strip_has_bars_fine_enough_to_spread_its_events(explorer: Opened) -> None:
    """The seed's dated events fall in a few months: bars of a day or a week, not one month."""
    strip = explorer.page.evaluate("newsgraph.stripBins()")
    assert strip["unit"] in ("day", "week") and len(strip["bins"]) >= 5
    assert sum(1 for c in strip["counts"] if c) >= 3  # the events spread over several bars
    assert explorer.page.locator("#strip-canvas").is_visible()


def test_lanes_by_actor_are_the_busiest_actors_and_the_chosen_one(browser: sync_api.Browser, tmp_path: Path) -> None:
    data = synthetic_page(tmp_path / "actors.html", 3, 2, 40, 40)
    roles = {"agent", "patient", "participant", "speaker", "addressee"}
    dated = set(data["timeline"])
    busy: dict[str, int] = {}
    for actor in {(e["from"], e["to"]) for e in data["edges"] if e["label"] in roles and e["from"] in dated}:
        busy[actor[1]] = busy.get(actor[1], 0) + 1
    assert len(busy) > 50
    opened = open_page(browser, tmp_path / "actors.html")
    page = opened.page
    page.select_option("#f-lanes", "actor")
    lanes = "newsgraph.timeline.groupsData.get().map(g => g.id)"
    page.wait_for_function(f"() => {lanes}.some(id => id.startsWith('a:'))")
    named = {lane[2:] for lane in page.evaluate(lanes) if lane not in ("a:", "a:*")}
    assert len(named) == 40 and "a:*" in page.evaluate(lanes)
    assert min(busy[a] for a in named) >= max(busy[a] for a in busy if a not in named)
    assert set(page.evaluate("newsgraph.timelineEventIds()")) == dated  # every event still drawn
    quiet = min(set(busy) - named)
    page.wait_for_function(f"() => Array.from(document.querySelectorAll('#f-actor option')).some(o => o.value === {quiet!r})")
    page.select_option("#f-actor", quiet)
    page.wait_for_function(f"() => {lanes}.includes('a:' + {quiet!r})")
    shown = set(page.evaluate("newsgraph.timelineEventIds()"))
    assert shown and shown == {e["from"] for e in data["edges"] if e["to"] == quiet and e["label"] in roles} & dated
    assert opened.errors == [] and opened.outside_requests() == []
    page.close()


def test_over_a_corpus_the_panel_shows_what_each_source_says(browser: sync_api.Browser, tmp_path: Path) -> None:
    from graph.ingest import ingest

    with open_store(tmp_path / "store", create=True) as store:
        ingest([ROOT / "tests" / "fixtures" / "corpus"], store)
        data = explorer_data(store)
    atomic_write(tmp_path / "story.html", render_explorer(data))
    [detention] = [n for n, d in data["details"].items() if d.get("type") == "detention" and len(d["sources"]) > 1]
    opened = open_page(browser, tmp_path / "story.html")
    page = opened.page
    actors = {n["id"] for n in data["overview"]["nodes"]} - set(data["overview"]["isolated"])
    assert set(page.evaluate("newsgraph.visibleNodeIds()")) == actors  # a corpus opens on its actors
    item = page.locator("#timeline .vis-item.ng-disputed")
    assert item.count() == 1
    item.locator(".vis-item-content").click()
    page.wait_for_function(f"() => document.body.dataset.selected === {detention!r}")
    sources = page.locator("#panel-sources").inner_text()
    assert "Novaya Gazeta" in sources and "2017-03-30" in sources and "at least 100" in sources
    assert "BBC News" in sources and "2017-03-28" in sources and "counts 40" in sources
    assert page.locator("#panel-quantity").inner_text() == "at least 100 / 40"
    assert page.locator("#panel-evidence .evidence").count() == len(data["details"][detention]["evidence"])
    assert page.evaluate(f"newsgraph.data.details[{detention!r}].sources") == data["details"][detention]["sources"]
    assert opened.errors == [] and opened.outside_requests() == []
    page.close()


def _plain(value: object) -> object:
    """``value`` without the keys whose value is None or empty (the packed page leaves them out)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None and v != []}
    return value


def test_the_page_unpacks_what_explorer_data_packed(explorer: Opened, seed_site) -> None:
    with open_store(seed_site["store"]) as store:
        expected = explorer_data(store)
    got = explorer.page.evaluate("""(() => {
        const d = newsgraph.data, details = {}, evidence = {};
        Object.keys(d.details).forEach(id => {
            const { packedEvidence, ...rest } = d.details[id];
            details[id] = rest;
            evidence[id] = d.evidence(id);
        });
        return { details, evidence, edges: d.edges, timeline: d.timeline, undated: d.undated, actors: d.actors,
                 articles: d.articles, nodes: d.nodes.map(n => [n.id, n.label, n.kind]) };
    })()""")
    assert got["nodes"] == [[n["id"], n["label"], n["kind"]] for n in expected["nodes"]]
    assert got["edges"] == [{k: e[k] for k in ("from", "to", "label")} for e in expected["edges"]]
    for key in ("timeline", "undated", "actors", "articles"):
        assert got[key] == expected[key]
    quoted = ("article", "start", "end", "before", "exact", "after")
    assert sum(len(d["evidence"]) for d in expected["details"].values()) > 20
    for node, detail in expected["details"].items():
        assert _plain(got["details"][node]) == _plain({k: v for k, v in detail.items() if k != "evidence"})
        assert got["evidence"][node] == [{k: q[k] for k in quoted if k in q} for q in detail["evidence"]]


def test_a_large_network_labels_only_the_nodes_on_screen_once_zoomed_in(browser: sync_api.Browser,
                                                                         tmp_path: Path) -> None:
    from benchmarks.bench_view import synthetic_article

    rng = random.Random(7)
    with open_store(tmp_path / "store", create=True) as store:
        for i in range(6):
            load_into(store, synthetic_article(i, 40, 40, rng))
        graph = store_to_networkx(store)
        data = {**explorer_data(store, graph), "nodes": vis_nodes(graph)}  # laid out, as one article's view is
    atomic_write(tmp_path / "large.html", render_explorer({**data, "large": True, "corpus": False}))  # as if above LARGE_GRAPH, one article's view
    opened = open_page(browser, tmp_path / "large.html")
    page = opened.page
    labels = "Object.values(newsgraph.network.body.nodes).filter(n => n.options.label).map(n => n.id)"
    assert page.evaluate("newsgraph.network.getScale()") < 5 / 12  # too far out to read a label
    assert page.evaluate(labels) == []
    assert page.evaluate("Object.values(newsgraph.network.body.edges)[0].options.arrows.to.enabled") is False
    event = page.evaluate("newsgraph.data.timeline[0]")
    page.evaluate(f"newsgraph.select({event!r}, 'test')")
    shown = page.evaluate(labels)
    assert event in shown and 0 < len(shown) < len(data["nodes"])
    label = page.evaluate(f"newsgraph.network.body.nodes[{event!r}].options.label")
    assert label == next(n["label"] for n in data["nodes"] if n["id"] == event)
    assert opened.errors == [] and opened.outside_requests() == []
    opened.page.close()


def test_a_long_timeline_gets_the_items_near_its_window_and_loads_an_event_chosen_elsewhere(
        browser: sync_api.Browser, tmp_path: Path) -> None:
    data = synthetic_page(tmp_path / "long.html", 11, 30, 60, 10)
    assert len(data["timeline"]) > 1000  # over some 900 days: the latest 300 cover a few months
    opened = open_page(browser, tmp_path / "long.html")
    page = opened.page
    given = page.evaluate("newsgraph.timelineEventIds()")
    assert 0 < len(given) < len(data["timeline"])
    # the earliest day: far from the opening window, which shows the latest events
    first = next(n for n in data["timeline"] if data["details"][n]["span"]["type"] == "box")
    assert first not in given
    page.evaluate(f"newsgraph.select({first!r}, 'test')")
    assert first in page.evaluate("newsgraph.timelineEventIds()")
    assert any(i.split(" ")[0] == first for i in page.evaluate("newsgraph.timeline.getSelection()"))
    assert opened.errors == [] and opened.outside_requests() == []
    page.close()


def test_a_long_timelines_window_moved_elsewhere_shows_exactly_the_filtered_events_within_it(
        browser: sync_api.Browser, tmp_path: Path) -> None:
    """vis-timeline is given only the items near its window: after a filter and a move far
    from the opening window, the events it has that meet the window are exactly those that
    pass the filter and meet it, ranges that began before it included."""
    data = synthetic_page(tmp_path / "long.html", 5, 30, 60, 10)
    opened = open_page(browser, tmp_path / "long.html")
    page = opened.page
    details = data["details"]
    page.uncheck('#legend input[data-kind="statement"]')  # a filter that leaves most events
    starts = sorted(details[n]["span"]["start"] for n in data["timeline"])
    first = dt.date.fromisoformat(starts[len(starts) // 5])  # far from the opening window (the latest events)
    window = (first.isoformat(), (first + dt.timedelta(days=40)).isoformat())
    page.evaluate(f"newsgraph.brush({window[0]!r}, {window[1]!r})")

    def meets(node: str) -> bool:
        span = details[node]["span"]
        return span["start"] <= window[1] and span.get("end", span["start"]) >= window[0]

    passing = [n for n in data["timeline"] if details[n]["kind"] == "event"]
    expected = {n for n in passing if meets(n)}
    given = page.evaluate("newsgraph.timelineEventIds()")
    assert {n for n in given if meets(n)} == expected
    assert all(details[n]["kind"] == "event" for n in given)
    assert any(details[n]["span"]["start"] < window[0] for n in expected)  # a range running into the window
    assert 10 < len(expected) < len(given) < len(passing)
    assert opened.errors == [] and opened.outside_requests() == []
    page.close()


COVERED_ITEMS = """() => {
  const box = document.getElementById('timeline-sample').getBoundingClientRect();
  return [...document.querySelectorAll('#timeline .vis-item')].filter(item => {
    const r = item.getBoundingClientRect();
    return r.width > 0 && r.left < box.right && box.left < r.right && r.top < box.bottom && box.top < r.bottom;
  }).length;
}"""


def test_a_window_with_more_events_than_the_timeline_draws_says_how_many_it_shows_of_how_many(
        browser: sync_api.Browser, tmp_path: Path) -> None:
    """vis-timeline is given at most 1,000 items: a wider window's notice gives that number
    and the count of the events that pass the filters and meet the window (not of those
    loaded around it), follows a filter, and is gone once the window is narrow."""
    data = synthetic_page(tmp_path / "long.html", 11, 30, 60, 10)
    details, timeline = data["details"], data["timeline"]
    opened = open_page(browser, tmp_path / "long.html")
    page = opened.page
    notice = page.locator("#timeline-sample")
    assert (notice.get_attribute("role"), notice.get_attribute("aria-live")) == ("status", "polite")
    assert notice.text_content() == ""  # the opening window: its latest 300 events, all drawn

    def show(first: dt.date, last: dt.date) -> None:
        """The window from noon to noon (no day's item starts or ends there, whatever the time zone)."""
        page.evaluate(f"newsgraph.timeline.setWindow(new Date({first.year}, {first.month - 1}, {first.day}, 12), "
                      f"new Date({last.year}, {last.month - 1}, {last.day}, 12), {{animation: false}})")

    def meeting(first: dt.date, last: dt.date, kinds: set[str]) -> set[str]:
        """The events of ``kinds`` whose days meet the window from noon on ``first`` to noon on ``last``."""
        def meets(span: dict) -> bool:
            return span["start"] <= last.isoformat() and span.get("end", span["start"]) > first.isoformat()
        return {n for n in timeline if details[n]["kind"] in kinds and meets(details[n]["span"])}

    starts = sorted(details[n]["span"]["start"] for n in timeline)
    first, last = (dt.date.fromisoformat(starts[int(len(starts) * k)]) for k in (0.05, 0.9))
    for kinds in ({"event", "statement"}, {"event"}):
        if kinds == {"event"}:  # a filter that keeps the window (as the network's follow does)
            page.evaluate("newsgraph.state.hiddenKinds.add('statement'); newsgraph.applyFilters(true)")
        else:
            show(first, last)
        expected = meeting(first, last, kinds)
        assert 1000 < len(expected) < sum(details[n]["kind"] in kinds for n in timeline)
        page.wait_for_function(f"() => document.getElementById('timeline-sample').textContent.includes('of {len(expected):,}')")
        assert notice.text_content() == (f"Showing 1,000 of {len(expected):,} events in this window. "
                                         "Zoom in or filter to see every one.")
        assert notice.is_visible()
        assert len(set(page.evaluate("newsgraph.timelineEventIds()")) & expected) == 1000
        assert page.evaluate(COVERED_ITEMS) == 0  # the notice hides no event it leaves out of the count

    near = last - dt.timedelta(days=40)
    show(near, last)
    page.wait_for_function("() => document.getElementById('timeline-sample').textContent === ''")
    given = set(page.evaluate("newsgraph.timelineEventIds()"))
    assert 10 < len(meeting(near, last, {"event"})) == len(given & meeting(near, last, {"event"})) < 1000
    assert not notice.is_visible()
    assert opened.errors == [] and opened.outside_requests() == []
    page.close()


def test_the_hidden_actors_join_the_network_when_shown_or_expanded(browser: sync_api.Browser, tmp_path: Path) -> None:
    """vis-network is given the actors drawn at first only; the hidden ones (here the 200
    past the 1,000 most linked) join it, with their links, when shown, or one by one when
    expanded."""
    data = synthetic_page(tmp_path / "many.html", 9, 30, 20, 40)
    overview = data["overview"]
    hidden = overview["isolated"] + overview["minor"]
    assert len(hidden) > 100
    for show in ("switch", "expand"):
        opened = open_page(browser, tmp_path / "many.html")
        page = opened.page
        assert not set(hidden) & set(page.evaluate("newsgraph.visibleNodeIds()"))
        if show == "switch":
            page.check("#f-isolated")
            assert set(page.evaluate("newsgraph.visibleNodeIds()")) == {n["id"] for n in overview["nodes"]}
            assert len(page.evaluate("newsgraph.network.body.data.edges.getIds()")) == len(overview["edges"])
        else:
            page.evaluate(f"newsgraph.expand({hidden[-1]!r})")
            assert hidden[-1] in page.evaluate("newsgraph.visibleNodeIds()")
        assert opened.errors == [] and opened.outside_requests() == []
        page.close()


def test_the_network_page_loads_offline(browser: sync_api.Browser, seed_site, artifacts: Path) -> None:
    opened = open_page(browser, seed_site["exports"] / "network.html")
    with open_store(seed_site["store"]) as store:
        nodes = count(store, NODES_COUNT)
    assert opened.page.evaluate("window.newsgraphNetwork.body.nodeIndices.length") == nodes
    opened.page.wait_for_timeout(300)
    opened.page.screenshot(path=str(artifacts / "network.png"))
    assert opened.errors == []
    assert opened.outside_requests() == []
    opened.page.close()


# ----------------------------------------------------------------------------- hostile text


def hostile_article() -> ArticleGraph:
    """An article whose names, labels, quotes and metadata try to become markup."""
    text = (f"Officials of {SCRIPT_LABEL} met on 3 March 2020. "
            f"A spokesman said {IMG_QUOTE} and left. Nothing else {{{{DATA}}}} happened.")
    who_at = text.index(SCRIPT_LABEL)
    quote_at = text.index(IMG_QUOTE)
    date_at = text.index("3 March 2020")
    who = Entity("pwn", EntityKind.ORGANIZATION, SCRIPT_LABEL,
                 evidence=[Span.at(text, who_at, who_at + len(SCRIPT_LABEL))])
    meeting = Event("meeting", "meeting <b>bold</b>", f"Meeting of {SCRIPT_LABEL}",
                    evidence=[Span.at(text, 0, date_at - 4)],
                    participants=[Participant("pwn", Role.AGENT)],
                    time=TimeSpan(Precision.DAY, dt.date(2020, 3, 3), dt.date(2020, 3, 3), "2020-03-03",
                                  "day-month-year", dt.date(2020, 3, 4), Span.at(text, date_at, date_at + 12)))
    said = Statement("said", "statement", IMG_QUOTE, evidence=[Span.at(text, quote_at, quote_at + len(IMG_QUOTE))],
                     speaker="pwn", quote=Span.at(text, quote_at, quote_at + len(IMG_QUOTE)),
                     time=TimeSpan(Precision.MONTH, dt.date(2020, 3, 1), dt.date(2020, 3, 31), "2020-03",
                                   "month", dt.date(2020, 3, 4)))
    article = Article("hostile", text, dt.date(2020, 3, 4), url="javascript:window.__pwned=3",
                      publisher=f"{IMG_QUOTE} Times", headline=f"{SCRIPT_LABEL} headline {{{{JS}}}}")
    return ArticleGraph(article, [who], [meeting, said])


@pytest.fixture(scope="session")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    with open_store(base / "store", create=True) as store:
        load_into(store, hostile_article())
        return write_explorer(store, base / "explorer.html", title=f"{SCRIPT_LABEL} explorer")


def test_hostile_text_shows_literally_and_nothing_runs(browser: sync_api.Browser, hostile_page: Path,
                                                       artifacts: Path) -> None:
    opened = open_page(browser, hostile_page)
    page = opened.page
    assert page.title() == f"{SCRIPT_LABEL} explorer"
    page.locator("#timeline .vis-item-content", has_text="Meeting of").click()
    page.wait_for_function("() => document.body.dataset.selected.endsWith('/event/meeting')")
    panel = page.locator("#panel").inner_text()
    assert f"Meeting of {SCRIPT_LABEL}" in panel
    assert "meeting <b>bold</b>" in panel
    assert f"{IMG_QUOTE} Times" in panel and "headline {{JS}}" in panel
    assert page.locator("#panel a").count() == 0  # a javascript: URL never becomes a link
    # the statement's label is no headline (it starts with '"><img'): the timeline shows its
    # type and speaker, the hostile speaker's name as text
    page.locator("#timeline .vis-item-content", has_text="Statement —").click()
    page.wait_for_function("() => document.body.dataset.selected.endsWith('/statement/said')")
    assert page.locator("#panel blockquote").inner_text() == IMG_QUOTE
    assert f"Statement — {SCRIPT_LABEL}" in page.locator("#timeline").inner_text()
    assert SCRIPT_LABEL in page.locator("#f-actor").inner_text()
    page.select_option("#f-lanes", "actor")
    page.wait_for_timeout(200)
    assert SCRIPT_LABEL in page.locator("#timeline .vis-labelset").inner_text()
    page.mouse.move(10, 10)
    page.screenshot(path=str(artifacts / "explorer-hostile.png"))
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0
    assert page.locator("main script, #panel script, #timeline script").count() == 0
    assert opened.errors == []
    assert opened.outside_requests() == []
    page.close()
