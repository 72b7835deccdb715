"""newsgraph: news articles into an event-timeline knowledge graph, with evidence.

The public API, for a notebook or a script (the ``newsgraph`` command is a thin layer over
the same functions). Each name is imported when first used, so ``import graph`` stays light.

- :func:`open_store` (a folder, or a SPARQL endpoint URL), :func:`build` (seeds -> store
  -> exports), :func:`ingest` (articles -> store, with the corpus layer), :func:`extract`
  (one article -> its graph model), :func:`run_query` (SPARQL, or a named query's text
  from :func:`named_query`), :func:`write_explorer` (the offline page).

>>> import tempfile, pathlib, graph
>>> seeds = pathlib.Path(graph.__file__).resolve().parent.parent / "seeds"
>>> with tempfile.TemporaryDirectory() as tmp, graph.open_store(tmp + "/store", create=True) as store:
...     summary = graph.build(seeds, store, None)
...     rows = graph.run_query(store, graph.named_query("actors").text).rows
...     top = rows[0][0].value
>>> summary.articles, top
(1, 'Russian Federation')
>>> graph.resolve_date("Yesterday", __import__("datetime").date(2019, 1, 18)).edtf
'2019-01-17'
"""
from __future__ import annotations

import sys
import types
from importlib import import_module
from typing import Any

from .errors import (
    AnnotationError,
    InputError,
    ModelMissingError,
    NewsgraphError,
    OutputError,
    QueryError,
    ShapeError,
    StoreError,
    UnsupportedError,
)

__version__ = "0.1.0"

_LAZY: dict[str, tuple[str, str | None]] = {
    "open_store": ("graph.store", "open_store"),
    "build": ("graph.build", None),  # the module, callable as graph.build.build
    "ingest": ("graph.ingest", "ingest"),
    "extract": ("graph.extract", None),  # the module, callable as graph.extract.extract
    "run_query": ("graph.query", "run_query"),
    "named_query": ("graph.query", "named_query"),
    "write_explorer": ("graph.export.explorer", "write_explorer"),
    "resolve_date": ("graph.timex", "resolve"),  # its patterns take 0.1 s to compile
}


class CallableModule(types.ModuleType):
    """``graph.build`` and ``graph.extract`` are modules *and* the public functions of the same
    name: calling the module calls its function (``graph.build(seeds, store, exports)``),
    while ``graph.build.load_into`` and ``import graph.extract as m`` keep working."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return getattr(self, self.__name__.rpartition(".")[2])(*args, **kwargs)


def callable_module(name: str) -> None:
    """Make the loaded module ``name`` callable as its function of the same last name."""
    sys.modules[name].__class__ = CallableModule


def __getattr__(name: str) -> Any:
    """The public functions, imported on first use (spaCy, pySHACL and the store are heavy)."""
    if name in _LAZY:
        module, attr = _LAZY[name]
        value = import_module(module) if attr is None else getattr(import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'graph' has no attribute {name!r}")


__all__ = [
    "AnnotationError",
    "InputError",
    "ModelMissingError",
    "NewsgraphError",
    "OutputError",
    "QueryError",
    "ShapeError",
    "StoreError",
    "UnsupportedError",
    "__version__",
    "build",
    "extract",
    "ingest",
    "named_query",
    "open_store",
    "resolve_date",
    "run_query",
    "write_explorer",
]
