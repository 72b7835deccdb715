"""Resolve a time expression against an article's publication date.

Each rule is a small function that recognises one shape of phrase and returns a
:class:`graph.model.TimeSpan` carrying its precision, bounds, EDTF string (Library of
Congress Extended Date/Time Format, levels 0 and 1: ``2018-12``, ``2019-01-14/2019-01-17``,
``2018-12/..``) and the rule's name, so every date records how it was derived.

Only phrases found as time expressions are given to :func:`resolve`; it never scans
arbitrary words (a lesson from dateparser issue #942). A phrase no rule understands
resolves to ``None``: an honest "unknown", never a guess.

>>> import datetime as dt
>>> friday = dt.date(2019, 1, 18)
>>> resolve("Dec. 29", friday).edtf
'2018-12-29'
>>> resolve("Yesterday", friday).edtf
'2019-01-17'
>>> resolve("Earlier this week", friday).edtf
'2019-01-14/2019-01-17'
>>> resolve("since December", friday).edtf
'2018-12/..'
>>> resolve("by 2011", friday).edtf, resolve("until Friday", friday).edtf, resolve("before March", friday).edtf
('../2011', '../2019-01-18', '../2018-02')
>>> resolve("last month", friday).edtf, resolve("in 2017", friday).edtf
('2018-12', '2017')
>>> resolve("the matter", friday) is None
True
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from typing import Optional

from .model import Precision, Span, TimeSpan

MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _i:
        MONTHS[_name.lower()] = _i
        MONTHS[_name[:3].lower()] = _i
MONTHS["sept"] = 9

WEEKDAYS: dict[str, int] = {}
for _i, _name in enumerate(calendar.day_name):
    WEEKDAYS[_name.lower()] = _i
    WEEKDAYS[_name[:3].lower()] = _i

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[5-9]|20)\d\d)"
_WEEKDAY = r"(?P<weekday>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?"
_DAYPART = r"(?:morning|afternoon|evening|night)"
_NUM = r"(?P<num>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?P<unit>day|week|month|year)s?"

# Leading words that do not change the date: "on Dec. 29", "in 2017", "earlier, on Monday".
_LEAD = r"^(?:(?:on|in|at|during|of|from|the|this past|past|back\s+to)\s+)*"
SINCE = r"^(?P<since>since)\s+"  # "from X" alone is X: its end is not implied
# Words that make X an upper bound: what happened "by X" or "until X" began no later than
# X ends, what happened "before X" before X begins; when it began is not said.
_BOUND_WORDS = r"(?:by|until|till|before|no\s+later\s+than)"
_BOUND = rf"^(?P<bound>{_BOUND_WORDS})\s+"

Rule = Callable[[re.Match[str], dt.date], Optional[tuple[Precision, dt.date, Optional[dt.date]]]]
_HOLIDAY = (r"new\s+year['’]s\s+(?:day|eve)|christmas\s+(?:day|eve)|boxing\s+day|valentine['’]s\s+day|halloween"
            r"|st\.?\s+patrick['’]s\s+day|bastille\s+day")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _nearest_year(month: int, day: int, anchor: dt.date) -> dt.date | None:
    """The (month, day) closest to the anchor: "Dec. 29" in January is last December."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    return min(candidates, key=lambda d: (abs((d - anchor).days), d > anchor))


def _latest_month_on_or_before(month: int, anchor: dt.date) -> int:
    """News reports the past: a bare month name is its latest occurrence up to the anchor."""
    return anchor.year if month <= anchor.month else anchor.year - 1


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _day(d: dt.date) -> tuple[Precision, dt.date, dt.date]:
    return Precision.DAY, d, d


def _month(year: int, month: int) -> tuple[Precision, dt.date, dt.date]:
    return Precision.MONTH, dt.date(year, month, 1), _month_end(year, month)


def _year(year: int) -> tuple[Precision, dt.date, dt.date]:
    return Precision.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --- rules: each returns (precision, earliest, latest) or None -----------------------


def rule_iso_date(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    d = _safe_date(int(m["year"]), int(m["m"]), int(m["d"]))
    return _day(d) if d else None


CALENDAR_DATES = (rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}",
                  rf"(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}")
"""A whole calendar date written out, month first or day first, after an optional weekday:
groups ``month``, ``day`` and ``year`` (read by :func:`calendar_date`)."""


def calendar_date(m: re.Match[str]) -> dt.date | None:
    """The day a match with groups ``year``, ``month`` (a name or a number) and ``day`` names,
    or None for one that does not exist (February 30).

    >>> calendar_date(re.fullmatch(CALENDAR_DATES[0], "Sept. 3rd, 2019", re.IGNORECASE))
    datetime.date(2019, 9, 3)
    """
    month = m["month"]
    return _safe_date(int(m["year"]), int(month) if month.isdigit() else MONTHS[month.lower()], int(m["day"]))


def rule_month_day_year(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    d = calendar_date(m)
    return _day(d) if d else None


def rule_month_day(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    d = _nearest_year(MONTHS[m["month"].lower()], int(m["day"]), anchor)
    return _day(d) if d else None


PAST_LEEWAY_DAYS = 31


def rule_month_day_past(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    """Told of the past ("was arrested on March 3"), a day and month without a year is its
    latest occurrence up to a month after the anchor: "March 3" in October is this year's,
    which the nearest rule would put next year. A day less than a month ahead stays where the
    nearest rule puts it, since a tense misread by the parser ("may be eliminated" typed
    "maybe eliminated") is likelier then than a date a year back. A told future keeps the
    nearest rule: "said it would free them by Dec. 29" may be past by January."""
    month, day = MONTHS[m["month"].lower()], int(m["day"])
    for year in (anchor.year, anchor.year - 1, anchor.year - 2, anchor.year - 3, anchor.year - 4):
        try:
            d = dt.date(year, month, day)
        except ValueError:
            continue  # 29 February
        if d <= anchor + dt.timedelta(days=PAST_LEEWAY_DAYS):
            return _day(d)
    return None


def rule_month_year(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    return _month(int(m["year"]), MONTHS[m["month"].lower()])


def _relative_year(m: re.Match[str], anchor: dt.date) -> int:
    """The year "last year", "this year" or "next year" names, from the anchor's."""
    return anchor.year + {"last": -1, "this": 0, "next": 1}[m["which"].lower()]


def rule_month_relative_year(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    """ "January next year", "in August of this year", "March last year"."""
    return _month(_relative_year(m, anchor), MONTHS[m["month"].lower()])


def rule_month_day_relative_year(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    """ "14 June last year", "March 3 this year", "Jan. 5 next year"; none for "30 February"."""
    d = _safe_date(_relative_year(m, anchor), MONTHS[m["month"].lower()], int(m["day"]))
    return _day(d) if d else None


def rule_month(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    month = MONTHS[m["month"].lower()]
    return _month(_latest_month_on_or_before(month, anchor), month)


def rule_month_upcoming(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    """Told of the future ("will ship in July"), a bare month name is its next occurrence
    from the anchor's month on."""
    month = MONTHS[m["month"].lower()]
    return _month(anchor.year if month >= anchor.month else anchor.year + 1, month)


def rule_part_of_month(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    month = MONTHS[m["month"].lower()]
    year = int(m["year"]) if m["year"] else _latest_month_on_or_before(month, anchor)
    last = _month_end(year, month).day
    first_day, last_day = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}[m["part"].lower().rstrip("-")]
    return Precision.RANGE, dt.date(year, month, first_day), dt.date(year, month, last_day)


def rule_part_of_year(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    """ "early 2009" is its first four months, "mid-2009" the middle four, "late 2009" the last four."""
    year = int(m["year"])
    first, last = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[m["part"].lower().rstrip("-")]
    return Precision.RANGE, dt.date(year, first, 1), _month_end(year, last)


def rule_year(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    return _year(int(m["year"]))


def rule_relative_day(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    """ "yesterday", "today", "tonight", "tomorrow", with a part of the day ("yesterday
    morning", "earlier today"); "this morning" is today, "last night" yesterday's."""
    word = " ".join(m["word"].lower().split())
    offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "last night": -1}.get(word, 0)
    return _day(anchor + dt.timedelta(days=offset))


def rule_weekday(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    """A bare weekday is its latest occurrence on or before the anchor; "last" makes it
    strictly before, "next" strictly after."""
    weekday = WEEKDAYS[m["weekday"].lower()[:3]]
    back = (anchor.weekday() - weekday) % 7
    which = (m["which"] or "").lower()
    if which == "next":
        return _day(anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7 or 7))
    if which == "last" and back == 0:
        back = 7
    return _day(anchor - dt.timedelta(days=back))


def rule_weekday_upcoming(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    """Told of the future ("will reopen on Friday"), a bare weekday is its next occurrence on or
    after the anchor."""
    weekday = WEEKDAYS[m["weekday"].lower()[:3]]
    return _day(anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7))


def rule_weekend(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    """ "the weekend", "this weekend", "last weekend", "next weekend": a Saturday and a Sunday.
    Bare or with "this", the latest one begun by the anchor (the one under way on a Saturday
    or Sunday); "last" the one before the anchor's week ends, strictly before a weekend under
    way; "next" the first one that begins after the anchor.

    >>> [rule_weekend(re.match(r"(?P<which>last|next)?", w), dt.date(2024, 2, 22))[1:] for w in ("", "next")]
    [(datetime.date(2024, 2, 17), datetime.date(2024, 2, 18)), (datetime.date(2024, 2, 24), datetime.date(2024, 2, 25))]
    """
    which = (m["which"] or "").lower()
    saturday = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7)
    if which == "next":
        saturday = anchor + dt.timedelta(days=(5 - anchor.weekday()) % 7 or 7)
    elif which == "last" and anchor.weekday() >= 5:
        saturday -= dt.timedelta(days=7)
    return Precision.RANGE, saturday, saturday + dt.timedelta(days=1)


def rule_weekend_upcoming(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    """Told of the future ("will vote this weekend"), the weekend on or after the anchor."""
    saturday = anchor + dt.timedelta(days=(5 - anchor.weekday()) % 7) if anchor.weekday() < 5 else \
        anchor - dt.timedelta(days=anchor.weekday() - 5)
    return Precision.RANGE, saturday, saturday + dt.timedelta(days=1)


def rule_this_week(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    """"this week" spans Monday to Sunday; "earlier this week" ends the day before the anchor."""
    monday = _monday(anchor)
    if (m["part"] or "").lower() == "earlier":
        if anchor == monday:
            return None
        return Precision.RANGE, monday, anchor - dt.timedelta(days=1)
    return Precision.RANGE, monday, monday + dt.timedelta(days=6)


def rule_last_week(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    monday = _monday(anchor) - dt.timedelta(days=7)
    return Precision.RANGE, monday, monday + dt.timedelta(days=6)


def rule_next_week(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    monday = _monday(anchor) + dt.timedelta(days=7)
    return Precision.RANGE, monday, monday + dt.timedelta(days=6)


def rule_this_month(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    if (m["part"] or "").lower() == "earlier":
        if anchor.day == 1:
            return None
        return Precision.RANGE, anchor.replace(day=1), anchor - dt.timedelta(days=1)
    return _month(anchor.year, anchor.month)


def rule_last_month(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    """The month before the anchor's ("last month") or after it ("next month")."""
    delta = 1 if m["which"].lower() == "next" else -1
    return _month(*_add_months(anchor.year, anchor.month, delta))


def rule_this_year(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    if (m["part"] or "").lower() == "earlier":
        if (anchor.month, anchor.day) == (1, 1):
            return None
        return Precision.RANGE, dt.date(anchor.year, 1, 1), anchor - dt.timedelta(days=1)
    return _year(anchor.year)


def rule_last_year(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    return _year(anchor.year + (1 if m["which"].lower() == "next" else -1))


def rule_ago(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    raw = m["num"].lower()
    n = NUMBER_WORDS.get(raw) or int(raw)
    unit = m["unit"].lower()
    if n > 5000:
        return None
    if unit == "day":
        return _day(anchor - dt.timedelta(days=n))
    if unit == "week":
        monday = _monday(anchor) - dt.timedelta(days=7 * n)
        return Precision.RANGE, monday, monday + dt.timedelta(days=6)
    if unit == "month":
        return _month(*_add_months(anchor.year, anchor.month, -n))
    if anchor.year - n < 1:
        return None
    return _year(anchor.year - n)


def rule_part_of_month_upcoming(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    """Told of the future ("will open in early June"), the part of the month's next occurrence."""
    month = MONTHS[m["month"].lower()]
    if not m["year"]:
        anchor = dt.date(anchor.year if month >= anchor.month else anchor.year + 1, month, 1)
    return rule_part_of_month(m, anchor)


def rule_decade(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    """ "the 1990s" is its ten years; "the early/mid/late 1980s" the first, middle or last four."""
    start = int(m["decade"])
    first, last = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get((m["part"] or "").lower().rstrip("-"), (0, 9))
    return Precision.RANGE, dt.date(start + first, 1, 1), dt.date(start + last, 12, 31)


# First month of each season in the northern and the southern hemisphere; a season lasts three months.
SEASONS = {"spring": (3, 9), "summer": (6, 12), "autumn": (9, 3), "fall": (9, 3), "winter": (12, 6)}


def _season_year(start_month: int, anchor: dt.date, which: str, future: bool) -> int | None:
    """The calendar year of the season occurrence meant (its months mostly fall in it), when the
    season starts in ``start_month``: the latest begun by the anchor, or, told of the future, the
    first not yet over; "last" is the one before the current or latest, "next" the first to begin
    after the anchor."""
    occurrences = []  # (first day, last day, year most of its months fall in)
    for year in range(anchor.year - 2, anchor.year + 2):
        end_year, end_month = _add_months(year, start_month, 2)
        occurrences.append((dt.date(year, start_month, 1), _month_end(end_year, end_month),
                            end_year if start_month >= 11 else year))
    if which == "next":
        return next(y for a, _, y in occurrences if a > anchor)
    begun = [o for o in occurrences if o[0] <= anchor]
    if which == "last":
        ended = [o for o in begun if o[1] < anchor]
        return ended[-1][2]
    if future:
        return next(y for _, b, y in occurrences if b >= anchor)
    return begun[-1][2]


def rule_season(m: re.Match[str], anchor: dt.date, future: bool = False):  # type: ignore[no-untyped-def]
    """A season gives its year (its months vary with the hemisphere and the source, so no finer
    date is claimed): "in the spring of 2015" is 2015. Without a year, the season is read in both
    hemispheres; when the two readings fall in different years the date is unknown ("this
    summer" in May). A winter with a year is ambiguous (December or the next February) and
    gives nothing."""
    season = m["season"].lower()
    if m["year"]:
        return None if season == "winter" else _year(int(m["year"]))
    which = (m["which"] or "this").lower()
    years = {_season_year(start, anchor, which, future) for start in SEASONS[season]}
    return _year(years.pop()) if len(years) == 1 else None


def rule_season_upcoming(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    return rule_season(m, anchor, future=True)


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def _quarter(year: int, q: int) -> tuple[Precision, dt.date, dt.date]:
    return Precision.RANGE, dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q)


def rule_quarter(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    """A calendar quarter: "the third quarter of 2023" is July to September 2023; without a
    year, the latest one that has begun by the anchor ("in the fourth quarter", said in
    February, is last year's). A fiscal quarter ("fiscal 2023") is the company's own and is
    not read."""
    q = _ORDINALS[m["q"].lower()]
    if m["year"]:
        return _quarter(int(m["year"]), q)
    if m["which"]:  # "the first quarter of last year"
        return _quarter(_relative_year(m, anchor), q)
    return _quarter(anchor.year if 3 * q - 2 <= anchor.month else anchor.year - 1, q)


def rule_quarter_upcoming(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    """Told of the future ("expects growth in the fourth quarter"), the quarter under way or
    the next one of that name."""
    if m["year"] or m["which"]:
        return rule_quarter(m, anchor)
    q = _ORDINALS[m["q"].lower()]
    return _quarter(anchor.year if 3 * q >= anchor.month else anchor.year + 1, q)


# Holidays on the same day every year.
HOLIDAYS: dict[str, tuple[int, int]] = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "christmas day": (12, 25), "christmas eve": (12, 24),
    "boxing day": (12, 26), "valentine's day": (2, 14), "halloween": (10, 31), "st. patrick's day": (3, 17),
    "st patrick's day": (3, 17), "bastille day": (7, 14),
}


def _holiday_key(m: re.Match[str]) -> tuple[int, int]:
    return HOLIDAYS[" ".join(m["holiday"].lower().replace("\u2019", "'").split())]


def _holiday(m: re.Match[str], anchor: dt.date, forward: bool) -> tuple[Precision, dt.date, dt.date]:
    month, day = _holiday_key(m)
    if m["year"]:
        return _day(dt.date(int(m["year"]), month, day))
    this = dt.date(anchor.year, month, day)
    if forward:
        return _day(this if this >= anchor else this.replace(year=anchor.year + 1))
    return _day(this if this <= anchor else this.replace(year=anchor.year - 1))


def rule_holiday(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    """A holiday on a fixed date ("on Christmas Day", "New Year's Eve"): its latest occurrence
    on or before the anchor, or that of the year given."""
    return _holiday(m, anchor, forward=False)


def rule_holiday_upcoming(m: re.Match[str], anchor: dt.date):  # type: ignore[no-untyped-def]
    """Told of the future ("will reopen after Christmas Day"), the next occurrence."""
    return _holiday(m, anchor, forward=True)


RULES: list[tuple[str, re.Pattern[str], Rule]] = [
    (name, re.compile(pattern + r"$", re.IGNORECASE), fn)
    for name, pattern, fn in [
        ("iso-date", _LEAD + r"(?P<year>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)", rule_iso_date),
        ("month-day-year", _LEAD + CALENDAR_DATES[0], rule_month_day_year),
        ("day-month-year", _LEAD + CALENDAR_DATES[1], rule_month_day_year),
        ("month-day-nearest-year", _LEAD + rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}", rule_month_day),
        ("day-month-nearest-year", _LEAD + rf"(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}", rule_month_day),
        ("part-of-month", _LEAD + rf"(?P<part>early|mid-?|late)\s*{_MONTH}(?:,?\s+{_YEAR})?", rule_part_of_month),
        ("month-year", _LEAD + rf"{_MONTH},?\s+(?:of\s+)?{_YEAR}", rule_month_year),
        ("month-day-relative-year", _LEAD + rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY},?\s+(?P<which>next|last|this)\s+year",
         rule_month_day_relative_year),
        ("day-month-relative-year", _LEAD + rf"(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+(?P<which>next|last|this)\s+year",
         rule_month_day_relative_year),
        ("month-relative-year", _LEAD + rf"{_MONTH},?\s+(?:of\s+)?(?P<which>next|last|this)\s+year", rule_month_relative_year),
        ("part-of-year", _LEAD + rf"(?P<part>early|mid|late)[\s-]+{_YEAR}", rule_part_of_year),
        ("month-latest-past", _LEAD + rf"(?P<last>last\s+)?{_MONTH}", rule_month),
        ("year", _LEAD + rf"(?:the\s+year\s+)?{_YEAR}", rule_year),
        ("relative-day", _LEAD + rf"(?:(?:earlier|later)\s+)?(?P<word>yesterday|today|tonight|tomorrow|this\s+{_DAYPART}"
                         rf"|last\s+night)(?:\s+{_DAYPART})?", rule_relative_day),
        ("weekday", _LEAD + rf"(?:(?P<which>last|next|this|this past)\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?", rule_weekday),
        ("weekend", _LEAD + r"(?:over\s+)?(?:(?P<which>last|next|this)\s+|the\s+|(?<=past\s))weekend", rule_weekend),
        ("this-week", _LEAD + r"(?:(?P<part>earlier|later)\s+)?(?:this|the)\s+week", rule_this_week),
        ("last-week", _LEAD + r"last\s+week", rule_last_week),
        ("next-week", _LEAD + r"next\s+week", rule_next_week),
        ("this-month", _LEAD + r"(?:(?P<part>earlier|later)\s+)?(?:this|the)\s+month", rule_this_month),
        ("last-month", _LEAD + r"(?P<which>last)\s+month", rule_last_month),
        ("next-month", _LEAD + r"(?P<which>next)\s+month", rule_last_month),
        ("this-year", _LEAD + r"(?:(?P<part>earlier|later)\s+)?(?:this|the)\s+year", rule_this_year),
        ("last-year", _LEAD + r"(?P<which>last)\s+year", rule_last_year),
        ("next-year", _LEAD + r"(?P<which>next)\s+year", rule_last_year),
        ("ago", _LEAD + rf"{_NUM}\s+{_UNIT}\s+ago", rule_ago),
        ("decade", _LEAD + r"(?:(?P<part>early|mid-?|late)[\s-]*)?(?P<decade>(?:1[5-9]|20)\d0)'?s", rule_decade),
        ("quarter", _LEAD + rf"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter"
                    rf"(?:\s+of\s+(?:{_YEAR}|(?P<which>last|this|next)\s+year))?", rule_quarter),
        ("holiday", _LEAD + rf"(?P<holiday>{_HOLIDAY})(?:,?\s+{_YEAR})?", rule_holiday),
        ("season", _LEAD + rf"(?:(?P<which>this|last|next)\s+)?(?P<season>spring|summer|autumn|fall|winter)"
                   rf"(?:,?\s+(?:of\s+)?{_YEAR})?", rule_season),
    ]
]


def _edtf(precision: Precision, earliest: dt.date | None, latest: dt.date | None,
          bound_precision: Precision | None = None) -> str:
    """EDTF for a span (EDTF levels 0-1: dates, reduced precision, intervals, open ends).
    A bound's end keeps the precision of the words it was read from (``bound_precision``):
    "by 2011" is ``../2011``, "until September 30" ``../2010-09-30``."""
    if precision is Precision.BEFORE:
        assert latest is not None
        width = {Precision.YEAR: 4, Precision.MONTH: 7}.get(bound_precision or Precision.DAY, 10)
        return f"../{latest.isoformat()[:width]}"
    assert earliest is not None
    if precision is Precision.DAY:
        return earliest.isoformat()
    if precision is Precision.MONTH:
        return earliest.isoformat()[:7]
    if precision is Precision.YEAR:
        return earliest.isoformat()[:4]
    if precision is Precision.OPEN:
        return f"{_start_edtf(earliest)}/.."
    assert latest is not None
    return f"{earliest.isoformat()}/{latest.isoformat()}"


def _start_edtf(earliest: dt.date) -> str:
    if earliest.month == 1 and earliest.day == 1:
        return earliest.isoformat()[:4]
    if earliest.day == 1:
        return earliest.isoformat()[:7]
    return earliest.isoformat()


def day_range(earliest: dt.date, latest: dt.date, rule: str, anchor: dt.date, phrase: Span | None) -> TimeSpan:
    """A span of whole days, from ``earliest`` to ``latest``, with its EDTF.

    >>> day_range(dt.date(2019, 1, 14), dt.date(2019, 1, 15), "weekday", dt.date(2019, 1, 16), None).edtf
    '2019-01-14/2019-01-15'
    """
    return TimeSpan(precision=Precision.RANGE, earliest=earliest, latest=latest,
                    edtf=_edtf(Precision.RANGE, earliest, latest), rule=rule, anchor=anchor, phrase=phrase)


def no_later_than(t: TimeSpan, rule: str) -> TimeSpan | None:
    """What began no later than ``t`` ends: a bound at ``t``'s own precision, with the same
    phrase and anchor (for "she said on March 3, 2016 that she had been fired").

    >>> no_later_than(resolve("March 3, 2016", dt.date(2019, 1, 16)), "before-report").edtf
    '../2016-03-03'
    """
    end = t.latest if t.precision is not Precision.OPEN else None
    if end is None or t.precision is Precision.BEFORE:
        return None
    width = t.precision if t.precision in (Precision.DAY, Precision.MONTH, Precision.YEAR) else Precision.DAY
    return TimeSpan(precision=Precision.BEFORE, earliest=None, latest=end,
                    edtf=_edtf(Precision.BEFORE, None, end, width), rule=f"{rule}+{t.rule}",
                    anchor=t.anchor, phrase=t.phrase)


def _bounded(bound: str, precision: Precision, earliest: dt.date,
             latest: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """(earliest, latest) of what began "by", "until" or "before" the span found."""
    if bound.lower() == "before":
        return None, earliest - dt.timedelta(days=1)
    return None, latest if latest is not None and precision is not Precision.OPEN else earliest


Found = tuple[str, Precision, Optional[dt.date], Optional[dt.date], Optional[str]]  # rule, bounds, edtf


def _rules(text: str, anchor: dt.date, future: bool, past: bool = False) -> Found | None:
    """The first rule whose shape is the whole phrase; None when none is, or it gives no date."""
    for name, pattern, fn in RULES:
        m = pattern.match(text)
        if not m:
            continue
        if future and name in UPCOMING and not m.groupdict().get("last") \
                and (m.groupdict().get("which") or "this").lower() == "this":
            name, fn = UPCOMING[name]
        elif past and name in PAST:
            name, fn = PAST[name]
        try:
            found = fn(m, anchor)
        except (ValueError, OverflowError, KeyError, StopIteration, IndexError):
            found = None
        return None if found is None else (name, *found, None)
    return None


# Words that pick a part of a period: "late last month", "at the end of March", "earlier in May".
_PART = re.compile(
    r"^(?:(?:at|in|during|from|of|by)\s+)?(?P<part>later|earlier|early|middle|mid|late"
    r"|(?:the\s+)?(?:beginning|start|middle|end|close)\s+of|(?:the\s+)?(?:first|second|latter)\s+half\s+of"
    r"|half[\s-]*way\s+through|mid[\s-]*way\s+through)(?:\s+in\b)?[\s-]*", re.IGNORECASE)
# which third (or half) of a month or year each part word picks: (first, last) fraction in twelfths
_THIRDS = {"early": (0, 4), "beginning": (0, 4), "start": (0, 4), "mid": (4, 8), "middle": (4, 8),
           "half": (4, 8), "late": (8, 12), "end": (8, 12), "close": (8, 12), "first": (0, 6),
           "second": (6, 12), "latter": (6, 12)}


def _part_of(found: Found, part: str, anchor: dt.date) -> Found | None:
    """The part of a period a part word picks. Of a month or year: its thirds ("late last
    month" is days 21 to the end, "early next year" January to April) or halves; "mid-way
    through" is the middle third. "Earlier in X" / "later in X" is the part of X before or
    after the anchor when X holds it, else all of X. Of a day, the day itself ("late
    Saturday"); of a week, the week."""
    name, precision, earliest, latest, _ = found
    key = part.lower().replace("the ", "").split()[0].split("-")[0]
    key = "half" if key.startswith(("half", "midway")) else key
    rule = f"{key}+{name}"
    if earliest is None or latest is None:
        return None
    if key in ("earlier", "later"):
        if earliest <= anchor <= latest:
            a, b = (earliest, anchor - dt.timedelta(days=1)) if key == "earlier" else (anchor + dt.timedelta(days=1), latest)
            return (rule, Precision.RANGE, a, b, None) if a <= b else None
        return (rule, *found[1:])
    if precision in (Precision.DAY, Precision.RANGE):
        return (rule, *found[1:])
    first, last = _THIRDS[key]
    if precision is Precision.MONTH:
        a = earliest.replace(day=1 + round(first * 30 / 12)) if first else earliest
        b = earliest.replace(day=round(last * 30 / 12)) if last < 12 else latest
        return rule, Precision.RANGE, a, b, None
    if precision is Precision.YEAR:
        return (rule, Precision.RANGE, dt.date(earliest.year, first + 1, 1),
                _month_end(earliest.year, last), None)
    return None


# A range: "from January through June", "between July 2 and 6", "from 3 May until 9 June 2020".
_RANGE = re.compile(r"^(?:(?:from|between)\s+)(?P<a>.+?)\s+(?:through|thru|to|until|till|and)\s+(?P<b>.+)$"
                    r"|^(?P<a2>[a-z]+\.?\s+\d{1,2})\s*[-\u2013]\s*(?P<b2>\d{1,2})$", re.IGNORECASE)
_BARE_DAY = re.compile(r"^\d{1,2}(?:st|nd|rd|th)?$", re.IGNORECASE)


def _range(text: str, anchor: dt.date, future: bool, past: bool = False) -> Found | None:
    """Its end is read as any phrase (forward when told of the future); its start as the latest
    such date up to the end. A bare day number as the end takes the start's month (and year)."""
    m = _RANGE.match(text)
    if not m:
        return None
    a, b = (m["a"], m["b"]) if m["a"] else (m["a2"], m["b2"])
    if _BARE_DAY.match(b) or _BARE_DAY.match(a):
        bare, full = (b, a) if _BARE_DAY.match(b) else (a, b)
        month = re.search(_MONTH, full, re.IGNORECASE)
        if not month:
            return None
        year = re.search(r"\b" + _YEAR + r"\b", full)
        dated = (f"{month.group(0)} {bare}" if bare is b else f"{bare} {month.group(0)}") + (f" {year.group(0)}" if year else "")
        a, b = (a, dated) if bare is b else (dated, b)
    end = _core(b, anchor, future, past=past)
    if end is None or end[3] is None:
        return None
    year = re.search(r"\b" + _YEAR + r"\b", b)
    start = _core(a, end[3], False)
    if start is None and year and not re.search(r"\b" + _YEAR + r"\b", a):
        start = _core(f"{a} {year.group(0)}", anchor, False)
    if start is None or start[2] is None or start[2] > end[3]:
        return None
    edtf = f"{_edtf(start[1], start[2], start[3])}/{_edtf(end[1], end[2], end[3])}" \
        if start[1] in _POINT and end[1] in _POINT else None
    return f"range+{start[0]}+{end[0]}", Precision.RANGE, start[2], end[3], edtf


_POINT = (Precision.DAY, Precision.MONTH, Precision.YEAR)

# A counted offset from the time last named: "three days later", "a year earlier", "two weeks before".
_OFFSET = re.compile(_LEAD + rf"{_NUM}\s+{_UNIT}\s+(?P<dir>later|earlier|after|afterwards?|before|previously)$",
                     re.IGNORECASE)


# The period after or before the one last named: "the following week", "the previous year".
_NEIGHBOUR = re.compile(r"^(?:(?:in|during|over|for|by)\s+)?the\s+(?P<dir>following|next|previous|preceding)\s+"
                        r"(?P<unit>week|month|year)$", re.IGNORECASE)


def _offset(text: str, reference: TimeSpan | None) -> Found | None:
    """ "Three days later" and "the following week" count from the date the text last named
    (the reference), not from publication. The result is no finer than its unit or the
    reference: days and weeks need a day, months a month; "a year earlier" is a year, "two
    months later" a month.

    >>> ref = resolve("in March 2005", dt.date(2019, 1, 16))
    >>> [_offset(p, ref)[0:2] for p in ("two years later", "the following year")]
    [('offset+month-year', <Precision.YEAR: 'year'>), ('offset+month-year', <Precision.YEAR: 'year'>)]
    """
    m = _OFFSET.match(text) or _NEIGHBOUR.match(text)
    if re.match(r"(?:from|than|over)\s", text, re.IGNORECASE):
        return None  # a baseline of comparison ("up 5% from a year earlier"), no time of the event
    if not m or reference is None or reference.earliest is None or reference.precision not in _POINT:
        return None
    raw = (m.groupdict().get("num") or "1").lower()
    forward = m["dir"].lower().startswith(("later", "after", "following", "next"))
    n = (NUMBER_WORDS.get(raw) or int(raw)) * (1 if forward else -1)
    unit, ref, p = m["unit"].lower(), reference.earliest, reference.precision
    if abs(n) > 5000:
        return None
    base: tuple[Precision, dt.date, dt.date] | None
    if unit == "year":
        base = _year(ref.year + n)
    elif unit == "month":
        base = _month(*_add_months(ref.year, ref.month, n)) if p is not Precision.YEAR else None
    elif p is not Precision.DAY:
        base = None
    elif unit == "day":
        base = _day(ref + dt.timedelta(days=n))
    else:
        day = ref + dt.timedelta(days=7 * n)
        base = Precision.RANGE, _monday(day), _monday(day) + dt.timedelta(days=6)
    return None if base is None else (f"offset+{reference.rule}", *base, None)


# A time of day: "6:43 p.m.", "noon", "14:48 UTC".
_CLOCK = (r"(?:[01]?\d(?::[0-5]\d)?\s*[ap]\.?m\b\.?|[0-2]?\d:[0-5]\d\s*(?:UTC|GMT)\b|noon\b|midnight\b)"
          r"(?:\s*\((?:GMT|UTC)[^)]{0,8}\))?")
# A day named by the day last named: "on the same day", "that day", "the next day", "overnight",
# and a time of day ("at 6:43 p.m.", "between 11 a.m. and noon").
_MINUTE = (r"(?:(?:in|after)\s+)?(?:the\s+)?(?:(?:\d{1,3}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth"
           r"|seventh|eighth|ninth|tenth)\s+minute|(?:stoppage|injury)\s+time)")
_SAME_DAY = re.compile(r"^(?:(?:on|later|earlier)\s+)?(?:(?P<same>the\s+same\s+day|that\s+day"
                       rf"|{_MINUTE}"
                       rf"|(?:(?:at|around|about|after|shortly\s+(?:before|after)|between|from)\s+)?{_CLOCK}"
                       rf"(?:\s+(?:and|to|until|till)\s+{_CLOCK})?)"
                       r"|the\s+(?P<next>next|following)\s+(?:day|morning|afternoon|evening|night)"
                       r"|the\s+(?P<prev>previous|preceding)\s+(?:day|morning|afternoon|evening|night)"
                       r"|(?P<night>overnight))$", re.IGNORECASE)


def _same_day(text: str, anchor: dt.date, reference: TimeSpan | None) -> Found | None:
    """ "The same day", "that day" and a time of day ("at 6:43 p.m.", "in the 16th minute" of a
    match) are the day last named,
    "the next day" the one after it, "the previous day" the one before; "overnight" is the
    night that ends on it (or on the publication day when no day was named): the two-day
    range. Only a day can be counted from.

    >>> ref = resolve("March 3, 2016", dt.date(2019, 1, 16))
    >>> [_same_day(p, dt.date(2019, 1, 16), ref)[3].isoformat() for p in ("the same day", "the next day")]
    ['2016-03-03', '2016-03-04']
    """
    m = _SAME_DAY.match(text)
    if not m:
        return None
    day = reference.earliest if reference is not None and reference.precision is Precision.DAY else None
    base = "" if reference is None else reference.rule.split("+", 1)[1] \
        if reference.rule.startswith(("time-of-day+", "same-day+")) else reference.rule
    if m["night"]:  # the rule names the day it counted from, as every rule read in context does
        end = day or anchor
        return ("overnight+" + base if day else "overnight"), Precision.RANGE, end - dt.timedelta(days=1), end, None
    if day is None:
        return None
    shift = 1 if m["next"] else -1 if m["prev"] else 0
    kind = "time-of-day" if m["same"] and re.search(r"\d|noon|midnight|time", m["same"], re.IGNORECASE) else \
        {0: "same-day", 1: "day-after", -1: "day-before"}[shift]
    return f"{kind}+{base}", *_day(day + dt.timedelta(days=shift)), None


# The year last named: "that year", "later that year", "in June of that year", "the same year".
_SAME_YEAR = re.compile(rf"^(?:(?:later|earlier)\s+(?:in\s+)?|in\s+)?(?:{_MONTH}\s+(?:of\s+)?)?"
                        r"(?:that|the\s+same)\s+year$", re.IGNORECASE)


def _same_year(m: re.Match[str], reference: TimeSpan | None) -> Found | None:
    """ "That year", "later that year" and "the same year" are the year last named; "in June of
    that year" is that month of it (rule ``same-year+<rule>``). Only a year, a month or a day
    can be counted from.

    >>> ref = resolve("in March 2005", dt.date(2019, 1, 16))
    >>> [_same_year(_SAME_YEAR.match(p), ref)[0:2] for p in ("later that year", "in June of that year")]
    [('same-year+month-year', <Precision.YEAR: 'year'>), ('same-year+month-year', <Precision.MONTH: 'month'>)]
    """
    if reference is None or reference.earliest is None or reference.precision not in _POINT:
        return None
    year = reference.earliest.year
    base = _month(year, MONTHS[m["month"].lower()]) if m["month"] else _year(year)
    return (f"same-year+{reference.rule}", *base, None)


def _core(text: str, anchor: dt.date, future: bool, reference: TimeSpan | None = None,
          day_reference: TimeSpan | None = None, past: bool = False) -> Found | None:
    """A phrase without "since" or a bound word: a range, a rule's shape, a part of one, an
    offset from the reference, or a day named by the day last named (``day_reference``)."""
    same_year = _SAME_YEAR.match(text)
    if same_year:  # "in June of that year": of the year last named, not of the publication's
        return _same_year(same_year, reference)
    neighbour = _NEIGHBOUR.match(text)
    if neighbour and not (future and neighbour["dir"].lower() == "next"):  # "left the next year"
        return _offset(text, reference)
    found = _range(text, anchor, future, past) or _rules(text, anchor, future, past)
    if found is not None:
        return found
    part = _PART.match(text)
    if part and part.end() < len(text):
        inner = _rules(text[part.end():], anchor, future, past)
        if inner is not None:
            return _part_of(inner, part["part"], anchor)
    return _offset(text, reference) or _same_day(text, anchor, day_reference or reference)


def resolve(phrase: str, anchor: dt.date, *, span: Span | None = None, future: bool = False,
            reference: TimeSpan | None = None, day_reference: TimeSpan | None = None,
            past: bool = False) -> TimeSpan | None:
    """The date a time expression denotes, read against ``anchor`` (the publication date).

    ``since X`` gives an open range starting where X starts ("from X" is just X); ``by X``,
    ``until X`` and ``before X`` give a range known only by its end (``BEFORE``). Returns None
    when no rule understands the phrase. ``future`` says the clause the phrase dates is told
    of the future ("will reopen on Friday"): a bare month or weekday then means its next
    occurrence, not its latest one (rules ``month-upcoming``, ``weekday-upcoming``);
    ``past`` that it is told of the past ("was
    arrested on March 3"): a day of a month is then its latest occurrence by the anchor
    (``month-day-latest-past``), where without a tense it is the nearest one.
    ``reference`` is the date the text last named, from which "three days later" counts;
    ``day_reference`` the day it last named, which "that day" and "at 6 p.m." are on.

    >>> import datetime as dt
    >>> t = resolve("On Dec. 13", dt.date(2019, 1, 18))
    >>> t.precision.value, t.earliest.isoformat(), t.rule
    ('day', '2018-12-13', 'month-day-nearest-year')
    >>> resolve("on Monday", dt.date(2019, 1, 18)).edtf
    '2019-01-14'
    >>> t = resolve("on Monday", dt.date(2019, 1, 18), future=True)
    >>> t.edtf, t.rule
    ('2019-01-21', 'weekday-upcoming')
    >>> t = resolve("by June 10", dt.date(2019, 1, 18), future=True)
    >>> t.precision.value, t.earliest, t.latest.isoformat(), t.edtf, t.rule
    ('before', None, '2019-06-10', '../2019-06-10', 'by+month-day-nearest-year')
    >>> [resolve("on March 3", dt.date(2026, 10, 24), past=p).edtf for p in (False, True)]
    ['2027-03-03', '2026-03-03']
    >>> resolve("late last month", dt.date(2019, 1, 18)).edtf
    '2018-12-21/2018-12-31'
    >>> resolve("from January through June", dt.date(2007, 3, 1), future=True).edtf
    '2007-01/2007-06'
    """
    text = " ".join(phrase.replace("\u00a0", " ").split()).strip(" ,.;:")
    since = re.match(SINCE, text, re.IGNORECASE)
    if since:
        text = text[since.end() :]
    bound = None if since else re.match(_BOUND, text, re.IGNORECASE)
    if bound:
        text = text[bound.end() :]
        end_of = re.match(r"the\s+end\s+(?=of\s)", text, re.IGNORECASE)  # "by the end of 2010": by 2010
        if end_of and bound["bound"].lower() == "before":
            return None  # before the end of X: neither X's bound nor a date
        text = text[end_of.end() :] if end_of else text
    try:
        found = _core(text, anchor, future and not since, reference, day_reference, past=past)
    except (ValueError, OverflowError):  # a date outside the calendar ("5000 years earlier" in year 1)
        found = None
    if found is None:
        return None
    name, precision, earliest, latest, edtf = found
    bound_precision = precision
    if since:
        precision, latest, name, edtf = Precision.OPEN, None, f"since+{name}", None
    if bound:
        word = " ".join(bound["bound"].lower().split())
        clock = re.search(_CLOCK + "$", text, re.IGNORECASE) is not None  # "before 6 p.m." is that day
        earliest, latest = _bounded("by" if clock else word, precision, earliest, latest)  # type: ignore[arg-type]
        precision, name, edtf = Precision.BEFORE, f"{word.replace(' ', '-')}+{name}", None
    return TimeSpan(
        precision=precision,
        earliest=earliest,
        latest=latest,
        edtf=edtf or _edtf(precision, earliest, latest, bound_precision),
        rule=name,
        anchor=anchor,
        phrase=span,
    )


# A bare month or weekday in a clause told of the future looks forward from the anchor.
UPCOMING: dict[str, tuple[str, Rule]] = {
    "month-latest-past": ("month-upcoming", rule_month_upcoming),
    "weekday": ("weekday-upcoming", rule_weekday_upcoming),
    "part-of-month": ("part-of-month-upcoming", rule_part_of_month_upcoming),
    "season": ("season-upcoming", rule_season_upcoming),
    "weekend": ("weekend-upcoming", rule_weekend_upcoming),
    "quarter": ("quarter-upcoming", rule_quarter_upcoming),
    "holiday": ("holiday-upcoming", rule_holiday_upcoming),
}
# A day and month in a clause told of the past lies before the anchor, even when the same day
# of the next year is nearer.
PAST: dict[str, tuple[str, Rule]] = {
    "month-day-nearest-year": ("month-day-latest-past", rule_month_day_past),
    "day-month-nearest-year": ("day-month-latest-past", rule_month_day_past),
}


# A finder for the same shapes, for extractors: the words that may be a time expression.
# The lookahead lists every word a time expression can start with (``_STARTS``); it changes no
# match, but lets the engine skip the other words quickly. "May" counts as a month only
# capitalised after "in", "during" or a part word ("earlier in May"), never after "by" ("the
# speech by May").
_MONTH_NAMES = r"(?:january|february|march|april|(?-i:May)(?!['’]s)|june|july|august|september|october|november|december)"
_YEAR_NUM = r"(?:1[5-9]|20)\d\d"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
# "at the end of", "in the first half of", "half way through", "earlier in": a part of what follows
_PART_OF = (r"(?:(?:at|in|during|by|from|until)\s+)?(?:(?:the\s+)?(?:beginning|start|middle|end|close)\s+of"
            r"|(?:the\s+)?(?:first|second|latter)\s+half\s+of|half[\s-]?way\s+through|mid[\s-]?way\s+through"
            r"|(?:earlier|later)\s+in)\s+")
# The words a time expression can start with; the finder tries its shapes only where one stands.
_START_WORDS = ("since from by until till before no the at in during of on early mid middle late earlier later "
                "half halfway midway first second latter this last next back its their a an one two three four five "
                "six seven eight nine ten eleven twelve yesterday today tonight tomorrow overnight noon midnight that "
                "around about after shortly between stoppage injury beginning start end close "
                "spring summer autumn fall winter").split()
_START_PREFIXES = ("jan feb mar apr may jun jul aug sep oct nov dec mon tue wed thu fri sat sun "
                   "new christmas boxing valentine halloween st bastille").split()


def _initial_alternation(words: list[str], prefixes: list[str]) -> str:
    r"""A regex for "a digit, one of ``words`` as a whole word, or a word opening with one of
    ``prefixes``", its alternatives grouped by first letter: the regex engine tries each
    alternative in turn, and the first letter rules out all but a few of them at once.

    >>> _initial_alternation(["at", "an", "by"], ["apr"])
    '\\d|a(?:(?:t|n)\\b|pr)|b(?:(?:y)\\b)'
    """
    alternatives = [r"\d"]
    for letter in sorted({w[0] for w in words + prefixes}):
        whole = [w[1:] for w in words if w[0] == letter]
        opening = [w[1:] for w in prefixes if w[0] == letter]
        parts = [rf"(?:{'|'.join(whole)})\b"] * bool(whole) + ["|".join(opening)] * bool(opening)
        alternatives.append(f"{letter}(?:{'|'.join(parts)})")
    return "|".join(alternatives)


_STARTS = _initial_alternation(_START_WORDS, _START_PREFIXES)
_FIND = re.compile(re.sub(r"\?P<\w+>", "?:",
    rf"\b(?={_STARTS})(?:(?:since|from|{_BOUND_WORDS})\s+(?:the\s+end\s+(?=of\s))?)?(?:"
    r"\d{4}-\d\d-\d\d"
    rf"|(?:(?:later|earlier)\s+(?:in\s+)?|in\s+)?(?:{_MONTH_NAMES}\s+(?:of\s+)?)?(?:that|the\s+same)\s+year\b(?![-\u2010\u2011])"
    rf"|{_PART_OF}(?:the\s+(?:week|month|year)|(?:this|last|next)\s+(?:week|month|year)"
    rf"|{_MONTH_NAMES}(?:,?\s+(?:of\s+)?{_YEAR_NUM})?|{_YEAR_NUM})\b"
    r"|(?:early|mid|late)[\s-]+(?:this|last|next)\s+(?:week|month|year)\b"
    rf"|(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}(?:,?\s+(?:{_YEAR}|(?:next|last|this)\s+year))?\b"
    rf"|{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+(?:{_YEAR}|(?:next|last|this)\s+year\b))?"
    rf"|(?P<part>early|mid-?|late)\s*{_MONTH}(?:,?\s+{_YEAR})?"
    rf"|{_MONTH},?\s+(?:of\s+)?{_YEAR}"
    rf"|(?:in|since|from|during|of|back\s+to|{_BOUND_WORDS})\s+(?:the\s+year\s+)?{_YEAR_NUM}\b"
    rf"|(?:in|since|from|during|last|early|late|{_BOUND_WORDS})\s+(?:january|february|march|april|june|july|august|september|october|november|december)"
    rf"(?:,?\s+(?:of\s+)?(?:{_YEAR_NUM}|(?:next|last|this)\s+year))?\b"
    rf"|(?:in|during|early|late|mid-?)\s*(?-i:May)(?!['’]s)(?:,?\s+(?:of\s+)?{_YEAR_NUM})?\b"
    rf"|(?:early|mid|late)[\s-]+{_YEAR_NUM}\b"
    rf"|(?:(?:in|during)\s+)?the\s+(?:(?:early|mid|late)[\s-]*)?(?:1[5-9]|20)\d0'?s\b"
    rf"|(?:(?:in|during)\s+(?:the\s+)?|(?:this|last|next)\s+){_SEASON}(?:,?\s+(?:of\s+)?{_YEAR_NUM})?\b(?!\s+of\b)"
    rf"|(?:(?:in|during)\s+)?(?:the\s+)?{_SEASON}(?:,?\s+of)?\s+{_YEAR_NUM}\b"
    rf"|(?:(?:earlier|later)\s+)?(?:yesterday|today|tonight|tomorrow)(?:\s+{_DAYPART})?"
    r"|this\s+(?:morning|afternoon|evening)|last\s+night"
    rf"|(?:(?:last|next|this)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?:(?:earlier|later)\s+)?this\s+(?:week|month|year)"
    r"|(?:last|next|this|the|this\s+past)\s+weekend"
    rf"|the\s+(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter"
    rf"(?:\s+of\s+(?:{_YEAR_NUM}|(?:last|this|next)\s+year)\b|\b(?!\s+of\b))"
    rf"|(?:{_HOLIDAY})(?:,?\s+{_YEAR_NUM})?\b"
    r"|(?:last|next)\s+(?:week|month|year)"
    rf"|{_NUM}\s+{_UNIT}\s+ago"
    r"|the\s+(?:following|next|previous|preceding)\s+(?:week|month|year)\b(?!\s+(?:that|as|when|of|before|after)\b)"
    r"|(?:(?:on|later|earlier)\s+)?(?:the\s+same\s+day|that\s+day"
    r"|the\s+(?:next|following|previous|preceding)\s+(?:day|morning|afternoon|evening|night))"
    r"(?!\s+(?:that|as|when|on|of|before|after)\b)|overnight"
    rf"|{_MINUTE}"
    rf"|(?:(?:at|around|about|after|shortly\s+(?:before|after)|between)\s+)?{_CLOCK}(?:\s+(?:and|to|until|till)\s+{_CLOCK})?"
    rf"|(?:(?<=the\s)|(?<=its\s)|(?<=their\s)|(?<=a\s)){_YEAR_NUM}(?=\s+[a-z])"
    rf"|{_NUM}\s+{_UNIT}\s+(?:later|earlier|previously|afterwards?)"
    rf"|{_NUM}\s+{_UNIT}\s+(?:before|after)(?=\s*[,.;]|\s*$)"
    r")\b"),
    re.IGNORECASE,
)
# A range of two dates: "from January through June", "between July 2 and 6", "May 3-9".
_ATOM = (rf"(?:(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?"
         rf"|{_MONTH_NAMES}(?:,?\s+{_YEAR_NUM})?|{_YEAR_NUM}|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))")
_FIND_RANGE = re.compile(re.sub(r"\?P<\w+>", "?:",
    rf"\b(?:(?:from|between)\s+(?:{_ATOM}|[0-3]?\d(?:st|nd|rd|th)?)\s+(?:through|thru|to|until|till|and)\s+{_ATOM}"
    rf"|(?:from|between)\s+{_ATOM}\s+(?:through|thru|to|until|till|and)\s+[0-3]?\d(?:st|nd|rd|th)?"
    rf"|{_MONTH}\s+[0-3]?\d\s*[-\u2013]\s*[0-3]?\d)\b"),
    re.IGNORECASE,
)

# Every shape the two finders know holds a digit or one of these words (or its start: "mar" for
# "March", "day" for "Monday" and "today"), so a text with none of them holds no time expression
# and need not be searched. Read in lower case, and only in ASCII text, where lower case is what
# the finders' IGNORECASE makes of a letter.
_TIME_WORD = re.compile(r"[0-9]|week|month|year|day|night|morning|afternoon|evening|noon|tomorrow"
                        r"|spring|summer|autumn|fall|winter|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
                        r"|minute|stoppage|injury|quarter|christmas|halloween|eve")


def find_time_expressions(text: str) -> list[tuple[int, int]]:
    """Character spans in ``text`` that look like time expressions :func:`resolve` knows.

    >>> s = "Earlier this week, police said that on Dec. 29 he was held."
    >>> [s[a:b] for a, b in find_time_expressions(s)]
    ['Earlier this week', 'Dec. 29']
    >>> s = "Talks ran from May 3 until June 9 and resumed late last month."
    >>> [s[a:b] for a, b in find_time_expressions(s)]
    ['from May 3 until June 9', 'late last month']
    """
    if text.isascii() and _TIME_WORD.search(text.lower()) is None:
        return []
    ranges = [m.span() for m in _FIND_RANGE.finditer(text)]
    found = list(ranges)
    for m in _FIND.finditer(text):
        start, end = m.span()
        end = start + len(text[start:end].rstrip("."))
        if not any(a < end and start < b for a, b in ranges):
            found.append((start, end))
    return sorted(found)


def whole_time_expression(text: str) -> list[tuple[int, int]]:
    """The span of :func:`find_time_expressions` that is all of ``text`` but spaces around it
    and full stops after it, as a list of it alone; empty when there is none. Quicker than
    finding them all: the finder tries only where the text's first word stands.

    >>> whole_time_expression(" March 4, 2021."), whole_time_expression("March 4, 2021 was a Thursday.")
    ([(1, 14)], [])
    >>> s = "Talks ran from May 3 until June 9"
    >>> whole_time_expression(s[10:]), whole_time_expression("May 3 until June 9")
    ([(0, 23)], [])
    """
    start = len(text) - len(text.lstrip())
    found = _FIND_RANGE.match(text, start)
    if found is not None:
        end = found.end()
    else:  # a shape of its own, unless it overlaps a range (the only place one can be is inside it)
        found = _FIND.match(text, start)
        if found is None:
            return []
        end = start + len(text[start : found.end()].rstrip("."))
        if not text[end:].strip(" .") and _FIND_RANGE.search(text) is not None:
            return []
    return [] if text[end:].strip(" .") else [(start, end)]
