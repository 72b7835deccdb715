"""Automatic drafts: article files -> extracted graph -> Turtle or a reviewable annotation."""
from __future__ import annotations

import datetime as dt
import os
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


def text_name(article: Path, draft: Path | None) -> str:
    """How a draft written to ``draft`` names its article: the path from the draft's folder,
    which the loader allows only inside that folder (standard output: the file name).

    >>> text_name(Path("news/story.txt"), Path("news/story.yaml")), text_name(Path("news/story.txt"), None)
    ('story.txt', 'story.txt')
    >>> text_name(Path("news/story.txt"), Path("drafts/story.yaml"))
    Traceback (most recent call last):
    graph.errors.InputError: drafts/story.yaml: a draft must sit in its article's folder (or above it), where the loader finds the article; write it beside news/story.txt
    """
    if draft is None:
        return article.name
    relative = Path(os.path.relpath(article.resolve(), draft.resolve().parent))
    if relative.parts[0] == os.pardir:
        raise InputError(f"{draft}: a draft must sit in its article's folder (or above it), where the loader "
                         f"finds the article; write it beside {article}")
    return relative.as_posix()


def extract_to_text(paths: list[Path], *, published: str | None = None, url: str | None = None,
                    publisher: str | None = None, title: str | None = None, fmt: str = "turtle",
                    model: str | None = None, output: Path | None = None) -> str:
    """Extract each article and render all of them in one Turtle document or annotation(s).

    An annotation draft written to ``output`` names its article from there; a draft file
    holds one article (several drafts go to standard output, one YAML document each)."""
    from .annotations import dump_annotation
    from .articles import read_article
    from .extract import extract_many, load_model
    from .rdf import new_graph, to_rdf

    date = parse_published(published)
    if fmt == "annotation" and output is not None:
        if len(paths) > 1:
            raise InputError(f"{output}: a draft file holds one article; extract each article to its own draft")
        text_name(paths[0], output)
    articles = [read_article(path, published=date, url=url, title=title, publisher=publisher) for path in paths]
    graphs = list(zip(paths, extract_many(articles, nlp=load_model(model))))
    if fmt == "annotation":
        return "\n---\n".join(dump_annotation(ag, text_name(path, output)) for path, ag in graphs)
    merged = new_graph()
    for _path, ag in graphs:
        for triple in to_rdf(ag):
            merged.add(triple)
    return merged.serialize(format="turtle")
