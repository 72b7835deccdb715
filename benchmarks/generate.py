"""A synthetic news corpus: article texts and their graphs, consistent to the character.

Each article is a headline and paragraphs of English sentences about named people,
organizations and places: events with date phrases, quotations and background
sentences, about as long as real news (MEANTIME's Wikinews articles: 570 to 6,200
characters, mean 1,750). The model objects carry exact
evidence spans, so the same articles serve the store benchmark (load the graphs) and
the corpus benchmark (extract the texts). Deterministic for a given seed.

    python benchmarks/generate.py 20000 --jsonl corpus.jsonl   # texts for `newsgraph ingest`

>>> arts = list(generate_articles(3, seed=1))
>>> all(s.holds_in(a.article.text) for a in arts for e in a.entities for s in e.evidence)
True
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.model import (  # noqa: E402
    Article,
    ArticleGraph,
    Entity,
    EntityKind,
    Event,
    Participant,
    QuoteKind,
    Role,
    Span,
    Statement,
    slug,
)
from graph.timex import resolve  # noqa: E402

FIRST = ["Anna", "Boris", "Carla", "David", "Elena", "Farid", "Grace", "Hugo", "Irina", "Jonas",
         "Karim", "Lena", "Marco", "Nadia", "Omar", "Petra", "Ravi", "Sofia", "Tomas", "Vera"]
LAST = ["Alvarez", "Brandt", "Chen", "Dubois", "Esposito", "Fischer", "Garcia", "Haddad", "Ivanova",
        "Jensen", "Kowalski", "Larsen", "Moreau", "Novak", "Okafor", "Petrov", "Quinn", "Rossi",
        "Sato", "Tanaka", "Umarov", "Varga", "Weber", "Yilmaz", "Zhou"]
ORG_HEAD = ["Ministry of Justice", "Human Rights Watch", "Supreme Court", "Central Bank",
            "Workers Union", "Press Association", "Electoral Commission", "Red Cross",
            "National Police", "Green Party", "Energy Agency", "Health Ministry"]
PLACES = ["Riga", "Tbilisi", "Lyon", "Porto", "Gdansk", "Bergen", "Nairobi", "Lima", "Osaka",
          "Izmir", "Kazan", "Quito", "Accra", "Hanoi", "Cork", "Graz", "Turin", "Basra", "Cusco", "Perth"]
EVENTS = [("arrest", "was arrested by police in {place}", "Arrest of {person}"),
          ("release", "was released from custody in {place}", "Release of {person}"),
          ("meeting", "met officials of the {org} in {place}", "{person} meets the {org}"),
          ("ruling", "lost an appeal before the court in {place}", "Court ruling on {person}"),
          ("election", "was elected to the board of the {org}", "Election of {person}"),
          ("protest", "led a protest against the {org} in {place}", "Protest led by {person}")]
DATES = ["on Monday", "on Tuesday", "yesterday", "last week", "on March 3", "on Nov. 14", "in 2017",
         "last month", "earlier this week", "since December", "on July 21, 2016", None]
QUOTES = ["We will not accept this decision.", "The rights of all citizens must be respected.",
          "Nothing has changed since last year.", "This is a matter for the courts."]


class _Text:
    """Builds an article text while recording the spans of what it names."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, words: str) -> Span:
        span = Span(self.length, self.length + len(words), words)
        self.parts.append(words)
        self.length += len(words)
        return span

    @property
    def text(self) -> str:
        return "".join(self.parts)


FILLERS = ["The case has drawn wide attention in the region.",
           "Officials did not respond to requests for comment.",
           "Local media reported the news first.",
           "Several lawyers have followed the case closely.",
           "The details could not be independently verified.",
           "Observers expect further developments in the coming weeks."]
SENTENCES = (4, 19)  # event sentences per article: a mean length like MEANTIME's (~1,750 characters)


class _Cast:
    """The entities of one article: a name mentioned again adds evidence to its entity."""

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}

    def mention(self, kind: EntityKind, name: str, span: Span) -> str:
        key = slug(name) + ("-place" if kind is EntityKind.PLACE else "")
        if key in self.entities:
            self.entities[key].evidence.append(span)
        else:
            self.entities[key] = Entity(key, kind, name, evidence=[span])
        return key


def _event_sentence(t: _Text, cast: _Cast, rng: random.Random, published: dt.date, k: int,
                    person: str, org: str) -> list[Event]:
    """One sentence reporting an event, and sometimes a quotation by its person."""
    place = rng.choice(PLACES)
    kind, clause, label = rng.choice(EVENTS)
    pid = cast.mention(EntityKind.PERSON, person, t.add(person))
    t.add(", a member of the ")
    cast.mention(EntityKind.ORGANIZATION, org, t.add(org))
    t.add(", ")
    words = clause.format(place=place, org=org, person=person)
    c = t.add(words)
    places = []
    if place in words:
        start = c.start + words.find(place)
        places.append(cast.mention(EntityKind.PLACE, place, Span(start, start + len(place), place)))
    date_phrase = rng.choice(DATES)
    time = None
    if date_phrase:
        t.add(" ")
        time = resolve(date_phrase, published, span=t.add(date_phrase))
    t.add(". ")
    role = Role.PATIENT if kind in ("arrest", "release", "ruling") else Role.AGENT
    eid = f"{kind}-{k}"
    events: list[Event] = [Event(id=eid, type=kind, label=label.format(person=person, org=org), evidence=[c],
                                 participants=[Participant(pid, role)], places=places, time=time)]
    if rng.random() < 0.4:
        t.add("“")
        q = t.add(rng.choice(QUOTES))
        t.add("” said ")
        cast.mention(EntityKind.PERSON, person, t.add(person))
        t.add(". ")
        events.append(Statement(id=f"statement-{k}", type="statement", label=f"{person} on the {kind}",
                                evidence=[Span(q.start - 1, t.length - 2, t.text[q.start - 1 : t.length - 2])],
                                participants=[Participant(pid, Role.SPEAKER)], speaker=pid, quote=q,
                                quote_kind=QuoteKind.DIRECT, reports=[eid]))
    return events


def _article(index: int, rng: random.Random, base: dt.date) -> ArticleGraph:
    """A headline and paragraphs of event sentences, quotations and background sentences."""
    published = base + dt.timedelta(days=rng.randrange(0, 3 * 365))
    people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(3)]
    orgs = [f"{rng.choice(PLACES)} {rng.choice(ORG_HEAD)}" for _ in range(2)]
    t = _Text()
    headline = f"{people[0]} and the {orgs[0]}"
    t.add(headline + "\n\n")
    cast = _Cast()
    events: list[Event] = []
    for k in range(rng.randint(*SENTENCES)):
        person = people[0] if k == 0 else rng.choice(people)
        events += _event_sentence(t, cast, rng, published, k, person, orgs[0] if k == 0 else rng.choice(orgs))
        if rng.random() < 0.3:
            t.add(rng.choice(FILLERS) + " ")
        if k % 2 == 1:
            t.add("\n\n")
    t.add("\n")
    article = Article(id=f"synthetic-{index:06d}", text=t.text, published=published,
                      url=f"https://news.example.org/{index:06d}", publisher=f"{rng.choice(PLACES)} Herald",
                      headline=headline, source=f"synthetic-{index:06d}.txt")
    return ArticleGraph(article, list(cast.entities.values()), events)


def generate_articles(n: int, *, seed: int = 0) -> Iterator[ArticleGraph]:
    """``n`` synthetic articles with their graphs."""
    rng = random.Random(seed)
    base = dt.date(2016, 1, 1)
    for index in range(n):
        yield _article(index, rng, base)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jsonl", type=Path, required=True, help="write one article per line for ingest")
    args = parser.parse_args()
    with args.jsonl.open("w", encoding="utf-8") as out:
        for ag in generate_articles(args.n, seed=args.seed):
            a = ag.article
            out.write(json.dumps({"text": a.text, "published": a.published.isoformat(), "url": a.url,
                                  "title": a.headline, "publisher": a.publisher}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
