"""`newsgraph extract --format nquads`: shards with one named graph per article, exactly as ingest writes it."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from rdflib import Dataset

from graph.cli import cli
from graph.corpuslayer import CORPUS_GRAPH
from graph.ingest import ingest
from graph.store import open_store

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"


def test_shards_hold_each_article_graph_exactly_as_ingest_writes_it(tmp_path):
    out = tmp_path / "shards"
    result = CliRunner().invoke(cli, ["extract", str(CORPUS), "--format", "nquads", "-o", str(out),
                                      "--shard-size", "2"])
    assert result.exit_code == 0, result.output
    assert "wrote 5 article(s)" in result.stderr and "in 3 shard(s)" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["articles-00000.nq", "articles-00001.nq", "articles-00002.nq"]
    shards = Dataset()
    for shard in sorted(out.glob("*.nq")):
        shards.parse(shard, format="nquads")
    with open_store(tmp_path / "store", create=True) as store:
        ingest([CORPUS], store)
        articles = [g for g in store.graph_iris() if g != CORPUS_GRAPH]
        assert sorted(str(g.identifier) for g in shards.graphs() if len(g)) == articles
        for iri in articles:
            expected = Dataset()
            expected.parse(data=store.graph_ntriples(iri), format="nt")
            assert set(shards.graph(iri)) == set(expected.default_graph), iri


def test_nquads_needs_an_output_folder(tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(CORPUS), "--format", "nquads"])
    assert result.exit_code == 2 and "needs -o DIR" in result.stderr
    result = CliRunner().invoke(cli, ["extract", str(CORPUS / "wire.jsonl"), "--jobs", "2"])
    assert result.exit_code == 2 and "go with --format nquads" in result.stderr
