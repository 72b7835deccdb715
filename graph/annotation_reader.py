"""Reading an annotation document: every problem collected with its line, then raised at once.

A person who corrects a draft should see every mistake in one run, each with the line of the
YAML file where it stands. :class:`Reader` records a problem and lets the loader go on with
the next field or item; :meth:`Reader.finish` raises one :class:`AnnotationError` that lists
them all (the CLI prints one line per problem).

>>> data = parse_document("a:\\n  b: 1\\n  c:\\n    d: x\\n", "a.yaml", is_json=False)
>>> data["a"]["__line__"], data["a"]["c"]["__line__"], data["a"]["__keys__"]["c"]
(2, 4, 3)
>>> r = Reader("a.yaml", "Igor Kochetkov spoke.")
>>> r.span({"text": "spoke"}, "entity 'x'")
Span(start=15, end=20, text='spoke')
>>> r.attempt(r.span, {"start": 0, "end": 4, "text": "Igor"}, "entity 'x'")
Span(start=0, end=4, text='Igor')
>>> r.attempt(r.span, {"text": "Kadyrov", "__line__": 7}, "entity 'y'") is None
True
>>> r.problems
["a.yaml: line 7: entity 'y': evidence 'Kadyrov' is not in the text"]
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import yaml

from .errors import AnnotationError
from .model import Span

SCHEMA = "newsgraph-annotation/1"
NOT_AN_ANNOTATION = ("not a newsgraph annotation (no 'article' mapping); an article's text goes in a .txt, .md "
                     "or .html file, or one article per line in a .jsonl file")
Node = dict[str, Any]
T = TypeVar("T")
_META = ("__line__", "__keys__")
SPAN_FIELDS = ("start", "end", "text")


class Skip(Exception):
    """A problem of the current field or item is recorded; the loader goes on with the next."""


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line of every mapping (``__line__``) and of each of
    its keys (``__keys__``)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        mapping["__keys__"] = {k.value: k.start_mark.line + 1 for k, _v in node.value if isinstance(k.value, str)}
        return mapping


def parse_document(raw: str, where: str, is_json: bool) -> Node:
    """The document as data (mappings carry their lines); AnnotationError when it is not one."""
    try:
        if is_json:
            data = json.loads(raw)
        else:
            data = yaml.load(raw, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except json.JSONDecodeError as exc:
        raise AnnotationError(f"{where}: line {exc.lineno}, column {exc.colno}: malformed JSON: {exc.msg}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if "expected a single document" in str(exc):
            problem += " (one annotation per article: give each its own file)"
        raise AnnotationError(f"{where}: {at}malformed YAML: {problem}") from None
    if not isinstance(data, dict):
        raise AnnotationError(f"{where}: an annotation must be a mapping with 'article', 'entities', 'events'")
    if data.get("schema", SCHEMA) != SCHEMA:
        raise AnnotationError(f"{where}: unknown schema {data.get('schema')!r}; expected {SCHEMA!r}")
    return data


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "text", int: "a whole number", list: "a list", dict: "a mapping", bool: "true or false"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _places(found: list[int], width: int) -> str:
    shown = ", ".join(f"{a}-{a + width}" for a in found[:5])
    return shown + (", ..." if len(found) > 5 else "")


class Reader:
    """Reads one annotation document against its text, collecting problems with their lines."""

    def __init__(self, where: str, text: str) -> None:
        self.where = where
        self.text = text
        self._found: list[tuple[int, int, str]] = []  # (line or a large number, order, message)
        self._refs: list[tuple[str, str, str, int | None]] = []  # (id, what, entry, line)

    # ------------------------------------------------------------------ problems

    @staticmethod
    def line(node: Any, key: str | None = None) -> int | None:
        """The line of ``key`` in the mapping ``node``, else of the mapping itself."""
        if not isinstance(node, dict):
            return None
        return (node.get("__keys__") or {}).get(key) or node.get("__line__")

    def problem(self, entry: str, node: Any, message: str, key: str | None = None, *,
                line: int | None = None) -> Skip:
        """Record a problem of ``entry``; returns :class:`Skip` for the caller to raise."""
        line = line or self.line(node, key)
        at = f"line {line}: " if line else ""
        self._found.append((line or 1 << 30, len(self._found), f"{self.where}: {at}{entry}: {message}"))
        return Skip()

    @property
    def problems(self) -> list[str]:
        """Every problem so far, in the order of the file."""
        return [message for _line, _order, message in sorted(self._found)]

    def attempt(self, read: Callable[..., T], *args: Any, default: Any = None, **kwargs: Any) -> T | Any:
        """``read(*args, **kwargs)``, or ``default`` when it recorded a problem."""
        try:
            return read(*args, **kwargs)
        except Skip:
            return default

    def finish(self) -> None:
        """Raise one AnnotationError listing every problem, if there are any."""
        problems = self.problems
        if len(problems) == 1:
            raise AnnotationError(problems[0])
        if problems:
            short = "; ".join(p.removeprefix(f"{self.where}: ") for p in problems)
            raise AnnotationError(f"{self.where}: {len(problems)} problems: {short}", problems)

    # ------------------------------------------------------------------ fields

    def mapping(self, node: Any, entry: str, what: str, allowed: Iterable[str], *, at: Any = None) -> Node:
        """``node`` as a mapping whose keys are all ``allowed`` (a misspelt key is a problem,
        never silently ignored)."""
        if not isinstance(node, dict):
            raise self.problem(entry, at, f"{what} must be a mapping")
        allowed = tuple(allowed)
        for key in node:
            if key not in allowed and key not in _META:
                self.problem(entry, node, f"unknown field {key!r}; expected one of: {', '.join(allowed)}", str(key))
        return node

    def field(self, node: Node, key: str, entry: str, kind: type | tuple[type, ...] = str) -> Any:
        if not isinstance(node, dict) or key not in node or node[key] is None:
            raise self.problem(entry, node, f"missing '{key}'")
        value = node[key]
        if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            raise self.problem(entry, node, f"'{key}' must be {_kind_name(kind)}", key)
        return value

    def optional(self, node: Node, key: str, entry: str) -> str | None:
        raw = node.get(key)
        if raw is not None and not isinstance(raw, str):
            raise self.problem(entry, node, f"'{key}' must be text", key)
        return raw

    def enum(self, node: Node, key: str, entry: str, enum: type, default: Any = None) -> Any:
        raw = node.get(key, default)
        if raw is None:
            raise self.problem(entry, node, f"missing '{key}'")
        try:
            return enum(raw)
        except (ValueError, TypeError):
            allowed = ", ".join(m.value for m in enum)
            raise self.problem(entry, node, f"'{key}' is {raw!r}; expected one of: {allowed}", key) from None

    def items(self, node: Node, key: str, entry: str) -> list[Node]:
        """A list of mappings (``participants``, ``titles``...); empty when absent."""
        return self._list(node, key, entry, dict, "a list of mappings")

    def strings(self, node: Node, key: str, entry: str) -> list[str]:
        """A list of texts or ids (``aliases``, ``places``, ``reports``); empty when absent."""
        return self._list(node, key, entry, str, "a list of texts")

    def _list(self, node: Node, key: str, entry: str, kind: type, what: str) -> list[Any]:
        raw = node.get(key)
        if raw is None:
            return []
        if not isinstance(raw, list) or not all(isinstance(i, kind) for i in raw):
            raise self.problem(entry, node, f"'{key}' must be {what}", key)
        return list(raw)

    # ------------------------------------------------------------------ evidence

    def span(self, node: Any, entry: str, *, at: Any = None, key: str | None = None) -> Span:
        """A span ``{start, end, text}``, checked against the text. Given only the words
        (``{text: ...}`` or the words alone), the span is where they stand, when they stand
        in the text exactly once; given one offset, the words give the other. A problem of a span given as words alone is placed at
        ``key`` of the mapping ``at`` that holds it."""
        if isinstance(node, str):
            return self._find(node, entry, at, key)
        node = self.mapping(node, entry, "a span ({start, end, text} or the words alone)", SPAN_FIELDS, at=at)
        words = self.field(node, "text", entry)
        if not words.strip():
            raise self.problem(entry, node, "evidence must have words", "text")
        if node.get("start") is None and node.get("end") is None:
            return self._find(words, entry, node)
        # One offset and the words give the other.
        start = self.field(node, "start", entry, int) if node.get("start") is not None else None
        end = self.field(node, "end", entry, int) if node.get("end") is not None else None
        start = end - len(words) if start is None else start
        end = start + len(words) if end is None else end
        span = Span(start, end, words)
        if span.holds_in(self.text):
            return span
        there = self.text[start:end] if 0 <= start <= end <= len(self.text) else None
        hint = f"the text there is {there!r}" if there is not None else "offsets outside the text"
        found = self._occurrences(words)
        hint += f"; the words stand at {_places(found, len(words))}" if found else "; the words are nowhere in the text"
        raise self.problem(entry, node, f"evidence {words!r} is not in the text at {start}-{end} ({hint})")

    def _occurrences(self, words: str) -> list[int]:
        found, at = [], self.text.find(words)
        while at >= 0 and words:
            found.append(at)
            at = self.text.find(words, at + 1)
        return found

    def _find(self, words: str, entry: str, node: Any, key: str | None = None) -> Span:
        found = self._occurrences(words)
        if len(found) == 1:
            return Span(found[0], found[0] + len(words), words)
        if not found:
            raise self.problem(entry, node, f"evidence {words!r} is not in the text", key)
        raise self.problem(entry, node, f"evidence {words!r} stands {len(found)} times in the text "
                           f"(at {_places(found, len(words))}); give 'start' and 'end' to say which", key)

    def spans(self, node: Node, key: str, entry: str, *, required: bool = True) -> list[Span]:
        """The spans under ``key``: each bad one is a problem of its own."""
        items = node.get(key) or []
        if not isinstance(items, list):
            raise self.problem(entry, node, f"'{key}' must be a list of spans", key)
        if required and not items:
            raise self.problem(entry, node, f"'{key}' needs at least one span of evidence", key)
        spans = [self.attempt(self.span, item, entry, at=node, key=key) for item in items]
        return [s for s in spans if s is not None]

    # ------------------------------------------------------------------ references

    def refer(self, ident: str | None, what: str, entry: str, node: Any, key: str) -> None:
        """Note that ``entry`` names the ``what`` (entity or event) ``ident``; see :meth:`check`."""
        if ident is not None:
            self._refs.append((ident, what, entry, self.line(node, key)))

    def check(self, known: dict[str, set[str]]) -> None:
        """Every noted reference names a known id (``known`` maps entity/event to ids)."""
        for ident, what, entry, line in self._refs:
            if ident not in known[what]:
                self.problem(entry, None, f"unknown {what} {ident!r}", line=line)
