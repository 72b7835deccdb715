"""Dates for events: from the time expressions the parse attaches to them, and from tense.

* A time expression dates the event it is attached to (:func:`graph.extract.events.attach_point`);
  a verb that carries one but names no trigger still becomes an ``occurrence``. Placed
  before coordinated verbs, it dates them all (``coordination+<rule>``).
* Clauses share a date: a clause of simultaneity ("when the quake hit on Saturday") and its
  main clause (``simultaneous+<rule>``); a present tense reported by a dated past speech
  verb holds at the report (``present-at-report+<rule>``).
* Which way a bare month or weekday reads (:func:`reads_forward`), and which expressions
  date nothing: a dateline (:func:`in_dateline`), a bare year before no event noun
  (:func:`attributive_year`).
* Tense, by the TimeML convention for news: a present-tense foreground clause that no time
  expression anchors happens on the publication day (``present-tense-at-publication``);
  the present of quoted words is the speaker's (``present-tense-at-utterance``).

* Tense as discourse anaphor: a main-clause simple past without a time of its own takes the
  reference time the story last set, on its own time line (events, or the telling of
  them, which a dateline starts): ``narrative+<rule>`` (:func:`_date_narrative_past`).

Other past-tense events without a time expression stay undated: a date is never guessed.
Clause relations are read by walking up the parse (``Token.ancestors``).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from ..model import Article, Precision, QuoteKind, Span, TimeSpan
from ..timex import (
    NUMBER_WORDS,
    SINCE,
    day_range,
    find_time_expressions,
    no_later_than,
    resolve,
    whole_time_expression,
)
from .events import (
    ASPECTUAL_VERBS,
    CALL_LEMMAS,
    CHANGE_WORDS,
    DISCLOSURE_COMPLEMENTS,
    LIGHT_VERBS,
    ONSET_PARTICIPLES,
    PRESENT_TAGS,
    SPEECH_VERBS,
    Draft,
    attach_point,
    event_type,
    present_tense,
    tense_tag,
    told_of_future,
)
from .event_labels import controller
from .event_selection import PLAIN_SPEECH
from .factuality import PROBABLE_HEADS
from .pipeline import doc_text, tokens
from .statements import QuoteDraft

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def date_events(doc: Doc, article: Article, zones: Any, found: Any, quotes: list[QuoteDraft],
                drafts: dict[int, Draft], verb_statements: dict[int, QuoteDraft]) -> dict[int, Any]:
    """Token index of an event or statement verb -> its :class:`TimeSpan`. Adds to ``drafts``
    the verbs that become events because a time expression or their tense dates them."""
    times: dict[int, Any] = {}
    _date_events(found, drafts, verb_statements, times)
    _date_simultaneous(doc, drafts, verb_statements, times)
    _date_defining_when(doc, found, drafts, verb_statements, times)
    _date_statement_nouns(drafts, verb_statements, times, doc)  # a dated saying sets the reference
    anchored = _time_anchored_clauses(found)
    quoted = _quoted_speech(quotes)
    _date_narrative_past(doc, article, zones, found, drafts, verb_statements, times, quoted, anchored)
    _date_simultaneous(doc, drafts, verb_statements, times)  # a clause the narrative dated shares it
    _date_distant_clauses(doc, drafts, verb_statements, times)
    _date_reported_present(doc, zones, quotes, drafts, verb_statements, times)
    _date_statement_nouns(drafts, verb_statements, times, doc)
    _present_occurrences(doc, zones, drafts, verb_statements, anchored, quoted)
    _date_present_events(doc, article, drafts, verb_statements, times, anchored, quoted)
    return times


# --- which time expressions date events, and which way they read -------------------------

# A dateline: a city in capitals (and a region), a comma, the date, an agency in brackets, a dash
# ("KYIV, March 4 (Reuters) -"); or the date inside a bracketed credit ("MINSK (Agency - 4th May)").
_DATELINE_BEFORE = re.compile(r"^\s*[A-Z][A-Z.'’ -]*[A-Z.](?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*)*)?,\s*$")
_DATELINE_AFTER = re.compile(r"^\s*(?:\([^)\n]{0,60}\)\s*)?[-\u2013\u2014]")
_CREDIT_BEFORE = re.compile(r"^\s*[A-Z][A-Z.'’ -]*\([^)\n]*$")
# How a line opens when a date in it may follow a dateline's place or open a bracketed credit:
# what both patterns above ask of the words before the date.
_DATELINE_OPENING = re.compile(r"\s*[A-Z][A-Z.'’ -]*[,(]")


def in_dateline(text: str, start: int, end: int) -> bool:
    """The words ``text[start:end]`` are the date of a dateline. A dateline says when the story
    was filed (the article's day): it dates no event of the sentence it opens.

    >>> t = "KYIV, March 4 (Reuters) - Rebels attacked a convoy on Monday."
    >>> in_dateline(t, 6, 13), in_dateline(t, 55, 61)
    (True, False)
    """
    line_start = text.rfind("\n", 0, start) + 1
    before, after = text[line_start:start], text[end : end + 80]
    if _DATELINE_BEFORE.match(before) and _DATELINE_AFTER.match(after):
        return True
    return bool(_CREDIT_BEFORE.match(before)) and after.lstrip().startswith(")")


DATELINE_LINES = 15  # a dateline opens the story: only the first lines are looked at


def dateline_date(text: str, published: dt.date) -> TimeSpan | None:
    """The day a dateline gives the report (rule ``dateline+<rule>``): the date of "KYIV,
    March 4 (Reuters) -" (:func:`in_dateline`), or a line that is a date and nothing else
    ("November 24, 2004") among the first lines. None without one, or when it names no day.

    >>> dateline_date("Rebels seize port\\n\\nMarch 4, 2021\\n\\nRebels seized it.", dt.date(2021, 3, 5)).edtf
    '2021-03-04'
    >>> dateline_date("KYIV, March 4 (Reuters) - Rebels seized it.", dt.date(2021, 3, 5)).rule
    'dateline+month-day-nearest-year'
    >>> dateline_date("Rebels seized the port on March 4, 2021.", dt.date(2021, 3, 5)) is None
    True
    """
    start = 0
    for line in text.split("\n")[:DATELINE_LINES]:
        # a line that does not open like a dateline can only be a date and nothing else
        found = find_time_expressions(line) if _DATELINE_OPENING.match(line) else whole_time_expression(line)
        for a, b in found:
            bare = not line[:a].strip() and not line[b:].strip(" .")
            if bare or in_dateline(text, start + a, start + b):
                t = resolve(line[a:b], published, span=Span.at(text, start + a, start + b))
                if t is not None and t.precision is Precision.DAY:
                    return dataclasses.replace(t, rule=f"dateline+{t.rule}")
        start += len(line) + 1
    return None


def attributive_year(span) -> bool:  # type: ignore[no-untyped-def]
    """A bare year modifying an event noun dates it ("the 2015 treaty", "its 1991 agreement");
    before any other noun it is no date ("the 2000 workers")."""
    head = span.root.head
    return head.i != span.root.i and head.pos_ == "NOUN" and event_type(head) is not None \
        and span.root.dep_ in ("compound", "nummod", "amod", "npadvmod", "nmod")


def comparison_baseline(span) -> bool:  # type: ignore[no-untyped-def]
    """A time expression that is the point a comparison is measured from (``comparison-baseline``)
    tells no time of the event, so it dates nothing:

    * "since" after a superlative or "first": "its biggest fall since the 2001 attacks", "the
      best finish since November";
    * "from" after a change measured in an amount: "fell 2% from Monday's close", "an increase
      of 54 points from March 12", "up from 2008"; not "from May until June" (a range) nor
      "open from Monday" (a start);
    * the object of "compared to" or "compared with": "fell 35% in January, compared to the
      same month a year ago".
    """
    root = span.root
    if _compared_to(root):
        return True
    prep = span[0] if span[0].lower_ in ("since", "from") else root.head if root.dep_ == "pobj" else None
    if prep is None and root.dep_ == "poss" and root.head.dep_ == "pobj":
        prep = root.head.head  # "from Monday's close": the time is the possessor of the object
    if prep is None or prep.lower_ not in ("since", "from") or prep.i == root.i and span[0].i != prep.i:
        return False
    head = prep.head
    if prep.lower_ == "since":
        return head.tag_ == "JJS" or any(c.tag_ == "JJS" or c.lower_ == "first" for c in head.children)
    if head.lemma_.lower() in CHANGE_WORDS and head.pos_ in ("NOUN", "VERB"):
        return head.pos_ == "NOUN" or any(c.dep_ in ("npadvmod", "dobj", "prep") and (
            c.like_num or any(n.like_num for n in c.children)) for c in head.children if c.i != prep.i)
    return head.lower_ in ("up", "down") and head.pos_ == "ADV"


def _compared_to(root) -> bool:  # type: ignore[no-untyped-def]
    """Whether ``root`` stands in the object of "compared to/with" (a participle used as a
    preposition), no verb of its own in between."""
    for above in root.ancestors:
        if above.lower_ in ("to", "with") and above.dep_ == "prep":
            return above.head.lemma_.lower() == "compare" and above.head.tag_ in ("VBN", "VBG")
        if above.pos_ in ("VERB", "AUX"):
            return False
    return False


# Verbs whose to-infinitive complement is an intention or expectation: what it tells lies after
# the verb's time ("wanted the trial to begin in autumn", "is expected to close by early June").
INTENTION_VERBS = frozenset("want plan intend expect hope aim seek agree decide schedule promise vow pledge "
                            "propose prepare wish threaten set".split())
# Verbs of putting off: their "until" time is when what they put off resumes, not a bound on
# their own time ("the court adjourned until Thursday", "postponed the vote until March").
DEFERRAL_VERBS = frozenset("adjourn postpone delay defer suspend recess extend remand pause halt".split())
_UNTIL = re.compile(r"^\s*(?:until|till)\b", re.IGNORECASE)
_NONFINITE = frozenset({"VB", "VBG", "VBN"})
_WEEKDAY_WORD = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
_DEADLINE = re.compile(r"^\s*(?:by|until|till|before|no\s+later\s+than)\b", re.IGNORECASE)


def _nonfinite(verb) -> bool:  # type: ignore[no-untyped-def]
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    return verb.tag_ in _NONFINITE and all(a.tag_ in _NONFINITE or a.tag_ == "TO" for a in auxes)


TEMPORAL_MARKS = frozenset("when once after before until till".split())


def _temporal_clause_of_the_future(verb) -> bool:  # type: ignore[no-untyped-def]
    """A present-tense temporal clause under a clause about the future, or under an expectation
    in the present, tells of the future ("losses are expected when markets reopen Tuesday",
    "it will close once the deal is signed")."""
    if verb.dep_ != "advcl" or not present_tense(verb) or verb.head.pos_ not in ("VERB", "AUX"):
        return False
    if not any(c.lower_ in TEMPORAL_MARKS for c in verb.children if c.dep_ in ("mark", "advmod")):
        return False
    head = verb.head
    return told_of_future(head) or present_tense(head) and head.lemma_.lower() in INTENTION_VERBS


def _futurate_present(verb) -> bool:  # type: ignore[no-untyped-def]
    """A simple or progressive present that a time expression dates tells of a plan: "Bayern
    face Galatasaray on Tuesday", "the trial opens in March", "the vote is on Friday", "they
    are meeting on Monday". A past day cannot be told in the present, save by a headline's
    historic present (headlines are not dated) and by saying ("says"), which is the telling."""
    # a base form with a subject and no auxiliary is a present the tagger missed ("Bayern face")
    bare = verb.tag_ == "VB" and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) \
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    if not (present_tense(verb) or bare) or verb.lemma_.lower() in SPEECH_VERBS:
        return False
    return not any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" for c in verb.children)


def reads_forward(point, phrase: str) -> bool:  # type: ignore[no-untyped-def]
    """The clause a time expression dates is told of the future, so a bare month, weekday or
    season in it is the next one (rule names ``*-upcoming``):

    * its verb is (:func:`graph.extract.events.told_of_future`): "will reopen on Friday";
    * its verb is a simple or progressive present (:func:`_futurate_present`): "Bayern face
      Galatasaray on Tuesday";
    * it is a to-infinitive (through any chain of non-finite complements) of a verb in the
      present or of intention in any simple tense: "wants to see it rebuilt by early June",
      "wanted the trial to begin in autumn";
    * it is a "would" clause and the phrase is a deadline or a weekday: "the council would
      name a mediator by Friday" (said this week, the coming Friday);
    * it is a present-tense temporal clause of such a clause ("losses are expected when
      markets reopen Tuesday").
    """
    if point is None or point.pos_ not in ("VERB", "AUX"):
        return False
    if told_of_future(point) or _futurate_present(point):
        return True
    if _temporal_clause_of_the_future(point):
        return True
    node, infinitive = point, False
    while node.dep_ in ("xcomp", "ccomp", "conj") and node.head.i != node.i and _nonfinite(node):
        if any(c.dep_ == "aux" and c.lemma_ == "have" for c in node.children):
            return False  # a perfect infinitive looks back: "expected to have dipped in March"
        infinitive = infinitive or any(c.tag_ == "TO" for c in node.children)
        head = controller(node)  # "is due to report on Friday": the copula's tense
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in head.children)
        if infinitive and head.pos_ in ("VERB", "AUX") and not perfect and (
                present_tense(head) or told_of_future(head) or head.lemma_.lower() in INTENTION_VERBS):
            return True
        node = head
    would = any(c.dep_ == "aux" and c.lower_.replace("\u2019", "'") in ("would", "'d") for c in point.children) \
        and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in point.children)
    return would and bool(_DEADLINE.match(phrase) or _WEEKDAY_WORD.search(phrase))


_ANNOUNCING_VERBS = CALL_LEMMAS | {"announce", "order"}


def reads_back(point) -> bool:  # type: ignore[no-untyped-def]
    """The clause a time expression dates is told of the past, so a day and month without a
    year is its latest occurrence, not the nearest (:func:`graph.timex.resolve`'s ``past``):
    its verb group's tense is the past ("was arrested on March 3", "closed on Feb. 20") or the
    present perfect ("has lived there since March 3"). A plan keeps the nearest reading: a
    "for" time ("was set for March 3", :func:`planned_for`), the time of a verb of planning
    ("a June 3 hearing has been scheduled", :data:`INTENTION_VERBS`), the time of a verb
    announcing or calling an event ("announced a vote on March 3": maybe the vote's) and the
    new time of a verb of putting off ("was postponed to March 3").

    >>> from graph.extract.pipeline import load_model
    >>> doc = load_model()("She was arrested on March 3 and will appear in court on May 2.")
    >>> reads_back(doc[2]), reads_back(doc[10])
    (True, False)
    """
    if point is None or point.pos_ not in ("VERB", "AUX") or told_of_future(point):
        return False
    if planned_for(point) or point.lemma_.lower() in DEFERRAL_VERBS | INTENTION_VERBS:
        return False  # "a June 3 hearing has been scheduled": the time of what is planned
    if point.lemma_.lower() in _ANNOUNCING_VERBS and any(
            c.dep_ == "dobj" and event_type(c) is not None for c in point.children):
        return False  # "announced a vote on March 3": the time may be the vote's
    tense = tense_tag(point)
    perfect = tense in PRESENT_TAGS and any(c.dep_ == "aux" and c.lemma_ == "have" and c.i < point.i
                                           for c in point.children)
    return tense == "VBD" or perfect


def deferred_until(point, phrase: str) -> bool:  # type: ignore[no-untyped-def]
    """The phrase is the "until" of a verb of putting off (:data:`DEFERRAL_VERBS`): "the
    court adjourned until Thursday" tells when the hearing resumes, and nothing of when the
    court adjourned, so it dates neither the adjourning nor the story's next clauses.

    >>> from graph.extract.pipeline import load_model
    >>> doc = load_model()("The judge adjourned the trial until Thursday.")
    >>> deferred_until(doc[2], "until Thursday"), deferred_until(doc[2], "on Tuesday")
    (True, False)
    """
    return point is not None and _UNTIL.match(phrase) is not None and point.lemma_.lower() in DEFERRAL_VERBS


def planned_for(verb) -> bool:  # type: ignore[no-untyped-def]
    """The verb has a "for" phrase of time: the time of what it plans, not its own."""
    return any(c.dep_ == "prep" and c.lower_ == "for" and any(t.ent_type_ == "DATE" for t in c.subtree)
               for c in verb.children)


def _planned_event(span, verb):  # type: ignore[no-untyped-def]
    """The event noun a "for" time names the time of: "called a general election for 4 July",
    "set a vote for Friday". The calling is not on 4 July: "for" tells when what is planned is
    to happen (:func:`planned_for`), so the date goes to the object when that names an event."""
    root = span.root
    prep = root.head if root.dep_ == "pobj" else None
    if prep is None or prep.lower_ != "for" or prep.head.i != verb.i:
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and event_type(c) is not None), None)


def _up(tok: Token) -> list[Token]:
    """The token and the tokens above it, up to the root."""
    return [tok, *tok.ancestors]


def _date_events(found, drafts: dict[int, Draft],  # type: ignore[no-untyped-def]
                 verb_statements: dict[int, QuoteDraft], times: dict[int, object]) -> None:
    """Attach every resolved time expression to the event it modifies (see .events)."""
    for span, timespan in found:
        point = attach_point(span)
        if point is None:
            continue
        targets: list[int] = []
        if point.i in drafts or point.i in verb_statements:
            targets = [point.i]
        elif span.root.dep_ == "poss" and point.head.i in drafts and point.i in drafts[point.head.i].tokens:
            # "won Sunday's election": the light verb and its event noun are one event
            targets = [point.head.i]
        elif _light_participle(point):
            # "Walker's suggestion, made last week": the light verb's noun is the event
            noun = point.head
            if noun.i not in drafts:
                drafts[noun.i] = Draft(noun.i, event_type(noun) or "occurrence")
            targets = [noun.i]
        elif point.pos_ in ("VERB", "AUX"):
            lemma = point.lemma_.lower()
            # an event noun takes the date of the verb it is subject of ("the purge began on
            # Monday"), or object of when the verb is light ("held talks on Monday"); the object
            # of a verb with a meaning of its own ("denied the reports on Thursday") is not
            # what the date is about: that verb is the event
            # an existential "there is/was" tells that something exists: its event noun is
            # what the date is about ("there was an explosion on Monday"), and without one
            # there is no event ("the panic there was in November")
            existential = _copula(point) and any(c.dep_ == "expl" for c in point.children)
            nouns = [c for c in point.children if c.i in drafts and (
                c.dep_ in ("nsubj", "nsubjpass") or c.dep_ == "dobj" and lemma in LIGHT_VERBS
                or c.dep_ == "attr" and existential)]
            if lemma in ASPECTUAL_VERBS:
                nouns += [p for c in point.children if c.dep_ == "prep" and c.lower_ == "with"
                          for p in c.children if p.i in drafts]
                # "the talks, which began in March": the relative pronoun stands for the noun
                if point.dep_ == "relcl" and point.head.i in drafts and any(
                        c.dep_ == "nsubj" and c.tag_ in ("WDT", "WP") for c in point.children):
                    nouns.append(point.head)
            planned = _planned_event(span, point)
            if planned is not None:
                if planned.i not in drafts:
                    drafts[planned.i] = Draft(planned.i, event_type(planned) or "occurrence")
                nouns = [planned]
            if nouns:
                targets = [n.i for n in nouns]
            elif existential:
                continue
            else:
                kind = "occurrence"
                if any(c.lower_ in DISCLOSURE_COMPLEMENTS for c in point.children):
                    kind = "disclosure"
                drafts[point.i] = Draft(point.i, event_type(point) or kind)
                targets = [point.i]
        for t in targets:
            if t not in times:
                times[t] = timespan
    _date_coordinated_verbs(found, drafts, verb_statements, times)


def _date_statement_nouns(drafts: dict[int, Draft], verb_statements: dict[int, QuoteDraft],
                          times: dict[int, object], doc: Doc) -> None:
    """ "said in a statement", "issued a statement": the statement noun and its speech verb are
    one act, so the one without a date takes the other's (same rule): "said on Monday in a
    statement", and "In a statement on Monday, the minister said", where the verb's date then
    sets the story's reference time as any dated saying does."""
    for i in verb_statements:
        verb = doc[i]
        nouns = [c for c in verb.children if c.dep_ == "dobj"] + [
            p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        for noun in nouns:
            if noun.i not in drafts or drafts[noun.i].type != "statement":
                continue
            if i in times and noun.i not in times:
                times[noun.i] = times[i]
            elif noun.i in times and i not in times:
                times[i] = times[noun.i]


def _light_participle(verb) -> bool:  # type: ignore[no-untyped-def]
    """A light verb's past participle modifying a noun ("the suggestion, made last week", "a
    statement issued on Monday"): it names no happening of its own, the noun does, so a date
    on the participle dates the noun (rule of the time expression, the noun as the event)."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.lemma_.lower() in LIGHT_VERBS \
        and verb.head.pos_ == "NOUN"


def _conjoined_verbs(verb):  # type: ignore[no-untyped-def]
    """The verbs coordinated with ``verb`` ("rose and then fell"), in order."""
    out, todo = [], [verb]
    while todo:
        node = todo.pop()
        for child in node.children:
            if child.dep_ == "conj" and child.pos_ == "VERB":
                out.append(child)
                todo.append(child)
    return sorted(out, key=lambda t: t.i)


# Adverbs that set their own time frame for a clause ("and recently reported ...").
TEMPORAL_ADVERBS = frozenset("since recently lately later soon subsequently afterwards afterward previously "
                             "earlier now currently formerly once eventually meanwhile".split())


def _own_time(verb, found) -> bool:  # type: ignore[no-untyped-def]
    """A time expression or a temporal adverb in the verb's own clause or its complements, not
    in a verb coordinated with it, nor in a clause describing a participant ("lows not seen
    since 1982"), nor one that tells which participant is meant (:func:`_names_participant`)."""
    def inside(tok) -> bool:  # type: ignore[no-untyped-def]
        for node in _up(tok):
            if node.i == verb.i:
                return True
            if node.dep_ in ("conj", "relcl", "acl"):
                return False
        return False

    if any(inside(span.root) and not _names_participant(span) for span, _ in found):
        return True
    return any(t.lower_ in TEMPORAL_ADVERBS and t.dep_ in ("advmod", "npadvmod") and inside(t) for t in verb.subtree)


def _names_participant(span) -> bool:  # type: ignore[no-untyped-def]
    """A time expression in the possessive on a noun other than the subject ("the survivors of
    Tuesday's quake", "freed the hostages of Sunday's raid") dates that noun's event and tells
    which participant is meant, not when the clause happened. On the subject it dates the
    clause too ("Sunday's raid killed five", see :func:`attach_point`)."""
    root = span.root
    return root.dep_ == "poss" and root.head.dep_ not in ("nsubj", "nsubjpass")


def _date_coordinated_verbs(found, drafts: dict[int, Draft],  # type: ignore[no-untyped-def]
                            verb_statements: dict[int, QuoteDraft], times: dict[int, object]) -> None:
    """A time expression placed before coordinated verbs scopes over all of them: in "On Friday
    the index rose 2% and then fell back" Friday dates "fell" too. One after the first verb
    dates the verbs coordinated after it that share its subject ("appeared in court on Monday
    and was ordered held"), not a clause with a subject of its own ("were redesigned last year,
    and analysts said"), nor a verb before it. A verb with its own time expression or temporal
    adverb keeps its own frame ("In 2005 it lost $1bn and recently reported ..."), and so does
    a verb in another tense ("In 2009 Fiat bought a stake and has since increased it"). The
    rule is recorded as ``coordination+<timex rule>``, the phrase is the time expression."""
    points = [(span, timespan, attach_point(span)) for span, timespan in found]
    for span, timespan, point in points:
        if point is None or point.pos_ not in ("VERB", "AUX"):
            continue
        trailing = span.start > point.i
        for verb in _conjoined_verbs(point):
            if trailing and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
                continue  # "were redesigned last year, and analysts said": a clause of its own
            if verb.i < span.end or verb.i in times or tense_tag(verb) != tense_tag(point) or _own_time(verb, found):
                continue
            if verb.i not in drafts and verb.i not in verb_statements:
                drafts[verb.i] = Draft(verb.i, event_type(verb) or "occurrence")
            times[verb.i] = dataclasses.replace(timespan, rule=f"coordination+{timespan.rule}")  # type: ignore[type-var]


def _dated(tok, rule: str, timespan, drafts: dict[int, Draft],  # type: ignore[no-untyped-def]
           verb_statements: dict[int, QuoteDraft], times: dict[int, object]) -> None:
    """Give ``tok`` a date taken over from another clause; a verb that is no event yet becomes
    one (an ``occurrence`` unless a trigger names it)."""
    if tok.i not in drafts and tok.i not in verb_statements:
        drafts[tok.i] = Draft(tok.i, event_type(tok) or "occurrence")
    times[tok.i] = dataclasses.replace(timespan, rule=f"{rule}+{timespan.rule}")


# Conjunctions of a clause that happens at the time of the clause it modifies ("the bridge fell
# as the convoy crossed it"), and adverbs that make "before"/"after" the same moment ("shortly
# before the vote").
SIMULTANEITY_MARKS = frozenset("when as while".split())
CLOSE_ADVERBS = frozenset("shortly just moments minutes immediately soon".split())


def _simultaneous_clause(verb) -> bool:  # type: ignore[no-untyped-def]
    """An adverbial clause that happens when its main clause does: "when the quake hit",
    "as the guards escorted the convoy", "shortly before he accepted"."""
    if verb.dep_ != "advcl" or verb.head.pos_ not in ("VERB", "AUX"):
        return False
    marks = [c for c in verb.children if c.dep_ in ("mark", "advmod")]
    if any(m.lower_ in SIMULTANEITY_MARKS for m in marks):
        return True
    if _attendant_participle(verb, marks):
        return True
    close = [m for m in marks if m.lower_ in ("before", "after")]
    return any(a.lower_ in CLOSE_ADVERBS for m in close for a in [*m.children, *verb.children] if a.dep_ == "advmod")


# Adverbs that set a participle's time apart from its main clause's ("later", "after").
_SEQUENCE_ADVERBS = frozenset("before after later earlier since until then previously".split())


def _attendant_participle(verb, marks) -> bool:  # type: ignore[no-untyped-def]
    """A participle clause with no subject and no conjunction of its own tells what came with
    its main clause, at its time: "the typhoon hit on Sunday, killing 12 people"; "Speaking on
    Monday, she said ...". One with a sequence adverb ("later killing") or a subject ("the
    storm hit, its winds killing 12") does not, nor does a participle of onset ("Starting on
    March 1, the city will charge ...": :data:`.events.ONSET_PARTICIPLES`) or of saying, which
    tells what its main clause said ("issued a statement, condemning the attacks")."""
    if verb.lemma_.lower() in ONSET_PARTICIPLES or verb.lemma_.lower() in SPEECH_VERBS | CALL_LEMMAS:
        return False
    if planned_for(verb.head):
        return False  # "called an election for 4 July, ending months of speculation"
    return verb.tag_ == "VBG" and not any(m.dep_ == "mark" or m.lower_ in _SEQUENCE_ADVERBS for m in marks) \
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _date_simultaneous(doc: Doc, drafts: dict[int, Draft], verb_statements: dict[int, QuoteDraft],
                       times: dict[int, object]) -> None:
    """A temporal clause of simultaneity and its main clause share their date, whichever of
    them carries it ("buried by a landslide when the quake hit late Saturday", "the shooting
    occurred as the guards escorted a convoy on 16 September"): rule ``simultaneous+<rule>``.
    A clause with a date of its own keeps it; a copula ("it was a shock when ...") makes no
    event."""
    toks = tokens(doc)
    from spacy.symbols import VERB

    for i in (doc.to_array("POS") == VERB).nonzero()[0].tolist():
        clause = toks[i]
        if not _simultaneous_clause(clause):
            continue
        main = clause.head
        for dated, other in ((clause, main), (main, clause)):
            timespan = _clause_time(dated, times)
            if timespan is None or timespan.precision in (Precision.OPEN, Precision.BEFORE):  # type: ignore[attr-defined]
                continue  # "since 2003 when ..." or "by May as ...": no time the two share
            if _clause_time(other, times) is None and not _copula(other):
                _dated(other, "simultaneous", timespan, drafts, verb_statements, times)


# Units in which a clause of time measures its distance from its main clause ("a day after").
_DISTANCE_UNITS = frozenset("day days week weeks month months year years hours".split())


def _distance(verb):  # type: ignore[no-untyped-def]
    """(mark, count, unit, first token) of an adverbial clause of time that measures its
    distance from its main clause: "a day after parliament passed the bill", "two weeks
    before the vote", "hours after firefighters declared success"; None for any other."""
    if verb.dep_ != "advcl" or verb.head.pos_ not in ("VERB", "AUX"):
        return None
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
    if mark is None:
        return None
    unit = next((c for c in (*verb.children, *mark.children) if c.dep_ == "npadvmod" and c.lower_ in _DISTANCE_UNITS
                 and c.i < mark.i), None)  # the parser hangs "hours" from the verb or from "after"
    if unit is None:
        return None
    counts = [c.lower_ for c in unit.children if c.dep_ in ("det", "nummod") and c.i < unit.i]
    if unit.lower_ == "hours":
        count = 0
    elif len(counts) == 1 and (counts[0].isdigit() or counts[0] in NUMBER_WORDS):
        count = int(counts[0]) if counts[0].isdigit() else NUMBER_WORDS[counts[0]]
    else:
        return None  # "days after": a few days, no count
    return mark, count, unit.lemma_.lower(), min(t.i for t in unit.subtree)


def _date_distant_clauses(doc: Doc, drafts: dict[int, Draft], verb_statements: dict[int, QuoteDraft],
                          times: dict[int, object]) -> None:
    """A clause of time that measures its distance from its main clause (:func:`_distance`)
    and the main clause date each other, whichever carries the date (rule ``distance+offset+<rule>``):
    "Police fired tear gas on Tuesday, a day after parliament passed the bill" dates the
    passing on Monday; "hours after" is the day of the main clause or the one before it (for
    "before", or the one after), a day, week, month or year a counted offset, no finer than
    the date it counts from. A clause with a date of its own keeps it."""
    from spacy.symbols import VERB

    toks, text = tokens(doc), doc_text(doc)
    for i in (doc.to_array("POS") == VERB).nonzero()[0].tolist():
        clause = toks[i]
        distance = _distance(clause)
        if distance is None:
            continue
        mark, count, unit, first = distance
        phrase = Span.at(text, toks[first].idx, mark.idx + len(mark.text))
        main = clause.head
        for dated, other, back in ((main, clause, mark.lower_ == "after"), (clause, main, mark.lower_ == "before")):
            base = _clause_time(dated, times) or next(  # "began planning on Tuesday"
                (times[c.i] for c in dated.children if c.dep_ == "xcomp" and c.i in times), None)
            if base is None or _clause_time(other, times) is not None or _copula(other) \
                    or base.precision not in (Precision.DAY, Precision.MONTH, Precision.YEAR):
                continue
            if unit == "hour":
                if base.precision is not Precision.DAY:
                    continue
                day = base.earliest
                a, b = (day - dt.timedelta(days=1), day) if back else (day, day + dt.timedelta(days=1))
                found = day_range(a, b, base.rule, base.anchor, phrase)
            else:
                found = resolve(f"{count} {unit} {'earlier' if back else 'later'}", base.anchor, span=phrase,
                                reference=base)
                if found is None:
                    continue
                found = dataclasses.replace(found, rule=f"offset+{base.rule}")
            _dated(other, "distance", found, drafts, verb_statements, times)


def _date_defining_when(doc: Doc, found, drafts: dict[int, Draft],  # type: ignore[no-untyped-def]
                        verb_statements: dict[int, QuoteDraft], times: dict[int, object]) -> None:
    """A "when" clause right after a time expression says what happened at that time: "since
    March, when the war began", "in 1998, when heavy rains fell", "since early 2003 when rebels
    began fighting". Its verb takes the time the expression names, without the "since" that
    opens a range for the main clause (rule ``defining-when+<rule>``). A clause with a date of
    its own keeps it; a copula makes no event."""
    toks = tokens(doc)
    for span, timespan in found:
        after = span.end + (1 if span.end < len(doc) and toks[span.end].text == "," else 0)
        if after >= len(doc) or toks[after].lower_ != "when" or toks[after].dep_ != "advmod":
            continue
        verb = toks[after].head
        if verb.i in times or _copula(verb) or not (
                verb.dep_ == "relcl" and span.start <= verb.head.i < span.end or verb.dep_ == "advcl"):
            continue
        point = _point_of(doc, span, timespan)
        if point is not None:
            _dated(verb, "defining-when", point, drafts, verb_statements, times)


def _point_of(doc: Doc, span, timespan):  # type: ignore[no-untyped-def]
    """The time an expression names: itself, or for "since X" the time X names; None for a
    time known only by a bound ("by May")."""
    if timespan.precision is Precision.BEFORE:
        return None
    if timespan.precision is not Precision.OPEN:
        return timespan
    since = re.match(SINCE, span.text, re.IGNORECASE)
    if since is None:
        return None
    start = span.start_char + since.end()
    return resolve(span.text[since.end():], timespan.anchor, span=Span.at(doc_text(doc), start, span.end_char))


def _clause_time(verb, times: dict[int, object]):  # type: ignore[no-untyped-def]
    """The date of a clause: its verb's, or that of the event noun its verb took the date to
    ("the quake hit on Sunday" dates the quake)."""
    if verb.i in times:
        return times[verb.i]
    return next((times[c.i] for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i in times), None)


def _date_reported_present(doc: Doc, zones, quotes: list[QuoteDraft],  # type: ignore[no-untyped-def]
                           drafts: dict[int, Draft], verb_statements: dict[int, QuoteDraft],
                           times: dict[int, object]) -> None:
    """Sequence of tenses: a present tense in the complement of a dated reporting verb in the
    past holds at the time of the report ("Macron said Tuesday that he wants the cathedral
    rebuilt": the wanting is Tuesday's), rule ``present-at-report+<rule>``. Not a copula, not
    in quoted words (their present is the speaker's, see :func:`_date_present_events`)."""
    toks = tokens(doc)
    from spacy.symbols import VERB

    quoted = _quoted_speech(quotes)
    for i in (doc.to_array("POS") == VERB).nonzero()[0].tolist():
        tok = toks[i]
        if i in times or not present_tense(tok) or _copula(tok) or not _has_subject(tok):
            continue
        if any(a <= tok.idx < b for a, b, _ in quoted) or zones.kind_at(tok.idx, tok.idx + 1) is not None:
            continue
        report = _dated_past_report(tok, times)
        if report is not None:
            _dated(tok, "present-at-report", times[report.i], drafts, verb_statements, times)
    # what a dated past report says happened ("said on Monday that she had been fired") began
    # before the report: a bound, never the report's own date
    for i in list(drafts):
        tok = toks[i]
        if i in times or tok.pos_ not in ("VERB", "AUX") or tense_tag(tok) not in ("VBD", "VBN"):
            continue
        report = _dated_past_report(tok, times)
        bound = no_later_than(times[report.i], "before-report") if report is not None else None  # type: ignore[arg-type]
        if bound is not None:
            times[i] = bound


def _dated_past_report(tok, times: dict[int, object]):  # type: ignore[no-untyped-def]
    """The dated past-tense speech verb whose complement clause ``tok`` heads (or is
    coordinated into), else None."""
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    report = node.head
    if node.dep_ != "ccomp" or report.i not in times or tense_tag(report) != "VBD" \
            or report.lemma_.lower() not in SPEECH_VERBS | EVIDENTIAL_LEMMAS:
        return None
    return report


# Clause relations through which a clause stays part of what the sentence asserts: the main
# clause, its coordinated clauses and complement clauses ("says that ..."). Relative and
# adverbial clauses (relcl, advcl, acl) describe the background of a participant or event.
FOREGROUND_DEPS = frozenset({"conj", "ccomp"})
COPULA_FORMS = frozenset("is are am 's 're 'm".split())
EVIDENTIAL_LEMMAS = PROBABLE_HEADS | {"say"}


def _foreground(tok) -> bool:  # type: ignore[no-untyped-def]
    """The verb heads the sentence's main clause, or a clause coordinated with or
    complementing a foreground clause ("X says it plans ..."), not a relative or
    adverbial clause ("the jobs, which make up ...")."""
    for node in _up(tok):
        if node.dep_ == "ROOT" or node.head.i == node.i:
            return True
        if node.dep_ not in FOREGROUND_DEPS or node.head.pos_ not in ("VERB", "AUX"):
            return False
    return False


def _evidential(tok) -> bool:  # type: ignore[no-untyped-def]
    """ "It is believed that ...", "the chips are said to be faster": an impersonal or raising
    passive of a verb of belief or hearsay marks how sure the source is of the clause it
    introduces (like "reportedly", :mod:`.factuality`); it reports no happening of its own."""
    if tok.lemma_.lower() not in EVIDENTIAL_LEMMAS or not any(c.dep_ == "auxpass" for c in tok.children):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.lower_ == "it" or c.dep_ == "xcomp"
               for c in tok.children)


def _has_subject(tok) -> bool:  # type: ignore[no-untyped-def]
    """A finite clause has a subject, its own or shared with the verb it is coordinated with;
    a "verb" without one is an imperative or a mis-tagged noun ("the WWDC keynote")."""
    for node in _up(tok):
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in node.children):
            return True
        if node.dep_ != "conj":
            return False
    return False


def _copula(tok) -> bool:  # type: ignore[no-untyped-def]
    """ "be" as a main verb ("Here's the statement", "Ford is the largest ..."): it ascribes a
    property or existence, it tells no happening."""
    return tok.lemma_.lower() == "be" or tok.lower_.replace("’", "'") in COPULA_FORMS


def _quoted_speech(quotes: list[QuoteDraft]) -> list[tuple[int, int, int | None]]:
    """Character ranges of direct quotes and block statements, with their speech verb."""
    return [(q.quote[0], q.quote[1], q.verb) for q in quotes if q.kind in (QuoteKind.DIRECT, QuoteKind.BLOCK)]


def _time_anchored_clauses(found) -> set[int]:  # type: ignore[no-untyped-def]
    """Token indices of the verbs whose clause holds a time expression: the verb the
    expression is attached to, or the nearest verb above it."""
    anchored: set[int] = set()
    for span, _ in found:
        point = None if _names_participant(span) else attach_point(span)
        verb = next((n for n in _up(point) if n.pos_ in ("VERB", "AUX")), None) if point is not None else None
        if verb is not None:
            anchored.add(verb.i)
    return anchored


def _anchored(tok, anchored: set[int], within: tuple[int, int] | None = None) -> bool:  # type: ignore[no-untyped-def]
    """The verb's clause, or a clause above it, holds a time expression: "On Friday Fiat
    announced that it intends ..." anchors "intends" too. A time expression inside a clause
    the verb governs does not anchor it ("Groups report that 40 have been held since May").
    ``within`` limits the clauses looked at to a character range (a quote's own words)."""
    for node in _up(tok):
        if within is not None and not within[0] <= node.idx < within[1]:
            return False
        if node.i in anchored:
            return True
    return False


def _present_occurrences(doc: Doc, zones, drafts: dict[int, Draft],  # type: ignore[no-untyped-def]
                         verb_statements: dict[int, QuoteDraft], anchored: set[int],
                         quoted: list[tuple[int, int, int | None]]) -> None:
    """A verb in the present or present perfect that heads a foreground clause tells a
    situation of the publication day ("Ford has recalled 40,000 cars", "the deal includes
    ..."). Like a verb that carries a time expression, it becomes an event of type
    ``occurrence`` when no trigger names it. Not when a time expression anchors its clause
    (:func:`_anchored`) or it measures itself in spans of time (:func:`_measured_in_spans`),
    not in quoted speech (its present is the speaker's), not in boilerplate or headlines, not
    a copula, not an evidential "it is believed".
    """
    toks = tokens(doc)
    from spacy.symbols import VERB

    for i in (doc.to_array("POS") == VERB).nonzero()[0].tolist():  # only the verbs become Tokens
        if i in drafts or i in verb_statements:
            continue
        tok = toks[i]
        if _anchored(tok, anchored) or not present_tense(tok) or not _foreground(tok) or _measured_in_spans(tok):
            continue
        if zones.kind_at(tok.idx, tok.idx + len(tok.text)) is not None:
            continue
        if any(a <= tok.idx < b for a, b, _ in quoted) or _evidential(tok) or _copula(tok):
            continue
        if not _has_subject(tok):
            continue
        drafts[tok.i] = Draft(tok.i, "occurrence")


# Words that set a clause's own time frame in a narrative: it is not the reference time of
# the sentences before it ("later", "earlier", "then", "already").
NARRATIVE_FRAME_ADVERBS = TEMPORAL_ADVERBS | frozenset("then already ago".split())
NARRATIVE_RULE = "narrative"


def _narrative_past(tok) -> bool:  # type: ignore[no-untyped-def]
    """A simple past (active, passive or progressive) that heads the sentence's main clause or
    a clause coordinated with it: "Rebels seized the port", "40 were detained". Not a past
    perfect ("had been killed" lies before the reference time), a modal, a copula, a clause
    reported by another ("said that ...": the report dates it), a relative or adverbial clause.
    """
    node = tok
    while node.dep_ == "conj":
        node = node.head
    if node.dep_ != "ROOT" or tense_tag(tok) != "VBD" or _copula(tok) or not _has_subject(tok):
        return False
    return not any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)


def _sets_reference(tok, time, published) -> bool:  # type: ignore[no-untyped-def]
    """A foreground clause (:func:`_foreground`) dated by its own time expression to a closed
    span that has begun by the publication day sets the narrative's reference time ("On
    Monday, rebels seized ...", "Police said the men were freed on Monday");
    a clause about the future ("will vote on Friday", "would vote on Friday"), an open range
    ("since 2003") or the end of a stretch ("profit rose in the 26 weeks to Sept. 14",
    :func:`_ends_a_stretch`) does not."""
    if time.earliest is None or time.latest is None or time.earliest > published:
        return False
    if time.rule.split("+")[0] in _DERIVED_RULES:
        return False
    if told_of_future(tok) or any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ == "VBD" for c in tok.children):
        return False
    if planned_for(tok):
        return False  # "called an election for 4 July": the calling's time is not told
    if _ends_a_stretch(tok.doc, time):
        return False  # "profit rose in the 26 weeks to Sept. 14": a stretch, not the story's occasion
    if any(c.dep_ == "aux" and c.lower_.replace("\u2019", "'") in ("would", "'d") for c in tok.children):
        return False  # "said it would buy the firm on Thursday": a future seen from the past, not yet told
    return _foreground(tok) or _temporal_clause_of_foreground(tok)


# Words that join a reporting period (:data:`_PERIOD_NOUNS`) to its last day ("the 26 weeks to
# Sept. 14", "the quarter ended June 30", "the year ending in March").
_PERIOD_ENDS = frozenset("to ended ending through".split())


def _ends_a_stretch(doc, time) -> bool:  # type: ignore[no-untyped-def]
    """The time is the last day of a stretch the clause measures ("profit rose in the 26
    weeks to Sept. 14"): an accounting period, not the occasion the story goes on from."""
    if time.phrase is None:
        return False
    first = doc.char_span(time.phrase.start, time.phrase.end, alignment_mode="expand")
    if first is None:
        return False
    k = first.start - 1
    toks = tokens(doc)
    if k >= 0 and toks[k].lower_ == "in" and toks[k].head.lower_ in ("ending", "ended"):
        k -= 1  # "the year ending in March"
    return k >= 1 and toks[k].lower_ in _PERIOD_ENDS and toks[k - 1].lower_ in _PERIOD_NOUNS


# Subordinators of a clause that sets the time its main clause shares (the simultaneity marks)
# or follows ("after the storm hit the coast on Monday"); not "before" or "until", whose main
# clause lies before the time they give.
TIME_SETTING_MARKS = SIMULTANEITY_MARKS | frozenset({"after", "once"})


def _temporal_clause_of_foreground(tok) -> bool:  # type: ignore[no-untyped-def]
    """An adverbial clause of time under a foreground clause: its dated happening is the
    occasion the story tells of, so it sets the reference time the following simple pasts
    refer to ("Schools stayed shut after the storm hit the coast on Monday. The storm
    destroyed 300 homes.")."""
    return (tok.dep_ == "advcl" and tok.head.pos_ in ("VERB", "AUX") and _foreground(tok.head)
            and any(c.dep_ == "mark" and c.lower_ in TIME_SETTING_MARKS for c in tok.children))


# Rules that pass on a date found elsewhere: they never set the narrative's reference time.
_DERIVED_RULES = frozenset({NARRATIVE_RULE, "present-at-report", "before-report", "present-tense-at-publication",
                            "present-tense-at-utterance"})


def _reporting(tok, verb_statements: dict[int, QuoteDraft]) -> bool:  # type: ignore[no-untyped-def]
    """A plain verb of saying ("said", "told", "added") or the speech verb of quoted words:
    the act of telling the story, not an event of it."""
    return tok.i in verb_statements or tok.lemma_.lower() in PLAIN_SPEECH


# Nouns of a span of time: a clause that measures itself in them ("was built over centuries",
# "had fought for years") sets its own time frame.
TIME_UNIT_NOUNS = frozenset("week weeks month months year years decade decades century centuries".split())
_PERIOD_NOUNS = TIME_UNIT_NOUNS | frozenset("quarter quarters half period".split())


def _own_frame(tok, found) -> bool:  # type: ignore[no-untyped-def]
    """The clause sets its own time: a time expression or temporal adverb in it (:func:`_own_time`),
    a narrative adverb ("then", "already"), a span of weeks to centuries."""
    if any(t.lower_ in NARRATIVE_FRAME_ADVERBS and t.dep_ in ("advmod", "npadvmod") for t in tok.children):
        return True
    return _measured_in_spans(tok) or _own_time(tok, found)


def _measured_in_spans(tok) -> bool:  # type: ignore[no-untyped-def]
    """The clause measures itself in spans of weeks to centuries ("was built over centuries",
    "has spent decades defending clients"): it tells a stretch of time, not a happening at the
    story's reference time nor on the publication day."""
    for t in tok.subtree:
        if t.lower_ not in TIME_UNIT_NOUNS or t.pos_ != "NOUN":
            continue
        if t.head.i == tok.i and t.dep_ in ("dobj", "npadvmod") \
                or t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.i == tok.i:
            return True  # "spent decades", "for years", "over centuries"; not "a 27-year contract"
    return False


def _coordinated(tok) -> list:  # type: ignore[type-arg,no-untyped-def]
    """The verbs of the coordination ``tok`` belongs to: its first conjunct and all conjuncts."""
    first = tok
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return [first, *_conjoined_verbs(first)]


def _date_narrative_past(doc: Doc, article: Article, zones, found,  # type: ignore[no-untyped-def]
                         drafts: dict[int, Draft], verb_statements: dict[int, QuoteDraft],
                         times: dict[int, object], quoted: list[tuple[int, int, int | None]],
                         anchored: set[int]) -> None:
    """Tense as anaphora (``narrative+<rule>``): a simple past names no time of its own; it
    refers to the reference time the narrative last set (Reichenbach's reference time,
    Webber's "tense as discourse anaphor"). "On Monday, rebels seized the port. They
    detained 40 people." dates the detention on Monday, with Monday as the phrase.

    * The reference time is set by a foreground clause that its own time expression dates,
      or by such a clause of time under one ("after the storm hit the coast on Monday",
      :func:`_sets_reference`); a clause about the future ("will vote on Friday") or an open
      range ("since 2003") sets none.
    * It passes on to the main-clause simple pasts of the sentences after it that carry no
      time expression, temporal adverb ("later", "earlier", "then") or span of years of their
      own, and whose coordinated verbs carry none either.
    * A news story has two time lines: what happened, and the telling of it (plain saying and
      the speech verbs of quotations, which follow the events they tell of). Each passes its
      reference only along its own line: "The quake struck on Sunday. ... Officials said"
      does not date the saying on Sunday.

    A verb that is no trigger becomes an ``occurrence`` (a state stays none,
    :mod:`.event_selection`). Quoted words keep the speaker's time, boilerplate and
    headlines take no part, and a past before the first dated main clause stays undated.
    """
    toks = tokens(doc)
    from spacy.symbols import AUX, VERB

    pos = doc.to_array("POS")
    verbs = ((pos == VERB) | (pos == AUX)).nonzero()[0].tolist()
    # keyed by "is the telling": a dateline dates the report, so the telling starts on its day
    reference: dict[bool, Any] = {False: None, True: dateline_date(doc_text(doc), article.published)}
    k = 0
    for sent in doc.sents:
        mine = []
        while k < len(verbs) and verbs[k] < sent.end:
            mine.append(toks[verbs[k]])
            k += 1
        if zones.kind_at(sent.start_char, sent.start_char + 1) is not None:
            continue
        mine = [t for t in mine if not any(a <= t.idx < b for a, b, _ in quoted)]
        local = [(span, t) for span, t in found if sent.start <= span.start < sent.end  # a quote's times are
                 and not any(a <= span.start_char < b for a, b, _ in quoted)]  # the speaker's, no frame of the saying
        for tok in mine:
            if tok.i in times or tok.pos_ != "VERB" or not _narrative_past(tok):
                continue
            ref = reference[_reporting(tok, verb_statements)]
            if ref is None or any(v.i in anchored for v in _coordinated(tok)):
                continue  # "agreed on Monday to X but made clear ...": the sentence has its own time
            if not _own_frame(tok, local) and not _evidential(tok):
                _dated(tok, NARRATIVE_RULE, ref, drafts, verb_statements, times)
        for tok in mine:
            time = _clause_time(tok, times)
            if time is not None and _sets_reference(tok, time, article.published):
                reference[_reporting(tok, verb_statements)] = time


def _date_present_events(doc: Doc, article: Article, drafts: dict[int, Draft],
                         verb_statements: dict[int, QuoteDraft], times: dict[int, object],
                         anchored: set[int], quoted: list[tuple[int, int, int | None]]) -> None:
    """Tense as a date, the TimeML convention for news:

    * ``present-tense-at-publication``: an event told in the present or present perfect
      happens on the publication day (the document creation time), unless a time expression
      anchors its clause or a clause above it (:func:`_anchored`);
    * ``present-tense-at-utterance``: in quoted words (a direct quote, a block statement) the
      present is the speaker's, so it takes the date of the words' speech verb when that verb
      is dated ('"We are cutting jobs," the CEO said on Monday'), else it stays undated.

    The tense-bearing verb is recorded as the phrase. Past-tense events without a time
    expression stay undated.
    """
    toks = tokens(doc)
    text = doc_text(doc)
    inside = []
    for index in list(drafts) + list(verb_statements):
        if index in times:
            continue
        tok = toks[index]
        if not present_tense(tok):
            continue
        quote = next(((a, b, verb) for a, b, verb in quoted if a <= tok.idx < b), None)
        if quote is not None:
            if not _anchored(tok, anchored, within=quote[:2]):
                inside.append((index, quote[2]))
            continue
        if _anchored(tok, anchored) or _measured_in_spans(tok):
            continue
        times[index] = TimeSpan(
            precision=Precision.DAY, earliest=article.published, latest=article.published,
            edtf=article.published.isoformat(), rule="present-tense-at-publication",
            anchor=article.published, phrase=Span.at(text, tok.idx, tok.idx + len(tok.text)),
        )
    for index, verb in inside:
        said = times.get(verb) if verb is not None else None
        if said is not None:
            tok = toks[index]
            times[index] = dataclasses.replace(  # type: ignore[type-var]
                said, rule="present-tense-at-utterance", phrase=Span.at(text, tok.idx, tok.idx + len(tok.text)))
