"""Shared fixtures: the curated seed article, its RDF, and a store built from it."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph.annotations import load_annotation
from graph.build import build
from graph.inputs import identity
from graph.model import ArticleGraph
from graph.rdf import to_rdf
from graph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_ANNOTATION = SEEDS / "hornet-2019-01-18.yaml"
SEED_TEXT = SEEDS / "hornet-2019-01-18.txt"
PUBLISHED = dt.date(2019, 1, 18)
SEED_ID = identity(load_annotation(SEED_ANNOTATION).article)  # the seed's id, as build and ingest name it


@pytest.fixture(scope="session")
def seed() -> ArticleGraph:
    """The curated seed, named as build and ingest name it (graph.inputs.identity)."""
    ag = load_annotation(SEED_ANNOTATION)
    ag.article.id = SEED_ID
    return ag


@pytest.fixture(scope="session")
def seed_rdf(seed):
    return to_rdf(seed)


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """A store and exports built from seeds/ by the real build, once per session."""
    base = tmp_path_factory.mktemp("built")
    store_dir, exports = base / "store", base / "exports"
    with open_store(store_dir, create=True) as store:
        summary = build(SEEDS, store, exports, fresh=True)
    return {"store": store_dir, "exports": exports, "summary": summary}


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the session's page tests (playwright's sync API allows one at a time)."""
    from .browser import chromium

    with chromium() as browser:
        yield browser
