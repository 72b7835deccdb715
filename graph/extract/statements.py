"""Who said which words: direct quotes, block statements and reported speech.

* **direct** - words between straight or curly quotation marks, attributed to the speech
  verb of the sentence that holds the opening or closing mark ("X told Y, “...”",
  "“...,” said X", "“...,” he said");
* **block** - a paragraph that ends with a colon and introduces a statement ("Here's the
  official statement by X:") owns the following paragraphs written in the first person;
* **reported** - "X said (that) ...", "X told Y ...", "according to X, ...".

The speaker is the subject of the speech verb (or the object of "by" / "according to");
a pronoun goes to the last person (he, she) or organization (we, they, it) named before
it. When the text does not say who spoke, the speaker is None.

>>> find_quote_marks('He said, “We are here.” Then "go"')
[(10, 22), (30, 32)]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import EntityKind, QuoteKind
from .pipeline import doc_text
from .boilerplate import Zones
from .events import event_type

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .entities import EntityResult

SPEECH_LEMMAS = frozenset("say tell add state explain note announce claim argue insist warn write "
                          "comment confirm deny reply respond acknowledge declare stress predict".split())
STATEMENT_NOUNS = frozenset("statement declaration announcement remarks letter message release communique "
                            "communiqué text reads".split())
PERSON_PRONOUNS = frozenset("he she him her his".split())
GROUP_PRONOUNS = frozenset("we they it us".split())
FIRST_PERSON = frozenset("we our us i my me ours".split())


@dataclass
class QuoteDraft:
    kind: QuoteKind
    quote: tuple[int, int]
    verb: int | None = None  # token index of the speech verb, the statement's trigger
    speaker: str | None = None
    addressee: str | None = None
    evidence: list[tuple[int, int]] = field(default_factory=list)
    definite: bool = False  # introduced as "the statement": refers back to a statement


_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\u00a0]*\n\s*")  # a blank line, and the blanks after it


def _straight_quote_side(text: str, i: int) -> str | None:
    """Whether the straight quote at ``i`` opens ("open": after a space, a line start or an
    opening bracket or dash, before a word) or closes ("close": after a word or punctuation
    mark), read from its neighbours as a reader does; None when it stands alone."""
    before = text[i - 1] if i else "\n"
    after = text[i + 1] if i + 1 < len(text) else " "
    if (before.isspace() or before in "([{\u2014\u2013-/") and not after.isspace():
        return "open"
    if not before.isspace():
        return "close"
    return None


def find_quote_marks(text: str) -> list[tuple[int, int]]:
    """Character spans of the words inside quotation marks (curly, or straight ones told
    apart by their neighbours).

    A quotation may run over line breaks inside a paragraph (a text with one sentence per
    line, a ``<br>``), but a blank line ends one left open, unless the next paragraph
    opens with a quotation mark: by the typographic convention for a quotation that runs
    over several paragraphs, each of them opens it again and only the last one closes it.
    The span then covers all of them (line breaks and reopening marks included, so it stays
    the article's exact words). An opening mark inside an open quotation anywhere else
    means the first was never closed: the quotation starts again there.

    >>> text = '“We will fight.\\n\\n“We will win,” he said.\\n\\n“Not closed.\\n\\nThen prose.'
    >>> [text[a:b] for a, b in find_quote_marks(text)]
    ['We will fight.\\n\\n“We will win,']
    >>> text = '"The market is calm.\\nIt will hold," he said. A 5" screen. "Go"'
    >>> [text[a:b] for a, b in find_quote_marks(text)]
    ['The market is calm.\\nIt will hold,', 'Go']
    """
    spans: list[tuple[int, int]] = []
    opened: int | None = None  # where the words of the open quotation start
    line_start = True  # only blanks since the last line break
    crossed = False  # a line break since the quotation opened
    for i, ch in enumerate(text):
        if ch == "\n":
            gap = _PARAGRAPH_BREAK.match(text, i)
            if opened is not None and gap and text[gap.end() : gap.end() + 1] not in ("“", '"'):
                opened = None  # a blank line ends it, unless the next paragraph reopens it
            line_start, crossed = True, opened is not None
            continue
        side = "open" if ch == "“" else "close" if ch == "”" else _straight_quote_side(text, i) if ch == '"' else None
        if side == "open" and not (opened is not None and crossed and line_start):
            opened, crossed = i + 1, False
        elif side == "close" and opened is not None:
            spans.append((opened, i))
            opened = None
        if not ch.isspace():
            line_start = False
    return sorted(s for s in spans if s[1] > s[0])


def _entity_of(tok: Token, ents: EntityResult) -> str | None:
    if tok.i in ents.token_entity:
        return ents.token_entity[tok.i]
    for child in tok.subtree:
        if child.i in ents.token_entity and child.dep_ in ("compound", "appos", "nsubj") or (
                child.i in ents.token_entity and child.head.i == tok.i):
            return ents.token_entity[child.i]
    return None


class Resolver:
    """Speaker lookup: entities by token, pronouns to the last fitting entity before them."""

    def __init__(self, doc: Doc, ents: EntityResult) -> None:
        self.doc = doc
        self.ents = ents
        kinds = {e.id: e.kind for e in ents.entities}
        self.persons = sorted((i, eid) for i, eid in ents.token_entity.items() if kinds.get(eid) is EntityKind.PERSON)
        self.groups = sorted((i, eid) for i, eid in ents.token_entity.items()
                             if kinds.get(eid) is not EntityKind.PERSON)

    def speaker(self, tok: Token) -> str | None:
        low = tok.lower_
        if low in PERSON_PRONOUNS:
            return _last_before(self.persons, tok.i)
        if low in GROUP_PRONOUNS:
            return _last_before(self.groups, tok.i)
        return _entity_of(tok, self.ents)


def _last_before(items: list[tuple[int, str]], i: int) -> str | None:
    import bisect

    k = bisect.bisect_left(items, (i, "")) - 1
    return items[k][1] if k >= 0 else None


def _speech_verb_args(verb: Token, resolver: Resolver) -> tuple[str | None, str | None]:
    speaker = addressee = None
    for child in verb.children:
        if child.dep_ in ("nsubj",) and speaker is None:
            speaker = resolver.speaker(child)
        elif child.dep_ in ("dobj", "dative") and verb.lemma_.lower() == "tell":
            addressee = resolver.speaker(child)
        elif child.dep_ == "prep" and child.lower_ == "to":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    addressee = resolver.speaker(pobj)
    return speaker, addressee


def _is_speech_verb(tok: Token) -> bool:
    return tok.pos_ == "VERB" and tok.lemma_.lower() in SPEECH_LEMMAS


def find_statements(doc: Doc, zones: Zones, ents: EntityResult) -> list[QuoteDraft]:
    """Direct, block and reported statements of the body."""
    text = doc_text(doc)
    resolver = Resolver(doc, ents)
    drafts: list[QuoteDraft] = []
    used_verbs: set[int] = set()
    quoted: list[tuple[int, int]] = []

    # direct quotes
    for a, b in find_quote_marks(text):
        if zones.kind_at(a, b) is not None or len(text[a:b].split()) < 3:
            continue
        quoted.append((a, b))
        first = doc.char_span(a, a + 1, alignment_mode="expand")
        last = doc.char_span(max(a, b - 1), b, alignment_mode="expand")
        if first is None or last is None:
            continue
        verb = None
        for sent in (first.sent, last.sent):
            for tok in sent:
                if _is_speech_verb(tok) and not a <= tok.idx < b and tok.i not in used_verbs:
                    verb = tok
                    break
            if verb is not None:
                break
        if verb is None:
            # the next sentence of the paragraph: "“...” He said it twice."
            nxt = last.sent.end
            if nxt < len(doc) and "\n" not in doc[nxt - 1].whitespace_:
                for tok in doc[nxt : min(len(doc), nxt + 8)]:
                    if _is_speech_verb(tok):
                        verb = tok
                        break
        draft = QuoteDraft(QuoteKind.DIRECT, (a, b))
        if verb is not None:
            used_verbs.add(verb.i)
            draft.verb = verb.i
            draft.speaker, draft.addressee = _speech_verb_args(verb, resolver)
            sent = verb.sent
            draft.evidence.append((sent.start_char, sent.end_char))
        else:
            draft.speaker = _according_to(first.sent, resolver) or _sentence_subject(first.sent, a, b, resolver)
        draft.evidence.append((a, b))
        drafts.append(draft)

    # block statements: "Here's the official statement by X:" + first-person paragraphs
    lines = _paragraphs(text)
    for n, (a, b) in enumerate(lines):
        intro = text[a:b]
        if not intro.rstrip().endswith(":") or zones.kind_at(a, b) is not None:
            continue
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            continue
        words = {t.lemma_.lower() for t in span}
        if not (words & STATEMENT_NOUNS or any(_is_speech_verb(t) for t in span)):
            continue
        body: list[tuple[int, int]] = []
        for c, d in lines[n + 1 :]:
            para = text[c:d]
            if zones.kind_at(c, d) is not None:
                break
            if not any(w.strip(".,;:!?“”\"'’").lower() in FIRST_PERSON for w in para.split()):
                break
            body.append((c, d))
        if not body:
            continue
        draft = QuoteDraft(QuoteKind.BLOCK, (body[0][0], body[-1][1]))
        draft.speaker = _block_speaker(span, resolver)
        draft.definite = any(t.lower_ == "the" and t.head.lemma_.lower() in STATEMENT_NOUNS for t in span)
        verbs = [t for t in span if _is_speech_verb(t)]
        if verbs:
            draft.verb = verbs[0].i
            used_verbs.add(verbs[0].i)
        draft.evidence.extend([(span.start_char, span.end_char), draft.quote])
        drafts.append(draft)
        quoted.append(draft.quote)

    # reported speech: "X said (that) ...", "according to X, ..."
    for sent in doc.sents:
        if zones.kind_at(sent.start_char, sent.start_char + 1) is not None:
            continue
        for tok in sent:
            if tok.i in used_verbs or not _is_speech_verb(tok) or _inside(tok.idx, quoted):
                continue
            clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
            if clause is None:
                continue
            subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ == "NOUN" and event_type(subject) is not None:
                continue  # "a report confirmed that ...": the report's event, not a speaker
            sub = list(clause.subtree)
            qa, qb = sub[0].idx, sub[-1].idx + len(sub[-1].text)
            draft = QuoteDraft(QuoteKind.REPORTED, (qa, qb), verb=tok.i)
            draft.speaker, draft.addressee = _speech_verb_args(tok, resolver)
            draft.evidence.extend([(sent.start_char, sent.end_char)])
            used_verbs.add(tok.i)
            drafts.append(draft)
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to" \
                    and not _inside(tok.idx, quoted):
                speaker = _according_to(sent, resolver)
                if speaker is None:
                    continue
                phrase = list(tok.subtree)
                pa, pb = phrase[0].idx, phrase[-1].idx + len(phrase[-1].text)
                qa, qb = sent.start_char, sent.end_char
                if pa - qa < qb - pb:
                    qa = pb
                else:
                    qb = pa
                quote = text[qa:qb]
                lead = len(quote) - len(quote.lstrip(" ,;:\n\u00a0"))
                trail = len(quote.rstrip(" ,;:.\n\u00a0"))
                if trail - lead < 3:
                    continue
                draft = QuoteDraft(QuoteKind.REPORTED, (qa + lead, qa + trail), speaker=speaker)
                draft.evidence.append((sent.start_char, sent.end_char))
                drafts.append(draft)
    return drafts


def _sentence_subject(sent, a: int, b: int, resolver: Resolver) -> str | None:  # type: ignore[no-untyped-def]
    """A quote set in a sentence about a person is that person's: "X agreed ... - "I ...""."""
    kinds = {e.id: e.kind for e in resolver.ents.entities}
    for tok in sent:
        if tok.dep_ == "nsubj" and not a - 1 <= tok.idx < b + 1 and not a - 1 <= tok.head.idx < b + 1:
            eid = resolver.speaker(tok)
            return eid if eid and kinds.get(eid) is EntityKind.PERSON else None
    return None


def _inside(i: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= i < b for a, b in spans)


def _according_to(sent, resolver: Resolver) -> str | None:  # type: ignore[no-untyped-def]
    for tok in sent:
        if tok.lower_ == "according":
            for t in tok.subtree:
                if t.dep_ == "pobj":
                    return resolver.speaker(t)
    return None


def _block_speaker(span, resolver: Resolver) -> str | None:  # type: ignore[no-untyped-def]
    for tok in span:
        if tok.lower_ == "by" and tok.dep_ in ("prep", "agent"):
            for pobj in tok.children:
                if pobj.dep_ == "pobj":
                    found = resolver.speaker(pobj)
                    if found:
                        return found
    for tok in span:
        if _is_speech_verb(tok):
            speaker, _ = _speech_verb_args(tok, resolver)
            if speaker:
                return speaker
        if tok.dep_ == "poss" and tok.head.lemma_.lower() in STATEMENT_NOUNS:
            found = resolver.speaker(tok)
            if found:
                return found
    ids = [resolver.ents.token_entity[t.i] for t in span if t.i in resolver.ents.token_entity]
    return ids[-1] if ids else None


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, stripped."""
    out = []
    pos = 0
    for raw in text.split("\n"):
        s = raw.strip(" \t\u00a0")
        if s:
            lead = len(raw) - len(raw.lstrip(" \t\u00a0"))
            out.append((pos + lead, pos + lead + len(s)))
        pos += len(raw) + 1
    return out
