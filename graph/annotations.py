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
article text. The loader checks every span against the text and every id reference, and
reports the first problem as one line naming the file, the entry and its line.
A ``time`` is ``{phrase: SPAN, edtf}``: the loader resolves the phrase with
:func:`graph.timex.resolve` against the publication date and checks that it gives the
``edtf`` the annotator reviewed.

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
from pathlib import Path
from typing import Any

import yaml

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
from .timex import resolve

SCHEMA = "newsgraph-annotation/1"
Node = dict[str, Any]


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line of every mapping under the key ``__line__``."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


class _Reader:
    """Reads one annotation document, naming the entry and line of any problem."""

    def __init__(self, where: str, text: str) -> None:
        self.where = where
        self.text = text

    def fail(self, entry: str, node: Any, message: str) -> AnnotationError:
        line = node.get("__line__") if isinstance(node, dict) else None
        at = f" (line {line})" if line else ""
        return AnnotationError(f"{self.where}: {entry}{at}: {message}")

    def field(self, node: Node, key: str, entry: str, kind: type | tuple[type, ...] = str) -> Any:
        if not isinstance(node, dict) or key not in node or node[key] is None:
            raise self.fail(entry, node, f"missing '{key}'")
        value = node[key]
        if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            raise self.fail(entry, node, f"'{key}' must be {_kind_name(kind)}")
        return value

    def span(self, node: Any, entry: str) -> Span:
        if not isinstance(node, dict):
            raise self.fail(entry, node, "a span must be {start, end, text}")
        start = self.field(node, "start", entry, int)
        end = self.field(node, "end", entry, int)
        words = self.field(node, "text", entry, str)
        span = Span(start, end, words)
        if not span.holds_in(self.text):
            found = self.text[start:end] if 0 <= start <= end <= len(self.text) else None
            hint = f"the text there is {found!r}" if found is not None else "offsets outside the text"
            raise self.fail(entry, node, f"evidence {words!r} is not in the text at {start}-{end} ({hint})")
        return span

    def spans(self, node: Node, key: str, entry: str, *, required: bool = True) -> list[Span]:
        items = node.get(key) or []
        if not isinstance(items, list):
            raise self.fail(entry, node, f"'{key}' must be a list of spans")
        if required and not items:
            raise self.fail(entry, node, f"'{key}' needs at least one span of evidence")
        return [self.span(item, entry) for item in items]

    def mapping(self, node: Any, entry: str, what: str) -> Node:
        if not isinstance(node, dict):
            raise self.fail(entry, node, f"{what} must be a mapping")
        return node

    def items(self, node: Node, key: str, entry: str) -> list[Node]:
        """A list of mappings (``participants``, ``titles``...); empty when absent."""
        return self._list(node, key, entry, dict, "a list of mappings")

    def strings(self, node: Node, key: str, entry: str) -> list[str]:
        """A list of texts or ids (``aliases``, ``places``, ``reports``); empty when absent."""
        return self._list(node, key, entry, str, "a list of texts")

    def _list(self, node: Node, key: str, entry: str, kind: type, what: str) -> list[Any]:
        raw = node.get(key)
        if raw is None:
            return []
        if not isinstance(raw, list) or not all(isinstance(i, kind) for i in raw):
            raise self.fail(entry, node, f"'{key}' must be {what}")
        return list(raw)

    def optional(self, node: Node, key: str, entry: str) -> str | None:
        raw = node.get(key)
        if raw is not None and not isinstance(raw, str):
            raise self.fail(entry, node, f"'{key}' must be text")
        return raw

    def enum(self, node: Node, key: str, entry: str, enum: type, default: Any = None) -> Any:
        raw = node.get(key, default)
        if raw is None:
            raise self.fail(entry, node, f"missing '{key}'")
        try:
            return enum(raw)
        except (ValueError, TypeError):
            allowed = ", ".join(m.value for m in enum)
            raise self.fail(entry, node, f"'{key}' is {raw!r}; expected one of: {allowed}") from None


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "text", int: "a whole number", list: "a list", dict: "a mapping", bool: "true or false"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _parse_document(raw: str, where: str, is_json: bool) -> Node:
    try:
        if is_json:
            data = json.loads(raw)
        else:
            data = yaml.load(raw, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except json.JSONDecodeError as exc:
        raise AnnotationError(f"{where}: line {exc.lineno}, column {exc.colno}: malformed JSON: {exc.msg}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise AnnotationError(f"{where}: {at}malformed YAML: {problem}") from None
    if not isinstance(data, dict):
        raise AnnotationError(f"{where}: an annotation must be a mapping with 'article', 'entities', 'events'")
    if data.get("schema", SCHEMA) != SCHEMA:
        raise AnnotationError(f"{where}: unknown schema {data.get('schema')!r}; expected {SCHEMA!r}")
    return data


def _date(value: Any, reader: _Reader, entry: str, node: Node) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise reader.fail(entry, node, f"{value!r} is not a date YYYY-MM-DD") from None


def _article(data: Node, reader: _Reader, text: str) -> Article:
    node = data.get("article")
    if not isinstance(node, dict):
        raise reader.fail("article", data, "missing 'article' mapping")
    published = _date(reader.field(node, "published", "article", (str, dt.date)), reader, "article", node)
    return Article(
        id=reader.field(node, "id", "article"),
        text=text,
        published=published,
        url=reader.optional(node, "url", "article"),
        publisher=reader.optional(node, "publisher", "article"),
        headline=reader.optional(node, "headline", "article"),
        language=reader.optional(node, "language", "article") or "en",
        source=reader.optional(node, "text", "article"),
    )


def _entity(node: Any, index: int, reader: _Reader) -> Entity:
    entry = f"entities[{index}]"
    node = reader.mapping(node, entry, "an entity")
    ident = reader.field(node, "id", entry)
    entry = f"entity {ident!r}"
    titles = []
    for title in reader.items(node, "titles", entry):
        titles.append(
            Title(
                text=reader.field(title, "text", entry),
                of=reader.optional(title, "of", entry),
                evidence=reader.spans(title, "evidence", entry),
            )
        )
    return Entity(
        id=ident,
        kind=reader.enum(node, "kind", entry, EntityKind),
        name=reader.field(node, "name", entry),
        aliases=reader.strings(node, "aliases", entry),
        titles=titles,
        evidence=reader.spans(node, "evidence", entry),
        part_of=reader.optional(node, "part_of", entry),
    )


def _time(node: Any, published: dt.date, reader: _Reader, entry: str) -> TimeSpan | None:
    if node is None:
        return None
    if not isinstance(node, dict) or node.get("phrase") is None:
        raise reader.fail(entry, node, "'time' needs a 'phrase' span")
    phrase = reader.span(node.get("phrase"), entry)
    resolved = resolve(phrase.text, published, span=phrase)
    if resolved is None:
        raise reader.fail(entry, node, f"no date rule understands {phrase.text!r}; leave the event undated")
    expected = node.get("edtf")
    if expected is not None and str(expected) != resolved.edtf:
        raise reader.fail(entry, node, f"{phrase.text!r} resolves to {resolved.edtf}, not {expected!r}")
    return resolved


def _event_fields(node: Any, index: int, reader: _Reader, published: dt.date, kind: str) -> dict[str, Any]:
    node = reader.mapping(node, f"{kind}[{index}]", "an entry")
    ident = reader.field(node, "id", f"{kind}[{index}]")
    entry = f"{kind.rstrip('s')} {ident!r}"
    fact = reader.mapping(node.get("factuality") or {}, entry, "'factuality'")
    quantity = node.get("quantity")
    if quantity is not None:
        quantity = reader.mapping(quantity, entry, "'quantity'")
        if quantity.get("value") is not None and (not isinstance(quantity["value"], int) or isinstance(quantity["value"], bool)):
            raise reader.fail(entry, quantity, "'value' must be a whole number")
        if quantity.get("qualifier") is not None and not isinstance(quantity["qualifier"], str):
            raise reader.fail(entry, quantity, "'qualifier' must be text")
    return {
        "id": ident,
        "type": reader.field(node, "type", entry) if kind == "events" else "statement",
        "label": reader.field(node, "label", entry),
        "evidence": reader.spans(node, "evidence", entry),
        "participants": [
            Participant(reader.field(p, "entity", entry), reader.enum(p, "role", entry, Role))
            for p in reader.items(node, "participants", entry)
        ],
        "places": reader.strings(node, "places", entry),
        "time": _time(node.get("time"), published, reader, entry),
        "factuality": Factuality(
            certainty=reader.enum(fact, "certainty", entry, Certainty, "certain"),
            polarity=reader.enum(fact, "polarity", entry, Polarity, "positive"),
            cue=reader.span(fact["cue"], entry) if fact.get("cue") else None,
        ),
        "quantity": Quantity(
            text=reader.span(quantity.get("text"), entry),
            value=quantity.get("value"),
            qualifier=quantity.get("qualifier"),
        )
        if quantity
        else None,
    }


def _statement(node: Any, index: int, reader: _Reader, published: dt.date) -> Statement:
    fields = _event_fields(node, index, reader, published, "statements")
    entry = f"statement {fields['id']!r}"
    return Statement(
        **fields,
        speaker=reader.optional(node, "speaker", entry),
        addressee=reader.optional(node, "addressee", entry),
        quote=reader.span(node.get("quote"), entry),
        quote_kind=reader.enum(node, "quote_kind", entry, QuoteKind, "direct"),
        reports=reader.strings(node, "reports", entry),
        calls_for=reader.strings(node, "calls_for", entry),
    )


def _check_references(ag: ArticleGraph, reader: _Reader) -> None:
    entity_ids = [e.id for e in ag.entities]
    event_ids = [e.id for e in ag.events]
    for ids, what in ((entity_ids, "entity"), (event_ids, "event or statement")):
        seen: set[str] = set()
        for ident in ids:
            if ident in seen:
                raise AnnotationError(f"{reader.where}: {what} id {ident!r} is used twice")
            seen.add(ident)
    known_entities, known_events = set(entity_ids), set(event_ids)

    def need(ident: str | None, known: set[str], owner: str, what: str) -> None:
        if ident is not None and ident not in known:
            raise AnnotationError(f"{reader.where}: {owner}: unknown {what} {ident!r}")

    for ent in ag.entities:
        need(ent.part_of, known_entities, f"entity {ent.id!r}", "entity")
        for title in ent.titles:
            need(title.of, known_entities, f"entity {ent.id!r}", "entity")
    for ev in ag.events:
        owner = f"{'statement' if isinstance(ev, Statement) else 'event'} {ev.id!r}"
        for part in ev.participants:
            need(part.entity, known_entities, owner, "entity")
        for place in ev.places:
            need(place, known_entities, owner, "entity")
        if isinstance(ev, Statement):
            need(ev.speaker, known_entities, owner, "entity")
            need(ev.addressee, known_entities, owner, "entity")
            for ref in ev.reports + ev.calls_for:
                need(ref, known_events, owner, "event")


def parse_annotation(raw: str, *, text: str, where: str = "<annotation>", is_json: bool = False) -> ArticleGraph:
    """Parse an annotation document against its article ``text``; raise AnnotationError."""
    return _from_data(_parse_document(raw, where, is_json), text, where)


def _from_data(data: Node, text: str, where: str) -> ArticleGraph:
    reader = _Reader(where, text)
    article = _article(data, reader, text)
    for key in ("entities", "events", "statements"):
        if not isinstance(data.get(key) or [], list):
            raise reader.fail(key, data, f"'{key}' must be a list")
    ag = ArticleGraph(article=article)
    ag.entities = [_entity(n, i, reader) for i, n in enumerate(data.get("entities") or [])]
    ag.events = [_event(n, i, reader, article.published) for i, n in enumerate(data.get("events") or [])]
    ag.events += [_statement(n, i, reader, article.published) for i, n in enumerate(data.get("statements") or [])]
    _check_references(ag, reader)
    return ag


def _event(node: Node, index: int, reader: _Reader, published: dt.date) -> Event:
    return Event(**_event_fields(node, index, reader, published, "events"))


def read_text(path: Path) -> str:
    """An article text file as stored (UTF-8, newlines kept exactly)."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start}); convert it to UTF-8") from None


def load_annotation(path: Path) -> ArticleGraph:
    """Load an annotation file and the article text it names (which must sit beside it)."""
    path = Path(path)
    where = str(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{where}: no such file") from None
    except UnicodeDecodeError:
        raise AnnotationError(f"{where}: not UTF-8 text") from None
    data = _parse_document(raw, where, path.suffix == ".json")
    article = data.get("article") if isinstance(data.get("article"), dict) else {}
    name = article.get("text")
    if not isinstance(name, str) or not name:
        raise AnnotationError(f"{where}: article: missing 'text' (the article file beside the annotation)")
    folder = path.resolve().parent
    text_path = (folder / name).resolve()
    if not text_path.is_relative_to(folder):
        raise AnnotationError(f"{where}: article: text {name!r} is outside the annotation's folder")
    return _from_data(data, read_text(text_path), where)


# ----------------------------------------------------------------------------- dumping


def _span_out(span: Span) -> Node:
    return {"start": span.start, "end": span.end, "text": span.text}


def _event_out(ev: Event) -> Node:
    out: Node = {"id": ev.id}
    if not isinstance(ev, Statement):
        out["type"] = ev.type
    out["label"] = ev.label
    if isinstance(ev, Statement):
        out["speaker"] = ev.speaker
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
        assert ev.time.phrase is not None, "a dumped time needs its phrase span"
        out["time"] = {"phrase": _span_out(ev.time.phrase), "edtf": ev.time.edtf}
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
        "events": [_event_out(e) for e in ag.events if not isinstance(e, Statement)],
        "statements": [_event_out(e) for e in ag.statements],
    }


def dump_annotation(ag: ArticleGraph, text_file: str, *, as_json: bool = False) -> str:
    """The annotation file text for ``ag`` (YAML by default)."""
    data = annotation_dict(ag, text_file)
    if as_json:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
