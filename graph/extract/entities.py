"""Persons, organizations and places of one parsed article, each with all its mentions.

The statistical NER proposes mentions; rules by principle correct them:

* **clean edges** - a mention never spans a line break, a slash or a list bullet, loses a
  leading article, a possessive, stray quotes ("Harry Potter'" -> "Harry Potter"), a
  lower-case "and"/"or" at either end and a bracket it never closes;
* **boilerplate zones** - mentions in share bars, image credits, link lists and the like
  are dropped (:mod:`graph.extract.boilerplate`);
* **headlines** - in a title-case line a mention is kept only as far as it matches a body
  mention ("State Department Officially Responds" -> "State Department"), persons and
  places excepted;
* **organization heads** - a phrase ending in Department, Network, Office, Agency, Court,
  Ministry, Party, Press ... is an organization whatever the tagger said, and a capitalised
  run ending in such a head is added when the tagger missed it;
* **person shapes** - a run of two to four capitalised proper nouns followed by
  "of (the) ORG" or a speech verb, or preceded by a title, is a person;
* **titles** - "U.S. Secretary of State Mike Pompeo" -> person Mike Pompeo with title
  "Secretary of State" of the U.S.; an organization tagged inside a title is dropped, and a
  cabinet office is titled by its portfolio ("Defense Secretary" makes no "Defense");
* **acronym-led names** - "OSCE Office for ..." -> the office, part of the OSCE;
* **descriptors** - an acronym modifying a people noun ("LGBT people") is no organization;
* **facilities are places**, **dateline place**, **name heads**, **place modifiers**
  ("the French government", "Senate Democrats"), **names cut at a preposition**,
  **place nouns** ("Tarbit village"), **organization nouns** ("retailer Best Buy"),
  **names inside another name** ("the Vietnam era"), **not names** ("Hurricane Katrina",
  "Galaxy S23") - see docs/extraction.md, one function each;
* **kind** - a cluster's longest mentions (or its rule-made ones) vote its kind;
* **merging** - surnames and first names join the full name, acronyms their expansion,
  "Department of State" ~ "U.S. State Department" (of-inversion, a place modifier set aside),
  "Apple Inc." joins "Apple", and "the network" joins the one organization whose name
  ends in that head word. The canonical name is the fullest form.

A state acting as an actor ("We call on Russia to ...") stays ONE entity of kind PLACE;
events give it the agent, addressee or speaker role, and the RDF step types a place with
such a role as an actor as well.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Entity, EntityKind, Span, Title, slug
from .pipeline import doc_text, per_doc, sentence_of, tokens
from .boilerplate import Zones, find_datelines, headline_end
from .names import (
    CORPORATE_SUFFIXES,
    COUNTRY_ABBREVIATIONS,
    HONORIFICS,
    SURNAME_HEADS,
    FACILITY_NOUNS,
    INSTITUTION_HEADS,
    ORG_NOUNS,
    PERIOD_NOUNS,
    PARTY_MEMBER_NOUNS,
    PLACE_HEADS,
    PLACE_NOUNS,
    MONTHS_AND_DAYS,
    NOMINAL_ANAPHORA_HEADS,
    ORG_HEADS,
    PEOPLE_GROUP_NOUNS,
    STATE_HEADS,
    TITLE_WORDS,
    acronym_matches,
    head_first,
    is_acronym,
    looks_like_person_name,
    name_key,
    strip_corporate,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as Span_

LABEL_KIND = {
    "PERSON": EntityKind.PERSON,
    "ORG": EntityKind.ORGANIZATION,
    "GPE": EntityKind.PLACE,
    "LOC": EntityKind.PLACE,
    "FAC": EntityKind.PLACE,  # buildings, roads, bridges, airports are places
}
SPEECH_LEMMAS = frozenset("say tell add state explain note announce claim argue insist warn write "
                          "comment confirm deny report reply respond acknowledge".split())
_QUOTE_CHARS = "\"'“”‘’«»"


@dataclass
class Mention:
    tstart: int
    tend: int
    start: int
    end: int
    kind: EntityKind
    source: str = "ner"
    title: tuple[int, int] | None = None  # char offsets of a title before the name
    title_of: Mention | None = None
    parent: Mention | None = None
    cluster: int = -1


@dataclass
class EntityResult:
    """Entities of one article and, for other rules, which tokens name which entity."""

    entities: list[Entity]
    token_entity: dict[int, str]
    ignored: list[str] = field(default_factory=list)  # names seen only in boilerplate

    def by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}


def _is_break(token: Token) -> bool:
    """A line break, a slash or bar, or a list bullet standing alone ("* Chicago * Detroit")."""
    return (token.is_space and "\n" in token.text) or token.text in ("/", "|", "•", "·") \
        or token.text == "*" and (token.i == 0 or token.nbor(-1).whitespace_ != "")


def _conjunction(token: Token) -> bool:
    """A lower-case coordinating word ("and", "or"): never the edge of a name, while a
    capitalised one may be a name ("Hafiz Nor")."""
    return token.tag_ == "CC" and token.is_lower


def _balanced(toks: list[Token], s: int, e: int) -> int:
    """The end of ``s..e`` cut before an opening bracket that is never closed inside it:
    "Software Development Kit (SDK" -> "Software Development Kit"."""
    depth, opened = 0, e
    for i in range(s, e):
        if toks[i].text == "(":
            depth, opened = depth + 1, i if depth == 0 else opened
        elif toks[i].text == ")" and depth:
            depth -= 1
    return opened if depth else e


def _split_after_suffix(toks: list[Token], s: int, e: int) -> list[tuple[int, int]]:
    """``s..e`` cut at a lower-case "and" or "or" after a corporate suffix: a company's name
    ends with its suffix, so "Norvik Group and Tellusbank" are two names ("Marks and Spencer
    Group" is one)."""
    for i in range(s + 1, e - 1):
        if _conjunction(toks[i]) and toks[i - 1].lower_ in CORPORATE_SUFFIXES and toks[i + 1].text[:1].isupper():
            return [(s, i), *_split_after_suffix(toks, i + 1, e)]
    return [(s, e)]


def _clean(doc: Doc, a: int, b: int) -> list[tuple[int, int]]:
    """Token ranges of a mention after cutting at breaks and trimming its edges."""
    toks = tokens(doc)
    pieces: list[tuple[int, int]] = []
    start = a
    for i in range(a, b):
        tok = toks[i]
        if _is_break(tok) or "\n" in tok.whitespace_ and i + 1 < b:
            end = i if _is_break(tok) else i + 1
            if end > start:
                pieces.append((start, end))
            start = i + 1
    if start < b:
        pieces.append((start, b))
    pieces = [piece for s, e in pieces for piece in _split_after_suffix(toks, s, e)]
    out = []
    for s, e in pieces:
        e = _balanced(toks, s, e)
        while s < e and (toks[s].is_space or toks[s].is_punct or toks[s].lower_ in ("the", "a", "an")
                         or toks[s].text in _QUOTE_CHARS or _conjunction(toks[s])):
            s += 1
        while e > s and (toks[e - 1].is_space or toks[e - 1].tag_ == "POS" or _conjunction(toks[e - 1])
                         or toks[e - 1].text in _QUOTE_CHARS
                         or (toks[e - 1].is_punct and toks[e - 1].text not in (".",))):
            e -= 1
        if e > s and any(ch.isupper() for ch in text_of(doc, s, e)):
            out.append((s, e))
    return out


def _mention(doc: Doc, s: int, e: int, kind: EntityKind, source: str = "ner") -> Mention:
    toks = tokens(doc)
    return Mention(s, e, toks[s].idx, toks[e - 1].idx + len(toks[e - 1].text), kind, source)


def _ents(doc: Doc) -> list[Span_]:
    """``doc.ents``, built once per doc (spaCy rebuilds the tuple on every access), with
    every person's name carried past a particle it ends in (:func:`_through_particles`)."""
    return per_doc(doc, "newsgraph_ents", lambda: _through_particles(doc, list(doc.ents)))


def _through_particles(doc: Doc, ents: list[Span_]) -> list[Span_]:
    """A person's name does not end in a particle: "Ursula von der" goes on to the capitalised
    word after it ("Leyen"), and whatever the tagger made of that word is dropped."""
    toks = tokens(doc)
    out: list[Span_] = []
    skip_to = -1
    for ent in ents:
        if ent.start < skip_to:
            continue
        end = ent.end
        if ent.label_ == "PERSON" and toks[end - 1].lower_ in _NAME_PARTICLES and toks[end - 1].is_lower:
            stop = end
            while stop < len(toks) and toks[stop].lower_ in _NAME_PARTICLES and toks[stop].is_lower:
                stop += 1  # "Ursula von" + "der"
            if stop < len(toks) and toks[stop].is_alpha and toks[stop].text[:1].isupper() \
                    and all(t.whitespace_ == " " for t in toks[end - 1 : stop]):
                end = stop + 1  # the surname after the particles: one word ("de Gaulle", "von der Leyen")
        if end != ent.end:
            ent = doc[ent.start : end]
            ent.label_ = "PERSON"
            skip_to = end
        out.append(ent)
    return out


def _text(doc: Doc, m: Mention) -> str:
    return doc_text(doc)[m.start : m.end]


def text_of(doc: Doc, a: int, b: int) -> str:
    """The text of tokens ``a`` to ``b`` (empty if none)."""
    toks = tokens(doc)
    return doc_text(doc)[toks[a].idx : toks[b - 1].idx + len(toks[b - 1].text)] if b > a else ""


# Heads of a building or site's proper name that stands for the place, not for whoever runs
# it ("Guadalupe Church", "Twentynine Palms Marine Base"): not "Palace", "Hospital" or "Museum",
# which news also makes speak ("Buckingham Palace said").
_SITE_HEADS = frozenset("church cathedral mosque temple synagogue airport airfield airbase base stadium bridge".split())


def _site_name(toks: list[Token], s: int, e: int) -> bool:
    """A name of two words or more that ends in a capitalised :data:`_SITE_HEADS` noun."""
    return e - s >= 2 and toks[e - 1].lower_ in _SITE_HEADS and toks[e - 1].text[:1].isupper()


def _site_start(toks: list[Token], s: int, e: int) -> int:
    """Where a site's name starts: back over the capitalised words of its phrase that the
    tagger left out ("Twentynine" + "Palms Marine Base"), never over a lower-case word or a title."""
    head = toks[e - 1]
    k = s
    while k > 0 and head.is_ancestor(toks[k - 1]) and _capitalised(toks[k - 1]) \
            and toks[k - 1].tag_ in ("NNP", "NNPS") and toks[k - 1].lower_ not in TITLE_WORDS:
        k -= 1
    return k


# A compass point and one noun name a region ("West Bank", "North Shore"), whatever the noun.
COMPASS_WORDS = frozenset("north south east west northern southern eastern western upper lower central".split())


def _relabel(doc: Doc, m: Mention) -> Mention:
    """Organization heads make organizations, site heads places ("Guadalupe Church"); a lone
    acronym is not a person; a compass point and a noun stay a place (:data:`COMPASS_WORDS`)."""
    toks = tokens(doc)
    last = toks[m.tend - 1].lower_
    if m.kind is not EntityKind.PERSON and _site_name(toks, m.tstart, m.tend):
        return _mention(doc, _site_start(toks, m.tstart, m.tend), m.tend, EntityKind.PLACE, m.source)
    if m.kind is not EntityKind.ORGANIZATION and last in ORG_HEADS and m.tend - m.tstart >= 2 \
            and not (m.kind is EntityKind.PLACE and last in STATE_HEADS) \
            and not (m.kind is EntityKind.PLACE and m.tend - m.tstart == 2 and toks[m.tstart].lower_ in COMPASS_WORDS) \
            and not (m.kind is EntityKind.PERSON and last in SURNAME_HEADS):
        m.kind = EntityKind.ORGANIZATION
    if m.kind is EntityKind.PERSON and m.tend - m.tstart == 1 and is_acronym(toks[m.tstart].text):
        m.kind = EntityKind.ORGANIZATION
    return m


def _strip_person_titles(doc: Doc, m: Mention) -> Mention | None:
    """Leading title words of a person mention become its title: "Senator John McCain"."""
    toks = tokens(doc)
    s = _past_titles(toks, m.tstart, m.tend - 1)
    if s == m.tstart:
        return m
    new = _mention(doc, s, m.tend, m.kind, m.source)
    if toks[m.tstart].lower_ not in HONORIFICS or s - m.tstart > 1:
        t0 = m.tstart + (1 if toks[m.tstart].lower_ in HONORIFICS else 0)
        if t0 < s:
            new.title = (toks[t0].idx, toks[s - 1].idx + len(toks[s - 1].text))
    return new


def _past_titles(toks: list[Token], start: int, stop: int) -> int:
    """The first token from ``start`` (at most ``stop``) that is no title word or honorific."""
    while start < stop and (toks[start].lower_ in TITLE_WORDS or toks[start].lower_ in HONORIFICS):
        start += 1
    return start


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper() and (tok.is_alpha or "-" in tok.text or "." in tok.text or "'" in tok.text)


def _rule_mentions(doc: Doc, taken: list[bool], org_by_token: dict[int, Mention],
                   person_words: set[str]) -> list[Mention]:
    """Mentions the tagger missed: person-name runs in a person context, org-head runs."""
    toks = tokens(doc)
    found: list[Mention] = []
    n = len(doc)
    i = 0
    while i < n:
        tok = toks[i]
        if taken[i] or not _capitalised(tok) or tok.tag_ not in ("NNP", "NNPS", "JJ", "NN"):
            i += 1
            continue
        j = i
        while j < n and not taken[j] and _capitalised(toks[j]) and toks[j].tag_ in ("NNP", "NNPS", "JJ", "NN") \
                and (j == i or "\n" not in toks[j - 1].whitespace_):
            j += 1
        words = [t.text for t in toks[i:j]]
        proper, start = all(t.tag_ in ("NNP", "NNPS") for t in toks[i:j]), _phrase_start(doc, i, j)
        if j - i >= 2 and toks[j - 1].lower_ in ORG_HEADS and toks[i].is_sent_start is not True \
                and all(not w.lower() in MONTHS_AND_DAYS for w in words):
            found.append(_mention(doc, i, j, EntityKind.ORGANIZATION, "rule:org-head"))
        elif proper and _site_name(toks, start, j):
            found.append(_mention(doc, _site_start(toks, start, j), j, EntityKind.PLACE, "rule:site-head"))
        elif proper and _named_by_org_noun(doc, start, j):
            found.append(_mention(doc, start, j, EntityKind.ORGANIZATION, "rule:org-noun"))
        elif proper:
            p = _past_titles(toks, i, j - 2)  # a leading title is no part of the name: "Lawmaker Ana Ruiz"
            if looks_like_person_name(words[p - i:]) and (
                    _person_context(doc, p, j, org_by_token) or words[-1].lower() in person_words):
                found.append(_mention(doc, p, j, EntityKind.PERSON, "rule:person-shape"))
        i = max(j, i + 1)
    return found


def _phrase_start(doc: Doc, i: int, j: int) -> int:
    """The first token of the run ``i..j`` that can begin a name: a capitalised word that hangs
    elsewhere in the parse, or a stop word capitalised only because it opens the sentence
    ("Meanwhile" of "Meanwhile Stonebridge, a lender,"), is not part of the name."""
    toks = tokens(doc)
    k = i
    while k < j - 1 and (not i <= toks[k].head.i < j or toks[k].is_sent_start and toks[k].is_stop):
        k += 1
    return k


def _named_by_org_noun(doc: Doc, i: int, j: int) -> bool:
    """Whether the proper-noun run ``i..j`` is named as a company by a common noun of one: in
    apposition after a comma ("Zentrix, a software company based in Ohio,") or as the noun's
    name right after it ("security contractor Zentrix"), the way :func:`_org_contexts` retypes
    a tagged name."""
    toks = tokens(doc)
    root = toks[j - 1]
    if j < len(doc) and toks[j].text == "," and any(
            c.dep_ == "appos" and c.is_lower and c.lower_ in ORG_NOUNS for c in root.children):
        return True
    if root.dep_ == "appos" and root.head.is_lower and root.head.lower_ in ORG_NOUNS:
        return True  # "the airline, Skyways, said"
    before = toks[i - 1] if i > 0 else None
    return before is not None and before.is_lower and before.lower_ in ORG_NOUNS and before.head.i == root.i


def _person_context(doc: Doc, i: int, j: int, org_by_token: dict[int, Mention]) -> bool:
    """Whether the name-shaped run ``i..j`` stands where English puts a person: before an
    age ("John Smith, 45,"), a relative "who" ("Ana Ruiz, who leads the union"), "of" an
    organization, or a speech verb, after a speech verb ("said Ana Ruiz"), or after a title."""
    toks = tokens(doc)
    n = len(doc)
    k = j
    if k < n and toks[k].lower_ == ",":
        k += 1
        if k < n and (toks[k].like_num or toks[k].lower_ == "who"):  # "John Smith, 45,", "Ana Ruiz, who"
            return True
    if k < n and toks[k].lower_ == "of":
        k += 1
        if k < n and toks[k].lower_ == "the":
            k += 1
        while k < n and toks[k].is_space:
            k += 1
        if k in org_by_token:
            return True
    if j < n and toks[j].lemma_.lower() in SPEECH_LEMMAS and toks[j].pos_ == "VERB":
        return True
    if i > 0 and toks[i - 1].lower_ in TITLE_WORDS:
        return True
    if i > 0 and toks[i - 1].lemma_.lower() in SPEECH_LEMMAS and toks[i - 1].pos_ == "VERB" \
            and toks[i - 1].tag_ in ("VBD", "VBZ"):  # the inverted attribution of news: "…," said Ana Ruiz
        return True
    return False


def _title_before(doc: Doc, m: Mention, by_token: dict[int, Mention]) -> None:
    """A title right before a person: "U.S. Secretary of State Mike Pompeo"."""
    toks = tokens(doc)
    if m.title is not None:
        return
    if _appositive_title(doc, m):
        return
    s = m.tstart
    k = s - 1
    sent_start = sentence_of(doc, s).start
    while k >= sent_start and (toks[k].lower_ in TITLE_WORDS or (toks[k].lower_ in ("of", "for", "the")
                                                              and k - 1 >= sent_start)
                               or (toks[k].text == "-" and k - 1 >= sent_start and not toks[k - 1].whitespace_
                                   and toks[k - 1].lower_ in TITLE_WORDS)  # "Secretary-General"
                               or (k in by_token and by_token[k].kind is not EntityKind.PERSON)
                               or (toks[k].text[:1].isupper() and toks[k].pos_ in ("PROPN", "NOUN", "ADJ")
                                   and (toks[k + 1].lower_ in TITLE_WORDS
                                        or k - 1 >= sent_start and toks[k - 1].lower_ in ("of", "for")))):
        k -= 1
    k += 1
    while k < s and toks[k].lower_ in ("of", "for", "the"):
        k += 1
    if k >= s or not any(toks[x].lower_ in TITLE_WORDS for x in range(k, s)):
        return
    # a leading place or organization is whose title it is: "U.S. | Secretary of State"
    t0 = k
    owner = None
    if k in by_token and by_token[k].kind is not EntityKind.PERSON and toks[by_token[k].tend].lower_ in TITLE_WORDS \
            and not _portfolio(toks, by_token[k]):
        owner = by_token[k]
        t0 = owner.tend
    while t0 < s and toks[t0].lower_ not in TITLE_WORDS and toks[t0].lower_ not in HONORIFICS \
            and not toks[t0].text[:1].isupper():
        t0 += 1
    while t0 < s and toks[t0].lower_ in HONORIFICS:
        t0 += 1
    if t0 >= s:
        return
    m.title = (toks[t0].idx, toks[s - 1].idx + len(toks[s - 1].text))
    m.title_of = owner


def _apposed_title(doc: Doc, m: Mention) -> Token | None:
    """The title word the name stands in apposition to, set off by a comma ("its chairman,
    Lars Eklund,"), or None."""
    toks = tokens(doc)
    root = toks[m.tend - 1]
    head = root.head
    if root.dep_ != "appos" or head.i >= m.tstart or head.lower_ not in TITLE_WORDS \
            or m.tstart < 1 or toks[m.tstart - 1].text != ",":
        return None
    return head


def _appositive_title(doc: Doc, m: Mention) -> bool:
    """A person named in apposition to a title is titled so: "The Defence Minister, Ben
    Wallace, said", "its executive director, Irungu Houghton," (the title's words, without
    its article or possessive). Sets ``m.title`` and says whether it did."""
    toks = tokens(doc)
    head = _apposed_title(doc, m)
    if head is None:
        return False
    words = [t for t in head.subtree if t.i <= head.i and t.dep_ not in ("det", "poss", "case", "punct")
             and not (t.i < head.i and t.head.dep_ == "poss")]
    start = min(t.i for t in words)
    if any(toks[i].dep_ in ("det", "poss") and toks[i].head.i == head.i for i in range(start, head.i)):
        return False  # a gap in the title's words
    m.title = (toks[start].idx, head.idx + len(head.text))
    return True


_PORTFOLIO_TITLES = frozenset("minister secretary commissioner".split())


def _portfolio(toks: list[Token], m: Mention) -> bool:
    """A cabinet office is titled by its portfolio, not by an owner: in "Defense Secretary" or
    "Interior Minister" the one capitalised word before "minister", "secretary" or
    "commissioner" is part of the title, whatever the tagger called it. An acronym ("UN
    Secretary-General"), a place ("Kenya Finance Minister") or a name of several
    words ("Labour Party Secretary") still owns the title."""
    return m.kind is EntityKind.ORGANIZATION and m.tend - m.tstart == 1 \
        and not is_acronym(toks[m.tstart].text) and toks[m.tend].lower_ in _PORTFOLIO_TITLES


def _descriptor(doc: Doc, m: Mention) -> bool:
    """An acronym modifying a people noun describes people: "LGBT people"."""
    toks = tokens(doc)
    if m.tend - m.tstart != 1 or not is_acronym(toks[m.tstart].text):
        return False
    head = toks[m.tstart].head
    return head.i != m.tstart and head.lower_ in PEOPLE_GROUP_NOUNS and head.text.islower()


def find_entities(doc: Doc, zones: Zones) -> EntityResult:
    """All entities of ``doc`` (see the module docstring for the rules)."""
    text = doc_text(doc)
    ignored: list[str] = []
    mentions: list[Mention] = []
    headline_mentions: list[Mention] = []
    for ent in _ents(doc):
        kind = LABEL_KIND.get(ent.label_)
        if kind is None or ent.label_ == "FAC" and len(ent) == 1 and any(ch.isdigit() for ch in ent.text):
            continue
        for s, e in _clean(doc, ent.start, ent.end):
            if kind is EntityKind.PERSON:
                e = _hyphenated_end(doc, e)
            elif kind is EntityKind.PLACE:
                e = _hyphenated_place_end(doc, e)
            m = _relabel(doc, _mention(doc, s, e, kind))
            zone = zones.kind_at(m.start, m.end)
            if zone is not None and zone != "headline":
                ignored.append(_text(doc, m))
                continue
            if m.kind is EntityKind.PERSON:
                stripped = _strip_person_titles(doc, m)
                if stripped is None:
                    continue
                m = stripped
            (headline_mentions if zone == "headline" else mentions).append(m)

    # body keys decide what a headline mention may be
    body_kind: dict[str, EntityKind] = {}
    for m in mentions:
        body_kind.setdefault(name_key(_text(doc, m)), m.kind)
    for m in headline_mentions:
        kept = None
        for e in range(m.tend, m.tstart, -1):
            key = name_key(text[doc[m.tstart].idx : doc[e - 1].idx + len(doc[e - 1].text)])
            if key in body_kind:
                kept = _mention(doc, m.tstart, e, body_kind[key], "headline")
                break
        if kept is None and m.kind is EntityKind.PERSON and looks_like_person_name(
                [t.text for t in doc[m.tstart : m.tend]]):
            kept = m
        if kept is None and m.kind is EntityKind.PLACE and m.tend - m.tstart <= 2:
            kept = m
        if kept is not None:
            mentions.append(kept)

    taken = [False] * len(doc)
    for m in mentions:
        for i in range(m.tstart, m.tend):
            taken[i] = True
    org_by_token = {i: m for m in mentions if m.kind is EntityKind.ORGANIZATION for i in range(m.tstart, m.tend)}
    person_words = {doc[m.tend - 1].lower_ for m in mentions if m.kind is EntityKind.PERSON and m.tend - m.tstart >= 2}
    for m in _rule_mentions(doc, taken, org_by_token, person_words):
        zone = zones.kind_at(m.start, m.end)
        if zone is None:
            mentions.append(m)
        elif zone != "headline":
            ignored.append(_text(doc, m))
    mentions += _websites(doc, zones, {i for m in mentions for i in range(m.tstart, m.tend)})
    mentions = _dateline_places(doc, mentions)
    mentions = _extend_to_heads(doc, mentions)
    mentions = _join_modifiers(doc, zones, mentions)
    mentions = _extend_complements(doc, mentions)
    _place_contexts(doc, zones, mentions)
    _org_contexts(doc, mentions)
    _listed_with_organizations(doc, mentions)
    inner = _inner_modifiers(doc, mentions)
    name_words = {t.lower_ for m in mentions if m.tend - m.tstart >= 2 for t in doc[m.tstart : m.tend]}
    mentions = [m for m in mentions if id(m) not in inner and not _not_a_name(doc, m, name_words)]

    mentions.sort(key=lambda m: m.tstart)
    by_token = {i: m for m in mentions for i in range(m.tstart, m.tend)}

    # titles before persons; mentions inside a title that occur nowhere else are dropped
    for m in mentions:
        if m.kind is EntityKind.PERSON:
            _title_before(doc, m, by_token)
    title_ranges = [(m.title, m.title_of) for m in mentions if m.title is not None]
    counts = Counter(name_key(_text(doc, m)) for m in mentions)
    drop: set[int] = set()
    for (a, b), owner in title_ranges:
        for m in mentions:
            if a <= m.start and m.end <= b and m is not owner and counts[name_key(_text(doc, m))] == 1:
                drop.add(id(m))
    mentions = [m for m in mentions if id(m) not in drop and not _descriptor(doc, m)]

    # acronym-led organization names: "OSCE Office for ..." -> the office, part of the OSCE
    extra: list[Mention] = []
    for m in mentions:
        if (m.kind is EntityKind.ORGANIZATION and m.tend - m.tstart >= 3 and is_acronym(doc[m.tstart].text)
                and doc[m.tstart + 1].lower_ in ORG_HEADS):
            parent = _mention(doc, m.tstart, m.tstart + 1, EntityKind.ORGANIZATION, "rule:acronym-led")
            m.tstart += 1
            m.start = doc[m.tstart].idx
            m.parent = parent
            extra.append(parent)
    mentions.extend(extra)
    mentions.sort(key=lambda m: (m.tstart, -m.tend))

    clusters = _cluster(doc, mentions)
    entities, token_entity = _build(doc, mentions, clusters)
    _nominal_anaphora(doc, zones, entities, token_entity)
    return EntityResult(entities, token_entity, ignored)


def _replace(mentions: list[Mention], new: Mention) -> list[Mention]:
    """``mentions`` without those overlapping ``new``, plus ``new``."""
    return [m for m in mentions if m.tend <= new.tstart or m.tstart >= new.tend] + [new]


_DOMAIN_END = re.compile(r"\w\.(?:com|org|net|co\.uk|com\.au|ca|tv|info|news)\b")
_WEBSITE = re.compile(r"^[A-Z][\w-]*\.(?:com|org|net|co\.uk|com\.au|ca|tv|info|news)$")


def _websites(doc: Doc, zones: Zones, taken: set[int]) -> list[Mention]:
    """**websites**: a capitalised domain name in the body is an organization ("told WKRN.com")."""
    if _DOMAIN_END.search(doc_text(doc)) is None:
        return []
    return [_mention(doc, t.i, t.i + 1, EntityKind.ORGANIZATION, "rule:website") for t in doc
            if t.i not in taken and _WEBSITE.match(t.text) and not zones.is_boilerplate(t.idx, t.idx + len(t.text))]


def _dateline_places(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """**dateline place**: the place opening a dateline is one place ("ST. PAUL, Minn. (Reuters) -")."""
    for a, b in find_datelines(doc_text(doc)):
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            mentions = _replace(mentions, _mention(doc, span.start, span.end, EntityKind.PLACE, "rule:dateline"))
    return mentions


def _same_line(doc: Doc, i: int) -> bool:
    """Tokens ``i`` and ``i + 1`` are joined by plain spaces (no line break, no punctuation)."""
    toks = tokens(doc)
    return i + 1 < len(doc) and "\n" not in toks[i].whitespace_ and not toks[i + 1].is_punct \
        and not toks[i + 1].is_space


def _extend_to_heads(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """**name heads**: a name followed by capitalised words ending in a place or organization head
    is one name with that head ("South Main" + "Street", "Hamilton" + "Police Department")."""
    toks = tokens(doc)
    taken = {i for m in mentions for i in range(m.tstart, m.tend)}
    out = list(mentions)
    for m in mentions:
        if m.kind is EntityKind.PERSON:
            continue
        j, last = m.tend, None
        while _same_line(doc, j - 1) and j not in taken and _capitalised(toks[j]) and toks[j].pos_ == "PROPN":
            if toks[j].lower_ in PLACE_HEADS or toks[j].lower_ in ORG_HEADS:
                last = j
            j += 1
        a = m.tstart  # "Contra" + "Costa County": proper nouns before a place head belong to it
        while toks[(last or m.tend) - 1].lower_ in PLACE_HEADS and a > 0 and a - 1 not in taken \
                and toks[a - 1].tag_ == "NNP" and _capitalised(toks[a - 1]) and _same_line(doc, a - 1) \
                and toks[a - 1].ent_type_ in ("", "NORP", "GPE", "LOC"):
            a -= 1
        if last is not None or a < m.tstart:
            last = last if last is not None else m.tend - 1
            kind = EntityKind.PLACE if toks[last].lower_ in PLACE_HEADS else EntityKind.ORGANIZATION
            new = _mention(doc, a, last + 1, kind, "rule:name-head")
            out = _replace(out, new)
            taken.update(range(new.tstart, new.tend))
    return out


_COMPLEMENT_TO = frozenset("mission delegation embassy consulate".split())


def _extend_complements(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """**names cut at a preposition**: an organization ending in its head noun keeps the named
    complement of that head: "Permanent Mission" + "of Kenya" + "to the United Nations",
    "Office" + "for Democratic Institutions". "to" joins only a diplomatic mission's host."""
    toks = tokens(doc)
    by_start = {m.tstart: m for m in mentions}
    taken = {i for m in mentions for i in range(m.tstart, m.tend)}
    out = list(mentions)
    for m in mentions:
        if m.kind is not EntityKind.ORGANIZATION or toks[m.tend - 1].lower_ not in ORG_HEADS:
            continue
        end, head = m.tend, toks[m.tend - 1].lower_
        while end + 1 < len(doc) and _same_line(doc, end - 1) and (
                toks[end].lower_ in ("of", "for") or toks[end].lower_ == "to" and head in _COMPLEMENT_TO):
            k = end + 1
            if toks[k].lower_ == "the" and _same_line(doc, k):
                k += 1
            nxt = by_start.get(k)
            if nxt is not None and nxt.kind is not EntityKind.PERSON:
                k = nxt.tend
            else:
                j = k
                while j < len(doc) and j not in taken and _capitalised(toks[j]) and toks[j].pos_ == "PROPN" \
                        and (j == k or _same_line(doc, j - 1)):
                    j += 1
                if j == k:
                    break
                k = j
            end = k
        if end > m.tend:
            out = _replace(out, _mention(doc, m.tstart, end, EntityKind.ORGANIZATION, "rule:complement"))
    return out


def _join_modifiers(doc: Doc, zones: Zones, mentions: list[Mention]) -> list[Mention]:
    """**place modifiers**: a place right before an organization name belongs to it ("Singapore" +
    "Premier League"); a place or nationality before an institution noun names the institution
    ("the French government", "Russian defense ministry", "Liberal party", "Kenya's parliament"); party members are a
    group acting as one ("Republicans", "Senate Democrats")."""
    toks = tokens(doc)
    by_start = {m.tstart: m for m in mentions}
    out = list(mentions)
    norp = [(e.start, e.end) for e in _ents(doc) if e.label_ == "NORP"
            and not zones.is_boilerplate(e.start_char, e.end_char)]
    place_keys = {name_key(_text(doc, m)) for m in mentions if m.kind is EntityKind.PLACE}
    places = [(m.tstart, m.tend) for m in mentions if name_key(_text(doc, m)) in place_keys] + norp
    for a, b in places:
        if a > 0 and toks[a - 1].lower_ in ("a", "an"):
            continue  # "a French court" is not a named institution
        nxt = by_start.get(b)
        if nxt is not None and nxt.kind is EntityKind.ORGANIZATION and _same_line(doc, b - 1) \
                and toks[b - 1].tag_ != "POS":
            out = _replace(out, _mention(doc, a, nxt.tend, EntityKind.ORGANIZATION, "rule:place-modifier"))
            continue
        k = b + 1 if b < len(doc) and toks[b].tag_ == "POS" else b  # "Kenya's parliament"
        while k < min(b + 3, len(doc)) and _same_line(doc, k - 1) and toks[k].lower_ not in INSTITUTION_HEADS \
                and toks[k].is_lower and toks[k].pos_ in ("NOUN", "ADJ", "PROPN"):
            k += 1
        head = toks[k] if k < len(doc) else None
        if head is not None and head.lower_ in INSTITUTION_HEADS and head.pos_ in ("NOUN", "PROPN") \
                and head.dep_ != "compound" and k not in by_start and _same_line(doc, k - 1):
            inst = _mention(doc, a, k + 1, EntityKind.ORGANIZATION, "rule:institution")
            # the state stays a place of its own: "the U.S. government" names the U.S. as well
            out = [m for m in out if m.tend <= a or m.tstart > k or (m.tstart, m.tend) == (a, b)] + [inst]
    for a, b in norp:
        last = toks[b - 1]
        if last.lower_ in PARTY_MEMBER_NOUNS and last.text[:1].isupper():
            start = a
            prev = next((m for m in out if m.tend == a and m.kind is EntityKind.ORGANIZATION), None)
            if prev is not None and _same_line(doc, a - 1):
                start = prev.tstart  # "Senate Democrats"
            out = _replace(out, _mention(doc, start, b, EntityKind.ORGANIZATION, "rule:party-members"))
    return out


def _acronym_after(doc: Doc, m: Mention) -> bool:
    """The name is followed by its own acronym in brackets: "Data Protection Commission (DPC)"."""
    toks = tokens(doc)
    if m.tend + 2 >= len(toks) or toks[m.tend].text != "(" or toks[m.tend + 2].text != ")":
        return False
    acr = toks[m.tend + 1].text
    return is_acronym(acr) and m.tend - m.tstart >= 2 and acronym_matches(acr, text_of(doc, m.tstart, m.tend))


def _org_contexts(doc: Doc, mentions: list[Mention]) -> None:
    """**organization nouns**: a tagged person or place in apposition to a company noun, or right
    after one, is an organization ("the airline, Skyways, said", "Skyways, a carrier based in
    Ohio,", "retailer Buymart"); "the" and a
    plural proper noun name a group ("the Beatles"); a title before a person-shaped name tagged as
    an organization, or one the name stands in apposition to, is a person's title ("Spokeswoman
    Ann Lee", "rebel spokesman Ann Lee", "its chairman, Lars Eklund,"); a name followed by its
    own acronym in brackets is no person's ("General Data Protection Regulation (GDPR)")."""
    toks = tokens(doc)
    for m in mentions:
        root, first = toks[m.tend - 1], toks[m.tstart]
        before = toks[m.tstart - 1] if m.tstart > 0 else None
        if _acronym_after(doc, m):
            if m.kind is EntityKind.PERSON:
                m.kind, m.source = EntityKind.ORGANIZATION, "rule:acronym-named"
            continue  # "General Data Protection Regulation (GDPR)": no person has an acronym
        if m.kind is EntityKind.ORGANIZATION and first.lower_ in TITLE_WORDS and m.tend - m.tstart >= 3 \
                and looks_like_person_name([t.text for t in toks[m.tstart + 1 : m.tend]]):
            m.kind, m.tstart, m.start, m.source = EntityKind.PERSON, m.tstart + 1, toks[m.tstart + 1].idx, "rule:title-person"
            m.title = (first.idx, first.idx + len(first.text))
            continue
        if m.kind is EntityKind.ORGANIZATION and before is not None and before.is_lower \
                and before.lower_ in TITLE_WORDS and looks_like_person_name([t.text for t in doc[m.tstart : m.tend]]):
            m.kind, m.source = EntityKind.PERSON, "rule:title-person"  # "rebel spokesman Eid Kabalu"
            continue
        if m.kind is EntityKind.ORGANIZATION and _apposed_title(doc, m) is not None \
                and looks_like_person_name([t.text for t in doc[m.tstart : m.tend]]):
            m.kind, m.source = EntityKind.PERSON, "rule:title-person"  # "its chairman, Lars Eklund,"
            continue
        if m.kind is EntityKind.ORGANIZATION:
            continue
        if _named_by_org_noun(doc, m.tstart, m.tend):
            m.kind, m.source = EntityKind.ORGANIZATION, "rule:org-noun"
        elif m.kind is EntityKind.PERSON and before is not None and before.lower_ == "the" \
                and root.tag_ in ("NNP", "NNPS") and root.lower_.endswith("s") and not root.lower_.endswith("ss"):
            m.kind, m.source = EntityKind.ORGANIZATION, "rule:group"


def _coordinations(doc: Doc, mentions: list[Mention]) -> list[list[Mention]]:
    """The mentions whose heads are coordinated with each other ("Carvalho Capital, Brightline
    Corp. and Ostermann"), as lists of two or more."""
    toks = tokens(doc)
    by_root = {m.tend - 1: m for m in mentions}
    groups: dict[int, list[Mention]] = {}
    for root, m in by_root.items():
        first = toks[root]
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        groups.setdefault(first.i, []).append(m)
    return [g for g in groups.values() if len(g) >= 2]


def _listed_with_organizations(doc: Doc, mentions: list[Mention]) -> None:
    """**coordinated names**: a name listed with organizations and none else is one of them
    ("fined Carvalho Capital, Brightline Corp. and Ostermann"), when the tagger took it for a
    person with no title: a list names things of one kind. A one-word person is retyped beside
    one organization, a longer name only beside two, since a person may be listed with the firm
    of theirs ("Acme and its founder Ann Lee" has a title; "Musk and Tesla" names the Elon Musk
    of an earlier sentence). Places stay places: states act beside organizations ("the EU and
    Britain")."""
    toks = tokens(doc)
    surnames = {toks[m.tend - 1].lower_ for m in mentions if m.kind is EntityKind.PERSON and m.tend - m.tstart >= 2}
    for group in _coordinations(doc, mentions):
        orgs = [m for m in group if m.kind is EntityKind.ORGANIZATION]
        for m in group:
            before = toks[m.tstart - 1].lower_ if m.tstart > 0 else ""
            if m.kind is not EntityKind.PERSON or m.title is not None or m.source.startswith("rule:title") \
                    or before in TITLE_WORDS or before in HONORIFICS or toks[m.tend - 1].lower_ in surnames:
                continue  # "Musk and Tesla", after "Elon Musk": the person named before
            if any(x.kind is not EntityKind.ORGANIZATION for x in group if x is not m):
                continue
            if len(orgs) >= (1 if m.tend - m.tstart == 1 else 2):
                m.kind, m.source = EntityKind.ORGANIZATION, "rule:listed-with-organizations"


_NAME_PARTICLES = frozenset("de da di del della der den van von ten ter le la du dos das bin ibn al el ben y e".split())
_MODEL_CODE = re.compile(r"^[A-Z]{0,3}-?\d{1,4}[A-Za-z]{0,2}$")


def _not_a_name(doc: Doc, m: Mention, name_words: frozenset[str] | set[str] = frozenset()) -> bool:
    """**not names**: a "person" with a lower-case word that is no name particle is a Latin species
    name ("Panthera leo"); a one-word organization or person name with a model code is a product
    ("Galaxy S23", "Falcon 9"; not "Adam Air Flight 574", whose airline is named); an
    upper-case word counted by a numeral in digits just before it is a unit or a time zone
    ("16 GB", "30GB", "18:00 UTC"; not "3 BBC reporters", where the number counts the reporters);
    an organization's name after "a" or "an", as the head of its phrase, is one member or one
    product of it ("a U.S. Marine based in ...", "drove a Ford"; not "a Google engineer"); a
    storm's name ("Hurricane Katrina") is no actor's; nor is one letter; nor one word opening a
    sentence that the text writes in lower case elsewhere ("Driver killed ...", "the driver"),
    unless it is a word of a longer name (``name_words``: "May said", after "Theresa May");
    nor the name given to an agreement or an event ("the agreement, known as Privacy Shield");
    nor one word the parser reads as a verb with an auxiliary ("Calls on Russia to
    Investigate", a headline's capitals)."""
    words = tokens(doc)[m.tstart : m.tend]
    head = words[-1]
    if m.kind is EntityKind.ORGANIZATION and head.dep_ not in ("compound", "amod", "nmod", "poss") and any(
            c.dep_ == "det" and c.lower_ in ("a", "an") and c.i < m.tstart for c in head.children):
        return True
    if len(words) == 1 and words[0].is_upper and m.tstart > 0:
        before = tokens(doc)[m.tstart - 1]
        if before.text[:1].isdigit() and (before.whitespace_ == ""  # "30GB"
                                           or before.dep_ == "nummod" and before.head.i == words[0].i):
            return True
    if m.kind is EntityKind.PERSON and any(t.is_alpha and t.is_lower and t.lower_ not in _NAME_PARTICLES
                                           and not _hyphen_syllable(t) for t in words[1:]):
        return True
    if _storm_name(doc, m) or len(words) == 1 and sum(ch.isalpha() for ch in words[0].text) <= 1:
        return True  # one letter is an initial, not a name ("wrote on X.")
    if len(words) == 1 and words[0].tag_.startswith("VB") and any(c.dep_ == "aux" for c in words[0].children):
        return True  # "Calls on Russia to Investigate": a verb with its "to", capitalised by a headline
    if m.kind is EntityKind.PERSON and _name_of_a_happening(doc, m):
        return True  # "the previous agreement, known as Privacy Shield,"
    if len(words) == 1 and words[0].is_sent_start and words[0].is_title and words[0].lower_ not in name_words \
            and _lower_case_elsewhere(doc, words[0]):
        return True  # "Driver killed in crash" over "The driver, identified as ...": a common noun
    return m.kind is not EntityKind.PLACE and len(words) == 2 and words[0].is_alpha \
        and _MODEL_CODE.match(words[-1].text) is not None and any(ch.isdigit() for ch in words[-1].text)


_NAMING_WORDS = frozenset("called dubbed named nicknamed".split())


def _name_of_a_happening(doc: Doc, m: Mention) -> bool:
    """The name is given to an event or an agreement: "the agreement, known as Privacy
    Shield", "a deal dubbed Project Falcon"."""
    from .events import event_type

    toks = tokens(doc)
    k = m.tstart - 1
    if k >= 1 and toks[k].lower_ == "as" and toks[k - 1].lower_ == "known":
        k -= 2
    elif k >= 0 and toks[k].lower_ in _NAMING_WORDS:
        k -= 1
    else:
        return False
    while k >= 0 and (toks[k].is_punct or toks[k].lower_ in _KNOWN_AS_ADVERBS):
        k -= 1
    return k >= 0 and toks[k].pos_ == "NOUN" and event_type(toks[k]) is not None


def _lower_case_elsewhere(doc: Doc, tok: Token) -> bool:
    """The word stands in lower case elsewhere in the text: a common noun, capitalised here
    only by its place at the start of a line or sentence."""
    lower = tok.lower_
    words = per_doc(doc, "newsgraph_lower_words", lambda: {t.text for t in tokens(doc) if t.is_lower})
    return lower in words


# Weather systems are named like persons: "Hurricane Katrina", "Typhoon Koinu", "Storm Ciarán".
_STORM_WORDS = frozenset("hurricane typhoon cyclone storm".split())


def _storm_name(doc: Doc, m: Mention) -> bool:
    """A name led by a capitalised storm word, inside the mention or right before it, is a
    weather system's: an event, not an actor."""
    toks = tokens(doc)
    first = toks[m.tstart]
    if m.tend - m.tstart >= 2 and first.lower_ in _STORM_WORDS and first.text[:1].isupper():
        return True
    before = toks[m.tstart - 1] if m.tstart > 0 else None
    return before is not None and before.lower_ in _STORM_WORDS and before.text[:1].isupper() \
        and "\n" not in before.whitespace_


def _hyphen_syllable(tok: Token) -> bool:
    """A lower-case word joined by a hyphen to a capitalised one, with no space on either side:
    the second syllable of a hyphenated given name ("Kyung-wha", "Shin-wook"), as romanized
    Korean names write it; a Latin epithet stands as a word of its own ("Panthera leo")."""
    doc = tok.doc
    if tok.i < 2 or not (tok.is_alpha and tok.is_lower):
        return False
    hyphen, before = doc[tok.i - 1], doc[tok.i - 2]
    return hyphen.text == "-" and not hyphen.whitespace_ and not before.whitespace_ \
        and before.is_alpha and before.text[:1].isupper()


def _hyphenated_end(doc: Doc, e: int) -> int:
    """The end of a person name, taken over a hyphenated last syllable the tagger left out
    ("Kim Shin" of "Kim Shin-wook equalised"): the syllable must be a noun that ends its noun
    phrase, so a compound before a noun ("the Obama-era rule"), a participle ("Trump-backed")
    and a period noun ("the Obama-era") stay out."""
    toks = tokens(doc)
    if e + 1 >= len(toks) or not _hyphen_syllable(toks[e + 1]):
        return e
    syllable = toks[e + 1]
    if syllable.tag_ not in ("NN", "NNP") or syllable.dep_ in ("compound", "amod", "nmod") \
            or syllable.lower_ in PERIOD_NOUNS:
        return e
    return e + 2


def _hyphenated_place_end(doc: Doc, e: int) -> int:
    """The end of a place name, taken over the hyphenated words the tagger left out, when they
    end on a capitalised word and no space breaks them: "Weston" of "Weston-super-Mare",
    "Stratford" of "Stratford-upon-Avon"; not "Gaza-based", which ends in lower case."""
    toks = tokens(doc)
    k = e
    while k + 1 < len(toks) and toks[k].text == "-" and not toks[k - 1].whitespace_ and not toks[k].whitespace_ \
            and toks[k + 1].is_alpha:
        k += 2
        if toks[k - 1].text[:1].isupper():
            e = k
    return e


def _inner_modifiers(doc: Doc, mentions: list[Mention]) -> set[int]:
    """**names inside another name**: a name modifying a period noun ("the Vietnam era"), a lone
    person or organization word between "the" and its noun ("the Aussie striker"), or a person
    owning a capitalised name the tagger did not take ("Jesus' Crown of Thorns") is no actor there;
    the ids of such mentions, unless the same name occurs elsewhere as an actor."""
    taken = {i for o in mentions for i in range(o.tstart, o.tend)}
    toks = tokens(doc)

    def inner(x: Mention) -> bool:
        nxt = toks[x.tend] if x.tend < len(doc) else None
        if nxt is None:
            return False
        if nxt.is_lower and nxt.lower_ in PERIOD_NOUNS and toks[x.tend - 1].dep_ == "compound":
            return True
        if x.kind is not EntityKind.PLACE and x.tend - x.tstart == 1 and x.tstart > 0 \
                and toks[x.tstart - 1].lower_ == "the" and toks[x.tstart].head.i == nxt.i \
                and nxt.is_lower and nxt.pos_ == "NOUN":
            return True  # "the Aussie striker", "the Parkhead side": a descriptor, not an actor
        after = toks[x.tend + 1] if nxt.tag_ == "POS" and x.tend + 1 < len(doc) and x.kind is EntityKind.PERSON else None
        return after is not None and _capitalised(after) and after.pos_ in ("PROPN", "NOUN") and after.i not in taken

    flags: dict[str, list[tuple[Mention, bool]]] = defaultdict(list)
    for m in mentions:
        flags[name_key(_text(doc, m))].append((m, inner(m)))
    return {id(m) for group in flags.values() if all(f for _, f in group) for m, _ in group}


def _examples_of(doc: Doc, tok: Token) -> Token | None:
    """The plural noun a list of examples belongs to: in "towns were called in for help,
    including Sherman, Bells and Howe" the examples are towns (the nearest plural noun before
    "including"/"such as"/"like"), or None."""
    toks = tokens(doc)
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    intro = tok.head
    if tok.dep_ != "pobj" or intro.lower_ not in ("including", "like", "as") \
            or intro.lower_ == "as" and (intro.i == 0 or toks[intro.i - 1].lower_ != "such"):
        return None
    for k in range(intro.i - 1, sentence_of(doc, tok.i).start - 1, -1):
        if toks[k].tag_ == "NNS":
            return toks[k]
    return None


def tokens_among(doc: Doc, words: Iterable[str]) -> list[Token]:
    """The tokens of ``doc`` whose lower-case form is one of ``words`` (one array pass)."""
    from spacy.attrs import LOWER

    ids = {doc.vocab.strings[w] for w in words}
    toks = tokens(doc)
    return [toks[i] for i, low in enumerate(doc.to_array(LOWER).tolist()) if low in ids]


def _place_ends(doc: Doc, i: int) -> bool:
    """Token ``i`` closes a "Town, Country" pair: punctuation, a preposition, a verb, or the end."""
    toks = tokens(doc)
    return i >= len(doc) or toks[i].is_punct or toks[i].pos_ in ("ADP", "VERB", "AUX", "CCONJ") and toks[i].tag_ != "POS"


# Offices held over a territory: the name after "<office> of" is the place ("the mayor of Aparri").
_TERRITORIAL_TITLES = frozenset("mayor governor".split())


def _hometown(toks: list[Token], m: Mention, by_token: dict[int, Mention]) -> bool:
    """A name tagged as a person right after another person's name (and age) and "of" is
    where that person lives: "Jane Roe of Oakwood", "John Doe, 45, of Oakwood"."""
    k = m.tstart - 1
    if k < 1 or toks[k].lower_ != "of":
        return False
    k -= 1
    while k >= 0 and (toks[k].text == "," or toks[k].like_num):
        k -= 1
    other = by_token.get(k)
    return other is not None and other is not m and other.kind is EntityKind.PERSON and other.tend == k + 1


def _place_contexts(doc: Doc, zones: Zones, mentions: list[Mention]) -> None:
    """**facility nouns**: a name before a building noun is one place with it ("the Burdenko
    military hospital"). **place nouns**: a name modifying a place noun ("Abga village"), after
    "<place noun> of" ("the riding of Carleton"), a name tagged as a person after "mayor of" or
    "governor of" or after a person's name and "of" (:func:`_hometown`), in apposition to one
    ("towns, particularly Dayein") or listed as its examples ("towns ..., including Sherman and
    Howe") is a place, and so are the names coordinated with it ("Dayein and Buram"), tagged
    or not."""
    toks = tokens(doc)
    by_token = {i: m for m in mentions for i in range(m.tstart, m.tend)}
    for tok in tokens_among(doc, PLACE_NOUNS):  # untagged names: "Tarbit village", "the town of Kessa"
        if not tok.is_lower:
            continue
        if tok.i + 2 < len(doc) and toks[tok.i + 1].lower_ == "of":
            a = b = tok.i + 2
        else:
            a = b = tok.i
            while a > 0 and toks[a - 1].head.i == tok.i and toks[a - 1].dep_ == "compound":
                a -= 1
        while b < len(doc) and b > tok.i and toks[b].tag_ in ("NNP", "NNPS") and _capitalised(toks[b]):
            b += 1
        span = (a, b) if b > a else (a, tok.i)
        if span[1] > span[0] and all(i not in by_token and _capitalised(toks[i]) and not toks[i].is_sent_start
                                     and toks[i].tag_ in ("NNP", "NNPS", "NN") for i in range(*span)) \
                and not zones.is_boilerplate(toks[span[0]].idx, toks[span[1] - 1].idx + 1):
            new = _mention(doc, span[0], span[1], EntityKind.PERSON, "rule:place-noun")  # made a place below
            mentions.append(new)
            by_token.update((i, new) for i in range(*span))
    for m in mentions:
        k = m.tend
        while k < min(m.tend + 3, len(doc)) and _same_line(doc, k - 1) and toks[k].is_lower \
                and toks[k].lower_ not in FACILITY_NOUNS and toks[k].pos_ in ("ADJ", "NOUN"):
            k += 1
        if k < len(doc) and toks[k].is_lower and toks[k].lower_ in FACILITY_NOUNS and toks[k].pos_ == "NOUN" \
                and _same_line(doc, k - 1) and m.tend <= toks[m.tend - 1].head.i <= k \
                and all(i not in by_token for i in range(m.tend, k + 1)):
            # "the Burdenko military hospital": the name and its facility noun are one place
            m.tend, m.end, m.kind, m.source = k + 1, toks[k].idx + len(toks[k].text), EntityKind.PLACE, "rule:facility"
    for m in list(mentions):
        if m.kind is EntityKind.PLACE and m.source.startswith("rule"):
            continue
        root = toks[m.tend - 1]
        after = toks[m.tend] if m.tend < len(doc) else None
        before = toks[m.tstart - 2] if m.tstart >= 2 else None
        example_of = _examples_of(doc, root)
        comma_place = after is not None and after.text == "," and by_token.get(m.tend + 1) is not None \
            and by_token[m.tend + 1].kind is EntityKind.PLACE and by_token[m.tend + 1].tstart == m.tend + 1 \
            and _place_ends(doc, by_token[m.tend + 1].tend)
        if (comma_place or (example_of is not None and example_of.lower_ in PLACE_NOUNS) or (after is not None and after.is_lower and after.lower_ in PLACE_NOUNS and root.head.i == after.i)
                or (before is not None and toks[m.tstart - 1].lower_ == "of" and (
                    before.lower_ in PLACE_NOUNS
                    or before.lower_ in _TERRITORIAL_TITLES and m.kind is EntityKind.PERSON))
                or (m.kind is EntityKind.PERSON and _hometown(toks, m, by_token))
                or (root.dep_ == "appos" and root.head.lower_ in PLACE_NOUNS and root.head.is_lower
                    and m.tend - m.tstart == 1)):
            m.kind = EntityKind.PLACE
            m.source = "rule:place-noun"
            for conj in root.conjuncts:
                other = by_token.get(conj.i)
                if other is not None:
                    other.kind = EntityKind.PLACE
                elif _capitalised(conj) and conj.tag_ in ("NNP", "NNPS") \
                        and not zones.is_boilerplate(conj.idx, conj.idx + len(conj.text)):
                    new = _mention(doc, conj.i, conj.i + 1, EntityKind.PLACE, "rule:place-noun")
                    mentions.append(new)
                    by_token[conj.i] = new


def group_kind(group: list[Mention]) -> EntityKind:
    """**fullest form decides the kind**: the tagger is surest on the longest mentions, so they vote
    ("Ann Justus" PERSON outvotes two "Justus" ORG); a rule-made mention outvotes the tagger."""
    ruled = [m for m in group if m.source.startswith("rule")]
    pool = ruled or group
    longest = max(m.tend - m.tstart for m in pool)
    return Counter(m.kind for m in pool if m.tend - m.tstart == longest).most_common(1)[0][0]


_KNOWN_AS_ADVERBS = frozenset("better also commonly widely popularly locally".split())


def _cluster(doc: Doc, mentions: list[Mention]) -> list[list[Mention]]:
    """Group mentions naming one entity (same key, surname, acronym, "better known as",
    company form)."""
    toks = tokens(doc)
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_key[name_key(_text(doc, m))].append(m)
    keys = list(by_key)
    parent = {k: k for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            # the longer key is the root
            if len(ra) >= len(rb):
                parent[rb] = ra
            else:
                parent[ra] = rb

    kinds = {k: group_kind(ms) for k, ms in by_key.items()}

    def kind_of(k: str) -> EntityKind:
        return kinds[k]

    multi = [k for k in keys if " " in k]
    persons = [k for k in multi if kind_of(k) is EntityKind.PERSON]
    # surnames and first names join a full person name (only when one person fits)
    for k in keys:
        if " " in k or is_acronym(_text(doc, by_key[k][0])):
            continue
        fits = [p for p in persons if p.split()[-1] == k or p.split()[0] == k]
        last = [p for p in persons if p.split()[-1] == k]
        if len(last) == 1 and kind_of(k) is not EntityKind.PLACE:
            union(last[0], k)
        elif not last and len(fits) == 1 and kind_of(k) is EntityKind.PERSON:
            union(fits[0], k)
    # a person whose name is a longer form of another: "John McCain" ~ "John S. McCain"
    for k in keys:
        if kind_of(k) is EntityKind.PERSON and " " in k:
            longer = [p for p in persons if p != k and p.startswith(k.split()[0] + " ") and p.endswith(" " + k.split()[-1])]
            if len(longer) == 1:
                union(longer[0], k)
    # acronyms join their expansion
    for k in keys:
        text = _text(doc, by_key[k][0])
        if not is_acronym(text.replace(" ", "")) or " " in text:
            continue
        matches = [o for o in multi if kind_of(o) is not EntityKind.PERSON and acronym_matches(text, _text(doc, by_key[o][0]))]
        if len(matches) >= 1:
            union(matches[0], k)
            for other in matches[1:]:
                union(matches[0], other)
    # "Name (ACR)": the parenthesised acronym names the same organization
    for m in mentions:
        if m.tend + 2 < len(doc) and toks[m.tend].text == "(" and toks[m.tend + 2].text == ")" \
                and is_acronym(toks[m.tend + 1].text):
            acr = name_key(toks[m.tend + 1].text)
            if acr in parent and (m.kind is not EntityKind.PLACE or acronym_matches(acr, _text(doc, m))):
                union(name_key(_text(doc, m)), acr)
    # "X, better known as Y": Y is another name of X
    starts = {m.tstart: m for m in mentions}
    for m in mentions:
        k = m.tend + (m.tend < len(toks) and toks[m.tend].text == ",")
        k += k < len(toks) and toks[k].lower_ in _KNOWN_AS_ADVERBS
        if k + 2 < len(toks) and toks[k].lower_ == "known" and toks[k + 1].lower_ == "as" and k + 2 in starts:
            union(name_key(_text(doc, m)), name_key(_text(doc, starts[k + 2])))
    # company forms: "Apple Inc." ~ "Apple"; one-word org joins the single multiword org it starts
    for k in keys:
        if kind_of(k) is not EntityKind.ORGANIZATION:
            continue
        base = name_key(strip_corporate(_text(doc, by_key[k][0])))
        if base != k and base in parent:
            union(k, base)
    orgs_multi = [k for k in multi if kind_of(k) is EntityKind.ORGANIZATION]
    for k in keys:
        if " " in k or kind_of(k) is not EntityKind.ORGANIZATION:
            continue
        starts = [o for o in orgs_multi if o.split()[0] == k]
        if len(starts) == 1 and find(starts[0]) != find(k):
            union(starts[0], k)
    # variants of one organization's name: "Department of State" ~ "State Department" ~
    # "U.S. State Department", unless two different places modify the same core
    places = {name_key(e.text) for e in _ents(doc) if e.label_ in ("GPE", "NORP")} | COUNTRY_ABBREVIATIONS
    cores: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for k in keys:
        if kind_of(k) is EntityKind.ORGANIZATION:
            m = by_key[k][0]
            s = m.tstart
            while s < m.tend - 1 and (name_key(toks[s].text) in places
                                      or toks[s].pos_ == "ADJ" and toks[s].text[:1].isupper()):
                s += 1
            core = head_first(name_key(text_of(doc, s, m.tend)))
            cores[core].append((k, text_of(doc, m.tstart, s).lower()))
    for variants in cores.values():
        if len(variants) > 1 and len({mod for _, mod in variants if mod}) <= 1:
            for k, _ in variants[1:]:
                union(variants[0][0], k)
    # a party's members are the party: "the Liberals" ~ "the Liberal party" ~ "Liberal candidate"
    for k in keys:
        party = [o for o in orgs_multi if o.split()[-1] == "party" and k == o.split()[0] + "s"]
        if len(party) == 1:
            union(party[0], k)
        if k.split()[-1] in PARTY_MEMBER_NOUNS and k[:-1] in parent and kind_of(k[:-1]) is EntityKind.ORGANIZATION:
            union(k, k[:-1])

    groups: dict[str, list[Mention]] = defaultdict(list)
    for k in keys:
        groups[find(k)].extend(by_key[k])
    return list(groups.values())


def _canonical(doc: Doc, group: list[Mention], kind: EntityKind) -> str:
    """The entity's name: the longest form (for a person, the one of most words), from the
    body when the body names it, since a headline shortens and packs its words ("Chipmaker
    Veltron to buy rival", against "Veltron Inc said")."""
    end = headline_end(doc_text(doc))
    group = [m for m in group if m.start >= end] or group
    texts = [_text(doc, m) for m in group]
    first = {t: -n for n, t in reversed(list(enumerate(texts)))}  # minus where each text first stands
    non_acr = [t for t in texts if not is_acronym(t.replace(" ", ""))] or texts
    if kind is EntityKind.PERSON:
        return max(non_acr, key=lambda t: (len(t.split()), len(t), first[t]))
    return max(non_acr, key=lambda t: (len(t), first[t]))


_ORG_NOT_SURNAME_HEADS = ORG_HEADS - SURNAME_HEADS


def _build(doc: Doc, mentions: list[Mention], clusters: list[list[Mention]]) -> tuple[list[Entity], dict[int, str]]:
    toks = tokens(doc)
    text = doc_text(doc)
    entities: list[Entity] = []
    used: set[str] = set()
    token_entity: dict[int, str] = {}
    mention_entity: dict[int, Entity] = {}
    clusters.sort(key=lambda g: min(m.start for m in g))
    for group in clusters:
        kind = group_kind(group)
        if any(toks[m.tend - 1].lower_ in _ORG_NOT_SURNAME_HEADS and m.tend - m.tstart >= 2 for m in group) \
                and kind is EntityKind.PERSON:
            kind = EntityKind.ORGANIZATION
        name = " ".join(_canonical(doc, group, kind).replace("\u00a0", " ").split())
        base = slug(name)
        eid, n = base, 2
        while eid in used:
            eid, n = f"{base}-{n}", n + 1
        used.add(eid)
        aliases: list[str] = []
        for m in sorted(group, key=lambda m: m.start):
            t = " ".join(_text(doc, m).replace("\u00a0", " ").split())
            if t != name and t not in aliases:
                aliases.append(t)
        spans = sorted({Span.at(text, m.start, m.end) for m in group})
        entity = Entity(id=eid, kind=kind, name=name, aliases=aliases, evidence=spans)
        entities.append(entity)
        for m in group:
            mention_entity[id(m)] = entity
            for i in range(m.tstart, m.tend):
                token_entity[i] = eid
    for m in mentions:
        entity = mention_entity.get(id(m))
        if entity is None:
            continue
        if m.parent is not None and id(m.parent) in mention_entity:
            entity.part_of = mention_entity[id(m.parent)].id
            full = " ".join(text[m.parent.start : m.end].replace("\u00a0", " ").split())
            if full not in entity.aliases and full != entity.name:
                entity.aliases.append(full)
        if m.title is not None:
            a, b = m.title
            title_text = " ".join(text[a:b].replace("\u00a0", " ").split())
            of = mention_entity[id(m.title_of)].id if m.title_of is not None and id(m.title_of) in mention_entity else None
            if not any(t.text == title_text for t in entity.titles):
                entity.titles.append(Title(text=title_text, of=of, evidence=[Span.at(text, a, b)]))
    return entities, token_entity


def _nominal_anaphora(doc: Doc, zones: Zones, entities: list[Entity], token_entity: dict[int, str]) -> None:
    """ "the network" names the one organization whose name ends in "Network" before it."""
    toks = tokens(doc)
    heads: dict[str, list[Entity]] = defaultdict(list)
    first_seen: dict[str, int] = {}
    for e in entities:
        if e.kind is EntityKind.ORGANIZATION and " " in e.name:
            heads[e.name.split()[-1].lower()].append(e)
            first_seen[e.id] = e.evidence[0].start
    if not heads:
        return
    for i in range(len(doc) - 1):
        tok, nxt = toks[i], toks[i + 1]
        if tok.lower_ != "the" or nxt.lower_ not in NOMINAL_ANAPHORA_HEADS or not nxt.text.islower():
            continue
        if i + 1 in token_entity or nxt.pos_ != "NOUN":
            continue
        if i + 2 < len(doc) and (toks[i + 2].lower_ == "of" or toks[i + 2].pos_ in ("NOUN", "PROPN")):
            continue
        cands = [e for e in heads.get(nxt.lower_, []) if first_seen[e.id] < tok.idx]
        if len(cands) != 1 or zones.is_boilerplate(tok.idx, nxt.idx + len(nxt.text)):
            continue
        ent = cands[0]
        ent.evidence.append(Span.at(doc_text(doc), tok.idx, nxt.idx + len(nxt.text)))
        ent.evidence.sort()
        token_entity[i + 1] = ent.id
