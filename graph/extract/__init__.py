"""Automatic extraction: an English news article -> :class:`graph.model.ArticleGraph`.

spaCy parses the text once (:func:`load_model` loads the pipeline once per process); rules
over the parse, run as spaCy components in one order (:mod:`.components`), then find
entities (:mod:`.entities`), events (:mod:`.events`; one per occurrence,
:mod:`.event_selection`; labelled from the parse, :mod:`.event_labels`), statements
(:mod:`.statements`) and factuality (:mod:`.factuality`), ignoring page boilerplate
(:mod:`.boilerplate`); :func:`graph_from_doc` assembles the graph from what they left on
the ``Doc``. Every entity, event and statement carries evidence spans that hold in
``article.text``.

Every date names the rule that made it (``TimeSpan.rule``): a :mod:`graph.timex` rule for a
time expression, ``coordination+<rule>`` for a verb coordinated after a fronted time
expression, ``present-tense-at-publication`` for an event told in the present (TimeML's
document creation time), ``present-tense-at-utterance`` for the present of quoted words
whose speech verb is dated, and ``narrative+<rule>`` for a past-tense clause with no time of
its own that takes the time the story last named (docs/extraction.md).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from ..model import Article, ArticleGraph, Event, QuoteKind, Role, Span, Statement, TimeSpan, slug
from .components import PASSES, factuality_of, participants_of, register, run_passes
from .events import CALL_LEMMAS, id_base, label_for, quantity
from .pipeline import doc_text, load_model, sentence_of, tokens
from .statements import QuoteDraft
from .layout import layout, parse_text

T = TypeVar("T")

if TYPE_CHECKING:
    import spacy
    from spacy.tokens import Doc, Token

__all__ = ["extract", "extract_many", "graph_from_doc", "load_model", "new_doc", "parse_many"]



def extract(article: Article, nlp: spacy.Language | None = None) -> ArticleGraph:
    """The graph of one article."""
    nlp = nlp or load_model()
    return graph_from_doc(article, nlp(new_doc(nlp, article)))


def new_doc(nlp: spacy.Language, article: Article) -> Doc:
    """The article's tokens, not yet parsed, dated for the components (``doc._.ng_published``)."""
    register()
    doc = nlp.make_doc(parse_text(article.text))
    doc._.ng_published = article.published
    return doc


def parse_many(nlp: spacy.Language, articles: list[Article], *, batch_size: int = 16,
               n_process: int = 1) -> Iterator[Doc]:
    """The articles' docs through ``nlp.pipe``, each with the passes' extensions set.

    With ``n_process > 1`` the workers parse and the passes run here, where the docs
    arrive: spaCy sends docs back as msgpack bytes, which do not carry the passes' results.
    """
    if n_process <= 1:
        yield from nlp.pipe((new_doc(nlp, a) for a in articles), batch_size=batch_size)
        return
    docs = nlp.pipe((parse_text(a.text) for a in articles), batch_size=batch_size, n_process=n_process,
                    disable=[name for name in PASSES if name in nlp.pipe_names])
    for article, doc in zip(articles, docs):
        yield run_passes(doc, article.published)


def extract_many(articles: Iterable[Article], nlp: spacy.Language | None = None, n_process: int = 1,
                 batch_size: int = 16) -> Iterator[ArticleGraph]:
    """Graphs of many articles, parsed in batches with ``nlp.pipe``."""
    nlp = nlp or load_model()
    items = list(articles)
    for article, doc in zip(items, parse_many(nlp, items, batch_size=batch_size, n_process=n_process)):
        yield graph_from_doc(article, doc)


def _span(text: str, a: int, b: int) -> Span:
    """A span trimmed of surrounding whitespace."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return Span.at(text, a, b)


def _sentence_span(doc: Doc, text: str, i: int) -> Span:
    sent = sentence_of(doc, i)
    return _span(text, sent.start_char, sent.end_char)


def graph_from_doc(article: Article, doc: Doc) -> ArticleGraph:
    """The graph of one article from its parsed text: ``article.text`` with its layout blanks
    made plain (:func:`.layout.parse_text`, what :func:`new_doc` parses). The passes read
    lines, paragraphs and sentences from the parsed text; every evidence span is then cut
    from ``article.text`` itself, its own blanks included (:func:`recut`)."""
    text = doc_text(doc)
    run_passes(doc, article.published)
    ents, drafts, quotes, times = doc._.ng_entities, doc._.ng_triggers, doc._.ng_statements, doc._.ng_dates
    names = {e.id: e.name for e in ents.entities}

    used: set[str] = set()

    def new_id(base: str) -> str:
        base = slug(base)[:60].strip("-") or "event"
        eid, n = base, 2
        while eid in used or eid in names:
            eid, n = f"{base}-{n}", n + 1
        used.add(eid)
        return eid

    events: list[Event] = []
    by_trigger: dict[int, Event] = {}
    merged = doc._.ng_events
    for i in sorted(merged):
        draft = drafts[i]
        parts, places = participants_of(doc, i)
        own = _sentence_span(doc, text, i)
        others = {_sentence_span(doc, text, j) for j in merged[i]} - {own}
        common = dict(
            label=label_for(doc, draft),
            evidence=[own, *sorted(others)],
            participants=parts,
            places=places,
            time=times.get(i),  # type: ignore[arg-type]
            factuality=factuality_of(doc, i),
            quantity=quantity(doc, draft),
        )
        if draft.type == "statement":
            speaker = next((p.entity for p in parts if p.role is Role.AGENT), None)
            for p in parts:
                if p.entity == speaker:
                    p.role = Role.SPEAKER
            ev: Event = Statement(id=new_id(f"statement-by-{names[speaker]}" if speaker else "statement"),
                                  type="statement", speaker=speaker, quote=None,
                                  **common)  # type: ignore[arg-type]
            if speaker:
                ev.label = f"Statement by {names[speaker]}"
        else:
            ev = Event(id=new_id(id_base(doc, draft, names, parts)), type=draft.type, **common)  # type: ignore[arg-type]
        events.append(ev)
        by_trigger[i] = ev

    _add_statements(doc, text, quotes, events, by_trigger, times, names, new_id)
    events.sort(key=lambda e: e.evidence[0].start)
    if text == article.text:
        return ArticleGraph(article=article, entities=ents.entities, events=events)
    parsed, origin = layout(article.text)
    if parsed != text:
        raise ValueError("the doc was not parsed from this article's text")
    return ArticleGraph(article=article, entities=recut(ents.entities, article.text, origin),
                        events=recut(events, article.text, origin))


def recut(value: T, text: str, origin: list[int]) -> T:
    """``value`` (a span, a list, or a dataclass holding them) with every :class:`Span` cut
    again from ``text``; ``origin`` gives the offset in ``text`` of each character of the
    parsed text the spans were cut from (:func:`.layout.layout`).

    >>> recut([Span(0, 7, "Ann Lee")], "Ann\\n  Lee", [0, 1, 2, 3, 6, 7, 8, 9])
    [Span(start=0, end=9, text='Ann\\n  Lee')]
    """
    if isinstance(value, Span):
        start = origin[value.start]
        end = origin[value.end - 1] + 1 if value.end > value.start else start
        return Span.at(text, start, end)  # type: ignore[return-value]
    if isinstance(value, list):
        return [recut(v, text, origin) for v in value]  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {f.name: recut(getattr(value, f.name), text, origin) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changed)  # type: ignore[return-value]
    return value


def _add_statements(doc: Doc, text: str, quotes: list[QuoteDraft], events: list[Event],  # noqa: PLR0913
                    by_trigger: dict[int, Event], times: dict[int, TimeSpan], names: dict[str, str],
                    new_id: Callable[[str], str]) -> None:
    """The quotation-assembly step: every quote draft becomes a Statement with its words.

    * a statement the text names by a noun in the attribution ("said in a statement",
      "issued a statement saying") or refers back to ("the statement reads:") is that
      Statement, not a second one; a reporting event whose verb attributes the words
      ("rights groups report that ...") becomes the Statement, keeping its type and label;
    * an event inside the words is reported (or called for) by the innermost statement
      whose words hold it, and a statement relayed inside another's words is reported by
      it: "X says groups report that 40 were detained" is X's statement reporting the
      groups' statement, which reports the detention;
    * a statement left without words of its own is an event of type statement, not a
      Statement: a Statement always carries its verbatim words.
    """
    toks = tokens(doc)
    made: list[tuple[QuoteDraft, Statement]] = []
    for q in quotes:
        quote_span = _span(text, *q.quote)
        evidence = sorted({_span(text, a, b) for a, b in q.evidence})
        if q.kind is QuoteKind.BLOCK:
            # the statement noun of the introduction names this very statement
            ia, ib = q.evidence[0]
            for i in [i for i, ev in by_trigger.items() if ev.type == "statement" and ia <= toks[i].idx < ib]:
                events.remove(by_trigger.pop(i))
        target = _statement_named(doc, q, events, by_trigger)
        description = _span(text, *q.description) if q.description and not q.speaker else None
        if target is not None:
            target.quote = quote_span
            target.quote_kind = q.kind
            if q.speaker and q.speaker != target.speaker:
                target.participants = [p for p in target.participants if p.role is not Role.SPEAKER]
                target.participants.insert(0, _participant(q.speaker, Role.SPEAKER))
                target.speaker = q.speaker
            if target.type == "statement" and target.speaker:
                target.label = statement_label(doc, q.verb, names[target.speaker], quote_span.text,
                                               reported=q.kind is QuoteKind.REPORTED)
            target.speaker_description = description if not target.speaker else None
            target.addressee = target.addressee or q.addressee
            target.evidence = sorted(set(target.evidence) | set(evidence))
            st = target
        else:
            parts = []
            if q.speaker:
                parts.append(_participant(q.speaker, Role.SPEAKER))
            if q.addressee and q.addressee != q.speaker:
                parts.append(_participant(q.addressee, Role.ADDRESSEE))
            who = names[q.speaker] if q.speaker else f"{description.text} (unnamed)" if description else None
            label = statement_label(doc, q.verb, who, quote_span.text, reported=q.kind is QuoteKind.REPORTED)
            verb = q.verb if q.verb is not None else q.dated_by
            st = Statement(id=new_id(f"statement-by-{who}" if who else "statement"), type="statement", label=label,
                           evidence=evidence,
                           participants=parts, speaker=q.speaker, addressee=q.addressee, quote=quote_span,
                           quote_kind=q.kind, speaker_description=description,
                           time=times.get(verb) if verb is not None else None,  # type: ignore[arg-type]
                           factuality=factuality_of(doc, q.verb) if q.verb is not None else
                           Statement.__dataclass_fields__["factuality"].default_factory())  # type: ignore[misc]
            events.append(st)
        made.append((q, st))
    # what the words report, and what they call for: the innermost words holding the trigger
    for i, ev in by_trigger.items():
        holders = [(q, st) for q, st in made if st is not ev and q.quote[0] <= toks[i].idx < q.quote[1]]
        if not holders:
            continue
        q, st = min(holders, key=lambda h: h[0].quote[1] - h[0].quote[0])
        refs = st.calls_for if _called_for(toks[i]) else st.reports
        if ev.id not in refs:
            refs.append(ev.id)
    for q, st in made:
        inner = [(q2, st2) for q2, st2 in made if st2 is not st and q2.verb is not None
                 and q.quote[0] <= toks[q2.verb].idx < q.quote[1]]
        for q2, st2 in inner:
            if not any(q3.quote[0] <= toks[q2.verb].idx < q3.quote[1] and q3.quote[1] - q3.quote[0] < q.quote[1] - q.quote[0]
                       for q3, _ in inner if q3 is not q2):
                if st2.id not in st.reports:
                    st.reports.append(st2.id)
    for k, ev in enumerate(events):
        if isinstance(ev, Statement) and ev.quote is None:
            events[k] = Event(id=ev.id, type=ev.type, label=ev.label, evidence=ev.evidence,
                              participants=ev.participants, places=ev.places, time=ev.time,
                              factuality=ev.factuality, quantity=ev.quantity)


def _statement_named(doc: Doc, q: QuoteDraft, events: list[Event], by_trigger: dict[int, Event]) -> Statement | None:
    """The statement event the quote's own attribution names, or None (see _add_statements)."""
    toks = tokens(doc)
    if q.definite:
        for ev in reversed(events):
            if isinstance(ev, Statement) and ev.quote is None and ev.evidence[0].start < q.quote[0] and (
                    q.speaker is None or ev.speaker in (None, q.speaker)):
                return ev
    if q.verb is None:
        return None
    verb = toks[q.verb]
    own = by_trigger.get(q.verb)
    if own is not None and not isinstance(own, Statement):
        st = Statement(id=own.id, type=own.type, label=own.label, evidence=own.evidence,
                       participants=[_participant(p.entity, Role.SPEAKER) if p.role is Role.AGENT else p
                                     for p in own.participants],
                       places=own.places, time=own.time, factuality=own.factuality, quantity=own.quantity,
                       speaker=q.speaker)
        events[events.index(own)] = by_trigger[q.verb] = st
        return st
    for i, ev in by_trigger.items():
        if isinstance(ev, Statement) and ev.quote is None and sentence_of(doc, i) is sentence_of(doc, q.verb) \
                and not q.quote[0] <= toks[i].idx < q.quote[1] and _related(toks[i], verb):
            return ev
    return None


def _related(noun: Token, verb: Token) -> bool:
    """The statement noun belongs to the speech verb's attribution: "said in a statement",
    "issued a statement saying", "in a statement, X said"."""
    up = {t.i for t in verb.ancestors} | {verb.i}
    return any(t.i in up for t in [noun, *noun.ancestors]) or noun.head.i in {c.i for c in verb.head.children}


QUOTE_WORDS = 8  # words of a quotation a statement's label opens with


def statement_label(doc: Doc, verb: int | None, who: str | None, words: str, *, reported: bool = False) -> str:
    """A statement's label, as a headline of it (``statement-label``): for quoted words, who,
    the speech verb as the text writes it, and the first words ("Jane Roe warned: “The bridge
    will not hold…”"); for reported speech, its clause ("Acme announced it would buy its
    rival"). Without a speech verb (a published statement, a quote going on after its
    attribution), who and the first words ("Jane Roe: “We will not move…”"); without a
    speaker either, the first words alone: a timeline of "Statement", "Statement" tells
    nothing. The full words stay in ``schema:text``.
    """
    if verb is not None and (reported or who is None):
        from .event_labels import clause_label, label_text

        said = doc[verb]
        told = next((c for c in said.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
        return label_text(doc, lambda limit: clause_label(said, limit) + (clause_label(told, limit) if told else []),
                          said)
    first = words.strip(" “”\"'‘’").split()
    opening = " ".join(first[:QUOTE_WORDS]).rstrip(",;:")
    quoted = f"“{opening}{'…' if len(first) > QUOTE_WORDS else ''}”"
    if verb is None and who:
        # quote marks only round quoted words: reported words ("according to X") are no quote
        return f"{who}: {quoted}" if opening and not reported else f"Statement by {who}"
    if verb is None or who is None:
        return quoted if opening else "Statement"
    tok = doc[verb]
    said = " ".join([c.text for c in tok.children if c.dep_ in ("aux", "neg") and c.i < tok.i] + [tok.text]
                    + [c.text for c in tok.children if c.dep_ == "prt"])
    return f"{who} {said}: {quoted}"


def _participant(eid: str, role: Role):  # type: ignore[no-untyped-def]
    from ..model import Participant

    return Participant(eid, role)


def _called_for(tok) -> bool:  # type: ignore[no-untyped-def]
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            return False
        if node.dep_ in ("xcomp", "ccomp", "advcl") and node.head.lemma_.lower() in CALL_LEMMAS:
            return True
        node = node.head
    return False


from .. import callable_module  # noqa: E402

callable_module(__name__)  # graph.extract(...) calls extract()
