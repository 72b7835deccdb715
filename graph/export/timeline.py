"""How a dated event is drawn on the explorer's timeline (vis-timeline items)."""
from __future__ import annotations

import datetime as dt

OPEN_RANGE_MIN_DAYS = 30  # an open range is drawn at least this long, fading out


def timeline_span(precision: str | None, earliest: str | None, latest: str | None,
                  published: str | None = None) -> dict[str, str]:
    """How one dated event is drawn: a box for a day, a bar for everything less precise.

    Ends are exclusive (vis-timeline draws up to ``end``), so a month runs to the 1st of
    the next month. An open range runs to the article's publication date (at least
    ``OPEN_RANGE_MIN_DAYS``) and is drawn fading out; a date known only by its bound ("by
    2011") is drawn fading in, over ``OPEN_RANGE_MIN_DAYS`` up to the bound.

    >>> timeline_span("day", "2018-12-29", "2018-12-29")
    {'start': '2018-12-29', 'type': 'box', 'className': 'ng-day'}
    >>> timeline_span("month", "2018-12-01", "2018-12-31")
    {'start': '2018-12-01', 'end': '2019-01-01', 'type': 'range', 'className': 'ng-month'}
    >>> timeline_span("range", "2019-01-14", "2019-01-17")["end"]
    '2019-01-18'
    >>> timeline_span("open", "2018-12-01", None, "2019-01-18")
    {'start': '2018-12-01', 'end': '2019-01-18', 'type': 'range', 'className': 'ng-open'}
    >>> timeline_span("before", None, "2011-12-31", "2010-05-04")
    {'start': '2011-12-02', 'end': '2012-01-01', 'type': 'range', 'className': 'ng-before'}

    A date without either bound has no span (a ValueError, as for a malformed date).
    """
    if earliest is None:
        if latest is None:
            raise ValueError("a date needs an earliest or a latest bound to be drawn")
        end = dt.date.fromisoformat(latest) + dt.timedelta(days=1)
        start = end - dt.timedelta(days=OPEN_RANGE_MIN_DAYS)
        return {"start": start.isoformat(), "end": end.isoformat(), "type": "range", "className": "ng-before"}
    start = dt.date.fromisoformat(earliest)
    if precision == "open" or latest is None:
        end = start + dt.timedelta(days=OPEN_RANGE_MIN_DAYS)
        if published and dt.date.fromisoformat(published) > end:
            end = dt.date.fromisoformat(published)
        return {"start": start.isoformat(), "end": end.isoformat(), "type": "range", "className": "ng-open"}
    last = dt.date.fromisoformat(latest)
    if precision == "day" or last <= start:
        return {"start": start.isoformat(), "type": "box", "className": "ng-day"}
    kind = precision if precision in ("month", "year", "range") else "range"
    end = last + dt.timedelta(days=1)
    return {"start": start.isoformat(), "end": end.isoformat(), "type": "range", "className": f"ng-{kind}"}
