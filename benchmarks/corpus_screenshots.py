"""Screenshots of a corpus page (the 120 MEANTIME articles) for docs/img/: the actors'
overview, and an actor's panel with its merges.

    .venv/bin/python benchmarks/corpus_screenshots.py STORE [OUT_DIR]

STORE holds the corpus (ingest /work/shared/bench/meantime/*.txt, each with the
``published`` of its .json, e.g. as one JSONL). Pages are opened from file:// in
Debian's headless chromium.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.export.explorer import write_explorer  # noqa: E402
from graph.store import open_store  # noqa: E402
from tests.browser import VIEWPORT, chromium  # noqa: E402

PICK = """() => {  // the most-linked actor whose label names the text given
  const nodes = newsgraph.data.overview.nodes.filter(n => newsgraph.data.details[n.id].label === %r);
  nodes.sort((a, b) => b.events - a.events);
  return nodes.length ? nodes[0].id : null;
}"""

BRUSH = """(() => {  // the timeline's window over the bars that hold the middle 90% of the events
  const s = newsgraph.stripBins(), total = s.counts.reduce((a, b) => a + b, 0);
  let seen = 0, lo = null, hi = null;
  s.counts.forEach((c, i) => { seen += c; if (lo === null && seen > total * 0.05) lo = i; if (hi === null && seen >= total * 0.95) hi = i; });
  if (lo !== null) newsgraph.brush(s.bins[lo], s.bins[Math.min(hi + 1, s.bins.length - 1)]);
})()"""


def main() -> None:
    store_path = Path(sys.argv[1])
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "docs" / "img"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "corpus.html"
        with open_store(store_path) as store:
            write_explorer(store, page_path, title="MEANTIME: 120 articles")
        with chromium() as browser:
            page = browser.new_page(viewport={**VIEWPORT, "height": 1000})
            page.goto(page_path.as_uri())
            page.wait_for_selector("body[data-ready]", state="attached")
            page.evaluate(BRUSH)
            page.wait_for_timeout(500)
            page.screenshot(path=str(out / "corpus-overview.png"))
            actor = page.evaluate(PICK % "Apple")
            if actor:
                page.evaluate("id => newsgraph.select(id, 'screenshot')", actor)
                page.wait_for_timeout(400)
                page.screenshot(path=str(out / "corpus-actor.png"))
            print(f"wrote {out}/corpus-overview.png, corpus-actor.png")


if __name__ == "__main__":
    main()
