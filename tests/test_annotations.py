"""The curated annotation loader: every span verified against the text, errors named."""
from __future__ import annotations

import json
import shutil

import pytest
import yaml

from graph.annotations import dump_annotation, load_annotation, parse_annotation
from graph.errors import AnnotationError, InputError

from .conftest import SEED_ANNOTATION, SEED_TEXT


@pytest.fixture
def seed_copy(tmp_path):
    shutil.copy(SEED_TEXT, tmp_path / SEED_TEXT.name)
    target = tmp_path / SEED_ANNOTATION.name
    shutil.copy(SEED_ANNOTATION, target)
    return target


def _edit(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_every_evidence_span_of_the_seed_stands_verbatim_in_the_text(seed):
    text = seed.article.text
    spans = [s for e in seed.entities for s in e.evidence]
    spans += [s for e in seed.events for s in e.evidence]
    spans += [st.quote for st in seed.statements]
    assert spans and all(s.holds_in(text) for s in spans)


def test_a_span_that_is_not_at_its_offsets_names_the_entry_and_its_line(seed_copy):
    def shift(data):
        data["entities"][0]["evidence"][0]["start"] += 1
        data["entities"][0]["evidence"][0]["end"] += 1

    _edit(seed_copy, shift)
    with pytest.raises(AnnotationError) as err:
        load_annotation(seed_copy)
    message = str(err.value)
    assert "entity 'igor-kochetkov'" in message and "line" in message and "'Igor Kochetkov'" in message
    assert "\n" not in message


def test_evidence_words_absent_from_the_text_are_refused(seed_copy):
    _edit(seed_copy, lambda d: d["entities"][0]["evidence"][0].update(text="Ramzan Kadyrov"))
    with pytest.raises(AnnotationError, match="'Ramzan Kadyrov' is not in the text"):
        load_annotation(seed_copy)


def test_malformed_yaml_gives_the_line_number(seed_copy):
    seed_copy.write_text("article:\n  id: x\n entities: [\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"line 3, column 2: malformed YAML"):
        load_annotation(seed_copy)


def test_malformed_json_gives_the_line_number(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('{\n  "article": {\n    "id": "x",,\n  }\n}\n', encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"a.json: line 3, column 15: malformed JSON"):
        load_annotation(path)


def test_a_json_annotation_loads_like_the_yaml_one(seed, tmp_path):
    shutil.copy(SEED_TEXT, tmp_path / SEED_TEXT.name)
    path = tmp_path / "hornet.json"
    path.write_text(dump_annotation(seed, SEED_TEXT.name, as_json=True), encoding="utf-8")
    again = load_annotation(path)
    assert [e.name for e in again.entities] == [e.name for e in seed.entities]
    assert json.loads(path.read_text())["schema"] == "newsgraph-annotation/1"


def test_dump_then_load_gives_the_same_model(seed):
    again = parse_annotation(dump_annotation(seed, SEED_TEXT.name), text=seed.article.text)
    assert again == seed


def test_an_unknown_reference_is_named(seed_copy):
    _edit(seed_copy, lambda d: d["statements"][0].update(speaker="ramzan-kadyrov"))
    with pytest.raises(AnnotationError, match="statement 'kochetkov-to-ap': unknown entity 'ramzan-kadyrov'"):
        load_annotation(seed_copy)


def test_a_date_that_disagrees_with_its_phrase_is_refused(seed_copy):
    def wrong(data):
        for ev in data["events"]:
            if ev["id"] == "purge":
                ev["time"]["edtf"] = "2019-12-29"

    _edit(seed_copy, wrong)
    with pytest.raises(AnnotationError, match=r"'Dec. 29' resolves to 2018-12-29, not '2019-12-29'"):
        load_annotation(seed_copy)


def test_an_article_path_outside_the_seeds_folder_is_refused(seed_copy):
    _edit(seed_copy, lambda d: d["article"].update(text="../../etc/passwd"))
    with pytest.raises(AnnotationError, match="outside the annotation's folder"):
        load_annotation(seed_copy)


def test_a_missing_annotation_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_annotation(tmp_path / "nope.yaml")


def test_unknown_enum_values_list_the_allowed_ones(seed_copy):
    _edit(seed_copy, lambda d: d["entities"][0].update(kind="alien"))
    with pytest.raises(AnnotationError, match="expected one of: person, organization, place"):
        load_annotation(seed_copy)
