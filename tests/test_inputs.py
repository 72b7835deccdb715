"""One door in: build and ingest read files through graph.inputs and give an article one
identity, whichever command reads it and in whichever form it comes."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from graph.build import build
from graph.ingest import ingest
from graph.inputs import expand, identity
from graph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"


def _article_graphs(path: Path) -> set[str]:
    with open_store(path) as store:
        return {g for g in store.graph_iris() if not g.endswith("/corpus")}


def test_build_and_ingest_give_a_seed_the_same_iri(tmp_path):
    with open_store(tmp_path / "built", create=True) as store:
        build(ROOT / "seeds", store, None)
    with open_store(tmp_path / "ingested", create=True) as store:
        ingest([ROOT / "seeds"], store, merge=False)
    assert _article_graphs(tmp_path / "built") == _article_graphs(tmp_path / "ingested")
    assert len(_article_graphs(tmp_path / "built")) == 1


def test_an_extracted_file_and_its_json_lines_record_are_one_article(tmp_path):
    text = (CORPUS / "bbc-2017-04-04.txt").read_text(encoding="utf-8")
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "story.txt").write_text(text, encoding="utf-8")
    (folder / "story.meta.yaml").write_text("published: 2017-04-04\nurl: https://example.org/story\n", encoding="utf-8")
    with open_store(tmp_path / "built", create=True) as store:
        build(folder, store, None)
    record = {"text": text, "published": "2017-04-04", "url": "https://example.org/story"}
    (tmp_path / "feed.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    with open_store(tmp_path / "built") as store:
        summary = ingest([tmp_path / "feed.jsonl"], store, merge=False)
    assert summary.replaced == 1 and summary.added == 0  # the same article, not a second one
    assert len(_article_graphs(tmp_path / "built")) == 1


def test_a_folder_skips_its_readme_and_other_non_articles_with_a_reason(tmp_path):
    shutil.copy(ROOT / "seeds" / "hornet-2019-01-18.yaml", tmp_path)
    shutil.copy(ROOT / "seeds" / "hornet-2019-01-18.txt", tmp_path)
    (tmp_path / "README.md").write_text("# notes\n", encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    skipped: list[tuple[str, str]] = []
    files, problems = expand([tmp_path], skipped)
    assert [f.name for f in files] == ["hornet-2019-01-18.yaml"] and not problems
    assert {Path(name).name: reason.split(";")[0] for name, reason in skipped} == {
        "README.md": "a README, not an article", "scan.pdf": "a PDF"}


def test_a_json_beside_an_article_that_is_no_annotation_is_skipped_and_the_article_extracted(tmp_path):
    """A scraper's metadata or another tool's gold file beside each article (``story.json``
    next to ``story.txt``) is data, not a curated annotation: the article is extracted and
    the data file listed as skipped, whether the folder or the article file is given."""
    text = (CORPUS / "bbc-2017-04-04.txt").read_text(encoding="utf-8")
    (tmp_path / "story.txt").write_text(text, encoding="utf-8")
    (tmp_path / "story.json").write_text(json.dumps({"persons": [{"name": "Bashar al-Assad"}], "events": []}),
                                         encoding="utf-8")
    skipped: list[tuple[str, str]] = []
    files, problems = expand([tmp_path], skipped)
    assert [f.name for f in files] == ["story.txt"] and not problems
    assert [(Path(name).name, reason.split(" (")[0]) for name, reason in skipped] == [
        ("story.json", "not a newsgraph annotation")]
    assert expand([tmp_path / "story.txt"])[0] == [tmp_path / "story.txt"]
    with open_store(tmp_path / "store", create=True) as store:
        summary = ingest([tmp_path], store, merge=False, published=dt.date(2017, 4, 4))
    assert (summary.added, summary.failed) == (1, [])


def test_a_curated_annotation_with_a_typo_is_reported_not_replaced_by_extraction(tmp_path):
    shutil.copy(ROOT / "seeds" / "hornet-2019-01-18.txt", tmp_path)
    (tmp_path / "hornet-2019-01-18.yaml").write_text("article:\n  text: hornet-2019-01-18.txt\n  id: [\n",
                                                    encoding="utf-8")
    with open_store(tmp_path / "store", create=True) as store:
        summary = ingest([tmp_path / "hornet-2019-01-18.txt"], store, merge=False)
    assert summary.added == 0
    assert [(Path(name).name, "malformed YAML" in message) for name, message in summary.failed] == [
        ("hornet-2019-01-18.yaml", True)]


def test_a_json_file_given_by_name_that_is_no_annotation_fails_with_one_clear_reason(tmp_path):
    (tmp_path / "gold.json").write_text(json.dumps({"persons": []}), encoding="utf-8")
    with open_store(tmp_path / "store", create=True) as store:
        summary = ingest([tmp_path / "gold.json"], store, merge=False)
    assert [(Path(name).name, message.split(" (")[0]) for name, message in summary.failed] == [
        ("gold.json", "not a newsgraph annotation")]


def test_identity_follows_the_url_else_the_normalized_text():
    import datetime as dt

    from graph.model import Article

    day = dt.date(2020, 1, 1)
    assert identity(Article("x", "A  text.", day, url="https://e.org/a")) == identity(
        Article("y", "Other text.", day, url="https://e.org/a"))
    assert identity(Article("x", "A  text.\n", day)) == identity(Article("y", "A text.", day))
    assert identity(Article("x", "A text.", day)) != identity(Article("x", "B text.", day))


STORY = (CORPUS / "novaya-2017-04-03.txt").read_text(encoding="utf-8").split("\n", 1)[1]
HEADLINE = "Chechen police detain gay men in secret prison\n"


def _extract(tmp_path: Path, text: str) -> tuple[int, str]:
    from click.testing import CliRunner

    from graph.cli import cli

    article = tmp_path / "story.txt"
    article.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(article), "-o", str(tmp_path / "story.ttl")])
    return result.exit_code, result.output


@pytest.mark.parametrize("head", ["April 3, 2017", "Published: Mon 3 Apr 2017 10:32 GMT",
                                  "By Olga Ivanova | Novaya Gazeta | 3 April 2017", "2017-04-03"])
def test_a_plain_text_without_metadata_takes_the_date_printed_under_its_headline(tmp_path, head):
    code, output = _extract(tmp_path, HEADLINE + head + "\n" + STORY)
    assert code == 0, output
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import XSD

    g = Graph().parse(tmp_path / "story.ttl")
    assert set(g.objects(None, URIRef("https://schema.org/datePublished"))) == {Literal("2017-04-03", datatype=XSD.date)}
    # "on Monday" in the story is dated against it
    assert Literal("2017-04-03", datatype=XSD.date) in set(g.objects(None, URIRef(
        "http://semanticweb.cs.vu.nl/2009/11/sem/hasEarliestBeginTimeStamp")))


@pytest.mark.parametrize("head", ["Updated April 3, 2017", "April 3", "03/04/2017",
                                  "Police said on April 3, 2017 that the men were held"])
def test_a_date_in_a_sentence_without_a_year_ambiguous_or_updated_is_not_a_publication_date(tmp_path, head):
    code, output = _extract(tmp_path, HEADLINE + head + "\n" + STORY)
    assert code != 0
    assert "story.txt: no publication date" in output and "Traceback" not in output
