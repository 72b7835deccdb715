"""A progress report for long runs: count done, rate and time left, honest from the start.

The rate is the articles done divided by the time since the run *began* (``start``,
before any model was loaded or file read), never since the first batch came back, so
the first figure is not a burst of thousands per second. On a terminal one line is
redrawn (at most ten times a second); elsewhere (a pipe, a log file) a line is printed
at each quarter of the run and at most every five minutes in between, never one per article.

>>> import io
>>> out, now = io.StringIO(), [0.0]
>>> bar = ProgressReport(out, tty=False, start=0.0, clock=lambda: now[0])
>>> for done in range(1, 9):
...     now[0] = done * 0.5
...     bar(done, 8)
>>> bar.close()
>>> print(out.getvalue(), end="")
ingesting: 2/8 (25%), 2.0 articles/s, 0:03 left
ingesting: 4/8 (50%), 2.0 articles/s, 0:02 left
ingesting: 6/8 (75%), 2.0 articles/s, 0:01 left
ingesting: 8/8 (100%), 2.0 articles/s, done in 0:04
"""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

REDRAW_SECONDS = 0.1  # on a terminal
LOG_SECONDS = 300.0  # elsewhere: at least one line this often, besides each quarter


def clock_time(seconds: float) -> str:
    """``m:ss`` or ``h:mm:ss``.

    >>> clock_time(75), clock_time(3725)
    ('1:15', '1:02:05')
    """
    s = int(round(seconds))
    h, rest = divmod(s, 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60}:{rest % 60:02d}"


def rate_text(per_second: float) -> str:
    """Two significant figures at most: ``0.42``, ``3.1``, ``57``."""
    if per_second >= 10:
        return f"{per_second:.0f}"
    return f"{per_second:.1f}" if per_second >= 1 else f"{per_second:.2f}"


class ProgressReport:
    """Called as ``report(done, total)`` after each article; :meth:`close` ends the line."""

    def __init__(self, stream: TextIO, *, tty: bool | None = None, label: str = "ingesting",
                 unit: str = "articles", start: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream, self.label, self.unit, self.clock = stream, label, unit, clock
        self.tty = stream.isatty() if tty is None else tty
        self.start = clock() if start is None else start
        self.last_shown = -1.0
        self.quarter = 0  # quarters already reported (not on a terminal)
        self.drawn = False
        self.done = self.total = 0

    def line(self, done: int, total: int) -> str:
        elapsed = max(self.clock() - self.start, 1e-6)
        rate = done / elapsed
        percent = 100 * done // max(total, 1)
        if done >= total:
            left = f"done in {clock_time(elapsed)}"
        else:
            left = f"{clock_time((total - done) / rate)} left" if rate > 0 else "time left unknown"
        return f"{self.label}: {done}/{total} ({percent}%), {rate_text(rate)} {self.unit}/s, {left}"

    def __call__(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        now = self.clock()
        if self.tty:
            if done >= total or now - self.last_shown >= REDRAW_SECONDS:
                self.stream.write("\r" + self.line(done, total).ljust(78) + "\x1b[K")
                self.stream.flush()
                self.last_shown, self.drawn = now, True
            return
        quarter = 4 * done // max(total, 1)
        if quarter > self.quarter or now - max(self.last_shown, self.start) >= LOG_SECONDS:
            self.quarter = max(quarter, self.quarter)
            self.stream.write(self.line(done, total) + "\n")
            self.stream.flush()
            self.last_shown = now

    def close(self) -> None:
        """End the terminal line, leaving the last figures drawn (once; later calls do nothing)."""
        if self.tty and self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False


__all__ = ["ProgressReport", "clock_time", "rate_text"]
