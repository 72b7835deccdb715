"""Titles of persons: "U.S. Secretary of State Mike Pompeo" -> Mike Pompeo, titled.

Titles are cut from a person's span, found before or in apposition to a name, and a
cabinet office is titled by its portfolio ("Defense Secretary" makes no "Defense").
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import EntityKind
from .mentions import Mention, make_mention
from .names import HONORIFICS, TITLE_WORDS, is_acronym
from .pipeline import sentence_of, tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def strip_person_titles(doc: Doc, m: Mention) -> Mention | None:
    """Leading title words of a person mention become its title: "Senator John McCain"."""
    toks = tokens(doc)
    s = past_titles(toks, m.tstart, m.tend - 1)
    if s == m.tstart:
        return m
    new = make_mention(doc, s, m.tend, m.kind, m.source)
    if toks[m.tstart].lower_ not in HONORIFICS or s - m.tstart > 1:
        t0 = m.tstart + (1 if toks[m.tstart].lower_ in HONORIFICS else 0)
        if t0 < s:
            new.title = (toks[t0].idx, toks[s - 1].idx + len(toks[s - 1].text))
    return new


def past_titles(toks: list[Token], start: int, stop: int) -> int:
    """The first token from ``start`` (at most ``stop``) that is no title word or honorific."""
    while start < stop and (toks[start].lower_ in TITLE_WORDS or toks[start].lower_ in HONORIFICS):
        start += 1
    return start


def title_before(doc: Doc, m: Mention, by_token: dict[int, Mention]) -> None:
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


def apposed_title(doc: Doc, m: Mention) -> Token | None:
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
    head = apposed_title(doc, m)
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
