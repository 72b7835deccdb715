"""Who said which words: direct quotes, block statements and reported speech.

* **direct** - words between quotation marks (curly, straight, or the typewriter pairs
  ``...'' and ''...''). Each quote is attributed, in this order, to
  1. the speech verb of its own sentence nearest to it and not yet taken by another quote
     ("X told Y, “...”", "“...,” said X", "“...,” he said");
  2. a speech verb of its sentence already taken: one attribution can frame two pieces of
     a quotation ("“A,” she said, “B.”");
  3. when the quote opens its sentence, the sentence right before it (same or previous
     paragraph): a quote there passes on its speaker (an unattributed quoted sentence or
     paragraph continues the quotation before it), an introduction ending in a colon
     gives its speaker ("The statement reads:"), and so does a speech or cognition verb
     heading it ("X believes ... " + quote);
  4. "according to X" in its sentence, or a person who is the subject of its sentence;
  5. a speech verb opening the next sentence of the same paragraph.
  A sentence that the pipeline cut at a single line break is rejoined when the next line
  starts in lower case or with a comma (hard-wrapped text). A quote right after a naming
  verb that nobody is said to speak ("a protest dubbed “...”") is a name, not a statement. A participle used as an
  adjective ("confirmed cases") is no speech verb.
* **block** - a paragraph that ends with a colon and introduces a statement ("Here's the
  official statement by X:", "The statement reads:"), or a short header line naming one
  ("Statement by X"), owns the following paragraphs written in the first person;
* **reported** - "X said (that) ...", "X told Y ...", "according to X, ...".

The speaker comes from the parse (:mod:`.speakers`); when the text does not name who
spoke, the speaker is None and a description such as "witness" is kept if the text gives
one. A quotation the excerpt cuts off (no closing mark before the text ends) is kept up
to the end of the text when its speaker is known; cut off before both its end and its
attribution, it is no one's words and is dropped.

>>> find_quote_marks('He said, “We are here.” Then "go"')
[(10, 22), (30, 32)]
>>> find_quote_marks("``We are here,'' he said. ''Go now,'' she said.")
[(2, 14), (28, 35)]
"""
from __future__ import annotations

import functools

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import EntityKind, QuoteKind
from .pipeline import doc_text, tokens
from .boilerplate import TITLE_SMALL_WORDS, Zones
from .events import event_type
from .speakers import NOBODY, SPEECH_LEMMAS, Resolver, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as SpacySpan, Token

    from .entities import EntityResult

# verbs that ask: they attribute quoted words ("“Who is ready?” he asked") but report no claim
QUESTION_LEMMAS = frozenset("ask".split())
# verbs of thinking that frame what follows as the subject's view ("X believes ... “...”")
COGNITION_LEMMAS = frozenset("believe think feel hope fear".split())
STATEMENT_NOUNS = frozenset("statement declaration announcement remarks letter message release communique "
                            "communiqué text".split())
# verbs that give a name: a quote after them with nobody saying it is a name, not speech
NAMING_LEMMAS = frozenset("dub call name nickname title label brand term christen".split())
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
    description: tuple[int, int] | None = None  # words describing an unnamed speaker ("witness")
    dated_by: int | None = None  # the speech verb whose time the words share (a continued quote)

    def attribute(self, who: Speaker) -> None:
        self.speaker, self.description = who.entity, who.description


_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\u00a0]*\n\s*")  # a blank line, and the blanks after it
_OPENERS = ("“", '"', "``", "''")
# what find_quote_marks reads: line breaks and the marks (a lone ` or ' is neither)
_MARK_OR_BREAK = re.compile(r"\n|[“”\"]|``|''")


def _straight_quote_side(text: str, i: int, width: int = 1) -> str | None:
    """Whether the straight quote (or pair of apostrophes, ``width`` 2) at ``i`` opens
    ("open": after a space, a line start or an opening bracket or dash, before a word) or
    closes ("close": after a word or punctuation mark), read from its neighbours as a
    reader does; None when it stands alone."""
    before = text[i - 1] if i else "\n"
    after = text[i + width] if i + width < len(text) else " "
    if (before.isspace() or before in "([{\u2014\u2013-/") and not after.isspace():
        return "open"
    if not before.isspace():
        return "close"
    return None


def _mark_at(text: str, i: int) -> tuple[str | None, int]:
    """The side of a quotation mark starting at ``i`` and its width, (None, 1) for none."""
    ch = text[i]
    if ch == "“":
        return "open", 1
    if ch == "”":
        return "close", 1
    if ch == "`" and text[i + 1 : i + 2] == "`":
        return "open", 2
    if ch == "'" and text[i + 1 : i + 2] == "'":
        return _straight_quote_side(text, i, 2), 2
    if ch == '"':
        return _straight_quote_side(text, i), 1
    return None, 1


_DOUBLE_MARKS = re.compile(r"[“”\"]|``|''")
_SINGLE_OPEN = re.compile(r"(?<![^\s(\[{\u2014\u2013:/-])['‘](?=[^\W_]|\.\.\.|…)")
_NO_OPENER = re.compile(r"['‘](?:\d\d?s?\b|s\b|t\b|em\b|n['’]|tis\b|twas\b)", re.IGNORECASE)
_SINGLE_CLOSE = re.compile(r"(?<=\S)['’](?![^\W_])")


def _single_quote_spans(text: str) -> list[tuple[int, int]]:
    """Quotations in single marks, for a text that uses no double ones (the British and Irish
    convention: "'We were lied to,' Mr Lister said"). A single mark is also the apostrophe,
    so a quotation opens only before a word after a space, a line start, a bracket, a dash or
    a colon ("'90s", "'em" and "rock 'n' roll" excepted), and closes on its line at the first
    mark after punctuation or before one (",' he said", "', says father"), else at the last
    mark that ends a word there ("said 'no' to the plan"; "the workers' union" inside a
    quotation closed later stays in it). A mark left open on its line quotes nothing.

    >>> text = "'We were lied to,' Mr Lister said. 'The workers' pay fell,' she said of the '90s."
    >>> [text[a:b] for a, b in _single_quote_spans(text)]
    ['We were lied to,', "The workers' pay fell,"]
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        at = 0
        while (opener := _SINGLE_OPEN.search(line, at)) is not None:
            p = opener.start()
            if _NO_OPENER.match(line, p):
                at = p + 1
                continue
            closers = [c.start() for c in _SINGLE_CLOSE.finditer(line, p + 2)]
            if not closers:
                break
            strong = [q for q in closers if line[q - 1] in ".,!?;:…" or line[q + 1 : q + 2] in (",", ".", ";", ":", "!", "?", "")]
            q = strong[0] if strong else closers[-1]
            spans.append((start + p + 1, start + q))
            at = q + 1
        start += len(line) + 1
    return spans


@functools.lru_cache(maxsize=4)  # the dating and the statement passes both ask, per article
def find_quote_marks(text: str) -> list[tuple[int, int]]:
    """Character spans of the words inside quotation marks (curly, straight ones told
    apart by their neighbours, or the typewriter pairs ``...'' and ''...''; single marks in
    a text with no double ones, :func:`_single_quote_spans`).

    A quotation may run over line breaks inside a paragraph (a text with one sentence per
    line, a ``<br>``), but a blank line ends one left open, unless the next paragraph
    opens with a quotation mark: by the typographic convention for a quotation that runs
    over several paragraphs, each of them opens it again and only the last one closes it.
    The span then covers all of them (line breaks and reopening marks included, so it stays
    the article's exact words). An opening mark inside an open quotation anywhere else
    means the first was never closed: the quotation starts again there. A quotation still
    open where the text ends was cut off by the excerpt: it runs to the end.

    >>> text = '“We will fight.\\n\\n“We will win,” he said.\\n\\n“Not closed.\\n\\nThen prose.'
    >>> [text[a:b] for a, b in find_quote_marks(text)]
    ['We will fight.\\n\\n“We will win,']
    >>> text = '"The market is calm.\\nIt will hold," he said. A 5" screen. "Go"'
    >>> [text[a:b] for a, b in find_quote_marks(text)]
    ['The market is calm.\\nIt will hold,', 'Go']
    >>> text = 'He said: "We will not stop until'
    >>> [text[a:b] for a, b in find_quote_marks(text)]
    ['We will not stop until']
    """
    if _DOUBLE_MARKS.search(text) is None:
        return _single_quote_spans(text)
    spans: list[tuple[int, int]] = []
    opened: int | None = None  # where the words of the open quotation start
    line_start = True  # only blanks since the last line break
    crossed = False  # a line break since the quotation opened
    done = 0  # the text before here has been read
    for found in _MARK_OR_BREAK.finditer(text):
        i = found.start()
        if line_start and text[done:i].strip():
            line_start = False
        done = found.end()
        if text[i] == "\n":
            gap = _PARAGRAPH_BREAK.match(text, i)
            if opened is not None and gap and not text.startswith(_OPENERS, gap.end()):
                opened = None  # a blank line ends it, unless the next paragraph reopens it
            line_start, crossed = True, opened is not None
            continue
        side, width = _mark_at(text, i)
        if side == "open" and not (opened is not None and crossed and line_start):
            opened, crossed = i + width, False
        elif opened is not None and (side == "close" or side is None and text[i] == '"'):  # a lone one closes
            spans.append((opened, i))
            opened = None
        line_start = False
    if opened is not None and text[opened:].strip():
        spans.append((opened, len(text.rstrip())))
    return sorted(s for s in spans if s[1] > s[0])


def logical_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the sentences, where a sentence the pipeline cut (at a single line
    break or inside a line) is joined again when the next part starts in lower case or with
    a comma: no sentence starts so, the text is hard-wrapped ("... the agency\\nsaid on its website.")."""
    text = doc_text(doc)
    toks = tokens(doc)
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        words = [t for t in toks[sent.start : sent.end] if not t.is_space]
        if not words:
            continue
        if out:
            last = next(t for t in reversed(toks[out[-1][0] : out[-1][1]]) if not t.is_space)
            gap = text[last.idx + len(last.text) : words[0].idx]
            if gap.count("\n") <= 1 and not gap.strip() and (words[0].text[:1].islower() or words[0].text[:1] in ",;:)"):
                out[-1] = (out[-1][0], sent.end)
                continue
        out.append((sent.start, sent.end))
    return out


def _is_speech_verb(tok: Token) -> bool:
    return tok.pos_ == "VERB" and tok.lemma_.lower() in SPEECH_LEMMAS and tok.dep_ not in ("amod", "compound")


def _inside(i: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= i < b for a, b in spans)


class _Finder:
    """The statements of one parsed article (see the module docstring)."""

    def __init__(self, doc: Doc, zones: Zones, ents: EntityResult) -> None:
        self.doc, self.zones = doc, zones
        self.text = doc_text(doc)
        self.marks = find_quote_marks(self.text)
        self.resolver = Resolver(doc, ents, self.marks)
        self.sents = logical_sentences(doc)
        self.sent_of = [0] * len(doc)
        for n, (s, e) in enumerate(self.sents):
            for i in range(s, e):
                self.sent_of[i] = n
        self.drafts: list[QuoteDraft] = []
        self.by_verb: dict[int, QuoteDraft] = {}
        self.quoted: list[tuple[int, int]] = []

    def span(self, n: int) -> SpacySpan:
        return self.doc[self.sents[n][0] : self.sents[n][1]]

    def token_at(self, i: int) -> Token | None:
        span = self.doc.char_span(i, i + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    # ------------------------------------------------------------------ direct quotes

    def direct(self) -> None:
        previous: QuoteDraft | None = None
        for a, b in self.marks:
            if self.zones.kind_at(a, b) is not None or len(self.text[a:b].split()) < 3:
                continue
            words = self.text[a:b]
            if _a_title(words) and not _names_speech(self.text, b):
                continue  # "the newspaper, “The Daily Ledger,”": a name, nobody's words
            first = self.token_at(a + len(words) - len(words.lstrip()))
            last = self.token_at(a + len(words.rstrip()) - 1)
            if first is None or last is None:
                continue
            self.quoted.append((a, b))
            draft = QuoteDraft(QuoteKind.DIRECT, (a, b))
            self.attribute(draft, first, last, previous)
            if not (draft.speaker or draft.description) and (b >= len(self.text.rstrip()) or self.names_a_thing(first)):
                continue  # cut off before its end and its attribution, or a name: nobody's words
            draft.evidence.append((a, b))
            self.drafts.append(draft)
            said = self.token_at(max(end for _, end in draft.evidence) - 1)  # the quote with its attribution
            self.resolver.heard((said or last).i, draft.speaker)
            previous = draft

    def names_a_thing(self, first: Token) -> bool:
        """The quote stands right after a naming verb: "a protest dubbed “...”"."""
        k = first.i - 1
        while k >= 0 and (self.doc[k].is_space or self.doc[k].is_punct):
            k -= 1
        return k >= 0 and self.doc[k].lemma_.lower() in NAMING_LEMMAS and self.doc[k].pos_ == "VERB"

    def attribute(self, draft: QuoteDraft, first: Token, last: Token, previous: QuoteDraft | None) -> None:
        s0, s1 = self.sent_of[first.i], self.sent_of[last.i]
        verbs = [t for n in range(s0, s1 + 1) for t in self.span(n)
                 if _is_speech_verb(t) and not _inside(t.idx, self.marks)]
        verbs.sort(key=lambda t: first.i - t.i if t.i < first.i else t.i - last.i)
        free = [t for t in verbs if t.i not in self.by_verb]
        if free:  # 1. its own attribution
            verb = free[0]
            draft.verb = verb.i
            self.by_verb[verb.i] = draft
            draft.attribute(self.resolver.of_verb(verb))
            n = self.sent_of[verb.i]
            if _goes_on(verb) and previous is not None and previous.speaker and n >= 1 \
                    and self.doc[self.sents[n - 1][0]].idx <= previous.quote[1]:
                draft.speaker, draft.description = previous.speaker, previous.description  # the last to speak
            draft.addressee = self.addressee(verb)
            draft.evidence.append((self.doc[self.sents[self.sent_of[verb.i]][0]].idx, self.sent_end(self.sent_of[verb.i])))
            return
        if verbs:  # 2. an attribution shared with another piece of the quotation
            shared = self.by_verb[verbs[0].i]
            draft.speaker, draft.description, draft.dated_by = shared.speaker, shared.description, verbs[0].i
            return
        who = self.from_sentence_before(draft, first, previous) or self.from_own_sentence(s0) or self.from_next(s1)
        draft.attribute(who)

    def sent_end(self, n: int) -> int:
        words = [t for t in self.span(n) if not t.is_space]
        return words[-1].idx + len(words[-1].text)

    def from_sentence_before(self, draft: QuoteDraft, first: Token, previous: QuoteDraft | None) -> Speaker:
        """3. The sentence right before a quote that opens its own sentence."""
        n = self.sent_of[first.i]
        start = self.doc[self.sents[n][0]].idx
        if n == 0 or self.text[start : draft.quote[0]].strip(" \t\n\"“'`") != "":
            return NOBODY
        gap = self.text[self.sent_end(n - 1) : start]
        if gap.strip() or gap.count("\n") > 2:
            return NOBODY
        before = self.span(n - 1)
        if previous is not None and before.start_char <= previous.quote[1] <= self.sent_end(n - 1):
            draft.dated_by = previous.verb if previous.verb is not None else previous.dated_by
            return Speaker(previous.speaker, previous.description)
        if self.sent_end(n - 1) and self.text[self.sent_end(n - 1) - 1] == ":":
            verbs = [t for t in before if _is_speech_verb(t)]
            if verbs:
                draft.dated_by = verbs[-1].i
                return self.resolver.of_verb(verbs[-1])
            draft.definite = _definite_statement(before)
            return Speaker(_block_speaker(before, self.resolver))
        root = before.root
        if root.lemma_.lower() in SPEECH_LEMMAS | COGNITION_LEMMAS and root.pos_ == "VERB":
            return self.resolver.of_verb(root)
        return NOBODY

    def from_own_sentence(self, n: int) -> Speaker:
        """4. "according to X" in the quote's sentence, or a person who is its subject."""
        sent = self.span(n)
        found = _according_to(sent, self.resolver)
        if found:
            return Speaker(found)
        for tok in sent:
            if tok.dep_ == "nsubj" and not _inside(tok.idx, self.marks) and not _inside(tok.head.idx, self.marks):
                eid = self.resolver.entity(tok)
                return Speaker(eid) if eid and self.resolver.kinds.get(eid) is EntityKind.PERSON else NOBODY
        return NOBODY

    def from_next(self, n: int) -> Speaker:
        """5. A speech verb opening the next sentence of the same paragraph: "“...” He said it twice."""
        if n + 1 >= len(self.sents) or "\n" in self.text[self.sent_end(n) : self.doc[self.sents[n + 1][0]].idx]:
            return NOBODY
        s, e = self.sents[n + 1]
        for tok in self.doc[s : min(e, s + 8)]:
            if _is_speech_verb(tok) and tok.i not in self.by_verb:
                return self.resolver.of_verb(tok)
        return NOBODY

    def addressee(self, verb: Token) -> str | None:
        for child in verb.children:
            if child.dep_ in ("dobj", "dative") and verb.lemma_.lower() == "tell":
                return self.resolver.entity(child)
            if child.dep_ == "prep" and child.lower_ == "to":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return self.resolver.entity(pobj)
        return None

    # ------------------------------------------------------------------ block statements

    def blocks(self) -> None:
        """ "Here's the official statement by X:", or a header line naming a statement
        ("Statement by X"), + the first-person paragraphs after it."""
        text, doc = self.text, self.doc
        lines = _paragraphs(text)
        for n, (a, b) in enumerate(lines):
            line = text[a:b].rstrip()
            header = len(line.split()) <= 12 and line[-1:].isalnum()  # "Statement by the Acme Corporation"
            zone = self.zones.kind_at(a, b)
            if not (line.endswith(":") or header) or zone is not None and not (header and zone == "headline"):
                continue
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is None:
                continue
            nouns = {t.lemma_.lower() for t in span if t.pos_ in ("NOUN", "PROPN")}
            if not (nouns & STATEMENT_NOUNS or not header and any(_is_speech_verb(t) for t in span)):
                continue
            body: list[tuple[int, int]] = []
            for c, d in lines[n + 1 :]:
                if self.zones.kind_at(c, d) is not None or _inside(c, self.quoted):
                    break
                words = text[c:d].split()
                if header:  # after a bare header, the paragraph itself speaks: it opens in the first person
                    words = words[:5] if not any(q in text[c:d] for q in "“”\"") else []
                if not any(w.strip(".,;:!?“”\"'’").lower() in FIRST_PERSON for w in words):
                    break
                body.append((c, d))
            if not body:
                continue
            draft = QuoteDraft(QuoteKind.BLOCK, (body[0][0], body[-1][1]))
            draft.speaker = _block_speaker(span, self.resolver)
            draft.definite = _definite_statement(span)
            verbs = [t for t in span if _is_speech_verb(t) and t.i not in self.by_verb]
            if verbs:
                draft.verb = verbs[0].i
                self.by_verb[verbs[0].i] = draft
            draft.evidence.extend([(span.start_char, span.end_char), draft.quote])
            self.drafts.append(draft)
            self.quoted.append(draft.quote)

    # ------------------------------------------------------------------ reported speech

    def reported(self) -> None:
        """ "X said (that) ...", "X told Y ...", "according to X, ..."."""
        doc = self.doc
        toks = tokens(doc)
        for sent in doc.sents:
            if self.zones.kind_at(sent.start_char, sent.start_char + 1) is not None:
                continue
            for tok in toks[sent.start : sent.end]:
                if tok.i in self.by_verb or not _is_speech_verb(tok) or _inside(tok.idx, self.quoted) \
                        or tok.lemma_.lower() in QUESTION_LEMMAS:
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
                draft.attribute(self.resolver.of_verb(tok))
                draft.addressee = self.addressee(tok)
                draft.evidence.append((sent.start_char, sent.end_char))
                self.by_verb[tok.i] = draft
                self.drafts.append(draft)
            for tok in toks[sent.start : sent.end]:
                if tok.lower_ == "according" and tok.i + 1 < len(doc) and toks[tok.i + 1].lower_ == "to" \
                        and not _inside(tok.idx, self.quoted):
                    self.according(tok, sent)

    def according(self, tok: Token, sent: SpacySpan) -> None:
        speaker = _according_to(sent, self.resolver)
        if speaker is None:
            return
        phrase = list(tok.subtree)
        pa, pb = phrase[0].idx, phrase[-1].idx + len(phrase[-1].text)
        qa, qb = sent.start_char, sent.end_char
        if pa - qa < qb - pb:
            qa = pb
        else:
            qb = pa
        quote = self.text[qa:qb]
        lead = len(quote) - len(quote.lstrip(" ,;:\n\u00a0"))
        trail = len(quote.rstrip(" ,;:.\n\u00a0"))
        if trail - lead < 3:
            return
        draft = QuoteDraft(QuoteKind.REPORTED, (qa + lead, qa + trail), speaker=speaker)
        draft.evidence.append((sent.start_char, sent.end_char))
        self.drafts.append(draft)


# Verbs by which a speaker goes on: "he added", "she continued".
GOING_ON_LEMMAS = frozenset({"add", "continue"})
_PERSONAL_PRONOUNS = frozenset("he she they".split())


def _goes_on(verb: Token) -> bool:
    """ "He added:": a pronoun that goes on speaking is the one who spoke last, not the last
    person named ("Judge Lambert said Pike had lied. He added: ..." is the judge)."""
    return verb.lemma_.lower() in GOING_ON_LEMMAS and any(
        c.dep_ == "nsubj" and c.lower_ in _PERSONAL_PRONOUNS for c in verb.children)


_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
TITLE_MAX_WORDS = 8


def _a_title(words: str) -> bool:
    """Quoted words that are a title or a name, not speech: a few words, each capitalised
    but the small words of titles ("The Daily Ledger", "Homes Not Highways", "Return of the
    King").

    >>> _a_title("The Daily Ledger,"), _a_title("Return of the King"), _a_title("We are Wisconsin.")
    (True, True, False)
    """
    found = _TITLE_WORD.findall(words)
    content = [w for w in found if w.lower() not in TITLE_SMALL_WORDS]
    return 2 <= len(found) <= TITLE_MAX_WORDS and len(content) >= 2 and all(w[0].isupper() for w in content)


# Nouns of words spoken: a quoted title before one is the words said ("his “I Have a Dream”
# speech").
SPEECH_NOUNS = frozenset("speech address sermon slogan chant remarks remark motto pledge oath declaration".split())
_NEXT_WORD = re.compile(r"[\s\"'”’]*([A-Za-z]+)")


def _names_speech(text: str, end: int) -> bool:
    """The quoted words ending at ``end`` name a speech, a slogan or a chant."""
    m = _NEXT_WORD.match(text, end)
    return m is not None and m.group(1).lower() in SPEECH_NOUNS


def find_statements(doc: Doc, zones: Zones, ents: EntityResult) -> list[QuoteDraft]:
    """Direct, block and reported statements of the body."""
    finder = _Finder(doc, zones, ents)
    finder.direct()
    finder.blocks()
    finder.reported()
    return finder.drafts


def _definite_statement(span: SpacySpan) -> bool:
    """Introduced as "the statement": the words of a statement the text told of before."""
    return any(t.lower_ == "the" and t.head.lemma_.lower() in STATEMENT_NOUNS for t in span)


def _according_to(sent: SpacySpan, resolver: Resolver) -> str | None:
    for tok in sent:
        if tok.lower_ == "according":
            for t in tok.subtree:
                if t.dep_ == "pobj":
                    return resolver.entity(t)
    return None


def _block_speaker(span: SpacySpan, resolver: Resolver) -> str | None:
    for tok in span:
        if tok.lower_ == "by" and tok.dep_ in ("prep", "agent"):
            for pobj in tok.children:
                if pobj.dep_ == "pobj":
                    found = resolver.entity(pobj)
                    if found:
                        return found
    for tok in span:
        if _is_speech_verb(tok):
            who = resolver.of_verb(tok)
            if who.entity:
                return who.entity
        if tok.dep_ == "poss" and tok.head.lemma_.lower() in STATEMENT_NOUNS:
            found = resolver.entity(tok)
            if found:
                return found
    ids = [resolver.tokens[t.i] for t in span if t.i in resolver.tokens]
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
