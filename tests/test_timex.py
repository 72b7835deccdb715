"""Each date rule, table-driven, against the anchor of the seed article (Friday 2019-01-18)."""
from __future__ import annotations

import datetime as dt

import pytest

from graph.model import Precision
from graph.timex import find_time_expressions, resolve

FRI = dt.date(2019, 1, 18)

CASES = [
    # phrase, anchor, edtf, precision, rule
    ("On Dec. 29", FRI, "2018-12-29", Precision.DAY, "month-day-nearest-year"),
    ("On Dec. 13", FRI, "2018-12-13", Precision.DAY, "month-day-nearest-year"),
    ("Jan. 25", FRI, "2019-01-25", Precision.DAY, "month-day-nearest-year"),
    ("29 December", FRI, "2018-12-29", Precision.DAY, "day-month-nearest-year"),
    ("January 17, 2019", FRI, "2019-01-17", Precision.DAY, "month-day-year"),
    ("on Thursday, January 17, 2019", FRI, "2019-01-17", Precision.DAY, "month-day-year"),
    ("17 January 2019", FRI, "2019-01-17", Precision.DAY, "day-month-year"),
    ("2019-01-05", FRI, "2019-01-05", Precision.DAY, "iso-date"),
    ("Yesterday", FRI, "2019-01-17", Precision.DAY, "relative-day"),
    ("today", FRI, "2019-01-18", Precision.DAY, "relative-day"),
    ("tomorrow", FRI, "2019-01-19", Precision.DAY, "relative-day"),
    ("on Monday", FRI, "2019-01-14", Precision.DAY, "weekday"),
    ("on Friday", FRI, "2019-01-18", Precision.DAY, "weekday"),
    ("last Friday", FRI, "2019-01-11", Precision.DAY, "weekday"),
    ("next Tuesday", FRI, "2019-01-22", Precision.DAY, "weekday"),
    ("three days ago", FRI, "2019-01-15", Precision.DAY, "ago"),
    ("Earlier this week", FRI, "2019-01-14/2019-01-17", Precision.RANGE, "this-week"),
    ("this week", FRI, "2019-01-14/2019-01-20", Precision.RANGE, "this-week"),
    ("last week", FRI, "2019-01-07/2019-01-13", Precision.RANGE, "last-week"),
    ("next week", FRI, "2019-01-21/2019-01-27", Precision.RANGE, "next-week"),
    ("two weeks ago", FRI, "2018-12-31/2019-01-06", Precision.RANGE, "ago"),
    ("earlier this month", FRI, "2019-01-01/2019-01-17", Precision.RANGE, "this-month"),
    ("early December", FRI, "2018-12-01/2018-12-10", Precision.RANGE, "part-of-month"),
    ("late February 2018", FRI, "2018-02-21/2018-02-28", Precision.RANGE, "part-of-month"),
    ("last month", FRI, "2018-12", Precision.MONTH, "last-month"),
    ("next month", FRI, "2019-02", Precision.MONTH, "next-month"),
    ("this month", FRI, "2019-01", Precision.MONTH, "this-month"),
    ("in December", FRI, "2018-12", Precision.MONTH, "month-latest-past"),
    ("in January", FRI, "2019-01", Precision.MONTH, "month-latest-past"),
    ("December 2018", FRI, "2018-12", Precision.MONTH, "month-year"),
    ("in 2017", FRI, "2017", Precision.YEAR, "year"),
    ("last year", FRI, "2018", Precision.YEAR, "last-year"),
    ("this year", FRI, "2019", Precision.YEAR, "this-year"),
    ("two years ago", FRI, "2017", Precision.YEAR, "ago"),
    ("since December", FRI, "2018-12/..", Precision.OPEN, "since+month-latest-past"),
    ("since Dec. 29", FRI, "2018-12-29/..", Precision.OPEN, "since+month-day-nearest-year"),
    ("since 2015", FRI, "2015/..", Precision.OPEN, "since+year"),
    ("from 2008", FRI, "2008", Precision.YEAR, "year"),
    # a bound: begun no later than X ends ("by", "until"), or before X begins
    ("by 2011", FRI, "../2011", Precision.BEFORE, "by+year"),
    ("until Friday", FRI, "../2019-01-18", Precision.BEFORE, "until+weekday"),
    ("until October 2007", FRI, "../2007-10", Precision.BEFORE, "until+month-year"),
    ("until September 30, 2018", FRI, "../2018-09-30", Precision.BEFORE, "until+month-day-year"),
    ("before March 2018", FRI, "../2018-02", Precision.BEFORE, "before+month-year"),
    ("by the year 2012", FRI, "../2012", Precision.BEFORE, "by+year"),
    ("by the end of 2010", FRI, "../2010", Precision.BEFORE, "by+year"),
    ("until the end of May 2018", FRI, "../2018-05", Precision.BEFORE, "until+month-year"),
    ("before Dec. 29", FRI, "../2018-12-28", Precision.BEFORE, "before+month-day-nearest-year"),
    ("before 2015", FRI, "../2014", Precision.BEFORE, "before+year"),
    ("no later than March 3, 2019", FRI, "../2019-03-03", Precision.BEFORE, "no-later-than+month-day-year"),
    # anchors elsewhere in the calendar
    ("Dec. 29", dt.date(2018, 12, 30), "2018-12-29", Precision.DAY, "month-day-nearest-year"),
    ("Feb. 29", dt.date(2020, 3, 2), "2020-02-29", Precision.DAY, "month-day-nearest-year"),
    ("yesterday", dt.date(2020, 3, 1), "2020-02-29", Precision.DAY, "relative-day"),
    ("last month", dt.date(2020, 1, 5), "2019-12", Precision.MONTH, "last-month"),
]


@pytest.mark.parametrize(("phrase", "anchor", "edtf", "precision", "rule"), CASES)
def test_each_rule_resolves_its_phrase_against_the_anchor(phrase, anchor, edtf, precision, rule):
    span = resolve(phrase, anchor)
    assert span is not None
    assert (span.edtf, span.precision, span.rule, span.anchor) == (edtf, precision, rule, anchor)


@pytest.mark.parametrize("phrase", ["the matter", "Feb. 30", "soon", "recently", "", "May be", "2019-13-01",
                                    "before the end of 2010"])
def test_phrases_no_rule_understands_give_no_date(phrase):
    assert resolve(phrase, FRI) is None


def test_earlier_this_week_on_a_monday_gives_no_date_rather_than_an_empty_range():
    assert resolve("earlier this week", dt.date(2019, 1, 14)) is None


def test_bounds_cover_the_whole_month_and_year():
    month = resolve("last month", FRI)
    assert (month.earliest, month.latest) == (dt.date(2018, 12, 1), dt.date(2018, 12, 31))
    year = resolve("in 2017", FRI)
    assert (year.earliest, year.latest) == (dt.date(2017, 1, 1), dt.date(2017, 12, 31))


def test_open_range_has_no_latest_bound():
    since = resolve("since December", FRI)
    assert since.earliest == dt.date(2018, 12, 1) and since.latest is None and since.value is None


def test_finder_returns_the_time_expressions_of_the_seed_sentences():
    text = ("Earlier this week, the world was made aware. Yesterday the U.S. State Department spoke. "
            "On Dec. 29, a purge began. Civil society groups report that 40 were detained since December.")
    found = [text[a:b] for a, b in find_time_expressions(text)]
    assert found == ["Earlier this week", "Yesterday", "Dec. 29", "since December"]


@pytest.mark.parametrize(("phrase", "edtf", "rule"), [
    ("on Monday", "2019-01-21", "weekday-upcoming"),
    ("on Friday", "2019-01-18", "weekday-upcoming"),
    ("this Tuesday", "2019-01-22", "weekday-upcoming"),
    ("last Monday", "2019-01-14", "weekday"),
    ("next Monday", "2019-01-21", "weekday"),
    ("in October", "2019-10", "month-upcoming"),
    ("in January", "2019-01", "month-upcoming"),
    ("last October", "2018-10", "month-latest-past"),
    ("since October", "2018-10/..", "since+month-latest-past"),
    ("Dec. 29", "2018-12-29", "month-day-nearest-year"),
])
def test_a_clause_told_of_the_future_reads_a_bare_weekday_or_month_forward(phrase, edtf, rule):
    span = resolve(phrase, FRI, future=True)
    assert (span.edtf, span.rule) == (edtf, rule)


@pytest.mark.parametrize(("phrase", "anchor", "edtf", "upcoming"), [
    ("at the weekend", FRI, "2019-01-12/2019-01-13", "2019-01-19/2019-01-20"),
    ("over the weekend", FRI, "2019-01-12/2019-01-13", "2019-01-19/2019-01-20"),
    ("this weekend", dt.date(2019, 1, 19), "2019-01-19/2019-01-20", "2019-01-19/2019-01-20"),  # under way
    ("last weekend", dt.date(2019, 1, 19), "2019-01-12/2019-01-13", "2019-01-12/2019-01-13"),
    ("next weekend", FRI, "2019-01-19/2019-01-20", "2019-01-19/2019-01-20"),
])
def test_a_weekend_is_a_saturday_and_a_sunday_the_latest_begun_or_told_of_the_future_the_next(
        phrase, anchor, edtf, upcoming):
    assert resolve(phrase, anchor).edtf == edtf and resolve(phrase, anchor, future=True).edtf == upcoming
    text = f"The talks resumed {phrase}."
    assert [text[a:b] for a, b in find_time_expressions(text)] == [phrase.removeprefix("at ").removeprefix("over ")]


@pytest.mark.parametrize(("phrase", "edtf", "upcoming"), [
    ("in the third quarter", "2018-07-01/2018-09-30", "2019-07-01/2019-09-30"),
    ("the first quarter", "2019-01-01/2019-03-31", "2019-01-01/2019-03-31"),  # under way
    ("in the fourth quarter of 2017", "2017-10-01/2017-12-31", "2017-10-01/2017-12-31"),
    ("in the first quarter of last year", "2018-01-01/2018-03-31", "2018-01-01/2018-03-31"),
    ("on Christmas Day", "2018-12-25", "2019-12-25"),
    ("New Year's Eve", "2018-12-31", "2019-12-31"),
    ("Christmas Eve 2016", "2016-12-24", "2016-12-24"),
])
def test_a_calendar_quarter_or_a_fixed_holiday_is_the_latest_begun_or_told_of_the_future_the_next(
        phrase, edtf, upcoming):
    assert resolve(phrase, FRI).edtf == edtf and resolve(phrase, FRI, future=True).edtf == upcoming
    text = f"Sales rose {phrase}."
    assert [text[a:b] for a, b in find_time_expressions(text)] == [phrase.removeprefix("in ").removeprefix("on ")]


@pytest.mark.parametrize(("phrase", "edtf"), [
    ("early 2009", "2009-01-01/2009-04-30"),
    ("mid-2011", "2011-05-01/2011-08-31"),
    ("in late 2006", "2006-09-01/2006-12-31"),
])
def test_early_mid_and_late_year_are_thirds_of_the_year(phrase, edtf):
    span = resolve(phrase, FRI)
    assert (span.edtf, span.precision, span.rule) == (edtf, Precision.RANGE, "part-of-year")


def test_the_finder_takes_the_month_with_its_year():
    s = "The jet enters service in November 2006, not in May."
    assert [s[a:b] for a, b in find_time_expressions(s)] == ["in November 2006", "in May"]
    s = "He took six months off in early 2009."
    assert [s[a:b] for a, b in find_time_expressions(s)] == ["early 2009"]


def test_a_bound_has_only_a_latest_begin():
    """What happened "by 2011" began at some time up to the end of 2011: no earliest date
    is invented, and the latest is the bound's last day."""
    span = resolve("by 2011", FRI)
    assert (span.earliest, span.latest, span.value) == (None, dt.date(2011, 12, 31), None)


@pytest.mark.parametrize(("sentence", "found"), [
    ("Production will double by 2012.", ["by 2012"]),
    ("The road stays closed until Friday, officials said.", ["until Friday"]),
    ("They left before March 3 and came back in June.", ["before March 3", "in June"]),
    ("The speech by May was long.", []),  # a name, never a month without a day or year
    ("The plant will close by the end of 2010.", ["by the end of 2010"]),
])
def test_the_finder_keeps_the_bound_word_with_its_date(sentence, found):
    assert [sentence[a:b] for a, b in find_time_expressions(sentence)] == found


WED = dt.date(2019, 1, 16)


@pytest.mark.parametrize(("phrase", "future", "edtf", "rule"), [
    # a part of a period: thirds of a month or year, halves, "earlier in" up to the anchor
    ("at the end of December", False, "2018-12-21/2018-12-31", "end+month-latest-past"),
    ("in the beginning of December", False, "2018-12-01/2018-12-10", "beginning+month-latest-past"),
    ("late last month", False, "2018-12-21/2018-12-31", "late+last-month"),
    ("early next year", False, "2020-01-01/2020-04-30", "early+next-year"),
    ("half way through 2016", False, "2016-05-01/2016-08-31", "half+year"),
    ("in the first half of 2018", False, "2018-01-01/2018-06-30", "first+year"),
    ("Earlier in December", False, "2018-12", "earlier+month-latest-past"),
    ("earlier in the week", False, "2019-01-14/2019-01-15", "earlier+this-week"),
    ("late Saturday", False, "2019-01-12", "late+weekday"),
    ("by early June", True, "../2019-06-10", "by+part-of-month-upcoming"),
    # ranges: the end read first, the start as the latest such date up to it
    ("from 3 May until 9 June 2018", False, "2018-05-03/2018-06-09", "range+day-month-nearest-year+day-month-year"),
    ("between December 2 and 6", False, "2018-12-02/2018-12-06", "range+month-day-nearest-year+month-day-nearest-year"),
    ("from October through December", False, "2018-10/2018-12", "range+month-latest-past+month-latest-past"),
    ("from January through June", True, "2019-01/2019-06", "range+month-latest-past+month-upcoming"),
    # seasons give a year, decades their years
    ("in the spring of 2015", False, "2015", "season"),
    ("in autumn", True, "2019", "season-upcoming"),
    ("in the late 1980s", False, "1986-01-01/1989-12-31", "decade"),
    ("the 1990s", False, "1990-01-01/1999-12-31", "decade"),
    ("back to 2012", False, "2012", "year"),
])
def test_parts_ranges_seasons_and_decades(phrase, future, edtf, rule):
    span = resolve(phrase, WED, future=future)
    assert (span.edtf, span.rule) == (edtf, rule)


@pytest.mark.parametrize("phrase", ["this summer", "in winter", "the winter of 2015", "between noon and 2 p.m."])
def test_a_season_the_hemispheres_disagree_on_gives_no_date(phrase):
    """In May "this summer" is June-August in the north but December-February in the south."""
    assert resolve(phrase, dt.date(2019, 5, 10)) is None


@pytest.mark.parametrize(("phrase", "edtf"), [
    ("three days later", "2016-03-06"), ("two weeks later", "2016-03-14/2016-03-20"),
    ("a year earlier", "2015"), ("two months before", "2016-01"),
    # the period after or before the one last named, not after the publication's
    ("the following week", "2016-03-07/2016-03-13"), ("the next year", "2017"), ("the previous month", "2016-02"),
])
def test_a_counted_offset_counts_from_the_date_last_named(phrase, edtf):
    reference = resolve("March 3, 2016", WED)
    assert resolve(phrase, WED, reference=reference).edtf == edtf
    assert resolve(phrase, WED) is None


@pytest.mark.parametrize(("phrase", "edtf"), [
    ("later that year", "2016"), ("the same year", "2016"), ("in June of that year", "2016-06"),
    ("in May that year", "2016-05"),
])
def test_that_year_is_the_year_last_named(phrase, edtf):
    span = resolve(phrase, WED, reference=resolve("March 3, 2016", WED))
    assert (span.edtf, span.rule) == (edtf, "same-year+month-day-year")
    assert resolve(phrase, WED) is None
    text = f"Voters approved it {phrase}, but he said that year-end results were weak."
    assert [text[a:b] for a, b in find_time_expressions(text)] == [phrase]


def test_the_next_year_told_of_the_future_is_the_coming_one_not_the_one_after_the_year_last_named():
    assert resolve("the next year", WED, reference=resolve("in 2005", WED), future=True).edtf == "2020"


def test_an_offset_is_no_finer_than_its_reference():
    assert resolve("three days later", WED, reference=resolve("in 2016", WED)) is None


@pytest.mark.parametrize(("sentence", "found"), [
    ("Talks ran from May 3 until June 9 and resumed late last month.", ["from May 3 until June 9", "late last month"]),
    ("The bridge closed at the end of March, two weeks later.", ["at the end of March", "two weeks later"]),
    ("It was popular in the late 1980s and again this summer.", ["in the late 1980s", "this summer"]),
    ("Voters rejected the 2015 treaty.", ["2015"]),
    ("Losses fell in the fall of revenue.", []),
    ("He left the following year and came back the next morning.", ["the following year", "the next morning"]),
    ("Sales rose in the previous year of trading.", []),
    ("Sales rose in the fourth quarter of the fiscal year.", []),  # a company's own year
])
def test_the_finder_takes_parts_ranges_seasons_decades_and_offsets(sentence, found):
    assert [sentence[a:b] for a, b in find_time_expressions(sentence)] == found


@pytest.mark.parametrize(("phrase", "edtf"), [
    ("on the same day", "2016-03-03"), ("that day", "2016-03-03"), ("the next day", "2016-03-04"),
    ("the previous day", "2016-03-02"), ("overnight", "2016-03-02/2016-03-03"),
    ("the next morning", "2016-03-04"), ("later that day", "2016-03-03"),
])
def test_a_day_named_by_the_day_last_named(phrase, edtf):
    assert resolve(phrase, WED, reference=resolve("March 3, 2016", WED)).edtf == edtf


def test_overnight_without_a_day_named_is_the_night_before_publication_and_same_day_is_unknown():
    assert resolve("overnight", WED).edtf == "2019-01-15/2019-01-16"
    assert resolve("the same day", WED) is None
    assert resolve("the same day", WED, reference=resolve("in 2016", WED)) is None


def test_the_same_day_that_something_happened_is_not_the_day_last_named():
    s = "It was announced on the same day that the studios signed."
    assert [s[a:b] for a, b in find_time_expressions(s)] == []


def test_an_offset_that_is_a_baseline_of_comparison_dates_nothing():
    assert resolve("from a year earlier", WED, reference=resolve("in 2016", WED)) is None


@pytest.mark.parametrize("phrase", ["at 6:43 p.m.", "between 11 a.m. and noon", "14:48 UTC"])
def test_a_time_of_day_is_on_the_day_last_named(phrase):
    t = resolve(phrase, WED, reference=resolve("on Monday", WED))
    assert (t.edtf, t.rule) == ("2019-01-14", "time-of-day+weekday")
    assert resolve(phrase, WED) is None
    assert resolve("before 6 p.m.", WED, reference=resolve("on Monday", WED)).edtf == "../2019-01-14"


@pytest.mark.parametrize(("phrase", "edtf"), [("in January next year", "2020-01"), ("August of this year", "2019-08"),
                                               ("March last year", "2018-03")])
def test_a_month_of_a_relative_year(phrase, edtf):
    t = resolve(phrase, WED)
    assert (t.edtf, t.rule) == (edtf, "month-relative-year")


@pytest.mark.parametrize(("phrase", "edtf", "rule"), [
    ("on 14 June last year", "2018-06-14", "day-month-relative-year"),
    ("on June 14 last year", "2018-06-14", "month-day-relative-year"),
    ("Tuesday, March 3 this year", "2019-03-03", "month-day-relative-year"),
    ("on 5 January next year", "2020-01-05", "day-month-relative-year"),
])
def test_a_day_of_a_relative_year(phrase, edtf, rule):
    t = resolve(phrase, WED)
    assert (t.edtf, t.rule) == (edtf, rule)
    text = f"He was hit {phrase}."
    assert [text[a:b] for a, b in find_time_expressions(text)] == [phrase.removeprefix("on ")]


def test_a_minute_of_a_match_is_on_the_day_last_named():
    t = resolve("in the 16th minute", WED, reference=resolve("on Monday", WED))
    assert (t.edtf, t.rule) == ("2019-01-14", "time-of-day+weekday")
    assert resolve("in the fifth minute", WED, day_reference=resolve("on Monday", WED)).edtf == "2019-01-14"


def test_a_time_of_day_is_on_the_last_day_named_even_after_a_coarser_date():
    t = resolve("at 6 p.m.", WED, reference=resolve("in 2017", WED), day_reference=resolve("on Monday", WED))
    assert t.edtf == "2019-01-14"


def test_an_offset_outside_the_calendar_gives_no_date():
    assert resolve("5000 years earlier", dt.date(1, 1, 2), reference=resolve("in 2016", FRI)) is None


@pytest.mark.parametrize(("phrase", "edtf"), [
    ("this morning", "2019-01-18"),
    ("earlier today", "2019-01-18"),
    ("this evening", "2019-01-18"),
    ("yesterday afternoon", "2019-01-17"),
    ("last night", "2019-01-17"),
])
def test_a_part_of_a_relative_day_is_that_day(phrase, edtf):
    t = resolve(phrase, FRI)
    assert (t.edtf, t.rule) == (edtf, "relative-day")


def test_the_finder_takes_a_part_of_a_relative_day():
    s = "The agency said last night that the plant had closed earlier today, not this morning."
    assert [s[a:b] for a, b in find_time_expressions(s)] == ["last night", "earlier today", "this morning"]


def test_every_expression_the_finders_match_holds_a_word_their_quick_check_knows() -> None:
    """find_time_expressions skips a text without a digit or a time word (``_TIME_WORD``);
    that list is kept by hand beside the finders, so every match on real text and on every
    phrase of these tests must hold one of its words."""
    import ast
    from pathlib import Path

    from graph import timex

    root = Path(__file__).resolve().parents[1]
    texts = [p.read_text(encoding="utf-8") for p in [*root.glob("seeds/*.txt"), *root.glob("tests/fixtures/*/*.txt"),
                                                    *root.glob("tests/fixtures/*/*.md"), *root.glob("tests/fixtures/*/*.jsonl")]]
    texts += [node.value for node in ast.walk(ast.parse(Path(__file__).read_text(encoding="utf-8")))
              if isinstance(node, ast.Constant) and isinstance(node.value, str)]  # every phrase of these tests
    matches = [m.group() for text in texts for finder in (timex._FIND, timex._FIND_RANGE) for m in finder.finditer(text)]
    assert len(matches) > 250
    assert [m for m in matches if timex._TIME_WORD.search(m.lower()) is None] == []


@pytest.mark.parametrize(("phrase", "anchor", "nearest", "latest_past"), [
    ("on March 3", dt.date(2026, 10, 24), "2027-03-03", "2026-03-03"),
    ("3 March", dt.date(2026, 10, 24), "2027-03-03", "2026-03-03"),
    ("Dec. 29", FRI, "2018-12-29", "2018-12-29"),  # already the latest
    ("Jan. 19", FRI, "2019-01-19", "2019-01-19"),  # less than a month ahead: a misread tense, or time zones
    ("Feb. 25", FRI, "2019-02-25", "2018-02-25"),
    ("Feb. 29", dt.date(2026, 10, 24), None, "2024-02-29"),
    ("since March 3", dt.date(2026, 10, 24), "2027-03-03/..", "2026-03-03/.."),
])
def test_a_day_and_month_told_of_the_past_is_the_latest_by_the_anchor(phrase, anchor, nearest, latest_past):
    near, past = resolve(phrase, anchor), resolve(phrase, anchor, past=True)
    assert (near.edtf if near else None, past.edtf) == (nearest, latest_past)
    assert past.rule.endswith("-latest-past")
