"""Who speaks: the speaker of a speech verb, read from the parse.

* **named subject** - the subject of the speech verb names an entity: the name itself, a
  name in apposition ("said the group's director, Jane Roe" -> Jane Roe), or a surname or
  alias alone once the full name is known ("Roe said");
* **relative pronoun** - "who said", "which said" stand for the noun the clause modifies;
* **shared subject** - a coordinated verb or a participle without a subject of its own
  shares the subject of the verb it depends on ("Roe said ..., adding that ...",
  "Roe led the talks and said ...");
* **adjacent mention** - when the parse gives the verb no subject at all, an entity named
  right before the verb is its subject (a wrapped line: "... the agency\\nsaid");
* **pronoun** - he/she goes to the last person named before it (or the last speaker whose
  name has a person's shape, whatever type the tagger gave it), we/they/it to the last organization or place; names
  inside quotation marks are never antecedents;
* **spokesperson** - "the ministry's spokesman said" speaks for the ministry;
* **unnamed** - a common-noun subject that names no entity describes the speaker ("a
  witness said" -> "witness"): the description is kept, a name is never invented.

>>> SPEAKING_NOUN_EXCLUDED >= {"statement", "report"}
True
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import EntityKind
from .entity_kinds import tokens_among
from .mentions import SPEECH_LEMMAS as ENTITY_SPEECH_LEMMAS
from .event_labels import past_dateline
from .names import looks_like_person_name
from .pipeline import tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .entities import EntityResult

PERSON_PRONOUNS = frozenset("he she him her".split())
GROUP_PRONOUNS = frozenset("we they it us".split())
# the verbs a name is read as speaking by (entities.SPEECH_LEMMAS), and those that only
# attribute quoted words
SPEECH_LEMMAS = ENTITY_SPEECH_LEMMAS | frozenset("admit ask chant complain concede declare exclaim joke post predict "
                                                 "quip recall remark scream shout stress testify tweet vow whisper "
                                                 "yell".split())
RELATIVE_PRONOUNS = frozenset("who which that".split())
# nouns any organization can be referred back to by ("the group says")
GENERIC_ORG_NOUNS = frozenset("group organization organisation company firm".split())
SPOKES_NOUNS = frozenset("spokesman spokeswoman spokesperson spokespeople representative".split())
# nouns that stand as the subject of "say" but are texts or sources, not speakers
SPEAKING_NOUN_EXCLUDED = frozenset("statement declaration announcement remarks letter message release communique "
                                   "communiqué text report reports study survey document documents sign website "
                                   "site data figures poll analysis paper article story rule law bill order plan "
                                   "filing filings complaint records record".split())


@dataclass(frozen=True)
class Speaker:
    """A speaker: an entity id, or the words that describe one the text does not name."""

    entity: str | None = None
    description: tuple[int, int] | None = None  # character span, e.g. "police officer"

    def __bool__(self) -> bool:
        return self.entity is not None or self.description is not None


NOBODY = Speaker()


def _inside(i: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= i < b for a, b in spans)


def _alias_tokens(doc: Doc, ents: EntityResult) -> dict[int, str]:
    """Capitalised tokens the tagger left untagged that repeat a known person's surname or
    an entity's one-word alias ("Aldous" after "Angela Aldous"); ambiguous words are skipped."""
    forms: dict[str, set[str]] = {}
    for e in ents.entities:
        words = [e.name.split()[-1]] if e.kind is EntityKind.PERSON and " " in e.name.strip() else []
        words += [a for a in e.aliases if " " not in a.strip()]
        for w in words:
            forms.setdefault(w.lower(), set()).add(e.id)
    out: dict[int, str] = {}
    for tok in tokens_among(doc, forms):
        if not tok.text[:1].isupper() or tok.i in ents.token_entity:
            continue
        ids = forms.get(tok.lower_)
        if ids is not None and len(ids) == 1:
            out[tok.i] = next(iter(ids))
    return out


def subjects_of(verb: Token) -> list[Token]:
    """The subjects of ``verb`` (a parse may split one subject phrase into several), or
    those it shares with the verb it depends on, or, for "was quoted as saying", the
    passive's subject."""
    node = verb
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.pos_ == "VERB":
        # "he was quoted as saying", "she is reported as saying": the passive's subject spoke
        passive = [c for c in verb.head.head.children if c.dep_ == "nsubjpass"]
        if passive:
            return passive
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects
        shares = node.dep_ == "conj" or (node.dep_ in ("advcl", "xcomp") and node.tag_ in ("VBG", "VBN", "VB"))
        if not shares or node.head.i == node.i or node.head.pos_ not in ("VERB", "AUX"):
            return []
        node = node.head
    return []


class Resolver:
    """Speaker lookup: entities by token, pronouns to the last fitting entity before them."""

    def __init__(self, doc: Doc, ents: EntityResult, quoted: list[tuple[int, int]] | None = None) -> None:
        self.doc = doc
        self.ents = ents
        self.kinds = {e.id: e.kind for e in ents.entities}
        self.tokens: dict[int, str] = {**_alias_tokens(doc, ents), **ents.token_entity}
        quoted = quoted or []
        toks = tokens(doc)
        named = sorted((i, eid) for i, eid in self.tokens.items() if not _inside(toks[i].idx, quoted))
        # he/she: a person, or a speaker with a person's name that the tagger typed otherwise
        person_like = {e.id for e in ents.entities if looks_like_person_name(e.name.split())}
        self.persons = [(i, eid) for i, eid in named if self.kinds.get(eid) is EntityKind.PERSON
                        or eid in person_like and toks[i].dep_ == "nsubj" and toks[i].head.lemma_.lower() in SPEECH_LEMMAS]
        self.name_words = {e.id: set(e.name.lower().split()) for e in ents.entities}
        # "the minister" for a person the text titled so: title word -> entity ids
        self.titled: dict[str, set[str]] = {}
        for e in ents.entities:
            for title in e.titles:
                for word in title.text.lower().split():
                    self.titled.setdefault(word, set()).add(e.id)
        self.groups = [(i, eid) for i, eid in named if self.kinds.get(eid) is not EntityKind.PERSON]
        self.spoke: list[tuple[int, str]] = []  # (last token of a quotation, its person speaker)

    def heard(self, i: int, speaker: str | None) -> None:
        """A quotation and its attribution, ending at token ``i``, were said by ``speaker``: a
        person who has just spoken is the nearest referent of the "he" or "she" that
        attributes the next quote, nearer than a person named in the attribution ("“…,” said
        Ana Ortiz, who succeeded Tom Reyes. “…,” she said": Ana Ortiz)."""
        if speaker is not None and self.kinds.get(speaker) is EntityKind.PERSON:
            bisect.insort(self.spoke, (i, speaker))

    def entity(self, tok: Token) -> str | None:
        """The entity the noun phrase headed by ``tok`` names (see the module docstring)."""
        low = tok.lower_
        if low in PERSON_PRONOUNS:
            candidates = [c for c in (_last_at(self.persons, tok.i), _last_at(self.spoke, tok.i)) if c is not None]
            return max(candidates)[1] if candidates else None  # the nearer of the last named and the last to speak
        if low in GROUP_PRONOUNS:
            return _last_before(self.groups, tok.i)
        if low in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl" and tok.head.head.i != tok.head.i:
            return self.entity(tok.head.head)
        if tok.i in self.tokens:
            return self.tokens[tok.i]
        children = [c for c in tok.children if c.dep_ not in ("relcl", "acl", "prep", "poss")]
        for dep in ("appos", "compound", None):
            for child in children:
                if dep is not None and child.dep_ != dep:
                    continue
                found = self._in_phrase(child)
                if found:
                    return found
        if any(c.lower_ == "the" for c in tok.children):
            found = self.definite(tok)
            if found:
                return found
        if tok.lemma_.lower() in SPOKES_NOUNS:
            poss = next((c for c in tok.children if c.dep_ == "poss"), None)
            if poss is not None:
                return self.entity(poss)
        return None

    def definite(self, tok: Token) -> str | None:
        """ "the minister": the last person titled so before it; "the ministry": the last
        organization named with that word; "the group", "the company": the last organization."""
        word = tok.lemma_.lower()
        titled = self.titled.get(word, set())
        found = _last_before([(i, eid) for i, eid in self.persons if eid in titled], tok.i)
        if found or tok.pos_ != "NOUN":
            return found
        orgs = [(i, eid) for i, eid in self.groups if self.kinds.get(eid) is EntityKind.ORGANIZATION]
        found = _last_before([(i, eid) for i, eid in orgs if word in self.name_words[eid]], tok.i)
        return found or (_last_before(orgs, tok.i) if word in GENERIC_ORG_NOUNS else None)

    def _in_phrase(self, head: Token) -> str | None:
        """An entity named in ``head``'s phrase, a person first."""
        ids = [self.tokens[t.i] for t in head.subtree if t.i in self.tokens]
        persons = [i for i in ids if self.kinds.get(i) is EntityKind.PERSON]
        return (persons or ids or [None])[0]

    def description(self, tok: Token) -> tuple[int, int] | None:
        """The words describing an unnamed speaker: a common noun with its compounds and
        adjectives ("a police officer" -> "police officer"), or None."""
        from .events import event_type

        common = tok.pos_ == "NOUN" or tok.pos_ == "PROPN" and tok.text.islower()  # a tagger's "the president"
        if not common or tok.lemma_.lower() in SPEAKING_NOUN_EXCLUDED or tok.lower_ in SPEAKING_NOUN_EXCLUDED \
                or event_type(tok) is not None:
            return None
        left = tok.i
        while left - 1 >= 0 and self.doc[left - 1].dep_ in ("compound", "amod") \
                and self.doc[left - 1].head.i in range(left, tok.i + 1) and self.doc[left - 1].pos_ in ("NOUN", "ADJ", "PROPN"):
            left -= 1
        return self.doc[left].idx, tok.idx + len(tok.text)

    def of_verb(self, verb: Token) -> Speaker:
        """The speaker of a speech verb."""
        subjects = [s for s in (past_dateline(verb, s) for s in subjects_of(verb)) if s is not None]
        if not subjects:
            k = verb.i - 1
            while k >= 0 and self.doc[k].is_space:
                k -= 1
            return Speaker(self.tokens[k]) if k >= 0 and k in self.tokens else NOBODY
        found = [self.of_phrase(s) for s in subjects]
        named = [f for f in found if f.entity]
        persons = [f for f in named if self.kinds.get(f.entity or "") is EntityKind.PERSON]
        return (persons or named or [f for f in found if f] or [NOBODY])[0]

    def of_phrase(self, tok: Token) -> Speaker:
        """The speaker a noun phrase names or describes."""
        found = self.entity(tok)
        if found:
            return Speaker(found)
        if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
            tok = tok.head.head
        return Speaker(description=self.description(tok))


def _last_at(items: list[tuple[int, str]], i: int) -> tuple[int, str] | None:
    k = bisect.bisect_left(items, (i, "")) - 1
    return items[k] if k >= 0 else None


def _last_before(items: list[tuple[int, str]], i: int) -> str | None:
    k = bisect.bisect_left(items, (i, "")) - 1
    return items[k][1] if k >= 0 else None
