"""Everyday workflow on a real store and real files: unchanged re-ingests, `list`, `remove`
by headline, named-query parameters, tables that fit, skipped files, progress and Ctrl-C."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import graph.ingest
import graph.extract
from graph.cli import cli
from graph.ingest import ingest
from graph.errors import IngestInterrupted
from graph.progress import ProgressReport
from graph.store import open_store

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def feed(path: Path, n: int, first: int = 0) -> Path:
    """``n`` short dated articles, one JSON line each, each naming its own person and place."""
    people = ["Anna Chen", "Boris Novak", "Carla Rossi", "David Weber", "Elena Sato", "Farid Haddad"]
    with path.open("w") as out:
        for i in range(first, first + n):
            out.write(json.dumps({
                "text": f"Police in Riga detained {people[i % len(people)]} on Monday, officials said in note {i}.",
                "published": "2020-03-04", "url": f"https://example.org/riga/{i}", "publisher": "Riga Herald"}) + "\n")
    return path


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    location = tmp_path_factory.mktemp("workflow") / "store"
    result = run("ingest", CORPUS, "--store", location)
    assert result.exit_code == 0, result.output
    return location


# ----------------------------------------------------------------------------- unchanged articles


def test_reingesting_unchanged_articles_skips_them_without_loading_the_model(tmp_path, monkeypatch):
    with open_store(tmp_path / "store", create=True) as store:
        first = ingest([CORPUS], store)
        before = store.dump_nquads()

        def no_model(*_args, **_kw):
            raise AssertionError("the spaCy pipeline was loaded for unchanged articles")

        monkeypatch.setattr(graph.extract, "load_model", no_model)
        again = ingest([CORPUS], store)
        assert (first.added, again.added, again.replaced, again.unchanged, again.failed) == (5, 0, 0, 5, [])
        assert store.dump_nquads() == before
        assert not again.corpus_rebuilt  # nothing changed: the corpus graph is not recomputed


def test_an_edited_article_is_extracted_again_and_the_others_stay_unchanged(tmp_path):
    articles = feed(tmp_path / "feed.jsonl", 3)
    with open_store(tmp_path / "store", create=True) as store:
        ingest([articles], store)
        lines = articles.read_text().splitlines()
        lines[1] = lines[1].replace("on Monday", "on Tuesday")
        articles.write_text("\n".join(lines) + "\n")
        again = ingest([articles], store)
        assert (again.added, again.replaced, again.unchanged) == (0, 1, 2)
        assert ingest([articles], store).unchanged == 3


def test_a_new_extractor_version_or_force_extracts_every_article_again(tmp_path, monkeypatch):
    articles = feed(tmp_path / "feed.jsonl", 2)
    with open_store(tmp_path / "store", create=True) as store:
        ingest([articles], store)
        assert ingest([articles], store, force=True).replaced == 2
        monkeypatch.setattr(graph.ingest, "extractor_version", lambda: "a later release")
        assert (ingest([articles], store).replaced, ingest([articles], store).unchanged) == (2, 2)


def test_the_extractor_version_leaves_out_only_modules_that_exist_and_never_the_extraction():
    # A name left behind by a move (store.py became the store package) would make every
    # later edit of the moved code count as a new extractor, and re-extract every article.
    from graph.digests import _NOT_EXTRACTION

    package = Path(graph.extract.__file__).parent.parent
    assert [name for name in _NOT_EXTRACTION if not (package / name).exists()] == []
    assert not {"extract", "rdf.py", "model.py", "timex.py", "articles.py", "inputs.py"} & set(_NOT_EXTRACTION)


def test_new_articles_are_added_without_reading_the_stored_digests(tmp_path, monkeypatch):
    """Only an article already in the store needs its stored digest: at 10 k articles
    reading them all took up to 0.8 s of a one-article add."""
    with open_store(tmp_path / "store", create=True) as store:
        ingest([feed(tmp_path / "a.jsonl", 2)], store)
        reads = []
        read = graph.ingest.stored_digests
        monkeypatch.setattr(graph.ingest, "stored_digests", lambda s: reads.append(s) or read(s))
        assert ingest([feed(tmp_path / "b.jsonl", 1, first=2)], store).added == 1
        assert reads == []
        again = ingest([feed(tmp_path / "c.jsonl", 3)], store)  # two from a.jsonl, one from b.jsonl
        assert (again.added, again.replaced, again.unchanged, len(reads)) == (0, 0, 3, 1)


def test_an_article_twice_in_one_input_is_added_then_replaced(tmp_path):
    articles = feed(tmp_path / "feed.jsonl", 1)
    articles.write_text(articles.read_text() * 2)
    with open_store(tmp_path / "store", create=True) as store:
        summary = ingest([articles], store)
        assert (summary.added, summary.replaced, summary.unchanged) == (1, 1, 0)
        assert ingest([articles], store).unchanged == 2


def test_a_removed_article_ingested_again_is_added_not_skipped(tmp_path):
    articles = feed(tmp_path / "feed.jsonl", 2)
    store = tmp_path / "store"
    run("ingest", articles, "--store", store)
    assert run("remove", "https://example.org/riga/0", "--store", store).exit_code == 0
    result = run("ingest", articles, "--store", store)
    assert "1 added, 0 replaced, 1 unchanged, 0 failed" in result.stdout


# ----------------------------------------------------------------------------- list and remove


def test_list_shows_each_article_with_date_outlet_headline_url_and_counts(corpus_store):
    result = run("list", "--format", "csv", "--store", corpus_store)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 5
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    guardian = next(r for r in rows if r["outlet"] == "The Guardian")
    assert guardian["url"] == "https://example.org/guardian/2017/04/05/chechnya"
    assert guardian["date"] == "2017-04-05" and guardian["headline"]
    assert int(guardian["entities"]) > 0 and int(guardian["events"]) > 0
    assert sum(int(r["statements"]) for r in rows) > 0
    assert all(r["id"].startswith("a-") for r in rows)
    as_json = json.loads(run("list", "--format", "json", "--store", corpus_store).stdout)
    assert [a["id"] for a in as_json] == [r["id"] for r in rows]


def test_list_table_fits_the_width_and_keeps_every_column(corpus_store):
    result = run("list", "--width", "90", "--store", corpus_store)
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["date", "outlet", "headline", "url", "entities", "events", "statements"]
    assert max(len(line) for line in lines) <= 90
    assert lines[-1] == "(5 articles)"


def test_list_of_an_empty_store_says_no_articles(tmp_path):
    run("ingest", feed(tmp_path / "f.jsonl", 1), "--store", tmp_path / "s")
    run("remove", "https://example.org/riga/0", "--store", tmp_path / "s")
    assert run("list", "--store", tmp_path / "s").stdout.splitlines()[-1] == "(0 articles)"


def test_remove_reports_headlines_not_ids(tmp_path):
    store = tmp_path / "store"
    run("ingest", CORPUS / "guardian-2017-04-05.md", "--store", store)
    headline = json.loads(run("list", "--format", "json", "--store", store).stdout)[0]["headline"]
    result = run("remove", "https://example.org/guardian/2017/04/05/chechnya", "--store", store)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == f"  removed: {headline}"
    assert "a-" not in result.stdout


# ----------------------------------------------------------------------------- named queries


@pytest.mark.parametrize("args, fragments", [
    (["actor-story"], ["query 'actor-story' needs -p actor=VALUE", "it takes: actor (required)"]),
    (["actor-story", "-p", "actr=Kadyrov"], ["no parameter 'actr'", "it takes: actor (required)"]),
    (["actor-events"], ["needs -p actor=VALUE"]),
    (["timeline", "-p", "actor=Kadyrov"], ["query 'timeline' has no parameter 'actor'", "takes no parameters"]),
    (["statement-sources", "-p", "speakr=Nauert"], ["it takes: text (optional), speaker (optional)"]),
    (["SELECT ?n WHERE { ?n a schema:Person }", "-p", "name=x"], ["no variable ?name"]),
])
def test_a_missing_or_unknown_parameter_is_exit_2_naming_the_expected_ones(corpus_store, args, fragments):
    result = run("query", *args, "--store", corpus_store)
    assert result.exit_code == 2, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("newsgraph: error: ")
    for fragment in fragments:
        assert fragment in lines[0]


def test_every_declared_parameter_is_a_variable_of_its_query():
    from graph.query import PARAMETERS, check_variables, named_queries

    shipped = {q.name: q for q in named_queries()}
    for name, params in PARAMETERS.items():
        assert name in shipped, f"PARAMETERS names a query that is not shipped: {name}"
        check_variables(shipped[name].text, {p.name: "x" for p in params})
        declared = {line.split("=")[0].split(":")[1].strip() for line in shipped[name].text.splitlines()
                    if line.startswith("# param:")}
        assert declared <= {p.name for p in params}, name


def test_query_list_marks_required_parameters():
    result = run("query", "--list")
    assert "-p actor=...  (required)" in result.stdout
    assert "-p speaker=..." in result.stdout


def test_query_tables_show_labels_not_iris_and_never_repeat_a_row(corpus_store):
    result = run("query", "actor-events", "-p", "actor=Ramzan Kadyrov", "--width", "100", "--store", corpus_store)
    assert result.exit_code == 0, result.output
    body = result.stdout.splitlines()[2:-1]
    assert body and len(body) == len(set(body))
    assert "id:" not in result.stdout and "https://w3id.org" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 100
    with_iris = run("query", "actor-events", "-p", "actor=Ramzan Kadyrov", "--iris", "--width", "200",
                    "--store", corpus_store)
    assert "id:" in with_iris.stdout


def test_query_shows_an_articles_headline_and_its_outlets_name(corpus_store):
    sparql = ("SELECT ?article ?outlet WHERE { ?article a schema:NewsArticle ; schema:url ?u ; schema:publisher ?outlet "
              'FILTER (STR(?u) = "https://example.org/guardian/2017/04/05/chechnya") }')
    result = run("query", sparql, "--width", "200", "--store", corpus_store)
    articles = json.loads(run("list", "--format", "json", "--store", corpus_store).stdout)
    guardian = next(a for a in articles if a["outlet"] == "The Guardian")
    row = result.stdout.splitlines()[2]
    assert row.split("  ")[0] == guardian["headline"] and row.endswith("The Guardian")


def test_csv_keeps_iris_but_drops_repeated_rows(corpus_store):
    result = run("query", "SELECT ?kind WHERE { ?s a ?kind }", "--format", "csv", "--store", corpus_store)
    rows = result.stdout.splitlines()[1:]
    assert len(rows) == len(set(rows)) and any(r.startswith("http") for r in rows)


# ----------------------------------------------------------------------------- folders, progress, Ctrl-C


@pytest.mark.parametrize("pattern", ["", "*"])
def test_a_folder_or_pattern_ingest_reports_the_files_it_skipped_with_the_reason(tmp_path, pattern):
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(CORPUS / "guardian-2017-04-05.md", folder)
    shutil.copy(CORPUS / "guardian-2017-04-05.meta.yaml", folder)
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "photo.JPG").write_bytes(b"\xff\xd8\xff")
    (folder / "notes.xyz").write_text("?")
    result = run("ingest", folder / pattern if pattern else folder, "--store", tmp_path / "store")
    assert result.exit_code == 0, result.output
    assert "1 added" in result.stdout and "0 failed" in result.stdout and "3 file(s) skipped" in result.stdout
    skipped = sorted(line for line in result.stderr.splitlines() if line.startswith("newsgraph: skipped: "))
    assert len(skipped) == 3
    assert any("photo.JPG: an image, not an article" in s for s in skipped)
    assert any("scan.pdf: a PDF; save the article as .txt or .html" in s for s in skipped)
    assert any("notes.xyz: unknown file type .xyz" in s for s in skipped)


def test_progress_rate_counts_from_the_start_and_a_pipe_gets_a_few_lines():
    out, now = io.StringIO(), [10.0]
    report = ProgressReport(out, tty=False, start=0.0, clock=lambda: now[0])
    report(1, 200)  # the first article came back after 10 s of loading: 0.1 per second, not thousands
    for done in range(2, 201):
        now[0] = 10.0 + done * 0.01
        report(done, 200)
    lines = out.getvalue().splitlines()
    assert len(lines) == 4 and lines[-1].startswith("ingesting: 200/200 (100%)")
    assert "articles/s" in lines[0] and "left" in lines[0]
    assert float(lines[-1].split(", ")[1].split()[0]) < 20  # 200 articles in 12 s


def test_progress_on_a_terminal_redraws_one_line_from_the_first_article():
    out, now = io.StringIO(), [2.0]
    report = ProgressReport(out, tty=True, start=0.0, clock=lambda: now[0])
    report(1, 40)
    assert out.getvalue().startswith("\ringesting: 1/40 (2%), 0.50 articles/s, 1:18 left")
    now[0] = 4.0
    report(40, 40)
    report.close()
    assert out.getvalue().endswith("\n") and out.getvalue().count("\n") == 1


def test_a_piped_cli_ingest_prints_a_few_progress_lines_not_one_per_article(tmp_path):
    result = run("ingest", feed(tmp_path / "f.jsonl", 24), "--store", tmp_path / "s")
    assert result.exit_code == 0, result.output
    progress = [ln for ln in result.stderr.splitlines() if ln.startswith("ingesting: ")]
    assert 1 <= len(progress) <= 5 and progress[-1].startswith("ingesting: 24/24 (100%)")


def test_ctrl_c_keeps_what_was_extracted_and_the_same_command_finishes(tmp_path, monkeypatch):
    articles = feed(tmp_path / "feed.jsonl", 6)
    store = tmp_path / "store"
    real = graph.ingest.article_ntriples
    calls = []

    def interrupted_at_the_fourth(ag):
        calls.append(ag)
        if len(calls) == 4:
            raise KeyboardInterrupt
        return real(ag)

    monkeypatch.setattr(graph.ingest, "article_ntriples", interrupted_at_the_fourth)
    monkeypatch.setattr(graph.ingest, "BATCH_SIZE", 1)  # Ctrl-C loses only the batch being extracted
    result = run("ingest", articles, "--force", "--published", "2020-01-01", "--store", store)
    assert result.exit_code == 130
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith("newsgraph: interrupted: 3 of 6 article(s) saved (3 added, 0 replaced, 0 unchanged)")
    assert f"to finish, run: newsgraph ingest {articles} --published 2020-01-01 --store {store} (" in message
    monkeypatch.setattr(graph.ingest, "article_ntriples", real)
    finished = run("ingest", articles, "--store", store)
    assert "3 added, 0 replaced, 3 unchanged, 0 failed" in finished.stdout
    assert "may be out of date" not in finished.stderr


def test_ctrl_c_in_the_library_raises_with_the_summary_so_far(tmp_path, monkeypatch):
    articles = feed(tmp_path / "feed.jsonl", 3)

    def stop(done, total):
        if done == 2:
            raise KeyboardInterrupt

    with open_store(tmp_path / "store", create=True) as store:
        with pytest.raises(IngestInterrupted) as caught:
            ingest([articles], store, progress=stop)
        assert caught.value.summary.added == 2 and caught.value.total == 3
        assert caught.value.exit_code == 130


def test_a_real_ctrl_c_says_what_was_saved_and_the_printed_command_finishes(tmp_path):
    import os
    import re
    import signal
    import subprocess
    import sys

    articles, store = feed(tmp_path / "feed.jsonl", 70), tmp_path / "store"
    command = [sys.executable, "-m", "graph", "ingest", str(articles), "--store", str(store)]
    def as_from_a_terminal() -> None:  # a shell leaves Ctrl-C neither ignored nor blocked; a test runner may not
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})

    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"}, preexec_fn=as_from_a_terminal)
    assert process.stderr is not None
    first = re.match(r"ingesting: (\d+)/70 \(25%\)", process.stderr.readline())
    assert first, "no progress line at a quarter"
    with open(f"/proc/{process.pid}/status", encoding="ascii") as status:  # for the message if it fails
        masks = [line.strip() for line in status if line.startswith(("SigBlk", "SigIgn", "SigCgt"))]
    process.send_signal(signal.SIGINT)
    _out, rest = process.communicate(timeout=120)
    assert process.returncode == 130, (rest, masks, signal.pthread_sigmask(signal.SIG_BLOCK, []))
    assert "Traceback" not in rest
    message = rest.strip().splitlines()[-1]
    saved = re.match(r"newsgraph: interrupted: (\d+) of 70 article\(s\) saved", message)
    assert saved and int(saved[1]) >= int(first[1]), message  # every article handed to the writer is kept
    finish = message.split("to finish, run: ")[1].split(" (the saved")[0]
    assert finish == f"newsgraph ingest {articles} --store {store}"
    rerun = run(*finish.split()[1:])
    assert f"{70 - int(saved[1])} added, 0 replaced, {saved[1]} unchanged, 0 failed" in rerun.stdout
