"""Persons, organizations and places of one parsed article, each with all its mentions.

The statistical NER proposes mentions; rules by principle correct them:

* **clean edges** - a mention never spans a line break, a slash or a list bullet, loses a
  leading article (not a capital "The" inside a sentence: "in The Hague"), a possessive,
  stray quotes ("Harry Potter'" -> "Harry Potter"), a lower-case "and"/"or" at either end
  and a bracket it never closes;
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

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Entity, EntityKind
from .boilerplate import Zones
from .pipeline import doc_text
from .names import ORG_HEADS, is_acronym, looks_like_person_name, name_key
from .entity_clusters import build_entities, cluster_mentions, nominal_anaphora
from .entity_kinds import listed_with_organizations, org_contexts, place_contexts
from .mention_rules import (
    dateline_places,
    extend_complements,
    extend_to_heads,
    join_modifiers,
    relabel,
    rule_mentions,
    titled_names,
    websites,
)
from .mentions import (
    Mention,
    clean_span,
    hyphenated_end,
    hyphenated_place_end,
    make_mention,
    mention_text,
    named_spans,
)
from .not_names import descriptor, inner_modifiers, not_a_name
from .person_titles import strip_person_titles, title_before

if TYPE_CHECKING:
    from spacy.tokens import Doc

LABEL_KIND = {
    "PERSON": EntityKind.PERSON,
    "ORG": EntityKind.ORGANIZATION,
    "GPE": EntityKind.PLACE,
    "LOC": EntityKind.PLACE,
    "FAC": EntityKind.PLACE,  # buildings, roads, bridges, airports are places
}


@dataclass
class EntityResult:
    """Entities of one article and, for other rules, which tokens name which entity."""

    entities: list[Entity]
    token_entity: dict[int, str]
    ignored: list[str] = field(default_factory=list)  # names seen only in boilerplate

    def by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}


def find_entities(doc: Doc, zones: Zones) -> EntityResult:
    """All entities of ``doc`` (see the module docstring for the rules)."""
    text = doc_text(doc)
    ignored: list[str] = []
    mentions: list[Mention] = []
    headline_mentions: list[Mention] = []
    for ent in named_spans(doc):
        kind = LABEL_KIND.get(ent.label_)
        if kind is None or ent.label_ == "FAC" and len(ent) == 1 and any(ch.isdigit() for ch in ent.text):
            continue
        for s, e in clean_span(doc, ent.start, ent.end):
            if kind is EntityKind.PERSON:
                e = hyphenated_end(doc, e)
            elif kind is EntityKind.PLACE:
                e = hyphenated_place_end(doc, e)
            m = relabel(doc, make_mention(doc, s, e, kind))
            zone = zones.kind_at(m.start, m.end)
            if zone is not None and zone != "headline":
                ignored.append(mention_text(doc, m))
                continue
            if m.kind is EntityKind.PERSON:
                stripped = strip_person_titles(doc, m)
                if stripped is None:
                    continue
                m = stripped
            (headline_mentions if zone == "headline" else mentions).append(m)

    # body keys decide what a headline mention may be
    body_kind: dict[str, EntityKind] = {}
    for m in mentions:
        body_kind.setdefault(name_key(mention_text(doc, m)), m.kind)
    for m in headline_mentions:
        kept = None
        for e in range(m.tend, m.tstart, -1):
            key = name_key(text[doc[m.tstart].idx : doc[e - 1].idx + len(doc[e - 1].text)])
            if key in body_kind:
                kept = make_mention(doc, m.tstart, e, body_kind[key], "headline")
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
    for m in rule_mentions(doc, taken, org_by_token, person_words):
        zone = zones.kind_at(m.start, m.end)
        if zone is None:
            mentions.append(m)
        elif zone != "headline":
            ignored.append(mention_text(doc, m))
    mentions += titled_names(doc, zones, {i for m in mentions for i in range(m.tstart, m.tend)})
    mentions += websites(doc, zones, {i for m in mentions for i in range(m.tstart, m.tend)})
    mentions = dateline_places(doc, mentions)
    mentions = extend_to_heads(doc, mentions)
    mentions = join_modifiers(doc, zones, mentions)
    mentions = extend_complements(doc, mentions)
    place_contexts(doc, zones, mentions)
    org_contexts(doc, mentions)
    listed_with_organizations(doc, mentions)
    inner = inner_modifiers(doc, mentions)
    name_words = {t.lower_ for m in mentions if m.tend - m.tstart >= 2 for t in doc[m.tstart : m.tend]}
    mentions = [m for m in mentions if id(m) not in inner and not not_a_name(doc, m, name_words)]

    mentions.sort(key=lambda m: m.tstart)
    by_token = {i: m for m in mentions for i in range(m.tstart, m.tend)}

    # titles before persons; mentions inside a title that occur nowhere else are dropped
    for m in mentions:
        if m.kind is EntityKind.PERSON:
            title_before(doc, m, by_token)
    title_ranges = [(m.title, m.title_of) for m in mentions if m.title is not None]
    counts = Counter(name_key(mention_text(doc, m)) for m in mentions)
    drop: set[int] = set()
    for (a, b), owner in title_ranges:
        for m in mentions:
            if a <= m.start and m.end <= b and m is not owner and counts[name_key(mention_text(doc, m))] == 1:
                drop.add(id(m))
    mentions = [m for m in mentions if id(m) not in drop and not descriptor(doc, m)]

    # acronym-led organization names: "OSCE Office for ..." -> the office, part of the OSCE
    extra: list[Mention] = []
    for m in mentions:
        if (m.kind is EntityKind.ORGANIZATION and m.tend - m.tstart >= 3 and is_acronym(doc[m.tstart].text)
                and doc[m.tstart + 1].lower_ in ORG_HEADS):
            parent = make_mention(doc, m.tstart, m.tstart + 1, EntityKind.ORGANIZATION, "rule:acronym-led")
            m.tstart += 1
            m.start = doc[m.tstart].idx
            m.parent = parent
            extra.append(parent)
    mentions.extend(extra)
    mentions.sort(key=lambda m: (m.tstart, -m.tend))

    clusters = cluster_mentions(doc, mentions)
    entities, token_entity = build_entities(doc, mentions, clusters)
    nominal_anaphora(doc, zones, entities, token_entity)
    return EntityResult(entities, token_entity, ignored)
