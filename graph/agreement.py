"""Whether the reports of one corpus event agree: on its date (:func:`agreed_date`) and on
how many were affected (:func:`agreed_quantity`). The corpus layer (:mod:`graph.corpuslayer`)
asks here, and only here, whether a corpus event's details are disputed.

A detail is disputed only when the reports cannot all be true at once: dates whose begin
windows do not meet, numbers whose ranges do not meet. "In 2003" and "April 28, 2003" refine
each other; so do "at least 40" and "100". "40" and "at least 100" do not.
"""
from __future__ import annotations

import datetime as dt
import math

from .edtf import parse_edtf

ReportDate = tuple[dt.date | None, dt.date | None, str | None, str]  # earliest, latest, precision, EDTF


def agreed_date(dates: set[ReportDate]) -> tuple[ReportDate | None, bool]:
    """A corpus event's date from the dates its reports give, and whether they dispute it.

    They dispute it when no day can begin the event in every report: their begin windows
    (a day, a month, a year, a range; "since X" began within X, "before Y" by the end of Y)
    do not meet. Otherwise the event takes the report date whose window is where they all
    meet: the finest, as "in 2003" and "April 28, 2003" give April 28, 2003. Of a date and
    an open range that begins within the same window ("on July 24" and "since July 24"), it
    takes the date. When none is (two dates that only overlap), it takes no date,
    undisputed. A report without a date neither dates the event nor disputes it.

    >>> d = lambda edtf: (None, None, None, edtf)  # only the EDTF decides
    >>> agreed_date({d("2003"), d("2003-04-28")}), agreed_date({d("2008-02-29"), d("2008-03-01")})
    (((None, None, None, '2003-04-28'), False), (None, True))
    >>> agreed_date({d("2003-07-24/.."), d("2003")})[0][3], agreed_date({d("2003/.."), d("2005")})
    ('2003-07-24/..', (None, True))
    >>> agreed_date({d("2003-07-24/.."), d("2003-07-24")})[0][3]
    '2003-07-24'
    """
    windows = {date: _begin_window(date[3]) for date in dates}
    first = max((w[0] for w in windows.values() if w[0] is not None), default=None)
    last = min((w[1] for w in windows.values() if w[1] is not None), default=None)
    if first is not None and last is not None and first > last:
        return None, True
    finest = [date for date, window in windows.items() if window == (first, last)]
    if len(finest) > 1:  # the same begin window: a stated date, not a range open since it
        finest = [date for date in finest if not date[3].endswith("/..")]
    return (finest[0] if len(finest) == 1 else None), False


def _begin_window(edtf: str) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day on which an event dated ``edtf`` may have begun."""
    try:
        _precision, first, last = parse_edtf(edtf.removesuffix("/.."))
    except ValueError:
        return None, None
    return first, last


# What a quantity's qualifier says of the true number n, given the number v the text
# states: a bound (n >= v, n > v, n <= v, n < v) or an approximation ("about 40": v rounded
# at its last non-zero digit). Words, not phrases from one article: the comparatives of
# English number talk.
_AT_LEAST = frozenset({"at least", "no fewer than", "no less than", "not less than", "a minimum of", "minimum"})
_MORE_THAN = frozenset({"more than", "over", "above", "in excess of", "upwards of", "upward of", "beyond", "just over"})
_AT_MOST = frozenset({"at most", "up to", "no more than", "not more than", "as many as", "as much as", "a maximum of",
                      "maximum"})
_FEWER_THAN = frozenset({"fewer than", "less than", "under", "below", "just under"})
_ABOUT = frozenset({"about", "around", "approximately", "roughly", "some", "nearly", "almost", "close to",
                    "an estimated", "estimated", "circa", "more or less", "or so"})

QuantityRange = tuple[float, float]  # the least and the greatest number a report allows


def quantity_range(value: int, qualifier: str | None) -> QuantityRange:
    """The numbers a report of ``value`` with ``qualifier`` allows. An approximate number
    allows what rounds to it at its last non-zero digit; a qualifier this module does not
    know allows any number: it can dispute nothing.

    >>> quantity_range(40, None), quantity_range(40, "at least"), quantity_range(40, "more than")
    ((40, 40), (40, inf), (41, inf))
    >>> quantity_range(100, "up to"), quantity_range(100, "fewer than"), quantity_range(100, "about")
    ((0, 100), (0, 99), (50.0, 150.0))
    >>> quantity_range(40, "About"), quantity_range(7, "dozens of")
    ((35.0, 45.0), (-inf, inf))
    """
    words = " ".join((qualifier or "").lower().split())
    if not words:
        return value, value
    if words in _AT_LEAST:
        return value, math.inf
    if words in _MORE_THAN:
        return value + 1, math.inf
    if words in _AT_MOST:
        return 0, value
    if words in _FEWER_THAN:
        return 0, max(value - 1, 0)
    if words in _ABOUT:
        digits = str(abs(value))
        unit = 10 ** (len(digits) - len(digits.rstrip("0"))) if value else 1
        return value - unit / 2, value + unit / 2
    return -math.inf, math.inf


Reported = tuple[int, str | None]  # a number and its qualifier


def agreed_quantity(quantities: set[Reported]) -> tuple[Reported | None, bool]:
    """A corpus event's number and qualifier from the ``(value, qualifier)`` its reports
    give, and whether they dispute it: they do when no number fits every report's range
    (:func:`quantity_range`). The event takes the number only when every report states
    the same one, qualified alike.

    >>> agreed_quantity({(40, None), (100, "at least")}), agreed_quantity({(40, "at least"), (100, None)})
    ((None, True), (None, False))
    >>> agreed_quantity({(40, "at least")}), agreed_quantity({(40, None), (41, None)}), agreed_quantity(set())
    (((40, 'at least'), False), (None, True), (None, False))
    """
    if not quantities:
        return None, False
    ranges = [quantity_range(value, qualifier) for value, qualifier in quantities]
    disputed = max(low for low, _high in ranges) > min(high for _low, high in ranges)
    return (next(iter(quantities)) if len(quantities) == 1 else None), disputed
