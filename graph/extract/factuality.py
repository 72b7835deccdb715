"""How certain and how positive the article presents an event (FactBank style).

Hedges near the trigger lower certainty: "reportedly", "allegedly", "believed", "likely"
make it probable; "may", "might", "could", "possibly" make it possible. A negation on the
trigger ("not", "never", "no arrests") makes the polarity negative. Only the trigger's own
dependents and the verbs above it in its clause are looked at, never the whole text.

>>> cue_certainty("reportedly"), cue_certainty("may"), cue_certainty("said")
(<Certainty.PROBABLE: 'probable'>, <Certainty.POSSIBLE: 'possible'>, None)
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Certainty, Factuality, Polarity, Span

if TYPE_CHECKING:
    from spacy.tokens import Token

PROBABLE_CUES = frozenset("reportedly allegedly believed likely probably apparently presumably "
                          "suspected alleged purportedly seemingly supposedly".split())
POSSIBLE_CUES = frozenset("may might could possibly perhaps maybe potentially".split())
# verbs that, as the head of the clause holding an event, present it as belief or hearsay
PROBABLE_HEADS = frozenset("believe suspect allege think report rumour rumor claim".split())
NEGATION_WORDS = frozenset("not n't never no without".split())


def cue_certainty(word: str) -> Certainty | None:
    """The certainty a single hedge word gives, or None when it is no hedge."""
    w = word.lower()
    if w in PROBABLE_CUES:
        return Certainty.PROBABLE
    if w in POSSIBLE_CUES:
        return Certainty.POSSIBLE
    return None


def _span(tok: Token) -> Span:
    return Span(tok.idx, tok.idx + len(tok.text), tok.text)


def factuality(trigger: Token) -> Factuality:
    """Certainty and polarity of the event whose trigger is ``trigger``."""
    certainty = Certainty.CERTAIN
    polarity = Polarity.POSITIVE
    cue: Span | None = None
    # own dependents: aux "may", advmod "reportedly", neg "not", det "no"
    for child in trigger.children:
        low = child.lower_
        if child.dep_ == "neg" or (low in NEGATION_WORDS and child.dep_ in ("advmod", "det", "neg")):
            polarity, cue = Polarity.NEGATIVE, _span(child)
            continue
        c = cue_certainty(low) if child.dep_ in ("aux", "advmod", "amod", "auxpass") else None
        if c is not None and (certainty is Certainty.CERTAIN or c is Certainty.POSSIBLE):
            certainty, cue = c, _span(child)
    if certainty is Certainty.CERTAIN:
        # up the clause: "It's believed his arrest led to ...", "who reportedly died"
        node = trigger
        for _ in range(4):
            head = node.head
            if head.i == node.i:
                break
            if head.lemma_.lower() in PROBABLE_HEADS and head.tag_ == "VBN" and any(
                    c.dep_ in ("auxpass", "nsubjpass", "expl", "nsubj") for c in head.children):
                return Factuality(Certainty.PROBABLE, polarity, cue or _span(head))
            for child in head.children:
                if child.dep_ in ("aux", "advmod") and child.i < node.i:
                    c = cue_certainty(child.lower_)
                    if c is not None and head.pos_ in ("VERB", "AUX"):
                        return Factuality(c, polarity, cue or _span(child))
            if head.pos_ == "VERB" and node.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "prep", "xcomp", "conj"):
                break
            node = head
    return Factuality(certainty, polarity, cue)
