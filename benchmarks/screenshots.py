"""Screenshots of the seed graph's pages for the README: exports/explorer.png, exports/network.png.

Builds the curated seeds into a temporary store (the real build, which also writes the
pages), opens each page from file:// in Debian's headless chromium, selects an event on
the explorer so the panel shows its evidence, and saves the pictures into exports/.

    .venv/bin/python benchmarks/screenshots.py
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.build import build  # noqa: E402
from graph.store import open_store  # noqa: E402
from tests.browser import VIEWPORT, chromium  # noqa: E402

from graph.annotations import load_annotation  # noqa: E402
from graph.inputs import identity  # noqa: E402

SELECT = ("https://w3id.org/newsgraph/id/" + identity(load_annotation(ROOT / "seeds" / "hornet-2019-01-18.yaml").article)
          + "/event/purge")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        seeds.mkdir()
        for path in (ROOT / "seeds").iterdir():
            if path.suffix in (".yaml", ".yml", ".json") or path.with_suffix(".yaml").exists():
                shutil.copy(path, seeds / path.name)
        exports = Path(tmp) / "exports"
        with open_store(Path(tmp) / "store", create=True) as store:
            build(seeds, store, exports, fresh=True)
        with chromium() as browser:
            for name in ("explorer", "network"):
                page = browser.new_page(viewport=VIEWPORT)
                outside: list[str] = []
                page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
                page.goto((exports / f"{name}.html").as_uri())
                page.wait_for_selector("body[data-ready]", state="attached")
                if name == "explorer":
                    page.evaluate(f"newsgraph.select({SELECT!r}, 'screenshot')")
                page.wait_for_timeout(500)
                target = ROOT / "exports" / f"{name}.png"
                page.screenshot(path=str(target))
                print(f"wrote {target.relative_to(ROOT)} (requests outside file:/data: {len(outside)})")
                page.close()


if __name__ == "__main__":
    main()
