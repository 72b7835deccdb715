"""Articles parsed, extracted and rendered in worker processes, results in input order.

spaCy's own ``nlp.pipe(n_process=N)`` sends every parsed ``Doc`` back to the parent,
which must then deserialize it, extract and write the triples alone. Here each worker
parses, extracts *and* renders its batch (for ingest: N-Triples text), so the parent
receives a string per article and only writes to the store.

A job is an :class:`~graph.model.Article` (parsed and extracted), a ready
:class:`~graph.model.ArticleGraph` (a curated annotation: rendered only), a
:class:`Failed` read or a :class:`Done` job whose result is known (an unchanged article).
The spaCy pipeline is loaded only when a batch holds an article to parse, so an ingest
of unchanged articles never loads it. One article's failure never stops the others: a
failed batch is retried article by article, and a worker that dies takes only its batch
with it.

>>> import datetime as dt
>>> from graph.model import Article
>>> jobs = [("a", Article("a1", "The police arrested Ann Lee in Paris on Monday.", dt.date(2020, 1, 8))),
...         ("b", Failed("cannot read"))]
>>> [(key, sorted(e.name for e in ag.entities) if ag else None, error)
...  for key, ag, error in render_articles(jobs, keep)]
[('a', ['Ann Lee', 'Paris'], None), ('b', None, 'cannot read')]
"""
from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

from .errors import NewsgraphError
from .model import Article, ArticleGraph

K = TypeVar("K")
R = TypeVar("R")
BATCH_SIZE = 32


@dataclass(frozen=True)
class Failed:
    """A job that failed before extraction (unreadable input); passed through in order."""

    message: str


@dataclass(frozen=True)
class Done:
    """A job whose result is already known (an unchanged article); passed through in order."""

    result: Any


Job = Article | ArticleGraph | Failed | Done
Outcome = tuple[Any, str | None]  # (rendered result, or None and the failure message)

_STATE: tuple[Any, Callable[[ArticleGraph], Any]] | None = None  # (nlp, render), inherited by forked workers


def keep(ag: ArticleGraph) -> ArticleGraph:
    """The render that returns the extracted graph itself."""
    return ag


def _message(exc: BaseException) -> str:
    if isinstance(exc, NewsgraphError):
        return str(exc)
    return " ".join(f"extraction failed ({exc.__class__.__name__}: {exc})".split())


def render_batch(batch: list[Job], nlp: Any, render: Callable[[ArticleGraph], R]) -> list[Outcome]:
    """Parse the batch's articles with ``nlp.pipe``, extract each graph and render it."""
    from .extract import graph_from_doc, parse_many

    articles = [job for job in batch if isinstance(job, Article)]
    try:
        docs = iter(list(parse_many(nlp, articles, batch_size=len(articles)))) if articles else iter(())
    except Exception as exc:  # noqa: BLE001 - isolate the article that broke the parser
        if len(articles) > 1:
            return [out for job in batch for out in render_batch([job], nlp, render)]
        return [(None, job.message) if isinstance(job, Failed) else (None, _message(exc)) for job in batch]
    out: list[Outcome] = []
    for job in batch:
        if isinstance(job, Failed):
            out.append((None, job.message))
            continue
        if isinstance(job, Done):
            out.append((job.result, None))
            continue
        try:
            ag = job if isinstance(job, ArticleGraph) else graph_from_doc(job, next(docs))
            out.append((render(ag), None))
        except Exception as exc:  # noqa: BLE001 - one article's bug never stops the batch
            out.append((None, _message(exc)))
    return out


def _leave_interrupts_to_the_parent() -> None:
    """Ctrl-C stops the parent, which shuts the pool down; workers print no traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _in_worker(batch: list[Job]) -> list[Outcome]:
    assert _STATE is not None
    nlp, render = _STATE
    return render_batch(batch, nlp, render)


def _chunks(jobs: Iterable[tuple[K, Job]], size: int) -> Iterator[list[tuple[K, Job]]]:
    chunk: list[tuple[K, Job]] = []
    for job in jobs:
        chunk.append(job)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _needs_model(batch: list[Job]) -> bool:
    return any(isinstance(job, Article) for job in batch)


def render_articles(jobs: Iterable[tuple[K, Job]], render: Callable[[ArticleGraph], R], *, nlp: Any = None,
                    n_process: int = 1, batch_size: int = BATCH_SIZE) -> Iterator[tuple[K, R | None, str | None]]:
    """``(key, render(graph), None)`` or ``(key, None, message)`` for each job, in input order.

    With ``n_process > 1`` the work runs in that many forked processes (the model is
    inherited, not copied), with at most four batches per process in flight (work for the
    workers while the parent writes a bulk load), so a long input is never read ahead into
    memory. Without ``nlp`` the best installed pipeline is
    loaded, and only once a batch holds an article to parse; a batch with none (curated
    annotations, :class:`Done` and :class:`Failed` jobs) is rendered here, in this process.
    """
    model: list[Any] = [nlp]

    def loaded() -> Any:
        if model[0] is None:
            from .extract import load_model

            model[0] = load_model()
        return model[0]

    if n_process <= 1:
        for chunk in _chunks(jobs, batch_size):
            batch = [job for _key, job in chunk]
            outcomes = render_batch(batch, loaded() if _needs_model(batch) else None, render)
            for (key, _job), (result, error) in zip(chunk, outcomes):
                yield key, result, error
        return
    global _STATE
    pool: _Pool | None = None
    in_flight: deque[tuple[list[K], Future[list[Outcome]]]] = deque()
    try:
        for chunk in _chunks(jobs, batch_size):
            batch = [job for _key, job in chunk]
            if _needs_model(batch):
                if pool is None:
                    _STATE = (loaded(), render)
                    pool = _Pool(n_process)
                future = pool.submit(batch)
            else:
                future = Future()
                future.set_result(render_batch(batch, None, render))
            in_flight.append(([key for key, _job in chunk], future))
            while len(in_flight) > 4 * n_process:
                yield from _collect(*in_flight.popleft())
        while in_flight:
            yield from _collect(*in_flight.popleft())
    finally:
        if pool is not None:
            pool.shutdown()
        _STATE = None


class _Pool:
    """Forked worker processes; a pool broken by a dead worker is replaced for later batches."""

    def __init__(self, n_process: int) -> None:
        self.n_process = n_process
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.n_process, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_leave_interrupts_to_the_parent)

    def submit(self, batch: list[Job]) -> Future[list[Outcome]]:
        try:
            return self.executor.submit(_in_worker, batch)
        except BrokenProcessPool:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = self._new()
            return self.executor.submit(_in_worker, batch)

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _collect(keys: list[K], future: Future[list[Outcome]]) -> Iterator[tuple[K, Any, str | None]]:
    try:
        outcomes = future.result()
    except BrokenProcessPool:
        outcomes = [(None, "extraction failed (a worker process died)")] * len(keys)
    for key, (result, error) in zip(keys, outcomes):
        yield key, result, error


__all__ = ["BATCH_SIZE", "Done", "Failed", "Job", "keep", "render_articles", "render_batch"]
