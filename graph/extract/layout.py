"""The text the pipeline parses: the article's words, its layout blanks made plain.

spaCy's English models read an unusual blank as a word of a kind. Measured on news-dev copies
laid out as real copies come (same words, same gold), the small model took a capitalised
word after an odd blank for a name: a line opened by a tab ("Protesters" an organization), a
line break after trailing spaces ("Scientists", "Rebels"), a paragraph opened by an indent
("Crews", "Project"), two spaces after a full stop ("Authorities"), and a no-break space split
"Mark Carney" in two. So the pipeline parses :func:`parse_text`: every run of blanks becomes
the blank a clean text has there,

* a paragraph break (``"\\n\\n"``) for a run holding two line breaks or more,
* a line break for a run holding one, unless it only wraps a paragraph
  (:func:`.wrapping.wrapped_breaks`): then, like any other run, a space;

blanks before the first word go, and so do invisible marks (a byte-order mark, a zero-width
space). A line that holds none of the article's words (a share bar, an "Advertisement" marker,
another story's title: :data:`.boilerplate.CONTENT_FREE_KINDS`) counts as blanks too: above a
paragraph, "Advertisement" made the tagger miss the name that opened it. A line break is
``\\n``, ``\\r\\n`` or a lone ``\\r``. :func:`layout` also gives, for each character of the parsed
text, its offset in the article's text, so every evidence span is cut from the article itself,
its own blanks included (:func:`graph.extract.recut`).

>>> parse_text("\\ufeffRebels seize port.  \\n  \\nAnn\\u00a0Lee\\tspoke.\\r\\nHe left.")
'Rebels seize port.\\n\\nAnn Lee spoke.\\nHe left.'
>>> text, origin = layout("Ann  Lee")
>>> text, origin[4], "Ann  Lee"[origin[4]:origin[6] + 1]
('Ann Lee', 5, 'Lee')
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from .boilerplate import CONTENT_FREE_KINDS, find_zones
from .wrapping import wrapped_breaks

__all__ = ["layout", "parse_text"]

_MARKS = "\ufeff\u200b\u2060"  # byte-order mark, zero-width space, word joiner
# a run of blanks that may differ from its plain form: one holding a blank other than a space
# (a line break among them), or two blanks or more; a single space is plain already
_RUNS = re.compile(rf"[\s{_MARKS}]*(?:[^ \S]|[{_MARKS}])[\s{_MARKS}]*|[\s{_MARKS}]{{2,}}")
_PLAIN_BREAKS = frozenset({"\n", "\n\n"})  # plain unless they hold a wrap or open the text


def parse_text(text: str) -> str:
    """``text`` with its layout blanks made plain (see the module's docstring)."""
    parts: list[str] = []
    pos = 0
    for start, end, blank in _edits(text):
        parts += (text[pos:start], blank)
        pos = end
    return "".join(parts) + text[pos:] if parts else text


def layout(text: str) -> tuple[str, list[int]]:
    """The parsed text of ``text`` (:func:`parse_text`) and, for each of its characters and
    its end, the offset in ``text`` it comes from."""
    parts: list[str] = []
    origin: list[int] = []
    pos = 0
    for start, end, blank in _edits(text):
        parts += (text[pos:start], blank)
        origin.extend(range(pos, start + len(blank)))
        pos = end
    parts.append(text[pos:])
    origin.extend(range(pos, len(text) + 1))
    return "".join(parts), origin


def _edits(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, plain blank) of every run of blanks in ``text`` that is not plain; a line
    that holds none of the article's words (:data:`.boilerplate.CONTENT_FREE_KINDS`) is part of
    the blanks around it."""
    wraps = wrapped_breaks(text)
    # the zones are found as the pipeline finds them, a wrapped paragraph's lines joined
    joined = "".join(" " if k in wraps else c for k, c in enumerate(text)) if wraps else text
    blank_lines = [z for z in find_zones(joined) if z.kind in CONTENT_FREE_KINDS]
    if blank_lines:
        chars = list(text)
        for z in blank_lines:
            chars[z.start:z.end] = " " * (z.end - z.start)
        text = "".join(chars)
    for m in _RUNS.finditer(text):
        start, run = m.start(), m.group()
        if run in _PLAIN_BREAKS and start and not wraps:
            continue
        blank = _plain_blank(run, start, wraps) if start else ""
        if blank != run:
            yield start, m.end(), blank


def _plain_blank(run: str, start: int, wraps: frozenset[int]) -> str:
    breaks = sum(1 for k, c in enumerate(run) if c == "\n" and start + k not in wraps) \
        + run.count("\r") - run.count("\r\n")
    if breaks >= 2:
        return "\n\n"
    if breaks == 1:
        return "\n"
    return " " if any(c.isspace() for c in run) else ""
