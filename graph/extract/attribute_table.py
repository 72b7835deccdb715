"""spaCy's attribute ruler, answered by table lookups instead of its token Matcher.

The English pipelines map each fine-grained tag to its coarse part of speech and features,
and fix some words ("gonna", "ain't", "I" as a subject), with an ``attribute_ruler`` of
some 180 one- and two-token patterns. spaCy runs them through its general Matcher, which
costs about 6 ms an article, an eighth of the whole parse. :class:`AttributeTable` gives
the same tokens the same attributes: the same patterns, read from the pipeline's own
ruler, all matched against the parse as it stood before any were applied, and each token
given the attributes of every rule that matched it in rule order, the later rule winning,
as the ruler does. A token's one-token rules depend only on its tag, lowercase form,
dependency and whether it is blank, so they are found once per such key.

:func:`use_attribute_table` puts the table in the ruler's place only when it can read every
pattern (exact values, ``IN``, ``NOT_IN`` and ``REGEX`` on those four attributes); a
pipeline with other patterns keeps spaCy's ruler.

>>> import spacy
>>> from graph.extract.pipeline import installed_models
>>> stock = spacy.load(installed_models()[0])
>>> table = use_attribute_table(spacy.load(installed_models()[0]))
>>> "newsgraph_attributes" in table.pipe_names, "attribute_ruler" in table.pipe_names
(True, False)
>>> text = "There's a storm, y'all, and we're gonna leave. I told her it ain't safe."
>>> [(t.pos_, str(t.morph), t.lemma_) for t in table(text)] == [(t.pos_, str(t.morph), t.lemma_) for t in stock(text)]
True
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import spacy
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc

COMPONENT = "newsgraph_attributes"
_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # what the patterns may test, in key order

Key = tuple[int, int, int, int]  # a token's (tag, lowercase, dependency, is blank), as the parse gives them
Test = Callable[[Key], bool]


class UnreadablePattern(ValueError):
    """A ruler pattern the table cannot read: the pipeline keeps spaCy's ruler."""


def _test(strings: Any, attr: str, value: Any) -> Test:
    """The test of one token attribute against one pattern value."""
    at = _ATTRS.index(attr) if attr in _ATTRS else -1
    if at < 0:
        raise UnreadablePattern(f"attribute {attr}")
    if attr == "IS_SPACE":
        if not isinstance(value, bool):
            raise UnreadablePattern(f"IS_SPACE {value!r}")
        return lambda key: bool(key[at]) is value
    if isinstance(value, str):
        wanted = strings.add(value) if value else 0
        return lambda key: key[at] == wanted
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list):
            among = frozenset(strings.add(v) if v else 0 for v in arg)
            return (lambda key: key[at] in among) if op == "IN" else (lambda key: key[at] not in among)
        if op == "REGEX" and isinstance(arg, str):
            pattern = re.compile(arg)
            return lambda key: pattern.search(strings[key[at]] if key[at] else "") is not None
    raise UnreadablePattern(f"{attr} {value!r}")


def _token_test(strings: Any, spec: dict[str, Any]) -> Test:
    tests = [_test(strings, attr, value) for attr, value in spec.items()]
    return lambda key: all(t(key) for t in tests)


class AttributeTable:
    """The rules of an ``AttributeRuler``, applied without its Matcher (see the module)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        strings = ruler.vocab.strings
        self.columns = [TAG, LOWER, DEP, IS_SPACE]
        self.attrs: list[dict[Any, Any]] = list(ruler.attrs)
        self.single: list[tuple[int, Test]] = []  # (rule, test) of each one-token pattern
        self.multi: list[tuple[int, list[Test], int]] = []  # (rule, token tests, index of the token set)
        for rule in range(len(self.attrs)):
            found = ruler.matcher.get(str(rule))
            alternatives = found[1] if found else []
            for pattern in alternatives:
                if any(set(spec) - set(_ATTRS) for spec in pattern) or not pattern:
                    raise UnreadablePattern(f"rule {rule}: {pattern}")
                tests = [_token_test(strings, spec) for spec in pattern]
                if len(tests) == 1:
                    self.single.append((rule, tests[0]))
                else:
                    self.multi.append((rule, tests, ruler.indices[rule]))
        self._tests = [test for _rule, tests, _index in self.multi for test in tests]
        self._known: dict[Key, tuple[tuple[int, ...], tuple[bool, ...]]] = {}
        self._merged: dict[tuple[int, ...], dict[Any, Any]] = {}

    def known(self, key: Key) -> tuple[tuple[int, ...], tuple[bool, ...]]:
        """For a token with this key: the one-token rules that match it, in rule order, and
        whether it passes each token test of the longer patterns (in their order)."""
        found = self._known.get(key)
        if found is None:
            found = (tuple(rule for rule, test in self.single if test(key)), tuple(t(key) for t in self._tests))
            if len(self._known) < 200_000:
                self._known[key] = found
        return found

    def merged(self, rules: Sequence[int]) -> dict[Any, Any]:
        """The attributes those rules set, applied in order: a later rule's value wins."""
        key = tuple(sorted(rules))
        found = self._merged.get(key)
        if found is None:
            found = {}
            for rule in key:
                found.update(self.attrs[rule])
            self._merged[key] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens._retokenize import set_token_attrs

        known = [self.known(tuple(row)) for row in doc.to_array(self.columns).tolist()]  # type: ignore[arg-type]
        rules: list[Sequence[int]] = [found for found, _passes in known]
        passes = [p for _found, p in known]
        n, first = len(known), 0
        for rule, tests, index in self.multi:
            width = len(tests)
            for start in [i for i in range(n - width + 1) if passes[i][first]]:
                if all(passes[start + k][first + k] for k in range(1, width)):
                    at = start + index if index >= 0 else start + width + index
                    rules[at] = [*rules[at], rule]
            first += width
        for i, found in enumerate(rules):
            if found:
                set_token_attrs(doc[i], self.merged(found))
        return doc


def use_attribute_table(nlp: spacy.Language) -> spacy.Language:
    """Put an :class:`AttributeTable` in the place of the pipeline's ``attribute_ruler``
    (idempotent; a pipeline without one, or with a pattern the table cannot read, is left
    as it is)."""
    from spacy.language import Language

    if "attribute_ruler" not in nlp.pipe_names:
        return nlp
    if not Language.has_factory(COMPONENT):
        Language.factory(COMPONENT, func=lambda nlp, name: AttributeTable(nlp.get_pipe("attribute_ruler")))
    try:
        nlp.add_pipe(COMPONENT, before="attribute_ruler")
    except UnreadablePattern:
        return nlp
    nlp.remove_pipe("attribute_ruler")
    return nlp


__all__ = ["COMPONENT", "AttributeTable", "UnreadablePattern", "use_attribute_table"]
