"""Editing the merge rules file: the lines `newsgraph merge` and `newsgraph split` write.

The rules file is the YAML that :class:`graph.resolve.MergeRules` reads. A merge puts two
names into its ``merge`` list, a split into its ``distinct`` list, one line each, and
``newsgraph rebuild`` applies them. The file is edited as text, so the user's comments and
layout stay; the new text is checked by parsing it before anything is written, and it
replaces the file by a rename, so the file is never half-written.

>>> merge_rule_line("organization", "Apple", "Apple Worldwide Developers Conference", distinct=True)
'  - [Apple, Apple Worldwide Developers Conference]   # under distinct:'
>>> merge_rule_line("person", "Kadyrov", "Ramzan Kadyrov", distinct=False)
'  - {names: [Kadyrov, Ramzan Kadyrov], kind: person}   # under merge:'
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import InputError
from .resolve import MergeRules, basic_key

RULES_ENV = "NEWSGRAPH_RULES"
DEFAULT_RULES_FILE = "newsgraph-rules.yaml"
KINDS = ("person", "organization", "place")


def rules_path(given: str | Path | None = None) -> Path:
    """The rules file: the one given, else ``$NEWSGRAPH_RULES``, else ./newsgraph-rules.yaml."""
    return Path(given or os.environ.get(RULES_ENV) or DEFAULT_RULES_FILE)


def default_rules_file() -> Path | None:
    """The rules file commands apply when none is given: ``$NEWSGRAPH_RULES``, or
    ./newsgraph-rules.yaml when it exists."""
    if os.environ.get(RULES_ENV):
        return Path(os.environ[RULES_ENV])
    path = Path(DEFAULT_RULES_FILE)
    return path if path.is_file() else None


def _item(kind: str | None, a: str, b: str, distinct: bool) -> str:
    names = yaml.safe_dump([a, b], default_flow_style=True, allow_unicode=True, width=10_000).strip()
    if distinct or kind is None:
        return f"- {names}"
    return f"- {{names: {names}, kind: {kind}}}"


def merge_rule_line(kind: str | None, a: str, b: str, distinct: bool) -> str:
    """The line to paste into the rules file to force (``distinct`` False) or forbid a merge
    of two names, with a comment naming the list it belongs to."""
    section = "distinct" if distinct else "merge"
    return f"  {_item(kind, a, b, distinct)}   # under {section}:"


@dataclass(frozen=True)
class RuleWritten:
    """What :func:`add_rule` did: the line it wrote (or found), and any line it took out."""

    path: Path
    line: str
    added: bool
    removed: str | None = None


def add_rule(path: str | Path, kind: str | None, a: str, b: str, *, distinct: bool) -> RuleWritten:
    """Write a merge (or, with ``distinct``, a split) of two names into the rules file.

    A split takes out a merge line of exactly these two names (and a merge a distinct one),
    since a curated merge would otherwise win; a rule that groups them with other names is
    an InputError naming its line. A rule already there is not written again.
    """
    path = Path(path)
    if kind is not None and kind not in KINDS:
        raise InputError(f"kind must be person, organization or place, not {kind!r}")
    if not a.strip() or not b.strip():
        raise InputError("give two names")
    ka, kb = basic_key(a), basic_key(b)
    if ka == kb:
        raise InputError(f"{a!r} and {b!r} are the same name once case, punctuation and 'the' are set aside")
    text = _read(path)
    data = _parse(text, path)
    rules = MergeRules.from_data(data or {}, str(path))
    pair = frozenset({ka, kb})
    section, other = ("distinct", "merge") if distinct else ("merge", "distinct")
    line = _item(kind, a, b, distinct)
    if distinct and any(pair <= group for group in rules.distinct) or not distinct and any(
            pair <= keys and only in (None, kind) for only, keys in rules.merge):
        return RuleWritten(path, line, added=False)
    lines = text.splitlines()
    removed = _take_out(lines, data, other, pair, path)
    lines = _insert(lines, data, section, line)
    new_text = "\n".join(lines) + "\n"
    check = MergeRules.from_data(_parse(new_text, path) or {}, str(path))
    if distinct and pair not in check.distinct or not distinct and (kind, pair) not in check.merge:
        raise InputError(f"{path}: could not add the rule without rewriting the file; add this line "
                         f"under {section}: by hand: {line}")
    _replace(path, new_text)
    return RuleWritten(path, line, added=True, removed=removed)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
    except (UnicodeDecodeError, IsADirectoryError):
        raise InputError(f"{path}: the rules file is not UTF-8 text") from None


def _parse(text: str, path: Path) -> object:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" line {mark.line + 1}:" if mark else ""
        raise InputError(f"{path}:{at} malformed YAML in the rules file; nothing was written") from None


def _section_node(lines: list[str], name: str) -> yaml.Node | None:
    root = yaml.compose("\n".join(lines)) if lines else None
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if key.value == name:
            return value
    return None


def _take_out(lines: list[str], data: object, section: str, pair: frozenset[str], path: Path) -> str | None:
    """Remove the one-line rule of ``section`` that holds exactly ``pair``; refuse a larger group."""
    if not isinstance(data, dict) or not data.get(section):
        return None
    node = _section_node(lines, section)
    if not isinstance(node, yaml.SequenceNode):
        return None
    for item, parsed in zip(node.value, data[section]):
        names = parsed.get("names") if isinstance(parsed, dict) else parsed
        keys = frozenset(basic_key(str(n)) for n in names or [])
        if not pair <= keys:
            continue
        start = item.start_mark.line
        if keys != pair:
            raise InputError(f"{path}: line {start + 1}: this {section} rule joins these names with others; "
                             "edit it by hand (nothing was written)")
        removed = lines[start]
        one_line = _last_line(lines, item) == start and not node.flow_style
        if one_line and removed.lstrip().startswith("-") and sum(
                i.start_mark.line == start for i in node.value) == 1:
            del lines[start]
            return removed.strip()
        raise InputError(f"{path}: line {start + 1}: this {section} rule holds these names; delete it by "
                         "hand (nothing was written)")
    return None


def _last_line(lines: list[str], item: yaml.Node) -> int:
    """The last line of a list item's own text (not the blank or comment lines after it)."""
    end = item.end_mark.line if item.end_mark.column > 0 else item.end_mark.line - 1
    while end > item.start_mark.line and (not lines[end].strip() or lines[end].lstrip().startswith("#")):
        end -= 1
    return end


def _insert(lines: list[str], data: object, section: str, item: str) -> list[str]:
    """``lines`` with ``item`` added at the end of ``section``, which is created if missing."""
    node = _section_node(lines, section)
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        last = node.value[-1]
        first_line = lines[node.value[0].start_mark.line]
        indent = first_line[: len(first_line) - len(first_line.lstrip())]
        at = _last_line(lines, last) + 1
        return lines[:at] + [indent + item] + lines[at:]
    if isinstance(data, dict) and section in data and not data[section]:
        at = next(i for i, text in enumerate(lines) if text.startswith(f"{section}:"))
        comment = lines[at].partition("#")[2]
        return lines[:at] + [f"{section}:" + (f"  #{comment}" if comment else ""), "  " + item] + lines[at + 1:]
    if isinstance(data, dict) and section in data:
        return lines  # a flow-style list: the check after the edit reports it
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines + ([""] if lines else []) + [f"{section}:", "  " + item]


def _replace(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
