"""Event labels: who did what to whom, in a few words, built from the parse.

A label is a short headline of the event ("Police arrested 40 protesters", "Acme to
release its fourth quarter results", "Saturday's attack on the village"); the evidence keeps
the full sentence. It is assembled from whole constituents, never cut mid-word or mid-phrase:

* ``clause-label``: for a verb, its subject, negation, the verb with its particle ("blew up"),
  an infinitive complement ("agreed to buy", "expects the trials to be completed"), and its
  object with a phrase of goal ("led the club to the title") or, lacking an object, its
  first prepositional phrase that is no time expression. Parenthetical words are left out. Auxiliaries are dropped the way headlines
  drop them ("were arrested" -> "arrested"); a modal stays ("will choose"), and a verb that is
  the infinitive complement of another reads "to release". A relative pronoun subject is
  replaced by the noun it stands for ("the quake that struck" -> "quake struck"); a participle
  that modifies a noun takes that noun as its subject ("a video released by ..."); a dateline
  taken for the subject gives way to the subject after it.
* ``noun-label``: an event noun is its noun phrase with its "of/on/against/by/in/over" phrase
  ("attack on the village"); when it is the subject of a verb that is no event of its own, the
  clause tells what it did ("the earthquake shook southern Mexico").
* ``compact-phrase``: a noun phrase keeps its determiners-but-articles, possessor, numbers,
  compounds and adjectives; relative clauses, appositions, coordinated phrases and other
  prepositional phrases go. When a phrase is still long, whole modifiers are dropped, the
  least necessary first, down to its head.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .boilerplate import dateline_end
from .pipeline import per_doc, sentence_of, tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

ARTICLES = frozenset({"the", "a", "an"})
# dependents of a noun that never belong in its label
_NP_DROP = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "prep", "parataxis",
                      "dep", "meta", "case"})
# prepositions whose phrase identifies an event noun's participant: "attack on X", "arrest of X"
NOUN_PREPS = frozenset({"of", "on", "against", "by", "in", "over", "into", "with", "for", "to"})
# prepositions that set a time, a cause or a concession, never what completes a verb:
# "fled into Chad", "were without power", but not "after the vote", "despite the rain"
FRAME_PREPS = frozenset({"after", "before", "during", "since", "until", "till", "as", "because", "despite",
                         "amid", "following", "like", "than", "by", "including"})
# prepositions of goal or direction that complete a verb after its object: "led X to the title"
GOAL_PREPS = frozenset({"to", "into", "from", "against", "onto", "toward", "towards"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom", "whose"})
MAX_PHRASE = 6  # words in one noun phrase of a label
MAX_LABEL = 12  # words in a label


def _timeish(tok: Token) -> bool:
    """A time expression or a number of a date: it dates the event, it does not name it."""
    return tok.ent_type_ in ("DATE", "TIME")


def _in_parentheses(doc: Doc, i: int) -> bool:
    """A token inside a parenthesis of its sentence ("the Premier League (SPL)"), the marks
    included. The tokens inside are found once per document."""
    return i in per_doc(doc, "newsgraph_parenthesized", lambda: _parenthesized(doc))


def _parenthesized(doc: Doc) -> frozenset[int]:
    found: set[int] = set()
    toks = tokens(doc)
    for sent in doc.sents:
        depth = 0
        for t in toks[sent.start : sent.end]:
            if t.text == "(":
                depth += 1
            elif t.text == ")":
                found.add(t.i)
                depth = max(depth - 1, 0)
                continue
            if depth > 0:
                found.add(t.i)
    return frozenset(found)


def _words(doc: Doc, idx: list[int]) -> str:
    """The tokens in text order, written with the text's own spacing between neighbours;
    parenthetical words are left out."""
    out: list[str] = []
    toks = tokens(doc)
    idx = sorted(i for i in _whole_words(toks, set(idx)) if not _in_parentheses(doc, i))
    for n, i in enumerate(idx):
        tok = toks[i]
        out.append(tok.text)
        if n + 1 < len(idx):
            out.append(tok.whitespace_ if idx[n + 1] == i + 1 else " ")
    return " ".join("".join(out).split())


def _whole_words(toks: list[Token], idx: set[int]) -> set[int]:
    """``idx`` with every hyphenated word it touches made whole: the tokenizer splits
    "17-year-olds" into five tokens, and a label keeps "two 17-year-olds", never "two olds"."""
    out = set(idx)
    for i in idx:
        k = i
        while k >= 2 and toks[k - 1].text == "-" and not toks[k - 1].whitespace_ and not toks[k - 2].whitespace_:
            k -= 2
            out.update((k, k + 1))
        k = i
        while k + 2 < len(toks) and toks[k + 1].text == "-" and not toks[k].whitespace_ and not toks[k + 1].whitespace_:
            k += 2
            out.update((k - 1, k))
    return out


def _subtree(tok: Token) -> list[int]:
    return [t.i for t in tok.subtree]


def antecedent(clause: Token) -> Token | None:
    """The noun a relative or participle clause stands for: the noun it hangs from, or, when
    the parser hung it from a time ("concluded a deal in April 2022, which came into force"),
    the object of the verb that time dates, since a time phrase is no thing a clause can tell
    of. None when neither is a noun.

    >>> from graph.extract.pipeline import load_model
    >>> doc = load_model()("They signed a deal in April 2022, which came into force in May.")
    >>> antecedent(doc[9]).text
    'deal'
    """
    head = clause.head
    if _timeish(head) and head.dep_ == "pobj" and head.head.dep_ == "prep":
        verb = head.head.head
        head = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), head) \
            if verb.pos_ in ("VERB", "AUX") else head
        if _timeish(head):
            return None
    return head if head.pos_ in ("NOUN", "PROPN", "PRON") else None


def compact_phrase(head: Token, keep_pp: frozenset[str] = frozenset(), limit: int = MAX_PHRASE) -> list[int]:
    """Token indices of a short form of the noun phrase headed by ``head``: whole modifiers only.

    Drops articles, relative clauses, appositions, coordinated phrases and prepositional phrases
    (those with a preposition in ``keep_pp`` stay while the phrase is short enough); then, while
    it is longer than ``limit`` words, the kept prepositional phrases, adjectives and numbers."""
    if head.lower_ in RELATIVE_PRONOUNS and head.dep_ in ("nsubj", "nsubjpass", "dobj"):
        clause = next((a for a in head.ancestors if a.dep_ == "relcl"), None)
        noun = antecedent(clause) if clause is not None else None
        if noun is not None:
            return compact_phrase(noun, keep_pp, limit)
    tiers: list[list[int]] = [[], [], []]  # droppable: pp first, then adjectives and numbers, then others
    core = [head.i]
    for child in head.children:
        dep = child.dep_
        if dep == "det" and child.lower_ in ARTICLES or _timeish(child) and dep != "poss":
            continue
        if child.lower_ in RELATIVE_PRONOUNS and dep != "det":  # a stray "that" of a clause
            continue
        if dep == "prep":
            if child.lower_ in keep_pp and child.i > head.i and not any(_timeish(t) for t in child.subtree):
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    tiers[0].extend([child.i, *compact_phrase(obj, frozenset(), limit)])
            continue
        if dep in _NP_DROP:
            continue
        if dep in ("amod", "nummod", "quantmod", "advmod", "npadvmod"):
            # a modifier that is a clause of its own ("agreements that X unveiled") stays out
            clausal = any(t.dep_ in ("nsubj", "nsubjpass", "mark") for t in child.subtree)
            tiers[1].extend([child.i] if clausal and child.pos_ != "VERB" else [] if clausal else _subtree(child))
        elif dep in ("compound", "poss", "det", "nmod", "predet", "prt", "neg"):
            core.extend(_subtree(child) if dep != "poss" else compact_phrase(child, frozenset(), 3) + [
                c.i for c in child.children if c.dep_ == "case"])
        else:
            tiers[2].extend(_subtree(child))
    words = core + tiers[0] + tiers[1] + tiers[2]
    for drop in (tiers[2], tiers[0], tiers[1]):
        if len(words) <= limit:
            break
        words = [w for w in words if w not in drop]
    return words


def predicate_adjective(verb: Token) -> Token | None:
    """The adjective a to-infinitive complements after a copula ("Amazon is due to report",
    "is likely to win", "was ready to sign"), or None.

    >>> from graph.extract.pipeline import load_model
    >>> doc = load_model()("Amazon is due to report on Friday.")
    >>> predicate_adjective(doc[4]).text
    'due'
    """
    head = verb.head
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp" and head.head.pos_ in ("VERB", "AUX"):
        return head
    return None


def controller(verb: Token) -> Token:
    """The verb a complement hangs from: its head, or for an infinitive after a predicate
    adjective the copula ("is due to report" -> "is")."""
    adjective = predicate_adjective(verb)
    return verb.head if adjective is None else adjective.head


def _subject(verb: Token) -> Token | None:
    """The subject of a verb: its own, else that of the verb it is coordinated with or
    complements ("agreed to buy": the buyer agreed), else, for a participle modifying a noun,
    that noun ("a video released by the ministry")."""
    node = verb
    for _ in range(4):
        subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")), None)
        if subj is not None:
            return None if subj.dep_ in ("expl", "csubj") else subj
        purpose = node.dep_ == "advcl" and any(c.tag_ == "TO" for c in node.children)  # "left to flee"
        if (node.dep_ in ("conj", "xcomp") or purpose) and controller(node).pos_ in ("VERB", "AUX"):
            node = controller(node)
            continue
        if node.dep_ in ("acl", "relcl") and node.head.pos_ in ("NOUN", "PROPN"):
            return antecedent(node)
        if node.dep_ == "pcomp" and node.head.lower_ == "as" and node.head.head.pos_ == "VERB":
            node = node.head.head  # "he was quoted as saying": the passive's subject
            continue
        return None
    return None


def _dateline(tok: Token) -> bool:
    """A place name in capitals opening the sentence, set off by a comma, a dash or a
    bracket ("SAN SALVADOR, El Salvador -- ..."): a dateline the parser took for a subject."""
    doc, start = tok.doc, sentence_of(tok.doc, tok.i).start
    name = [t for t in doc[start : tok.i + 1] if t.is_alpha]
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return bool(name) and all(t.is_upper for t in name) and after is not None and after.text in (
        ",", "-", "\u2014", "\u2013", "(")


def _after_dateline(verb: Token, first: int) -> Token | None:
    """The subject after a dateline: the head of the words between the dateline's end
    (``first``, the first word after it, or else its last punctuation) and the verb ("SAN
    FRANCISCO -- Google bought" -> Google)."""
    sent = sentence_of(verb.doc, verb.i)
    if first == sent.start:
        marks = [t.i for t in sent if t.i < verb.i and t.is_punct and t.text in ",-\u2014\u2013)"]
        if not marks:
            return None
        first = marks[-1] + 1
    span = [t for t in verb.doc[first : verb.i] if t.pos_ in ("NOUN", "PROPN", "PRON")]
    heads = [t for t in span if not (first <= t.head.i < verb.i)]
    return heads[0] if heads else None


def _dateline_end(verb: Token) -> int:
    """The first token after the dateline opening the verb's sentence ("BRUSSELS, Dec 14
    (Reuters) - EU leaders agreed" -> "EU"), or the sentence's first token when none opens it:
    no label word comes from a dateline, though the parser hangs its date and wire under
    the subject."""
    sent = sentence_of(verb.doc, verb.i)
    if not sent.text[:1].isupper() or (end := dateline_end(sent.text)) is None:
        return sent.start
    first = sent.start_char + end
    return next((t.i for t in sent if t.idx >= first), sent.end)


def past_dateline(verb: Token, subject: Token, first: int | None = None) -> Token | None:
    """The subject of ``verb``, or, when the parser took the dateline for it, the head of the
    words after the dateline ("SAN JOSE, Calif., March 14 (Reuters) - Veltron Inc said" ->
    Inc): a dateline never speaks nor acts. ``first`` is :func:`_dateline_end` of the verb,
    when the caller has it already."""
    first = _dateline_end(verb) if first is None else first
    if subject.i < first or _dateline(subject):
        return _after_dateline(verb, first)
    return subject


def _verb_group(verb: Token) -> list[int]:
    """The verb with its particle and negation, its modal, and "to" when it is an infinitive
    complement; other auxiliaries are dropped, as headlines drop them."""
    adjective = predicate_adjective(verb)
    words = [verb.i] + ([adjective.i] if adjective is not None else [])  # "due to report"
    for c in verb.children:
        if c.dep_ in ("prt", "neg"):
            words.append(c.i)
            if c.lower_.replace("\u2019", "'") == "n't" and c.i > 0 and c.nbor(-1).dep_ == "aux":
                words.append(c.i - 1)  # "don't", "didn't": the contraction stays whole
        elif c.dep_ == "aux" and (c.tag_ == "MD" or c.tag_ == "TO" and verb.dep_ == "xcomp"):
            # "to get arrested", "will be named": the auxiliaries after "to" or a modal stay
            words += [a.i for a in verb.children if a.dep_ in ("aux", "auxpass", "neg") and c.i <= a.i < verb.i]
    return words


def _complement(verb: Token, limit: int) -> list[int]:
    """What completes the verb: its object (with an indirect object), a predicative
    complement ("found guilty"), or else its first prepositional phrase that is no time, or
    else a finite clause it governs."""
    words: list[int] = []
    for c in verb.children:
        if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON"):
            words += compact_phrase(c, limit=3)
        if c.dep_ in ("dobj", "attr", "oprd"):
            words += compact_phrase(c, NOUN_PREPS, limit)
        elif c.dep_ == "acomp":  # "are due on Thursday": neither the time nor its preposition
            words += [t.i for t in c.subtree if not _timeish(t) and not (
                t.dep_ == "prep" and t.n_rights and all(_timeish(x) for x in t.rights))][:3]
    if words:
        # "led the club to the title": a phrase of goal or direction after the object
        goal = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in GOAL_PREPS and c.i > verb.i
                     and not any(_timeish(t) for t in c.subtree)), None)
        obj = next((p for p in goal.children if p.dep_ == "pobj"), None) if goal is not None else None
        return words + ([goal.i, *compact_phrase(obj, limit=min(limit, 3))] if obj is not None else [])
    for c in verb.children:
        if c.dep_ in ("prep", "agent") and c.i > verb.i and (c.lower_ not in FRAME_PREPS or c.dep_ == "agent") \
                and not any(_timeish(t) for t in c.subtree):
            obj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if obj is not None:
                return [c.i, *compact_phrase(obj, limit=min(limit, 4))]
    # "indicated they would not approve the funding", "ruled that the law was void": a finite
    # clause with a subject of its own is what the verb is about
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i and c.pos_ in ("VERB", "AUX")
                   and _subject(c) is not None), None)
    return clause_label(clause, min(limit, 3)) if clause is not None else words


def infinitive_complement(tok: Token) -> bool:
    """A verb that is the infinitive complement of the verb above it: "agreed to buy",
    "expects the trials to be completed" (a clausal complement marked by "to")."""
    if tok.pos_ not in ("VERB", "AUX") or tok.head.pos_ not in ("VERB", "AUX") or tok.head.i == tok.i:
        return False
    return tok.dep_ == "xcomp" or tok.dep_ == "ccomp" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)


def clause_label(verb: Token, limit: int = MAX_PHRASE) -> list[int]:
    """Subject, verb group, infinitive complement and complement of a verb (``clause-label``)."""
    words = _verb_group(verb)
    first = _dateline_end(verb)
    subj = _subject(verb)
    subj = past_dateline(verb, subj, first) if subj is not None else None
    if subj is not None and not _timeish(subj):  # a misparsed date is no subject
        words += compact_phrase(subj, limit=min(limit, 5))
    inner = next((c for c in verb.children if infinitive_complement(c)), None)
    if inner is not None:
        # "agreed to buy its rival", "forced rescuers to stop": the complement finishes the clause
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < inner.i), None)
        own = next((c for c in inner.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < inner.i), None)
        for head in (obj, own):
            words += compact_phrase(head, limit=min(limit, 3)) if head is not None else []
        words += _verb_group(inner) + _complement(inner, limit)
    else:
        words += _complement(verb, limit)
    return [w for w in words if w >= first]


def noun_label(noun: Token, limit: int = MAX_PHRASE) -> list[int]:
    """An event noun's label (``noun-label``): the clause it is the subject of, when that
    verb is no event of its own, else its phrase."""
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass") and head.pos_ == "VERB" and head.lemma_.lower() != "be":
        return clause_label(head, limit)
    return compact_phrase(noun, NOUN_PREPS, limit=limit + 2)


def label_text(doc: Doc, build, anchor: Token) -> str:  # type: ignore[no-untyped-def]
    """The label ``build(limit)`` gives, with phrases shortened (whole modifiers dropped) until it
    has at most ``MAX_LABEL`` words; capitalised. Never cut inside a word or a phrase, and
    never left with one quote mark of a pair ('would be "constructive')."""
    for limit in (MAX_PHRASE, 4, 2, 1):
        text = _words(doc, build(limit)).strip(" ,.;:\u2014\u2013-\u201c\u201d\"'")
        if len(text.split()) <= MAX_LABEL:
            break
    if text.count("\"") % 2 or text.count("\u201c") != text.count("\u201d"):
        text = text.replace("\"", "").replace("\u201c", "").replace("\u201d", "")  # a quote mark left alone
    first, _, rest = text.partition(" ")
    if first.lower() in ARTICLES and rest:  # an article inside a kept compound ("The ... company Acme")
        text = rest
    text = text or anchor.text
    return text[:1].upper() + text[1:]
