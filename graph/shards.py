"""The bulk path: articles extracted to N-Quads shards, one named graph per article, for a
server's own bulk loader (``oxigraph load``, Virtuoso's ``ld_dir`` + ``rdf_loader_run()``).

Each article's graph IRI and triples are exactly what :func:`graph.ingest.ingest` writes:
the same reading, extraction and rendering functions make them. The corpus layer is not in
the shards; ``newsgraph rebuild --store URL`` computes it once the shards are loaded.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .ingest import BATCH_SIZE
from .inputs import expand, jobs, read, sources
from .errors import InputError
from .rdf import article_ntriples
from .store.base import as_nquads
from .workers import render_articles

SHARD_ARTICLES = 1_000


@dataclass
class ShardSummary:
    """What :func:`write_shards` wrote and what it could not."""

    shards: list[Path] = field(default_factory=list)
    articles: int = 0
    quads: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


def write_shards(paths: Iterable[str | Path], out_dir: Path, *, per_shard: int = SHARD_ARTICLES,
                 published: dt.date | None = None, n_process: int = 1, nlp: object | None = None,
                 cluster: str | None = None) -> ShardSummary:
    """Write ``out_dir/articles-00000.nq``, ... with ``per_shard`` articles each.

    A shard is written to a ``.part`` file and renamed when complete, so a loader pointed
    at ``*.nq`` never reads half a shard.
    """
    if per_shard < 1:
        raise InputError("--shard-size must be at least 1")
    files, problems = expand(paths)
    srcs, unreadable = sources(files)
    summary = ShardSummary(failed=problems + unreadable)
    out_dir.mkdir(parents=True, exist_ok=True)
    todo = jobs(read(srcs, published))
    if cluster:
        from .cluster import render_on_cluster

        stream = render_on_cluster(todo, article_ntriples, cluster, batch_size=BATCH_SIZE)
    else:
        stream = render_articles(todo, article_ntriples, nlp=nlp, n_process=n_process, batch_size=BATCH_SIZE)
    block: list[str] = []
    for (source, iri), data, error in stream:
        if error is not None or iri is None or data is None:
            summary.failed.append((source, error or "no article"))
            continue
        block.append(as_nquads(iri, data))
        summary.articles += 1
        summary.quads += data.count(" .\n")
        if len(block) == per_shard:
            _flush(out_dir, block, summary)
    _flush(out_dir, block, summary)
    return summary


def _flush(out_dir: Path, block: list[str], summary: ShardSummary) -> None:
    if not block:
        return
    path = out_dir / f"articles-{len(summary.shards):05d}.nq"
    part = path.with_suffix(".nq.part")
    part.write_text("".join(block), encoding="utf-8")
    part.replace(path)
    summary.shards.append(path)
    block.clear()


__all__ = ["SHARD_ARTICLES", "ShardSummary", "write_shards"]
