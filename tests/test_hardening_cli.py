"""Bad input, table-driven: each gets one line on stderr, a documented exit code, no traceback.

These run the real command in a subprocess (``python -m graph``), as a user would.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ENGLISH = ("Police in Riga arrested Anna Chen, a member of the Workers Union, on Monday. "
           "\u201cWe will not accept this,\u201d said Boris Petrov, who leads the union.\n")


def newsgraph(*args, cwd=None, env=None):
    return subprocess.run([sys.executable, "-m", "graph", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, **(env or {})}, timeout=300)


def one_line(result, code, *fragments):
    assert result.returncode == code, (result.returncode, result.stdout[-500:], result.stderr[-2000:])
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


BAD_ARTICLES = [
    # name, content, exit code, words the one line must hold
    ("empty.txt", b"", 2, ["empty.txt", "empty"]),
    ("blank.txt", b"  \n\n \t\n", 2, ["blank.txt", "empty"]),
    ("binary.txt", bytes(range(256)) * 40, 2, ["binary.txt", "binary"]),
    ("german.txt", ("Die Polizei hat den Mann am Montag in der Stadt festgenommen, sagte ein Sprecher der "
                    "Regierung. Der Mann wurde nach einer Demonstration gegen die neue Regierung verhaftet. " * 5
                    ).encode(), 5, ["german.txt", "English"]),
    ("scripts.html", b"<html><head><script>alert(1)</script></head><body><script>var x=1;</script>"
                     b"<style>p{}</style></body></html>", 2, ["scripts.html", "no article text"]),
]


@pytest.mark.parametrize(("name", "content", "code", "fragments"), BAD_ARTICLES, ids=[b[0] for b in BAD_ARTICLES])
def test_bad_articles_are_one_clear_line(tmp_path, name, content, code, fragments):
    path = _write(tmp_path / name, content)
    one_line(newsgraph("extract", path, "--published", "2019-01-18"), code, *fragments)


def test_a_50_mb_text_file_is_refused_with_the_limit(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        line = ENGLISH.encode()
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    one_line(newsgraph("extract", path, "--published", "2019-01-18"), 2, "huge.txt", "20 MB limit")


@pytest.mark.parametrize(("published", "fragment"), [("2019-02-30", "not a date"), ("18/01/2019", "not a date"),
                                                     ("2999-01-01", "in the future")])
def test_bad_publication_dates_are_refused(tmp_path, published, fragment):
    path = _write(tmp_path / "a.txt", ENGLISH.encode())
    one_line(newsgraph("extract", path, "--published", published), 2, "--published", fragment)


def test_a_missing_publication_date_says_how_to_give_one(tmp_path):
    path = _write(tmp_path / "a.txt", ENGLISH.encode())
    one_line(newsgraph("extract", path), 2, "a.txt", "--published")


@pytest.mark.parametrize(("encoding", "prefix"), [("latin-1", b""), ("utf-16", b""), ("utf-8", b"\xef\xbb\xbf")])
def test_latin1_utf16_and_bom_texts_are_read_with_exact_offsets(tmp_path, encoding, prefix):
    text = "Jos\u00e9 Mart\u00ednez, a member of the Workers Union, was arrested in Riga on Monday.\n"
    path = _write(tmp_path / "a.txt", prefix + text.encode(encoding))
    out = tmp_path / "a.yaml"
    result = newsgraph("extract", path, "--published", "2019-01-18", "--format", "annotation", "-o", out)
    assert result.returncode == 0, result.stderr
    import yaml

    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    names = [e["name"] for e in data["entities"]]
    assert "Jos\u00e9 Mart\u00ednez" in names
    for ent in data["entities"]:
        for span in ent["evidence"]:
            assert text[span["start"]:span["end"]] == span["text"]


def test_html_full_of_scripts_keeps_only_the_article(tmp_path):
    page = ("<html><head><title>Union leader arrested</title>"
            "<meta property='article:published_time' content='2019-01-18T10:00:00Z'>"
            "<script>var tracker = 'Quantcast'; document.write('<p>Evil Person</p>')</script></head>"
            "<body><nav>Home | World</nav><article><p>" + ENGLISH + "</p></article>"
            "<script>alert('Mallory Smith')</script><footer>Share this</footer></body></html>")
    path = _write(tmp_path / "page.html", page.encode())
    result = newsgraph("extract", path)
    assert result.returncode == 0, result.stderr
    assert "Anna Chen" in result.stdout
    for leaked in ("Evil Person", "Mallory Smith", "Quantcast", "alert(", "document.write"):
        assert leaked not in result.stdout


def test_an_article_with_no_dates_names_or_quotes_gives_an_empty_valid_graph(tmp_path):
    path = _write(tmp_path / "plain.txt", b"it was a quiet and uneventful day and nothing at all happened here.\n")
    out = tmp_path / "plain.ttl"
    result = newsgraph("extract", path, "--published", "2019-01-18", "-o", out)
    assert result.returncode == 0, result.stderr
    check = newsgraph("validate", out)
    assert check.returncode == 0 and "conforms" in check.stdout


def test_a_missing_article_is_one_line(tmp_path):
    one_line(newsgraph("extract", tmp_path / "nope.txt", "--published", "2019-01-18"), 2, "nope.txt", "no such file")


def test_output_into_a_read_only_place_is_exit_4(tmp_path):
    path = _write(tmp_path / "a.txt", ENGLISH.encode())
    blocker = _write(tmp_path / "file", b"x")
    one_line(newsgraph("extract", path, "--published", "2019-01-18", "-o", blocker / "out.ttl"), 4, "cannot write here")


def _mount_tmpfs(target: Path, options: str) -> None:
    target.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"these tests mount a small tmpfs and need root (CI runs as root): {result.stderr.strip()}")


@pytest.fixture
def tiny_fs(tmp_path):
    mounts = []

    def make(name: str, options: str) -> Path:
        target = tmp_path / name
        _mount_tmpfs(target, options)
        mounts.append(target)
        return target

    yield make
    for target in mounts:
        subprocess.run(["umount", str(target)], check=False)


def test_a_full_output_folder_is_exit_4_and_leaves_the_old_file_whole(tiny_fs, built):
    full = tiny_fs("full", "size=16k")
    old = full / "newsgraph.ttl"
    old.write_text("old but whole\n")
    result = newsgraph("export", "--format", "turtle", "-o", old, "--store", built["store"])
    one_line(result, 4, "disk is full")
    assert old.read_text() == "old but whole\n"
    assert sorted(p.name for p in full.iterdir()) == ["newsgraph.ttl"]  # no temporary file left


def test_a_read_only_output_folder_is_exit_4(tiny_fs, built):
    ro = tiny_fs("ro", "size=64k,ro")
    one_line(newsgraph("export", "--format", "turtle", "-o", ro / "x.ttl", "--store", built["store"]), 4,
             "read-only")


def test_exports_hold_no_absolute_local_paths_or_home(built):
    home = os.path.expanduser("~")
    for path in Path(built["exports"]).iterdir():
        if path.suffix in (".ttl", ".trig", ".nq", ".jsonld", ".html"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert str(Path(built["exports"]).parent) not in text, path
            assert str(Path(__file__).resolve().parent.parent) not in text, path
            assert f"file://{home}" not in text and f"{home}/" not in text, path



def test_ctrl_c_while_the_command_is_still_loading_is_one_line_and_exit_130(tmp_path: Path) -> None:
    """A KeyboardInterrupt raised while the CLI's modules load (the first few tenths of a
    second) must end as every later Ctrl-C does: one line, no traceback, exit 130, no store."""
    starts = ("import sys, importlib.abc\n"
              "class CtrlC(importlib.abc.MetaPathFinder):\n"
              "    def find_spec(self, name, path, target=None):\n"
              "        if name == 'graph.cli':\n"
              "            raise KeyboardInterrupt\n"
              "sys.meta_path.insert(0, CtrlC())\n"
              "sys.argv = ['newsgraph', 'ingest', sys.argv[1], '--store', sys.argv[2]]\n"
              "from graph.launch import main\n"
              "main()\n")
    article = _write(tmp_path / "a.txt", ENGLISH.encode())
    result = subprocess.run([sys.executable, "-c", starts, str(article), str(tmp_path / "store")],
                            capture_output=True, text=True, timeout=120)
    assert one_line(result, 130) == "newsgraph: interrupted"
    assert not (tmp_path / "store").exists()


def test_the_installed_command_loads_the_cli_through_the_interrupt_guard() -> None:
    import tomllib

    scripts = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["newsgraph"] == "graph.launch:main"
