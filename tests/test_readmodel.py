"""The read model: records read back from a store match what was written, each kind in a
query or two, over article graphs and the corpus graph."""
from __future__ import annotations

import datetime as dt

import pytest

from graph import readmodel as rm
from graph.corpuslayer import CORPUS_GRAPH, rebuild_corpus
from graph.model import (
    Article,
    ArticleGraph,
    Certainty,
    Entity,
    EntityKind,
    Event,
    Factuality,
    Participant,
    Precision,
    Quantity,
    Role,
    Span,
    Statement,
    TimeSpan,
    Title,
)
from graph.rdf import article_ntriples, graph_iri
from graph.store import open_store
from tests.servers import SERVERS, VIRTUOSO_PASSWORD, VIRTUOSO_USER, available

DAY = dt.date(2021, 3, 9)


def _article(aid: str, text: str, published: dt.date = DAY) -> tuple[Article, callable]:
    article = Article(aid, text, published, url=f"https://example.org/{aid}", publisher="The Daily Record",
                      headline=f"Headline of {aid}")

    def span(words: str) -> Span:
        start = text.index(words)
        return Span(start, start + len(words), words)

    return article, span


def _first() -> ArticleGraph:
    text = ("Mayor Anna Berg of Riverton said on Monday that the council had probably closed the bridge. "
            "Police detained at least 12 protesters near the bridge. The Riverton Council met.")
    article, span = _article("first", text)
    entities = [
        Entity("berg", EntityKind.PERSON, "Anna Berg", aliases=["Berg"], evidence=[span("Anna Berg")],
               titles=[Title("Mayor", "riverton")]),
        Entity("riverton", EntityKind.PLACE, "Riverton", evidence=[span("Riverton")]),
        Entity("council", EntityKind.ORGANIZATION, "Riverton Council", evidence=[span("Riverton Council")]),
        Entity("police", EntityKind.ORGANIZATION, "Police", evidence=[span("Police")]),
    ]
    monday = dt.date(2021, 3, 8)
    closing = Event("closing", "closure", "Bridge closed", [span("closed the bridge")],
                    participants=[Participant("council", Role.AGENT)], places=["riverton"],
                    time=TimeSpan(Precision.DAY, monday, monday, "2021-03-08", "weekday-before", DAY, span("on Monday")),
                    factuality=Factuality(Certainty.PROBABLE, cue=span("probably")))
    detention = Event("detention", "detention", "Protesters detained", [span("detained")],
                      participants=[Participant("police", Role.AGENT)],
                      quantity=Quantity(span("at least 12"), 12, "at least"))
    said = Statement("said", "statement", "Berg on the bridge", [span("said")], speaker="berg",
                     quote=span("the council had probably closed the bridge"), reports=["closing"])
    return ArticleGraph(article, entities, [closing, detention, said])


def _second() -> ArticleGraph:
    text = "Anna Berg, the mayor, spoke. The council closed the bridge on March 8."
    article, span = _article("second", text, DAY + dt.timedelta(days=1))
    day = dt.date(2021, 3, 8)
    entities = [Entity("berg", EntityKind.PERSON, "Anna Berg", evidence=[span("Anna Berg")]),
                Entity("council", EntityKind.ORGANIZATION, "council", evidence=[span("council")])]
    closing = Event("closing", "closure", "Bridge closure", [span("closed the bridge")],
                    participants=[Participant("council", Role.AGENT)],
                    time=TimeSpan(Precision.DAY, day, day, "2021-03-08", "month-day", DAY, span("March 8")))
    return ArticleGraph(article, entities, [closing])


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(tmp_path_factory.mktemp("rm") / "store", create=True)
    for ag in (_first(), _second()):
        s.replace_graph(str(graph_iri(ag.article.id)), article_ntriples(ag))
    rebuild_corpus(s)
    return s


def _one(records, suffix):
    found = [r for r in records if r.node.endswith(suffix) and r.graph != CORPUS_GRAPH]
    assert len(found) == 1, found
    return found[0]


def test_an_article_reads_back_with_its_metadata_and_text(store):
    first = _one(rm.articles(store, body=True), "/first")
    assert (first.published, first.headline, first.outlet, first.url) == (
        "2021-03-09", "Headline of first", "The Daily Record", "https://example.org/first")
    assert first.body.startswith("Mayor Anna Berg")
    assert _one(rm.articles(store), "/first").body is None  # the text only when asked for


def test_an_entity_reads_back_with_its_names_and_titles_and_article(store):
    berg = _one(rm.nodes(store).entities, "first/person/berg")
    assert (berg.kind, berg.label, berg.aliases) == (EntityKind.PERSON, "Anna Berg", ("Berg",))
    assert [t.text for t in berg.titles] == ["Mayor of Riverton"]
    assert berg.article.endswith("/first")


def test_the_publisher_is_metadata_not_an_entity(store):
    assert not [e for e in rm.nodes(store).entities if e.label == "The Daily Record"]


def test_an_event_reads_back_with_dates_roles_factuality_and_quantity(store):
    events = rm.nodes(store, details=True).events
    closing = _one(events, "first/event/closing")
    assert (closing.edtf, closing.precision, closing.earliest, closing.latest) == (
        "2021-03-08", "day", "2021-03-08", "2021-03-08")
    assert (closing.phrase, closing.rule, closing.anchor, closing.cue) == (
        "on Monday", "weekday-before", "2021-03-09", "probably")
    assert closing.certainty.endswith("Probable") and closing.type.endswith("#closure")
    assert [(role, actor.rpartition("/")[2]) for role, actor in closing.roles] == [(Role.AGENT, "council")]
    assert [p.rpartition("/")[2] for p in closing.places] == ["riverton"]
    detention = _one(events, "first/event/detention")
    assert (detention.quantity, detention.qualifier) == ("12", "at least")


def test_a_statement_reads_back_with_speaker_quote_and_what_it_reports(store):
    said = _one(rm.nodes(store).events, "first/statement/said")
    assert said.is_statement and said.text == "the council had probably closed the bridge"
    assert [r for r, _a in said.roles] == [Role.SPEAKER]
    assert [r.rpartition("/")[2] for r in said.reports] == ["closing"]


def test_derivation_details_are_read_only_when_asked_for(store):
    assert _one(rm.nodes(store).events, "first/event/closing").phrase is None


def test_mentions_carry_exact_words_and_offsets_that_stand_in_the_text(store):
    body = _one(rm.articles(store, body=True), "/first").body
    found = [m for m in rm.mentions(store) if m.node.endswith("first/person/berg")]
    assert [(m.exact, body[m.start:m.end]) for m in found] == [("Anna Berg", "Anna Berg")]


def test_corpus_nodes_are_read_too_and_members_point_to_them(store):
    corpus_events = [e for e in rm.nodes(store).events if e.graph == CORPUS_GRAPH]
    assert corpus_events and not [e for e in rm.nodes(store, corpus=False).events if e.graph == CORPUS_GRAPH]
    links = rm.same_as(store)
    firsts = [m for m in links if m.endswith("first/person/berg") or m.endswith("second/person/berg")]
    assert len(firsts) == 2 and len({links[m] for m in firsts}) == 1


def test_counts_per_article_graph_separate_events_from_statements_and_leave_out_the_unnamed_publisher(store):
    counts = rm.article_counts(store)
    # the publisher's node is typed schema:Organization in the article graph, but the text
    # does not name it (no mention), so it is not one of the article's entities
    assert counts[str(graph_iri("first"))] == rm.ArticleCounts(entities=4, events=2, statements=1)


def test_article_records_hold_each_article_graph_and_its_actors(store):
    rec = rm.article_records(store)
    assert CORPUS_GRAPH not in rec
    first = rec[str(graph_iri("first"))]
    assert {row[0].rpartition("/")[2] for row in first["actors"]} >= {"berg"}
    assert any(label == "Anna Berg" for _e, _kind, label in first["entities"])


def _everything(store) -> dict:
    found = rm.nodes(store, details=True)
    return {"articles": rm.articles(store, body=True), "entities": found.entities, "events": found.events,
            "mentions": rm.mentions(store), "same_as": rm.same_as(store), "counts": rm.article_counts(store),
            "corpus": rm.article_records(store)}


@pytest.mark.server
@pytest.mark.parametrize("kind", sorted(SERVERS))
def test_a_sparql_server_gives_the_same_records_as_the_embedded_store(store, kind, tmp_path, monkeypatch):
    if not available(kind):  # make test installs both: a missing server is a failure, not a skip
        pytest.fail(f"{kind} is not installed (make system-deps)")
    monkeypatch.setenv("NEWSGRAPH_STORE_USER", VIRTUOSO_USER)
    monkeypatch.setenv("NEWSGRAPH_STORE_PASSWORD", VIRTUOSO_PASSWORD)
    server = SERVERS[kind](tmp_path).start()
    try:
        remote = open_store(server.url)
        for g in store.graph_iris():
            remote.replace_graph(g, store.graph_ntriples(g))
        assert _everything(remote) == _everything(store)
    finally:
        server.stop()


def test_an_undeclared_event_type_gives_its_label_also_when_the_type_is_a_blank_node(tmp_path):
    s = open_store(tmp_path / "store", create=True)
    ns = "https://w3id.org/newsgraph/"
    sem = "http://semanticweb.cs.vu.nl/2009/11/sem/"
    label = "http://www.w3.org/2000/01/rdf-schema#label"
    rows = [f"<{ns}id/e1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{sem}Event> .",
            f"<{ns}id/e1> <{sem}eventType> <{ns}ns/type#flood> .",
            f"<{ns}ns/type#flood> <{label}> \"flood\" .",
            f"<{ns}ns/type#flood> <{label}> \"deluge\" .",
            f"<{ns}id/e2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{sem}Event> .",
            f"<{ns}id/e2> <{sem}eventType> <{ns}ns/type#unlabelled> ."]
    s.replace_graph(f"{ns}graph/g1", "\n".join(rows))
    labels = {e.node.rpartition("/")[2]: e.type_label for e in rm.nodes(s, details=True).events}
    assert labels == {"e1": "deluge", "e2": None}  # the least label
    s.replace_graph(f"{ns}graph/g2", "\n".join([
        f"<{ns}id/e3> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{sem}Event> .",
        f"<{ns}id/e3> <{sem}eventType> _:t .", f"_:t <{label}> \"storm\" ."]))
    labels = {e.node.rpartition("/")[2]: e.type_label for e in rm.nodes(s, details=True).events}
    assert labels == {"e1": "deluge", "e2": None, "e3": "storm"}


def test_the_records_an_ingest_computes_before_writing_are_those_read_back_from_the_store(tmp_path,
                                                                                         monkeypatch) -> None:
    """An ingest into the embedded store takes each article's records from the graph's text,
    in the worker (``records_of_ntriples``), and reads none back; the record index must hold
    exactly what reading the written article graphs gives, on real articles and a curated
    annotation."""
    from pathlib import Path

    import graph.corpuslayer
    from graph.corpuslayer import indexed_records
    from graph.ingest import ingest

    read_back: list[str] = []

    def reading(store, graphs=None):  # type: ignore[no-untyped-def]
        read_back.extend(graphs if graphs is not None else ["every graph"])
        return rm.article_records(store, graphs)

    monkeypatch.setattr(graph.corpuslayer, "read_records", reading)
    root = Path(__file__).resolve().parents[1]
    with open_store(tmp_path / "s", create=True) as store:
        summary = ingest([root / "tests" / "fixtures" / "corpus", root / "seeds"], store, n_process=2)
        assert summary.added >= 5 and not summary.failed and read_back == []
        index = indexed_records(store)
        assert index == rm.article_records(store)
        assert sum(len(r["events"]) for r in index.values()) > 30
