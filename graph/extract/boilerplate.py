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

HEADLINE = "headline"
BOILERPLATE_KINDS = frozenset({"social", "language", "credit", "newsletter", "related",
                               "tracker", "reader-question", "legal", "tags"})

_SOCIAL = re.compile(
    r"^(?:be (?:the )?first to (?:like|comment|share|review)(?: this)?|(?:\d+\s+)?(?:likes?|shares?|comments?|"
    r"retweets?)|like this|(?:share|tweet|pin|email|print|save|follow)(?: (?:this|it|us|story|article|"
    r"post|on \w+(?: \w+)?))*|share (?:via|on|to) .*|follow us on .*|leave a (?:comment|reply)|"
    r"click to (?:share|print|email).*|(?:facebook|twitter|linkedin|whatsapp|reddit|pinterest|email)"
    r"(?:\s*[|/·•,]\s*(?:facebook|twitter|linkedin|whatsapp|reddit|pinterest|email))*)\W*$",
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
_SMALL_WORDS = frozenset("a an and as at but by for from in into nor of on or over per the to up via vs with "
                         "is are be its it's".split())
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
    words = [w for w in _WORDS.findall(line) if w.lower() not in _SMALL_WORDS][1:]  # the first is always capital
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
    for i, (start, end, line) in enumerate(lines):
        if in_related:
            if _is_prose(line) and not _RELATED.match(line):
                in_related = False
            else:
                zones.append(Zone(start, end, "related"))
                continue
        related = _RELATED.match(line)
        if related and (related.end() == len(line) or len(line.split()) <= 14):
            zones.append(Zone(start, end, "related"))
            in_related = related.end() >= len(line.rstrip(":»> "))
            continue
        kind = _line_kind(line)
        if kind is None and i >= last_prose - 2 and _READER.match(line) and len(line.split()) <= 40:
            kind = "reader-question"
        if kind is None and i >= last_prose - 2 and _all_questions_to_reader(line):
            kind = "reader-question"
        if kind is None and is_title_case(line):
            kind = HEADLINE
        if kind:
            zones.append(Zone(start, end, kind))
    return Zones(zones)


_YOU = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)


def _all_questions_to_reader(line: str) -> bool:
    """Every sentence of the paragraph is a question, and it addresses "you"."""
    sentences = [s for s in re.split(r"(?<=[.?!])\s+", line) if s]
    return bool(sentences) and all(s.endswith("?") for s in sentences) and bool(_YOU.search(line))
