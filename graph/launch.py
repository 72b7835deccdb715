"""The ``newsgraph`` command's entry point: the CLI, loaded so that Ctrl-C is one line.

Loading the CLI takes a few tenths of a second (click, the rules reader, the date
patterns). Ctrl-C in that time stops the command like Ctrl-C later does: one line,
``newsgraph: interrupted``, and exit code 130, never a traceback. Nothing has been read
or written by then.
"""
from __future__ import annotations

import sys

from .errors import INTERRUPTED


def main() -> None:
    """Load the CLI and run it."""
    try:
        from .cli import main as cli_main
    except KeyboardInterrupt:
        sys.stderr.write("newsgraph: interrupted\n")
        raise SystemExit(INTERRUPTED) from None
    cli_main()
