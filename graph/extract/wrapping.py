"""Hard-wrapped text: which line breaks only wrap a paragraph at a fixed width.

Wire copy and e-mailed releases often come wrapped at 70-80 characters, so a sentence runs
over several lines ("a 23-month-old child ... died\\nMonday from swine flu."). A line break
elsewhere ends a headline, a caption or a paragraph, and the pipeline starts a sentence
after it; a wrap must not, or every line becomes a sentence of its own and loses its verb,
its subject or its date.

The text the pipeline parses has a space for each such break (:func:`.layout.parse_text`), so
the tagger sees "Peter Danaher" and not "Peter", a line break and "Danaher"; the evidence is
still cut from the article's own text, the break included.

A text is hard-wrapped when no line is longer than :data:`MAX_WIDTH` and at least
:data:`MIN_EVIDENCE` lines run on into a next line that starts in lower case (no
headline, caption or paragraph starts so). In such a text, a single line break is a wrap
when the line before it fills at least :data:`FULL_LINE` of the widest line and either runs
on (it ends without a sentence's closing mark, or in a short abbreviation: "St.") or the next
line starts in lower case; the text's first line (its headline) and a line before a dateline
("WASHINGTON (AP) -") run on only into lower case or from a word that cannot end a phrase
("Calls on" + "Russia to Investigate").
A short line ends its paragraph, and so does a line before one indented deeper (a paragraph
opened by an indent); a line's indent is no part of how it starts.

>>> text = ("Flu kills a child\\n"
...         "Officials said a child who traveled to Texas from Mexico, died\\n"
...         "Monday from swine flu, and that schools should consider closing\\n"
...         "their facilities for a week beginning on Wednesday this week.\\n"
...         "Short closing line.\\n"
...         "A next paragraph that is wrapped like the first one at its own\\n"
...         "width of the text.")
>>> sorted(wrapped_breaks(text))
[80, 144, 289]
>>> headed = ("Strike edges closer as contract talks between the two sides break down\\n"
...           "WASHINGTON (AP) - Talks between the company and the union that\\n"
...           "represents its workers broke down on Wednesday, with both sides\\n"
...           "saying the other walked away.")
>>> sorted(wrapped_breaks(headed))  # not after the headline (offset 70)
[133, 197]
>>> wrapped_breaks("Rebels seize port\\nRebels seized the port on Monday.\\nmore")
frozenset()
"""
from __future__ import annotations

import re

from .boilerplate import SMALL_WORDS, dateline

__all__ = ["FULL_LINE", "MAX_WIDTH", "MIN_EVIDENCE", "wrapped_breaks"]

MAX_WIDTH = 100
MIN_EVIDENCE = 2
FULL_LINE = 0.6
_CLOSED = re.compile(r"[.!?:;\"”’')\]]\s*$")
_ABBREVIATION_END = re.compile(r"(?:^|\s)[A-Z][a-z]{0,2}\.\s*$")  # "St.", "Mr.", "Gen.": no sentence's end


_QUOTE_GOES_ON = re.compile(r",\s*[\"”’']+\s*$")  # '"... are closed,"' + 'Lee said.'


def _mid_phrase(line: str) -> bool:
    """The line ends in a small word (an article, a preposition, a conjunction: boilerplate's
    :data:`.boilerplate.SMALL_WORDS`), where no headline, caption or paragraph ends ("... Calls
    on" + "Russia to Investigate")."""
    words = line.split()
    return bool(words) and words[-1].lower() in SMALL_WORDS


def _closed(line: str) -> bool:
    """The line ends as a sentence can: a closing mark that is not a short abbreviation's dot,
    nor a quotation closed after a comma, whose attribution follows."""
    return _CLOSED.search(line) is not None and _ABBREVIATION_END.search(line) is None \
        and _QUOTE_GOES_ON.search(line) is None


def wrapped_breaks(text: str) -> frozenset[int]:
    """The offsets of the line breaks in ``text`` that only wrap a paragraph."""
    if "\n" not in text:
        return frozenset()
    lines = text.split("\n")
    width = max(len(line.rstrip()) for line in lines)
    if width > MAX_WIDTH:
        return frozenset()
    pairs = list(zip(lines, lines[1:]))
    evidence = sum(1 for line, after in pairs
                   if line.strip() and after.lstrip()[:1].islower() and not _closed(line))
    if evidence < MIN_EVIDENCE:
        return frozenset()
    breaks: set[int] = set()
    offset, headline = 0, True
    for line, after in pairs:
        offset += len(line)
        full = len(line.rstrip()) >= FULL_LINE * width
        runs_on = after.lstrip()[:1].islower() or _mid_phrase(line) \
            or not _closed(line) and not headline and dateline(after.lstrip()) is None
        if full and after.strip() and runs_on and _indent(after) <= _indent(line):
            breaks.add(offset)
        headline = headline and not line.strip()
        offset += 1
    return frozenset(breaks)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))
