"""Mentions the rules add or reshape: kinds by head word, rule-made names, grown spans.

Each function is one rule of :mod:`graph.extract.entities`'s docstring (see
docs/extraction.md): facilities are places, person shapes and organization heads, websites,
the dateline place, name heads, complements and place modifiers.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import EntityKind
from .boilerplate import Zones
from .mentions import (
    Mention,
    SPEECH_LEMMAS,
    capitalised,
    dateline_spans,
    make_mention,
    mention_text,
    named_spans,
    replace_overlapping,
    same_line,
)
from .names import (
    INSTITUTION_HEADS,
    MONTHS_AND_DAYS,
    ORG_HEADS,
    ORG_NOUNS,
    PARTY_MEMBER_NOUNS,
    PLACE_HEADS,
    STATE_HEADS,
    SURNAME_HEADS,
    TITLE_WORDS,
    is_acronym,
    looks_like_person_name,
    name_key,
)
from .person_titles import past_titles
from .pipeline import doc_text, tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


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
    while k > 0 and head.is_ancestor(toks[k - 1]) and capitalised(toks[k - 1]) \
            and toks[k - 1].tag_ in ("NNP", "NNPS") and toks[k - 1].lower_ not in TITLE_WORDS:
        k -= 1
    return k


# A compass point and one noun name a region ("West Bank", "North Shore"), whatever the noun.


COMPASS_WORDS = frozenset("north south east west northern southern eastern western upper lower central".split())


def relabel(doc: Doc, m: Mention) -> Mention:
    """Organization heads make organizations, site heads places ("Guadalupe Church"); a lone
    acronym is not a person; a compass point and a noun stay a place (:data:`COMPASS_WORDS`)."""
    toks = tokens(doc)
    last = toks[m.tend - 1].lower_
    if m.kind is not EntityKind.PERSON and _site_name(toks, m.tstart, m.tend):
        return make_mention(doc, _site_start(toks, m.tstart, m.tend), m.tend, EntityKind.PLACE, m.source)
    if m.kind is not EntityKind.ORGANIZATION and last in ORG_HEADS and m.tend - m.tstart >= 2 \
            and not (m.kind is EntityKind.PLACE and last in STATE_HEADS) \
            and not (m.kind is EntityKind.PLACE and m.tend - m.tstart == 2 and toks[m.tstart].lower_ in COMPASS_WORDS) \
            and not (m.kind is EntityKind.PERSON and last in SURNAME_HEADS):
        m.kind = EntityKind.ORGANIZATION
    if m.kind is EntityKind.PERSON and m.tend - m.tstart == 1 and is_acronym(toks[m.tstart].text):
        m.kind = EntityKind.ORGANIZATION
    return m


def rule_mentions(doc: Doc, taken: list[bool], org_by_token: dict[int, Mention],
                   person_words: set[str]) -> list[Mention]:
    """Mentions the tagger missed: person-name runs in a person context, org-head runs."""
    toks = tokens(doc)
    found: list[Mention] = []
    n = len(doc)
    i = 0
    while i < n:
        tok = toks[i]
        if taken[i] or not capitalised(tok) or tok.tag_ not in ("NNP", "NNPS", "JJ", "NN"):
            i += 1
            continue
        j = i
        while j < n and not taken[j] and capitalised(toks[j]) and toks[j].tag_ in ("NNP", "NNPS", "JJ", "NN") \
                and (j == i or "\n" not in toks[j - 1].whitespace_):
            j += 1
        words = [t.text for t in toks[i:j]]
        proper, start = all(t.tag_ in ("NNP", "NNPS") for t in toks[i:j]), _phrase_start(doc, i, j)
        if j - i >= 2 and toks[j - 1].lower_ in ORG_HEADS and toks[i].is_sent_start is not True \
                and all(not w.lower() in MONTHS_AND_DAYS for w in words):
            found.append(make_mention(doc, i, j, EntityKind.ORGANIZATION, "rule:org-head"))
        elif proper and _site_name(toks, start, j):
            found.append(make_mention(doc, _site_start(toks, start, j), j, EntityKind.PLACE, "rule:site-head"))
        elif proper and named_by_org_noun(doc, start, j):
            found.append(make_mention(doc, start, j, EntityKind.ORGANIZATION, "rule:org-noun"))
        elif proper:
            p = past_titles(toks, i, j - 2)  # a leading title is no part of the name: "Lawmaker Ana Ruiz"
            if looks_like_person_name(words[p - i:]) and (
                    _person_context(doc, p, j, org_by_token) or words[-1].lower() in person_words):
                found.append(make_mention(doc, p, j, EntityKind.PERSON, "rule:person-shape"))
        i = max(j, i + 1)
    return found


_AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "appos"})


def titled_names(doc: Doc, zones: Zones, taken: set[int]) -> list[Mention]:
    """**title-case names**: prose writes a preposition or conjunction in lower case, so
    capitalised words joined by a capitalised one are one name ("Doctors Without Borders",
    "Mothers Against Drunk Driving"); it is an organization where it acts (the subject of a
    verb, in apposition, or before a relative "which"). Headlines, title case throughout,
    are left out."""
    toks = tokens(doc)
    found: list[Mention] = []
    for tok in toks:
        if tok.pos_ not in ("ADP", "CCONJ") or not tok.is_title or tok.is_sent_start or tok.i in taken:
            continue
        a = tok.i
        while a > 0 and toks[a - 1].is_title and toks[a - 1].is_alpha and a - 1 not in taken \
                and toks[a - 1].pos_ in ("NOUN", "PROPN", "ADJ"):
            a -= 1
        b = tok.i + 1
        while b < len(doc) and toks[b].is_title and toks[b].is_alpha and b not in taken \
                and toks[b].pos_ in ("NOUN", "PROPN", "ADJ", "VERB"):
            b += 1
        if a == tok.i or b == tok.i + 1 or zones.kind_at(toks[a].idx, toks[b - 1].idx + 1) is not None:
            continue
        acts = toks[a].dep_ in _AGENT_DEPS or (b + 1 < len(doc) and toks[b].text == ","
                                               and toks[b + 1].lower_ == "which")
        if acts:
            found.append(make_mention(doc, a, b, EntityKind.ORGANIZATION, "rule:title-case"))
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


def named_by_org_noun(doc: Doc, i: int, j: int) -> bool:
    """Whether the proper-noun run ``i..j`` is named as a company by a common noun of one: in
    apposition after a comma ("Zentrix, a software company based in Ohio,") or as the noun's
    name right after it ("security contractor Zentrix"), the way :func:`org_contexts` retypes
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


_DOMAIN_END = re.compile(r"\w\.(?:com|org|net|co\.uk|com\.au|ca|tv|info|news)\b")


_WEBSITE = re.compile(r"^[A-Z][\w-]*\.(?:com|org|net|co\.uk|com\.au|ca|tv|info|news)$")


def websites(doc: Doc, zones: Zones, taken: set[int]) -> list[Mention]:
    """**websites**: a capitalised domain name in the body is an organization ("told WKRN.com")."""
    if _DOMAIN_END.search(doc_text(doc)) is None:
        return []
    return [make_mention(doc, t.i, t.i + 1, EntityKind.ORGANIZATION, "rule:website") for t in doc
            if t.i not in taken and _WEBSITE.match(t.text) and not zones.is_boilerplate(t.idx, t.idx + len(t.text))]


def dateline_places(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """**dateline place**: the place opening a dateline is one place ("ST. PAUL, Minn. (Reuters) -")."""
    for a, b in dateline_spans(doc):
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            mentions = replace_overlapping(mentions, make_mention(doc, span.start, span.end, EntityKind.PLACE, "rule:dateline"))
    return mentions


def extend_to_heads(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """**name heads**: a name followed by capitalised words ending in a place or organization head
    is one name with that head ("South Main" + "Street", "Hamilton" + "Police Department")."""
    toks = tokens(doc)
    taken = {i for m in mentions for i in range(m.tstart, m.tend)}
    out = list(mentions)
    for m in mentions:
        if m.kind is EntityKind.PERSON:
            continue
        j, last = m.tend, None
        while same_line(doc, j - 1) and j not in taken and capitalised(toks[j]) and toks[j].pos_ == "PROPN":
            if toks[j].lower_ in PLACE_HEADS or toks[j].lower_ in ORG_HEADS:
                last = j
            j += 1
        a = m.tstart  # "Contra" + "Costa County": proper nouns before a place head belong to it
        while toks[(last or m.tend) - 1].lower_ in PLACE_HEADS and a > 0 and a - 1 not in taken \
                and toks[a - 1].tag_ == "NNP" and capitalised(toks[a - 1]) and same_line(doc, a - 1) \
                and toks[a - 1].ent_type_ in ("", "NORP", "GPE", "LOC"):
            a -= 1
        if last is not None or a < m.tstart:
            last = last if last is not None else m.tend - 1
            kind = EntityKind.PLACE if toks[last].lower_ in PLACE_HEADS else EntityKind.ORGANIZATION
            new = make_mention(doc, a, last + 1, kind, "rule:name-head")
            out = replace_overlapping(out, new)
            taken.update(range(new.tstart, new.tend))
    return out


_COMPLEMENT_TO = frozenset("mission delegation embassy consulate".split())


def extend_complements(doc: Doc, mentions: list[Mention]) -> list[Mention]:
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
        while end + 1 < len(doc) and same_line(doc, end - 1) and (
                toks[end].lower_ in ("of", "for") or toks[end].lower_ == "to" and head in _COMPLEMENT_TO):
            k = end + 1
            if toks[k].lower_ == "the" and same_line(doc, k):
                k += 1
            nxt = by_start.get(k)
            if nxt is not None and nxt.kind is not EntityKind.PERSON:
                k = nxt.tend
            else:
                j = k
                while j < len(doc) and j not in taken and capitalised(toks[j]) and toks[j].pos_ == "PROPN" \
                        and (j == k or same_line(doc, j - 1)):
                    j += 1
                if j == k:
                    break
                k = j
            end = k
        if end > m.tend:
            out = replace_overlapping(out, make_mention(doc, m.tstart, end, EntityKind.ORGANIZATION, "rule:complement"))
    return out


def join_modifiers(doc: Doc, zones: Zones, mentions: list[Mention]) -> list[Mention]:
    """**place modifiers**: a place right before an organization name belongs to it ("Singapore" +
    "Premier League"); a place or nationality before an institution noun names the institution
    ("the French government", "Russian defense ministry", "Liberal party", "Kenya's parliament"); party members are a
    group acting as one ("Republicans", "Senate Democrats")."""
    toks = tokens(doc)
    by_start = {m.tstart: m for m in mentions}
    out = list(mentions)
    norp = [(e.start, e.end) for e in named_spans(doc) if e.label_ == "NORP"
            and not zones.is_boilerplate(e.start_char, e.end_char)]
    place_keys = {name_key(mention_text(doc, m)) for m in mentions if m.kind is EntityKind.PLACE}
    places = [(m.tstart, m.tend) for m in mentions if name_key(mention_text(doc, m)) in place_keys] + norp
    for a, b in places:
        if a > 0 and toks[a - 1].lower_ in ("a", "an"):
            continue  # "a French court" is not a named institution
        nxt = by_start.get(b)
        if nxt is not None and nxt.kind is EntityKind.ORGANIZATION and same_line(doc, b - 1) \
                and toks[b - 1].tag_ != "POS":
            out = replace_overlapping(out, make_mention(doc, a, nxt.tend, EntityKind.ORGANIZATION, "rule:place-modifier"))
            continue
        k = b + 1 if b < len(doc) and toks[b].tag_ == "POS" else b  # "Kenya's parliament"
        while k < min(b + 3, len(doc)) and same_line(doc, k - 1) and toks[k].lower_ not in INSTITUTION_HEADS \
                and toks[k].is_lower and toks[k].pos_ in ("NOUN", "ADJ", "PROPN"):
            k += 1
        head = toks[k] if k < len(doc) else None
        if head is not None and head.lower_ in INSTITUTION_HEADS and head.pos_ in ("NOUN", "PROPN") \
                and head.dep_ != "compound" and k not in by_start and same_line(doc, k - 1):
            inst = make_mention(doc, a, k + 1, EntityKind.ORGANIZATION, "rule:institution")
            # the state stays a place of its own: "the U.S. government" names the U.S. as well
            out = [m for m in out if m.tend <= a or m.tstart > k or (m.tstart, m.tend) == (a, b)] + [inst]
    for a, b in norp:
        last = toks[b - 1]
        if last.lower_ in PARTY_MEMBER_NOUNS and last.text[:1].isupper():
            start = a
            prev = next((m for m in out if m.tend == a and m.kind is EntityKind.ORGANIZATION), None)
            if prev is not None and same_line(doc, a - 1):
                start = prev.tstart  # "Senate Democrats"
            out = replace_overlapping(out, make_mention(doc, start, b, EntityKind.ORGANIZATION, "rule:party-members"))
    return out
