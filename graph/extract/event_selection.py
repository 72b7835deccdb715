"""Which drafts become events: one per reported occurrence, not one per verb.

Drafts come from the trigger lexicon (:func:`.events.find_triggers`) and from verbs that a
time expression or their tense dates (:mod:`.dating`). :func:`select_events` keeps the
happenings among them and joins the mentions of one occurrence:

* ``state-not-event``: a verb of state ("be", "have", "remain", "want", "include", "employ"), an
  auxiliary, and a plain verb of saying ("said", "told", "added": a statement, not an
  event) tell no happening and make no event of their own. A state that a time expression
  dates is a situation the text reports at that time ("were without power on Monday") and
  stays, unless it is a copula whose subject holds an event noun: that noun takes the date
  ("The last strike was in 1997", "there was a strike in 1997" date the strike); a negated
  copula or one whose subject is "it" ("it was not clear") reports no situation.
* ``quoted-words``: a verb inside a direct quotation that no trigger names and no time
  expression dates is part of the speaker's words (the statement carries them), not an
  event of the article.
* ``subject-of-event``: an event noun that is the subject of an event verb is that event
  ("the contract expires": the expiry; the verb keeps the noun's type if it had none).
* ``infinitive-complement``: a verb and the event verb of its infinitive complement are one
  occurrence ("agreed to buy", "began heading", "forced rescuers to stop"); the event keeps
  the outer verb (its date, else the inner one's) and the inner verb's type.
* ``headline-restates``: an event in the headline line (the first line of the text, short
  and without sentence punctuation) is the body's event of the same type told again; it
  joins that event, and stays apart only when the body has none.
* ``same-type-adjunct``: an event noun in a prepositional phrase of a verb event of the same
  type is that event ("bought the site in a $1bn deal").
* ``definite-anaphor``: an event noun with a definite determiner or a possessor and no
  restrictive modifier ("the deal", "the 40 arrests", "Saturday's quake", "the deal, which
  ...", not "the quake that struck in 2017") names the nearest earlier event of its type,
  unless its own date, from words of its clause, differs. So does a light verb whose object is such a noun ("the deal
  was announced").
* ``repeated-mention``: an undated event noun without a number of its own that repeats the
  word of an earlier event of its type is that event mentioned again.

Merged mentions add their sentences to the event's evidence.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .boilerplate import headline_end
from .event_labels import infinitive_complement
from .pipeline import doc_text, tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .events import Draft

STATE_VERBS = frozenset("be have seem appear remain stay exist belong consist contain include own possess know "
                        "believe think want need like love hope wish mean cost weigh lack deserve matter depend "
                        "involve represent resemble equal comprise feel do employ account total number".split())
PLAIN_SPEECH = frozenset("say tell add state explain note comment reply respond insist argue quote".split())
DEFINITE = frozenset("the this that these those its their his her our".split())
# modifiers that single out a new referent: "the quake that struck", "the attack on X"
_IDENTIFYING = frozenset({"relcl", "acl", "appos", "prep"})


def _causes_another(verb: Token) -> bool:
    """A causative construction: the verb makes someone or something do a thing its own clause
    tells ("the quake forced rescuers to stop", "the storm caused the bridge to collapse").
    The subject's event is the cause; the verb tells of the effect, another event."""
    has_object = any(c.dep_ == "dobj" for c in verb.children)
    return any(c.pos_ == "VERB" and (c.dep_ == "xcomp" and has_object
                                     or c.dep_ == "ccomp" and any(g.dep_ == "nsubj" for g in c.children))
               for c in verb.children)


def _no_event(tok: Token) -> bool:
    """A state, an auxiliary or a plain verb of saying (``state-not-event``)."""
    lemma = tok.lemma_.lower()
    return tok.pos_ == "AUX" or lemma in STATE_VERBS or lemma in PLAIN_SPEECH


def _restrictive(child: Token) -> bool:
    """A modifier that singles out its noun: not a relative clause set off by a comma."""
    if child.dep_ not in _IDENTIFYING:
        return False
    first = child.left_edge
    return not (child.dep_ in ("relcl", "acl", "appos") and first.i > 0 and first.nbor(-1).is_punct)


def _definite_anaphor(tok: Token) -> bool:
    """An event noun that refers back (``definite-anaphor``): a definite determiner or a
    possessor ("Saturday's quake"), no restrictive modifier."""
    if tok.pos_ != "NOUN":
        return False
    children = list(tok.children)
    if any(_restrictive(c) for c in children):
        return False
    return any(c.dep_ == "det" and c.lower_ in DEFINITE or c.dep_ == "poss" for c in children)


def _repeated(doc: Doc, noun: Token, before: list[int], times: dict[int, Any]) -> bool:
    """An undated bare event noun that repeats the word of an earlier event ("sanctions ...
    the sanctions ... sanctions"), with no number of its own (``repeated-mention``)."""
    toks = tokens(doc)
    if noun.pos_ != "NOUN" or noun.i in times or any(c.dep_ in ("nummod", "quantmod") for c in noun.children):
        return False
    lemma = noun.lemma_.lower()
    return any(toks[j].lemma_.lower() == lemma for j in before)


def _same_type_adjunct(tok: Token, drafts: dict[int, Draft]) -> int | None:
    """The verb event an event noun is a prepositional adjunct of, when both have one type
    ("bought the site in a $1bn deal": the deal is the buying)."""
    if tok.pos_ != "NOUN" or tok.dep_ != "pobj" or tok.head.dep_ != "prep":
        return None
    verb = tok.head.head
    if verb.i in drafts and verb.pos_ == "VERB" and drafts[verb.i].type == drafts[tok.i].type:
        return verb.i
    return None


def _by_tense(time: Any) -> bool:
    """Whether a date comes from tense alone, not from words of its clause: TimeML's document
    creation time, or the reference time of the narrative (:mod:`.dating`)."""
    return time.rule.startswith(("present-tense", "narrative+"))


def _edtf(times: dict[int, Any], i: int) -> str | None:
    t = times.get(i)
    return t.edtf if t is not None else None


def select_events(doc: Doc, drafts: dict[int, Draft], times: dict[int, Any],
                  quoted: list[tuple[int, int]] = ()) -> dict[int, list[int]]:  # type: ignore[assignment]
    """Trigger index of each event kept -> token indices of the mentions merged into it, in
    text order. ``times`` is updated where a date passes to the kept mention; ``quoted`` are
    the character ranges of direct quotations."""
    toks = tokens(doc)
    kept: dict[int, list[int]] = {}
    # state-not-event, quoted-words
    for i in sorted(drafts):
        tok = toks[i]
        if drafts[i].type != "occurrence":
            kept[i] = []
            continue
        by_tense = i in times and _by_tense(times[i])
        if any(a <= tok.idx < b for a, b in quoted) and (i not in times or by_tense):
            continue
        if not _no_event(tok):
            kept[i] = []
            continue
        if i not in times or by_tense or tok.lemma_.lower() in PLAIN_SPEECH:
            continue
        if tok.lemma_.lower() == "be":
            # a copula with no subject of its own is the predicate of the clause above it
            clause = tok.head if tok.dep_ == "ccomp" and not any(
                c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children) else tok
            nouns = [t.i for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "attr")
                     for t in c.subtree if t.i in drafts and t.i != i]
            if nouns and nouns[0] not in times:
                times[nouns[0]] = times[i]
                continue
            if any(c.dep_ == "neg" or c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in tok.children):
                continue
        kept[i] = []
    # infinitive-complement: the inner event joins the outer verb
    for i in sorted(kept):
        tok = toks[i]
        outer = tok.head
        if not infinitive_complement(tok) or outer.i not in kept or outer.i == i:
            continue
        inner = drafts[i]
        if drafts[outer.i].type == "occurrence":
            drafts[outer.i].type = inner.type
        if i in times and (outer.i not in times or _by_tense(times[outer.i]) and not _by_tense(times[i])):
            times[outer.i] = times[i]  # a time expression of the inner verb beats the outer's tense
        kept[outer.i] += [i, *kept.pop(i)]
    # subject-of-event: "the contract expires" is one event, the expiry of the contract
    for i in sorted(kept):
        tok = toks[i]
        verb = tok.head
        if i not in kept or tok.pos_ != "NOUN" or tok.dep_ not in ("nsubj", "nsubjpass") or verb.i not in kept \
                or verb.pos_ != "VERB" or _causes_another(verb):
            continue
        if drafts[verb.i].type == "occurrence":
            drafts[verb.i].type = drafts[i].type
        if verb.i not in times and i in times:
            times[verb.i] = times[i]
        kept[verb.i] += [i, *kept.pop(i)]
    # headline-restates
    end = headline_end(doc_text(doc))
    if end:
        for i in [i for i in sorted(kept) if toks[i].idx < end]:
            body = next((j for j in sorted(kept) if toks[j].idx >= end and drafts[j].type == drafts[i].type), None)
            if body is not None:
                kept[body] += [i, *kept.pop(i)]
    # same-type-adjunct, definite-anaphor
    order = sorted(kept)
    for n, i in enumerate(order):
        if i not in kept:
            continue
        verb = _same_type_adjunct(toks[i], drafts)
        if verb is not None and verb in kept:
            kept[verb] += [i, *kept.pop(i)]
            continue
        # a light verb's event is named by its object: "the deal was announced"
        noun = toks[drafts[i].tokens[0]] if drafts[i].tokens else toks[i]
        if not _definite_anaphor(noun) and not _repeated(doc, noun, [j for j in order[:n] if j in kept], times):
            continue
        # a date from tense or the narrative is no date of the mention's own: it does not keep
        # an anaphor apart from the event it names ("the deal was announced")
        own = None if i in times and _by_tense(times[i]) else _edtf(times, i)
        for j in reversed(order[:n]):
            if j in kept and drafts[j].type == drafts[i].type and (own is None or own == _edtf(times, j)):
                kept[j] += [i, *kept.pop(i)]
                break
    return {i: sorted(m) for i, m in kept.items()}
