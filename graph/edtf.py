"""Read an EDTF date back into the bounds :mod:`graph.timex` writes it from.

The reviewable annotation stores each date as its EDTF string (Library of Congress
Extended Date/Time Format, the forms :func:`graph.timex.resolve` writes: levels 0 and 1
without qualifiers). :func:`parse_edtf` gives the precision and the first and last day
the date allows, so a stated date loads exactly as written, whatever rule made it.

>>> parse_edtf("2018-12-29")
(<Precision.DAY: 'day'>, datetime.date(2018, 12, 29), datetime.date(2018, 12, 29))
>>> parse_edtf("2018-12")[1:]
(datetime.date(2018, 12, 1), datetime.date(2018, 12, 31))
>>> parse_edtf("2019-01-14/2019-01-17")[0].value, parse_edtf("2018-12/..")[0].value
('range', 'open')
>>> parse_edtf("../2011")
(<Precision.BEFORE: 'before'>, None, datetime.date(2011, 12, 31))
>>> parse_edtf("next week")
Traceback (most recent call last):
ValueError: 'next week' is not a date; write YYYY-MM-DD, YYYY-MM, YYYY, FROM/TO, FROM/.. or ../TO
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

from .model import Precision

_POINT = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d\d)(?:-(?P<day>\d\d))?)?")
_FORMS = "write YYYY-MM-DD, YYYY-MM, YYYY, FROM/TO, FROM/.. or ../TO"
Bounds = tuple[Precision, dt.date | None, dt.date | None]


def _point(value: str, whole: str) -> tuple[Precision, dt.date, dt.date]:
    """The precision and first and last day of ``2018``, ``2018-12`` or ``2018-12-29``."""
    m = _POINT.fullmatch(value)
    if m is None:
        raise ValueError(f"{whole!r} is not a date; {_FORMS}")
    year = int(m["year"])
    try:
        if m["day"]:
            day = dt.date(year, int(m["month"]), int(m["day"]))
            return Precision.DAY, day, day
        if m["month"]:
            month = int(m["month"])
            last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
            return Precision.MONTH, dt.date(year, month, 1), dt.date(year, month, last)
        return Precision.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        raise ValueError(f"{whole!r} is not a calendar date") from None


def parse_edtf(value: str) -> Bounds:
    """(precision, earliest, latest) of an EDTF date; ValueError names what is wrong."""
    value = value.strip()
    if "/" not in value:
        return _point(value, value)
    start, _, end = value.partition("/")
    if start == ".." and end != "..":
        return Precision.BEFORE, None, _point(end, value)[2]
    if end == ".." and start != "..":
        return Precision.OPEN, _point(start, value)[1], None
    earliest, latest = _point(start, value)[1], _point(end, value)[2]
    if latest < earliest:
        raise ValueError(f"{value!r} ends before it begins")
    return Precision.RANGE, earliest, latest
