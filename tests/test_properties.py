"""Property-based tests (hypothesis): the date resolver, the annotation loader, extraction,
event coreference."""
from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.annotations import parse_annotation
from graph.coref import EventRecord, compatible, corefer
from graph.errors import AnnotationError, NewsgraphError
from graph.model import Article, Precision
from graph.timex import RULES, find_time_expressions, resolve

WORDS = ["on", "in", "since", "from", "last", "next", "this", "earlier", "later", "early", "mid", "late",
         "week", "month", "year", "ago", "yesterday", "today", "tomorrow", "Monday", "Fri.", "Dec.", "December",
         "Sept", "May", "the", "of", "29", "1", "31", "2017", "1999", "0", "99999", "two", "a", ",", "-"]
PHRASES = st.one_of(st.text(max_size=40), st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join))
ANCHORS = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


@settings(max_examples=1500, deadline=None)
@given(phrase=PHRASES, anchor=ANCHORS)
def test_any_phrase_and_anchor_give_a_valid_span_or_none(phrase, anchor):
    span = resolve(phrase, anchor)
    if span is None:
        return
    assert span.anchor == anchor and span.rule
    if span.precision is Precision.OPEN:
        assert span.latest is None and span.edtf.endswith("/..")
    else:
        assert span.latest is not None and span.earliest <= span.latest
    if span.precision is Precision.DAY:
        assert span.edtf == span.earliest.isoformat() == span.latest.isoformat()


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300))
def test_the_finder_returns_spans_inside_the_text(text):
    for start, end in find_time_expressions(text):
        assert 0 <= start < end <= len(text)


def test_every_rule_is_reachable_by_name():
    assert len({name for name, _, _ in RULES}) == len(RULES)


SEED_LIKE = {
    "schema": "newsgraph-annotation/1",
    "article": {"id": "a", "text": "a.txt", "published": "2019-01-18"},
    "entities": [{"id": "p", "kind": "person", "name": "Anna Chen",
                  "evidence": [{"start": 0, "end": 9, "text": "Anna Chen"}]}],
    "events": [{"id": "e", "type": "arrest", "label": "Arrest", "participants": [{"entity": "p", "role": "patient"}],
                "time": {"phrase": {"start": 23, "end": 32, "text": "on Monday"}, "edtf": "2019-01-14"},
                "evidence": [{"start": 10, "end": 22, "text": "was arrested"}]}],
    "statements": [],
}
TEXT = "Anna Chen was arrested on Monday."

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 50), st.text(max_size=12),
                    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))


def _paths(node, prefix=()):
    if isinstance(node, dict):
        for k, v in node.items():
            yield prefix + (k,)
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield prefix + (i,)
            yield from _paths(v, prefix + (i,))


ALL_PATHS = list(_paths(SEED_LIKE))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(ALL_PATHS), value=SCALARS)
def test_the_annotation_loader_accepts_or_names_the_problem_never_crashes(path, value):
    import copy

    data = copy.deepcopy(SEED_LIKE)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    raw = yaml.safe_dump(data, allow_unicode=True)
    try:
        parse_annotation(raw, text=TEXT, where="fuzz.yaml")
    except AnnotationError as exc:
        assert str(exc).startswith("fuzz.yaml") and "\n" not in str(exc)


@settings(max_examples=200, deadline=None)
@given(raw=st.text(max_size=200))
def test_any_text_as_an_annotation_is_refused_cleanly_or_loads(raw):
    try:
        parse_annotation(raw, text=TEXT, where="fuzz.yaml")
    except AnnotationError:
        pass


@pytest.fixture(scope="module")
def nlp():
    from graph.extract import load_model

    return load_model()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_extract_over_random_bytes_raises_only_domain_errors(nlp, data):
    from graph.articles import decode
    from graph.extract import extract

    try:
        text = decode(data, "fuzz")
    except NewsgraphError:
        return
    if not text.strip():
        return
    ag = extract(Article("fuzz", text, dt.date(2019, 1, 18)), nlp=nlp)
    for ent in ag.entities:
        assert all(s.holds_in(text) for s in ent.evidence)


SENTENCE_WORDS = st.sampled_from(["Police", "arrested", "Anna", "Chen", "said", "\u201c", "\u201d", '"', "on",
                                  "Monday", "Dec.", "29", "in", "Riga", "the", "Union", "of", "The", "he", "told",
                                  "reportedly", "not", ".", ",", "\n\n", "Related", "Stories", "U.S.", "OSCE"])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(SENTENCE_WORDS, max_size=60))
def test_extract_over_random_news_like_text_keeps_every_span_exact(nlp, words):
    from graph.extract import extract

    text = " ".join(words)
    if not text.strip():
        return
    ag = extract(Article("fuzz", text, dt.date(2019, 1, 18)), nlp=nlp)
    for ent in ag.entities:
        assert ent.evidence and all(s.holds_in(text) for s in ent.evidence)
    for ev in ag.events:
        assert ev.evidence and all(s.holds_in(text) for s in ev.evidence)


DAYS = st.integers(min_value=0, max_value=120)


@st.composite
def event_records(draw, i: int) -> EventRecord:
    day = dt.date(2020, 1, 1)
    statement = draw(st.booleans())
    dated = draw(st.booleans())
    earliest = day + dt.timedelta(days=draw(DAYS)) if dated else None
    span = draw(st.sampled_from([0, 0, 30, None])) if dated else None  # a day, a month, an open range
    return EventRecord(
        f"urn:e{i}", f"urn:a{draw(st.integers(0, 6))}", day + dt.timedelta(days=draw(DAYS)), draw(st.sampled_from("xy")),
        "label", frozenset(draw(st.sets(st.sampled_from("PQR"), min_size=1, max_size=2))),
        speaker=draw(st.sampled_from("PQ")) if statement else None, is_statement=statement, earliest=earliest,
        latest=None if earliest is None or span is None else earliest + dt.timedelta(days=span),
        precision=None if earliest is None else "day" if span == 0 else "month" if span else "open",
        quote=draw(st.sampled_from([None, "we will go", "we will stay home", "nothing"])) if statement else None)


@settings(max_examples=1500, deadline=None)
@given(events=st.integers(1, 25).flatmap(lambda n: st.tuples(*(event_records(i) for i in range(n)))))
def test_coreference_joins_each_event_to_the_first_cluster_it_fits_whole(events):
    # the rule as the coref module states it, without its pruning of clusters past their horizon
    expected: list[list[EventRecord]] = []
    for event in sorted(events, key=lambda e: (e.earliest or e.published, e.published, e.node)):
        keys = {(event.type, event.speaker)} if event.is_statement and event.speaker else \
            {(event.type, a) for a in event.actors}
        fits = [c for c in expected
                if keys & {(m.type, m.speaker) if m.is_statement and m.speaker else (m.type, a)
                           for m in c for a in m.actors}
                and all(compatible(event, m) for m in c)]
        (fits[0] if fits else expected.append([]) or expected[-1]).append(event)
    assert corefer(list(events)) == expected
