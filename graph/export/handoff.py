"""Hand-offs to the tools people already use: TimelineJS, a spreadsheet, a figure.

All three read the explorer's read model (:func:`graph.export.explorer.explorer_data`), so
a corpus is handed off as its story (one row per corpus event, with every source), and an
undated event is never given a date:

- :func:`timelinejs_data`: the TimelineJS 3 JSON (events as slides, evidence as text);
  undated events are left out, since a slide needs a start date.
- :func:`events_rows`: one row per event, in the spirit of ACLED's columns.
- :func:`timeline_svg`: a static SVG figure of the dated events, for a report.

>>> data = {"details": {"e1": {"kind": "event", "type": "arrest", "label": "Police detain 40 men",
...         "date": {"edtf": "2017-03", "precision": "month", "earliest": "2017-03-01", "latest": "2017-03-31"},
...         "article": "urn:a", "evidence": [{"exact": "detained 40 men", "article": "urn:a"}],
...         "factuality": {"certainty": "Probable"}}},
...         "edges": [], "articles": {"urn:a": {"headline": "H", "outlet": "BBC", "url": "https://x", "published": "2017-04-04"}},
...         "timeline": ["e1"], "undated": []}
>>> timelinejs_data(data)["events"][0]["start_date"]
{'year': 2017, 'month': 3, 'display_date': '2017-03'}
>>> events_rows(data)[0]["event_date"], events_rows(data)[0]["source_outlet"]
('2017-03', 'BBC')
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Any

from ..io import atomic_write

EVENT_KINDS = ("event", "statement")
ACTOR_ROLES = ("agent", "speaker", "participant", "patient", "addressee")
PLACE_ROLES = ("hasPlace", "place")
CSV_COLUMNS = ("event_id", "event_date", "date_precision", "earliest", "latest", "event_type", "actor1", "actor2",
               "place", "source_outlet", "source_url", "source_date", "quote/evidence", "certainty")


def _roles(data: Mapping[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """Event -> [(role, label of the node it points to)], in edge order."""
    details = data["details"]
    out: dict[str, list[tuple[str, str]]] = {}
    for edge in data["edges"]:
        target = details.get(edge["to"])
        if target is not None:
            out.setdefault(edge["from"], []).append((edge["label"], target["label"]))
    return out


def _events(data: Mapping[str, Any]) -> list[str]:
    """Events in date order, the undated last (by label)."""
    return list(data["timeline"]) + list(data["undated"])


def _sources(detail: Mapping[str, Any]) -> list[str]:
    """The articles an event comes from: each source of a corpus event, or its own article."""
    if detail.get("sources"):
        return [s[0] for s in detail["sources"]]
    return [detail["article"]] if detail.get("article") else []


def _evidence_text(detail: Mapping[str, Any]) -> str:
    if detail.get("text"):
        return detail["text"]
    return " … ".join(dict.fromkeys(e["exact"] for e in detail.get("evidence", [])))


def events_rows(data: Mapping[str, Any]) -> list[dict[str, str]]:
    """One row per event or statement, ACLED-like: the first two actors by role (agent or
    speaker first), the first place, and the first source; further sources of a corpus
    event go in ``source_*`` joined by " | ", in the order the page lists them."""
    details, roles, articles = data["details"], _roles(data), data["articles"]
    rows = []
    for node in _events(data):
        d = details[node]
        if d.get("kind") not in EVENT_KINDS:
            continue
        mine = roles.get(node, [])
        actors = [label for rank in ACTOR_ROLES for role, label in mine if role == rank]
        actors = list(dict.fromkeys(actors))
        places = [label for role, label in mine if role in PLACE_ROLES]
        date = d.get("date") or {}
        sources = [articles.get(a, {}) for a in _sources(d)]
        rows.append({
            "event_id": node,
            "event_date": date.get("edtf") or "",
            "date_precision": date.get("precision") or ("undated" if not date else ""),
            "earliest": date.get("earliest") or "",
            "latest": date.get("latest") or "",
            "event_type": d.get("type") or "",
            "actor1": actors[0] if actors else "",
            "actor2": actors[1] if len(actors) > 1 else "",
            "place": places[0] if places else "",
            "source_outlet": " | ".join(s.get("outlet") or "" for s in sources),
            "source_url": " | ".join(s.get("url") or "" for s in sources),
            "source_date": " | ".join(s.get("published") or "" for s in sources),
            "quote/evidence": _evidence_text(d),
            "certainty": (d.get("factuality") or {}).get("certainty") or "",
        })
    return rows


def events_csv(data: Mapping[str, Any]) -> str:
    """:func:`events_rows` as CSV text with a header line."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(events_rows(data))
    return out.getvalue()


def _tl_date(token: str) -> dict[str, Any] | None:
    """A TimelineJS date object from one EDTF date ("2019", "2019-01" or "2019-01-17"), as
    precise as the text gave it; None for an open end ("..") or anything else."""
    parts = token.split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4 or not all(p.isdigit() for p in parts):
        return None
    return dict(zip(("year", "month", "day"), (int(p) for p in parts)))


def timelinejs_data(data: Mapping[str, Any], *, title: str = "newsgraph timeline") -> dict[str, Any]:
    """The TimelineJS 3 JSON: each dated event a slide (its label the headline, its date and
    evidence the text, its type the group), dated as precisely as its EDTF; a range has an
    end date; an open range ("since December") starts at its start and a bound ("by 2011")
    at its bound, each with its EDTF as ``display_date``. A disputed corpus date spans the
    dates its sources give."""
    details, articles = data["details"], data["articles"]
    slides = []
    for node in data["timeline"]:
        d = details[node]
        date = d.get("date") or {}
        edtf = date.get("edtf") or ""
        tokens = edtf.split("/") if "/" in edtf else [edtf, ""]
        start = _tl_date(tokens[0]) or _tl_date(tokens[1])
        if date.get("precision") == "disputed" or start is None:
            start = _tl_date(date.get("earliest") or date.get("latest") or "")
        if start is None:
            continue
        slide: dict[str, Any] = {"unique_id": node, "group": d.get("type") or d.get("kind"),
                                 "start_date": {**start, "display_date": edtf}}
        end = _tl_date(tokens[1]) if _tl_date(tokens[0]) else None
        if date.get("precision") == "disputed" and date.get("latest"):
            end = _tl_date(date["latest"])
        if end is not None and end != start:
            slide["end_date"] = end
        lines = [f"<p><b>{escape(edtf)}</b> ({escape(date.get('precision') or '')})</p>"]
        for ev in d.get("evidence", [])[:5]:
            source = articles.get(ev.get("article", ""), {})
            where = ", ".join(filter(None, (source.get("outlet"), source.get("published"))))
            lines.append(f"<blockquote>{escape(ev['exact'])}</blockquote><p>{escape(where)}</p>")
        slide["text"] = {"headline": escape(d["label"]), "text": "".join(lines)}
        slides.append(slide)
    return {"title": {"text": {"headline": escape(title), "text": f"{len(slides)} dated events"}}, "events": slides}


# ----------------------------------------------------------------------------- SVG figure

SVG_WIDTH = 1200
ROW = 22
LEFT = 470  # the labels' column; the plot is to its right
LABEL_CHARS = 68


def _day_number(iso: str) -> int:
    return dt.date.fromisoformat(iso[:10]).toordinal()


def timeline_svg(data: Mapping[str, Any], *, title: str = "newsgraph timeline", width: int = SVG_WIDTH) -> str:
    """A static figure: one row per dated event in date order, its label in a column at the
    left (so no label ever crosses a mark), and at the right a dot for a day, a bar for a
    range (red for a date the sources dispute), a bar fading out for an open range and
    fading in for a bound, under a year or month axis. Readable at 1,200 px; plain SVG."""
    details = data["details"]
    items = []
    for node in data["timeline"]:
        d = details[node]
        date = d.get("date") or {}
        lo, hi = date.get("earliest"), date.get("latest")
        if not (lo or hi):
            continue
        items.append((node, d["label"], lo, hi, date.get("precision") or ""))
    height = 70 + ROW * max(len(items), 1) + 30
    days = [_day_number(x) for _, _, lo, hi, _ in items for x in (lo, hi) if x]
    first, last = (min(days), max(days)) if days else (0, 1)
    span = max(last - first, 1)
    plot = width - LEFT - 30

    def x_of(iso: str) -> float:
        return LEFT + plot * (_day_number(iso) - first) / span

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">',
           '<defs><linearGradient id="fade-out"><stop offset="0" stop-color="#3b6ea5"/>'
           '<stop offset="1" stop-color="#3b6ea5" stop-opacity="0"/></linearGradient>'
           '<linearGradient id="fade-in"><stop offset="0" stop-color="#3b6ea5" stop-opacity="0"/>'
           '<stop offset="1" stop-color="#3b6ea5"/></linearGradient></defs>',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="20" y="28" font-size="18" font-weight="bold">{escape(title)}</text>']
    out += _axis(first, last, x_of, height)
    for row, (_node, label, lo, hi, precision) in enumerate(items):
        y = 70 + ROW * row
        text = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"
        if lo and hi and lo != hi:
            x1, x2 = x_of(lo), x_of(hi)
            colour = "#c0392b" if precision == "disputed" else "#3b6ea5"
            out.append(f'<rect x="{x1:.1f}" y="{y - 6}" width="{max(x2 - x1, 3):.1f}" height="10" rx="3" '
                       f'fill="{colour}" opacity="0.8"/>')
            left = x1
        elif lo and not hi:  # since X: known to go on, fading out to the right edge
            x1 = x_of(lo)
            out.append(f'<rect x="{x1:.1f}" y="{y - 6}" width="{max(LEFT + plot - x1, 20):.1f}" height="10" '
                       f'fill="url(#fade-out)"/>')
            left = x1
        elif hi and not lo:  # by X: known only to have begun by then, fading in
            x2 = x_of(hi)
            x1 = max(x2 - 60, LEFT)
            out.append(f'<rect x="{x1:.1f}" y="{y - 6}" width="{max(x2 - x1, 3):.1f}" height="10" '
                       f'fill="url(#fade-in)"/>')
            left = x1
        else:
            left = x_of(lo or hi)
            out.append(f'<circle cx="{left:.1f}" cy="{y - 1}" r="5" fill="#3b6ea5"/>')
        out.append(f'<line x1="{LEFT - 6}" y1="{y - 1}" x2="{left:.1f}" y2="{y - 1}" stroke="#eee"/>')
        out.append(f'<text x="{LEFT - 12}" y="{y + 3}" text-anchor="end">{escape(text)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _axis(first: int, last: int, x_of: Any, height: int) -> list[str]:
    """Gridlines and labels: months when the figure covers under three years, else years."""
    start, end = dt.date.fromordinal(first), dt.date.fromordinal(last)
    ticks: list[dt.date] = []
    if (end - start).days < 3 * 366:
        d = dt.date(start.year, start.month, 1)
        while d <= end:
            ticks.append(d)
            d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        step = max(1, len(ticks) // 12)
        ticks, fmt = ticks[::step], "%b %Y"
    else:
        years = list(range(start.year, end.year + 1))
        step = max(1, len(years) // 12)
        ticks, fmt = [dt.date(y, 1, 1) for y in years[::step]], "%Y"
    out = []
    for tick in ticks:
        if tick < start:
            continue
        x = x_of(tick.isoformat())
        out.append(f'<line x1="{x:.1f}" y1="50" x2="{x:.1f}" y2="{height - 20}" stroke="#ddd"/>')
        out.append(f'<text x="{x:.1f}" y="46" text-anchor="middle" fill="#555">{tick.strftime(fmt)}</text>')
    return out


# ----------------------------------------------------------------------------- writing

HANDOFF_FORMATS = ("timelinejs", "events-csv", "timeline-svg")


def render_handoff(data: Mapping[str, Any], fmt: str, *, title: str = "newsgraph timeline") -> str:
    """The text of one hand-off format (see :data:`HANDOFF_FORMATS`)."""
    import json

    if fmt == "timelinejs":
        return json.dumps(timelinejs_data(data, title=title), ensure_ascii=False, indent=1) + "\n"
    if fmt == "events-csv":
        return events_csv(data)
    if fmt == "timeline-svg":
        return timeline_svg(data, title=title)
    raise ValueError(f"unknown hand-off format {fmt!r}; expected one of {', '.join(HANDOFF_FORMATS)}")


def write_handoff(data: Mapping[str, Any], fmt: str, path: str | os.PathLike[str], *,
                  title: str = "newsgraph timeline") -> Path:
    """Write one hand-off format to ``path``, atomically."""
    atomic_write(path, render_handoff(data, fmt, title=title))
    return Path(path)
