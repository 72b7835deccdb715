"""The corpus: entity resolution, event coreference, ingest/replace/remove, the corpus queries.

The fixture corpus (tests/fixtures/corpus) is one story told by five articles from five
outlets: two curated annotations (Novaya Gazeta, BBC News) that disagree on how many men
were detained (at least 100 vs 40) and when (March 30 vs March 28), a Markdown article
(The Guardian) and two JSON Lines articles (a wire service, a daily) that are extracted
automatically. Names vary across them the way they do in real coverage.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.coref import EventRecord, corefer
from graph.agreement import agreed_date
from graph.corpuslayer import CORPUS_GRAPH, _corpus_event, build_corpus, indexed_records, rebuild_corpus
from graph.store.stale import STALE_GRAPH, corpus_is_stale, mark_corpus_stale
from graph.ingest import ingest, remove
from graph.inputs import identity
from graph.errors import InputError
from graph.model import Article
from graph.ontology import NG
from graph.query import named_query, run_query
from graph.rdf import article_ntriples, corpus_blocks
from graph.resolve import MergeRules, NameRecord, resolve
from graph.rulesfile import add_rule
from graph.store import Term, open_store

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"
NOVAYA = "https://example.org/novaya/2017/04/03/chechnya-detentions"
BBC = "https://example.org/bbc/2017/04/04/chechnya"

# ----------------------------------------------------------------------------- resolution


def clusters_of(names: list[tuple[str, str, str]], rules: MergeRules | None = None, merge: bool = True):
    """(article, kind, name) triples -> the set of names of each cluster."""
    records = [NameRecord(f"urn:{art}/{kind}/{i}", f"urn:{art}", kind, name)
               for i, (art, kind, name) in enumerate(names)]
    return sorted(sorted(m.name for m in c.members) for c in resolve(records, rules, merge=merge))


RESOLUTION_CASES = [
    # the three examples of the issue
    ("kadyrov", [("a1", "person", "Kadyrov"), ("a2", "person", "Ramzan Kadyrov"),
                 ("a3", "person", "Chechen President Ramzan Kadyrov")],
     [["Chechen President Ramzan Kadyrov", "Kadyrov", "Ramzan Kadyrov"]]),
    ("state-department", [("a1", "organization", "State Department"),
                          ("a2", "organization", "U.S. State Department"),
                          ("a3", "organization", "the Department of State")],
     [["State Department", "U.S. State Department", "the Department of State"]]),
    ("demonym", [("a1", "organization", "Russian LGBT Network"), ("a2", "organization", "Russia LGBT Network")],
     [["Russia LGBT Network", "Russian LGBT Network"]]),
    # normalization: case, punctuation, possessive, "the", U.S. = US
    ("normalized", [("a1", "organization", "the U.S. Senate"), ("a2", "organization", "US Senate's"),
                    ("a3", "organization", "us senate")],
     [["US Senate's", "the U.S. Senate", "us senate"]]),
    ("acronym", [("a1", "organization", "HRW"), ("a2", "organization", "Human Rights Watch")],
     [["HRW", "Human Rights Watch"]]),
    ("country-names", [("a1", "place", "United States"), ("a2", "place", "U.S."), ("a3", "place", "USA")],
     [["U.S.", "USA", "United States"]]),
    # negative cases
    ("ambiguous-surname", [("a1", "person", "Kadyrov"), ("a2", "person", "Ramzan Kadyrov"),
                           ("a3", "person", "Akhmad Kadyrov")],
     [["Akhmad Kadyrov"], ["Kadyrov"], ["Ramzan Kadyrov"]]),
    ("other-country", [("a1", "organization", "Russian LGBT Network"), ("a2", "organization", "Canadian LGBT Network")],
     [["Canadian LGBT Network"], ["Russian LGBT Network"]]),
    ("ambiguous-country-prefix", [("a1", "organization", "State Department"),
                                  ("a2", "organization", "U.S. State Department"),
                                  ("a3", "organization", "Russian State Department")],
     [["Russian State Department"], ["State Department"], ["U.S. State Department"]]),
    ("type-agreement", [("a1", "person", "Jordan"), ("a2", "place", "Jordan")], [["Jordan"], ["Jordan"]]),
    ("ambiguous-acronym", [("a1", "organization", "HRW"), ("a2", "organization", "Human Rights Watch"),
                           ("a3", "organization", "Housing Rights Workers")],
     [["HRW"], ["Housing Rights Workers"], ["Human Rights Watch"]]),
    ("same-article-kept-apart", [("a1", "person", "Kadyrov"), ("a1", "person", "Ramzan Kadyrov")],
     [["Kadyrov"], ["Ramzan Kadyrov"]]),
    ("different-first-names", [("a1", "person", "Anna Petrova"), ("a2", "person", "Maria Petrova")],
     [["Anna Petrova"], ["Maria Petrova"]]),
]


@pytest.mark.parametrize("case, names, expected", RESOLUTION_CASES, ids=[c[0] for c in RESOLUTION_CASES])
def test_resolution_rules(case, names, expected):
    assert clusters_of(names) == sorted(expected)


def test_every_merge_is_explained_by_rule_and_forms():
    records = [NameRecord("urn:a1/k", "urn:a1", "person", "Kadyrov"),
               NameRecord("urn:a2/k", "urn:a2", "person", "Ramzan Kadyrov"),
               NameRecord("urn:a3/o", "urn:a3", "organization", "the Department of State"),
               NameRecord("urn:a4/o", "urn:a4", "organization", "State Department")]
    by_label = {c.label: c for c in resolve(records)}
    assert [(m.rule, {m.form, m.matched}) for m in by_label["Ramzan Kadyrov"].merges] == [
        ("token-overlap", {"Kadyrov", "Ramzan Kadyrov"})]
    assert [(m.rule, {m.form, m.matched}) for m in by_label["State Department"].merges] == [
        ("normalization", {"the Department of State", "State Department"})]


def test_aliases_given_by_an_article_merge():
    records = [NameRecord("urn:a1/o", "urn:a1", "organization", "Memorial Human Rights Centre", ("Memorial",)),
               NameRecord("urn:a2/o", "urn:a2", "organization", "Memorial")]
    [cluster] = resolve(records)
    assert cluster.merges[0].rule == "alias"


def test_curated_rules_force_and_forbid_merges():
    names = [("a1", "organization", "Kremlin"), ("a2", "organization", "Russian government"),
             ("a3", "person", "Kadyrov"), ("a4", "person", "Ramzan Kadyrov")]
    rules = MergeRules.from_data({"merge": [{"names": ["Kremlin", "Russian government"], "kind": "organization"}],
                                  "distinct": [["Kadyrov", "Ramzan Kadyrov"]]})
    assert clusters_of(names, rules) == [["Kadyrov"], ["Kremlin", "Russian government"], ["Ramzan Kadyrov"]]


def test_no_merge_keeps_every_node_apart():
    names = [("a1", "person", "Ramzan Kadyrov"), ("a2", "person", "Ramzan Kadyrov")]
    assert clusters_of(names, merge=False) == [["Ramzan Kadyrov"], ["Ramzan Kadyrov"]]


@pytest.mark.parametrize("text, fragment", [
    ("merge: [Kadyrov\n  - x: [", "line"),
    ("merge: [[OnlyOne]]", "two or more names"),
    ("other: []", "'merge' and/or 'distinct'"),
    ("merge: [{names: [A, B], kind: animal}]", "kind must be"),
])
def test_malformed_rules_files_are_one_clear_error(tmp_path, text, fragment):
    path = tmp_path / "rules.yaml"
    path.write_text(text)
    with pytest.raises(InputError, match=fragment):
        MergeRules.load(path)
    with pytest.raises(InputError, match=fragment):  # `newsgraph merge` leaves such a file as it is
        add_rule(path, None, "Ann Lee", "Anne Lee", distinct=True)
    assert path.read_text() == text


# ----------------------------------------------------------------------------- coreference


def ev(node, article, kind="detention", actors=("P",), day=None, precision="day", published=dt.date(2017, 4, 5),
       statement=False, quote=None, speaker=None, latest=None):
    earliest = dt.date(2017, 4, day) if day else None
    return EventRecord(node, article, published, kind, node, frozenset(actors), speaker=speaker,
                       is_statement=statement, earliest=earliest, latest=latest or earliest,
                       precision=precision if day else None, quote=quote)


COREF_CASES = [
    ("same-day", [ev("e1", "a1", day=1), ev("e2", "a2", day=1)], [["e1", "e2"]]),
    ("dates-within-tolerance", [ev("e1", "a1", day=1), ev("e2", "a2", day=3)], [["e1", "e2"]]),
    ("dates-too-far", [ev("e1", "a1", day=1), ev("e2", "a2", day=10)], [["e1"], ["e2"]]),
    ("other-kind", [ev("e1", "a1", day=1), ev("e2", "a2", kind="arrest", day=1)], [["e1"], ["e2"]]),
    ("no-shared-actor", [ev("e1", "a1", day=1), ev("e2", "a2", actors=("Q",), day=1)], [["e1"], ["e2"]]),
    ("same-article", [ev("e1", "a1", day=1), ev("e2", "a1", day=1)], [["e1"], ["e2"]]),
    ("undated-same-actors-close", [ev("e1", "a1", day=1), ev("e2", "a2")], [["e1", "e2"]]),
    ("undated-other-actors", [ev("e1", "a1", actors=("P", "Q"), day=1), ev("e2", "a2")], [["e1"], ["e2"]]),
    ("undated-reported-much-later", [ev("e1", "a1", day=1), ev("e2", "a2", published=dt.date(2018, 1, 1))],
     [["e1"], ["e2"]]),
    ("same-quote", [ev("s1", "a1", "statement", statement=True, speaker="P", quote="We call on Russia to act"),
                    ev("s2", "a2", "statement", statement=True, speaker="P", quote="we call on Russia to act now")],
     [["s1", "s2"]]),
    ("other-quote", [ev("s1", "a1", "statement", statement=True, speaker="P", quote="We call on Russia to act"),
                     ev("s2", "a2", "statement", statement=True, speaker="P", quote="Nothing has changed")],
     [["s1"], ["s2"]]),
    ("other-speaker", [ev("s1", "a1", "statement", statement=True, speaker="P", quote="We call on Russia"),
                       ev("s2", "a2", "statement", statement=True, speaker="Q", quote="We call on Russia")],
     [["s1"], ["s2"]]),
    # no chains: e3 is near e2 but too far from e1, so it does not join their event
    ("no-chaining", [ev("e1", "a1", day=1), ev("e2", "a2", day=4), ev("e3", "a3", day=7)],
     [["e1", "e2"], ["e3"]]),
]


@pytest.mark.parametrize("case, events, expected", COREF_CASES, ids=[c[0] for c in COREF_CASES])
def test_event_coreference(case, events, expected):
    assert sorted(sorted(e.node for e in c) for c in corefer(events)) == sorted(expected)


def day(edtf):  # type: ignore[no-untyped-def]
    return (None, None, None, edtf)  # agreed_date reads the EDTF; the bounds ride along


AGREEMENT_CASES = [
    # the reports' dates, the corpus event's date, disputed
    ("a finer date inside a coarser one", ["2003", "2003-04-28"], "2003-04-28", False),
    ("a month inside a range", ["2011-01-01/2011-06-06", "2011-03"], "2011-03", False),
    ("since a day, within its year", ["2003-07-24/..", "2003/.."], "2003-07-24/..", False),
    ("two days", ["2008-02-29", "2008-03-01"], None, True),
    ("since one year, in a later one", ["2003/..", "2005"], None, True),
    ("two ranges that only overlap", ["2019-01-01/2019-01-10", "2019-01-05/2019-01-20"], None, False),
    ("one date", ["2019-01-18"], "2019-01-18", False),
    ("a day and a range open since that day", ["2003-07-24/..", "2003-07-24"], "2003-07-24", False),
    ("a month and a range open since that month", ["2003-07", "2003-07/.."], "2003-07", False),
]


@pytest.mark.parametrize("case, dates, agreed, disputed", AGREEMENT_CASES, ids=[c[0] for c in AGREEMENT_CASES])
def test_reports_dispute_a_date_only_when_no_day_fits_them_all(case, dates, agreed, disputed):
    found, is_disputed = agreed_date({day(d) for d in dates})
    assert (found[3] if found else None, is_disputed) == (agreed, disputed)


def test_a_report_without_a_date_neither_dates_nor_disputes_a_corpus_event():
    dated, undated = ev("e1", "a1", day=3), ev("e2", "a2")
    details = {"edtf": {"e1": "2017-04-03"}}
    event = _corpus_event("x", [dated, undated], "Detention", {}, details)
    assert (event.edtf, event.earliest, event.date_disputed) == ("2017-04-03", dt.date(2017, 4, 3), False)


QUANTITY_CASES = [
    # (case, reports as (number, qualifier), the corpus event's number, disputed)
    ("same number", [(40, None), (40, None)], 40, False),
    ("same number and qualifier", [(40, "at least"), (40, "at least")], 40, False),
    ("other numbers", [(40, None), (100, None)], None, True),
    ("a number above a lower bound", [(100, None), (40, "at least")], None, False),
    ("a number below a lower bound", [(40, None), (100, "at least")], None, True),
    ("more than excludes the number", [(40, None), (40, "more than")], None, True),
    ("two lower bounds always meet", [(40, "at least"), (100, "more than")], None, False),
    ("an upper bound and a number within it", [(80, None), (100, "up to")], None, False),
    ("fewer than excludes the number", [(100, None), (100, "fewer than")], None, True),
    ("an approximation and a number it rounds to", [(42, None), (40, "about")], None, False),
    ("an approximation and a number it does not", [(60, None), (40, "about")], None, True),
    ("a qualifier not understood disputes nothing", [(7, None), (3, "dozens of")], None, False),
]


@pytest.mark.parametrize("case, reports, number, disputed", QUANTITY_CASES, ids=[c[0] for c in QUANTITY_CASES])
def test_reports_dispute_a_number_only_when_no_number_fits_them_all(case, reports, number, disputed):
    events = [ev(f"e{i}", f"a{i}", day=3) for i in range(len(reports))]
    details = {"quantity": {e.node: str(value) for e, (value, _q) in zip(events, reports)},
               "quantityQualifier": {e.node: q for e, (_v, q) in zip(events, reports) if q}}
    event = _corpus_event("x", events, "Detention", {}, details)
    assert (event.quantity, event.quantity_disputed) == (number, disputed)
    assert event.quantity_qualifier == (reports[0][1] if number is not None else None)


# ----------------------------------------------------------------------------- ingest


def rows(store, name, **params):
    result = run_query(store, named_query(name).text, params=params)
    return [dict(zip(result.variables, (t.value if t else None for t in row))) for row in result.rows]


def canonical_of(store, label: str) -> set[str]:
    result = store.query("SELECT DISTINCT ?c WHERE { ?n rdfs:label ?l ; prov:wasDerivedFrom ?a . ?n owl:sameAs ?c }",
                         bindings={"l": Term("literal", label)})
    return {r[0].value for r in result.rows}


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    location = tmp_path_factory.mktemp("corpus") / "store"
    store = open_store(location, create=True)
    summary = ingest([CORPUS], store)
    yield store, summary
    store.close()


def test_ingest_adds_every_article_to_its_own_graph(corpus_store):
    store, summary = corpus_store
    assert (summary.added, summary.replaced, summary.failed) == (5, 0, [])
    graphs = store.graph_iris()
    assert CORPUS_GRAPH in graphs and len(graphs) == 6
    assert "https://w3id.org/newsgraph/graph/" + identity(Article("", "", dt.date.today(), url=NOVAYA)) in graphs


def test_the_three_name_variants_become_one_canonical_node_each(corpus_store):
    store, _ = corpus_store
    kadyrov = canonical_of(store, "Kadyrov") | canonical_of(store, "Ramzan Kadyrov")
    assert kadyrov == {"https://w3id.org/newsgraph/id/corpus/person/ramzan-kadyrov"}
    state = (canonical_of(store, "State Department") | canonical_of(store, "U.S. State Department")
             | canonical_of(store, "Department of State"))
    assert len(state) == 1
    network = canonical_of(store, "Russian LGBT Network") | canonical_of(store, "Russia LGBT Network")
    assert len(network) == 1
    # the canonical node is typed like its members, and derived from each article
    [node] = kadyrov
    types = {r[0].value for r in store.query(f"SELECT ?t WHERE {{ <{node}> a ?t }}").rows}
    assert types == {"https://schema.org/Person", "https://w3id.org/newsgraph/ns#Canonical"}
    sources = store.query(f"SELECT ?a WHERE {{ <{node}> prov:wasDerivedFrom ?a }}").rows
    assert len(sources) == 4


def test_the_actors_query_gives_an_actor_merged_across_articles_one_row_under_its_corpus_name(corpus_store):
    store, _ = corpus_store
    actors = rows(store, "actors")
    names = [r["actor"] for r in actors]
    assert len(names) == len(set(names))
    for variants in (("Russian LGBT Network", "Russia LGBT Network"),
                     ("State Department", "U.S. State Department", "Department of State")):
        assert len(set(variants) & set(names)) == 1, variants
    [row] = [r for r in actors if r["actor"] in ("State Department", "U.S. State Department", "Department of State")]
    events = store.query("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e sem:hasActor ?a ; rdfs:label [] . "
                         "?a owl:sameAs ?c . ?c rdfs:label ?l FILTER (?l = ?name) }",
                         bindings={"name": Term("literal", row["actor"])}).rows[0][0].value
    assert row["events"] == events and int(events) > 1


def test_merge_records_name_the_rule_and_the_forms(corpus_store):
    store, _ = corpus_store
    result = store.query("""SELECT ?rule ?form WHERE {
        <https://w3id.org/newsgraph/id/corpus/person/ramzan-kadyrov> ng:hasMerge ?m .
        ?m ng:mergeRule ?rule ; ng:mergedForm ?form }""")
    assert {(r[0].value, r[1].value) for r in result.rows} == {
        ("token-overlap", "Kadyrov"), ("token-overlap", "Ramzan Kadyrov")}


def test_a_shared_event_lists_all_its_sources_and_keeps_the_conflicts(corpus_store):
    store, _ = corpus_store
    timeline = rows(store, "story-timeline")
    [detention] = [r for r in timeline if r["type"] == "detention" and "Novaya Gazeta" in r["outlets"]]
    assert detention["sources"] == "2"
    assert detention["dates"] == "2017-03-28 | 2017-03-30"
    assert set(detention["outlets"].split(", ")) == {"BBC News", "Novaya Gazeta"}
    # the corpus event carries no quantity or date of its own: the sources disagree
    node = detention["event"]
    assert not store.query(f"ASK {{ <{node}> ng:quantity ?q }}").boolean
    assert not store.query(f"ASK {{ <{node}> sem:hasEarliestBeginTimeStamp ?q }}").boolean
    conflicts = {(r["fact"], r["value"], r["outlet"]) for r in rows(store, "disagreements")}
    assert conflicts == {("quantity", "100", "Novaya Gazeta"), ("quantity", "40", "BBC News"),
                         ("date", "2017-03-30", "Novaya Gazeta"), ("date", "2017-03-28", "BBC News")}


def test_the_corpus_layer_states_a_disputed_date_and_number_on_the_corpus_event_once(corpus_store):
    store, _ = corpus_store
    disputed = {(r[0].value, r[1].value) for r in store.query(
        "SELECT ?e ?p WHERE { ?e a ng:Canonical ; ?p true FILTER (?p IN (ng:dateDisputed, ng:quantityDisputed)) }").rows}
    events = {e for e, _p in disputed}
    assert len(events) == 1 and {p for _e, p in disputed} == {str(NG.dateDisputed), str(NG.quantityDisputed)}
    # every event the disagreements query lists is one the corpus layer marked, and no other
    assert {r["event"] for r in rows(store, "disagreements")} == events
    # an event whose sources agree carries no mark
    agreed = store.query("SELECT ?e WHERE { ?e a ng:Canonical ; ng:edtf ?d ; ng:sourceCount ?n FILTER (?n > 1) }").rows
    assert all(r[0].value not in events for r in agreed)


def test_the_record_index_keeps_each_numbers_qualifier_for_the_dispute_rule(corpus_store):
    store, _ = corpus_store
    qualifiers = {q for records in indexed_records(store).values() for _ev, q in records["detail:quantityQualifier"]}
    assert qualifiers == {"at least"}  # Novaya's "at least 100": against BBC's 40, still a dispute


def test_each_articles_own_event_keeps_its_own_details(corpus_store):
    store, _ = corpus_store
    result = store.query("""SELECT ?q ?d WHERE { ?e ng:quantity ?q ; ng:edtf ?d ; prov:wasDerivedFrom ?a FILTER NOT EXISTS { ?e a ng:Canonical } }
                            ORDER BY ?q ?a""")
    # BBC and Novaya Gazeta disagree; The Guardian (extracted, not curated) agrees with the BBC
    assert [(r[0].value, r[1].value) for r in result.rows] == [
        ("40", "2017-03-28"), ("40", "2017-03-28"), ("100", "2017-03-30")]


def test_statement_sources_finds_every_outlet_that_reported_it(corpus_store):
    store, _ = corpus_store
    by_text = rows(store, "statement-sources", text="received reports")
    assert {r["outlet"] for r in by_text} == {"Novaya Gazeta", "The Guardian"}
    assert {r["speakerName"] for r in by_text} == {"Igor Kochetkov"}
    by_speaker = rows(store, "statement-sources", speaker="Heather Nauert")
    assert {r["outlet"] for r in by_speaker} == {"Wire Service", "Daily Post"}
    assert len({r["statement"] for r in by_speaker}) == 1


def test_actor_story_finds_one_actor_under_any_of_its_names(corpus_store):
    store, _ = corpus_store
    short = rows(store, "actor-story", actor="Kadyrov")
    full = rows(store, "actor-story", actor="ramzan kadyrov")
    assert short == full
    assert {r["label"] for r in short} >= {"Ramzan Kadyrov denies the reports", "Kadyrov's spokesman denies the reports"}
    state = rows(store, "actor-story", actor="Department of State")
    assert any(r["sources"] == "2" and r["role"] == "agent" for r in state)


def test_hostile_parameter_values_are_bound_not_pasted(corpus_store):
    store, _ = corpus_store
    before = len(store.graph_iris())
    for hostile in ['x" } } ; DROP ALL ; #', "x' ) } UNION { ?canonical ?p ?o } #", "Kadyrov\\\" }"]:
        assert rows(store, "actor-story", actor=hostile) == []
        assert rows(store, "statement-sources", text=hostile) == []
    assert len(store.graph_iris()) == before


def test_the_store_validates_with_the_corpus_graph_in_it(corpus_store):
    from graph.validate import validate_store

    store, _ = corpus_store
    report = validate_store(store)
    assert report.conforms, report.text[:2000]


# ----------------------------------------------------------------------------- replace, remove, failures


@pytest.fixture()
def fresh_store(tmp_path):
    store = open_store(tmp_path / "store", create=True)
    yield store
    store.close()


def test_reingest_replaces_and_never_duplicates(fresh_store, tmp_path):
    first = ingest([CORPUS], fresh_store)
    triples = fresh_store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0].value
    second = ingest([CORPUS / "wire.jsonl", CORPUS / "novaya-2017-04-03.txt", CORPUS], fresh_store, force=True)
    assert (first.added, second.added, second.replaced) == (5, 0, 5)
    assert fresh_store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0].value == triples
    # the same text under another file name is the same article
    copy = tmp_path / "copy.md"
    shutil.copy(CORPUS / "guardian-2017-04-05.md", copy)
    (tmp_path / "copy.meta.yaml").write_text((CORPUS / "guardian-2017-04-05.meta.yaml").read_text())
    third = ingest([copy], fresh_store)
    assert (third.added, third.replaced) == (0, 1)


def test_remove_takes_an_article_out_and_recomputes_the_corpus(fresh_store):
    ingest([CORPUS], fresh_store)
    summary = remove(fresh_store, [BBC, "no-such-article"])
    assert len(summary.removed) == 1 and summary.missing == ["no-such-article"]
    assert rows(fresh_store, "disagreements") == []
    novaya = [r for r in rows(fresh_store, "story-timeline") if "Novaya Gazeta" in r["outlets"]]
    [detention] = [r for r in novaya if r["type"] == "detention"]
    assert detention["sources"] == "1"
    # by file: the annotation's article
    assert remove(fresh_store, [str(CORPUS / "novaya-2017-04-03.yaml")]).removed
    assert not [r for r in rows(fresh_store, "story-timeline") if "Novaya Gazeta" in r["outlets"]]


def test_a_bad_article_is_reported_and_skipped_never_aborting_the_batch(fresh_store, tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "empty.txt").write_text("")
    (batch / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (batch / "german.txt").write_text("Die Polizei hat den Mann am Montag in der Stadt festgenommen, sagte die "
                                      "Sprecherin der Polizei am Dienstag in Berlin.")
    (batch / "german.meta.yaml").write_text("published: 2020-03-04\n")
    (batch / "undated.txt").write_text("Police arrested a man in Riga, officials said.")
    good = {"text": "Police in Riga arrested Anna Chen on Monday, officials said.", "published": "2020-03-04",
            "url": "https://example.org/riga", "publisher": "Riga Herald"}
    (batch / "feed.jsonl").write_text("\n".join([
        json.dumps(good), "{not json", json.dumps({"text": "Police said so.", "published": "yesterday"}),
        json.dumps({"published": "2020-01-01"})]) + "\n")
    summary = ingest([batch, tmp_path / "missing.txt"], fresh_store)
    assert summary.added == 1
    failed = dict(summary.failed)
    assert set(failed) == {"empty.txt", "binary.txt", "german.txt", "undated.txt", "feed.jsonl:2",
                           "feed.jsonl:3", "feed.jsonl:4", str(tmp_path / "missing.txt")}
    assert "malformed JSON" in failed["feed.jsonl:2"]
    assert "not a date" in failed["feed.jsonl:3"]
    assert "English" in failed["german.txt"]
    assert "publication date" in failed["undated.txt"]
    assert len([g for g in fresh_store.graph_iris() if g != CORPUS_GRAPH]) == 1


def test_a_graph_the_store_cannot_parse_fails_alone_and_its_batch_still_loads(fresh_store, tmp_path, monkeypatch):
    import graph.ingest as corpus_module

    def render(ag):
        text = article_ntriples(ag)
        return text + "<urn:broken" if "Riga" in ag.article.text else text

    monkeypatch.setattr(corpus_module, "article_ntriples", render)
    lines = [{"text": f"Police in {city} arrested Anna Chen on Monday, officials said.", "published": "2020-03-04",
              "url": f"https://example.org/{city}"} for city in ("Oslo", "Riga", "Lima")]
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    summary = ingest([tmp_path / "feed.jsonl"], fresh_store)
    assert summary.added == 2 and summary.store_error is None
    assert [source for source, _message in summary.failed] == ["feed.jsonl:2"]
    articles = fresh_store.select_values("SELECT ?u WHERE { ?a a schema:NewsArticle ; schema:url ?u }")
    assert sorted(u for (u,) in articles) == ["https://example.org/Lima", "https://example.org/Oslo"]


def test_published_default_applies_only_to_files_without_a_date(fresh_store, tmp_path):
    (tmp_path / "undated.txt").write_text("Police arrested a man in Riga on Monday, officials said.")
    summary = ingest([tmp_path / "undated.txt", CORPUS / "wire.jsonl"], fresh_store, published=dt.date(2021, 6, 1))
    assert summary.added == 3 and not summary.failed
    dates = {r[0].value for r in fresh_store.query("SELECT ?d WHERE { ?a a schema:NewsArticle ; schema:datePublished ?d }").rows}
    assert dates == {"2021-06-01", "2017-04-06", "2017-04-07"}


def test_no_merge_keeps_the_corpus_graph_but_merges_nothing(fresh_store):
    summary = ingest([CORPUS], fresh_store, merge=False)
    assert summary.merged == 0 and summary.shared_events == 0
    assert rows(fresh_store, "disagreements") == []


def stored_corpus(store) -> set[str]:
    return set(store.graph_ntriples(CORPUS_GRAPH).splitlines())


def test_the_corpus_graph_rewritten_block_by_block_equals_one_computed_afresh(fresh_store, tmp_path, monkeypatch):
    ingest([CORPUS / "wire.jsonl"], fresh_store)  # the corpus graph is created whole
    compared = []
    monkeypatch.setattr(fresh_store, "sync_graph", lambda *args, **kw: compared.append(args))
    ingest([CORPUS], fresh_store)  # three articles more: merges, shared events, namesakes
    remove(fresh_store, [BBC])
    rules = MergeRules.from_data({"distinct": [["Kadyrov", "Ramzan Kadyrov"]]})
    rebuild_corpus(fresh_store, rules=rules)  # a merge undone
    assert compared == []  # every change went block by block
    fresh = set("".join(b.text for b in corpus_blocks(build_corpus(fresh_store, rules=rules)).values()).splitlines())
    assert stored_corpus(fresh_store) == fresh
    assert any("owl#sameAs" in line for line in fresh) and any("/merge/" in line for line in fresh)


def test_an_ingest_deletes_and_inserts_only_the_corpus_triples_that_changed(fresh_store, monkeypatch):
    files = sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.jsonl"))
    ingest(files[:-1], fresh_store)
    before = stored_corpus(fresh_store)
    updates: list[str] = []
    real_update = fresh_store.update
    monkeypatch.setattr(fresh_store, "update", lambda sparql: (updates.append(sparql), real_update(sparql))[1])
    ingest(files[-1:], fresh_store)
    after = stored_corpus(fresh_store)
    corpus_ops = [op for text in updates for op in text.split(" ;\n") if f"GRAPH <{CORPUS_GRAPH}>" in op]
    inserted = {line for op in corpus_ops if op.startswith("INSERT DATA") for line in op.splitlines()[1:-1]}
    deleted = {line for op in corpus_ops if op.startswith("DELETE DATA") for line in op.splitlines()[1:-1]}
    assert inserted and deleted  # the new article changed blocks: hubs such as the corpus node itself
    assert inserted == after - before and deleted == before - after  # nothing rewritten that stayed
    fresh = set("".join(b.text for b in corpus_blocks(build_corpus(fresh_store)).values()).splitlines())
    assert after == fresh


def test_a_block_given_a_blank_node_by_hand_is_still_brought_up_to_date(fresh_store):
    files = sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.jsonl"))
    ingest(files[:-1], fresh_store)
    corpus_node = "https://w3id.org/newsgraph/id/corpus"  # its block changes with every article
    fresh_store.update(f'INSERT DATA {{ GRAPH <{CORPUS_GRAPH}> {{ <{corpus_node}> <urn:x:note> [ <urn:x:by> "me" ] }} }}')
    ingest(files[-1:], fresh_store)
    stored = stored_corpus(fresh_store)
    fresh = set("".join(b.text for b in corpus_blocks(build_corpus(fresh_store)).values()).splitlines())
    assert fresh <= stored and not any("urn:x:note" in line for line in stored)


def test_rebuild_repairs_a_corpus_graph_edited_by_hand(tmp_path):
    store = str(tmp_path / "store")
    CliRunner().invoke(cli, ["ingest", str(CORPUS), "--store", store])
    with open_store(store) as opened:
        before = stored_corpus(opened)
        opened.update(f"DELETE WHERE {{ GRAPH <{CORPUS_GRAPH}> {{ ?m owl:sameAs ?c }} }}")
        rebuild_corpus(opened)  # the digests did not change: the block-by-block path sees nothing
        assert stored_corpus(opened) != before
    assert CliRunner().invoke(cli, ["rebuild", "--store", store]).exit_code == 0
    with open_store(store) as opened:
        assert stored_corpus(opened) == before


def test_rules_file_forbids_a_merge(fresh_store, tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text("distinct:\n  - [Kadyrov, Ramzan Kadyrov]\n")
    ingest([CORPUS], fresh_store, rules_file=rules)
    assert canonical_of(fresh_store, "Kadyrov") != canonical_of(fresh_store, "Ramzan Kadyrov")


def jsonl(path: Path, articles: list[tuple[str, str, str]]) -> Path:
    """(url, published, text) -> a JSON Lines file of those articles."""
    path.write_text("".join(json.dumps({"text": text, "published": published, "url": url, "title": "Arrest",
                                        "publisher": url.rsplit("/", 1)[-1]}) + "\n"
                            for url, published, text in articles))
    return path


def test_a_corpus_id_keeps_its_event_when_a_namesake_is_ingested_later(fresh_store, tmp_path):
    # Two outlets report two different arrests of one person (two different Sundays):
    # two corpus events with one name. A later article reports an earlier arrest.
    ingest([jsonl(tmp_path / "first.jsonl", [
        ("https://example.org/a", "2020-03-02", "The police arrested Ann Lee in Lyon on Sunday."),
        ("https://example.org/b", "2020-03-09", "The police arrested Ann Lee in Lyon on Sunday.")])], fresh_store)
    members = "SELECT ?c ?m WHERE { GRAPH <%s> { ?m owl:sameAs ?c } }" % CORPUS_GRAPH
    before = {(r[0].value, r[1].value) for r in fresh_store.query(members).rows}
    ingest([jsonl(tmp_path / "later.jsonl", [
        ("https://example.org/c", "2020-03-20", "The police arrested Ann Lee in Lyon on February 2, 2020.")])],
        fresh_store)
    after = {(r[0].value, r[1].value) for r in fresh_store.query(members).rows}
    arrests = {c for c, _m in after if "/corpus/event/" in c}
    assert len(arrests) == 3
    assert before <= after  # every id still names the same members

# ----------------------------------------------------------------------------- CLI


def test_cli_ingest_and_remove_report_and_exit_with_documented_codes(tmp_path):
    store = str(tmp_path / "store")
    (tmp_path / "empty.txt").write_text("")
    result = CliRunner().invoke(cli, ["ingest", str(CORPUS), str(tmp_path / "empty.txt"), "--store", store])
    assert result.exit_code == 2, result.output
    assert "5 added, 0 replaced, 0 unchanged, 1 failed" in result.stdout
    assert result.stderr.strip() == "newsgraph: failed: empty.txt: empty file, no article text"
    result = CliRunner().invoke(cli, ["ingest", str(CORPUS / "wire.jsonl"), "--store", store])
    assert result.exit_code == 0 and "0 added, 0 replaced, 2 unchanged, 0 failed" in result.stdout
    result = CliRunner().invoke(cli, ["remove", BBC, "nothing-here", "--store", store])
    assert result.exit_code == 2 and "1 removed" in result.stdout
    assert result.stderr.strip() == "newsgraph: not in the store: nothing-here"
    result = CliRunner().invoke(cli, ["query", "statement-sources", "-p", "speaker=Heather Nauert",
                                      "--format", "csv", "--store", store])
    assert result.exit_code == 0 and "Wire Service" in result.output and "Daily Post" in result.output


def test_rebuild_applies_an_edited_rules_file_without_ingesting_again(tmp_path):
    store = str(tmp_path / "store")
    assert CliRunner().invoke(cli, ["ingest", str(CORPUS), "--store", store]).exit_code == 0
    with open_store(store) as opened:
        assert canonical_of(opened, "Kadyrov") == canonical_of(opened, "Ramzan Kadyrov")
    rules = tmp_path / "rules.yaml"
    rules.write_text("distinct:\n  - [Kadyrov, Ramzan Kadyrov]\n")
    result = CliRunner().invoke(cli, ["rebuild", "--rules", str(rules), "--store", store])
    assert result.exit_code == 0, result.output
    assert "corpus graph recomputed" in result.stdout and "entities" in result.stdout
    with open_store(store) as opened:
        assert canonical_of(opened, "Kadyrov") != canonical_of(opened, "Ramzan Kadyrov")


def test_a_corpus_left_stale_is_reported_until_it_is_rebuilt(tmp_path):
    store = str(tmp_path / "store")
    assert CliRunner().invoke(cli, ["ingest", str(CORPUS), "--store", store]).exit_code == 0
    with open_store(store) as opened:
        assert not corpus_is_stale(opened)
        mark_corpus_stale(opened)  # what an ingest killed before its rebuild leaves behind
        assert corpus_is_stale(opened) and STALE_GRAPH not in opened.graph_iris()
        assert b"corpus-stale" not in opened.dump_nquads()
    query = ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", store]
    warned = CliRunner().invoke(cli, query)
    assert warned.exit_code == 0
    assert warned.stderr.strip() == (f"newsgraph: warning: {store}: the corpus graph may be out of date (an "
                                     "ingest or remove was interrupted or deferred it, or a SPARQL update edited the "
                                     "store); run `newsgraph rebuild`")
    rebuilt = CliRunner().invoke(cli, ["rebuild", "--store", store])
    assert rebuilt.exit_code == 0 and not rebuilt.stderr
    assert not CliRunner().invoke(cli, query).stderr


def test_a_corpus_step_that_reads_every_article_again_says_so_before_it_starts(tmp_path):
    store = str(tmp_path / "store")
    added = CliRunner().invoke(cli, ["ingest", str(CORPUS), "--store", store])
    assert added.exit_code == 0 and "corpus graph" not in added.stderr  # 5 articles: a quick step, no notice
    with open_store(store) as opened:
        mark_corpus_stale(opened)
    removed = CliRunner().invoke(cli, ["remove", BBC, "--store", store])
    assert removed.exit_code == 0
    assert removed.stderr.splitlines() == ["newsgraph: recomputing the corpus graph from all 4 article graphs, once: "
                                           "an earlier run left it stale"]


def test_deferred_ingests_and_removes_leave_the_corpus_graph_to_one_rebuild(tmp_path):
    store = str(tmp_path / "store")
    corpus_events = ["query", f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{CORPUS_GRAPH}> {{ ?e a sem:Event }} }}",
                     "--format", "csv", "--store", store]
    batch = [str(CORPUS / "wire.jsonl"), str(CORPUS / "novaya-2017-04-03.txt")]
    first = CliRunner().invoke(cli, ["ingest", *batch, "--defer-corpus", "--store", store])
    assert first.exit_code == 0
    assert first.stdout.splitlines()[-1] == "  corpus: not recomputed (--defer-corpus); run `newsgraph rebuild`"
    second = CliRunner().invoke(cli, ["ingest", str(CORPUS), "--defer-corpus", "--store", store])
    assert "2 added, 0 replaced, 3 unchanged" in second.stdout
    assert CliRunner().invoke(cli, ["remove", BBC, "--defer-corpus", "--store", store]).exit_code == 0
    counted = CliRunner().invoke(cli, corpus_events)
    assert "may be out of date" in counted.stderr and counted.stdout.split()[-1] == "0"  # never built yet
    rebuilt = CliRunner().invoke(cli, ["rebuild", "--store", store])
    assert rebuilt.exit_code == 0 and not rebuilt.stderr
    # one rebuild gives the corpus graph that ingesting without deferring gives
    direct = str(tmp_path / "direct")
    CliRunner().invoke(cli, ["ingest", str(CORPUS), "--store", direct])
    CliRunner().invoke(cli, ["remove", BBC, "--store", direct])
    with open_store(store) as deferred_store, open_store(direct) as direct_store:
        assert not corpus_is_stale(deferred_store)
        assert deferred_store.graph_ntriples(CORPUS_GRAPH) and \
            set(deferred_store.graph_ntriples(CORPUS_GRAPH).splitlines()) == \
            set(direct_store.graph_ntriples(CORPUS_GRAPH).splitlines())


def test_cli_ingest_rejects_a_bad_published_date(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", str(CORPUS), "--published", "2017-13-01",
                                      "--store", str(tmp_path / "s")])
    assert result.exit_code == 2 and "not a date" in result.stderr


def test_worker_processes_write_the_same_graphs_and_report_failures_in_input_order(tmp_path, monkeypatch):
    import graph.ingest

    monkeypatch.setattr(graph.ingest, "BATCH_SIZE", 2)  # several batches in flight at once
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([
        "{not json",
        json.dumps({"text": "Police in Riga arrested Anna Chen on Monday, officials said.", "published": "2020-03-04",
                    "url": "https://example.org/riga"}),
        json.dumps({"published": "2020-01-01"}),
        json.dumps({"text": "The court in Lyon released Omar Haddad on Tuesday.", "published": "2020-03-05"})]) + "\n")
    results = {}
    for jobs in (1, 2):
        with open_store(tmp_path / f"store-{jobs}", create=True) as store:
            summary = ingest([CORPUS, feed], store, n_process=jobs)
            results[jobs] = (summary.added, summary.failed, sorted(store.dump_nquads().decode().splitlines()))
    assert results[1][0] == results[2][0] == 7
    assert [Path(source).name for source, _ in results[2][1]] == ["feed.jsonl:1", "feed.jsonl:3"]
    assert results[1][1] == results[2][1]
    assert results[1][2] == results[2][2]


def test_the_explorer_shows_the_story_one_node_per_corpus_node(corpus_store):
    """Over a corpus the pages draw corpus nodes, not each article's copy: one Kadyrov with
    every outlet's evidence, and the detention with both dates and both counts side by side."""
    from graph.export.explorer import explorer_data
    from graph.export.netgraph import canonical_nodes

    store, _ = corpus_store
    data = explorer_data(store)
    canonical = canonical_nodes(store)
    shown = {n["id"] for n in data["nodes"]}
    assert shown == set(canonical.values())  # every article node of the fixture has its corpus node
    assert {e["from"] for e in data["edges"]} | {e["to"] for e in data["edges"]} <= shown
    kadyrov = data["details"]["https://w3id.org/newsgraph/id/corpus/person/ramzan-kadyrov"]
    assert "Kadyrov" in kadyrov["aliases"] and len({e["article"] for e in kadyrov["evidence"]}) == 4
    [detention] = [d for d in data["details"].values() if d.get("type") == "detention" and len(d["sources"]) > 1]
    assert detention["date"]["edtf"] == "2017-03-30 | 2017-03-28" and detention["date"]["precision"] == "disputed"
    assert detention["span"]["className"] == "ng-disputed"
    assert (detention["span"]["start"], detention["span"]["end"]) == ("2017-03-28", "2017-03-31")
    outlets = {iri: a["outlet"] for iri, a in data["articles"].items()}
    assert [(outlets[a], edtf, count) for a, edtf, _phrase, count in detention["sources"]] == [
        ("Novaya Gazeta", "2017-03-30", "at least 100"), ("BBC News", "2017-03-28", "40")]
    assert detention["quantity"] == "at least 100 / 40"
    assert {e["exact"] for e in detention["evidence"]} >= {
        "Chechen police detained 40 men suspected of being gay on March 28, according to the Russian LGBT Network."}
