"""newsgraph: news articles into an event-timeline knowledge graph, with evidence.

The public API, name by name (see the README for a tour):

>>> from graph import resolve_date
>>> import datetime as dt
>>> resolve_date("Yesterday", dt.date(2019, 1, 18)).edtf
'2019-01-17'
"""
from __future__ import annotations

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
from .timex import resolve as resolve_date

__version__ = "0.1.0"

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
    "resolve_date",
]
