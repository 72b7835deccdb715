"""What an article was ingested from, so ingesting it again unchanged costs no extraction.

An article's *input digest* is the SHA-256 of everything its named graph is computed
from: the article itself (text, date, URL, headline, outlet, file name) or the curated
annotation, and the *extractor version* (the newsgraph code that reads, extracts and
renders, and the spaCy pipeline's name and version). An ingest that finds the same digest
stored for an article graph that is still in the store skips it and counts it as
"unchanged"; a new release, another spaCy model or an edited text re-extracts it.

The digests live in an internal graph (:data:`DIGEST_GRAPH`), never exported or listed,
written right after the article graphs they describe: a run stopped in between leaves
an article without its digest, which is then simply extracted again.

>>> import datetime as dt
>>> from graph.model import Article
>>> a = Article("a-1", "Ann Lee spoke.", dt.date(2020, 1, 2))
>>> input_digest(a, "v1") == input_digest(Article("a-1", "Ann Lee spoke.", dt.date(2020, 1, 2)), "v1")
True
>>> input_digest(a, "v1") == input_digest(a, "v2")
False
"""
from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

from .model import Article, ArticleGraph
from .store import INTERNAL_GRAPHS, Store

DIGEST_GRAPH = INTERNAL_GRAPHS + "digests"
DIGEST_PREDICATE = INTERNAL_GRAPHS + "inputDigest"
# The parts of newsgraph that do not shape an article graph: changing them re-extracts nothing.
# (Any other module counts: when in doubt an article is extracted again, never left stale.)
_NOT_EXTRACTION = ("export", "queries", "resources", "store", "__init__.py", "__main__.py", "launch.py", "cli.py",
                   "query.py", "listing.py", "table.py", "progress.py", "validate.py", "workers.py", "cluster.py",
                   "coref.py", "agreement.py", "resolve.py", "ingest.py", "corpuslayer.py", "corpusblocks.py",
                   "readmodel.py", "gcpause.py", "serve.py", "shards.py")


@functools.cache
def extractor_version() -> str:
    """24 hex of the SHA-256 of the code that shapes an article graph and of the spaCy pipeline used.

    >>> len(extractor_version())
    24
    """
    from .extract.pipeline import installed_models

    root = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if relative.parts[0] in _NOT_EXTRACTION or "__pycache__" in relative.parts:
            continue
        digest.update(str(relative).encode() + b"\0" + path.read_bytes() + b"\0")
    for name in installed_models()[:1]:
        try:
            digest.update(f"{name}=={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(name.encode())
    return digest.hexdigest()[:24]


def input_digest(job: Article | ArticleGraph, version: str) -> str:
    """32 hex of the SHA-256 of an article or annotation (its every field) and ``version``."""
    return hashlib.sha256(f"{version}\0{job!r}".encode("utf-8", "surrogatepass")).hexdigest()[:32]


def stored_digests(store: Store) -> dict[str, str]:
    """Article graph IRI -> the input digest it was written from."""
    rows = store.select_values(f"SELECT ?g ?d WHERE {{ GRAPH <{DIGEST_GRAPH}> {{ ?g <{DIGEST_PREDICATE}> ?d }} }}")
    return {g: d for g, d in rows if g and d}


def record_digests(store: Store, digests: Mapping[str, str]) -> None:
    """Store each article graph's input digest, replacing the one it had, in one update."""
    if not digests:
        return
    graphs = " ".join(f"<{g}>" for g in digests)
    triples = "".join(f'<{g}> <{DIGEST_PREDICATE}> "{d}" .\n' for g, d in digests.items())
    store.update(f"DELETE {{ GRAPH <{DIGEST_GRAPH}> {{ ?g <{DIGEST_PREDICATE}> ?d }} }} "
                 f"WHERE {{ VALUES ?g {{ {graphs} }} GRAPH <{DIGEST_GRAPH}> {{ ?g <{DIGEST_PREDICATE}> ?d }} }} ;\n"
                 f"INSERT DATA {{ GRAPH <{DIGEST_GRAPH}> {{\n{triples}}} }}")


__all__ = ["DIGEST_GRAPH", "extractor_version", "input_digest", "record_digests", "stored_digests"]
