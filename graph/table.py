"""Plain-text tables that fit a width: the widest columns give way first, cut with "…".

>>> print(render_table(["name", "n"], [["Ramzan Kadyrov", "12"], ["Novaya Gazeta", "3"]], width=20), end="")
name            n
--------------  --
Ramzan Kadyrov  12
Novaya Gazeta    3
(2 rows)
>>> print(render_table(["headline", "n"], [["A very long headline about a court case", "7"]], width=24), end="")
headline               n
---------------------  -
A very long headline…  7
(1 row)
"""
from __future__ import annotations

import re
import shutil

GAP = "  "
MIN_WIDTH = 8  # a column is never cut narrower than this (or its header, or its widest cell)
FIRST_FLOOR = 30  # columns that give way first do so down to this width
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def terminal_width(width: int | None = None) -> int:
    """``width``, else the terminal's (``$COLUMNS`` when set), else 100 when not a terminal."""
    if width:
        return width
    return shutil.get_terminal_size((100, 24)).columns


def fit_widths(natural: list[int], floors: list[int], width: int, first: tuple[int, ...] = ()) -> list[int]:
    """Column widths summing (with gaps) to at most ``width``: the columns ``first`` give
    way first (down to :data:`FIRST_FLOOR`), then the widest.

    >>> fit_widths([40, 10, 30], [8, 8, 8], 50)
    [18, 10, 18]
    >>> fit_widths([60, 10, 40], [8, 8, 8], 80, first=(2,))
    [36, 10, 30]
    """
    widths = list(natural)
    excess = sum(widths) + len(GAP) * (len(widths) - 1) - width
    while excess > 0:
        shrinkable = [i for i in first if widths[i] > max(floors[i], FIRST_FLOOR)] or \
            [i for i, w in enumerate(widths) if w > floors[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: (widths[i], -i))
        widths[widest] -= 1
        excess -= 1
    return widths


def _cut(cell: str, width: int) -> str:
    return cell if len(cell) <= width else cell[: max(width - 1, 0)] + "…"


def render_table(header: list[str], rows: list[list[str]], *, width: int | None = None, count: bool = True,
                 first: tuple[int, ...] = ()) -> str:
    """An aligned table no wider than ``width`` (see :func:`terminal_width`), the columns
    ``first`` cut first; numbers right-aligned."""
    cells = [[" ".join(str(c).split()) for c in row] for row in rows]
    natural = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
    floors = [min(n, max(len(h), MIN_WIDTH)) for n, h in zip(natural, header)]
    widths = fit_widths(natural, floors, terminal_width(width), first)
    numeric = [bool(cells) and all(_NUMBER.fullmatch(r[i]) or not r[i] for r in cells) for i in range(len(header))]

    def line(values: list[str], align: bool = True) -> str:
        out = []
        for i, (value, w) in enumerate(zip(values, widths)):
            value = _cut(value, w)
            out.append(value.rjust(w) if align and numeric[i] else value.ljust(w))
        return GAP.join(out).rstrip()

    lines = [line(header, align=False), line(["-" * w for w in widths], align=False)]
    lines += [line(r) for r in cells]
    if count:
        lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


__all__ = ["fit_widths", "render_table", "terminal_width"]
