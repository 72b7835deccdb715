"""The extraction passes as spaCy pipeline components, run in one order.

Each component reads what the earlier ones left in ``Doc`` extensions and sets its own:

=========================  ==============================  ====================================
component                  sets ``doc._.``                 reads ``doc._.``
=========================  ==============================  ====================================
``newsgraph_zones``        ``ng_zones``                    (the text)
``newsgraph_entities``     ``ng_entities``                 ``ng_zones``
``newsgraph_triggers``     ``ng_triggers``                 ``ng_zones``
``newsgraph_statements``   ``ng_statements``               ``ng_zones``, ``ng_entities``
``newsgraph_dates``        ``ng_time_expressions``,        ``ng_published``, ``ng_zones``,
                           ``ng_dates``                    ``ng_triggers``, ``ng_statements``
``newsgraph_events``       ``ng_events``                   ``ng_triggers``, ``ng_dates``,
                                                           ``ng_statements``
``newsgraph_participants`` ``ng_participants``             ``ng_events``, ``ng_triggers``,
                                                           ``ng_entities``
``newsgraph_factuality``   ``ng_factuality``               ``ng_events``, ``ng_statements``
=========================  ==============================  ====================================

The assembly (:func:`graph.extract.graph_from_doc`) builds the graph from these. A
component whose inputs are missing leaves its extension ``None`` (the dates need the
publication day, ``doc._.ng_published``, set on the ``Doc`` before the pipeline runs).

>>> import spacy
>>> from graph.extract.components import PASSES, add_newsgraph_components
>>> from graph.extract.pipeline import installed_models
>>> nlp = add_newsgraph_components(spacy.load(installed_models()[0]), only=PASSES[:2])
>>> [e.name for e in nlp("Jane Roe met officials of Acme Corp. in Paris.")._.ng_entities.entities]
['Jane Roe', 'Acme Corp.', 'Paris']

Extension values live in ``doc.user_data`` of the process that ran the pipeline: spaCy
sends docs between processes as msgpack bytes, which carry plain data only, so with
``nlp.pipe(..., n_process=2)`` run the components where the graph is built
(:func:`graph.extract.extract_many` does), or in forked workers that build it
(:mod:`graph.workers`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..model import Article, Factuality, Participant, QuoteKind
from .boilerplate import find_zones
from .dating import date_events
from .entities import find_entities
from .event_selection import select_events
from .events import find_triggers, participants, time_expressions
from .factuality import factuality
from .pipeline import doc_text
from .statements import find_statements

if TYPE_CHECKING:
    import spacy
    from spacy.tokens import Doc

__all__ = ["EXTENSIONS", "PASSES", "add_newsgraph_components", "register", "run_passes"]

_PUBLISHED_KEY = "newsgraph_published"  # ISO day in doc.user_data: plain data, crosses processes


def _zones(doc: Doc) -> None:
    doc._.ng_zones = find_zones(doc_text(doc))


def _entities(doc: Doc) -> None:
    doc._.ng_entities = find_entities(doc, doc._.ng_zones)


def _triggers(doc: Doc) -> None:
    doc._.ng_triggers = find_triggers(doc, doc._.ng_zones)


def _statements(doc: Doc) -> None:
    doc._.ng_statements = find_statements(doc, doc._.ng_zones, doc._.ng_entities)


def _dates(doc: Doc) -> None:
    """Time expressions and the dates of events; adds to ``ng_triggers`` the verbs that
    become events because a time expression or their tense dates them."""
    published: dt.date = doc._.ng_published
    zones, quotes = doc._.ng_zones, doc._.ng_statements
    found = time_expressions(doc, zones, published)
    article = Article(id="", text=doc_text(doc), published=published)
    verb_statements = {q.verb: q for q in quotes if q.verb is not None}
    doc._.ng_dates = date_events(doc, article, zones, found, quotes, doc._.ng_triggers, verb_statements)
    doc._.ng_time_expressions = found


def _events(doc: Doc) -> None:
    """One event per reported occurrence: trigger -> the mentions merged into it (updates
    ``ng_dates`` where a date passes to the kept mention)."""
    direct = [q.quote for q in doc._.ng_statements if q.kind is QuoteKind.DIRECT]
    doc._.ng_events = select_events(doc, doc._.ng_triggers, doc._.ng_dates, direct)


def _participants(doc: Doc) -> None:
    drafts, ents = doc._.ng_triggers, doc._.ng_entities
    doc._.ng_participants = {i: participants(doc, drafts[i], ents) for i in doc._.ng_events}


def _factuality(doc: Doc) -> None:
    verbs = set(doc._.ng_events) | {q.verb for q in doc._.ng_statements if q.verb is not None}
    doc._.ng_factuality = {i: factuality(doc[i]) for i in sorted(verbs)}


# (component name, the extensions it reads, the one it sets last, the pass), in pipeline order
_PASSES: tuple[tuple[str, tuple[str, ...], str, Callable[[Doc], None]], ...] = (
    ("newsgraph_zones", (), "ng_zones", _zones),
    ("newsgraph_entities", ("ng_zones",), "ng_entities", _entities),
    ("newsgraph_triggers", ("ng_zones",), "ng_triggers", _triggers),
    ("newsgraph_statements", ("ng_zones", "ng_entities"), "ng_statements", _statements),
    ("newsgraph_dates", ("ng_published", "ng_zones", "ng_triggers", "ng_statements"), "ng_time_expressions",
     _dates),
    ("newsgraph_events", ("ng_triggers", "ng_dates", "ng_statements"), "ng_events", _events),
    ("newsgraph_participants", ("ng_events", "ng_triggers", "ng_entities"), "ng_participants", _participants),
    ("newsgraph_factuality", ("ng_events", "ng_statements"), "ng_factuality", _factuality),
)
PASSES: tuple[str, ...] = tuple(name for name, *_ in _PASSES)
EXTENSIONS: tuple[str, ...] = ("ng_zones", "ng_entities", "ng_triggers", "ng_statements", "ng_time_expressions",
                               "ng_dates", "ng_events", "ng_participants", "ng_factuality")
_SETS: dict[str, tuple[str, ...]] = {"ng_time_expressions": ("ng_dates", "ng_time_expressions")}


def _get_published(doc: Doc) -> dt.date | None:
    day = doc.user_data.get(_PUBLISHED_KEY)
    return dt.date.fromisoformat(day) if day else None


def _set_published(doc: Doc, day: dt.date | None) -> None:
    doc.user_data[_PUBLISHED_KEY] = day.isoformat() if day else None


def _ready(doc: Doc, reads: tuple[str, ...]) -> bool:
    return all(getattr(doc._, name) is not None for name in reads)


def _component(reads: tuple[str, ...], run: Callable[[Doc], None]) -> Callable[[Doc], Doc]:
    def component(doc: Doc) -> Doc:
        if _ready(doc, reads):
            run(doc)
        return doc

    component.__doc__ = run.__doc__
    return component


def register() -> None:
    """Register the ``Doc`` extensions and the components with spaCy (idempotent)."""
    from spacy.language import Language
    from spacy.tokens import Doc

    if not Doc.has_extension("ng_published"):
        Doc.set_extension("ng_published", getter=_get_published, setter=_set_published)
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name, reads, sets, run in _PASSES:
        if not Language.has_factory(name):
            Language.component(name, requires=[f"doc._.{r}" for r in reads],
                               assigns=[f"doc._.{s}" for s in _SETS.get(sets, (sets,))],
                               func=_component(reads, run))


def __getattr__(name: str) -> Callable[[Doc], Doc]:
    """A component by its name, registered first: the target of the ``spacy_factories``
    entry points in ``pyproject.toml``. spaCy loads those when it makes a pipeline, so in an
    environment where newsgraph is installed ``nlp.add_pipe("newsgraph_zones")`` works
    without importing newsgraph first."""
    if name not in PASSES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from spacy.language import Language

    register()
    return Language.get_factory_meta(name).factory  # type: ignore[no-any-return]


def add_newsgraph_components(nlp: spacy.Language, only: tuple[str, ...] = PASSES) -> spacy.Language:
    """Add the extraction components (all, or ``only`` these) at the end of ``nlp``, after
    the parser and the entity recognizer, in pipeline order (idempotent)."""
    register()
    for name in PASSES:
        if name in only and name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


def run_passes(doc: Doc, published: dt.date) -> Doc:
    """Run on ``doc`` every pass whose extension is not set yet, as the pipeline would.

    A doc dated otherwise (or not at all) is dated again from ``published``, and so are the
    passes that read the dates.
    """
    register()
    if doc._.ng_published != published:
        doc._.ng_published = published
        for name in ("ng_triggers", *EXTENSIONS[EXTENSIONS.index("ng_time_expressions"):]):
            setattr(doc._, name, None)  # the dating adds the verbs it dates to the triggers
    for _name, reads, sets, run in _PASSES:
        if getattr(doc._, sets) is None and _ready(doc, reads):
            run(doc)
    return doc


def participants_of(doc: Doc, trigger: int) -> tuple[list[Participant], list[str]]:
    """Fresh copies of an event's participants and places (the assembly changes roles)."""
    parts, places = doc._.ng_participants[trigger]
    return [replace(p) for p in parts], list(places)


def factuality_of(doc: Doc, verb: int) -> Factuality:
    """A copy of the factuality found for the trigger or speech verb ``verb``."""
    return replace(doc._.ng_factuality[verb])
