"""The review loop: a machine draft loads as written; a person's corrections load, or every
problem is named at once with its line."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.annotations import dump_annotation, parse_annotation
from graph.cli import cli
from graph.errors import AnnotationError
from graph.model import Article, ArticleGraph, Event, Precision, Span, Statement, TimeSpan

ROOT = Path(__file__).resolve().parents[1]
# A made-up article, published on Friday 2024-05-17.
TEXT = ("Maria Lopez, the mayor of Riverton, said on Tuesday that the old bridge will reopen. "
        "Dock workers walk off the job today, the union said.")
PUBLISHED = dt.date(2024, 5, 17)

DRAFT = """\
schema: newsgraph-annotation/1
article:
  id: riverton-2024-05-17
  text: riverton.txt
  published: '2024-05-17'
entities:
- id: maria-lopez
  kind: person
  name: Maria Lopez
  evidence:
  - {start: 0, end: 11, text: Maria Lopez}
- id: riverton
  kind: place
  name: Riverton
  evidence:
  - {start: 26, end: 34, text: Riverton}
events:
- id: walkout
  type: occurrence
  label: Dock workers walk off the job
  time:
    phrase: {start: 98, end: 102, text: walk}
    edtf: '2024-05-17'
    rule: present-tense-at-publication
  evidence:
  - {start: 85, end: 137, text: 'Dock workers walk off the job today, the union said.'}
statements:
- id: lopez-on-bridge
  label: Statement by Maria Lopez
  speaker: maria-lopez
  quote_kind: reported
  quote: {start: 57, end: 83, text: the old bridge will reopen}
  time:
    phrase: {start: 41, end: 51, text: on Tuesday}
    edtf: '2024-05-14'
    rule: weekday
  evidence:
  - {start: 0, end: 84, text: 'Maria Lopez, the mayor of Riverton, said on Tuesday that the old bridge will reopen.'}
"""


def load(raw: str) -> ArticleGraph:
    return parse_annotation(raw, text=TEXT, where="riverton.yaml")


def problems(raw: str) -> list[str]:
    with pytest.raises(AnnotationError) as err:
        load(raw)
    return err.value.lines()


def test_the_made_up_draft_matches_its_text():
    assert TEXT[98:102] == "walk" and TEXT[41:51] == "on Tuesday" and TEXT[57:83] == "the old bridge will reopen"
    ag = load(DRAFT)
    assert [e.time.edtf for e in ag.events] == ["2024-05-17", "2024-05-14"]


def test_a_date_read_from_the_tense_of_a_verb_loads_as_written():
    walk = Span.at(TEXT, 98, 102)
    tense = TimeSpan(Precision.DAY, PUBLISHED, PUBLISHED, "2024-05-17", "present-tense-at-publication",
                     PUBLISHED, walk)
    ag = ArticleGraph(Article("riverton", TEXT, PUBLISHED, source="riverton.txt"), [],
                      [Event("walkout", "occurrence", "Dock workers walk off", [Span.at(TEXT, 85, 137)], time=tense)])
    assert load(dump_annotation(ag, "riverton.txt")) == ag


def test_every_kind_of_date_reads_back_to_the_same_bounds():
    kinds = [("since December", dt.date(2019, 1, 18)), ("by 2011", dt.date(2019, 1, 18)),
             ("before March", dt.date(2019, 1, 18)), ("earlier this week", dt.date(2019, 1, 18)),
             ("last month", dt.date(2019, 1, 18)), ("in 2017", dt.date(2019, 1, 18))]
    from graph.timex import resolve

    for phrase, anchor in kinds:
        text = f"It began {phrase}."
        span = Span.at(text, 9, 9 + len(phrase))
        time = resolve(phrase, anchor, span=span)
        ag = ArticleGraph(Article("a", text, anchor, source="a.txt"), [],
                          [Event("e", "occurrence", "It began", [Span.at(text, 0, len(text))], time=time)])
        assert parse_annotation(dump_annotation(ag, "a.txt"), text=text).events[0].time == time, phrase


def test_a_date_the_reviewer_states_as_their_own_reading_is_accepted():
    edited = DRAFT.replace("    edtf: '2024-05-14'\n    rule: weekday", "    date: 2024-05-07\n    rule: reviewer")
    time = load(edited).events[1].time
    assert (time.edtf, time.rule, time.precision, time.earliest) == ("2024-05-07", "reviewer", Precision.DAY,
                                                                     dt.date(2024, 5, 7))


def test_a_reviewer_may_state_a_month_or_an_open_range():
    for stated, precision in (("2024-05", Precision.MONTH), ("'2024-04/..'", Precision.OPEN),
                              ("2024", Precision.YEAR)):
        edited = DRAFT.replace("    edtf: '2024-05-14'\n    rule: weekday", f"    date: {stated}\n    rule: reviewer")
        assert load(edited).events[1].time.precision is precision


def test_a_changed_date_that_keeps_the_machine_rule_is_refused_with_the_way_out():
    edited = DRAFT.replace("edtf: '2024-05-14'", "edtf: '2024-05-07'")
    [message] = problems(edited)
    assert "line 35: statement 'lopez-on-bridge': rule 'weekday' reads 'on Tuesday' as 2024-05-14" in message
    assert "write 'rule: reviewer'" in message


def test_a_phrase_no_date_rule_understands_asks_for_the_reviewer_reading():
    edited = DRAFT.replace("    edtf: '2024-05-17'\n    rule: present-tense-at-publication\n", "")
    [message] = problems(edited)
    assert "no date rule understands 'walk'; state the date with 'rule: reviewer'" in message


def test_a_stated_date_must_be_a_date_in_one_of_the_written_forms():
    edited = DRAFT.replace("edtf: '2024-05-14'\n    rule: weekday", "date: next spring\n    rule: reviewer")
    [message] = problems(edited)
    assert "line 35" in message and "'next spring' is not a date; write YYYY-MM-DD, YYYY-MM, YYYY" in message


def test_evidence_given_only_by_its_words_is_found_in_the_text():
    added = DRAFT.replace("entities:\n", "entities:\n- id: union\n  kind: organization\n  name: the union\n"
                                         "  evidence: [the union]\n")
    union = load(added).entity("union")
    assert union.evidence == [Span(122, 131, "the union")]


def test_words_that_stand_twice_must_be_placed():
    added = DRAFT.replace("entities:\n", "entities:\n- id: x\n  kind: organization\n  name: x\n"
                                         "  evidence: [{text: said}]\n")
    [message] = problems(added)
    assert "evidence 'said' stands 2 times in the text (at 36-40, 132-136); give 'start' and 'end'" in message


def test_words_at_the_wrong_offsets_are_refused_with_where_they_stand():
    shifted = DRAFT.replace("{start: 26, end: 34, text: Riverton}", "{start: 27, end: 35, text: Riverton}")
    [message] = problems(shifted)
    assert message.startswith("riverton.yaml: line 16: entity 'riverton': evidence 'Riverton' is not in the text")
    assert "the words stand at 26-34" in message


def test_every_problem_is_listed_at_once_each_with_its_line():
    broken = (DRAFT.replace("type: occurrence", "type: walkout")
              .replace("  kind: person", "  kind: person\n  nmae: Maria")
              .replace("{start: 0, end: 11, text: Maria Lopez}", "{start: 0, end: 11, text: Maria Lopes}"))
    lines = problems(broken)
    assert len(lines) == 3
    assert lines[0].startswith("riverton.yaml: line 9: entity 'maria-lopez': unknown field 'nmae'")
    assert lines[1].startswith("riverton.yaml: line 12: entity 'maria-lopez': evidence 'Maria Lopes'")
    assert lines[2].startswith("riverton.yaml: line 20: event 'walkout': 'type' is 'walkout'; expected one of:")


def test_the_error_of_several_problems_is_one_line_naming_how_many():
    broken = DRAFT.replace("type: occurrence", "type: walkout").replace("quote_kind: reported", "quote_kind: said")
    with pytest.raises(AnnotationError) as err:
        load(broken)
    assert str(err.value).startswith("riverton.yaml: 2 problems: line 19:") and "\n" not in str(err.value)


def test_deleting_an_entity_names_every_entry_that_still_refers_to_it():
    start = DRAFT.index("- id: maria-lopez")
    deleted = DRAFT[:start] + DRAFT[DRAFT.index("- id: riverton"):]
    [message] = problems(deleted)
    assert message == "riverton.yaml: line 25: statement 'lopez-on-bridge': unknown entity 'maria-lopez'"


def test_a_person_may_correct_a_speaker_a_label_and_a_type_and_add_an_entity():
    edited = (DRAFT.replace("entities:\n", "entities:\n- id: dock-union\n  kind: organization\n  name: the union\n"
                                           "  evidence: [{text: the union}]\n")
              .replace("type: occurrence", "type: protest")
              .replace("label: Dock workers walk off the job", "label: Dock workers strike")
              .replace("label: Statement by Maria Lopez\n  speaker: maria-lopez",
                       "label: Statement by the union\n  speaker: dock-union"))
    ag = load(edited)
    walkout, said = ag.events
    assert (walkout.type, walkout.label) == ("protest", "Dock workers strike")
    assert isinstance(said, Statement) and said.speaker == "dock-union"


def test_the_cli_prints_one_line_per_problem_and_exits_2(tmp_path):
    (tmp_path / "riverton.txt").write_text(TEXT, encoding="utf-8")
    broken = DRAFT.replace("type: occurrence", "type: walkout").replace("rule: weekday", "rule: weekday\n    when: now")
    (tmp_path / "riverton.yaml").write_text(broken, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "riverton.yaml")])
    errors = [line for line in result.output.splitlines() if line.startswith("newsgraph: error: ")]
    assert result.exit_code == 2 and len(errors) == 2
    assert "line 19: event 'walkout'" in errors[0] and "line 37: statement 'lopez-on-bridge'" in errors[1]


def test_several_drafts_in_one_file_are_refused_with_the_fix():
    with pytest.raises(AnnotationError, match="one annotation per article: give each its own file"):
        load(DRAFT + "---\n" + DRAFT)


# ----------------------------------------------------------------------------- the benchmark articles


def _bench_articles() -> list[Article]:
    from graph.articles import read_article

    for base in (ROOT.parent / "shared" / "bench", Path("/work/shared/bench")):
        if (base / "news-dev").is_dir() and (base / "meantime").is_dir():
            paths = sorted((base / "news-dev").glob("*.txt")) + sorted((base / "meantime").glob("*.txt"))
            return [read_article(p, published=dt.date.fromisoformat(json.loads(p.with_suffix(".json").read_text(
                encoding="utf-8"))["published"])) for p in paths]
    pytest.skip("the benchmark articles (../shared/bench) are not here")


def test_the_unedited_draft_of_every_benchmark_article_loads_as_written():
    from graph.extract import extract_many, load_model

    articles = _bench_articles()
    assert len(articles) >= 144
    failures = []
    for article, ag in zip(articles, extract_many(articles, nlp=load_model())):
        try:
            back = parse_annotation(dump_annotation(ag, f"{article.id}.txt"), text=article.text, where=article.id)
        except AnnotationError as exc:
            failures.append(str(exc))
            continue
        # The draft lists events, then statements; the extractor interleaves them.
        ordered = [e for e in ag.events if not isinstance(e, Statement)] + ag.statements
        if back != dataclasses.replace(ag, events=ordered):
            failures.append(f"{article.id}: loads as a different graph")
    assert not failures, "\n".join(failures[:10])


# ----------------------------------------------------------------------------- drafts from the CLI


@pytest.mark.parametrize(("name", "encode"), [
    ("story.html", lambda t: f"<html><body><nav>Home</nav><article><p>{t}</p></article></body></html>".encode()),
    ("story.txt", lambda t: t.encode("cp1252")),
    ("story.md", lambda t: f"# Bridge to reopen\n\n{t}\n".encode()),
])
def test_the_draft_of_an_html_markdown_or_latin1_article_loads_as_written(tmp_path, name, encode):
    from graph.annotations import load_annotation

    text = "José Pérez, the mayor of Riverton, said on Tuesday that the bridge will reopen."
    (tmp_path / name).write_bytes(encode(text))
    draft = tmp_path / "story.yaml"
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / name), "--published", "2024-05-17",
                                      "--format", "annotation", "-o", str(draft)])
    assert result.exit_code == 0, result.output
    ag = load_annotation(draft)
    assert "José Pérez" in [e.name for e in ag.entities] and ag.article.source == name


def test_a_draft_written_away_from_its_article_is_refused_before_extracting(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "story.txt").write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "news" / "story.txt"), "--published", "2024-05-17",
                                      "--format", "annotation", "-o", str(tmp_path / "drafts" / "story.yaml")])
    assert result.exit_code == 2
    assert "a draft must sit in its article's folder (or above it)" in result.output


def test_the_reviewed_example_of_the_walkthrough_loads_with_its_corrections():
    from graph.annotations import load_annotation
    from graph.model import EntityKind

    ag = load_annotation(ROOT / "docs" / "examples" / "riverton.yaml")
    closed = next(e for e in ag.events if e.id == "bridge-closed")
    assert (closed.time.edtf, closed.time.rule, closed.time.phrase.text) == ("2024-05-13", "reviewer", "two days after")
    assert ag.entity("old-mill-bridge").kind is EntityKind.PLACE
    assert {s.speaker for s in ag.statements if s.id.startswith("statement-by-riverton-d") or s.id == "statement"} \
        == {"ana-ruiz"}
    assert "occurrence-strike" not in {e.id for e in ag.events}


def test_a_span_given_by_its_start_and_words_takes_its_end_from_the_words():
    added = DRAFT.replace("entities:\n", "entities:\n- id: union\n  kind: organization\n  name: the union\n"
                                         "  evidence: [{start: 122, text: the union}]\n")
    assert load(added).entity("union").evidence == [Span(122, 131, "the union")]
