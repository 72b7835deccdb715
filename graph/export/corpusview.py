"""What the explorer shows for a corpus node: its articles' details, side by side.

Over a corpus the pages draw each corpus node in place of the article nodes that are
``owl:sameAs`` it (:func:`graph.export.netgraph.contract`). Its panel then has to show
what every source says, and never one source's word for all of them:

- **sources**: each member's article, with the date it gives, the words it read it
  from and the number it counts, in order of publication;
- **date**: the date all sources agree on (the first source's phrase and rule), or, when
  the corpus layer marked the date disputed (``ng:dateDisputed``, ``own["disputed"]``),
  all their dates (``2017-03-28 | 2017-03-30``, precision ``disputed``), drawn on the
  timeline from the earliest to the latest;
- **factuality** and **how many**: the sources' certainty, polarity and count, joined
  when they differ ("at least 100 / 40");
- **aliases, titles, evidence**: those of every source.

>>> articles = {"a": {"published": "2017-04-03"}, "b": {"published": "2017-04-04"}}
>>> day = lambda d, phrase: {"edtf": d, "precision": "day", "earliest": d, "latest": d,
...                          "phrase": phrase, "anchor": "2017-04-03", "rule": "weekday"}
>>> parts = [{"type": "detention", "article": "a", "date": day("2017-03-28", "on Tuesday"), "quantity": "40",
...           "factuality": {"certainty": "Certain", "polarity": "Positive", "cue": None}},
...          {"type": "detention", "article": "b", "date": day("2017-03-30", "on Thursday"),
...           "quantity": "at least 100",
...           "factuality": {"certainty": "Probable", "polarity": "Positive", "cue": "reportedly"}}]
>>> d = merged_event({"type": "detention", "disputed": True}, parts, articles)
>>> d["date"]["edtf"], d["date"]["precision"], d["span"]["className"], d["factuality"]["certainty"]
('2017-03-28 | 2017-03-30', 'disputed', 'ng-disputed', 'Certain / Probable')
>>> d["quantity"], d["sources"]
('40 / at least 100', [['a', '2017-03-28', 'on Tuesday', '40'], ['b', '2017-03-30', 'on Thursday', 'at least 100']])
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

Detail = dict[str, Any]


def _published(part: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]]) -> str:
    return str(articles.get(part.get("article") or "", {}).get("published") or "")


def ordered(parts: Sequence[Detail], articles: Mapping[str, Mapping[str, Any]]) -> list[Detail]:
    """The members' details in order of publication (then article IRI)."""
    return sorted(parts, key=lambda p: (_published(p, articles), p.get("article") or ""))


def _union(lists: Sequence[Sequence[str]], exclude: str = "") -> list[str]:
    out: list[str] = []
    for items in lists:
        out += [item for item in items if item not in out and item != exclude]
    return out


def _joined(values: Sequence[Any]) -> Any:
    distinct = list(dict.fromkeys(v for v in values if v))
    return " / ".join(distinct) if len(distinct) > 1 else (distinct[0] if distinct else None)


def merged_entity(own: Detail, parts: Sequence[Detail], articles: Mapping[str, Mapping[str, Any]]) -> Detail:
    """A corpus actor or place: the names and titles every source gives it (``name`` is
    each source's own name for it).

    >>> merged_entity({"name": "Ramzan Kadyrov", "aliases": ["Kadyrov"]},
    ...               [{"name": "Kadyrov", "aliases": [], "titles": ["President"], "article": "a"},
    ...                {"name": "Chechen leader Kadyrov", "aliases": [], "titles": [], "article": "b"}],
    ...               {})["aliases"]
    ['Kadyrov', 'Chechen leader Kadyrov']
    """
    parts = ordered(parts, articles)
    detail = dict(own)
    names = [[p["name"]] for p in parts if p.get("name")]
    detail["aliases"] = _union([own.get("aliases", []), *(p.get("aliases", []) for p in parts), *names],
                               exclude=own.get("name") or "")
    detail["titles"] = _union([own.get("titles", []), *(p.get("titles", []) for p in parts)])
    detail["sources"] = [[p.get("article"), None, None, None] for p in parts if p.get("article")]
    detail["article"] = parts[0].get("article") if parts else own.get("article")
    return detail


def merged_event(own: Detail, parts: Sequence[Detail], articles: Mapping[str, Mapping[str, Any]]) -> Detail:
    """A corpus event or statement: see the module docstring."""
    parts = ordered(parts, articles)
    detail = dict(own)
    detail["type"] = own.get("type") or next((p["type"] for p in parts if p.get("type")), "event")
    detail["article"] = parts[0].get("article") if parts else own.get("article")
    if not detail.get("text"):
        text = next((p["text"] for p in parts if p.get("text")), None)
        if text:
            detail["text"] = text
    facts = [p.get("factuality") or {} for p in parts]
    detail["factuality"] = {"certainty": _joined([f.get("certainty") for f in facts]) or "Certain",
                            "polarity": _joined([f.get("polarity") for f in facts]) or "Positive",
                            "cue": _joined([f.get("cue") for f in facts])}
    quantity = _joined([p.get("quantity") for p in parts])
    if quantity:
        detail["quantity"] = quantity
    detail["sources"] = [[p.get("article"), (p.get("date") or {}).get("edtf"), (p.get("date") or {}).get("phrase"),
                          p.get("quantity")] for p in parts if p.get("article")]
    dated = [p for p in parts if p.get("date")]
    detail.pop("date", None)
    detail.pop("span", None)
    detail.pop("disputed", None)
    if dated and own.get("disputed"):
        detail["date"], detail["span"] = _disputed([p["date"] for p in dated])
    elif dated:
        detail["date"], detail["span"] = dated[0]["date"], dated[0]["span"]
    return detail


def _disputed(dates: Sequence[Mapping[str, Any]]) -> tuple[Detail, dict[str, str]]:
    """Every source's date, and one bar from the earliest bound to the latest."""
    lows = [d.get("earliest") or d.get("latest") for d in dates]
    highs = [d.get("latest") or d.get("earliest") for d in dates]
    low, high = min(v for v in lows if v), max(v for v in highs if v)
    date = {"edtf": " | ".join(dict.fromkeys(d["edtf"] for d in dates)), "precision": "disputed",
            "earliest": low, "latest": high, "phrase": None, "anchor": None, "rule": None}
    end = (dt.date.fromisoformat(high) + dt.timedelta(days=1)).isoformat()  # vis-timeline ends are exclusive
    return date, {"start": low, "end": end, "type": "range", "className": "ng-disputed"}
