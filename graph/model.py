"""Plain dataclasses for what an article says: the one model every step shares.

Data flows one way: article text -> (curated annotation | extractor) -> this model ->
``graph.rdf`` (the only place that makes triples) -> store -> exports.

Identifiers are local slugs, unique within one article (``"igor-kochetkov"``); the RDF
step turns them into IRIs under the article's namespace.

>>> text = "Igor Kochetkov said it."
>>> span = Span.at(text, 0, 14)
>>> span.text, span.end
('Igor Kochetkov', 14)
>>> Entity(id="igor-kochetkov", kind=EntityKind.PERSON, name="Igor Kochetkov",
...        evidence=[span]).is_actor
True
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from enum import StrEnum


@dataclass(frozen=True, order=True)
class Span:
    """Exact words of an article and their character offsets: ``text[start:end]``."""

    start: int
    end: int
    text: str

    @classmethod
    def at(cls, text: str, start: int, end: int) -> Span:
        """The span of ``text`` from ``start`` to ``end``."""
        return cls(start, end, text[start:end])

    def holds_in(self, text: str) -> bool:
        """True when these exact words stand in ``text`` at these offsets."""
        return 0 <= self.start <= self.end <= len(text) and text[self.start : self.end] == self.text


class EntityKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"


class Precision(StrEnum):
    """How precisely a date is known (see ``graph.timex``)."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"  # earliest .. latest, both known
    OPEN = "open"  # from earliest on, end unknown ("since December")
    BEFORE = "before"  # began on or before latest, start unknown ("by 2011", "until Friday")


class Certainty(StrEnum):
    """FactBank-style certainty of an event as the article presents it."""

    CERTAIN = "certain"
    PROBABLE = "probable"
    POSSIBLE = "possible"
    UNDERSPECIFIED = "underspecified"


class Polarity(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    UNDERSPECIFIED = "underspecified"


class Role(StrEnum):
    """The part an entity plays in an event."""

    AGENT = "agent"
    PATIENT = "patient"  # target of the event: the arrested, the killed
    SPEAKER = "speaker"
    ADDRESSEE = "addressee"
    PARTICIPANT = "participant"  # involved, role not given by the text


class QuoteKind(StrEnum):
    DIRECT = "direct"  # words in quotation marks
    BLOCK = "block"  # paragraphs introduced as someone's statement
    REPORTED = "reported"  # indirect speech: "X said that ..."


@dataclass
class Article:
    """One source document and what is known about it outside its text."""

    id: str
    text: str
    published: dt.date
    url: str | None = None
    publisher: str | None = None
    headline: str | None = None
    language: str = "en"
    source: str | None = None  # file name relative to its folder, never an absolute path


@dataclass
class Title:
    """A title or role kept apart from a name: "Secretary of State" of "U.S."."""

    text: str
    of: str | None = None  # entity id of the organization or place the title belongs to
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Entity:
    """A person, organization or place, with every mention that names it."""

    id: str
    kind: EntityKind
    name: str
    aliases: list[str] = field(default_factory=list)
    titles: list[Title] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    part_of: str | None = None  # entity id of a parent organization or enclosing place

    @property
    def is_actor(self) -> bool:
        """Persons and organizations are actors; places act only as states (see rdf)."""
        return self.kind is not EntityKind.PLACE


@dataclass
class TimeSpan:
    """A resolved date: what the text said, what it was resolved against, and how.

    ``earliest``/``latest`` bound the day on which the event began; ``latest`` is None
    for an open range (``OPEN``), ``earliest`` for one known only to have begun by a date
    (``BEFORE``). ``edtf`` is the Library of Congress EDTF form of the same.
    """

    precision: Precision
    earliest: dt.date | None
    latest: dt.date | None
    edtf: str
    rule: str
    anchor: dt.date
    phrase: Span | None = None

    @property
    def value(self) -> str | None:
        """The single timestamp for day, month or year precision, else None."""
        if self.precision in (Precision.DAY, Precision.MONTH, Precision.YEAR):
            return self.edtf
        return None


@dataclass
class Factuality:
    certainty: Certainty = Certainty.CERTAIN
    polarity: Polarity = Polarity.POSITIVE
    cue: Span | None = None  # the hedge or negation words


@dataclass
class Participant:
    entity: str
    role: Role


@dataclass
class Quantity:
    """How many were affected, as the text says it: "at least 40" -> 40, "at least"."""

    text: Span
    value: int | None = None
    qualifier: str | None = None


@dataclass
class Event:
    """Something that happened (or is called for), with its evidence."""

    id: str
    type: str
    label: str
    evidence: list[Span]
    participants: list[Participant] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    time: TimeSpan | None = None
    factuality: Factuality = field(default_factory=Factuality)
    quantity: Quantity | None = None


@dataclass
class Statement(Event):
    """The act of saying something: who said which words, to whom, and what they report."""

    speaker: str | None = None  # entity id; None when the text does not say
    # the words describing a speaker the text does not name ("a witness said" -> "witness");
    # set only when ``speaker`` is None, never turned into a name
    speaker_description: Span | None = None
    addressee: str | None = None
    quote: Span | None = None
    quote_kind: QuoteKind = QuoteKind.DIRECT
    reports: list[str] = field(default_factory=list)  # event ids the words report, statements they relay included
    calls_for: list[str] = field(default_factory=list)  # event ids the words call for


@dataclass
class ArticleGraph:
    """Everything one article says: the unit that becomes one named graph."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def statements(self) -> list[Statement]:
        return [e for e in self.events if isinstance(e, Statement)]

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id; KeyError when there is none."""
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        raise KeyError(entity_id)


@lru_cache(maxsize=1 << 16)  # the corpus layer slugs every cluster's label, most of them alike
def slug(name: str) -> str:
    """A readable id from a name: lowercase ASCII words joined by hyphens (pure: cached).

    >>> slug("Igor Kochetkov"), slug("U.S. State Department"), slug("Škoda Auto")
    ('igor-kochetkov', 'u-s-state-department', 'skoda-auto')
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "x"


# ----------------------------------------------------------------------------- corpus


@dataclass
class MergeRecord:
    """Why two names were merged into one corpus entity: the rule and both forms."""

    rule: str
    form: str
    matched: str


@dataclass
class CorpusEntity:
    """A corpus-level canonical entity and the article nodes (IRIs) that are the same as it."""

    id: str  # local id, unique in the corpus: "person/ramzan-kadyrov"
    kind: EntityKind
    label: str
    members: list[str]
    articles: list[str]
    forms: list[str] = field(default_factory=list)
    acts: bool = False  # a place that acts as a state somewhere in the corpus
    merges: list[MergeRecord] = field(default_factory=list)


@dataclass
class CorpusEvent:
    """A corpus-level event or statement: what one or more articles report as one thing.

    Details are copied here only when every source agrees (``time``, ``quantity``,
    ``quote``); where sources disagree they stay on each article's own event.
    """

    id: str  # local id, unique in the corpus: "event/arrest-of-x"
    type: str
    label: str
    members: list[str]
    articles: list[str]
    is_statement: bool = False
    roles: list[tuple[Role, str]] = field(default_factory=list)  # (role, CorpusEntity id)
    earliest: dt.date | None = None
    latest: dt.date | None = None
    edtf: str | None = None
    precision: str | None = None
    quantity: int | None = None
    quantity_qualifier: str | None = None  # as every report gives it with the number ("at least")
    quote: str | None = None
    reports: list[str] = field(default_factory=list)  # CorpusEvent ids
    date_disputed: bool = False  # no day can begin the event in every report (graph.agreement)
    quantity_disputed: bool = False  # no number fits every report (graph.agreement)


@dataclass
class Corpus:
    """The corpus graph: every article, its canonical entities and its corpus events."""

    articles: list[str] = field(default_factory=list)  # article IRIs
    entities: list[CorpusEntity] = field(default_factory=list)
    events: list[CorpusEvent] = field(default_factory=list)
    merged: bool = True
