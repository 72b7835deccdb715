"""Extracting the seed article without its curated annotation."""
from __future__ import annotations

import dataclasses
import datetime as dt
import textwrap
from pathlib import Path

import pytest

from graph.articles import read_article
from graph.extract import extract, load_model
from graph.extract.layout import parse_text
from graph.model import ArticleGraph, EntityKind, QuoteKind

SEED = Path(__file__).resolve().parents[1] / "seeds" / "hornet-2019-01-18.txt"


@pytest.fixture(scope="module")
def graph() -> ArticleGraph:
    article = read_article(SEED, published=dt.date(2019, 1, 18))
    return extract(article, load_model())


def names(graph: ArticleGraph, kind: EntityKind) -> set[str]:
    return {n for e in graph.entities if e.kind is kind for n in [e.name, *e.aliases]}


def test_finds_the_persons_with_their_fullest_names(graph: ArticleGraph) -> None:
    assert {"Igor Kochetkov", "Mike Pompeo", "Oyub Titiev"} <= names(graph, EntityKind.PERSON)


def test_keeps_the_secretary_of_state_title_apart_from_the_name(graph: ArticleGraph) -> None:
    pompeo = graph.entity("mike-pompeo")
    assert [t.text for t in pompeo.titles] == ["Secretary of State"]
    assert graph.entity(pompeo.titles[0].of).name == "U.S."


def test_finds_the_organizations(graph: ArticleGraph) -> None:
    orgs = names(graph, EntityKind.ORGANIZATION)
    assert {"Russian LGBT Network", "Associated Press", "U.S. State Department", "OSCE",
            "Office for Democratic Institutions and Human Rights"} <= orgs
    assert "U.S. State Department Officially Responds" not in orgs


def test_the_osce_office_is_part_of_the_osce(graph: ArticleGraph) -> None:
    office = graph.entity("office-for-democratic-institutions-and-human-rights")
    assert office.part_of == "osce"


def test_finds_the_places(graph: ArticleGraph) -> None:
    assert {"Chechnya", "Russia", "North Caucasus"} <= names(graph, EntityKind.PLACE)


def test_every_place_found_is_one_the_curated_annotation_names(graph: ArticleGraph) -> None:
    import yaml

    curated = yaml.safe_load(SEED.with_suffix(".yaml").read_text(encoding="utf-8"))
    entries = [e for e in curated.get("entities", curated.get("actors", [])) if e.get("kind") == "place"]
    allowed = {n for e in entries for n in [e["name"], *e.get("aliases", [])]}
    assert entries and names(graph, EntityKind.PLACE) <= allowed  # no headline verb ("to Investigate")


def test_no_entity_comes_from_page_boilerplate(graph: ArticleGraph) -> None:
    all_names = {n.lower() for e in graph.entities for n in [e.name, *e.aliases]}
    for leaked in ("harry potter", "jk rowling", "taylor swift", "quantcast", "valery matytsin", "tass",
                   "moscow times", "transphobia"):
        assert not any(leaked in n for n in all_names), leaked


def test_dates_resolve_against_the_publication_date(graph: ArticleGraph) -> None:
    dated = {e.time.edtf: e for e in graph.events if e.time is not None}
    assert {"2018-12-29", "2018-12-13", "2019-01-17", "2019-01-14/2019-01-17"} <= set(dated)
    assert dated["2018-12-29"].type in ("persecution", "arrest")
    assert dated["2018-12-13"].type == "report"
    assert dated["2019-01-17"].type == "statement"


def test_the_arrest_that_began_the_purge_is_dated_dec_29(graph: ArticleGraph) -> None:
    arrests = [e for e in graph.events if e.type == "arrest" and e.time is not None]
    assert [e.time.edtf for e in arrests] == ["2018-12-29"]


def test_the_two_statements_have_the_right_speakers(graph: ArticleGraph) -> None:
    speakers = {s.speaker: s for s in graph.statements}
    assert set(speakers) == {"igor-kochetkov", "u-s-state-department"}
    kochetkov = speakers["igor-kochetkov"]
    assert kochetkov.quote_kind is QuoteKind.DIRECT and kochetkov.addressee == "associated-press"
    assert kochetkov.quote.text.startswith("Widespread detentions")
    state = speakers["u-s-state-department"]
    assert state.quote_kind is QuoteKind.BLOCK and state.time.edtf == "2019-01-17"
    assert state.quote.text.startswith("We are deeply disturbed") and state.quote.text.endswith("released.")


def test_the_block_statement_reports_detentions_and_calls_on_russia_to_investigate(graph: ArticleGraph) -> None:
    state = next(s for s in graph.statements if s.speaker == "u-s-state-department")
    by_id = {e.id: e for e in graph.events}
    assert "detention" in {by_id[i].type for i in state.reports}
    called = [by_id[i] for i in state.calls_for]
    assert any(e.type == "investigation" and any(p.entity == "russia" and p.role.value == "agent"
                                                 for p in e.participants) for e in called)


def test_since_december_is_an_open_range_with_a_quantity(graph: ArticleGraph) -> None:
    detained = next(e for e in graph.events if e.time is not None and e.time.edtf == "2018-12/..")
    assert detained.type == "detention"
    assert detained.quantity.value == 40 and detained.quantity.qualifier == "at least"


def test_reportedly_and_believed_hedge_their_events(graph: ArticleGraph) -> None:
    died = next(e for e in graph.events if e.type == "death" and "reportedly" in e.evidence[0].text)
    assert died.factuality.certainty.value == "probable"
    assert died.factuality.cue.text == "reportedly"


def test_every_evidence_span_holds_in_the_text(graph: ArticleGraph) -> None:
    text = graph.article.text
    for item in [*graph.entities, *graph.events]:
        assert item.evidence, item.id
        assert all(s.holds_in(text) for s in item.evidence), item.id
    for s in graph.statements:
        assert s.quote is not None and s.quote.holds_in(text)


def test_ids_are_unique(graph: ArticleGraph) -> None:
    ids = [x.id for x in [*graph.entities, *graph.events]]
    assert len(ids) == len(set(ids))


def test_the_seed_hard_wrapped_at_any_width_parses_to_the_same_words() -> None:
    """The lines of a wrapped paragraph are no lines of their own: none is taken for a
    content-free line (another story's title) and dropped from the parsed text."""
    text = read_article(SEED, published=dt.date(2019, 1, 18)).text
    for width in range(30, 100, 2):
        lines = [textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False) if len(line) > width
                 else line for line in text.split("\n")]
        assert parse_text("\n".join(lines)).split() == parse_text(text).split(), width


@pytest.mark.parametrize(("indent", "end"), [("", ""), ("    ", ""), ("\t", ""), ("", "  "), ("", "\r")])
def test_the_seed_hard_wrapped_at_72_columns_gives_the_same_graph(graph: ArticleGraph, indent: str, end: str) -> None:
    """Laid out as copies come, too: every line indented by four spaces or a tab, or ended by
    trailing spaces or a carriage return."""
    article = read_article(SEED, published=dt.date(2019, 1, 18))
    lines = [textwrap.fill(line, 72, break_long_words=False, break_on_hyphens=False) if len(line) > 72 else line
             for line in article.text.split("\n")]
    text = "\n".join(indent + line + end for line in "\n".join(lines).split("\n"))
    wrapped = extract(dataclasses.replace(article, text=text), load_model())

    def summary(g: ArticleGraph) -> tuple[set[tuple[str, str]], set[tuple[str, str | None]]]:
        return ({(e.name, e.kind.value) for e in g.entities},
                {(e.type, e.time.edtf if e.time else None) for e in g.events})

    assert summary(wrapped) == summary(graph)
    assert all(s.holds_in(wrapped.article.text) for e in wrapped.events for s in e.evidence)
