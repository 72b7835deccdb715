"""The extraction passes as spaCy components: one order, each reading what the earlier left."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from graph.extract import extract, extract_many, graph_from_doc, load_model, new_doc
from graph.extract.boilerplate import find_zones
from graph.extract.components import EXTENSIONS, PASSES, add_newsgraph_components, register
from graph.extract.entities import find_entities
from graph.extract.events import find_triggers
from graph.extract.pipeline import installed_models
from graph.extract.statements import find_statements
from graph.model import Article
from graph.rdf import article_ntriples

DEVSET = Path(__file__).resolve().parent / "fixtures" / "devset"
PAGE = ("Storm closes port\n"
        "By Jane Roe | Staff Writer\n\n"
        "The Springfield police said on Monday that Acme Corp. had closed its plant in Shelbyville.\n"
        "Photo: John Smith/AP\n")


@pytest.fixture(scope="module")
def devset() -> list[Article]:
    articles = []
    for path in sorted(DEVSET.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        articles.append(Article(id=path.stem, text=path.with_suffix(".txt").read_text(encoding="utf-8"),
                                published=dt.date.fromisoformat(gold["published"]), url=gold["url"]))
    return articles


def test_a_user_pipeline_can_take_only_the_zones_and_entities_passes() -> None:
    nlp = spacy.load(installed_models()[0])
    register()
    nlp.add_pipe("newsgraph_zones")
    nlp.add_pipe("newsgraph_entities")
    doc = nlp(PAGE)
    names = {e.name for e in doc._.ng_entities.entities}
    assert {"Springfield police", "Acme Corp.", "Shelbyville"} <= names
    assert not names & {"Jane Roe", "John Smith"}  # the byline and the photo credit are page furniture
    assert doc._.ng_triggers is None  # a pass not in the pipeline leaves its extension unset


def test_an_installed_newsgraph_lets_spacy_add_every_pass_by_name_without_importing_it() -> None:
    # a fresh interpreter that never imports graph: spaCy finds the passes through the
    # spacy_factories entry points of the installed package
    script = (
        "import datetime as dt, sys, spacy\n"
        f"nlp = spacy.load({installed_models()[0]!r})\n"
        f"for name in {list(PASSES)!r}:\n"
        "    nlp.add_pipe(name)\n"
        "doc = nlp.make_doc('Police detained Jane Roe in Paris on Friday, the ministry said.')\n"
        "doc._.ng_published = dt.date(2024, 5, 22)\n"
        "doc = nlp(doc)\n"
        "print(sorted(e.name for e in doc._.ng_entities.entities))\n"
        "print([(s.text, t.edtf) for s, t in doc._.ng_time_expressions])\n"
        "print(sorted(doc[i].text for i in doc._.ng_events))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    entities, times, events = out.splitlines()
    assert "Jane Roe" in entities and "Paris" in entities
    assert times == "[('Friday', '2024-05-17')]"  # the Friday before a Wednesday's story
    assert "detained" in events


def test_the_passes_follow_the_entity_recognizer_in_their_order_once() -> None:
    nlp = load_model()
    add_newsgraph_components(nlp)
    names = nlp.pipe_names
    assert names[names.index("ner") + 1:] == list(PASSES)


def test_each_component_leaves_what_its_pass_function_returns() -> None:
    nlp = load_model()
    article = Article(id="a", text=PAGE, published=dt.date(2020, 3, 4))
    doc = nlp(new_doc(nlp, article))
    zones = find_zones(PAGE)
    assert doc._.ng_zones == zones
    assert doc._.ng_entities == find_entities(doc, zones)
    assert doc._.ng_statements == find_statements(doc, zones, find_entities(doc, zones))
    assert set(find_triggers(doc, zones)) <= set(doc._.ng_triggers)  # the dating adds the verbs it dates
    assert all(getattr(doc._, name) is not None for name in EXTENSIONS)


def test_without_a_publication_day_nothing_is_dated_until_the_article_gives_one() -> None:
    nlp = load_model()
    article = Article(id="a", text=PAGE, published=dt.date(2020, 3, 4))
    doc = nlp(PAGE)
    assert doc._.ng_published is None and doc._.ng_entities is not None
    assert doc._.ng_dates is None and doc._.ng_events is None
    assert article_ntriples(graph_from_doc(article, doc)) == article_ntriples(extract(article, nlp))


def test_a_doc_dated_for_another_day_is_dated_again_from_the_article() -> None:
    nlp = load_model()
    day = dt.date(2021, 6, 10)
    doc = nlp(new_doc(nlp, Article(id="a", text=PAGE, published=dt.date(2020, 3, 4))))
    graph = graph_from_doc(Article(id="a", text=PAGE, published=day), doc)
    dated = [e.time for e in graph.events if e.time is not None]
    assert dated and all(t.latest is not None and t.latest <= day and t.latest.year == 2021 for t in dated)


def test_extract_many_gives_the_graphs_of_the_passes_run_after_a_plain_parse(devset: list[Article]) -> None:
    nlp = load_model()
    plain = nlp.pipe((a.text for a in devset), disable=list(PASSES))
    direct = [article_ntriples(graph_from_doc(a, doc)) for a, doc in zip(devset, plain)]
    assert [article_ntriples(g) for g in extract_many(devset, nlp)] == direct
    assert [article_ntriples(g) for g in extract_many(devset, nlp, n_process=2)] == direct
