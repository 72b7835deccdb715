"""How fast the explorer of a large graph becomes interactive in headless chromium.

Generates a synthetic store of 5,000 events (statements among them) and 10,000 nodes,
through the real path (model objects -> ``graph.build.load_into`` -> Oxigraph), writes
the explorer, opens it from file:// and prints the page's size and the time until it is
interactive: ``body[data-ready]`` is set once the network and the timeline have both
drawn. The goal is 3 s or less. Prints only, never asserts.

``--corpus`` measures the corpus view's pages instead (issue #15's goals: interactive in
2 s or less for 1 k articles, 4 s for 10 k, and 10 k in 15 MB or less): the 120 MEANTIME
articles (``--meantime DIR``, ingested with their ``published``) and 1 k and 10 k articles
from ``benchmarks/generate.py`` (``--sizes``), then a table of the three.

    make bench-view            # or: .venv/bin/python benchmarks/bench_view.py [--articles 100]
    .venv/bin/python benchmarks/bench_view.py --corpus [--sizes 1000,10000] [--runs 2]
    .venv/bin/python benchmarks/bench_view.py --corpus --save-data /tmp/views   # once, then:
    .venv/bin/python benchmarks/bench_view.py --corpus --from-data /tmp/views  # the pages only
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.browser

from graph.build import load_into
from graph.export.explorer import explorer_data, render_explorer
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
from graph.store import open_store

TYPES = ["arrest", "attack", "detention", "protest", "statement", "investigation", "release", "trial",
         "election", "strike", "meeting", "ban"]
KINDS = [EntityKind.PERSON, EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.PLACE]


def _time(rng: random.Random, published: dt.date, phrase: Span) -> TimeSpan | None:
    roll = rng.random()
    day = published - dt.timedelta(days=rng.randint(1, 900))
    if roll < 0.15:
        return None
    if roll < 0.55:
        return TimeSpan(Precision.DAY, day, day, day.isoformat(), "synthetic", published, phrase)
    if roll < 0.75:
        first = day.replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return TimeSpan(Precision.MONTH, first, last, first.isoformat()[:7], "synthetic", published, phrase)
    if roll < 0.9:
        end = day + dt.timedelta(days=rng.randint(2, 20))
        return TimeSpan(Precision.RANGE, day, end, f"{day}/{end}", "synthetic", published, phrase)
    return TimeSpan(Precision.OPEN, day, None, f"{day}/..", "synthetic", published, phrase)


def synthetic_article(index: int, events: int, entities: int, rng: random.Random) -> ArticleGraph:
    """One article whose text holds every name and every event sentence it cites."""
    published = dt.date(2020, 1, 1) + dt.timedelta(days=index * 3)
    parts: list[str] = []
    cursor = 0

    def put(text: str) -> Span:
        nonlocal cursor
        span = Span(cursor, cursor + len(text), text)
        parts.append(text + " ")
        cursor += len(text) + 1
        return span

    ents = []
    for e in range(entities):
        name = f"Name{index}x{e} {rng.choice(['Ivanova', 'Petrov', 'Group', 'Council', 'City'])}"
        ents.append(Entity(f"e{e}", KINDS[e % len(KINDS)], name, evidence=[put(name)]))
    evs: list[Event] = []
    for n in range(events):
        put("On the day")
        phrase = put(f"day {n}")
        sentence = put(f"Something of type {TYPES[n % len(TYPES)]} number {n} happened to people in article {index}.")
        who = rng.sample(ents, k=min(3, len(ents)))
        participants = [Participant(w.id, rng.choice([Role.AGENT, Role.PATIENT, Role.PARTICIPANT]))
                        for w in who if w.kind is not EntityKind.PLACE]
        places = [w.id for w in who if w.kind is EntityKind.PLACE]
        common = dict(id=f"ev{n}", type=TYPES[n % len(TYPES)], label=f"Event {n} of article {index}",
                      evidence=[sentence], participants=participants, places=places,
                      time=_time(rng, published, phrase))
        if n % 10 == 9:
            speaker = next((w.id for w in who if w.kind is not EntityKind.PLACE), None)
            evs.append(Statement(**common, speaker=speaker, quote=sentence, reports=[f"ev{n - 1}"]))
        else:
            evs.append(Event(**common))
    text = "".join(parts)
    article = Article(f"synthetic-{index:04d}", text, published, url=f"https://example.org/{index}",
                      publisher="Synthetic Post", headline=f"Synthetic article {index}")
    return ArticleGraph(article, ents, evs)


def measure(page_path: Path, runs: int) -> list[float]:
    from tests.browser import VIEWPORT, chromium

    times = []
    with chromium() as browser:
        for _ in range(runs):
            page = browser.new_page(viewport=VIEWPORT)
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            started = time.perf_counter()
            page.goto(page_path.resolve().as_uri(), wait_until="commit")
            page.wait_for_selector("body[data-ready]", state="attached", timeout=120_000)
            times.append(time.perf_counter() - started)
            print(f"  interactive after {times[-1]:.2f} s")
            marks = page.evaluate("performance.getEntriesByType('mark').map(m => m.name.slice(3) + ' ' + "
                                  "Math.round(m.startTime)).join(', ')")
            print(f"  page marks (ms since navigation): {marks}")
            nodes = page.evaluate("newsgraph.visibleNodeIds().length")
            items = page.evaluate("newsgraph.timelineItemIds().length")
            click_started = time.perf_counter()
            page.evaluate("newsgraph.select(newsgraph.data.timeline[0], 'bench')")
            page.evaluate("new Promise(r => requestAnimationFrame(() => r()))")
            select_time = time.perf_counter() - click_started
            page.select_option("#f-type", page.evaluate("newsgraph.data.types[0] || ''"), timeout=120_000)
            filtered = page.evaluate("newsgraph.timelineItemIds().length")
            page.select_option("#f-type", "", timeout=120_000)
            lanes_started = time.perf_counter()
            page.select_option("#f-lanes", "actor", timeout=120_000)
            page.evaluate("new Promise(r => requestAnimationFrame(() => r()))")
            lanes_time = time.perf_counter() - lanes_started
            print(f"  run: interactive {times[-1]:.2f} s; {nodes} nodes, {items} timeline items; "
                  f"select+redraw {select_time:.2f} s; type filter -> {filtered} items; "
                  f"lanes by actor {lanes_time:.2f} s; errors {errors or 'none'}")
            page.close()
    return times


MEANTIME = Path(__file__).resolve().parents[2] / "shared" / "bench" / "meantime"
if not MEANTIME.is_dir():
    MEANTIME = Path("/work/shared/bench/meantime")


def meantime_jsonl(folder: Path, out: Path) -> Path:
    """The MEANTIME articles (``NAME.txt`` beside ``NAME.json``) as JSON Lines, each with
    its ``published`` and ``url``, its first line as title."""
    import json

    with out.open("w", encoding="utf-8") as f:
        for meta in sorted(folder.glob("*.json")):
            text = meta.with_suffix(".txt").read_text(encoding="utf-8")
            info = json.loads(meta.read_text(encoding="utf-8"))
            f.write(json.dumps({"text": text, "published": info["published"], "url": info.get("url"),
                                "title": text.split("\n", 1)[0].strip()}) + "\n")
    return out


def data_file(size: int) -> str:
    """The file that ``--save-data`` writes (and ``--from-data`` reads) for one corpus: 0 is MEANTIME."""
    return f"explorer-data-{size or 'meantime'}.json"


def corpus_pages(args: argparse.Namespace) -> None:
    """The corpus view's pages: MEANTIME, then the generated sizes; a table at the end."""
    from graph.ingest import ingest

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        sets: list[tuple[str, int]] = [("MEANTIME", 0)] if args.meantime.is_dir() else []
        sets += [(f"{n:,} generated", n) for n in args.sizes]
        for name, size in sets:
            started = time.perf_counter()
            saved = args.from_data / data_file(size) if args.from_data else None
            if saved and saved.exists():  # computed by an earlier run (--save-data)
                data = json.loads(saved.read_text(encoding="utf-8"))
                loaded = started
                print(f"bench_view {name}: explorer data read from {saved} in {time.perf_counter() - started:.0f} s")
            else:
                with open_store(Path(tmp) / f"store-{size}", create=True) as store:
                    if size:
                        from benchmarks.generate import generate_articles

                        for graph in generate_articles(size, seed=7):
                            load_into(store, graph)
                    else:
                        ingest([meantime_jsonl(args.meantime, Path(tmp) / "meantime.jsonl")], store)
                    loaded = time.perf_counter()
                    data = explorer_data(store)
                print(f"bench_view {name}: store {loaded - started:.0f} s, explorer data {time.perf_counter() - loaded:.0f} s")
                if args.save_data:
                    args.save_data.mkdir(parents=True, exist_ok=True)
                    atomic_write(args.save_data / data_file(size), json.dumps(data, ensure_ascii=False))
            loaded = time.perf_counter()
            html = render_explorer(data, title=name)
            page = Path(tmp) / f"page-{size}.html"
            atomic_write(page, html)
            if args.keep:  # a folder, with --corpus
                args.keep.mkdir(parents=True, exist_ok=True)
                atomic_write(args.keep / page.name, html)
            made = time.perf_counter()
            megabytes = len(html.encode()) / 1e6
            print(f"bench_view {name}: {len(data['articles'])} articles, {len(data['timeline'])} dated events, "
                  f"{len(data['overview']['nodes'])} actors; page made in "
                  f"{made - loaded:.0f} s, {megabytes:.1f} MB")
            times = measure(page, args.runs)
            rows.append((name, megabytes, min(times), sorted(times)[len(times) // 2]))
            page.unlink()
    print("bench_view corpus pages (headless chromium, file://; goals: 1 k <= 2 s, 10 k <= 4 s and <= 15 MB)")
    print(f"  {'page':<18} {'MB':>6} {'best s':>7} {'median s':>9}")
    for name, megabytes, best, median in rows:
        print(f"  {name:<18} {megabytes:>6.1f} {best:>7.2f} {median:>9.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--events", type=int, default=50, help="events per article")
    parser.add_argument("--entities", type=int, default=50, help="actors and places per article")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="also copy the page here (--corpus: a folder for the pages)")
    parser.add_argument("--generated", type=int, metavar="N",
                        help="N news-sized articles from benchmarks/generate.py instead (the corpus view's goals: "
                             "interactive <= 2 s for 1 k, <= 4 s for 10 k; page <= 15 MB for 10 k)")
    parser.add_argument("--store", type=Path, help="the page of this store instead (e.g. the 120 MEANTIME articles)")
    parser.add_argument("--corpus", action="store_true", help="the corpus view's pages: MEANTIME, 1 k and 10 k")
    parser.add_argument("--meantime", type=Path, default=MEANTIME, help="the MEANTIME folder (.txt and .json)")
    parser.add_argument("--save-data", type=Path, metavar="DIR",
                        help="--corpus: also write each corpus's explorer data to DIR (the 10 k store and its data "
                             "take some 10 minutes to make)")
    parser.add_argument("--from-data", type=Path, metavar="DIR",
                        help="--corpus: read each corpus's explorer data from DIR when --save-data wrote it there")
    parser.add_argument("--sizes", type=lambda v: [int(n) for n in v.split(",")], default=[1000, 10000],
                        help="generated corpus sizes for --corpus (default 1000,10000)")
    args = parser.parse_args()
    if args.corpus:
        corpus_pages(args)
        return
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        with open_store(args.store or Path(tmp) / "store", create=not args.store) as store:
            if args.generated:
                from benchmarks.generate import generate_articles

                for graph in generate_articles(args.generated, seed=7):
                    load_into(store, graph)
            elif not args.store:
                for i in range(args.articles):
                    load_into(store, synthetic_article(i, args.events, args.entities, rng))
            loaded = time.perf_counter()
            data = explorer_data(store)
        queried = time.perf_counter()
        html = render_explorer(data, title="synthetic explorer")
        page = Path(tmp) / "explorer.html"
        atomic_write(page, html)
        written = time.perf_counter()
        overview = data.get("overview") or {}
        print(f"bench_view: {len(data['articles'])} articles, {len(data['nodes'])} nodes, {len(data['edges'])} edges, "
              f"{len(data['timeline'])} dated + {len(data['undated'])} undated events/statements; corpus view "
              f"{len(overview.get('nodes', []))} actors, {len(overview.get('edges', []))} shared-event links, "
              f"{len(overview.get('isolated', []))} isolated")
        print(f"  store load {loaded - started:.1f} s (not part of the page); explorer data (SPARQL + layout) "
              f"{queried - loaded:.1f} s; render {written - queried:.1f} s; page {len(html.encode()) / 1e6:.1f} MB")
        if args.keep:
            atomic_write(args.keep, html)
        times = measure(page, args.runs)
        print(f"bench_view: time to interactive (headless chromium, file://): best {min(times):.2f} s, "
              f"median {sorted(times)[len(times) // 2]:.2f} s (goal <= 3 s)")


if __name__ == "__main__":
    main()
