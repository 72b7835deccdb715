"""Zones of an article's text that are page furniture, not reporting.

A captured web page carries share and like buttons, language switchers, image credits,
newsletter prompts, "Related Stories" link lists, tracker names and questions to the
reader. Names that appear only there are not actors of the story. Each rule looks at one
line (or one paragraph) at a time, so the whole pass is linear in the text length.

Headlines are a second kind of zone: in a title-case line every word is capitalised, so a
named-entity tagger cannot see where a name ends ("State Department Officially Responds").
Mentions there are trusted only as far as they match a mention of the body.

>>> text = "Police held a man.\\n\\nShare this\\n\\nRelated Stories\\n\\nStar Quits Band\\nQuantcast"
>>> zones = find_zones(text)
>>> [(text[z.start:z.end], z.kind) for z in zones]
[('Share this', 'social'), ('Related Stories', 'related'), ('Star Quits Band', 'related'), ('Quantcast', 'related')]
>>> zones.is_boilerplate(text.index("Star"), text.index("Star") + 4)
True
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .names import looks_like_person_name

HEADLINE = "headline"
BOILERPLATE_KINDS = frozenset({"social", "language", "credit", "newsletter", "related",
                               "tracker", "reader-question", "legal", "tags", "advert"})
# Whole lines that hold none of the article's words: a share bar, a language switcher, a tracker,
# a newsletter call, an advertisement marker, another story's title. The pipeline does not parse
# them at all (:mod:`.layout`), so they give the tagger no context for the words around them.
CONTENT_FREE_KINDS = frozenset({"social", "language", "tracker", "newsletter", "advert", "related"})

_SOCIAL = re.compile(
    r"^(?:be (?:the )?first to (?:like|comment|share|review)(?: this)?|(?:\d+\s+)?(?:likes?|shares?|comments?|"
    r"retweets?)|like this|(?:share|tweet|pin|email|print|save|follow)(?: (?:this|it|us|story|article|"
    r"post|on \w+(?: \w+)?))*|share (?:via|on|to) .*|follow us on .*|leave a (?:comment|reply)|"
    r"click to (?:share|print|email).*|(?:facebook|twitter|linkedin|whatsapp|reddit|pinterest|email)"
    r"(?:(?:\s*[|/·•,]\s*|\s+)(?:facebook|twitter|linkedin|whatsapp|reddit|pinterest|email))*)\W*$",
    re.IGNORECASE,
)
_LANGUAGE = re.compile(
    r"^(?:this (?:post|article|page|story) is (?:also )?available in|also available in|read (?:this|it) in|"
    r"available languages?|select (?:a )?language|languages?)\s*:?", re.IGNORECASE)
_CREDIT = re.compile(
    r"^(?:featured image|header image|top image|lead image|main image|image|images|photo|photos|picture|"
    r"photograph|credit|credits|illustration|source image|video)\b[^.!?]{0,40}?"
    r"(?::|\bcourtesy\b|\bby\b|\bvia\b|\bcredit)|\bcourtesy of\b|^\(?(?:photo|image)s?\s*(?:credit)?\s*:|"
    r"/\s*(?:getty images|reuters|afp|ap photo|shutterstock|tass|epa)\b",
    re.IGNORECASE,
)
_ADVERT = re.compile(r"^(?:advertisement|advertising|sponsored(?: content)?|(?:story|article|text) continues "
                     r"(?:below|after)(?: (?:this )?(?:advertisement|ad))?|continue reading below)\W*$", re.IGNORECASE)
_NEWSLETTER = re.compile(
    r"\b(?:sign up (?:for|to)|subscribe (?:to|for|now)|newsletter|delivered (?:straight )?to your inbox|"
    r"get (?:our|the) (?:\w+ )?(?:emails?|updates)|join our mailing list)\b", re.IGNORECASE)
_RELATED = re.compile(
    r"^(?:related(?: stories| articles| posts| content| news| coverage| links| reading)?|read more|read also|"
    r"also read|more from .{1,40}|more stories|more news|you (?:may|might) also like|recommended(?: for you| stories)?|"
    r"see also|trending(?: now| stories)?|popular(?: stories| now)?|most (?:read|popular|viewed)|"
    r"further reading|also on .{1,40}|what to read next|keep reading|don'?t miss)\s*[:»>\-–]?\s*",
    re.IGNORECASE,
)
# Bylines and source lines: "By Jane Doe", "By: News Desk", "Author: Reuters", "Source: AP - Wed, ...".
_BYLINE = re.compile(r"^(?:by|written by|reporting by|reported by|story by|words by|posted by|author|authors|"
                     r"source|sources|editing by|additional reporting by)\s*:?\s+\S", re.IGNORECASE)
# "Jane Doe | Staff Writer", "John Roe, Associated Press Writer": a name with a newsroom role.
_ROLE_LINE = re.compile(r"^[^.!?]{2,60}?\s*[|,/–—-]\s*(?:[\w.]+\s+){0,3}(?:staff|writer|reporter|correspondent|"
                        r"editor|columnist|contributor|photographer|journalist)s?\s*$", re.IGNORECASE)
# A photo or wire credit glued by a slash: "REUTERS/Jane Doe", "JOHN ROE/AFP/Getty Images",
# "THE DAILY NEWS/Jane Doe" - an all-capitals outlet or name, a slash, up to three capitalised words.
_SLASH_CREDIT = re.compile(r"\b[A-Z][A-Z.&'’-]+(?:\s+[A-Z][A-Z.&'’-]+)*\s*/\s*[A-Z][\w.&'’-]*"
                           r"(?:\s+[A-Z][\w.&'’-]*){0,2}(?:\s*/\s*[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,2})*")
# A dateline at the start of a paragraph: a place (in capitals, or one or two words before a spaced
# dash), an optional region and date, and an optional credit in brackets, then a dash:
# "ST. PAUL, Minn., Sept 4 (Reuters) - ...", "NORFOLK, Va. (WAVY) — ...", "Madison - With ...".
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})"
    r"(?P<rest>(?:,\s*[\w.'’ -]{2,30}?){0,3})\s*"
    r"(?:\((?P<credit>[^()\n]{1,60})\)\s*(?:--|[-—–_:])?|(?P<dash>--|[—–_]|-(?=\s)))\s*(?=\S)")
# A wire name in brackets opening a paragraph, with no place before it: "(CNN) — Rebels ...".
_WIRE_HEAD = re.compile(r"^\((?P<credit>[A-Z][\w.&' -]{1,40})\)\s*(?:--|[—–-])\s")
# A wire name in brackets closing a paragraph: "... on Monday. (ANI)".
_WIRE_FOOT = re.compile(r"(?:^|(?<=[.!?\"”’]))\s*\((?P<credit>[A-Z]{2,6}(?:\s*/\s*[A-Z]{2,6})?)\)\s*$")
_LEGAL = re.compile(r"^(?:©|\(c\)|copyright\b|all rights reserved)", re.IGNORECASE)
_TAGS = re.compile(r"^(?:tags|tagged|filed under|categories|category|topics)\s*:", re.IGNORECASE)
_READER = re.compile(
    r"^(?:what do you think|what are your thoughts|let us know|tell us|sound off|share your|"
    r"what's your take|do you agree|have your say)", re.IGNORECASE)
# Names of web analytics and advertising trackers that leak into captured page text
# (regular-expression forms, to allow spellings such as "Parse.ly" / "Parsely").
TRACKERS = (
    "quantcast", "chartbeat", "comscore", "scorecard ?research", "google (?:analytics|tag manager)",
    "googletagmanager", r"parse\.?ly", "outbrain", "taboola", "disqus", "hotjar", "mixpanel", "facebook pixel",
    "addthis", "sharethis", "nielsen", "krux", "doubleclick", "adsense", "optimizely", "new ?relic", "gemius",
    "permutive",
)
_TRACKER_LINE = re.compile(rf"^(?:{'|'.join(TRACKERS)})(?:\s*[,|/]\s*\S+)*\W*$", re.IGNORECASE)
# Words a title leaves in lower case: articles, conjunctions, short prepositions.
TITLE_SMALL_WORDS = frozenset("a an and as at but by for from in into nor of on or over per the to up via vs with".split())
# ... and, for telling a headline from a sentence, the short verbs and pronouns headlines write small too.
SMALL_WORDS = TITLE_SMALL_WORDS | frozenset("is are be its it's".split())
_WORDS = re.compile(r"[^\W\d_][\w'’.-]*")


@dataclass(frozen=True)
class Zone:
    start: int
    end: int
    kind: str


class Zones(list[Zone]):
    """The zones of one text, sorted by start, with lookups by character offset."""

    def __init__(self, zones: list[Zone]) -> None:
        super().__init__(sorted(zones, key=lambda z: z.start))
        self._starts = [z.start for z in self]

    def kind_at(self, start: int, end: int) -> str | None:
        """The kind of the zone holding ``[start, end)``, or None for body text."""
        i = bisect.bisect_right(self._starts, start) - 1
        if i >= 0 and self[i].start <= start and end <= self[i].end + 1:
            return self[i].kind
        return None

    def is_boilerplate(self, start: int, end: int) -> bool:
        return self.kind_at(start, end) in BOILERPLATE_KINDS

    def is_headline(self, start: int, end: int) -> bool:
        return self.kind_at(start, end) == HEADLINE


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, stripped line) for every non-blank line."""
    out = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip(" \t\u00a0\r")
        if stripped:
            lead = len(raw) - len(raw.lstrip(" \t\u00a0\r"))
            out.append((pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return out


def is_title_case(line: str) -> bool:
    """A headline-shaped line: >= 3 words, most content words capitalised, no final period.

    >>> is_title_case("State Department Officially Responds to Chechnya Purges")
    True
    >>> is_title_case("The State Department responded to the purges in Chechnya.")
    False
    """
    if line.endswith((".", "?", "!", ".\"", ".”", ":")) and not line.endswith("..."):
        return False
    words = [w for w in _WORDS.findall(line) if w.lower() not in SMALL_WORDS][1:]  # the first is always capital
    if len(words) < 2:
        return False
    capital = sum(1 for w in words if w[0].isupper())
    return capital / len(words) >= 0.75


def _non_latin(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and sum(1 for ch in letters if ord(ch) > 0x24F) / len(letters) > 0.5


def _is_prose(line: str) -> bool:
    """A line of running text, not a link title: a long line that ends a sentence."""
    return line.endswith((".", "!", "\"", "”", "'")) and len(line.split()) >= 12 and not is_title_case(line)


def _line_kind(line: str) -> str | None:
    words = len(line.split())
    if words <= 12 and _SOCIAL.match(line):
        return "social"
    if _LANGUAGE.match(line) and words <= 12:
        return "language"
    if words <= 6 and _non_latin(line):
        return "language"
    if words <= 6 and _ADVERT.match(line):
        return "advert"
    if words <= 30 and _CREDIT.search(line):
        return "credit"
    if words <= 40 and _NEWSLETTER.search(line):
        return "newsletter"
    if words <= 6 and _TRACKER_LINE.match(line):
        return "tracker"
    if words <= 40 and _LEGAL.match(line):
        return "legal"
    if words <= 40 and _TAGS.match(line):
        return "tags"
    return None


def find_zones(text: str) -> Zones:
    """Boilerplate and headline zones of ``text``, each one line (or list) long."""
    lines = _lines(text)
    zones: list[Zone] = []
    in_related = False
    # the reader questions: only the last paragraphs of running text can address the reader
    last_prose = max((i for i, (_, _, line) in enumerate(lines) if _is_prose(line)), default=-1)
    first_prose = min((i for i, (_, _, line) in enumerate(lines) if _is_prose(line)), default=len(lines))
    titles = {i for i, (_, _, line) in enumerate(lines) if is_title_case(line) and not _continues(text, lines, i)}
    for i, (start, end, line) in enumerate(lines):
        if in_related:
            if _is_prose(line) and not _RELATED.match(line):
                in_related = False
            else:
                zones.append(Zone(start, end, "related"))
                continue
        related = _RELATED.match(line) if not line[:1].islower() else None
        if related and (related.end() == len(line) or len(line.split()) <= 14):
            zones.append(Zone(start, end, "related"))
            in_related = related.end() >= len(line.rstrip(":»> "))
            continue
        kind = _line_kind(line)
        if kind is None and i >= last_prose - 2 and _READER.match(line) and len(line.split()) <= 40:
            kind = "reader-question"
        if kind is None and i >= last_prose - 2 and _all_questions_to_reader(line):
            kind = "reader-question"
        if kind is None and _is_byline(line, i, first_prose):
            kind = "credit"
        if kind is None and i in titles:
            # below the first paragraph, a run of headline-shaped lines, or one closing the page,
            # links to other stories
            listed = i - 1 in titles or i + 1 in titles or i > last_prose
            kind = "related" if i > first_prose and listed and len(line.split()) >= 4 else HEADLINE
        if kind:
            zones.append(Zone(start, end, kind))
        else:
            zones.extend(Zone(start + a, start + b, "credit") for a, b in _inline_credits(line))
    return Zones(zones)


HEADLINE_MAX_WORDS = 20


def headline_end(text: str) -> int:
    """End of the text's headline line, or 0: the first line, when it is short, followed by
    a line break and ends without sentence punctuation.

    >>> headline_end("Rebels seize port town\\n\\nRebels seized the town on Monday.")
    22
    >>> headline_end("Rebels seized the town on Monday.\\nMore follows.")
    0
    """
    m = re.match(r"\s*([^\n]+)\n", text)
    if m is None:
        return 0
    line = m.group(1).strip()
    if not line or line[-1] in ".!?\"\u201d:" or len(line.split()) > HEADLINE_MAX_WORDS:
        return 0
    return m.end(1)


def _continues(text: str, lines: list[tuple[int, int, str]], i: int) -> bool:
    """Line ``i`` is hard-wrapped: it ends in a comma or a small word, or the very next line goes
    on with its sentence in lower case."""
    last = lines[i][2].rsplit(None, 1)[-1]
    if last.endswith(",") or last.lower() in SMALL_WORDS:
        return True
    if i + 1 >= len(lines):
        return False
    nxt_start, _, nxt = lines[i + 1]
    return text.count("\n", lines[i][1], nxt_start) == 1 and nxt[:1].islower()


_NAME_LINE = re.compile(r"^[A-Z][\w.'’-]*(?:\s*[,|/&]\s*|\s+)(?:(?:[A-Z][\w.'’-]*|and|of)(?:\s*[,|/&]\s*|\s+|$))+$")
_CREDIT_WORDS = frozenset("and of the via for in staff writer writers reporter correspondent editor contributor "
                          "columnist photographer journalist am pm a.m. p.m. gmt utc et".split())


def _is_byline(line: str, index: int, first_prose: int) -> bool:
    """A byline or source line: "By Jane Doe", "Author: Reuters", "Jane Doe | Staff Writer", or,
    above the first paragraph and below the headline, a bare name ("Jane Doe", "Jane Doe, Daily Post").

    >>> _is_byline("By Jane Doe, Associated Press Writer", 1, 3), _is_byline("By Monday the fire had spread", 5, 3)
    (True, False)
    >>> _is_byline("By Jane Doe in Jerusalem and John Roe in Washington", 1, 3)
    True
    >>> _is_byline("Jane Doe", 1, 3), _is_byline("Jane Doe", 0, 3), _is_byline("Jane Doe", 4, 3)
    (True, False, False)
    """
    words = line.split()
    if len(words) > 14:
        return False
    if _BYLINE.match(line):
        rest = _WORDS.findall(line.split(":", 1)[1] if ":" in line[:12] else line.split(None, 1)[1])
        return all(w[0].isupper() or w.lower() in _CREDIT_WORDS for w in rest)
    if _ROLE_LINE.match(line):
        return True
    if not 0 < index < first_prose or len(words) > 5 or not _NAME_LINE.match(line):
        return False
    return any(ch in line for ch in ",|/&") or looks_like_person_name(words)


def _inline_credits(line: str) -> list[tuple[int, int]]:
    """Credits inside a line of text: a dateline's bracketed wire, a slash credit closing a photo
    caption, a bracketed wire name closing a paragraph (offsets within ``line``).

    >>> line = "KHARTOUM, Sudan (AP) — Rebels torched a village. JANE DOE/Wire Service"
    >>> [line[a:b] for a, b in _inline_credits(line)]
    ['AP', 'JANE DOE/Wire Service']
    >>> line = "(CNN) — Rebels torched a village."
    >>> [line[a:b] for a, b in _inline_credits(line)]
    ['CNN']
    """
    out = []
    dl = dateline(line)
    if dl is not None and dl[1] is not None:
        out.append(dl[1])
    m = _WIRE_HEAD.match(line)
    if m:
        out.append(m.span("credit"))
    for m in _SLASH_CREDIT.finditer(line):
        if not line[m.end():].strip() and any(ch.islower() for ch in m.group().split("/", 1)[1]):
            out.append(m.span())
    m = _WIRE_FOOT.search(line)
    if m:
        out.append(m.span("credit"))
    return out


def dateline(line: str) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """The place of a dateline opening ``line`` and its bracketed credit, as offsets, or None.

    >>> line = "ST. PAUL, Minn., Sept 4 (Reuters) - Police arrested 250 people."
    >>> (p, c) = dateline(line); line[p[0]:p[1]], line[c[0]:c[1]]
    ('ST. PAUL', 'Reuters')
    >>> dateline("Madison - With snow falling, thousands marched.")
    ((0, 7), None)
    >>> dateline("Walgreens Boots Alliance — the drugstore chain — said") is None
    True
    >>> dateline("General Motors (GM) and Chrysler cut jobs.") is None
    True
    """
    m = _dateline_match(line)
    if m is None:
        return None
    return m.span("place"), (m.span("credit") if m.group("credit") is not None else None)


def dateline_end(line: str) -> int | None:
    """Where the words after a dateline opening ``line`` start, or None when none opens it.

    >>> line = "BRUSSELS, Dec 14 (Reuters) - EU leaders agreed."
    >>> line[dateline_end(line):]
    'EU leaders agreed.'
    """
    m = _dateline_match(line)
    return None if m is None else m.end()


def _dateline_match(line: str) -> re.Match[str] | None:
    """The dateline opening ``line`` (its place, credit and dash), or None."""
    m = _DATELINE.match(line)
    if m is None:
        return None
    place = m.group("place")
    dash = m.group("dash") is not None or m.group(0).rstrip()[-1:] in "-—–_:"
    if any(ch.islower() for ch in place):  # "Madison - With ...", never "Senator Jane Doe (D-NY) said"
        if not dash or len(place.split()) > 2 or not line[m.end():m.end() + 1].isupper():
            return None
    elif m.group("credit") is None and not dash:
        return None
    return m


def find_datelines(text: str) -> list[tuple[int, int]]:
    """Character spans of the dateline places of ``text`` (each opens a paragraph)."""
    out = []
    for start, _end, line in _lines(text):
        dl = dateline(line)
        if dl is not None:
            out.append((start + dl[0][0], start + dl[0][1]))
    return out


_YOU = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)


def _all_questions_to_reader(line: str) -> bool:
    """Every sentence of the paragraph is a question, and it addresses "you"."""
    sentences = [s for s in re.split(r"(?<=[.?!])\s+", line) if s]
    return bool(sentences) and all(s.endswith("?") for s in sentences) and bool(_YOU.search(line))
