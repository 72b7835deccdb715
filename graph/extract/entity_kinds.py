"""Kinds decided by context: organizations by the words around them, places by theirs.

A one-word "person" listed with organizations is one of them, an organization named by
an acronym after it stays one, and a place noun or hometown phrase makes a place.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..model import EntityKind
from .boilerplate import Zones
from .mention_rules import named_by_org_noun
from .mentions import Mention, capitalised, make_mention, same_line, text_of
from .names import (
    FACILITY_NOUNS,
    HONORIFICS,
    PLACE_NOUNS,
    TITLE_WORDS,
    acronym_matches,
    is_acronym,
    looks_like_person_name,
)
from .person_titles import apposed_title
from .pipeline import sentence_of, tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _acronym_after(doc: Doc, m: Mention) -> bool:
    """The name is followed by its own acronym in brackets: "Data Protection Commission (DPC)"."""
    toks = tokens(doc)
    if m.tend + 2 >= len(toks) or toks[m.tend].text != "(" or toks[m.tend + 2].text != ")":
        return False
    acr = toks[m.tend + 1].text
    return is_acronym(acr) and m.tend - m.tstart >= 2 and acronym_matches(acr, text_of(doc, m.tstart, m.tend))


def org_contexts(doc: Doc, mentions: list[Mention]) -> None:
    """**organization nouns**: a tagged person or place in apposition to a company noun, or right
    after one, is an organization ("the airline, Skyways, said", "Skyways, a carrier based in
    Ohio,", "retailer Buymart"); "the" and a
    plural proper noun name a group ("the Beatles"); a title before a person-shaped name tagged as
    an organization, or one the name stands in apposition to, is a person's title ("Spokeswoman
    Ann Lee", "rebel spokesman Ann Lee", "Police Chief Ann Lee", "its chairman, Lars Eklund,");
    a name followed by its own acronym in brackets is no person's ("General Data Protection
    Regulation (GDPR)")."""
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
        if m.kind is EntityKind.ORGANIZATION and before is not None and (before.is_lower or before.is_title) \
                and before.lower_ in TITLE_WORDS and looks_like_person_name([t.text for t in doc[m.tstart : m.tend]]):
            m.kind, m.source = EntityKind.PERSON, "rule:title-person"  # "rebel spokesman Ann Lee", "Police Chief Ann Lee"
            continue
        if m.kind is EntityKind.ORGANIZATION and apposed_title(doc, m) is not None \
                and looks_like_person_name([t.text for t in doc[m.tstart : m.tend]]):
            m.kind, m.source = EntityKind.PERSON, "rule:title-person"  # "its chairman, Lars Eklund,"
            continue
        if m.kind is EntityKind.ORGANIZATION:
            continue
        if named_by_org_noun(doc, m.tstart, m.tend):
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


def listed_with_organizations(doc: Doc, mentions: list[Mention]) -> None:
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


def _apposed_to_a_facility(toks: list[Token], m: Mention) -> bool:
    """The name stands between commas right after a building noun: "near the presidential
    palace, La Moneda, on Saturday" (the parser seldom hangs it from the noun)."""
    return m.tstart >= 2 and toks[m.tstart - 1].text == "," and toks[m.tstart - 2].is_lower \
        and toks[m.tstart - 2].lower_ in FACILITY_NOUNS and m.tend < len(toks) and toks[m.tend].is_punct


def place_contexts(doc: Doc, zones: Zones, mentions: list[Mention]) -> None:
    """**facility nouns**: a name before a building noun is one place with it ("the Burdenko
    military hospital"). **place nouns**: a name modifying a place noun ("Abga village"), after
    "<place noun> of" ("the riding of Carleton"), a name tagged as a person after "mayor of" or
    "governor of" or after a person's name and "of" (:func:`_hometown`), in apposition to one
    ("towns, particularly Dayein"), an organization's name between commas after a building
    noun ("the presidential palace, La Moneda,"), or listed as its examples ("towns ...,
    including Sherman and Howe") is a place, and so are the names coordinated with it ("Dayein
    and Buram"), tagged or not."""
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
        while b < len(doc) and b > tok.i and toks[b].tag_ in ("NNP", "NNPS") and capitalised(toks[b]):
            b += 1
        span = (a, b) if b > a else (a, tok.i)
        if span[1] > span[0] and all(i not in by_token and capitalised(toks[i]) and not toks[i].is_sent_start
                                     and toks[i].tag_ in ("NNP", "NNPS", "NN") for i in range(*span)) \
                and not zones.is_boilerplate(toks[span[0]].idx, toks[span[1] - 1].idx + 1):
            new = make_mention(doc, span[0], span[1], EntityKind.PERSON, "rule:place-noun")  # made a place below
            mentions.append(new)
            by_token.update((i, new) for i in range(*span))
    for m in mentions:
        k = m.tend
        while k < min(m.tend + 3, len(doc)) and same_line(doc, k - 1) and toks[k].is_lower \
                and toks[k].lower_ not in FACILITY_NOUNS and toks[k].pos_ in ("ADJ", "NOUN"):
            k += 1
        if k < len(doc) and toks[k].is_lower and toks[k].lower_ in FACILITY_NOUNS and toks[k].pos_ == "NOUN" \
                and same_line(doc, k - 1) and m.tend <= toks[m.tend - 1].head.i <= k \
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
                    and m.tend - m.tstart == 1)
                or (m.kind is EntityKind.ORGANIZATION and _apposed_to_a_facility(toks, m))):
            m.kind = EntityKind.PLACE
            m.source = "rule:place-noun"
            for conj in root.conjuncts:
                other = by_token.get(conj.i)
                if other is not None:
                    other.kind = EntityKind.PLACE
                elif capitalised(conj) and conj.tag_ in ("NNP", "NNPS") \
                        and not zones.is_boilerplate(conj.idx, conj.idx + len(conj.text)):
                    new = make_mention(doc, conj.i, conj.i + 1, EntityKind.PLACE, "rule:place-noun")
                    mentions.append(new)
                    by_token[conj.i] = new
