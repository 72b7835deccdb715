"""Mentions: the spans of text that name an entity, and the shared helpers that cut them.

A :class:`Mention` is a token span with its kind and, once found, its title and parent.
The tagger's spans are cleaned here (:func:`clean_span`), persons run on through name
particles and hyphens, and the span helpers every entity rule uses live here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import EntityKind
from .names import CORPORATE_SUFFIXES, PERIOD_NOUNS
from .pipeline import doc_text, per_doc, tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as Span_, Token


SPEECH_LEMMAS = frozenset("say tell add state explain note announce claim argue insist warn write "
                          "comment confirm deny report reply respond acknowledge".split())


_QUOTE_CHARS = "\"'“”‘’«»"


@dataclass


class Mention:
    tstart: int
    tend: int
    start: int
    end: int
    kind: EntityKind
    source: str = "ner"
    title: tuple[int, int] | None = None  # char offsets of a title before the name
    title_of: Mention | None = None
    parent: Mention | None = None
    cluster: int = -1


def _is_break(token: Token) -> bool:
    """A line break, a slash or bar, or a list bullet standing alone ("* Chicago * Detroit")."""
    return (token.is_space and "\n" in token.text) or token.text in ("/", "|", "•", "·") \
        or token.text == "*" and (token.i == 0 or token.nbor(-1).whitespace_ != "")


def _conjunction(token: Token) -> bool:
    """A lower-case coordinating word ("and", "or"): never the edge of a name, while a
    capitalised one may be a name ("Hafiz Nor")."""
    return token.tag_ == "CC" and token.is_lower


def _balanced(toks: list[Token], s: int, e: int) -> int:
    """The end of ``s..e`` cut before an opening bracket that is never closed inside it:
    "Software Development Kit (SDK" -> "Software Development Kit"."""
    depth, opened = 0, e
    for i in range(s, e):
        if toks[i].text == "(":
            depth, opened = depth + 1, i if depth == 0 else opened
        elif toks[i].text == ")" and depth:
            depth -= 1
    return opened if depth else e


def _split_after_suffix(toks: list[Token], s: int, e: int) -> list[tuple[int, int]]:
    """``s..e`` cut at a lower-case "and" or "or" after a corporate suffix: a company's name
    ends with its suffix, so "Norvik Group and Tellusbank" are two names ("Marks and Spencer
    Group" is one)."""
    for i in range(s + 1, e - 1):
        if _conjunction(toks[i]) and toks[i - 1].lower_ in CORPORATE_SUFFIXES and toks[i + 1].text[:1].isupper():
            return [(s, i), *_split_after_suffix(toks, i + 1, e)]
    return [(s, e)]


def _name_article(toks: list[Token], s: int, e: int) -> bool:
    """A capital "The" inside a sentence belongs to the name it opens: "in The Hague", "told
    The New York Times" (a sentence's first word is capitalised whatever it is)."""
    tok = toks[s]
    return (tok.text == "The" and e - s >= 2 and not tok.is_sent_start and s > 0
            and not toks[s - 1].is_space and "\n" not in toks[s - 1].whitespace_
            and toks[s - 1].text not in (":", ";", "\u201c", '"', "'", "\u2018", "(", "-", "\u2014", "\u2013"))


def dateline_spans(doc: Doc) -> list[tuple[int, int]]:
    """The dateline places of ``doc`` (:func:`graph.extract.boilerplate.find_datelines`),
    read once per article for the rules that ask."""
    from .boilerplate import find_datelines

    return per_doc(doc, "newsgraph_dateline_spans", lambda: find_datelines(doc_text(doc)))


def clean_span(doc: Doc, a: int, b: int) -> list[tuple[int, int]]:
    """Token ranges of a mention after cutting at breaks and trimming its edges."""
    toks = tokens(doc)
    pieces: list[tuple[int, int]] = []
    start = a
    for i in range(a, b):
        tok = toks[i]
        if _is_break(tok) or "\n" in tok.whitespace_ and i + 1 < b:
            end = i if _is_break(tok) else i + 1
            if end > start:
                pieces.append((start, end))
            start = i + 1
    if start < b:
        pieces.append((start, b))
    pieces = [piece for s, e in pieces for piece in _split_after_suffix(toks, s, e)]
    out = []
    for s, e in pieces:
        e = _balanced(toks, s, e)
        while s < e and (toks[s].is_space or toks[s].is_punct or toks[s].lower_ in ("the", "a", "an")
                         or toks[s].text in _QUOTE_CHARS or _conjunction(toks[s])) and not _name_article(toks, s, e):
            s += 1
        while e > s and (toks[e - 1].is_space or toks[e - 1].tag_ == "POS" or _conjunction(toks[e - 1])
                         or toks[e - 1].text in _QUOTE_CHARS
                         or (toks[e - 1].is_punct and toks[e - 1].text not in (".",))):
            e -= 1
        if e > s and any(ch.isupper() for ch in text_of(doc, s, e)):
            out.append((s, e))
    return out


def make_mention(doc: Doc, s: int, e: int, kind: EntityKind, source: str = "ner") -> Mention:
    toks = tokens(doc)
    return Mention(s, e, toks[s].idx, toks[e - 1].idx + len(toks[e - 1].text), kind, source)


def named_spans(doc: Doc) -> list[Span_]:
    """``doc.ents``, built once per doc (spaCy rebuilds the tuple on every access), with
    every person's name carried past a particle it ends in (:func:`_through_particles`)."""
    return per_doc(doc, "newsgraph_ents", lambda: _through_particles(doc, list(doc.ents)))


def _through_particles(doc: Doc, ents: list[Span_]) -> list[Span_]:
    """A person's name does not end in a particle: "Ursula von der" goes on to the capitalised
    word after it ("Leyen"), and whatever the tagger made of that word is dropped."""
    toks = tokens(doc)
    out: list[Span_] = []
    skip_to = -1
    for ent in ents:
        if ent.start < skip_to:
            continue
        end = ent.end
        if ent.label_ == "PERSON" and toks[end - 1].lower_ in NAME_PARTICLES and toks[end - 1].is_lower:
            stop = end
            while stop < len(toks) and toks[stop].lower_ in NAME_PARTICLES and toks[stop].is_lower:
                stop += 1  # "Ursula von" + "der"
            if stop < len(toks) and toks[stop].is_alpha and toks[stop].text[:1].isupper() \
                    and all(t.whitespace_ == " " for t in toks[end - 1 : stop]):
                end = stop + 1  # the surname after the particles: one word ("de Gaulle", "von der Leyen")
        if end != ent.end:
            ent = doc[ent.start : end]
            ent.label_ = "PERSON"
            skip_to = end
        out.append(ent)
    return out


def mention_text(doc: Doc, m: Mention) -> str:
    return doc_text(doc)[m.start : m.end]


def text_of(doc: Doc, a: int, b: int) -> str:
    """The text of tokens ``a`` to ``b`` (empty if none)."""
    toks = tokens(doc)
    return doc_text(doc)[toks[a].idx : toks[b - 1].idx + len(toks[b - 1].text)] if b > a else ""


def capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper() and (tok.is_alpha or "-" in tok.text or "." in tok.text or "'" in tok.text)


def replace_overlapping(mentions: list[Mention], new: Mention) -> list[Mention]:
    """``mentions`` without those overlapping ``new``, plus ``new``."""
    return [m for m in mentions if m.tend <= new.tstart or m.tstart >= new.tend] + [new]


def same_line(doc: Doc, i: int) -> bool:
    """Tokens ``i`` and ``i + 1`` are joined by plain spaces (no line break, no punctuation)."""
    toks = tokens(doc)
    return i + 1 < len(doc) and "\n" not in toks[i].whitespace_ and not toks[i + 1].is_punct \
        and not toks[i + 1].is_space


NAME_PARTICLES = frozenset("de da di del della der den van von ten ter le la du dos das bin ibn al el ben y e".split())


def hyphen_syllable(tok: Token) -> bool:
    """A lower-case word joined by a hyphen to a capitalised one, with no space on either side:
    the second syllable of a hyphenated given name ("Kyung-wha", "Shin-wook"), as romanized
    Korean names write it; a Latin epithet stands as a word of its own ("Panthera leo")."""
    doc = tok.doc
    if tok.i < 2 or not (tok.is_alpha and tok.is_lower):
        return False
    hyphen, before = doc[tok.i - 1], doc[tok.i - 2]
    return hyphen.text == "-" and not hyphen.whitespace_ and not before.whitespace_ \
        and before.is_alpha and before.text[:1].isupper()


def hyphenated_end(doc: Doc, e: int) -> int:
    """The end of a person name, taken over a hyphenated last syllable the tagger left out
    ("Kim Shin" of "Kim Shin-wook equalised"): the syllable must be a noun that ends its noun
    phrase, so a compound before a noun ("the Obama-era rule"), a participle ("Trump-backed")
    and a period noun ("the Obama-era") stay out."""
    toks = tokens(doc)
    if e + 1 >= len(toks) or not hyphen_syllable(toks[e + 1]):
        return e
    syllable = toks[e + 1]
    if syllable.tag_ not in ("NN", "NNP") or syllable.dep_ in ("compound", "amod", "nmod") \
            or syllable.lower_ in PERIOD_NOUNS:
        return e
    return e + 2


def hyphenated_place_end(doc: Doc, e: int) -> int:
    """The end of a place name, taken over the hyphenated words the tagger left out, when they
    end on a capitalised word and no space breaks them: "Weston" of "Weston-super-Mare",
    "Stratford" of "Stratford-upon-Avon"; not "Gaza-based", which ends in lower case."""
    toks = tokens(doc)
    k = e
    while k + 1 < len(toks) and toks[k].text == "-" and not toks[k - 1].whitespace_ and not toks[k].whitespace_ \
            and toks[k + 1].is_alpha:
        k += 2
        if toks[k - 1].text[:1].isupper():
            e = k
    return e
