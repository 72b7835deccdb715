"""The publication date a plain article states at its head.

A text saved without its page (a .txt or .md file with no sidecar) often keeps the date
the outlet printed under the headline, on a line of its own or beside the byline:
"December 6, 2026", "Published: 6 Dec 2026 10:32 GMT", "By Jane Roe | Jan. 18, 2019".
:func:`head_date` reads it when such a line, or a segment of one between separators
(``|``, ``·``, ``•``, dashes), is a whole calendar date and nothing else, apart from a
weekday, a time, a time zone and a "Published"/"Posted" label. A date in a sentence, a
date without a year, a numeric date whose day and month could be swapped (01/02/2019),
and a date marked "Updated" are not taken: the reader is asked for the date instead,
since a wrong anchor would misdate every relative date in the article.

>>> head_date("Chechnya purge\\nBy Jane Roe | January 18, 2019\\n\\nThe United States ...")
(datetime.date(2019, 1, 18), 29, 45)
>>> head_date("Talks resume\\nPublished: Tue 6 Dec 2026 10:32 GMT\\nText.")[0]
datetime.date(2026, 12, 6)
>>> head_date("Talks resume\\nUpdated 6 December 2026\\nText.") is None
True
>>> head_date("On January 18, 2019, the police said ...") is None
True
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from .timex import CALENDAR_DATES, calendar_date

HEAD_LINES = 6
"""How many non-empty lines at the top are read: headline, standfirst, byline and date."""

_LABEL = r"(?:(?:first\s+)?(?:published|posted)(?:\s+on)?\s*:?\s*|date\s*:\s*)"
_TIME = (r"(?:(?:,|\s+at)?\s*\d{1,2}(?:[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\s*[ap]\.?m\.?)"
         r"(?:\s*(?-i:[A-Z]{2,5})(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?)?)?")
_ISO = r"(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)"
_FORMS = tuple(re.compile(rf"{_LABEL}?{form}{_TIME}", re.IGNORECASE) for form in (*CALENDAR_DATES, _ISO))
_SEPARATORS = re.compile(r"\s+[|·•—–-]\s+|\s*[|·•]\s*")


def head_date(text: str) -> tuple[dt.date, int, int] | None:
    """The publication date stated at the head of ``text``, with the offsets of the words
    that state it, or None when the head states none (see the module's rules)."""
    seen = 0
    for line in re.finditer(r"[^\n]+", text):
        if not line.group().strip():
            continue
        seen += 1
        if seen > HEAD_LINES:
            return None
        for offset, part in _segments(line.group()):
            words = part.strip()
            day = next((found for form in _FORMS if (match := form.fullmatch(words))
                        and (found := calendar_date(match))), None)
            if day is not None:
                begin = line.start() + offset + len(part) - len(part.lstrip())
                return day, begin, begin + len(words)
    return None


def _segments(line: str) -> Iterator[tuple[int, str]]:
    """The parts of a line between separators, each with its offset in the line."""
    last = 0
    for sep in _SEPARATORS.finditer(line):
        yield last, line[last:sep.start()]
        last = sep.end()
    yield last, line[last:]
