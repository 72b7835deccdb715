"""The attribute table gives every token what spaCy's own attribute ruler gives it."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from graph.extract import load_model
from graph.extract.attribute_table import COMPONENT, use_attribute_table
from graph.extract.pipeline import installed_models

ROOT = Path(__file__).resolve().parent.parent
# Words the ruler's exceptions are for, beside plain news: contractions, "there is", "I" as
# subject and object, an auxiliary "do", a "but" that is an adverb, blank tokens.
CORNERS = ("There's a storm, y'all, and we're gonna leave.\n\nI told her it ain't safe. Let's go, c'mon. "
           "I gotta run; you know it, and she knows I did. It was but a moment.  Them there were the ones "
           "that did it, which is what he said he'd do.\tDo you?")


def _tokens(doc: Doc) -> list[tuple[str, str, str, str, str, str, int, str]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc]


@pytest.fixture(scope="module")
def pipelines() -> tuple[spacy.Language, spacy.Language]:
    name = installed_models()[0]
    return spacy.load(name), use_attribute_table(spacy.load(name))


def test_the_table_gives_every_token_of_real_articles_the_rulers_attributes(pipelines) -> None:
    stock, table = pipelines
    texts = [CORNERS, *(p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/fixtures/devset").glob("*.txt"))),
             *(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))]
    assert len(texts) >= 6
    for text, ours, theirs in zip(texts, table.pipe(texts), stock.pipe(texts)):
        assert _tokens(ours) == _tokens(theirs), text[:60]


def test_the_table_takes_the_rulers_place_in_the_pipeline_extraction_loads(pipelines) -> None:
    stock, table = pipelines
    assert table.pipe_names == [COMPONENT if n == "attribute_ruler" else n for n in stock.pipe_names]
    assert COMPONENT in load_model().pipe_names and "attribute_ruler" not in load_model().pipe_names
    assert use_attribute_table(table) is table and table.pipe_names.count(COMPONENT) == 1  # idempotent


def test_a_ruler_with_a_pattern_the_table_cannot_read_is_kept() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LENGTH": 4}]], {"POS": "NOUN"})  # the table reads only tag, lowercase, dependency, blank
    use_attribute_table(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]
    assert [t.pos_ for t in nlp("this is it")] == ["NOUN", "", ""]
