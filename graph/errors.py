"""One hierarchy of domain errors; each class carries its exit code.

The library raises these; the CLI turns them into one line on stderr in one place
(``graph.cli``). Exit codes are documented in the README:

==== ==========================================================
code meaning
==== ==========================================================
0    success
1    the graph does not conform to the SHACL shapes (``validate``)
2    bad input: a file, an annotation, a date, a SPARQL query, an option
3    store problem: missing, corrupt, locked or unreachable store
4    an output could not be written (read-only or full directory)
5    unsupported input (e.g. an article that is not in English)
6    no spaCy English pipeline is installed
130  interrupted (Ctrl-C); what was saved is kept and reported
==== ==========================================================

>>> e = AnnotationError("seeds/a.yaml: entity 'x': evidence not found")
>>> e.exit_code, str(e)
(2, "seeds/a.yaml: entity 'x': evidence not found")
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

INTERRUPTED = 130  # the exit code of a command stopped by Ctrl-C (128 + SIGINT)


class NewsgraphError(Exception):
    """Base of every error newsgraph reports to a user, always as one line (or, for an error
    that lists several ``problems``, one line per problem).

    >>> str(InputError("bad value 'a\\nb'"))
    "bad value 'a\\\\nb'"
    """

    exit_code: int = 2

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        super().__init__(_one_line(message))
        self.problems = [_one_line(p) for p in problems]

    def lines(self) -> list[str]:
        """What the CLI prints: one line per problem when there are several, else the message.

        >>> AnnotationError("a.yaml: 2 problems: x; y", ["a.yaml: x", "a.yaml: y"]).lines()
        ['a.yaml: x', 'a.yaml: y']
        """
        return self.problems or [str(self)]


def _one_line(message: str) -> str:
    return str(message).replace("\r", "\\r").replace("\n", "\\n")


class InputError(NewsgraphError):
    """An input file or option is wrong (missing, empty, binary, bad date...)."""

    exit_code = 2


class AnnotationError(InputError):
    """A curated annotation is malformed or does not match its article text."""


class QueryError(InputError):
    """A SPARQL query is malformed, unknown, or not allowed (update without flag)."""


class ShapeError(NewsgraphError):
    """The graph does not conform to the SHACL shapes."""

    exit_code = 1


class StoreError(NewsgraphError):
    """The store is missing, corrupt, locked by another process or unreachable."""

    exit_code = 3


class OutputError(NewsgraphError):
    """An output file could not be written."""

    exit_code = 4


class UnsupportedError(InputError):
    """The input is valid but newsgraph cannot process it (e.g. not English)."""

    exit_code = 5


class ModelMissingError(NewsgraphError):
    """No spaCy English pipeline is installed."""

    exit_code = 6


class IngestInterrupted(NewsgraphError):
    """Ctrl-C during an ingest: the articles extracted so far were saved.

    ``summary`` is the :class:`graph.ingest.IngestSummary` so far; ``total`` the articles
    the ingest was given. Ingesting the same inputs again finishes the work: the saved
    articles are then skipped as unchanged.
    """

    exit_code = INTERRUPTED

    def __init__(self, summary: Any, total: int) -> None:
        self.summary, self.total = summary, total
        saved = summary.added + summary.replaced + summary.unchanged
        super().__init__(f"interrupted: {saved} of {total} article(s) saved ({summary.added} added, "
                         f"{summary.replaced} replaced, {summary.unchanged} unchanged); the corpus graph is "
                         "not recomputed")
