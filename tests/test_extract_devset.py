"""Extraction on the dev set (tests/fixtures/devset): real articles of different kinds."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from graph.extract import extract_many, load_model
from graph.model import Article, ArticleGraph

DEVSET = Path(__file__).resolve().parent / "fixtures" / "devset"


def _key(name: str) -> str:
    name = name.lower().strip()
    return name[4:] if name.startswith("the ") else name


@pytest.fixture(scope="module")
def results() -> list[tuple[dict, ArticleGraph]]:
    golds, articles = [], []
    for path in sorted(DEVSET.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = path.with_suffix(".txt").read_text(encoding="utf-8")
        golds.append(gold)
        articles.append(Article(id=path.stem, text=text, published=dt.date.fromisoformat(gold["published"]),
                                url=gold["url"], source=path.with_suffix(".txt").name))
    return list(zip(golds, extract_many(articles, load_model())))


def test_the_dev_set_has_four_kinds_of_article(results) -> None:  # type: ignore[no-untyped-def]
    assert len(results) == 4
    kinds = " ".join(g["kind"] for g, _ in results)
    assert all(k in kinds for k in ("court ruling", "company deal", "disaster"))


def test_entity_recall_on_the_dev_set_is_at_least_0_85(results) -> None:  # type: ignore[no-untyped-def]
    found = total = 0
    for gold, graph in results:
        names = {_key(n) for e in graph.entities for n in [e.name, *e.aliases]}
        for name in gold["persons"] + gold["organizations"] + gold["places"]:
            total += 1
            found += _key(name) in names
    assert found / total >= 0.85


def test_dated_event_recall_on_the_dev_set_is_at_least_0_6(results) -> None:  # type: ignore[no-untyped-def]
    found = total = 0
    for gold, graph in results:
        text = graph.article.text
        for ev in gold["events"]:
            total += 1
            a = text.index(ev["evidence"])
            b = a + len(ev["evidence"])
            found += any(e.time is not None and (e.time.value or "").startswith(ev["date"])
                         and e.evidence[0].start < b and e.evidence[0].end > a for e in graph.events)
    assert found / total >= 0.6


def test_statements_on_the_dev_set_have_the_right_speakers(results) -> None:  # type: ignore[no-untyped-def]
    for gold, graph in results:
        for want in gold["statements"]:
            matches = [s for s in graph.statements if s.quote is not None and want["quote"] in s.quote.text]
            assert matches, want
            assert matches[0].speaker is not None and graph.entity(matches[0].speaker).name == want["speaker"]
