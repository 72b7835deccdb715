"""Hand-offs: the TimelineJS JSON loads in TimelineJS itself (offline, in chromium), the events
CSV has ACLED-like columns a spreadsheet takes as it is, and the SVG figure labels every
dated event without inventing a date for the undated."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from graph.export.explorer import explorer_data, vendor_dir
from graph.export.handoff import CSV_COLUMNS
from graph.store import open_store

ROOT = Path(__file__).resolve().parent.parent


def _export(built, fmt: str, tmp_path: Path) -> Path:
    out = tmp_path / f"out.{fmt}"
    run = subprocess.run([sys.executable, "-m", "graph", "export", "--store", str(built["store"]), "--format", fmt,
                          "-o", str(out)], capture_output=True, text=True, env={**os.environ})
    assert run.returncode == 0, run.stderr
    return out


@pytest.fixture(scope="module")
def seed_data(built):
    with open_store(built["store"]) as store:
        return explorer_data(store)


def test_events_csv_has_one_row_per_event_with_the_acled_like_columns(built, seed_data, tmp_path):
    rows = list(csv.DictReader(io.StringIO(_export(built, "events-csv", tmp_path).read_text(encoding="utf-8"))))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    events = seed_data["timeline"] + seed_data["undated"]
    assert [r["event_id"] for r in rows] == events
    for row in rows:
        detail = seed_data["details"][row["event_id"]]
        if detail.get("date"):
            assert row["event_date"] == detail["date"]["edtf"]
        else:  # never a made-up date
            assert row["event_date"] == "" and row["date_precision"] == "undated"
        assert row["source_outlet"] and row["source_url"].startswith("https://")
        assert row["quote/evidence"]
    detention = next(r for r in rows if r["event_date"] == "2018-12-29" and r["event_type"] == "arrest")
    assert detention["place"] == "Chechnya"


def test_timeline_svg_labels_every_dated_event_and_only_those(built, seed_data, tmp_path):
    svg = ET.parse(_export(built, "timeline-svg", tmp_path)).getroot()
    assert svg.get("width") == "1200"
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    for node in seed_data["timeline"]:
        label = seed_data["details"][node]["label"]
        assert any(t and (t == label or (t.endswith("…") and label.startswith(t[:-1]))) for t in texts), label
    for node in seed_data["undated"]:
        assert seed_data["details"][node]["label"] not in texts


@pytest.mark.browser
def test_the_timelinejs_json_loads_in_timelinejs_offline(built, seed_data, tmp_path, browser):
    story = json.loads(_export(built, "timelinejs", tmp_path).read_text(encoding="utf-8"))
    assert len(story["events"]) == len(seed_data["timeline"])
    lib = vendor_dir() / "timelinejs"
    page_html = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><style>"
        + (lib / "timeline.css").read_text(encoding="utf-8").replace("</", "<\\/")
        + "</style></head><body><div id='tl' style='width:1200px;height:600px'></div><script>"
        + (lib / "timeline.js").read_text(encoding="utf-8").replace("</script", "<\\/script")
        + "</script><script>window.tl = new TL.Timeline('tl', " + json.dumps(story).replace("</", "<\\/")
        + ", {language: 'en', font: null});</script></body></html>")
    page_file = tmp_path / "timelinejs.html"
    page_file.write_text(page_html, encoding="utf-8")
    outside, errors = [], []
    page = browser.new_page()
    try:
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_file.as_uri())
        page.wait_for_function("document.querySelectorAll('.tl-slide').length > 1", timeout=15000)
        slides = page.evaluate("document.querySelectorAll('.tl-slide:not(.tl-slide-titleslide)').length")
        headline = page.evaluate("document.querySelector('.tl-slide-titleslide .tl-headline').textContent")
        markers = page.evaluate("document.querySelectorAll('.tl-timemarker').length")
    finally:
        page.close()
    assert not errors, errors
    assert not outside, outside
    assert slides == len(story["events"])
    assert markers == len(story["events"])
    assert headline == "newsgraph timeline"
