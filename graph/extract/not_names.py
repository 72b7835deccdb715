"""Capitalised words that name no actor: storms, models, agreements, descriptors.

"Hurricane Katrina", "Galaxy S23", "known as Privacy Shield", "the Vietnam era" and a
common noun capitalised only where it opens a line are dropped by these rules.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from ..model import EntityKind
from .mentions import Mention, NAME_PARTICLES, capitalised, hyphen_syllable, mention_text
from .names import HONORIFICS, PEOPLE_GROUP_NOUNS, PERIOD_NOUNS, VEHICLE_NOUNS, is_acronym, name_key
from .pipeline import per_doc, tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def descriptor(doc: Doc, m: Mention) -> bool:
    """An acronym modifying a people noun describes people: "LGBT people"."""
    toks = tokens(doc)
    if m.tend - m.tstart != 1 or not is_acronym(toks[m.tstart].text):
        return False
    head = toks[m.tstart].head
    return head.i != m.tstart and head.lower_ in PEOPLE_GROUP_NOUNS and head.text.islower()


_MODEL_CODE = re.compile(r"^[A-Z]{0,3}-?\d{1,4}[A-Za-z]{0,2}$")


def not_a_name(doc: Doc, m: Mention, name_words: frozenset[str] | set[str] = frozenset()) -> bool:
    """**not names**: a "person" with a lower-case word that is no name particle is a Latin species
    name ("Panthera leo"); a one-word organization or person name with a model code is a product
    ("Galaxy S23", "Falcon 9"; not "Adam Air Flight 574", whose airline is named); an
    upper-case word counted by a numeral in digits just before it is a unit or a time zone
    ("16 GB", "30GB", "18:00 UTC"; not "3 BBC reporters", where the number counts the reporters);
    an organization's name after "a" or "an", as the head of its phrase, is one member or one
    product of it ("a U.S. Marine based in ...", "drove a Ford"; not "a Google engineer"); a
    storm's name ("Hurricane Katrina") is no actor's; nor is one letter; nor one word opening a
    sentence that the text writes in lower case elsewhere ("Driver killed ...", "the driver"),
    or that the tagger reads as a common noun while the recognizer calls it a person
    ("Turnout was 68 percent"), unless it is a word of a longer name (``name_words``: "May
    said", after "Theresa May"); nor the name given to an agreement, an event or a craft
    ("the agreement, known as Privacy Shield", "the lander, named Odessa", "the trawler Lady
    Marion"); nor one word the parser reads as a verb with an auxiliary ("Calls on Russia to
    Investigate", a headline's capitals); nor a "place" the tagger reads as an adjective
    modifying a noun: a nationality ("Ukrainian officials said"); nor one word after "the"
    tagged as a person, since a person's name takes no article ("the Moon's south pole";
    "the Smiths" is plural, "the late Smith" has its adjective)."""
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
    if m.kind is EntityKind.PERSON and any(t.is_alpha and t.is_lower and t.lower_ not in NAME_PARTICLES
                                           and not hyphen_syllable(t) for t in words[1:]):
        return True
    if _storm_name(doc, m) or len(words) == 1 and sum(ch.isalpha() for ch in words[0].text) <= 1:
        return True  # one letter is an initial, not a name ("wrote on X.")
    if len(words) == 1 and words[0].tag_.startswith("VB") and any(c.dep_ == "aux" for c in words[0].children):
        return True  # "Calls on Russia to Investigate": a verb with its "to", capitalised by a headline
    if m.kind is not EntityKind.PLACE and (_name_of_a_happening(doc, m) or _name_of_a_craft(doc, m)):
        return True  # "the previous agreement, known as Privacy Shield,", "the trawler Lady Marion"
    if m.kind is EntityKind.PLACE and len(words) == 1 and words[0].tag_ == "JJ" and words[0].dep_ == "amod":
        return True  # "Ukrainian officials said": a nationality adjective, no place
    if m.kind is EntityKind.PERSON and len(words) == 1 and m.tstart > 0 and words[0].tag_ == "NNP" \
            and tokens(doc)[m.tstart - 1].lower_ == "the":
        return True  # "near the Moon's south pole": a name with an article is no person's
    if len(words) == 1 and words[0].is_sent_start and words[0].is_title and words[0].lower_ not in name_words \
            and (_lower_case_elsewhere(doc, words[0]) or (m.kind is EntityKind.PERSON and words[0].tag_ in ("NN", "NNS"))):
        return True  # "Driver killed in crash" over "The driver, identified as ...", "Turnout was ...": a common noun
    return m.kind is not EntityKind.PLACE and len(words) == 2 and words[0].is_alpha \
        and _MODEL_CODE.match(words[-1].text) is not None and any(ch.isdigit() for ch in words[-1].text)


_NAMING_WORDS = frozenset("called dubbed named nicknamed".split())


def _named_noun(doc: Doc, m: Mention) -> Token | None:
    """The noun a name is given to by "known as", "called", "named" ... before it: "the
    agreement" of "the agreement, known as Privacy Shield"."""
    toks = tokens(doc)
    k = m.tstart - 1
    if k >= 1 and toks[k].lower_ == "as" and toks[k - 1].lower_ == "known":
        k -= 2
    elif k >= 0 and toks[k].lower_ in _NAMING_WORDS:
        k -= 1
    else:
        return None
    while k >= 0 and (toks[k].is_punct or toks[k].lower_ in KNOWN_AS_ADVERBS):
        k -= 1
    return toks[k] if k >= 0 else None


def _name_of_a_happening(doc: Doc, m: Mention) -> bool:
    """The name is given to an event or an agreement: "the agreement, known as Privacy
    Shield", "a deal dubbed Project Falcon"."""
    from .events import event_type

    noun = _named_noun(doc, m)
    return noun is not None and noun.pos_ == "NOUN" and event_type(noun) is not None


def _name_of_a_craft(doc: Doc, m: Mention) -> bool:
    """The name is a ship's, an aircraft's or a spacecraft's: it follows a craft noun
    (:data:`~graph.extract.names.VEHICLE_NOUNS`) in its phrase, over an honorific the
    name may begin with ("the trawler Lady Marion", "aboard the tanker Nordic Star"), or is
    given to one ("the lander, named Odessa")."""
    toks = tokens(doc)
    k = m.tstart - 1
    while k >= 0 and toks[k].is_title and toks[k].lower_ in HONORIFICS:
        k -= 1
    if k >= 0 and toks[k].is_lower and toks[k].lower_ in VEHICLE_NOUNS:
        return True
    noun = _named_noun(doc, m)
    return noun is not None and noun.lower_ in VEHICLE_NOUNS


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


def inner_modifiers(doc: Doc, mentions: list[Mention]) -> set[int]:
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
        return after is not None and capitalised(after) and after.pos_ in ("PROPN", "NOUN") and after.i not in taken

    flags: dict[str, list[tuple[Mention, bool]]] = defaultdict(list)
    for m in mentions:
        flags[name_key(mention_text(doc, m))].append((m, inner(m)))
    return {id(m) for group in flags.values() if all(f for _, f in group) for m, _ in group}


KNOWN_AS_ADVERBS = frozenset("better also commonly widely popularly locally".split())
