"""Automatic drafts: article files -> extracted graph -> Turtle or a reviewable annotation."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from .errors import InputError


def parse_published(value: str | None) -> dt.date | None:
    """A --published date: valid, and not in the future.

    >>> parse_published("2019-01-18")
    datetime.date(2019, 1, 18)
    """
    if value is None:
        return None
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--published {value!r}: not a date; write YYYY-MM-DD") from None
    if date > dt.date.today():
        raise InputError(f"--published {value}: the date is in the future")
    return date


def extract_to_text(paths: list[Path], *, published: str | None = None, url: str | None = None,
                    publisher: str | None = None, title: str | None = None, fmt: str = "turtle",
                    model: str | None = None) -> str:
    """Extract each article and render all of them in one Turtle document or annotation(s)."""
    from .annotations import dump_annotation
    from .articles import read_article
    from .extract import extract_many, load_model
    from .rdf import new_graph, to_rdf

    date = parse_published(published)
    articles = [read_article(path, published=date, url=url, title=title, publisher=publisher) for path in paths]
    graphs = list(zip(paths, extract_many(articles, nlp=load_model(model))))
    if fmt == "annotation":
        return "\n---\n".join(dump_annotation(ag, path.name) for path, ag in graphs)
    merged = new_graph()
    for _path, ag in graphs:
        for triple in to_rdf(ag):
            merged.add(triple)
    return merged.serialize(format="turtle")
