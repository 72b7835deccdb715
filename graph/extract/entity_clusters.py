"""Mentions grouped into entities: merging, the kind vote, the canonical name.

Surnames and first names join the full name, acronyms their expansion, "Department of
State" ~ "U.S. State Department", and "the network" joins the one organization whose name
ends in that head word.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from ..model import Entity, EntityKind, Span, Title, slug
from .boilerplate import Zones, headline_end
from .mentions import SPEECH_LEMMAS, Mention, dateline_spans, mention_text, named_spans, text_of
from .names import (
    COUNTRY_ABBREVIATIONS,
    NOMINAL_ANAPHORA_HEADS,
    ORG_HEADS,
    PARTY_MEMBER_NOUNS,
    SURNAME_HEADS,
    acronym_matches,
    head_first,
    is_acronym,
    name_key,
    strip_corporate,
)
from .not_names import KNOWN_AS_ADVERBS
from .pipeline import doc_text, tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc


def group_kind(group: list[Mention]) -> EntityKind:
    """**fullest form decides the kind**: the tagger is surest on the longest mentions, so they vote
    ("Ann Justus" PERSON outvotes two "Justus" ORG); a rule-made mention outvotes the tagger."""
    ruled = [m for m in group if m.source.startswith("rule")]
    pool = ruled or group
    longest = max(m.tend - m.tstart for m in pool)
    return Counter(m.kind for m in pool if m.tend - m.tstart == longest).most_common(1)[0][0]


def _acts_as_person(doc: Doc, m: Mention) -> bool:
    """The mention stands where only a person can: a relative "who" or "whose" hangs from
    it ("Benga, who was arrested in Belgium"), or it is the subject of a speech verb
    ("Benga said"). A place named as a person's surname ("Washington", "Jordan") joins
    the person only then."""
    head = tokens(doc)[m.tend - 1]
    if any(c.dep_ == "relcl" and any(g.tag_ in ("WP", "WP$") and g.lower_ != "what" for g in c.children)
           for c in head.children):
        return True
    return head.dep_ == "nsubj" and head.head.lemma_.lower() in SPEECH_LEMMAS


def cluster_mentions(doc: Doc, mentions: list[Mention]) -> list[list[Mention]]:
    """Group mentions naming one entity (same key, surname, acronym, "better known as",
    company form)."""
    toks = tokens(doc)
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_key[name_key(mention_text(doc, m))].append(m)
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
        if " " in k or is_acronym(mention_text(doc, by_key[k][0])):
            continue
        fits = [p for p in persons if p.split()[-1] == k or p.split()[0] == k]
        last = [p for p in persons if p.split()[-1] == k]
        if len(last) == 1 and (kind_of(k) is not EntityKind.PLACE
                               or any(_acts_as_person(doc, m) for m in by_key[k])):
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
        text = mention_text(doc, by_key[k][0])
        if not is_acronym(text.replace(" ", "")) or " " in text:
            continue
        matches = [o for o in multi if kind_of(o) is not EntityKind.PERSON and acronym_matches(text, mention_text(doc, by_key[o][0]))]
        if len(matches) >= 1:
            union(matches[0], k)
            for other in matches[1:]:
                union(matches[0], other)
    # "Name (ACR)": the parenthesised acronym names the same organization
    for m in mentions:
        if m.tend + 2 < len(doc) and toks[m.tend].text == "(" and toks[m.tend + 2].text == ")" \
                and is_acronym(toks[m.tend + 1].text):
            acr = name_key(toks[m.tend + 1].text)
            if acr in parent and (m.kind is not EntityKind.PLACE or acronym_matches(acr, mention_text(doc, m))):
                union(name_key(mention_text(doc, m)), acr)
    # "X, better known as Y": Y is another name of X
    starts = {m.tstart: m for m in mentions}
    for m in mentions:
        k = m.tend + (m.tend < len(toks) and toks[m.tend].text == ",")
        k += k < len(toks) and toks[k].lower_ in KNOWN_AS_ADVERBS
        if k + 2 < len(toks) and toks[k].lower_ == "known" and toks[k + 1].lower_ == "as" and k + 2 in starts:
            union(name_key(mention_text(doc, m)), name_key(mention_text(doc, starts[k + 2])))
    # company forms: "Apple Inc." ~ "Apple"; one-word org joins the single multiword org it starts
    for k in keys:
        if kind_of(k) is not EntityKind.ORGANIZATION:
            continue
        base = name_key(strip_corporate(mention_text(doc, by_key[k][0])))
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
    places = {name_key(e.text) for e in named_spans(doc) if e.label_ in ("GPE", "NORP")} | COUNTRY_ABBREVIATIONS
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
    Veltron to buy rival", against "Veltron Inc said"); in a dateline's capitals only when no
    mention is written otherwise ("SANTIAGO, Chile -" names the headline's "Santiago"; an
    acronym written so in the body stays: "FTSE", not the headline's "British FTSE")."""
    text = doc_text(doc)
    end = headline_end(text)
    places = dateline_spans(doc)
    cased = [m for m in group if (m.start, m.end) not in places or not mention_text(doc, m).isupper()]
    group = [m for m in cased if m.start >= end] or cased or [m for m in group if m.start >= end] or group
    texts = [mention_text(doc, m) for m in group]
    first = {t: -n for n, t in reversed(list(enumerate(texts)))}  # minus where each text first stands
    non_acr = [t for t in texts if not is_acronym(t.replace(" ", ""))] or texts
    if kind is EntityKind.PERSON:
        return max(non_acr, key=lambda t: (len(t.split()), len(t), first[t]))
    return max(non_acr, key=lambda t: (len(t), first[t]))


_ORG_NOT_SURNAME_HEADS = ORG_HEADS - SURNAME_HEADS


def build_entities(doc: Doc, mentions: list[Mention], clusters: list[list[Mention]]) -> tuple[list[Entity], dict[int, str]]:
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
            t = " ".join(mention_text(doc, m).replace("\u00a0", " ").split())
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


def nominal_anaphora(doc: Doc, zones: Zones, entities: list[Entity], token_entity: dict[int, str]) -> None:
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
