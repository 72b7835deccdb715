"""Every command through click's CliRunner, and the error paths: one line, exit code, no traceback."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from graph import __version__
from graph.cli import cli
from tests.conftest import SEED_ID

from .conftest import SEED_ANNOTATION, SEED_TEXT, SEEDS


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    base = tmp_path_factory.mktemp("cli")
    result = CliRunner().invoke(cli, ["build", "--seeds", str(SEEDS), "--exports", str(base / "exports"),
                                      "--store", str(base / "store"), "--no-pages"])
    assert result.exit_code == 0, result.output
    return base / "store"


def run(*args, **kw):
    return CliRunner().invoke(cli, [str(a) for a in args], **kw)


def assert_one_line_error(result, code, *fragments):
    assert result.exit_code == code, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("newsgraph: error: ")
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0]


def test_build_prints_a_one_screen_summary(tmp_path):
    result = run("build", "--seeds", SEEDS, "--exports", tmp_path / "x", "--store", tmp_path / "s", "--no-pages")
    assert result.exit_code == 0, result.output
    assert "1 article(s)" in result.output
    assert "statements       2" in result.output
    assert "2018-12-01 .. 2019-01-17" in result.output
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == [
        "newsgraph.jsonld", "newsgraph.nq", "newsgraph.trig", "newsgraph.ttl"]


def test_query_runs_a_named_query_as_an_aligned_table(store):
    result = run("query", "timeline", "--store", store)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:2] == ["date", "precision"]
    assert "2018-12-13" in result.output and "(6 rows)" in lines[-1]


def test_query_lists_the_named_queries():
    result = run("query", "--list")
    assert result.exit_code == 0
    for name in ("timeline", "statements", "actors", "actor-events", "evidence"):
        assert name in result.output


def test_query_binds_parameters_instead_of_pasting_them(store):
    result = run("query", "actor-events", "-p", "actor=Russian Federation", "--format", "csv", "--store", store)
    assert result.exit_code == 0, result.output
    assert "Russia launches an immediate investigation" in result.output
    hostile = run("query", "actor-events", "-p", 'actor=x") } DROP ALL ; #', "--store", store)
    assert hostile.exit_code == 0 and "(0 rows)" in hostile.output


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_query_writes_csv_tsv_and_sparql_json(store, fmt):
    result = run("query", "statements", "--format", fmt, "--store", store)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        data = json.loads(result.output)
        speakers = {b["speaker"]["value"] for b in data["results"]["bindings"]}
        assert speakers == {"Igor Kochetkov", "U.S. State Department"}
    else:
        sep = "," if fmt == "csv" else "\t"
        assert result.output.startswith(sep.join(["speaker", "date", "addressee"]))


def test_query_reads_inline_and_file_sparql(store, tmp_path):
    inline = run("query", "SELECT (COUNT(*) AS ?n) WHERE { ?p a schema:Person }", "--store", store)
    assert inline.exit_code == 0 and "\n3" in inline.output
    path = tmp_path / "q.rq"
    path.write_text("ASK { ?x rdfs:label \"Mike Pompeo\" }", encoding="utf-8")
    asked = run("query", "--file", path, "--store", store)
    assert asked.exit_code == 0 and asked.output.strip() == "true"


def test_evidence_query_returns_exact_words_and_offsets(store):
    result = run("query", "evidence", "-p", "target=Mike Pompeo", "--format", "csv", "--store", store)
    assert result.exit_code == 0
    assert "Mike Pompeo,Mike Pompeo,842,853" in result.output


def test_query_refuses_updates_without_the_flag_and_an_update_marks_the_corpus_stale_until_a_rebuild(store,
                                                                                                       tmp_path):
    import shutil

    store = shutil.copytree(store, tmp_path / "store")  # the rebuild adds a corpus graph
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    assert_one_line_error(run("query", update, "--store", store), 2, "--allow-update")
    assert not run("query", "ASK { ?s ?p ?o }", "--store", store).stderr
    allowed = run("query", update, "--allow-update", "--store", store)
    assert allowed.exit_code == 0
    cleanup = run("query", "DELETE DATA { <urn:a> <urn:b> <urn:c> }", "--allow-update", "--store", store)
    assert cleanup.exit_code == 0
    assert "the corpus graph may be out of date" in run("query", "ASK { ?s ?p ?o }", "--store", store).stderr
    assert run("rebuild", "--store", store).exit_code == 0
    assert not run("query", "ASK { ?s ?p ?o }", "--store", store).stderr


def test_invalid_sparql_is_one_line_with_the_parser_position(store):
    result = run("query", "SELECT ?x WHERE { ?x ?y }", "--store", store)
    assert_one_line_error(result, 2, "invalid SPARQL")
    assert "line 1" in result.stderr or "column" in result.stderr or "position" in result.stderr


def test_unknown_named_query_lists_the_known_ones(store):
    assert_one_line_error(run("query", "timelime", "--store", store), 2, "no named query 'timelime'", "timeline")


def test_a_missing_store_is_exit_3(tmp_path):
    assert_one_line_error(run("query", "timeline", "--store", tmp_path / "nowhere"), 3, "no store here")


@pytest.mark.parametrize(("fmt", "marker"), [("turtle", "@prefix"), ("trig", "GRAPH"), ("nquads", "<https://w3id.org"),
                                             ("jsonld", '"@context"')])
def test_export_writes_each_rdf_format(store, tmp_path, fmt, marker):
    out = tmp_path / f"out.{fmt}"
    result = run("export", "--format", fmt, "-o", out, "--store", store)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert marker in text or (fmt == "trig" and "<https://w3id.org/newsgraph/graph/" in text)


def test_export_writes_the_network_page_and_gephi_files(store, tmp_path):
    for fmt, name in (("network", "n.html"), ("gexf", "g.gexf"), ("graphml", "g.graphml")):
        result = run("export", "--format", fmt, "-o", tmp_path / name, "--store", store)
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).stat().st_size > 1000


def test_export_to_standard_output(store):
    result = run("export", "--format", "nquads", "--store", store)
    assert result.exit_code == 0 and f"/graph/{SEED_ID}> ." in result.output


def test_export_entailed_with_web_annotations_validates_as_entailed(store, tmp_path):
    out = tmp_path / "full.ttl"
    result = run("export", "--entailed", "--evidence", "web-annotation", "-o", out, "--store", store)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "oa:TextQuoteSelector" in text and "sem:Actor" in text and "schema:mentions" in text
    assert run("validate", "--entailed", out).exit_code == 0
    lean = tmp_path / "lean.ttl"
    assert run("export", "-o", lean, "--store", store).exit_code == 0
    assert "oa:TextQuoteSelector" not in lean.read_text(encoding="utf-8")
    assert run("validate", "--entailed", lean).exit_code == 1  # the lean graph lacks the closure


def test_export_into_a_read_only_folder_is_exit_4(store, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = run("export", "--format", "turtle", "-o", folder / "x.ttl", "--store", store)
        if result.exit_code == 0:  # root ignores permissions; then the file must be whole
            assert (folder / "x.ttl").read_text().startswith("@prefix")
        else:
            assert_one_line_error(result, 4, "cannot write here")
    finally:
        folder.chmod(0o700)


def test_validate_passes_the_store_and_the_annotation(store):
    result = run("validate", "--store", store)
    assert result.exit_code == 0 and "conforms" in result.output
    assert run("validate", SEED_ANNOTATION).exit_code == 0


def test_validate_exits_1_with_a_readable_report(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ng: <https://w3id.org/newsgraph/ns#> .\n<urn:x> a <https://schema.org/Person> .\n', encoding="utf-8")
    result = run("validate", bad)
    assert result.exit_code == 1
    assert "does NOT conform" in result.output and "rdfs:label" in result.output


def test_malformed_annotation_is_one_line_exit_2(tmp_path):
    shutil.copy(SEED_TEXT, tmp_path / SEED_TEXT.name)
    (tmp_path / "bad.yaml").write_text("article: [\n  id: x\n", encoding="utf-8")
    result = run("build", "--seeds", tmp_path, "--store", tmp_path / "s", "--exports", tmp_path / "x")
    assert_one_line_error(result, 2, "bad.yaml", "line", "malformed YAML")


def test_missing_files_are_one_line_exit_2(tmp_path):
    assert_one_line_error(run("validate", tmp_path / "missing.yaml"), 2, "missing.yaml", "no such file")
    assert_one_line_error(run("query", "--file", tmp_path / "missing.rq", "--store", tmp_path), 2, "no such file")
    assert_one_line_error(run("build", "--seeds", tmp_path / "nope", "--store", tmp_path / "s"), 2, "no such folder")


def test_version_and_help():
    assert run("--version").output.strip() == f"newsgraph, version {__version__}"
    for command in ([], ["build"], ["query"], ["export"], ["validate"], ["extract"], ["list"], ["ingest"], ["remove"]):
        result = run(*command, "-h")
        assert result.exit_code == 0 and "Example" in result.output
