"""The reviewable annotation file (YAML or JSON) <-> the model, verified against the text.

An annotation instantiates the ontology for one article. Its schema is documented in
``seeds/README.md``; in short::

    schema: newsgraph-annotation/1
    article: {id, text: FILE.txt, published: YYYY-MM-DD, url, publisher, headline}
    entities:   [{id, kind, name, aliases, titles, part_of, evidence: [SPAN]}]
    events:     [{id, type, label, evidence, participants, places, time, factuality, quantity}]
    statements: [{...event fields..., speaker, addressee, quote: SPAN, quote_kind,
                  reports: [event id], calls_for: [event id]}]

A SPAN is ``{start, end, text}``: the exact words and their character offsets in the
article text (a person adding evidence may give only the words; the loader finds them when
they stand in the text once). A ``time`` is ``{phrase: SPAN, edtf, rule}``: the date as
stated, in EDTF, and the rule that read it, so a machine draft loads exactly as written
(the bounds are read back from the EDTF by :func:`graph.edtf.parse_edtf`). A person who
corrects a date marks it as their own reading with ``rule: reviewer`` (and may write
``date:`` for ``edtf:``); a date left with a :mod:`graph.timex` rule must be what that rule
reads in the phrase; a ``time`` without a rule is resolved from its phrase.

The loader checks every span, id reference, enum value, event type and field name, and
raises one :class:`AnnotationError` listing every problem, each with its line in the YAML
file (:mod:`graph.annotation_reader`); the CLI prints one line per problem and exits 2.

>>> import datetime as dt
>>> from graph.model import Article, ArticleGraph, Entity, EntityKind, Span
>>> text = "Igor Kochetkov spoke."
>>> ag = ArticleGraph(Article("a", text, dt.date(2019, 1, 18)),
...                   [Entity("igor-kochetkov", EntityKind.PERSON, "Igor Kochetkov",
...                           evidence=[Span.at(text, 0, 14)])])
>>> back = parse_annotation(dump_annotation(ag, "a.txt"), text=text)
>>> back.entities[0].name, back.entities[0].evidence[0].end
('Igor Kochetkov', 14)
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .annotation_reader import NOT_AN_ANNOTATION, SCHEMA, Node, Reader, Skip, parse_document
from .edtf import parse_edtf
from .errors import AnnotationError, InputError
from .model import (
    Article,
    ArticleGraph,
    Certainty,
    Entity,
    EntityKind,
    Event,
    Factuality,
    Participant,
    Polarity,
    Quantity,
    QuoteKind,
    Role,
    Span,
    Statement,
    TimeSpan,
    Title,
)
from .ontology import EVENT_TYPES
from .timex import resolve

ARTICLE_FIELDS = ("id", "text", "published", "url", "publisher", "headline", "language")
ENTITY_FIELDS = ("id", "kind", "name", "aliases", "titles", "part_of", "evidence")
EVENT_FIELDS = ("id", "type", "label", "participants", "places", "time", "factuality", "quantity", "evidence")
STATEMENT_FIELDS = EVENT_FIELDS + ("speaker", "addressee", "quote", "quote_kind", "reports", "calls_for",
                                   "speaker_description")
TIME_FIELDS = ("phrase", "edtf", "date", "rule", "anchor")
REVIEWER = "reviewer"  # the rule of a date a person states as their own reading


def _date(value: Any, reader: Reader, entry: str, node: Node, key: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise reader.problem(entry, node, f"{value!r} is not a date YYYY-MM-DD", key) from None


def _article(data: Node, reader: Reader, text: str) -> Article:
    node = data.get("article")
    if not isinstance(node, dict):
        raise reader.problem("article", data, "missing 'article' mapping")
    reader.mapping(node, "article", "'article'", ARTICLE_FIELDS)
    get = reader.attempt
    published = get(reader.field, node, "published", "article", (str, dt.date))
    return Article(
        id=get(reader.field, node, "id", "article"),
        text=text,
        published=get(_date, published, reader, "article", node, "published") if published is not None else None,
        url=get(reader.optional, node, "url", "article"),
        publisher=get(reader.optional, node, "publisher", "article"),
        headline=get(reader.optional, node, "headline", "article"),
        language=get(reader.optional, node, "language", "article") or "en",
        source=get(reader.optional, node, "text", "article"),
    )


def _title(node: Node, reader: Reader, entry: str) -> Title:
    reader.mapping(node, entry, "a title", ("text", "of", "evidence"))
    title = Title(text=reader.field(node, "text", entry), of=reader.attempt(reader.optional, node, "of", entry),
                  evidence=reader.spans(node, "evidence", entry))
    reader.refer(title.of, "entity", entry, node, "of")
    return title


def _entry(node: Any, kind: str, index: int) -> str:
    """How a problem names an item: by its id (``entity 'x'``), else by its place (``events[3]``)."""
    ident = node.get("id") if isinstance(node, dict) else None
    return f"{kind[:-1] if kind != 'entities' else 'entity'} {ident!r}" if isinstance(ident, str) and ident \
        else f"{kind}[{index}]"


def _entity(node: Any, index: int, reader: Reader, at: Node) -> Entity:
    entry = _entry(node, "entities", index)
    node = reader.mapping(node, entry, "an entity", ENTITY_FIELDS, at=at)
    ident = reader.attempt(reader.field, node, "id", entry)
    get = reader.attempt
    entity = Entity(
        id=ident,
        kind=get(reader.enum, node, "kind", entry, EntityKind),
        name=get(reader.field, node, "name", entry),
        aliases=get(reader.strings, node, "aliases", entry, default=[]),
        titles=[t for t in (get(_title, t, reader, entry) for t in get(reader.items, node, "titles", entry, default=[]))
                if t is not None],
        evidence=get(reader.spans, node, "evidence", entry, default=[]),
        part_of=get(reader.optional, node, "part_of", entry),
    )
    reader.refer(entity.part_of, "entity", entry, node, "part_of")
    return entity


def _stated(node: Node, reader: Reader, entry: str) -> str | None:
    """The date a ``time`` states (``edtf``, or ``date`` as a person may write it), as text."""
    given = {key: node[key] for key in ("edtf", "date") if node.get(key) is not None}
    values = {(v.isoformat() if isinstance(v, dt.date) else str(v)) for v in given.values()}
    if len(values) > 1:
        raise reader.problem(entry, node, "'edtf' and 'date' differ; give one", "date")
    return values.pop() if values else None


def _time(node: Any, published: dt.date | None, reader: Reader, entry: str, at: Node) -> TimeSpan | None:
    """The date of an event. Written with its ``rule`` (as drafts are), it loads as stated; with
    ``rule: reviewer`` it is a person's own reading; without a rule the phrase is resolved by
    the date rules of :mod:`graph.timex`, and must give the stated date."""
    if node is None:
        return None
    node = reader.mapping(node, entry, "'time'", TIME_FIELDS, at=at)
    if node.get("phrase") is None:
        raise reader.problem(entry, node, "'time' needs a 'phrase': the words that give the date")
    phrase = reader.attempt(reader.span, node["phrase"], entry, at=node, key="phrase")
    stated = _stated(node, reader, entry)
    rule = reader.optional(node, "rule", entry)
    anchor = _date(node["anchor"], reader, entry, node, "anchor") if node.get("anchor") is not None else published
    if phrase is None or anchor is None:
        raise Skip
    at = _Where(reader, entry, node, "date" if "date" in node else "edtf")
    if rule is None:
        return _resolved(phrase, stated, anchor, at)
    if stated is None:
        raise reader.problem(entry, node, f"'time' with rule {rule!r} needs its 'date'")
    try:
        precision, earliest, latest = parse_edtf(stated)
    except ValueError as exc:
        raise at.problem(str(exc)) from None
    if rule != REVIEWER:
        _same_reading(phrase, stated, rule, anchor, at)
    return TimeSpan(precision, earliest, latest, stated, rule, anchor, phrase)


def _readings(phrase: Span, anchor: dt.date) -> list[TimeSpan]:
    """What the date rules read in ``phrase``, told of the past and of the future."""
    found = (resolve(phrase.text, anchor, span=phrase, future=future) for future in (False, True))
    return [t for t in found if t is not None]


@dataclass
class _Where:
    """Where a date stands in the file, to name it in a problem."""

    reader: Reader
    entry: str
    node: Node
    key: str

    def problem(self, message: str) -> Skip:
        return self.reader.problem(self.entry, self.node, message, self.key)


def _resolved(phrase: Span, stated: str | None, anchor: dt.date, at: _Where) -> TimeSpan:
    readings = _readings(phrase, anchor)
    if not readings:
        raise at.reader.problem(at.entry, at.node, f"no date rule understands {phrase.text!r}; state the date "
                                f"with 'rule: {REVIEWER}', or remove 'time'", "phrase")
    for reading in readings:
        if stated is None or reading.edtf == stated:
            return reading
    raise at.problem(f"{phrase.text!r} resolves to {readings[0].edtf}, not {stated!r}; "
                     f"if {stated} is your reading, add 'rule: {REVIEWER}'")


def _same_reading(phrase: Span, stated: str, rule: str, anchor: dt.date, at: _Where) -> None:
    """A date that names a rule of :mod:`graph.timex` must be what that rule reads: a person
    who changes the date marks it as their own (``rule: reviewer``). Dates from other rules
    (tense, coordination) cannot be read again from the phrase and stand as written."""
    for reading in _readings(phrase, anchor):
        if reading.rule == rule and reading.edtf != stated:
            raise at.problem(f"rule {rule!r} reads {phrase.text!r} as {reading.edtf}, not {stated}; "
                             f"if {stated} is your reading, write 'rule: {REVIEWER}' (to have a new phrase "
                             "read again, remove the date and the rule)")


def _participant(node: Node, reader: Reader, entry: str) -> Participant:
    reader.mapping(node, entry, "a participant", ("entity", "role"))
    part = Participant(reader.field(node, "entity", entry), reader.enum(node, "role", entry, Role))
    reader.refer(part.entity, "entity", entry, node, "entity")
    return part


def _factuality(node: Any, reader: Reader, entry: str, at: Node) -> Factuality:
    fact = reader.mapping(node, entry, "'factuality'", ("certainty", "polarity", "cue"), at=at)
    get = reader.attempt
    return Factuality(
        certainty=get(reader.enum, fact, "certainty", entry, Certainty, "certain"),
        polarity=get(reader.enum, fact, "polarity", entry, Polarity, "positive"),
        cue=get(reader.span, fact["cue"], entry, at=fact, key="cue") if fact.get("cue") else None,
    )


def _quantity(node: Any, reader: Reader, entry: str, at: Node) -> Quantity:
    quantity = reader.mapping(node, entry, "'quantity'", ("text", "value", "qualifier"), at=at)
    value = quantity.get("value")
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        reader.problem(entry, quantity, "'value' must be a whole number", "value")
    qualifier = reader.attempt(reader.optional, quantity, "qualifier", entry)
    return Quantity(text=reader.span(quantity.get("text"), entry, at=quantity, key="text"), value=value,
                    qualifier=qualifier)


def _event_type(node: Node, reader: Reader, entry: str) -> str:
    kind = reader.field(node, "type", entry)
    if kind not in EVENT_TYPES:
        raise reader.problem(entry, node, f"'type' is {kind!r}; expected one of: {', '.join(EVENT_TYPES)}", "type")
    return kind


def _event_fields(node: Node, entry: str, ident: str | None, reader: Reader, published: dt.date | None,
                  statement: bool) -> dict[str, Any]:
    get = reader.attempt
    participants = [get(_participant, p, reader, entry) for p in get(reader.items, node, "participants", entry, default=[])]
    places = get(reader.strings, node, "places", entry, default=[])
    for place in places:
        reader.refer(place, "entity", entry, node, "places")
    return {
        "id": ident,
        "type": "statement" if statement and node.get("type") is None else get(_event_type, node, reader, entry),
        "label": get(reader.field, node, "label", entry),
        "evidence": get(reader.spans, node, "evidence", entry, default=[]),
        "participants": [p for p in participants if p is not None],
        "places": places,
        "time": get(_time, node.get("time"), published, reader, entry, node),
        "factuality": get(_factuality, node.get("factuality") or {}, reader, entry, node, default=Factuality()),
        "quantity": get(_quantity, node["quantity"], reader, entry, node) if node.get("quantity") is not None else None,
    }


def _event(node: Any, index: int, reader: Reader, published: dt.date | None, at: Node, *,
           statement: bool) -> Event:
    entry = _entry(node, "statements" if statement else "events", index)
    node = reader.mapping(node, entry, "an entry", STATEMENT_FIELDS if statement else EVENT_FIELDS, at=at)
    ident = reader.attempt(reader.field, node, "id", entry)
    fields = _event_fields(node, entry, ident, reader, published, statement)
    if not statement:
        return Event(**fields)
    get = reader.attempt
    made = Statement(
        **fields,
        speaker=get(reader.optional, node, "speaker", entry),
        addressee=get(reader.optional, node, "addressee", entry),
        quote=get(reader.span, node["quote"], entry, at=node, key="quote") if node.get("quote") is not None else None,
        quote_kind=get(reader.enum, node, "quote_kind", entry, QuoteKind, "direct"),
        speaker_description=get(reader.span, node["speaker_description"], entry, at=node, key="speaker_description")
        if node.get("speaker_description") is not None else None,
        reports=get(reader.strings, node, "reports", entry, default=[]),
        calls_for=get(reader.strings, node, "calls_for", entry, default=[]),
    )
    for key in ("speaker", "addressee"):
        reader.refer(getattr(made, key), "entity", entry, node, key)
    for key in ("reports", "calls_for"):
        for ref in getattr(made, key):
            reader.refer(ref, "event", entry, node, key)
    return made


def _unique_ids(nodes: list[tuple[Any, str]], reader: Reader) -> None:
    """Each id names one entity, and one event or statement."""
    for group in ("entity", "event"):
        first: dict[str, int | None] = {}
        for node, kind in nodes:
            ident = node.get("id") if isinstance(node, dict) else None
            if kind != group or not isinstance(ident, str):
                continue
            if ident in first:
                where = f" (first at line {first[ident]})" if first[ident] else ""
                reader.problem(f"{group} {ident!r}", node, f"id {ident!r} is used twice{where}", "id")
            else:
                first[ident] = reader.line(node, "id")


def parse_annotation(raw: str, *, text: str, where: str = "<annotation>", is_json: bool = False) -> ArticleGraph:
    """Parse an annotation document against its article ``text``; raise one AnnotationError
    that lists every problem."""
    return _from_data(parse_document(raw, where, is_json), text, where)


def _from_data(data: Node, text: str, where: str) -> ArticleGraph:
    reader = Reader(where, text)
    reader.mapping(data, "annotation", "an annotation", ("schema", "article", "entities", "events", "statements"))
    article = reader.attempt(_article, data, reader, text)
    published = article.published if article is not None else None
    lists: dict[str, list[Any]] = {}
    for key in ("entities", "events", "statements"):
        lists[key] = data.get(key) or []
        if not isinstance(lists[key], list):
            reader.problem(key, data, f"'{key}' must be a list", key)
            lists[key] = []
    get = reader.attempt
    entities = [get(_entity, n, i, reader, data) for i, n in enumerate(lists["entities"])]
    events = [get(_event, n, i, reader, published, data, statement=False) for i, n in enumerate(lists["events"])]
    events += [get(_event, n, i, reader, published, data, statement=True) for i, n in enumerate(lists["statements"])]
    _unique_ids([(n, "entity") for n in lists["entities"]] + [(n, "event") for key in ("events", "statements")
                                                              for n in lists[key]], reader)
    reader.check({"entity": {e.id for e in entities if e is not None},
                  "event": {e.id for e in events if e is not None}})
    reader.finish()
    assert article is not None
    return ArticleGraph(article=article, entities=entities, events=events)  # type: ignore[arg-type]


def load_annotation(path: Path) -> ArticleGraph:
    """Load an annotation file and the article text it names (which must sit beside it, or
    below): a .txt, .md or .html file, read into text exactly as the extractor reads it."""
    path = Path(path)
    where = str(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{where}: no such file") from None
    except UnicodeDecodeError:
        raise AnnotationError(f"{where}: not UTF-8 text") from None
    data = parse_document(raw, where, path.suffix == ".json")
    if "article" not in data and "schema" not in data:
        raise AnnotationError(f"{where}: {NOT_AN_ANNOTATION}")
    article = data.get("article") if isinstance(data.get("article"), dict) else {}
    name = article.get("text")
    if not isinstance(name, str) or not name:
        raise AnnotationError(f"{where}: article: missing 'text' (the article file beside the annotation)")
    folder = path.resolve().parent
    text_path = (folder / name).resolve()
    if not text_path.is_relative_to(folder):
        raise AnnotationError(f"{where}: article: text {name!r} is outside the annotation's folder")
    from .articles import article_text

    return _from_data(data, article_text(text_path)[0], where)


# ----------------------------------------------------------------------------- dumping


def _span_out(span: Span) -> Node:
    return {"start": span.start, "end": span.end, "text": span.text}


def _time_out(time: TimeSpan, owner: str, published: dt.date) -> Node:
    """A date as stated, with the rule that read it (and what it was read against, when that
    is not the publication date): it loads exactly as written."""
    if time.phrase is None:
        raise AnnotationError(f"event {owner!r}: its date ({time.edtf}, rule {time.rule}) has no phrase to show")
    out: Node = {"phrase": _span_out(time.phrase), "edtf": time.edtf, "rule": time.rule}
    if time.anchor != published:
        out["anchor"] = time.anchor.isoformat()
    return out


def _event_out(ev: Event, published: dt.date) -> Node:
    out: Node = {"id": ev.id}
    if not isinstance(ev, Statement) or ev.type != "statement":
        out["type"] = ev.type
    out["label"] = ev.label
    if isinstance(ev, Statement):
        out["speaker"] = ev.speaker
        if ev.speaker_description:  # "a witness said": who spoke, unnamed
            out["speaker_description"] = _span_out(ev.speaker_description)
        if ev.addressee:
            out["addressee"] = ev.addressee
        out["quote_kind"] = ev.quote_kind.value
        if ev.quote:
            out["quote"] = _span_out(ev.quote)
        if ev.reports:
            out["reports"] = list(ev.reports)
        if ev.calls_for:
            out["calls_for"] = list(ev.calls_for)
    if ev.participants:
        out["participants"] = [{"entity": p.entity, "role": p.role.value} for p in ev.participants]
    if ev.places:
        out["places"] = list(ev.places)
    if ev.time:
        out["time"] = _time_out(ev.time, ev.id, published)
    fact = ev.factuality
    if (fact.certainty, fact.polarity) != (Certainty.CERTAIN, Polarity.POSITIVE) or fact.cue:
        out["factuality"] = {"certainty": fact.certainty.value, "polarity": fact.polarity.value}
        if fact.cue:
            out["factuality"]["cue"] = _span_out(fact.cue)
    if ev.quantity:
        out["quantity"] = {"text": _span_out(ev.quantity.text), "value": ev.quantity.value,
                           "qualifier": ev.quantity.qualifier}
    out["evidence"] = [_span_out(s) for s in ev.evidence]
    return out


def annotation_dict(ag: ArticleGraph, text_file: str) -> Node:
    """The annotation of ``ag`` as plain data, ready for YAML or JSON."""
    art = ag.article
    entities = []
    for ent in ag.entities:
        node: Node = {"id": ent.id, "kind": ent.kind.value, "name": ent.name}
        if ent.aliases:
            node["aliases"] = list(ent.aliases)
        if ent.titles:
            node["titles"] = [
                {"text": t.text, "of": t.of, "evidence": [_span_out(s) for s in t.evidence]} for t in ent.titles
            ]
        if ent.part_of:
            node["part_of"] = ent.part_of
        node["evidence"] = [_span_out(s) for s in ent.evidence]
        entities.append(node)
    return {
        "schema": SCHEMA,
        "article": {
            "id": art.id,
            "text": text_file,
            "published": art.published.isoformat(),
            "url": art.url,
            "publisher": art.publisher,
            "headline": art.headline,
            "language": art.language,
        },
        "entities": entities,
        "events": [_event_out(e, art.published) for e in ag.events if not isinstance(e, Statement)],
        "statements": [_event_out(e, art.published) for e in ag.statements],
    }


def dump_annotation(ag: ArticleGraph, text_file: str, *, as_json: bool = False) -> str:
    """The annotation file text for ``ag`` (YAML by default)."""
    data = annotation_dict(ag, text_file)
    if as_json:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
