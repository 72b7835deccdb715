"""`newsgraph validate` passes on what `extract` writes for every news-dev and MEANTIME
article (/work/shared/bench), one graph at a time and as one store with its corpus layer.

All articles are extracted in one process (``extract_many``, the model loaded once). A
failure names each article whose graph breaks a shape, and the shape's message.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from graph.model import Article, ArticleGraph

BENCH = Path("/work/shared/bench")
SETS = ("news-dev", "meantime")


def _articles() -> list[Article]:
    out = []
    for name in SETS:
        for path in sorted((BENCH / name).glob("*.txt")):
            meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
            out.append(Article(id=f"{name}-{path.stem}"[:120], text=path.read_text(encoding="utf-8"),
                               published=dt.date.fromisoformat(meta["published"]), url=meta.get("url"),
                               source=path.name))
    return out


@pytest.fixture(scope="module")
def extracted() -> list[ArticleGraph]:
    if not all((BENCH / name).is_dir() for name in SETS):
        pytest.skip("the shared benchmark sets are not on this machine")
    from graph.extract import extract_many, load_model

    return list(extract_many(_articles(), load_model()))


def _failures(report_text: str) -> list[str]:
    """One line per violation (warnings left out): the focus node, the path and the message."""
    lines = []
    for block in re.split(r"\n(?=\S)", report_text):  # one result per unindented line
        fields = dict(line.strip().split(": ", 1) for line in block.splitlines() if ": " in line)
        if fields.get("Severity") == "sh:Violation":
            lines.append(f"{fields.get('Focus Node')} {fields.get('Result Path', '')}: {fields.get('Message')}")
    return sorted(set(lines))


def test_every_extracted_graph_conforms_to_the_shapes(extracted) -> None:
    from graph.rdf import to_rdf
    from graph.validate import validate_graph

    failed = {}
    for ag in extracted:
        report = validate_graph(to_rdf(ag))
        if not report.conforms:
            failed[ag.article.id] = _failures(report.text)
    assert not failed, "\n".join(f"{aid}:\n  " + "\n  ".join(lines) for aid, lines in failed.items())


def test_a_store_of_the_extracted_graphs_conforms_to_the_shapes(extracted, tmp_path) -> None:
    from graph.build import load_into
    from graph.corpuslayer import rebuild_corpus
    from graph.store import open_store
    from graph.validate import validate_store

    with open_store(tmp_path / "store", create=True) as store:
        for ag in extracted:
            load_into(store, ag)
        rebuild_corpus(store)
        report = validate_store(store)
    assert report.conforms, "\n".join(_failures(report.text))
