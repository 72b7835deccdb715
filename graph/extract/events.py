"""Events: triggers, their participants and the dates the text attaches to them.

A trigger is a verb or noun whose lemma names a kind of happening (:data:`TRIGGERS`).
Light verbs take their type from their object ("offered a statement", "launch an
investigation"); aspectual verbs from their subject ("a purge began").

Dates come from time expressions (:func:`graph.timex.find_time_expressions`) and
only through the parse: a time expression dates the event it is attached to, found by
walking up from the expression's head to the nearest trigger or verb, and, when it stands
before them, the verbs coordinated with that verb. A verb that carries a date but is no
trigger still becomes an event of type ``occurrence`` (the text says *when* something
happened). A time expression attached to no verb (a dateline) makes no event. The tense of
the clause orients a bare month or weekday (:func:`told_of_future`). The only other source
of a date is the TimeML convention for tense in news (present tense is the publication day,
see :mod:`graph.extract`); every date names its rule. A date is never guessed.

>>> TRIGGERS["arrest"], TRIGGERS["detain"], TRIGGERS["purge"]
('arrest', 'detention', 'persecution')
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Event, Participant, Precision, Quantity, Role, Span, TimeSpan
from ..timex import find_time_expressions, resolve
from .pipeline import WORD_PREFIXES, doc_text, sentence_of, tokens
from .boilerplate import Zones
from .event_labels import clause_label, label_text, noun_label
from .names import ORG_HEADS, ORG_NOUNS, TITLE_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as SpacySpan, Token

    from .entities import EntityResult


def _lex(pairs: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for words, kind in pairs.items():
        for w in words.split():
            out[w] = kind
    return out


TRIGGERS: dict[str, str] = _lex({
    "arrest apprehend": "arrest",
    "detain detention jail imprison imprisonment custody": "detention",
    "die death dead": "death",
    "kill killing murder assassinate assassination execute execution slay": "killing",
    "torture": "torture",
    "attack assault bomb bombing raid ambush shooting": "attack",
    "persecute persecution purge crackdown": "persecution",
    "release free": "release",
    "investigate investigation probe inquiry": "investigation",
    "report publish": "report",
    "disclose disclosure reveal expose leak": "disclosure",
    "statement": "statement",
    "meet meeting summit talk talks": "meeting",
    "rule ruling verdict convict conviction sentence acquit overturn": "ruling",
    "trial prosecute prosecution sue lawsuit": "trial",
    "sanction sanctions": "sanction",
    "elect election vote referendum plebiscite runoff": "election",
    "appoint appointment nominate nomination": "appointment",
    "resign resignation": "resignation",
    "buy acquire acquisition purchase sell sale merge merger deal agreement contract order sign": "deal",
    "earthquake quake tsunami flood flooding hurricane typhoon cyclone tornado fire wildfire explosion "
    "explode crash collapse eruption erupt landslide disaster": "disaster",
    "protest demonstrate demonstration rally": "protest",
    "protect uphold": "protection",
    "launch unveil introduce": "launch",
    "strike walkout": "strike",
    "ceasefire truce armistice": "truce",
})
# Verbs whose event is named by their object: "offered a statement", "held talks".
LIGHT_VERBS = frozenset("offer issue make give hold conduct carry launch open begin start release publish "
                        "announce order call stage deliver accept win lose receive secure sign".split())
# Verbs whose event is named by their subject: "a purge began".
ASPECTUAL_VERBS = frozenset("begin start resume continue end stop finish occur happen take".split())
# Entries that are events only as nouns: "talks" (a meeting) but "talk" (speech), "a strike"
# (a walkout) but "the quake struck".
NOUN_ONLY = frozenset("talk strike walkout contract".split())
# ... and only as verbs: "ruled" (a ruling) but "the rules" (regulations), "signed" but "a sign".
VERB_ONLY = frozenset({"rule", "sign"})
# Verbs of failure, typed by an event subject ("talks collapsed"), else by their own entry.
FAILURE_VERBS = frozenset("collapse fail stall falter crash".split())
# Adjectival complements that make a light verb a disclosure: "made aware".
DISCLOSURE_COMPLEMENTS = frozenset("aware public known".split())
SPEECH_VERBS = frozenset("say tell add state explain note announce claim argue insist warn write "
                         "comment confirm deny reply respond acknowledge urge condemn".split())
# Verbs that call on someone to act: "We call on Russia to investigate", "urge X to".
CALL_LEMMAS = frozenset("call urge ask demand press appeal".split())
_PATIENT_FIRST = frozenset({"arrest", "detention", "death", "killing", "torture", "persecution", "release",
                            "attack"})


@dataclass
class Draft:
    """An event under construction, keyed by its trigger token."""

    trigger: int
    type: str
    tokens: list[int] = field(default_factory=list)
    time: TimeSpan | None = None
    event: Event | None = None


def event_type(tok: Token) -> str | None:
    """The event type a token triggers in its context, or None (:func:`in_context`). A present
    participle modifying a noun names a standing property, no event ("the ruling coalition",
    "a growing protest")."""
    lemma = tok.lemma_.lower()
    kind = None
    if tok.tag_ == "VBG" and tok.dep_ == "amod":
        return None
    if "-" in lemma and lemma not in TRIGGERS and lemma.split("-", 1)[0] in WORD_PREFIXES:
        lemma = _stem_lemma(tok.lower_.split("-", 1)[1])  # "re-elected": a prefixed word is of its stem's kind
    if tok.pos_ == "VERB":
        kind = TRIGGERS.get(lemma)
    elif tok.pos_ == "NOUN" and (lemma in TRIGGERS or tok.lower_ in TRIGGERS):
        kind = TRIGGERS.get(lemma) or TRIGGERS[tok.lower_]
    elif tok.pos_ == "ADJ" and lemma == "dead" and tok.dep_ in ("acomp", "oprd", "xcomp", "ccomp", "conj"):
        kind = "death"  # "were found dead", "70 reported dead"; "the dead" are people
    return in_context(tok, kind) if kind is not None else None


def _stem_lemma(word: str) -> str:
    """The trigger lemma of the word after a prefix ("elected" of "re-elected"): the word
    itself, or the first trigger its regular inflection ("-ed", "-d", "-s", "-es", "-ing")
    stands for; the word when none does. The lemmatizer guesses at the whole unknown word
    ("re-electe").

    >>> _stem_lemma("elected"), _stem_lemma("launches"), _stem_lemma("arrest"), _stem_lemma("tried")
    ('elect', 'launch', 'arrest', 'tried')
    """
    for cut, add in ((0, ""), (2, ""), (1, ""), (3, ""), (3, "e")):
        if cut and len(word) <= cut + 2:
            continue
        base = (word[:-cut] if cut else word) + add
        if base in TRIGGERS:
            return base
    return word


# Objects of "meet" in its sense "satisfy": what is met is a requirement, not a party.
REQUIREMENTS = frozenset("target goal demand deadline expectation requirement need standard condition "
                         "obligation quota criterion criteria estimate forecast threshold".split())
# Parties to a dismissal: named people, bodies and states, or pronouns.
_PARTY_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


# Nouns and verbs of a change in amount: "from" a time gives the point it is measured from
# (.dating), and "sales" that change are an amount, no sale.
CHANGE_WORDS = frozenset("increase decrease rise fall gain loss drop decline jump climb improvement growth "
                         "slump plunge surge dip rally grow soar tumble slide".split())
# What erupts in the literal sense; a proper name ("Mount Etna") is taken to be one too.
VENTS = frozenset("volcano mountain crater geyser vent".split())
# What markets trade: a "rally" of these is a rise in price, not a protest.
TRADED = frozenset("market stock share index indices price bond yield currency dollar euro pound yen yuan "
                   "oil gold silver futures commodity equity treasury crypto bitcoin".split())


def _traded(tok: Token | None) -> bool:
    return tok is not None and (tok.lemma_.lower() in TRADED or tok.lower_ in TRADED)


# Words of winning a vote: a "landslide" beside one is a margin ("won in a landslide").
WINNING_WORDS = frozenset("win victory triumph reelect elect sweep".split())


def _party(tok: Token | None) -> bool:
    return tok is not None and (tok.ent_type_ in _PARTY_ENTS or tok.pos_ == "PRON")


def _a_person(tok: Token | None) -> bool:
    """A party that is no state, a noun of a post ("the coach", "a police officer") or a name
    that undergoes it ("Ana Ruiz was fired"): what "fire" takes as a person (a dismissal),
    where shots and missiles are fired in an attack."""
    if tok is None:
        return False
    return ((_party(tok) and tok.ent_type_ != "GPE" and tok.lower_ != "it")
            or (tok.pos_ == "NOUN" and tok.lower_ in TITLE_WORDS)
            or (tok.pos_ == "PROPN" and tok.dep_ == "nsubjpass"))


def in_context(tok: Token, kind: str) -> str | None:
    """The type a lexicon entry takes in its sentence, where a word has more than one sense
    (``type-in-context``):

    * "meet" is a meeting ("met the president", "met with rebels"), not when its object
      names a requirement ("met its target", "met the deadline");
    * "talks" is a meeting, the verb "talk" is speech;
    * a "landslide" beside a win is a margin ("won in a landslide", "a landslide victory");
    * "order" with an infinitive ("ordered the crowd to disperse") is a directive; the noun is
      a purchase only with "for" ("an order for 20 aircraft");
    * "fire" as a verb, or the object of a verb or of "under" ("opened fire", "under fire"),
      is shooting; a person fired ("fired the coach", "the officer was fired") is a
      dismissal; a fire that burns is a disaster; a
      "cease-fire" is a truce;
    * "ruled" is a ruling, "the rules" are no event (the noun of the ruling is "ruling");
    * a verb with the particle "out" ("ruled out") denies rather than does;
    * "erupt" is a disaster, not when something erupts "in" or "into" something ("erupted in
      cheers") nor when a common noun other than a volcano's erupts ("fighting erupted");
    * a "news release" or "press release" is a document, no release from custody;
    * "sales" that rise or fall are an amount, no sale;
    * a failure verb ("collapse", "crash") is a disaster, not when a body, a party or what
      markets trade fails ("the coalition collapsed", "shares crashed");
    * a "rally" of what markets trade ("stocks rallied", "a rally in oil prices") is a rise in
      price, not a protest.

    >>> TRIGGERS["meet"], TRIGGERS["fire"]
    ('meeting', 'disaster')
    """
    lemma = tok.lemma_.lower()
    verb = tok.pos_ == "VERB"
    children = list(tok.children)
    obj = next((c for c in children if c.dep_ == "dobj"), None)
    if verb and any(c.dep_ == "prt" and c.lower_ == "out" for c in children) and lemma != "carry":
        return None
    if lemma in ("erupt", "eruption") and (
            any(c.dep_ == "prep" and c.lower_ in ("in", "into") for c in children)
            or any(c.dep_ in ("nsubj", "csubj") and c.pos_ in ("NOUN", "VERB") and c.lemma_.lower() not in VENTS
                   for c in children)):
        return None  # "erupted in cheers", "fighting erupted": what erupts there is no volcano
    if lemma == "release" and not verb and any(c.dep_ in ("compound", "amod") and c.lower_ in ("news", "press", "media")
                                                for c in children):
        return None  # "a police news release": a document, no one set free
    if tok.lower_ == "sales" and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in CHANGE_WORDS:
        return None  # "sales rose 10%": revenue, no sale
    if lemma in FAILURE_VERBS and verb:
        subject = next((c for c in children if c.dep_ == "nsubj"), None)
        if subject is not None and (subject.ent_type_ in _PARTY_ENTS or _traded(subject)
                                    or subject.lemma_.lower() in ORG_HEADS | ORG_NOUNS):
            return None  # "the coalition collapsed", "shares crashed": a failure, no disaster
    if lemma == "rally":
        subject = next((c for c in children if c.dep_ == "nsubj"), None) if verb else next(
            (p for c in children if c.dep_ == "prep" and c.lower_ in ("in", "of") for p in c.children
             if p.dep_ == "pobj"), None)
        if _traded(subject) or subject is not None and any(_traded(c) for c in subject.children if c.dep_ == "compound"):
            return None  # "stocks rallied", "a rally in oil prices": a rise in price
    if lemma == "landslide" and (tok.head.lemma_.lower() in WINNING_WORDS or tok.head.lower_ == "in"
                                 and tok.head.head.lemma_.lower() in WINNING_WORDS):
        return None  # "won in a landslide", "a landslide victory": a margin, no disaster
    if lemma == "meet" and verb:
        return None if obj is not None and obj.lemma_.lower() in REQUIREMENTS else kind
    if lemma in NOUN_ONLY and verb or lemma in VERB_ONLY and not verb:
        return None
    if lemma == "order":
        if verb:
            return "directive" if any(c.dep_ in ("xcomp", "ccomp") for c in children) else kind
        return kind if any(c.dep_ == "prep" and c.lower_ == "for" for c in children) else None
    if lemma == "fire":
        if tok.i >= 1 and tok.doc[tok.i - 1 - (tok.doc[tok.i - 1].text == "-")].lower_ == "cease":
            return "truce"  # "cease-fire", "cease fire": a compound word of its own
        if verb:
            subject = next((c for c in children if c.dep_ == "nsubjpass"), None)
            fired = obj if obj is not None else subject  # "fired the coach", "the officer was fired"
            return "dismissal" if _a_person(fired) else "attack"
        if tok.dep_ == "dobj" or tok.dep_ == "pobj" and tok.head.lower_ == "under":
            return "attack"
    return kind


def find_triggers(doc: Doc, zones: Zones) -> dict[int, Draft]:
    """Trigger tokens of the body (not boilerplate, not headlines) -> drafts.

    A light verb takes its object's type ("held talks"), and a verb of failure its event
    subject's ("the talks collapsed": the talks ended, no disaster); the noun's draft is
    absorbed into the verb's, one event."""
    toks = tokens(doc)
    from spacy.symbols import ADJ, NOUN, VERB

    drafts: dict[int, Draft] = {}
    pos = doc.to_array("POS")
    for i in ((pos == VERB) | (pos == NOUN) | (pos == ADJ)).nonzero()[0].tolist():  # only these are looked at
        tok = toks[i]
        kind = event_type(tok)
        if kind is None:
            continue
        if zones.kind_at(tok.idx, tok.idx + len(tok.text)) is not None:
            continue
        if tok.pos_ == "NOUN" and tok.dep_ == "compound":
            continue
        drafts[tok.i] = Draft(tok.i, kind)
    # light verbs take their object's type; the object's own draft is absorbed
    for i in list(drafts):
        tok = toks[i]
        head = tok.head
        if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in LIGHT_VERBS:
            draft = drafts.pop(i)
            drafts[head.i] = Draft(head.i, draft.type, [i])
        elif tok.pos_ == "NOUN" and tok.dep_ == "nsubj" and head.i in drafts and head.lemma_.lower() in FAILURE_VERBS:
            draft = drafts.pop(i)
            drafts[head.i] = Draft(head.i, draft.type, [i])
    return drafts


def _entity_of(tok: Token, ents: EntityResult) -> str | None:
    if tok.i in ents.token_entity:
        return ents.token_entity[tok.i]
    for child in tok.children:
        if child.dep_ in ("compound", "appos") and child.i in ents.token_entity:
            return ents.token_entity[child.i]
    return None


def participants(doc: Doc, draft: Draft, ents: EntityResult) -> tuple[list[Participant], list[str]]:
    """Entities in the trigger's argument positions, with their roles, and its places."""
    toks = tokens(doc)
    from ..model import EntityKind

    tok = toks[draft.trigger]
    found: list[Participant] = []
    places: list[str] = []
    kinds = {e.id: e.kind for e in ents.entities}

    def add(eid: str | None, role: Role, tok: Token | None = None) -> None:
        if eid and not any(p.entity == eid for p in found):
            found.append(Participant(eid, role))
        elif eid is None and tok is not None:
            # "those detained, including X": the named members of a group argument
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in ("including", "like"):
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            add(_entity_of(pobj, ents), role)

    heads = [tok] + [toks[i] for i in draft.tokens]
    for head in heads:
        for child in head.children:
            dep = child.dep_
            if dep == "nsubj":
                add(_entity_of(child, ents), Role.PATIENT if draft.type in ("death",) else Role.AGENT, child)
            elif dep in ("nsubjpass", "dobj"):
                add(_entity_of(child, ents), Role.PATIENT if draft.type in _PATIENT_FIRST else Role.PARTICIPANT, child)
            elif dep == "poss":
                add(_entity_of(child, ents), Role.PATIENT if draft.type in _PATIENT_FIRST else Role.AGENT)
            elif dep == "agent" or (dep == "prep" and child.lower_ == "by"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        add(_entity_of(pobj, ents), Role.AGENT)
            elif dep == "prep":
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    eid = _entity_of(pobj, ents)
                    if eid is None:
                        continue
                    if kinds.get(eid) is EntityKind.PLACE and child.lower_ in ("in", "at", "near", "across", "inside"):
                        if eid not in places:
                            places.append(eid)
                    elif child.lower_ in ("of", "against", "on") and draft.type in _PATIENT_FIRST:
                        add(eid, Role.PATIENT)
                    elif child.lower_ in ("of", "against", "with", "for", "from", "to"):
                        add(eid, Role.PARTICIPANT)
    # a state called on to act: "We call on Russia to launch an investigation" -> Russia agent
    verb = tok if tok.pos_ == "VERB" else None
    node = verb
    while node is not None and node.dep_ == "conj":
        node = node.head
    if node is not None and (node.dep_ == "xcomp" or node.dep_ in ("advcl", "ccomp")
                             and node.head.lemma_.lower() in CALL_LEMMAS) \
            and not any(p.role is Role.AGENT for p in found):
        caller = node.head
        for child in caller.children:
            if child.dep_ in ("dobj",):
                add(_entity_of(child, ents), Role.AGENT)
            if child.dep_ == "prep" and child.lower_ == "on":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        add(_entity_of(pobj, ents), Role.AGENT)
    return found, places


def quantity(doc: Doc, draft: Draft) -> Quantity | None:
    """How many were affected: a number on the patient or subject ("at least 40 individuals")."""
    toks = tokens(doc)
    tok = toks[draft.trigger]
    cands = [c for c in tok.children if c.dep_ in ("nsubjpass", "dobj", "nsubj")]
    if tok.dep_ == "amod" or (tok.pos_ == "VERB" and tok.dep_ in ("acl", "relcl")):
        cands.append(tok.head)
    if tok.pos_ == "NOUN":
        cands.append(tok)
    for noun in cands:
        for num in noun.children:
            if num.dep_ == "nummod" or (noun is tok and num.dep_ == "nummod"):
                words = [t for t in num.subtree]
                a, b = words[0].idx, words[-1].idx + len(words[-1].text)
                qualifier = " ".join(t.text for t in words if t.dep_ in ("advmod", "quantmod") or t.lower_ in ("least", "at", "more", "than", "about", "nearly", "over", "some")) or None
                try:
                    value = int(num.text.replace(",", ""))
                except ValueError:
                    value = None
                return Quantity(Span.at(doc_text(doc), a, b), value, qualifier)
        if noun.like_num and noun.pos_ == "NUM":
            words = sorted([noun] + [c for c in noun.children if c.dep_ in ("advmod", "quantmod")], key=lambda t: t.i)
            words = list(doc[words[0].i : words[-1].i + 1])
            a, b = words[0].idx, words[-1].idx + len(words[-1].text)
            return Quantity(Span.at(doc_text(doc), a, b), None, None)
    return None


PRESENT_TAGS = frozenset({"VBZ", "VBP"})
# "would" looks forward from a past moment ("said it would close in May"), not from now
FORWARD_MODALS_EXCLUDED = frozenset({"would", "'d"})


def present_tense(tok: Token) -> bool:
    """A finite verb group in the present: "says", "announce", "has released", "is planning",
    "are selected", "has been reduced". English marks tense on the first verb of the group,
    so the first auxiliary decides; a modal ("will", "can be stored") is no present tense.
    """
    return tok.tag_ in PRESENT_TAGS or tense_tag(tok) in PRESENT_TAGS


def tense_tag(tok: Token) -> str:
    """The tag of the tense-bearing word of a verb group: its first auxiliary (a modal
    comes first, so "will be" is MD), else the verb itself."""
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass") and c.i < tok.i]
    return auxes[0].tag_ if auxes else tok.tag_


def told_of_future(verb: Token) -> bool:
    """The verb group refers forward from the time of writing: a modal with a plain
    infinitive ("will reopen", "should be completed", "may be signed"; not "would", which
    looks forward from a past moment, nor "could have ..."), or a to-infinitive complement of
    a verb in the present ("is set to begin", "plans to stand down")."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    if any(a.lower_ == "have" for a in auxes):
        return False
    if any(a.tag_ == "MD" and a.lower_.replace("\u2019", "'") not in FORWARD_MODALS_EXCLUDED for a in auxes):
        return True
    return verb.dep_ == "xcomp" and any(a.tag_ == "TO" for a in auxes) and present_tense(verb.head)


def time_expressions(doc: Doc, zones: Zones, published: dt.date) -> list[tuple[SpacySpan, TimeSpan]]:
    """Resolved time expressions of the body, per sentence, as token spans. A bare month,
    weekday or season that dates a clause told of the future is its next occurrence ("will
    reopen on Friday", :func:`graph.extract.dating.reads_forward`), otherwise its latest one;
    a day and month is the nearest, or the latest in a clause told of the past
    (:func:`graph.extract.dating.reads_back`: "was arrested on March 3" in October).
    A dateline's date dates no event (:func:`graph.extract.dating.in_dateline`); a bare year
    counts only as the attribute of an event noun ("the 2015 treaty"); "three days later"
    counts from the date last named before it outside quotations, and "at 11 p.m." is on the
    day last named, a day of the story before one of its telling ("struck late Friday, the
    ministry said Saturday. The quake hit at 11:11 p.m.": Friday); a baseline of comparison
    dates nothing (:func:`graph.extract.dating.comparison_baseline`), nor does the "until" of
    a verb of putting off (:func:`graph.extract.dating.deferred_until`); in quoted words, a day
    or week counted from the day they were said ("today", "on Monday") is left unread
    (:data:`SPEAKER_DEICTIC_RULES`), since the publication's day need not be it."""
    from .dating import (attributive_year, comparison_baseline, deferred_until, in_dateline, reads_back,
                         reads_forward)
    from .statements import find_quote_marks

    found = []
    text = doc_text(doc)
    quoted = find_quote_marks(text)
    reference: TimeSpan | None = None
    day: TimeSpan | None = None
    told_day: TimeSpan | None = None
    for sent in doc.sents:
        if zones.kind_at(sent.start_char, sent.start_char + 1) is not None:
            continue
        stext = text[sent.start_char : sent.end_char]
        for a, b in find_time_expressions(stext):
            start, end = sent.start_char + a, sent.start_char + b
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or in_dateline(text, start, end):
                continue
            phrase = text[start:end]
            if phrase.isdigit() and not attributive_year(span) or comparison_baseline(span):
                continue
            point = attach_point(span)
            if deferred_until(point, phrase):
                continue
            t = resolve(phrase, published, span=Span.at(text, start, end), future=reads_forward(point, phrase),
                        past=reads_back(point), reference=reference, day_reference=day or told_day)
            in_quote = any(qa <= start < qb for qa, qb in quoted)
            if t is None or in_quote and t.rule.split("+")[-1] in SPEAKER_DEICTIC_RULES:
                continue  # a quote's "today" is the day the words were said, which the publication's is not
            found.append((span, t))
            if t.value is None or in_quote:
                continue
            reference = t
            if point is not None and point.lemma_.lower() in SPEECH_VERBS:
                told_day = t if t.precision is Precision.DAY else told_day  # "the ministry said Saturday"
            else:
                day = t if t.precision is Precision.DAY else day
    return found


# Rules that count days or weeks from the publication ("today", "on Monday", "last week"): in
# quoted words they count from the day the speaker said them, which may be days earlier.
SPEAKER_DEICTIC_RULES = frozenset({"relative-day", "weekday", "weekday-upcoming", "this-week", "last-week",
                                   "next-week", "weekend", "weekend-upcoming", "ago"})


_NONFINITE_TAGS = frozenset({"VBG", "VBN", "VB"})


# Participles that work as prepositions of onset: "will lower the duty starting on October 1",
# "the rules take effect beginning in June". They name no happening; the time they carry is
# when the verb they modify begins.
ONSET_PARTICIPLES = frozenset({"start", "begin"})


def _past_a_non_event(point: Token) -> Token:
    """The verb a time expression dates, past a verb that names no happening of its own.

    A gerund copula ("40 men suspected of being gay on March 28") states a condition;
    a condition is no event to date. Its clause hangs from the event it qualifies, so the
    date goes to the nearest finite verb above it ("detained"). An infinitive one ("expects
    to continue to be profitable this year") is what the sentence dates, and keeps it.
    A participle of onset without a subject of its own (:data:`ONSET_PARTICIPLES`) passes
    the date to the nearest verb above it ("lower", "commence")."""
    if point.tag_ == "VBG" and point.lemma_.lower() in ONSET_PARTICIPLES and point.dep_ in ("prep", "advcl", "acl") \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in point.children):
        return next((a for a in point.ancestors if a.pos_ in ("VERB", "AUX")), point)
    if point.lemma_.lower() != "be" or point.tag_ != "VBG":
        return point
    return next((a for a in point.ancestors if a.pos_ in ("VERB", "AUX") and _finite(a)), point)


def _finite(verb: Token) -> bool:
    """A verb with a tense of its own, or with an auxiliary that has one ("was arrested")."""
    return verb.tag_ not in _NONFINITE_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ not in _NONFINITE_TAGS and c.tag_ != "TO" for c in verb.children)


# Where a noun stands when a time expression that modifies it tells the noun's own time, not
# its clause's: as an object or a complement ("expects a decision next month"). A subject's
# modifier dates its clause ("Sales last month rose").
_NOUN_OWN_TIME_DEPS = frozenset("dobj pobj attr appos conj".split())


# Nouns of a stretch of time: a time expression modifying one ("on the evening of 14 June last
# year") dates what that noun dates.
TIME_NOUNS = frozenset("morning afternoon evening night day week weekend month year hour hours eve".split())


def _time_noun(tok: Token) -> bool:
    return tok.ent_type_ in ("DATE", "TIME") or tok.lower_ in TIME_NOUNS


def _after_speech_verb(span: SpacySpan) -> Token | None:
    """The speech verb a time expression right after it dates, though the parser hung the
    expression in the reported clause: "said on Thursday it would buy ..." (English puts the
    reported clause's own time after its subject: "said it would buy ... on Thursday")."""
    doc, k = span.doc, span.start - 1
    if k >= 0 and doc[k].pos_ == "ADP" and doc[k].i == span.root.head.i:
        k -= 1
    if k < 0 or doc[k].pos_ != "VERB" or doc[k].lemma_.lower() not in SPEECH_VERBS:
        return None
    clause = next((c for c in doc[k].children if c.dep_ == "ccomp" and c.i > span.end), None)
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None) if clause is not None else None
    inside = clause is not None and clause.left_edge.i <= span.start
    return doc[k] if inside and subject is not None and subject.i >= span.end else None


def attach_point(span: SpacySpan) -> Token | None:
    """The verb or event noun a time expression modifies, or None: a bare dateline, or the
    time of a noun that names no event ("the IOC's decision next month" dates neither the
    verb above the decision nor any other)."""
    root = span.root
    said = _after_speech_verb(span)
    if said is not None:
        return said
    node = root
    for _ in range(8):
        head = node.head
        if head.i == node.i:
            if head.pos_ in ("VERB", "AUX") and head.i != root.i:
                return _past_a_non_event(head)
            break
        if head.pos_ in ("VERB", "AUX") or (head.pos_ == "NOUN" and event_type(head) is not None):
            return _past_a_non_event(head)
        if node is root and head.pos_ == "NOUN" and root.dep_ in ("npadvmod", "nmod") \
                and head.dep_ in _NOUN_OWN_TIME_DEPS and not _time_noun(head):
            return None
        node = head
    # a fragment parse: the expression hangs off a noun root; the sentence's verb is its clause,
    # never the verb of a clause that describes a noun ("City, who won the treble, host ...")
    sent = sentence_of(root.doc, root.i)
    sent_root = sent.root
    if sent_root.pos_ not in ("VERB", "AUX") or span.start <= sent_root.i < span.end:
        verbs = [t for t in sent if t.pos_ == "VERB" and not span.start <= t.i < span.end
                 and not any(a.dep_ in ("relcl", "acl") for a in (t, *t.ancestors))]
        return min(verbs, key=lambda t: abs(t.i - root.i)) if verbs else None
    return sent_root


def label_for(doc: Doc, draft: Draft) -> str:
    """Who did what to whom, from the parse (:mod:`.event_labels`): the clause of a verb, the
    phrase (or the clause) of an event noun."""
    tok = doc[draft.trigger]
    if tok.pos_ in ("VERB", "AUX"):
        return label_text(doc, lambda limit: clause_label(tok, limit), tok)
    return label_text(doc, lambda limit: noun_label(tok, limit), tok)


def id_base(doc: Doc, draft: Draft, names: dict[str, str], parts: list[Participant]) -> str:
    """A short readable id stem: type plus the main participant, else the trigger word."""
    main = next((p for p in parts if p.role is Role.PATIENT), None) or (parts[0] if parts else None)
    return f"{draft.type}-{names[main.entity]}" if main else f"{draft.type}-{doc[draft.trigger].lower_}"
